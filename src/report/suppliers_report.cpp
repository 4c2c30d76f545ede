#include "report/suppliers_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "core/text.h"
#include "report/table.h"

namespace anchornet::report {

namespace {

using nlohmann::json;

constexpr const char* kSyntheticBanner =
    "SYNTHETIC DEMO DATA: generated members, suppliers and payments; not real spend.\n";

std::string Percent(std::optional<double> share) {
  if (!share) return "–";
  return fmt::format("{:.1f}%", *share * 100.0);
}

std::string Local(core::Known k) {
  return k == core::Known::kYes ? "local" : k == core::Known::kNo ? "outside" : "unknown";
}

std::string Diverse(const store::SupplierRecord& s) {
  if (s.diverse_known == 0) return "unknown";
  if (s.diverse_yes == 0) return "no";
  std::string out;
  for (int b = 0; b < core::kDiverseFlagCount; ++b) {
    if (s.diverse_yes & (1 << b)) out += (out.empty() ? "" : "+") + std::string(core::DiverseFlagName(b));
  }
  return out;
}

std::string Kind(const store::SupplierRecord& s) {
  if (s.personal) return "personal";
  if (s.public_body != core::PublicBodyKind::kNone) {
    return "public: " + std::string(core::PublicBodyKindName(s.public_body));
  }
  return "";
}

json SupplierJson(const store::SupplierRecord& s) {
  json j = {{"key", s.key},
            {"name", s.name},
            {"company_number", s.company_number},
            {"charity_number", s.charity_number},
            {"vat_number", s.vat_number},
            {"match", {{"method", s.match_method},
                       {"confidence", s.match_confidence},
                       {"register", s.register_scheme.empty()
                                        ? json(nullptr)
                                        : json(s.register_scheme + "-" + s.register_id)},
                       {"ambiguous", s.ambiguous}}},
            {"size", core::SizeBandName(s.size)},
            {"vcse", core::KnownName(s.vcse)},
            {"public_body", s.public_body == core::PublicBodyKind::kNone
                                ? json(nullptr)
                                : json(core::PublicBodyKindName(s.public_body))},
            {"personal", s.personal},
            {"postcode", s.postcode},
            {"local_authority", s.local_authority},
            {"ward", s.ward},
            {"lsoa", s.lsoa},
            {"imd_decile", s.imd_decile == 0 ? json(nullptr) : json(s.imd_decile)},
            {"local", core::KnownName(s.local)},
            {"members", s.members},
            {"aliases", s.aliases}};
  json diverse = json::object();
  for (int b = 0; b < core::kDiverseFlagCount; ++b) {
    const std::uint8_t bit = static_cast<std::uint8_t>(1 << b);
    diverse[std::string(core::DiverseFlagName(b))] =
        !(s.diverse_known & bit) ? "unknown" : (s.diverse_yes & bit) ? "yes" : "no";
  }
  diverse["evidence"] = core::EvidenceName(s.diverse_evidence);
  j["diverse"] = diverse;
  return j;
}

json AmountJson(const metrics::Amount& a) { return json{{"pence", a.pence}, {"lines", a.lines}}; }

}  // namespace

std::vector<SupplierRow> SupplierRows(const metrics::MeasureReport& r) {
  std::vector<SupplierRow> rows;
  rows.reserve(r.top_suppliers.size());
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    rows.push_back({&r.suppliers[static_cast<std::size_t>(s.supplier)], s.s2, s.t1});
  }
  return rows;
}

std::vector<SupplierRow> UnmatchedRows(const metrics::MeasureReport& r) {
  std::vector<SupplierRow> rows;
  for (const SupplierRow& row : SupplierRows(r)) {
    const store::SupplierRecord& s = *row.supplier;
    if (s.personal || s.public_body != core::PublicBodyKind::kNone) continue;
    if (s.match_method != "none" || s.size != core::SizeBand::kUnknown) continue;
    if (row.s2.pence <= 0) continue;
    rows.push_back(row);
  }
  return rows;
}

core::Pence ScopeS2(const metrics::MeasureReport& r) {
  core::Pence s2 = 0;
  for (const auto& s : r.scopes) {
    if (s.member == r.query.member && s.period.quarter == 0) s2 += s.values.s2.pence;
  }
  return s2;
}

std::string SuppliersTable(const std::vector<SupplierRow>& rows, bool synthetic) {
  std::string out;
  if (synthetic) out += kSyntheticBanner;
  if (rows.empty()) return out + "No suppliers.\n";
  TextTable t;
  t.AddColumn("Supplier");
  t.AddColumn("Key");
  t.AddColumn("Size");
  t.AddColumn("VCSE");
  t.AddColumn("Diverse");
  t.AddColumn("Place");
  t.AddColumn("Matched");
  t.AddColumn("S2", Align::kRight);
  t.AddColumn("Members", Align::kRight);
  for (const SupplierRow& r : rows) {
    const store::SupplierRecord& s = *r.supplier;
    std::string name = s.name;
    if (name.size() > 40) name = name.substr(0, 39) + "…";
    const std::string kind = Kind(s);
    t.AddRow({name, s.key.size() > 28 ? s.key.substr(0, 27) + "…" : s.key,
              kind.empty() ? std::string(core::SizeBandName(s.size)) : kind,
              std::string(core::KnownName(s.vcse)), Diverse(s), Local(s.local), s.match_method,
              core::FormatPoundsShort(r.s2.pence), std::to_string(s.members.size())});
  }
  return out + t.Render();
}

nlohmann::json SuppliersJsonValue(const std::vector<SupplierRow>& rows) {
  json arr = json::array();
  for (const SupplierRow& r : rows) {
    json j = SupplierJson(*r.supplier);
    j["s2"] = AmountJson(r.s2);
    j["t1"] = AmountJson(r.t1);
    arr.push_back(std::move(j));
  }
  return json{{"suppliers", arr}};
}

std::string SuppliersJson(const std::vector<SupplierRow>& rows) {
  return SuppliersJsonValue(rows).dump(2) + "\n";
}

std::string UnmatchedTable(const std::vector<SupplierRow>& rows, core::Pence network_s2,
                           bool synthetic) {
  std::string out;
  if (synthetic) out += kSyntheticBanner;
  if (rows.empty()) {
    return out + "Every supplier with addressable spend has a known size: nothing to settle.\n";
  }
  core::Pence total = 0;
  for (const SupplierRow& r : rows) total += r.s2.pence;
  out += fmt::format(
      "{} suppliers with addressable spend have no register match and no known size: {} "
      "({} of S2).\nSettle one with `anchornet suppliers set KEY --size small --by NAME` "
      "(or --company-number, --vcse, --public-body, --individual).\n\n",
      rows.size(), core::FormatPounds(total), Percent(metrics::Share(total, network_s2)));
  TextTable t;
  t.AddColumn("#", Align::kRight);
  t.AddColumn("Supplier");
  t.AddColumn("Key");
  t.AddColumn("Members", Align::kRight);
  t.AddColumn("S2", Align::kRight);
  t.AddColumn("% of S2", Align::kRight);
  t.AddColumn("Cumulative", Align::kRight);
  core::Pence running = 0;
  std::size_t i = 0;
  for (const SupplierRow& r : rows) {
    running += r.s2.pence;
    const store::SupplierRecord& s = *r.supplier;
    std::string name = s.name;
    if (name.size() > 40) name = name.substr(0, 39) + "…";
    t.AddRow({std::to_string(++i), name, s.key.size() > 32 ? s.key.substr(0, 31) + "…" : s.key,
              std::to_string(s.members.size()), core::FormatPounds(r.s2.pence),
              Percent(metrics::Share(r.s2.pence, network_s2)),
              Percent(metrics::Share(running, network_s2))});
  }
  return out + t.Render();
}

std::string SupplierDetailText(const store::SupplierRecord& s,
                               const std::vector<store::Decision>& decisions,
                               std::optional<metrics::Amount> s2) {
  std::string out = fmt::format("{}\n  key:        {}\n", s.name, s.key);
  if (!s.company_number.empty()) out += fmt::format("  company:    {}\n", s.company_number);
  if (!s.charity_number.empty()) out += fmt::format("  charity:    {}\n", s.charity_number);
  if (!s.vat_number.empty()) out += fmt::format("  VAT:        {}\n", s.vat_number);
  out += fmt::format("  matched:    {}{}{}\n", s.match_method,
                     s.register_scheme.empty()
                         ? ""
                         : fmt::format(" to {}-{}", s.register_scheme, s.register_id),
                     s.match_method == "none" ? "" : fmt::format(" (confidence {:.1f})", s.match_confidence));
  if (s.ambiguous) {
    out += "  ambiguous:  several registered organisations have this name; settle it with "
           "--company-number\n";
  }
  out += fmt::format("  paid by:    {}\n", core::Join(s.members, ", "));
  if (s2) {
    out += fmt::format("  S2 spend:   {} in {} lines\n", core::FormatPounds(s2->pence), s2->lines);
  }
  out += "\n  Classification (chosen by precedence; docs/suppliers.md)\n";
  const std::string kind = Kind(s);
  out += fmt::format("    size:           {}\n", core::SizeBandName(s.size));
  out += fmt::format("    VCSE:           {}\n", core::KnownName(s.vcse));
  out += fmt::format("    diverse-owned:  {}\n", Diverse(s));
  out += fmt::format("    public body:    {}\n", kind.empty() ? "no" : kind);
  out += fmt::format("    location:       {}{}{}{}\n", s.postcode.empty() ? "unknown" : s.postcode,
                     s.local_authority.empty() ? "" : ", " + s.local_authority,
                     s.lsoa.empty() ? "" : ", LSOA " + s.lsoa,
                     s.imd_decile == 0 ? "" : fmt::format(", IMD decile {}", s.imd_decile));
  out += fmt::format("    in geography:   {}\n", Local(s.local));
  if (!s.facts.empty()) {
    out += "\n  Facts\n";
    TextTable t;
    t.AddColumn("Field");
    t.AddColumn("Value");
    t.AddColumn("Source");
    t.AddColumn("Evidence");
    t.AddColumn("As of");
    t.AddColumn("Chosen");
    for (const core::Fact& f : s.facts) {
      std::string value = f.value;
      if (!f.detail.empty()) value += " (" + f.detail + ")";
      if (value.size() > 48) value = value.substr(0, 47) + "…";
      std::string evidence = f.source_detail;
      if (evidence.size() > 60) evidence = evidence.substr(0, 59) + "…";
      t.AddRow({std::string(core::FactFieldName(f.field)), value,
                std::string(core::FactSourceName(f.source)), evidence, f.as_of,
                std::string(f.chosen ? "yes" : "") + (f.conflicts ? " (sources disagree)" : "")});
    }
    std::string table = t.Render();
    for (std::string_view line : core::Split(table, '\n')) {
      if (!line.empty()) out += fmt::format("    {}\n", line);
    }
  }
  if (s.aliases.size() > 1 || (s.aliases.size() == 1 && s.aliases.front() != s.name)) {
    out += "\n  Spelt as\n";
    for (std::size_t i = 0; i < s.aliases.size() && i < 20; ++i) {
      out += fmt::format("    {}\n", s.aliases[i]);
    }
    if (s.aliases.size() > 20) out += fmt::format("    … and {} more\n", s.aliases.size() - 20);
  }
  if (!decisions.empty()) {
    out += "\n  Decisions (audit trail)\n";
    for (const store::Decision& d : decisions) {
      out += fmt::format("    {} {} set {} {} -> {}{}{}\n", d.at, d.by, core::FactFieldName(d.field),
                         d.old_value.empty() ? "(none)" : d.old_value,
                         d.value.empty() ? "(cleared)" : d.value,
                         d.detail.empty() ? "" : " [" + d.detail + "]",
                         d.note.empty() ? "" : ": " + d.note);
    }
  }
  return out;
}

nlohmann::json SupplierDetailJsonValue(const store::SupplierRecord& s,
                               const std::vector<store::Decision>& decisions,
                               std::optional<metrics::Amount> s2) {
  json j = SupplierJson(s);
  if (s2) j["s2"] = AmountJson(*s2);
  json facts = json::array();
  for (const core::Fact& f : s.facts) {
    facts.push_back({{"field", core::FactFieldName(f.field)},
                     {"value", f.value},
                     {"detail", f.detail},
                     {"source", core::FactSourceName(f.source)},
                     {"source_detail", f.source_detail},
                     {"as_of", f.as_of},
                     {"chosen", f.chosen},
                     {"conflicts", f.conflicts}});
  }
  j["facts"] = facts;
  json ds = json::array();
  for (const store::Decision& d : decisions) {
    ds.push_back({{"at", d.at},
                  {"by", d.by},
                  {"field", core::FactFieldName(d.field)},
                  {"old", d.old_value},
                  {"new", d.value},
                  {"detail", d.detail},
                  {"note", d.note}});
  }
  j["decisions"] = ds;
  return j;
}

std::string SupplierDetailJson(const store::SupplierRecord& s,
                               const std::vector<store::Decision>& decisions,
                               std::optional<metrics::Amount> s2) {
  return SupplierDetailJsonValue(s, decisions, s2).dump(2) + "\n";
}

std::string ResolveSummaryText(const resolve::ResolveSummary& s) {
  return fmt::format(
      "Resolved {} payees into {} suppliers: {} by company/charity number, {} by unique register "
      "name, {} unmatched ({} with an ambiguous name); {} public bodies; personal payees {}.\n",
      s.payees, s.suppliers, s.by_identifier, s.by_register_name, s.unmatched, s.ambiguous,
      s.public_bodies, s.personal ? "grouped as one" : "none");
}

std::string RegisterSummaryText(const ingest::RegisterSummary& s) {
  std::string out = fmt::format("{} ({}{})\n", s.path, s.kind,
                                s.member.empty() ? "" : ", member " + s.member);
  if (s.already_imported) {
    out += "  already imported: these exact bytes were imported before; nothing changed\n";
    return out;
  }
  out += fmt::format("  read as:    {}\n", s.reader);
  const store::RegisterCounts& c = s.counts;
  out += fmt::format("  rows read {}, {} {} records, rejected {}, skipped {}\n", c.rows_read,
                     s.dry_run ? "would store" : "stored", c.records, c.rows_rejected,
                     c.rows_skipped);
  for (const auto& [type, n] : s.records_by_type) out += fmt::format("    {}: {}\n", type, n);
  for (const std::string& n : s.notes) out += fmt::format("  note: {}\n", n);
  for (const auto& [code, n] : s.rejects_by_code) {
    out += fmt::format("  rejected {} row{}: {}\n", n, n == 1 ? "" : "s", core::ErrorCodeName(code));
  }
  for (const core::Reject& r : s.first_rejects) {
    out += fmt::format("    {}:{}:{}: {} [{}]\n", s.path, r.line, r.column, r.message,
                       core::ErrorCodeName(r.code));
  }
  return out;
}

std::string RegisterSummaryJson(const std::vector<ingest::RegisterSummary>& summaries) {
  json arr = json::array();
  for (const ingest::RegisterSummary& s : summaries) {
    json rejects = json::object();
    for (const auto& [code, n] : s.rejects_by_code) rejects[std::string(core::ErrorCodeName(code))] = n;
    json first = json::array();
    for (const core::Reject& r : s.first_rejects) {
      first.push_back({{"line", r.line},
                       {"column", r.column},
                       {"code", core::ErrorCodeName(r.code)},
                       {"message", r.message}});
    }
    arr.push_back({{"path", s.path},
                   {"kind", s.kind},
                   {"member", s.member},
                   {"format", s.format},
                   {"reader", s.reader},
                   {"content_hash", s.content_hash},
                   {"bytes", s.bytes},
                   {"dry_run", s.dry_run},
                   {"already_imported", s.already_imported},
                   {"import_id", s.import_id},
                   {"rows_read", s.counts.rows_read},
                   {"records", s.counts.records},
                   {"rows_rejected", s.counts.rows_rejected},
                   {"rows_skipped", s.counts.rows_skipped},
                   {"records_by_type", s.records_by_type},
                   {"rejects_by_code", rejects},
                   {"first_rejects", first},
                   {"notes", s.notes}});
  }
  return json{{"imports", arr}}.dump(2) + "\n";
}

std::string RegisterImportsTable(const std::vector<store::RegisterImport>& imports) {
  if (imports.empty()) return "No registers imported.\n";
  TextTable t;
  t.AddColumn("Id", Align::kRight);
  t.AddColumn("Kind");
  t.AddColumn("Member");
  t.AddColumn("File");
  t.AddColumn("Imported");
  t.AddColumn("Rows", Align::kRight);
  t.AddColumn("Records", Align::kRight);
  t.AddColumn("Rejected", Align::kRight);
  for (const store::RegisterImport& i : imports) {
    t.AddRow({std::to_string(i.id), i.kind, i.member, i.name, i.imported_at,
              std::to_string(i.counts.rows_read), std::to_string(i.counts.records),
              std::to_string(i.counts.rows_rejected)});
  }
  return t.Render();
}

}  // namespace anchornet::report
