// The Store: where a workspace keeps its network, imported files, payment lines and rejects.
//
// Opened by URL through Store::Open ("sqlite:path" today; "postgres://..." is a later backend).
// Callers see only this interface; the backends live in store/sqlite/ and are private.
//
// Thread-safety: a Store object is used by one thread at a time. Several processes may open the
// same SQLite workspace; writers are serialised by the database's own locking.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/returns.h"
#include "core/spend.h"
#include "core/supplier.h"

namespace anchornet::store {

using core::Result;
using core::Status;

// The schema version this binary writes. A workspace with a higher version is refused
// (kStoreSchemaTooNew); a lower one is migrated forward when opened.
inline constexpr int kSchemaVersion = 6;

struct OpenOptions {
  bool create = true;  // create the workspace file if it does not exist
  bool read_only = false;
  std::string vfs;                 // SQLite VFS name; tests use a failing one (store/fault.h)
  std::int64_t cache_kib = 16384;  // page cache per connection; bounds memory during imports
};

// What is known about a source file before its lines are read.
struct FileToImport {
  std::string member;        // member id
  std::string name;          // file name as given (no directories)
  std::string content_hash;  // hex BLAKE2b-256 of the file's bytes; empty: set before Commit
  std::int64_t bytes = 0;
  std::string format;  // "csv", "xlsx", "json"
  std::string layout;  // detected layout, human-readable
};

// Counts written with the file when its import commits.
struct ImportCounts {
  std::int64_t rows_read = 0;        // data rows seen (after the header)
  std::int64_t lines_imported = 0;   // new payment lines stored
  std::int64_t lines_duplicate = 0;  // lines already in the store from an earlier file
  std::int64_t rows_rejected = 0;
  std::int64_t rows_skipped = 0;   // blank rows, total rows, repeated headers
  core::Pence total_imported = 0;  // sum of the new lines
  std::optional<core::Date> first_paid;
  std::optional<core::Date> last_paid;
};

struct ImportedFile {
  std::int64_t id = 0;
  std::string member;
  std::string name;
  std::string content_hash;
  std::int64_t bytes = 0;
  std::string format;
  std::string layout;
  std::string imported_at;  // ISO 8601 UTC
  ImportCounts counts;
};

// One import, open as a single transaction. Destroying it without Commit() rolls everything
// back: the store is then exactly as before BeginImport.
class SpendWriter {
 public:
  virtual ~SpendWriter() = default;
  // Stores a line unless the store already holds the same payment from another file (same
  // member, payment date, payee, amount and reference; see docs/import.md). Returns true when
  // stored, false when it was a duplicate. Errors: kStoreIo.
  [[nodiscard]] virtual Result<bool> Add(const core::SpendLine& line) = 0;
  [[nodiscard]] virtual Status AddReject(const core::Reject& reject) = 0;
  // Records the file's content hash and size when they were not known at BeginImport (a large
  // file is hashed while it is read). Must be called before Commit in that case.
  [[nodiscard]] virtual Status SetFileIdentity(std::string_view content_hash,
                                               std::int64_t bytes) = 0;
  // Writes the counts and commits. Errors: kStoreIo (nothing is committed).
  [[nodiscard]] virtual Result<std::int64_t> Commit(const ImportCounts& counts) = 0;
};

struct RejectRecord {
  std::int64_t file_id = 0;
  std::string file_name;
  std::string member;
  core::Reject reject;
};

struct RejectFilter {
  std::string member;        // empty: all members
  std::int64_t file_id = 0;  // 0: all files
  std::int64_t limit = 100;
};

// Spend per member per day: the grain metrics/ folds into financial years and quarters.
struct DailyTotal {
  std::string member;
  core::Date day;
  std::int64_t lines = 0;
  core::Pence amount = 0;
};

struct PayeeTotal {
  std::string payee;  // the most common spelling
  core::PayeeKind kind = core::PayeeKind::kOrganisation;
  std::int64_t members = 0;  // how many members paid it
  std::int64_t lines = 0;
  core::Pence amount = 0;
};

struct PayeeFilter {
  std::string member;  // empty: all members
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  std::int64_t limit = 20;
};

struct StoreCounts {
  std::int64_t members = 0;
  std::int64_t files = 0;
  std::int64_t lines = 0;
  std::int64_t rejects = 0;
  std::int64_t payees = 0;
  core::Pence total = 0;
};


// ---- Reference registers (docs/registers.md) ------------------------------------------------

// An organisation in a register. `scheme` is an org-id prefix: "GB-COH" (Companies House),
// "GB-CHC" (charity in England and Wales), "GB-SC" (Scotland), "GB-NIC" (Northern Ireland),
// "GB-MPR" (mutuals), "GB-NHS" (NHS ODS code), "GB-PUB" (the network's public-body list).
// Re-importing a register upserts by (scheme, id): the newest import's record wins.
struct RegisterOrg {
  std::string scheme;
  std::string id;    // normalised: company numbers 8 characters, upper case
  std::string name;  // may be empty (a register of numbers only)
  std::string postcode;  // normalised (core/postcode.h), or ""
  // Legal form or kind as the register states it: "Private Limited Company", "Community
  // Interest Company", "charity", "CIO", "registered society", "NHS trust", or for GB-PUB a
  // core::PublicBodyKindName such as "local-government".
  std::string form;
  std::string status;            // "Active", "Dissolved", ... ("" when not stated)
  std::string account_category;  // Companies House Accounts.AccountCategory, as published
  std::string sic;               // first SIC code, 5 digits
  std::string as_of;             // ISO date the record speaks for ("" = the import date)
  std::string incorporated;      // ISO date a company was incorporated ("" when not known)
};

// Two register records that are the same organisation (a charity and its company number).
struct RegisterLink {
  std::string scheme_a, id_a;
  std::string scheme_b, id_b;
};

// Another name an organisation is known by (previous names, working names, aliases).
struct RegisterName {
  std::string scheme, id;
  std::string name;
};

// A postcode (or, with district = true, a postcode district such as "SE11") and where it is.
struct PostcodePlace {
  std::string postcode;  // normalised "SE11 5AA", or the district "SE11"
  bool district = false;
  std::string local_authority;       // GSS code, e.g. "E09000022" ("" when only the name is known)
  std::string local_authority_name;  // as the source names it ("" when only the code is known)
  std::string ward;                  // GSS code
  std::string lsoa;                  // LSOA 2011 code
};

// English Indices of Deprivation by LSOA.
struct Deprivation {
  std::string lsoa;
  std::string local_authority;
  std::int32_t rank = 0;    // 1 = most deprived
  std::int32_t decile = 0;  // 1..10, 1 = most deprived 10%
};

// A GSS code's name ("E09000022" -> "Lambeth").
struct AreaName {
  std::string code;
  std::string name;
};

// One row of a member's supplier return: what the member knows about one of its suppliers.
struct SupplierReturnLine {
  std::int64_t row = 0;  // source row
  std::string name;
  std::string company_number;
  std::string charity_number;
  std::string vat_number;
  core::SizeBand size = core::SizeBand::kUnknown;
  core::Known vcse = core::Known::kUnknown;
  std::string vcse_form;       // "charity", "CIC", "CIO", "CBS", ... as given
  std::uint8_t diverse_yes = 0;  // core::DiverseFlag bits answered yes
  std::uint8_t diverse_no = 0;   // bits answered no (the rest are not known)
  core::Evidence evidence = core::Evidence::kNone;
  std::string certified_by;      // e.g. "MSDUK"
  std::vector<std::string> postcodes;  // normalised trading postcodes, first = main
  core::PublicBodyKind public_body = core::PublicBodyKind::kNone;
  std::string as_of;  // ISO date of the return ("" = the import date)
  std::string source_file;  // set when read back from the store: the file it came from
};

// A UK government GHG conversion factor (DESNZ flat file) for one reporting year: kilograms of
// CO2e (or of one gas) per unit of activity. Not money: factors are measured quantities, kept as
// published (text) and as a double for arithmetic.
struct GhgFactor {
  int year = 0;            // the factor set's year ("GHG Conversion Factor 2023" -> 2023)
  std::string id;          // the publisher's ID, e.g. "1_100_1004_1_1"
  std::string scope;       // "Scope 1", "Scope 2", "Scope 3", "Outside of Scopes"
  std::string level1, level2, level3, level4;  // the category path
  std::string column_text;  // e.g. "Gross CV"
  std::string unit;         // unit of activity (UOM), e.g. "kWh"
  std::string ghg_unit;     // e.g. "kg CO2e", "kg CO2e of CO2 per unit"
  std::string value_text;   // as published
  double value = 0;
};

struct RegisterFile {
  std::string kind;    // "companies-house", "charities", ... (ingest/registers.h)
  std::string member;  // supplier-returns only: the member the return is from
  std::string name;
  std::string content_hash;
  std::int64_t bytes = 0;
  std::string format;
};

struct RegisterCounts {
  std::int64_t rows_read = 0;
  std::int64_t records = 0;  // records written (orgs + links + names + places + ...)
  std::int64_t rows_rejected = 0;
  std::int64_t rows_skipped = 0;
};

struct RegisterImport {
  std::int64_t id = 0;
  std::string kind;
  std::string member;
  std::string name;
  std::string content_hash;
  std::int64_t bytes = 0;
  std::string imported_at;
  RegisterCounts counts;
};

// One register import, one transaction: destroyed without Commit(), nothing is kept. A new
// supplier return from a member replaces that member's earlier returns (docs/registers.md).
class RegisterWriter {
 public:
  virtual ~RegisterWriter() = default;
  [[nodiscard]] virtual Status AddOrg(const RegisterOrg& org) = 0;
  [[nodiscard]] virtual Status AddLink(const RegisterLink& link) = 0;
  [[nodiscard]] virtual Status AddName(const RegisterName& name) = 0;
  [[nodiscard]] virtual Status AddPostcode(const PostcodePlace& place) = 0;
  [[nodiscard]] virtual Status AddDeprivation(const Deprivation& row) = 0;
  [[nodiscard]] virtual Status AddAreaName(const AreaName& area) = 0;
  [[nodiscard]] virtual Status AddSupplierReturn(const SupplierReturnLine& line) = 0;
  [[nodiscard]] virtual Status AddGhgFactor(const GhgFactor& factor) = 0;
  [[nodiscard]] virtual Status AddReject(const core::Reject& reject) = 0;
  [[nodiscard]] virtual Status SetFileIdentity(std::string_view content_hash,
                                               std::int64_t bytes) = 0;
  // Errors: kStoreIo (nothing is committed).
  [[nodiscard]] virtual Result<std::int64_t> Commit(const RegisterCounts& counts) = 0;
};

// ---- Suppliers (resolve/ writes them, metrics/ and report/ read them) -------------------------

// A payee as stored: one per member x spelling x identifiers.
struct PayeeRecord {
  std::int64_t id = 0;
  std::string member;
  std::string name;
  core::PayeeKind kind = core::PayeeKind::kOrganisation;
  std::string vendor_id, company_number, charity_number, vat_number, postcode;
};

// A person's decision about a supplier (`anchornet suppliers set`). Append-only: the latest
// decision per (subject, field) is in force; the earlier ones are its audit trail.
struct Decision {
  std::int64_t id = 0;
  std::string subject;  // a supplier key: "GB-COH-01234567", "name:ACME CLEANING"
  core::FactField field = core::FactField::kSize;
  std::string value;     // "" clears the decision
  std::string detail;    // evidence, or the flag's answer
  std::string old_value; // what the supplier showed before
  std::string by;        // who decided
  std::string at;        // ISO 8601 UTC
  std::string note;
};

// A network-wide supplier entity with its chosen classification and every fact behind it.
struct SupplierRecord {
  std::int64_t id = 0;  // row id: valid until the next resolution
  std::string key;      // stable across resolutions: "GB-COH-01234567", "GB-CHC-1000611",
                        // "name:ACME CLEANING" (docs/suppliers.md)
  std::string name;     // display name
  std::string company_number, charity_number, vat_number;
  std::string match_method;  // "identifier", "register-id", "register-name", "decision", "none"
  double match_confidence = 0;  // 0..1
  std::string register_scheme, register_id;  // the register record matched, if any
  core::SizeBand size = core::SizeBand::kUnknown;
  core::Known vcse = core::Known::kUnknown;
  std::uint8_t diverse_yes = 0;
  std::uint8_t diverse_known = 0;  // bits with a yes or no answer
  core::Evidence diverse_evidence = core::Evidence::kNone;
  core::PublicBodyKind public_body = core::PublicBodyKind::kNone;
  bool personal = false;
  std::string postcode, local_authority, ward, lsoa;
  std::int32_t imd_decile = 0;       // 0 = not known
  core::Known local = core::Known::kUnknown;  // inside the network's geography
  bool ambiguous = false;  // a name shared by several registered organisations
  std::vector<std::string> aliases;   // spellings as published, most paid first
  std::vector<std::string> members;   // member ids that pay it
  std::vector<std::int64_t> payee_ids;
  std::vector<core::Fact> facts;
};

// ---- Member returns (docs/returns.md) -------------------------------------------------------

// A returns file as imported: a member's template, or a secretariat's CSV holding several returns.
struct ReturnFile {
  std::int64_t id = 0;
  std::string name;  // file name as given (no directories)
  std::string content_hash;
  std::int64_t bytes = 0;
  std::string format;       // "csv", "xlsx"
  std::string imported_at;  // ISO 8601 UTC (set by the store)
  std::string imported_by;  // who ran the import ("" when not known)
};

// A problem found in a return: an error (the row was not taken) or a warning (taken, flagged).
struct ReturnIssue {
  core::Reject reject;  // line, column, code, message, raw
  bool warning = false;
};

// One member's return for one period as submitted. A later submission for the same member and
// period supersedes it; the earlier one stays as history.
struct ReturnSubmission {
  std::int64_t id = 0;
  std::int64_t file_id = 0;
  std::string file_name;
  std::string member;
  int financial_year = 0;
  int quarter = 0;  // 0 = the whole year
  std::string submitted_at;      // the file's import time
  std::int64_t supersedes = 0;     // the submission this one replaced (0: the first)
  std::int64_t superseded_by = 0;  // 0: current
  std::int64_t figures = 0, transfers = 0, projects = 0;  // rows kept
  std::int64_t errors = 0, warnings = 0;
};

struct ReturnFilter {
  int financial_year = 0;  // 0: every year
  std::string member;      // "": every member
  bool history = false;    // include superseded submissions
};

// One returns file, one transaction: destroyed without Commit(), nothing is kept.
class ReturnWriter {
 public:
  virtual ~ReturnWriter() = default;
  // Adds one member-period return (validated by the caller) with the issues found in it; it
  // supersedes the current submission for that member and period, if any. Returns the new
  // submission's id. Errors: kUnknownMember, kStoreIo.
  [[nodiscard]] virtual Result<std::int64_t> Add(const core::MemberReturn& ret,
                                                 const std::vector<ReturnIssue>& issues) = 0;
  // Issues that belong to no return (e.g. a row naming an unknown member).
  [[nodiscard]] virtual Status AddFileIssue(const ReturnIssue& issue) = 0;
  // Errors: kStoreIo (nothing is committed).
  [[nodiscard]] virtual Result<std::int64_t> Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (and creates or migrates) the store named by url: "sqlite:path" or a bare path.
  // Errors: kStoreOpen, kStoreSchemaTooNew, kUsage (unknown scheme).
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(std::string_view url,
                                                           const OpenOptions& options = {});

  virtual int SchemaVersion() = 0;

  // Saves the network and its members. Members that have imported files cannot be removed
  // (kConfigInvalid). Errors: kStoreIo.
  [[nodiscard]] virtual Status SaveNetwork(const core::Network& network,
                                           std::string_view source_text) = 0;
  // Errors: kNoWorkspace when no network was saved yet.
  [[nodiscard]] virtual Result<core::Network> LoadNetwork() = 0;
  [[nodiscard]] virtual Result<std::string> NetworkSource() = 0;

  // The earlier import of these exact bytes for this member, if any.
  [[nodiscard]] virtual Result<std::optional<ImportedFile>> FindImportedFile(
      std::string_view member, std::string_view content_hash) = 0;
  // Starts one import transaction. Errors: kUnknownMember, kStoreIo.
  [[nodiscard]] virtual Result<std::unique_ptr<SpendWriter>> BeginImport(
      const FileToImport& file) = 0;

  [[nodiscard]] virtual Result<std::vector<ImportedFile>> ListImports(std::string_view member) = 0;
  [[nodiscard]] virtual Result<std::vector<RejectRecord>> ListRejects(
      const RejectFilter& filter) = 0;
  [[nodiscard]] virtual Result<std::vector<DailyTotal>> DailyTotals(std::string_view member) = 0;
  // Payees by total paid, personal payees grouped into one row per member set.
  [[nodiscard]] virtual Result<std::vector<PayeeTotal>> TopPayees(const PayeeFilter& filter) = 0;
  [[nodiscard]] virtual Result<StoreCounts> Counts() = 0;

  // ---- Registers.
  [[nodiscard]] virtual Result<std::optional<RegisterImport>> FindRegisterImport(
      std::string_view kind, std::string_view member, std::string_view content_hash) = 0;
  // Errors: kUnknownMember (supplier returns), kStoreIo.
  [[nodiscard]] virtual Result<std::unique_ptr<RegisterWriter>> BeginRegisterImport(
      const RegisterFile& file) = 0;
  [[nodiscard]] virtual Result<std::vector<RegisterImport>> ListRegisterImports() = 0;

  // Register records by identifier; missing ids are simply absent from the result.
  [[nodiscard]] virtual Result<std::vector<RegisterOrg>> FindOrgs(
      std::string_view scheme, const std::vector<std::string>& ids) = 0;
  // Register records whose name or alternative name normalises (core/names.h) to one of keys,
  // with the key each matched under.
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, RegisterOrg>>> FindOrgsByNameKey(
      const std::vector<std::string>& keys) = 0;
  // Every link touching one of these (scheme, id) records, in either direction.
  [[nodiscard]] virtual Result<std::vector<RegisterLink>> FindLinks(
      const std::vector<std::pair<std::string, std::string>>& records) = 0;
  // Postcodes (full or district) -> place; missing ones are absent.
  [[nodiscard]] virtual Result<std::vector<PostcodePlace>> FindPostcodes(
      const std::vector<std::string>& postcodes) = 0;
  [[nodiscard]] virtual Result<std::vector<Deprivation>> FindDeprivation(
      const std::vector<std::string>& lsoas) = 0;
  [[nodiscard]] virtual Result<std::vector<AreaName>> ListAreaNames() = 0;
  // Every member's current supplier return lines, with the member id.
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, SupplierReturnLine>>>
  ListSupplierReturns() = 0;

  // GHG conversion factors of `year` (0: every year) whose category path, column text or unit
  // contains every word of `text` (case ignored; empty: all), in the publisher's order.
  [[nodiscard]] virtual Result<std::vector<GhgFactor>> FindGhgFactors(int year,
                                                                      std::string_view text) = 0;

  // ---- Member returns.
  // The earlier import of these exact bytes as a returns file, if any.
  [[nodiscard]] virtual Result<std::optional<ReturnFile>> FindReturnFile(
      std::string_view content_hash) = 0;
  [[nodiscard]] virtual Result<std::unique_ptr<ReturnWriter>> BeginReturnImport(
      const ReturnFile& file) = 0;
  // Submissions, newest first within each member and period; current ones only unless
  // filter.history.
  [[nodiscard]] virtual Result<std::vector<ReturnSubmission>> ListReturnSubmissions(
      const ReturnFilter& filter) = 0;
  // One submission's figures, transfers and projects. Errors: kNotFound.
  [[nodiscard]] virtual Result<core::MemberReturn> LoadReturn(std::int64_t submission_id) = 0;
  // Issues of one submission (0: the file-level issues of file_id), in row order.
  [[nodiscard]] virtual Result<std::vector<ReturnIssue>> ListReturnIssues(
      std::int64_t submission_id, std::int64_t file_id = 0) = 0;

  // ---- Payees, labels and the lines behind measures.
  [[nodiscard]] virtual Result<std::vector<PayeeRecord>> ListPayees() = 0;
  // Interned label texts (expense types, service areas, ...): index = label id, [0] = "".
  [[nodiscard]] virtual Result<std::vector<std::string>> ListLabels() = 0;
  // Calls f once per stored block with its member and lines decoded into `batch`, in member
  // order. Only lines paid within [from, to] when given (blocks outside are not read).
  struct LineBatch {
    std::string member;
    std::int64_t file_id = 0;
    std::vector<std::int32_t> paid_on;  // days since epoch
    std::vector<std::int64_t> amount;   // pence
    std::vector<std::int64_t> payee_id;
    std::vector<std::int64_t> expense_type_id;
    std::vector<std::int64_t> row;  // source rows (core::SpendLine::row); only with_rows, else
                                    // empty
  };
  // Which columns besides date, amount, payee and expense type a scan decodes.
  struct ScanOptions {
    bool with_rows = false;  // LineBatch::row (drill-down; aggregates leave it off)
  };
  [[nodiscard]] virtual Status ScanLines(std::string_view member, std::optional<core::Date> from,
                                         std::optional<core::Date> to, const ScanOptions& options,
                                         const std::function<Status(const LineBatch&)>& f) = 0;
  [[nodiscard]] Status ScanLines(std::string_view member, std::optional<core::Date> from,
                                 std::optional<core::Date> to,
                                 const std::function<Status(const LineBatch&)>& f) {
    return ScanLines(member, from, to, ScanOptions{}, f);
  }
  // The full lines of one file (drill-down to rows).
  [[nodiscard]] virtual Result<std::vector<core::SpendLine>> FileLines(std::int64_t file_id) = 0;

  // ---- Resolution state. Every committed spend import, register import or decision bumps the
  // data version; ReplaceSuppliers records which version its suppliers were resolved from.
  [[nodiscard]] virtual Result<std::int64_t> DataVersion() = 0;
  [[nodiscard]] virtual Result<std::int64_t> ResolvedVersion() = 0;  // -1: never resolved
  [[nodiscard]] virtual Status ReplaceSuppliers(const std::vector<SupplierRecord>& suppliers,
                                                std::int64_t data_version) = 0;
  // Members always; with_detail: aliases, payee ids and facts too (slower).
  [[nodiscard]] virtual Result<std::vector<SupplierRecord>> LoadSuppliers(bool with_detail) = 0;
  // payee id -> index into LoadSuppliers' result order (supplier row ids ascending); -1 = none.
  [[nodiscard]] virtual Result<std::vector<std::int32_t>> PayeeSupplierIndex() = 0;

  // ---- Decisions. Errors: kStoreIo.
  [[nodiscard]] virtual Result<std::int64_t> AddDecision(const Decision& decision) = 0;
  // Every decision, oldest first (the audit trail).
  [[nodiscard]] virtual Result<std::vector<Decision>> ListDecisions() = 0;

  // Runs the backend's own consistency check (SQLite: integrity_check + foreign_key_check).
  [[nodiscard]] virtual Status CheckIntegrity() = 0;
};

}  // namespace anchornet::store
