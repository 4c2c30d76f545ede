// `anchornet spend summary`: totals by member x financial year x quarter and the top payees.
#include <fmt/format.h>

#include "app/options.h"
#include "cli/command.h"
#include "core/date.h"
#include "metrics/spend_summary.h"
#include "report/spend_report.h"

namespace anchornet::cli {

namespace {
struct SummaryFlags {
  std::string fy;
  std::string member;
  std::string format = "table";
  std::int64_t top = 20;
};
}  // namespace

void AddSpendCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("spend", "Look at imported spend");
  cmd->require_subcommand(1);
  auto* summary = cmd->add_subcommand(
      "summary", "Totals by member, financial year and quarter, and the top payees");
  auto f = std::make_shared<SummaryFlags>();
  summary->add_option("--fy", f->fy, "Financial year, e.g. 2023/24");
  summary->add_option("--member", f->member, "Only this member");
  summary->add_option("--format", f->format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  summary->add_option("--top", f->top, "How many payees to list")
      ->default_val(20)
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{100000}));
  summary->callback([&g, f] {
    g.run = [&g, f]() -> int {
      metrics::SummaryQuery q;
      q.member = f->member;
      q.top = f->top;
      auto fy = app::ParseFinancialYearOption("--fy", f->fy);
      if (!fy) return Report(fy.error());
      q.financial_year = *fy;
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      auto s = metrics::SummariseSpend(*store, q);
      if (!s) return Report(s.error());
      if (f->format == "json") {
        fmt::print("{}", report::SpendSummaryJson(*s));
      } else if (f->format == "csv") {
        fmt::print("{}", report::SpendSummaryCsv(*s));
      } else {
        fmt::print("{}", report::SpendSummaryTable(*s));
      }
      return 0;
    };
  });
}

}  // namespace anchornet::cli
