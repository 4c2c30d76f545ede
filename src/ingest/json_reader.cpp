#include "ingest/json_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <unordered_map>
#include <vector>

namespace anchornet::ingest {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string CellText(element value) {
  std::string_view text;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  bool b = false;
  switch (value.type()) {
    case element_type::STRING:
      return value.get_string().get(text) == simdjson::SUCCESS ? std::string(text) : "";
    case element_type::INT64:
      return value.get_int64().get(i) == simdjson::SUCCESS ? std::to_string(i) : "";
    case element_type::UINT64:
      return value.get_uint64().get(u) == simdjson::SUCCESS ? std::to_string(u) : "";
    case element_type::DOUBLE:
      // Shortest text that reads back as the same double: 74039.61 stays "74039.61".
      return value.get_double().get(d) == simdjson::SUCCESS ? fmt::format("{}", d) : "";
    case element_type::BOOL:
      return value.get_bool().get(b) == simdjson::SUCCESS && b ? "TRUE" : "FALSE";
    case element_type::NULL_VALUE:
      return "";
    default:
      return simdjson::minify(value);
  }
}

class JsonRows final : public RowSource {
 public:
  JsonRows(std::vector<std::string> keys, std::vector<std::vector<std::string>> rows,
           std::string where)
      : keys_(std::move(keys)), rows_(std::move(rows)), where_(std::move(where)) {}

  core::Result<bool> Next(Row& row) override {
    row.cells.clear();
    row.problem = core::ErrorCode::kOk;
    if (!header_done_) {
      header_done_ = true;
      row.line = 0;
      for (const std::string& k : keys_) row.cells.emplace_back(k);
      return true;
    }
    if (next_ >= rows_.size()) return false;
    row.line = static_cast<std::int64_t>(next_ + 1);
    for (const std::string& c : rows_[next_]) row.cells.emplace_back(c);
    ++next_;
    return true;
  }

  std::string Describe() const override {
    return fmt::format("JSON, {} rows under {}", rows_.size(), where_);
  }

 private:
  std::vector<std::string> keys_;
  std::vector<std::vector<std::string>> rows_;
  std::string where_;
  bool header_done_ = false;
  std::size_t next_ = 0;
};

bool IsArrayOfObjects(element e) {
  simdjson::dom::array arr;
  if (e.get_array().get(arr) != simdjson::SUCCESS) return false;
  for (element item : arr) return item.type() == element_type::OBJECT;
  return false;
}

}  // namespace

core::Result<std::unique_ptr<RowSource>> OpenJsonRows(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::padded_string text;
  if (auto err = simdjson::padded_string::load(path).get(text); err) {
    return core::Fail(core::ErrorCode::kFileNotFound,
                      fmt::format("cannot read: {}", simdjson::error_message(err)), {path});
  }
  element root;
  if (auto err = parser.parse(text).get(root); err) {
    return core::Fail(core::ErrorCode::kUnsupportedFormat,
                      fmt::format("not valid JSON: {}", simdjson::error_message(err)), {path});
  }
  element rows;
  std::string where;
  if (IsArrayOfObjects(root)) {
    rows = root;
    where = "the top-level array";
  } else if (simdjson::dom::object object; root.get_object().get(object) == simdjson::SUCCESS) {
    for (std::string_view key :
         {"data", "rows", "records", "payments", "transactions", "items", "spend", "results"}) {
      element candidate;
      if (!object.at_key(key).get(candidate) && IsArrayOfObjects(candidate)) {
        rows = candidate;
        where = fmt::format("\"{}\"", key);
        break;
      }
    }
    if (where.empty()) {
      for (auto field : object) {
        if (IsArrayOfObjects(field.value)) {
          rows = field.value;
          where = fmt::format("\"{}\"", std::string_view(field.key));
          break;
        }
      }
    }
  }
  if (where.empty()) {
    return core::Fail(core::ErrorCode::kUnsupportedFormat,
                      "no array of row objects found in this JSON (expected a top-level array or "
                      "a key such as \"data\" or \"rows\")",
                      {path});
  }
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::vector<std::string>> out;
  simdjson::dom::array items;
  if (rows.get_array().get(items) != simdjson::SUCCESS) {
    return core::Fail(core::ErrorCode::kUnsupportedFormat, "the rows are not an array", {path});
  }
  for (element item : items) {
    std::vector<std::string> cells(keys.size());
    if (simdjson::dom::object fields; item.get_object().get(fields) == simdjson::SUCCESS) {
      for (auto field : fields) {
        std::string key(field.key);
        auto it = index.find(key);
        if (it == index.end()) {
          it = index.emplace(key, keys.size()).first;
          keys.push_back(key);
        }
        if (cells.size() <= it->second) cells.resize(it->second + 1);
        cells[it->second] = CellText(field.value);
      }
    }
    out.push_back(std::move(cells));
  }
  return std::unique_ptr<RowSource>(
      std::make_unique<JsonRows>(std::move(keys), std::move(out), where));
}

}  // namespace anchornet::ingest
