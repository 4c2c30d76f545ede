#include "ingest/payee.h"

#include <string>
#include <vector>

#include "core/text.h"

namespace anchornet::ingest {

namespace {

// Upper-cased words of the name (letters and digits only).
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string w;
  for (char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      w += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

bool HasPhrase(const std::vector<std::string>& words, std::initializer_list<std::string_view> p) {
  if (p.size() == 0 || words.size() < p.size()) return false;
  for (std::size_t i = 0; i + p.size() <= words.size(); ++i) {
    std::size_t k = 0;
    for (std::string_view part : p) {
      if (words[i + k] != part) break;
      ++k;
    }
    if (k == p.size()) return true;
  }
  return false;
}

}  // namespace

bool IsPersonalPayee(std::string_view name) {
  const std::vector<std::string> w = Words(name);
  if (w.empty()) return false;
  // Whole words only: REDACTED but not REDACTIVE.
  if (HasPhrase(w, {"REDACTED"}) || HasPhrase(w, {"REDACTION"})) return true;
  // A legal form or trading word means a business ("Data Protection Services Ltd").
  static const std::vector<std::string_view> kBusinessWords = {
      "LTD",         "LIMITED",    "PLC",     "LLP",         "CIC",      "LLC",
      "INC",         "CO",         "COMPANY", "GROUP",       "SERVICES", "SOLUTIONS",
      "CONSULTANCY", "CONSULTING", "TRUST",   "ASSOCIATION", "SOCIETY",  "UK"};
  for (const std::string& word : w) {
    for (std::string_view b : kBusinessWords) {
      if (word == b) return false;
    }
  }
  if (HasPhrase(w, {"PERSONAL", "DATA"}) || HasPhrase(w, {"PERSONAL", "INFORMATION"}) ||
      HasPhrase(w, {"PRIVATE", "INDIVIDUAL"}) || HasPhrase(w, {"PRIVATE", "INDIVIDUALS"}) ||
      HasPhrase(w, {"NAME", "WITHHELD"}) || HasPhrase(w, {"DATA", "PROTECTION"}) ||
      HasPhrase(w, {"PERSONAL", "DETAILS"}) || HasPhrase(w, {"NAME", "REMOVED"}) ||
      HasPhrase(w, {"INDIVIDUAL", "PAYEE"}) || HasPhrase(w, {"PRIVATE", "PERSON"})) {
    return true;
  }
  // Whole-name forms that would be too broad as words inside a company name.
  static const std::vector<std::vector<std::string>> kWhole = {
      {"INDIVIDUAL"},   {"PRIVATE"},          {"PERSONAL"},    {"WITHHELD"},
      {"CONFIDENTIAL"}, {"NOT", "DISCLOSED"}, {"UNDISCLOSED"}, {"DPA"},
      {"INDIVIDUALS"},  {"STAFF", "MEMBER"},  {"EMPLOYEE"}};
  for (const auto& whole : kWhole) {
    if (w == whole) return true;
  }
  return false;
}

}  // namespace anchornet::ingest
