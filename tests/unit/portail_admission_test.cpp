// POR-04: admissions' pure rules (src/portail/admission_rules.*): lookup throttling, who is bound
// by the réserve's order, in rank or not for the open free places, the planned start, states in
// words.
#include <gtest/gtest.h>

#include "portail/admission_rules.hpp"

namespace {

using namespace sgee::portail::admission;
namespace ranking = sgee::portail::ranking;
namespace dates = sgee::dates;

dates::Date day(const char* s) {
  return *dates::parse(s);
}

Ranked child(std::int64_t id, const char* birth, sgee::portail::WeekMasks schedule) {
  Ranked r;
  r.child_id = id;
  r.request.birth = day(birth);
  r.request.schedule = schedule;
  return r;
}

TEST(PortailAdmission, POR_04_MissesAreThrottledPerUserAndPerAddress) {
  struct Case {
    int user, address;
    bool throttled;
  };
  for (const auto& k : std::vector<Case>{{0, 0, false},
                                         {kMaxMissesPerUser - 1, 0, false},
                                         {kMaxMissesPerUser, 0, true},
                                         {0, kMaxMissesPerAddress - 1, false},
                                         {0, kMaxMissesPerAddress, true},
                                         {kMaxMissesPerUser + 3, kMaxMissesPerAddress + 3, true}})
    EXPECT_EQ(lookup_throttled(k.user, k.address), k.throttled) << k.user << " " << k.address;
}

TEST(PortailAdmission, POR_04_OnlyCpeAndSubsidizedGarderiesAreBoundByRank) {
  struct Case {
    const char* kind;
    const char* installation_kind;
    bool bound;
  };
  for (const auto& k : std::vector<Case>{{"installation", "CPE", true},
                                         {"installation", "cpe", true},
                                         {"installation", "GS", true},
                                         {"installation", "GNS", false},
                                         {"rsge", "", false},
                                         {"other", "CPE", false}})
    EXPECT_EQ(bound_by_rank(k.kind, k.installation_kind), k.bound)
        << k.kind << " " << k.installation_kind;
}

TEST(PortailAdmission, POR_04_InRankIsTheFirstWhoFitsAnOpenPlace) {
  const sgee::portail::WeekMasks full{3, 3, 3, 3, 3, 0, 0}, monday{3, 0, 0, 0, 0, 0, 0};
  // 1: a toddler wanting full weeks; 2: an infant; 3: a toddler wanting Mondays only.
  std::vector<Ranked> ranked = {child(1, "2024-01-10", full), child(2, "2026-06-01", full),
                                child(3, "2024-02-10", monday)};
  ranking::FreePlace infant_place{ranking::AgeGroup::infant, day("2026-12-01"), full, false};
  ranking::FreePlace toddler_monday{ranking::AgeGroup::toddler, day("2026-12-01"), monday, false};
  struct Case {
    std::vector<ranking::FreePlace> places;
    std::int64_t child;
    bool in;
  };
  for (const auto& k : std::vector<Case>{
           {{}, 1, true},  // no open place: the first of the réserve
           {{}, 2, false},
           {{infant_place}, 2, true},  // the first infant
           {{infant_place}, 1, false},
           {{toddler_monday}, 3, true},  // 1 wants more than Mondays
           {{toddler_monday}, 1, false},
           {{infant_place, toddler_monday}, 3, true},
           {{infant_place, toddler_monday}, 2, true},
           {{infant_place}, 9, false},  // not in the réserve
       })
    EXPECT_EQ(in_rank(k.child, ranked, k.places), k.in) << k.child;
  EXPECT_FALSE(in_rank(1, {}, {})) << "an empty réserve: nobody is in rank";
}

TEST(PortailAdmission, POR_04_PlannedStartIsARealDateAfterBirthWithinTwoYears) {
  auto birth = day("2025-05-01"), today = day("2026-12-02");
  struct Case {
    const char* typed;
    std::optional<std::string> error;
  };
  for (const auto& k : std::vector<Case>{{"2027-01-04", std::nullopt},
                                         {"2025-05-01", std::nullopt},
                                         {"", "admit.err.required"},
                                         {"2027-02-30", "admit.err.date"},
                                         {"04/01/2027", "admit.err.date"},
                                         {"2025-04-30", "admit.err.start_before_birth"},
                                         {"2028-12-01", std::nullopt},
                                         {"2028-12-02", "admit.err.start_too_far"}})
    EXPECT_EQ(planned_start_error(k.typed, birth, today), k.error) << k.typed;
}

TEST(PortailAdmission, POR_04_StatesInWords) {
  EXPECT_EQ(state_key("admitted"), "admit.state.admitted");
  EXPECT_EQ(state_key("confirmed"), "admit.state.confirmed");
  EXPECT_EQ(state_key("ended"), "admit.state.ended");
  EXPECT_EQ(state_key("cancelled"), "admit.state.cancelled");
  EXPECT_EQ(state_key("declined_provider"), "admit.state.unknown");
}

}  // namespace
