// JSON mapping for the API's own responses (json.h).
#include "api/internal/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/date.h"
#include "core/returns.h"
#include "core/supplier.h"
#include "report/impact_report.h"
#include "report/measures_report.h"

namespace anchornet::api::internal {

namespace {

json OptionalInt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json AmountJson(const metrics::Amount& a) { return {{"pence", a.pence}, {"lines", a.lines}}; }

json DateJson(const std::optional<core::Date>& d) {
  return d ? json(core::ToIso(*d)) : json(nullptr);
}

json TraceJson(const std::vector<metrics::TraceItem>& trace) {
  json out = json::array();
  for (const metrics::TraceItem& t : trace) {
    out.push_back({{"kind", metrics::TraceKindName(t.kind)},
                   {"member", t.member},
                   {"text", report::ImpactTraceText(t)},
                   {"id", t.id}});
  }
  return out;
}

json MemberRef(const core::Member& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"sector", core::SectorName(m.sector)},
          {"sector_label", core::SectorLabel(m.sector)},
          {"geography", m.geography}};
}

std::string CsvCell(std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  // A leading = + - @ would be a formula in a spreadsheet: keep it text.
  const bool formula = !text.empty() && std::string_view("=+-@").find(text[0]) != std::string_view::npos;
  std::string out;
  if (formula) out += '\'';
  out += text;
  if (!quote && !formula) return out;
  std::string q = "\"";
  for (char c : out) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace

json ShareJson(std::optional<double> share) {
  if (!share) return nullptr;
  return std::round(*share * 10000.0) / 10000.0;
}

json ErrorJson(const core::Error& e) {
  return {{"error",
           {{"code", core::ErrorCodeName(e.code)},
            {"message", e.message},
            {"where",
             {{"file", e.where.file},
              {"line", e.where.line},
              {"column", e.where.column},
              {"member", e.where.member}}}}}};
}

json NetworkJson(const core::Network& n, const metrics::MeasureReport& all,
                 std::int64_t schema_version) {
  json members = json::array();
  for (const core::Member& m : n.members) members.push_back(MemberRef(m));
  json years = json::array();
  for (int fy : all.financial_years) years.push_back(core::FinancialYearLabel(fy));
  return {{"name", n.name},
          {"synthetic", n.synthetic},
          {"financial_year_start", fmt::format("{:02}-{:02}", n.financial_year_start.month,
                                               n.financial_year_start.day)},
          {"geography", {{"name", n.geography_name}, {"codes", n.geography_codes}}},
          {"financial_years", years},
          {"latest_financial_year", all.financial_years.empty()
                                        ? json(nullptr)
                                        : json(core::FinancialYearLabel(all.financial_years.back()))},
          {"data",
           {{"first_paid", DateJson(all.first_paid)},
            {"last_paid", DateJson(all.last_paid)},
            {"data_version", all.data_version}}},
          {"schema_version", schema_version},
          {"definitions_version", metrics::kMeasuresVersion},
          {"members", members}};
}

// The /payments parameters whose lines add up to a payments headline; null for a returns one.
json PaymentsLink(const metrics::Headline& h) {
  if (h.source != metrics::FigureSource::kPayments || h.from_fy == 0) return nullptr;
  json link = {{"measure", h.measure}, {"fy", core::FinancialYearLabel(h.from_fy)}};
  if (h.to_fy != h.from_fy) link["fy_to"] = core::FinancialYearLabel(h.to_fy);
  return link;
}

json OverviewJson(const metrics::ImpactReport& r) {
  json headlines = json::array();
  for (const metrics::Headline& h : r.headlines) {
    const report::ImpactHeadlineWords words = report::HeadlineWords(r, h);
    headlines.push_back({{"id", h.id},
                         {"pillar", core::PillarName(h.pillar)},
                         {"measure", h.measure},
                         {"source", metrics::FigureSourceName(h.source)},
                         {"value", h.value},
                         {"unit", core::ReturnUnitName(h.unit)},
                         {"figure", words.figure},
                         {"text", words.text},
                         {"basis", words.basis},
                         {"goal_id", h.goal ? h.goal->id : std::string()},
                         {"payments", PaymentsLink(h)},
                         {"trace", TraceJson(h.trace)}});
  }
  json goals = json::array();
  for (const metrics::GoalProgress& g : r.goals) {
    goals.push_back(report::GoalJsonValue(r.measures, g));
  }
  json sections = json::array();
  for (const metrics::ImpactSection& s : r.sections) {
    json series = json::array();
    for (const metrics::ImpactSeries& x : s.series) {
      json trend = json::array();
      for (const auto& p : x.trend) {
        trend.push_back({{"financial_year", core::FinancialYearLabel(p.financial_year)},
                         {"quarter", p.quarter},
                         {"value", OptionalInt(p.value)},
                         {"reporting", p.reporting}});
      }
      json parts = json::array();
      for (const auto& p : x.members) {
        parts.push_back(
            {{"member", p.member}, {"member_name", p.member_name}, {"value", OptionalInt(p.value)}});
      }
      series.push_back({{"measure", x.measure},
                        {"label", x.label},
                        {"unit", core::ReturnUnitName(x.unit)},
                        {"source", metrics::FigureSourceName(x.source)},
                        {"trend", trend},
                        {"members", parts},
                        {"network", OptionalInt(x.network)},
                        {"share", ShareJson(x.share)},
                        {"definition", x.definition}});
    }
    sections.push_back({{"pillar", core::PillarName(s.pillar)},
                        {"title", s.title},
                        {"headline_ids", s.headline_ids},
                        {"goal_ids", s.goal_ids},
                        {"series", series}});
  }
  json members = json::array();
  for (const metrics::ImpactMemberRow& m : r.members) {
    members.push_back({{"member", m.member},
                       {"name", m.name},
                       {"sector", m.sector},
                       {"s2_pence", m.s2},
                       {"msme_share", ShareJson(m.msme_share)},
                       {"coverage", ShareJson(m.coverage)},
                       {"w1", OptionalInt(m.w1)},
                       {"w2s", OptionalInt(m.w2s)},
                       {"e1", OptionalInt(m.e1)},
                       {"e2_kg", OptionalInt(m.e2)},
                       {"return_status", report::ImpactReturnStatusText(m.return_status)},
                       {"flags", m.flags}});
  }
  const metrics::DataQuality& q = r.quality;
  json flagged = json::array();
  for (const metrics::FlaggedFigure& f : q.flagged) {
    flagged.push_back({{"member", f.member},
                       {"financial_year", core::FinancialYearLabel(f.financial_year)},
                       {"quarter", f.quarter},
                       {"measure", f.measure},
                       {"value", f.value},
                       {"flag", f.flag},
                       {"submission", f.submission}});
  }
  json levy = json::array();
  for (const metrics::LevyWarning& w : q.levy_warnings) {
    levy.push_back({{"member", w.member},
                    {"financial_year", core::FinancialYearLabel(w.financial_year)},
                    {"transferred_pence", w.transferred},
                    {"funds_pence", w.funds}});
  }
  json definitions = json::array();
  for (const metrics::Definition& d : report::ImpactDefinitions(r)) {
    definitions.push_back({{"id", d.id}, {"label", d.label}, {"unit", d.unit}, {"text", d.text}});
  }
  json years = json::array();
  for (int fy : r.measures.financial_years) years.push_back(core::FinancialYearLabel(fy));
  return {{"network",
           {{"name", r.network.name},
            {"synthetic", r.network.synthetic},
            {"geography", r.network.geography_name}}},
          {"financial_year", core::FinancialYearLabel(r.financial_year)},
          {"generated_at", r.generated_at},
          {"synthetic", r.synthetic},
          {"definitions_version", metrics::kMeasuresVersion},
          {"headlines", headlines},
          {"goals", goals},
          {"sections", sections},
          {"members", members},
          {"quality",
           {{"missing_returns", q.missing_returns},
            {"missing_payments", q.missing_payments},
            {"size_coverage", ShareJson(q.size_coverage)},
            {"vcse_coverage", ShareJson(q.vcse_coverage)},
            {"location_coverage", ShareJson(q.location_coverage)},
            {"flagged", flagged},
            {"levy_warnings", levy},
            {"unmatched_suppliers", q.unmatched_suppliers},
            {"unmatched_spend_pence", q.unmatched_spend},
            {"rejected_rows", q.rejected_rows},
            {"notes", report::ImpactQualityNotes(r)}}},
          {"definitions", definitions}};
}

json MemberJson(const core::Member& member, const metrics::MeasureReport& mine,
                const metrics::ImpactReport& impact) {
  json measures = report::MeasuresJsonValue(mine);
  // The goals that concern this member: its own pledges, and network-wide goals measured per
  // member (share goals list a row for each member).
  json goals = json::array();
  for (const metrics::GoalProgress& g : mine.goals) {
    bool concerns = g.goal.member == member.id;
    if (g.goal.member.empty()) {
      for (const auto& row : g.rows) concerns |= row.member == member.id;
    }
    if (concerns) goals.push_back(report::GoalJsonValue(mine, g));
  }
  std::string sector;
  for (const metrics::ImpactMemberRow& m : impact.members) {
    if (m.member == member.id) sector = m.sector;
  }
  json peers = json::array();
  for (const metrics::ImpactMemberRow& m : impact.members) {
    if (m.sector != sector) continue;
    peers.push_back({{"member", m.member},
                     {"name", m.name},
                     {"self", m.member == member.id},
                     {"s2_pence", m.s2},
                     {"msme_share", ShareJson(m.msme_share)},
                     {"coverage", ShareJson(m.coverage)},
                     {"w1", OptionalInt(m.w1)},
                     {"e1", OptionalInt(m.e1)},
                     {"return_status", report::ImpactReturnStatusText(m.return_status)}});
  }
  return {{"member", MemberRef(member)},
          {"synthetic", mine.network.synthetic},
          {"financial_years", measures["financial_years"]},
          {"scopes", measures["scopes"]},
          {"goals", goals},
          {"top_suppliers", measures["top_suppliers"]},
          {"peers",
           {{"financial_year", core::FinancialYearLabel(impact.financial_year)},
            {"sector", sector},
            {"members", peers}}}};
}

json PlaceJson(const metrics::PlaceReport& p) {
  json areas = json::array();
  for (const metrics::PlaceArea& a : p.areas) {
    json deciles = json::array();
    for (int d = 1; d < metrics::kDecileSlots; ++d) {
      deciles.push_back({{"decile", d}, {"pence", a.by_decile[d].pence}, {"lines", a.by_decile[d].lines}});
    }
    areas.push_back({{"code", a.code},
                     {"name", a.name},
                     {"in_geography", a.in_geography},
                     {"s2", AmountJson(a.s2)},
                     {"msme", AmountJson(a.msme)},
                     {"msme_share", ShareJson(metrics::Share(a.msme.pence, a.s2.pence))},
                     {"suppliers", a.suppliers},
                     {"by_decile", deciles},
                     {"decile_unknown", AmountJson(a.by_decile[0])}});
  }
  json years = json::array();
  for (int fy : p.financial_years) years.push_back(core::FinancialYearLabel(fy));
  return {{"network",
           {{"name", p.network.name},
            {"synthetic", p.network.synthetic},
            {"geography", p.network.geography_name},
            {"codes", p.network.geography_codes}}},
          {"query",
           {{"financial_year", p.query.financial_year
                                   ? json(core::FinancialYearLabel(*p.query.financial_year))
                                   : json(nullptr)},
            {"member", p.query.member.empty() ? json(nullptr) : json(p.query.member)}}},
          {"financial_years", years},
          {"definitions_version", metrics::kMeasuresVersion},
          {"s2", AmountJson(p.s2)},
          {"located", AmountJson(p.located)},
          {"inside", AmountJson(p.inside)},
          {"outside", AmountJson(p.outside)},
          {"unknown", AmountJson(p.unknown)},
          {"local_share", ShareJson(metrics::Share(p.inside.pence, p.s2.pence))},
          {"location_coverage",
           ShareJson(metrics::Share(p.inside.pence + p.outside.pence, p.s2.pence))},
          {"data_version", p.data_version},
          {"areas", areas}};
}

json PaymentsJson(const metrics::PaymentsPage& page) {
  const metrics::PaymentsQuery& q = page.query;
  json rows = json::array();
  for (const metrics::PaymentRow& r : page.rows) {
    rows.push_back({{"member", r.member},
                    {"file_id", r.file_id},
                    {"file_name", r.file_name},
                    {"row", r.row},
                    {"paid_on", core::ToIso(r.paid_on)},
                    {"payee", r.payee},
                    {"supplier_key", r.supplier_key},
                    {"supplier_name", r.supplier_name},
                    {"amount_pence", r.amount},
                    {"expense_type", r.expense_type},
                    {"reference", r.reference},
                    {"description", r.description}});
  }
  return {{"query",
           {{"measure", q.measure},
            {"breakdown", q.breakdown},
            {"member", q.member.empty() ? json(nullptr) : json(q.member)},
            {"financial_year",
             q.financial_year ? json(core::FinancialYearLabel(*q.financial_year)) : json(nullptr)},
            {"to_financial_year",
             q.to_financial_year ? json(core::FinancialYearLabel(*q.to_financial_year))
                                 : json(nullptr)},
            {"quarter", q.quarter},
            {"size", q.filter.size ? json(metrics::SizeFilterName(*q.filter.size)) : json(nullptr)},
            {"geography", q.filter.geography.empty() ? json(nullptr) : json(q.filter.geography)},
            {"category", q.filter.category.empty() ? json(nullptr) : json(q.filter.category)},
            {"supplier", q.supplier.empty() ? json(nullptr) : json(q.supplier)},
            {"sort", q.sort},
            {"order", q.descending ? "desc" : "asc"}}},
          {"total", AmountJson(page.total)},
          {"offset", q.offset},
          {"limit", q.limit},
          {"data_version", page.data_version},
          {"rows", rows}};
}

std::string PaymentsCsv(const metrics::PaymentsPage& page) {
  std::string out =
      "member,file,row,paid_on,payee,supplier_key,supplier,amount,expense_type,reference,"
      "description\n";
  for (const metrics::PaymentRow& r : page.rows) {
    const core::Pence a = r.amount;
    const core::Pence abs = a < 0 ? -a : a;
    out += fmt::format("{},{},{},{},{},{},{},{}{}.{:02},{},{},{}\r\n", CsvCell(r.member),
                       CsvCell(r.file_name), r.row, core::ToIso(r.paid_on), CsvCell(r.payee),
                       CsvCell(r.supplier_key), CsvCell(r.supplier_name), a < 0 ? "-" : "",
                       abs / 100, abs % 100, CsvCell(r.expense_type), CsvCell(r.reference),
                       CsvCell(r.description));
  }
  return out;
}

namespace {

json FileJson(const store::ImportedFile& f) {
  const store::ImportCounts& c = f.counts;
  return {{"id", f.id},
          {"member", f.member},
          {"name", f.name},
          {"content_hash", f.content_hash},
          {"bytes", f.bytes},
          {"format", f.format},
          {"layout", f.layout},
          {"imported_at", f.imported_at},
          {"rows_read", c.rows_read},
          {"lines_imported", c.lines_imported},
          {"lines_duplicate", c.lines_duplicate},
          {"rows_rejected", c.rows_rejected},
          {"rows_skipped", c.rows_skipped},
          {"total_pence", c.total_imported},
          {"first_paid", DateJson(c.first_paid)},
          {"last_paid", DateJson(c.last_paid)}};
}

json OptionalPence(const std::optional<core::Pence>& p) { return p ? json(*p) : json(nullptr); }

}  // namespace

json ImportsJson(const std::vector<store::ImportedFile>& files) {
  json arr = json::array();
  for (const store::ImportedFile& f : files) arr.push_back(FileJson(f));
  return {{"imports", arr}};
}

json FileRowsJson(const store::ImportedFile& file, const std::vector<core::SpendLine>& lines,
                  std::int64_t row) {
  json arr = json::array();
  for (const core::SpendLine& l : lines) {
    arr.push_back({{"row", l.row},
                   {"is_requested", l.row == row},
                   {"paid_on", core::ToIso(l.paid_on)},
                   {"amount_pence", l.amount},
                   {"vat_pence", OptionalPence(l.vat)},
                   {"irrecoverable_vat_pence", OptionalPence(l.irrecoverable_vat)},
                   {"gross_pence", OptionalPence(l.gross)},
                   {"payee", l.payee},
                   {"payee_kind", l.payee_kind == core::PayeeKind::kPersonal ? "personal" : "organisation"},
                   {"payee_id", l.payee_id},
                   {"company_number", l.company_number},
                   {"charity_number", l.charity_number},
                   {"vat_number", l.vat_number},
                   {"postcode", l.postcode},
                   {"expense_type", l.expense_type},
                   {"service_area", l.service_area},
                   {"department", l.department},
                   {"description", l.description},
                   {"reference", l.reference},
                   {"merchant_category", l.merchant_category}});
  }
  return {{"file", FileJson(file)}, {"row", row}, {"rows", arr}};
}

json RejectsJson(const std::vector<store::RejectRecord>& rejects) {
  json arr = json::array();
  for (const store::RejectRecord& r : rejects) {
    arr.push_back({{"file_id", r.file_id},
                   {"file_name", r.file_name},
                   {"member", r.member},
                   {"line", r.reject.line},
                   {"column", r.reject.column},
                   {"code", core::ErrorCodeName(r.reject.code)},
                   {"message", r.reject.message},
                   {"raw", r.reject.raw}});
  }
  return {{"rejects", arr}};
}

}  // namespace anchornet::api::internal
