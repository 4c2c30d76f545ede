// `anchornet import spend --member ID FILE...`: imports payment files, one transaction each.
#include <fmt/format.h>

#include "cli/command.h"
#include "ingest/importer.h"
#include "ingest/registers.h"
#include "report/suppliers_report.h"
#include "report/spend_report.h"

namespace anchornet::cli {

namespace {
struct RegisterFlags {
  std::string kind;
  std::vector<std::string> files;
  ingest::RegisterImportOptions options;
  std::string format = "text";
};

struct ImportFlags {
  std::string member;
  std::vector<std::string> files;
  ingest::ImportOptions options;
  std::string format = "text";
};
}  // namespace

void AddImportCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("import", "Import members' files into the workspace");
  cmd->require_subcommand(1);
  auto* spend = cmd->add_subcommand(
      "spend",
      "Import payment files (CSV, XLSX or JSON) for one member. Each file is one transaction:\n"
      "bad rows are kept as rejects, the same file twice changes nothing, and lines already\n"
      "imported from an overlapping file are not counted twice.");
  auto f = std::make_shared<ImportFlags>();
  spend->add_option("--member", f->member, "Member id (see `anchornet network show`)")->required();
  spend->add_option("--sheet", f->options.sheet, "XLSX: the sheet to read (default: the first)");
  spend
      ->add_option("--mapping", f->options.mapping_path,
                   "TOML file naming the columns, overriding detection (see docs/import.md)")
      ->check(CLI::ExistingFile);
  spend->add_flag("--dry-run", f->options.dry_run,
                  "Show the detected layout and the first rows as understood; store nothing");
  spend->add_option("--preview", f->options.preview_rows, "Rows to show with --dry-run")
      ->default_val(10);
  spend->add_option("--format", f->format, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  spend->add_option("FILE", f->files, "Files to import")->required();
  AddImportRegisterCommand(*cmd, g);
  AddImportReturnsCommand(*cmd, g);
  spend->callback([&g, f] {
    g.run = [&g, f]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      std::vector<ingest::ImportSummary> done;
      int worst = 0;
      for (const std::string& path : f->files) {
        auto summary =
            ingest::ImportSpendFile(*ws->store, ws->network, f->member, path, f->options);
        if (!summary) {
          // One failed file does not stop the others; each file is its own transaction.
          worst = Report(summary.error());
          continue;
        }
        if (f->format == "text") fmt::print("{}\n", report::ImportSummaryText(*summary));
        // A dry run shows the layout of a file a real import would refuse, and fails as it would.
        if (summary->refused) worst = core::ExitCodeFor(summary->refused->code);
        done.push_back(std::move(*summary));
      }
      if (f->format == "json") fmt::print("{}", report::ImportSummaryJson(done));
      return worst;
    };
  });
}

void AddImportRegisterCommand(CLI::App& import, Globals& g) {
  std::string kinds;
  for (const ingest::RegisterKindInfo& k : ingest::RegisterKinds()) {
    kinds += fmt::format("\n  {:<20} {}", k.name, k.description);
  }
  auto* reg = import.add_subcommand(
      "register",
      "Import a reference register or a member's supplier return (one transaction per file;\n"
      "the same file twice changes nothing). KIND is one of:" + kinds);
  auto f = std::make_shared<RegisterFlags>();
  reg->add_option("KIND", f->kind, "Register kind (above)")->required();
  reg->add_option("FILE", f->files, "Files to import")->required();
  reg->add_option("--member", f->options.member, "supplier-returns: the member it is from");
  reg->add_option("--sheet", f->options.sheet, "XLSX: the sheet to read (default: the first)");
  reg->add_flag("--dry-run", f->options.dry_run, "Read and check; store nothing");
  reg->add_option("--format", f->format, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  reg->callback([&g, f] {
    g.run = [&g, f]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      std::vector<ingest::RegisterSummary> done;
      int worst = 0;
      for (const std::string& path : f->files) {
        auto summary =
            ingest::ImportRegisterFile(*ws->store, ws->network, f->kind, path, f->options);
        if (!summary) {
          worst = Report(summary.error());
          continue;
        }
        if (f->format == "text") fmt::print("{}\n", report::RegisterSummaryText(*summary));
        done.push_back(std::move(*summary));
      }
      if (f->format == "json") fmt::print("{}", report::RegisterSummaryJson(done));
      return worst;
    };
  });
}

void AddRegistersCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("registers", "List imported registers and supplier returns");
  cmd->callback([&g] {
    g.run = [&g]() -> int {
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      auto imports = store->ListRegisterImports();
      if (!imports) return Report(imports.error());
      fmt::print("{}", report::RegisterImportsTable(*imports));
      return 0;
    };
  });
}

void AddTemplateCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("template", "Write a template for members to fill in");
  cmd->require_subcommand(1);
  auto* suppliers = cmd->add_subcommand(
      "suppliers",
      "The supplier return: what a member knows about its suppliers (size, VCSE, diverse\n"
      "ownership with evidence, trading postcodes). Import it with\n"
      "`anchornet import register supplier-returns --member ID FILE`.");
  struct TemplateFlags {
    std::string out;
    std::string format;
    std::string member;
  };
  auto f = std::make_shared<TemplateFlags>();
  suppliers->add_option("--out", f->out, "File to write (.xlsx or .csv)")->required();
  suppliers->add_option("--format", f->format, "xlsx or csv (default: from the file name)")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  suppliers->add_option("--member", f->member, "Name the member in the template");
  AddTemplateReturnsCommand(*cmd, g);
  suppliers->callback([&g, f] {
    g.run = [&g, f]() -> int {
      std::string format = f->format;
      if (format.empty()) format = f->out.ends_with(".csv") ? "csv" : "xlsx";
      core::Network network;
      if (!f->member.empty()) {
        int rc = 0;
        auto ws = OpenWorkspace(g, rc);
        if (!ws) return rc;
        if (!ws->network.FindMember(f->member)) {
          return Report(core::UnknownMember(f->member));
        }
        network = ws->network;
      }
      auto s = ingest::WriteSupplierReturnTemplate(f->out, format, network, f->member);
      if (!s) return Report(s.error());
      fmt::print("Wrote the supplier return template to {}\n", f->out);
      return 0;
    };
  });
}

void AddImportsCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("imports", "List imported files with their counts");
  auto member = std::make_shared<std::string>();
  cmd->add_option("--member", *member, "Only this member's files");
  cmd->callback([&g, member] {
    g.run = [&g, member]() -> int {
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      auto files = store->ListImports(*member);
      if (!files) return Report(files.error());
      fmt::print("{}", report::ImportsTable(*files));
      return 0;
    };
  });
}

void AddRejectsCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("rejects",
                                 "List rows that could not be imported, with file, "
                                 "line, column and reason");
  auto filter = std::make_shared<store::RejectFilter>();
  cmd->add_option("--member", filter->member, "Only this member's files");
  cmd->add_option("--file", filter->file_id,
                  "Only this imported file (id from `anchornet imports`)");
  cmd->add_option("--limit", filter->limit, "At most this many rows")->default_val(100);
  cmd->callback([&g, filter] {
    g.run = [&g, filter]() -> int {
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      auto rejects = store->ListRejects(*filter);
      if (!rejects) return Report(rejects.error());
      if (rejects->empty()) {
        fmt::print("No rejected rows.\n");
        return 0;
      }
      fmt::print("{}", report::RejectsTable(*rejects));
      return 0;
    };
  });
}

}  // namespace anchornet::cli
