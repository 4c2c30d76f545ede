// Supplier name keys and the register identifiers that sit beside them (company, charity and VAT
// numbers). The rules are listed in names.h; this file follows them in that order.
//
// NormaliseName is on the import and resolve hot paths, so names made only of ASCII (nearly all
// of them) skip Unicode normalisation and are folded in one pass over the bytes.
//
// Thread-safety: pure functions; no shared state.
#include "core/names.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace anchornet::core {
namespace {

// ---------------------------------------------------------------------------------------------
// Character classes (ASCII only; bytes >= 0x80 are handled by the Unicode fold).

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiAlnum(char c) { return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z'); }
constexpr char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
constexpr bool IsHigh(char c) { return static_cast<unsigned char>(c) >= 0x80; }
// In the folded text every byte >= 0x80 belongs to a letter or digit (see FoldUnicode).
constexpr bool IsWordByte(char c) { return IsAsciiAlnum(c) || IsHigh(c); }
constexpr bool IsApostrophe(char c) { return c == '\'' || c == '`'; }
constexpr bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ---------------------------------------------------------------------------------------------
// Rule 1: fold to upper case. ASCII punctuation is kept at this stage (the trading-as search
// needs "/" and the parentheses); every other non-letter, non-digit code point becomes a space.

// Windows-1252 for bytes 0x80..0x9F, used only when the input is not valid UTF-8 (a file that
// escaped transcoding). Undefined bytes map to a space.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0020, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x0020, 0x017D, 0x0020, 0x0020, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0020, 0x017E, 0x0178};

void AppendCodePoint(utf8proc_int32_t code_point, std::string* out) {
  std::array<utf8proc_uint8_t, 4> buffer{};
  const utf8proc_ssize_t n = utf8proc_encode_char(code_point, buffer.data());
  out->append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
}

std::string Windows1252ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else if (byte < 0xA0) {
      AppendCodePoint(kWindows1252High[byte - 0x80], &out);
    } else {
      AppendCodePoint(byte, &out);
    }
  }
  return out;
}

// Every apostrophe-like code point becomes "'" before normalisation, so that "St John’s" and
// "St John's" fold alike (NFKC leaves U+2019 alone).
utf8proc_int32_t MapApostrophes(utf8proc_int32_t code_point, void* /*data*/) {
  switch (code_point) {
    case 0x00B4:  // acute accent
    case 0x02B9:  // modifier letter prime
    case 0x02BB:  // modifier letter turned comma
    case 0x02BC:  // modifier letter apostrophe
    case 0x2018:  // left single quotation mark
    case 0x2019:  // right single quotation mark
    case 0x201B:  // single high-reversed-9 quotation mark
    case 0x2032:  // prime
    case 0xFF07:  // fullwidth apostrophe
      return '\'';
    default:
      return code_point;
  }
}

bool IsLetterOrNumber(utf8proc_int32_t code_point) {
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// NFKC, case folded, marks stripped, then upper-cased code point by code point ("ß" folds to
// "ss" and comes out as "SS").
std::string FoldUnicode(std::string_view name) {
  constexpr auto kOptions =
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
                                     UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_LUMP);
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
      static_cast<utf8proc_ssize_t>(name.size()), &mapped, kOptions, MapApostrophes, nullptr);
  if (length < 0) {
    const std::string decoded = Windows1252ToUtf8(name);
    length = utf8proc_map_custom(reinterpret_cast<const utf8proc_uint8_t*>(decoded.data()),
                                 static_cast<utf8proc_ssize_t>(decoded.size()), &mapped, kOptions,
                                 MapApostrophes, nullptr);
    if (length < 0) return {};
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(length) + 4);
  const utf8proc_uint8_t* p = mapped;
  const utf8proc_uint8_t* const end = mapped + length;
  while (p < end) {
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &code_point);
    if (n <= 0) break;  // cannot happen: utf8proc_map produced valid UTF-8
    p += n;
    if (code_point < 0x80) {
      out.push_back(ToUpper(static_cast<char>(code_point)));
    } else if (IsLetterOrNumber(code_point)) {
      AppendCodePoint(utf8proc_toupper(code_point), &out);
    } else {
      out.push_back(' ');
    }
  }
  std::free(mapped);
  return out;
}

bool IsAscii(std::string_view s) {
  for (const char c : s) {
    if (IsHigh(c)) return false;
  }
  return true;
}

// Rule 1 for the whole name. A short ASCII name (nearly all of them) is folded into
// `stack_buffer`, sparing an allocation; otherwise the result lives in `heap_buffer`.
constexpr std::size_t kStackFoldSize = 128;
std::string_view Fold(std::string_view name, std::array<char, kStackFoldSize>* stack_buffer,
                      std::string* heap_buffer) {
  if (!IsAscii(name)) {
    *heap_buffer = FoldUnicode(name);
    return *heap_buffer;
  }
  char* out = stack_buffer->data();
  if (name.size() > stack_buffer->size()) {
    heap_buffer->resize(name.size());
    out = heap_buffer->data();
  }
  for (std::size_t i = 0; i < name.size(); ++i) out[i] = ToUpper(name[i]);
  return {out, name.size()};
}

// ---------------------------------------------------------------------------------------------
// Rule 2: the trading-as clause.

struct TradingAs {
  std::size_t begin = std::string_view::npos;  // first byte of the marker
  std::size_t end = 0;                         // first byte after the marker
};

bool BoundaryBefore(std::string_view s, std::size_t i) { return i == 0 || !IsWordByte(s[i - 1]); }
bool BoundaryAt(std::string_view s, std::size_t i) { return i >= s.size() || !IsWordByte(s[i]); }
std::size_t SkipBlanks(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// "T/A", "T/AS" (spaces allowed around the slash) or "TRADING AS", each a whole word. A bare
// "TA" is not a marker: it is too often part of a name.
TradingAs FindTradingAs(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 'T' || !BoundaryBefore(s, i)) continue;
    std::size_t j = SkipBlanks(s, i + 1);
    if (j < s.size() && s[j] == '/') {
      j = SkipBlanks(s, j + 1);
      if (j < s.size() && s[j] == 'A') {
        ++j;
        if (j < s.size() && s[j] == 'S') ++j;
        if (BoundaryAt(s, j)) return {i, j};
      }
      continue;
    }
    if (s.substr(i, 7) == "TRADING" && BoundaryAt(s, i + 7)) {
      j = SkipBlanks(s, i + 7);
      if (j > i + 7 && s.substr(j, 2) == "AS" && BoundaryAt(s, j + 2)) return {i, j + 2};
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Rules 3 to 6: words, THE, legal forms.

constexpr std::string_view LastWord(std::string_view s) {
  const std::size_t space = s.rfind(' ');
  return space == std::string_view::npos ? s : s.substr(space + 1);
}

struct LegalForm {
  constexpr LegalForm(std::string_view words_in, std::string_view name_in)
      : words(words_in), name(name_in), last_word(LastWord(words_in)) {}
  std::string_view words;      // as they appear in a key
  std::string_view name;       // the normalised form recorded in NameKey::legal_form; "" for CO
  std::string_view last_word;  // of `words`
};

// Longest first, so that "COMMUNITY INTEREST COMPANY" wins over "COMPANY".
constexpr std::array<LegalForm, 20> kLegalForms = {{
    {"CHARITABLE INCORPORATED ORGANISATION", "CIO"},
    {"CHARITABLE INCORPORATED ORGANIZATION", "CIO"},
    {"LIMITED LIABILITY PARTNERSHIP", "LLP"},
    {"COMMUNITY INTEREST COMPANY", "CIC"},
    {"PUBLIC LIMITED COMPANY", "PLC"},
    {"LIMITED PARTNERSHIP", "LP"},
    {"INCORPORATED", "INC"},
    {"CYFYNGEDIG", "LTD"},
    {"LIMITED", "LTD"},
    {"COMPANY", ""},
    {"LTD", "LTD"},
    {"CYF", "LTD"},
    {"PLC", "PLC"},
    {"LLP", "LLP"},
    {"LLC", "LLC"},
    {"CIC", "CIC"},
    {"CIO", "CIO"},
    {"INC", "INC"},
    {"LP", "LP"},
    {"CO", ""},
}};

// True when `key` ends with the whole words `words` (the match may be the whole key).
bool EndsWithWords(std::string_view key, std::string_view words) {
  if (key.size() < words.size() || key.substr(key.size() - words.size()) != words) return false;
  return key.size() == words.size() || key[key.size() - words.size() - 1] == ' ';
}

// The first form in kLegalForms that ends `key`, or nullptr. Cheap checks on the last word
// first: most keys end in a word that is no legal form.
const LegalForm* FindLegalForm(std::string_view key) {
  const std::string_view last = LastWord(key);
  if (last.empty()) return nullptr;
  for (const LegalForm& form : kLegalForms) {
    if (form.last_word.size() != last.size() || form.last_word.front() != last.front() ||
        form.last_word.back() != last.back()) {
      continue;
    }
    if (EndsWithWords(key, form.words)) return &form;
  }
  return nullptr;
}

// Builds the key of `text` (already folded): words of letters and digits separated by single
// spaces, "&" and "+" as AND, apostrophes dropped, runs of single letters joined ("S.R.S." and
// "S R S" -> "SRS", "L.T.D." -> "LTD"). Then drops a leading THE and trailing legal forms.
std::string BuildKey(std::string_view text, std::string* legal_form) {
  std::string key;
  key.reserve(text.size() + 8);
  bool has_alnum = false;
  bool in_word = false;
  bool previous_single = false;  // the previous word is a run of single letters
  std::size_t word_start = 0;
  auto end_word = [&] {
    if (!in_word) return;
    in_word = false;
    const bool single = key.size() - word_start == 1 && IsUpper(key.back());
    if (single && previous_single) {
      key.erase(word_start - 1, 1);  // join to the previous run
      return;
    }
    previous_single = single;
  };
  auto start_word = [&] {
    if (!key.empty()) key.push_back(' ');
    word_start = key.size();
    in_word = true;
  };
  for (const char c : text) {
    if (IsWordByte(c)) {
      if (!in_word) start_word();
      key.push_back(c);
      has_alnum = true;
    } else if (IsApostrophe(c)) {
      continue;
    } else if (c == '&' || c == '+') {
      end_word();
      start_word();
      key.append("AND");
      in_word = false;
      previous_single = false;
    } else {
      end_word();
    }
  }
  end_word();
  if (!has_alnum) return {};

  if (key.size() > 4 && key.compare(0, 4, "THE ") == 0) key.erase(0, 4);

  for (const LegalForm* form = FindLegalForm(key); form != nullptr; form = FindLegalForm(key)) {
    if (key.size() == form->words.size()) break;  // never strip to an empty key
    key.resize(key.size() - form->words.size() - 1);
    if (legal_form != nullptr && legal_form->empty()) *legal_form = form->name;
    // "SMITH & CO" -> "SMITH", not "SMITH AND".
    if (form->name.empty() && key.size() > 4 && EndsWithWords(key, "AND")) {
      key.resize(key.size() - 4);
    }
  }
  return key;
}

}  // namespace

NameKey NormaliseName(std::string_view name) {
  std::array<char, kStackFoldSize> stack_buffer;
  std::string heap_buffer;
  const std::string_view folded = Fold(name, &stack_buffer, &heap_buffer);
  NameKey out;
  const TradingAs marker = FindTradingAs(folded);
  if (marker.begin == std::string_view::npos) {
    out.key = BuildKey(folded, &out.legal_form);
    return out;
  }
  const std::string_view before = folded.substr(0, marker.begin);
  std::string_view trading = folded.substr(marker.end);
  int open_parentheses = 0;
  for (const char c : before) {
    if (c == '(') ++open_parentheses;
    if (c == ')' && open_parentheses > 0) --open_parentheses;
  }
  std::string main_name(before);
  if (open_parentheses > 0) {
    // "ACME LTD (T/A ACME CLEANING) LONDON": the clause ends at its closing parenthesis and
    // what follows belongs to the main name again.
    const std::size_t close = trading.find(')');
    if (close != std::string_view::npos) {
      main_name.push_back(' ');
      main_name.append(trading.substr(close + 1));
      trading = trading.substr(0, close);
    }
  }
  out.key = BuildKey(main_name, &out.legal_form);
  out.trading_as = BuildKey(trading, nullptr);
  if (out.key.empty()) out.key.swap(out.trading_as);  // "T/A ACME": the trading name is all
  return out;
}

std::string NameKeyOf(std::string_view name) { return NormaliseName(name).key; }

// ---------------------------------------------------------------------------------------------
// Identifiers.

namespace {

// Upper case without white space (ASCII blanks and UTF-8 no-break spaces).
std::string CompactUpper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsBlank(c)) continue;
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    out.push_back(ToUpper(c));
  }
  return out;
}

bool RemovePrefix(std::string_view prefix, std::string_view* s) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

bool AllDigits(std::string_view s) {
  for (const char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

bool AllUpper(std::string_view s) {
  for (const char c : s) {
    if (!IsUpper(c)) return false;
  }
  return !s.empty();
}

bool AllZeros(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

// Digits that are not all zeros.
bool IsNumber(std::string_view s) { return AllDigits(s) && !AllZeros(s); }

// `prefix` followed by `digits` left-padded with zeros to `width`.
std::string Padded(std::string_view prefix, std::string_view digits, std::size_t width) {
  std::string out(prefix);
  out.append(width - digits.size(), '0');
  out.append(digits);
  return out;
}

// "1000611-1" -> "1000611": a linked charity is registered under its main charity's number.
std::string_view WithoutLinkedCharitySuffix(std::string_view s) {
  constexpr std::size_t kMaxSuffixDigits = 3;
  const std::size_t dash = s.rfind('-');
  if (dash == std::string_view::npos) return s;
  const std::string_view suffix = s.substr(dash + 1);
  if (suffix.size() > kMaxSuffixDigits || !AllDigits(suffix)) return s;
  return s.substr(0, dash);
}

}  // namespace

std::string NormaliseCompanyNumber(std::string_view text) {
  constexpr std::size_t kLength = 8;
  constexpr std::size_t kPrefixLength = 2;
  constexpr std::size_t kMaxSuffixLength = 3;
  const std::string compact = CompactUpper(text);
  std::string_view s(compact);
  RemovePrefix("GB-COH-", &s);
  if (s.empty() || s.size() > kLength) return {};
  if (AllDigits(s)) {
    if (AllZeros(s)) return {};
    return Padded("", s, kLength);
  }
  if (s.size() <= kPrefixLength) return {};
  // Two letters, or "R0" (companies registered in Northern Ireland before 1922).
  const std::string_view prefix = s.substr(0, kPrefixLength);
  if (!AllUpper(prefix) && prefix != "R0") return {};
  const std::string_view rest = s.substr(kPrefixLength);
  if (AllDigits(rest)) {
    if (AllZeros(rest)) return {};
    return Padded(prefix, rest, kLength - kPrefixLength);
  }
  // Societies registered under the mutuals legislation (prefixes IP, SP, RS, NP) may keep a
  // letter suffix and are then always written in full: "IP10002R", "SP1032RS", "RS0107SA".
  const bool mutual = prefix == "IP" || prefix == "SP" || prefix == "RS" || prefix == "NP";
  const std::size_t suffix_start = rest.find_first_not_of("0123456789");
  if (mutual && s.size() == kLength && suffix_start > 0 &&
      rest.size() - suffix_start <= kMaxSuffixLength && AllUpper(rest.substr(suffix_start))) {
    return std::string(s);
  }
  return {};
}

std::string NormaliseCharityNumber(std::string_view text) {
  constexpr std::size_t kScottishDigits = 6;
  constexpr std::size_t kNorthernIrelandMaxDigits = 6;
  constexpr std::size_t kEnglandWalesMinDigits = 6;
  constexpr std::size_t kEnglandWalesMaxDigits = 8;
  const std::string compact = CompactUpper(text);
  std::string_view s(compact);

  const bool northern_ireland_org_id = RemovePrefix("GB-NIC-", &s);
  if (RemovePrefix("NIC", &s) || northern_ireland_org_id) {
    if (!IsNumber(s) || s.size() > kNorthernIrelandMaxDigits) return {};
    return "NIC" + std::string(s);
  }

  const bool scottish_org_id = RemovePrefix("GB-SC-", &s);
  if (RemovePrefix("SC", &s) || scottish_org_id) {
    if (!IsNumber(s) || s.size() > kScottishDigits) return {};
    return Padded("SC", s, kScottishDigits);
  }

  RemovePrefix("GB-CHC-", &s);
  s = WithoutLinkedCharitySuffix(s);
  if (!AllDigits(s)) return {};
  s.remove_prefix(std::min(s.find_first_not_of('0'), s.size()));
  if (s.size() < kEnglandWalesMinDigits || s.size() > kEnglandWalesMaxDigits) return {};
  return std::string(s);
}

std::string NormaliseVatNumber(std::string_view text) {
  constexpr std::size_t kDigits = 9;
  constexpr std::size_t kDigitsWithBranch = 12;
  std::string compact;
  compact.reserve(text.size());
  for (const char c : text) {
    if (IsAsciiAlnum(c)) compact.push_back(ToUpper(c));
  }
  std::string_view s(compact);
  RemovePrefix("GB", &s);
  if (!IsNumber(s) || (s.size() != kDigits && s.size() != kDigitsWithBranch)) return {};
  std::string out = "GB";
  out.append(s);
  return out;
}

}  // namespace anchornet::core
