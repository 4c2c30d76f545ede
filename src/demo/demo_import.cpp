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
  for (const DemoFile& file : result.files) {
    core::Result<ingest::ImportSummary> summary =
        ingest::ImportSpendFile(*store, result.network, file.member, file.path);
    if (!summary) {
      core::Error error = summary.error();
      if (error.where.file.empty()) error.where.file = file.path;
      if (error.where.member.empty()) error.where.member = file.member;
      return tl::unexpected(std::move(error));
    }
    if (options.progress) {
      const store::ImportCounts& c = summary->counts;
      options.progress(fmt::format("imported {}: {} lines, {} rejected, {} duplicate{}", file.path,
                                   c.lines_imported, c.rows_rejected, c.lines_duplicate,
                                   summary->already_imported ? " (already imported)" : ""));
    }
    result.imports.push_back(std::move(*summary));
  }
  return written;
}

}  // namespace anchornet::demo
