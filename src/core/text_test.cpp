// Tests for the small text helpers: trimming (including UTF-8 no-break spaces), key folding, UTF-8
// validation and display width.
#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace anchornet::core {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

TEST(TrimTest, AsciiWhiteSpace) {
  EXPECT_EQ(Trim("  abc  "), "abc");
  EXPECT_EQ(Trim("\t\r\n abc \r\n\t"), "abc");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\r\n "), "");
}

TEST(TrimTest, NoBreakSpaces) {
  EXPECT_EQ(Trim("\xC2\xA0"
                 "abc\xC2\xA0"),
            "abc");
  EXPECT_EQ(Trim(" \xC2\xA0 \xC2\xA0\tACME LTD\xC2\xA0 \xC2\xA0\n"), "ACME LTD");
  EXPECT_EQ(Trim(kNbsp), "");
  // Inside the text they stay.
  EXPECT_EQ(Trim("ACME\xC2\xA0LTD"), "ACME\xC2\xA0LTD");
  // A character whose UTF-8 ends in byte A0 is not a no-break space: "à" is C3 A0.
  EXPECT_EQ(Trim("voil\xC3\xA0"), "voil\xC3\xA0");
  // A lone C2 or A0 byte is left alone.
  EXPECT_EQ(Trim("\xA0x\xC2"), "\xA0x\xC2");
}

TEST(TrimTest, ReturnsViewIntoInput) {
  const std::string s = "  abc  ";
  const std::string_view t = Trim(s);
  EXPECT_EQ(t.data(), s.data() + 2);
  EXPECT_EQ(t.size(), 3u);
}

TEST(FoldForKeyTest, UpperCasesAndCollapsesSpace) {
  EXPECT_EQ(FoldForKey("ACME  LTD"), "ACME LTD");
  EXPECT_EQ(FoldForKey(" acme ltd"), "ACME LTD");
  EXPECT_EQ(FoldForKey("\tAcme \t\r\n Ltd \n"), "ACME LTD");
  EXPECT_EQ(FoldForKey("\xC2\xA0"
                       "acme ltd\xC2\xA0"),
            "ACME LTD");
  EXPECT_EQ(FoldForKey(""), "");
  EXPECT_EQ(FoldForKey("   "), "");
  EXPECT_EQ(FoldForKey("inv-001/a"), "INV-001/A");
  // Only ASCII is folded: "é" stays as it is.
  EXPECT_EQ(FoldForKey("caf\xC3\xA9 ltd"), "CAF\xC3\xA9 LTD");
}

TEST(CaseTest, AsciiOnly) {
  EXPECT_EQ(ToLowerAscii("ACME Ltd 123 \xC3\x89"), "acme ltd 123 \xC3\x89");
  EXPECT_EQ(ToUpperAscii("acme Ltd 123 \xC3\xA9"), "ACME LTD 123 \xC3\xA9");
}

TEST(TextTest, StartsEndsContains) {
  EXPECT_TRUE(StartsWith("payment date", "pay"));
  EXPECT_FALSE(StartsWith("pay", "payment"));
  EXPECT_TRUE(StartsWith("x", ""));
  EXPECT_TRUE(EndsWith("report.csv", ".csv"));
  EXPECT_FALSE(EndsWith("csv", "report.csv"));
  EXPECT_TRUE(ContainsIgnoreCase("Sum of Amount", "SUM OF"));
  EXPECT_TRUE(ContainsIgnoreCase("abc", ""));
  EXPECT_FALSE(ContainsIgnoreCase("ab", "abc"));
  EXPECT_FALSE(ContainsIgnoreCase("Supplier", "vendor"));
}

TEST(TextTest, SplitAndJoin) {
  EXPECT_EQ(Split("a,b,,c", ','), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(Split("", ','), (std::vector<std::string_view>{""}));
  EXPECT_EQ(Split("a,", ','), (std::vector<std::string_view>{"a", ""}));
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join({}, ", "), "");
  EXPECT_EQ(Join({"only"}, "|"), "only");
}

TEST(IsValidUtf8Test, Valid) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII, 123"));
  EXPECT_TRUE(IsValidUtf8("\xC2\xA3"));          // £
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080, smallest two-byte
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800, smallest three-byte
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // an emoji
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(
      IsValidUtf8("Caf\xC3\xA9 \xE2\x80\x99s \xC2\xA3"
                  "5"));
}

TEST(IsValidUtf8Test, Overlong) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));
}

TEST(IsValidUtf8Test, Surrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xAF\xBF"));  // U+DBFF
  EXPECT_FALSE(IsValidUtf8("\xED\xB0\x80"));  // U+DC00
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));  // U+DFFF
  // A CESU-8 pair (surrogates encoded separately) is not UTF-8.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));
}

TEST(IsValidUtf8Test, Truncated) {
  EXPECT_FALSE(IsValidUtf8("\xC2"));
  EXPECT_FALSE(IsValidUtf8("abc\xC2"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98 x"));
  EXPECT_FALSE(IsValidUtf8("\xC2x"));
}

TEST(IsValidUtf8Test, StrayAndImpossibleBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(
      IsValidUtf8("\xA3"
                  "12.50"));  // Windows-1252 pound sign
}

TEST(DisplayWidthTest, CountsCodePoints) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("\xC2\xA3"
                         "12"),
            3u);
  EXPECT_EQ(DisplayWidth("\xE2\x82\xAC"), 1u);
  EXPECT_EQ(DisplayWidth("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(DisplayWidth("na\xC3\xAFve caf\xC3\xA9"), 10u);
}

TEST(IsNullLikeTest, OneListInAnyCase) {
  for (const char* v :
       {"None", "NONE", "none", "None Supplied", "NONE SUPPLIED", "NULL", "null", "Null", "N/A",
        "n/a", "#N/A", "#n/a", "-", "NaN", "nan", "NIL", "Nil", "  n/a  "}) {
    EXPECT_TRUE(IsNullLike(v)) << v;
  }
  for (const char* v :
       {"", "Nilsson Ltd", "None Such Ltd", "--", "N/A Ltd", "0", "Nan Ltd", "Not applicable"}) {
    EXPECT_FALSE(IsNullLike(v)) << v;
  }
}

}  // namespace
}  // namespace anchornet::core
