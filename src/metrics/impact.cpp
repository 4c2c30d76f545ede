#include "metrics/impact.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/money.h"
#include "core/text.h"

namespace anchornet::metrics {

namespace {

using core::Pence;
using core::Pillar;
using core::ReturnUnit;

// The definitions of the payment measures the report uses (docs/metrics.md, version 1).
struct SpendMeasureText {
  std::string_view id, label, text;
};
constexpr SpendMeasureText kSpendMeasures[] = {
    {"S1", "Third-party spend",
     "Payments to external payees, excluding payroll, pensions, HMRC, financing and internal "
     "recharges (the network's S1 rules)."},
    {"S2", "Addressable spend",
     "S1 minus payments to public bodies (including other members), personal payees, grants, "
     "rates and taxes, statutory fees and categories the network declares non-addressable."},
    {"S3", "Spend with micro, small and medium businesses",
     "S2 paid to suppliers known to be micro, small or medium (the procurement SME test); "
     "suppliers whose size is not known are not counted as SMEs or as large."},
    {"S4", "Spend with diverse-owned businesses",
     "S2 paid to suppliers at least 51% owned or led by women, ethnic minority, disabled or "
     "LGBTQ+ people, certified or self-declared."},
    {"S6", "Spend with the VCSE sector",
     "S2 paid to charities, CIOs, CICs, community benefit societies and other voluntary, "
     "community and social enterprise organisations."},
    {"S7", "Local spend",
     "S2 paid to suppliers based (or with a branch) in the network's geography."},
    {"S8", "Spend in deprived areas",
     "S2 paid to suppliers whose postcode is in an LSOA in IMD deciles 1-2."},
};

const SpendMeasureText* SpendText(std::string_view id) {
  for (const SpendMeasureText& m : kSpendMeasures) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

// Below this size coverage the data-quality notes say the SME figures are a floor.
constexpr double kSizeCoverageNoteBelow = 0.9;

class Builder {
 public:
  Builder(store::Store& store, int fy, const core::Clock& clock)
      : store_(store), fy_(fy), clock_(clock) {}

  core::Result<ImpactReport> Build() {
    auto all = ComputeMeasures(store_, {std::nullopt, "", 0, true});
    if (!all) return tl::unexpected(all.error());
    all_ = std::move(*all);
    auto year = ComputeMeasures(store_, {fy_, "", std::numeric_limits<std::int64_t>::max(), true});
    if (!year) return tl::unexpected(year.error());

    r_.network = all_.network;
    r_.financial_year = fy_;
    r_.generated_at = core::IsoUtc(clock_.Now());
    r_.synthetic = all_.network.synthetic;
    r_.goals = GoalsAsAtYearEnd();
    r_.returns = all_.returns;
    r_.measures = std::move(*year);
    if (auto s = CollectInputs(); !s) return tl::unexpected(s.error());
    Headlines();
    Sections();
    Members();
    if (auto s = Quality(); !s) return tl::unexpected(s.error());
    Definitions();
    return std::move(r_);
  }

 private:
  const std::string& Geography() const { return r_.network.geography_name; }
  // London's living wage applies when the network's geography is London or inside it (every
  // code a London borough, E09).
  bool InLondon() const {
    if (core::ToLowerAscii(Geography()) == "london") return true;
    if (r_.network.geography_codes.empty()) return false;
    for (const std::string& code : r_.network.geography_codes) {
      if (!code.starts_with("E09")) return false;
    }
    return true;
  }
  const MeasureValues* Spend(std::string_view member, int fy, int quarter = 0) const {
    return all_.Find(member, fy, quarter);
  }
  std::optional<std::int64_t> Ret(std::string_view member, std::string_view measure) const {
    return r_.returns.Value(member, fy_, measure);
  }
  int Reporting(std::string_view measure) const {
    const ReturnScopeValues* s = r_.returns.Find("", fy_);
    if (!s) return 0;
    auto it = s->reporting.find(std::string(measure));
    return it == s->reporting.end() ? 0 : it->second;
  }
  int MemberCount() const { return static_cast<int>(r_.network.members.size()); }
  int MembersWithPayments(int fy) const {
    int n = 0;
    for (const core::Member& m : r_.network.members) {
      const MeasureValues* v = Spend(m.id, fy);
      n += v && v->t1.lines > 0;
    }
    return n;
  }
  const GoalProgress* NetworkGoalOn(std::string_view measure) const {
    for (const GoalProgress& g : r_.goals) {
      if (g.goal.measure == measure && g.goal.member.empty() && g.goal.kind != "share" &&
          g.goal.from_fy <= fy_ && fy_ <= g.goal.to_fy) {
        return &g;
      }
    }
    return nullptr;
  }

  // Goals as they stood at the end of the report's year: later years' payments and returns are
  // left out, so a report for an earlier year says what was true then.
  std::vector<GoalProgress> GoalsAsAtYearEnd() const {
    MeasureReport upto = all_;
    std::erase_if(upto.scopes, [&](const ScopeValues& s) { return s.period.financial_year > fy_; });
    std::erase_if(upto.returns.scopes,
                  [&](const ReturnScopeValues& s) { return s.financial_year > fy_; });
    const core::Date year_end = core::FinancialYearEnd(fy_, all_.network.financial_year_start);
    core::Date as_at = year_end;
    if (all_.last_paid && *all_.last_paid < year_end) as_at = *all_.last_paid;
    return EvaluateGoals(upto, as_at);
  }

  // ---- Inputs and traces.

  core::Status CollectInputs() {
    auto files = store_.ListImports("");
    if (!files) return tl::unexpected(files.error());
    files_ = std::move(*files);
    for (const store::ImportedFile& f : files_) {
      r_.inputs.push_back({TraceKind::kFile, f.member, f.id, FileOf(f)});
    }
    auto registers = store_.ListRegisterImports();
    if (!registers) return tl::unexpected(registers.error());
    for (const store::RegisterImport& reg : *registers) {
      r_.inputs.push_back({TraceKind::kRegister, reg.member, reg.id,
                           RegisterInput{reg.name, reg.kind, reg.counts.records, reg.imported_at}});
    }
    for (const store::ReturnSubmission& s : r_.returns.current) {
      if (s.financial_year > fy_) continue;
      r_.inputs.push_back({TraceKind::kReturn, s.member, s.id, ReturnOf(s)});
    }
    for (const AppliedRule& rule : all_.rules) {
      r_.inputs.push_back({TraceKind::kRule, rule.member, 0, RuleInput{rule, false}});
    }
    std::set<std::string> factors;
    for (const auto& [member, p] : r_.returns.projects) {
      if (!p.factor_id.empty() &&
          factors.insert(fmt::format("{}|{}", p.activity_year, p.factor_id)).second) {
        r_.inputs.push_back(
            {TraceKind::kFactor, "", 0,
             FactorInput{p.activity_year, p.factor_id, p.factor_path, p.factor, p.unit}});
      }
    }
    for (const GoalProgress& g : r_.goals) {
      r_.inputs.push_back(
          {TraceKind::kGoal, g.goal.member, 0,
           GoalInput{g.goal.id, g.goal.description.empty() ? g.basis : g.goal.description,
                     g.goal.kind}});
    }
    return {};
  }

  static FileInput FileOf(const store::ImportedFile& f) {
    return {f.name, f.counts.lines_imported, f.counts.first_paid, f.counts.last_paid,
            f.imported_at};
  }

  static ReturnInput ReturnOf(const store::ReturnSubmission& s) {
    ReturnInput in;
    in.financial_year = s.financial_year;
    in.quarter = s.quarter;
    in.file_name = s.file_name;
    in.submitted_at = s.submitted_at;
    in.replaces = s.supersedes != 0;
    return in;
  }

  // Spend files with payments in the given years.
  std::vector<TraceItem> SpendTrace(int from_fy, int to_fy, const std::string& measure) const {
    std::vector<TraceItem> out;
    const core::MonthDay start = r_.network.financial_year_start;
    const core::Date from = core::FinancialYearStart(from_fy, start);
    const core::Date to = core::FinancialYearEnd(to_fy, start);
    for (const store::ImportedFile& f : files_) {
      if (!f.counts.first_paid || !f.counts.last_paid) continue;
      if (*f.counts.last_paid < from || *f.counts.first_paid > to) continue;
      out.push_back({TraceKind::kFile, f.member, f.id, FileOf(f)});
    }
    for (const AppliedRule& rule : all_.rules) {
      out.push_back({TraceKind::kRule, rule.member, 0, RuleInput{rule, true}});
    }
    if (const SpendMeasureText* m = SpendText(measure)) {
      out.push_back(
          {TraceKind::kDefinition, "", 0,
           DefinitionInput{std::string(m->id), std::string(m->label), std::string(m->text)}});
    }
    out.push_back({TraceKind::kRegister, "", 0, ClassificationInput{}});
    return out;
  }

  std::vector<TraceItem> ReturnTrace(std::string_view measure) const {
    std::vector<TraceItem> out;
    const auto info = core::FindAnyReturnMeasure(measure);
    for (const core::Member& m : r_.network.members) {
      auto v = r_.returns.Value(m.id, fy_, measure);
      if (!v) continue;
      const ReturnScopeValues* s = r_.returns.Find(m.id, fy_);
      for (std::int64_t id : s->submissions) {
        for (const store::ReturnSubmission& sub : r_.returns.current) {
          if (sub.id != id) continue;
          ReturnInput in = ReturnOf(sub);
          in.measure = std::string(measure);
          in.value = *v;
          in.unit = info ? info->unit : ReturnUnit::kCount;
          out.push_back({TraceKind::kReturn, m.id, sub.id, std::move(in)});
        }
      }
    }
    if (measure == "E2" || measure == "E2P" || measure == "E2CUM") {
      for (const auto& [member, p] : r_.returns.projects) {
        out.push_back({TraceKind::kFactor, member, 0, ProjectInput{p}});
      }
    }
    if (info) {
      out.push_back({TraceKind::kDefinition, "", 0,
                     DefinitionInput{std::string(info->id), std::string(info->label),
                                     std::string(info->definition)}});
    }
    return out;
  }

  // ---- Headlines.

  // The coverage of the fact a payments measure needs (size for S3, VCSE status for S6, location
  // for S7), judged by the network's threshold (core/coverage.h).
  FigureCoverage CoverageOf(const MeasureValues& v, std::string_view measure) const {
    FigureCoverage c;
    if (measure == "S6") {
      c.fact = CoverageFact::kVcseStatus;
      c.share = Share(v.vcse_known.pence, v.s2.pence);
    } else if (measure == "S7") {
      c.fact = CoverageFact::kLocation;
      c.share = Share(v.local.pence + v.outside.pence, v.s2.pence);
    } else {
      c.fact = CoverageFact::kSupplierSize;
      c.share = Share(v.size_known().pence, v.s2.pence);
    }
    c.confidence = core::JudgeCoverage(c.share, r_.network.coverage_warning_below);
    return c;
  }

  Headline PaymentsHeadline(HeadlineKind kind, std::string measure, std::int64_t value, int from_fy,
                            const MeasureValues& basis) const {
    Headline h;
    h.kind = kind;
    h.id = std::string(HeadlineId(kind));
    h.pillar = Pillar::kProcurement;
    h.source = FigureSource::kPayments;
    h.value = value;
    h.unit = ReturnUnit::kPounds;
    h.from_fy = from_fy;
    h.to_fy = fy_;
    h.coverage = CoverageOf(basis, measure);
    h.members_with_data = MembersWithPayments(fy_);
    h.members = MemberCount();
    h.trace = SpendTrace(from_fy, fy_, measure);
    h.measure = std::move(measure);
    return h;
  }

  Headline ReturnsHeadline(HeadlineKind kind, Pillar pillar, std::string measure,
                           std::int64_t value, ReturnUnit unit) const {
    Headline h;
    h.kind = kind;
    h.id = std::string(HeadlineId(kind));
    h.pillar = pillar;
    h.source = FigureSource::kReturns;
    h.value = value;
    h.unit = unit;
    h.members_with_data = Reporting(measure);
    h.members = MemberCount();
    h.trace = ReturnTrace(measure);
    h.measure = std::move(measure);
    return h;
  }

  void Headlines() {
    const MeasureValues* v = Spend("", fy_);
    if (v && v->s2.pence > 0) {
      // MSME spend: against the network's cumulative goal when there is one.
      if (const GoalProgress* g = NetworkGoalOn("S3"); g && g->goal.kind == "cumulative") {
        Pence sum = 0;
        MeasureValues span;
        for (int fy = g->goal.from_fy; fy <= fy_; ++fy) {
          if (const MeasureValues* y = Spend("", fy)) {
            sum += y->msme.pence;
            span.s2.Add(y->s2);
            for (int b = 0; b < core::kSizeBandCount; ++b) span.by_size[b].Add(y->by_size[b]);
          }
        }
        Headline h = PaymentsHeadline(HeadlineKind::kMsmeSpend, "S3", sum, g->goal.from_fy, span);
        h.goal =
            HeadlineGoal{g->goal.id, g->goal.from_fy, g->goal.to_fy, g->achieved, g->target_value};
        r_.headlines.push_back(std::move(h));
      } else {
        Headline h = PaymentsHeadline(HeadlineKind::kMsmeSpend, "S3", v->msme.pence, fy_, *v);
        h.share = Share(v->msme.pence, v->s2.pence);
        r_.headlines.push_back(std::move(h));
      }
      if (v->vcse.pence > 0) {
        r_.headlines.push_back(
            PaymentsHeadline(HeadlineKind::kVcseSpend, "S6", v->vcse.pence, fy_, *v));
      }
      if (v->local.pence > 0 && !Geography().empty()) {
        Headline h = PaymentsHeadline(HeadlineKind::kLocalSpend, "S7", v->local.pence, fy_, *v);
        h.share = Share(v->local.pence, v->s2.pence);
        r_.headlines.push_back(std::move(h));
      }
    }
    if (auto c5 = Ret("", "C5"); c5 && Ret("", "C5T").value_or(0) > 0) {
      Headline h = ReturnsHeadline(HeadlineKind::kPromptPayment, Pillar::kProcurement, "C5", *c5,
                                   ReturnUnit::kCount);
      h.total = Ret("", "C5T");
      h.share = Share(*c5, *h.total);
      r_.headlines.push_back(std::move(h));
    }
    if (auto w1 = Ret("", "W1")) {
      Headline h = ReturnsHeadline(HeadlineKind::kLivingWage, Pillar::kGoodWork, "W1", *w1,
                                   ReturnUnit::kCount);
      h.london = InLondon();
      if (const core::LivingWageRate* rate = core::LivingWageRateAt(
              core::FinancialYearEnd(fy_, r_.network.financial_year_start))) {
        h.wage_rate = *rate;
      }
      if (auto d = Ret("", "W1D"), c = Ret("", "W1C"); d && c) {
        h.employees = d;
        h.contractors = c;
      }
      if (const GoalProgress* g = NetworkGoalOn("W1"); g && g->goal.kind == "cumulative") {
        h.goal =
            HeadlineGoal{g->goal.id, g->goal.from_fy, g->goal.to_fy, g->achieved, g->target_value};
      }
      r_.headlines.push_back(std::move(h));
    }
    if (auto w4 = Ret("", "W4")) {
      r_.headlines.push_back(ReturnsHeadline(HeadlineKind::kTargetHires, Pillar::kGoodWork, "W4",
                                             *w4, ReturnUnit::kCount));
    }
    if (auto starts = Ret("", "W2S")) {
      Headline h = ReturnsHeadline(HeadlineKind::kApprenticeships, Pillar::kYoungPeople, "W2S",
                                   *starts, ReturnUnit::kCount);
      h.in_post = Ret("", "W2P");
      r_.headlines.push_back(std::move(h));
    }
    if (auto sme = Ret("", "W3S")) {
      Headline h = ReturnsHeadline(HeadlineKind::kLevySme, Pillar::kYoungPeople, "W3S", *sme,
                                   ReturnUnit::kPounds);
      if (auto a = Ret("", "W3A"); a && *a > 0) h.apprenticeships_funded = a;
      r_.headlines.push_back(std::move(h));
    }
    if (auto m = Ret("", "W5M")) {
      r_.headlines.push_back(ReturnsHeadline(HeadlineKind::kMentoring, Pillar::kYoungPeople, "W5M",
                                             *m, ReturnUnit::kCount));
    }
    if (auto e1 = Ret("", "E1")) {
      Headline h = ReturnsHeadline(HeadlineKind::kCarbonLiteracy, Pillar::kNetZero, "E1", *e1,
                                   ReturnUnit::kCount);
      h.certified = Ret("", "E1C");
      r_.headlines.push_back(std::move(h));
    }
    if (auto e2 = Ret("", "E2")) {
      Headline h = ReturnsHeadline(HeadlineKind::kCarbonSaved, Pillar::kNetZero, "E2", *e2,
                                   ReturnUnit::kTonnes);
      if (auto cum = Ret("", "E2CUM"); cum && *cum != *e2 && !r_.returns.financial_years.empty()) {
        h.cumulative = cum;
        h.cumulative_from_fy = r_.returns.financial_years.front();
      }
      r_.headlines.push_back(std::move(h));
    }
    if (auto e3 = Ret("", "E3")) {
      r_.headlines.push_back(ReturnsHeadline(HeadlineKind::kDecarbonisationFunds, Pillar::kNetZero,
                                             "E3", *e3, ReturnUnit::kPounds));
    }
  }

  // ---- Sections and their series.

  ImpactSeries SpendSeries(const std::string& measure, Amount MeasureValues::*field) const {
    ImpactSeries s;
    s.measure = measure;
    const SpendMeasureText* text = SpendText(measure);
    s.label = text ? std::string(text->label) : measure;
    s.definition = text ? std::string(text->text) : "";
    s.unit = ReturnUnit::kPounds;
    s.source = FigureSource::kPayments;
    auto point = [&](int fy, int quarter, int reporting) {
      ImpactSeries::Point p{fy, quarter, std::nullopt, reporting, {}};
      if (const MeasureValues* v = Spend("", fy, quarter)) {
        p.value = (v->*field).pence;
        p.coverage = CoverageOf(*v, measure);
      } else {
        p.coverage.confidence = core::Confidence::kSufficient;  // no payments: not reported
      }
      return p;
    };
    for (int fy : all_.financial_years) {
      if (fy > fy_) continue;
      s.trend.push_back(point(fy, 0, MembersWithPayments(fy)));
    }
    for (int q = 1; q <= 4; ++q) s.trend.push_back(point(fy_, q, 0));
    for (const core::Member& m : r_.network.members) {
      const MeasureValues* v = Spend(m.id, fy_);
      ImpactSeries::Part part{m.id, m.name, std::nullopt, {}};
      if (v && v->t1.lines > 0) {
        part.value = (v->*field).pence;
        part.coverage = CoverageOf(*v, measure);
      }
      s.members.push_back(std::move(part));
    }
    if (const MeasureValues* v = Spend("", fy_)) {
      s.network = (v->*field).pence;
      s.share = Share((v->*field).pence, v->s2.pence);
      s.network_coverage = CoverageOf(*v, measure);
    }
    return s;
  }

  ImpactSeries ReturnSeries(const std::string& measure) const {
    ImpactSeries s;
    const auto info = core::FindAnyReturnMeasure(measure);
    s.measure = measure;
    s.label = info ? info->label : measure;
    s.definition = info ? info->definition : "";
    s.unit = info ? info->unit : ReturnUnit::kCount;
    s.source = FigureSource::kReturns;
    for (int fy : r_.returns.financial_years) {
      if (fy > fy_) continue;
      const ReturnScopeValues* n = r_.returns.Find("", fy);
      auto v = r_.returns.Value("", fy, measure);
      int reporting = 0;
      if (n) {
        auto it = n->reporting.find(measure);
        reporting = it == n->reporting.end() ? 0 : it->second;
      }
      s.trend.push_back({fy, 0, v, reporting, {}});
    }
    for (const core::Member& m : r_.network.members) {
      s.members.push_back({m.id, m.name, r_.returns.Value(m.id, fy_, measure), {}});
    }
    s.network = Ret("", measure);
    if (measure == "C5") {
      if (auto all = Ret("", "C5T"); all && s.network) s.share = Share(*s.network, *all);
    }
    return s;
  }

  void Sections() {
    for (int p = 0; p < core::kPillarCount; ++p) {
      const Pillar pillar = static_cast<Pillar>(p);
      ImpactSection section;
      section.pillar = pillar;
      section.title = core::PillarLabel(pillar, Geography());
      for (const Headline& h : r_.headlines) {
        if (h.pillar == pillar) section.headline_ids.push_back(h.id);
      }
      for (const GoalProgress& g : r_.goals) {
        if (g.goal.from_fy > fy_) continue;
        Pillar gp = Pillar::kProcurement;
        if (!core::IsSpendGoalMeasure(g.goal.measure)) {
          auto info = core::FindAnyReturnMeasure(g.goal.measure);
          if (!info) continue;
          gp = info->pillar;
        }
        if (gp == pillar) section.goal_ids.push_back(g.goal.id);
      }
      auto add_return = [&](const char* id) {
        ImpactSeries s = ReturnSeries(id);
        bool any = false;
        for (const auto& point : s.trend) any = any || point.value.has_value();
        if (any) section.series.push_back(std::move(s));
      };
      switch (pillar) {
        case Pillar::kProcurement:
          if (Spend("", fy_)) {
            section.series.push_back(SpendSeries("S3", &MeasureValues::msme));
            section.series.push_back(SpendSeries("S6", &MeasureValues::vcse));
            if (!Geography().empty()) {
              section.series.push_back(SpendSeries("S7", &MeasureValues::local));
            }
          }
          add_return("C5");
          break;
        case Pillar::kGoodWork:
          add_return("W1");
          add_return("W4");
          break;
        case Pillar::kYoungPeople:
          add_return("W2S");
          add_return("W2P");
          add_return("W3S");
          add_return("W5M");
          break;
        case Pillar::kNetZero:
          add_return("E1");
          add_return("E2");
          add_return("E3");
          break;
      }
      if (section.headline_ids.empty() && section.goal_ids.empty() && section.series.empty()) {
        continue;
      }
      r_.sections.push_back(std::move(section));
    }
  }

  // ---- Members and data quality.

  ReturnStatus ReturnStatusOf(const core::Member& m) const {
    std::vector<const store::ReturnSubmission*> subs;
    for (const store::ReturnSubmission& s : r_.returns.current) {
      if (s.member == m.id && s.financial_year == fy_) subs.push_back(&s);
    }
    if (subs.empty()) return {};
    for (const auto* s : subs) {
      if (s->quarter == 0) return {ReturnState::kSubmitted, s->submitted_at, 0};
    }
    return {ReturnState::kQuarters, "", static_cast<int>(subs.size())};
  }

  void Members() {
    for (const core::Member& m : r_.network.members) {
      ImpactMemberRow row;
      row.member = m.id;
      row.name = m.name;
      row.sector = std::string(core::SectorLabel(m.sector));
      if (const MeasureValues* v = Spend(m.id, fy_)) {
        row.s2 = v->s2.pence;
        row.msme_share = Share(v->msme.pence, v->s2.pence);
        const FigureCoverage c = CoverageOf(*v, "S3");
        row.coverage = c.share;
        row.confidence = c.confidence;
      }
      row.w1 = r_.returns.Value(m.id, fy_, "W1");
      row.w2s = r_.returns.Value(m.id, fy_, "W2S");
      row.e1 = r_.returns.Value(m.id, fy_, "E1");
      row.e2 = r_.returns.Value(m.id, fy_, "E2");
      row.return_status = ReturnStatusOf(m);
      for (const FlaggedFigure& f : r_.returns.flagged) {
        row.flags += f.member == m.id && f.financial_year == fy_;
      }
      r_.members.push_back(std::move(row));
    }
  }

  core::Status Quality() {
    DataQuality& q = r_.quality;
    for (const ImpactMemberRow& row : r_.members) {
      if (row.return_status.state == ReturnState::kMissing) q.missing_returns.push_back(row.name);
      const MeasureValues* v = Spend(row.member, fy_);
      if (!v || v->t1.lines == 0) q.missing_payments.push_back(row.name);
    }
    if (const MeasureValues* v = Spend("", fy_)) {
      const FigureCoverage size = CoverageOf(*v, "S3");
      const FigureCoverage vcse = CoverageOf(*v, "S6");
      const FigureCoverage location = CoverageOf(*v, "S7");
      q.size_coverage = size.share;
      q.vcse_coverage = vcse.share;
      q.location_coverage = location.share;
      q.size_confidence = size.confidence;
      q.vcse_confidence = vcse.confidence;
      q.location_confidence = location.confidence;
    }
    for (const FlaggedFigure& f : r_.returns.flagged) {
      if (f.financial_year == fy_) q.flagged.push_back(f);
    }
    for (const LevyWarning& w : r_.returns.levy_warnings) {
      if (w.financial_year == fy_) q.levy_warnings.push_back(w);
    }
    for (const SupplierSpend& s : r_.measures.top_suppliers) {
      const store::SupplierRecord& sup = r_.measures.suppliers[s.supplier];
      if (sup.match_method == "none" && s.s2.pence > 0) {
        ++q.unmatched_suppliers;
        q.unmatched_spend += s.s2.pence;
      }
    }
    auto counts = store_.Counts();
    if (!counts) return tl::unexpected(counts.error());
    q.rejected_rows = counts->rejects;
    if (!q.missing_returns.empty()) q.notes.push_back(QualityNote::kMissingReturns);
    if (q.size_coverage && *q.size_coverage < kSizeCoverageNoteBelow) {
      q.notes.push_back(QualityNote::kSizeCoverage);
    }
    if (r_.synthetic) q.notes.push_back(QualityNote::kSynthetic);
    return {};
  }

  void Definitions() {
    for (const SpendMeasureText& m : kSpendMeasures) {
      r_.definitions.push_back({std::string(m.id), std::string(m.label),
                                std::string(core::ReturnUnitLabel(ReturnUnit::kPounds)),
                                std::string(m.text)});
    }
    for (const core::ReturnMeasure& m : core::ReturnMeasures()) {
      r_.definitions.push_back({std::string(m.id), std::string(m.label),
                                std::string(core::ReturnUnitLabel(m.unit)),
                                std::string(m.guidance)});
    }
    for (const core::DerivedMeasure& m : core::DerivedReturnMeasures()) {
      r_.definitions.push_back({std::string(m.id), std::string(m.label),
                                std::string(core::ReturnUnitLabel(m.unit)),
                                std::string(m.definition)});
    }
    if (const core::LivingWageRate* rate =
            core::LivingWageRateAt(core::FinancialYearEnd(fy_, r_.network.financial_year_start))) {
      r_.living_wage = *rate;
    }
  }

  store::Store& store_;
  int fy_;
  const core::Clock& clock_;
  MeasureReport all_;
  std::vector<store::ImportedFile> files_;
  ImpactReport r_;
};

}  // namespace

std::string_view FigureSourceName(FigureSource source) {
  switch (source) {
    case FigureSource::kPayments:
      return "payments";
    case FigureSource::kReturns:
      return "returns";
  }
  return "payments";
}

std::string_view TraceKindName(TraceKind kind) {
  switch (kind) {
    case TraceKind::kFile:
      return "file";
    case TraceKind::kRegister:
      return "register";
    case TraceKind::kReturn:
      return "return";
    case TraceKind::kRule:
      return "rule";
    case TraceKind::kFactor:
      return "factor";
    case TraceKind::kGoal:
      return "goal";
    case TraceKind::kDefinition:
      return "definition";
  }
  return "file";
}

std::string_view HeadlineId(HeadlineKind kind) {
  switch (kind) {
    case HeadlineKind::kMsmeSpend:
      return "msme-spend";
    case HeadlineKind::kVcseSpend:
      return "vcse-spend";
    case HeadlineKind::kLocalSpend:
      return "local-spend";
    case HeadlineKind::kPromptPayment:
      return "prompt-payment";
    case HeadlineKind::kLivingWage:
      return "living-wage";
    case HeadlineKind::kTargetHires:
      return "target-hires";
    case HeadlineKind::kApprenticeships:
      return "apprenticeships";
    case HeadlineKind::kLevySme:
      return "levy-sme";
    case HeadlineKind::kMentoring:
      return "mentoring";
    case HeadlineKind::kCarbonLiteracy:
      return "carbon-literacy";
    case HeadlineKind::kCarbonSaved:
      return "carbon-saved";
    case HeadlineKind::kDecarbonisationFunds:
      return "decarbonisation-funds";
  }
  return "msme-spend";
}

core::Result<ImpactReport> ComputeImpact(store::Store& store, int financial_year,
                                         const core::Clock& clock) {
  if (financial_year == 0) {
    return core::Fail(core::ErrorCode::kUsage, "the impact report needs a financial year (--fy)");
  }
  return Builder(store, financial_year, clock).Build();
}

}  // namespace anchornet::metrics
