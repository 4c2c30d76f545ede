// The network's annual impact report (docs/report.md, "Impact report"): the measures, the
// members' returns and the goals of one financial year, put into the headlines, pillar sections,
// member table, data-quality notes and trace that report/ renders as HTML, XLSX or Markdown.
//
// Everything here is computed; nothing is written for show. Each headline carries its basis
// (payments or returns, coverage, how many members reported) and the trace of inputs behind it.
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/returns.h"
#include "metrics/measures.h"
#include "metrics/returns.h"
#include "store/store.h"

namespace anchornet::metrics {

// One line of a headline's or figure's trace: what went into it.
struct TraceItem {
  std::string kind;    // "file" (a spend file), "return", "rule", "register", "factor", "goal"
  std::string member;  // "" for network-wide inputs
  std::string text;    // "lambeth_2023_q1.csv (4,210 lines, imported 2025-06-01)", ...
  std::int64_t id = 0;  // file id / submission id when there is one
};

// A headline as the network would announce it.
struct Headline {
  std::string id;      // stable: "msme-spend", "living-wage", "levy-sme", "carbon-saved", ...
  core::Pillar pillar = core::Pillar::kProcurement;
  std::string measure;  // the measure id it reports (S3, W1, W3S, E2CUM, ...)
  std::string source;   // "payments" or "returns"
  std::int64_t value = 0;  // base unit
  core::ReturnUnit unit = core::ReturnUnit::kPounds;
  std::string figure;   // the number as printed: "£1.9bn", "7,300", "2.1m tonnes CO2e"
  std::string text;     // the sentence: "£1.9bn with micro, small and medium businesses in two
                        // years, against a goal of £1.17bn over three years"
  std::string basis;    // "payments (cash paid) FY 2022/23-2023/24; supplier size known for 73%
                        // of addressable spend; 22 of 22 members' payment files"
  std::string goal_id;  // the goal it is measured against, if any
  std::vector<TraceItem> trace;
  // Payments headlines: the financial years the figure adds up (the payments behind it are
  // PaymentsQuery{measure, financial_year = from_fy, to_financial_year = to_fy}). 0 otherwise.
  int from_fy = 0;
  int to_fy = 0;
};

// A measure's value over the years and each member's part, for a pillar section's charts.
struct ImpactSeries {
  std::string measure;
  std::string label;
  core::ReturnUnit unit = core::ReturnUnit::kPounds;
  std::string source;  // "payments" or "returns"
  struct Point {
    int financial_year = 0;
    int quarter = 0;  // 0 = the year
    std::optional<std::int64_t> value;  // empty: not reported
    int reporting = 0;                  // members reporting (returns)
  };
  std::vector<Point> trend;  // payments: the year's quarters then earlier years; returns: years
  struct Part {
    std::string member;
    std::string member_name;
    std::optional<std::int64_t> value;  // the report's year
  };
  std::vector<Part> members;  // every member in network order (empty value: not reported)
  std::optional<std::int64_t> network;  // the report's year
  std::optional<double> share;  // share measures (S3 of S2, C5 of C5T), the report's year
  std::string definition;
};

struct ImpactSection {
  core::Pillar pillar = core::Pillar::kProcurement;
  std::string title;  // core::PillarLabel
  std::vector<std::string> headline_ids;
  std::vector<std::string> goal_ids;
  std::vector<ImpactSeries> series;
};

// One member's row in the member table (the report's year).
struct ImpactMemberRow {
  std::string member;
  std::string name;
  std::string sector;  // label
  core::Pence s2 = 0;
  std::optional<double> msme_share;  // S3 / S2
  std::optional<double> coverage;    // size known / S2
  std::optional<std::int64_t> w1, w2s, e1, e2;  // from returns (empty: not reported)
  std::string return_status;  // "submitted 2024-05-03", "2 of 4 quarters", "missing"
  std::int64_t flags = 0;     // flagged figures in force
};

struct DataQuality {
  std::vector<std::string> missing_returns;  // member names with no return for the year
  std::vector<std::string> missing_payments;  // member names with no payments in the year
  std::optional<double> size_coverage;       // network, the year
  std::optional<double> vcse_coverage;
  std::optional<double> location_coverage;
  std::vector<FlaggedFigure> flagged;
  std::vector<LevyWarning> levy_warnings;
  std::int64_t unmatched_suppliers = 0;  // suppliers with no register match, paid in the year
  core::Pence unmatched_spend = 0;
  std::int64_t rejected_rows = 0;  // spend rows rejected across imported files
  std::vector<std::string> notes;  // anything else a reader should know, in plain words
};

struct Definition {
  std::string id;
  std::string label;
  std::string unit;
  std::string text;
};

struct ImpactReport {
  core::Network network;
  int financial_year = 0;  // the report's year
  std::string generated_at;  // ISO 8601 UTC
  bool synthetic = false;
  std::vector<Headline> headlines;
  std::vector<ImpactSection> sections;  // pillars in order; a pillar with nothing is left out
  std::vector<GoalProgress> goals;
  std::vector<ImpactMemberRow> members;
  DataQuality quality;
  std::vector<Definition> definitions;
  std::vector<TraceItem> inputs;  // every input: spend files, returns, registers, rules, factors
  MeasureReport measures;  // the full measures for the year (for the XLSX's data sheets)
  ReturnTotals returns;
};

// Errors: kNoWorkspace, kUsage (no financial year given and none with data), kStoreIo.
[[nodiscard]] core::Result<ImpactReport> ComputeImpact(store::Store& store, int financial_year);

}  // namespace anchornet::metrics
