#include "metrics/impact.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
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

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Percent(std::optional<double> share) {
  if (!share) return "not known";
  return fmt::format("{:.0f}%", *share * 100.0);
}

std::string YearsInWords(int n) {
  static const char* kWords[] = {"no",  "one",   "two",   "three", "four", "five",
                                 "six", "seven", "eight", "nine",  "ten"};
  if (n >= 0 && n <= 10) return fmt::format("{} year{}", kWords[n], n == 1 ? "" : "s");
  return fmt::format("{} years", n);
}

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

class Builder {
 public:
  Builder(store::Store& store, int fy) : store_(store), fy_(fy) {}

  core::Result<ImpactReport> Build() {
    auto all = ComputeMeasures(store_, {std::nullopt, "", 0, true});
    if (!all) return tl::unexpected(all.error());
    all_ = std::move(*all);
    auto year = ComputeMeasures(store_, {fy_, "", std::numeric_limits<std::int64_t>::max(), true});
    if (!year) return tl::unexpected(year.error());

    r_.network = all_.network;
    r_.financial_year = fy_;
    r_.generated_at = NowIso();
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
  std::string FyText(int fy) const { return "FY " + core::FinancialYearLabel(fy); }
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
      if (g.goal.measure == measure && g.goal.member.empty() &&
          g.goal.kind != core::GoalKind::kShare && g.goal.from_fy <= fy_ && fy_ <= g.goal.to_fy) {
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
      r_.inputs.push_back({"file", f.member, FileText(f), f.id});
    }
    auto registers = store_.ListRegisterImports();
    if (!registers) return tl::unexpected(registers.error());
    for (const store::RegisterImport& reg : *registers) {
      r_.inputs.push_back(
          {"register", reg.member,
           fmt::format("{} ({}): {} records, imported {}", reg.name, reg.kind,
                       core::FormatCount(reg.counts.records), reg.imported_at.substr(0, 10)),
           reg.id});
    }
    for (const store::ReturnSubmission& s : r_.returns.current) {
      if (s.financial_year > fy_) continue;
      r_.inputs.push_back({"return", s.member, ReturnText(s), s.id});
    }
    for (const AppliedRule& rule : all_.rules) {
      r_.inputs.push_back({"rule", rule.member,
                           fmt::format("{} ({}, {}): {}", rule.id, core::RuleStageName(rule.stage),
                                       rule.is_default ? "default" : "network file", rule.reason),
                           0});
    }
    std::set<std::string> factors;
    for (const auto& [member, p] : r_.returns.projects) {
      if (!p.factor_id.empty() &&
          factors.insert(fmt::format("{}|{}", p.activity_year, p.factor_id)).second) {
        r_.inputs.push_back(
            {"factor", "",
             fmt::format("DESNZ {} factor {}: {} = {} kg CO2e per {}", p.activity_year, p.factor_id,
                         p.factor_path, p.factor, p.unit),
             0});
      }
    }
    for (const GoalProgress& g : r_.goals) {
      r_.inputs.push_back({"goal", g.goal.member,
                           fmt::format("{}: {} ({})", g.goal.id,
                                       g.goal.description.empty() ? g.basis : g.goal.description,
                                       core::GoalKindName(g.goal.kind)),
                           0});
    }
    return {};
  }

  std::string FileText(const store::ImportedFile& f) const {
    std::string span;
    if (f.counts.first_paid && f.counts.last_paid) {
      span = fmt::format(", paid {} to {}", core::ToIso(*f.counts.first_paid),
                         core::ToIso(*f.counts.last_paid));
    }
    return fmt::format("{}: {} lines{}, imported {}", f.name,
                       core::FormatCount(f.counts.lines_imported), span,
                       f.imported_at.substr(0, 10));
  }

  std::string ReturnText(const store::ReturnSubmission& s) const {
    return fmt::format("{} return from {} (file {}, submitted {}{})",
                       core::ReturnPeriodLabel(s.financial_year, s.quarter), s.member, s.file_name,
                       s.submitted_at.substr(0, 10),
                       s.supersedes != 0 ? ", replacing an earlier submission" : "");
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
      out.push_back({"file", f.member, FileText(f), f.id});
    }
    for (const AppliedRule& rule : all_.rules) {
      out.push_back({"rule", rule.member,
                     fmt::format("{} takes spend out of {}: {}", rule.id,
                                 core::RuleStageName(rule.stage), rule.reason),
                     0});
    }
    if (const SpendMeasureText* m = SpendText(measure)) {
      out.push_back({"definition", "", fmt::format("{} {}: {}", m->id, m->label, m->text), 0});
    }
    out.push_back({"register", "",
                   "Supplier classification: `anchornet suppliers show KEY` gives each "
                   "supplier's facts and their sources",
                   0});
    return out;
  }

  std::vector<TraceItem> ReturnTrace(std::string_view measure) const {
    std::vector<TraceItem> out;
    for (const core::Member& m : r_.network.members) {
      auto v = r_.returns.Value(m.id, fy_, measure);
      if (!v) continue;
      const ReturnScopeValues* s = r_.returns.Find(m.id, fy_);
      for (std::int64_t id : s->submissions) {
        for (const store::ReturnSubmission& sub : r_.returns.current) {
          if (sub.id != id) continue;
          TraceItem item{"return", m.id, ReturnText(sub), sub.id};
          const auto info = core::FindAnyReturnMeasure(measure);
          item.text +=
              fmt::format(": {} {}", measure,
                          core::FormatMeasureValue(*v, info ? info->unit : ReturnUnit::kCount));
          out.push_back(std::move(item));
        }
      }
    }
    if (measure == "E2" || measure == "E2P" || measure == "E2CUM") {
      for (const auto& [member, p] : r_.returns.projects) {
        out.push_back({"factor", member,
                       fmt::format("project {} ({}): ({} - {}) {} x {} kg CO2e/{} (DESNZ {} {}) "
                                   "= {}",
                                   p.id, p.name, p.baseline, p.after, p.unit, p.factor, p.unit,
                                   p.activity_year, p.factor_id,
                                   core::FormatMeasureValue(p.saved_kg, ReturnUnit::kTonnes)),
                       0});
      }
    }
    if (auto info = core::FindAnyReturnMeasure(measure)) {
      out.push_back(
          {"definition", "", fmt::format("{} {}: {}", info->id, info->label, info->definition), 0});
    }
    return out;
  }

  // ---- Headlines.

  // The basis of a payments headline: the years, the coverage of the fact the measure needs
  // (size for S3, VCSE status for S6, location for S7) and how many members' payments.
  std::string PaymentsBasis(int from_fy, int to_fy, const MeasureValues& v,
                            std::string_view measure = "S3") const {
    const int members = MembersWithPayments(to_fy);
    std::string coverage;
    if (measure == "S6") {
      coverage = fmt::format("VCSE status known for {} of addressable spend",
                             Percent(Share(v.vcse_known.pence, v.s2.pence)));
    } else if (measure == "S7") {
      coverage = fmt::format("supplier location known for {} of addressable spend",
                             Percent(Share(v.local.pence + v.outside.pence, v.s2.pence)));
    } else {
      coverage = fmt::format("supplier size known for {} of addressable spend",
                             Percent(Share(v.size_known().pence, v.s2.pence)));
    }
    return fmt::format(
        "Payments (cash paid, excluding VAT where published) {}; {}; payment files from {} of {} "
        "members",
        from_fy == to_fy ? FyText(to_fy) : FyText(from_fy) + " to " + FyText(to_fy), coverage,
        members, MemberCount());
  }

  std::string ReturnsBasis(std::string_view measure) const {
    return fmt::format("Members' returns for {}: {} of {} members reported this figure",
                       FyText(fy_), Reporting(measure), MemberCount());
  }

  void Headlines() {
    const MeasureValues* v = Spend("", fy_);
    if (v && v->s2.pence > 0) {
      // MSME spend: against the network's cumulative goal when there is one.
      if (const GoalProgress* g = NetworkGoalOn("S3");
          g && g->goal.kind == core::GoalKind::kCumulative) {
        Pence sum = 0;
        MeasureValues span;
        for (int fy = g->goal.from_fy; fy <= fy_; ++fy) {
          if (const MeasureValues* y = Spend("", fy)) {
            sum += y->msme.pence;
            span.s2.Add(y->s2);
            for (int b = 0; b < core::kSizeBandCount; ++b) span.by_size[b].Add(y->by_size[b]);
          }
        }
        const int years = fy_ - g->goal.from_fy + 1;
        const int goal_years = g->goal.to_fy - g->goal.from_fy + 1;
        Headline h{"msme-spend",
                   Pillar::kProcurement,
                   "S3",
                   "payments",
                   sum,
                   ReturnUnit::kPounds,
                   core::FormatPoundsShort(sum),
                   fmt::format("{} with micro, small and medium businesses in {}, against a goal "
                               "of {} over {}",
                               core::FormatPoundsShort(sum), YearsInWords(years),
                               core::FormatPoundsShort(g->target_value), YearsInWords(goal_years)),
                   PaymentsBasis(g->goal.from_fy, fy_, span),
                   g->goal.id,
                   SpendTrace(g->goal.from_fy, fy_, "S3"),
                   g->goal.from_fy,
                   fy_};
        r_.headlines.push_back(std::move(h));
      } else {
        Headline h{"msme-spend",
                   Pillar::kProcurement,
                   "S3",
                   "payments",
                   v->msme.pence,
                   ReturnUnit::kPounds,
                   core::FormatPoundsShort(v->msme.pence),
                   fmt::format("{} with micro, small and medium businesses in {}: {} of "
                               "addressable spend",
                               core::FormatPoundsShort(v->msme.pence), FyText(fy_),
                               Percent(Share(v->msme.pence, v->s2.pence))),
                   PaymentsBasis(fy_, fy_, *v),
                   "",
                   SpendTrace(fy_, fy_, "S3"),
                   fy_,
                   fy_};
        r_.headlines.push_back(std::move(h));
      }
      if (v->vcse.pence > 0) {
        r_.headlines.push_back(
            {"vcse-spend", Pillar::kProcurement, "S6", "payments", v->vcse.pence,
             ReturnUnit::kPounds, core::FormatPoundsShort(v->vcse.pence),
             fmt::format("{} with voluntary, community and social enterprise organisations in {}",
                         core::FormatPoundsShort(v->vcse.pence), FyText(fy_)),
             PaymentsBasis(fy_, fy_, *v, "S6"), "", SpendTrace(fy_, fy_, "S6"), fy_, fy_});
      }
      if (v->local.pence > 0 && !Geography().empty()) {
        r_.headlines.push_back(
            {"local-spend", Pillar::kProcurement, "S7", "payments", v->local.pence,
             ReturnUnit::kPounds, core::FormatPoundsShort(v->local.pence),
             fmt::format("{} with suppliers based in {}: {} of addressable spend",
                         core::FormatPoundsShort(v->local.pence), Geography(),
                         Percent(Share(v->local.pence, v->s2.pence))),
             PaymentsBasis(fy_, fy_, *v, "S7"), "", SpendTrace(fy_, fy_, "S7"), fy_, fy_});
      }
    }
    if (auto c5 = Ret("", "C5"); c5 && Ret("", "C5T").value_or(0) > 0) {
      const std::int64_t all = *Ret("", "C5T");
      r_.headlines.push_back(
          {"prompt-payment", Pillar::kProcurement, "C5", "returns", *c5, ReturnUnit::kCount,
           Percent(Share(*c5, all)),
           fmt::format("{} of invoices paid within 30 days ({} of {})", Percent(Share(*c5, all)),
                       core::FormatCount(*c5), core::FormatCount(all)),
           ReturnsBasis("C5"), "", ReturnTrace("C5")});
    }
    if (auto w1 = Ret("", "W1")) {
      const core::LivingWageRate* rate =
          core::LivingWageRateAt(core::FinancialYearEnd(fy_, r_.network.financial_year_start));
      std::string wage = InLondon() ? "the London Living Wage" : "the Real Living Wage";
      std::string rate_text;
      if (rate) {
        rate_text = InLondon()
                        ? fmt::format(" ({}/hour)", core::FormatPounds(rate->london))
                        : fmt::format(" ({}/hour, {} in London)", core::FormatPounds(rate->uk),
                                      core::FormatPounds(rate->london));
      }
      std::string split;
      if (auto d = Ret("", "W1D"), c = Ret("", "W1C"); d && c) {
        split = fmt::format(": {} employees and {} contractors' staff", core::FormatCount(*d),
                            core::FormatCount(*c));
      }
      std::string goal_id;
      std::string text = fmt::format("{} staff uplifted to {}{} in {}{}", core::FormatCount(*w1),
                                     wage, rate_text, FyText(fy_), split);
      if (const GoalProgress* g = NetworkGoalOn("W1");
          g && g->goal.kind == core::GoalKind::kCumulative) {
        goal_id = g->goal.id;
        text += fmt::format("; {} since {} against a goal of {}", core::FormatCount(g->achieved),
                            FyText(g->goal.from_fy), core::FormatCount(g->target_value));
      }
      r_.headlines.push_back({"living-wage", Pillar::kGoodWork, "W1", "returns", *w1,
                              ReturnUnit::kCount, core::FormatCount(*w1), text, ReturnsBasis("W1"),
                              goal_id, ReturnTrace("W1")});
    }
    if (auto w4 = Ret("", "W4")) {
      r_.headlines.push_back(
          {"target-hires", Pillar::kGoodWork, "W4", "returns", *w4, ReturnUnit::kCount,
           core::FormatCount(*w4),
           fmt::format("{} people hired from the network's target groups", core::FormatCount(*w4)),
           ReturnsBasis("W4"), "", ReturnTrace("W4")});
    }
    if (auto starts = Ret("", "W2S")) {
      std::string text =
          fmt::format("{} apprenticeship starts in {}", core::FormatCount(*starts), FyText(fy_));
      if (auto in_post = Ret("", "W2P")) {
        text += fmt::format(
            "; {} apprentices in post at {}", core::FormatCount(*in_post),
            core::ToUkLong(core::FinancialYearEnd(fy_, r_.network.financial_year_start)));
      }
      r_.headlines.push_back({"apprenticeships", Pillar::kYoungPeople, "W2S", "returns", *starts,
                              ReturnUnit::kCount, core::FormatCount(*starts), text,
                              ReturnsBasis("W2S"), "", ReturnTrace("W2S")});
    }
    if (auto sme = Ret("", "W3S")) {
      std::string text = fmt::format(
          "{} of apprenticeship levy transferred to small and medium "
          "businesses",
          core::FormatPoundsShort(*sme));
      if (auto a = Ret("", "W3A"); a && *a > 0) {
        text +=
            fmt::format(", funding {} apprenticeships across all transfers", core::FormatCount(*a));
      }
      r_.headlines.push_back({"levy-sme", Pillar::kYoungPeople, "W3S", "returns", *sme,
                              ReturnUnit::kPounds, core::FormatPoundsShort(*sme), text,
                              ReturnsBasis("W3S"), "", ReturnTrace("W3S")});
    }
    if (auto m = Ret("", "W5M")) {
      r_.headlines.push_back(
          {"mentoring", Pillar::kYoungPeople, "W5M", "returns", *m, ReturnUnit::kCount,
           core::FormatCount(*m),
           fmt::format("{} staff mentors matched with a young person", core::FormatCount(*m)),
           ReturnsBasis("W5M"), "", ReturnTrace("W5M")});
    }
    if (auto e1 = Ret("", "E1")) {
      std::string text = fmt::format(
          "{} staff trained in carbon literacy or environmental "
          "sustainability",
          core::FormatCount(*e1));
      if (auto c = Ret("", "E1C")) text += fmt::format(" ({} certified)", core::FormatCount(*c));
      r_.headlines.push_back({"carbon-literacy", Pillar::kNetZero, "E1", "returns", *e1,
                              ReturnUnit::kCount, core::FormatCount(*e1), text, ReturnsBasis("E1"),
                              "", ReturnTrace("E1")});
    }
    if (auto e2 = Ret("", "E2")) {
      std::string text = fmt::format(
          "{} saved in {}", core::FormatMeasureValue(*e2, ReturnUnit::kTonnes), FyText(fy_));
      if (auto cum = Ret("", "E2CUM"); cum && *cum != *e2 && !r_.returns.financial_years.empty()) {
        text += fmt::format("; {} since {} (cumulative, not added to the year's figure)",
                            core::FormatMeasureValue(*cum, ReturnUnit::kTonnes),
                            FyText(r_.returns.financial_years.front()));
      }
      r_.headlines.push_back({"carbon-saved", Pillar::kNetZero, "E2", "returns", *e2,
                              ReturnUnit::kTonnes,
                              core::FormatMeasureValue(*e2, ReturnUnit::kTonnes), text,
                              ReturnsBasis("E2"), "", ReturnTrace("E2")});
    }
    if (auto e3 = Ret("", "E3")) {
      r_.headlines.push_back(
          {"decarbonisation-funds", Pillar::kNetZero, "E3", "returns", *e3, ReturnUnit::kPounds,
           core::FormatPoundsShort(*e3),
           fmt::format("{} of decarbonisation funding secured", core::FormatPoundsShort(*e3)),
           ReturnsBasis("E3"), "", ReturnTrace("E3")});
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
    s.source = "payments";
    for (int fy : all_.financial_years) {
      if (fy > fy_) continue;
      const MeasureValues* v = Spend("", fy);
      s.trend.push_back({fy, 0, v ? std::optional<std::int64_t>((v->*field).pence) : std::nullopt,
                         MembersWithPayments(fy)});
    }
    for (int q = 1; q <= 4; ++q) {
      const MeasureValues* v = Spend("", fy_, q);
      s.trend.push_back(
          {fy_, q, v ? std::optional<std::int64_t>((v->*field).pence) : std::nullopt, 0});
    }
    for (const core::Member& m : r_.network.members) {
      const MeasureValues* v = Spend(m.id, fy_);
      std::optional<std::int64_t> value;
      if (v && v->t1.lines > 0) value = (v->*field).pence;
      s.members.push_back({m.id, m.name, value});
    }
    if (const MeasureValues* v = Spend("", fy_)) {
      s.network = (v->*field).pence;
      s.share = Share((v->*field).pence, v->s2.pence);
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
    s.source = "returns";
    for (int fy : r_.returns.financial_years) {
      if (fy > fy_) continue;
      const ReturnScopeValues* n = r_.returns.Find("", fy);
      auto v = r_.returns.Value("", fy, measure);
      int reporting = 0;
      if (n) {
        auto it = n->reporting.find(measure);
        reporting = it == n->reporting.end() ? 0 : it->second;
      }
      s.trend.push_back({fy, 0, v, reporting});
    }
    for (const core::Member& m : r_.network.members) {
      s.members.push_back({m.id, m.name, r_.returns.Value(m.id, fy_, measure)});
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

  std::string ReturnStatusOf(const core::Member& m) const {
    std::vector<const store::ReturnSubmission*> subs;
    for (const store::ReturnSubmission& s : r_.returns.current) {
      if (s.member == m.id && s.financial_year == fy_) subs.push_back(&s);
    }
    if (subs.empty()) return "missing";
    for (const auto* s : subs) {
      if (s->quarter == 0) return "submitted " + s->submitted_at.substr(0, 10);
    }
    return fmt::format("{} of 4 quarters", subs.size());
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
        row.coverage = Share(v->size_known().pence, v->s2.pence);
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
      if (row.return_status == "missing") q.missing_returns.push_back(row.name);
      const MeasureValues* v = Spend(row.member, fy_);
      if (!v || v->t1.lines == 0) q.missing_payments.push_back(row.name);
    }
    if (const MeasureValues* v = Spend("", fy_)) {
      q.size_coverage = Share(v->size_known().pence, v->s2.pence);
      q.vcse_coverage = Share(v->vcse_known.pence, v->s2.pence);
      q.location_coverage = Share(v->local.pence + v->outside.pence, v->s2.pence);
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
    if (!q.missing_returns.empty()) {
      q.notes.push_back(fmt::format(
          "{} of {} members sent no return for {}: return figures are the reporting members' "
          "totals, not the whole network's.",
          q.missing_returns.size(), MemberCount(), FyText(fy_)));
    }
    if (q.size_coverage && *q.size_coverage < 0.9) {
      q.notes.push_back(fmt::format(
          "Supplier size is known for {} of addressable spend. Spend with suppliers of unknown "
          "size is counted neither as SME nor as large, so the SME figures are a floor.",
          Percent(q.size_coverage)));
    }
    if (r_.synthetic) {
      q.notes.push_back(
          "This network is synthetic: every figure is generated demo data, not a "
          "real network's.");
    }
    return {};
  }

  void Definitions() {
    for (const SpendMeasureText& m : kSpendMeasures) {
      r_.definitions.push_back({std::string(m.id), std::string(m.label), "£", std::string(m.text)});
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
      r_.definitions.push_back(
          {"RLW", "Real Living Wage", "£/hour",
           fmt::format("Living Wage Foundation rate announced {}: London {}, UK {} (rate table "
                       "version {})",
                       core::ToUkLong(rate->announced), core::FormatPounds(rate->london),
                       core::FormatPounds(rate->uk), core::kLivingWageTableVersion)});
    }
  }

  store::Store& store_;
  int fy_;
  MeasureReport all_;
  std::vector<store::ImportedFile> files_;
  ImpactReport r_;
};

}  // namespace

core::Result<ImpactReport> ComputeImpact(store::Store& store, int financial_year) {
  if (financial_year == 0) {
    return core::Fail(core::ErrorCode::kUsage, "the impact report needs a financial year (--fy)");
  }
  return Builder(store, financial_year).Build();
}

}  // namespace anchornet::metrics
