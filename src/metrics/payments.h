// The payment lines behind a figure of the measures report (drill-down): for any measure and
// breakdown, scope (the network or a member), period and line filter, the lines ComputeMeasures
// added up for it, with enough of each row (file, row number, date, payee, amount) for a person
// to find it in the member's published file. The lines are classified by the same code as
// ComputeMeasures (metrics/internal/classifier.h), so the total of PaymentsBehind equals the
// figure in the report to the penny and the line (docs/metrics.md, "Drill-down").
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/money.h"
#include "core/network.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::metrics {

// Which figure, and which page of its lines.
struct PaymentsQuery {
  // "T1", "S1", "S2", "S3", "S3L", "S4", "S6", "S7", "S7b", "S8", or "excluded" (the lines a
  // bridge step takes out between T1 and S2).
  std::string measure;
  // Per measure ("" everywhere = the measure's headline figure):
  //   S3:  "" (MSME: values.msme), "micro", "small", "medium", "sme" (SME without a band; also
  //        "sme_unbanded"), "large", "unknown" (values.by_size[band]).
  //   S4:  "" (any flag: diverse_any), a flag as core::DiverseFlagName names it ("women",
  //        "ethnic-minority", "disabled", "lgbtq"; snake_case accepted), "certified",
  //        "self_declared", "unknown" (S2 - diverse_known).
  //   S6:  "" (VCSE yes: vcse), "unknown" (S2 - vcse_known).
  //   S7:  "" (local), "unknown" (S2 - local - outside).
  //   S8:  "decile_1" (deprived_1), "decile_12" (also "deciles_1_2": deprived_12), "unknown"
  //        (S2 - lsoa_known). "" is refused (S8 has two headline figures).
  //   excluded: "" (every line not in S2: T1 - S2), or a bridge step's rule: an AppliedRule id
  //        ("payroll", "grants", a network rule's id) or "between-members" (the network only).
  //   T1, S1, S2, S3L, S7b: "" only.
  std::string breakdown;
  std::string member;                 // "" = the network (payments between members are not its
                                      // third-party spend, as in ComputeMeasures)
  std::optional<int> financial_year;  // empty: every year
  // With financial_year: the last year of a range financial_year..to_financial_year (a
  // headline over several years). Quarter then applies to each year of the range.
  std::optional<int> to_financial_year;
  int quarter = 0;                    // 1..4 of each year taken; 0 = the whole year
  LineFilter filter;                  // as ReportQuery::filter
  std::string supplier;               // a supplier key (SupplierRecord::key); "" = any supplier
  std::string sort = "amount";        // "amount", "date", "payee", "member"
  bool descending = true;             // on the sort key; ties go by member, file and row
  std::int64_t offset = 0;            // rows to skip (after sorting)
  std::int64_t limit = 100;           // rows to return; 0 = all (a CSV download)
};

// One payment line as the member published it.
struct PaymentRow {
  std::string member;  // member id
  std::int64_t file_id = 0;
  std::string file_name;  // as imported (Store::ListImports)
  std::int64_t row = 0;   // 1-based row in the source file (core::SpendLine::row): the physical
                          // line of a CSV, the sheet row of an XLSX, the index of a JSON row
  core::Date paid_on;
  std::string payee;         // as published
  std::string supplier_key;  // "" when the payee resolved to no supplier
  std::string supplier_name;
  core::Pence amount = 0;
  std::string expense_type;
  std::string reference;
  std::string description;
};

struct PaymentsPage {
  PaymentsQuery query;
  Amount total;                    // every matching line, not only this page's
  std::vector<PaymentRow> rows;    // [offset, offset + limit) of the matching lines, sorted
  std::int64_t data_version = 0;   // Store::DataVersion the lines were read at
  bool resolved_now = false;       // suppliers were resolved again first
};

// The measures and breakdowns PaymentsQuery accepts, for messages and for callers listing them:
// pairs of (measure, breakdown), in report order.
const std::vector<std::pair<std::string, std::string>>& PaymentsFigures();

// Resolves suppliers first when the data changed since the last resolution (as ComputeMeasures
// does). Errors: kUsage (an unknown measure, breakdown, sort or quarter, or a negative offset or
// limit; the message lists what is accepted), kUnknownMember, kNotFound (no supplier with that
// key), kNoWorkspace, kStoreIo.
[[nodiscard]] core::Result<PaymentsPage> PaymentsBehind(store::Store& store,
                                                        const PaymentsQuery& query);

}  // namespace anchornet::metrics
