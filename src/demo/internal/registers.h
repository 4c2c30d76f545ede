// Internals of the synthetic demo: the made-up registers (Companies House, charities, public
// bodies, postcodes, deprivation, area names) and the members' supplier returns, written in the
// real files' layouts so that they import through ingest::ImportRegisterFile like real ones.
// Not for use outside src/demo/.
//
// Every organisation, number, postcode and LSOA here is invented: company numbers start "99"
// (fixed payees "98"), charity numbers "1999", LSOA codes "E01999", ward codes "E05999". The
// public bodies are real names the synthetic payments pretend to pay.
//
// Thread-safety: pure functions of their arguments; the tables are immutable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/supplier.h"
#include "demo/demo.h"
#include "demo/internal/generator.h"

namespace anchornet::demo::internal {

// A postcode district and the local authority it lies in: where suppliers are based.
struct Place {
  std::string_view district;  // "SE1"
  std::string_view town;      // post town, as Companies House writes it
  std::string_view lad;       // GSS code of the local authority district
  std::string_view lad_name;
  std::string_view region;  // GSS region code; a pseudo code outside England
  int decile;               // typical IMD decile of its neighbourhoods; 0 outside England
  double weight;            // how often suppliers are based there, within London or outside
  bool london;
};

// The 33 London boroughs (E09000001..E09000033, in order), then districts outside London.
std::span<const Place> Places();
inline constexpr int kLondonPlaces = 33;
inline constexpr int kPostcodesPerPlace = 20;
inline constexpr int kLsoasPerPlace = 6;

// The synthetic postcode `i` (0..kPostcodesPerPlace-1) of place `p`, e.g. "SE1 7QD".
std::string PlacePostcode(std::uint64_t seed, int p, int i);

// What the demo's world knows about one supplier of the pool: its registrations and what it
// really is (which members report, sometimes disagreeing with the Companies House proxy).
struct SupplierFacts {
  std::uint32_t canonical = 0;  // first pool supplier with the same name key (itself if first)
  bool in_companies_house = false;
  bool charity = false;
  std::string company_number;         // "" when not in Companies House
  std::string charity_number;         // "" when not a registered charity
  std::string_view category;          // Companies House CompanyCategory
  std::string_view account_category;  // Accounts.AccountCategory: the size proxy
  std::string_view status = "Active";
  std::string_view charity_type;                   // "Charitable company", "CIO", "Trust"
  core::SizeBand size = core::SizeBand::kUnknown;  // what it really is
  core::Known vcse = core::Known::kNo;
  std::string_view vcse_form;     // when VCSE: "charity", "CIO", "CIC", ...
  std::uint8_t diverse = 0;       // core::DiverseFlag bits, what it really is
  std::string_view certified_by;  // "" when its diverse ownership is only self-declared
  int place = 0;                  // registered office: index into Places()
  int postcode = 0;               // index into the place's postcodes
  int branch_place = -1;          // a London branch of a supplier based outside London
  int branch_postcode = 0;
  int incorporated = 2000;  // year
};

// One entry per pool supplier, a pure function of the pool and the seed.
std::vector<SupplierFacts> BuildSupplierFacts(const SupplierPool& pool, std::uint64_t seed);

// The members that send a supplier return, and the format each one uses.
struct ReturnSpec {
  std::string_view member;
  bool xlsx;
};
std::span<const ReturnSpec> ReturnSpecs();
inline constexpr int kReturnSuppliers = 300;

// Writes DIR/registers/synthetic-*.csv and DIR/returns/synthetic-<member>-supplier-return.* and
// lists them in import order: registers first, then the returns. Errors: kStoreIo.
[[nodiscard]] core::Result<std::vector<DemoRegisterFile>> WriteRegisters(
    const SupplierPool& pool, std::uint64_t seed, const std::filesystem::path& dir);

// Writes `bytes` to `path` through a temporary file renamed into place. Errors: kStoreIo.
[[nodiscard]] core::Status WriteWholeFile(const std::string& path, std::string_view bytes);

}  // namespace anchornet::demo::internal
