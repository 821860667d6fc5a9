#pragma once
// Province-scale providers for the public map (issue 14, `sgee generate --providers N`): CPE
// installations, garderies (GS, GNS) and RSGE with their BCs, across the 17 regions, placed in and
// around towns weighted by population (not a uniform square), each with a fiche (a share left
// unpublished). Pure and deterministic: the same options give the same providers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geo.hpp"

namespace sgee::portail::search {

struct ProviderOptions {
  int providers = 16500;  // installations and RSGE (BCs and divisions come on top)
  std::uint64_t seed = 1;
  double unpublished = 0.1;  // share of fiches not published
};

struct GeneratedProvider {
  std::string kind;  // division | installation | bc | rsge
  std::string number, name, parent;
  std::string installation_kind;  // CPE | GS | GNS
  int places_0_17 = 0, places_18_59 = 0, places_school = 0, places = 0;
  std::string region;
  // The provider's address and position (divisions and BCs: none).
  std::string civic_number, street, municipality, postal_code;
  std::optional<geo::Point> at;
  // The fiche (installations and RSGE).
  bool published = false;
  std::string opening_days, opens_at, closes_at, periods, languages, visible;
  std::optional<int> daily_rate_cents, free_0_17, free_18_59, free_school;
};

struct GeneratedProviders {
  std::vector<GeneratedProvider> organizations;  // parents before children
  std::vector<geo::ReferenceAddress> addresses;  // the installations' addresses and town centres
};

GeneratedProviders generate_providers(const ProviderOptions& o);

}  // namespace sgee::portail::search
