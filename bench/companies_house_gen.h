// A deterministic generator of Companies House BasicCompanyData rows for the register
// benchmark, in the real file's layout (docs: ../shared/data/MANIFEST.md):
//   the 55-column header with its leading spaces (" CompanyNumber", " PreviousName_1.CONDATE"),
//   every cell quoted, names in roughly alphabetical order as in the published file (so the
//   name-key index sees the same near-sorted inserts), company numbers unique and in random
//   order (8 digits, ~5% SC, ~1% NI, ~2% OC/SO partnerships), realistic postcodes, categories,
//   statuses, account categories from the real set with plausible weights, SIC text such as
//   "70229 - Management consultancy activities other than financial management" (3% "None
//   Supplied"), dd/mm/yyyy dates, and previous names on ~25% of rows. Rows average ~450 bytes,
//   as the real 2.5 GB / 5.5M-row snapshot does.
//
// Header-only and independent of the anchornet libraries, so it cannot share their bugs.
// Thread-safety: one generator per thread.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "spend_csv_gen.h"  // Rng

namespace anchornet::bench {

class CompaniesHouseGenerator {
 public:
  static std::string Header() {
    std::string h =
        "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1,"
        " RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
        "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
        "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
        "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,"
        "Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,"
        "Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,"
        "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,"
        "LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI";
    for (int i = 1; i <= 10; ++i) {
      h += ", PreviousName_" + std::to_string(i) + ".CONDATE, PreviousName_" + std::to_string(i) +
           ".CompanyName";
    }
    h += ", ConfStmtNextDueDate, ConfStmtLastMadeUpDate\r\n";
    return h;
  }

  explicit CompaniesHouseGenerator(std::int64_t rows, std::uint64_t seed = 20261122)
      : rows_(rows > 0 ? rows : 1), rng_(seed) {}

  // Appends data row `i` (0-based, < rows) with its CRLF.
  void AppendRow(std::int64_t i, std::string& out) {
    std::string number = CompanyNumber(i);
    // Name: the first word follows the row's position, so names come out near-sorted.
    name_.clear();
    const std::size_t first =
        static_cast<std::size_t>(i * static_cast<std::int64_t>(kWords.size()) / rows_);
    name_ += kWords[std::min(first, kWords.size() - 1)];
    const int extra = 1 + static_cast<int>(rng_.Below(3));
    for (int w = 0; w < extra; ++w) {
      name_ += ' ';
      name_ += kWords[rng_.Below(kWords.size())];
    }
    if (rng_.Below(40) == 0)
      name_ += ", " + std::string(kWords[rng_.Below(kWords.size())]) + " & CO";
    if (rng_.Below(500) == 0)
      name_ += " \"THE " + std::string(kWords[rng_.Below(kWords.size())]) + "\"";
    const std::size_t category = PickCategory();
    name_ += kCategories[category].suffix;

    Cell(name_, out);
    Comma(out);
    Cell(number, out);
    Comma(out);
    Cell(rng_.Below(30) == 0 ? "C/O ACCOUNTANTS LLP" : "", out);
    Comma(out);
    Cell("", out);
    Comma(out);
    std::string line1 = std::to_string(1 + rng_.Below(300)) + " " +
                        std::string(kStreets[rng_.Below(kStreets.size())]);
    Cell(line1, out);
    Comma(out);
    Cell(rng_.Below(3) == 0 ? std::string(kStreets[rng_.Below(kStreets.size())]) : "", out);
    Comma(out);
    const std::size_t town = rng_.Below(kTowns.size());
    Cell(kTowns[town].town, out);
    Comma(out);
    Cell(rng_.Below(2) == 0 ? kTowns[town].county : "", out);
    Comma(out);
    Cell(rng_.Below(4) == 0 ? "ENGLAND" : "UNITED KINGDOM", out);
    Comma(out);
    Cell(rng_.Below(200) == 0 ? std::string() : Postcode(town), out);
    Comma(out);
    Cell(kCategories[category].name, out);
    Comma(out);
    Cell(Status(), out);
    Comma(out);
    Cell("United Kingdom", out);
    Comma(out);
    Cell("", out);
    Comma(out);
    const int year = 1960 + static_cast<int>(rng_.Below(65));
    Cell(Date(year), out);
    Comma(out);
    const int ref_month = 1 + static_cast<int>(rng_.Below(12));
    Cell(std::to_string(28 + rng_.Below(3)), out);
    Comma(out);
    Cell(std::to_string(ref_month), out);
    Comma(out);
    Cell(Date(2025 + static_cast<int>(rng_.Below(2))), out);
    Comma(out);
    Cell(rng_.Below(10) == 0 ? std::string() : Date(2023 + static_cast<int>(rng_.Below(2))), out);
    Comma(out);
    Cell(AccountCategory(), out);
    Comma(out);
    Cell("", out);
    Comma(out);
    Cell("", out);
    Comma(out);
    const int charges = rng_.Below(8) == 0 ? static_cast<int>(rng_.Below(6)) : 0;
    for (int k = 0; k < 4; ++k) {
      Cell(std::to_string(k == 0 ? charges : k == 1 ? charges / 2 : 0), out);
      Comma(out);
    }
    const int sics = rng_.Below(33) == 0 ? 0 : 1 + (rng_.Below(4) == 0 ? 1 : 0);
    for (int k = 0; k < 4; ++k) {
      if (k == 0 && sics == 0) {
        Cell("None Supplied", out);
      } else if (k < sics) {
        Cell(kSic[rng_.Below(kSic.size())], out);
      } else {
        Cell("", out);
      }
      Comma(out);
    }
    Cell("0", out);
    Comma(out);
    Cell("0", out);
    Comma(out);
    Cell("http://business.data.companieshouse.gov.uk/doc/company/" + number, out);
    const std::uint64_t roll = rng_.Below(100);
    const int previous = roll < 75 ? 0 : roll < 95 ? 1 : roll < 99 ? 2 : 4;
    for (int k = 0; k < 10; ++k) {
      Comma(out);
      Cell(k < previous ? Date(2000 + static_cast<int>(rng_.Below(24))) : std::string(), out);
      Comma(out);
      Cell(k < previous ? std::string(kWords[rng_.Below(kWords.size())]) + " " +
                              std::string(kWords[rng_.Below(kWords.size())]) + " LIMITED"
                        : std::string(),
           out);
    }
    Comma(out);
    Cell(Date(2025 + static_cast<int>(rng_.Below(2))), out);
    Comma(out);
    Cell(Date(2024 + static_cast<int>(rng_.Below(2))), out);
    out += "\r\n";
  }

 private:
  struct Category {
    const char* name;
    const char* suffix;
    int weight;  // per 1000
  };
  struct Town {
    const char* town;
    const char* county;
    const char* outward;  // a district in that town
  };
  struct Weighted {
    const char* name;
    int weight;  // per 1000
  };

  static constexpr std::array<std::string_view, 64> kWords = {
      "ABBEY",  "ACORN",   "ALPHA", "AMBER",  "APEX",   "ARROW",  "ATLAS",  "AURORA",
      "AVENUE", "BEACON",  "BIRCH", "BLUE",   "BRIDGE", "BRIGHT", "BROOK",  "CAPITAL",
      "CEDAR",  "CENTRAL", "CITY",  "CLEAR",  "CORNER", "CROWN",  "DELTA",  "DIRECT",
      "EAGLE",  "EAST",    "EDEN",  "ELM",    "FIRST",  "FOX",    "GLOBAL", "GOLDEN",
      "GREEN",  "HARBOUR", "HIGH",  "HILL",   "IRIS",   "KING",   "LAKE",   "LION",
      "MAPLE",  "METRO",   "NORTH", "NOVA",   "OAK",    "OCEAN",  "OMEGA",  "PARK",
      "PEAK",   "PRIME",   "QUEST", "RED",    "RIVER",  "ROYAL",  "SILVER", "SOUTH",
      "STAR",   "SUMMIT",  "UNION", "VALLEY", "VISTA",  "WEST",   "WILLOW", "ZENITH"};
  static constexpr std::array<Category, 9> kCategories = {{
      {"Private Limited Company", " LIMITED", 900},
      {"PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)", " LIMITED", 35},
      {"Community Interest Company", " CIC", 12},
      {"Limited Liability Partnership", " LLP", 20},
      {"Public Limited Company", " PLC", 3},
      {"Limited Partnership", " LP", 10},
      {"Registered Society", " LIMITED", 5},
      {"PRI/LBG/NSC (Private, Limited by guarantee, no share capital, use of 'Limited' exemption)",
       "", 10},
      {"Private Unlimited Company", " COMPANY", 5},
  }};
  static constexpr std::array<Weighted, 6> kStatuses = {{
      {"Active", 940},
      {"Active - Proposal to Strike off", 35},
      {"Liquidation", 12},
      {"In Administration", 3},
      {"Voluntary Arrangement", 2},
      {"Live but Receiver Manager on at least one charge", 8},
  }};
  static constexpr std::array<Weighted, 14> kAccountCategories = {{
      {"MICRO ENTITY", 380},
      {"TOTAL EXEMPTION FULL", 170},
      {"NO ACCOUNTS FILED", 150},
      {"DORMANT", 80},
      {"UNAUDITED ABRIDGED", 90},
      {"SMALL", 40},
      {"FULL", 25},
      {"GROUP", 8},
      {"MEDIUM", 3},
      {"AUDIT EXEMPTION SUBSIDIARY", 6},
      {"ACCOUNTS TYPE NOT AVAILABLE", 20},
      {"TOTAL EXEMPTION SMALL", 15},
      {"AUDITED ABRIDGED", 5},
      {"FILING EXEMPTION SUBSIDIARY", 8},
  }};
  static constexpr std::array<const char*, 24> kSic = {
      "70229 - Management consultancy activities other than financial management",
      "68209 - Other letting and operating of own or leased real estate",
      "62020 - Information technology consultancy activities",
      "96090 - Other service activities n.e.c.",
      "82990 - Other business support service activities n.e.c.",
      "41100 - Development of building projects",
      "43999 - Other specialised construction activities n.e.c.",
      "47910 - Retail sale via mail order houses or via Internet",
      "56101 - Licensed restaurants",
      "49410 - Freight transport by road",
      "99999 - Dormant Company",
      "64209 - Activities of other holding companies n.e.c.",
      "81210 - General cleaning of buildings",
      "86900 - Other human health activities",
      "88990 - Other social work activities without accommodation n.e.c.",
      "85590 - Other education n.e.c.",
      "74909 - Other professional, scientific and technical activities n.e.c.",
      "73110 - Advertising agencies",
      "45200 - Maintenance and repair of motor vehicles",
      "93199 - Other sports activities",
      "94990 - Activities of other membership organisations n.e.c.",
      "18129 - Printing n.e.c.",
      "71111 - Architectural activities",
      "55100 - Hotels and similar accommodation"};
  static constexpr std::array<Town, 16> kTowns = {{
      {"LONDON", "GREATER LONDON", "SE11"},
      {"LONDON", "", "EC1V"},
      {"LONDON", "", "N1"},
      {"LONDON", "", "W1W"},
      {"MANCHESTER", "GREATER MANCHESTER", "M1"},
      {"BIRMINGHAM", "WEST MIDLANDS", "B3"},
      {"LEEDS", "WEST YORKSHIRE", "LS1"},
      {"ACCRINGTON", "LANCASHIRE", "BB5"},
      {"GLASGOW", "", "G2"},
      {"EDINBURGH", "", "EH3"},
      {"BRISTOL", "", "BS1"},
      {"CARDIFF", "", "CF10"},
      {"BELFAST", "COUNTY ANTRIM", "BT1"},
      {"READING", "BERKSHIRE", "RG1"},
      {"CROYDON", "SURREY", "CR0"},
      {"NEWCASTLE UPON TYNE", "TYNE AND WEAR", "NE1"},
  }};
  static constexpr std::array<std::string_view, 12> kStreets = {
      "HIGH STREET",   "STATION ROAD", "CHURCH LANE",     "KINGS ROAD",
      "VICTORIA ROAD", "MILL LANE",    "PARK AVENUE",     "LONDON ROAD",
      "THE GREEN",     "QUEEN STREET", "KENNINGTON LANE", "UNIT 4 ENTERPRISE PARK"};

  static void Comma(std::string& out) { out += ','; }

  static void Cell(std::string_view text, std::string& out) {
    out += '"';
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }

  std::string CompanyNumber(std::int64_t i) {
    // Odd multipliers modulo a power of two are bijections: numbers unique, in random order,
    // never all zeros.
    const std::uint64_t n =
        ((static_cast<std::uint64_t>(i) * 2654435761ULL + 12345) & 0xFFFFFF) + 1;
    char buf[16];
    const std::uint64_t kind = rng_.Below(100);
    auto prefixed = [&](const char* prefix, std::uint64_t& counter) {
      const std::uint64_t k = ((counter++ * 40503ULL + 977) & 0x7FFFF) + 1;  // 1..524,288
      std::snprintf(buf, sizeof buf, "%s%06llu", prefix, static_cast<unsigned long long>(k));
    };
    if (kind < 5) {
      prefixed("SC", scottish_);
    } else if (kind < 6) {
      prefixed("NI", northern_irish_);
    } else if (kind < 8) {
      prefixed("OC", partnerships_);
    } else {
      std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(n));
    }
    return buf;
  }

  std::string Postcode(std::size_t town) {
    static constexpr std::string_view kInward = "ABDEFGHJLNPQRSTUWXYZ";
    std::string pc = kTowns[town].outward;
    pc += ' ';
    pc += static_cast<char>('0' + rng_.Below(10));
    pc += kInward[rng_.Below(kInward.size())];
    pc += kInward[rng_.Below(kInward.size())];
    return pc;
  }

  std::string Date(int year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", 1 + static_cast<int>(rng_.Below(28)),
                  1 + static_cast<int>(rng_.Below(12)), year);
    return buf;
  }

  template <std::size_t N>
  const char* Pick(const std::array<Weighted, N>& table) {
    int roll = static_cast<int>(rng_.Below(1000));
    for (const Weighted& w : table) {
      if (roll < w.weight) return w.name;
      roll -= w.weight;
    }
    return table[0].name;
  }

  std::size_t PickCategory() {
    int roll = static_cast<int>(rng_.Below(1000));
    for (std::size_t c = 0; c < kCategories.size(); ++c) {
      if (roll < kCategories[c].weight) return c;
      roll -= kCategories[c].weight;
    }
    return 0;
  }

  const char* Status() { return Pick(kStatuses); }
  const char* AccountCategory() { return Pick(kAccountCategories); }

  std::int64_t rows_;
  Rng rng_;
  std::string name_;
  std::uint64_t scottish_ = 0, northern_irish_ = 0, partnerships_ = 0;
};

}  // namespace anchornet::bench
