// anchornet: the command-line entry point. A table of subcommands, one file each; every
// subcommand is flag parsing plus one library call.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"

namespace anchornet::cli {

int Report(const core::Error& error) {
  std::fprintf(stderr, "error: %s\n", error.ToString().c_str());
  return core::ExitCodeFor(error.code);
}

std::unique_ptr<store::Store> OpenStore(const Globals& g, int& exit_code) {
  auto store = store::Store::Open(g.db);
  if (!store) {
    exit_code = Report(store.error());
    return nullptr;
  }
  return std::move(*store);
}

std::optional<Workspace> OpenWorkspace(const Globals& g, int& exit_code) {
  auto store = OpenStore(g, exit_code);
  if (!store) return std::nullopt;
  auto network = store->LoadNetwork();
  if (!network) {
    exit_code = Report(network.error());
    return std::nullopt;
  }
  return Workspace{std::move(store), std::move(*network)};
}

}  // namespace anchornet::cli

int main(int argc, char** argv) {
  using namespace anchornet::cli;
  CLI::App app{
      "anchornet: spend, suppliers and goals for anchor institution networks.\n"
      "Start with `anchornet demo` for a synthetic network, or `anchornet init --network FILE`."};
  app.set_version_flag("--version", "anchornet 0.1.0");
  app.require_subcommand(1);
  Globals g;
  app.add_option("--db", g.db, "Workspace store URL: sqlite:PATH (default sqlite:anchornet.db)")
      ->envname("ANCHORNET_DB");
  AddInitCommand(app, g);
  AddNetworkCommand(app, g);
  AddImportCommand(app, g);
  AddImportsCommand(app, g);
  AddRejectsCommand(app, g);
  AddRegistersCommand(app, g);
  AddSpendCommand(app, g);
  AddSuppliersCommand(app, g);
  AddReportCommand(app, g);
  AddFactorsCommand(app, g);
  AddTemplateCommand(app, g);
  AddReturnsCommand(app, g);
  AddDemoCommand(app, g);
  AddServeCommand(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : anchornet::core::ExitCodeFor(anchornet::core::ErrorCode::kUsage);
  }
  return g.run ? g.run() : 0;
}
