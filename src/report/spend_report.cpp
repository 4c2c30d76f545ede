#include "report/spend_report.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/money.h"
#include "ingest/payee.h"
#include "report/table.h"

namespace anchornet::report {

namespace {

using nlohmann::json;

constexpr const char* kSyntheticBanner =
    "SYNTHETIC DEMO DATA: generated members, suppliers and payments; not real spend.\n";

std::string MemberName(const core::Network& n, const std::string& id) {
  const core::Member* m = n.FindMember(id);
  return m ? m->name : id;
}

std::string DateRange(const std::optional<core::Date>& a, const std::optional<core::Date>& b) {
  if (!a || !b) return "no dates";
  return fmt::format("{} to {}", core::ToUkLong(*a), core::ToUkLong(*b));
}

json Amount(core::Pence p) { return json{{"pence", p}, {"pounds", core::FormatDecimal(p)}}; }

}  // namespace

std::string SpendSummaryTable(const metrics::SpendSummary& s) {
  std::string out;
  if (s.network.synthetic) out += kSyntheticBanner;
  out += fmt::format("{}: spend by member, financial year and quarter\n", s.network.name);
  out += fmt::format("{} payment lines, {}, paid {}\n", s.lines, core::FormatPounds(s.total),
                     DateRange(s.first_paid, s.last_paid));
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const core::MonthDay fy = s.network.financial_year_start;
  out += fmt::format(
      "Financial years start on {} {}; Q1 is their first three months. Amounts are "
      "cash paid as published (net of recoverable VAT where the file says so).\n\n",
      fy.day, kMonths[fy.month - 1]);
  TextTable t;
  t.AddColumn("Member");
  t.AddColumn("Year");
  for (const char* q : {"Q1", "Q2", "Q3", "Q4"}) t.AddColumn(q, Align::kRight);
  t.AddColumn("Total", Align::kRight);
  t.AddColumn("Lines", Align::kRight);
  // member -> year -> quarter amounts
  std::map<int, std::array<core::Pence, 4>> network_years;
  std::map<int, std::int64_t> network_lines;
  std::string current;
  std::array<core::Pence, 4> q{};
  std::int64_t lines = 0;
  int year = -1;
  auto flush = [&] {
    if (year < 0) return;
    core::Pence total = q[0] + q[1] + q[2] + q[3];
    t.AddRow({MemberName(s.network, current), core::FinancialYearLabel(year),
              core::FormatPoundsShort(q[0]), core::FormatPoundsShort(q[1]),
              core::FormatPoundsShort(q[2]), core::FormatPoundsShort(q[3]),
              core::FormatPoundsShort(total), fmt::format("{}", lines)});
  };
  for (const metrics::QuarterTotal& qt : s.quarters) {
    if (qt.member != current || qt.financial_year != year) {
      flush();
      current = qt.member;
      year = qt.financial_year;
      q = {};
      lines = 0;
    }
    q[qt.quarter - 1] += qt.amount;
    lines += qt.lines;
    network_years[qt.financial_year][qt.quarter - 1] += qt.amount;
    network_lines[qt.financial_year] += qt.lines;
  }
  flush();
  if (s.query.member.empty() && !network_years.empty()) {
    t.AddRule();
    for (const auto& [fy, nq] : network_years) {
      t.AddRow({"Whole network", core::FinancialYearLabel(fy), core::FormatPoundsShort(nq[0]),
                core::FormatPoundsShort(nq[1]), core::FormatPoundsShort(nq[2]),
                core::FormatPoundsShort(nq[3]),
                core::FormatPoundsShort(nq[0] + nq[1] + nq[2] + nq[3]),
                fmt::format("{}", network_lines[fy])});
    }
  }
  out += t.Render();
  out += fmt::format("\nTop {} payees{}\n", s.top_payees.size(),
                     s.query.financial_year
                         ? " in " + core::FinancialYearLabel(*s.query.financial_year)
                         : std::string());
  TextTable p;
  p.AddColumn("#", Align::kRight);
  p.AddColumn("Payee (as published)");
  p.AddColumn("Paid", Align::kRight);
  p.AddColumn("Share", Align::kRight);
  p.AddColumn("Lines", Align::kRight);
  p.AddColumn("Members", Align::kRight);
  int rank = 0;
  for (const store::PayeeTotal& pt : s.top_payees) {
    const double share = s.total != 0 ? 100.0 * static_cast<double>(pt.amount) / s.total : 0.0;
    p.AddRow({fmt::format("{}", ++rank), pt.payee, core::FormatPounds(pt.amount),
              fmt::format("{:.1f}%", share), fmt::format("{}", pt.lines),
              fmt::format("{}", pt.members)});
  }
  out += p.Render();
  out +=
      "Payees are grouped by name as published (case and spacing ignored); suppliers are not "
      "yet resolved across spellings.\n";
  return out;
}

std::string SpendSummaryJson(const metrics::SpendSummary& s) {
  json j;
  j["network"] = s.network.name;
  j["synthetic"] = s.network.synthetic;
  j["financial_year_start"] = fmt::format("{:02}-{:02}", s.network.financial_year_start.month,
                                          s.network.financial_year_start.day);
  j["filters"] = {{"financial_year", s.query.financial_year
                                         ? json(core::FinancialYearLabel(*s.query.financial_year))
                                         : json(nullptr)},
                  {"member", s.query.member.empty() ? json(nullptr) : json(s.query.member)}};
  j["lines"] = s.lines;
  j["total"] = Amount(s.total);
  j["first_paid"] = s.first_paid ? json(core::ToIso(*s.first_paid)) : json(nullptr);
  j["last_paid"] = s.last_paid ? json(core::ToIso(*s.last_paid)) : json(nullptr);
  json rows = json::array();
  for (const metrics::QuarterTotal& q : s.quarters) {
    rows.push_back({{"member", q.member},
                    {"member_name", MemberName(s.network, q.member)},
                    {"financial_year", core::FinancialYearLabel(q.financial_year)},
                    {"quarter", q.quarter},
                    {"lines", q.lines},
                    {"amount", Amount(q.amount)}});
  }
  j["by_member_year_quarter"] = rows;
  json payees = json::array();
  for (const store::PayeeTotal& p : s.top_payees) {
    payees.push_back({{"payee", p.payee},
                      {"personal", p.kind == core::PayeeKind::kPersonal},
                      {"members", p.members},
                      {"lines", p.lines},
                      {"amount", Amount(p.amount)}});
  }
  j["top_payees"] = payees;
  return j.dump(2) + "\n";
}

std::string SpendSummaryCsv(const metrics::SpendSummary& s) {
  std::string out = "member,member_name,financial_year,quarter,lines,amount_pence,amount\n";
  for (const metrics::QuarterTotal& q : s.quarters) {
    out += fmt::format("{},{},{},{},{},{},{}\n", CsvCell(q.member),
                       CsvCell(MemberName(s.network, q.member)),
                       core::FinancialYearLabel(q.financial_year), q.quarter, q.lines, q.amount,
                       core::FormatDecimal(q.amount));
  }
  return out;
}

std::string ImportSummaryText(const ingest::ImportSummary& s) {
  std::string out = fmt::format("{} (member {})\n", s.path, s.member);
  if (s.already_imported) {
    for (const std::string& n : s.notes) out += fmt::format("  {}\n", n);
    return out;
  }
  out += fmt::format("  read as:    {}\n", s.reader);
  if (s.header_inferred) {
    out += "  header:     none; columns inferred from their contents\n";
  } else if (s.header_line > 0) {
    out += fmt::format("  header:     line {}\n", s.header_line);
  }
  for (const ingest::ColumnAssignment& c : s.columns) {
    out += fmt::format("  {:<18} column {:>2}{} ({})\n", c.role, c.column,
                       c.header.empty() ? "" : fmt::format(" '{}'", c.header), c.how);
  }
  if (!s.payee_scores.empty()) {
    out += fmt::format(
        "  payee guess (confident at {:.2f} or more and {:.2f} ahead of the runner-up):\n",
        ingest::kPayeeScoreFloor, ingest::kPayeeLeadFloor);
    for (std::size_t i = 0; i < s.payee_scores.size() && i < 3; ++i) {
      const ingest::PayeeScore& p = s.payee_scores[i];
      out +=
          fmt::format("    {:<16} column {:>2}{} score {:.2f}, e.g. '{}'\n",
                      i == 0 ? "payee" : (i == 1 ? "runner-up" : "next"), p.column,
                      p.header.empty() ? "" : fmt::format(" '{}'", p.header), p.score, p.example);
    }
  }
  if (s.refused) {
    out += fmt::format("  refused:    {} [{}]\n", s.refused->message,
                       core::ErrorCodeName(s.refused->code));
  }
  if (!s.ignored_columns.empty()) {
    std::string list;
    for (const std::string& h : s.ignored_columns)
      list += fmt::format("{}'{}'", list.empty() ? "" : ", ", h);
    out += fmt::format("  not used:   {}\n", list);
  }
  const store::ImportCounts& c = s.counts;
  out += fmt::format("  rows read {}, {} {}, duplicate {}, rejected {}, skipped {}\n", c.rows_read,
                     s.dry_run ? "would import" : "imported", c.lines_imported, c.lines_duplicate,
                     c.rows_rejected, c.rows_skipped);
  out += fmt::format("  total {} paid {}\n", core::FormatPounds(c.total_imported),
                     DateRange(c.first_paid, c.last_paid));
  for (const std::string& n : s.notes) out += fmt::format("  note: {}\n", n);
  for (const auto& [code, n] : s.rejects_by_code) {
    out +=
        fmt::format("  rejected {} row{}: {}\n", n, n == 1 ? "" : "s", core::ErrorCodeName(code));
  }
  for (const core::Reject& r : s.first_rejects) {
    out += fmt::format("    {}:{}:{}: {} [{}]\n", s.path, r.line, r.column, r.message,
                       core::ErrorCodeName(r.code));
  }
  if (s.dry_run && !s.preview.empty()) {
    TextTable t;
    t.AddColumn("Row", Align::kRight);
    t.AddColumn("Paid");
    t.AddColumn("Payee");
    t.AddColumn("Amount", Align::kRight);
    t.AddColumn("Expense type");
    t.AddColumn("Reference");
    for (const core::SpendLine& l : s.preview) {
      t.AddRow({fmt::format("{}", l.row), core::ToIso(l.paid_on),
                l.payee + (l.payee_kind == core::PayeeKind::kPersonal ? " (personal)" : ""),
                core::FormatPounds(l.amount), l.expense_type, l.reference});
    }
    out += "\n  First rows as understood (dry run: nothing stored):\n" + t.Render();
  }
  return out;
}

nlohmann::json ImportSummaryJsonValue(const std::vector<ingest::ImportSummary>& summaries) {
  json arr = json::array();
  for (const ingest::ImportSummary& s : summaries) {
    json cols = json::array();
    for (const ingest::ColumnAssignment& c : s.columns) {
      cols.push_back(
          {{"role", c.role}, {"column", c.column}, {"header", c.header}, {"how", c.how}});
    }
    json rejects = json::array();
    for (const core::Reject& r : s.first_rejects) {
      rejects.push_back({{"line", r.line},
                         {"column", r.column},
                         {"code", core::ErrorCodeName(r.code)},
                         {"message", r.message}});
    }
    json by_code = json::object();
    for (const auto& [code, n] : s.rejects_by_code)
      by_code[std::string(core::ErrorCodeName(code))] = n;
    const store::ImportCounts& c = s.counts;
    json payee_scores = json::array();
    for (const ingest::PayeeScore& p : s.payee_scores) {
      payee_scores.push_back({{"column", p.column},
                              {"header", p.header},
                              {"score", std::round(p.score * 100) / 100},
                              {"example", p.example}});
    }
    arr.push_back({{"file", s.path},
                   {"member", s.member},
                   {"format", s.format},
                   {"read_as", s.reader},
                   {"header_line", s.header_line},
                   {"header_inferred", s.header_inferred},
                   {"columns", cols},
                   {"content_hash", s.content_hash},
                   {"dry_run", s.dry_run},
                   {"already_imported", s.already_imported},
                   {"file_id", s.file_id},
                   {"rows_read", c.rows_read},
                   {"lines_imported", c.lines_imported},
                   {"lines_duplicate", c.lines_duplicate},
                   {"rows_rejected", c.rows_rejected},
                   {"rows_skipped", c.rows_skipped},
                   {"total", Amount(c.total_imported)},
                   {"first_paid", c.first_paid ? json(core::ToIso(*c.first_paid)) : json(nullptr)},
                   {"last_paid", c.last_paid ? json(core::ToIso(*c.last_paid)) : json(nullptr)},
                   {"rejects_by_code", by_code},
                   {"first_rejects", rejects},
                   {"notes", s.notes}});
    // Only when the payee was inferred, and only for a refused dry run, so that every other
    // summary keeps its shape.
    if (!s.payee_scores.empty()) arr.back()["payee_scores"] = payee_scores;
    if (s.refused) {
      arr.back()["refused"] = {{"code", core::ErrorCodeName(s.refused->code)},
                               {"message", s.refused->message}};
    }
  }
  return arr;
}

std::string ImportSummaryJson(const std::vector<ingest::ImportSummary>& summaries) {
  return ImportSummaryJsonValue(summaries).dump(2) + "\n";
}

std::string RejectsTable(const std::vector<store::RejectRecord>& rejects) {
  TextTable t;
  t.AddColumn("Member");
  t.AddColumn("File");
  t.AddColumn("Line", Align::kRight);
  t.AddColumn("Col", Align::kRight);
  t.AddColumn("Code");
  t.AddColumn("Problem");
  t.AddColumn("Row as published");
  for (const store::RejectRecord& r : rejects) {
    std::string raw = r.reject.raw.size() > 60 ? r.reject.raw.substr(0, 57) + "..." : r.reject.raw;
    t.AddRow({r.member, r.file_name, fmt::format("{}", r.reject.line),
              r.reject.column > 0 ? fmt::format("{}", r.reject.column) : "",
              std::string(core::ErrorCodeName(r.reject.code)), r.reject.message, raw});
  }
  return t.Render();
}

std::string ImportsTable(const std::vector<store::ImportedFile>& files) {
  TextTable t;
  t.AddColumn("Id", Align::kRight);
  t.AddColumn("Member");
  t.AddColumn("File");
  t.AddColumn("Imported");
  t.AddColumn("Lines", Align::kRight);
  t.AddColumn("Dup", Align::kRight);
  t.AddColumn("Rejected", Align::kRight);
  t.AddColumn("Total", Align::kRight);
  t.AddColumn("Paid");
  for (const store::ImportedFile& f : files) {
    t.AddRow(
        {fmt::format("{}", f.id), f.member, f.name, f.imported_at,
         fmt::format("{}", f.counts.lines_imported), fmt::format("{}", f.counts.lines_duplicate),
         fmt::format("{}", f.counts.rows_rejected), core::FormatPounds(f.counts.total_imported),
         DateRange(f.counts.first_paid, f.counts.last_paid)});
  }
  return t.Render();
}

std::string NetworkText(const core::Network& n) {
  std::string out;
  if (n.synthetic) out += kSyntheticBanner;
  out += fmt::format("{}\n", n.name);
  out += fmt::format("Financial year starts: {:02}-{:02} (month-day)\n",
                     n.financial_year_start.month, n.financial_year_start.day);
  if (!n.geography_name.empty() || !n.geography_codes.empty()) {
    out += fmt::format("Home geography: {} ({} area code{})\n", n.geography_name,
                       n.geography_codes.size(), n.geography_codes.size() == 1 ? "" : "s");
  }
  out += fmt::format("\n{} member{}\n", n.members.size(), n.members.size() == 1 ? "" : "s");
  TextTable t;
  t.AddColumn("Id");
  t.AddColumn("Name");
  t.AddColumn("Sector");
  t.AddColumn("Area");
  for (const core::Member& m : n.members) {
    t.AddRow({m.id, m.name, std::string(core::SectorLabel(m.sector)), m.geography});
  }
  out += t.Render();
  if (!n.goals.empty()) {
    out += fmt::format("\n{} goal{} (evaluated once supplier classification lands)\n",
                       n.goals.size(), n.goals.size() == 1 ? "" : "s");
    TextTable g;
    g.AddColumn("Id");
    g.AddColumn("Measure");
    g.AddColumn("Kind");
    g.AddColumn("Target", Align::kRight);
    g.AddColumn("Years");
    g.AddColumn("Member");
    for (const core::Goal& goal : n.goals) {
      g.AddRow({goal.id, goal.measure, std::string(core::GoalKindName(goal.kind)),
                goal.kind == core::GoalKind::kShare
                    ? fmt::format("{:.0f}%", core::GoalTargetInUnit(goal) * 100)
                    : core::FormatMeasureValue(goal.target, core::GoalUnit(goal)),
                fmt::format("{} to {}", core::FinancialYearLabel(goal.from_fy),
                            core::FinancialYearLabel(goal.to_fy)),
                goal.member.empty() ? "whole network" : goal.member});
    }
    out += g.Render();
  }
  if (!n.rules.empty()) {
    out += fmt::format("\n{} addressable-spend rule{}\n", n.rules.size(),
                       n.rules.size() == 1 ? "" : "s");
    for (const core::SpendRule& r : n.rules) {
      out += fmt::format(
          "  {}: exclude {} matching {} ({})\n", r.id, core::RuleMatchName(r.match),
          r.patterns.empty() ? "" : r.patterns.front() + (r.patterns.size() > 1 ? ", ..." : ""),
          r.reason);
    }
  }
  return out;
}

}  // namespace anchornet::report
