#pragma once
// The facts the ranking reads (ranking.hpp), gathered from the Portail's tables: a provider's
// declared priorities and recent admissions, and for each child of its réserve (the children who
// chose it and are not admitted there) the category facts and priority criteria.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::ranking_store {

// The ranking's tie key of a child: hex of BLAKE2b(confirmation number) under the installation's
// secret "rank_tie_key" (position.hpp secret_setting).
std::string tie_key(std::string_view secret, std::string_view confirmation_number);

struct Reserve {
  ranking::Provider provider;
  std::vector<ranking::Candidate> children;
};
// A provider's réserve as the ranking takes it. Facts, each documented in ranking.hpp:
// - staff_child: the parent declared working there and the provider confirmed it;
// - same_address: a child of a family file at the same address (civic number, street, postal
//   code) is admitted there (state admitted or confirmed), a sibling of the same file included;
// - admitted_subsidized: the child is admitted (admitted or confirmed) at a CPE or a GS;
// - criteria: the parent's declared criteria, and "special_needs" when the child has them.
// recent admissions: admissions there whose admitted_at is within 365 days before `today`.
Reserve load(db::Connection& c, std::int64_t organization_id, dates::Date today);

}  // namespace sgee::portail::ranking_store
