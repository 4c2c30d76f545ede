// The impact report's words and the helpers its HTML and Markdown layouts share
// (internal/impact_common.h), and the public word functions of impact_report.h that the API and
// the CLI use, so every rendering says the same thing.
//
// Thread-safety: pure functions.
#include "report/internal/impact_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <variant>

#include "core/coverage.h"
#include "core/date.h"
#include "core/money.h"
#include "core/returns.h"
#include "core/text.h"
#include "metrics/catalogue.h"
#include "report/impact_report.h"

namespace anchornet::report {

namespace internal {

using metrics::CoverageFact;
using metrics::FigureCoverage;
using metrics::FigureSource;
using metrics::Headline;
using metrics::HeadlineKind;
using metrics::ImpactReport;
using metrics::ImpactSeries;
using metrics::TraceItem;
using metrics::TraceKind;

namespace {

std::string YearsInWords(int n) {
  static const char* kWords[] = {"no",  "one",   "two",   "three", "four", "five",
                                 "six", "seven", "eight", "nine",  "ten"};
  if (n >= 0 && n <= 10) return fmt::format("{} year{}", kWords[n], n == 1 ? "" : "s");
  return fmt::format("{} years", n);
}

// "supplier size", "VCSE status", "supplier location".
std::string_view FactWords(CoverageFact fact) {
  switch (fact) {
    case CoverageFact::kSupplierSize:
      return "supplier size";
    case CoverageFact::kVcseStatus:
      return "VCSE status";
    case CoverageFact::kLocation:
      return "supplier location";
    case CoverageFact::kNone:
      return "the deciding fact";
  }
  return "the deciding fact";
}

std::string DateText(std::string_view iso, DateStyle dates) {
  return dates == DateStyle::kUk ? UkDate(iso) : std::string(iso.substr(0, 10));
}

std::string DateText(const core::Date& d, DateStyle dates) {
  return dates == DateStyle::kUk ? core::ToUkLong(d) : core::ToIso(d);
}

// The figure in its unit as headlines print it: short pounds, counts, tonnes.
std::string HeadlineValue(std::int64_t value, core::ReturnUnit unit) {
  switch (unit) {
    case core::ReturnUnit::kPounds:
      return core::FormatPoundsShort(value);
    case core::ReturnUnit::kCount:
      return core::FormatCount(value);
    case core::ReturnUnit::kTonnes:
      return core::FormatMeasureValue(value, unit);
  }
  return core::FormatCount(value);
}

// What a payments headline is about, for its "not known" sentence.
std::string Subject(const ImpactReport& r, const Headline& h) {
  switch (h.kind) {
    case HeadlineKind::kVcseSpend:
      return std::string(metrics::FindMeasure("S6")->long_label);
    case HeadlineKind::kLocalSpend:
      return "Spend with suppliers based in " + r.network.geography_name;
    default:
      return std::string(metrics::FindMeasure("S3")->long_label);
  }
}

std::string PaymentsYears(int from_fy, int to_fy) {
  return from_fy == to_fy ? FyText(to_fy) : FyText(from_fy) + " to " + FyText(to_fy);
}

}  // namespace

std::string ImpactTitle(const ImpactReport& r) {
  return fmt::format("{} \u2014 impact report FY {}", r.network.name,
                     core::FinancialYearLabel(r.financial_year));
}

std::string ImpactYearSpan(const ImpactReport& r) {
  const core::MonthDay start = r.network.financial_year_start;
  return fmt::format("{} to {}", core::ToUkLong(core::FinancialYearStart(r.financial_year, start)),
                     core::ToUkLong(core::FinancialYearEnd(r.financial_year, start)));
}

std::string FyText(int fy) { return "FY " + core::FinancialYearLabel(fy); }

std::string UkDate(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  const std::optional<core::Date> d = core::ParseDate(iso.substr(0, 10));
  return d ? core::ToUkLong(*d) : std::string(iso);
}

std::string GeneratedText(const ImpactReport& r) {
  if (r.generated_at.empty()) return "(no date)";
  std::string out = UkDate(r.generated_at);
  if (r.generated_at.size() >= 16 && r.generated_at[10] == 'T') {
    out += " at " + r.generated_at.substr(11, 5) + " UTC";
  }
  return out;
}

std::string MemberName(const ImpactReport& r, std::string_view member) {
  if (member.empty()) return "Whole network";
  const core::Member* m = r.network.FindMember(member);
  return m != nullptr ? m->name : std::string(member);
}

std::string StatusLabel(metrics::GoalStatus status) {
  switch (status) {
    case metrics::GoalStatus::kOnTrack:
      return "On track";
    case metrics::GoalStatus::kAtRisk:
      return "At risk";
    case metrics::GoalStatus::kOffTrack:
      return "Off track";
    case metrics::GoalStatus::kAchieved:
      return "Achieved";
    case metrics::GoalStatus::kNotStarted:
      return "Not started";
    case metrics::GoalStatus::kNoData:
      return "No data";
  }
  return std::string(metrics::GoalStatusName(status));
}

std::string GoalScope(const ImpactReport& r, const metrics::GoalProgress& g) {
  return g.goal.member.empty() ? std::string("the network") : MemberName(r, g.goal.member);
}

std::string GoalYears(const core::Goal& goal) {
  if (goal.from_fy == goal.to_fy) return FyText(goal.from_fy);
  return fmt::format("FY {} to {}", core::FinancialYearLabel(goal.from_fy),
                     core::FinancialYearLabel(goal.to_fy));
}

std::string GoalValue(const metrics::GoalProgress& g, std::int64_t value) {
  return core::FormatMeasureValue(value, g.unit);
}

std::string PercentText(std::optional<double> share) {
  return share ? fmt::format("{:.1f}%", *share * 100.0) : std::string(kNotReported);
}

std::string WholePercent(std::optional<double> share) {
  return share ? fmt::format("{:.0f}%", *share * 100.0) : std::string(kNotKnown);
}

std::string NotKnownText(const FigureCoverage& c) {
  return fmt::format("{}: {} is known for none of the addressable spend \u2014 load the registers",
                     kNotKnown, FactWords(c.fact));
}

std::string LowCoverageText(const ImpactReport& r, const FigureCoverage& c) {
  if (c.confidence != core::Confidence::kLow) return "";
  return fmt::format(
      "low coverage: {} is known for only {} of addressable spend, below the network's {}",
      FactWords(c.fact), WholePercent(c.share), WholePercent(r.network.coverage_warning_below));
}

std::string CoveredValue(std::optional<std::int64_t> value, core::ReturnUnit unit,
                         const FigureCoverage& c) {
  if (!value) return kNotReported;
  switch (c.confidence) {
    case core::Confidence::kNotKnown:
      return kNotKnown;
    case core::Confidence::kLow:
      return fmt::format("{} {}", kLowMark, core::FormatMeasureValue(*value, unit));
    case core::Confidence::kSufficient:
      break;
  }
  return core::FormatMeasureValue(*value, unit);
}

namespace {

// Judged once by metrics (GoalProgress::confidence, on the fact the goal's measure needs).
core::Confidence GoalConfidence(const ImpactReport& /*r*/, const metrics::GoalProgress& g) {
  if (g.source != metrics::GoalSource::kPayments) return core::Confidence::kSufficient;
  return g.confidence;
}

}  // namespace

std::string GoalCoverageText(const ImpactReport& r, const metrics::GoalProgress& g) {
  if (g.source != metrics::GoalSource::kPayments) {
    return fmt::format("{} of members in scope reported", PercentText(g.coverage));
  }
  switch (GoalConfidence(r, g)) {
    case core::Confidence::kNotKnown:
      return fmt::format(
          "{}: supplier size is known for none of the spend behind it \u2014 load the registers",
          kNotKnown);
    case core::Confidence::kLow:
      return fmt::format(
          "{} supplier size known for only {} of the spend behind it, below the network's {}",
          kLowMark, PercentText(g.coverage), WholePercent(r.network.coverage_warning_below));
    case core::Confidence::kSufficient:
      break;
  }
  return fmt::format("supplier size known for {} of the spend behind it", PercentText(g.coverage));
}

std::string GoalCoverageCell(const ImpactReport& r, const metrics::GoalProgress& g) {
  switch (GoalConfidence(r, g)) {
    case core::Confidence::kNotKnown:
      return kNotKnown;
    case core::Confidence::kLow:
      return fmt::format("{} {}", kLowMark, PercentText(g.coverage));
    case core::Confidence::kSufficient:
      break;
  }
  return PercentText(g.coverage);
}

std::string HeadlineFigure(const Headline& h) {
  if (h.coverage.confidence == core::Confidence::kNotKnown) return kNotKnown;
  if (h.kind == HeadlineKind::kPromptPayment) return WholePercent(h.share);
  return HeadlineValue(h.value, h.unit);
}

std::string HeadlineText(const ImpactReport& r, const Headline& h) {
  const int fy = r.financial_year;
  if (h.coverage.confidence == core::Confidence::kNotKnown) {
    return fmt::format("{} in {}: {}", Subject(r, h), PaymentsYears(h.from_fy, h.to_fy),
                       NotKnownText(h.coverage));
  }
  const std::string figure = HeadlineValue(h.value, h.unit);
  switch (h.kind) {
    case HeadlineKind::kMsmeSpend:
      if (h.goal) {
        return fmt::format(
            "{} with micro, small and medium businesses in {}, against a goal of {} over {}",
            figure, YearsInWords(h.to_fy - h.from_fy + 1), core::FormatPoundsShort(h.goal->target),
            YearsInWords(h.goal->to_fy - h.goal->from_fy + 1));
      }
      return fmt::format(
          "{} with micro, small and medium businesses in {}: {} of addressable spend", figure,
          FyText(fy), WholePercent(h.share));
    case HeadlineKind::kVcseSpend:
      return fmt::format("{} with voluntary, community and social enterprise organisations in {}",
                         figure, FyText(fy));
    case HeadlineKind::kLocalSpend:
      return fmt::format("{} with suppliers based in {}: {} of addressable spend", figure,
                         r.network.geography_name, WholePercent(h.share));
    case HeadlineKind::kPromptPayment:
      return fmt::format("{} of invoices paid within 30 days ({} of {})", WholePercent(h.share),
                         core::FormatCount(h.value), core::FormatCount(h.total.value_or(0)));
    case HeadlineKind::kLivingWage: {
      std::string rate;
      if (h.wage_rate) {
        rate = h.london
                   ? fmt::format(" ({}/hour)", core::FormatPounds(h.wage_rate->london))
                   : fmt::format(" ({}/hour, {} in London)", core::FormatPounds(h.wage_rate->uk),
                                 core::FormatPounds(h.wage_rate->london));
      }
      std::string text = fmt::format("{} staff uplifted to {}{} in {}", figure,
                                     h.london ? "the London Living Wage" : "the Real Living Wage",
                                     rate, FyText(fy));
      if (h.employees && h.contractors) {
        text += fmt::format(": {} employees and {} contractors' staff",
                            core::FormatCount(*h.employees), core::FormatCount(*h.contractors));
      }
      if (h.goal) {
        text +=
            fmt::format("; {} since {} against a goal of {}", core::FormatCount(h.goal->achieved),
                        FyText(h.goal->from_fy), core::FormatCount(h.goal->target));
      }
      return text;
    }
    case HeadlineKind::kTargetHires:
      return fmt::format("{} people hired from the network's target groups", figure);
    case HeadlineKind::kApprenticeships: {
      std::string text = fmt::format("{} apprenticeship starts in {}", figure, FyText(fy));
      if (h.in_post) {
        text +=
            fmt::format("; {} apprentices in post at {}", core::FormatCount(*h.in_post),
                        core::ToUkLong(core::FinancialYearEnd(fy, r.network.financial_year_start)));
      }
      return text;
    }
    case HeadlineKind::kLevySme: {
      std::string text = fmt::format(
          "{} of apprenticeship levy transferred to small and medium businesses", figure);
      if (h.apprenticeships_funded) {
        text += fmt::format(", funding {} apprenticeships across all transfers",
                            core::FormatCount(*h.apprenticeships_funded));
      }
      return text;
    }
    case HeadlineKind::kMentoring:
      return fmt::format("{} staff mentors matched with a young person", figure);
    case HeadlineKind::kCarbonLiteracy: {
      std::string text = fmt::format(
          "{} staff trained in carbon literacy or environmental sustainability", figure);
      if (h.certified) text += fmt::format(" ({} certified)", core::FormatCount(*h.certified));
      return text;
    }
    case HeadlineKind::kCarbonSaved: {
      std::string text = fmt::format("{} saved in {}", figure, FyText(fy));
      if (h.cumulative) {
        text += fmt::format("; {} since {} (cumulative, not added to the year's figure)",
                            core::FormatMeasureValue(*h.cumulative, core::ReturnUnit::kTonnes),
                            FyText(h.cumulative_from_fy));
      }
      return text;
    }
    case HeadlineKind::kDecarbonisationFunds:
      return fmt::format("{} of decarbonisation funding secured", figure);
  }
  return figure;
}

std::string HeadlineBasis(const ImpactReport& r, const Headline& h) {
  if (h.source == FigureSource::kReturns) {
    return fmt::format("Members' returns for {}: {} of {} members reported this figure",
                       FyText(r.financial_year), h.members_with_data, h.members);
  }
  const std::string coverage =
      h.coverage.confidence == core::Confidence::kNotKnown
          ? fmt::format("{} known for none of addressable spend", FactWords(h.coverage.fact))
          : fmt::format("{} known for {} of addressable spend", FactWords(h.coverage.fact),
                        WholePercent(h.coverage.share));
  return fmt::format(
      "Payments (cash paid, excluding VAT where published) {}; {}; payment files from {} of {} "
      "members",
      PaymentsYears(h.from_fy, h.to_fy), coverage, h.members_with_data, h.members);
}

std::string HeadlineWarning(const ImpactReport& r, const Headline& h) {
  return LowCoverageText(r, h.coverage);
}

std::string TraceText(const TraceItem& t, DateStyle dates) {
  struct Writer {
    const TraceItem& t;
    DateStyle dates;
    std::string operator()(const metrics::FileInput& f) const {
      std::string span;
      if (f.first_paid && f.last_paid) {
        span = fmt::format(", paid {} to {}", DateText(*f.first_paid, dates),
                           DateText(*f.last_paid, dates));
      }
      return fmt::format("{}: {} lines{}, imported {}", f.name, core::FormatCount(f.lines), span,
                         DateText(f.imported_at, dates));
    }
    std::string operator()(const metrics::RegisterInput& g) const {
      return fmt::format("{} ({}): {} records, imported {}", g.name, g.kind,
                         core::FormatCount(g.records), DateText(g.imported_at, dates));
    }
    std::string operator()(const metrics::ClassificationInput&) const {
      return "Supplier classification: `anchornet suppliers show KEY` gives each supplier's facts "
             "and their sources";
    }
    std::string operator()(const metrics::ReturnInput& in) const {
      std::string text = fmt::format("{} return from {} (file {}, submitted {}{})",
                                     core::ReturnPeriodLabel(in.financial_year, in.quarter),
                                     t.member, in.file_name, DateText(in.submitted_at, dates),
                                     in.replaces ? ", replacing an earlier submission" : "");
      if (in.value) {
        text += fmt::format(": {} {}", in.measure, core::FormatMeasureValue(*in.value, in.unit));
      }
      return text;
    }
    std::string operator()(const metrics::RuleInput& in) const {
      if (in.in_headline) {
        return fmt::format("{} takes spend out of {}: {}", in.rule.id, core::RuleStageName(in.rule.stage),
                           in.rule.reason);
      }
      return fmt::format("{} ({}, {}): {}", in.rule.id, core::RuleStageName(in.rule.stage),
                         in.rule.is_default ? "default" : "network file", in.rule.reason);
    }
    std::string operator()(const metrics::FactorInput& f) const {
      return fmt::format("DESNZ {} factor {}: {} = {} kg CO2e per {}", f.activity_year, f.factor_id,
                         f.path, f.factor, f.unit);
    }
    std::string operator()(const metrics::ProjectInput& in) const {
      const core::CarbonProject& p = in.project;
      return fmt::format("project {} ({}): ({} - {}) {} x {} kg CO2e/{} (DESNZ {} {}) = {}", p.id,
                         p.name, p.baseline, p.after, p.unit, p.factor, p.unit, p.activity_year,
                         p.factor_id,
                         core::FormatMeasureValue(p.saved_kg, core::ReturnUnit::kTonnes));
    }
    std::string operator()(const metrics::GoalInput& g) const {
      return fmt::format("{}: {} ({})", g.id, g.description, core::GoalKindName(g.kind));
    }
    std::string operator()(const metrics::DefinitionInput& d) const {
      return fmt::format("{} {}: {}", d.id, d.label, d.text);
    }
  };
  return std::visit(Writer{t, dates}, t.detail);
}

std::string ReturnStatusText(const metrics::ReturnStatus& s, DateStyle dates) {
  switch (s.state) {
    case metrics::ReturnState::kMissing:
      return "missing";
    case metrics::ReturnState::kSubmitted:
      return "submitted " + DateText(s.submitted_at, dates);
    case metrics::ReturnState::kQuarters:
      return fmt::format("{} of 4 quarters", s.quarters);
  }
  return "missing";
}

std::vector<std::string> QualityNotes(const ImpactReport& r) {
  const metrics::DataQuality& q = r.quality;
  std::vector<std::string> out;
  for (const metrics::QualityNote note : q.notes) {
    switch (note) {
      case metrics::QualityNote::kMissingReturns:
        out.push_back(fmt::format(
            "{} of {} members sent no return for {}: return figures are the reporting members' "
            "totals, not the whole network's.",
            q.missing_returns.size(), r.network.members.size(), FyText(r.financial_year)));
        break;
      case metrics::QualityNote::kSizeCoverage:
        out.push_back(
            q.size_confidence == core::Confidence::kNotKnown
                ? std::string("Supplier size is known for none of addressable spend, so the SME "
                              "figures are not known: load the registers that tell suppliers' "
                              "sizes.")
                : fmt::format("Supplier size is known for {} of addressable spend. Spend with "
                              "suppliers of unknown size is counted neither as SME nor as "
                              "large, so the SME figures are a floor.",
                              WholePercent(q.size_coverage)));
        break;
      case metrics::QualityNote::kSynthetic:
        out.emplace_back(
            "This network is synthetic: every figure is generated demo data, not a real "
            "network's.");
        break;
    }
  }
  return out;
}

std::vector<metrics::Definition> Definitions(const ImpactReport& r) {
  std::vector<metrics::Definition> out = r.definitions;
  if (const std::optional<core::LivingWageRate>& rate = r.living_wage) {
    out.push_back({"RLW", "Real Living Wage", "£/hour",
                   fmt::format("Living Wage Foundation rate announced {}: London {}, UK {} (rate "
                               "table version {})",
                               core::ToUkLong(rate->announced), core::FormatPounds(rate->london),
                               core::FormatPounds(rate->uk), core::kLivingWageTableVersion)});
  }
  return out;
}

std::string CoverageValue(const ImpactReport& r, std::optional<double> share,
                          core::Confidence confidence) {
  switch (confidence) {
    case core::Confidence::kNotKnown:
      return fmt::format("{} (known for none of addressable spend \u2014 load the registers)",
                         kNotKnown);
    case core::Confidence::kLow:
      return fmt::format(
          "{} {} (below the network's {}: figures that depend on it carry a "
          "warning)",
          kLowMark, PercentText(share), WholePercent(r.network.coverage_warning_below));
    case core::Confidence::kSufficient:
      break;
  }
  return PercentText(share);
}

const Headline* FindHeadline(const ImpactReport& r, std::string_view id) {
  for (const Headline& h : r.headlines) {
    if (h.id == id) return &h;
  }
  return nullptr;
}

const metrics::GoalProgress* FindGoal(const ImpactReport& r, std::string_view id) {
  for (const metrics::GoalProgress& g : r.goals) {
    if (g.goal.id == id) return &g;
  }
  return nullptr;
}

std::string AppendixRef(const ImpactReport& r, const Headline& h) {
  for (std::size_t i = 0; i < r.headlines.size(); ++i) {
    if (&r.headlines[i] == &h) return fmt::format("A{}", i + 1);
  }
  return "A";
}

std::string Anchor(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) != 0 || c == '-' || c == '_' ? static_cast<char>(std::tolower(u)) : '-';
  }
  return out;
}

std::string Value(std::optional<std::int64_t> v, core::ReturnUnit unit) {
  return v ? core::FormatMeasureValue(*v, unit) : std::string(kNotReported);
}

std::string ReportingText(const ImpactReport& r, const ImpactSeries& s, int reporting) {
  return fmt::format("{} of {}", reporting, r.network.members.size()) +
         (s.source == FigureSource::kPayments ? " with payments" : " reporting");
}

std::vector<ImpactSeries::Point> YearPoints(const ImpactSeries& s) {
  std::vector<ImpactSeries::Point> out;
  for (const auto& p : s.trend) {
    if (p.quarter == 0) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.financial_year < b.financial_year;
  });
  return out;
}

std::vector<ImpactSeries::Point> QuarterPoints(const ImpactSeries& s) {
  std::vector<ImpactSeries::Point> out;
  for (const auto& p : s.trend) {
    if (p.quarter != 0) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(a.financial_year, a.quarter) < std::pair(b.financial_year, b.quarter);
  });
  return out;
}

std::string SeriesSummary(const ImpactReport& r, const ImpactSeries& s) {
  if (!s.network) return fmt::format("Not reported for {}.", FyText(r.financial_year));
  if (s.network_coverage.confidence == core::Confidence::kNotKnown) {
    return fmt::format("{} for the network in {}: {}.", s.label, FyText(r.financial_year),
                       NotKnownText(s.network_coverage));
  }
  std::string out =
      fmt::format("{} for the network in {}", core::FormatMeasureValue(*s.network, s.unit),
                  FyText(r.financial_year));
  if (s.share) {
    out += fmt::format(" ({} of {})", PercentText(s.share),
                       s.source == FigureSource::kPayments ? "addressable spend" : "the total");
  }
  out += ".";
  if (const std::string low = LowCoverageText(r, s.network_coverage); !low.empty()) {
    out += fmt::format(" {} {}.", kLowMark, low);
  }
  return out;
}

std::string CoverageMarks(const ImpactReport& r, const ImpactSeries& s) {
  if (s.source != FigureSource::kPayments) return "";
  return fmt::format(
      "; one whose coverage is zero is a gap marked \u201c{}\u201d, and {} marks a figure whose "
      "coverage is below the network's {}",
      kNotKnown, kLowMark, WholePercent(r.network.coverage_warning_below));
}

std::string_view SourceText(FigureSource source) {
  return source == FigureSource::kPayments ? "payments (cash paid)" : "members' returns";
}

std::string MsmeShareLegend(const ImpactReport& r) {
  return fmt::format(
      "MSME share \u201c{}\u201d: no supplier's size is known; {}: size known for less than the "
      "network's {} of addressable spend.",
      kNotKnown, kLowMark, WholePercent(r.network.coverage_warning_below));
}

std::string MsmeShareText(const metrics::ImpactMemberRow& m, bool no_payments) {
  if (no_payments || !m.coverage) return kNotReported;
  switch (m.confidence) {
    case core::Confidence::kNotKnown:
      return kNotKnown;
    case core::Confidence::kLow:
      return fmt::format("{} {}", kLowMark, PercentText(m.msme_share));
    case core::Confidence::kSufficient:
      break;
  }
  return PercentText(m.msme_share);
}

bool PaymentsMissing(const ImpactReport& r, const metrics::ImpactMemberRow& row) {
  const auto& missing = r.quality.missing_payments;
  return std::find(missing.begin(), missing.end(), row.name) != missing.end();
}

std::string FlaggedPeriod(const metrics::FlaggedFigure& f) {
  return core::ReturnPeriodLabel(f.financial_year, f.quarter);
}

std::string MeasureValueOf(std::string_view measure, std::int64_t value) {
  const auto info = core::FindAnyReturnMeasure(measure);
  return core::FormatMeasureValue(value, info ? info->unit : core::ReturnUnit::kCount);
}

std::string KindHeading(TraceKind kind) {
  switch (kind) {
    case TraceKind::kFile:
      return "Spend files";
    case TraceKind::kRegister:
      return "Registers";
    case TraceKind::kReturn:
      return "Members' returns";
    case TraceKind::kRule:
      return "Spend rules";
    case TraceKind::kFactor:
      return "Conversion factors";
    case TraceKind::kGoal:
      return "Goals";
    case TraceKind::kDefinition:
      return "Definitions";
  }
  return "Inputs";
}

std::vector<TraceKind> KindsInOrder(const std::vector<TraceItem>& items) {
  std::vector<TraceKind> out;
  for (const TraceItem& t : items) {
    if (std::find(out.begin(), out.end(), t.kind) == out.end()) out.push_back(t.kind);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TraceMember(const ImpactReport& r, const TraceItem& t) {
  return t.member.empty() ? std::string("network") : MemberName(r, t.member);
}

std::string TraceRef(const TraceItem& t) {
  return t.id != 0 ? fmt::format("#{}", t.id) : std::string();
}

namespace {

// "#1–#36, #40": ids as ranges.
std::string RefRanges(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    parts.push_back(j == i ? fmt::format("#{}", ids[i])
                           : fmt::format("#{}\u2013#{}", ids[i], ids[j]));
    i = j + 1;
  }
  return core::Join(parts, ", ");
}

TraceRow RowOf(const ImpactReport& r, const TraceItem& t) {
  return {std::string(metrics::TraceKindName(t.kind)), TraceMember(r, t),
          TraceText(t, DateStyle::kUk), TraceRef(t)};
}

}  // namespace

std::size_t FileCount(const std::vector<TraceItem>& items) {
  return static_cast<std::size_t>(std::count_if(
      items.begin(), items.end(), [](const TraceItem& t) { return t.kind == TraceKind::kFile; }));
}

std::vector<TraceRow> ShownTrace(const ImpactReport& r, const std::vector<TraceItem>& items) {
  std::vector<TraceRow> rows;
  const bool summarise = FileCount(items) > kFilesListed;
  struct Files {
    std::size_t row = 0;
    std::vector<std::int64_t> ids;
    std::string first, last;
    std::size_t count = 0;
  };
  std::map<std::string, Files> files;
  for (const TraceItem& t : items) {
    const auto* file = std::get_if<metrics::FileInput>(&t.detail);
    if (!summarise || file == nullptr) {
      rows.push_back(RowOf(r, t));
      continue;
    }
    auto [it, added] = files.try_emplace(t.member);
    Files& f = it->second;
    if (added) {
      f.row = rows.size();
      rows.push_back({std::string(metrics::TraceKindName(t.kind)), TraceMember(r, t), "", ""});
    }
    if (f.count == 0) f.first = file->name;
    f.last = file->name;
    ++f.count;
    if (t.id != 0) f.ids.push_back(t.id);
  }
  for (const auto& [member, f] : files) {
    TraceRow& row = rows[f.row];
    row.text = f.count == 1 ? fmt::format("1 spend file: {}", f.first)
                            : fmt::format("{} spend files: {} \u2026 {} (each under All inputs)",
                                          f.count, f.first, f.last);
    row.ref = RefRanges(f.ids);
  }
  return rows;
}

std::vector<TraceRow> AllRows(const ImpactReport& r, const std::vector<TraceItem>& items,
                              std::optional<TraceKind> kind) {
  std::vector<TraceRow> rows;
  for (const TraceItem& t : items) {
    if (!kind || t.kind == *kind) rows.push_back(RowOf(r, t));
  }
  return rows;
}

}  // namespace internal

ImpactHeadlineWords HeadlineWords(const metrics::ImpactReport& r, const metrics::Headline& h) {
  return {internal::HeadlineFigure(h), internal::HeadlineText(r, h), internal::HeadlineBasis(r, h),
          internal::HeadlineWarning(r, h)};
}

std::string ImpactTraceText(const metrics::TraceItem& t) {
  return internal::TraceText(t, internal::DateStyle::kIso);
}

std::string ImpactReturnStatusText(const metrics::ReturnStatus& s) {
  return internal::ReturnStatusText(s, internal::DateStyle::kIso);
}

std::vector<std::string> ImpactQualityNotes(const metrics::ImpactReport& r) {
  return internal::QualityNotes(r);
}

std::vector<metrics::Definition> ImpactDefinitions(const metrics::ImpactReport& r) {
  return internal::Definitions(r);
}

}  // namespace anchornet::report
