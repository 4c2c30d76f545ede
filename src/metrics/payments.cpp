// The payment lines behind a figure (metrics/payments.h; docs/metrics.md, "Drill-down").
//
// One scan of the scope's blocks with rows decoded; each line is classified by the classifier
// ComputeMeasures uses (internal/classifier.h) and kept when it counts in the asked figure. Only
// the page's rows are then completed from their files (Store::FileLines, once per file).
//
// metric: T1 S1 S2 S3 S3L S4 S6 S7 S7b S8
#include "metrics/payments.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/text.h"
#include "metrics/internal/classifier.h"
#include "resolve/resolver.h"

namespace anchornet::metrics {

namespace {

using core::Pence;
using internal::Outcome;
using internal::SupplierTraits;

// The figure asked for, parsed.
enum class Figure : std::uint8_t {
  kT1,
  kS1,
  kS2,
  kMsme,          // S3
  kSizeBand,      // S3 by band
  kMsmeLocal,     // S3L
  kDiverseAny,    // S4
  kDiverseFlag,   // S4 by flag
  kCertified,     // S4
  kSelfDeclared,  // S4
  kDiverseUnknown,
  kVcse,  // S6
  kVcseUnknown,
  kLocal,  // S7
  kLocationUnknown,
  kOutside,  // S7b
  kDecile1,  // S8
  kDecile12,
  kLsoaUnknown,
  kExcludedAll,      // T1 - S2
  kExcludedRule,     // one bridge step's rule id
  kBetweenMembers,   // the network's between-members step
};

struct Selector {
  Figure figure = Figure::kT1;
  core::SizeBand band = core::SizeBand::kUnknown;
  int flag = 0;
  std::string rule;  // kExcludedRule
};

std::string SnakeCase(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

// Whether an S2 line with this supplier (nullptr: none) counts in the figure: the same tests as
// AddToBreakdowns in measures.cpp, one figure at a time.
bool InBreakdown(const Selector& sel, const SupplierTraits* t) {
  switch (sel.figure) {
    case Figure::kS2:
      return true;
    case Figure::kMsme:
      return t && t->msme;
    case Figure::kSizeBand:
      return (t ? t->size : core::SizeBand::kUnknown) == sel.band;
    case Figure::kMsmeLocal:
      return t && t->msme && t->local == core::Known::kYes;
    case Figure::kDiverseAny:
      return t && t->diverse_known && t->diverse_yes != 0;
    case Figure::kDiverseFlag:
      return t && t->diverse_known && (t->diverse_yes & (1 << sel.flag)) != 0;
    case Figure::kCertified:
      return t && t->diverse_known && t->diverse_yes != 0 &&
             t->evidence == core::Evidence::kCertified;
    case Figure::kSelfDeclared:
      return t && t->diverse_known && t->diverse_yes != 0 &&
             t->evidence != core::Evidence::kCertified;
    case Figure::kDiverseUnknown:
      return !(t && t->diverse_known);
    case Figure::kVcse:
      return t && t->vcse == core::Known::kYes;
    case Figure::kVcseUnknown:
      return !(t && t->vcse != core::Known::kUnknown);
    case Figure::kLocal:
      return t && t->local == core::Known::kYes;
    case Figure::kLocationUnknown:
      return !(t && t->local != core::Known::kUnknown);
    case Figure::kOutside:
      return t && t->local == core::Known::kNo;
    case Figure::kDecile1:
      return t && t->decile == 1;
    case Figure::kDecile12:
      return t && t->decile > 0 && t->decile <= 2;
    case Figure::kLsoaUnknown:
      return !(t && t->decile > 0);
    default:
      return false;
  }
}

// Whether a classified line counts in the figure, in the network's scope or a member's.
bool Counts(const Selector& sel, const internal::LineClassifier& classifier,
            const internal::LineClass& c, const std::vector<AppliedRule>& rules, bool network) {
  const Outcome outcome = classifier.OutcomeOf(c, network);
  switch (sel.figure) {
    case Figure::kT1:
      return true;
    case Figure::kS1:
      return outcome == Outcome::kExcludedS2 || outcome == Outcome::kAddressable;
    case Figure::kExcludedAll:
      return outcome != Outcome::kAddressable;
    case Figure::kExcludedRule:
      return (outcome == Outcome::kExcludedS1 || outcome == Outcome::kExcludedS2) &&
             rules[static_cast<std::size_t>(c.rule)].id == sel.rule;
    case Figure::kBetweenMembers:
      return outcome == Outcome::kBetweenMembers;
    default:
      if (outcome != Outcome::kAddressable) return false;
      return InBreakdown(sel, c.supplier < 0 ? nullptr : &classifier.traits(c.supplier));
  }
}

std::string Listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

core::Result<Selector> ParseFigure(const PaymentsQuery& q, const std::vector<AppliedRule>& rules) {
  Selector sel;
  const std::string& m = q.measure;
  const std::string b = core::ToLowerAscii(q.breakdown);
  auto bad_breakdown = [&](const std::vector<std::string>& accepted) -> core::Result<Selector> {
    std::vector<std::string> shown;
    for (const std::string& a : accepted) shown.push_back(a.empty() ? "\"\" (the headline)" : a);
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("breakdown '{}' is not one of {}'s: {}", q.breakdown, m,
                                  Listed(shown)));
  };
  auto only_headline = [&](Figure f) -> core::Result<Selector> {
    if (!b.empty()) return bad_breakdown({""});
    sel.figure = f;
    return sel;
  };
  if (m == "T1") return only_headline(Figure::kT1);
  if (m == "S1") return only_headline(Figure::kS1);
  if (m == "S2") return only_headline(Figure::kS2);
  if (m == "S3L") return only_headline(Figure::kMsmeLocal);
  if (m == "S7b") return only_headline(Figure::kOutside);
  if (m == "S3") {
    if (b.empty() || b == "msme") {
      sel.figure = Figure::kMsme;
      return sel;
    }
    auto band = b == "sme_unbanded" ? std::optional<core::SizeBand>(core::SizeBand::kSme)
                                    : core::ParseSizeBand(b);
    if (!band) return bad_breakdown({"", "micro", "small", "medium", "sme", "large", "unknown"});
    sel.figure = Figure::kSizeBand;
    sel.band = *band;
    return sel;
  }
  if (m == "S4") {
    if (b.empty()) {
      sel.figure = Figure::kDiverseAny;
      return sel;
    }
    for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
      const std::string_view name = core::DiverseFlagName(bit);
      if (b == name || b == SnakeCase(name)) {
        sel.figure = Figure::kDiverseFlag;
        sel.flag = bit;
        return sel;
      }
    }
    if (b == "certified") {
      sel.figure = Figure::kCertified;
      return sel;
    }
    if (b == "self_declared" || b == "self-declared") {
      sel.figure = Figure::kSelfDeclared;
      return sel;
    }
    if (b == "unknown") {
      sel.figure = Figure::kDiverseUnknown;
      return sel;
    }
    std::vector<std::string> accepted{""};
    for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
      accepted.emplace_back(core::DiverseFlagName(bit));
    }
    for (const char* a : {"certified", "self_declared", "unknown"}) accepted.emplace_back(a);
    return bad_breakdown(accepted);
  }
  if (m == "S6" || m == "S7") {
    if (b.empty()) {
      sel.figure = m == "S6" ? Figure::kVcse : Figure::kLocal;
      return sel;
    }
    if (b == "unknown") {
      sel.figure = m == "S6" ? Figure::kVcseUnknown : Figure::kLocationUnknown;
      return sel;
    }
    return bad_breakdown({"", "unknown"});
  }
  if (m == "S8") {
    if (b == "decile_1") {
      sel.figure = Figure::kDecile1;
    } else if (b == "decile_12" || b == "deciles_1_2") {
      sel.figure = Figure::kDecile12;
    } else if (b == "unknown") {
      sel.figure = Figure::kLsoaUnknown;
    } else {
      return bad_breakdown({"decile_1", "decile_12", "unknown"});
    }
    return sel;
  }
  if (m == "excluded") {
    if (q.breakdown.empty()) {
      sel.figure = Figure::kExcludedAll;
      return sel;
    }
    if (q.breakdown == "between-members") {
      sel.figure = Figure::kBetweenMembers;
      return sel;
    }
    std::vector<std::string> ids{""};
    for (const AppliedRule& r : rules) {
      if (std::find(ids.begin(), ids.end(), r.id) == ids.end()) ids.push_back(r.id);
    }
    if (std::find(ids.begin(), ids.end(), q.breakdown) != ids.end()) {
      sel.figure = Figure::kExcludedRule;
      sel.rule = q.breakdown;
      return sel;
    }
    ids.emplace_back("between-members");
    return bad_breakdown(ids);
  }
  return core::Fail(core::ErrorCode::kUsage,
                    fmt::format("measure '{}' is not one of T1, S1, S2, S3, S3L, S4, S6, S7, S7b, "
                                "S8, excluded",
                                q.measure));
}

// A matching line, compact: the network's S2 over every year can be millions of them.
struct Match {
  std::int64_t file_id;
  Pence amount;
  std::int32_t row;
  std::int32_t paid_on;
  std::int32_t payee;
  std::int32_t supplier;
  std::int32_t expense_type;
  std::uint16_t member;
};

}  // namespace

const std::vector<std::pair<std::string, std::string>>& PaymentsFigures() {
  static const std::vector<std::pair<std::string, std::string>> figures = [] {
    std::vector<std::pair<std::string, std::string>> f = {
        {"T1", ""},       {"S1", ""},         {"S2", ""},         {"S3", ""},
        {"S3", "micro"},  {"S3", "small"},    {"S3", "medium"},   {"S3", "sme"},
        {"S3", "large"},  {"S3", "unknown"},  {"S3L", ""},        {"S4", ""}};
    for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
      f.emplace_back("S4", std::string(core::DiverseFlagName(bit)));
    }
    for (const char* b : {"certified", "self_declared", "unknown"}) f.emplace_back("S4", b);
    for (auto [m, b] : std::vector<std::pair<const char*, const char*>>{
             {"S6", ""},
             {"S6", "unknown"},
             {"S7", ""},
             {"S7", "unknown"},
             {"S7b", ""},
             {"S8", "decile_1"},
             {"S8", "decile_12"},
             {"S8", "unknown"},
             {"excluded", ""},
             {"excluded", "between-members"}}) {
      f.emplace_back(m, b);
    }
    return f;
  }();
  return figures;
}

core::Result<PaymentsPage> PaymentsBehind(store::Store& store, const PaymentsQuery& query) {
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  if (!query.member.empty() && !network->FindMember(query.member)) {
    return tl::unexpected(core::UnknownMember(query.member));
  }
  const std::vector<AppliedRule> rules = RulesInForce(*network);
  auto selector = ParseFigure(query, rules);
  if (!selector) return tl::unexpected(selector.error());
  if (query.sort != "amount" && query.sort != "date" && query.sort != "payee" &&
      query.sort != "member") {
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("sort '{}' is not one of amount, date, payee, member",
                                  query.sort));
  }
  if (query.quarter < 0 || query.quarter > 4) {
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("quarter {} is not 1 to 4 (or 0 for the whole year)",
                                  query.quarter));
  }
  if (query.offset < 0 || query.limit < 0) {
    return core::Fail(core::ErrorCode::kUsage, "offset and limit must be 0 or more");
  }

  auto resolved = resolve::EnsureResolved(store);
  if (!resolved) return tl::unexpected(resolved.error());
  PaymentsPage page;
  page.query = query;
  page.resolved_now = resolved->has_value();
  auto version = store.DataVersion();
  if (!version) return tl::unexpected(version.error());
  page.data_version = *version;

  auto suppliers = store.LoadSuppliers(false);
  if (!suppliers) return tl::unexpected(suppliers.error());
  auto payee_supplier = store.PayeeSupplierIndex();
  if (!payee_supplier) return tl::unexpected(payee_supplier.error());
  auto labels = store.ListLabels();
  if (!labels) return tl::unexpected(labels.error());

  std::int32_t only_supplier = -1;
  if (!query.supplier.empty()) {
    for (std::size_t s = 0; s < suppliers->size(); ++s) {
      if ((*suppliers)[s].key == query.supplier) only_supplier = static_cast<std::int32_t>(s);
    }
    if (only_supplier < 0) {
      return core::Fail(core::ErrorCode::kNotFound,
                        fmt::format("no supplier with key '{}' (see `anchornet suppliers list`)",
                                    query.supplier));
    }
  }

  const std::size_t n_members = network->members.size();
  std::unordered_map<std::string, std::size_t> member_index;
  for (std::size_t m = 0; m < n_members; ++m) member_index[network->members[m].id] = m;
  internal::LineClassifier classifier(*network, rules, *suppliers, *payee_supplier, *labels,
                                      query.filter);
  const bool network_scope = query.member.empty();
  const core::MonthDay fy_start = network->financial_year_start;
  std::optional<core::Date> from, to;
  if (query.financial_year) {
    from = core::FinancialYearStart(*query.financial_year, fy_start);
    to = core::FinancialYearEnd(query.to_financial_year.value_or(*query.financial_year), fy_start);
  }
  const int last_year = query.to_financial_year.value_or(query.financial_year.value_or(0));

  std::vector<Match> matches;
  std::int32_t cached_day = INT32_MIN;
  bool cached_in_period = false;
  store::Store::ScanOptions options;
  options.with_rows = true;
  auto status = store.ScanLines(
      query.member, from, to, options, [&](const store::Store::LineBatch& b) -> core::Status {
        auto mi = member_index.find(b.member);
        if (mi == member_index.end()) return {};
        const std::size_t m = mi->second;
        for (std::size_t i = 0; i < b.paid_on.size(); ++i) {
          const std::int32_t day = b.paid_on[i];
          if (day != cached_day) {
            cached_day = day;
            const core::Date d{day};
            const int year = core::FinancialYearOf(d, fy_start);
            cached_in_period =
                (!query.financial_year || (year >= *query.financial_year && year <= last_year)) &&
                (query.quarter == 0 || core::FinancialQuarterOf(d, fy_start) == query.quarter);
          }
          if (!cached_in_period) continue;
          const internal::LineClass c =
              classifier.Classify(m, b.payee_id[i], b.expense_type_id[i]);
          if (!classifier.Passes(c, b.expense_type_id[i])) continue;
          if (only_supplier >= 0 && c.supplier != only_supplier) continue;
          if (!Counts(*selector, classifier, c, rules, network_scope)) continue;
          page.total.Add(b.amount[i]);
          matches.push_back({b.file_id, b.amount[i], static_cast<std::int32_t>(b.row[i]), day,
                             static_cast<std::int32_t>(b.payee_id[i]), c.supplier,
                             static_cast<std::int32_t>(b.expense_type_id[i]),
                             static_cast<std::uint16_t>(m)});
        }
        return {};
      });
  if (!status) return tl::unexpected(status.error());

  // Sort keys that are not in the match: members by id, payees by name (case ignored).
  std::vector<std::int32_t> member_rank(n_members);
  {
    std::vector<std::size_t> order(n_members);
    for (std::size_t m = 0; m < n_members; ++m) order[m] = m;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return network->members[a].id < network->members[b].id;
    });
    for (std::size_t r = 0; r < n_members; ++r) {
      member_rank[order[r]] = static_cast<std::int32_t>(r);
    }
  }
  std::unordered_map<std::int32_t, std::int32_t> payee_rank;
  if (query.sort == "payee") {
    auto payees = store.ListPayees();
    if (!payees) return tl::unexpected(payees.error());
    std::unordered_map<std::int64_t, const store::PayeeRecord*> by_id;
    for (const store::PayeeRecord& p : *payees) by_id[p.id] = &p;
    std::vector<std::pair<std::string, std::int32_t>> names;
    for (const Match& x : matches) {
      if (payee_rank.emplace(x.payee, 0).second) {
        auto it = by_id.find(x.payee);
        names.emplace_back(it == by_id.end() ? "" : core::ToLowerAscii(it->second->name), x.payee);
      }
    }
    std::sort(names.begin(), names.end());
    for (std::size_t r = 0; r < names.size(); ++r) {
      payee_rank[names[r].second] = static_cast<std::int32_t>(r);
    }
  }
  auto key = [&](const Match& x) -> std::int64_t {
    if (query.sort == "amount") return x.amount;
    if (query.sort == "date") return x.paid_on;
    if (query.sort == "member") return member_rank[x.member];
    return payee_rank[x.payee];
  };
  auto before = [&](const Match& a, const Match& b) {
    const std::int64_t ka = key(a), kb = key(b);
    if (ka != kb) return query.descending ? ka > kb : ka < kb;
    if (a.member != b.member) return member_rank[a.member] < member_rank[b.member];
    if (a.file_id != b.file_id) return a.file_id < b.file_id;
    return a.row < b.row;
  };
  const std::size_t n = matches.size();
  const std::size_t begin = std::min(n, static_cast<std::size_t>(query.offset));
  std::size_t end = n;
  if (query.limit > 0) {
    end = std::min<std::size_t>(n, begin + static_cast<std::size_t>(query.limit));
  }
  if (end < n) {
    std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(end),
                      matches.end(), before);
  } else {
    std::sort(matches.begin(), matches.end(), before);
  }
  if (begin >= end) return page;

  // Complete the page's rows from their files: names, payee as published, reference,
  // description.
  std::map<std::int64_t, std::vector<std::size_t>> page_by_file;  // file -> page row indices
  page.rows.resize(end - begin);
  for (std::size_t k = begin; k < end; ++k) {
    const Match& x = matches[k];
    PaymentRow& row = page.rows[k - begin];
    row.member = network->members[x.member].id;
    row.file_id = x.file_id;
    row.row = x.row;
    row.paid_on = core::Date{x.paid_on};
    if (x.supplier >= 0) {
      const store::SupplierRecord& s = (*suppliers)[static_cast<std::size_t>(x.supplier)];
      row.supplier_key = s.key;
      row.supplier_name = s.name;
    }
    row.amount = x.amount;
    if (x.expense_type > 0 && static_cast<std::size_t>(x.expense_type) < labels->size()) {
      row.expense_type = (*labels)[static_cast<std::size_t>(x.expense_type)];
    }
    page_by_file[x.file_id].push_back(k - begin);
  }
  for (const auto& [file_id, indices] : page_by_file) {
    auto file = store.GetImport(file_id);
    if (!file) return tl::unexpected(file.error());
    for (std::size_t index : indices) page.rows[index].file_name = file->name;
    auto lines = store.FileLines(file_id);
    if (!lines) return tl::unexpected(lines.error());
    std::unordered_multimap<std::int64_t, const core::SpendLine*> by_row;
    by_row.reserve(lines->size());
    for (const core::SpendLine& l : *lines) by_row.emplace(l.row, &l);
    for (std::size_t index : indices) {
      PaymentRow& row = page.rows[index];
      // A row holds one payment line; should a source row ever hold several, the one with this
      // date and amount is it.
      const core::SpendLine* found = nullptr;
      auto [lo, hi] = by_row.equal_range(row.row);
      for (auto it = lo; it != hi; ++it) {
        if (!found || (it->second->paid_on.days == row.paid_on.days &&
                       it->second->amount == row.amount)) {
          found = it->second;
        }
      }
      if (!found) continue;
      row.payee = found->payee;
      row.expense_type = found->expense_type;
      row.reference = found->reference;
      row.description = found->description;
    }
  }
  return page;
}

}  // namespace anchornet::metrics
