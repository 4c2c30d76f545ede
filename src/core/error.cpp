#include "core/error.h"

#include <fmt/format.h>

namespace anchornet::core {

namespace {

struct CodeInfo {
  ErrorCode code;
  std::string_view name;
  int exit_code;
  int http_status;
};

// One table: name, CLI exit code, HTTP status. Exit codes follow sysexits.h where one fits.
constexpr CodeInfo kCodes[] = {
    {ErrorCode::kOk, "ok", 0, 200},
    {ErrorCode::kUsage, "usage", 64, 400},
    {ErrorCode::kConfigInvalid, "config_invalid", 78, 422},
    {ErrorCode::kUnknownMember, "unknown_member", 64, 404},
    {ErrorCode::kNotFound, "not_found", 66, 404},
    {ErrorCode::kFileNotFound, "file_not_found", 66, 404},
    {ErrorCode::kFileUnreadable, "file_unreadable", 66, 422},
    {ErrorCode::kFileEmpty, "file_empty", 65, 422},
    {ErrorCode::kUnsupportedFormat, "unsupported_format", 65, 415},
    {ErrorCode::kNotPaymentLines, "not_payment_lines", 65, 422},
    {ErrorCode::kNoHeaderMatch, "no_header_match", 65, 422},
    {ErrorCode::kAlreadyImported, "already_imported", 0, 200},
    {ErrorCode::kBadAmount, "bad_amount", 65, 422},
    {ErrorCode::kBadDate, "bad_date", 65, 422},
    {ErrorCode::kMissingAmount, "missing_amount", 65, 422},
    {ErrorCode::kMissingDate, "missing_date", 65, 422},
    {ErrorCode::kMissingPayee, "missing_payee", 65, 422},
    {ErrorCode::kRaggedRow, "ragged_row", 65, 422},
    {ErrorCode::kUnterminatedQuote, "unterminated_quote", 65, 422},
    {ErrorCode::kBadEncoding, "bad_encoding", 65, 422},
    {ErrorCode::kStoreOpen, "store_open", 74, 503},
    {ErrorCode::kStoreSchemaTooNew, "store_schema_too_new", 75, 503},
    {ErrorCode::kStoreIo, "store_io", 74, 503},
    {ErrorCode::kStoreConstraint, "store_constraint", 70, 409},
    {ErrorCode::kNoWorkspace, "no_workspace", 78, 409},
    {ErrorCode::kInternal, "internal", 70, 500},
    {ErrorCode::kUnknownMeasure, "unknown_measure", 65, 422},
    {ErrorCode::kWrongUnit, "wrong_unit", 65, 422},
    {ErrorCode::kBadFigure, "bad_figure", 65, 422},
    {ErrorCode::kPeriodOutside, "period_outside", 65, 422},
    {ErrorCode::kSubCountAboveTotal, "sub_count_above_total", 65, 422},
    {ErrorCode::kMissingNote, "missing_note", 65, 422},
    {ErrorCode::kNoFactor, "no_factor", 65, 422},
    {ErrorCode::kProjectClaimed, "project_claimed", 65, 409},
    {ErrorCode::kDuplicateFigure, "duplicate_figure", 65, 422},
    {ErrorCode::kFigureOutlier, "figure_outlier", 0, 200},
    {ErrorCode::kLevyOverHalf, "levy_over_half", 0, 200},
    {ErrorCode::kPayloadTooLarge, "payload_too_large", 65, 413},
    {ErrorCode::kUnauthorized, "unauthorized", 77, 401},
    {ErrorCode::kPayeeUncertain, "payee_uncertain", 65, 422},
};

const CodeInfo& Info(ErrorCode code) {
  for (const CodeInfo& info : kCodes) {
    if (info.code == code) return info;
  }
  return Info(ErrorCode::kInternal);
}

}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return Info(code).name; }
int ExitCodeFor(ErrorCode code) { return Info(code).exit_code; }
int HttpStatusFor(ErrorCode code) { return Info(code).http_status; }

std::string Error::ToString() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
    out += ": ";
  }
  if (!where.member.empty()) out += fmt::format("member {}: ", where.member);
  out += message;
  out += fmt::format(" [{}]", ErrorCodeName(code));
  return out;
}

}  // namespace anchornet::core
