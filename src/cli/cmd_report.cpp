// `anchornet report`: the procurement measures (S1-S9) with coverage, the S1 -> S2 bridge, goals
// and top suppliers, as a terminal table, JSON, CSV or an XLSX workbook.
#include <fmt/format.h>

#include <fstream>

#include "app/options.h"
#include "cli/command.h"
#include "core/date.h"
#include "metrics/measures.h"
#include "report/measures_report.h"

namespace anchornet::cli {

namespace {
struct ReportFlags {
  std::string fy;
  std::string member;
  std::string format;
  std::string out;
  std::int64_t top = 25;
  bool members = false;
};
}  // namespace

void AddReportCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "report",
      "The network's procurement measures (docs/metrics.md) by member, financial year and\n"
      "quarter, each with its coverage; the bridge from payments to addressable spend; goals\n"
      "and progress; the top suppliers.");
  auto f = std::make_shared<ReportFlags>();
  cmd->add_option("--fy", f->fy, "Financial year, e.g. 2023/24 (default: every year)");
  cmd->add_option("--member", f->member, "Only this member");
  cmd->add_option("--format", f->format,
                  "table, json, csv or xlsx (default: table, or from --out's extension)")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  cmd->add_option("--out", f->out, "Write to this file instead of the terminal (needed for xlsx)");
  cmd->add_flag("--members", f->members,
                "Table format: each member's own tables too (default: the network's tables and "
                "members at a glance)");
  cmd->add_option("--top", f->top, "How many suppliers to list")
      ->default_val(25)
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1000000}));
  AddReportImpactCommand(*cmd, g);
  cmd->callback([&g, f, cmd] {
    if (cmd->got_subcommand("impact")) return;  // `report impact` set g.run
    g.run = [&g, f]() -> int {
      std::string format = f->format;
      if (format.empty()) {
        format = f->out.ends_with(".xlsx") ? "xlsx"
                 : f->out.ends_with(".json") ? "json"
                 : f->out.ends_with(".csv")  ? "csv"
                                             : "table";
      }
      if (format == "xlsx" && f->out.empty()) {
        return Report(core::Error{core::ErrorCode::kUsage,
                                  "an XLSX report needs --out FILE.xlsx", {}});
      }
      metrics::ReportQuery q;
      q.member = f->member;
      q.top_suppliers = f->top;
      q.member_detail = f->members;
      auto fy = app::ParseFinancialYearOption("--fy", f->fy);
      if (!fy) return Report(fy.error());
      q.financial_year = *fy;
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      auto r = metrics::ComputeMeasures(*ws->store, q);
      if (!r) return Report(r.error());
      if (format == "xlsx") {
        if (auto s = report::WriteMeasuresXlsx(*r, f->out); !s) return Report(s.error());
        fmt::print("Wrote {}\n", f->out);
        return 0;
      }
      const std::string text = format == "json"  ? report::MeasuresJson(*r)
                               : format == "csv" ? report::MeasuresCsv(*r)
                                                 : report::MeasuresTable(*r);
      if (f->out.empty()) {
        fmt::print("{}", text);
        return 0;
      }
      std::ofstream out(f->out, std::ios::binary | std::ios::trunc);
      out << text;
      out.close();
      if (!out) {
        return Report(core::Error{core::ErrorCode::kStoreIo,
                                  fmt::format("could not write '{}'", f->out), {}});
      }
      fmt::print("Wrote {}\n", f->out);
      return 0;
    };
  });
}

}  // namespace anchornet::cli
