// Members' returns in and out (ingest/returns.h, docs/returns.md): the template writer, and the
// import that probes and hashes a file, reads its rows, validates each member's return and stores
// the file in one transaction. The parts are in ingest/internal/returns_*.cpp.
#include "ingest/returns.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/text.h"
#include "ingest/encoding.h"
#include "ingest/internal/returns_internal.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;

core::Error WithFile(core::Error e, const std::string& path) {
  if (e.where.file.empty()) e.where.file = path;
  return e;
}


}  // namespace

core::Status WriteReturnTemplate(store::Store& store, const core::Network& network,
                                 const ReturnTemplateOptions& options) {
  const std::string ext =
      core::ToLowerAscii(std::filesystem::path(options.path).extension().string());
  if (ext != ".xlsx" && ext != ".csv") {
    return core::Fail(ErrorCode::kUsage,
                      fmt::format("the template is written as .xlsx or .csv, not '{}'",
                                  ext.empty() ? options.path : ext),
                      {options.path});
  }
  auto content = returns::BlankTemplate(&store, network, options.member, options.financial_year,
                                        options.quarter);
  if (!content) return tl::unexpected(WithFile(content.error(), options.path));
  return ext == ".xlsx" ? returns::WriteTemplateXlsx(options.path, *content)
                        : returns::WriteTemplateCsv(options.path, *content);
}

core::Status WriteFilledReturn(const core::Network& network, const core::MemberReturn& ret,
                              const core::MemberReturn* last_year, const std::string& path) {
  const std::string ext = core::ToLowerAscii(std::filesystem::path(path).extension().string());
  if (ext != ".xlsx" && ext != ".csv") {
    return core::Fail(ErrorCode::kUsage,
                      fmt::format("a return is written as .xlsx or .csv, not '{}'", path), {path});
  }
  auto content =
      returns::BlankTemplate(nullptr, network, ret.member, ret.financial_year, ret.quarter);
  if (!content) return tl::unexpected(WithFile(content.error(), path));
  content->examples = false;
  for (returns::TemplateContent::MeasureRow& row : content->measures) {
    for (const core::ReturnFigure& f : ret.figures) {
      if (f.measure != row.measure->id) continue;
      row.figure = core::FormatReturnValue(f.value, row.measure->unit);
      row.note = f.note;
    }
    if (last_year) {
      for (const core::ReturnFigure& f : last_year->figures) {
        if (f.measure == row.measure->id) row.last_year = f.value;
      }
    }
  }
  for (const core::LevyTransfer& t : ret.transfers) {
    content->transfers.push_back(
        {t.recipient, t.recipient_sme ? (*t.recipient_sme ? "yes" : "no") : "unknown",
         core::FormatDecimal(t.committed), core::FormatDecimal(t.paid),
         std::to_string(t.apprenticeships), t.note});
  }
  for (const core::CarbonProject& p : ret.projects) {
    content->projects.push_back({p.id, p.name, p.kind, p.activity, p.unit,
                                 std::to_string(p.activity_year), fmt::format("{}", p.baseline),
                                 fmt::format("{}", p.after), p.note});
  }
  return ext == ".xlsx" ? returns::WriteTemplateXlsx(path, *content)
                        : returns::WriteTemplateCsv(path, *content);
}

core::Result<ReturnImportSummary> ImportReturnsFile(store::Store& store,
                                                    const core::Network& network,
                                                    const std::string& path,
                                                    const ReturnImportOptions& options) {
  if (!options.member.empty() && network.FindMember(options.member) == nullptr) {
    return tl::unexpected(core::UnknownMember(options.member, {path}));
  }
  auto probe = ProbeFile(path);
  if (!probe) return tl::unexpected(WithFile(probe.error(), path));
  if (probe->bytes == 0) return core::Fail(ErrorCode::kFileEmpty, "the file is empty", {path});
  auto format = DetectContainer(path, *probe, false, "returns are read from the XLSX or CSV template or a plain CSV");
  if (!format) return tl::unexpected(format.error());

  ReturnImportSummary summary;
  summary.path = path;
  summary.format = *format;
  summary.content_hash = probe->content_hash;
  summary.bytes = probe->bytes;
  summary.dry_run = options.dry_run;

  // The same bytes imported before change nothing.
  if (!options.dry_run) {
    auto earlier = store.FindReturnFile(probe->content_hash);
    if (!earlier) return tl::unexpected(WithFile(earlier.error(), path));
    if (*earlier) {
      summary.already_imported = true;
      summary.file_id = (*earlier)->id;
      return summary;
    }
  }

  auto rows = returns::ReadSourceRows(path, *probe, *format);
  if (!rows) return tl::unexpected(WithFile(rows.error(), path));
  auto parsed = returns::ParseSourceRows(*rows, network, path);
  if (!parsed) return tl::unexpected(WithFile(parsed.error(), path));
  summary.shape = parsed->shape;
  summary.rows_read = parsed->rows_read;
  if (!options.member.empty()) {
    for (const returns::Draft& d : parsed->drafts) {
      if (d.member == options.member) continue;
      return core::Fail(ErrorCode::kUsage,
                        fmt::format("the file holds {}'s return for {}, and --member says only "
                                    "{}'s returns may be imported from it",
                                    d.member, core::ReturnPeriodLabel(d.financial_year, d.quarter),
                                    options.member),
                        {path, 0, 0, d.member});
    }
  }

  // Validate every return before anything is stored.
  returns::Validator validator(store);
  std::vector<returns::Checked> kept;
  std::vector<returns::SequencedIssue> file_issues = parsed->file_issues;
  std::vector<returns::SequencedIssue> all_issues = parsed->file_issues;
  for (const returns::Draft& d : parsed->drafts) {
    auto checked = validator.Check(d);
    if (!checked) return tl::unexpected(WithFile(checked.error(), path));
    all_issues.insert(all_issues.end(), checked->issues.begin(), checked->issues.end());
    const core::MemberReturn& r = checked->ret;
    if (r.figures.empty() && r.transfers.empty() && r.projects.empty()) {
      // Nothing taken: the issues are kept with the file.
      file_issues.insert(file_issues.end(), checked->issues.begin(), checked->issues.end());
      continue;
    }
    kept.push_back(std::move(*checked));
  }
  std::stable_sort(all_issues.begin(), all_issues.end(),
                   [](const returns::SequencedIssue& a, const returns::SequencedIssue& b) {
                     if (a.seq != b.seq) return a.seq < b.seq;
                     return a.issue.reject.column < b.issue.reject.column;
                   });
  for (const returns::SequencedIssue& i : all_issues) {
    ++(i.issue.warning ? summary.warnings : summary.errors);
    ++summary.issues_by_code[i.issue.reject.code];
    summary.issues.push_back(i.issue);
  }

  // Which current submissions the new ones replace.
  for (const returns::Checked& c : kept) {
    ReturnImportSummary::Submitted s;
    s.member = c.ret.member;
    s.financial_year = c.ret.financial_year;
    s.quarter = c.ret.quarter;
    s.figures = static_cast<std::int64_t>(c.ret.figures.size());
    s.transfers = static_cast<std::int64_t>(c.ret.transfers.size());
    s.projects = static_cast<std::int64_t>(c.ret.projects.size());
    store::ReturnFilter filter;
    filter.financial_year = c.ret.financial_year;
    filter.member = c.ret.member;
    auto current = store.ListReturnSubmissions(filter);
    if (!current) return tl::unexpected(WithFile(current.error(), path));
    for (const store::ReturnSubmission& sub : *current) {
      if (sub.quarter == c.ret.quarter && sub.superseded_by == 0) {
        s.supersedes = sub.id;
        break;
      }
    }
    summary.returns.push_back(std::move(s));
  }
  if (options.dry_run) return summary;

  store::ReturnFile file;
  file.name = std::filesystem::path(path).filename().string();
  file.content_hash = probe->content_hash;
  file.bytes = probe->bytes;
  file.format = *format;
  file.imported_by = options.imported_by;
  auto writer = store.BeginReturnImport(file);
  if (!writer) return tl::unexpected(WithFile(writer.error(), path));
  for (const returns::SequencedIssue& i : file_issues) {
    if (auto s = (*writer)->AddFileIssue(i.issue); !s) {
      return tl::unexpected(WithFile(s.error(), path));
    }
  }
  for (std::size_t k = 0; k < kept.size(); ++k) {
    std::vector<store::ReturnIssue> issues;
    issues.reserve(kept[k].issues.size());
    for (const returns::SequencedIssue& i : kept[k].issues) issues.push_back(i.issue);
    auto id = (*writer)->Add(kept[k].ret, issues);
    if (!id) return tl::unexpected(WithFile(id.error(), path));
    summary.returns[k].submission_id = *id;
  }
  auto file_id = (*writer)->Commit();
  if (!file_id) return tl::unexpected(WithFile(file_id.error(), path));
  summary.file_id = *file_id;
  return summary;
}

}  // namespace anchornet::ingest
