// Internals of the synthetic demo: the random source, the fictional members and suppliers, the
// payment generator and the seven file layouts. Not for use outside src/demo/.
//
// Thread-safety: the tables and a built SupplierPool are immutable and may be shared by threads;
// an Rng and a FileBatch belong to one thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/money.h"
#include "core/network.h"

namespace anchornet::demo::internal {

// ---------------------------------------------------------------------------------------------
// Random numbers: xoshiro256** seeded through splitmix64. Deterministic on every platform (no
// std::uniform_*_distribution, whose output is implementation-defined).

std::uint64_t SplitMix64(std::uint64_t& state);
// A well-mixed 64-bit value from a seed and a few stream numbers.
std::uint64_t MixSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t Next();
  double Uniform();                      // [0, 1)
  std::uint64_t Below(std::uint64_t n);  // [0, n); n > 0
  bool Chance(double p) { return Uniform() < p; }
  double Normal();  // standard normal (Box-Muller)
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  std::uint64_t s_[4];
};

// ---------------------------------------------------------------------------------------------
// Layouts.

enum class Layout : std::uint8_t {
  kLgtcCsv,
  kPreambleCp1252,
  kExcelSerial,
  kSemicolonIso,
  kXlsx,
  kTabDmy,
  kDosCp850,
};
inline constexpr int kLayoutCount = 7;

std::string_view LayoutName(Layout layout);
std::string_view LayoutExtension(Layout layout);    // "csv" or "xlsx"
std::string_view LayoutDescription(Layout layout);  // one line for README.txt

// How a member's finance system spells supplier names.
enum class NameStyle : std::uint8_t {
  kAsGiven,   // "Kestrel Cleaning Ltd"
  kUpper,     // "KESTREL CLEANING LTD" (old ledgers)
  kLongForm,  // "Kestrel Cleaning Limited", "&" written "and"
};

struct MemberSpec {
  std::string_view id;
  std::string_view name;
  core::Sector sector;
  int borough;    // 1..33: E09000001..E09000033
  double weight;  // share of the network's payment lines
  Layout layout;
  NameStyle name_style;
  double personal_share;  // payments to private individuals (redacted)
};

std::span<const MemberSpec> MemberSpecs();
// The member that reimburses bus operators for concessionary fares; the demo's network file
// declares those payments not addressable for it.
inline constexpr std::string_view kConcessionaryFaresMember = "transport-capital";
std::string BoroughCode(int borough);  // "E09000007"

// ---------------------------------------------------------------------------------------------
// Suppliers.

struct Trade {
  std::string_view word;          // as used in names: "Cleaning"
  std::string_view expense_type;  // "Cleaning and Domestic Services"
  double median_pounds;           // typical invoice
  bool vat_rated;
  std::string_view sic;  // SIC 2007 as Companies House writes it: "81210 - General cleaning ..."
};

std::span<const Trade> Trades();
std::span<const std::string_view> ServiceAreas(core::Sector sector);
std::span<const std::string_view> SectorExpenseTypes(core::Sector sector);
std::span<const std::string_view> PersonalPayees();
std::span<const std::string_view> PersonalExpenseTypes(core::Sector sector);

// Public bodies the members pay (other than the pension schemes and HMRC's monthly PAYE, which
// GenerateFile writes as lump payments). Real names, invented payments.
struct PublicBody {
  std::string_view name;
  std::string_view expense_type;
  bool nhs_only = false;  // paid by NHS members only
};
std::span<const PublicBody> PublicBodies();

// Fictional companies paid for spend that is not addressable (water rates, lease interest,
// licence fees, concessionary fares, a workplace pension): they are in the synthetic Companies
// House register like any supplier.
struct FixedPayee {
  std::string_view name;
  std::string_view expense_type;
  std::string_view account_category;  // Companies House Accounts.AccountCategory
  std::string_view sic;
};
enum class FixedPayeeRole : std::uint8_t {
  kWaterRates,
  kLeaseInterest,
  kLicenceFees,
  kWorkplacePension,
  kBusOperator,  // the last three entries
};
std::span<const FixedPayee> FixedPayees();
const FixedPayee& FixedPayeeFor(FixedPayeeRole role, std::size_t pick = 0);

// What a member pays its payroll through: HMRC's PAYE and National Insurance each month, as a
// share of its monthly spend with suppliers, and the employer's pension contributions.
double PayrollShare(core::Sector sector);
std::string_view PensionPayee(const MemberSpec& member);

struct Supplier {
  std::string name;    // canonical UTF-8 spelling
  float log_mean = 0;  // ln(typical invoice in pence)
  std::uint16_t trade = 0;
};

// A shared pool of fictional suppliers with a long-tail (Zipf-Mandelbrot) popularity: index 0
// is the most used. Ranks are drawn in constant time with Walker's alias method.
class SupplierPool {
 public:
  SupplierPool(std::uint64_t seed, int count);
  const Supplier& at(std::size_t i) const { return suppliers_[i]; }
  std::size_t size() const { return suppliers_.size(); }
  // A popularity rank drawn from the long tail.
  std::size_t SampleRank(Rng& rng) const;
  // Suppliers whose names say voluntary or community sector ("... Trust", "... Foundation",
  // "... Community ... CIC"), ascending: grant recipients.
  const std::vector<std::uint32_t>& VcseLike() const { return vcse_like_; }

 private:
  std::vector<Supplier> suppliers_;
  std::vector<std::uint32_t> vcse_like_;
  std::vector<double> keep_;          // alias method: probability of keeping column i
  std::vector<std::uint32_t> alias_;  // alias method: the other rank in column i
};

inline constexpr int kSupplierPoolSize = 40'000;

// A member's own long tail of suppliers: its rank r is pool supplier (r * stride + offset) mod N,
// with the stride coprime to N. A pure function of the seed and the member.
struct MemberTail {
  std::uint64_t stride = 1;
  std::uint64_t offset = 0;
  std::size_t Index(std::size_t rank, std::size_t pool_size) const {
    return static_cast<std::size_t>((rank * stride + offset) % pool_size);
  }
};
MemberTail MemberTailOf(std::uint64_t seed, const MemberSpec& member, std::size_t pool_size);
// Index of `member` in MemberSpecs().
std::size_t MemberNumber(const MemberSpec& member);

// ---------------------------------------------------------------------------------------------
// Payments and files.

enum class BadCell : std::uint8_t { kNone, kAmount, kDate };

struct Payment {
  core::Date paid_on;
  core::Pence amount = 0;
  core::Pence vat = 0;
  std::uint32_t payee_offset = 0;  // into FileBatch::arena
  std::uint32_t payee_length = 0;
  std::string_view expense_type;
  std::string_view service_area;
  std::int64_t reference = 0;  // the publisher's transaction number, unique per member
  std::uint32_t invoice = 0;   // the supplier's invoice number (six digits)
  BadCell bad = BadCell::kNone;
  bool pound_sign = false;  // dos-cp850: amount written "£1,234.00"
};

struct FileBatch {
  const MemberSpec* member = nullptr;
  int year = 0;  // calendar year and month
  int month = 0;
  std::string arena;              // payee names, UTF-8
  std::vector<Payment> payments;  // sorted by date
  std::int64_t good_lines = 0;
  std::int64_t bad_rows = 0;
  core::Pence total = 0;

  std::string_view Payee(const Payment& p) const {
    return std::string_view(arena).substr(p.payee_offset, p.payee_length);
  }
};

// Everything the generator needs that is shared by all files of one run.
struct Plan {
  std::uint64_t seed = 0;
  const SupplierPool* pool = nullptr;
  std::vector<std::string_view> member_names;  // for payments between members
};

// Generates the payments of one member's file for one month. `file_index` numbers the member's
// files from 0 (it seeds the file's random stream and its references).
FileBatch GenerateFile(const Plan& plan, const MemberSpec& member, int year, int month,
                       int file_index, std::int64_t lines);

// What the writers print in titles and document properties.
struct Labels {
  std::string_view network_name;
  std::uint64_t seed = 0;
};

// The bytes of a text layout (every layout but kXlsx).
std::string RenderText(const FileBatch& batch, const Labels& labels);
// Writes an .xlsx workbook to `path`. Errors: kStoreIo.
core::Status WriteXlsx(const FileBatch& batch, const Labels& labels, const std::string& path);

// The member's spelling of a name (NameStyle), appended to `out`.
void AppendStyledName(std::string& out, std::string_view name, NameStyle style);

// Money and text helpers (exposed for tests).
void AppendPence(std::string& out, core::Pence pence, bool thousands);
enum class Encoding : std::uint8_t { kUtf8, kCp1252, kCp850 };
void AppendEncoded(std::string& out, std::string_view utf8, Encoding encoding);

}  // namespace anchornet::demo::internal
