// A payment line as understood from a member's file, the rejects that could not be, and the
// summary of one import. These are the types that flow from ingest/ into store/.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/money.h"

namespace anchornet::core {

// Who a payee is, as far as the file itself tells (supplier resolution refines this later).
enum class PayeeKind : std::uint8_t {
  kOrganisation,  // the default: a named payee
  kPersonal,      // a private individual or a redacted name
};

// One payment as read from a file. Text fields are as published (transcoded to UTF-8, trimmed).
struct SpendLine {
  std::int64_t row = 0;  // 1-based row in the source: physical line of a CSV, sheet row of
                         // an XLSX, 1-based index of a JSON row
  Date paid_on;
  Pence amount = 0;          // net of recoverable VAT where the file says which; else as given
  std::optional<Pence> vat;  // VAT column, when present
  std::optional<Pence> irrecoverable_vat;  // irrecoverable VAT column, when present
  std::optional<Pence> gross;              // gross column, when present alongside net
  std::string payee;
  PayeeKind payee_kind = PayeeKind::kOrganisation;
  std::string payee_id;  // the publisher's own vendor/supplier id
  std::string company_number;
  std::string charity_number;
  std::string vat_number;
  std::string postcode;
  std::string expense_type;
  std::string service_area;
  std::string department;
  std::string description;
  std::string reference;  // transaction / invoice / document reference
  std::string merchant_category;
};

// A row that could not be imported, kept so nothing is lost silently.
struct Reject {
  std::int64_t line = 0;
  std::int32_t column = 0;  // 1-based source column; 0 when the whole row is at fault
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string raw;  // the row's cells joined with '|', truncated to 500 bytes
};

}  // namespace anchornet::core

namespace anchornet::core {

// The identity of a payment for de-duplication across overlapping files: a stable 64-bit hash
// of (payment date, amount, payee folded to upper case with runs of space collapsed, reference
// folded the same way). Stable across builds and platforms: it is stored.
std::uint64_t SpendLineKey(const SpendLine& line);

// The same identity as 128 bits: `hi` is SpendLineKey, `lo` an independent hash of the same
// fields. Two different payments share an identity with probability about 2^-128 per pair.
struct LineIdentity {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  friend bool operator==(const LineIdentity&, const LineIdentity&) = default;
  friend auto operator<=>(const LineIdentity&, const LineIdentity&) = default;
};
LineIdentity SpendLineIdentity(const SpendLine& line);

// True when two lines are the same payment by the rule above (used to confirm a key match).
bool SamePayment(const SpendLine& a, const SpendLine& b);

}  // namespace anchornet::core
