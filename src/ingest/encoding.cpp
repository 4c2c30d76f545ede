#include "ingest/encoding.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/text.h"

namespace anchornet::ingest {

namespace {

constexpr std::array<std::uint16_t, 128> kCp1252 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF};

constexpr std::array<std::uint16_t, 128> kCp850 = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557,
    0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB,
    0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9,
    0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0};

void AppendCodePoint(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Structural UTF-8 check that survives chunk boundaries.
class Utf8Validator {
 public:
  void Feed(const unsigned char* p, std::size_t n) {
    for (std::size_t i = 0; i < n && valid_; ++i) {
      const unsigned char c = p[i];
      if (need_ > 0) {
        if ((c & 0xC0) != 0x80 || c < low_ || c > high_) {
          valid_ = false;
          break;
        }
        low_ = 0x80;
        high_ = 0xBF;
        --need_;
        continue;
      }
      if (c < 0x80) {
        // Fast path over ASCII runs.
        while (i + 8 < n) {
          std::uint64_t word;
          __builtin_memcpy(&word, p + i + 1, 8);
          if (word & 0x8080808080808080ULL) break;
          i += 8;
        }
        continue;
      }
      // The first continuation byte's range rules out overlong forms, surrogates and code
      // points above U+10FFFF (RFC 3629 table).
      low_ = 0x80;
      high_ = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need_ = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need_ = 2;
        if (c == 0xE0) low_ = 0xA0;
        if (c == 0xED) high_ = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need_ = 3;
        if (c == 0xF0) low_ = 0x90;
        if (c == 0xF4) high_ = 0x8F;
      } else {
        valid_ = false;
      }
    }
  }
  bool valid() const { return valid_ && need_ == 0; }

 private:
  int need_ = 0;
  unsigned char low_ = 0x80, high_ = 0xBF;
  bool valid_ = true;
};

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf16Le:
      return "UTF-16LE";
    case Encoding::kUtf16Be:
      return "UTF-16BE";
    case Encoding::kWindows1252:
      return "Windows-1252";
    case Encoding::kCp850:
      return "DOS code page 850";
  }
  return "unknown";
}

std::string FileProbe::LineEndName() const {
  const int kinds = (crlf > 0) + (lone_cr > 0) + (lone_lf > 0);
  if (kinds == 0) return "no line ends";
  if (kinds > 1) {
    std::string out = "mixed";
    if (crlf > 0) out += " CRLF";
    if (lone_cr > 0) out += " CR";
    if (lone_lf > 0) out += " LF";
    return out;
  }
  return crlf > 0 ? "CRLF" : (lone_cr > 0 ? "CR" : "LF");
}

Encoding DecideEncoding(std::string_view head, bool valid_utf8, std::int64_t pound_1252,
                        std::int64_t pound_850, std::int64_t c1_bytes) {
  if (head.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(head[0]);
    const auto b1 = static_cast<unsigned char>(head[1]);
    if (b0 == 0xFF && b1 == 0xFE) return Encoding::kUtf16Le;
    if (b0 == 0xFE && b1 == 0xFF) return Encoding::kUtf16Be;
  }
  if (valid_utf8) return Encoding::kUtf8;
  // 0x9C before a digit or closing bracket is DOS '£'; in Windows-1252 it would be 'œ', which
  // English spend files never put before an amount.
  if (pound_850 > 0 && pound_850 >= pound_1252) return Encoding::kCp850;
  (void)c1_bytes;
  return Encoding::kWindows1252;
}

namespace {

core::Result<FileProbe> Probe(const std::string& path, std::size_t limit, bool hash) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    return core::Fail(
        errno == ENOENT ? core::ErrorCode::kFileNotFound : core::ErrorCode::kFileUnreadable,
        fmt::format("cannot open: {}", std::strerror(errno)), {path});
  }
  if (sodium_init() < 0) return core::Fail(core::ErrorCode::kInternal, "libsodium failed to start");
  crypto_generichash_state state;
  if (hash) crypto_generichash_init(&state, nullptr, 0, 32);
  FileProbe probe;
  Utf8Validator utf8;
  std::int64_t pound_1252 = 0, pound_850 = 0, c1 = 0;
  bool prev_cr = false;
  unsigned char prev = 0;
  bool zero = false;
  constexpr std::size_t kRead = 1 << 20;
  const auto buf = std::make_unique_for_overwrite<char[]>(kRead);
  std::size_t total = 0;
  for (;;) {
    if (total >= limit) break;
    const std::size_t n = std::fread(buf.get(), 1, std::min(kRead, limit - total), f.get());
    if (n == 0) break;
    total += n;
    const auto* p = reinterpret_cast<const unsigned char*>(buf.get());
    if (hash) crypto_generichash_update(&state, p, n);
    // A head cut in the middle of a UTF-8 sequence must not look invalid.
    std::size_t check = n;
    if (!hash && total >= limit) {
      std::size_t k = 0;
      while (k < 3 && k < check && (p[check - 1 - k] & 0xC0) == 0x80) ++k;
      if (k < check && p[check - 1 - k] >= 0xC0) check -= k + 1;
    }
    utf8.Feed(p, check);
    if (probe.head.size() < 65536) {
      probe.head.append(buf.get(), std::min<std::size_t>(n, 65536 - probe.head.size()));
    }
    for (std::size_t i = 0; i < n; ++i) {
      // Skip eight plain ASCII bytes at a time: no line end, NUL or byte >= 0x80 among them.
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
        auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
        if ((w & kHigh) || has_zero(w) || has_zero(w ^ (kOnes * '\n')) ||
            has_zero(w ^ (kOnes * '\r'))) {
          break;
        }
        // A pound sign just before this word still needs its next byte checked.
        if (prev == 0x9C || prev == 0xA3) break;
        i += 8;
        prev = p[i - 1];
        prev_cr = false;
      }
      if (i >= n) break;
      const unsigned char c = p[i];
      if (c == '\n') {
        if (prev_cr) {
          ++probe.crlf;
          --probe.lone_cr;
        } else {
          ++probe.lone_lf;
        }
      } else if (c == '\r') {
        ++probe.lone_cr;
      } else if (c == 0) {
        zero = true;
      } else if (c >= 0x80 && c <= 0x9F) {
        ++c1;
      }
      // A pound sign stands before a digit, a space or a closing bracket: "£12", "(£)".
      if (prev == 0x9C || prev == 0xA3) {
        if ((c >= '0' && c <= '9') || c == ')' || c == ' ') {
          if (prev == 0x9C) {
            ++pound_850;
          } else {
            ++pound_1252;
          }
        }
      }
      prev_cr = c == '\r';
      prev = c;
    }
    probe.bytes += static_cast<std::int64_t>(n);
  }
  if (std::ferror(f.get())) {
    return core::Fail(core::ErrorCode::kFileUnreadable,
                      fmt::format("read error: {}", std::strerror(errno)), {path});
  }
  if (hash) {
    unsigned char digest[32];
    crypto_generichash_final(&state, digest, sizeof digest);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    probe.content_hash = hex;
  } else {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) probe.bytes = static_cast<std::int64_t>(size);
  }
  probe.encoding = DecideEncoding(probe.head, utf8.valid(), pound_1252, pound_850, c1);
  if (probe.encoding == Encoding::kUtf16Le || probe.encoding == Encoding::kUtf16Be) {
    probe.bom_bytes = 2;
  } else if (probe.head.size() >= 3 && probe.head.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    probe.bom_bytes = 3;
  }
  probe.looks_binary =
      zero && probe.encoding != Encoding::kUtf16Le && probe.encoding != Encoding::kUtf16Be;
  return probe;
}

}  // namespace

core::Result<FileProbe> ProbeFile(const std::string& path) {
  return Probe(path, static_cast<std::size_t>(-1), /*hash=*/true);
}

core::Result<FileProbe> ProbeHead(const std::string& path, std::size_t limit) {
  return Probe(path, limit, /*hash=*/false);
}

void AppendAsUtf8(Encoding e, std::string_view in, std::string& out, std::string& carry) {
  switch (e) {
    case Encoding::kUtf8:
      out.append(in);
      return;
    case Encoding::kWindows1252:
    case Encoding::kCp850: {
      const auto& table = e == Encoding::kCp850 ? kCp850 : kCp1252;
      out.reserve(out.size() + in.size() + in.size() / 8);
      for (char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
          out += ch;
        } else {
          AppendCodePoint(table[c - 0x80], out);
        }
      }
      return;
    }
    case Encoding::kUtf16Le:
    case Encoding::kUtf16Be: {
      std::string joined = carry + std::string(in);
      carry.clear();
      std::size_t i = 0;
      std::uint32_t high = 0;
      for (; i + 1 < joined.size(); i += 2) {
        const auto a = static_cast<unsigned char>(joined[i]);
        const auto b = static_cast<unsigned char>(joined[i + 1]);
        std::uint32_t unit = e == Encoding::kUtf16Le ? (a | (b << 8)) : ((a << 8) | b);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          high = unit;
          continue;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF && high != 0) {
          AppendCodePoint(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), out);
          high = 0;
          continue;
        }
        // An unpaired surrogate cannot be encoded: U+FFFD stands in for it.
        if (high != 0) AppendCodePoint(0xFFFD, out);
        high = 0;
        AppendCodePoint(unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit, out);
      }
      if (high != 0) {
        // Keep an unpaired high surrogate with the next chunk.
        i -= 2;
      }
      carry.assign(joined, i, std::string::npos);
      return;
    }
  }
}

core::Result<std::string> DetectContainer(const std::string& path, const FileProbe& probe,
                                          bool allow_json, std::string_view reads_from) {
  const std::string_view head = probe.head;
  if (core::StartsWith(head, "PK\x03\x04")) return std::string("xlsx");
  if (core::StartsWith(head, "\xD0\xCF\x11\xE0")) {
    return core::Fail(core::ErrorCode::kUnsupportedFormat,
                      "this is an old Excel .xls workbook; open it in Excel or LibreOffice and "
                      "save it as .xlsx or CSV",
                      {path});
  }
  std::string_view body = head.substr(std::min(probe.bom_bytes, head.size()));
  body = core::Trim(body);
  if (allow_json && probe.encoding == Encoding::kUtf8 && !body.empty() &&
      (body[0] == '{' || body[0] == '[')) {
    return std::string("json");
  }
  if (probe.looks_binary) {
    return core::Fail(core::ErrorCode::kUnsupportedFormat,
                      fmt::format("this file is binary, not text; {}", reads_from), {path});
  }
  return std::string("csv");
}

}  // namespace anchornet::ingest
