// The API's routes (docs/api.md): each handler parses its parameters, calls one library function
// through the Service, and serialises the result.
//
// Thread-safety: handlers run on the server's pool, concurrently.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "api/internal/service.h"
#include "api/server.h"

namespace anchornet::api::internal {

// What a handler answers: a body (shared with the cache), its type and an ETag.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::shared_ptr<const std::string> body;
  std::string etag;                 // "" : none
  std::string download_name;        // sets Content-Disposition: attachment
};

// Writes a reply, or a 304 when the request's If-None-Match is the reply's ETag.
void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply);
// Writes an error as JSON with its code's HTTP status.
void SendError(httplib::Response& res, const core::Error& error);

// Registers every /api/v1 route on `http`.
void AddApiRoutes(httplib::Server& http, Service& service, const ServerOptions& options);

// The OpenAPI 3.1 document (api/openapi.json, compiled in).
const std::string& OpenApiDocument();

}  // namespace anchornet::api::internal
