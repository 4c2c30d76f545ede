// Spend totals by member, financial year and quarter, and the top payees: the first view of a
// network's payments, before suppliers are classified.
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "store/store.h"

namespace anchornet::metrics {

struct SummaryQuery {
  std::optional<int> financial_year;  // e.g. 2023 for 2023/24; empty: all years
  std::string member;                 // empty: all members
  std::int64_t top = 20;              // how many payees to list
};

struct QuarterTotal {
  std::string member;
  int financial_year = 0;
  int quarter = 0;  // 1..4
  std::int64_t lines = 0;
  core::Pence amount = 0;
};

struct SpendSummary {
  core::Network network;
  SummaryQuery query;
  std::vector<QuarterTotal> quarters;  // member order of the network, then year, then quarter
  std::vector<int> financial_years;    // the years present, ascending
  std::vector<store::PayeeTotal> top_payees;
  std::int64_t lines = 0;
  core::Pence total = 0;
  std::optional<core::Date> first_paid, last_paid;
};

// Errors: kNoWorkspace, kUnknownMember, kStoreIo.
[[nodiscard]] core::Result<SpendSummary> SummariseSpend(store::Store& store,
                                                        const SummaryQuery& query);

}  // namespace anchornet::metrics
