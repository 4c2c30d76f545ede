// Tests for supplier name keys and the company, charity and VAT number normalisers.
//
// The name variants in NamesRealDataTest are real: each group was found by grepping the spend
// files in ../shared/data/spend/ and the strings are copied exactly, odd spacing included. The
// comment beside a group names its file(s): gla = gla_expenditure_2008-2013_all.csv, lambeth =
// lambeth_2011-01_supplier_totals_original.csv or lambeth_2012-06_invoices_over_500_original.csv,
// hyndburn = hyndburn_raw/*.csv. The files themselves are not read here.
#include "core/names.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>

namespace anchornet::core {
namespace {

// Every spelling in `spellings` has the key `expected`.
void ExpectKey(std::string_view expected, std::initializer_list<std::string_view> spellings) {
  for (const std::string_view name : spellings) {
    EXPECT_EQ(NameKeyOf(name), expected) << "name: \"" << name << "\"";
  }
}

void ExpectDistinct(std::string_view a, std::string_view b) {
  EXPECT_NE(NameKeyOf(a), NameKeyOf(b)) << "\"" << a << "\" and \"" << b << "\" must not merge";
}

// ---------------------------------------------------------------------------------------------
// The rules one by one.

TEST(NamesTest, UpperCaseSingleSpaces) {
  EXPECT_EQ(NameKeyOf("  acme   cleaning\tservices  "), "ACME CLEANING SERVICES");
  EXPECT_EQ(NameKeyOf("Acme"), "ACME");
}

TEST(NamesTest, EmptyWhenNoLettersOrDigits) {
  EXPECT_EQ(NameKeyOf(""), "");
  EXPECT_EQ(NameKeyOf("   "), "");
  EXPECT_EQ(NameKeyOf("--- ... ()"), "");
  EXPECT_EQ(NormaliseName("").legal_form, "");
}

TEST(NamesTest, AmpersandAndPlusBecomeAnd) {
  ExpectKey("A AND B", {"A & B", "A and B", "A+B", "a + b", "A&B"});
  ExpectKey("BURNS AND NICE", {"BURNS + NICE"});  // gla
}

TEST(NamesTest, ApostrophesDropped) {
  ExpectKey("ST JOHNS", {"St John's", "ST JOHNS", "St John\xE2\x80\x99s", "St John`s"});
}

TEST(NamesTest, OtherPunctuationBecomesSpace) {
  EXPECT_EQ(NameKeyOf("A.B-C/D,E(F)G\"H!I:J;K"), "ABCDEFGHIJK");  // single letters join
  EXPECT_EQ(NameKeyOf("ACME-CLEANING/SERVICES: \"NORTH\"!"), "ACME CLEANING SERVICES NORTH");
}

TEST(NamesTest, ParenthesisedTextKeptAsWords) {
  EXPECT_EQ(NameKeyOf("Age UK (Lambeth)"), "AGE UK LAMBETH");
  EXPECT_EQ(NameKeyOf("Acme (North West) Ltd"), "ACME NORTH WEST");
}

TEST(NamesTest, LeadingTheDropped) {
  EXPECT_EQ(NameKeyOf("The Acme Company"), "ACME");
  EXPECT_EQ(NameKeyOf("THE"), "THE");
  EXPECT_EQ(NameKeyOf("The"), "THE");
  EXPECT_EQ(NameKeyOf("Theatre Royal"), "THEATRE ROYAL");
  EXPECT_EQ(NameKeyOf("Acme The Builders"), "ACME THE BUILDERS");
}

TEST(NamesTest, SingleLettersJoined) {
  ExpectKey("SRS CATERING", {"S.R.S. Catering", "S R S Catering", "SRS Catering"});
  EXPECT_EQ(NameKeyOf("A Byrne Fencing"), "A BYRNE FENCING");
  EXPECT_EQ(NameKeyOf("Smith J"), "SMITH J");
  // "&" keeps its letters apart.
  EXPECT_EQ(NameKeyOf("H & M Builders"), "H AND M BUILDERS");
}

TEST(NamesTest, TrailingLegalFormsStrippedRepeatedly) {
  ExpectKey("ACME", {"ACME LTD",
                     "Acme Limited",
                     "Acme Ltd.",
                     "ACME L.T.D.",
                     "Acme Limited.",
                     "ACME CO LTD",
                     "Acme Co. Ltd",
                     "Acme Company Limited",
                     "ACME PLC",
                     "Acme P.L.C.",
                     "ACME LLP",
                     "ACME LP",
                     "ACME INC",
                     "Acme Inc.",
                     "Acme Incorporated",
                     "ACME CIC",
                     "ACME C.I.C.",
                     "ACME CIO",
                     "Acme Cyf",
                     "ACME LLC",
                     "Acme Community Interest Company",
                     "Acme Charitable Incorporated Organisation",
                     "Acme Public Limited Company",
                     "Acme Limited Liability Partnership"});
  EXPECT_EQ(NameKeyOf("Acme (UK) Ltd"), "ACME UK");
  EXPECT_EQ(NameKeyOf("Acme Group Limited"), "ACME GROUP");
}

TEST(NamesTest, LegalFormOnlyAtTheEnd) {
  EXPECT_EQ(NameKeyOf("Limited Editions Ltd"), "LIMITED EDITIONS");
  EXPECT_EQ(NameKeyOf("Co-operative Group"), "CO OPERATIVE GROUP");
}

TEST(NamesTest, NeverStrippedToNothing) {
  EXPECT_EQ(NameKeyOf("Limited"), "LIMITED");
  EXPECT_EQ(NormaliseName("Limited").legal_form, "");
  const NameKey co = NormaliseName("CO LTD");
  EXPECT_EQ(co.key, "CO");
  EXPECT_EQ(co.legal_form, "LTD");
  EXPECT_EQ(NameKeyOf("The Ltd"), "LTD");
  EXPECT_EQ(NameKeyOf("Community Interest Company"), "COMMUNITY INTEREST COMPANY");
  EXPECT_EQ(NameKeyOf("Ltd Ltd"), "LTD");
}

TEST(NamesTest, AndLeftByCompanyDropped) {
  EXPECT_EQ(NameKeyOf("Smith & Co"), "SMITH");
  EXPECT_EQ(NameKeyOf("Smith and Company Ltd"), "SMITH");
  EXPECT_EQ(NameKeyOf("Smith & Sons"), "SMITH AND SONS");
}

TEST(NamesTest, LegalFormRecordsTheOutermostForm) {
  EXPECT_EQ(NormaliseName("Acme Limited").legal_form, "LTD");
  EXPECT_EQ(NormaliseName("Acme Cyfyngedig").legal_form, "LTD");
  EXPECT_EQ(NormaliseName("Acme P.L.C.").legal_form, "PLC");
  EXPECT_EQ(NormaliseName("Acme Community Interest Company").legal_form, "CIC");
  EXPECT_EQ(NormaliseName("Acme C.I.C.").legal_form, "CIC");
  EXPECT_EQ(NormaliseName("Acme Charitable Incorporated Organisation").legal_form, "CIO");
  EXPECT_EQ(NormaliseName("Acme CIO").legal_form, "CIO");
  EXPECT_EQ(NormaliseName("Acme LLP").legal_form, "LLP");
  EXPECT_EQ(NormaliseName("Acme Limited Partnership").legal_form, "LP");
  EXPECT_EQ(NormaliseName("Acme Incorporated").legal_form, "INC");
  EXPECT_EQ(NormaliseName("Acme CIC Ltd").legal_form, "LTD");
  EXPECT_EQ(NormaliseName("Acme & Co Ltd").legal_form, "LTD");
  EXPECT_EQ(NormaliseName("Acme & Co").legal_form, "");
  EXPECT_EQ(NormaliseName("Acme Group").legal_form, "");
}

TEST(NamesTest, TradingAsClauseSplitOff) {
  const NameKey a = NormaliseName("The Acme Co. Ltd (T/A Acme Cleaning)");
  EXPECT_EQ(a.key, "ACME");
  EXPECT_EQ(a.trading_as, "ACME CLEANING");
  EXPECT_EQ(a.legal_form, "LTD");

  const NameKey b = NormaliseName("Smith J T/A Smiths Plumbing");
  EXPECT_EQ(b.key, "SMITH J");
  EXPECT_EQ(b.trading_as, "SMITHS PLUMBING");
  EXPECT_EQ(b.legal_form, "");

  for (const std::string_view name :
       {"Acme Ltd t/a Acme Cleaning", "ACME LTD T/AS ACME CLEANING", "Acme Ltd T / A Acme Cleaning",
        "Acme Ltd trading as Acme Cleaning Ltd", "Acme Ltd TRADING  AS Acme Cleaning",
        "Acme Ltd (trading as Acme Cleaning)"}) {
    const NameKey k = NormaliseName(name);
    EXPECT_EQ(k.key, "ACME") << name;
    EXPECT_EQ(k.trading_as, "ACME CLEANING") << name;
    EXPECT_EQ(k.legal_form, "LTD") << name;
  }
}

TEST(NamesTest, TradingAsClauseInParenthesesEndsThere) {
  const NameKey k = NormaliseName("Acme Ltd (T/A Acme Cleaning) North");
  EXPECT_EQ(k.key, "ACME LTD NORTH");
  EXPECT_EQ(k.trading_as, "ACME CLEANING");
}

TEST(NamesTest, TradingAsNeedsWholeWords) {
  EXPECT_EQ(NormaliseName("TA Acme").trading_as, "");
  EXPECT_EQ(NameKeyOf("TA Acme"), "TA ACME");
  EXPECT_EQ(NormaliseName("Acme T/ABC").trading_as, "");
  EXPECT_EQ(NormaliseName("Alexandra Palace Trading Ltd").trading_as, "");
  EXPECT_EQ(NameKeyOf("Alexandra Palace Trading Ltd"), "ALEXANDRA PALACE TRADING");
  EXPECT_EQ(NormaliseName("Acme Trading Associates").trading_as, "");
}

TEST(NamesTest, TradingNameAloneBecomesTheKey) {
  const NameKey k = NormaliseName("T/A Acme Cleaning");
  EXPECT_EQ(k.key, "ACME CLEANING");
  EXPECT_EQ(k.trading_as, "");
}

TEST(NamesTest, UnicodeFoldedToAscii) {
  ExpectKey("CAFE NERO", {"Caf\xC3\xA9 Nero Ltd", "CAFE NERO LIMITED", "cafe\xCC\x81 nero"});
  ExpectKey("ACME", {"\xEF\xBC\xA1\xEF\xBC\xA3\xEF\xBC\xAD\xEF\xBC\xA5 Ltd"});  // fullwidth
  EXPECT_EQ(NameKeyOf("Stra\xC3\x9F"
                      "e Bau GmbH"),
            "STRASSE BAU GMBH");
  EXPECT_EQ(NameKeyOf("\xEF\xAC\x81ne Foods"), "FINE FOODS");  // "fi" ligature
  EXPECT_EQ(NameKeyOf("ACME\xC2\xA0"
                      "CLEANING\xC2\xA0LTD"),
            "ACME CLEANING");  // no-break
  EXPECT_EQ(NameKeyOf("\xC2\xA3"
                      "1 Shop"),
            "1 SHOP");  // "£" is a symbol
  EXPECT_EQ(NameKeyOf("\xCE\xB1\xCE\xB2\xCE\xB3 Ltd"), "\xCE\x91\xCE\x92\xCE\x93");  // Greek
  EXPECT_EQ(NameKeyOf("Ac\xC2\xADme"), "ACME");  // soft hyphen is ignorable
}

TEST(NamesTest, InvalidUtf8ReadAsWindows1252) {
  EXPECT_EQ(NameKeyOf("Caf\xE9 Nero Ltd"), "CAFE NERO");
  EXPECT_EQ(NameKeyOf("St John\x92s"), "ST JOHNS");
}

TEST(NamesTest, NameKeyOfIsTheKey) {
  const std::string_view name = "The Acme Co. Ltd (T/A Acme Cleaning)";
  EXPECT_EQ(NameKeyOf(name), NormaliseName(name).key);
}

// ---------------------------------------------------------------------------------------------
// Real spellings that must meet.

TEST(NamesRealDataTest, LtdAndLimited) {
  ExpectKey("2CL COMMUNICATIONS", {"2CL COMMUNICATIONS LIMITED", "2CL COMMUNICATIONS LTD"});  // gla
  // gla; lambeth 2011-01 and 2012-06
  ExpectKey("ACTION FOR CHILDREN SERVICES",
            {"ACTION FOR CHILDREN SERVICES LTD", "Action For Children Services Ltd."});
  ExpectKey("JACOBS ENGINEERING UK", {"JACOBS ENGINEERING UK LTD", "JACOBS ENGINEERING UK LTD."});
  ExpectKey("PAKFLATT UK", {"PAKFLATT (UK) LTD", "PAKFLATT (UK) LTD."});                 // gla
  ExpectKey("IDEA GENERATION", {"IDEA GENERATION", "IDEA GENERATION COMPANY LIMITED"});  // gla
}

TEST(NamesRealDataTest, AmpersandAndAnd) {
  // lambeth 2011-01; gla
  ExpectKey("DEPARTMENT FOR COMMUNITIES AND LOCAL GOVERNMENT",
            {"Department for Communities & Local Government",
             "DEPARTMENT FOR COMMUNITIES AND LOCAL GOVERNMENT"});
  ExpectKey("HOMES AND COMMUNITIES AGENCY",
            {"HOMES & COMMUNITIES AGENCY", "HOMES AND COMMUNITIES AGENCY"});  // gla
  ExpectKey("DELOITTE AND TOUCHE",
            {"DELOITTE & TOUCHE", "DELOITTE & TOUCHE LLP", "Deloitte & Touche LLP"});  // gla
  EXPECT_EQ(NameKeyOf("LONDON LGBT+COMM PRIDE CIC"), "LONDON LGBT AND COMM PRIDE");    // gla
}

TEST(NamesRealDataTest, SpelledInitials) {
  // hyndburn
  ExpectKey("AGS HEATING AND PLUMBING", {"AGS HEATING & PLUMBING LTD", "Ags Heating & Plumbing Ltd",
                                         "A G S Heating & Plumbing Ltd"});
  ExpectKey("SRS CATERING", {"S.R.S. CATERING LTD", "S.R.S. Catering Ltd"});  // hyndburn
  ExpectKey("TIS", {"T I S LTD", "T I S Ltd"});                               // hyndburn
  ExpectKey("QA", {"Q A LIMITED", "QA LIMITED", "QA Ltd"});  // hyndburn; gla; lambeth 2011-01
  ExpectKey("FS PROPERTIES", {"F S Properties", "FS Properties"});      // lambeth 2011-01
  ExpectKey("HSL COMPLIANCE", {"H S L Compliance", "HSL Compliance"});  // hyndburn
  EXPECT_EQ(NameKeyOf("B T BUSINESS DIRECT"), "BT BUSINESS DIRECT");    // hyndburn
}

TEST(NamesRealDataTest, LeadingThe) {
  // gla; lambeth 2011-01
  ExpectKey("AUDIT COMMISSION", {"AUDIT COMMISSION", "Audit Commission", "THE AUDIT COMMISSION"});
  ExpectKey("OPEN UNIVERSITY", {"OPEN UNIVERSITY", "THE OPEN UNIVERSITY", "The Open University"});
  ExpectKey("STAIRWAY CONSULTANCY",
            {"STAIRWAY CONSULTANCY LTD", "THE STAIRWAY CONSULTANCY LTD"});  // gla
  ExpectKey("ROYAL SOCIETY OF ST GEORGE",
            {"THE ROYAL SOCIETY OF ST GEORGE", "THE ROYAL SOCIETY OF ST.GEORGE"});  // gla
}

TEST(NamesRealDataTest, UkInParentheses) {
  // hyndburn; lambeth 2011-01
  ExpectKey("CANON UK", {"CANON (UK) LTD", "Canon (UK) Ltd", "Canon (Uk) Ltd"});
  ExpectKey("GETTY IMAGES UK", {"GETTY IMAGES (UK) LIMITED", "GETTY IMAGES UK LTD"});  // gla
  // hyndburn; gla
  ExpectKey("INSIGHT DIRECT UK", {"INSIGHT DIRECT (UK) LTD", "INSIGHT DIRECT UK LIMITED",
                                  "Insight Direct (Uk) Ltd", "Insight Direct UK Limited"});
  ExpectKey("POSTURITE UK", {"POSTURITE (UK)  LTD", "POSTURITE UK LTD"});  // gla
  ExpectKey("VEOLIA ES UK", {"VEOLIA ES (UK) LIMITED", "VEOLIA ES (UK) PLC",
                             "Veolia ES (UK) Ltd"});                              // gla; lambeth
  ExpectKey("ARCHANT LONDON", {"ARCHANT (LONDON)", "ARCHANT LONDON"});            // gla
  ExpectKey("GREENWICH COUNCIL", {"GREENWICH (COUNCIL)", "GREENWICH COUNCIL"});   // gla
  ExpectKey("OBITUS VIVEDIA", {"OBITUS (VIVEDIA LTD)", "Obitus (Vivedia Ltd)"});  // hyndburn
}

TEST(NamesRealDataTest, Apostrophes) {
  ExpectKey("LEITHS", {"LEITH'S LTD", "LEITHS"});                                // gla
  ExpectKey("PRINCES TRUST", {"THE PRINCE'S TRUST", "The Prince's Trust"});      // gla; lambeth
  ExpectKey("SOLACE WOMENS AID", {"SOLACE WOMEN'S AID", "Solace Women's Aid"});  // gla; lambeth
}

TEST(NamesRealDataTest, CoAndCompany) {
  ExpectKey("ELLISON PRINTING", {"Ellison Printing", "Ellison Printing Co."});  // hyndburn
  ExpectKey("LANDSCAPE SUPPLY",
            {"Landscape Supply Co", "Landscape Supply Company"});              // lambeth; hyndburn
  ExpectKey("WESSEX LIFT", {"WESSEX LIFT CO LTD", "Wessex Lift Co Ltd"});      // hyndburn
  EXPECT_EQ(NameKeyOf("JILL BARTLETT & COMPANY LTD"), "JILL BARTLETT");        // gla
  EXPECT_EQ(NameKeyOf("Ian Tait and Co Ltd"), "IAN TAIT");                     // lambeth
  EXPECT_EQ(NameKeyOf("FARRER & CO"), "FARRER");                               // gla
  EXPECT_EQ(NameKeyOf("CH & CO CATERING LIMITED"), "CH AND CO CATERING");      // gla
  EXPECT_EQ(NameKeyOf("BROWN AND CO SOLICITORS"), "BROWN AND CO SOLICITORS");  // gla
}

TEST(NamesRealDataTest, LlpAndPlc) {
  ExpectKey("EVERSHEDS", {"EVERSHEDS", "EVERSHEDS LLP", "Eversheds LLP"});  // gla; lambeth
  ExpectKey("WEIGHTMANS", {"Weightmans Llp", "WEIGHTMANS"});                // hyndburn; gla
  ExpectKey("ROYAL MAIL GROUP",
            {"ROYAL MAIL GROUP LTD", "ROYAL MAIL GROUP PLC", "Royal Mail Group Plc"});
  ExpectKey("EDF ENERGY", {"EDF ENERGY", "Edf Energy", "Edf Energy Plc"});  // gla; hyndburn
  EXPECT_EQ(NormaliseName("BLOOMBERG LP").legal_form, "LP");                // gla
}

TEST(NamesRealDataTest, SpacingAndPunctuation) {
  // hyndburn; gla
  ExpectKey("CAPITA BUSINESS SERVICES",
            {"Capita  Business Services Ltd", "CAPITA BUSINESS SERVICES LTD"});
  ExpectKey("LONDON BOROUGH OF WALTHAM FOREST",
            {"LONDON BOROUGH OF  WALTHAM FOREST", "LONDON BOROUGH OF WALTHAM FOREST"});  // gla
  ExpectKey("JW CREATIVE DESIGN",
            {"JW  CREATIVE DESIGN", "JW CREATIVE DESIGN", "JW CREATIVE DESIGN LIMITED"});  // gla
  ExpectKey("ALLPAY NET", {"ALLPAY.NET", "ALLPAY.NET LTD", "ALLPAY.NET.LTD"});   // hyndburn
  ExpectKey("HEWLETT PACKARD", {"HEWLETT-PACKARD LTD", "Hewlett Packard Ltd"});  // gla; lambeth
}

TEST(NamesRealDataTest, CommunityInterestCompaniesAndOthers) {
  const NameKey adcris = NormaliseName("ADCRIS C.I.C");  // lambeth 2011-01
  EXPECT_EQ(adcris.key, "ADCRIS");
  EXPECT_EQ(adcris.legal_form, "CIC");
  const NameKey future =
      NormaliseName("Future Health & Social Care Association C.I.C");  // lambeth 2011-01
  EXPECT_EQ(future.key, "FUTURE HEALTH AND SOCIAL CARE ASSOCIATION");
  EXPECT_EQ(future.legal_form, "CIC");
  const NameKey topaz = NormaliseName("TOPAZ Social Work Community Interest Company");  // lambeth
  EXPECT_EQ(topaz.key, "TOPAZ SOCIAL WORK");
  EXPECT_EQ(topaz.legal_form, "CIC");
  EXPECT_EQ(NormaliseName("NEWGROUND CIC").legal_form, "CIC");  // hyndburn
  const NameKey inc = NormaliseName("Douglas Aitken, INC.");    // gla
  EXPECT_EQ(inc.key, "DOUGLAS AITKEN");
  EXPECT_EQ(inc.legal_form, "INC");
  EXPECT_EQ(NameKeyOf("RADIAN6 TECHNOLOGIES INC."), "RADIAN6 TECHNOLOGIES");  // gla
}

TEST(NamesRealDataTest, TradingAs) {
  // lambeth 2011-01 and 2012-06: the same supplier, two ways of writing the clause.
  for (const std::string_view name : {"Blackford Education (Exmoor) Ltd Trading as Libra",
                                      "Blackford Education (Exmoor) Ltd t/a Libra"}) {
    const NameKey k = NormaliseName(name);
    EXPECT_EQ(k.key, "BLACKFORD EDUCATION EXMOOR") << name;
    EXPECT_EQ(k.trading_as, "LIBRA") << name;
    EXPECT_EQ(k.legal_form, "LTD") << name;
  }
  const NameKey homes = NormaliseName("S P Homes T/AS Mulberry House");  // lambeth
  EXPECT_EQ(homes.key, "SP HOMES");
  EXPECT_EQ(homes.trading_as, "MULBERRY HOUSE");
  const NameKey ocs = NormaliseName("OCS GROUP UK LIMITED T/A CANNON");  // gla
  EXPECT_EQ(ocs.key, "OCS GROUP UK");
  EXPECT_EQ(ocs.trading_as, "CANNON");
  EXPECT_EQ(ocs.legal_form, "LTD");
  const NameKey rnid = NormaliseName("RNID T/A Action On Hearing Loss");  // lambeth 2012-06
  EXPECT_EQ(rnid.key, "RNID");
  EXPECT_EQ(rnid.trading_as, "ACTION ON HEARING LOSS");
  const NameKey research =
      NormaliseName("efeedback Research trading as Cognisant Research");  // lambeth 2011-01
  EXPECT_EQ(research.key, "EFEEDBACK RESEARCH");
  EXPECT_EQ(research.trading_as, "COGNISANT RESEARCH");
  // gla: a clause with nothing after it.
  ExpectKey("SINCLAIR KNIGHT MERZ", {"SINCLAIR KNIGHT MERZ T/A", "SINCLAIR KNIGHT MERZ"});
  EXPECT_EQ(NormaliseName("SINCLAIR KNIGHT MERZ T/A").trading_as, "");
  EXPECT_EQ(NameKeyOf("E-ON TRADING AS"), "E ON");  // gla
  // lambeth 2012-06: a bare TA is not a clause.
  const NameKey singh = NormaliseName("D Singh Properties Ltd TA DS Properties");
  EXPECT_EQ(singh.key, "D SINGH PROPERTIES LTD TA DS PROPERTIES");
  EXPECT_EQ(singh.trading_as, "");
}

TEST(NamesRealDataTest, NonAsciiNames) {
  // lambeth 2011-01: a mis-decoded space that arrived as "†".
  EXPECT_EQ(NameKeyOf("NPS Property\xE2\x80\xA0 Consultants Ltd"), "NPS PROPERTY CONSULTANTS");
  // Companies House new incorporations, Jan 2024 - Jan 2025.
  ExpectKey("LORNAS SNACKS", {"LORNA\xE2\x80\x99S SNACKS LIMITED", "LORNA'S SNACKS LTD"});
  EXPECT_EQ(NameKeyOf("K\xC3\x9C\xC3\x87\xC3\x9CK \xC3\x96ZMEN CARPENTER LIMITED"),
            "KUCUK OZMEN CARPENTER");
  EXPECT_EQ(NameKeyOf("CAMPO-DI-MONT\xC3\x89 PROPERTIES LTD"), "CAMPO DI MONTE PROPERTIES");
  EXPECT_EQ(NameKeyOf("ADL\xC2\xA3 BRAKLIN COFFE SHOP #33044 LIMITED"),
            "ADL BRAKLIN COFFE SHOP 33044");
}

// ---------------------------------------------------------------------------------------------
// Real names that must stay apart.

TEST(NamesRealDataTest, DifferentSuppliersStayApart) {
  ExpectDistinct("ACME LTD", "ACME CLEANING LTD");
  ExpectDistinct("REDACTIVE EVENTS LTD", "REDACTED");  // gla
  ExpectDistinct("Redactive Events Ltd", "REDACTED");
  ExpectDistinct("BRITISH GAS", "BRITISH GAS BUSINESS");                      // gla
  ExpectDistinct("ROYAL MAIL", "ROYAL MAIL GROUP LTD");                       // gla
  ExpectDistinct("PITNEY BOWES LTD", "PITNEY BOWES FINANCE PLC");             // gla
  ExpectDistinct("INSIGHT LTD", "INSIGHT DIRECT (UK) LTD");                   // gla; hyndburn
  ExpectDistinct("CAPITA BUSINESS SERVICES LTD", "CAPITA RESOURCING LTD");    // gla
  ExpectDistinct("HAYS", "HAYS PERSONNEL SERVICES LTD");                      // hyndburn; gla
  ExpectDistinct("BT", "BT REDCARE");                                         // gla; hyndburn
  ExpectDistinct("SINCLAIR KNIGHT MERZ", "SINCLAIR KNIGHT MERZ EUROPE LTD");  // gla
  ExpectDistinct("LONDON SOUTH BANK UNIVERSITY",
                 "LONDON SOUTH BANK UNIVERSITY - FREESPORT GRANT");              // gla
  ExpectDistinct("Medicrest Limited t/a Acorn Care Homes", "ACORN CARE HOMES");  // lambeth
}

// ---------------------------------------------------------------------------------------------
// Identifiers.

TEST(NamesCompanyNumberTest, DigitsPaddedToEight) {
  EXPECT_EQ(NormaliseCompanyNumber("1234567"), "01234567");
  EXPECT_EQ(NormaliseCompanyNumber("08591698"), "08591698");
  EXPECT_EQ(NormaliseCompanyNumber(" 123 4567 "), "01234567");
  EXPECT_EQ(NormaliseCompanyNumber("1"), "00000001");
}

TEST(NamesCompanyNumberTest, TwoLetterPrefixes) {
  EXPECT_EQ(NormaliseCompanyNumber("SC12345"), "SC012345");
  EXPECT_EQ(NormaliseCompanyNumber("sc123456"), "SC123456");
  EXPECT_EQ(NormaliseCompanyNumber("SC 793937"), "SC793937");
  EXPECT_EQ(NormaliseCompanyNumber("NI055010"), "NI055010");
  EXPECT_EQ(NormaliseCompanyNumber("OC123456"), "OC123456");
  EXPECT_EQ(NormaliseCompanyNumber("CE008706"), "CE008706");  // a CIO
  EXPECT_EQ(NormaliseCompanyNumber("RS010063"), "RS010063");
  EXPECT_EQ(NormaliseCompanyNumber("R0000123"), "R0000123");
  EXPECT_EQ(NormaliseCompanyNumber("R012345"), "R0012345");
}

TEST(NamesCompanyNumberTest, MutualSocietiesKeptAsWritten) {
  EXPECT_EQ(NormaliseCompanyNumber("IP10002R"), "IP10002R");
  EXPECT_EQ(NormaliseCompanyNumber("ip24566r"), "IP24566R");
  EXPECT_EQ(NormaliseCompanyNumber("IP00100C"), "IP00100C");
  EXPECT_EQ(NormaliseCompanyNumber("SP1032RS"), "SP1032RS");
  EXPECT_EQ(NormaliseCompanyNumber("RS0107SA"), "RS0107SA");
  EXPECT_EQ(NormaliseCompanyNumber("IP1234R"), "");   // not the full 8 characters
  EXPECT_EQ(NormaliseCompanyNumber("AB1234CD"), "");  // not a mutuals prefix
}

TEST(NamesCompanyNumberTest, OrgIdPrefix) {
  EXPECT_EQ(NormaliseCompanyNumber("GB-COH-08591698"), "08591698");
  EXPECT_EQ(NormaliseCompanyNumber("GB-COH-SC470156"), "SC470156");
  EXPECT_EQ(NormaliseCompanyNumber("gb-coh-ip10002r"), "IP10002R");
}

TEST(NamesCompanyNumberTest, Junk) {
  EXPECT_EQ(NormaliseCompanyNumber(""), "");
  EXPECT_EQ(NormaliseCompanyNumber("N/A"), "");
  EXPECT_EQ(NormaliseCompanyNumber("0"), "");
  EXPECT_EQ(NormaliseCompanyNumber("00000000"), "");
  EXPECT_EQ(NormaliseCompanyNumber("SC000000"), "");
  EXPECT_EQ(NormaliseCompanyNumber("123456789"), "");
  EXPECT_EQ(NormaliseCompanyNumber("SC1234567"), "");
  EXPECT_EQ(NormaliseCompanyNumber("SC"), "");
  EXPECT_EQ(NormaliseCompanyNumber("S1234567"), "");
  EXPECT_EQ(NormaliseCompanyNumber("1234-567"), "");
  EXPECT_EQ(NormaliseCompanyNumber("GB-COH-"), "");
}

TEST(NamesCharityNumberTest, EnglandAndWales) {
  EXPECT_EQ(NormaliseCharityNumber("1000611"), "1000611");
  EXPECT_EQ(NormaliseCharityNumber("200001"), "200001");
  EXPECT_EQ(NormaliseCharityNumber(" 1000 611 "), "1000611");
  EXPECT_EQ(NormaliseCharityNumber("GB-CHC-1000611"), "1000611");
  EXPECT_EQ(NormaliseCharityNumber("1000611-1"), "1000611");
  EXPECT_EQ(NormaliseCharityNumber("GB-CHC-1000611-2"), "1000611");
  EXPECT_EQ(NormaliseCharityNumber("0200001"), "200001");
}

TEST(NamesCharityNumberTest, ScotlandAndNorthernIreland) {
  EXPECT_EQ(NormaliseCharityNumber("SC016040"), "SC016040");
  EXPECT_EQ(NormaliseCharityNumber("sc 016040"), "SC016040");
  EXPECT_EQ(NormaliseCharityNumber("SC16040"), "SC016040");
  EXPECT_EQ(NormaliseCharityNumber("GB-SC-SC016040"), "SC016040");
  EXPECT_EQ(NormaliseCharityNumber("GB-NIC-100005"), "NIC100005");
  EXPECT_EQ(NormaliseCharityNumber("NIC100001"), "NIC100001");
  EXPECT_EQ(NormaliseCharityNumber("nic 100001"), "NIC100001");
}

TEST(NamesCharityNumberTest, Junk) {
  EXPECT_EQ(NormaliseCharityNumber(""), "");
  EXPECT_EQ(NormaliseCharityNumber("N/A"), "");
  EXPECT_EQ(NormaliseCharityNumber("0"), "");
  EXPECT_EQ(NormaliseCharityNumber("12345"), "");      // too short
  EXPECT_EQ(NormaliseCharityNumber("123456789"), "");  // too long
  EXPECT_EQ(NormaliseCharityNumber("SC1234567"), "");
  EXPECT_EQ(NormaliseCharityNumber("NI055010"), "");  // a company number
  EXPECT_EQ(NormaliseCharityNumber("Exempt"), "");
  EXPECT_EQ(NormaliseCharityNumber("1000611-"), "");
}

TEST(NamesVatNumberTest, NineOrTwelveDigits) {
  EXPECT_EQ(NormaliseVatNumber("GB123456789"), "GB123456789");
  EXPECT_EQ(NormaliseVatNumber("123456789"), "GB123456789");
  EXPECT_EQ(NormaliseVatNumber("GB 123 4567 89"), "GB123456789");
  EXPECT_EQ(NormaliseVatNumber("gb123-4567-89"), "GB123456789");
  EXPECT_EQ(NormaliseVatNumber("123.4567.89"), "GB123456789");
  EXPECT_EQ(NormaliseVatNumber("GB123456789012"), "GB123456789012");
}

TEST(NamesVatNumberTest, Junk) {
  EXPECT_EQ(NormaliseVatNumber(""), "");
  EXPECT_EQ(NormaliseVatNumber("N/A"), "");
  EXPECT_EQ(NormaliseVatNumber("GB12345678"), "");
  EXPECT_EQ(NormaliseVatNumber("GB1234567890"), "");
  EXPECT_EQ(NormaliseVatNumber("GB000000000"), "");
  EXPECT_EQ(NormaliseVatNumber("IE1234567X"), "");
  EXPECT_EQ(NormaliseVatNumber("GBGD001"), "");
}

}  // namespace
}  // namespace anchornet::core
