#pragma once
// Families for the réserves (issue 15): `sgee generate --families N [--reserve-of NUMBER]` for the
// benchmark, and the demo's families (`sgee seed --demo`).
#include <cstdint>
#include <string>

#include "platform/date.hpp"
#include "platform/db/db.hpp"

namespace sgee::portail::reserve_gen {

struct FamilyOptions {
  int families = 1000;
  std::uint64_t seed = 1;
  // An installation's or RSGE's number: every child chooses it (a réserve as long as the children
  // generated), with the two providers nearest its home.
  std::string reserve_of;
};
struct Generated {
  int families = 0, children = 0, choices = 0;
};

// Families with 1–3 children (births over the last four years, desired dates around their first
// and second birthdays, mostly full weeks), living near a provider of the database (the providers
// of `generate --providers`), each child choosing the three providers nearest home. Parents
// cannot sign in (no password). In one transaction. Throws std::invalid_argument when
// `reserve_of` is not a provider or the database has none with a position.
Generated generate_families(db::Connection& c, const FamilyOptions& o, dates::Date today);

// `seed --demo`: eight more families whose children chose the demo CPE (20000001), the
// subsidized garderie (20000003) and the RSGE Marie Tremblay (40000001), so each réserve shows
// about ten children: siblings, a parent who works at the CPE, varied dates and schedules.
// Does nothing when they exist.
void seed_demo_reserve(db::Connection& c, dates::Date today);

// `seed --demo`: a demo family of its own (parent `email`, who cannot sign in; a second parent of
// the same surname when `partner_given` is not empty) with one child, who chose no provider: for the demo's admissions (admitted children are in no réserve, so the demo's
// réserves and ranks stay as seed_demo_reserve makes them). Returns the child's id; the same child
// when the family exists.
std::int64_t demo_child(db::Connection& c, const std::string& email, const std::string& surname,
                        const std::string& parent_given, const std::string& partner_given,
                        const std::string& child_given, const std::string& sex, int months_old,
                        dates::Date today);

}  // namespace sgee::portail::reserve_gen
