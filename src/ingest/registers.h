// Reference registers and member supplier returns: `anchornet import register KIND FILE`.
//
// Each kind reads one family of public files (docs/registers.md) streaming, row by row, into a
// store::RegisterWriter: one transaction per file, rejects kept with line and column, and the
// same bytes imported twice change nothing (the second import reports already_imported).
//
// Thread-safety: one import per Store object at a time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/spend.h"
#include "store/store.h"

namespace anchornet::ingest {

struct RegisterKindInfo {
  std::string name;         // "companies-house"
  std::string description;  // one line for --help
  std::string files;        // which files it reads
};

// Every kind, in the order `anchornet import register --help` lists them:
//   companies-house     BasicCompanyData CSV, or the advanced-search export (detected by header)
//   charities           charity numbers (charity_scale.csv) or a Charity Commission extract
//   charity-links       charity <-> company / CIO / academy trust / housing provider / university
//                       crosswalks (each file's header says which)
//   charity-names       alternative charity names (charity-names.csv)
//   mutuals             co-operatives and community benefit societies (mutual-companies.csv)
//   nhs-trusts          NHS ODS trust list (etr.csv, no header row)
//   public-bodies       a CSV of public bodies: name,kind[,id][,aliases]
//   postcodes           ONS postcode directory rows (pcds, oslaua, osward, lsoa11)
//   postcode-districts  postcode district -> local authority (doogal_postcode_districts.csv)
//   deprivation         English Indices of Deprivation, file 1 (LSOA rank and decile)
//   area-names          GSS code -> name (postcodes.io JSON maps, or a CSV code,name)
//   ghg-factors         DESNZ GHG conversion factors, flat file (the year from its header)
//   supplier-returns    a member's return about its suppliers (CSV or XLSX; needs --member)
const std::vector<RegisterKindInfo>& RegisterKinds();

struct RegisterImportOptions {
  std::string member;  // supplier-returns: the member sending it (required there)
  std::string sheet;   // XLSX: sheet name; empty for the first
  bool dry_run = false;
};

struct RegisterSummary {
  std::string path;
  std::string kind;
  std::string member;
  std::string format;  // "csv", "xlsx", "json"
  std::string reader;  // e.g. "CSV, UTF-8 with BOM, CRLF, ','"
  std::string content_hash;
  std::int64_t bytes = 0;
  bool dry_run = false;
  bool already_imported = false;
  std::int64_t import_id = 0;
  store::RegisterCounts counts;
  std::map<std::string, std::int64_t> records_by_type;  // "organisations", "links", ...
  std::map<core::ErrorCode, std::int64_t> rejects_by_code;
  std::vector<core::Reject> first_rejects;  // up to 10, in file order
  std::vector<std::string> notes;
};

// Imports one register file. Errors (file-level only; bad rows become rejects): kUsage (unknown
// kind, supplier-returns without a member, or a member given for another kind), kUnknownMember, kFileNotFound, kFileUnreadable,
// kFileEmpty, kUnsupportedFormat, kNoHeaderMatch (the file is not the kind named), kStoreIo.
[[nodiscard]] core::Result<RegisterSummary> ImportRegisterFile(store::Store& store,
                                                               const core::Network& network,
                                                               std::string_view kind,
                                                               const std::string& path,
                                                               const RegisterImportOptions& options);

// The supplier-return template: the header row (one column per field, docs/registers.md) and
// guidance for each column.
struct TemplateColumn {
  std::string header;    // "supplier_name"
  std::string guidance;  // "As it appears on your invoices"
  std::string example;   // "Acme Cleaning Ltd"
};
const std::vector<TemplateColumn>& SupplierReturnColumns();

// Writes the template to `path` as CSV (header row only, so it imports empty) or XLSX (a
// "Suppliers" sheet with the header, an "Example" row in grey that the reader skips, and a
// "Guidance" sheet). format: "csv" or "xlsx". Errors: kUsage, kUnknownMember (a member not in
// `network`), kStoreIo (cannot write).
[[nodiscard]] core::Status WriteSupplierReturnTemplate(const std::string& path,
                                                       std::string_view format,
                                                       const core::Network& network,
                                                       std::string_view member);

}  // namespace anchornet::ingest
