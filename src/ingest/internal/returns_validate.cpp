// Validation of a member's return (docs/returns.md, "Validation"): each row is taken or becomes
// an issue with its line, column and code; warnings keep the row. Carbon projects are converted
// with the DESNZ factor of their activity year, found in the store's factor table.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/money.h"
#include "core/supplier.h"
#include "core/text.h"
#include "ingest/internal/returns_internal.h"

namespace anchornet::ingest::returns {

namespace {

using core::ErrorCode;
using core::ReturnUnit;

// Differences smaller than these are never outliers, whatever the ratio.
constexpr std::int64_t kOutlierMinCount = 10;
constexpr std::int64_t kOutlierMinPence = std::int64_t{10'000} * 100;  // £10,000
constexpr std::int64_t kOutlierMinKg = std::int64_t{10} * 1000;        // 10 tonnes
constexpr std::int64_t kOutlierRatio = 3;
constexpr std::size_t kCandidatesShown = 3;

void AddIssue(std::vector<SequencedIssue>& issues, const RowRef& at, std::int32_t column,
              ErrorCode code, const std::string& message, bool warning = false) {
  SequencedIssue i;
  i.seq = at.seq;
  i.issue.reject = core::Reject{at.line, column, code, Where(at) + message, at.raw};
  i.issue.warning = warning;
  issues.push_back(std::move(i));
}

// Column of a field, or of `fallback` when the file has no such column.
std::int32_t ColumnOr(const Field& f, const Field& fallback) {
  return f.column != 0 ? f.column : fallback.column;
}

std::string Named(const core::ReturnMeasure& m) { return fmt::format("{} ({})", m.id, m.label); }

std::string MeasureIds() {
  std::string out;
  for (const core::ReturnMeasure& m : core::ReturnMeasures()) {
    if (!out.empty()) out += ", ";
    out += m.id;
  }
  return out;
}

std::string_view UnitWords(ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return "a whole number, 0 or more";
    case ReturnUnit::kPounds:
      return "an amount in pounds, 0 or more, such as 1234.50";
    case ReturnUnit::kTonnes:
      return "tonnes CO2e, 0 or more, with up to 3 decimals";
  }
  return "a number";
}

// A measure by id, or by its label as the template writes it.
const core::ReturnMeasure* FindMeasure(std::string_view text) {
  if (const core::ReturnMeasure* m = core::FindReturnMeasure(text)) return m;
  const std::string want = core::FoldForKey(text);
  for (const core::ReturnMeasure& m : core::ReturnMeasures()) {
    if (core::FoldForKey(m.label) == want) return &m;
  }
  return nullptr;
}

std::int64_t OutlierMinimum(ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return kOutlierMinCount;
    case ReturnUnit::kPounds:
      return kOutlierMinPence;
    case ReturnUnit::kTonnes:
      return kOutlierMinKg;
  }
  return kOutlierMinCount;
}

// The flag of a figure far from last year's, or "" when it is not.
std::string OutlierFlag(std::int64_t value, std::int64_t last, ReturnUnit unit) {
  const std::int64_t gap = value > last ? value - last : last - value;
  if (gap < OutlierMinimum(unit)) return {};
  const bool high = value > kOutlierRatio * last;
  const bool low = value * kOutlierRatio < last;
  if (!high && !low) return {};
  const std::string last_text = core::FormatMeasureValue(last, unit);
  if (last == 0) return fmt::format("up from {} last year", last_text);
  if (value == 0) return fmt::format("down to 0 from last year's {}", last_text);
  const double ratio = static_cast<double>(value) / static_cast<double>(last);
  const std::string times =
      ratio >= 10 ? fmt::format("{:.0f}", ratio)
                  : (ratio >= 1 ? fmt::format("{:.1f}", ratio) : fmt::format("{:.2f}", ratio));
  return fmt::format("{}x last year's {}", times, last_text);
}

// A non-negative decimal such as "100,000" or "12.5"; nullopt otherwise.
std::optional<double> ParseActivity(std::string_view text, std::string* why) {
  std::string digits;
  for (char c : core::Trim(text)) {
    if (c != ',') digits.push_back(c);
  }
  if (digits.empty()) {
    *why = "blank";
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    *why = "not a number";
    return std::nullopt;
  }
  if (value < 0) {
    *why = "negative";
    return std::nullopt;
  }
  return value;
}

// Lower-case words separated by single spaces, punctuation dropped: "Electricity: UK" ->
// "electricity uk".
std::string Words(std::string_view text) {
  std::string out;
  bool space = true;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || u >= 0x80) {
      out += static_cast<char>(std::tolower(u));
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsTotalCo2e(const store::GhgFactor& f) {
  return core::ToLowerAscii(core::Trim(f.ghg_unit)) == "kg co2e";
}

// "kWh (Gross CV)" -> "kwh"
std::string BareUnit(std::string_view unit) {
  const std::size_t paren = unit.find('(');
  return core::ToLowerAscii(core::Trim(unit.substr(0, paren)));
}

// How many parts of the factor's path the member wrote out in full: breaks ties between factors
// that contain every word of the activity ("UK electricity > Electricity generated" beats
// "Managed assets- electricity > Electricity generated" for "Electricity generated UK
// electricity").
int PhraseScore(const store::GhgFactor& f, const std::string& activity_words) {
  const std::string padded = " " + activity_words + " ";
  int score = 0;
  for (const std::string* part : {&f.level1, &f.level2, &f.level3, &f.level4, &f.column_text}) {
    const std::string w = Words(*part);
    if (!w.empty() && padded.find(" " + w + " ") != std::string::npos) ++score;
  }
  return score;
}

std::string Candidate(const store::GhgFactor& f) {
  return fmt::format("{} per {} [ID {}]", FactorPath(f), f.unit, f.id);
}

bool Contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string KindList() {
  std::string out;
  for (std::string_view k : core::CarbonProjectKinds()) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

std::string TransferName(const TransferRow& t) {
  return t.recipient.text.empty() ? std::string("levy transfer")
                                  : fmt::format("levy transfer to {}", t.recipient.text);
}

std::string ProjectName(const ProjectRow& p) {
  return p.id.text.empty() ? std::string("carbon project")
                           : fmt::format("carbon project {}", p.id.text);
}

}  // namespace

std::string FactorPath(const store::GhgFactor& f) {
  std::string out;
  for (const std::string* part : {&f.level1, &f.level2, &f.level3, &f.level4}) {
    if (core::Trim(*part).empty()) continue;
    if (!out.empty()) out += " > ";
    out += core::Trim(*part);
  }
  if (!core::Trim(f.column_text).empty()) {
    out += fmt::format(" ({})", core::Trim(f.column_text));
  }
  return out;
}

core::Result<std::optional<core::MemberReturn>> Validator::PreviousYear(const std::string& member,
                                                                        int financial_year,
                                                                        int quarter) {
  if (auto it = checked_.find({member, financial_year - 1, quarter}); it != checked_.end()) {
    return std::optional<core::MemberReturn>(it->second);
  }
  store::ReturnFilter filter;
  filter.financial_year = financial_year - 1;
  filter.member = member;
  auto subs = store_.ListReturnSubmissions(filter);
  if (!subs) return tl::unexpected(subs.error());
  for (const store::ReturnSubmission& s : *subs) {
    if (s.quarter != quarter || s.superseded_by != 0) continue;
    auto ret = store_.LoadReturn(s.id);
    if (!ret) return tl::unexpected(ret.error());
    return std::optional<core::MemberReturn>(std::move(*ret));
  }
  return std::optional<core::MemberReturn>();
}

core::Result<const std::vector<store::GhgFactor>*> Validator::FactorsOfYear(int year) {
  if (auto it = factors_by_year_.find(year); it != factors_by_year_.end()) return &it->second;
  auto all = store_.FindGhgFactors(year, "");
  if (!all) return tl::unexpected(all.error());
  return &factors_by_year_.emplace(year, std::move(*all)).first->second;
}

core::Result<const std::map<std::string, std::set<std::string>>*> Validator::ClaimedProjects() {
  if (claimed_) return &*claimed_;
  std::map<std::string, std::set<std::string>> claimed;
  auto subs = store_.ListReturnSubmissions(store::ReturnFilter{});
  if (!subs) return tl::unexpected(subs.error());
  for (const store::ReturnSubmission& s : *subs) {
    if (s.projects == 0 || s.superseded_by != 0) continue;
    auto ret = store_.LoadReturn(s.id);
    if (!ret) return tl::unexpected(ret.error());
    for (const core::CarbonProject& p : ret->projects) {
      claimed[core::ToUpperAscii(core::Trim(p.id))].insert(s.member);
    }
  }
  claimed_ = std::move(claimed);
  return &*claimed_;
}

core::Result<bool> Validator::ResolveFactor(const ProjectRow& row, core::CarbonProject& p,
                                            Checked& out) {
  const std::string name = ProjectName(row);
  auto year_factors = FactorsOfYear(p.activity_year);
  if (!year_factors) return tl::unexpected(year_factors.error());
  if ((*year_factors)->empty()) {
    AddIssue(out.issues, row.at, ColumnOr(row.year, row.activity), ErrorCode::kNoFactor,
             fmt::format("{}: no DESNZ conversion factors for {} are loaded: import that year's "
                         "flat file (`anchornet import register ghg-factors FILE`) or give "
                         "another activity year",
                         name, p.activity_year));
    return false;
  }
  const std::string unit = core::ToLowerAscii(core::Trim(p.unit));
  auto use = [&](const store::GhgFactor& f) {
    p.factor_id = f.id;
    p.factor_path = FactorPath(f);
    p.factor = f.value;
  };

  // A factor ID wins.
  const std::string activity(core::Trim(p.activity));
  for (const store::GhgFactor& f : **year_factors) {
    if (core::ToLowerAscii(f.id) != core::ToLowerAscii(activity)) continue;
    if (!IsTotalCo2e(f)) {
      AddIssue(out.issues, row.at, row.activity.column, ErrorCode::kNoFactor,
               fmt::format("{}: DESNZ factor {} is in '{}', not in total kg CO2e: give the ID "
                           "of the factor's kg CO2e row",
                           name, f.id, f.ghg_unit));
      return false;
    }
    if (core::ToLowerAscii(core::Trim(f.unit)) != unit) {
      AddIssue(out.issues, row.at, ColumnOr(row.unit, row.activity), ErrorCode::kNoFactor,
               fmt::format("{}: DESNZ factor {} ({}) is per '{}', not per '{}'", name, f.id,
                           FactorPath(f), f.unit, p.unit));
      return false;
    }
    use(f);
    return true;
  }

  // Words of the category path, in kg CO2e per the project's unit.
  const std::string words = Words(activity);
  auto found = store_.FindGhgFactors(p.activity_year, words);
  if (!found) return tl::unexpected(found.error());
  std::vector<const store::GhgFactor*> exact;
  std::vector<const store::GhgFactor*> loose;
  std::set<std::string> other_units;
  for (const store::GhgFactor& f : *found) {
    if (!IsTotalCo2e(f)) continue;
    const std::string f_unit = core::ToLowerAscii(core::Trim(f.unit));
    if (f_unit == unit) {
      exact.push_back(&f);
    } else if (BareUnit(f.unit) == BareUnit(unit)) {
      loose.push_back(&f);
    } else {
      other_units.insert(f.unit);
    }
  }
  std::vector<const store::GhgFactor*>& candidates = exact.empty() ? loose : exact;
  if (candidates.empty()) {
    std::string hint;
    if (!other_units.empty()) {
      std::vector<std::string> units(other_units.begin(), other_units.end());
      if (units.size() > kCandidatesShown) units.resize(kCandidatesShown);
      hint = fmt::format(" (factors matching these words are per {})", core::Join(units, ", "));
    }
    AddIssue(out.issues, row.at, row.activity.column, ErrorCode::kNoFactor,
             fmt::format("{}: no DESNZ {} factor in kg CO2e per '{}' matches '{}'{}: give a "
                         "factor ID or words of its category path",
                         name, p.activity_year, p.unit, activity, hint));
    return false;
  }
  if (candidates.size() > 1) {
    int best = -1;
    for (const store::GhgFactor* f : candidates) best = std::max(best, PhraseScore(*f, words));
    std::erase_if(candidates,
                  [&](const store::GhgFactor* f) { return PhraseScore(*f, words) < best; });
  }
  if (candidates.size() > 1) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < candidates.size() && i < kCandidatesShown; ++i) {
      shown.push_back(Candidate(*candidates[i]));
    }
    const std::string more = candidates.size() > kCandidatesShown
                                 ? fmt::format(" and {} more", candidates.size() - kCandidatesShown)
                                 : std::string();
    AddIssue(out.issues, row.at, row.activity.column, ErrorCode::kNoFactor,
             fmt::format("{}: '{}' matches {} DESNZ {} factors: {}{}; give the factor ID or more "
                         "words of its category path",
                         name, activity, candidates.size(), p.activity_year,
                         core::Join(shown, "; "), more));
    return false;
  }
  use(*candidates.front());
  return true;
}

core::Status Validator::CheckProject(const Draft& draft, const ProjectRow& row,
                                     std::set<std::string>& seen, Checked& out) {
  const std::string name = ProjectName(row);
  core::CarbonProject p;
  p.row = row.at.line;
  p.id = row.id.text;
  p.name = row.name.text;
  p.activity = row.activity.text;
  p.unit = row.unit.text;
  p.note = row.note.text;
  if (p.id.empty()) {
    AddIssue(out.issues, row.at, row.id.column, ErrorCode::kConfigInvalid,
             "the carbon project has no project id: give a reference unique in the network, "
             "such as RIV-LED-2023");
    return {};
  }
  const std::string key = core::ToUpperAscii(p.id);
  if (!seen.insert(key).second) {
    AddIssue(out.issues, row.at, row.id.column, ErrorCode::kDuplicateFigure,
             fmt::format("{} is listed twice in this return: this row was not taken", name));
    return {};
  }
  auto claimed = ClaimedProjects();
  if (!claimed) return tl::unexpected(claimed.error());
  if (auto it = (*claimed)->find(key); it != (*claimed)->end()) {
    for (const std::string& other : it->second) {
      if (other == draft.member) continue;
      AddIssue(out.issues, row.at, row.id.column, ErrorCode::kProjectClaimed,
               fmt::format("{} is already counted in {}'s return: a project's saving is counted "
                           "by one member only (use another id if this is a different project)",
                           name, other));
      return {};
    }
  }
  const std::string kind = core::ToLowerAscii(row.kind.text);
  p.kind = kind.empty() ? std::string("other") : kind;
  if (!Contains(core::CarbonProjectKinds(), p.kind)) {
    AddIssue(out.issues, row.at, row.kind.column, ErrorCode::kConfigInvalid,
             fmt::format("{}: kind '{}' is not one of {}", name, row.kind.text, KindList()));
    return {};
  }
  if (p.activity.empty()) {
    AddIssue(out.issues, row.at, ColumnOr(row.activity, row.id), ErrorCode::kNoFactor,
             fmt::format("{}: no activity: give a DESNZ factor ID or words of the factor's "
                         "category path, such as 'Electricity generated UK electricity kWh'",
                         name));
    return {};
  }
  if (p.unit.empty()) {
    AddIssue(out.issues, row.at, ColumnOr(row.unit, row.activity), ErrorCode::kWrongUnit,
             fmt::format("{}: no unit of activity: give the factor's unit, such as kWh, litres "
                         "or km",
                         name));
    return {};
  }
  p.activity_year = draft.financial_year;
  if (!row.year.text.empty()) {
    int year = 0;
    const std::string& t = row.year.text;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), year);
    if (ec != std::errc() || end != t.data() + t.size() || year < 1990 || year > 2100) {
      AddIssue(out.issues, row.at, row.year.column, ErrorCode::kBadFigure,
               fmt::format("{}: activity year '{}' is not a year such as 2023", name, t));
      return {};
    }
    p.activity_year = year;
  }
  const std::pair<const Field*, double*> amounts[] = {{&row.baseline, &p.baseline},
                                                      {&row.after, &p.after}};
  for (const auto& [field, value] : amounts) {
    std::string why;
    const auto parsed = ParseActivity(field->text, &why);
    if (!parsed) {
      const bool baseline = field == &row.baseline;
      AddIssue(
          out.issues, row.at, ColumnOr(*field, row.id), ErrorCode::kBadFigure,
          fmt::format("{}: {} '{}' is not an amount of activity ({}): give a number, 0 or "
                      "more",
                      name, baseline ? "baseline activity" : "activity after", field->text, why));
      return {};
    }
    *value = *parsed;
  }
  auto resolved = ResolveFactor(row, p, out);
  if (!resolved) return tl::unexpected(resolved.error());
  if (!*resolved) return {};
  p.saved_kg = std::llround((p.baseline - p.after) * p.factor);
  out.ret.projects.push_back(std::move(p));
  return {};
}

core::Result<Checked> Validator::Check(const Draft& draft) {
  Checked out;
  out.ret.member = draft.member;
  out.ret.financial_year = draft.financial_year;
  out.ret.quarter = draft.quarter;

  // ---- Figures, one row at a time.
  std::vector<const FigureRow*> source;  // parallel to out.ret.figures
  std::map<std::string, const FigureRow*> first_row;
  for (const FigureRow& row : draft.figures) {
    const core::ReturnMeasure* m = FindMeasure(row.measure.text);
    if (m == nullptr) {
      AddIssue(out.issues, row.at, ColumnOr(row.measure, row.value), ErrorCode::kUnknownMeasure,
               row.measure.text.empty()
                   ? fmt::format("a figure with no measure id: use one of {}", MeasureIds())
                   : fmt::format("'{}' is not a return measure: use one of {}", row.measure.text,
                                 MeasureIds()));
      continue;
    }
    const std::string what = Named(*m);
    if (!row.unit.text.empty()) {
      const auto unit = core::ParseReturnUnit(row.unit.text);
      if (!unit || *unit != m->unit) {
        AddIssue(out.issues, row.at, row.unit.column, ErrorCode::kWrongUnit,
                 fmt::format("{} is in {} ({}), not '{}': this row was not taken", what,
                             core::ReturnUnitLabel(m->unit), core::ReturnUnitName(m->unit),
                             row.unit.text));
        continue;
      }
    }
    std::string why;
    const auto value = core::ParseReturnValue(row.value.text, m->unit, &why);
    if (!value) {
      AddIssue(out.issues, row.at, row.value.column, ErrorCode::kBadFigure,
               fmt::format("{}: '{}' is not a figure ({}): give {}", what, row.value.text, why,
                           UnitWords(m->unit)));
      continue;
    }
    if (auto it = first_row.find(std::string(m->id)); it != first_row.end()) {
      AddIssue(out.issues, row.at, ColumnOr(row.measure, row.value), ErrorCode::kDuplicateFigure,
               fmt::format("{} is given twice in this return (first on {}line {}): this row "
                           "was not taken",
                           what, Where(it->second->at), it->second->at.line));
      continue;
    }
    if (m->needs_note && row.note.text.empty()) {
      AddIssue(out.issues, row.at, ColumnOr(row.note, row.value), ErrorCode::kMissingNote,
               fmt::format("{} needs a method note: say how the saving was worked out", what));
      continue;
    }
    first_row.emplace(std::string(m->id), &row);
    out.ret.figures.push_back(
        core::ReturnFigure{std::string(m->id), *value, row.note.text, "", row.at.line});
    source.push_back(&row);
  }

  // ---- Sub-counts above their totals: the sub-count is not taken.
  auto index_of = [&](std::string_view id) -> std::ptrdiff_t {
    for (std::size_t i = 0; i < out.ret.figures.size(); ++i) {
      if (out.ret.figures[i].measure == id) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  };
  constexpr std::pair<std::string_view, std::string_view> kSubCounts[] = {{"E1C", "E1"},
                                                                          {"C5", "C5T"}};
  for (const auto& [sub_id, total_id] : kSubCounts) {
    const std::ptrdiff_t sub = index_of(sub_id);
    const std::ptrdiff_t total = index_of(total_id);
    if (sub < 0 || total < 0) continue;
    const std::int64_t sub_value = out.ret.figures[sub].value;
    const std::int64_t total_value = out.ret.figures[total].value;
    if (sub_value <= total_value) continue;
    const FigureRow& row = *source[sub];
    AddIssue(
        out.issues, row.at, row.value.column, ErrorCode::kSubCountAboveTotal,
        fmt::format("{} is {}, more than {} {}: a sub-count cannot exceed its total; this "
                    "row was not taken",
                    Named(*core::FindReturnMeasure(sub_id)), core::FormatCount(sub_value),
                    Named(*core::FindReturnMeasure(total_id)), core::FormatCount(total_value)));
    out.ret.figures.erase(out.ret.figures.begin() + sub);
    source.erase(source.begin() + sub);
  }

  // ---- Far from last year: taken, flagged.
  auto previous = PreviousYear(draft.member, draft.financial_year, draft.quarter);
  if (!previous) return tl::unexpected(previous.error());
  if (*previous) {
    std::map<std::string, std::int64_t> last;
    for (const core::ReturnFigure& f : (*previous)->figures) last[f.measure] = f.value;
    for (std::size_t i = 0; i < out.ret.figures.size(); ++i) {
      core::ReturnFigure& f = out.ret.figures[i];
      const auto it = last.find(f.measure);
      if (it == last.end()) continue;
      const core::ReturnMeasure& m = *core::FindReturnMeasure(f.measure);
      f.flag = OutlierFlag(f.value, it->second, m.unit);
      if (f.flag.empty()) continue;
      AddIssue(out.issues, source[i]->at, source[i]->value.column, ErrorCode::kFigureOutlier,
               fmt::format("{}: {} is {} ({}): taken, and flagged for review", Named(m),
                           core::FormatMeasureValue(f.value, m.unit), f.flag,
                           core::ReturnPeriodLabel(draft.financial_year - 1, draft.quarter)),
               /*warning=*/true);
    }
  }

  // ---- Levy transfers.
  for (const TransferRow& row : draft.transfers) {
    const std::string name = TransferName(row);
    core::LevyTransfer t;
    t.row = row.at.line;
    t.recipient = row.recipient.text;
    t.note = row.note.text;
    if (t.recipient.empty()) {
      AddIssue(out.issues, row.at, row.recipient.column, ErrorCode::kConfigInvalid,
               "the levy transfer has no recipient employer: name the employer the funds went to");
      continue;
    }
    const auto sme = core::ParseKnown(row.sme.text);
    if (!sme) {
      AddIssue(out.issues, row.at, row.sme.column, ErrorCode::kConfigInvalid,
               fmt::format("{}: '{}' is not yes, no or unknown (is the recipient an SME?)", name,
                           row.sme.text));
      continue;
    }
    if (*sme != core::Known::kUnknown) t.recipient_sme = *sme == core::Known::kYes;
    bool ok = true;
    const std::tuple<const Field*, std::int64_t*, ReturnUnit, std::string_view> amounts[] = {
        {&row.committed, &t.committed, ReturnUnit::kPounds, "amount committed"},
        {&row.paid, &t.paid, ReturnUnit::kPounds, "amount paid"},
        {&row.apprenticeships, &t.apprenticeships, ReturnUnit::kCount, "apprenticeships funded"}};
    for (const auto& [field, value, unit, label] : amounts) {
      if (field->text.empty()) continue;  // not given: 0
      std::string why;
      const auto parsed = core::ParseReturnValue(field->text, unit, &why);
      if (!parsed) {
        AddIssue(out.issues, row.at, field->column, ErrorCode::kBadFigure,
                 fmt::format("{}: {} '{}' is not a figure ({}): give {}", name, label, field->text,
                             why, UnitWords(unit)));
        ok = false;
        break;
      }
      *value = *parsed;
    }
    if (!ok) continue;
    out.ret.transfers.push_back(std::move(t));
  }
  if (!out.ret.transfers.empty()) {
    std::int64_t committed = 0;
    for (const core::LevyTransfer& t : out.ret.transfers) committed += t.committed;
    const std::ptrdiff_t funds = index_of("W3F");
    if (funds >= 0 && committed * 2 > out.ret.figures[funds].value) {
      const FigureRow& at = *source[funds];
      AddIssue(out.issues, at.at, at.value.column, ErrorCode::kLevyOverHalf,
               fmt::format("levy transfers committed ({}) are more than half of W3F (Annual "
                           "apprenticeship levy funds, {}): a levy payer may transfer up to 50% "
                           "of its annual funds; taken, and flagged for review",
                           core::FormatPounds(committed),
                           core::FormatPounds(out.ret.figures[funds].value)),
               /*warning=*/true);
    }
  }

  // ---- Carbon projects.
  std::set<std::string> seen;
  for (const ProjectRow& row : draft.projects) {
    if (auto s = CheckProject(draft, row, seen, out); !s) return tl::unexpected(s.error());
  }

  std::stable_sort(out.issues.begin(), out.issues.end(),
                   [](const SequencedIssue& a, const SequencedIssue& b) {
                     if (a.seq != b.seq) return a.seq < b.seq;
                     return a.issue.reject.column < b.issue.reject.column;
                   });
  checked_[{draft.member, draft.financial_year, draft.quarter}] = out.ret;
  return out;
}

}  // namespace anchornet::ingest::returns
