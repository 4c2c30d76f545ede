// `anchornet serve`: the HTTP server that serves the JSON API (/api/v1, docs/api.md) and the
// browser dashboard (web/, built into web/dist) from the one binary.
//
// Requests are handled on a thread pool; each handler parses its parameters, calls one library
// function (the same as the CLI's) and serialises the result (src/api/internal/). Expensive
// figures are cached per store data version, so a dashboard's repeated reads cost a lookup and a
// new import or decision is seen by the next request.
//
// Thread-safety: Start, Run and the destructor from one thread; Stop from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anchornet::api {

struct ServerOptions {
  std::string store_url = "sqlite:anchornet.db";
  std::string bind = "127.0.0.1";
  int port = 8080;      // 0: any free port (Server::port() says which)
  std::string web_dir;  // the built dashboard (index.html + assets/); empty: API only
  std::int64_t max_upload_bytes = std::int64_t{200} << 20;  // request bodies above: 413
  int threads = 32;  // each kept-alive connection holds one while it stays open
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 120;
  int keep_alive_seconds = 5;
  // When set, every POST needs "Authorization: Bearer <token>" (401 otherwise).
  std::string token;
  // Access log: one line per request (method, path, status, bytes, milliseconds). Null: none.
  std::function<void(std::string_view line)> access_log;
};

class Server {
 public:
  // Opens the store, loads the dashboard's files and binds the port. Errors: kStoreOpen,
  // kNoWorkspace (no network saved), kUsage (cannot bind the address or port), kFileUnreadable
  // (web_dir given but not readable).
  [[nodiscard]] static core::Result<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string url() const;  // "http://127.0.0.1:8080/"

  // Serves until Stop(). Returns once in-flight requests have finished and the stores are closed.
  // Errors: kInternal when the listening loop fails.
  [[nodiscard]] core::Status Run();
  // Stops accepting connections and makes Run() return after in-flight requests finish.
  void Stop();

  // Computes the default overview and measures now, so the first visitor does not wait.
  void Warm();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace anchornet::api
