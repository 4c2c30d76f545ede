// Members' returns for the terminal and JSON: an import's summary, `returns status`, `returns
// list` and `returns show`. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/network.h"
#include "core/returns.h"
#include "ingest/returns.h"
#include "metrics/returns.h"
#include "store/store.h"

namespace anchornet::report {

std::string ReturnImportText(const ingest::ReturnImportSummary& s);
std::string ReturnImportJson(const std::vector<ingest::ReturnImportSummary>& all);
nlohmann::json ReturnImportJsonValue(const std::vector<ingest::ReturnImportSummary>& all);

// Who has submitted for the year, who has not, and what changed in resubmissions.
std::string ReturnsStatusTable(const std::vector<metrics::ReturnStatusRow>& rows, int fy);
std::string ReturnsStatusJson(const std::vector<metrics::ReturnStatusRow>& rows, int fy);
nlohmann::json ReturnsStatusJsonValue(const std::vector<metrics::ReturnStatusRow>& rows, int fy);

std::string ReturnSubmissionsTable(const std::vector<store::ReturnSubmission>& subs);

// One submission: its figures with units and notes, transfers, projects and issues.
std::string ReturnShowText(const store::ReturnSubmission& sub, const core::MemberReturn& ret,
                           const std::vector<store::ReturnIssue>& issues);

}  // namespace anchornet::report
