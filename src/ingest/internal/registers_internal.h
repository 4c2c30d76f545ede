// The machinery behind ImportRegisterFile (ingest/registers.h), private to ingest/: how a
// register file's header is recognised, how each kind turns rows into register records, and
// the sink that counts records and rejects on their way to a store::RegisterWriter.
//
// Exposed here (not in the public header) so that the readers can be tested over rows in memory
// with a recording writer, without a store.
//
// Thread-safety: a reader, a sink and a header are used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "ingest/registers.h"
#include "ingest/row_source.h"
#include "store/store.h"

namespace anchornet::ingest::registers {

// ---- Header cells ------------------------------------------------------------------------------

// A header cell reduced to lower-case letters and digits, so that spelling differences between
// publishers disappear: " CompanyNumber", "company_number" and "Company Number" all become
// "companynumber"; a UTF-8 byte-order mark is dropped.
std::string HeaderKey(std::string_view cell);

// A candidate header row: its cells as written (trimmed) and as keys.
class Header {
 public:
  explicit Header(const Row& row);
  // 0-based column whose key equals one of `keys`, trying them in order; -1 when none.
  std::int32_t Find(std::initializer_list<std::string_view> keys) const;
  // 0-based column whose key starts with `prefix` and contains `part` (when not empty); -1 when
  // none.
  std::int32_t FindLike(std::string_view prefix, std::string_view part = {}) const;
  std::size_t size() const { return keys_.size(); }
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<std::string>& cells() const { return cells_; }
  std::int64_t line() const { return line_; }

 private:
  std::vector<std::string> keys_;
  std::vector<std::string> cells_;
  std::int64_t line_ = 0;
};

// ---- Where records go --------------------------------------------------------------------------

// Counts records, rejects and skipped rows into a RegisterSummary while passing records and
// rejects on to a writer (or to nothing, in a dry run).
class RegisterSink {
 public:
  // `writer` may be null (dry run: count only).
  RegisterSink(store::RegisterWriter* writer, RegisterSummary& summary)
      : writer_(writer), summary_(summary) {}

  [[nodiscard]] core::Status Org(const store::RegisterOrg& org);
  [[nodiscard]] core::Status Link(const store::RegisterLink& link);
  [[nodiscard]] core::Status Name(const store::RegisterName& name);
  [[nodiscard]] core::Status Place(const store::PostcodePlace& place);
  [[nodiscard]] core::Status Deprivation(const store::Deprivation& row);
  [[nodiscard]] core::Status Area(const store::AreaName& area);
  [[nodiscard]] core::Status Return(const store::SupplierReturnLine& line);
  [[nodiscard]] core::Status Factor(const store::GhgFactor& factor);
  // Keeps a reject for `row` (column is 1-based; 0 for the whole row).
  [[nodiscard]] core::Status Reject(const Row& row, std::int32_t column, core::ErrorCode code,
                                    std::string message);
  // The row was read but is not a record (a subsidiary, an example row): counted as skipped.
  void Skip();

  // Moves the record counts into summary.records_by_type and counts.records.
  void Finish();

  RegisterSummary& summary() { return summary_; }

 private:
  enum Type {
    kOrgs,
    kLinks,
    kNames,
    kPlaces,
    kDeprivation,
    kAreas,
    kReturns,
    kFactors,
    kTypeCount
  };
  store::RegisterWriter* writer_;
  RegisterSummary& summary_;
  std::array<std::int64_t, kTypeCount> records_{};
};

// ---- Readers -----------------------------------------------------------------------------------

// Turns the data rows of one register file into records. Made by a kind's factory from the
// file's header row; Take() is called once per data row (blank rows never reach it).
class RegisterReader {
 public:
  virtual ~RegisterReader() = default;
  // A bad row becomes a reject through the sink; only the sink's (store) errors are returned.
  [[nodiscard]] virtual core::Status Take(const Row& row, RegisterSink& sink) = 0;
  // Notes for the summary once every row has been read ("2 terminated postcodes kept").
  virtual void AddNotes(std::vector<std::string>& /*notes*/) {}
  // What the file was recognised as, for the summary's reader line ("BasicCompanyData").
  virtual std::string_view Variant() const = 0;
  // Whether the row the factory looked at is itself data (files without a header row).
  virtual bool HeaderIsData() const { return false; }
  // Header width, for the ragged-row check: cells beyond it must be empty. 0: no check.
  virtual std::size_t Width() const = 0;
};

// What ImportRegisterFile needs to know besides the rows.
struct ReadContext {
  std::string path;
  const core::Network* network = nullptr;
  std::string member;
  // Reject rows with non-empty cells beyond the header (kRaggedRow). True for CSV, where such a
  // cell means an unquoted delimiter has shifted the row; false for XLSX, where it is a note
  // typed beside the table.
  bool check_width = true;
};

// A kind's reader factory: a reader when `header` is a header row (or, for files without one,
// a first data row) of a file this kind reads; null otherwise.
using ReaderFactory = std::unique_ptr<RegisterReader> (*)(const Header& header,
                                                          const ReadContext& context);

struct KindReader {
  std::string_view kind;
  ReaderFactory factory;
  // For kNoHeaderMatch: the columns this kind expects, as a data officer would read them.
  std::string_view expected;
};

// The reader of `kind`, or null for an unknown kind.
const KindReader* FindKindReader(std::string_view kind);

// Reads every row of `rows` as a file of `kind`: finds the header among the first rows, then
// feeds each data row to the kind's reader, counting into sink.summary(). Errors: kNoHeaderMatch
// (no header of this kind in the first rows; nothing is written), errors of `rows` and of the
// sink's writer. The header is found before anything is written, so `on_header` (may be empty)
// can open the writer once the file is known to be of this kind.
[[nodiscard]] core::Status ReadRegisterRows(
    std::string_view kind, RowSource& rows, const ReadContext& context, RegisterSummary& summary,
    const std::function<core::Result<store::RegisterWriter*>()>& on_header);

// ---- Factories, one per kind (register_readers_*.cpp)
// --------------------------------------------

std::unique_ptr<RegisterReader> MakeCompaniesHouseReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeCharitiesReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeCharityLinksReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeCharityNamesReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeMutualsReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeNhsTrustsReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakePublicBodiesReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakePostcodesReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakePostcodeDistrictsReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeDeprivationReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeGhgFactorsReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeAreaNamesReader(const Header& h, const ReadContext& c);
std::unique_ptr<RegisterReader> MakeSupplierReturnsReader(const Header& h, const ReadContext& c);

// ---- Shared helpers
// ------------------------------------------------------------------------------

// Cell `col` (0-based) of `row`, trimmed; empty when the row is shorter or col < 0.
std::string_view Cell(const Row& row, std::int32_t col);

// The row's cells joined with '|', at most 500 bytes (not cutting a UTF-8 character).
std::string RawText(const Row& row);

// An org-id such as "GB-CHC-1000611" split into its scheme ("GB-CHC") and the identifier
// normalised for that scheme: company numbers 8 characters (GB-COH), charity numbers as
// core::NormaliseCharityNumber writes them ("1000611" for GB-CHC, "SC012345" for GB-SC,
// "NIC100005" for GB-NIC), GB-PUB slugs as given, others upper-cased. False when it is not an
// org-id or the identifier is not valid for its scheme.
bool SplitOrgId(std::string_view org_id, std::string& scheme, std::string& id);

// The identifier normalised for `scheme` as above; "" when invalid.
std::string NormaliseSchemeId(std::string_view scheme, std::string_view id);

// The register scheme of a charity number: "GB-SC" for "SC012345", "GB-NIC" for "NIC100001",
// else "GB-CHC". `id` receives the number normalised for that scheme ("" when invalid).
std::string_view CharityScheme(std::string_view number, std::string& id);

// The first SIC code in a cell: "70229 - Management consultancy ..." and "70229 62020" give
// "70229"; "None Supplied" and text without a code give "".
std::string_view FirstSicCode(std::string_view cell);

// A stable id made from a name: lower case letters and digits, runs of anything else as one
// '-' ("HM Revenue & Customs" -> "hm-revenue-customs").
std::string Slug(std::string_view name);

// "yyyymmdd" or an ISO / dd/mm/yyyy date to "yyyy-mm-dd"; "" when not a date.
std::string IsoDate(std::string_view text);

}  // namespace anchornet::ingest::registers
