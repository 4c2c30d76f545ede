// Options that the CLI's flags and the API's parameters share, parsed and checked one way:
// a financial year (`--fy 2024/25`, `fy=2024/25`) and a member id (`--member`, `member=`).
//
// Thread-safety: pure functions, or as thread-safe as the Inputs given.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/inputs.h"
#include "core/error.h"

namespace anchornet::app {

// A financial year as core::ParseFinancialYear reads it ("2024/25", "2024-25", "2024"); nullopt
// when `text` is empty. `name` is how the caller spells the option ("--fy", "fy") for the message.
// Errors: kUsage ("--fy '2024x' is not a financial year such as 2024/25").
[[nodiscard]] core::Result<std::optional<int>> ParseFinancialYearOption(std::string_view name,
                                                                        std::string_view text);

// `member` when it is empty (the whole network) or a member of the network.
// Errors: kUnknownMember (core::UnknownMember), and as Inputs::Network.
[[nodiscard]] core::Result<std::string> CheckMemberOption(Inputs& inputs, std::string_view member);

}  // namespace anchornet::app
