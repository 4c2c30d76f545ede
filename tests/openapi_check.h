// A small JSON Schema checker for the OpenAPI document (src/api/openapi.json), enough for what
// that document uses: type (one or a list, "integer" apart from "number"), properties, required,
// additionalProperties (false or a schema), items, enum, minimum, maximum, pattern, oneOf, and
// $ref into the document ("#/components/..."). Unknown keywords are errors, so the document
// cannot silently use something this does not check.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace anchornet::testing {

class OpenApi {
 public:
  explicit OpenApi(nlohmann::json document) : doc_(std::move(document)) {}

  // Problems with `value` against `schema`, each naming the JSON path ("$.goals[0].id: ...").
  std::vector<std::string> Check(const nlohmann::json& value, const nlohmann::json& schema) const;

  // The schema of the response the document promises for (path template, method, status,
  // content type); null with `why` set when it promises none.
  nlohmann::json ResponseSchema(const std::string& path, const std::string& method, int status,
                                const std::string& content_type, std::string* why) const;

  // Problems with a response body: it must parse as JSON when the type is JSON, and conform.
  std::vector<std::string> CheckResponse(const std::string& path, const std::string& method,
                                         int status, const std::string& content_type,
                                         const std::string& body) const;

  const nlohmann::json& document() const { return doc_; }

 private:
  const nlohmann::json& Resolve(const nlohmann::json& schema) const;
  void CheckAt(const nlohmann::json& value, const nlohmann::json& schema, const std::string& at,
               std::vector<std::string>& out) const;

  nlohmann::json doc_;
};

}  // namespace anchornet::testing
