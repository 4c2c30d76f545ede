// UK postcode normalisation and search in free text (rules in postcode.h).
//
// Thread-safety: pure functions; no shared state.
#include "core/postcode.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace anchornet::core {
namespace {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z'); }
constexpr char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
constexpr bool In(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

// Letters allowed at each position (Royal Mail's postcode format rules).
constexpr std::string_view kFirstLetters = "ABCDEFGHIJKLMNOPRSTUWYZ";   // not Q, V, X
constexpr std::string_view kSecondLetters = "ABCDEFGHKLMNOPQRSTUVWXY";  // not I, J, Z
constexpr std::string_view kA9ALetters = "ABCDEFGHJKPSTUW";             // third, as in W1A
constexpr std::string_view kAA9ALetters = "ABEHMNPRVWXY";               // fourth, as in EC1A
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";     // not C, I, K, M, O, V

constexpr std::size_t kInwardLength = 3;
constexpr std::size_t kMinOutwardLength = 2;
constexpr std::size_t kMaxOutwardLength = 4;

// Girobank's postcode, the one exception to the format.
constexpr std::string_view kGirOutward = "GIR";
constexpr std::string_view kGirInward = "0AA";

// `s` is upper case without spaces: A9, A99, AA9, AA99, A9A or AA9A.
bool IsOutward(std::string_view s) {
  if (s.size() < kMinOutwardLength || s.size() > kMaxOutwardLength) return false;
  if (!In(kFirstLetters, s[0])) return false;
  if (IsDigit(s[1])) {  // A9, A99, A9A
    if (s.size() == 2) return true;
    if (s.size() == 3) return IsDigit(s[2]) || In(kA9ALetters, s[2]);
    return false;
  }
  if (!In(kSecondLetters, s[1]) || s.size() < 3 || !IsDigit(s[2])) return false;  // AA9...
  if (s.size() == 3) return true;
  return IsDigit(s[3]) || In(kAA9ALetters, s[3]);
}

// `s` is upper case: 9AA.
bool IsInward(std::string_view s) {
  return s.size() == kInwardLength && IsDigit(s[0]) && In(kInwardLetters, s[1]) &&
         In(kInwardLetters, s[2]);
}

bool IsFull(std::string_view outward, std::string_view inward) {
  if (outward == kGirOutward) return inward == kGirInward;
  return IsOutward(outward) && IsInward(inward);
}

// Upper case with ASCII blanks and UTF-8 no-break spaces removed.
std::string CompactUpper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    out.push_back(ToUpper(c));
  }
  return out;
}

// "OUTWARD INWARD" for a compact upper-case full postcode, "" otherwise.
std::string FromCompact(std::string_view compact) {
  if (compact.size() < kMinOutwardLength + kInwardLength ||
      compact.size() > kMaxOutwardLength + kInwardLength) {
    return {};
  }
  const std::string_view outward = compact.substr(0, compact.size() - kInwardLength);
  const std::string_view inward = compact.substr(compact.size() - kInwardLength);
  if (!IsFull(outward, inward)) return {};
  std::string out(outward);
  out.push_back(' ');
  out.append(inward);
  return out;
}

}  // namespace

std::string NormalisePostcode(std::string_view text) { return FromCompact(CompactUpper(text)); }

std::string PostcodeDistrict(std::string_view text) {
  std::string compact = CompactUpper(text);
  std::string full = FromCompact(compact);
  if (!full.empty()) {
    full.resize(full.find(' '));
    return full;
  }
  if (IsOutward(compact) || compact == kGirOutward) return compact;
  return {};
}

std::string FindPostcode(std::string_view text) {
  struct Token {
    std::size_t begin;
    std::size_t end;
  };
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (!IsAlnum(text[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < text.size() && IsAlnum(text[i])) ++i;
    tokens.push_back({begin, i});
  }
  auto upper = [&](const Token& t) {
    std::string s(text.substr(t.begin, t.end - t.begin));
    for (char& c : s) c = ToUpper(c);
    return s;
  };
  // Only spaces and commas may stand between the outward and the inward code.
  auto joinable = [&](const Token& a, const Token& b) {
    for (std::size_t i = a.end; i < b.begin; ++i) {
      if (text[i] != ' ' && text[i] != ',' && text[i] != '\t') return false;
    }
    return true;
  };
  for (std::size_t i = tokens.size(); i-- > 0;) {
    const std::string token = upper(tokens[i]);
    if (i > 0 && token.size() == kInwardLength && joinable(tokens[i - 1], tokens[i])) {
      const std::string outward = upper(tokens[i - 1]);
      if (IsFull(outward, token)) return FromCompact(outward + token);
    }
    std::string written_together = FromCompact(token);  // "SP53BG"
    if (!written_together.empty()) return written_together;
  }
  return {};
}

}  // namespace anchornet::core
