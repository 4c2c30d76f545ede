// The /api/v1 routes (handlers.h, docs/api.md).
#include "api/internal/handlers.h"

#include <fmt/format.h>
#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "api/internal/json.h"
#include "app/options.h"
#include "app/suppliers.h"
#include "api/internal/params.h"
#include "core/date.h"
#include "core/supplier.h"
#include "ingest/importer.h"
#include "ingest/returns.h"
#include "metrics/payments.h"
#include "metrics/place.h"
#include "metrics/returns.h"
#include "report/measures_report.h"
#include "report/returns_report.h"
#include "report/spend_report.h"
#include "report/suppliers_report.h"
#include "resolve/resolver.h"
#include "resolve/search.h"
#include "resolve/settle.h"

namespace anchornet::api::internal {

namespace {

using core::ErrorCode;
using core::Result;

constexpr std::string_view kPrefix = "/api/v1";

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply JsonReply(std::string body, int status = 200) {
  Reply r;
  r.status = status;
  r.body = std::make_shared<const std::string>(std::move(body));
  return r;
}

Params ParamsOf(const httplib::Request& req, std::vector<std::string_view> allowed) {
  std::multimap<std::string, std::string> given(req.params.begin(), req.params.end());
  return Params(std::move(given), std::move(allowed));
}

// A GET whose body depends only on its path, its parameters and the store's data version: the
// body is computed once per version and served from the cache after, with an ETag.
using Compute = std::function<Result<std::string>(const Params&)>;
httplib::Server::Handler Cached(Service& service, std::vector<std::string_view> allowed,
                                Compute compute) {
  return [&service, allowed = std::move(allowed), compute = std::move(compute)](
             const httplib::Request& req, httplib::Response& res) {
    const Params params = ParamsOf(req, allowed);
    if (auto s = params.CheckNames(); !s) return SendError(res, s.error());
    auto version = service.DataVersion();
    if (!version) return SendError(res, version.error());
    const std::string key = req.path + "?" + params.Canonical();
    auto body = service.Body(key, *version, [&] { return compute(params); });
    if (!body) return SendError(res, body.error());
    Reply reply;
    reply.body = *body;
    reply.etag = fmt::format("\"v{}-{:x}\"", *version, std::hash<std::string>{}(key));
    Send(req, res, reply);
  };
}

// The member a request names (empty: the network), checked against the network.
Result<std::string> MemberParam(Service& service, const Params& p) {
  return app::CheckMemberOption(service, p.Text("member"));
}

Result<metrics::ReportQuery> ReportQueryOf(Service& service, const Params& p) {
  metrics::ReportQuery q;
  auto fy = p.Year("fy");
  if (!fy) return tl::unexpected(fy.error());
  q.financial_year = *fy;
  auto member = MemberParam(service, p);
  if (!member) return tl::unexpected(member.error());
  q.member = *member;
  auto filter = metrics::ParseLineFilter(p.Text("size"), p.Text("geography"), p.Text("category"));
  if (!filter) return tl::unexpected(filter.error());
  q.filter = *filter;
  return q;
}

Result<int> QuarterOf(const Params& p, const std::optional<int>& fy) {
  auto q = p.Int("quarter", 0, 1, 4);
  if (!q) return tl::unexpected(q.error());
  if (*q != 0 && !fy) {
    return core::Fail(ErrorCode::kUsage, "quarter needs fy: e.g. fy=2024/25&quarter=1");
  }
  return static_cast<int>(*q);
}

Result<int> YearOrLatest(Service& service, const Params& p) {
  auto fy = p.Year("fy");
  if (!fy) return tl::unexpected(fy.error());
  if (*fy) return **fy;
  return service.LatestYear();
}

// ---- Handlers that compute a body (cached by Cached()).

Result<std::string> Health(Service& service) {
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto version = (*lease)->DataVersion();
  if (!version) return tl::unexpected(version.error());
  auto network = service.Network();
  if (!network) return tl::unexpected(network.error());
  return Dump({{"status", "ok"},
               {"schema_version", (*lease)->SchemaVersion()},
               {"data_version", *version},
               {"network", (*network)->name},
               {"synthetic", (*network)->synthetic}});
}

Result<std::string> NetworkBody(Service& service) {
  auto network = service.Network();
  if (!network) return tl::unexpected(network.error());
  metrics::ReportQuery all;
  all.top_suppliers = 0;
  auto report = service.Measures(all);
  if (!report) return tl::unexpected(report.error());
  return Dump(NetworkJson(**network, **report, store::kSchemaVersion));
}

Result<std::string> OverviewBody(Service& service, const Params& p) {
  auto fy = YearOrLatest(service, p);
  if (!fy) return tl::unexpected(fy.error());
  auto impact = service.Impact(*fy);
  if (!impact) return tl::unexpected(impact.error());
  return Dump(OverviewJson(**impact));
}

Result<std::string> MeasuresBody(Service& service, const Params& p) {
  auto q = ReportQueryOf(service, p);
  if (!q) return tl::unexpected(q.error());
  auto quarter = QuarterOf(p, q->financial_year);
  if (!quarter) return tl::unexpected(quarter.error());
  auto top = p.Int("top", 20, 0, 1000);
  if (!top) return tl::unexpected(top.error());
  q->top_suppliers = *top;
  auto report = service.Measures(*q);
  if (!report) return tl::unexpected(report.error());
  json j = report::MeasuresJsonValue(**report);
  AddMeasureConfidence(j, (*report)->network.coverage_warning_below);
  if (*quarter != 0) {
    json kept = json::array();
    for (json& s : j["scopes"]) {
      if (s["quarter"] == *quarter) kept.push_back(std::move(s));
    }
    j["scopes"] = std::move(kept);
  }
  j["query"]["quarter"] = *quarter;
  const metrics::LineFilter& f = q->filter;
  j["query"]["size"] = f.size ? json(metrics::SizeFilterName(*f.size)) : json(nullptr);
  j["query"]["geography"] = f.geography.empty() ? json(nullptr) : json(f.geography);
  j["query"]["category"] = f.category.empty() ? json(nullptr) : json(f.category);
  j["filtered"] = (*report)->filtered;
  return Dump(j);
}

Result<std::string> GoalsBody(Service& service) {
  metrics::ReportQuery all;
  all.top_suppliers = 0;
  auto report = service.Measures(all);
  if (!report) return tl::unexpected(report.error());
  json goals = json::array();
  for (const metrics::GoalProgress& g : (*report)->goals) {
    goals.push_back(report::GoalJsonValue(**report, g));
    AddGoalConfidence(goals.back(), (*report)->network.coverage_warning_below);
  }
  return Dump({{"network", (*report)->network.name},
               {"synthetic", (*report)->network.synthetic},
               {"definitions_version", metrics::kMeasuresVersion},
               {"goals", goals}});
}

Result<std::string> MemberBody(Service& service, const std::string& id, const Params& p) {
  auto network = service.Network();
  if (!network) return tl::unexpected(network.error());
  auto member = (*network)->RequireMember(id);
  if (!member) return tl::unexpected(member.error());
  auto fy = YearOrLatest(service, p);
  if (!fy) return tl::unexpected(fy.error());
  metrics::ReportQuery q;
  q.member = id;
  q.top_suppliers = 20;
  auto mine = service.Measures(q);
  if (!mine) return tl::unexpected(mine.error());
  auto impact = service.Impact(*fy);
  if (!impact) return tl::unexpected(impact.error());
  return Dump(MemberJson(**member, **mine, **impact));
}

Result<std::string> PlaceBody(Service& service, const Params& p) {
  auto q = ReportQueryOf(service, p);
  if (!q) return tl::unexpected(q.error());
  metrics::PlaceQuery pq{q->financial_year, q->member, q->filter};
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  std::lock_guard lock(service.write_mutex());  // may resolve suppliers first
  auto place = metrics::PlaceSpend(**lease, pq);
  if (!place) return tl::unexpected(place.error());
  return Dump(PlaceJson(*place));
}

// Suppliers of a report as rows, searched and paged.
json SupplierPage(const std::vector<report::SupplierRow>& rows, std::int64_t offset,
                  std::int64_t limit, core::Pence scope_s2) {
  std::vector<report::SupplierRow> page;
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < rows.size() && page.size() < static_cast<std::size_t>(limit); ++i) {
    page.push_back(rows[i]);
  }
  json j = report::SuppliersJsonValue(page);
  for (std::size_t i = 0; i < page.size(); ++i) {
    j["suppliers"][i]["share_of_s2"] = ShareJson(metrics::Share(page[i].s2.pence, scope_s2));
  }
  j["total"] = rows.size();
  j["offset"] = offset;
  j["limit"] = limit;
  j["scope_s2_pence"] = scope_s2;
  return j;
}

Result<app::SupplierQuery> SupplierQueryOf(const Params& p) {
  auto fy = p.Year("fy");
  if (!fy) return tl::unexpected(fy.error());
  return app::SupplierQuery{*fy, p.Text("member")};
}

// A page of a supplier list: `limit` rows from `offset`.
Result<json> SupplierPageOf(const app::SupplierList& list, const Params& p) {
  auto limit = p.Int("limit", 50, 1, 1000);
  if (!limit) return tl::unexpected(limit.error());
  auto offset = p.Int("offset", 0, 0, INT32_MAX);
  if (!offset) return tl::unexpected(offset.error());
  json j = SupplierPage(list.rows, *offset, *limit, list.scope_s2);
  j["synthetic"] = list.synthetic;
  return j;
}

Result<std::string> SuppliersBody(Service& service, const Params& p) {
  auto q = SupplierQueryOf(p);
  if (!q) return tl::unexpected(q.error());
  const std::string text = p.Text("q");
  auto list = text.empty() ? app::ListSuppliers(service, *q)
                           : app::SearchSuppliers(service, *q, text);
  if (!list) return tl::unexpected(list.error());
  auto j = SupplierPageOf(*list, p);
  if (!j) return tl::unexpected(j.error());
  (*j)["q"] = text;
  return Dump(*j);
}

Result<std::string> UnmatchedBody(Service& service, const Params& p) {
  auto q = SupplierQueryOf(p);
  if (!q) return tl::unexpected(q.error());
  auto list = app::UnmatchedSuppliers(service, *q);
  if (!list) return tl::unexpected(list.error());
  auto j = SupplierPageOf(*list, p);
  if (!j) return tl::unexpected(j.error());
  // Coverage now: size known as a share of the scope's S2, over the years shown.
  const std::optional<double> coverage = metrics::Share(list->size_known, list->scope_s2);
  (*j)["size_coverage"] = ShareJson(coverage);
  (*j)["size_confidence"] =
      ConfidenceJson(coverage, list->spend->network.coverage_warning_below);
  return Dump(*j);
}

Result<std::string> SupplierBody(Service& service, const std::string& key) {
  auto d = app::ShowSupplier(service, key);
  if (!d) return tl::unexpected(d.error());
  json j = report::SupplierDetailJsonValue(d->supplier, d->decisions, d->s2);
  j["synthetic"] = d->synthetic;
  return Dump(j);
}

Result<metrics::PaymentsQuery> PaymentsQueryOf(Service& service, const Params& p) {
  auto rq = ReportQueryOf(service, p);
  if (!rq) return tl::unexpected(rq.error());
  metrics::PaymentsQuery q;
  q.measure = p.Text("measure");
  if (q.measure.empty()) {
    return core::Fail(ErrorCode::kUsage, "measure is required: T1, S1, S2, S3, S3L, S4, S6, S7, "
                                         "S7b, S8 or excluded");
  }
  q.breakdown = p.Text("breakdown");
  q.member = rq->member;
  q.financial_year = rq->financial_year;
  q.filter = rq->filter;
  auto fy_to = p.Year("fy_to");
  if (!fy_to) return tl::unexpected(fy_to.error());
  if (*fy_to) {
    if (!q.financial_year || **fy_to < *q.financial_year) {
      return core::Fail(ErrorCode::kUsage,
                        "fy_to needs fy and is its last year: e.g. fy=2022/23&fy_to=2024/25");
    }
    q.to_financial_year = *fy_to;
  }
  auto quarter = QuarterOf(p, q.financial_year);
  if (!quarter) return tl::unexpected(quarter.error());
  q.quarter = *quarter;
  q.supplier = p.Text("supplier");
  auto sort = p.Choice("sort", "amount", {"amount", "date", "payee", "member"});
  if (!sort) return tl::unexpected(sort.error());
  q.sort = *sort;
  auto order = p.Choice("order", "desc", {"asc", "desc"});
  if (!order) return tl::unexpected(order.error());
  q.descending = *order == "desc";
  auto offset = p.Int("offset", 0, 0, INT32_MAX);
  if (!offset) return tl::unexpected(offset.error());
  q.offset = *offset;
  auto limit = p.Int("limit", 50, 1, 1000);
  if (!limit) return tl::unexpected(limit.error());
  q.limit = *limit;
  return q;
}

Result<metrics::PaymentsPage> Payments(Service& service, const metrics::PaymentsQuery& q) {
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  std::lock_guard lock(service.write_mutex());  // may resolve suppliers first
  return metrics::PaymentsBehind(**lease, q);
}

Result<std::string> ImportsBody(Service& service, const Params& p) {
  auto member = MemberParam(service, p);
  if (!member) return tl::unexpected(member.error());
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto files = (*lease)->ListImports(*member);
  if (!files) return tl::unexpected(files.error());
  return Dump(ImportsJson(*files));
}

Result<std::string> FileRowsBody(Service& service, std::int64_t file_id, const Params& p) {
  auto row = p.Int("row", 0, 0, INT64_MAX);
  if (!row) return tl::unexpected(row.error());
  auto context = p.Int("context", 3, 0, 100);
  if (!context) return tl::unexpected(context.error());
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto file = (*lease)->GetImport(file_id);  // kNotFound when there is no such file
  if (!file) return tl::unexpected(file.error());
  auto lines = (*lease)->FileLines(file_id);
  if (!lines) return tl::unexpected(lines.error());
  std::vector<core::SpendLine> shown;
  const std::int64_t from = *row == 0 ? 0 : *row - *context;
  const std::int64_t to = *row == 0 ? INT64_MAX : *row + *context;
  for (core::SpendLine& l : *lines) {
    if (l.row < from || l.row > to) continue;
    if (*row == 0 && shown.size() >= static_cast<std::size_t>(2 * *context + 1)) break;
    shown.push_back(std::move(l));
  }
  if (*row != 0) {
    bool found = false;
    for (const core::SpendLine& l : shown) found |= l.row == *row;
    if (!found) {
      return core::Fail(ErrorCode::kNotFound,
                        fmt::format("row {} of {} is not a stored payment line (it may have been "
                                    "a header, a blank or total row, a duplicate or a reject)",
                                    *row, file->name));
    }
  }
  return Dump(FileRowsJson(*file, shown, *row));
}

Result<std::string> RejectsBody(Service& service, const Params& p) {
  store::RejectFilter f;
  auto member = MemberParam(service, p);
  if (!member) return tl::unexpected(member.error());
  f.member = *member;
  auto file = p.Int("file", 0, 0, INT64_MAX);
  if (!file) return tl::unexpected(file.error());
  f.file_id = *file;
  auto limit = p.Int("limit", 100, 1, 10000);
  if (!limit) return tl::unexpected(limit.error());
  f.limit = *limit;
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto rejects = (*lease)->ListRejects(f);
  if (!rejects) return tl::unexpected(rejects.error());
  return Dump(RejectsJson(*rejects));
}

Result<std::string> ReturnsStatusBody(Service& service, const Params& p) {
  auto fy = p.Year("fy");
  if (!fy) return tl::unexpected(fy.error());
  int year = 0;
  if (*fy) {
    year = **fy;
  } else {
    auto latest = service.LatestYear();
    if (!latest) return tl::unexpected(latest.error());
    year = *latest;
  }
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto rows = metrics::ReturnsStatus(**lease, year);
  if (!rows) return tl::unexpected(rows.error());
  return Dump(report::ReturnsStatusJsonValue(*rows, year));
}

// ---- Writes.

// An uploaded file written to a private temporary directory under its own (base) name, removed
// when done: the importers read paths, and the name is what the store records.
class UploadedFile {
 public:
  static Result<UploadedFile> Write(std::string_view name, std::string_view bytes) {
    std::string base = std::filesystem::path(std::string(name)).filename().string();
    if (base.empty() || base == "." || base == "..") {
      return core::Fail(ErrorCode::kUsage,
                        "say the file's name: ?filename=NAME (or a multipart 'file' field)");
    }
    std::string dir_template =
        (std::filesystem::temp_directory_path() / "anchornet-upload-XXXXXX").string();
    if (!mkdtemp(dir_template.data())) {
      return core::Fail(ErrorCode::kStoreIo, "cannot create a temporary directory for the upload");
    }
    UploadedFile f;
    f.dir_ = dir_template;
    f.path_ = (std::filesystem::path(f.dir_) / base).string();
    std::ofstream out(f.path_, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return core::Fail(ErrorCode::kStoreIo, "cannot write the uploaded file to disk");
    return f;
  }
  UploadedFile() = default;
  UploadedFile(UploadedFile&& o) noexcept : dir_(std::move(o.dir_)), path_(std::move(o.path_)) {
    o.dir_.clear();
  }
  ~UploadedFile() {
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

struct Upload {
  std::string name;
  std::string member;
  const std::string* bytes = nullptr;
};

Result<Upload> UploadOf(const httplib::Request& req) {
  Upload u;
  u.name = req.get_param_value("filename");
  u.member = req.get_param_value("member");
  if (req.is_multipart_form_data()) {
    if (!req.has_file("file")) {
      return core::Fail(ErrorCode::kUsage, "the multipart upload has no 'file' field");
    }
    const auto& f = req.files.find("file")->second;
    if (u.name.empty()) u.name = f.filename;
    if (u.member.empty() && req.has_file("member")) u.member = req.files.find("member")->second.content;
    u.bytes = &f.content;
  } else {
    u.bytes = &req.body;
  }
  if (u.bytes->empty()) {
    return core::Fail(ErrorCode::kFileEmpty, "the upload is empty", core::Location{u.name});
  }
  return u;
}

Result<Reply> UploadSpend(Service& service, const httplib::Request& req) {
  const Params p = ParamsOf(req, {"member", "filename"});
  if (auto s = p.CheckNames(); !s) return tl::unexpected(s.error());
  auto upload = UploadOf(req);
  if (!upload) return tl::unexpected(upload.error());
  if (upload->member.empty()) {
    return core::Fail(ErrorCode::kUsage, "say whose file it is: ?member=ID");
  }
  auto network = service.Network();
  if (!network) return tl::unexpected(network.error());
  if (auto m = (*network)->RequireMember(upload->member); !m) return tl::unexpected(m.error());
  auto file = UploadedFile::Write(upload->name, *upload->bytes);
  if (!file) return tl::unexpected(file.error());
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  std::lock_guard lock(service.write_mutex());
  auto summary = ingest::ImportSpendFile(**lease, **network, upload->member, file->path());
  if (!summary) {
    core::Error e = summary.error();
    if (e.where.file == file->path() || e.where.file.empty()) {
      e.where.file = std::filesystem::path(file->path()).filename().string();
    }
    return tl::unexpected(e);
  }
  summary->path = std::filesystem::path(file->path()).filename().string();
  json j = report::ImportSummaryJsonValue({*summary})[0];
  return JsonReply(Dump(j), summary->already_imported ? 200 : 201);
}

Result<Reply> UploadReturns(Service& service, const httplib::Request& req) {
  const Params p = ParamsOf(req, {"member", "filename", "by"});
  if (auto s = p.CheckNames(); !s) return tl::unexpected(s.error());
  auto upload = UploadOf(req);
  if (!upload) return tl::unexpected(upload.error());
  auto network = service.Network();
  if (!network) return tl::unexpected(network.error());
  auto file = UploadedFile::Write(upload->name, *upload->bytes);
  if (!file) return tl::unexpected(file.error());
  ingest::ReturnImportOptions options;
  options.member = upload->member;
  options.imported_by = p.Text("by");
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  std::lock_guard lock(service.write_mutex());
  auto summary = ingest::ImportReturnsFile(**lease, **network, file->path(), options);
  if (!summary) {
    core::Error e = summary.error();
    e.where.file = std::filesystem::path(file->path()).filename().string();
    return tl::unexpected(e);
  }
  summary->path = std::filesystem::path(file->path()).filename().string();
  json j = report::ReturnImportJsonValue({*summary})["files"][0];
  return JsonReply(Dump(j), summary->already_imported ? 200 : 201);
}

Result<Reply> Settle(Service& service, const httplib::Request& req, const std::string& key) {
  const json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return core::Fail(ErrorCode::kUsage, "the body should be a JSON object such as "
                                         "{\"size\": \"small\", \"by\": \"J Smith\"}");
  }
  resolve::SettleForm form;
  form.supplier = key;
  auto text = [&](const char* name, std::string& into) -> core::Status {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_string()) {
      return core::Fail(ErrorCode::kUsage, fmt::format("'{}' should be text", name));
    }
    into = it->get<std::string>();
    return {};
  };
  static constexpr std::string_view kFields[] = {
      "company_number", "charity_number", "size",  "vcse", "postcode",  "public_body",
      "evidence",       "by",             "note",  "diverse", "individual"};
  for (const auto& [name, value] : body.items()) {
    bool known = false;
    for (std::string_view f : kFields) known |= f == name;
    if (!known) {
      return core::Fail(ErrorCode::kUsage,
                        fmt::format("unknown field '{}'; the form takes: company_number, "
                                    "charity_number, size, vcse, postcode, public_body, diverse, "
                                    "evidence, individual, by, note",
                                    name));
    }
  }
  for (auto [name, into] : std::initializer_list<std::pair<const char*, std::string*>>{
           {"company_number", &form.company_number},
           {"charity_number", &form.charity_number},
           {"size", &form.size},
           {"vcse", &form.vcse},
           {"postcode", &form.postcode},
           {"public_body", &form.public_body},
           {"evidence", &form.evidence},
           {"by", &form.by},
           {"note", &form.note}}) {
    if (auto s = text(name, *into); !s) return tl::unexpected(s.error());
  }
  if (auto it = body.find("individual"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return core::Fail(ErrorCode::kUsage, "'individual' should be true or false");
    form.individual = it->get<bool>();
  }
  if (auto it = body.find("diverse"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      return core::Fail(ErrorCode::kUsage, "'diverse' should be an object such as {\"women\": \"yes\"}");
    }
    for (const auto& [flag, answer] : it->items()) {
      if (!answer.is_string()) {
        return core::Fail(ErrorCode::kUsage, fmt::format("diverse '{}' should be yes, no or unknown", flag));
      }
      form.diverse.emplace_back(flag, answer.get<std::string>());
    }
  }
  if (form.by.empty()) {
    return core::Fail(ErrorCode::kUsage, "say who decides: \"by\" is required");
  }
  auto requests = resolve::SettleRequestsFrom(form);
  if (!requests) return tl::unexpected(requests.error());
  auto lease = service.Lease();
  if (!lease) return tl::unexpected(lease.error());
  std::lock_guard lock(service.write_mutex());
  auto settled = resolve::SettleSupplier(**lease, *requests);
  if (!settled) return tl::unexpected(settled.error());
  auto d = app::SettledSupplier(service, std::move(*settled));
  if (!d) return tl::unexpected(d.error());
  return JsonReply(Dump(report::SupplierDetailJsonValue(d->supplier, d->decisions, std::nullopt)));
}

bool Authorised(const ServerOptions& options, const httplib::Request& req) {
  if (options.token.empty()) return true;
  const std::string expected = "Bearer " + options.token;
  const std::string given = req.get_header_value("Authorization");
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// A POST handler: checks the token, runs `f`, sends its reply or error.
httplib::Server::Handler Write(const ServerOptions& options,
                               std::function<Result<Reply>(const httplib::Request&)> f) {
  return [&options, f = std::move(f)](const httplib::Request& req, httplib::Response& res) {
    if (!Authorised(options, req)) {
      return SendError(res, core::Error{ErrorCode::kUnauthorized,
                                        "this server needs its token: Authorization: Bearer TOKEN",
                                        {}});
    }
    auto reply = f(req);
    if (!reply) return SendError(res, reply.error());
    Send(req, res, *reply);
  };
}

}  // namespace

void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  if (!reply.etag.empty()) {
    res.set_header("ETag", reply.etag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == reply.etag) {
      res.status = 304;
      return;
    }
  }
  if (!reply.download_name.empty()) {
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}\"", reply.download_name));
  }
  res.status = reply.status;
  res.set_content(reply.body ? *reply.body : std::string(), reply.content_type.c_str());
}

void SendError(httplib::Response& res, const core::Error& error) {
  res.status = core::HttpStatusFor(error.code);
  if (res.status < 400) res.status = 500;
  res.set_content(Dump(ErrorJson(error)), "application/json");
}

void AddApiRoutes(httplib::Server& http, Service& service, const ServerOptions& options) {
  const std::string v1(kPrefix);
  auto& s = service;
  http.Get(v1 + "/health", Cached(s, {}, [&s](const Params&) { return Health(s); }));
  http.Get(v1 + "/openapi.json", [](const httplib::Request& req, httplib::Response& res) {
    Reply r;
    r.body = std::make_shared<const std::string>(OpenApiDocument());
    r.etag = fmt::format("\"openapi-{:x}\"", std::hash<std::string>{}(OpenApiDocument()));
    Send(req, res, r);
  });
  http.Get(v1 + "/network", Cached(s, {}, [&s](const Params&) { return NetworkBody(s); }));
  http.Get(v1 + "/overview",
           Cached(s, {"fy"}, [&s](const Params& p) { return OverviewBody(s, p); }));
  http.Get(v1 + "/measures",
           Cached(s, {"fy", "quarter", "member", "size", "geography", "category", "top"},
                  [&s](const Params& p) { return MeasuresBody(s, p); }));
  http.Get(v1 + "/measures/catalogue",
           Cached(s, {}, [](const Params&) -> Result<std::string> { return Dump(CatalogueJson()); }));
  http.Get(v1 + "/goals", Cached(s, {}, [&s](const Params&) { return GoalsBody(s); }));
  http.Get(v1 + R"(/members/([a-z0-9-]+))",
           [&s](const httplib::Request& req, httplib::Response& res) {
             const std::string id = req.matches[1];
             Cached(s, {"fy"}, [&s, id](const Params& p) { return MemberBody(s, id, p); })(req, res);
           });
  http.Get(v1 + "/place", Cached(s, {"fy", "member", "size", "geography", "category"},
                                 [&s](const Params& p) { return PlaceBody(s, p); }));
  http.Get(v1 + "/suppliers/unmatched", Cached(s, {"fy", "member", "limit", "offset"},
                                               [&s](const Params& p) { return UnmatchedBody(s, p); }));
  http.Post(v1 + R"(/suppliers/(.+)/settle)",
            Write(options, [&s](const httplib::Request& req) {
              return Settle(s, req, req.matches[1]);
            }));
  http.Get(v1 + R"(/suppliers/(.+))", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string key = req.matches[1];
    Cached(s, {}, [&s, key](const Params&) { return SupplierBody(s, key); })(req, res);
  });
  http.Get(v1 + "/suppliers", Cached(s, {"q", "fy", "member", "limit", "offset"},
                                     [&s](const Params& p) { return SuppliersBody(s, p); }));
  http.Get(v1 + "/payments", [&s](const httplib::Request& req, httplib::Response& res) {
    const Params p = ParamsOf(req, {"measure", "breakdown", "member", "fy", "fy_to", "quarter", "size",
                                    "geography", "category", "supplier", "sort", "order", "offset",
                                    "limit", "format"});
    auto format = p.Choice("format", "json", {"json", "csv"});
    if (!format) return SendError(res, format.error());
    if (*format == "json") {
      return Cached(s, {"measure", "breakdown", "member", "fy", "fy_to", "quarter", "size", "geography",
                        "category", "supplier", "sort", "order", "offset", "limit", "format"},
                    [&s](const Params& p) -> Result<std::string> {
                      auto q = PaymentsQueryOf(s, p);
                      if (!q) return tl::unexpected(q.error());
                      auto page = Payments(s, *q);
                      if (!page) return tl::unexpected(page.error());
                      return Dump(PaymentsJson(*page));
                    })(req, res);
    }
    if (auto c = p.CheckNames(); !c) return SendError(res, c.error());
    auto q = PaymentsQueryOf(s, p);
    if (!q) return SendError(res, q.error());
    q->offset = 0;
    q->limit = 0;  // every line
    auto page = Payments(s, *q);
    if (!page) return SendError(res, page.error());
    Reply r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = std::make_shared<const std::string>(PaymentsCsv(*page));
    r.download_name = fmt::format("payments-{}{}{}.csv", q->measure,
                                  q->breakdown.empty() ? "" : "-" + q->breakdown,
                                  q->member.empty() ? "" : "-" + q->member);
    Send(req, res, r);
  });
  http.Get(v1 + "/imports", Cached(s, {"member"}, [&s](const Params& p) { return ImportsBody(s, p); }));
  http.Get(v1 + R"(/imports/(\d+)/rows)", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::int64_t id = std::stoll(std::string(req.matches[1]).substr(0, 18));
    Cached(s, {"row", "context"},
           [&s, id](const Params& p) { return FileRowsBody(s, id, p); })(req, res);
  });
  http.Get(v1 + "/rejects", Cached(s, {"member", "file", "limit"},
                                   [&s](const Params& p) { return RejectsBody(s, p); }));
  http.Get(v1 + "/returns/status",
           Cached(s, {"fy"}, [&s](const Params& p) { return ReturnsStatusBody(s, p); }));
  http.Post(v1 + "/imports/spend",
            Write(options, [&s](const httplib::Request& req) { return UploadSpend(s, req); }));
  http.Post(v1 + "/imports/returns",
            Write(options, [&s](const httplib::Request& req) { return UploadReturns(s, req); }));
  // Anything else under /api answers a JSON 404.
  auto not_found = [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, core::Error{ErrorCode::kNotFound,
                               fmt::format("no API endpoint {} {} (see /api/v1/openapi.json)",
                                           req.method, req.path),
                               {}});
  };
  http.Get(R"(/api(/.*)?)", not_found);
  http.Post(R"(/api(/.*)?)", not_found);
  http.Put(R"(/api(/.*)?)", not_found);
  http.Delete(R"(/api(/.*)?)", not_found);
}

}  // namespace anchornet::api::internal
