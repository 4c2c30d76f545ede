// Register import benchmark: a generated Companies House BasicCompanyData snapshot (5,500,000
// rows, ~2.5 GB, as the real monthly file) imported by the real `companies-house` register
// importer into a new SQLite workspace. The target is under two minutes on two cores with
// memory that does not grow with the file.
//
// Each import runs in a forked child so that its peak memory (ru_maxrss from wait4) is its own;
// the parent only generates the file and has started no thread when it forks. A dry run (read,
// parse, normalise; store nothing) splits the time between parsing and storing.
//
// Prints figures only; exits non-zero only when something failed.
//
// Usage: anchornet_register_bench [--rows N] [--csv FILE] [--keep DIR] [--no-dry-run]
//   --rows N     rows to generate (default 5,500,000)
//   --csv FILE   import FILE instead of generating one (e.g. the real BasicCompanyData)
//   --keep DIR   write the generated file and the workspace in DIR and keep them
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

#include "companies_house_gen.h"
#include "core/network.h"
#include "ingest/registers.h"
#include "store/store.h"

namespace {

using namespace anchornet;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Result {
  bool ok = false;
  double seconds = 0;
  std::int64_t rows = 0, records = 0, rejected = 0;
  std::int64_t maxrss_kb = 0;
  char message[512] = {};
};

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Runs one import in a child process; the child writes its figures through a pipe.
Result RunChild(const std::string& csv, const std::string& db, bool dry_run) {
  Result r;
  int fd[2];
  if (pipe(fd) != 0) {
    std::snprintf(r.message, sizeof r.message, "pipe: %s", std::strerror(errno));
    return r;
  }
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    Result c;
    core::Network network;
    network.name = "Register benchmark";
    network.members.push_back({"bench", "Benchmark member", core::Sector::kLocalGovernment, ""});
    auto store = store::Store::Open("sqlite:" + db);
    if (store) {
      if (auto saved = (*store)->SaveNetwork(network, ""); !saved) {
        std::snprintf(c.message, sizeof c.message, "%s", saved.error().ToString().c_str());
      }
      ingest::RegisterImportOptions options;
      options.dry_run = dry_run;
      const auto t0 = Clock::now();
      auto s = ingest::ImportRegisterFile(**store, network, "companies-house", csv, options);
      c.seconds = Seconds(t0, Clock::now());
      if (s) {
        c.ok = true;
        c.rows = s->counts.rows_read;
        c.records = s->counts.records;
        c.rejected = s->counts.rows_rejected;
      } else {
        std::snprintf(c.message, sizeof c.message, "%s", s.error().ToString().c_str());
      }
    } else {
      std::snprintf(c.message, sizeof c.message, "%s", store.error().ToString().c_str());
    }
    const ssize_t written = write(fd[1], &c, sizeof c);
    _exit(written == static_cast<ssize_t>(sizeof c) && c.ok ? 0 : 1);
  }
  close(fd[1]);
  if (pid < 0) {
    std::snprintf(r.message, sizeof r.message, "fork: %s", std::strerror(errno));
    close(fd[0]);
    return r;
  }
  Result child;
  const ssize_t got = read(fd[0], &child, sizeof child);
  close(fd[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got == static_cast<ssize_t>(sizeof child)) r = child;
  if (got != static_cast<ssize_t>(sizeof child)) {
    std::snprintf(r.message, sizeof r.message, "the child died (status %d)", status);
  }
  r.maxrss_kb = usage.ru_maxrss;
  if (r.seconds == 0) r.seconds = Seconds(start, Clock::now());
  return r;
}

void Print(const char* what, const Result& r, std::int64_t bytes) {
  if (!r.ok) {
    std::printf("%-12s FAILED: %s\n", what, r.message);
    return;
  }
  std::printf(
      "%-12s %8.1f s  %10.0f rows/s  %7.1f MB/s  peak RSS %6.1f MiB  rows %lld  "
      "records %lld  rejected %lld\n",
      what, r.seconds, static_cast<double>(r.rows) / r.seconds,
      static_cast<double>(bytes) / 1e6 / r.seconds, static_cast<double>(r.maxrss_kb) / 1024.0,
      static_cast<long long>(r.rows), static_cast<long long>(r.records),
      static_cast<long long>(r.rejected));
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
  std::int64_t rows = 5500000;
  std::string csv;
  std::string keep;
  bool dry_run = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--rows" && i + 1 < argc) {
      rows = std::atoll(argv[++i]);
    } else if (a == "--csv" && i + 1 < argc) {
      csv = argv[++i];
    } else if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else if (a == "--no-dry-run") {
      dry_run = false;
    } else {
      std::fprintf(stderr, "usage: %s [--rows N] [--csv FILE] [--keep DIR] [--no-dry-run]\n",
                   argv[0]);
      return 2;
    }
  }
  const fs::path dir = keep.empty() ? fs::temp_directory_path() /
                                          ("anchornet-register-bench-" + std::to_string(getpid()))
                                    : fs::path(keep);
  fs::create_directories(dir);
  if (csv.empty()) {
    csv = (dir / "BasicCompanyData-generated.csv").string();
    const auto t0 = Clock::now();
    FILE* f = std::fopen(csv.c_str(), "wb");
    if (f == nullptr) {
      std::fprintf(stderr, "cannot write %s: %s\n", csv.c_str(), std::strerror(errno));
      return 1;
    }
    bench::CompaniesHouseGenerator gen(rows);
    std::string buf = bench::CompaniesHouseGenerator::Header();
    for (std::int64_t i = 0; i < rows; ++i) {
      gen.AppendRow(i, buf);
      if (buf.size() > (1 << 20)) {
        std::fwrite(buf.data(), 1, buf.size(), f);
        buf.clear();
      }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    if (std::fclose(f) != 0) {
      std::fprintf(stderr, "cannot write %s\n", csv.c_str());
      return 1;
    }
    std::printf("generated %lld rows in %.1f s\n", static_cast<long long>(rows),
                Seconds(t0, Clock::now()));
  }
  const std::int64_t bytes = static_cast<std::int64_t>(fs::file_size(csv));
  std::printf("file %s: %.2f GB; %u cores\n", csv.c_str(), static_cast<double>(bytes) / 1e9,
              std::thread::hardware_concurrency());

  bool ok = true;
  if (dry_run) {
    const Result r = RunChild(csv, (dir / "dry.db").string(), true);
    Print("dry run", r, bytes);
    ok = ok && r.ok;
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::remove(dir / ("dry.db" + std::string(suffix)));
  }
  const fs::path db = dir / "registers.db";
  for (const char* suffix : {"", "-wal", "-shm"})
    fs::remove(dir / ("registers.db" + std::string(suffix)));
  const Result r = RunChild(csv, db.string(), false);
  Print("import", r, bytes);
  ok = ok && r.ok;
  if (r.ok) {
    std::printf("workspace %.2f GB\n", static_cast<double>(fs::file_size(db)) / 1e9);
  }
  if (keep.empty()) fs::remove_all(dir);
  return ok ? 0 : 1;
}
