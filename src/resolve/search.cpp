// Finding suppliers by key, number, name or words of the name (resolve/search.h).
//
// Thread-safety: pure functions.
#include "resolve/search.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/names.h"
#include "core/text.h"

namespace anchornet::resolve {

using core::ErrorCode;
using core::Fail;

core::Result<store::SupplierRecord> FindSupplier(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view query) {
  const std::string q(core::Trim(query));
  if (q.empty()) return Fail(ErrorCode::kUsage, "name a supplier: its key, number or name");
  for (const store::SupplierRecord& s : suppliers) {
    if (s.key == q) return s;
  }
  const std::string company = core::NormaliseCompanyNumber(q);
  const std::string charity = core::NormaliseCharityNumber(q);
  const std::string key = core::NameKeyOf(q);
  std::vector<const store::SupplierRecord*> exact;
  for (const store::SupplierRecord& s : suppliers) {
    if ((!company.empty() && s.company_number == company) ||
        (!charity.empty() && s.charity_number == charity)) {
      return s;
    }
    if (!key.empty() && (s.key == "name:" + key || core::NameKeyOf(s.name) == key)) {
      exact.push_back(&s);
      continue;
    }
    for (const std::string& a : s.aliases) {
      if (core::NameKeyOf(a) == key) {
        exact.push_back(&s);
        break;
      }
    }
  }
  if (exact.size() == 1) return *exact.front();
  auto found = exact.empty() ? SearchSuppliers(suppliers, q, 6) : exact;
  if (found.size() == 1) return *found.front();
  if (found.empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no supplier matches '{}' (try `anchornet suppliers search`)", q));
  }
  std::string names;
  for (std::size_t i = 0; i < found.size() && i < 5; ++i) {
    names += fmt::format("{}\n  {} [{}]", i ? "" : "", found[i]->name, found[i]->key);
  }
  return Fail(ErrorCode::kUsage,
              fmt::format("'{}' matches several suppliers; name one by its key:{}", q, names));
}

std::vector<const store::SupplierRecord*> SearchSuppliers(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view text, std::size_t limit) {
  const std::string key = core::NameKeyOf(text);
  std::vector<std::string> words;
  for (std::string_view w : core::Split(key, ' ')) {
    if (!w.empty()) words.emplace_back(w);
  }
  std::vector<std::pair<int, const store::SupplierRecord*>> scored;
  if (words.empty()) return {};
  for (const store::SupplierRecord& s : suppliers) {
    int best = -1;
    auto score = [&](const std::string& name) {
      const std::string k = " " + core::NameKeyOf(name) + " ";
      for (const std::string& w : words) {
        if (k.find(w) == std::string::npos) return;
      }
      // Whole-name match first, then names starting with the text, then any.
      const int s2 = k == " " + key + " " ? 3 : core::StartsWith(k, " " + key) ? 2 : 1;
      best = std::max(best, s2);
    };
    score(s.name);
    for (const std::string& a : s.aliases) score(a);
    if (best > 0) scored.emplace_back(best, &s);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<const store::SupplierRecord*> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace anchornet::resolve
