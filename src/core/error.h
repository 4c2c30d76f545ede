// Error and Result: how every expected failure in anchornet is reported.
//
// An Error carries a stable code from the one registry below, a message a council data officer can
// act on, and where it happened (file, line, column, member). Nothing throws across a folder
// boundary: functions that can fail return Result<T>.
//
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace anchornet::core {

// The registry of error codes. Codes are stable: golden tests and API clients match on their
// names (ErrorCodeName), never on message wording. Append only.
enum class ErrorCode : std::uint16_t {
  kOk = 0,
  // Usage and configuration.
  kUsage,          // bad command-line flags or arguments
  kConfigInvalid,  // a network file or mapping file has problems
  kUnknownMember,  // a member id not in the network
  kNotFound,       // something asked for by id does not exist
  // Files.
  kFileNotFound,
  kFileUnreadable,
  kFileEmpty,
  kUnsupportedFormat,  // not CSV/XLSX/JSON, or a damaged container
  kNotPaymentLines,    // the file is an aggregate or report, not payment lines
  kNoHeaderMatch,      // no column could be recognised as supplier/amount/date
  kAlreadyImported,    // the same bytes were imported before (informational)
  // Row-level problems (stored as rejects; never fail a whole file).
  kBadAmount,
  kBadDate,
  kMissingAmount,
  kMissingDate,
  kMissingPayee,
  kRaggedRow,
  kUnterminatedQuote,
  kBadEncoding,
  // Store.
  kStoreOpen,
  kStoreSchemaTooNew,  // the workspace was written by a newer anchornet
  kStoreIo,            // disk full, I/O error, locked database
  kStoreConstraint,
  kNoWorkspace,  // no network saved: run `anchornet init`
  // Programmer or environment errors that still must not crash.
  kInternal,
  // Members' returns (docs/returns.md). Rows with these are not taken, except the warnings.
  kUnknownMeasure,       // a measure id not in docs/metrics.md's returns
  kWrongUnit,            // a unit that is not the measure's
  kBadFigure,            // negative, not whole, or not a number
  kPeriodOutside,        // a period outside the member's financial year, or unreadable
  kSubCountAboveTotal,   // E1C above E1, C5 above C5T
  kMissingNote,          // E2D without a method note
  kNoFactor,             // no DESNZ conversion factor matches a project's activity and year
  kProjectClaimed,       // a carbon project another member's return already counts
  kDuplicateFigure,      // the same measure twice in one return
  kFigureOutlier,        // warning: far outside the member's history (taken, flagged)
  kLevyOverHalf,         // warning: transfers above half the member's levy funds (taken)
  // The HTTP API (docs/api.md).
  kPayloadTooLarge,  // a request body over the server's limit
  kUnauthorized,     // a write request without the server's token
  // Spend import, appended.
  kPayeeUncertain,  // no header names the payee and no column is clearly it: name it (--mapping)
};

// Stable machine name, e.g. "bad_amount". Never changes once published.
std::string_view ErrorCodeName(ErrorCode code);

// The one table mapping codes to process exit codes and HTTP statuses.
int ExitCodeFor(ErrorCode code);
int HttpStatusFor(ErrorCode code);

// Where an error happened. Line and column are 1-based; 0 means unknown.
struct Location {
  std::string file;
  std::int64_t line = 0;
  std::int32_t column = 0;
  std::string member;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  Location where;

  // "file:line:column: message [code]" with the parts that are known.
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, Location where = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(where)});
}

}  // namespace anchornet::core
