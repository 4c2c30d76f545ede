// Internals of the synthetic demo: members' workforce and climate returns, and the illustrative
// GHG conversion factors their carbon projects are converted with. Not for use outside src/demo/.
//
// Every figure is invented, scaled to each member's size in the demo. The story the returns tell
// is deliberate, so that the impact report has something to say about data quality too: two
// members send no return for the last year; one member reports quarterly in the last year and
// has sent three quarters; one member's first return for the last year has a typing slip (a
// figure ten times too large, flagged) and is replaced by a corrected one; one member transfers
// more than half its levy funds (a warning); and each member's carbon projects are converted
// with the factor set of their activity year.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/returns.h"
#include "demo/demo.h"

namespace anchornet::demo::internal {

// One return file the demo writes: a member's return, and whether it is the slip that a later
// file replaces.
struct DemoReturn {
  core::MemberReturn ret;
  bool superseded_later = false;  // the first, mistaken submission of a corrected return
  bool xlsx = false;              // written as the XLSX template (else CSV)
};

// Every member's returns for financial years first_fy .. first_fy + years - 1, in the order they
// are to be imported (a year's returns before the next year's, so that the outlier check has
// last year's figures to compare with).
std::vector<DemoReturn> MakeReturns(std::uint64_t seed, int first_fy, int years);

// The members that send no return for the last year (for tests and README.txt).
std::vector<std::string> MembersMissingLastYear();

// Writes DIR/registers/synthetic-ghg-factors-<year>.csv for each calendar year first_fy ..
// first_fy + years - 1 in the DESNZ flat-file layout: four factors (UK electricity, natural gas,
// diesel, petrol) with the IDs DESNZ uses and illustrative values near the published ones.
// Errors: kStoreIo.
core::Result<std::vector<DemoRegisterFile>> WriteGhgFactorFiles(const std::string& dir,
                                                                int first_fy, int years);

}  // namespace anchornet::demo::internal
