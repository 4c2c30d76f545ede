#include "core/spend.h"

#include "core/text.h"

namespace anchornet::core {

namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

void MixByte(std::uint64_t& h, unsigned char c) {
  h ^= c;
  h *= kFnvPrime;
}

void MixU64(std::uint64_t& h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) MixByte(h, static_cast<unsigned char>(v >> (8 * i)));
}

// Hashes s as FoldForKey(s) would spell it, without allocating.
void MixFolded(std::uint64_t& h, std::string_view s) {
  s = Trim(s);
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space) MixByte(h, ' ');
    space = false;
    MixByte(h, static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  }
  MixByte(h, 0x1F);  // field separator
}

std::uint64_t Finalise(std::uint64_t h) {
  // splitmix64 finaliser spreads FNV's weak low bits.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

}  // namespace

std::uint64_t SpendLineKey(const SpendLine& line) {
  std::uint64_t h = kFnvOffset;
  MixU64(h, static_cast<std::uint64_t>(static_cast<std::int64_t>(line.paid_on.days)));
  MixU64(h, static_cast<std::uint64_t>(line.amount));
  MixFolded(h, line.payee);
  MixFolded(h, line.reference);
  return Finalise(h);
}

bool SamePayment(const SpendLine& a, const SpendLine& b) {
  return a.paid_on == b.paid_on && a.amount == b.amount &&
         FoldForKey(a.payee) == FoldForKey(b.payee) &&
         FoldForKey(a.reference) == FoldForKey(b.reference);
}

}  // namespace anchornet::core
