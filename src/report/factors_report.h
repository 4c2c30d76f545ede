// Renders GHG conversion factors (`anchornet factors`). Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace anchornet::report {

std::string GhgFactorsTable(const std::vector<store::GhgFactor>& factors);
std::string GhgFactorsJson(const std::vector<store::GhgFactor>& factors);

}  // namespace anchornet::report
