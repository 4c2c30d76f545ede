// A deterministic generator of realistic council spend CSV lines for the benchmarks.
//
// Layout as published by Lambeth and other LGTC members:
//   Body,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount
// ~20,000 distinct supplier names drawn with Zipf-like popularity (a few names take most lines,
// some with commas so they are quoted, one redacted personal-data name), ~300 expense types
// (also Zipf-like), ~40 service areas, dd/mm/yyyy dates in order across three financial years
// (1 Apr 2021 .. 31 Mar 2024), amounts with a log-normal spread quoted as "1,234.56" from
// £1,000 up, ~2% negatives (credit notes), and unique transaction numbers.
//
// Header-only and independent of the anchornet libraries, so it cannot share their bugs.
// Thread-safety: one generator per thread.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace anchornet::bench {

// splitmix64: small, fast and good enough for synthetic data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  // Standard normal (Box-Muller; one value per call is plenty here).
  double Normal() {
    const double u1 = 1.0 - Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t state_;
};

// Picks index i with probability proportional to 1 / (i + 1)^s.
class Zipf {
 public:
  Zipf(std::size_t n, double s) : cumulative_(n) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      total += 1.0 / std::pow(static_cast<double>(i + 1), s);
      cumulative_[i] = total;
    }
  }
  std::size_t Pick(Rng& rng) const {
    const double u = rng.Uniform() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

class SpendCsvGenerator {
 public:
  static constexpr std::string_view kHeader =
      "Body,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount\n";

  // `lines` is the number of data lines the caller will ask for: dates are spread over the three
  // financial years in order of line number.
  explicit SpendCsvGenerator(std::int64_t lines, std::uint64_t seed = 20261122,
                             std::size_t suppliers = 20000, std::size_t expense_types = 300)
      : lines_(std::max<std::int64_t>(lines, 1)),
        rng_(seed),
        supplier_pick_(suppliers, 1.05),
        expense_pick_(expense_types, 0.9) {
    MakeSuppliers(suppliers);
    MakeExpenseTypes(expense_types);
    MakeServiceAreas();
  }

  std::size_t supplier_count() const { return suppliers_.size(); }
  std::size_t expense_type_count() const { return expense_types_.size(); }

  // Appends data line `i` (0-based, < lines) with its "\n".
  void AppendLine(std::int64_t i, std::string& out) {
    out += "London Borough of Lambeth,";
    AppendCell(service_areas_[rng_.Below(service_areas_.size())], out);
    out += ',';
    AppendCell(expense_types_[expense_pick_.Pick(rng_)], out);
    out += ',';
    AppendCell(suppliers_[supplier_pick_.Pick(rng_)], out);
    out += ',';
    AppendDate(kFirstDay + static_cast<std::int32_t>(i * kDays / lines_), out);
    out += ',';
    AppendNumber(40000000 + i, out);  // unique transaction number
    out += ',';
    AppendAmount(out);
    out += '\n';
  }

 private:
  // 1 Apr 2021 .. 31 Mar 2024 as days since 1970-01-01.
  static constexpr std::int32_t kFirstDay = 18718;
  static constexpr std::int64_t kDays = 1096;

  static void AppendCell(const std::string& text, std::string& out) {
    if (text.find_first_of(",\"\n") == std::string::npos) {
      out += text;
      return;
    }
    out += '"';
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }

  static void AppendNumber(std::int64_t v, std::string& out) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    out.append(buf, static_cast<std::size_t>(n));
  }

  static void Append2(int v, std::string& out) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
  }

  // dd/mm/yyyy (civil-from-days, H. Hinnant).
  static void AppendDate(std::int32_t days, std::string& out) {
    const std::int32_t z = days + 719468;
    const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::uint32_t doe = static_cast<std::uint32_t>(z - era * 146097);
    const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int32_t y0 = static_cast<std::int32_t>(yoe) + era * 400;
    const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::uint32_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = y0 + (m <= 2);
    Append2(d, out);
    out += '/';
    Append2(m, out);
    out += '/';
    Append2(y / 100, out);
    Append2(y % 100, out);
  }

  // Log-normal around ~£500 with a long tail to millions; "1,234.56" quoted from £1,000.
  void AppendAmount(std::string& out) {
    double log10_pounds = 2.7 + 0.9 * rng_.Normal();
    log10_pounds = std::clamp(log10_pounds, -0.5, 6.8);
    std::int64_t pence = std::llround(std::pow(10.0, log10_pounds) * 100.0);
    if (pence < 1) pence = 1;
    if (rng_.Next() % 100 < 4) pence -= pence % 100;  // some whole pounds
    const bool negative = rng_.Next() % 50 == 0;       // ~2% credit notes
    const std::int64_t pounds = pence / 100;
    const int rest = static_cast<int>(pence % 100);
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(pounds));
    const bool quoted = pounds >= 1000;
    if (quoted) out += '"';
    if (negative) out += '-';
    for (int k = 0; k < n; ++k) {
      if (k > 0 && (n - k) % 3 == 0) out += ',';
      out += digits[k];
    }
    out += '.';
    Append2(rest, out);
    if (quoted) out += '"';
  }

  void MakeSuppliers(std::size_t count) {
    static constexpr std::array<std::string_view, 60> kFirst = {
        "Abbey", "Acorn", "Albion", "Apex", "Arden", "Ashford", "Atlas", "Avon", "Beacon",
        "Bishop", "Bridge", "Brixton", "Camden", "Castle", "Cedar", "Central", "Charter",
        "Clarke", "Crown", "Delta", "Eagle", "Elm", "Evans", "Fairfield", "Falcon", "Green",
        "Harbour", "Harris", "Heritage", "Highland", "Hughes", "Kestrel", "Kingsway", "Lambeth",
        "Lewis", "Linden", "Maple", "Meridian", "Metro", "Morgan", "Northgate", "Oak", "Orchard",
        "Patel", "Pioneer", "Premier", "Riverside", "Roberts", "Royal", "Sovereign", "Stockwell",
        "Summit", "Thames", "Trinity", "Unity", "Vauxhall", "Victoria", "Walker", "Wessex",
        "Wright"};
    static constexpr std::array<std::string_view, 48> kTrade = {
        "Building", "Care", "Catering", "Cleaning", "Construction", "Consulting", "Digital",
        "Education", "Electrical", "Energy", "Engineering", "Environmental", "Facilities",
        "Fencing", "Fleet", "Furniture", "Grounds", "Healthcare", "Heating", "Home Care",
        "Housing", "IT", "Joinery", "Landscapes", "Legal", "Lifts", "Maintenance", "Medical",
        "Office Supplies", "Painting", "Parking", "Plumbing", "Print", "Property", "Recruitment",
        "Roofing", "Scaffolding", "Security", "Signs", "Software", "Supported Living",
        "Surveying", "Taxis", "Training", "Transport", "Travel", "Waste", "Youth"};
    static constexpr std::array<std::string_view, 12> kSuffix = {
        "Ltd", "Limited", "LTD", "PLC", "LLP", "Services Ltd", "Group Ltd", "UK Ltd",
        "& Co", "Trust", "CIC", "(London) Ltd"};
    std::unordered_set<std::string> seen;
    suppliers_.reserve(count);
    Rng names(0xA11C0DE);
    while (suppliers_.size() < count) {
      std::string name;
      const std::uint64_t style = names.Next() % 100;
      if (style < 6) {
        // Partnerships with a comma in the name: quoted in the file.
        name = std::string(kFirst[names.Below(kFirst.size())]) + ", " +
               std::string(kFirst[names.Below(kFirst.size())]) + " & " +
               std::string(kFirst[names.Below(kFirst.size())]) + " " +
               std::string(kSuffix[names.Below(kSuffix.size())]);
      } else if (style < 12) {
        // Upper-case spellings from older finance systems.
        name = std::string(kFirst[names.Below(kFirst.size())]) + " " +
               std::string(kTrade[names.Below(kTrade.size())]) + " " +
               std::string(kSuffix[names.Below(kSuffix.size())]);
        for (char& c : name) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      } else {
        name = std::string(kFirst[names.Below(kFirst.size())]) + " " +
               std::string(kFirst[names.Below(kFirst.size())]) + " " +
               std::string(kTrade[names.Below(kTrade.size())]) + " " +
               std::string(kSuffix[names.Below(kSuffix.size())]);
      }
      if (seen.insert(name).second) suppliers_.push_back(std::move(name));
    }
    // A redacted personal-data line is among the most frequent payees in real files.
    if (suppliers_.size() > 4) suppliers_[4] = "REDACTED PERSONAL DATA";
  }

  void MakeExpenseTypes(std::size_t count) {
    static constexpr std::array<std::string_view, 30> kBase = {
        "Agency Staff", "Building Repairs", "Catering", "Cleaning", "Computer Software",
        "Computer Hardware", "Consultants Fees", "Contract Payments", "Electricity", "Equipment",
        "Furniture", "Gas", "Grants", "Grounds Maintenance", "Hired Services", "Insurance",
        "Legal Fees", "Postage", "Printing", "Professional Fees", "Rents", "Residential Care",
        "Security", "Stationery", "Supported Living", "Telephones", "Training", "Travel",
        "Vehicle Hire", "Waste Collection"};
    static constexpr std::array<std::string_view, 10> kQualifier = {
        "", " - Adults", " - Children", " - Housing", " - Schools", " - Highways",
        " - Temporary Accommodation", " & Related Costs", " (Capital)", " - Other"};
    for (std::size_t q = 0; q < kQualifier.size() && expense_types_.size() < count; ++q) {
      for (std::size_t b = 0; b < kBase.size() && expense_types_.size() < count; ++b) {
        expense_types_.push_back(std::string(kBase[b]) + std::string(kQualifier[q]));
      }
    }
  }

  void MakeServiceAreas() {
    static constexpr std::array<std::string_view, 40> kAreas = {
        "Adult Social Care", "Children's Services", "Education", "Housing Management",
        "Temporary Accommodation", "Highways", "Parking Services", "Waste & Recycling",
        "Parks & Open Spaces", "Libraries", "Leisure", "Public Health", "Planning",
        "Building Control", "Environmental Health", "Trading Standards", "Finance",
        "Revenues & Benefits", "Legal Services", "Human Resources", "Digital Services",
        "Property & Facilities", "Procurement", "Communications", "Democratic Services",
        "Registrars", "Community Safety", "Youth Services", "Early Years", "SEND Transport",
        "Regeneration", "Economic Development", "Culture", "Emergency Planning", "Audit",
        "Pensions", "Capital Programme", "Housing Repairs", "Homelessness", "Corporate"};
    service_areas_.assign(kAreas.begin(), kAreas.end());
  }

  std::int64_t lines_;
  Rng rng_;
  Zipf supplier_pick_;
  Zipf expense_pick_;
  std::vector<std::string> suppliers_;
  std::vector<std::string> expense_types_;
  std::vector<std::string> service_areas_;
};

}  // namespace anchornet::bench
