// The storage format of payment lines: blocks of up to kBlockLines lines, column by column,
// each column a run of LEB128 varints (zigzag for signed values, deltas for row and date), so a
// block is a few dozen bytes a line and an aggregate decodes only the columns it needs.
// Backend-neutral: the SQLite backend stores blocks as BLOBs; a PostgreSQL one would use bytea.
// A line's identity for de-duplication (core::SpendLineIdentity) is not stored: it is computed
// again from the date, amount, payee name and reference, which are.
//
// Thread-safety: plain values; a BlockView reads an immutable byte span.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/spend.h"

namespace anchornet::store::internal {

inline constexpr std::size_t kBlockLines = 4096;

// A payment line as stored: text that repeats is interned (ids > 0; 0 means empty), text that
// rarely repeats (description, reference) is kept inline.
struct StoredLine {
  std::int64_t row = 0;
  std::int32_t paid_on = 0;
  std::int64_t amount = 0;
  std::optional<std::int64_t> vat, irrecoverable_vat, gross;
  std::int64_t payee_id = 0;
  std::int64_t expense_type_id = 0, service_area_id = 0, department_id = 0,
               merchant_category_id = 0;
  std::string description;
  std::string reference;
};

enum class Column : std::uint8_t {
  kRow,
  kPaidOn,
  kAmount,
  kVat,
  kIrrecoverableVat,
  kGross,
  kPayeeId,
  kExpenseTypeId,
  kServiceAreaId,
  kDepartmentId,
  kMerchantCategoryId,
  kDescription,
  kReference,
  kCount
};
inline constexpr std::size_t kColumnCount = static_cast<std::size_t>(Column::kCount);

// Accumulates lines and encodes them. Reusable after Finish().
class BlockBuilder {
 public:
  void Add(const StoredLine& line);
  std::size_t size() const { return lines_; }
  bool empty() const { return lines_ == 0; }
  std::int32_t first_paid() const { return first_paid_; }
  std::int32_t last_paid() const { return last_paid_; }
  std::int64_t total() const { return total_; }
  // The encoded block; resets the builder.
  std::string Finish();

 private:
  std::string columns_[kColumnCount];
  std::size_t lines_ = 0;
  std::int64_t prev_row_ = 0;
  std::int32_t prev_paid_ = 0;
  std::int32_t first_paid_ = 0, last_paid_ = 0;
  std::int64_t total_ = 0;
};

// Reads one encoded block. Decode functions append to their output vectors.
class BlockView {
 public:
  // Errors: kStoreIo when the bytes are not a valid block (a damaged workspace).
  [[nodiscard]] static core::Result<BlockView> Open(std::string_view bytes);
  std::size_t size() const { return lines_; }
  [[nodiscard]] core::Status Rows(std::vector<std::int64_t>& out) const;
  [[nodiscard]] core::Status PaidOn(std::vector<std::int32_t>& out) const;
  [[nodiscard]] core::Status Amounts(std::vector<std::int64_t>& out) const;
  [[nodiscard]] core::Status PayeeIds(std::vector<std::int64_t>& out) const;
  [[nodiscard]] core::Status ExpenseTypeIds(std::vector<std::int64_t>& out) const;
  [[nodiscard]] core::Status References(std::vector<std::string_view>& out) const;
  [[nodiscard]] core::Status Lines(std::vector<StoredLine>& out) const;

 private:
  std::string_view Col(Column c) const { return cols_[static_cast<std::size_t>(c)]; }
  std::size_t lines_ = 0;
  std::string_view cols_[kColumnCount];
};

}  // namespace anchornet::store::internal
