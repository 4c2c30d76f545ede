// Shared options (options.h).
#include "app/options.h"

#include <fmt/format.h>

#include "core/date.h"

namespace anchornet::app {

core::Result<std::optional<int>> ParseFinancialYearOption(std::string_view name,
                                                          std::string_view text) {
  if (text.empty()) return std::optional<int>();
  if (auto fy = core::ParseFinancialYear(text)) return std::optional<int>(*fy);
  return core::Fail(core::ErrorCode::kUsage,
                    fmt::format("{} '{}' is not a financial year such as 2024/25", name, text));
}

core::Result<std::string> CheckMemberOption(Inputs& inputs, std::string_view member) {
  if (member.empty()) return std::string();
  auto network = inputs.Network();
  if (!network) return tl::unexpected(network.error());
  auto found = (*network)->RequireMember(member);
  if (!found) return tl::unexpected(found.error());
  return std::string(member);
}

}  // namespace anchornet::app
