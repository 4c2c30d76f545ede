// Query parameters of one API request: unknown names are refused, values are parsed with errors
// that name the parameter (kUsage, HTTP 400).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anchornet::api::internal {

class Params {
 public:
  // `given`: the request's parameters (name -> value; repeated names keep the first).
  Params(std::multimap<std::string, std::string> given, std::vector<std::string_view> allowed)
      : given_(std::move(given)), allowed_(std::move(allowed)) {}

  // Errors: kUsage for a parameter this endpoint does not take (listing those it takes).
  [[nodiscard]] core::Status CheckNames() const;
  // The value, or "" when absent.
  std::string Text(std::string_view name) const;
  // A financial year (app::ParseFinancialYearOption). Errors: kUsage.
  [[nodiscard]] core::Result<std::optional<int>> Year(std::string_view name) const;
  // A whole number in [min, max]; `fallback` when absent. Errors: kUsage.
  [[nodiscard]] core::Result<std::int64_t> Int(std::string_view name, std::int64_t fallback,
                                               std::int64_t min, std::int64_t max) const;
  // One of `choices`; `fallback` when absent. Errors: kUsage listing the choices.
  [[nodiscard]] core::Result<std::string> Choice(std::string_view name, std::string fallback,
                                                 const std::vector<std::string_view>& choices) const;
  // The canonical form of the parameters (sorted by name), for cache keys.
  std::string Canonical() const;

 private:
  std::multimap<std::string, std::string> given_;
  std::vector<std::string_view> allowed_;
};

}  // namespace anchornet::api::internal
