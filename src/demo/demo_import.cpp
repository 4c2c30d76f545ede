// GenerateDemo: write the demo files, import them through the ordinary importers (payment files,
// then registers and supplier returns), then resolve the suppliers once.

#include <fmt/format.h>

#include "demo/demo.h"

namespace anchornet::demo {

namespace {

core::Error WithWhere(core::Error error, const std::string& path, const std::string& member) {
  if (error.where.file.empty()) error.where.file = path;
  if (error.where.member.empty()) error.where.member = member;
  return error;
}

}  // namespace

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
      options.progress(
          fmt::format("imported {} files for {}: {} lines, {} rejected rows, {} "
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
    if (!summary) return tl::unexpected(WithWhere(summary.error(), file.path, file.member));
    ++files;
    lines += summary->counts.lines_imported;
    rejected += summary->counts.rows_rejected;
    duplicate += summary->counts.lines_duplicate;
    result.imports.push_back(std::move(*summary));
  }
  report();

  // Registers and returns, in the order written: the same code path as
  // `anchornet import register KIND FILE [--member ID]`.
  result.register_imports.reserve(result.registers.size());
  for (const DemoRegisterFile& file : result.registers) {
    ingest::RegisterImportOptions register_options;
    register_options.member = file.member;
    core::Result<ingest::RegisterSummary> summary =
        ingest::ImportRegisterFile(*store, result.network, file.kind, file.path, register_options);
    if (!summary) return tl::unexpected(WithWhere(summary.error(), file.path, file.member));
    if (options.progress) {
      options.progress(fmt::format("imported {} {}{}: {} records, {} rejected rows", file.kind,
                                   file.path, file.member.empty() ? "" : " for " + file.member,
                                   summary->counts.records, summary->counts.rows_rejected));
    }
    result.register_imports.push_back(std::move(*summary));
  }

  // Members' returns, in the order written: `anchornet import returns FILE`.
  for (const DemoReturnFile& file : result.returns) {
    core::Result<ingest::ReturnImportSummary> summary =
        ingest::ImportReturnsFile(*store, result.network, file.path, {});
    if (!summary) return tl::unexpected(WithWhere(summary.error(), file.path, file.member));
    result.return_imports.push_back(std::move(*summary));
  }
  if (options.progress) {
    std::int64_t errors = 0, warnings = 0;
    for (const auto& s : result.return_imports) {
      errors += s.errors;
      warnings += s.warnings;
    }
    options.progress(fmt::format("imported {} members' returns: {} rows not taken, {} warnings",
                                 result.return_imports.size(), errors, warnings));
  }

  // One resolution for everything imported.
  core::Result<resolve::ResolveSummary> resolved = resolve::ResolveSuppliers(*store);
  if (!resolved) return tl::unexpected(resolved.error());
  if (options.progress) {
    options.progress(
        fmt::format("resolved {} payees into {} suppliers: {} matched by number, {} "
                    "by register name, {} unmatched, {} public bodies",
                    resolved->payees, resolved->suppliers, resolved->by_identifier,
                    resolved->by_register_name, resolved->unmatched, resolved->public_bodies));
  }
  result.resolved = *resolved;
  return written;
}

}  // namespace anchornet::demo
