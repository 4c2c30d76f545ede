#include "report/factors_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/table.h"

namespace anchornet::report {

std::string GhgFactorsTable(const std::vector<store::GhgFactor>& factors) {
  if (factors.empty()) {
    return "No factors match (import them with `anchornet import register ghg-factors FILE`).\n";
  }
  TextTable t;
  t.AddColumn("Year", Align::kRight);
  t.AddColumn("ID");
  t.AddColumn("Scope");
  t.AddColumn("Category");
  t.AddColumn("Unit");
  t.AddColumn("GHG per unit");
  t.AddColumn("Factor", Align::kRight);
  for (const store::GhgFactor& f : factors) {
    std::string path = f.level1;
    for (const std::string* part : {&f.level2, &f.level3, &f.level4, &f.column_text}) {
      if (!part->empty()) path += " / " + *part;
    }
    if (path.size() > 70) path = path.substr(0, 69) + "…";
    t.AddRow({std::to_string(f.year), f.id, f.scope, path, f.unit, f.ghg_unit, f.value_text});
  }
  return t.Render() + fmt::format("{} factor{}\n", factors.size(), factors.size() == 1 ? "" : "s");
}

std::string GhgFactorsJson(const std::vector<store::GhgFactor>& factors) {
  nlohmann::json arr = nlohmann::json::array();
  for (const store::GhgFactor& f : factors) {
    arr.push_back({{"year", f.year},
                   {"id", f.id},
                   {"scope", f.scope},
                   {"levels", {f.level1, f.level2, f.level3, f.level4}},
                   {"column_text", f.column_text},
                   {"unit", f.unit},
                   {"ghg_unit", f.ghg_unit},
                   {"value", f.value},
                   {"value_as_published", f.value_text}});
  }
  return nlohmann::json{{"factors", arr}}.dump(2) + "\n";
}

}  // namespace anchornet::report
