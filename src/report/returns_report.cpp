#include "report/returns_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "report/table.h"

namespace anchornet::report {

namespace {

std::string IssueLine(const store::ReturnIssue& i, const std::string& path) {
  std::string where = path;
  if (i.reject.line > 0) where += fmt::format(":{}", i.reject.line);
  if (i.reject.column > 0) where += fmt::format(":{}", i.reject.column);
  return fmt::format("  {}: {}: {} [{}]", where, i.warning ? "warning" : "error", i.reject.message,
                     core::ErrorCodeName(i.reject.code));
}

std::string ValueText(const std::string& measure, std::optional<std::int64_t> v) {
  if (!v) return "—";
  const auto info = core::FindAnyReturnMeasure(measure);
  return core::FormatMeasureValue(*v, info ? info->unit : core::ReturnUnit::kCount);
}

}  // namespace

std::string ReturnImportText(const ingest::ReturnImportSummary& s) {
  std::string out;
  if (s.already_imported) {
    return fmt::format("{}: already imported (file {}); nothing changed\n", s.path, s.file_id);
  }
  out += fmt::format("{}: {} {} returns file, {} rows read{}\n", s.path, s.format, s.shape,
                     s.rows_read, s.dry_run ? " (dry run: nothing stored)" : "");
  for (const auto& r : s.returns) {
    out += fmt::format("  {} {}: {} figures, {} levy transfers, {} carbon projects", r.member,
                       core::ReturnPeriodLabel(r.financial_year, r.quarter), r.figures, r.transfers,
                       r.projects);
    if (r.submission_id != 0) out += fmt::format(" (submission {}", r.submission_id);
    if (r.supersedes != 0) out += fmt::format(", replaces submission {}", r.supersedes);
    if (r.submission_id != 0) out += ")";
    out += "\n";
  }
  if (s.returns.empty()) out += "  no return in the file had a figure\n";
  out += fmt::format("  {} row{} not taken, {} warning{}\n", s.errors, s.errors == 1 ? "" : "s",
                     s.warnings, s.warnings == 1 ? "" : "s");
  for (const store::ReturnIssue& i : s.issues) out += IssueLine(i, s.path) + "\n";
  return out;
}

nlohmann::json ReturnImportJsonValue(const std::vector<ingest::ReturnImportSummary>& all) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& s : all) {
    nlohmann::json returns = nlohmann::json::array();
    for (const auto& r : s.returns) {
      returns.push_back({{"member", r.member},
                         {"financial_year", core::FinancialYearLabel(r.financial_year)},
                         {"quarter", r.quarter},
                         {"submission_id", r.submission_id},
                         {"supersedes", r.supersedes},
                         {"figures", r.figures},
                         {"transfers", r.transfers},
                         {"projects", r.projects}});
    }
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : s.issues) {
      issues.push_back({{"line", i.reject.line},
                        {"column", i.reject.column},
                        {"code", core::ErrorCodeName(i.reject.code)},
                        {"severity", i.warning ? "warning" : "error"},
                        {"message", i.reject.message}});
    }
    files.push_back({{"path", s.path},
                     {"format", s.format},
                     {"shape", s.shape},
                     {"content_hash", s.content_hash},
                     {"dry_run", s.dry_run},
                     {"already_imported", s.already_imported},
                     {"file_id", s.file_id},
                     {"rows_read", s.rows_read},
                     {"errors", s.errors},
                     {"warnings", s.warnings},
                     {"returns", returns},
                     {"issues", issues}});
  }
  return nlohmann::json{{"files", files}};
}

std::string ReturnImportJson(const std::vector<ingest::ReturnImportSummary>& all) {
  return ReturnImportJsonValue(all).dump(2) + "\n";
}

std::string ReturnsStatusTable(const std::vector<metrics::ReturnStatusRow>& rows, int fy) {
  TextTable t;
  t.AddColumn("Member");
  t.AddColumn("Return");
  t.AddColumn("Submitted");
  t.AddColumn("File");
  t.AddColumn("Errors", Align::kRight);
  t.AddColumn("Warnings", Align::kRight);
  t.AddColumn("Resubmitted", Align::kRight);
  int submitted = 0;
  for (const auto& r : rows) {
    submitted += r.submitted;
    if (!r.submitted) {
      t.AddRow({r.member_name, "missing", "", "", "", "", ""});
      continue;
    }
    for (const auto& s : r.submissions) {
      t.AddRow({r.member_name, core::ReturnPeriodLabel(s.financial_year, s.quarter),
                s.submitted_at.substr(0, 10), s.file_name, std::to_string(s.errors),
                std::to_string(s.warnings), std::to_string(r.resubmissions)});
    }
  }
  std::string out = fmt::format("Returns for FY {}: {} of {} members submitted\n\n",
                                core::FinancialYearLabel(fy), submitted, rows.size());
  out += t.Render();
  std::string changes;
  for (const auto& r : rows) {
    for (const auto& c : r.changes) {
      changes += fmt::format("  {}{}: {} {} -> {}\n", r.member_name,
                             c.quarter ? fmt::format(" Q{}", c.quarter) : std::string(), c.measure,
                             ValueText(c.measure, c.before), ValueText(c.measure, c.after));
    }
  }
  if (!changes.empty()) out += "\nChanged by resubmission (earlier -> current):\n" + changes;
  std::string missing;
  for (const auto& r : rows) {
    if (!r.submitted) missing += (missing.empty() ? "" : ", ") + r.member_name;
  }
  if (!missing.empty()) out += "\nStill to send: " + missing + "\n";
  return out;
}

nlohmann::json ReturnsStatusJsonValue(const std::vector<metrics::ReturnStatusRow>& rows, int fy) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json subs = nlohmann::json::array();
    for (const auto& s : r.submissions) {
      subs.push_back({{"id", s.id},
                      {"quarter", s.quarter},
                      {"file", s.file_name},
                      {"submitted_at", s.submitted_at},
                      {"supersedes", s.supersedes},
                      {"errors", s.errors},
                      {"warnings", s.warnings}});
    }
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : r.changes) {
      changes.push_back({{"measure", c.measure},
                         {"quarter", c.quarter},
                         {"before", c.before ? nlohmann::json(*c.before) : nlohmann::json()},
                         {"after", c.after ? nlohmann::json(*c.after) : nlohmann::json()}});
    }
    members.push_back({{"member", r.member},
                       {"name", r.member_name},
                       {"submitted", r.submitted},
                       {"submissions", subs},
                       {"resubmissions", r.resubmissions},
                       {"changes", changes}});
  }
  return nlohmann::json{{"financial_year", core::FinancialYearLabel(fy)}, {"members", members}};
}

std::string ReturnsStatusJson(const std::vector<metrics::ReturnStatusRow>& rows, int fy) {
  return ReturnsStatusJsonValue(rows, fy).dump(2) + "\n";
}

std::string ReturnSubmissionsTable(const std::vector<store::ReturnSubmission>& subs) {
  if (subs.empty()) return "No returns imported (see `anchornet template returns`).\n";
  TextTable t;
  t.AddColumn("Id", Align::kRight);
  t.AddColumn("Member");
  t.AddColumn("Period");
  t.AddColumn("Submitted");
  t.AddColumn("File");
  t.AddColumn("Figures", Align::kRight);
  t.AddColumn("Transfers", Align::kRight);
  t.AddColumn("Projects", Align::kRight);
  t.AddColumn("State");
  for (const auto& s : subs) {
    t.AddRow({std::to_string(s.id), s.member, core::ReturnPeriodLabel(s.financial_year, s.quarter),
              s.submitted_at.substr(0, 10), s.file_name, std::to_string(s.figures),
              std::to_string(s.transfers), std::to_string(s.projects),
              s.superseded_by ? fmt::format("replaced by {}", s.superseded_by) : "current"});
  }
  return t.Render();
}

std::string ReturnShowText(const store::ReturnSubmission& sub, const core::MemberReturn& ret,
                           const std::vector<store::ReturnIssue>& issues) {
  std::string out = fmt::format(
      "Submission {}: {} {}, file {}, submitted {}{}\n\n", sub.id, sub.member,
      core::ReturnPeriodLabel(sub.financial_year, sub.quarter), sub.file_name, sub.submitted_at,
      sub.superseded_by ? fmt::format(" (replaced by submission {})", sub.superseded_by)
                        : std::string(" (current)"));
  TextTable t;
  t.AddColumn("Measure");
  t.AddColumn("Label");
  t.AddColumn("Figure", Align::kRight);
  t.AddColumn("Note");
  t.AddColumn("Flag");
  for (const core::ReturnFigure& f : ret.figures) {
    const core::ReturnMeasure* m = core::FindReturnMeasure(f.measure);
    t.AddRow({f.measure, m ? std::string(m->label) : "",
              core::FormatMeasureValue(f.value, m ? m->unit : core::ReturnUnit::kCount), f.note,
              f.flag});
  }
  out += t.Render();
  if (!ret.transfers.empty()) {
    TextTable tt;
    tt.AddColumn("Levy transfer to");
    tt.AddColumn("SME");
    tt.AddColumn("Committed", Align::kRight);
    tt.AddColumn("Paid", Align::kRight);
    tt.AddColumn("Apprenticeships", Align::kRight);
    for (const core::LevyTransfer& x : ret.transfers) {
      tt.AddRow({x.recipient, x.recipient_sme ? (*x.recipient_sme ? "yes" : "no") : "not known",
                 core::FormatPounds(x.committed), core::FormatPounds(x.paid),
                 std::to_string(x.apprenticeships)});
    }
    out += "\n" + tt.Render();
  }
  if (!ret.projects.empty()) {
    TextTable pt;
    pt.AddColumn("Project");
    pt.AddColumn("Kind");
    pt.AddColumn("Activity");
    pt.AddColumn("Year", Align::kRight);
    pt.AddColumn("Baseline", Align::kRight);
    pt.AddColumn("After", Align::kRight);
    pt.AddColumn("Factor (kg CO2e/unit)", Align::kRight);
    pt.AddColumn("Saved", Align::kRight);
    for (const core::CarbonProject& p : ret.projects) {
      pt.AddRow({p.id + " " + p.name, p.kind, p.factor_path + " [" + p.factor_id + "]",
                 std::to_string(p.activity_year), fmt::format("{:g} {}", p.baseline, p.unit),
                 fmt::format("{:g} {}", p.after, p.unit), fmt::format("{:.6g}", p.factor),
                 core::FormatMeasureValue(p.saved_kg, core::ReturnUnit::kTonnes)});
    }
    out += "\n" + pt.Render();
  }
  if (!issues.empty()) {
    out += "\nIssues:\n";
    for (const store::ReturnIssue& i : issues) out += IssueLine(i, sub.file_name) + "\n";
  }
  return out;
}

}  // namespace anchornet::report
