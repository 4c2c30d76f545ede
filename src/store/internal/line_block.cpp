#include "store/internal/line_block.h"

#include <algorithm>
#include <cstring>

namespace anchornet::store::internal {

namespace {

constexpr char kMagic = 'L';
constexpr char kVersion = 1;

inline void PutVarint(std::string& out, std::uint64_t v) {
  if (v < 0x80) {
    out.push_back(static_cast<char>(v));
    return;
  }
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

std::uint64_t Zig(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t Unzig(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void PutOptional(std::string& out, const std::optional<std::int64_t>& v) {
  PutVarint(out, v ? Zig(*v) + 1 : 0);
}

class Cursor {
 public:
  explicit Cursor(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}
  bool Varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return true;
    }
    return false;
  }
  bool Bytes(std::size_t n, std::string_view& out) {
    if (static_cast<std::size_t>(end_ - p_) < n) return false;
    out = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  bool Done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

core::Status Damaged() {
  return core::Fail(core::ErrorCode::kStoreIo,
                    "a block of stored payment lines is damaged; restore the workspace from a "
                    "backup or re-import its files");
}

// Decodes a column of n varints, each through `f`.
template <typename F>
core::Status EachVarint(std::string_view col, std::size_t n, F f) {
  Cursor c(col);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t v;
    if (!c.Varint(v)) return Damaged();
    f(i, v);
  }
  return c.Done() ? core::Status{} : Damaged();
}

}  // namespace

void BlockBuilder::Add(const StoredLine& l) {
  auto col = [&](Column c) -> std::string& { return columns_[static_cast<std::size_t>(c)]; };
  if (lines_ == 0) {
    first_paid_ = last_paid_ = l.paid_on;
  } else {
    first_paid_ = std::min(first_paid_, l.paid_on);
    last_paid_ = std::max(last_paid_, l.paid_on);
  }
  PutVarint(col(Column::kRow), Zig(l.row - prev_row_));
  PutVarint(col(Column::kPaidOn), Zig(static_cast<std::int64_t>(l.paid_on) - prev_paid_));
  prev_row_ = l.row;
  prev_paid_ = l.paid_on;
  PutVarint(col(Column::kAmount), Zig(l.amount));
  PutOptional(col(Column::kVat), l.vat);
  PutOptional(col(Column::kIrrecoverableVat), l.irrecoverable_vat);
  PutOptional(col(Column::kGross), l.gross);
  PutVarint(col(Column::kPayeeId), static_cast<std::uint64_t>(l.payee_id));
  PutVarint(col(Column::kExpenseTypeId), static_cast<std::uint64_t>(l.expense_type_id));
  PutVarint(col(Column::kServiceAreaId), static_cast<std::uint64_t>(l.service_area_id));
  PutVarint(col(Column::kDepartmentId), static_cast<std::uint64_t>(l.department_id));
  PutVarint(col(Column::kMerchantCategoryId), static_cast<std::uint64_t>(l.merchant_category_id));
  PutVarint(col(Column::kDescription), l.description.size());
  col(Column::kDescription) += l.description;
  PutVarint(col(Column::kReference), l.reference.size());
  col(Column::kReference) += l.reference;
  total_ += l.amount;
  ++lines_;
}

std::string BlockBuilder::Finish() {
  std::string out;
  std::size_t bytes = 16;
  for (const std::string& c : columns_) bytes += c.size() + 5;
  out.reserve(bytes);
  out += kMagic;
  out += kVersion;
  PutVarint(out, lines_);
  for (const std::string& c : columns_) PutVarint(out, c.size());
  for (std::string& c : columns_) {
    out += c;
    c.clear();
  }
  lines_ = 0;
  prev_row_ = 0;
  prev_paid_ = 0;
  total_ = 0;
  return out;
}

core::Result<BlockView> BlockView::Open(std::string_view bytes) {
  BlockView v;
  if (bytes.size() < 3 || bytes[0] != kMagic || bytes[1] != kVersion) {
    return tl::unexpected(Damaged().error());
  }
  Cursor c(bytes.substr(2));
  std::uint64_t n;
  if (!c.Varint(n) || n > kBlockLines * 16) return tl::unexpected(Damaged().error());
  v.lines_ = n;
  std::uint64_t sizes[kColumnCount];
  for (std::uint64_t& s : sizes) {
    if (!c.Varint(s)) return tl::unexpected(Damaged().error());
  }
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (!c.Bytes(sizes[i], v.cols_[i])) return tl::unexpected(Damaged().error());
  }
  if (!c.Done()) return tl::unexpected(Damaged().error());
  return v;
}

core::Status BlockView::Rows(std::vector<std::int64_t>& out) const {
  std::int64_t prev = 0;
  return EachVarint(Col(Column::kRow), lines_, [&](std::size_t, std::uint64_t v) {
    prev += Unzig(v);
    out.push_back(prev);
  });
}

core::Status BlockView::PaidOn(std::vector<std::int32_t>& out) const {
  std::int64_t prev = 0;
  return EachVarint(Col(Column::kPaidOn), lines_, [&](std::size_t, std::uint64_t v) {
    prev += Unzig(v);
    out.push_back(static_cast<std::int32_t>(prev));
  });
}

core::Status BlockView::Amounts(std::vector<std::int64_t>& out) const {
  return EachVarint(Col(Column::kAmount), lines_,
                    [&](std::size_t, std::uint64_t v) { out.push_back(Unzig(v)); });
}

core::Status BlockView::PayeeIds(std::vector<std::int64_t>& out) const {
  return EachVarint(Col(Column::kPayeeId), lines_, [&](std::size_t, std::uint64_t v) {
    out.push_back(static_cast<std::int64_t>(v));
  });
}

core::Status BlockView::ExpenseTypeIds(std::vector<std::int64_t>& out) const {
  return EachVarint(Col(Column::kExpenseTypeId), lines_, [&](std::size_t, std::uint64_t v) {
    out.push_back(static_cast<std::int64_t>(v));
  });
}

core::Status BlockView::References(std::vector<std::string_view>& out) const {
  Cursor c(Col(Column::kReference));
  for (std::size_t i = 0; i < lines_; ++i) {
    std::uint64_t n;
    std::string_view text;
    if (!c.Varint(n) || !c.Bytes(n, text)) return Damaged();
    out.push_back(text);
  }
  return c.Done() ? core::Status{} : Damaged();
}

core::Status BlockView::Lines(std::vector<StoredLine>& out) const {
  const std::size_t base = out.size();
  out.resize(base + lines_);
  auto line = [&](std::size_t i) -> StoredLine& { return out[base + i]; };
  std::int64_t prev_row = 0, prev_paid = 0;
  auto optional = [](std::uint64_t v) {
    return v == 0 ? std::optional<std::int64_t>() : std::optional<std::int64_t>(Unzig(v - 1));
  };
  core::Status s = EachVarint(Col(Column::kRow), lines_, [&](std::size_t i, std::uint64_t v) {
    prev_row += Unzig(v);
    line(i).row = prev_row;
  });
  if (s)
    s = EachVarint(Col(Column::kPaidOn), lines_, [&](std::size_t i, std::uint64_t v) {
      prev_paid += Unzig(v);
      line(i).paid_on = static_cast<std::int32_t>(prev_paid);
    });
  if (s)
    s = EachVarint(Col(Column::kAmount), lines_,
                   [&](std::size_t i, std::uint64_t v) { line(i).amount = Unzig(v); });
  if (s)
    s = EachVarint(Col(Column::kVat), lines_,
                   [&](std::size_t i, std::uint64_t v) { line(i).vat = optional(v); });
  if (s)
    s = EachVarint(Col(Column::kIrrecoverableVat), lines_, [&](std::size_t i, std::uint64_t v) {
      line(i).irrecoverable_vat = optional(v);
    });
  if (s)
    s = EachVarint(Col(Column::kGross), lines_,
                   [&](std::size_t i, std::uint64_t v) { line(i).gross = optional(v); });
  struct IdCol {
    Column column;
    std::int64_t StoredLine::*field;
  };
  for (IdCol ic : {IdCol{Column::kPayeeId, &StoredLine::payee_id},
                   IdCol{Column::kExpenseTypeId, &StoredLine::expense_type_id},
                   IdCol{Column::kServiceAreaId, &StoredLine::service_area_id},
                   IdCol{Column::kDepartmentId, &StoredLine::department_id},
                   IdCol{Column::kMerchantCategoryId, &StoredLine::merchant_category_id}}) {
    if (s)
      s = EachVarint(Col(ic.column), lines_, [&](std::size_t i, std::uint64_t v) {
        line(i).*ic.field = static_cast<std::int64_t>(v);
      });
  }
  if (!s) return s;
  for (auto [column, field] : {std::pair{Column::kDescription, &StoredLine::description},
                               std::pair{Column::kReference, &StoredLine::reference}}) {
    Cursor c(Col(column));
    for (std::size_t i = 0; i < lines_; ++i) {
      std::uint64_t n;
      std::string_view text;
      if (!c.Varint(n) || !c.Bytes(n, text)) return Damaged();
      line(i).*field = std::string(text);
    }
    if (!c.Done()) return Damaged();
  }
  return {};
}

}  // namespace anchornet::store::internal
