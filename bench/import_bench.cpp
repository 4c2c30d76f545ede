// End-to-end import benchmark: a generated, realistic 2,000,000-line council spend CSV imported
// into a new SQLite store by the real importer, against a peer (the sqlite3 shell's `.import`)
// on the same file in the same run.
//
// Every import runs in a fresh child process (this program re-executed with --child) so that
// peak memory (VmHWM, ru_maxrss) belongs to that import alone; the import is run at 500,000 and at
// 2,000,000 lines to show that memory does not grow with the file. A third child imports the big
// file with dry_run = true (read, detect, parse and validate, store nothing) to split the time
// between parsing and storing.
//
// Prints figures only; never fails on a performance target. Exit status is non-zero only when
// something went wrong (could not write the file, the import failed, the peer crashed).
//
// Usage: anchornet_import_bench [--lines N] [--small-lines M] [--keep DIR] [--csv FILE]
//                               [--cache-kib N] [--no-peer] [--no-dry-run]
#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/network.h"
#include "ingest/importer.h"
#include "spend_csv_gen.h"
#include "store/store.h"

extern char** environ;

namespace {

using namespace anchornet;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kPeer = "/usr/bin/sqlite3";

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// A field of /proc/self/status in kB ("VmHWM", "VmRSS"); -1 when unavailable.
std::int64_t ProcStatusKb(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, field.size(), field) == 0 && line.size() > field.size() &&
        line[field.size()] == ':') {
      return std::strtoll(line.c_str() + field.size() + 1, nullptr, 10);
    }
  }
  return -1;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return Trimmed(line.substr(colon + 2));
    }
  }
  return "unknown";
}

std::string MemTotal() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("MemTotal:", 0) == 0) {
      const long long kb = std::strtoll(line.c_str() + 9, nullptr, 10);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(kb) / (1024.0 * 1024.0));
      return buf;
    }
  }
  return "unknown";
}

std::string WithCommas(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return v < 0 ? "-" + out : out;
}

std::string Mib(std::int64_t kb) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(kb) / 1024.0);
  return buf;
}

std::int64_t FileBytes(const fs::path& p) {
  std::error_code ec;
  const auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

// ---------------------------------------------------------------------------------------------
// Child: one import in this process, results on stdout as "key=value" lines.

int RunChild(const std::string& mode, const std::string& csv, const std::string& db,
             std::int64_t cache_kib) {
  const auto t0 = Clock::now();
  store::OpenOptions open_options;
  if (cache_kib > 0) open_options.cache_kib = cache_kib;
  auto store = store::Store::Open("sqlite:" + db, open_options);
  if (!store) {
    std::fprintf(stderr, "child: %s\n", store.error().ToString().c_str());
    return 2;
  }
  core::Network network;
  network.name = "Benchmark network";
  network.geography_name = "London";
  network.members.push_back(
      core::Member{"bench", "London Borough of Benchmark", core::Sector::kLocalGovernment, ""});
  const std::string source =
      "name = \"Benchmark network\"\n[[member]]\nid = \"bench\"\n"
      "name = \"London Borough of Benchmark\"\nsector = \"local-government\"\n";
  if (auto s = (*store)->SaveNetwork(network, source); !s) {
    std::fprintf(stderr, "child: %s\n", s.error().ToString().c_str());
    return 2;
  }
  const auto t1 = Clock::now();
  ingest::ImportOptions options;
  options.dry_run = mode == "dry-run";
  auto summary = ingest::ImportSpendFile(**store, network, "bench", csv, options);
  if (!summary) {
    std::fprintf(stderr, "child: import failed: %s\n", summary.error().ToString().c_str());
    return 2;
  }
  const auto t2 = Clock::now();
  store->reset();  // closes the database: the WAL checkpoint is part of the import's cost
  const auto t3 = Clock::now();

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const store::ImportCounts& c = summary->counts;
  std::printf("open_s=%.6f\nimport_s=%.6f\nclose_s=%.6f\ntotal_s=%.6f\n", Seconds(t0, t1),
              Seconds(t1, t2), Seconds(t2, t3), Seconds(t0, t3));
  std::printf("rows_read=%lld\nlines_imported=%lld\nlines_duplicate=%lld\nrows_rejected=%lld\n"
              "rows_skipped=%lld\nbytes=%lld\n",
              static_cast<long long>(c.rows_read), static_cast<long long>(c.lines_imported),
              static_cast<long long>(c.lines_duplicate), static_cast<long long>(c.rows_rejected),
              static_cast<long long>(c.rows_skipped), static_cast<long long>(summary->bytes));
  std::printf("vmhwm_kb=%lld\nmaxrss_kb=%lld\n", static_cast<long long>(ProcStatusKb("VmHWM")),
              static_cast<long long>(ru.ru_maxrss));
  std::printf("layout=%s\n", summary->LayoutText().c_str());
  for (const auto& [code, n] : summary->rejects_by_code) {
    std::printf("reject=%s x%lld\n", std::string(core::ErrorCodeName(code)).c_str(),
                static_cast<long long>(n));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Parent.

struct ChildRun {
  bool ok = false;
  std::map<std::string, std::string> values;
  std::vector<std::string> rejects;
  double wall_s = 0;       // as seen by the parent: spawn to exit
  double user_s = 0, sys_s = 0;
  std::int64_t maxrss_kb = 0;  // from wait4

  double Num(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? 0.0 : std::strtod(it->second.c_str(), nullptr);
  }
};

// Runs argv, stdin from `in` (or inherited), stdout captured when `capture`, else to /dev/null.
ChildRun Spawn(const std::vector<std::string>& args, const std::string& in, bool capture) {
  ChildRun run;
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  int pipe_fd[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!in.empty()) posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  if (capture) {
    if (pipe(pipe_fd) != 0) {
      std::perror("pipe");
      return run;
    }
    posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_fd[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fd[1]);
  } else {
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  }
  const auto t0 = Clock::now();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::fprintf(stderr, "cannot run %s: %s\n", argv[0], std::strerror(rc));
    if (capture) {
      close(pipe_fd[0]);
      close(pipe_fd[1]);
    }
    return run;
  }
  std::string out;
  if (capture) {
    close(pipe_fd[1]);
    char buf[4096];
    for (;;) {
      const ssize_t n = read(pipe_fd[0], buf, sizeof buf);
      if (n > 0) {
        out.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    close(pipe_fd[0]);
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  run.wall_s = Seconds(t0, Clock::now());
  run.user_s = static_cast<double>(ru.ru_utime.tv_sec) + ru.ru_utime.tv_usec / 1e6;
  run.sys_s = static_cast<double>(ru.ru_stime.tv_sec) + ru.ru_stime.tv_usec / 1e6;
  run.maxrss_kb = ru.ru_maxrss;
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    if (key == "reject") {
      run.rejects.push_back(line.substr(eq + 1));
    } else {
      run.values[key] = line.substr(eq + 1);
    }
  }
  return run;
}

// Generates `lines` data lines into big, and the first `small_lines` of them into small.
bool Generate(const fs::path& big, std::int64_t lines, const fs::path& small,
              std::int64_t small_lines) {
  std::FILE* fb = std::fopen(big.c_str(), "wb");
  std::FILE* fs_ = small_lines > 0 ? std::fopen(small.c_str(), "wb") : nullptr;
  if (fb == nullptr || (small_lines > 0 && fs_ == nullptr)) {
    std::fprintf(stderr, "cannot write %s: %s\n", big.c_str(), std::strerror(errno));
    if (fb) std::fclose(fb);
    if (fs_) std::fclose(fs_);
    return false;
  }
  bench::SpendCsvGenerator gen(lines);
  std::string buf(bench::SpendCsvGenerator::kHeader);
  bool ok = true;
  std::int64_t i = 0;
  auto flush = [&](bool to_small) {
    ok = ok && std::fwrite(buf.data(), 1, buf.size(), fb) == buf.size();
    if (to_small) ok = ok && std::fwrite(buf.data(), 1, buf.size(), fs_) == buf.size();
    buf.clear();
  };
  // The small file is exactly the big file's header and first small_lines lines.
  while (i < small_lines) {
    gen.AppendLine(i++, buf);
    if (buf.size() >= (4u << 20) || i == small_lines) flush(true);
  }
  while (i < lines) {
    gen.AppendLine(i++, buf);
    if (buf.size() >= (4u << 20)) flush(false);
  }
  if (!buf.empty()) flush(false);
  ok = std::fclose(fb) == 0 && ok;
  if (fs_) ok = std::fclose(fs_) == 0 && ok;
  if (!ok) std::fprintf(stderr, "error writing the generated CSV: %s\n", std::strerror(errno));
  return ok;
}

std::int64_t CountLines(const fs::path& p) {
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (f == nullptr) return -1;
  std::int64_t n = 0;
  char buf[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) n += std::count(buf, buf + got, '\n');
  std::fclose(f);
  return n;
}

std::string CommandOutput(const std::string& cmd) {
  std::string out;
  if (std::FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  return Trimmed(out);
}

void Usage() {
  std::fprintf(stderr,
               "usage: anchornet_import_bench [--lines N] [--small-lines M] [--keep DIR] "
               "[--csv FILE] [--cache-kib N] [--no-peer] [--no-dry-run]\n"
               "  --lines N        data lines in the generated CSV (default 2000000)\n"
               "  --small-lines M  lines in the second, smaller run (default 500000; 0 skips it)\n"
               "  --keep DIR       write the CSV and databases to DIR and keep them\n"
               "  --csv FILE       import FILE instead of generating one (no small run)\n"
               "  --cache-kib N    SQLite page cache for the imports (default: the store's)\n"
               "  --no-peer        skip the sqlite3 shell peer\n"
               "  --no-dry-run     skip the parse-only (dry run) child\n");
}

std::string Faster(const char* who, double times) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s is %.2fx faster", who, times);
  return buf;
}

struct Figures {
  double seconds = 0;
  double lines_per_s = 0;
  double mb_per_s = 0;
};

Figures Rate(std::int64_t lines, std::int64_t bytes, double seconds) {
  Figures f;
  f.seconds = seconds;
  if (seconds > 0) {
    f.lines_per_s = static_cast<double>(lines) / seconds;
    f.mb_per_s = static_cast<double>(bytes) / 1e6 / seconds;
  }
  return f;
}

// Imports csv into a new database in a child; prints a summary. Returns the run (ok=false on
// failure, already reported).
ChildRun ImportChild(const std::string& self, const std::string& mode, const fs::path& csv,
                     const fs::path& db, std::int64_t cache_kib, const char* label) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix, ec);
  std::printf("  %-34s ", label);
  std::fflush(stdout);
  ChildRun run = Spawn(
      {self, "--child", mode, csv.string(), db.string(), std::to_string(cache_kib)}, "", true);
  if (!run.ok) {
    std::printf("FAILED\n");
    return run;
  }
  std::printf("%.2f s\n", run.Num("total_s"));
  return run;
}

int RunParent(int argc, char** argv) {
  std::int64_t lines = 2000000;
  std::int64_t small_lines = 500000;
  std::int64_t cache_kib = 0;  // 0: the store's default
  bool small_given = false;
  std::string keep, csv_arg;
  bool peer = true, dry_run = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(64);
      }
      return argv[++i];
    };
    if (a == "--lines") {
      lines = std::strtoll(value().c_str(), nullptr, 10);
    } else if (a == "--small-lines") {
      small_lines = std::strtoll(value().c_str(), nullptr, 10);
      small_given = true;
    } else if (a == "--cache-kib") {
      cache_kib = std::strtoll(value().c_str(), nullptr, 10);
    } else if (a == "--keep") {
      keep = value();
    } else if (a == "--csv") {
      csv_arg = value();
    } else if (a == "--no-peer") {
      peer = false;
    } else if (a == "--no-dry-run") {
      dry_run = false;
    } else if (a == "--help" || a == "-h") {
      Usage();
      return 0;
    } else {
      Usage();
      return 64;
    }
  }
  if (lines <= 0 || small_lines < 0) {
    Usage();
    return 64;
  }
  if (small_lines >= lines) small_lines = small_given ? 0 : lines / 4;
  if (!csv_arg.empty()) small_lines = 0;

  // Working directory.
  fs::path dir;
  bool remove_dir = false;
  std::error_code ec;
  if (!keep.empty()) {
    dir = keep;
    fs::create_directories(dir, ec);
    if (ec) {
      std::fprintf(stderr, "cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
      return 1;
    }
  } else {
    std::string tmpl = (fs::temp_directory_path() / "anchornet_import_bench.XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    dir = tmpl;
    remove_dir = true;
  }
  struct Cleanup {
    fs::path dir;
    bool active;
    ~Cleanup() {
      std::error_code e;
      if (active) fs::remove_all(dir, e);
    }
  } cleanup{dir, remove_dir};

  const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    std::fprintf(stderr, "cannot find this program: %s\n", ec.message().c_str());
    return 1;
  }

  std::printf("anchornet import benchmark\n");
  std::printf("  machine        %u cores (hardware_concurrency), %s, %s RAM\n",
              std::thread::hardware_concurrency(), CpuModel().c_str(), MemTotal().c_str());
  std::printf("  SQLite         %s (anchornet, linked)\n", sqlite3_libversion());
  std::printf("  work dir       %s%s\n", dir.c_str(), remove_dir ? " (removed at exit)" : "");

  // (a) The file.
  fs::path big, small;
  if (!csv_arg.empty()) {
    big = csv_arg;
    lines = CountLines(big) - 1;  // less the header
    if (lines <= 0) {
      std::fprintf(stderr, "%s: no lines\n", big.c_str());
      return 1;
    }
  } else {
    big = dir / ("spend_" + std::to_string(lines) + ".csv");
    small = dir / ("spend_" + std::to_string(small_lines) + ".csv");
    const auto g0 = Clock::now();
    if (!Generate(big, lines, small, small_lines)) return 1;
    std::printf("  generated      %s lines, %s bytes in %.2f s\n", WithCommas(lines).c_str(),
                WithCommas(FileBytes(big)).c_str(), Seconds(g0, Clock::now()));
  }
  const std::int64_t big_bytes = FileBytes(big);
  const std::int64_t small_bytes = small_lines > 0 ? FileBytes(small) : 0;
  std::printf("  file           %s\n", big.c_str());
  std::printf("\nruns (each in a fresh process, new database):\n");

  // (b, c) anchornet.
  ChildRun small_run;
  if (small_lines > 0) {
    small_run = ImportChild(self, "import", small, dir / "anchornet_small.sqlite", cache_kib,
                            ("anchornet import " + WithCommas(small_lines) + " lines").c_str());
    if (!small_run.ok) return 1;
  }
  ChildRun big_run = ImportChild(self, "import", big, dir / "anchornet.sqlite", cache_kib,
                                 ("anchornet import " + WithCommas(lines) + " lines").c_str());
  if (!big_run.ok) return 1;
  ChildRun dry;
  if (dry_run) {
    dry = ImportChild(self, "dry-run", big, dir / "anchornet_dry.sqlite", cache_kib,
                      ("anchornet dry run " + WithCommas(lines) + " lines").c_str());
    if (!dry.ok) return 1;
  }

  // (d) The peer: sqlite3 shell .import into a new database, in one transaction, with the same
  // journal settings as the anchornet store (WAL, synchronous=NORMAL).
  ChildRun peer_run;
  std::int64_t peer_rows = -1;
  std::string peer_version;
  const fs::path peer_db = dir / "peer.sqlite";
  if (peer && access(kPeer, X_OK) == 0) {
    peer_version = CommandOutput(std::string(kPeer) + " -version");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      fs::remove(peer_db.string() + suffix, ec);
    }
    const fs::path script = dir / "peer_import.sql";
    {
      std::ofstream s(script);
      s << "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n.mode csv\nBEGIN;\n"
        << ".import '" << big.string() << "' t\nCOMMIT;\n";
    }
    std::printf("  %-34s ", ("sqlite3 .import " + WithCommas(lines) + " lines").c_str());
    std::fflush(stdout);
    peer_run = Spawn({kPeer, "-batch", "-bail", peer_db.string()}, script.string(), false);
    if (!peer_run.ok) {
      std::printf("FAILED\n");
      return 1;
    }
    std::printf("%.2f s\n", peer_run.wall_s);
    const std::string count =
        CommandOutput(std::string(kPeer) + " '" + peer_db.string() + "' 'SELECT count(*) FROM t'");
    peer_rows = std::strtoll(count.c_str(), nullptr, 10);
  } else if (peer) {
    std::printf("  peer skipped: %s not found (apt-get install sqlite3)\n", kPeer);
  }

  // Results.
  const auto big_lines = static_cast<std::int64_t>(big_run.Num("lines_imported"));
  const Figures total = Rate(lines, big_bytes, big_run.Num("total_s"));
  const Figures import_only = Rate(lines, big_bytes, big_run.Num("import_s"));
  std::printf("\n==================== anchornet import benchmark: results ====================\n");
  std::printf("file             %s data lines, %.1f MB (%s bytes), %s\n",
              WithCommas(lines).c_str(), static_cast<double>(big_bytes) / 1e6,
              WithCommas(big_bytes).c_str(), csv_arg.empty() ? "generated" : "given");
  std::printf("layout           %s\n", big_run.values["layout"].c_str());
  std::printf("outcome          %s read, %s imported, %s duplicate, %s rejected, %s skipped\n",
              WithCommas(static_cast<std::int64_t>(big_run.Num("rows_read"))).c_str(),
              WithCommas(big_lines).c_str(),
              WithCommas(static_cast<std::int64_t>(big_run.Num("lines_duplicate"))).c_str(),
              WithCommas(static_cast<std::int64_t>(big_run.Num("rows_rejected"))).c_str(),
              WithCommas(static_cast<std::int64_t>(big_run.Num("rows_skipped"))).c_str());
  for (const std::string& r : big_run.rejects) std::printf("  rejects        %s\n", r.c_str());
  std::printf("\nanchornet, %s lines (open + import + close):\n", WithCommas(lines).c_str());
  std::printf("  wall           %.2f s   (open %.3f, import %.2f, close/checkpoint %.2f)\n",
              total.seconds, big_run.Num("open_s"), big_run.Num("import_s"),
              big_run.Num("close_s"));
  std::printf("  cpu            user %.2f s, sys %.2f s\n", big_run.user_s, big_run.sys_s);
  std::printf("  throughput     %s lines/s, %.1f MB/s   (import call alone: %s lines/s)\n",
              WithCommas(static_cast<std::int64_t>(total.lines_per_s)).c_str(), total.mb_per_s,
              WithCommas(static_cast<std::int64_t>(import_only.lines_per_s)).c_str());
  std::printf("  database       %.1f MB\n",
              static_cast<double>(FileBytes(dir / "anchornet.sqlite")) / 1e6);
  if (dry_run) {
    const Figures d = Rate(lines, big_bytes, dry.Num("import_s"));
    std::printf("\nparse only (dry_run = true, same file):\n");
    std::printf("  wall           %.2f s, %s lines/s, %.1f MB/s, peak RSS %s\n", d.seconds,
                WithCommas(static_cast<std::int64_t>(d.lines_per_s)).c_str(), d.mb_per_s,
                Mib(static_cast<std::int64_t>(dry.Num("vmhwm_kb"))).c_str());
    // With a pipelined importer parsing and storing overlap, so this is what storing adds on top
    // of parsing, not the time spent inside the store.
    const double store_s = big_run.Num("import_s") - d.seconds + big_run.Num("close_s");
    std::printf("  split          parse-only is %.0f%% of the full import; storing adds %.2f s "
                "(%.0f%%)\n",
                100.0 * d.seconds / total.seconds, store_s, 100.0 * store_s / total.seconds);
  }
  std::printf("\npeak memory (VmHWM / ru_maxrss), each import in its own process, SQLite page "
              "cache %s:\n",
              cache_kib > 0 ? Mib(cache_kib).c_str()
                            : Mib(store::OpenOptions{}.cache_kib).append(" (default)").c_str());
  if (small_lines > 0) {
    const Figures s = Rate(small_lines, small_bytes, small_run.Num("total_s"));
    std::printf("  %9s lines  %s / %s   (%s lines/s, %.1f MB/s)\n",
                WithCommas(small_lines).c_str(),
                Mib(static_cast<std::int64_t>(small_run.Num("vmhwm_kb"))).c_str(),
                Mib(static_cast<std::int64_t>(small_run.Num("maxrss_kb"))).c_str(),
                WithCommas(static_cast<std::int64_t>(s.lines_per_s)).c_str(), s.mb_per_s);
  }
  std::printf("  %9s lines  %s / %s   (%s lines/s, %.1f MB/s)\n", WithCommas(lines).c_str(),
              Mib(static_cast<std::int64_t>(big_run.Num("vmhwm_kb"))).c_str(),
              Mib(static_cast<std::int64_t>(big_run.Num("maxrss_kb"))).c_str(),
              WithCommas(static_cast<std::int64_t>(total.lines_per_s)).c_str(), total.mb_per_s);
  if (small_lines > 0 && small_run.Num("vmhwm_kb") > 0) {
    std::printf("  ratio          %.2fx the memory for %.1fx the lines\n",
                big_run.Num("vmhwm_kb") / small_run.Num("vmhwm_kb"),
                static_cast<double>(lines) / static_cast<double>(small_lines));
  }
  if (peer_run.ok) {
    const Figures p = Rate(lines, big_bytes, peer_run.wall_s);
    std::printf("\npeer: %s, `.mode csv` + `.import` in one transaction, WAL, "
                "synchronous=NORMAL\n",
                peer_version.substr(0, peer_version.find(' ')).c_str());
    std::printf("  wall           %.2f s, %s lines/s, %.1f MB/s, peak RSS %s, %s rows, %.1f MB db\n",
                p.seconds, WithCommas(static_cast<std::int64_t>(p.lines_per_s)).c_str(),
                p.mb_per_s, Mib(peer_run.maxrss_kb).c_str(), WithCommas(peer_rows).c_str(),
                static_cast<double>(FileBytes(peer_db)) / 1e6);
    const double ratio = p.seconds / total.seconds;
    std::printf("  ratio          anchornet/peer throughput = %.2f  (%s)\n", ratio,
                ratio >= 1 ? Faster("anchornet", ratio).c_str()
                           : Faster("the peer", 1.0 / ratio).c_str());
  }
  std::printf("\ntarget           1,000,000 lines/s end to end: %s (%s lines/s)\n",
              total.lines_per_s >= 1e6 ? "MET" : "NOT MET",
              WithCommas(static_cast<std::int64_t>(total.lines_per_s)).c_str());
  std::printf("==============================================================================\n");
  if (big_lines + static_cast<std::int64_t>(big_run.Num("lines_duplicate")) +
          static_cast<std::int64_t>(big_run.Num("rows_rejected")) !=
      static_cast<std::int64_t>(big_run.Num("rows_read"))) {
    std::fprintf(stderr, "warning: the import's counts do not add up\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::string_view(argv[1]) == "--child") {
    return RunChild(argv[2], argv[3], argv[4], std::strtoll(argv[5], nullptr, 10));
  }
  return RunParent(argc, argv);
}
