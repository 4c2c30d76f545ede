// `anchornet demo`: writes a synthetic network's payment files, registers and supplier returns,
// imports and resolves them, then prints the procurement measures report. Everything it makes is
// labelled synthetic.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "cli/command.h"
#include "demo/demo.h"
#include "metrics/impact.h"
#include "metrics/measures.h"
#include "report/impact_report.h"
#include "report/measures_report.h"

namespace anchornet::cli {

namespace {
// Suppliers listed at the end of the demo's report (`anchornet report` lists more).
constexpr std::int64_t kDemoTopSuppliers = 20;

struct DemoFlags {
  demo::DemoOptions options;
  bool quiet = false;
  bool no_import = false;
};
}  // namespace

void AddDemoCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "demo",
      "Generate a SYNTHETIC network (22 members, ~3 financial years of payment files in several\n"
      "real-world layouts, made-up registers and supplier returns), import it into the\n"
      "workspace (--db), resolve its suppliers and print the procurement measures report");
  auto f = std::make_shared<DemoFlags>();
  f->options.dir = "demo-data";
  cmd->add_option("--dir", f->options.dir, "Where to write the synthetic files")
      ->default_val("demo-data");
  cmd->add_option("--lines", f->options.total_lines, "Approximate payment lines in all")
      ->default_val(3'000'000)
      ->check(CLI::Range(std::int64_t{1000}, std::int64_t{50'000'000}));
  cmd->add_option("--seed", f->options.seed, "Random seed (same seed, same files)")
      ->default_val(20240208);
  cmd->add_option("--first-fy", f->options.first_fy, "First financial year, e.g. 2022 for 2022/23")
      ->default_val(2022);
  cmd->add_option("--years", f->options.years, "Number of financial years")->default_val(3);
  cmd->add_flag("--no-import", f->no_import, "Only write the files");
  cmd->add_flag("--quiet", f->quiet, "No progress lines");
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      f->options.import = !f->no_import;
      if (!f->quiet) {
        f->options.progress = [](const std::string& line) {
          std::fprintf(stderr, "%s\n", line.c_str());
        };
      }
      int rc = 0;
      std::unique_ptr<store::Store> store;
      if (f->options.import) {
        store = OpenStore(g, rc);
        if (!store) return rc;
      }
      const auto started = std::chrono::steady_clock::now();
      auto result = demo::GenerateDemo(store.get(), f->options);
      if (!result) return Report(result.error());
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::int64_t written = 0, imported = 0, duplicates = 0, rejected = 0, already = 0;
      for (const demo::DemoFile& file : result->files) written += file.lines + file.bad_rows;
      for (const ingest::ImportSummary& s : result->imports) {
        imported += s.counts.lines_imported;
        duplicates += s.counts.lines_duplicate;
        rejected += s.counts.rows_rejected;
        already += s.already_imported ? 1 : 0;
      }
      fmt::print("SYNTHETIC DEMO: wrote {} files ({} rows) under {} and the network file {}\n",
                 result->files.size(), written, f->options.dir, result->network_path);
      if (!f->options.import) return 0;
      std::int64_t register_rows = 0;
      for (const ingest::RegisterSummary& r : result->register_imports) {
        register_rows += r.counts.rows_read;
      }
      fmt::print(
          "Imported {} lines ({} duplicates, {} rejected rows, {} files already imported), {} "
          "synthetic registers and supplier returns ({} rows), resolved {} suppliers, into {} in "
          "{:.1f} s\n\n",
          imported, duplicates, rejected, already, result->register_imports.size(), register_rows,
          result->resolved ? result->resolved->suppliers : 0, g.db, seconds);
      metrics::ReportQuery query;
      query.top_suppliers = kDemoTopSuppliers;
      query.member_detail = false;  // the network, members at a glance, goals
      auto measures = metrics::ComputeMeasures(*store, query);
      if (!measures) return Report(measures.error());
      fmt::print("{}", report::MeasuresTable(*measures));

      // The impact report of the latest year: headlines here, the full report as HTML and XLSX.
      const int last_fy = f->options.first_fy + f->options.years - 1;
      auto impact = metrics::ComputeImpact(*store, last_fy);
      if (!impact) return Report(impact.error());
      const std::string stem = fmt::format("{}/impact-{}", f->options.dir,
                                           core::FinancialYearLabel(last_fy).replace(4, 1, "-"));
      std::ofstream html(stem + ".html", std::ios::binary | std::ios::trunc);
      html << report::ImpactHtml(*impact);
      html.close();
      if (!html) {
        return Report(core::Error{
            core::ErrorCode::kStoreIo, fmt::format("could not write '{}.html'", stem), {}});
      }
      if (auto s = report::WriteImpactXlsx(*impact, stem + ".xlsx"); !s) return Report(s.error());
      fmt::print("\nSYNTHETIC impact report, FY {} (headlines):\n",
                 core::FinancialYearLabel(last_fy));
      for (const metrics::Headline& h : impact->headlines) {
        const report::ImpactHeadlineWords words = report::HeadlineWords(*impact, h);
        fmt::print("  - {}\n      {}\n", words.text, words.basis);
      }
      fmt::print("Full report: {0}.html (open it in a browser; it prints well) and {0}.xlsx\n",
                 stem);
      fmt::print(
          "\nNext: anchornet --db {0} report --format xlsx --out report.xlsx   (the workbook)\n"
          "      anchornet --db {0} returns status --fy {1}   (who has sent their return)\n"
          "      anchornet --db {0} suppliers unmatched   (suppliers no register knows)\n"
          "      anchornet --db {0} report --member council-ashby   (one member)\n"
          "      anchornet --db {0} rejects   (the deliberately bad rows)\n",
          g.db, core::FinancialYearLabel(last_fy));
      return 0;
    };
  });
}

}  // namespace anchornet::cli
