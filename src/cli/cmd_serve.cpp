// `anchornet serve`: the JSON API and the browser dashboard over this workspace (docs/api.md).
// SIGINT and SIGTERM stop it gracefully: in-flight requests finish, then the store is closed.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "api/server.h"
#include "cli/command.h"

namespace anchornet::cli {

namespace {

struct ServeFlags {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string web_dir = ANCHORNET_WEB_DIR;
  std::int64_t max_upload_mb = 200;
  int threads = 32;
  std::string token;
  bool quiet = false;
};

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the JSON API (/api/v1) and the browser dashboard. Prints the URL to open; Ctrl-C "
      "stops it.");
  cmd->add_option("--bind", f->bind, "Address to listen on")->default_val("127.0.0.1");
  cmd->add_option("--port", f->port, "Port (0: any free port)")
      ->default_val(8080)
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web-dir", f->web_dir, "The built dashboard (web/dist); '' for the API only")
      ->default_val(ANCHORNET_WEB_DIR);
  cmd->add_option("--max-upload-mb", f->max_upload_mb, "Largest request body accepted")
      ->default_val(200)
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--threads", f->threads,
                  "Worker threads (a kept-alive browser connection holds one while open)")
      ->default_val(32)
      ->check(CLI::Range(1, 256));
  cmd->add_option("--token", f->token,
                  "When set, uploads and decisions need 'Authorization: Bearer TOKEN'")
      ->envname("ANCHORNET_TOKEN");
  cmd->add_flag("--quiet", f->quiet, "No access log");
  cmd->callback([&g, f] {
    g.run = [&g, f]() -> int {
      // Block the stop signals in every thread; one thread waits for them and stops the server.
      sigset_t stop_signals;
      sigemptyset(&stop_signals);
      sigaddset(&stop_signals, SIGINT);
      sigaddset(&stop_signals, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

      api::ServerOptions options;
      options.store_url = g.db;
      options.bind = f->bind;
      options.port = f->port;
      options.web_dir = f->web_dir;
      options.max_upload_bytes = f->max_upload_mb << 20;
      options.threads = f->threads;
      options.token = f->token;
      if (!f->quiet) {
        options.access_log = [](std::string_view line) {
          std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
        };
      }
      if (!options.web_dir.empty() &&
          !std::filesystem::exists(std::filesystem::path(options.web_dir) / "index.html")) {
        std::fprintf(stderr,
                     "note: no dashboard at %s (build it with `make web`); serving the API only\n",
                     options.web_dir.c_str());
        options.web_dir.clear();
      }
      auto server = api::Server::Start(options);
      if (!server) return Report(server.error());
      std::fprintf(stderr, "Preparing the figures...\n");
      (*server)->Warm();
      std::printf("anchornet is serving %s\nOpen %s in a browser; Ctrl-C stops.\n", g.db.c_str(),
                  (*server)->url().c_str());
      std::fflush(stdout);

      std::atomic<bool> signalled{false};
      std::thread waiter([&server, &signalled, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        signalled = true;
        if (signalled) {
          std::fprintf(stderr, "Stopping (signal %d): finishing requests in flight...\n", sig);
        }
        (*server)->Stop();
      });
      auto status = (*server)->Run();
      // Wake the waiter if the server stopped for another reason.
      if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
      waiter.join();
      server->reset();
      if (!status) return Report(status.error());
      std::fprintf(stderr, "Stopped.\n");
      return 0;
    };
  });
}

}  // namespace anchornet::cli
