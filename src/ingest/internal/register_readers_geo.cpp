// postcodes (ONS postcode directory), postcode-districts (doogal's district list), deprivation
// (English Indices of Deprivation, file 1) and area-names (GSS code -> name).
#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <unordered_set>

#include "core/postcode.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

// ONS writes "pseudo" codes such as S99999999 or L99999999 where a postcode has no area of that
// kind (Channel Islands, Scotland for English-only geographies): they mean "none".
std::string_view AreaCode(std::string_view code) {
  if (core::EndsWith(code, "99999999")) return {};
  return code;
}

class PostcodesReader final : public RegisterReader {
 public:
  struct Columns {
    std::int32_t postcode = -1, local_authority = -1, ward = -1, lsoa = -1, terminated = -1;
  };
  PostcodesReader(const Columns& c, std::size_t width) : c_(c), width_(width) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view text = Cell(row, c_.postcode);
    place_.postcode = core::NormalisePostcode(text);
    if (place_.postcode.empty()) {
      return sink.Reject(row, c_.postcode + 1, ErrorCode::kMissingPayee,
                         text.empty() ? std::string("the postcode is empty")
                                      : fmt::format("'{}' is not a postcode", text));
    }
    place_.local_authority.assign(AreaCode(Cell(row, c_.local_authority)));
    place_.ward.assign(AreaCode(Cell(row, c_.ward)));
    place_.lsoa.assign(AreaCode(Cell(row, c_.lsoa)));
    if (!Cell(row, c_.terminated).empty()) ++terminated_;
    return sink.Place(place_);
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (terminated_ > 0) {
      notes.push_back(
          fmt::format("{} terminated postcode{} kept (payments may be to old "
                      "addresses)",
                      terminated_, terminated_ == 1 ? "" : "s"));
    }
  }

  std::string_view Variant() const override { return "ONS postcode directory"; }
  std::size_t Width() const override { return width_; }

 private:
  Columns c_;
  std::size_t width_;
  store::PostcodePlace place_;
  std::int64_t terminated_ = 0;
};

class PostcodeDistrictsReader final : public RegisterReader {
 public:
  PostcodeDistrictsReader(std::int32_t district, std::int32_t authority, std::int32_t active,
                          std::size_t width)
      : district_(district), authority_(authority), active_(active), width_(width) {
    place_.district = true;
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view text = Cell(row, district_);
    place_.postcode = core::PostcodeDistrict(text);
    if (place_.postcode.empty()) {
      // Retired districts (W1M, NPT) are listed with no active postcodes: not an error.
      if (Cell(row, active_) == "0") {
        sink.Skip();
        if (!retired_.empty()) retired_ += ", ";
        retired_ += text;
        return {};
      }
      return sink.Reject(row, district_ + 1, ErrorCode::kMissingPayee,
                         fmt::format("'{}' is not a postcode district", text));
    }
    const std::string_view authority = Cell(row, authority_);
    if (authority.empty()) {
      sink.Skip();
      ++without_authority_;
      return {};
    }
    place_.local_authority_name.assign(authority);
    return sink.Place(place_);
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (!retired_.empty()) {
      notes.push_back(
          fmt::format("retired districts without active postcodes skipped: {}", retired_));
    }
    if (without_authority_ > 0) {
      notes.push_back(fmt::format("{} district{} without a local authority skipped",
                                  without_authority_, without_authority_ == 1 ? "" : "s"));
    }
  }

  std::string_view Variant() const override { return "postcode districts"; }
  std::size_t Width() const override { return width_; }

 private:
  std::int32_t district_, authority_, active_;
  std::size_t width_;
  store::PostcodePlace place_;
  std::int64_t without_authority_ = 0;
  std::string retired_;
};

// "29,199" -> 29199; nullopt when not a whole number.
std::optional<std::int32_t> ParseCount(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ',' || c == ' ') continue;
    digits += c;
  }
  std::int32_t value = 0;
  const char* end = digits.data() + digits.size();
  auto [p, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || p != end) return std::nullopt;
  return value;
}

class DeprivationReader final : public RegisterReader {
 public:
  DeprivationReader(std::int32_t lsoa, std::int32_t authority, std::int32_t rank,
                    std::int32_t decile, std::size_t width)
      : lsoa_(lsoa), authority_(authority), rank_(rank), decile_(decile), width_(width) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view lsoa = Cell(row, lsoa_);
    if (lsoa.empty()) {
      return sink.Reject(row, lsoa_ + 1, ErrorCode::kMissingPayee, "the LSOA code is empty");
    }
    const auto rank = ParseCount(Cell(row, rank_));
    if (!rank || *rank < 1) {
      return sink.Reject(row, rank_ + 1, ErrorCode::kBadAmount,
                         fmt::format("'{}' is not a rank (1 = most deprived)", Cell(row, rank_)));
    }
    const auto decile = ParseCount(Cell(row, decile_));
    if (!decile || *decile < 1 || *decile > 10) {
      return sink.Reject(row, decile_ + 1, ErrorCode::kBadAmount,
                         fmt::format("'{}' is not a decile from 1 to 10", Cell(row, decile_)));
    }
    record_.lsoa.assign(lsoa);
    record_.local_authority.assign(Cell(row, authority_));
    record_.rank = *rank;
    record_.decile = *decile;
    return sink.Deprivation(record_);
  }

  std::string_view Variant() const override { return "English Indices of Deprivation"; }
  std::size_t Width() const override { return width_; }

 private:
  std::int32_t lsoa_, authority_, rank_, decile_;
  std::size_t width_;
  store::Deprivation record_;
};

class AreaNamesReader final : public RegisterReader {
 public:
  AreaNamesReader(std::vector<std::pair<std::int32_t, std::int32_t>> pairs, std::size_t width)
      : pairs_(std::move(pairs)), width_(width) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    for (const auto& [code_col, name_col] : pairs_) {
      const std::string_view code = Cell(row, code_col);
      const std::string_view name = Cell(row, name_col);
      if (code.empty() && name.empty()) continue;
      if (code.empty()) {
        return sink.Reject(row, code_col + 1, ErrorCode::kMissingPayee,
                           fmt::format("the code for '{}' is empty", name));
      }
      if (name.empty()) {
        return sink.Reject(row, name_col + 1, ErrorCode::kMissingPayee,
                           fmt::format("the name for '{}' is empty", code));
      }
      // Lookups repeat a district's code on every row: store each code once.
      if (pairs_.size() > 1 && !seen_.emplace(code).second) continue;
      area_.code.assign(code);
      area_.name.assign(name);
      if (auto s = sink.Area(area_); !s) return s;
    }
    return {};
  }

  std::string_view Variant() const override { return "area names"; }
  std::size_t Width() const override { return width_; }

 private:
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs_;
  std::size_t width_;
  store::AreaName area_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::unique_ptr<RegisterReader> MakePostcodesReader(const Header& h, const ReadContext&) {
  PostcodesReader::Columns c;
  c.postcode = h.Find({"pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode"});
  c.local_authority = h.Find({"oslaua", "laua", "lad"});
  c.ward = h.Find({"osward", "ward"});
  c.lsoa = h.Find({"lsoa11", "lsoa11cd", "lsoa"});
  c.terminated = h.Find({"doterm"});
  if (c.postcode < 0 || c.local_authority < 0 || c.ward < 0 || c.lsoa < 0) return nullptr;
  return std::make_unique<PostcodesReader>(c, h.size());
}

std::unique_ptr<RegisterReader> MakePostcodeDistrictsReader(const Header& h, const ReadContext&) {
  const std::int32_t district = h.Find({"postcode", "postcodedistrict", "district"});
  const std::int32_t authority = h.Find({"region", "localauthority", "localauthorityname"});
  if (district < 0 || authority < 0 || h.Find({"oslaua"}) >= 0) return nullptr;
  return std::make_unique<PostcodeDistrictsReader>(district, authority, h.Find({"activepostcodes"}),
                                                   h.size());
}

std::unique_ptr<RegisterReader> MakeDeprivationReader(const Header& h, const ReadContext&) {
  std::int32_t lsoa = h.FindLike("lsoacode");
  if (lsoa < 0) lsoa = h.Find({"lsoa11cd", "lsoa"});
  const std::int32_t authority = h.FindLike("localauthoritydistrictcode");
  std::int32_t rank = h.FindLike("indexofmultipledeprivation", "rank");
  if (rank < 0) rank = h.Find({"imdrank"});
  std::int32_t decile = h.FindLike("indexofmultipledeprivation", "decile");
  if (decile < 0) decile = h.Find({"imddecile"});
  if (lsoa < 0 || rank < 0 || decile < 0) return nullptr;
  return std::make_unique<DeprivationReader>(lsoa, authority, rank, decile, h.size());
}

std::unique_ptr<RegisterReader> MakeAreaNamesReader(const Header& h, const ReadContext&) {
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  if (const std::int32_t code = h.Find({"code"}), name = h.Find({"name"}); code >= 0 && name >= 0) {
    pairs.emplace_back(code, name);
  }
  // ONS lookups: LAD19CD / LAD19NM, WD22CD / WD22NM, ...
  const std::vector<std::string>& keys = h.keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& k = keys[i];
    if (k.size() <= 2 || !core::EndsWith(k, "cd")) continue;
    const std::int32_t name = h.Find({k.substr(0, k.size() - 2) + "nm"});
    if (name >= 0) pairs.emplace_back(static_cast<std::int32_t>(i), name);
  }
  if (pairs.empty()) return nullptr;
  return std::make_unique<AreaNamesReader>(std::move(pairs), h.size());
}

}  // namespace anchornet::ingest::registers
