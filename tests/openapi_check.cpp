// The checker of openapi_check.h.
//
// GCC 12 warns falsely inside libstdc++'s <regex> under -O2 with the sanitizers
// (maybe-uninitialized in std::function's move constructor, reached from std::regex). The
// location is in the library headers, so the warning is off for this whole file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "openapi_check.h"

#include <fmt/format.h>

#include <regex>
#include <set>
#include <stdexcept>

namespace anchornet::testing {

namespace {

using nlohmann::json;

bool IsType(const json& v, const std::string& type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  throw std::invalid_argument("unknown schema type " + type);
}

std::string Short(const json& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

const std::set<std::string>& Keywords() {
  static const std::set<std::string> k = {
      "type",    "properties", "required", "additionalProperties", "items",   "enum",
      "minimum", "maximum",    "pattern",  "oneOf",                "$ref",    "description",
      "default", "format",     "title",    "example"};
  return k;
}

}  // namespace

const json& OpenApi::Resolve(const json& schema) const {
  const json* s = &schema;
  for (int depth = 0; s->is_object() && s->contains("$ref"); ++depth) {
    if (depth > 20) throw std::invalid_argument("a $ref loop");
    const std::string ref = (*s)["$ref"];
    if (ref.rfind("#/", 0) != 0) throw std::invalid_argument("only local $refs: " + ref);
    s = &doc_.at(json::json_pointer(ref.substr(1)));
  }
  return *s;
}

void OpenApi::CheckAt(const json& value, const json& raw, const std::string& at,
                      std::vector<std::string>& out) const {
  const json& schema = Resolve(raw);
  if (!schema.is_object()) throw std::invalid_argument(at + ": a schema is not an object");
  for (const auto& [key, _] : schema.items()) {
    if (!Keywords().count(key)) throw std::invalid_argument(at + ": unsupported keyword " + key);
  }
  if (schema.contains("oneOf")) {
    int matching = 0;
    std::vector<std::string> first_problems;
    for (const json& option : schema["oneOf"]) {
      std::vector<std::string> p;
      CheckAt(value, option, at, p);
      if (p.empty()) {
        ++matching;
      } else if (first_problems.empty()) {
        first_problems = p;
      }
    }
    if (matching != 1) {
      out.push_back(fmt::format("{}: matches {} of the oneOf choices, not exactly one{}", at,
                                matching, matching == 0 ? " (first: " + first_problems[0] + ")" : ""));
    }
  }
  if (schema.contains("type")) {
    const json& t = schema["type"];
    bool ok = false;
    if (t.is_string()) {
      ok = IsType(value, t);
    } else {
      for (const json& one : t) ok |= IsType(value, one);
    }
    if (!ok) {
      out.push_back(fmt::format("{}: {} is not of type {}", at, Short(value), t.dump()));
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const json& e : schema["enum"]) found |= e == value;
    if (!found && !value.is_null()) {
      out.push_back(fmt::format("{}: {} is not one of {}", at, Short(value), schema["enum"].dump()));
    }
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      out.push_back(fmt::format("{}: {} is below the minimum {}", at, Short(value),
                                schema["minimum"].dump()));
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      out.push_back(fmt::format("{}: {} is above the maximum {}", at, Short(value),
                                schema["maximum"].dump()));
    }
  }
  if (value.is_string() && schema.contains("pattern") &&
      !std::regex_search(value.get<std::string>(), std::regex(schema["pattern"].get<std::string>()))) {
    out.push_back(fmt::format("{}: {} does not match {}", at, Short(value), schema["pattern"].dump()));
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const json& r : schema["required"]) {
        if (!value.contains(r.get<std::string>())) {
          out.push_back(fmt::format("{}: the required property {} is missing", at, r.dump()));
        }
      }
    }
    const json no_properties = json::object();
    const json& properties = schema.contains("properties") ? schema["properties"] : no_properties;
    for (const auto& [key, v] : value.items()) {
      const std::string here = at + "." + key;
      if (properties.contains(key)) {
        CheckAt(v, properties[key], here, out);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) {
            out.push_back(fmt::format("{}: a property the document does not describe", here));
          }
        } else {
          CheckAt(v, extra, here, out);
        }
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      CheckAt(value[i], schema["items"], fmt::format("{}[{}]", at, i), out);
    }
  }
}

std::vector<std::string> OpenApi::Check(const json& value, const json& schema) const {
  std::vector<std::string> out;
  CheckAt(value, schema, "$", out);
  return out;
}

json OpenApi::ResponseSchema(const std::string& path, const std::string& method, int status,
                             const std::string& content_type, std::string* why) const {
  const json& paths = doc_.at("paths");
  if (!paths.contains(path)) {
    *why = "the document has no path " + path;
    return nullptr;
  }
  if (!paths[path].contains(method)) {
    *why = fmt::format("the document has no {} {}", method, path);
    return nullptr;
  }
  const json& responses = paths[path][method].at("responses");
  const std::string code = std::to_string(status);
  if (!responses.contains(code)) {
    *why = fmt::format("{} {} does not document a {} response", method, path, status);
    return nullptr;
  }
  const json& response = Resolve(responses[code]);
  if (!response.contains("content")) {
    *why = "";  // a response without a body (304)
    return json::object();
  }
  const std::string type = content_type.substr(0, content_type.find(';'));
  if (!response["content"].contains(type)) {
    *why = fmt::format("{} {} {} is not documented as {}", method, path, status, type);
    return nullptr;
  }
  return response["content"][type].at("schema");
}

std::vector<std::string> OpenApi::CheckResponse(const std::string& path, const std::string& method,
                                                int status, const std::string& content_type,
                                                const std::string& body) const {
  std::string why;
  const json schema = ResponseSchema(path, method, status, content_type, &why);
  if (schema.is_null()) return {why};
  if (content_type.rfind("application/json", 0) != 0) return {};
  const json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return {fmt::format("{} {}: the body is not JSON", method, path)};
  return Check(value, schema);
}

}  // namespace anchornet::testing
