// The demo's made-up registers and supplier returns (demo/internal/registers.h): what the world
// knows about each supplier of the pool, written in the layouts of Companies House's
// BasicCompanyData, a Charity Commission register extract, the ONS postcode directory, the
// English Indices of Deprivation (file 1), a GSS code -> name list, the network's public-body
// list and the supplier-return template.

#include "demo/internal/registers.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <iterator>
#include <set>
#include <system_error>
#include <unordered_map>

#include "core/names.h"
#include "ingest/registers.h"

namespace anchornet::demo::internal {

namespace {

using core::ErrorCode;
using core::SizeBand;

// Fixed creation time for the returns' XLSX document properties (2024-02-08T00:00:00Z), as for
// the payment workbooks: byte-for-byte reproducible.
constexpr std::time_t kXlsxCreated = 1707350400;

// Where suppliers are based. London: one district per borough, in GSS code order; deciles are the
// borough's typical neighbourhood (IMD 2019, rounded); weights favour central London. Outside:
// the home counties first (most of London's suppliers from outside are near it), then the big
// cities, Wales and Scotland (no English IMD decile there).
constexpr Place kPlaces[] = {
    {"EC2V", "LONDON", "E09000001", "City of London", "E12000007", 7, 3.0, true},
    {"IG11", "BARKING", "E09000002", "Barking and Dagenham", "E12000007", 2, 1.0, true},
    {"N12", "LONDON", "E09000003", "Barnet", "E12000007", 6, 1.0, true},
    {"DA6", "BEXLEYHEATH", "E09000004", "Bexley", "E12000007", 6, 0.8, true},
    {"NW10", "LONDON", "E09000005", "Brent", "E12000007", 4, 1.0, true},
    {"BR1", "BROMLEY", "E09000006", "Bromley", "E12000007", 7, 0.9, true},
    {"NW1", "LONDON", "E09000007", "Camden", "E12000007", 5, 1.8, true},
    {"CR0", "CROYDON", "E09000008", "Croydon", "E12000007", 5, 1.2, true},
    {"W5", "LONDON", "E09000009", "Ealing", "E12000007", 5, 1.0, true},
    {"EN1", "ENFIELD", "E09000010", "Enfield", "E12000007", 4, 1.0, true},
    {"SE10", "LONDON", "E09000011", "Greenwich", "E12000007", 4, 1.0, true},
    {"E8", "LONDON", "E09000012", "Hackney", "E12000007", 2, 1.3, true},
    {"W6", "LONDON", "E09000013", "Hammersmith and Fulham", "E12000007", 5, 1.0, true},
    {"N17", "LONDON", "E09000014", "Haringey", "E12000007", 3, 1.0, true},
    {"HA1", "HARROW", "E09000015", "Harrow", "E12000007", 6, 0.8, true},
    {"RM1", "ROMFORD", "E09000016", "Havering", "E12000007", 6, 0.8, true},
    {"UB8", "UXBRIDGE", "E09000017", "Hillingdon", "E12000007", 6, 0.9, true},
    {"TW3", "HOUNSLOW", "E09000018", "Hounslow", "E12000007", 5, 0.9, true},
    {"N7", "LONDON", "E09000019", "Islington", "E12000007", 3, 1.4, true},
    {"W8", "LONDON", "E09000020", "Kensington and Chelsea", "E12000007", 6, 0.8, true},
    {"KT1", "KINGSTON UPON THAMES", "E09000021", "Kingston upon Thames", "E12000007", 8, 0.7, true},
    {"SE11", "LONDON", "E09000022", "Lambeth", "E12000007", 4, 1.3, true},
    {"SE13", "LONDON", "E09000023", "Lewisham", "E12000007", 4, 1.0, true},
    {"SW19", "LONDON", "E09000024", "Merton", "E12000007", 7, 0.8, true},
    {"E15", "LONDON", "E09000025", "Newham", "E12000007", 3, 1.2, true},
    {"IG1", "ILFORD", "E09000026", "Redbridge", "E12000007", 5, 0.9, true},
    {"TW9", "RICHMOND", "E09000027", "Richmond upon Thames", "E12000007", 9, 0.7, true},
    {"SE1", "LONDON", "E09000028", "Southwark", "E12000007", 4, 2.0, true},
    {"SM1", "SUTTON", "E09000029", "Sutton", "E12000007", 7, 0.7, true},
    {"E1", "LONDON", "E09000030", "Tower Hamlets", "E12000007", 2, 1.8, true},
    {"E17", "LONDON", "E09000031", "Waltham Forest", "E12000007", 4, 1.0, true},
    {"SW18", "LONDON", "E09000032", "Wandsworth", "E12000007", 6, 1.0, true},
    {"SW1P", "LONDON", "E09000033", "Westminster", "E12000007", 5, 2.5, true},
    {"DA1", "DARTFORD", "E07000107", "Dartford", "E12000008", 6, 1.5, false},
    {"RM17", "GRAYS", "E06000034", "Thurrock", "E12000006", 4, 1.4, false},
    {"SS14", "BASILDON", "E07000066", "Basildon", "E12000006", 4, 1.0, false},
    {"CM16", "EPPING", "E07000072", "Epping Forest", "E12000006", 7, 0.8, false},
    {"KT12", "WALTON-ON-THAMES", "E07000207", "Elmbridge", "E12000008", 9, 0.8, false},
    {"WD17", "WATFORD", "E07000103", "Watford", "E12000006", 6, 1.2, false},
    {"SL1", "SLOUGH", "E06000039", "Slough", "E12000008", 4, 1.1, false},
    {"GU1", "GUILDFORD", "E07000209", "Guildford", "E12000008", 9, 0.8, false},
    {"LU1", "LUTON", "E06000032", "Luton", "E12000006", 3, 0.8, false},
    {"RG1", "READING", "E06000038", "Reading", "E12000008", 6, 1.0, false},
    {"ME14", "MAIDSTONE", "E07000110", "Maidstone", "E12000008", 6, 0.7, false},
    {"MK9", "MILTON KEYNES", "E06000042", "Milton Keynes", "E12000008", 6, 0.8, false},
    {"CB1", "CAMBRIDGE", "E07000008", "Cambridge", "E12000006", 7, 0.6, false},
    {"OX1", "OXFORD", "E07000178", "Oxford", "E12000008", 6, 0.5, false},
    {"BN1", "BRIGHTON", "E06000043", "Brighton and Hove", "E12000008", 5, 0.6, false},
    {"B5", "BIRMINGHAM", "E08000025", "Birmingham", "E12000005", 2, 0.9, false},
    {"M1", "MANCHESTER", "E08000003", "Manchester", "E12000002", 2, 0.8, false},
    {"LS1", "LEEDS", "E08000035", "Leeds", "E12000003", 4, 0.6, false},
    {"BS1", "BRISTOL", "E06000023", "Bristol, City of", "E12000009", 5, 0.6, false},
    {"NE1", "NEWCASTLE UPON TYNE", "E08000021", "Newcastle upon Tyne", "E12000001", 4, 0.3, false},
    {"NG1", "NOTTINGHAM", "E06000018", "Nottingham", "E12000004", 2, 0.4, false},
    {"S1", "SHEFFIELD", "E08000039", "Sheffield", "E12000003", 4, 0.3, false},
    {"L1", "LIVERPOOL", "E08000012", "Liverpool", "E12000002", 2, 0.3, false},
    {"CF10", "CARDIFF", "W06000015", "Cardiff", "W99999999", 0, 0.4, false},
    {"EH1", "EDINBURGH", "S12000036", "City of Edinburgh", "S99999999", 0, 0.3, false},
    {"G1", "GLASGOW", "S12000049", "Glasgow City", "S99999999", 0, 0.3, false},
};

constexpr int kPlaceCount = static_cast<int>(std::size(kPlaces));

// Letters Royal Mail allows in an inward code.
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

constexpr std::string_view kStreets[] = {
    "High Street",   "Station Road",    "Church Lane",  "Mill Lane",     "Market Street",
    "Victoria Road", "Commercial Road", "Wharf Road",   "Park Road",     "Queens Road",
    "London Road",   "Kings Avenue",    "Canal Street", "Bridge Street", "North Street",
};
constexpr std::string_view kEstates[] = {
    "Riverside Business Park", "Gateway Trading Estate", "Northfield Industrial Estate",
    "Innovation Centre",       "Enterprise House",       "Sovereign Court"};

// Of each return's suppliers, this many are the network's biggest shared contractors.
constexpr std::size_t kReturnSharedSuppliers = 50;

constexpr ReturnSpec kReturns[] = {
    {"nhs-northbank", true},     {"nhs-eastmere", false},     {"council-ashby", false},
    {"council-riverton", true},  {"council-hollin", false},   {"uni-thamesgate", false},
    {"transport-capital", true}, {"housing-greenway", false},
};

// The country code of a GSS code ("E", "W", "S").
char Country(const Place& place) { return place.lad.front(); }

std::string LsoaCode(int p, int k) {
  return fmt::format("{}01{:06}", Country(kPlaces[p]), 999000 + p * kLsoasPerPlace + k + 1);
}

std::string WardCode(int p, int k) {
  const char country = Country(kPlaces[p]);
  return fmt::format("{}{}{:06}", country, country == 'S' ? "13" : "05",
                     999000 + p * 3 + k / 2 + 1);
}

std::string MsoaCode(int p, int k) {
  return fmt::format("{}02{:06}", Country(kPlaces[p]), 999000 + p * 2 + k / 3 + 1);
}

// The IMD decile of each synthetic LSOA: its place's typical decile, spread either side.
int LsoaDecile(int p, int k) {
  constexpr int kSpread[kLsoasPerPlace] = {-2, 0, 1, -1, 2, 0};
  return std::clamp(kPlaces[p].decile + kSpread[k], 1, 10);
}

// A quoted CSV cell when it needs quotes.
void AppendCell(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, std::span<const std::string> cells, bool quote_all,
               std::string_view eol) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (quote_all) {
      out.push_back('"');
      for (const char c : cells[i]) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
      }
      out.push_back('"');
    } else {
      AppendCell(out, cells[i]);
    }
  }
  out.append(eol);
}

int PickWeighted(Rng& rng, bool london) {
  const int from = london ? 0 : kLondonPlaces;
  const int to = london ? kLondonPlaces : kPlaceCount;
  double total = 0;
  for (int p = from; p < to; ++p) total += kPlaces[p].weight;
  double u = rng.Uniform() * total;
  for (int p = from; p < to; ++p) {
    u -= kPlaces[p].weight;
    if (u < 0) return p;
  }
  return to - 1;
}

struct Weighted {
  std::string_view value;
  double weight;
};

std::string_view Pick(Rng& rng, std::span<const Weighted> choices) {
  double total = 0;
  for (const Weighted& w : choices) total += w.weight;
  double u = rng.Uniform() * total;
  for (const Weighted& w : choices) {
    u -= w.weight;
    if (u < 0) return w.value;
  }
  return choices.back().value;
}

// Account categories (a size proxy) of the network's biggest contractors, of the next few
// hundred, and of the long tail of small firms.
constexpr Weighted kTopAccounts[] = {{"GROUP", 50}, {"FULL", 45}, {"MEDIUM", 5}};
constexpr Weighted kLargeAccounts[] = {
    {"FULL", 47}, {"GROUP", 20}, {"MEDIUM", 20}, {"SMALL", 7}, {"TOTAL EXEMPTION FULL", 6}};
constexpr Weighted kTailAccounts[] = {{"MICRO ENTITY", 27},
                                      {"TOTAL EXEMPTION FULL", 18},
                                      {"SMALL", 14},
                                      {"UNAUDITED ABRIDGED", 9},
                                      {"MEDIUM", 6},
                                      {"FULL", 5},
                                      {"GROUP", 1},
                                      {"NO ACCOUNTS FILED", 20},
                                      {"ACCOUNTS TYPE NOT AVAILABLE", 5}};
constexpr Weighted kCicAccounts[] = {{"MICRO ENTITY", 45},
                                     {"TOTAL EXEMPTION FULL", 25},
                                     {"SMALL", 12},
                                     {"UNAUDITED ABRIDGED", 6},
                                     {"NO ACCOUNTS FILED", 12}};
constexpr Weighted kCharityAccounts[] = {
    {"FULL", 35}, {"SMALL", 25}, {"TOTAL EXEMPTION FULL", 30}, {"MEDIUM", 10}};
constexpr Weighted kLlpAccounts[] = {
    {"FULL", 35}, {"SMALL", 30}, {"TOTAL EXEMPTION FULL", 25}, {"MEDIUM", 10}};
constexpr Weighted kPlcAccounts[] = {{"GROUP", 60}, {"FULL", 40}};

constexpr std::string_view kPrivateLimited = "Private Limited Company";
constexpr std::string_view kGuarantee =
    "PRI/LBG/NSC (Private, Limited by guarantee, no share capital)";

// What a company really is, given the size its accounts suggest: mostly the same band, sometimes
// not (a small firm filing full accounts, a growing one still filing as small).
SizeBand TrueSize(Rng& rng, std::string_view accounts, std::size_t rank) {
  const double u = rng.Uniform();
  if (accounts == "MICRO ENTITY") return u < 0.9 ? SizeBand::kMicro : SizeBand::kSmall;
  if (accounts == "SMALL" || accounts == "UNAUDITED ABRIDGED") {
    return u < 0.8 ? SizeBand::kSmall : u < 0.9 ? SizeBand::kMicro : SizeBand::kMedium;
  }
  if (accounts == "TOTAL EXEMPTION FULL") {
    return u < 0.6 ? SizeBand::kSmall : u < 0.9 ? SizeBand::kMicro : SizeBand::kMedium;
  }
  if (accounts == "MEDIUM") {
    return u < 0.85 ? SizeBand::kMedium : u < 0.95 ? SizeBand::kLarge : SizeBand::kSmall;
  }
  if (accounts == "FULL") {
    return u < 0.75 ? SizeBand::kLarge : u < 0.92 ? SizeBand::kMedium : SizeBand::kSmall;
  }
  if (accounts == "GROUP") return u < 0.95 ? SizeBand::kLarge : SizeBand::kMedium;
  // No accounts to go by: new companies, sole traders and partnerships are mostly small; the
  // unregistered among the big contractors are subsidiaries of foreign groups.
  if (rank < 400) {
    return u < 0.5 ? SizeBand::kLarge : u < 0.85 ? SizeBand::kMedium : SizeBand::kSmall;
  }
  return u < 0.6 ? SizeBand::kMicro : u < 0.92 ? SizeBand::kSmall : SizeBand::kMedium;
}

std::string CompanyNumber(std::size_t index) {
  // 7919 is coprime to 10^6, so every pool supplier gets its own number.
  return fmt::format("99{:06}", (index * 7919 + 13) % 1'000'000);
}

// Companies House BasicCompanyData, in its real header (leading spaces as published).
std::string CompaniesHouseHeader() {
  std::string h =
      "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, "
      "RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
      "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
      "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
      "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,"
      "Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,"
      "Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,"
      "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,"
      "LimitedPartnerships.NumLimPartners,URI";
  for (int i = 1; i <= 10; ++i) {
    h += fmt::format(", PreviousName_{0}.CONDATE, PreviousName_{0}.CompanyName", i);
  }
  h += ", ConfStmtNextDueDate, ConfStmtLastMadeUpDate\r\n";
  return h;
}

struct CompanyRow {
  std::string_view name;
  std::string number;
  std::string address;
  int place = 0;
  std::string postcode;
  std::string_view category;
  std::string_view status;
  std::string_view accounts;
  std::string_view sic;
  int incorporated = 2000;
  int day = 1;
  int month = 1;
};

void AppendCompany(std::string& out, const CompanyRow& c) {
  const bool filed = c.accounts != "NO ACCOUNTS FILED";
  std::vector<std::string> cells = {
      std::string(c.name),
      c.number,
      "",
      "",
      c.address,
      "",
      std::string(kPlaces[c.place].town),
      "",
      "UNITED KINGDOM",
      c.postcode,
      std::string(c.category),
      std::string(c.status),
      "United Kingdom",
      "",
      fmt::format("{:02}/{:02}/{}", c.day, c.month, c.incorporated),
      "31",
      "3",
      "31/12/2025",
      filed ? "31/03/2024" : "",
      std::string(c.accounts),
      "",
      "",
      "0",
      "0",
      "0",
      "0",
      std::string(c.sic),
      "",
      "",
      "",
      "0",
      "0",
      "http://business.data.companieshouse.gov.uk/doc/company/" + c.number};
  for (int i = 0; i < 20; ++i) cells.emplace_back();
  cells.emplace_back("15/02/2026");
  cells.emplace_back("01/02/2025");
  AppendRow(out, cells, true, "\r\n");
}

std::string Address(Rng& rng) {
  if (rng.Chance(0.35)) {
    return fmt::format("Unit {} {}", 1 + rng.Below(40), kEstates[rng.Below(std::size(kEstates))]);
  }
  return fmt::format("{} {}", 1 + rng.Below(180), kStreets[rng.Below(std::size(kStreets))]);
}

// One register file to write.
struct Output {
  DemoRegisterFile file;
  std::string bytes;
};

core::Status WriteReturnXlsx(const std::string& path, const std::string& member_name,
                             const std::vector<std::vector<std::string>>& rows) {
  const std::string tmp = path + ".tmp";
  lxw_workbook* workbook = workbook_new(tmp.c_str());
  if (workbook == nullptr) {
    return core::Fail(ErrorCode::kStoreIo, fmt::format("cannot create workbook {}", tmp), {path});
  }
  std::string title = fmt::format("SYNTHETIC DEMO DATA - supplier return - {}", member_name);
  std::string author = "anchornet demo (synthetic)";
  std::string comments =
      "Made up by anchornet demo: not a real member's knowledge of real "
      "suppliers.";
  std::string keywords = "synthetic, demo, supplier return";
  lxw_doc_properties properties = {};
  properties.title = title.data();
  properties.author = author.data();
  properties.comments = comments.data();
  properties.keywords = keywords.data();
  properties.created = kXlsxCreated;
  lxw_error err = workbook_set_properties(workbook, &properties);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Suppliers");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  auto keep = [&err](lxw_error e) {
    if (err == LXW_NO_ERROR) err = e;
  };
  if (sheet == nullptr) {
    keep(LXW_ERROR_MEMORY_MALLOC_FAILED);
  } else {
    const std::vector<ingest::TemplateColumn>& columns = ingest::SupplierReturnColumns();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      keep(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].header.c_str(),
                                  bold));
    }
    keep(worksheet_set_column(sheet, 0, 0, 36, nullptr));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        if (rows[r][c].empty()) continue;
        keep(worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                    rows[r][c].c_str(), nullptr));
      }
    }
  }
  const lxw_error closed = workbook_close(workbook);
  if (err == LXW_NO_ERROR) err = closed;
  std::error_code ec;
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(tmp, ec);
    return core::Fail(ErrorCode::kStoreIo,
                      fmt::format("cannot write workbook {}: {}", tmp, lxw_strerror(err)), {path});
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return core::Fail(ErrorCode::kStoreIo, fmt::format("cannot rename {}: {}", tmp, ec.message()),
                      {path});
  }
  return {};
}

}  // namespace

std::span<const Place> Places() { return kPlaces; }

std::span<const ReturnSpec> ReturnSpecs() { return kReturns; }

std::string PlacePostcode(std::uint64_t seed, int p, int i) {
  // Distinct inward codes per place: a digit and two letters drawn without repeats.
  Rng rng(MixSeed(seed, 0x9057C0DE, static_cast<std::uint64_t>(p)));
  std::set<std::string> seen;
  std::string inward;
  for (int k = 0; k <= i; ++k) {
    do {
      inward = fmt::format("{}{}{}", 1 + rng.Below(9), kInwardLetters[rng.Below(20)],
                           kInwardLetters[rng.Below(20)]);
    } while (!seen.insert(inward).second);
  }
  return fmt::format("{} {}", kPlaces[p].district, inward);
}

std::vector<SupplierFacts> BuildSupplierFacts(const SupplierPool& pool, std::uint64_t seed) {
  std::vector<SupplierFacts> facts(pool.size());
  std::unordered_map<std::string, std::uint32_t> first_of_key;
  first_of_key.reserve(pool.size() * 2);
  int charities = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    SupplierFacts& f = facts[i];
    const std::string& name = pool.at(i).name;
    f.canonical =
        first_of_key.emplace(core::NameKeyOf(name), static_cast<std::uint32_t>(i)).first->second;
    if (f.canonical != i) continue;  // "... Limited" after "... Ltd": the same organisation
    Rng rng(MixSeed(seed, 0xFAC75, i));
    const bool top = i < 50;
    const bool large = i < 400;
    const bool trust =
        (name.starts_with("The ") && name.ends_with(" Trust")) || name.ends_with(" Foundation");
    const bool cic = name.ends_with(" CIC") || name.ends_with(" Community Interest Company");
    const bool llp = name.ends_with(" LLP");
    const bool plc = name.ends_with(" PLC");

    std::string_view accounts;
    if (trust) {
      if (rng.Chance(0.75)) {
        f.charity = true;
        f.charity_number = fmt::format("{}", 1'999'000 + charities++ % 1000);
        f.vcse = core::Known::kYes;
        if (rng.Chance(0.45)) {
          f.in_companies_house = true;
          f.category = kGuarantee;
          f.charity_type = "Charitable company";
          f.vcse_form = "charity";
          accounts = Pick(rng, kCharityAccounts);
        } else if (rng.Chance(0.4)) {
          f.charity_type = "CIO";
          f.vcse_form = "CIO";
        } else {
          f.charity_type = "Trust";
          f.vcse_form = "charity";
        }
      } else if (rng.Chance(0.5)) {
        f.in_companies_house = true;
        f.category = kGuarantee;
        accounts = Pick(rng, kTailAccounts);
        f.vcse = rng.Chance(0.5) ? core::Known::kYes : core::Known::kNo;
        if (f.vcse == core::Known::kYes) f.vcse_form = "company limited by guarantee";
      }
    } else if (cic) {
      f.vcse = core::Known::kYes;
      f.vcse_form = "CIC";
      if (rng.Chance(0.85)) {
        f.in_companies_house = true;
        f.category = "Community Interest Company";
        accounts = Pick(rng, kCicAccounts);
      }
    } else if (llp) {
      if (rng.Chance(large ? 0.9 : 0.6)) {
        f.in_companies_house = true;
        f.category = "Limited Liability Partnership";
        accounts = Pick(rng, kLlpAccounts);
      }
    } else if (plc) {
      if (rng.Chance(0.9)) {
        f.in_companies_house = true;
        f.category = "Public Limited Company";
        accounts = Pick(rng, kPlcAccounts);
      }
    } else if (rng.Chance(large ? 0.75 : 0.56)) {
      f.in_companies_house = true;
      const bool guarantee = rng.Chance(0.03);
      f.category = guarantee ? kGuarantee : kPrivateLimited;
      if (guarantee && rng.Chance(0.5)) {
        f.vcse = core::Known::kYes;
        f.vcse_form = "company limited by guarantee";
      }
      accounts = top     ? Pick(rng, kTopAccounts)
                 : large ? Pick(rng, kLargeAccounts)
                         : Pick(rng, kTailAccounts);
    }
    if (f.in_companies_house) {
      f.company_number = CompanyNumber(i);
      f.account_category = accounts;
      if (rng.Chance(0.012)) f.status = "Active - Proposal to Strike off";
    }
    f.size = TrueSize(rng, f.in_companies_house ? accounts : std::string_view(), i);
    if (f.charity && !f.in_companies_house) {
      const double u = rng.Uniform();
      f.size = u < 0.3    ? SizeBand::kMicro
               : u < 0.75 ? SizeBand::kSmall
               : u < 0.95 ? SizeBand::kMedium
                          : SizeBand::kLarge;
    }

    // Diverse ownership: rarer among large firms; certification mostly for ethnic-minority
    // (MSDUK) and women-owned (WEConnect International) businesses.
    const bool big = f.size == SizeBand::kLarge;
    if (rng.Chance(big ? 0.03 : 0.14)) f.diverse |= core::kWomenOwned;
    if (rng.Chance(big ? 0.02 : 0.12)) f.diverse |= core::kEthnicMinorityOwned;
    if (rng.Chance(big ? 0.0 : 0.03)) f.diverse |= core::kDisabledOwned;
    if (rng.Chance(big ? 0.005 : 0.03)) f.diverse |= core::kLgbtqOwned;
    if ((f.diverse & core::kEthnicMinorityOwned) && rng.Chance(0.35)) {
      f.certified_by = "MSDUK";
    } else if ((f.diverse & core::kWomenOwned) && rng.Chance(0.3)) {
      f.certified_by = "WEConnect International";
    }

    // Where it is: the big contractors are often national firms based outside London; the
    // voluntary sector is local.
    const double london_share = f.vcse == core::Known::kYes ? 0.85 : large ? 0.5 : 0.7;
    f.place = PickWeighted(rng, rng.Chance(london_share));
    f.postcode = static_cast<int>(rng.Below(kPostcodesPerPlace));
    if (!kPlaces[f.place].london && rng.Chance(large ? 0.5 : 0.3)) {
      f.branch_place = PickWeighted(rng, true);
      f.branch_postcode = static_cast<int>(rng.Below(kPostcodesPerPlace));
    }
    f.incorporated =
        large ? 1950 + static_cast<int>(rng.Below(56)) : 1995 + static_cast<int>(rng.Below(27));
    if (accounts == "NO ACCOUNTS FILED") f.incorporated = 2023 + static_cast<int>(rng.Below(2));
  }
  // Later spellings of one organisation share its facts.
  for (SupplierFacts& f : facts) {
    if (f.canonical != static_cast<std::uint32_t>(&f - facts.data())) f = facts[f.canonical];
  }
  return facts;
}

core::Result<std::vector<DemoRegisterFile>> WriteRegisters(const SupplierPool& pool,
                                                           std::uint64_t seed,
                                                           const std::filesystem::path& dir) {
  const std::filesystem::path registers_dir = dir / "registers";
  const std::filesystem::path returns_dir = dir / "returns";
  for (const std::filesystem::path& d : {registers_dir, returns_dir}) {
    std::error_code ec;
    std::filesystem::create_directories(d, ec);
    if (ec) {
      return core::Fail(ErrorCode::kStoreIo,
                        fmt::format("cannot create directory {}: {}", d.string(), ec.message()),
                        {d.string()});
    }
  }
  const std::vector<SupplierFacts> facts = BuildSupplierFacts(pool, seed);
  std::vector<std::vector<std::string>> postcodes(kPlaceCount);
  for (int p = 0; p < kPlaceCount; ++p) {
    for (int i = 0; i < kPostcodesPerPlace; ++i) postcodes[p].push_back(PlacePostcode(seed, p, i));
  }
  std::vector<Output> outputs;
  auto add = [&](std::string kind, std::string file, std::int64_t rows, std::string description,
                 std::string bytes) {
    Output o;
    o.file.kind = std::move(kind);
    o.file.path = (registers_dir / file).string();
    o.file.rows = rows;
    o.file.description = std::move(description);
    o.bytes = std::move(bytes);
    outputs.push_back(std::move(o));
  };

  // Public bodies the demo's payments go to: real names (the payments are invented) and the
  // network's own fictional bodies.
  {
    constexpr std::string_view kBodies[] = {
        "HM Revenue & Customs,hmrc,hmrc,HMRC;HM Revenue and Customs;H M Revenue & Customs;"
        "H M Revenue and Customs",
        "Department for Work and Pensions,central-government,dwp,DWP;Department for Work & "
        "Pensions",
        "HM Land Registry,central-government,land-registry,Land Registry;HMLR;H M Land Registry",
        "Environment Agency,central-government,environment-agency,",
        "Valuation Office Agency,central-government,voa,VOA",
        "Public Works Loan Board,central-government,pwlb,PWLB;PWLB Lending Facility",
        "NHS Business Services Authority,nhs,nhsbsa,NHSBSA;NHS Pensions;NHS Pension Scheme",
        "NHS Supply Chain,nhs,nhs-supply-chain,Supply Chain Coordination Ltd",
        "London Borough of Camden,local-government,lb-camden,Camden Council;LB Camden",
        "Metropolitan Police Service,police-fire,met-police,Metropolitan Police;Met Police",
        "London Pensions Fund Authority,local-government,lpfa,LPFA;London Pension Fund Authority",
        "Local Government Pension Scheme (synthetic fund),local-government,synthetic-lgps,",
        "Transport for the Capital (synthetic),other-public,synthetic-transport-for-the-capital,",
        "Capital Boroughs Joint Waste Authority (synthetic),local-government,"
        "synthetic-joint-waste-authority,",
    };
    std::string bytes = "name,kind,id,aliases\n";
    for (std::string_view row : kBodies) {
      bytes.append(row);
      bytes.push_back('\n');
    }
    add("public-bodies", "synthetic-public-bodies.csv",
        static_cast<std::int64_t>(std::size(kBodies)),
        "public bodies the synthetic payments go to (real names, invented payments) and the "
        "network's fictional bodies, in the network's public-body list layout",
        std::move(bytes));
  }

  // Companies House: every registered company of the pool once, and the fixed payees.
  {
    std::string bytes = CompaniesHouseHeader();
    bytes.reserve(facts.size() * 420);
    std::int64_t rows = 0;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const SupplierFacts& f = facts[i];
      if (f.canonical != i || !f.in_companies_house) continue;
      Rng rng(MixSeed(seed, 0xADD7E55, i));
      CompanyRow c;
      c.name = pool.at(i).name;
      c.number = f.company_number;
      c.address = Address(rng);
      c.place = f.place;
      c.postcode = postcodes[f.place][f.postcode];
      c.category = f.category;
      c.status = f.status;
      c.accounts = f.account_category;
      c.sic = Trades()[pool.at(i).trade].sic;
      if (f.charity) c.sic = "88990 - Other social work activities without accommodation n.e.c.";
      c.incorporated = f.incorporated;
      c.day = 1 + static_cast<int>(rng.Below(28));
      c.month = 1 + static_cast<int>(rng.Below(12));
      AppendCompany(bytes, c);
      ++rows;
    }
    const std::span<const FixedPayee> fixed = FixedPayees();
    for (std::size_t k = 0; k < fixed.size(); ++k) {
      Rng rng(MixSeed(seed, 0xF1CED, k));
      CompanyRow c;
      c.name = fixed[k].name;
      c.number = fmt::format("98{:06}", 1 + k);
      c.address = Address(rng);
      c.place = k % 2 == 0 ? PickWeighted(rng, true) : PickWeighted(rng, false);
      c.postcode = postcodes[c.place][rng.Below(kPostcodesPerPlace)];
      c.category = c.name.ends_with(" CIC") ? "Community Interest Company" : kPrivateLimited;
      c.status = "Active";
      c.accounts = fixed[k].account_category;
      c.sic = fixed[k].sic;
      c.incorporated = 1990 + static_cast<int>(k);
      c.day = 1 + static_cast<int>(rng.Below(28));
      c.month = 1 + static_cast<int>(rng.Below(12));
      AppendCompany(bytes, c);
      ++rows;
    }
    add("companies-house", "synthetic-companies-house.csv", rows,
        "made-up companies in Companies House's BasicCompanyData layout (numbers start 99 or "
        "98): about 60% of the suppliers, with account categories as the size proxy",
        std::move(bytes));
  }

  // Charities, some of them charitable companies linked to their company number.
  {
    std::string bytes =
        "organisation_number,registered_charity_number,linked_charity_number,charity_name,"
        "charity_type,charity_registration_status,date_of_registration,date_of_removal,"
        "charity_reporting_status,latest_income,latest_expenditure,charity_contact_address1,"
        "charity_contact_postcode,charity_company_registration_number,charity_is_cio\n";
    std::int64_t rows = 0;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const SupplierFacts& f = facts[i];
      if (f.canonical != i || !f.charity) continue;
      Rng rng(MixSeed(seed, 0xC4A817, i));
      const std::int64_t income =
          f.size == SizeBand::kMicro   ? 20'000 + static_cast<std::int64_t>(rng.Below(80'000))
          : f.size == SizeBand::kSmall ? 100'000 + static_cast<std::int64_t>(rng.Below(900'000))
          : f.size == SizeBand::kMedium
              ? 1'000'000 + static_cast<std::int64_t>(rng.Below(9'000'000))
              : 12'000'000 + static_cast<std::int64_t>(rng.Below(40'000'000));
      const std::vector<std::string> cells = {
          fmt::format("{}", 5'999'000 + rows),
          f.charity_number,
          "0",
          pool.at(i).name,
          std::string(f.charity_type),
          "Registered",
          fmt::format("{}-{:02}-{:02}", f.incorporated, 1 + rng.Below(12), 1 + rng.Below(28)),
          "",
          "Submission Received",
          fmt::format("{}", income),
          fmt::format("{}", income - static_cast<std::int64_t>(
                                         rng.Below(static_cast<std::uint64_t>(income / 10 + 1)))),
          Address(rng),
          postcodes[f.place][f.postcode],
          f.in_companies_house ? f.company_number : "",
          f.charity_type == "CIO" ? "True" : "False"};
      AppendRow(bytes, cells, false, "\n");
      ++rows;
    }
    add("charities", "synthetic-charities.csv", rows,
        "made-up registered charities (numbers start 1999) as a Charity Commission register "
        "extract, charitable companies linked to their company numbers",
        std::move(bytes));
  }

  // The postcode directory, deprivation and area names of every place.
  {
    std::string pc = "pcd,pcds,dointr,doterm,oscty,oslaua,osward,ctry,rgn,lsoa11,msoa11,imd\n";
    std::string imd =
        "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority "
        "District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple "
        "Deprivation (IMD) Decile\n";
    std::string areas = "code,name\n";
    std::int64_t lsoa_rows = 0;
    constexpr std::int64_t kLsoasInEngland = 32'844;
    for (int p = 0; p < kPlaceCount; ++p) {
      const Place& place = kPlaces[p];
      Rng rng(MixSeed(seed, 0x1A5CA, static_cast<std::uint64_t>(p)));
      std::array<std::int64_t, kLsoasPerPlace> ranks{};
      for (int k = 0; k < kLsoasPerPlace; ++k) {
        if (place.decile == 0) continue;
        const int decile = LsoaDecile(p, k);
        ranks[k] = (decile - 1) * (kLsoasInEngland / 10) + 1 +
                   static_cast<std::int64_t>(rng.Below(kLsoasInEngland / 10));
        const std::vector<std::string> cells = {
            LsoaCode(p, k),
            fmt::format("{} 9{:02}{}", place.lad_name, p, static_cast<char>('A' + k)),
            std::string(place.lad),
            std::string(place.lad_name),
            fmt::format("{}", ranks[k]),
            fmt::format("{}", decile)};
        AppendRow(imd, cells, false, "\n");
        ++lsoa_rows;
      }
      for (int i = 0; i < kPostcodesPerPlace; ++i) {
        const std::string& postcode = postcodes[p][i];
        const int k = i % kLsoasPerPlace;
        const std::string outward = postcode.substr(0, postcode.find(' '));
        const std::string inward = postcode.substr(postcode.find(' ') + 1);
        const char country = Country(place);
        const std::vector<std::string> cells = {
            fmt::format("{:<4}{}", outward, inward),
            postcode,
            fmt::format("19{:02}{:02}", 80 + i % 20, 1 + i % 12),
            i == kPostcodesPerPlace - 1 ? "202106" : "",
            fmt::format("{}99999999", country),
            std::string(place.lad),
            WardCode(p, k),
            country == 'E'   ? "E92000001"
            : country == 'W' ? "W92000004"
                             : "S92000003",
            std::string(place.region),
            LsoaCode(p, k),
            MsoaCode(p, k),
            ranks[k] > 0 ? fmt::format("{}", ranks[k]) : ""};
        AppendRow(pc, cells, false, "\n");
      }
      AppendCell(areas, place.lad);
      areas.push_back(',');
      AppendCell(areas, place.lad_name);
      areas.push_back('\n');
    }
    add("postcodes", "synthetic-postcodes.csv", kPlaceCount * kPostcodesPerPlace,
        "made-up postcodes in the ONS postcode directory layout: real districts with invented "
        "units, mapped to real local authority codes and invented wards and LSOAs (E01999...)",
        std::move(pc));
    add("deprivation", "synthetic-deprivation.csv", lsoa_rows,
        "invented IMD ranks and deciles for the invented LSOAs, in the layout of the English "
        "Indices of Deprivation 2019 file 1",
        std::move(imd));
    add("area-names", "synthetic-area-names.csv", kPlaceCount,
        "names of the local authorities the postcodes lie in (code,name)", std::move(areas));
  }

  std::vector<DemoRegisterFile> files;
  for (Output& o : outputs) {
    if (auto ok = WriteWholeFile(o.file.path, o.bytes); !ok) return tl::unexpected(ok.error());
    files.push_back(std::move(o.file));
  }

  // Supplier returns: each member's own knowledge of a few hundred of its main suppliers.
  const std::span<const MemberSpec> members = MemberSpecs();
  for (const ReturnSpec& spec : kReturns) {
    const auto member = std::find_if(members.begin(), members.end(),
                                     [&](const MemberSpec& m) { return m.id == spec.member; });
    const std::size_t member_number = MemberNumber(*member);
    const MemberTail tail = MemberTailOf(seed, *member, pool.size());
    std::vector<std::size_t> chosen;
    std::set<std::uint32_t> seen;
    // The big shared contractors first, then the member's own regular suppliers.
    auto choose = [&](std::size_t index) {
      if (chosen.size() < kReturnSuppliers && seen.insert(facts[index].canonical).second) {
        chosen.push_back(index);
      }
    };
    for (std::size_t rank = 0; rank < kReturnSharedSuppliers; ++rank) choose(rank);
    for (std::size_t rank = 0; chosen.size() < kReturnSuppliers && rank < pool.size(); ++rank) {
      choose(tail.Index(rank, pool.size()));
    }
    std::vector<std::vector<std::string>> rows;
    for (const std::size_t index : chosen) {
      const SupplierFacts& f = facts[index];
      Rng rng(MixSeed(seed, 0x5E7A2 + member_number, index));
      std::vector<std::string> row(ingest::SupplierReturnColumns().size());
      AppendStyledName(row[0], pool.at(index).name, member->name_style);
      if (f.in_companies_house && rng.Chance(0.45)) row[1] = f.company_number;
      if (f.charity && rng.Chance(0.5)) row[2] = f.charity_number;
      // Size: mostly what the supplier really is, which may differ from its accounts; some
      // members only know "SME"; a few answers are a band off.
      const double u = rng.Uniform();
      SizeBand size = f.size;
      if (rng.Chance(0.04)) {
        size = size == SizeBand::kMicro   ? SizeBand::kSmall
               : size == SizeBand::kLarge ? SizeBand::kMedium
                                          : static_cast<SizeBand>(static_cast<int>(size) - 1);
      }
      if (u < 0.6) {
        row[4] = core::SizeBandName(size);
      } else if (u < 0.68) {
        row[4] = core::IsMsme(size) ? "sme" : core::SizeBandName(size);
      }
      if (rng.Chance(0.75)) {
        row[5] = core::KnownName(f.vcse);
        if (f.vcse == core::Known::kYes) row[6] = f.vcse_form;
      }
      const double d = rng.Uniform();
      const int answered = d < 0.6 ? 4 : d < 0.7 ? 1 : 0;
      for (int b = 0; b < answered; ++b) {
        row[7 + b] = (f.diverse & (1 << b)) ? "yes" : "no";
      }
      const bool any_yes =
          answered == 4 ? f.diverse != 0 : answered == 1 && (f.diverse & core::kWomenOwned);
      if (answered > 0) {
        if (any_yes && !f.certified_by.empty()) {
          row[11] = "certified";
          row[12] = f.certified_by;
        } else {
          row[11] = "self-declared";
        }
      }
      const std::string& registered = postcodes[f.place][f.postcode];
      if (f.branch_place >= 0 && rng.Chance(0.8)) {
        row[13] = registered + "; " + postcodes[f.branch_place][f.branch_postcode];
      } else if (rng.Chance(f.in_companies_house || f.charity ? 0.3 : 0.6)) {
        row[13] = registered;
      }
      rows.push_back(std::move(row));
    }
    DemoRegisterFile file;
    file.kind = "supplier-returns";
    file.member = std::string(spec.member);
    file.rows = static_cast<std::int64_t>(rows.size());
    file.description =
        fmt::format("{}'s made-up supplier return ({} suppliers)", spec.member, rows.size());
    file.path = (returns_dir / fmt::format("synthetic-{}-supplier-return.{}", spec.member,
                                           spec.xlsx ? "xlsx" : "csv"))
                    .string();
    if (spec.xlsx) {
      if (auto ok = WriteReturnXlsx(file.path, std::string(member->name), rows); !ok) {
        return tl::unexpected(ok.error());
      }
    } else {
      std::string bytes;
      std::vector<std::string> header;
      for (const ingest::TemplateColumn& c : ingest::SupplierReturnColumns()) {
        header.push_back(c.header);
      }
      AppendRow(bytes, header, false, "\r\n");
      for (const std::vector<std::string>& row : rows) AppendRow(bytes, row, false, "\r\n");
      if (auto ok = WriteWholeFile(file.path, bytes); !ok) return tl::unexpected(ok.error());
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace anchornet::demo::internal
