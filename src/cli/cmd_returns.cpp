// Members' returns and the impact report:
//   anchornet template returns --member ID --fy 2024/25 [--quarter N] --out FILE(.xlsx|.csv)
//   anchornet import returns FILE... [--member ID] [--dry-run] [--format text|json]
//   anchornet returns status --fy 2024/25 | list [--fy] [--member] [--history] | show ID
//   anchornet report impact --fy 2023/24 --format html|xlsx|md [--out FILE]
#include <fmt/format.h>

#include <fstream>

#include "app/options.h"
#include "cli/command.h"
#include "core/date.h"
#include "ingest/returns.h"
#include "metrics/impact.h"
#include "metrics/returns.h"
#include "report/impact_report.h"
#include "report/returns_report.h"

namespace anchornet::cli {

namespace {

// --fy as a financial year (app::ParseFinancialYearOption), the flag being given.
core::Result<int> FinancialYearFlag(const std::string& text) {
  auto fy = app::ParseFinancialYearOption("--fy", text);
  if (!fy) return tl::unexpected(fy.error());
  if (!*fy) return core::Fail(core::ErrorCode::kUsage, "--fy needs a financial year such as 2024/25");
  return **fy;
}

core::Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out)
    return core::Fail(core::ErrorCode::kFileUnreadable, fmt::format("could not write '{}'", path));
  return {};
}

}  // namespace

void AddTemplateReturnsCommand(CLI::App& tmpl, Globals& g) {
  struct Flags {
    std::string member, fy, out;
    int quarter = 0;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = tmpl.add_subcommand(
      "returns",
      "A member's return for one period: one row per measure (W1-W5, E1-E4, C4-C5) with unit,\n"
      "guidance and last year's figure, and sheets for levy transfers and carbon projects.\n"
      "Import it with `anchornet import returns FILE`.");
  cmd->add_option("--member", f->member, "Member id")->required();
  cmd->add_option("--fy", f->fy, "Financial year, e.g. 2024/25")->required();
  cmd->add_option("--quarter", f->quarter, "A quarterly return: 1-4 (default: the whole year)")
      ->check(CLI::Range(0, 4));
  cmd->add_option("--out", f->out, "File to write: .xlsx or .csv")->required();
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      auto fy = FinancialYearFlag(f->fy);
      if (!fy) return Report(fy.error());
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      ingest::ReturnTemplateOptions o{f->member, *fy, f->quarter, f->out};
      if (auto s = ingest::WriteReturnTemplate(*ws->store, ws->network, o); !s) {
        return Report(s.error());
      }
      fmt::print("Wrote the {} return template for {} to {}\n",
                 core::ReturnPeriodLabel(*fy, f->quarter), f->member, f->out);
      return 0;
    };
  });
}

void AddImportReturnsCommand(CLI::App& import, Globals& g) {
  struct Flags {
    std::vector<std::string> files;
    ingest::ReturnImportOptions options;
    std::string format = "text";
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = import.add_subcommand(
      "returns",
      "Import members' returns: the template (XLSX or CSV) or a plain CSV of figures\n"
      "(member, period, measure, value[, note]). One transaction per file; bad rows are\n"
      "listed with line and column and not taken; a resubmitted return replaces the earlier\n"
      "one for that member and period, which is kept as history.");
  cmd->add_option("FILE", f->files, "Files to import")->required();
  cmd->add_option("--member", f->options.member,
                  "Only accept returns from this member (a file naming another is refused)");
  cmd->add_option("--by", f->options.imported_by, "Who is importing (kept with the file)");
  cmd->add_flag("--dry-run", f->options.dry_run, "Check the file; store nothing");
  cmd->add_option("--format", f->format, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      std::vector<ingest::ReturnImportSummary> done;
      int worst = 0;
      for (const std::string& path : f->files) {
        auto s = ingest::ImportReturnsFile(*ws->store, ws->network, path, f->options);
        if (!s) {
          worst = Report(s.error());
          continue;
        }
        if (f->format == "text") fmt::print("{}", report::ReturnImportText(*s));
        done.push_back(std::move(*s));
      }
      if (f->format == "json") fmt::print("{}", report::ReturnImportJson(done));
      return worst;
    };
  });
}

void AddReturnsCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("returns", "Members' returns: who has sent what");
  cmd->require_subcommand(1);

  struct StatusFlags {
    std::string fy;
    std::string format = "text";
  };
  auto sf = std::make_shared<StatusFlags>();
  auto* status = cmd->add_subcommand(
      "status", "Who has submitted a return for the year, who has not, and what changed");
  status->add_option("--fy", sf->fy, "Financial year, e.g. 2024/25")->required();
  status->add_option("--format", sf->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  status->callback([&g, sf] {
    g.run = [&g, sf]() -> int {
      auto fy = FinancialYearFlag(sf->fy);
      if (!fy) return Report(fy.error());
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      auto rows = metrics::ReturnsStatus(*ws->store, *fy);
      if (!rows) return Report(rows.error());
      fmt::print("{}", sf->format == "json" ? report::ReturnsStatusJson(*rows, *fy)
                                            : report::ReturnsStatusTable(*rows, *fy));
      return 0;
    };
  });

  struct ListFlags {
    std::string fy, member;
    bool history = false;
  };
  auto lf = std::make_shared<ListFlags>();
  auto* list = cmd->add_subcommand("list", "Submissions, current ones unless --history");
  list->add_option("--fy", lf->fy, "Only this financial year");
  list->add_option("--member", lf->member, "Only this member");
  list->add_flag("--history", lf->history, "Include replaced submissions");
  list->callback([&g, lf] {
    g.run = [&g, lf]() -> int {
      store::ReturnFilter filter;
      if (!lf->fy.empty()) {
        auto fy = FinancialYearFlag(lf->fy);
        if (!fy) return Report(fy.error());
        filter.financial_year = *fy;
      }
      filter.member = lf->member;
      filter.history = lf->history;
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      if (!lf->member.empty() && !ws->network.FindMember(lf->member)) {
        return Report(core::UnknownMember(lf->member));
      }
      auto subs = ws->store->ListReturnSubmissions(filter);
      if (!subs) return Report(subs.error());
      fmt::print("{}", report::ReturnSubmissionsTable(*subs));
      return 0;
    };
  });

  auto id = std::make_shared<std::int64_t>(0);
  auto* show = cmd->add_subcommand("show", "One submission: figures, transfers, projects, issues");
  show->add_option("ID", *id, "Submission id (see `anchornet returns list`)")->required();
  show->callback([&g, id] {
    g.run = [&g, id]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      store::ReturnFilter filter;
      filter.history = true;
      auto subs = ws->store->ListReturnSubmissions(filter);
      if (!subs) return Report(subs.error());
      const store::ReturnSubmission* sub = nullptr;
      for (const auto& s : *subs) {
        if (s.id == *id) sub = &s;
      }
      if (!sub) {
        return Report(core::Error{
            core::ErrorCode::kNotFound, fmt::format("no return submission {}", *id), {}});
      }
      auto ret = ws->store->LoadReturn(*id);
      if (!ret) return Report(ret.error());
      auto issues = ws->store->ListReturnIssues(*id);
      if (!issues) return Report(issues.error());
      fmt::print("{}", report::ReturnShowText(*sub, *ret, *issues));
      return 0;
    };
  });
}

void AddReportImpactCommand(CLI::App& report_cmd, Globals& g) {
  struct Flags {
    std::string fy, format, out;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = report_cmd.add_subcommand(
      "impact",
      "The network's annual impact report: headlines in plain words with their basis, a section\n"
      "per pillar with charts, the member table, data quality, definitions and the trace of\n"
      "every headline to its inputs. HTML is one self-contained file that prints well.");
  cmd->add_option("--fy", f->fy, "Financial year, e.g. 2023/24")->required();
  cmd->add_option("--format", f->format, "html, xlsx or md (default: from --out's extension)")
      ->check(CLI::IsMember({"html", "xlsx", "md"}));
  cmd->add_option("--out", f->out, "File to write (default for html/md: the terminal)");
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      auto fy = FinancialYearFlag(f->fy);
      if (!fy) return Report(fy.error());
      std::string format = f->format;
      if (format.empty()) {
        format = f->out.ends_with(".xlsx") ? "xlsx" : f->out.ends_with(".md") ? "md" : "html";
      }
      if (format == "xlsx" && f->out.empty()) {
        return Report(
            core::Error{core::ErrorCode::kUsage, "an XLSX report needs --out FILE.xlsx", {}});
      }
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      auto r = metrics::ComputeImpact(*ws->store, *fy);
      if (!r) return Report(r.error());
      if (format == "xlsx") {
        if (auto s = report::WriteImpactXlsx(*r, f->out); !s) return Report(s.error());
      } else {
        const std::string text =
            format == "md" ? report::ImpactMarkdown(*r) : report::ImpactHtml(*r);
        if (f->out.empty()) {
          fmt::print("{}", text);
          return 0;
        }
        if (auto s = WriteText(f->out, text); !s) return Report(s.error());
      }
      fmt::print("Wrote the FY {} impact report to {}\n", core::FinancialYearLabel(*fy), f->out);
      return 0;
    };
  });
}

}  // namespace anchornet::cli
