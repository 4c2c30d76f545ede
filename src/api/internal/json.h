// JSON mapping for the API's own responses (docs/api.md). Responses that the CLI also prints
// (measures, suppliers, import summaries, returns status) use report/'s renderers.
//
// Money is integer pence; shares are fractions to 4 places, null without a denominator.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/error.h"
#include "core/network.h"
#include "metrics/impact.h"
#include "metrics/measures.h"
#include "metrics/payments.h"
#include "metrics/place.h"
#include "store/store.h"

namespace anchornet::api::internal {

using nlohmann::json;

// {"error": {"code", "message", "where": {file, line, column, member}}}
json ErrorJson(const core::Error& error);

// The network, its members and the years with payments (`all` is the unfiltered report).
json NetworkJson(const core::Network& network, const metrics::MeasureReport& all,
                 std::int64_t schema_version);

// The impact report of one year: headlines, goals, pillar series, member table, data quality.
json OverviewJson(const metrics::ImpactReport& impact);

// One member: its figures by year and quarter, the goals that concern it, its sector's peers.
json MemberJson(const core::Member& member, const metrics::MeasureReport& mine,
                const metrics::ImpactReport& impact);

json PlaceJson(const metrics::PlaceReport& place);

json PaymentsJson(const metrics::PaymentsPage& page);
// Every row of the page as CSV (RFC 4180), with a header row; amounts in pounds.
std::string PaymentsCsv(const metrics::PaymentsPage& page);

json ImportsJson(const std::vector<store::ImportedFile>& files);
// A file and some of its stored lines (the source rows around a drill-down's row).
json FileRowsJson(const store::ImportedFile& file, const std::vector<core::SpendLine>& lines,
                  std::int64_t row);
json RejectsJson(const std::vector<store::RejectRecord>& rejects);

// "0.4213" from a share, null when empty.
json ShareJson(std::optional<double> share);

// core::ConfidenceName(core::JudgeCoverage(coverage, warning_below)) as JSON: "not-known",
// "low" or "sufficient". Every API figure that has a coverage carries one (docs/api.md).
json ConfidenceJson(std::optional<double> coverage, double warning_below);

// Adds "confidence" to each measure of each scope that has a coverage (the catalogue's
// has_coverage; judged on its basis coverage where it has one) and to each goal, where the
// renderer has not written one already.
void AddMeasureConfidence(json& measures, double warning_below);
void AddGoalConfidence(json& goal, double warning_below);

// The measure catalogue (metrics/catalogue.h) for /api/v1/measures/catalogue.
json CatalogueJson();

}  // namespace anchornet::api::internal
