// What one payment line is, for the measures: the first rule in force it meets (by expense type,
// payee or payee kind; S1 rules before S2 rules), the supplier its payee resolved to and what that
// supplier contributes to S3-S8, whether it is a payment to another member, and whether it
// passes a report's line filter. ComputeMeasures (measures.cpp) and PaymentsBehind (payments.cpp)
// both classify through this one class, so a figure and the lines behind it cannot disagree.
// Private to src/metrics/.
//
// Classify is on the hot path of ComputeMeasures (one call per stored line): the common case is
// two array reads, with the rule matching done once per payee and per member x label and cached.
//
// Thread-safety: a LineClassifier fills its caches as lines are classified; one per thread. It
// keeps references to the network, rules and suppliers it was built over, which must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/network.h"
#include "core/supplier.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::metrics::internal {

// Word-wise pattern matching (docs/metrics.md, "Rules"): a pattern matches when its words occur
// consecutively in the text as whole words, ignoring case; a trailing '*' on a pattern word
// matches any word starting with it ("salar*" matches "Salaries").
std::vector<std::string> Words(std::string_view text);
bool PatternMatches(const std::vector<std::string>& pattern, const std::vector<std::string>& text);

// What a line's supplier contributes to the measures, precomputed per supplier.
struct SupplierTraits {
  core::SizeBand size = core::SizeBand::kUnknown;
  bool msme = false;
  bool diverse_known = false;
  std::uint8_t diverse_yes = 0;
  core::Evidence evidence = core::Evidence::kNone;
  core::Known vcse = core::Known::kUnknown;
  core::Known local = core::Known::kUnknown;
  int decile = 0;
  bool is_member = false;  // the supplier is another member of the network
};

// One line's classification.
struct LineClass {
  std::int32_t supplier = -1;  // index into the suppliers; -1: the payee resolved to none
  std::int16_t rule = -1;      // index into the rules of the first rule met; -1: none
  bool to_member = false;      // paid to another member (supplier is_member)
};

// Where a line ends up in one scope's bridge (docs/metrics.md, S1 and S2).
enum class Outcome : std::uint8_t {
  kExcludedS1,      // taken out of T1 by rule `rule` (an S1 rule)
  kBetweenMembers,  // the network only: paid to another member, taken out at S1
  kExcludedS2,      // in S1, taken out by rule `rule` (an S2 rule)
  kAddressable,     // in S2
};

class LineClassifier {
 public:
  // `payee_supplier`: Store::PayeeSupplierIndex (payee id -> supplier index); `labels`:
  // Store::ListLabels; `filter` as parsed by ParseLineFilter.
  LineClassifier(const core::Network& network, const std::vector<AppliedRule>& rules,
                 const std::vector<store::SupplierRecord>& suppliers,
                 const std::vector<std::int32_t>& payee_supplier,
                 const std::vector<std::string>& labels, const LineFilter& filter);

  // A line of member `m` (index in network.members) paid to `payee` under `expense_type` (ids as
  // stored). A payee belongs to one member: its payee-rule result is cached with the first
  // member that asks.
  LineClass Classify(std::size_t m, std::int64_t payee, std::int64_t expense_type) {
    LineClass c;
    if (payee >= 0 && static_cast<std::size_t>(payee) < payee_slots_.size()) {
      PayeeSlot& cached = payee_slots_[static_cast<std::size_t>(payee)];
      if (cached.rule == kNotComputed) cached.rule = SupplierRule(m, cached.supplier);
      c.supplier = cached.supplier;
      c.rule = cached.rule;
    }
    const std::int16_t by_label = LabelRule(m, expense_type);
    if (by_label >= 0 && (c.rule < 0 || by_label < c.rule)) c.rule = by_label;
    c.to_member = c.supplier >= 0 && traits_[static_cast<std::size_t>(c.supplier)].is_member;
    return c;
  }

  // Whether the report's line filter keeps a classified line (always true with no filter).
  bool Passes(const LineClass& c, std::int64_t expense_type) {
    if (!filtering_) return true;
    if (!(c.supplier < 0 ? no_supplier_passes_
                         : supplier_passes_[static_cast<std::size_t>(c.supplier)] != 0)) {
      return false;
    }
    return category_.empty() || LabelPasses(expense_type);
  }
  bool filtering() const { return filtering_; }

  // The line's place in a scope's bridge: `network` for the network's scope, where payments to
  // other members leave at S1 unless an S1 rule took them first.
  Outcome OutcomeOf(const LineClass& c, bool network) const {
    if (c.rule >= 0 && !rule_is_s2_[static_cast<std::size_t>(c.rule)]) return Outcome::kExcludedS1;
    if (network && c.to_member) return Outcome::kBetweenMembers;
    return c.rule >= 0 ? Outcome::kExcludedS2 : Outcome::kAddressable;
  }

  bool rule_is_s2(std::int16_t rule) const {
    return rule_is_s2_[static_cast<std::size_t>(rule)] != 0;
  }
  const SupplierTraits& traits(std::int32_t supplier) const {
    return traits_[static_cast<std::size_t>(supplier)];
  }

 private:
  static constexpr std::int16_t kNotComputed = -2;
  struct PayeeSlot {
    std::int32_t supplier;
    std::int16_t rule;
  };

  std::int16_t LabelRule(std::size_t m, std::int64_t label) {
    if (label <= 0 || static_cast<std::size_t>(label) >= labels_.size()) return -1;
    std::vector<std::int16_t>& v = label_rule_[m];
    if (!v.empty()) {
      const std::int16_t slot = v[static_cast<std::size_t>(label)];
      if (slot != kNotComputed) return slot;
    }
    return ComputeLabelRule(m, static_cast<std::size_t>(label));
  }
  std::int16_t ComputeLabelRule(std::size_t m, std::size_t label);
  std::int16_t SupplierRule(std::size_t m, std::int32_t supplier);
  bool KindMatches(const std::vector<std::string>& pattern, std::size_t supplier) const;
  bool HiddenFor(std::size_t rule, const std::string& member) const;
  bool LabelPasses(std::int64_t label);

  const core::Network& network_;
  const std::vector<AppliedRule>& rules_;
  const std::vector<store::SupplierRecord>& suppliers_;
  const std::vector<std::string>& labels_;
  std::vector<char> rule_is_s2_;
  std::vector<std::vector<std::vector<std::string>>> rule_words_;  // per rule, per pattern
  std::vector<SupplierTraits> traits_;
  std::vector<std::vector<std::string>> supplier_words_;  // only when a rule matches payees
  std::vector<std::vector<std::int16_t>> supplier_rule_;  // per member, per supplier (lazy)
  std::vector<std::vector<std::int16_t>> label_rule_;     // per member, per label (lazy)
  std::vector<PayeeSlot> payee_slots_;
  // The line filter.
  bool filtering_ = false;
  std::vector<char> supplier_passes_;
  bool no_supplier_passes_ = true;
  std::vector<std::string> category_;  // the category's words; empty: any
  std::vector<std::int8_t> label_passes_;  // per label: -1 not computed, 0, 1
};

}  // namespace anchornet::metrics::internal
