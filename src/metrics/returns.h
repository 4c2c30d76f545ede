// The members' returns added up: each member's figures per financial year (an annual return, or
// its quarterly returns folded), the network's totals, and the measures derived from detail rows
// (docs/metrics.md, "Returns"):
//   W1   = W1D + W1C                         staff uplifted to the Real Living Wage
//   W3   = levy transfers paid (£)           W3C committed, W3S paid to SMEs, W3A apprenticeships
//   E2P  = carbon projects' annual saving    E2 = E2D + E2P (kg CO2e), E2CUM = E2 summed over the
//                                            years up to and including this one
// Stock measures (W2P, E4) take the annual return's figure, else the latest quarter's; they are
// never added over years. Flows add over quarters and members.
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/returns.h"
#include "store/store.h"

namespace anchornet::metrics {

// The derived measures' catalogue lives in core/returns.h (the network file checks goal measures
// against it); these names are kept here for readers of metrics/.
using core::DerivedMeasure;
using core::DerivedReturnMeasures;
using core::FindAnyReturnMeasure;
using core::ReturnMeasureInfo;

// One scope (a member, or "" for the network) in one financial year.
struct ReturnScopeValues {
  std::string member;
  int financial_year = 0;
  std::map<std::string, std::int64_t> values;  // measure id -> base-unit value (present = reported)
  std::map<std::string, int> reporting;        // network scope: members whose figure is present
  std::vector<std::int64_t> submissions;       // the submissions folded in
};

// A member's transfers above half its annual levy funds in a year (W3 > 50% of W3F).
struct LevyWarning {
  std::string member;
  int financial_year = 0;
  std::int64_t transferred = 0;  // pence committed in the year
  std::int64_t funds = 0;        // W3F, pence
};

// A figure validation flagged at import (far outside the member's history), still in force.
struct FlaggedFigure {
  std::string member;
  int financial_year = 0;
  int quarter = 0;
  std::string measure;
  std::int64_t value = 0;
  std::string flag;
  std::int64_t submission = 0;
};

struct ReturnTotals {
  std::vector<int> financial_years;           // years with at least one current return
  std::vector<ReturnScopeValues> scopes;      // network first, then members; each year ascending
  std::vector<store::ReturnSubmission> current;  // every current submission
  std::vector<std::pair<std::string, core::CarbonProject>> projects;  // member, project
  std::vector<std::pair<std::string, core::LevyTransfer>> transfers;  // (current submissions)
  std::vector<LevyWarning> levy_warnings;
  std::vector<FlaggedFigure> flagged;

  const ReturnScopeValues* Find(std::string_view member, int financial_year) const;
  // A value, or empty when not reported.
  std::optional<std::int64_t> Value(std::string_view member, int financial_year,
                                    std::string_view measure) const;
};

// Errors: kNoWorkspace, kStoreIo.
[[nodiscard]] core::Result<ReturnTotals> ComputeReturnTotals(store::Store& store,
                                                             const core::Network& network);

// Which members have a current return for the year (annual or any quarter), and what changed
// in each resubmission: `anchornet returns status --fy`.
struct ReturnStatusRow {
  std::string member;
  std::string member_name;
  bool submitted = false;
  std::vector<store::ReturnSubmission> submissions;  // current ones for the year
  std::int64_t errors = 0, warnings = 0;
  struct Change {
    std::string measure;  // or "transfers" / "projects"
    std::optional<std::int64_t> before, after;
    int quarter = 0;
  };
  std::vector<Change> changes;  // against each current submission's predecessor
  std::int64_t resubmissions = 0;
};
[[nodiscard]] core::Result<std::vector<ReturnStatusRow>> ReturnsStatus(store::Store& store,
                                                                       int financial_year);

}  // namespace anchornet::metrics
