// The synthetic demo: a made-up anchor network of 22 members with about three financial years of
// payment files in the layouts real publishers use, made-up reference registers (Companies
// House, charities, public bodies, postcodes, deprivation) and eight members' supplier returns,
// written to a directory and (optionally) imported through the same importers as real files,
// then resolved into suppliers so that every procurement measure has figures.
//
// Everything generated is labelled synthetic: the network name, every member name, every file
// name, the network file's header, README.txt and the XLSX document properties. Output is a pure
// function of DemoOptions (same seed and sizes give the same bytes), whatever the thread count.
//
// Thread-safety: GenerateDemo may be called from one thread at a time per directory; it uses
// worker threads of its own while writing files. The other functions are pure.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/money.h"
#include "core/network.h"
#include "ingest/importer.h"
#include "ingest/registers.h"
#include "ingest/returns.h"
#include "resolve/resolver.h"
#include "store/store.h"

namespace anchornet::demo {

struct DemoOptions {
  std::string dir;                       // output directory; created if missing
  std::int64_t total_lines = 3'000'000;  // approximate payment lines across all files
  int first_fy = 2022;                   // first financial year (2022 is 2022/23)
  int years = 3;                         // number of financial years
  std::uint64_t seed = 20240208;
  bool import = true;  // import every file into the store after writing
  int threads = 0;     // writer threads; 0 picks from the hardware (max 8)
  // Called with one line of plain text per step (a member's files written, a file imported).
  // Always called from the thread that called GenerateDemo. May be empty.
  std::function<void(const std::string&)> progress;
};

// One generated payment file.
struct DemoFile {
  std::string member;  // member id
  std::string path;    // DIR/spend/<member>/synthetic-<member>-<yyyy>-<mm>.<ext>
  std::string layout;  // layout family, e.g. "preamble-cp1252" (see LayoutNames)
  int year = 0;        // calendar year and month the file covers
  int month = 0;
  std::int64_t lines = 0;     // good payment lines written
  core::Pence total = 0;      // sum of the good lines, credit notes included
  std::int64_t bad_rows = 0;  // deliberately bad rows ("TBC" amount, 31 February) written
  std::int64_t bytes = 0;
};

// One generated register or supplier return.
struct DemoRegisterFile {
  std::string kind;    // an ingest::RegisterKinds() name: "companies-house", "supplier-returns"
  std::string member;  // supplier-returns: the member sending it; else ""
  std::string path;    // DIR/registers/synthetic-<kind>.csv, or
                       // DIR/returns/synthetic-<member>-supplier-return.<csv|xlsx>
  std::int64_t rows = 0;
  std::string description;  // one line for README.txt
};

// One generated member's return (workforce and climate figures, docs/returns.md).
struct DemoReturnFile {
  std::string member;
  int financial_year = 0;
  int quarter = 0;
  std::string path;  // DIR/returns/synthetic-<member>-return-<yyyy>-<yy>[-q<n>][-first].<csv|xlsx>
  bool replaced_later = false;  // a first submission a later file corrects
};

struct DemoResult {
  core::Network network;
  std::string network_path;                    // DIR/network.toml
  std::string readme_path;                     // DIR/README.txt
  std::vector<DemoFile> files;                 // member order (as in the network), then month order
  std::vector<DemoRegisterFile> registers;     // in import order: registers, then returns
  std::vector<ingest::ImportSummary> imports;  // same order as files; empty when not imported
  std::vector<ingest::RegisterSummary> register_imports;  // same order as registers
  std::vector<DemoReturnFile> returns;                    // in import order
  std::vector<ingest::ReturnImportSummary> return_imports;  // same order as returns
  std::optional<resolve::ResolveSummary> resolved;        // set when imported
};

// The layout families, in the order they are described in README.txt: "lgtc-csv",
// "preamble-cp1252", "excel-serial", "semicolon-iso", "xlsx", "tab-dmy", "dos-cp850".
const std::vector<std::string>& LayoutNames();

// The synthetic network: 22 members across every sector of an anchor network, London geography
// (the 33 borough codes E09000001..E09000033), synthetic = true, eight example goals covering
// financial years first_fy .. first_fy + years - 1 (after the London Anchor Institutions'
// Network's: a cumulative MSME spend for the network, scaled to `total_lines`; 30% of each
// member's addressable spend with MSMEs each year; a VCSE share for one council; then staff on
// the living wage, apprentices in post, carbon literacy, carbon saved and prompt payment from the
// members' returns), and two
// member-specific rules (council-ashby's own "grants" rule, transport-capital's concessionary
// fares declared not addressable).
core::Network DemoNetwork(int first_fy = 2022, int years = 3, std::int64_t total_lines = 3'000'000);

// The text of a network file (network.toml) for `network`, with a header comment saying the data
// is synthetic when network.synthetic is set. Keys: name, financial_year_start, synthetic,
// [geography] name/codes, [[members]] id/name/sector/geography, [[goals]] and [[rules]].
std::string NetworkToml(const core::Network& network);

// Writes DIR/network.toml, DIR/README.txt, DIR/spend/<member>/<files>, DIR/registers/ and
// DIR/returns/. When options.import is set, then saves the network to `store`, imports every
// payment file with ingest::ImportSpendFile, every register and return with
// ingest::ImportRegisterFile, and resolves the suppliers once (resolve::ResolveSuppliers),
// collecting the summaries. `store` may be null when options.import is false.
// Errors: kUsage (bad options, or import requested without a store), kStoreIo (a directory or
// file could not be written), and any error of Store::SaveNetwork, ingest::ImportSpendFile,
// ingest::ImportRegisterFile or resolve::ResolveSuppliers (with the file and member in
// Error::where).
[[nodiscard]] core::Result<DemoResult> GenerateDemo(store::Store* store,
                                                    const DemoOptions& options);

// The writing half of GenerateDemo alone (never touches a store; options.import is ignored).
// Errors: kUsage, kStoreIo.
[[nodiscard]] core::Result<DemoResult> WriteDemoFiles(const DemoOptions& options);

}  // namespace anchornet::demo
