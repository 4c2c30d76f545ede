// ImportRegisterFile: probe, open, recognise the header, and stream rows through the kind's
// reader into one register import (ingest/registers.h). The readers themselves are in
// ingest/internal/register_readers_*.cpp.
#include "ingest/registers.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/internal/register_pipeline.h"
#include "ingest/internal/registers_internal.h"
#include "ingest/json_reader.h"
#include "ingest/xlsx_reader.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;

// Files larger than this are hashed on another thread while they are read, and their records
// are stored by a writer thread (registers::PipelinedRegisterWriter).
constexpr std::int64_t kConcurrentBytes = 8 << 20;

using PendingProbe = std::future<core::Result<FileProbe>>;

core::Error WithFile(core::Error e, const std::string& path) {
  if (e.where.file.empty()) e.where.file = path;
  return e;
}


// Rows from memory: the code -> name pairs of a JSON object, after a synthetic header.
class MemoryRows final : public RowSource {
 public:
  MemoryRows(std::vector<std::vector<std::string>> rows, std::string description)
      : rows_(std::move(rows)), description_(std::move(description)) {}

  core::Result<bool> Next(Row& row) override {
    if (next_ >= rows_.size()) return false;
    row.cells.clear();
    row.problem = ErrorCode::kOk;
    row.problem_column = 0;
    row.line = static_cast<std::int64_t>(next_);  // the header is line 0, entries 1..n
    for (const std::string& c : rows_[next_]) row.cells.emplace_back(c);
    ++next_;
    return true;
  }
  std::string Describe() const override { return description_; }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::string description_;
  std::size_t next_ = 0;
};

// A JSON object {"E09000022": "Lambeth", ...} as rows code,name; an array of objects is read by
// the JSON rows reader.
core::Result<std::unique_ptr<RowSource>> OpenJson(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto error = parser.load(path).get(doc); error) {
    return core::Fail(ErrorCode::kUnsupportedFormat,
                      fmt::format("not valid JSON: {}", simdjson::error_message(error)), {path});
  }
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return OpenJsonRows(path);
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"code", "name"});
  for (auto field : object) {
    std::string_view text;
    std::string value = field.value.get_string().get(text) == simdjson::SUCCESS
                            ? std::string(text)
                            : simdjson::minify(field.value);
    if (field.value.is_null()) value.clear();
    rows.push_back({std::string(field.key), std::move(value)});
  }
  return std::unique_ptr<RowSource>(
      std::make_unique<MemoryRows>(std::move(rows), "JSON object of code: name"));
}

core::Result<std::unique_ptr<RowSource>> OpenRows(const std::string& path, const FileProbe& probe,
                                                  const std::string& format,
                                                  const RegisterImportOptions& options) {
  if (format == "xlsx") return OpenXlsx(path, options.sheet);
  if (format == "json") return OpenJson(path);
  return OpenCsv(path, probe, 0);
}

struct Request {
  std::string kind;
  std::string member;  // supplier-returns only
  std::string path;
  RegisterImportOptions options;
  registers::ReadContext context;
};

// The import proper. `probe` is the full probe, or (with `pending`) a probe of the file's head
// whose guess of the encoding is checked against the full probe before anything is committed.
core::Result<RegisterSummary> Import(store::Store& store, const Request& req,
                                     const FileProbe* probe, PendingProbe* pending) {
  const std::string& path = req.path;
  RegisterSummary summary;
  summary.path = path;
  summary.kind = req.kind;
  summary.member = req.member;
  summary.dry_run = req.options.dry_run;
  summary.content_hash = probe->content_hash;
  summary.bytes = probe->bytes;
  auto format = DetectContainer(path, *probe, true, "registers are read from CSV, XLSX or JSON");
  if (!format) return tl::unexpected(format.error());
  summary.format = *format;
  if (*format == "json" && req.kind != "area-names") {
    return core::Fail(ErrorCode::kUnsupportedFormat,
                      fmt::format("a {} register is read from CSV or XLSX, not JSON", req.kind),
                      {path});
  }
  auto source = OpenRows(path, *probe, *format, req.options);
  if (!source) return tl::unexpected(WithFile(source.error(), path));
  registers::ReadContext context = req.context;
  context.check_width = *format == "csv";

  // The same bytes imported before change nothing. With the hash still being computed, this is
  // checked before the commit instead (and the import rolled back).
  auto already = [&](std::string_view hash) -> core::Result<bool> {
    auto earlier = store.FindRegisterImport(req.kind, req.member, hash);
    if (!earlier) return tl::unexpected(earlier.error());
    if (!*earlier) return false;
    RegisterSummary again;
    again.path = path;
    again.kind = req.kind;
    again.member = req.member;
    again.format = summary.format;
    again.content_hash = std::string(hash);
    again.bytes = summary.bytes;
    again.already_imported = true;
    again.import_id = (*earlier)->id;
    again.counts = (*earlier)->counts;
    again.notes.push_back(
        fmt::format("these exact bytes were imported on {} as '{}': nothing "
                    "changed",
                    (*earlier)->imported_at, (*earlier)->name));
    summary = std::move(again);
    return true;
  };
  if (!req.options.dry_run && pending == nullptr) {
    auto seen = already(probe->content_hash);
    if (!seen) return tl::unexpected(seen.error());
    if (*seen) return summary;
  }

  // Declared in this order so that the pipeline (which uses the writer) goes first.
  std::unique_ptr<store::RegisterWriter> writer;
  std::unique_ptr<registers::PipelinedRegisterWriter> pipeline;
  auto begin = [&]() -> core::Result<store::RegisterWriter*> {
    if (req.options.dry_run) return nullptr;
    store::RegisterFile file;
    file.kind = req.kind;
    file.member = req.member;
    file.name = std::filesystem::path(path).filename().string();
    file.content_hash = probe->content_hash;
    file.bytes = probe->bytes;
    file.format = summary.format;
    auto w = store.BeginRegisterImport(file);
    if (!w) return tl::unexpected(w.error());
    writer = std::move(*w);
    if (pending == nullptr) return writer.get();
    pipeline = std::make_unique<registers::PipelinedRegisterWriter>(*writer);
    return pipeline.get();
  };
  if (auto s = registers::ReadRegisterRows(req.kind, **source, context, summary, begin); !s) {
    return tl::unexpected(WithFile(s.error(), path));
  }
  store::RegisterWriter* active =
      pipeline ? static_cast<store::RegisterWriter*>(pipeline.get()) : writer.get();

  if (pending != nullptr) {
    core::Result<FileProbe> full = pending->get();
    if (!full) return tl::unexpected(full.error());
    if (pipeline) {
      if (auto s = pipeline->Finish(); !s) return tl::unexpected(WithFile(s.error(), path));
    }
    if (full->encoding != probe->encoding || full->looks_binary != probe->looks_binary ||
        full->bom_bytes != probe->bom_bytes) {
      // The head looked like one kind of file, the whole file is another: read it again, rightly.
      pipeline.reset();
      writer.reset();  // rolls back
      return Import(store, req, &*full, nullptr);
    }
    if (writer) {
      auto seen = already(full->content_hash);
      if (!seen) return tl::unexpected(seen.error());
      if (*seen) return summary;  // the writer rolls back as it goes
      if (auto s = active->SetFileIdentity(full->content_hash, full->bytes); !s) {
        return tl::unexpected(s.error());
      }
    }
    summary.content_hash = full->content_hash;
    summary.bytes = full->bytes;
  }
  if (summary.counts.rows_read == 0) {
    if (req.kind != "supplier-returns") {
      return core::Fail(ErrorCode::kFileEmpty, "the file has a header but no rows", {path});
    }
    summary.notes.emplace_back(
        "the return has no supplier rows: it replaces the member's earlier return with an empty "
        "one");
  }
  if (active != nullptr) {
    auto id = active->Commit(summary.counts);
    if (!id) return tl::unexpected(WithFile(id.error(), path));
    summary.import_id = *id;
  }
  return summary;
}

std::string KindList() {
  std::string out;
  for (const RegisterKindInfo& k : RegisterKinds()) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

}  // namespace

const std::vector<RegisterKindInfo>& RegisterKinds() {
  static const std::vector<RegisterKindInfo> kKinds = {
      {"companies-house",
       "Companies House companies: number, name, postcode, category, status, "
       "account category (a size proxy), first SIC code, previous names",
       "BasicCompanyData CSV, or the advanced-search export (detected by header)"},
      {"charities", "registered charities in England and Wales, with company links",
       "charity_scale.csv (numbers only), or a Charity Commission register extract"},
      {"charity-links",
       "charities linked to companies, CIOs, academy trusts, housing providers, "
       "universities and Scottish registrations",
       "charity-lookups crosswalks (each file's header says which)"},
      {"charity-names", "other names charities are known by", "charity-names.csv"},
      {"mutuals", "co-operatives and community benefit societies, with their IP/RS numbers",
       "mutual-companies.csv"},
      {"nhs-trusts", "NHS trusts: ODS code, name, postcode, open/closed",
       "the NHS ODS trust list (etr.csv, no header row)"},
      {"public-bodies", "public bodies payments to which are not addressable spend",
       "a CSV name,kind[,id][,aliases] (data/public_bodies_uk.csv is bundled)"},
      {"postcodes", "postcode -> local authority, ward and LSOA",
       "ONS postcode directory CSV (pcds, oslaua, osward, lsoa11)"},
      {"postcode-districts", "postcode district -> local authority name",
       "doogal_postcode_districts.csv (Postcode, Region)"},
      {"deprivation", "LSOA -> Index of Multiple Deprivation rank and decile",
       "English Indices of Deprivation 2019, file 1"},
      {"area-names", "GSS code -> area name",
       "postcodes.io JSON maps (code: name), or a CSV code,name"},
      {"ghg-factors", "UK government GHG conversion factors for one year (kg CO2e per unit)",
       "the DESNZ flat file, e.g. ghg-conversion-factors-2023-flat-format.csv"},
      {"supplier-returns", "a member's return about its suppliers (needs --member)",
       "the supplier-return template, CSV or XLSX"},
  };
  return kKinds;
}

core::Result<RegisterSummary> ImportRegisterFile(store::Store& store, const core::Network& network,
                                                 std::string_view kind, const std::string& path,
                                                 const RegisterImportOptions& options) {
  if (registers::FindKindReader(kind) == nullptr) {
    return core::Fail(ErrorCode::kUsage,
                      fmt::format("unknown register kind '{}': use one of {}", kind, KindList()),
                      {path});
  }
  Request req;
  req.kind = std::string(kind);
  req.path = path;
  req.options = options;
  if (kind == "supplier-returns") {
    if (options.member.empty()) {
      return core::Fail(ErrorCode::kUsage,
                        "a supplier return is from a member: give --member with its id", {path});
    }
    if (network.FindMember(options.member) == nullptr) {
      return tl::unexpected(core::UnknownMember(options.member, {path}));
    }
    req.member = options.member;
  } else if (!options.member.empty()) {
    return core::Fail(ErrorCode::kUsage,
                      fmt::format("--member is only for supplier-returns; a {} register is shared "
                                  "by the whole network",
                                  kind),
                      {path});
  }
  req.context.path = path;
  req.context.network = &network;
  req.context.member = req.member;

  auto head = ProbeHead(path);
  if (!head) return tl::unexpected(head.error());
  if (head->bytes == 0) return core::Fail(ErrorCode::kFileEmpty, "the file is empty", {path});
  if (head->bytes <= kConcurrentBytes) {
    auto probe = ProbeFile(path);
    if (!probe) return tl::unexpected(probe.error());
    return Import(store, req, &*probe, nullptr);
  }
  // A large file: hash it on another thread while reading it with the head's encoding.
  PendingProbe pending = std::async(std::launch::async, [path] { return ProbeFile(path); });
  return Import(store, req, &*head, &pending);
}

}  // namespace anchornet::ingest
