// Names and parsers for the supplier fact types (core/supplier.h).
#include "core/supplier.h"

#include <array>

#include "core/text.h"

namespace anchornet::core {
namespace {

template <typename E, std::size_t N>
std::optional<E> ParseByName(std::string_view text, const std::array<std::string_view, N>& names) {
  const std::string lower = ToLowerAscii(Trim(text));
  for (std::size_t i = 0; i < N; ++i) {
    if (lower == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> kSizeNames = {"unknown", "micro", "small",
                                                        "medium",  "sme",   "large"};
constexpr std::array<std::string_view, 3> kKnownNames = {"unknown", "no", "yes"};
constexpr std::array<std::string_view, 4> kDiverseNames = {"women", "ethnic-minority", "disabled",
                                                           "lgbtq"};
constexpr std::array<std::string_view, 4> kDiverseLabels = {
    "Women-owned or led", "Ethnic-minority-owned or led", "Disabled-owned or led",
    "LGBTQ+-owned or led"};
constexpr std::array<std::string_view, 3> kEvidenceNames = {"none", "self-declared", "certified"};
constexpr std::array<std::string_view, 9> kPublicNames = {
    "none",  "member",             "local-government", "nhs",      "hmrc",
    "central-government", "police-fire", "education", "other-public"};
constexpr std::array<std::string_view, 11> kSourceNames = {
    "decision",       "member-return",   "contract-notice", "companies-house",
    "charity-register", "mutuals-register", "nhs-register",  "public-body-list",
    "spend-file",     "postcode-directory", "name-pattern"};
constexpr std::array<std::string_view, 12> kFieldNames = {
    "size", "vcse", "diverse", "public-body", "personal", "postcode", "local-authority",
    "ward", "lsoa", "imd-decile", "company-number", "charity-number"};

}  // namespace

std::string_view SizeBandName(SizeBand band) { return kSizeNames[static_cast<int>(band)]; }

std::optional<SizeBand> ParseSizeBand(std::string_view text) {
  std::string lower = ToLowerAscii(Trim(text));
  if (lower.empty()) return SizeBand::kUnknown;
  for (std::string_view suffix : {" enterprise", " business", " company", " entity"}) {
    if (EndsWith(lower, suffix)) lower.resize(lower.size() - suffix.size());
  }
  if (lower == "micro-entity" || lower == "micro entity") return SizeBand::kMicro;
  if (lower == "small and medium" || lower == "sme (not banded)") return SizeBand::kSme;
  if (lower == "not known" || lower == "n/a") return SizeBand::kUnknown;
  return ParseByName<SizeBand>(lower, kSizeNames);
}

bool IsMsme(SizeBand band) {
  return band == SizeBand::kMicro || band == SizeBand::kSmall || band == SizeBand::kMedium ||
         band == SizeBand::kSme;
}

std::string_view KnownName(Known k) { return kKnownNames[static_cast<int>(k)]; }

std::optional<Known> ParseKnown(std::string_view text) {
  const std::string lower = ToLowerAscii(Trim(text));
  if (lower.empty() || lower == "unknown" || lower == "not known" || lower == "?") {
    return Known::kUnknown;
  }
  if (lower == "yes" || lower == "y" || lower == "true" || lower == "1") return Known::kYes;
  if (lower == "no" || lower == "n" || lower == "false" || lower == "0") return Known::kNo;
  return std::nullopt;
}

std::string_view DiverseFlagName(int bit_index) { return kDiverseNames.at(bit_index); }
std::string_view DiverseFlagLabel(int bit_index) { return kDiverseLabels.at(bit_index); }

std::string_view EvidenceName(Evidence e) { return kEvidenceNames[static_cast<int>(e)]; }

std::string_view PublicBodyKindName(PublicBodyKind kind) {
  return kPublicNames[static_cast<int>(kind)];
}
std::optional<PublicBodyKind> ParsePublicBodyKind(std::string_view text) {
  return ParseByName<PublicBodyKind>(text, kPublicNames);
}

std::string_view FactSourceName(FactSource source) {
  return kSourceNames[static_cast<int>(source)];
}
std::optional<FactSource> ParseFactSource(std::string_view text) {
  return ParseByName<FactSource>(text, kSourceNames);
}

std::string_view FactFieldName(FactField field) { return kFieldNames[static_cast<int>(field)]; }
std::optional<FactField> ParseFactField(std::string_view text) {
  return ParseByName<FactField>(text, kFieldNames);
}

}  // namespace anchornet::core
