// POR-03: the réserve de clientèle's pure rules (src/portail/reserve_rules.*): who sees a child's
// identity, and which children the provider's filters keep.
#include <gtest/gtest.h>

#include "portail/reserve_rules.hpp"

namespace {

using namespace sgee::portail;
using namespace sgee::portail::reserve_rules;
namespace dates = sgee::dates;

dates::Date day(const char* s) {
  return *dates::parse(s);
}

TEST(PortailReserve, POR_03_OnlyCpeAndSubsidizedGarderiesHideIdentityUntilReferred) {
  struct Case {
    bool installation;
    const char* kind;
    bool identified, hidden;
  };
  for (const auto& k : std::vector<Case>{{true, "CPE", false, true},
                                         {true, "cpe", false, true},
                                         {true, "GS", false, true},
                                         {true, "CPE", true, false},
                                         {true, "GS", true, false},
                                         {true, "GNS", false, false},
                                         {false, "", false, false},  // an RSGE
                                         {false, "", true, false}})
    EXPECT_EQ(identity_hidden(k.installation, k.kind, k.identified), k.hidden)
        << k.kind << " identified=" << k.identified;
}

TEST(PortailReserve, POR_03_FiltersKeepTheChildrenTheySay) {
  const WeekMasks full{3, 3, 3, 3, 3, 0, 0}, three{3, 3, 3, 0, 0, 0, 0};
  // Born 2025-01-10: 20 months on 2026-09-10 (18–59), 8 months on 2025-09-10 (0–17).
  Child toddler{day("2025-01-10"), day("2026-09-10"), full, false, false, true};
  Child infant{day("2025-01-10"), day("2025-09-10"), three, true, false, false};
  ranking::FreePlace toddler_place{ranking::AgeGroup::toddler, day("2026-09-01"), full, false};
  ranking::FreePlace replacement{ranking::AgeGroup::toddler, day("2026-09-01"), full, true};
  struct Case {
    const char* what;
    Filter f;
    const Child& c;
    std::vector<ranking::FreePlace> open;
    bool kept;
  };
  Filter none, age18, age0, from, to, fits, siblings;
  age18.age = ranking::AgeGroup::toddler;
  age0.age = ranking::AgeGroup::infant;
  from.from = day("2026-01-01");
  to.to = day("2026-01-01");
  fits.fits = true;
  siblings.siblings = true;
  for (const auto& k : std::vector<Case>{
           {"no filter", none, toddler, {}, true},
           {"age group at the desired date", age18, toddler, {}, true},
           {"age group at the desired date", age18, infant, {}, false},
           {"age group at the desired date", age0, infant, {}, true},
           {"desired from", from, toddler, {}, true},
           {"desired from", from, infant, {}, false},
           {"desired until", to, infant, {}, true},
           {"desired until", to, toddler, {}, false},
           {"siblings", siblings, toddler, {}, true},
           {"siblings", siblings, infant, {}, false},
           {"fits: no open place", fits, toddler, {}, false},
           {"fits: an 18–59 place", fits, toddler, {toddler_place}, true},
           {"fits: a replacement place not accepted", fits, toddler, {replacement}, false},
           {"fits: any of the places", fits, toddler, {replacement, toddler_place}, true},
           {"fits: the infant is 19 months at the place's start, full week not asked but "
            "partial accepted",
            fits,
            infant,
            {toddler_place},
            true},
       })
    EXPECT_EQ(keeps(k.f, k.c, k.open), k.kept) << k.what;
}

}  // namespace
