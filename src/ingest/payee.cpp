#include "ingest/payee.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

#include "core/names.h"
#include "core/text.h"

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

// Words that make a name a business's, whatever else it says ("Data Protection Services Ltd").
constexpr std::string_view kBusinessWords[] = {
    "LTD",         "LIMITED",    "PLC",     "LLP",         "CIC",      "LLC",
    "INC",         "CO",         "COMPANY", "GROUP",       "SERVICES", "SOLUTIONS",
    "CONSULTANCY", "CONSULTING", "TRUST",   "ASSOCIATION", "SOCIETY",  "UK"};

// Words of organisations' names that descriptions of spend and names of a member's own services
// seldom use: firms' and public bodies' words, beside the legal forms core::NormaliseName finds.
// Not "services", "group" or "UK" (a department is "Environmental Services"), nor "agency" or
// "office" ("Agency costs", "office supplies").
constexpr std::string_view kOrganisationWords[] = {
    "CO",          "COMPANY",     "CORP",       "CORPORATION", "INCORPORATED", "HOLDINGS",
    "ENTERPRISES", "PARTNERS",    "ASSOCIATES", "SONS",        "BROS",         "BROTHERS",
    "TRUST",       "ASSOCIATION", "SOCIETY",    "FOUNDATION",  "CHARITY",      "CIO",
    "COUNCIL",     "UNIVERSITY",  "COLLEGE",    "ACADEMY",     "NHS",          "CHURCH",
    "HMRC",        "INSTITUTE",   "FEDERATION", "CLUB",        "BANK"};

bool Contains(std::string_view w, const auto& list) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// Written as a name: no word that starts with a lower-case letter and has four letters or more
// ("costs", "cover"), other than "limited" and "trading". Short joining words ("of", "and",
// "the", "t/a", "ltd") pass.
bool WrittenAsName(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && !std::isalnum(static_cast<unsigned char>(value[i])) &&
           static_cast<unsigned char>(value[i]) < 0x80) {
      ++i;
    }
    const std::size_t start = i;
    while (i < value.size() && (std::isalnum(static_cast<unsigned char>(value[i])) ||
                                static_cast<unsigned char>(value[i]) >= 0x80)) {
      ++i;
    }
    const std::string_view word = value.substr(start, i - start);
    if (word.size() >= 4 && word[0] >= 'a' && word[0] <= 'z' && word != "limited" &&
        word != "trading") {
      return false;
    }
  }
  return true;
}

bool HasDigit(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool HasOrganisationWord(std::string_view name) {
  const Words w(name);
  for (std::size_t i = 0; i < w.count; ++i) {
    if (Contains(w.word[i], kOrganisationWords)) return true;
  }
  return !core::NormaliseName(name).legal_form.empty();
}

PayeeColumnScore ScorePayeeColumn(const std::vector<std::string_view>& values) {
  PayeeColumnScore s;
  std::set<std::string_view> distinct;
  int n = 0;
  int organisation = 0;
  int name_case = 0;
  int few_digits = 0;
  for (std::string_view raw : values) {
    const std::string_view v = core::Trim(raw);
    if (v.empty()) continue;
    ++n;
    distinct.insert(v);
    if (HasOrganisationWord(v)) ++organisation;
    if (WrittenAsName(v)) ++name_case;
    if (!HasDigit(v)) ++few_digits;
  }
  if (n == 0) return s;
  s.organisation = static_cast<double>(organisation) / n;
  s.name_case = static_cast<double>(name_case) / n;
  s.few_digits = static_cast<double>(few_digits) / n;
  const double distinct_share = static_cast<double>(distinct.size()) / n;
  s.repetition = distinct_share > 0.05 && distinct_share < 0.95 ? 1.0 : 0.0;
  s.score = 0.5 * s.organisation + 0.2 * s.name_case + 0.15 * s.few_digits + 0.15 * s.repetition;
  return s;
}

bool IsPersonalPayee(std::string_view name) {
  const Words w(name);
  if (w.count == 0) return false;
  // Whole words only: REDACTED but not REDACTIVE.
  if (w.Has("REDACTED") || w.Has("REDACTION")) return true;
  // A legal form or trading word means a business ("Data Protection Services Ltd").
  for (std::string_view b : kBusinessWords) {
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
         w.Is({"DPA"}) || w.Is({"INDIVIDUALS"}) || w.Is({"STAFF", "MEMBER"}) || w.Is({"EMPLOYEE"});
}

}  // namespace anchornet::ingest
