// Query parameter parsing (params.h).
#include "api/internal/params.h"

#include <fmt/format.h>

#include <charconv>

#include "app/options.h"

namespace anchornet::api::internal {

namespace {

std::string Join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out.empty() ? "none" : out;
}

}  // namespace

core::Status Params::CheckNames() const {
  for (const auto& [name, value] : given_) {
    bool known = false;
    for (std::string_view a : allowed_) known |= a == name;
    if (!known) {
      return core::Fail(core::ErrorCode::kUsage,
                        fmt::format("unknown parameter '{}'; this endpoint takes: {}", name,
                                    Join(allowed_)));
    }
  }
  return {};
}

std::string Params::Text(std::string_view name) const {
  auto it = given_.find(std::string(name));
  return it == given_.end() ? std::string() : it->second;
}

core::Result<std::optional<int>> Params::Year(std::string_view name) const {
  return app::ParseFinancialYearOption(name, Text(name));
}

core::Result<std::int64_t> Params::Int(std::string_view name, std::int64_t fallback,
                                       std::int64_t min, std::int64_t max) const {
  const std::string text = Text(name);
  if (text.empty()) return fallback;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("{}='{}' should be a whole number from {} to {}", name, text,
                                  min, max));
  }
  return v;
}

core::Result<std::string> Params::Choice(std::string_view name, std::string fallback,
                                         const std::vector<std::string_view>& choices) const {
  const std::string text = Text(name);
  if (text.empty()) return fallback;
  for (std::string_view c : choices) {
    if (c == text) return text;
  }
  return core::Fail(core::ErrorCode::kUsage,
                    fmt::format("{}='{}' should be one of: {}", name, text, Join(choices)));
}

std::string Params::Canonical() const {
  std::string out;
  for (const auto& [name, value] : given_) {  // a multimap iterates in name order
    out += name + "=" + value + "&";
  }
  return out;
}

}  // namespace anchornet::api::internal
