// `anchornet factors [--year Y] [WORDS...]`: look up imported GHG conversion factors.
#include <fmt/format.h>

#include "cli/command.h"
#include "core/text.h"
#include "report/factors_report.h"

namespace anchornet::cli {

void AddFactorsCommand(CLI::App& app, Globals& g) {
  struct Flags {
    int year = 0;
    std::vector<std::string> words;
    std::string format = "table";
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand(
      "factors",
      "Look up the GHG conversion factors imported with `import register ghg-factors`\n"
      "(e.g. `anchornet factors --year 2023 natural gas kwh`)");
  cmd->add_option("--year", f->year, "The factor set's year (default: every year imported)");
  cmd->add_option("WORDS", f->words, "Words the category, unit or GHG must all contain");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      int rc = 0;
      auto store = OpenStore(g, rc);
      if (!store) return rc;
      auto factors = store->FindGhgFactors(f->year, core::Join(f->words, " "));
      if (!factors) return Report(factors.error());
      fmt::print("{}", f->format == "json" ? report::GhgFactorsJson(*factors)
                                           : report::GhgFactorsTable(*factors));
      return 0;
    };
  });
}

}  // namespace anchornet::cli
