#pragma once
// `sgee generate --free-places M` (issue 15, the referral benchmark): M open free places spread
// over the Portail's installations and RSGE, the providers with the largest réserves first.
#include <cstdint>
#include <string>

#include "platform/date.hpp"

namespace sgee::app {
// Inserts the places in one transaction; returns how many (0 when there is no provider).
int load_free_places(const std::string& db_url, int count, std::uint64_t seed, dates::Date today);
}  // namespace sgee::app
