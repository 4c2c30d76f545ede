// ghg-factors: the UK government's GHG conversion factors for company reporting, flat file
// (DESNZ, one file per year: a short preamble, then ID, Scope, Level 1..4, Column Text, UOM,
// GHG/Unit, "GHG Conversion Factor <year>"). The year comes from the last column's header.
// Factors the publisher left blank (not applicable) are skipped and counted in the notes.
#include <fmt/format.h>

#include <cstdlib>
#include <string>

#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

class GhgFactorsReader final : public RegisterReader {
 public:
  struct Columns {
    std::int32_t id = -1, scope = -1, level[4] = {-1, -1, -1, -1}, column_text = -1, unit = -1,
                 ghg_unit = -1, value = -1;
  };

  GhgFactorsReader(const Columns& c, int year, std::size_t width) : c_(c), width_(width) {
    factor_.year = year;
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view id = core::Trim(Cell(row, c_.id));
    const std::string_view value = core::Trim(Cell(row, c_.value));
    // The file ends with ",END": not a factor.
    if (id.empty() && core::Trim(Cell(row, c_.scope)) == "END") {
      sink.Skip();
      return {};
    }
    if (id.empty()) {
      return sink.Reject(row, c_.id + 1, ErrorCode::kMissingPayee, "the factor's ID is empty");
    }
    if (value.empty()) {
      ++blank_;
      sink.Skip();
      return {};
    }
    const std::string text(value);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
      return sink.Reject(row, c_.value + 1, ErrorCode::kBadAmount,
                         fmt::format("'{}' is not a number", text));
    }
    factor_.id.assign(id);
    factor_.scope.assign(core::Trim(Cell(row, c_.scope)));
    std::string* levels[4] = {&factor_.level1, &factor_.level2, &factor_.level3, &factor_.level4};
    for (int i = 0; i < 4; ++i) levels[i]->assign(core::Trim(Cell(row, c_.level[i])));
    factor_.column_text.assign(core::Trim(Cell(row, c_.column_text)));
    factor_.unit.assign(core::Trim(Cell(row, c_.unit)));
    factor_.ghg_unit.assign(core::Trim(Cell(row, c_.ghg_unit)));
    factor_.value_text = text;
    factor_.value = v;
    return sink.Factor(factor_);
  }

  void AddNotes(std::vector<std::string>& notes) override {
    notes.push_back(fmt::format("factors for {}", factor_.year));
    if (blank_ > 0) {
      notes.push_back(fmt::format("{} rows with no factor (left blank by the publisher) skipped",
                                  blank_));
    }
  }
  std::string_view Variant() const override { return "DESNZ GHG conversion factors, flat file"; }
  std::size_t Width() const override { return width_; }

 private:
  Columns c_;
  std::size_t width_;
  store::GhgFactor factor_;
  std::int64_t blank_ = 0;
};

}  // namespace

std::unique_ptr<RegisterReader> MakeGhgFactorsReader(const Header& h, const ReadContext&) {
  GhgFactorsReader::Columns c;
  c.id = h.Find({"id"});
  c.scope = h.Find({"scope"});
  for (int i = 0; i < 4; ++i) c.level[i] = h.Find({fmt::format("level{}", i + 1)});
  c.column_text = h.Find({"columntext"});
  c.unit = h.Find({"uom"});
  c.ghg_unit = h.Find({"ghgunit"});
  c.value = h.FindLike("ghgconversionfactor");
  if (c.id < 0 || c.scope < 0 || c.level[0] < 0 || c.unit < 0 || c.ghg_unit < 0 || c.value < 0) {
    return nullptr;
  }
  // "GHG Conversion Factor 2023" -> 2023.
  const std::string& key = h.keys()[static_cast<std::size_t>(c.value)];
  const std::string digits = key.substr(std::string("ghgconversionfactor").size());
  const int year = digits.size() == 4 ? std::atoi(digits.c_str()) : 0;
  if (year < 1990 || year > 2100) return nullptr;
  return std::make_unique<GhgFactorsReader>(c, year, h.size());
}

}  // namespace anchornet::ingest::registers
