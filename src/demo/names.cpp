// The made-up world of the demo: members, trades, service areas, payees and the supplier pool.
// Every name here is fictional; member names carry "(synthetic)".

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <unordered_set>

#include "demo/internal/generator.h"

namespace anchornet::demo::internal {

namespace {

using core::Sector;

// Weights are relative sizes (NHS trusts and councils publish the most lines). Layout families
// are spread so that every one is used. XLSX goes to small members only: a workbook costs far
// more to write (and to read) than a CSV of the same rows.
constexpr MemberSpec kMembers[] = {
    {"nhs-northbank", "Northbank NHS Foundation Trust (synthetic)", Sector::kNhs, 19, 13.0,
     Layout::kPreambleCp1252, NameStyle::kAsGiven, 0.010},
    {"nhs-eastmere", "Eastmere University Hospitals NHS Trust (synthetic)", Sector::kNhs, 25, 12.0,
     Layout::kExcelSerial, NameStyle::kUpper, 0.010},
    {"nhs-westholm", "Westholm Mental Health NHS Trust (synthetic)", Sector::kNhs, 9, 6.0,
     Layout::kLgtcCsv, NameStyle::kAsGiven, 0.015},
    {"nhs-southcross", "Southcross Community Health NHS Trust (synthetic)", Sector::kNhs, 28, 5.0,
     Layout::kPreambleCp1252, NameStyle::kLongForm, 0.015},
    {"council-ashby", "London Borough of Ashby (synthetic)", Sector::kLocalGovernment, 12, 12.0,
     Layout::kLgtcCsv, NameStyle::kLongForm, 0.045},
    {"council-riverton", "Royal Borough of Riverton (synthetic)", Sector::kLocalGovernment, 21,
     10.0, Layout::kLgtcCsv, NameStyle::kAsGiven, 0.040},
    {"council-hollin", "London Borough of Hollin Green (synthetic)", Sector::kLocalGovernment, 5,
     9.0, Layout::kDosCp850, NameStyle::kUpper, 0.050},
    {"council-kingsbridge", "City of Kingsbridge Council (synthetic)", Sector::kLocalGovernment, 30,
     8.0, Layout::kExcelSerial, NameStyle::kAsGiven, 0.040},
    {"uni-thamesgate", "Thamesgate University (synthetic)", Sector::kHigherEducation, 23, 6.0,
     Layout::kTabDmy, NameStyle::kAsGiven, 0.020},
    {"uni-kingsmere", "Kingsmere Institute of Art (synthetic)", Sector::kHigherEducation, 7, 3.0,
     Layout::kLgtcCsv, NameStyle::kAsGiven, 0.020},
    {"college-larchfield", "Larchfield College (synthetic)", Sector::kFurtherEducation, 14, 1.5,
     Layout::kXlsx, NameStyle::kLongForm, 0.015},
    {"transport-capital", "Capital Transit Authority (synthetic)", Sector::kTransport, 33, 10.0,
     Layout::kSemicolonIso, NameStyle::kAsGiven, 0.010},
    {"transport-riverbus", "Riverbus Ferries Ltd (synthetic)", Sector::kTransport, 10, 1.5,
     Layout::kTabDmy, NameStyle::kUpper, 0.005},
    {"police-metropolis", "Metropolis Police Service (synthetic)", Sector::kPoliceFire, 32, 7.0,
     Layout::kDosCp850, NameStyle::kUpper, 0.020},
    {"fire-capital", "Capital Fire and Rescue Service (synthetic)", Sector::kPoliceFire, 22, 3.0,
     Layout::kPreambleCp1252, NameStyle::kAsGiven, 0.010},
    {"utility-clearwater", "Clearwater Utilities plc (synthetic)", Sector::kUtility, 16, 4.0,
     Layout::kSemicolonIso, NameStyle::kLongForm, 0.020},
    {"housing-greenway", "Greenway Homes Housing Association (synthetic)", Sector::kHousing, 20,
     3.0, Layout::kTabDmy, NameStyle::kAsGiven, 0.030},
    {"cultural-estuary", "Museum of the Estuary (synthetic)", Sector::kCultural, 1, 1.2,
     Layout::kXlsx, NameStyle::kAsGiven, 0.010},
    {"cultural-wharfside", "Wharfside Playhouse Trust (synthetic)", Sector::kCultural, 27, 0.8,
     Layout::kExcelSerial, NameStyle::kAsGiven, 0.010},
    {"faith-staldric", "Cathedral Church of St Aldric (synthetic)", Sector::kFaith, 2, 0.5,
     Layout::kXlsx, NameStyle::kAsGiven, 0.010},
    {"private-harbourline", "Harbourline Holdings plc (synthetic)", Sector::kPrivate, 31, 2.0,
     Layout::kSemicolonIso, NameStyle::kAsGiven, 0.005},
    {"private-canalside", "Canalside Property Partners LLP (synthetic)", Sector::kPrivate, 13, 1.0,
     Layout::kTabDmy, NameStyle::kLongForm, 0.005},
};

// Trades: the word used in names, the expense type a ledger books them to, a typical invoice in
// pounds, whether VAT is charged, and the SIC code a company of that trade files.
constexpr Trade kTrades[] = {
    {"Cleaning", "Cleaning and Domestic Services", 2400, true,
     "81210 - General cleaning of buildings"},
    {"Facilities", "Facilities Management", 9000, true,
     "81100 - Combined facilities support activities"},
    {"Care", "Care Services - Residential", 4200, false,
     "87100 - Residential nursing care facilities"},
    {"Home Care", "Care Services - Domiciliary", 3100, false,
     "88100 - Social work activities without accommodation for the elderly and disabled"},
    {"Print", "Printing and Stationery", 650, true, "18129 - Printing n.e.c."},
    {"Consulting", "Consultancy Fees", 7500, true,
     "70229 - Management consultancy activities other than financial management"},
    {"Construction", "Building Works - Capital", 24000, true,
     "41201 - Construction of commercial buildings"},
    {"Building Services", "Building Repairs and Maintenance", 5200, true,
     "43390 - Other building completion and finishing"},
    {"Electrical", "Electrical Maintenance", 2300, true, "43210 - Electrical installation"},
    {"Plumbing", "Plumbing and Heating", 1800, true,
     "43220 - Plumbing, heat and air-conditioning installation"},
    {"Roofing", "Building Repairs and Maintenance", 4800, true, "43910 - Roofing activities"},
    {"Scaffolding", "Building Repairs and Maintenance", 3600, true, "43991 - Scaffold erection"},
    {"Catering", "Catering Supplies", 1900, true, "56290 - Other food services"},
    {"Foods", "Provisions", 1300, false,
     "46390 - Non-specialised wholesale of food, beverages and tobacco"},
    {"Security", "Security Services", 5400, true, "80100 - Private security activities"},
    {"Haulage", "Transport and Haulage", 2100, true, "49410 - Freight transport by road"},
    {"Couriers", "Postage and Couriers", 450, true, "53202 - Unlicensed carrier"},
    {"Taxis", "Taxi Services", 380, true, "49320 - Taxi operation"},
    {"Coaches", "Hired Transport", 1600, true, "49390 - Other passenger land transport"},
    {"Medical", "Medical and Surgical Equipment", 3300, true,
     "32500 - Manufacture of medical and dental instruments and supplies"},
    {"Healthcare", "Clinical Services", 6100, false, "86900 - Other human health activities"},
    {"Pharma", "Drugs and Pharmaceuticals", 5200, false,
     "46460 - Wholesale of pharmaceutical goods"},
    {"Diagnostics", "Laboratory Equipment and Reagents", 4100, true,
     "71200 - Technical testing and analysis"},
    {"Laboratories", "Laboratory Equipment and Reagents", 3900, true,
     "71200 - Technical testing and analysis"},
    {"IT", "IT Services", 4400, true, "62020 - Information technology consultancy activities"},
    {"Software", "Software Licences", 6800, true,
     "62012 - Business and domestic software development"},
    {"Digital", "IT Services", 5100, true,
     "62090 - Other information technology service activities"},
    {"Data", "IT Services", 4700, true, "63110 - Data processing, hosting and related activities"},
    {"Telecom", "Telephony and Data Lines", 2600, true,
     "61900 - Other telecommunications activities"},
    {"Recruitment", "Agency Staff", 3700, true,
     "78109 - Other activities of employment placement agencies"},
    {"Staffing", "Agency Staff", 4300, true, "78200 - Temporary employment agency activities"},
    {"Training", "Training and Development", 1500, true, "85590 - Other education n.e.c."},
    {"Learning", "Training and Development", 1200, false, "85590 - Other education n.e.c."},
    {"Legal", "Legal Fees", 5600, true, "69102 - Solicitors"},
    {"Accountancy", "Professional Fees", 3900, true, "69201 - Accounting and auditing activities"},
    {"Architects", "Professional Fees - Capital", 8200, true, "71111 - Architectural activities"},
    {"Surveyors", "Professional Fees", 3300, true,
     "71122 - Engineering related scientific and technical consulting activities"},
    {"Engineering", "Engineering Services", 7300, true, "71129 - Other engineering activities"},
    {"Landscaping", "Grounds Maintenance", 2500, true, "81300 - Landscape service activities"},
    {"Gardens", "Grounds Maintenance", 1400, true, "81300 - Landscape service activities"},
    {"Waste", "Waste Disposal", 6400, true, "38110 - Collection of non-hazardous waste"},
    {"Recycling", "Waste Disposal", 3100, true, "38320 - Recovery of sorted materials"},
    {"Energy", "Energy Costs", 11000, true, "35140 - Trade of electricity"},
    {"Solar", "Energy Efficiency Works", 14000, true, "43210 - Electrical installation"},
    {"Furniture", "Furniture and Fittings", 2700, true, "31090 - Manufacture of other furniture"},
    {"Interiors", "Furniture and Fittings", 3400, true,
     "43390 - Other building completion and finishing"},
    {"Office Supplies", "Printing and Stationery", 420, true,
     "47620 - Retail sale of newspapers and stationery in specialised stores"},
    {"Events", "Events and Hospitality", 1700, true, "82302 - Activities of conference organisers"},
    {"Media", "Advertising and Publicity", 2200, true, "73110 - Advertising agencies"},
    {"Design", "Design Services", 1800, true, "74100 - specialised design activities"},
    {"Translation", "Interpreting and Translation", 520, true,
     "74300 - Translation and interpretation activities"},
    {"Removals", "Removals and Storage", 1300, true, "49420 - Removal services"},
    {"Glazing", "Building Repairs and Maintenance", 1600, true, "43342 - Glazing"},
    {"Decorating", "Building Repairs and Maintenance", 2000, true, "43341 - Painting"},
    {"Flooring", "Building Repairs and Maintenance", 2400, true, "43330 - Floor and wall covering"},
    {"Locksmiths", "Building Repairs and Maintenance", 340, true,
     "80200 - Security systems service activities"},
    {"Pest Control", "Pest Control", 420, true, "81291 - Disinfecting and exterminating services"},
    {"Hygiene", "Cleaning Materials", 610, true,
     "46440 - Wholesale of china and glassware and cleaning materials"},
    {"Laundry", "Laundry and Linen", 1900, true,
     "96010 - Washing and (dry-)cleaning of textile and fur products"},
    {"Uniforms", "Uniforms and Protective Clothing", 1100, true, "14120 - Manufacture of workwear"},
    {"Signs", "Signage", 900, true, "32990 - Other manufacturing n.e.c."},
    {"Fencing", "Grounds Maintenance", 2900, true,
     "43999 - Other specialised construction activities n.e.c."},
    {"Lifts", "Lift Maintenance", 2600, true, "43290 - Other construction installation"},
    {"Fire Protection", "Fire Safety Equipment", 1500, true,
     "43290 - Other construction installation"},
    {"Motors", "Vehicle Maintenance", 1400, true,
     "45200 - Maintenance and repair of motor vehicles"},
    {"Tyres", "Vehicle Maintenance", 700, true, "45200 - Maintenance and repair of motor vehicles"},
    {"Audio Visual", "Audio Visual Equipment", 2300, true,
     "47430 - Retail sale of audio and video equipment in specialised stores"},
    {"Photography", "Design Services", 650, true,
     "74209 - Photographic activities not elsewhere classified"},
    {"Conservation", "Conservation and Collections", 3100, true, "90030 - Artistic creation"},
    {"Horticulture", "Grounds Maintenance", 1100, true, "01300 - Plant propagation"},
    {"Childcare", "Children's Placements", 3800, false, "88910 - Child day-care activities"},
    {"Youth Services", "Commissioned Youth Services", 2900, false,
     "88990 - Other social work activities without accommodation n.e.c."},
    {"Wellbeing", "Health and Wellbeing Services", 1600, false,
     "86900 - Other human health activities"},
    {"Counselling", "Counselling Services", 950, false, "86900 - Other human health activities"},
    {"Community Services", "Voluntary Sector Contracts", 2700, false,
     "88990 - Other social work activities without accommodation n.e.c."},
    {"Housing Support", "Supported Housing", 3500, false,
     "87900 - Other residential care activities n.e.c."},
    {"Music", "Performers and Artists Fees", 850, false, "90010 - Performing arts"},
    {"Theatre Supplies", "Production Materials", 780, true,
     "90020 - Support activities to performing arts"},
    {"Books", "Books and Library Materials", 430, false,
     "47610 - Retail sale of books in specialised stores"},
    {"Stationery", "Printing and Stationery", 310, true,
     "47620 - Retail sale of newspapers and stationery in specialised stores"},
};

// Words for the first part of a company name. A few carry accents (and one a curly apostrophe)
// so that transcoding to Windows-1252 and DOS code page 850 is exercised.
constexpr std::string_view kFirstWords[] = {
    "Ashgrove",    "Kestrel",     "Meridian",    "Albion",      "Beacon",      "Birchwood",
    "Bluebell",    "Bramble",     "Brightwater", "Broadoak",    "Calder",      "Cedar",
    "Chalkhill",   "Clearview",   "Cobalt",      "Copperfield", "Cornerstone", "Crescent",
    "Crown",       "Daybreak",    "Dovetail",    "Eastway",     "Elmfield",    "Emberly",
    "Evergreen",   "Fairway",     "Falcon",      "Fernside",    "Fieldgate",   "Firefly",
    "Foxglove",    "Galleon",     "Garnet",      "Goldcrest",   "Granite",     "Greenleaf",
    "Harbour",     "Harrier",     "Hawthorn",    "Hazel",       "Heron",       "Highgate",
    "Holloway",    "Horizon",     "Ironbridge",  "Ivory",       "Juniper",     "Keystone",
    "Kingfisher",  "Lantern",     "Larkspur",    "Lavender",    "Linden",      "Lodestar",
    "Longacre",    "Lynx",        "Magnolia",    "Mallard",     "Maple",       "Marlowe",
    "Meadowbank",  "Mercury",     "Millstone",   "Minerva",     "Morningside", "Nightingale",
    "Northgate",   "Oakfield",    "Obsidian",    "Orchard",     "Osprey",      "Paragon",
    "Pebble",      "Pelican",     "Pennant",     "Peregrine",   "Pinnacle",    "Primrose",
    "Quayside",    "Quill",       "Radiant",     "Raven",       "Redwood",     "Regent",
    "Ridgeway",    "Riverside",   "Rosewood",    "Rowan",       "Saffron",     "Sapphire",
    "Silverbirch", "Skylark",     "Southmoor",   "Sparrow",     "Spire",       "Springfield",
    "Starling",    "Sterling",    "Stonebridge", "Summit",      "Sunflower",   "Swallow",
    "Sycamore",    "Tamarind",    "Teal",        "Thistle",     "Timberline",  "Topaz",
    "Trident",     "Tudor",       "Unity",       "Valiant",     "Vantage",     "Verdant",
    "Vertex",      "Viaduct",     "Victoria",    "Warbler",     "Waterside",   "Wayfarer",
    "Wessex",      "Westbury",    "Wildflower",  "Willow",      "Windmill",    "Wren",
    "Yarrow",      "Zenith",      "Acorn",       "Anchor",      "Apex",        "Arden",
    "Aspen",       "Atlas",       "Aurora",      "Avalon",      "Badger",      "Bellwether",
    "Blackthorn",  "Bridgewater", "Buttercup",   "Canalside",   "Castleford",  "Chestnut",
    "Clover",      "Compass",     "Coral",       "Dockside",    "Driftwood",   "Dunmore",
    "Eagle",       "Ember",       "Fleetwood",   "Forge",       "Gable",       "Greystone",
    "Hartwell",    "Heathfield",  "Hollybush",   "Inkwell",     "Jasmine",     "Kelvin",
    "Lighthouse",  "Marigold",    "Mosaic",      "Nettle",      "Northstar",   "Opal",
    "Pimlico",     "Portland",    "Quarry",      "Rainbow",     "Café Verde",  "Crème",
    "Étoile",      "Brontë",      "Façade",      "Señor",       "Müller",      "St Mary’s",
};

constexpr std::string_view kSurnames[] = {
    "Patel",     "Okafor",    "Nowak",   "Khan",    "Smith",   "O'Brien",  "Adeyemi",
    "Kowalski",  "Begum",     "Chen",    "Murphy",  "Singh",   "Ahmed",    "Hussain",
    "Campbell",  "Mensah",    "Osei",    "Silva",   "Costa",   "Yilmaz",   "Papadopoulos",
    "Jones",     "Williams",  "Taylor",  "Brown",   "Davies",  "Evans",    "Wilson",
    "Thomas",    "Roberts",   "Johnson", "Lewis",   "Walker",  "Robinson", "Wood",
    "Thompson",  "White",     "Hughes",  "Edwards", "Green",   "Hall",     "Martin",
    "Clarke",    "Jackson",   "Ali",     "Rahman",  "Islam",   "Shah",     "Sharma",
    "Gupta",     "Nguyen",    "Wong",    "Santos",  "Pereira", "Ferreira", "Kaur",
    "Gill",      "Bello",     "Eze",     "Nwosu",   "Asante",  "Boateng",  "Mahmood",
    "Iqbal",     "Novak",     "Horvat",  "Popescu", "Ionescu", "Kaya",     "Demir",
    "Zielinski", "Lindqvist",
};

constexpr std::string_view kLegalForms[] = {"Ltd", "Ltd", "Ltd",   "Limited", "Limited",
                                            "LLP", "PLC", "Group", "Ltd",     "Services Ltd"};

constexpr std::string_view kCompoundSuffixes[] = {"tech", "works", "line", "serve", "care", "point",
                                                  "gate", "build", "wise", "field", "way",  "link"};

constexpr std::string_view kNhsAreas[] = {"Estates and Facilities",
                                          "Pharmacy",
                                          "Pathology",
                                          "Radiology",
                                          "Theatres",
                                          "Maternity",
                                          "Emergency Department",
                                          "Community Services",
                                          "Mental Health Services",
                                          "IM&T",
                                          "Finance",
                                          "Workforce",
                                          "Patient Transport",
                                          "Catering",
                                          "Research and Development"};
constexpr std::string_view kCouncilAreas[] = {"Adult Social Care",
                                              "Children's Services",
                                              "Education",
                                              "Highways",
                                              "Waste and Recycling",
                                              "Housing Needs",
                                              "Parks and Open Spaces",
                                              "Libraries",
                                              "Public Health",
                                              "Regeneration",
                                              "Corporate Resources",
                                              "Planning",
                                              "Leisure",
                                              "Revenues and Benefits",
                                              "Environmental Health"};
constexpr std::string_view kEducationAreas[] = {
    "Estates",     "Library Services", "Faculty of Science", "Faculty of Arts", "Student Services",
    "IT Services", "Research Office",  "Residences",         "Catering",        "Sport",
    "Finance"};
constexpr std::string_view kTransportAreas[] = {
    "Rail Operations", "Bus Services",      "Fleet Maintenance", "Infrastructure Renewals",
    "Stations",        "Customer Services", "Signalling",        "Depots",
    "Ticketing"};
constexpr std::string_view kPoliceFireAreas[] = {
    "Operational Support", "Fleet",        "Estates",          "Training", "Custody",
    "Forensic Services",   "Control Room", "Community Safety", "Equipment"};
constexpr std::string_view kUtilityAreas[] = {
    "Network Maintenance", "Mains Replacement", "Treatment Works",
    "Customer Operations", "Metering",          "Capital Programme"};
constexpr std::string_view kHousingAreas[] = {"Repairs and Maintenance", "Voids",
                                              "Tenancy Services", "Development", "Estate Services"};
constexpr std::string_view kCulturalAreas[] = {
    "Exhibitions",    "Collections Care", "Learning and Engagement", "Visitor Services", "Retail",
    "Front of House", "Productions"};
constexpr std::string_view kFaithAreas[] = {"Fabric and Maintenance", "Music and Choir",
                                            "Visitor Services", "Education", "Events"};
constexpr std::string_view kPrivateAreas[] = {"Facilities Management",
                                              "Corporate Services",
                                              "Operations",
                                              "Marketing",
                                              "Property",
                                              "Technology"};

constexpr std::string_view kNhsExpense[] = {
    "Clinical Supplies",      "Non-Clinical Supplies",          "Premises Costs",
    "Establishment Expenses", "Healthcare from Non-NHS Bodies", "Purchase of Healthcare"};
constexpr std::string_view kCouncilExpense[] = {
    "Supplies and Services",         "Third Party Payments", "Premises Related Expenditure",
    "Transport Related Expenditure", "Contracted Services",  "Grants and Subscriptions"};
constexpr std::string_view kEducationExpense[] = {"Other Operating Expenses", "Premises Costs",
                                                  "Equipment", "Research Consumables",
                                                  "Student Support"};
constexpr std::string_view kOtherExpense[] = {"Operating Costs", "Premises Costs",
                                              "Supplies and Services", "Contracted Services",
                                              "Capital Expenditure"};

constexpr std::string_view kPersonal[] = {
    "REDACTED PERSONAL DATA",        "Name redacted",      "REFUND TO PRIVATE INDIVIDUAL",
    "Personal Information Redacted", "Private Individual", "REDACTED",
    "Redacted - personal data"};

constexpr std::string_view kPersonalCouncil[] = {"Direct Payments", "Foster Carer Allowances",
                                                 "Refunds", "Compensation",
                                                 "Special Guardianship Allowances"};
constexpr std::string_view kPersonalOther[] = {"Refunds", "Expenses Reimbursement", "Compensation",
                                               "Honoraria"};

constexpr PublicBody kPublicBodies[] = {
    {"HM Revenue & Customs", "VAT Payable"},
    {"HMRC", "Construction Industry Scheme Deductions"},
    {"H M REVENUE AND CUSTOMS", "PAYE and National Insurance"},
    {"NHS Business Services Authority", "Prescription Charges", true},
    {"NHS Supply Chain", "Clinical Supplies", true},
    {"NHS Supply Chain", "Medical and Surgical Equipment", true},
    {"Department for Work and Pensions", "Third Party Payments"},
    {"Environment Agency", "Licences and Permits"},
    {"Valuation Office Agency", "Statutory Fees"},
    {"HM Land Registry", "Land Registry Fees"},
    {"London Borough of Camden", "Shared Service Charges"},
    {"London Borough of Camden", "Business Rates"},
    {"Metropolitan Police Service", "Special Police Services"},
    {"Transport for the Capital (synthetic)", "Travel Passes"},
    {"Capital Boroughs Joint Waste Authority (synthetic)", "Levies"},
};

constexpr FixedPayee kFixedPayees[] = {
    {"Thameside Water Retail Ltd", "Water Rates", "FULL",
     "36000 - Water collection, treatment and supply"},
    {"Albion Asset Finance Ltd", "Interest Payable - Finance Leases", "FULL",
     "64910 - Financial leasing"},
    {"Stagelight Music Licensing Ltd", "Licence Fees - Music and Performance", "MEDIUM",
     "74909 - Other professional, scientific and technical activities n.e.c."},
    {"Meridian Workplace Pensions Ltd", "Employer Pension Contributions", "GROUP",
     "65300 - Pension funding"},
    {"Capital Omnibus Company Ltd", "Concessionary Fares Reimbursement", "GROUP",
     "49319 - Other urban, suburban or metropolitan area passenger land transport n.e.c."},
    {"Riverside Coaches and Buses Ltd", "Concessionary Fares Reimbursement", "MEDIUM",
     "49319 - Other urban, suburban or metropolitan area passenger land transport n.e.c."},
    {"Eastway Community Transport CIC", "Concessionary Fares Reimbursement", "SMALL",
     "49390 - Other passenger land transport"},
};
constexpr std::size_t kBusOperators = 3;

// ln of an amount in pounds, as pence.
float LogPence(double pounds) { return static_cast<float>(std::log(pounds * 100.0)); }

// Builds one company name. `rng` decides the pattern and its parts.
std::string MakeName(Rng& rng, std::uint16_t& trade_index) {
  trade_index = static_cast<std::uint16_t>(rng.Below(std::size(kTrades)));
  const std::string_view trade = kTrades[trade_index].word;
  const std::string_view first = rng.Pick(std::span<const std::string_view>(kFirstWords));
  const std::string_view surname = rng.Pick(std::span<const std::string_view>(kSurnames));
  const std::string_view form = rng.Pick(std::span<const std::string_view>(kLegalForms));
  const double u = rng.Uniform();
  if (u < 0.42) return fmt::format("{} {} {}", first, trade, form);
  if (u < 0.52) {
    const std::string_view second = rng.Pick(std::span<const std::string_view>(kFirstWords));
    return fmt::format("{} {} {}", first, second, form);
  }
  if (u < 0.66) return fmt::format("{} {} {}", surname, trade, form);
  if (u < 0.71) return fmt::format("{} & Sons {} Ltd", surname, trade);
  if (u < 0.75) {
    const std::string_view other = rng.Pick(std::span<const std::string_view>(kSurnames));
    if (rng.Chance(0.35)) return fmt::format("{}, {} & Partners LLP", surname, other);
    return fmt::format("{} & {} {}", surname, other, form);
  }
  if (u < 0.79) return fmt::format("{} Community {} CIC", first, trade);
  if (u < 0.81) return fmt::format("{} {} Community Interest Company", first, trade);
  if (u < 0.84) return fmt::format("The {} Trust", first);
  if (u < 0.86) return fmt::format("{} Foundation", first);
  if (u < 0.93) {
    // "Kestrelworks Ltd": only from single plain words.
    if (first.find(' ') == std::string_view::npos && static_cast<unsigned char>(first[0]) < 0x80) {
      const std::string_view suffix =
          rng.Pick(std::span<const std::string_view>(kCompoundSuffixes));
      return fmt::format("{}{} {}", first, suffix, form);
    }
    return fmt::format("{} {} {}", first, trade, form);
  }
  const char a = static_cast<char>('A' + rng.Below(26));
  const char b = static_cast<char>('A' + rng.Below(26));
  if (rng.Chance(0.5)) return fmt::format("{} & {} {} Ltd", a, b, trade);
  return fmt::format("{}.{}. {} {}", a, b, trade, form);
}

}  // namespace

std::span<const MemberSpec> MemberSpecs() { return kMembers; }

std::string BoroughCode(int borough) { return fmt::format("E090000{:02}", borough); }

std::span<const Trade> Trades() { return kTrades; }

std::span<const std::string_view> ServiceAreas(Sector sector) {
  switch (sector) {
    case Sector::kNhs:
      return kNhsAreas;
    case Sector::kLocalGovernment:
      return kCouncilAreas;
    case Sector::kHigherEducation:
    case Sector::kFurtherEducation:
      return kEducationAreas;
    case Sector::kTransport:
      return kTransportAreas;
    case Sector::kPoliceFire:
      return kPoliceFireAreas;
    case Sector::kUtility:
      return kUtilityAreas;
    case Sector::kHousing:
      return kHousingAreas;
    case Sector::kCultural:
      return kCulturalAreas;
    case Sector::kFaith:
      return kFaithAreas;
    case Sector::kPrivate:
    case Sector::kOther:
      return kPrivateAreas;
  }
  return kPrivateAreas;
}

std::span<const std::string_view> SectorExpenseTypes(Sector sector) {
  switch (sector) {
    case Sector::kNhs:
      return kNhsExpense;
    case Sector::kLocalGovernment:
    case Sector::kHousing:
      return kCouncilExpense;
    case Sector::kHigherEducation:
    case Sector::kFurtherEducation:
      return kEducationExpense;
    default:
      return kOtherExpense;
  }
}

std::span<const std::string_view> PersonalPayees() { return kPersonal; }

std::span<const std::string_view> PersonalExpenseTypes(Sector sector) {
  if (sector == Sector::kLocalGovernment) return kPersonalCouncil;
  return kPersonalOther;
}

std::span<const PublicBody> PublicBodies() { return kPublicBodies; }

std::span<const FixedPayee> FixedPayees() { return kFixedPayees; }

const FixedPayee& FixedPayeeFor(FixedPayeeRole role, std::size_t pick) {
  const auto first = static_cast<std::size_t>(role);
  if (role == FixedPayeeRole::kBusOperator) return kFixedPayees[first + pick % kBusOperators];
  return kFixedPayees[first];
}

double PayrollShare(Sector sector) {
  switch (sector) {
    case Sector::kNhs:
      return 0.11;
    case Sector::kLocalGovernment:
      return 0.07;
    case Sector::kHigherEducation:
    case Sector::kFurtherEducation:
      return 0.10;
    case Sector::kPoliceFire:
      return 0.14;
    case Sector::kCultural:
      return 0.08;
    case Sector::kFaith:
      return 0.07;
    case Sector::kTransport:
    case Sector::kHousing:
      return 0.05;
    case Sector::kUtility:
      return 0.04;
    case Sector::kPrivate:
    case Sector::kOther:
      return 0.05;
  }
  return 0.05;
}

std::string_view PensionPayee(const MemberSpec& member) {
  switch (member.sector) {
    case Sector::kNhs:
      return "NHS Pension Scheme";
    case Sector::kPrivate:
    case Sector::kOther:
      return FixedPayeeFor(FixedPayeeRole::kWorkplacePension).name;
    default:
      // London's public bodies split between the two funds.
      return MemberNumber(member) % 2 == 0 ? "London Pensions Fund Authority"
                                           : "Local Government Pension Scheme (synthetic fund)";
  }
}

std::size_t MemberNumber(const MemberSpec& member) {
  return static_cast<std::size_t>(&member - MemberSpecs().data());
}

MemberTail MemberTailOf(std::uint64_t seed, const MemberSpec& member, std::size_t pool_size) {
  // Stride odd and not a multiple of 5, so coprime to a pool of 40,000.
  Rng member_rng(MixSeed(seed, 1 + MemberNumber(member)));
  MemberTail tail;
  tail.stride = member_rng.Below(pool_size / 2) * 2 + 1;
  while (tail.stride % 5 == 0) tail.stride += 2;
  tail.offset = member_rng.Below(pool_size);
  return tail;
}

SupplierPool::SupplierPool(std::uint64_t seed, int count) {
  Rng rng(MixSeed(seed, 0x5099));
  suppliers_.reserve(static_cast<std::size_t>(count));
  std::unordered_set<std::string> seen;
  seen.reserve(static_cast<std::size_t>(count) * 2);
  int attempts = 0;
  while (static_cast<int>(suppliers_.size()) < count && attempts < count * 20) {
    ++attempts;
    Supplier s;
    s.name = MakeName(rng, s.trade);
    if (!seen.insert(s.name).second) continue;
    // The most popular suppliers are also the large contractors with larger invoices.
    const auto rank = static_cast<double>(suppliers_.size());
    const double big = rank < 400 ? 1.4 * (1.0 - rank / 400.0) : 0.0;
    s.log_mean =
        LogPence(kTrades[s.trade].median_pounds) + static_cast<float>(0.55 * rng.Normal() + big);
    const std::string_view name = s.name;
    if (name.ends_with(" Trust") || name.ends_with(" Foundation") || name.ends_with(" CIC") ||
        name.ends_with(" Community Interest Company")) {
      vcse_like_.push_back(static_cast<std::uint32_t>(suppliers_.size()));
    }
    suppliers_.push_back(std::move(s));
  }
  // Zipf-Mandelbrot popularity: weight 1 / (rank + 12)^1.08, as an alias table (Vose).
  const std::size_t n = suppliers_.size();
  std::vector<double> scaled(n);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = 1.0 / std::pow(static_cast<double>(i) + 12.0, 1.08);
    sum += scaled[i];
  }
  keep_.assign(n, 1.0);
  alias_.resize(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] *= static_cast<double>(n) / sum;
    alias_[i] = static_cast<std::uint32_t>(i);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    keep_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
}

std::size_t SupplierPool::SampleRank(Rng& rng) const {
  const std::size_t column = rng.Below(keep_.size());
  return rng.Uniform() < keep_[column] ? column : alias_[column];
}

}  // namespace anchornet::demo::internal
