// The per-line classification shared by the measures and the drill-down
// (metrics/internal/classifier.h).
//
// metric: S1 S2 S3 S4 S6 S7 S8
#include "metrics/internal/classifier.h"

#include <cctype>

#include "core/text.h"

namespace anchornet::metrics::internal {

namespace {

bool WordMatches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return core::StartsWith(word, std::string_view(pattern).substr(0, pattern.size() - 1));
  }
  return pattern == word;
}

// Whether a supplier (nullptr: a payee with no supplier) passes the size and geography parts of
// a line filter.
bool SupplierPasses(const LineFilter& filter, const store::SupplierRecord* s) {
  const core::SizeBand size = s ? s->size : core::SizeBand::kUnknown;
  if (filter.size) {
    switch (*filter.size) {
      case SizeFilter::kMsme:
        if (!core::IsMsme(size)) return false;
        break;
      case SizeFilter::kMicro:
        if (size != core::SizeBand::kMicro) return false;
        break;
      case SizeFilter::kSmall:
        if (size != core::SizeBand::kSmall) return false;
        break;
      case SizeFilter::kMedium:
        if (size != core::SizeBand::kMedium) return false;
        break;
      case SizeFilter::kSme:
        if (size != core::SizeBand::kSme) return false;
        break;
      case SizeFilter::kLarge:
        if (size != core::SizeBand::kLarge) return false;
        break;
      case SizeFilter::kUnknown:
        if (size != core::SizeBand::kUnknown) return false;
        break;
    }
  }
  if (filter.geography.empty()) return true;
  const core::Known local = s ? s->local : core::Known::kUnknown;
  if (filter.geography == "inside") return local == core::Known::kYes;
  if (filter.geography == "outside") return local == core::Known::kNo;
  if (filter.geography == "unknown") return local == core::Known::kUnknown;
  return s && s->local_authority == filter.geography;
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '*' || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool PatternMatches(const std::vector<std::string>& pattern, const std::vector<std::string>& text) {
  if (pattern.empty() || pattern.size() > text.size()) return false;
  for (std::size_t start = 0; start + pattern.size() <= text.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < pattern.size() && all; ++k) {
      all = WordMatches(pattern[k], text[start + k]);
    }
    if (all) return true;
  }
  return false;
}

LineClassifier::LineClassifier(const core::Network& network, const std::vector<AppliedRule>& rules,
                               const std::vector<store::SupplierRecord>& suppliers,
                               const std::vector<std::int32_t>& payee_supplier,
                               const std::vector<std::string>& labels, const LineFilter& filter)
    : network_(network), rules_(rules), suppliers_(suppliers), labels_(labels) {
  const std::size_t n_suppliers = suppliers.size();
  const std::size_t n_members = network.members.size();
  rule_is_s2_.resize(rules.size());
  rule_words_.resize(rules.size());
  bool payee_rules = false;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rule_is_s2_[i] = rules[i].stage == core::RuleStage::kS2;
    for (const std::string& p : rules[i].patterns) rule_words_[i].push_back(Words(p));
    payee_rules |= rules[i].match == core::RuleMatch::kPayee;
  }
  traits_.resize(n_suppliers);
  supplier_words_.resize(n_suppliers);
  for (std::size_t s = 0; s < n_suppliers; ++s) {
    const store::SupplierRecord& r = suppliers[s];
    SupplierTraits& t = traits_[s];
    t.size = r.size;
    t.msme = core::IsMsme(r.size);
    t.diverse_known = r.diverse_known != 0;
    t.diverse_yes = r.diverse_yes;
    t.evidence = r.diverse_evidence;
    t.vcse = r.vcse;
    t.local = r.local;
    t.decile = r.imd_decile;
    t.is_member = r.public_body == core::PublicBodyKind::kMember;
    if (payee_rules) supplier_words_[s] = Words(r.name);
  }
  supplier_rule_.resize(n_members);
  label_rule_.resize(n_members);
  // Per payee: its supplier and the first payee rule it meets (computed on first use), in one
  // array so each line costs one random access.
  payee_slots_.assign(payee_supplier.size(), PayeeSlot{-1, kNotComputed});
  for (std::size_t p = 0; p < payee_slots_.size(); ++p) payee_slots_[p].supplier = payee_supplier[p];

  filtering_ = filter.active();
  if (filtering_) {
    supplier_passes_.resize(n_suppliers);
    for (std::size_t s = 0; s < n_suppliers; ++s) {
      supplier_passes_[s] = SupplierPasses(filter, &suppliers[s]) ? 1 : 0;
    }
    no_supplier_passes_ = SupplierPasses(filter, nullptr);
    category_ = Words(filter.category);
    label_passes_.assign(labels.size(), -1);
  }
}

bool LineClassifier::KindMatches(const std::vector<std::string>& pattern,
                                 std::size_t supplier) const {
  const store::SupplierRecord& r = suppliers_[supplier];
  // Words() split "public-body" at the hyphen: join the words back.
  std::string p;
  for (std::size_t k = 0; k < pattern.size(); ++k) p += (k ? "-" : "") + pattern[k];
  if (p == "personal") return r.personal;
  if (p == "public-body") return r.public_body != core::PublicBodyKind::kNone;
  if (p == "member") return r.public_body == core::PublicBodyKind::kMember;
  if (r.public_body == core::PublicBodyKind::kNone) return false;
  return p == core::PublicBodyKindName(r.public_body);  // e.g. "hmrc", "local-government"
}

// A member's own version of a rule hides the network's for that member.
bool LineClassifier::HiddenFor(std::size_t rule, const std::string& member) const {
  if (!rules_[rule].member.empty()) return false;
  for (const AppliedRule& r : rules_) {
    if (r.id == rules_[rule].id && r.member == member) return true;
  }
  return false;
}

// First payee or payee-kind rule (index) a supplier meets for a member; -1 none.
std::int16_t LineClassifier::SupplierRule(std::size_t m, std::int32_t supplier) {
  if (supplier < 0) return -1;
  std::vector<std::int16_t>& v = supplier_rule_[m];
  if (v.empty()) v.assign(suppliers_.size(), kNotComputed);
  std::int16_t& slot = v[static_cast<std::size_t>(supplier)];
  if (slot != kNotComputed) return slot;
  slot = -1;
  const std::string& member = network_.members[m].id;
  const auto s = static_cast<std::size_t>(supplier);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const AppliedRule& r = rules_[i];
    if ((!r.member.empty() && r.member != member) || HiddenFor(i, member)) continue;
    bool hit = false;
    for (const auto& words : rule_words_[i]) {
      if (r.match == core::RuleMatch::kPayeeKind) hit |= KindMatches(words, s);
      if (r.match == core::RuleMatch::kPayee) hit |= PatternMatches(words, supplier_words_[s]);
    }
    if (hit) {
      slot = static_cast<std::int16_t>(i);
      break;
    }
  }
  return slot;
}

// First expense-type rule (index) a label meets for a member; -1 none.
std::int16_t LineClassifier::ComputeLabelRule(std::size_t m, std::size_t label) {
  std::vector<std::int16_t>& v = label_rule_[m];
  if (v.empty()) v.assign(labels_.size(), kNotComputed);
  std::int16_t& slot = v[label];
  if (slot != kNotComputed) return slot;
  slot = -1;
  const std::string& member = network_.members[m].id;
  const std::vector<std::string> words = Words(labels_[label]);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const AppliedRule& r = rules_[i];
    if (r.match != core::RuleMatch::kExpenseType || (!r.member.empty() && r.member != member) ||
        HiddenFor(i, member)) {
      continue;
    }
    for (const auto& p : rule_words_[i]) {
      if (PatternMatches(p, words)) {
        slot = static_cast<std::int16_t>(i);
        break;
      }
    }
    if (slot >= 0) break;
  }
  return slot;
}

bool LineClassifier::LabelPasses(std::int64_t label) {
  if (label <= 0 || static_cast<std::size_t>(label) >= labels_.size()) return false;
  std::int8_t& slot = label_passes_[static_cast<std::size_t>(label)];
  if (slot < 0) {
    slot = PatternMatches(category_, Words(labels_[static_cast<std::size_t>(label)])) ? 1 : 0;
  }
  return slot != 0;
}

}  // namespace anchornet::metrics::internal
