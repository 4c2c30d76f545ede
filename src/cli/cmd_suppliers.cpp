// `anchornet suppliers list|show|search|unmatched|set|resolve`: the network's suppliers, their
// evidence, and settling the ones nothing classifies.
#include <fmt/format.h>

#include "app/options.h"
#include "app/suppliers.h"
#include "cli/command.h"
#include "core/text.h"
#include "report/suppliers_report.h"
#include "resolve/resolver.h"
#include "resolve/search.h"
#include "resolve/settle.h"

namespace anchornet::cli {

namespace {

struct ListFlags {
  std::string fy;
  std::string member;
  std::string format = "table";
  std::int64_t limit = 50;
  std::string query;
};

struct SetFlags {
  std::string supplier;
  std::string company_number, charity_number, size, vcse, postcode, public_body;
  std::vector<std::string> diverse;  // "women=yes"
  std::string evidence;              // self-declared | certified:BY
  bool individual = false;
  std::string by;
  std::string note;
  std::string format = "text";
};

// The flags as a use-case query. Errors: kUsage (--fy).
core::Result<app::SupplierQuery> QueryOf(const ListFlags& f) {
  auto fy = app::ParseFinancialYearOption("--fy", f.fy);
  if (!fy) return tl::unexpected(fy.error());
  return app::SupplierQuery{*fy, f.member};
}

// At most `limit` rows (a negative limit shows none).
std::vector<report::SupplierRow> FirstRows(std::vector<report::SupplierRow> rows,
                                           std::int64_t limit) {
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(limit, 0));
  if (rows.size() > n) rows.resize(n);
  return rows;
}

// Opens the workspace, runs one supplier use case over the flags' query and renders its list.
// Returns the exit code (an error is printed).
template <typename UseCase, typename Render>
int RunSupplierList(const Globals& g, const ListFlags& f, UseCase use_case, Render render) {
  int rc = 0;
  auto ws = OpenWorkspace(g, rc);
  if (!ws) return rc;
  auto q = QueryOf(f);
  if (!q) return Report(q.error());
  app::StoreInputs inputs(*ws->store);
  auto list = use_case(inputs, *q);
  if (!list) return Report(list.error());
  return render(*list);
}

void AddListOptions(CLI::App* cmd, const std::shared_ptr<ListFlags>& f, bool limit = true) {
  cmd->add_option("--fy", f->fy, "Financial year, e.g. 2023/24 (default: all)");
  cmd->add_option("--member", f->member, "Only suppliers this member pays");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  if (limit) cmd->add_option("--limit", f->limit, "At most this many rows")->default_val(50);
}

}  // namespace

void AddSuppliersCommand(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("suppliers",
                                 "The network's suppliers: who they are, what is known about "
                                 "them and from where");
  cmd->require_subcommand(1);

  auto lf = std::make_shared<ListFlags>();
  auto* list = cmd->add_subcommand("list", "Suppliers by addressable spend (S2)");
  AddListOptions(list, lf);
  list->callback([&g, lf] {
    g.run = [&g, lf]() -> int {
      return RunSupplierList(g, *lf, app::ListSuppliers, [&](const app::SupplierList& list) {
        const auto rows = FirstRows(list.rows, lf->limit);
        fmt::print("{}", lf->format == "json" ? report::SuppliersJson(rows)
                                              : report::SuppliersTable(rows, list.synthetic));
        return 0;
      });
    };
  });

  auto sf = std::make_shared<ListFlags>();
  auto* search = cmd->add_subcommand("search", "Suppliers whose name or spelling contains TEXT");
  AddListOptions(search, sf);
  search->add_option("TEXT", sf->query, "Words to look for")->required();
  search->callback([&g, sf] {
    g.run = [&g, sf]() -> int {
      auto search = [&](app::Inputs& inputs, const app::SupplierQuery& q) {
        return app::SearchSuppliers(inputs, q, sf->query);
      };
      return RunSupplierList(g, *sf, search, [&](const app::SupplierList& list) {
        const auto rows = FirstRows(list.rows, sf->limit);
        if (rows.empty() && sf->format != "json") {
          fmt::print("No supplier's name contains '{}'.\n", sf->query);
          return 0;
        }
        fmt::print("{}", sf->format == "json" ? report::SuppliersJson(rows)
                                              : report::SuppliersTable(rows, list.synthetic));
        return 0;
      });
    };
  });

  auto uf = std::make_shared<ListFlags>();
  auto* unmatched = cmd->add_subcommand(
      "unmatched",
      "Suppliers with addressable spend that no register, return or decision classifies, most "
      "spend first: settle these to raise coverage");
  AddListOptions(unmatched, uf);
  unmatched->callback([&g, uf] {
    g.run = [&g, uf]() -> int {
      return RunSupplierList(g, *uf, app::UnmatchedSuppliers, [&](const app::SupplierList& list) {
        const auto shown = FirstRows(list.rows, uf->limit);
        if (uf->format == "json") {
          fmt::print("{}", report::SuppliersJson(shown));
          return 0;
        }
        std::string text = report::UnmatchedTable(shown, list.scope_s2, list.synthetic);
        if (shown.size() < list.rows.size()) {
          text += fmt::format("({} more; --limit to see them)\n", list.rows.size() - shown.size());
        }
        fmt::print("{}", text);
        return 0;
      });
    };
  });

  auto show_query = std::make_shared<std::string>();
  auto show_format = std::make_shared<std::string>("text");
  auto* show = cmd->add_subcommand(
      "show", "Everything known about one supplier, each fact with its source");
  show->add_option("SUPPLIER", *show_query, "Key (GB-COH-…, name:…), company number or name")
      ->required();
  show->add_option("--format", *show_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  show->callback([&g, show_query, show_format] {
    g.run = [&g, show_query, show_format]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      app::StoreInputs inputs(*ws->store);
      auto d = app::ShowSupplier(inputs, *show_query);
      if (!d) return Report(d.error());
      fmt::print("{}", *show_format == "json"
                           ? report::SupplierDetailJson(d->supplier, d->decisions, d->s2)
                           : report::SupplierDetailText(d->supplier, d->decisions, d->s2));
      return 0;
    };
  });

  auto set = std::make_shared<SetFlags>();
  auto* setc = cmd->add_subcommand(
      "set",
      "Settle what is known about a supplier. Recorded with who and when (old -> new), kept\n"
      "across re-imports, and stronger than every other source (docs/suppliers.md).");
  setc->add_option("SUPPLIER", set->supplier, "Key, company number or name")->required();
  setc->add_option("--company-number", set->company_number,
                   "Its Companies House number: groups every spelling under it");
  setc->add_option("--charity-number", set->charity_number, "Its charity number");
  setc->add_option("--size", set->size, "micro, small, medium, sme, large or unknown");
  setc->add_option("--vcse", set->vcse, "yes, no or unknown");
  setc->add_option("--diverse", set->diverse,
                   "FLAG=yes|no|unknown, FLAG one of women, ethnic-minority, disabled, lgbtq "
                   "(repeatable)");
  setc->add_option("--evidence", set->evidence,
                   "For --diverse yes: self-declared, or certified:BODY (e.g. certified:MSDUK)");
  setc->add_option("--postcode", set->postcode, "Its trading postcode");
  setc->add_option("--public-body", set->public_body,
                   "local-government, nhs, hmrc, central-government, police-fire, education, "
                   "other-public, member, or none");
  setc->add_flag("--individual", set->individual, "It is a private individual");
  setc->add_option("--by", set->by, "Who decides (required)")->required();
  setc->add_option("--note", set->note, "Why");
  setc->add_option("--format", set->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  setc->callback([&g, set] {
    g.run = [&g, set]() -> int {
      resolve::SettleForm form{set->supplier, set->company_number, set->charity_number,
                               set->size,     set->vcse,           set->postcode,
                               set->public_body, {},               set->evidence,
                               set->individual,  set->by,          set->note};
      for (const std::string& d : set->diverse) {
        const auto eq = d.find('=');
        if (eq == std::string::npos) {
          return Report(core::Error{core::ErrorCode::kUsage,
                                    fmt::format("--diverse '{}' should be FLAG=yes|no|unknown", d),
                                    {}});
        }
        form.diverse.emplace_back(d.substr(0, eq), d.substr(eq + 1));
      }
      auto requests = resolve::SettleRequestsFrom(form);
      if (!requests) return Report(requests.error());
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      auto s = resolve::SettleSupplier(*ws->store, *requests);
      if (!s) return Report(s.error());
      app::StoreInputs inputs(*ws->store);
      auto d = app::SettledSupplier(inputs, std::move(*s));
      if (!d) return Report(d.error());
      fmt::print("{}", set->format == "json"
                           ? report::SupplierDetailJson(d->supplier, d->decisions, std::nullopt)
                           : report::SupplierDetailText(d->supplier, d->decisions, std::nullopt));
      return 0;
    };
  });

  auto* res = cmd->add_subcommand(
      "resolve", "Resolve every payee into suppliers again now (reports do this when needed)");
  res->callback([&g] {
    g.run = [&g]() -> int {
      int rc = 0;
      auto ws = OpenWorkspace(g, rc);
      if (!ws) return rc;
      auto s = resolve::ResolveSuppliers(*ws->store);
      if (!s) return Report(s.error());
      fmt::print("{}", report::ResolveSummaryText(*s));
      return 0;
    };
  });
}

}  // namespace anchornet::cli
