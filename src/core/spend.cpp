#include "core/spend.h"

#include <string>

#include "core/text.h"

namespace anchornet::core {

namespace {

constexpr std::uint64_t kLaneA = 0x9E3779B97F4A7C15ULL;
constexpr std::uint64_t kLaneB = 0xC2B2AE3D27D4EB4FULL;

std::uint64_t Mix(std::uint64_t h) {
  // splitmix64 finaliser.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// Appends s as FoldForKey(s) would spell it (trimmed, upper case, runs of white space as one
// space), then a field separator.
void AppendFolded(std::string& out, std::string_view s) {
  s = Trim(s);
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  }
  out += '\x1f';
}

// Two independent 64-bit hashes of (date, amount, folded payee, folded reference), eight bytes
// at a time. Stable across builds and platforms: the result is stored.
LineIdentity HashIdentity(const SpendLine& line) {
  thread_local std::string text;
  text.clear();
  AppendFolded(text, line.payee);
  AppendFolded(text, line.reference);
  const auto day = static_cast<std::uint64_t>(static_cast<std::int64_t>(line.paid_on.days));
  const auto amount = static_cast<std::uint64_t>(line.amount);
  // Each field goes through its own mixing round, so no two fields can cancel each other.
  std::uint64_t a = Mix(Mix(kLaneA ^ day) ^ amount);
  std::uint64_t b = Mix(Mix(kLaneB + amount) + day);
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w = 0;
    for (int k = 0; k < 8; ++k)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i + k])) << (8 * k);
    a = Mix(a ^ w) + kLaneA;
    b = Mix(b + w) ^ kLaneB;
  }
  std::uint64_t tail = text.size() - i;
  std::uint64_t w = tail << 56;
  for (int k = 0; i + k < text.size(); ++k) {
    w |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i + k])) << (8 * k);
  }
  a = Mix(a ^ w ^ text.size());
  b = Mix(b + w + text.size());
  return LineIdentity{a, b};
}

}  // namespace

std::uint64_t SpendLineKey(const SpendLine& line) { return HashIdentity(line).hi; }

LineIdentity SpendLineIdentity(const SpendLine& line) { return HashIdentity(line); }

bool SamePayment(const SpendLine& a, const SpendLine& b) {
  return a.paid_on == b.paid_on && a.amount == b.amount &&
         FoldForKey(a.payee) == FoldForKey(b.payee) &&
         FoldForKey(a.reference) == FoldForKey(b.reference);
}

}  // namespace anchornet::core
