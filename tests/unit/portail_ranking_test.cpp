// POR-03: the réserve's ranking (src/portail/ranking.*): categories, desired date, tie key,
// declared priorities within their share, and who fits a free place.
#include <gtest/gtest.h>

#include "portail/ranking.hpp"

namespace {

using namespace sgee::portail::ranking;
namespace dates = sgee::dates;

dates::Date day(const char* s) {
  return *dates::parse(s);
}

Candidate child(std::int64_t id, const char* desired, const char* tie) {
  Candidate c;
  c.child_id = id;
  c.desired_start = day(desired);
  c.tie_key = tie;
  return c;
}

std::vector<std::int64_t> order(const std::vector<Ranked>& r) {
  std::vector<std::int64_t> ids;
  for (const auto& x : r) ids.push_back(x.child_id);
  return ids;
}

TEST(PortailRanking, POR_03_CategoriesComeFirstInTheirOrder) {
  struct Case {
    bool staff, same_address, admitted;
    Category expected;
  };
  for (const auto& k : std::vector<Case>{{true, true, false, Category::staff_same_address},
                                         {true, true, true, Category::staff_same_address},
                                         {true, false, true, Category::staff},
                                         {false, true, true, Category::same_address},
                                         {false, false, false, Category::not_admitted_subsidized},
                                         {false, false, true, Category::other}}) {
    Candidate c = child(1, "2026-01-01", "a");
    c.staff_child = k.staff;
    c.same_address = k.same_address;
    c.admitted_subsidized = k.admitted;
    EXPECT_EQ(category_of(c), k.expected) << k.staff << k.same_address << k.admitted;
  }
  // An "other" child who has waited for years comes after a category-2 child who has not.
  Candidate old = child(1, "2023-01-01", "a");
  old.admitted_subsidized = true;
  Candidate staff = child(2, "2027-01-01", "b");
  staff.staff_child = true;
  EXPECT_EQ(order(rank({}, {old, staff}, day("2026-12-01"))), (std::vector<std::int64_t>{2, 1}));
}

TEST(PortailRanking, POR_03_WithinACategoryTheEarliestDesiredDateFirstThenTheTieKey) {
  auto r = rank(
      {}, {child(1, "2026-06-01", "b"), child(2, "2026-03-01", "z"), child(3, "2026-06-01", "a")},
      day("2026-12-01"));
  EXPECT_EQ(order(r), (std::vector<std::int64_t>{2, 3, 1}));
  EXPECT_EQ(r[0].days_waited, 275);
  EXPECT_EQ(r[0].position, 1);
  EXPECT_EQ(r[2].position, 3);
}

TEST(PortailRanking, POR_03_PriorityPicksStayWithinTheDeclaredShare) {
  Provider p;
  p.priorities_apply = true;
  p.declared = {"special_needs"};
  p.share_percent = 50;
  std::vector<Candidate> kids;
  for (int i = 0; i < 6; ++i) {
    std::string d = "2026-01-0" + std::to_string(i + 1);
    kids.push_back(child(i, d.c_str(), "k"));
  }
  // The two last in date meet the criterion.
  kids[4].criteria = {"special_needs"};
  kids[5].criteria = {"special_needs"};
  auto r = rank(p, kids, day("2026-12-01"));
  // Place 1: 1 of 1 by priority is more than 50 %: no, 0+1 <= 0.5*1 fails → best of all (0).
  // Place 2: 1 of 2 = 50 %: the best matching (4) by priority. Place 3: 2 of 3 > 50 %: 1.
  // Place 4: 2 of 4: 5 by priority. Then 2, 3.
  EXPECT_EQ(order(r), (std::vector<std::int64_t>{0, 4, 1, 5, 2, 3}));
  EXPECT_FALSE(r[0].priority);
  EXPECT_EQ(r[1].priority, "special_needs");
  EXPECT_EQ(r[3].priority, "special_needs");
  // Without priorities applying (a GNS, an RSGE), the plain order.
  p.priorities_apply = false;
  EXPECT_EQ(order(rank(p, kids, day("2026-12-01"))), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
}

TEST(PortailRanking, POR_03_RankBands) {
  EXPECT_EQ(rank_band(1), std::make_pair(1, 5));
  EXPECT_EQ(rank_band(6), std::make_pair(6, 10));
  EXPECT_EQ(rank_band(20), std::make_pair(11, 20));
  EXPECT_EQ(rank_band(21), std::make_pair(21, 50));
  EXPECT_EQ(rank_band(100), std::make_pair(51, 100));
  EXPECT_EQ(rank_band(101), std::make_pair(101, 200));
  EXPECT_EQ(rank_band(250), std::make_pair(201, 300));
}

TEST(PortailRanking, POR_03_FitsAFreePlace) {
  FreePlace place;
  place.age = AgeGroup::toddler;
  place.from = day("2027-01-04");
  place.schedule = {3, 3, 3, 3, 3, 0, 0};
  Request r;
  r.birth = day("2025-07-04");  // 18 months on 2027-01-04
  r.schedule = {3, 3, 3, 0, 0, 0, 0};
  EXPECT_TRUE(fits(place, r));
  r.birth = day("2025-07-05");  // 17 months: the infant group, the subsidy would be lost
  EXPECT_FALSE(fits(place, r));
  r.birth = day("2025-07-04");
  r.schedule = {3, 3, 3, 3, 3, 3, 0};  // Saturday not covered
  EXPECT_FALSE(fits(place, r));
  r.accept_partial = true;
  EXPECT_TRUE(fits(place, r));
  place.replacement = true;
  EXPECT_FALSE(fits(place, r));
  r.accept_replacement = true;
  EXPECT_TRUE(fits(place, r));
  EXPECT_EQ(months_old(day("2024-01-31"), day("2024-02-28")), 0);
  EXPECT_EQ(months_old(day("2024-01-31"), day("2024-02-29")), 1);  // the month's last day
  EXPECT_EQ(months_old(day("2024-01-31"), day("2024-01-30")), 0);
}

}  // namespace
