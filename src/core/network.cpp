#include "core/network.h"

#include <fmt/format.h>

#include <array>

namespace anchornet::core {

namespace {
struct SectorInfo {
  Sector sector;
  std::string_view name;
  std::string_view label;
};
constexpr std::array<SectorInfo, 12> kSectors = {{
    {Sector::kNhs, "nhs", "NHS"},
    {Sector::kLocalGovernment, "local-government", "Local government"},
    {Sector::kHigherEducation, "higher-education", "Higher education"},
    {Sector::kFurtherEducation, "further-education", "Further education"},
    {Sector::kTransport, "transport", "Transport"},
    {Sector::kPoliceFire, "police-fire", "Police and fire"},
    {Sector::kUtility, "utility", "Utility"},
    {Sector::kHousing, "housing", "Housing"},
    {Sector::kCultural, "cultural", "Cultural"},
    {Sector::kFaith, "faith", "Faith"},
    {Sector::kPrivate, "private", "Private"},
    {Sector::kOther, "other", "Other"},
}};
}  // namespace

std::string_view SectorName(Sector sector) {
  for (const auto& s : kSectors) {
    if (s.sector == sector) return s.name;
  }
  return "other";
}

std::string_view SectorLabel(Sector sector) {
  for (const auto& s : kSectors) {
    if (s.sector == sector) return s.label;
  }
  return "Other";
}

std::optional<Sector> ParseSector(std::string_view name) {
  for (const auto& s : kSectors) {
    if (s.name == name) return s.sector;
  }
  return std::nullopt;
}

std::string SectorChoices() {
  std::string out;
  for (const auto& s : kSectors) {
    if (!out.empty()) out += ", ";
    out += s.name;
  }
  return out;
}

const Member* Network::FindMember(std::string_view id) const {
  for (const Member& m : members) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

Result<const Member*> Network::RequireMember(std::string_view id) const {
  const Member* m = FindMember(id);
  if (m == nullptr) return tl::unexpected(UnknownMember(id));
  return m;
}

Error UnknownMember(std::string_view member, Location where) {
  where.member = std::string(member);
  return Error{ErrorCode::kUnknownMember,
               fmt::format("no member '{}' in this network (`anchornet network show` lists them)",
                           member),
               std::move(where)};
}

}  // namespace anchornet::core
