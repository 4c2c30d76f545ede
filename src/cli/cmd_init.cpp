// `anchornet init --network FILE`: creates (or updates) a workspace from a network file.
#include <fmt/format.h>

#include "cli/command.h"
#include "ingest/network_file.h"

namespace anchornet::cli {

void AddInitCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "init", "Create or update the workspace (--db) from a network file (network.toml)");
  auto path = std::make_shared<std::string>();
  cmd->add_option("--network", *path, "The network file")->required()->check(CLI::ExistingFile);
  cmd->callback([&g, path] {
    g.run = [&g, path]() -> int {
      auto parsed = ingest::ReadNetworkFile(*path);
      if (!parsed) return Report(parsed.error());
      if (!parsed->problems.empty())
        return Report(ingest::ProblemsToError(*path, parsed->problems));
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      if (auto s = store->SaveNetwork(parsed->network, parsed->source); !s)
        return Report(s.error());
      fmt::print("Workspace {} now holds network '{}' with {} members.\n", g.db,
                 parsed->network.name, parsed->network.members.size());
      fmt::print("Next: anchornet --db {} import spend --member ID FILE\n", g.db);
      return 0;
    };
  });
}

}  // namespace anchornet::cli
