// The HTTP server (server.h): cpp-httplib wired to the API's routes and the dashboard's files.
#include "api/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "api/internal/handlers.h"
#include "api/internal/json.h"
#include "api/internal/service.h"

namespace anchornet::api {

namespace {

// The dashboard's built files, read once at start: path -> bytes, type and strong ETag.
struct StaticFile {
  std::shared_ptr<const std::string> body;
  std::string content_type;
  std::string etag;
  bool immutable = false;  // a content-hashed asset name: cache for a year
};

std::string ContentType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".svg", "image/svg+xml"},
      {".json", "application/json"},          {".png", "image/png"},
      {".ico", "image/x-icon"},               {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},  {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string Etag(std::string_view bytes) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  std::string out = "\"";
  for (unsigned char c : hash) out += fmt::format("{:02x}", c);
  return out + "\"";
}

core::Result<std::map<std::string, StaticFile>> LoadWebDir(const std::string& dir) {
  std::map<std::string, StaticFile> files;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::path(dir) / "index.html", ec)) {
    return core::Fail(core::ErrorCode::kFileUnreadable,
                      fmt::format("{} has no index.html: build the dashboard with `make web`", dir),
                      core::Location{dir});
  }
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      return core::Fail(core::ErrorCode::kFileUnreadable, "cannot read the dashboard's file",
                        core::Location{it->path().string()});
    }
    StaticFile f;
    f.body = std::make_shared<const std::string>(bytes.str());
    f.content_type = ContentType(it->path());
    f.etag = Etag(*f.body);
    const std::string rel = "/" + std::filesystem::relative(it->path(), dir).generic_string();
    f.immutable = rel.rfind("/assets/", 0) == 0;
    files.emplace(rel, std::move(f));
  }
  if (ec) {
    return core::Fail(core::ErrorCode::kFileUnreadable,
                      fmt::format("cannot list the dashboard's files: {}", ec.message()),
                      core::Location{dir});
  }
  return files;
}

thread_local std::chrono::steady_clock::time_point request_start;

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<internal::Service> service;
  std::map<std::string, StaticFile> web;
  httplib::Server http;
  int port = 0;

  void ServeStatic(const httplib::Request& req, httplib::Response& res) {
    auto it = web.find(req.path);
    // Paths without a file are the dashboard's own (it routes by #fragment, but a bookmarked
    // path still gets the page).
    if (it == web.end() && std::filesystem::path(req.path).extension().empty()) {
      it = web.find("/index.html");
    }
    if (it == web.end()) {
      res.status = 404;
      res.set_content(web.empty() ? "This server was started without the dashboard (--web-dir).\n"
                                  : "Not found.\n",
                      "text/plain; charset=utf-8");
      return;
    }
    const StaticFile& f = it->second;
    res.set_header("ETag", f.etag);
    res.set_header("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.get_header_value("If-None-Match") == f.etag) {
      res.status = 304;
      return;
    }
    res.set_content(*f.body, f.content_type.c_str());
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

core::Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  if (sodium_init() < 0) return core::Fail(core::ErrorCode::kInternal, "libsodium did not start");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto service = internal::Service::Open(options.store_url);
  if (!service) return tl::unexpected(service.error());
  impl->service = std::move(*service);
  if (!options.web_dir.empty()) {
    auto web = LoadWebDir(options.web_dir);
    if (!web) return tl::unexpected(web.error());
    impl->web = std::move(*web);
  }

  httplib::Server& http = impl->http;
  const int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_read_timeout(options.read_timeout_seconds, 0);
  http.set_write_timeout(options.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(options.keep_alive_seconds);
  // Small responses go out at once: without this, Nagle's algorithm and the client's delayed ACK
  // hold each one back about 40 ms on a kept-alive connection.
  http.set_tcp_nodelay(true);
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and
  // take half the requests; only SO_REUSEADDR here, so a port in use is refused.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });
  http.set_payload_max_length(static_cast<std::size_t>(options.max_upload_bytes));
  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const std::int64_t max_upload = options.max_upload_bytes;
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [max_upload](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    core::Error e{core::ErrorCode::kNotFound, fmt::format("nothing at {} {}", req.method, req.path),
                  {}};
    if (res.status == 413 &&
        req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
      // httplib caps form-encoded bodies at 8 KiB: a file sent as a form (curl --data-binary
      // without a type) lands here, not in the upload handler.
      e = {core::ErrorCode::kPayloadTooLarge,
           "a file must be sent as itself, not as a form: use Content-Type text/csv (or "
           "application/octet-stream), e.g. curl -H 'Content-Type: text/csv' --data-binary @FILE, "
           "or multipart/form-data (curl -F file=@FILE)",
           {}};
    } else if (res.status == 413) {
      e = {core::ErrorCode::kPayloadTooLarge,
           fmt::format("the upload is larger than this server takes ({} MiB; see serve "
                       "--max-upload-mb)",
                       max_upload >> 20),
           {}};
    } else if (res.status != 404) {
      e = {res.status >= 500 ? core::ErrorCode::kInternal : core::ErrorCode::kUsage,
           fmt::format("the request could not be handled (HTTP {})", res.status), {}};
    }
    const int status = res.status;
    res.set_content(internal::ErrorJson(e).dump(), "application/json");
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
      what = "unknown exception";
    }
    internal::SendError(res, core::Error{core::ErrorCode::kInternal, what, {}});
  });
  if (options.access_log) {
    http.set_logger([log = options.access_log](const httplib::Request& req,
                                               const httplib::Response& res) {
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - request_start)
                            .count();
      std::string target = req.path;
      if (!req.params.empty()) {
        target += "?";
        bool first = true;
        for (const auto& [k, v] : req.params) {
          target += (first ? "" : "&") + k + "=" + v;
          first = false;
        }
      }
      log(fmt::format("{} \"{} {}\" {} {} {:.1f}ms", req.remote_addr, req.method, target,
                      res.status, res.body.size(), ms));
    });
  }

  internal::AddApiRoutes(http, *impl->service, impl->options);
  Impl* raw = impl.get();
  http.Get(".*", [raw](const httplib::Request& req, httplib::Response& res) {
    raw->ServeStatic(req, res);
  });

  if (options.port == 0) {
    impl->port = http.bind_to_any_port(options.bind);
  } else {
    impl->port = http.bind_to_port(options.bind, options.port) ? options.port : -1;
  }
  if (impl->port <= 0) {
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("cannot listen on {}:{} (in use, or not an address of this "
                                  "machine); try another --port",
                                  options.bind, options.port));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& host = impl_->options.bind;
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("http://{}:{}/", v6 ? "[" + host + "]" : host, impl_->port);
}

core::Status Server::Run() {
  const bool ok = impl_->http.listen_after_bind();
  if (!ok && impl_->http.is_running()) {
    return core::Fail(core::ErrorCode::kInternal, "the server's listening loop failed");
  }
  return {};
}

void Server::Stop() { impl_->http.stop(); }

void Server::Warm() {
  auto& s = *impl_->service;
  metrics::ReportQuery all;
  all.top_suppliers = 0;
  if (auto r = s.Measures(all); !r || (*r)->financial_years.empty()) return;
  if (auto fy = s.LatestYear(); fy) (void)s.Impact(*fy);
}

}  // namespace anchornet::api
