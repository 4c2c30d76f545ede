// nhs-trusts (the NHS ODS trust list, no header row) and public-bodies (a network's list of
// public bodies: name,kind[,id][,aliases]).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/postcode.h"
#include "core/supplier.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

// ODS etr.csv columns (0-based): code, name, national grouping, high-level health geography,
// address lines 1-5, postcode, open date, close date, ...
constexpr std::int32_t kOdsCode = 0, kOdsName = 1, kOdsGrouping = 2, kOdsPostcode = 9,
                       kOdsOpened = 10, kOdsClosed = 11;
constexpr std::string_view kLondonGrouping = "Y56";

bool IsOdsCode(std::string_view s) {
  return s.size() >= 3 && s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

bool IsYyyymmdd(std::string_view s) {
  return s.size() == 8 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class NhsTrustsReader final : public RegisterReader {
 public:
  explicit NhsTrustsReader(std::size_t width) : width_(width) {
    org_.scheme = "GB-NHS";
    org_.form = "NHS trust";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view code = Cell(row, kOdsCode);
    if (!IsOdsCode(code)) {
      return sink.Reject(row, kOdsCode + 1, ErrorCode::kMissingPayee,
                         fmt::format("'{}' is not an NHS ODS organisation code", code));
    }
    const std::string_view name = Cell(row, kOdsName);
    if (name.empty()) {
      return sink.Reject(row, kOdsName + 1, ErrorCode::kMissingPayee, "the trust's name is empty");
    }
    const std::string_view opened = Cell(row, kOdsOpened);
    std::string opened_iso = IsoDate(opened);
    if (!opened.empty() && opened_iso.empty()) {
      return sink.Reject(row, kOdsOpened + 1, ErrorCode::kBadDate,
                         fmt::format("'{}' is not an open date (yyyymmdd)", opened));
    }
    const std::string_view closed = Cell(row, kOdsClosed);
    if (!closed.empty() && IsoDate(closed).empty()) {
      return sink.Reject(row, kOdsClosed + 1, ErrorCode::kBadDate,
                         fmt::format("'{}' is not a close date (yyyymmdd)", closed));
    }
    org_.id.assign(code);
    org_.name.assign(name);
    org_.postcode = core::NormalisePostcode(Cell(row, kOdsPostcode));
    org_.status = closed.empty() ? "Active" : "Closed";
    org_.as_of = std::move(opened_iso);
    if (!closed.empty()) ++closed_;
    if (Cell(row, kOdsGrouping) == kLondonGrouping) ++london_;
    return sink.Org(org_);
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (closed_ > 0) {
      notes.push_back(
          fmt::format("{} closed trust{} kept with status Closed (payments may "
                      "predate the closure)",
                      closed_, closed_ == 1 ? "" : "s"));
    }
    notes.push_back(fmt::format("{} trust{} in NHS London (national grouping {})", london_,
                                london_ == 1 ? "" : "s", kLondonGrouping));
  }

  std::string_view Variant() const override { return "NHS ODS trust list (no header row)"; }
  bool HeaderIsData() const override { return true; }
  std::size_t Width() const override { return width_; }

 private:
  std::size_t width_;
  store::RegisterOrg org_;
  std::int64_t closed_ = 0;
  std::int64_t london_ = 0;
};

std::string PublicBodyKindChoices() {
  std::string out;
  for (int k = static_cast<int>(core::PublicBodyKind::kLocalGovernment);
       k <= static_cast<int>(core::PublicBodyKind::kOtherPublic); ++k) {
    if (!out.empty()) out += ", ";
    out += core::PublicBodyKindName(static_cast<core::PublicBodyKind>(k));
  }
  return out;
}

class PublicBodiesReader final : public RegisterReader {
 public:
  PublicBodiesReader(std::int32_t name, std::int32_t kind, std::int32_t id, std::int32_t aliases,
                     std::size_t width)
      : name_(name), kind_(kind), id_(id), aliases_(aliases), width_(width) {
    org_.scheme = "GB-PUB";
    alias_.scheme = "GB-PUB";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view name = Cell(row, name_);
    if (name.empty()) {
      return sink.Reject(row, name_ + 1, ErrorCode::kMissingPayee, "the body's name is empty");
    }
    const std::string_view kind_text = Cell(row, kind_);
    const auto kind = core::ParsePublicBodyKind(kind_text);
    if (!kind || *kind == core::PublicBodyKind::kNone || *kind == core::PublicBodyKind::kMember) {
      return sink.Reject(
          row, kind_ + 1, ErrorCode::kConfigInvalid,
          fmt::format("kind '{}' is not one of: {}", kind_text, PublicBodyKindChoices()));
    }
    const std::string_view id_text = Cell(row, id_);
    std::string id = Slug(id_text.empty() ? name : id_text);
    if (id.empty()) {
      return sink.Reject(row, (id_text.empty() ? name_ : id_) + 1, ErrorCode::kMissingPayee,
                         "no id can be made from this row: give letters or digits");
    }
    auto [it, added] = seen_.emplace(id, row.line);
    if (!added) {
      return sink.Reject(row, (id_text.empty() ? name_ : id_) + 1, ErrorCode::kConfigInvalid,
                         fmt::format("id '{}' is already used on line {}", id, it->second));
    }
    org_.id = id;
    org_.name.assign(name);
    org_.form.assign(core::PublicBodyKindName(*kind));
    if (auto s = sink.Org(org_); !s) return s;
    alias_.id = org_.id;
    for (std::string_view alias : core::Split(Cell(row, aliases_), ';')) {
      alias = core::Trim(alias);
      if (alias.empty()) continue;
      alias_.name.assign(alias);
      if (auto s = sink.Name(alias_); !s) return s;
    }
    return {};
  }

  std::string_view Variant() const override { return "public bodies"; }
  std::size_t Width() const override { return width_; }

 private:
  std::int32_t name_, kind_, id_, aliases_;
  std::size_t width_;
  store::RegisterOrg org_;
  store::RegisterName alias_;
  std::unordered_map<std::string, std::int64_t> seen_;  // id -> line
};

}  // namespace

std::unique_ptr<RegisterReader> MakeNhsTrustsReader(const Header& h, const ReadContext&) {
  const std::vector<std::string>& c = h.cells();
  if (c.size() <= static_cast<std::size_t>(kOdsClosed)) return nullptr;
  if (!IsOdsCode(c[kOdsCode]) || c[kOdsName].empty() || !IsYyyymmdd(c[kOdsOpened])) {
    return nullptr;
  }
  return std::make_unique<NhsTrustsReader>(c.size());
}

std::unique_ptr<RegisterReader> MakePublicBodiesReader(const Header& h, const ReadContext&) {
  const std::int32_t name = h.Find({"name"});
  const std::int32_t kind = h.Find({"kind"});
  if (name < 0 || kind < 0) return nullptr;
  return std::make_unique<PublicBodiesReader>(name, kind, h.Find({"id"}), h.Find({"aliases"}),
                                              h.size());
}

}  // namespace anchornet::ingest::registers
