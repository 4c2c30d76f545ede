// Layout detection: which row is the header (among the first lines, after a preamble, or the
// file's last line), and which column plays which role (payment date, payee, amount, ...), found
// from header synonyms first and cell contents second, or given by a mapping file. When the
// payee must be inferred, every candidate column is scored (ScorePayeeColumn) and the scores are
// kept. See docs/import.md for the synonym lists and the rules.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "ingest/payee.h"

namespace anchornet::ingest {

enum class Role : std::uint8_t {
  kPaymentDate,
  kPayee,
  kAmount,  // an amount column not labelled net or gross
  kNetAmount,
  kGrossAmount,
  kVat,
  kIrrecoverableVat,
  kExpenseType,
  kServiceArea,
  kDepartment,
  kDescription,
  kReference,
  kPayeeId,
  kCompanyNumber,
  kCharityNumber,
  kVatNumber,
  kPostcode,
  kMerchantCategory,
  kCount,
};
inline constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::kCount);

std::string_view RoleName(Role role);  // "payment_date", "payee", ...
std::optional<Role> ParseRole(std::string_view name);

// A row kept in memory for detection (owned strings).
struct SampleRow {
  std::int64_t line = 0;
  std::vector<std::string> cells;
  core::ErrorCode problem = core::ErrorCode::kOk;  // as Row::problem
  std::int32_t problem_column = 0;
};

// What the reader knows of the file beyond the sample of its first rows.
struct SampleEnd {
  bool whole_file = true;  // the sample holds every row of the file
  // When the sample is not the whole file: the file's last non-blank row, for a header sorted to
  // the end. Read only when the sample has no header (FindHeaderRow); absent otherwise.
  std::optional<SampleRow> last_row;
};

// The index in `sample` of the row among the first 60 that reads best as a header: the most
// cells recognised as column names, at least two, one of them a payee, amount or date, and no
// cell that reads as money or a date. nullopt when no row does.
std::optional<std::size_t> FindHeaderRow(const std::vector<SampleRow>& sample);

// One column scored as the payee when the payee had to be inferred from contents.
struct PayeeCandidate {
  std::int32_t column = -1;  // 0-based cell index
  PayeeColumnScore score;
  std::string example;  // the column's most frequent value in the sample
};

// A user's override of detection (`--mapping FILE`).
struct Mapping {
  std::optional<std::int64_t> header_line;  // 1-based source line of the header; 0: no header
  std::array<std::string, kRoleCount> by_header{};   // header text per role
  std::array<std::int32_t, kRoleCount> by_column{};  // 1-based column per role (0: unset)
  std::optional<core::DayOrder> day_order;
  char delimiter = 0;
};

// Reads a mapping file (TOML). Errors: kFileNotFound, kConfigInvalid (every problem listed).
[[nodiscard]] core::Result<Mapping> ReadMappingFile(const std::string& path);

struct Layout {
  std::int64_t header_line = 0;  // 0: no header row
  // The data rows in the sample are [data_start, data_end): after the header, or before it when
  // the header is the file's last row.
  std::size_t data_start = 0;
  std::size_t data_end = 0;
  bool header_at_end = false;                     // the header is the file's last non-blank row
  std::vector<std::string> header;                // header cells as published (trimmed)
  std::array<std::int32_t, kRoleCount> column{};  // 0-based cell index per role; -1 when absent
  std::array<std::string, kRoleCount> how{};      // "header", "content" or "mapping"
  core::DayOrder day_order = core::DayOrder::kDayMonthYear;
  // True when the sample proved the day order (a day above 12 somewhere) or a mapping gave it;
  // false when day-first was assumed.
  bool day_order_decided = false;
  bool inferred = false;  // no header: roles were inferred from cell contents
  // When the payee was inferred from contents: every candidate column, best first.
  std::vector<PayeeCandidate> payee_candidates;
  // The inferred payee is a weak guess (below kPayeeScoreFloor, or less than kPayeeLeadFloor
  // ahead of the runner-up): the importer refuses the file (payee_uncertain).
  bool payee_uncertain = false;
  std::vector<std::string> notes;

  bool Has(Role r) const { return column[static_cast<std::size_t>(r)] >= 0; }
  std::int32_t Col(Role r) const { return column[static_cast<std::size_t>(r)]; }
  // The column to take a line's amount from: net, else plain amount, else gross.
  std::int32_t AmountColumn() const;
};

// Lower-cases, turns every character that is not a letter or digit into a space and collapses
// spaces: "Net Amount(£)" -> "net amount", "Name:  " -> "name".
std::string NormaliseHeader(std::string_view cell);

// Detects the layout from the first rows of a file (`sample`) and, when they are not the whole
// file, what `end` says of the rest (null: the sample is the whole file). A weak payee guess is
// not an error here: it is marked in Layout::payee_uncertain. Errors: kNoHeaderMatch (no payee or
// amount column could be found), kNotPaymentLines (no payment dates: an aggregate such as
// per-supplier totals), kConfigInvalid (a mapping names a header that is not there).
[[nodiscard]] core::Result<Layout> DetectLayout(const std::vector<SampleRow>& sample,
                                                const Mapping* mapping,
                                                const SampleEnd* end = nullptr);

}  // namespace anchornet::ingest
