// `anchornet network check FILE` and `anchornet network show`.
#include <fmt/format.h>

#include "cli/command.h"
#include "ingest/network_file.h"
#include "report/spend_report.h"

namespace anchornet::cli {

void AddNetworkCommand(CLI::App& app, Globals& g) {
  auto* cmd =
      app.add_subcommand("network", "Check a network file, or show the workspace's network");
  cmd->require_subcommand(1);
  auto* check =
      cmd->add_subcommand("check", "List every problem in a network file, with line numbers");
  auto path = std::make_shared<std::string>();
  check->add_option("FILE", *path, "The network file (network.toml)")->required();
  check->callback([&g, path] {
    g.run = [path]() -> int {
      auto parsed = ingest::ReadNetworkFile(*path);
      if (!parsed) return Report(parsed.error());
      if (!parsed->problems.empty())
        return Report(ingest::ProblemsToError(*path, parsed->problems));
      fmt::print("{}: OK, network '{}' with {} members, {} goals, {} rules\n", *path,
                 parsed->network.name, parsed->network.members.size(), parsed->network.goals.size(),
                 parsed->network.rules.size());
      return 0;
    };
  });
  auto* show = cmd->add_subcommand("show", "Print the workspace's network: members, goals, rules");
  show->callback([&g] {
    g.run = [&g]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      fmt::print("{}", report::NetworkText(ws->network));
      return 0;
    };
  });
}

}  // namespace anchornet::cli
