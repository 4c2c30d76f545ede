// What anchornet knows about a supplier: size band, VCSE status, diverse ownership, public body,
// location, each as a Fact with its source. The rules that choose between sources live in
// resolve/; these are the plain types that flow between ingest/, store/, resolve/ and metrics/.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace anchornet::core {

// Size band under the procurement SME test (docs/metrics.md). kSme: known to be a micro, small or
// medium enterprise without the band (an OCDS `scale: sme`). Unknown stays unknown: it is never
// folded into "large" or "not MSME".
enum class SizeBand : std::uint8_t { kUnknown, kMicro, kSmall, kMedium, kSme, kLarge };
inline constexpr int kSizeBandCount = 6;
std::string_view SizeBandName(SizeBand band);  // "unknown", "micro", "small", "medium", "sme", "large"
std::optional<SizeBand> ParseSizeBand(std::string_view text);  // names above, case-insensitive;
                                                               // also "sme", "large enterprise"
bool IsMsme(SizeBand band);  // micro, small, medium or sme

// A yes / no / not known answer, for flags whose absence must not read as "no".
enum class Known : std::uint8_t { kUnknown, kNo, kYes };
std::string_view KnownName(Known k);  // "unknown", "no", "yes"
std::optional<Known> ParseKnown(std::string_view text);  // yes/no/y/n/true/false/1/0/unknown/""

// Diverse ownership or leadership (>= 51% owned or controlled), one bit each.
enum DiverseFlag : std::uint8_t {
  kWomenOwned = 1,
  kEthnicMinorityOwned = 2,
  kDisabledOwned = 4,
  kLgbtqOwned = 8,
};
inline constexpr std::uint8_t kAllDiverseFlags = 15;
inline constexpr int kDiverseFlagCount = 4;
std::string_view DiverseFlagName(int bit_index);  // "women", "ethnic-minority", "disabled", "lgbtq"
std::string_view DiverseFlagLabel(int bit_index);  // "Women-owned or led", ...

// How a diverse-ownership or VCSE claim is evidenced.
enum class Evidence : std::uint8_t { kNone, kSelfDeclared, kCertified };
std::string_view EvidenceName(Evidence e);  // "none", "self-declared", "certified"

// What kind of public body a payee is (payments to them are not addressable spend).
enum class PublicBodyKind : std::uint8_t {
  kNone,
  kMember,  // another member of the network
  kLocalGovernment,
  kNhs,
  kHmrc,
  kCentralGovernment,
  kPoliceFire,
  kEducation,  // universities, colleges, maintained schools
  kOtherPublic,
};
std::string_view PublicBodyKindName(PublicBodyKind kind);  // "member", "local-government", ...
std::optional<PublicBodyKind> ParsePublicBodyKind(std::string_view text);

// Where a fact came from, strongest first: when sources disagree the lowest value wins
// (docs/suppliers.md, "Precedence").
enum class FactSource : std::uint8_t {
  kDecision,          // a person settled it (`anchornet suppliers set`)
  kMemberReturn,      // a member's supplier return
  kContractNotice,    // OCDS parties[].details (self-declared by the supplier)
  kCompaniesHouse,    // Companies House register (account category proxy, company type, address)
  kCharityRegister,   // charity registers and crosswalks
  kMutualsRegister,   // co-operatives and community benefit societies
  kNhsRegister,       // NHS ODS organisation list
  kPublicBodyList,    // the network's list of public bodies, and its own members
  kSpendFile,         // the member's payment file (a postcode column, a redacted payee)
  kPostcodeDirectory, // ONS postcode directory / district lookup / IMD (location only)
  kNamePattern,       // inferred from the name alone ("... NHS Foundation Trust", "... CIC")
};
std::string_view FactSourceName(FactSource source);  // "decision", "member-return", ...
std::optional<FactSource> ParseFactSource(std::string_view text);

// The attributes a fact can be about.
enum class FactField : std::uint8_t {
  kSize,
  kVcse,         // value "yes"/"no", detail the legal form (charity, CIO, CIC, CBS, ...)
  kDiverse,      // value: flag name; detail: "yes"/"no"
  kPublicBody,   // value: PublicBodyKindName
  kPersonal,     // value "yes": a private individual
  kPostcode,     // value: a normalised postcode
  kLocalAuthority,  // value: GSS code
  kWard,
  kLsoa,
  kImdDecile,    // value "1".."10"
  kCompanyNumber,
  kCharityNumber,
};
std::string_view FactFieldName(FactField field);  // "size", "vcse", "diverse", ...
std::optional<FactField> ParseFactField(std::string_view text);

struct Fact {
  FactField field = FactField::kSize;
  std::string value;
  std::string detail;  // evidence, legal form, flag answer
  FactSource source = FactSource::kNamePattern;
  std::string source_detail;  // file and row, register and record, who decided
  std::string as_of;          // ISO date the source speaks for ("" when not known)
  bool chosen = false;        // the fact precedence picked for this field
  bool conflicts = false;     // another source says something different for the same field
};

}  // namespace anchornet::core
