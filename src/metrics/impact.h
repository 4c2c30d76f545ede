// The network's annual impact report (docs/report.md, "Impact report"): the measures, the
// members' returns and the goals of one financial year, put into the headlines, pillar sections,
// member table, data-quality notes and trace that report/ renders as HTML, XLSX or Markdown.
//
// Numbers and kinds only: no sentence, no formatted figure (report/ writes every word; decision
// 45). Each headline carries its basis (payments or returns, coverage and its confidence, how many
// members reported) and the trace of inputs behind it as typed facts.
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/coverage.h"
#include "core/error.h"
#include "core/returns.h"
#include "metrics/measures.h"
#include "metrics/returns.h"
#include "store/store.h"

namespace anchornet::metrics {

// Where a figure comes from: members' payment files (cash paid) or their returns.
enum class FigureSource : std::uint8_t { kPayments, kReturns };
// "payments", "returns": the spelling in JSON and the XLSX.
std::string_view FigureSourceName(FigureSource source);

// The fact a payments figure needs known about each supplier, whose coverage judges it
// (core/coverage.h): size for S3, VCSE status for S6, location for S7.
enum class CoverageFact : std::uint8_t { kNone, kSupplierSize, kVcseStatus, kLocation };

// How far one figure can be trusted: its coverage and the network's judgement of it
// (core::JudgeCoverage with Network::coverage_warning_below). Figures with no coverage (returns)
// are kSufficient with no share.
struct FigureCoverage {
  CoverageFact fact = CoverageFact::kNone;
  std::optional<double> share;  // 0..1; empty when there is nothing to cover
  core::Confidence confidence = core::Confidence::kSufficient;
};

// The kinds of input a trace lists, in the order the report's appendix groups them.
enum class TraceKind : std::uint8_t {
  kFile,        // a spend file
  kRegister,    // a register import, or the note on supplier classification
  kReturn,      // a member's return submission
  kRule,        // a spend rule (S1/S2 exclusion)
  kFactor,      // a DESNZ conversion factor, or a carbon project converted with one
  kGoal,        // a goal from the network file
  kDefinition,  // a measure's definition
};
// "file", "register", "return", "rule", "factor", "goal", "definition": JSON and XLSX spelling.
std::string_view TraceKindName(TraceKind kind);

// The facts of each kind of trace line; report/ writes them as words.
struct FileInput {
  std::string name;
  std::int64_t lines = 0;
  std::optional<core::Date> first_paid, last_paid;
  std::string imported_at;  // ISO 8601
};
struct RegisterInput {
  std::string name;
  std::string kind;  // the register kind ("companies-house", "supplier-returns", ...)
  std::int64_t records = 0;
  std::string imported_at;
};
// `anchornet suppliers show KEY` gives each supplier's facts and their sources.
struct ClassificationInput {};
struct ReturnInput {
  int financial_year = 0;
  int quarter = 0;  // 0 = the year
  std::string file_name;
  std::string submitted_at;
  bool replaces = false;  // it superseded an earlier submission
  // In a headline's trace: the figure this return gave for the headline's measure.
  std::string measure;
  std::optional<std::int64_t> value;
  core::ReturnUnit unit = core::ReturnUnit::kCount;
};
// A spend rule; `in_headline`: listed under a headline (what it takes out) rather than among
// all inputs (where it comes from).
struct RuleInput {
  AppliedRule rule;
  bool in_headline = false;
};
struct FactorInput {
  int activity_year = 0;
  std::string factor_id;
  std::string path;
  double factor = 0;  // kg CO2e per unit
  std::string unit;
};
struct ProjectInput {
  core::CarbonProject project;
};
struct GoalInput {
  std::string id;
  std::string description;  // the network file's, or the goal's basis when it has none
  std::string kind;
};
struct DefinitionInput {
  std::string id;
  std::string label;
  std::string text;
};

// One line of a headline's or figure's trace: what went into it.
struct TraceItem {
  TraceKind kind = TraceKind::kFile;
  std::string member;   // "" for network-wide inputs
  std::int64_t id = 0;  // file id / submission id / register import id when there is one
  std::variant<FileInput, RegisterInput, ClassificationInput, ReturnInput, RuleInput, FactorInput,
               ProjectInput, GoalInput, DefinitionInput>
      detail;
};

// What a headline announces; each kind has one sentence, written by report/.
enum class HeadlineKind : std::uint8_t {
  kMsmeSpend,             // S3, the year or against the network's cumulative goal
  kVcseSpend,             // S6
  kLocalSpend,            // S7
  kPromptPayment,         // C5 of C5T
  kLivingWage,            // W1 (W1D + W1C), against a cumulative goal when there is one
  kTargetHires,           // W4
  kApprenticeships,       // W2S, with W2P in post
  kLevySme,               // W3S, with W3A apprenticeships funded
  kMentoring,             // W5M
  kCarbonLiteracy,        // E1, with E1C certified
  kCarbonSaved,           // E2, with E2CUM since the first year
  kDecarbonisationFunds,  // E3
};
// The stable id: "msme-spend", "vcse-spend", "local-spend", "prompt-payment", "living-wage",
// "target-hires", "apprenticeships", "levy-sme", "mentoring", "carbon-literacy", "carbon-saved",
// "decarbonisation-funds".
std::string_view HeadlineId(HeadlineKind kind);

// The goal a headline is measured against.
struct HeadlineGoal {
  std::string id;
  int from_fy = 0;
  int to_fy = 0;
  std::int64_t achieved = 0;  // since from_fy, in the headline's unit
  std::int64_t target = 0;
};

// A headline as the network would announce it: numbers and kinds only (report/ writes the
// figure, the sentence and the basis).
struct Headline {
  HeadlineKind kind = HeadlineKind::kMsmeSpend;
  std::string id;  // HeadlineId(kind)
  core::Pillar pillar = core::Pillar::kProcurement;
  std::string measure;  // the measure id it reports (S3, W1, W3S, E2, ...)
  FigureSource source = FigureSource::kPayments;
  std::int64_t value = 0;  // base unit
  core::ReturnUnit unit = core::ReturnUnit::kPounds;
  std::optional<double> share;        // S3 or S7 of S2 (the year), C5 of C5T
  std::optional<std::int64_t> total;  // C5T: invoices paid
  // Parts and companions of the figure, each empty when not reported.
  std::optional<std::int64_t> employees, contractors;  // W1D, W1C
  std::optional<std::int64_t> in_post;                 // W2P
  std::optional<std::int64_t> apprenticeships_funded;  // W3A (when above zero)
  std::optional<std::int64_t> certified;               // E1C
  std::optional<std::int64_t> cumulative;              // E2CUM, when it differs from E2
  int cumulative_from_fy = 0;                          // the first year E2CUM counts
  // Living wage: London's rate applies (the network's geography is in London) and the rate in
  // force at the year's end.
  bool london = false;
  std::optional<core::LivingWageRate> wage_rate;
  std::optional<HeadlineGoal> goal;
  // Basis. Payments: the years added up (the payments behind the figure are
  // PaymentsQuery{measure, financial_year = from_fy, to_financial_year = to_fy}; 0 otherwise),
  // the coverage of the fact the measure needs and how many members' payment files are in.
  // Returns: how many members reported the measure for the report's year.
  int from_fy = 0;
  int to_fy = 0;
  FigureCoverage coverage;
  int members_with_data = 0;
  int members = 0;
  std::vector<TraceItem> trace;
};

// A measure's value over the years and each member's part, for a pillar section's charts.
struct ImpactSeries {
  std::string measure;
  std::string label;
  core::ReturnUnit unit = core::ReturnUnit::kPounds;
  FigureSource source = FigureSource::kPayments;
  struct Point {
    int financial_year = 0;
    int quarter = 0;                    // 0 = the year
    std::optional<std::int64_t> value;  // empty: not reported
    int reporting = 0;                  // members reporting (returns)
    FigureCoverage coverage;            // payments: the fact the measure needs, that period
  };
  std::vector<Point> trend;  // payments: the year's quarters then earlier years; returns: years
  struct Part {
    std::string member;
    std::string member_name;
    std::optional<std::int64_t> value;  // the report's year
    FigureCoverage coverage;
  };
  std::vector<Part> members;            // every member in network order (empty value: not reported)
  std::optional<std::int64_t> network;  // the report's year
  FigureCoverage network_coverage;      // the report's year
  std::optional<double> share;          // share measures (S3 of S2, C5 of C5T), the report's year
  std::string definition;
};

struct ImpactSection {
  core::Pillar pillar = core::Pillar::kProcurement;
  std::string title;  // core::PillarLabel (the network's catalogue of pillar names)
  std::vector<std::string> headline_ids;
  std::vector<std::string> goal_ids;
  std::vector<ImpactSeries> series;
};

// Where a member's return for the report's year stands.
enum class ReturnState : std::uint8_t { kMissing, kSubmitted, kQuarters };
struct ReturnStatus {
  ReturnState state = ReturnState::kMissing;
  std::string submitted_at;  // kSubmitted: the whole-year return's import time (ISO 8601)
  int quarters = 0;          // kQuarters: how many quarterly returns are in
};

// Something a reader of the data-quality section should know (report/ writes it).
enum class QualityNote : std::uint8_t {
  kMissingReturns,  // some members sent no return: return figures are the reporting members'
  kSizeCoverage,    // supplier size known for under 90% of S2: the SME figures are a floor
  kSynthetic,       // every figure is generated demo data
};

// One member's row in the member table (the report's year).
struct ImpactMemberRow {
  std::string member;
  std::string name;
  std::string sector;  // label
  core::Pence s2 = 0;
  std::optional<double> msme_share;                           // S3 / S2
  std::optional<double> coverage;                             // size known / S2
  core::Confidence confidence = core::Confidence::kNotKnown;  // of the MSME share, by coverage
  std::optional<std::int64_t> w1, w2s, e1, e2;                // from returns (empty: not reported)
  ReturnStatus return_status;
  std::int64_t flags = 0;  // flagged figures in force
};

struct DataQuality {
  std::vector<std::string> missing_returns;   // member names with no return for the year
  std::vector<std::string> missing_payments;  // member names with no payments in the year
  std::optional<double> size_coverage;        // network, the year
  std::optional<double> vcse_coverage;
  std::optional<double> location_coverage;
  core::Confidence size_confidence = core::Confidence::kNotKnown;  // of each coverage above
  core::Confidence vcse_confidence = core::Confidence::kNotKnown;
  core::Confidence location_confidence = core::Confidence::kNotKnown;
  std::vector<FlaggedFigure> flagged;
  std::vector<LevyWarning> levy_warnings;
  std::int64_t unmatched_suppliers = 0;  // suppliers with no register match, paid in the year
  core::Pence unmatched_spend = 0;
  std::int64_t rejected_rows = 0;  // spend rows rejected across imported files
  std::vector<QualityNote> notes;  // anything else a reader should know
};

struct Definition {
  std::string id;
  std::string label;
  std::string unit;
  std::string text;
};

struct ImpactReport {
  core::Network network;
  int financial_year = 0;    // the report's year
  std::string generated_at;  // ISO 8601 UTC, from the clock ComputeImpact was given
  bool synthetic = false;
  std::vector<Headline> headlines;
  std::vector<ImpactSection> sections;  // pillars in order; a pillar with nothing is left out
  std::vector<GoalProgress> goals;
  std::vector<ImpactMemberRow> members;
  DataQuality quality;
  std::vector<Definition> definitions;  // the payment and return measures
  // The Real Living Wage in force at the year's end (its definition's figures), when known.
  std::optional<core::LivingWageRate> living_wage;
  std::vector<TraceItem> inputs;  // every input: spend files, returns, registers, rules, factors
  MeasureReport measures;         // the full measures for the year (for the XLSX's data sheets)
  ReturnTotals returns;
};

// `clock` stamps generated_at (tests pass a core::FixedClock). Errors: kNoWorkspace, kUsage (no
// financial year given and none with data), kStoreIo.
[[nodiscard]] core::Result<ImpactReport> ComputeImpact(
    store::Store& store, int financial_year, const core::Clock& clock = core::SystemClock());

}  // namespace anchornet::metrics
