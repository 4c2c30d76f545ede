// Tests for UK postcode normalisation, districts and the search for a postcode in an address.
//
// The addresses in PostcodeFindTest are real registered-office addresses copied from
// ../shared/data/registers/companies_house_advanced_search_new_incorporations_jan2024_jan2025.csv
// (the file is not read here).
#include "core/postcode.h"

#include <gtest/gtest.h>

#include <string_view>

namespace anchornet::core {
namespace {

TEST(PostcodeTest, EveryFormat) {
  EXPECT_EQ(NormalisePostcode("M1 1AE"), "M1 1AE");      // A9
  EXPECT_EQ(NormalisePostcode("B33 8TH"), "B33 8TH");    // A99
  EXPECT_EQ(NormalisePostcode("CR2 6XH"), "CR2 6XH");    // AA9
  EXPECT_EQ(NormalisePostcode("DN55 1PT"), "DN55 1PT");  // AA99
  EXPECT_EQ(NormalisePostcode("W1A 0AX"), "W1A 0AX");    // A9A
  EXPECT_EQ(NormalisePostcode("EC1A 1BB"), "EC1A 1BB");  // AA9A
  EXPECT_EQ(NormalisePostcode("GIR 0AA"), "GIR 0AA");
}

TEST(PostcodeTest, AnyCaseAndSpacing) {
  EXPECT_EQ(NormalisePostcode("sw1a1aa"), "SW1A 1AA");
  EXPECT_EQ(NormalisePostcode("SW1A  1AA"), "SW1A 1AA");
  EXPECT_EQ(NormalisePostcode("  Sw1A 1aA\t"), "SW1A 1AA");
  EXPECT_EQ(NormalisePostcode("S W 1 A 1 A A"), "SW1A 1AA");
  EXPECT_EQ(NormalisePostcode("SE11\xC2\xA0"
                              "5AA"),
            "SE11 5AA");  // no-break space
  EXPECT_EQ(NormalisePostcode("gir0aa"), "GIR 0AA");
}

TEST(PostcodeTest, InvalidIsEmpty) {
  EXPECT_EQ(NormalisePostcode(""), "");
  EXPECT_EQ(NormalisePostcode("SW1A"), "");
  EXPECT_EQ(NormalisePostcode("1AA"), "");
  EXPECT_EQ(NormalisePostcode("SW1A 1AA."), "");
  EXPECT_EQ(NormalisePostcode("SW1A-1AA"), "");
  EXPECT_EQ(NormalisePostcode("SW1AB 1AA"), "");  // outward too long
  EXPECT_EQ(NormalisePostcode("S 1AA"), "");      // outward too short
  EXPECT_EQ(NormalisePostcode("SW1A 11A"), "");
  EXPECT_EQ(NormalisePostcode("W91P 7FY"), "");  // an Irish Eircode: A99A is not a format
  EXPECT_EQ(NormalisePostcode("VG1110"), "");
  EXPECT_EQ(NormalisePostcode("N/A"), "");
}

TEST(PostcodeTest, RoyalMailLetterRules) {
  EXPECT_EQ(NormalisePostcode("QA1 1AA"), "");  // Q, V, X never first
  EXPECT_EQ(NormalisePostcode("VA1 1AA"), "");
  EXPECT_EQ(NormalisePostcode("XA1 1AA"), "");
  EXPECT_EQ(NormalisePostcode("AI1 1AA"), "");  // I, J, Z never second
  EXPECT_EQ(NormalisePostcode("AZ1 1AA"), "");
  EXPECT_EQ(NormalisePostcode("W1I 1AA"), "");   // A9A: third letter from ABCDEFGHJKPSTUW
  EXPECT_EQ(NormalisePostcode("EC1C 1AA"), "");  // AA9A: fourth letter from ABEHMNPRVWXY
  EXPECT_EQ(NormalisePostcode("N1 7GI"), "");    // C, I, K, M, O, V never inward
  EXPECT_EQ(NormalisePostcode("N1 7CA"), "");
  EXPECT_EQ(NormalisePostcode("ZE1 0AA"), "ZE1 0AA");
  EXPECT_EQ(NormalisePostcode("E1W 1AA"), "E1W 1AA");
  EXPECT_EQ(NormalisePostcode("SW1P 4DR"), "SW1P 4DR");
}

TEST(PostcodeTest, District) {
  EXPECT_EQ(PostcodeDistrict("SW1A 1AA"), "SW1A");
  EXPECT_EQ(PostcodeDistrict("sw1a1aa"), "SW1A");
  EXPECT_EQ(PostcodeDistrict("se11"), "SE11");
  EXPECT_EQ(PostcodeDistrict(" M1 "), "M1");
  EXPECT_EQ(PostcodeDistrict("W1A"), "W1A");
  EXPECT_EQ(PostcodeDistrict("GIR 0AA"), "GIR");
  EXPECT_EQ(PostcodeDistrict(""), "");
  EXPECT_EQ(PostcodeDistrict("SE"), "");
  EXPECT_EQ(PostcodeDistrict("1AA"), "");
  EXPECT_EQ(PostcodeDistrict("SW1AB"), "");
  EXPECT_EQ(PostcodeDistrict("QA1"), "");
}

TEST(PostcodeFindTest, RealAddresses) {
  struct Case {
    std::string_view address;
    std::string_view postcode;
  };
  constexpr Case kCases[] = {
      {"5 London Road Rainham ME8 7RG United Kingdom", "ME8 7RG"},
      {"9 Royal Crescent Glasgow G3 7SP Scotland", "G3 7SP"},
      {"Unit 3, Gbl House, Cleaver Street Blackburn BB1 5DG United Kingdom", "BB1 5DG"},
      {"9 Tasker House 62 Dovehouse Mead Barking IG11 7DX England", "IG11 7DX"},
      {"27 Old Gloucester Street London WC1N 3AX United Kingdom", "WC1N 3AX"},
      {"41 Devonshire Street Ground Floor Office 1 London W1G 7AJ England", "W1G 7AJ"},
      {"Suite 9333 Moat House 54 Bloomfield Avenue Belfast BT5 5AD Northern Ireland", "BT5 5AD"},
      {"Office 7 251,A33 Releif Road Reading RG2 0RR United Kingdom", "RG2 0RR"},
      // Written without its space.
      {"54 Spiders Island Salisbury SP53BG England", "SP5 3BG"},
      // The postcode twice, first in lower case: the last one wins.
      {"219a Sk3 0rh 219a Stockport Road Stockport Stockport SK3 0RH United Kingdom", "SK3 0RH"},
      {"3 Lakeside Avenue 3 Lakeside Avenue Ng103gj Long Eaton NG10 3GJ England", "NG10 3GJ"},
      {"Regus Express Unit Msu9a, Level, 1 Charles St, Plymouth Pl1 1ea Platinum ( P . A ) "
       "Plymouth PL1 1EA United Kingdom",
       "PL1 1EA"},
  };
  for (const Case& c : kCases) EXPECT_EQ(FindPostcode(c.address), c.postcode) << c.address;
}

TEST(PostcodeFindTest, RealAddressesWithoutAUkPostcode) {
  EXPECT_EQ(FindPostcode("3rd Floor 44 Esplanade St Helier Jersey"), "");
  EXPECT_EQ(FindPostcode("Windermere Dublin Road Naas W91P 7FY Ireland"), "");
  EXPECT_EQ(FindPostcode("Vistra Corporate Services Centre Wickhams Cay Ii Road Town VG1110 "
                         "Virgin Islands, British"),
            "");
  EXPECT_EQ(FindPostcode("3 Christaki Kompou Peters House Limassol 3011 Cyprus"), "");
  // A mistyped inward code (I is never used) is not a postcode.
  EXPECT_EQ(FindPostcode("20-22 Wenlock Road London N1 7GI England"), "");
}

TEST(PostcodeFindTest, CommasAndEdges) {
  EXPECT_EQ(FindPostcode("1 High Street, Rainham, ME8, 7RG"), "ME8 7RG");
  EXPECT_EQ(FindPostcode("1 High Street,Rainham,ME8 7RG,UK"), "ME8 7RG");
  EXPECT_EQ(FindPostcode("ME8 7RG"), "ME8 7RG");
  EXPECT_EQ(FindPostcode("me87rg"), "ME8 7RG");
  EXPECT_EQ(FindPostcode("Girobank GIR 0AA Bootle"), "GIR 0AA");
  EXPECT_EQ(FindPostcode(""), "");
  EXPECT_EQ(FindPostcode("no postcode here"), "");
  // Only spaces and commas join the two halves.
  EXPECT_EQ(FindPostcode("ME8-7RG"), "");
  EXPECT_EQ(FindPostcode("ME8 / 7RG"), "");
  // A postcode inside a longer word is not one.
  EXPECT_EQ(FindPostcode("XME8 7RGX"), "");
}

}  // namespace
}  // namespace anchornet::core
