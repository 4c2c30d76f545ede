#include "ingest/payee.h"

#include <array>

namespace anchornet::ingest {

namespace {

// Up to kMaxWords upper-cased words of a name, as views into a small buffer: no allocation, as
// this runs once per payment line.
constexpr std::size_t kMaxWords = 24;

struct Words {
  std::array<char, 256> text{};
  std::array<std::string_view, kMaxWords> word{};
  std::size_t count = 0;
  bool truncated = false;

  explicit Words(std::string_view name) {
    std::size_t used = 0;
    std::size_t start = 0;
    bool in_word = false;
    for (char c : name) {
      const bool lower = c >= 'a' && c <= 'z';
      const bool alnum = lower || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum) {
        if (used == text.size()) {
          truncated = true;
          break;
        }
        if (!in_word) start = used;
        text[used++] = lower ? static_cast<char>(c - 32) : c;
        in_word = true;
      } else if (in_word) {
        Close(start, used);
        in_word = false;
      }
    }
    if (in_word) Close(start, used);
  }

  void Close(std::size_t start, std::size_t end) {
    if (count == kMaxWords) {
      truncated = true;
      return;
    }
    word[count++] = std::string_view(text.data() + start, end - start);
  }

  bool Has(std::string_view w) const {
    for (std::size_t i = 0; i < count; ++i) {
      if (word[i] == w) return true;
    }
    return false;
  }

  bool HasPhrase(std::string_view a, std::string_view b) const {
    for (std::size_t i = 0; i + 1 < count; ++i) {
      if (word[i] == a && word[i + 1] == b) return true;
    }
    return false;
  }

  bool Is(std::initializer_list<std::string_view> whole) const {
    if (whole.size() != count) return false;
    std::size_t i = 0;
    for (std::string_view w : whole) {
      if (word[i++] != w) return false;
    }
    return true;
  }
};

}  // namespace

bool IsPersonalPayee(std::string_view name) {
  const Words w(name);
  if (w.count == 0) return false;
  // Whole words only: REDACTED but not REDACTIVE.
  if (w.Has("REDACTED") || w.Has("REDACTION")) return true;
  // A legal form or trading word means a business ("Data Protection Services Ltd").
  for (std::string_view b : {"LTD", "LIMITED", "PLC", "LLP", "CIC", "LLC", "INC", "CO", "COMPANY",
                             "GROUP", "SERVICES", "SOLUTIONS", "CONSULTANCY", "CONSULTING", "TRUST",
                             "ASSOCIATION", "SOCIETY", "UK"}) {
    if (w.Has(b)) return false;
  }
  if (w.HasPhrase("PERSONAL", "DATA") || w.HasPhrase("PERSONAL", "INFORMATION") ||
      w.HasPhrase("PRIVATE", "INDIVIDUAL") || w.HasPhrase("PRIVATE", "INDIVIDUALS") ||
      w.HasPhrase("NAME", "WITHHELD") || w.HasPhrase("DATA", "PROTECTION") ||
      w.HasPhrase("PERSONAL", "DETAILS") || w.HasPhrase("NAME", "REMOVED") ||
      w.HasPhrase("INDIVIDUAL", "PAYEE") || w.HasPhrase("PRIVATE", "PERSON")) {
    return true;
  }
  // Whole-name forms that would be too broad as words inside a company name.
  return w.Is({"INDIVIDUAL"}) || w.Is({"PRIVATE"}) || w.Is({"PERSONAL"}) || w.Is({"WITHHELD"}) ||
         w.Is({"CONFIDENTIAL"}) || w.Is({"NOT", "DISCLOSED"}) || w.Is({"UNDISCLOSED"}) ||
         w.Is({"DPA"}) || w.Is({"INDIVIDUALS"}) || w.Is({"STAFF", "MEMBER"}) ||
         w.Is({"EMPLOYEE"});
}

}  // namespace anchornet::ingest
