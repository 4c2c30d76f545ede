// GenerateDemo: write the demo files, then import them through the ordinary importer.

#include <fmt/format.h>

#include "demo/demo.h"

namespace anchornet::demo {

core::Result<DemoResult> GenerateDemo(store::Store* store, const DemoOptions& options) {
  if (options.import && store == nullptr) {
    return core::Fail(core::ErrorCode::kUsage, "the demo cannot import without a workspace");
  }
  core::Result<DemoResult> written = WriteDemoFiles(options);
  if (!written || !options.import) return written;
  DemoResult& result = *written;

  if (auto saved = store->SaveNetwork(result.network, NetworkToml(result.network)); !saved) {
    return tl::unexpected(saved.error());
  }
  result.imports.reserve(result.files.size());
  // Progress: one line per member, not per file.
  std::string member;
  std::int64_t files = 0, lines = 0, rejected = 0, duplicate = 0;
  auto report = [&] {
    if (options.progress && files > 0) {
      options.progress(fmt::format("imported {} files for {}: {} lines, {} rejected rows, {} "
                                   "duplicate",
                                   files, member, lines, rejected, duplicate));
    }
    files = lines = rejected = duplicate = 0;
  };
  for (const DemoFile& file : result.files) {
    if (file.member != member) {
      report();
      member = file.member;
    }
    core::Result<ingest::ImportSummary> summary =
        ingest::ImportSpendFile(*store, result.network, file.member, file.path);
    if (!summary) {
      core::Error error = summary.error();
      if (error.where.file.empty()) error.where.file = file.path;
      if (error.where.member.empty()) error.where.member = file.member;
      return tl::unexpected(std::move(error));
    }
    ++files;
    lines += summary->counts.lines_imported;
    rejected += summary->counts.rows_rejected;
    duplicate += summary->counts.lines_duplicate;
    result.imports.push_back(std::move(*summary));
  }
  report();
  return written;
}

}  // namespace anchornet::demo
