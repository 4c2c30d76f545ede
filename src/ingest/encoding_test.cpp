// Tests for encoding detection and conversion to UTF-8: the decision rule, the Windows-1252 and
// DOS code page 850 tables, UTF-16 (with surrogate pairs split across chunks), and ProbeFile over
// real files.
#include "ingest/encoding.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/text.h"
#include "test_util.h"

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

std::string TempPath(const std::string& suffix) {
  return testing::TestFilePath("encoding_", suffix);
}

std::string WriteFile(const std::string& suffix, const std::string& bytes) {
  return testing::WriteTestFile("encoding_", suffix, bytes);
}

std::string Convert(Encoding e, std::string_view in) {
  std::string out, carry;
  AppendAsUtf8(e, in, out, carry);
  EXPECT_TRUE(carry.empty());
  return out;
}

bool IsLowerHex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

TEST(DecideEncodingTest, ValidUtf8) {
  EXPECT_EQ(DecideEncoding("Supplier,Amount\n", true, 0, 0, 0), Encoding::kUtf8);
  EXPECT_EQ(DecideEncoding("\xEF\xBB\xBFSupplier", true, 0, 0, 0), Encoding::kUtf8);
  // Counts of high bytes do not matter when the bytes are valid UTF-8.
  EXPECT_EQ(DecideEncoding("\xC2\xA3"
                           "12",
                           true, 1, 0, 0),
            Encoding::kUtf8);
  EXPECT_EQ(DecideEncoding("", true, 0, 0, 0), Encoding::kUtf8);
}

TEST(DecideEncodingTest, Windows1252) {
  EXPECT_EQ(DecideEncoding("Amount\n\xA3"
                           "12.50\n",
                           false, 1, 0, 0),
            Encoding::kWindows1252);
  EXPECT_EQ(DecideEncoding("Caf\xE9\n", false, 0, 0, 0), Encoding::kWindows1252);
  EXPECT_EQ(DecideEncoding("x\x92s\n", false, 0, 0, 1), Encoding::kWindows1252);
  EXPECT_EQ(DecideEncoding("x", false, 5, 2, 3), Encoding::kWindows1252);
}

TEST(DecideEncodingTest, Cp850) {
  EXPECT_EQ(DecideEncoding("Amount\n\x9C"
                           "12.50\n",
                           false, 0, 1, 1),
            Encoding::kCp850);
  EXPECT_EQ(DecideEncoding("x", false, 2, 3, 3), Encoding::kCp850);
}

TEST(DecideEncodingTest, Utf16ByteOrderMarks) {
  EXPECT_EQ(DecideEncoding(std::string_view("\xFF\xFES\0", 4), false, 0, 0, 0), Encoding::kUtf16Le);
  EXPECT_EQ(DecideEncoding(std::string_view("\xFE\xFF\0S", 4), false, 0, 0, 0), Encoding::kUtf16Be);
  // The mark wins over everything else.
  EXPECT_EQ(DecideEncoding("\xFF\xFE", true, 0, 5, 0), Encoding::kUtf16Le);
  // One byte is not a mark.
  EXPECT_EQ(DecideEncoding("\xFF", false, 0, 0, 0), Encoding::kWindows1252);
}

TEST(EncodingNameTest, Names) {
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be,
                     Encoding::kWindows1252, Encoding::kCp850}) {
    EXPECT_FALSE(EncodingName(e).empty());
  }
  EXPECT_NE(EncodingName(Encoding::kWindows1252), EncodingName(Encoding::kCp850));
}

TEST(AppendAsUtf8Test, Utf8PassesThrough) {
  EXPECT_EQ(Convert(Encoding::kUtf8,
                    "Caf\xC3\xA9 \xC2\xA3"
                    "5"),
            "Caf\xC3\xA9 \xC2\xA3"
            "5");
  std::string out = "x";
  std::string carry;
  AppendAsUtf8(Encoding::kUtf8, "yz", out, carry);
  EXPECT_EQ(out, "xyz");
}

TEST(AppendAsUtf8Test, Windows1252) {
  EXPECT_EQ(Convert(Encoding::kWindows1252,
                    "\xA3"
                    "12.50"),
            "\xC2\xA3"
            "12.50");
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\x92"), "\xE2\x80\x99");  // U+2019
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\x80"), "\xE2\x82\xAC");  // €
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\x93q\x94"), "\xE2\x80\x9Cq\xE2\x80\x9D");
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\x96"), "\xE2\x80\x93");  // en dash
  EXPECT_EQ(Convert(Encoding::kWindows1252, "Caf\xE9"), "Caf\xC3\xA9");
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\xA0"), "\xC2\xA0");
  EXPECT_EQ(Convert(Encoding::kWindows1252, "\xFF"), "\xC3\xBF");
  EXPECT_EQ(Convert(Encoding::kWindows1252, "plain"), "plain");
}

TEST(AppendAsUtf8Test, Cp850) {
  EXPECT_EQ(Convert(Encoding::kCp850,
                    "\x9C"
                    "12.50"),
            "\xC2\xA3"
            "12.50");
  EXPECT_EQ(Convert(Encoding::kCp850, "Caf\x82"), "Caf\xC3\xA9");  // é
  EXPECT_EQ(Convert(Encoding::kCp850, "\x80"), "\xC3\x87");        // Ç
  EXPECT_EQ(Convert(Encoding::kCp850, "\x81"), "\xC3\xBC");        // ü
  EXPECT_EQ(Convert(Encoding::kCp850, "\xC4"), "\xE2\x94\x80");    // box drawing ─
  EXPECT_EQ(Convert(Encoding::kCp850, "\xFF"), "\xC2\xA0");        // no-break space
}

// Every byte of the single-byte code pages becomes valid UTF-8, and ASCII is unchanged.
TEST(AppendAsUtf8Test, SingleByteTablesAreComplete) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (Encoding e : {Encoding::kWindows1252, Encoding::kCp850}) {
    const std::string out = Convert(e, all);
    EXPECT_EQ(out.substr(0, 128), all.substr(0, 128));
    // 128 code points above ASCII, each two or three bytes long.
    EXPECT_GE(out.size(), 128u + 128u * 2);
    EXPECT_LE(out.size(), 128u + 128u * 3);
    std::size_t code_points = 0;
    for (char c : out) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;
    }
    EXPECT_EQ(code_points, 256u);
  }
}

TEST(AppendAsUtf8Test, Utf16Le) {
  EXPECT_EQ(Convert(Encoding::kUtf16Le, std::string_view("A\0\xA3\0"
                                                         "1\0",
                                                         6)),
            "A\xC2\xA3"
            "1");
  EXPECT_EQ(Convert(Encoding::kUtf16Le, std::string_view("\x19\x20", 2)), "\xE2\x80\x99");
  EXPECT_EQ(Convert(Encoding::kUtf16Le, std::string_view("\x3D\xD8\x00\xDE", 4)),
            "\xF0\x9F\x98\x80");
}

TEST(AppendAsUtf8Test, Utf16Be) {
  EXPECT_EQ(Convert(Encoding::kUtf16Be, std::string_view("\0A\0\xA3\0"
                                                         "1",
                                                         6)),
            "A\xC2\xA3"
            "1");
  EXPECT_EQ(Convert(Encoding::kUtf16Be, std::string_view("\x20\xAC", 2)), "\xE2\x82\xAC");
  EXPECT_EQ(Convert(Encoding::kUtf16Be, std::string_view("\xD8\x3D\xDE\x00", 4)),
            "\xF0\x9F\x98\x80");
}

TEST(AppendAsUtf8Test, Utf16OddByteCarriedToNextCall) {
  std::string out, carry;
  AppendAsUtf8(Encoding::kUtf16Le, std::string_view("A\0B", 3), out, carry);
  EXPECT_EQ(out, "A");
  EXPECT_EQ(carry, "B");
  AppendAsUtf8(Encoding::kUtf16Le, std::string_view("\0C\0", 3), out, carry);
  EXPECT_EQ(out, "ABC");
  EXPECT_TRUE(carry.empty());
}

TEST(AppendAsUtf8Test, Utf16SurrogatePairSplitAcrossCalls) {
  // U+1F600 is D83D DE00; split between the two code units.
  {
    std::string out, carry;
    AppendAsUtf8(Encoding::kUtf16Le, std::string_view("x\0\x3D\xD8", 4), out, carry);
    EXPECT_EQ(out, "x");
    AppendAsUtf8(Encoding::kUtf16Le, std::string_view("\x00\xDEy\0", 4), out, carry);
    EXPECT_EQ(out, "x\xF0\x9F\x98\x80y");
    EXPECT_TRUE(carry.empty());
  }
  // Split in the middle of the low surrogate (an odd number of bytes in the first call).
  {
    std::string out, carry;
    AppendAsUtf8(Encoding::kUtf16Le, std::string_view("\x3D\xD8\x00", 3), out, carry);
    EXPECT_EQ(out, "");
    AppendAsUtf8(Encoding::kUtf16Le, std::string_view("\xDE", 1), out, carry);
    EXPECT_EQ(out, "\xF0\x9F\x98\x80");
    EXPECT_TRUE(carry.empty());
  }
  // Big-endian, one byte at a time.
  {
    std::string out, carry;
    const std::string_view bytes("\xD8\x3D\xDE\x00\x00Z", 6);
    for (char b : bytes) AppendAsUtf8(Encoding::kUtf16Be, std::string_view(&b, 1), out, carry);
    EXPECT_EQ(out, "\xF0\x9F\x98\x80Z");
    EXPECT_TRUE(carry.empty());
  }
}

// Regression: an unpaired UTF-16 surrogate becomes U+FFFD, never ill-formed UTF-8.
TEST(AppendAsUtf8Test, Utf16LoneLowSurrogateGivesValidUtf8) {
  const std::string out = Convert(Encoding::kUtf16Le, std::string_view("A\0\x00\xDC"
                                                                       "B\0",
                                                                       6));
  EXPECT_TRUE(core::IsValidUtf8(out)) << ::testing::PrintToString(out);
  EXPECT_EQ(out.front(), 'A');
  EXPECT_EQ(out.back(), 'B');
}

TEST(ProbeFileTest, MissingFile) {
  auto probe = ProbeFile(TempPath(".csv"));
  ASSERT_FALSE(probe.has_value());
  EXPECT_EQ(probe.error().code, ErrorCode::kFileNotFound);
  EXPECT_FALSE(probe.error().message.empty());
}

TEST(ProbeFileTest, EmptyFile) {
  auto probe = ProbeFile(WriteFile(".csv", ""));
  ASSERT_TRUE(probe.has_value()) << probe.error().ToString();
  EXPECT_EQ(probe->bytes, 0);
  EXPECT_EQ(probe->encoding, Encoding::kUtf8);
  EXPECT_EQ(probe->bom_bytes, 0u);
  // BLAKE2b-256 of no bytes.
  EXPECT_EQ(probe->content_hash,
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(ProbeFileTest, HashIsStableBlake2b256) {
  const std::string bytes = "Supplier,Amount\r\nACME LTD,12.50\r\n";
  auto a = ProbeFile(WriteFile("_a.csv", bytes));
  auto b = ProbeFile(WriteFile("_b.csv", bytes));
  auto c = ProbeFile(WriteFile("_c.csv", bytes + "x"));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->content_hash.size(), 64u);
  EXPECT_TRUE(IsLowerHex(a->content_hash)) << a->content_hash;
  // Computed independently (Python hashlib.blake2b(digest_size=32)).
  EXPECT_EQ(a->content_hash, "8276c7ddba4a943927325797201bb9759444bc2903fd7fa1793a9281f6e9717b");
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_NE(a->content_hash, c->content_hash);
  EXPECT_EQ(a->bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(a->head, bytes);
}

TEST(ProbeFileTest, LineEnds) {
  {
    auto p = ProbeFile(WriteFile("_crlf.csv", "a\r\nb\r\nc\r\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crlf, 3);
    EXPECT_EQ(p->lone_cr, 0);
    EXPECT_EQ(p->lone_lf, 0);
    EXPECT_EQ(p->LineEndName(), "CRLF");
  }
  {
    auto p = ProbeFile(WriteFile("_lf.csv", "a\nb\nc"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crlf, 0);
    EXPECT_EQ(p->lone_cr, 0);
    EXPECT_EQ(p->lone_lf, 2);
    EXPECT_EQ(p->LineEndName(), "LF");
  }
  {
    auto p = ProbeFile(WriteFile("_cr.csv", "a\rb\rc\r"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crlf, 0);
    EXPECT_EQ(p->lone_cr, 3);
    EXPECT_EQ(p->lone_lf, 0);
    EXPECT_EQ(p->LineEndName(), "CR");
  }
  {
    auto p = ProbeFile(WriteFile("_mixed.csv", "a\r\nb\nc\rd\r\n\n\r"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crlf, 2);
    EXPECT_EQ(p->lone_cr, 2);
    EXPECT_EQ(p->lone_lf, 2);
    EXPECT_NE(p->LineEndName(), "CRLF");
    EXPECT_NE(p->LineEndName(), "LF");
    EXPECT_NE(p->LineEndName(), "CR");
  }
  {
    auto p = ProbeFile(WriteFile("_none.csv", "a,b"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crlf + p->lone_cr + p->lone_lf, 0);
  }
}

// A CRLF split across ProbeFile's 1 MiB read chunks still counts as one CRLF.
TEST(ProbeFileTest, CrlfAcrossReadChunks) {
  std::string bytes((1 << 20) - 1, 'a');
  bytes += "\r\nb\r\n";
  auto p = ProbeFile(WriteFile(".csv", bytes));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->crlf, 2);
  EXPECT_EQ(p->lone_cr, 0);
  EXPECT_EQ(p->lone_lf, 0);
  EXPECT_EQ(p->bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(p->head.size(), 65536u);
}

TEST(ProbeFileTest, ByteOrderMarks) {
  {
    auto p = ProbeFile(WriteFile("_utf8.csv", "\xEF\xBB\xBFSupplier,Amount\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kUtf8);
    EXPECT_EQ(p->bom_bytes, 3u);
  }
  {
    auto p = ProbeFile(WriteFile("_le.csv", std::string("\xFF\xFES\0,\0A\0\n\0", 10)));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kUtf16Le);
    EXPECT_EQ(p->bom_bytes, 2u);
    EXPECT_FALSE(p->looks_binary);
  }
  {
    auto p = ProbeFile(WriteFile("_be.csv", std::string("\xFE\xFF\0S\0,\0A\0\n", 10)));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kUtf16Be);
    EXPECT_EQ(p->bom_bytes, 2u);
    EXPECT_FALSE(p->looks_binary);
  }
  {
    auto p = ProbeFile(WriteFile("_none.csv", "Supplier,Amount\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->bom_bytes, 0u);
  }
}

TEST(ProbeFileTest, DetectsSingleByteEncodings) {
  {
    auto p = ProbeFile(WriteFile("_1252.csv",
                                 "Supplier,Amount\r\nCaf\xE9 Ltd,\xA3"
                                 "12.50\r\nB,\xA3"
                                 "3\r\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kWindows1252);
    EXPECT_EQ(p->bom_bytes, 0u);
  }
  {
    auto p = ProbeFile(WriteFile("_850.csv",
                                 "Supplier,Amount\r\nCaf\x82 Ltd,\x9C"
                                 "12.50\r\nB,\x9C"
                                 "3\r\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kCp850);
  }
  {
    auto p = ProbeFile(WriteFile("_utf8.csv",
                                 "Supplier,Amount\nCaf\xC3\xA9,\xC2\xA3"
                                 "1\n"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding, Encoding::kUtf8);
  }
  {
    auto p = ProbeFile(WriteFile("_nul.csv", std::string("a,b\n\0\0\0\n", 8)));
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->looks_binary);
  }
}

// Regression: a DOS pound sign before ')' or ' ' counts towards code page 850.
TEST(ProbeFileTest, Cp850PoundBeforeBracketOrSpace) {
  auto p = ProbeFile(WriteFile(".csv", "Supplier,Net Amount (\x9C)\r\nA Ltd,\x9C 12.50\r\n"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->encoding, Encoding::kCp850);
}

}  // namespace
}  // namespace anchornet::ingest
