// POR-03: the réserve's ranking (src/portail/ranking.*): categories, desired date, tie key,
// declared priorities within their share, and who fits a free place.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "portail/ranking.hpp"
#include "portail/ranking_store.hpp"

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

// ---------------------------------------------------------------------------------------------
// The ranking's guarantees (ranking.hpp, rule 5), on random réserves from a seeded generator.

// How a family of random réserves is drawn: each row of the table is run many times.
struct Shape {
  const char* name;
  int max_children;
  int date_spread_days;  // desired dates within this many days: small spreads make ties
  int criteria_percent;  // how often a child meets a criterion
  bool priorities_apply;
  int min_share, max_share;
  int max_recent;  // recent admissions at most
};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> table{
      {"small, many ties", 12, 3, 40, true, 0, 50, 10},
      {"large, spread dates", 60, 900, 25, true, 0, 50, 40},
      {"full share, many matching", 40, 60, 70, true, 50, 50, 0},
      {"no share", 30, 30, 50, true, 0, 0, 20},
      {"priorities do not apply", 30, 30, 50, false, 0, 50, 20},
      {"heavy recent history", 40, 200, 30, true, 10, 30, 200},
  };
  return table;
}

const std::vector<std::string> kCodes{"special_needs",  "precarious",       "education",
                                      "cisss_referral", "partner_employer", "age_group",
                                      "neighbourhood"};

struct Draw {
  Provider provider;
  std::vector<Candidate> children;
  dates::Date today;
};

std::string random_key(std::mt19937_64& g) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string k(32, '0');
  for (auto& ch : k) ch = kHex[g() % 16];
  return k;
}

Draw draw(std::mt19937_64& g, const Shape& s) {
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(g() % (hi - lo + 1)); };
  Draw d;
  d.today = day("2026-12-01");
  d.provider.priorities_apply = s.priorities_apply;
  auto codes = kCodes;
  std::shuffle(codes.begin(), codes.end(), g);
  codes.resize(static_cast<size_t>(pick(0, static_cast<int>(kMaxPriorities))));
  d.provider.declared = codes;
  d.provider.share_percent = pick(s.min_share, s.max_share);
  d.provider.recent_admissions = pick(0, s.max_recent);
  d.provider.recent_priority_admissions = pick(0, d.provider.recent_admissions);
  int n = pick(0, s.max_children);
  std::set<std::string> keys;
  for (int i = 0; i < n; ++i) {
    Candidate c;
    c.child_id = 1000 + i;
    do c.tie_key = random_key(g);
    while (!keys.insert(c.tie_key).second);
    c.desired_start = dates::add_days(d.today, pick(-s.date_spread_days, s.date_spread_days / 3));
    c.staff_child = pick(0, 9) == 0;
    c.same_address = pick(0, 9) == 0;
    c.admitted_subsidized = pick(0, 3) == 0;
    if (pick(1, 100) <= s.criteria_percent)
      for (int k = pick(1, 2); k > 0; --k) c.criteria.push_back(kCodes[g() % kCodes.size()]);
    d.children.push_back(std::move(c));
  }
  return d;
}

constexpr int kDrawsPerShape = 600;

std::vector<std::string> tie_keys(const std::vector<Ranked>& r) {
  std::vector<std::string> out;
  for (const auto& x : r) out.push_back(x.tie_key);
  return out;
}

TEST(PortailRanking, POR_03_TheOrderDependsOnNeitherTheInputOrderNorTheIds) {
  std::mt19937_64 g(20261201);
  for (const auto& s : shapes())
    for (int i = 0; i < kDrawsPerShape; ++i) {
      auto d = draw(g, s);
      auto first = rank(d.provider, d.children, d.today);
      // Shuffle the input and give the children other ids, in another order (registration
      // time is no input at all: ids stand for it).
      auto other = d.children;
      std::shuffle(other.begin(), other.end(), g);
      std::map<std::string, std::int64_t> renumbered;
      for (auto& c : other) {
        c.child_id = static_cast<std::int64_t>(g() % 1000000000);
        renumbered[c.tie_key] = c.child_id;
      }
      auto second = rank(d.provider, other, d.today);
      ASSERT_EQ(tie_keys(first), tie_keys(second)) << s.name << " #" << i;
      for (size_t k = 0; k < second.size(); ++k) {
        EXPECT_EQ(second[k].child_id, renumbered[second[k].tie_key]);
        EXPECT_EQ(second[k].position, static_cast<int>(k) + 1);
        EXPECT_EQ(second[k].priority, first[k].priority);
        EXPECT_EQ(second[k].category, first[k].category);
      }
    }
}

TEST(PortailRanking, POR_03_PriorityPicksNeverExceedTheShareInAnyPrefix) {
  std::mt19937_64 g(4242);
  int picks_seen = 0;
  for (const auto& s : shapes())
    for (int i = 0; i < kDrawsPerShape; ++i) {
      auto d = draw(g, s);
      auto r = rank(d.provider, d.children, d.today);
      long long admissions = d.provider.recent_admissions;
      long long picks = 0;  // in this prefix
      for (size_t k = 0; k < r.size(); ++k) {
        ++admissions;
        if (r[k].priority) {
          ++picks;
          ++picks_seen;
          ASSERT_TRUE(d.provider.priorities_apply) << s.name;
          // Picked by a criterion it meets, and one the provider declared.
          const auto& declared = d.provider.declared;
          EXPECT_NE(std::find(declared.begin(), declared.end(), *r[k].priority), declared.end());
          EXPECT_EQ(r[k].priority, r[k].criterion);
        }
        if (picks > 0) {
          ASSERT_LE((d.provider.recent_priority_admissions + picks) * 100,
                    static_cast<long long>(d.provider.share_percent) * admissions)
              << s.name << " #" << i << " prefix " << k + 1;
        }
      }
      if (d.provider.share_percent == 0 || !d.provider.priorities_apply) {
        EXPECT_EQ(picks, 0);
      }
    }
  EXPECT_GT(picks_seen, 1000);  // the property was exercised
}

TEST(PortailRanking, POR_03_WithinACategoryAndPriorityStatusTheEarlierDesiredDateFirst) {
  std::mt19937_64 g(7);
  for (const auto& s : shapes())
    for (int i = 0; i < kDrawsPerShape; ++i) {
      auto d = draw(g, s);
      auto r = rank(d.provider, d.children, d.today);
      for (size_t a = 0; a < r.size(); ++a) {
        for (size_t b = a + 1; b < r.size(); ++b) {
          if (r[a].category == r[b].category &&
              r[a].priority.has_value() == r[b].priority.has_value()) {
            ASSERT_GE(r[a].days_waited, r[b].days_waited) << s.name << " #" << i;
          }
        }
      }
      // Add a child with a later date than one already there, in its category, meeting no
      // criterion: it comes after it, and no one ahead of it by rules 1–3 moves.
      if (d.children.empty()) continue;
      const auto& y = d.children[g() % d.children.size()];
      Candidate x = y;
      x.child_id = 1;
      x.tie_key = "0";  // the smallest tie key: only the date keeps it behind
      x.criteria.clear();
      x.desired_start = dates::add_days(y.desired_start, 1 + static_cast<int>(g() % 30));
      auto with = d.children;
      with.push_back(x);
      auto r2 = rank(d.provider, with, d.today);
      std::map<std::int64_t, int> before, after;
      for (const auto& e : r) before[e.child_id] = e.position;
      for (const auto& e : r2) after[e.child_id] = e.position;
      EXPECT_GT(after[x.child_id], after[y.child_id]) << s.name << " #" << i;
      for (const auto& c : d.children) {
        if (ahead(c, x)) {
          EXPECT_EQ(after[c.child_id], before[c.child_id]) << s.name << " #" << i;
        }
      }
    }
}

// The re-sort from the reasons alone (ranking.hpp, rule 5), written apart from ranking.cpp.
std::vector<std::string> resort(const Provider& p, std::vector<Ranked> reasons) {
  auto before = [](const Ranked& a, const Ranked& b) {
    return std::make_tuple(static_cast<int>(a.category), -a.days_waited, a.tie_key) <
           std::make_tuple(static_cast<int>(b.category), -b.days_waited, b.tie_key);
  };
  std::vector<Ranked> picks, others;
  for (auto& r : reasons) (r.priority ? picks : others).push_back(r);
  std::sort(picks.begin(), picks.end(), before);
  std::sort(others.begin(), others.end(), before);
  long long admissions = std::max(0, p.recent_admissions);
  long long priority = std::clamp(p.recent_priority_admissions, 0, p.recent_admissions);
  long long share = std::min(p.share_percent, 50);
  std::vector<std::string> out;
  size_t i = 0, j = 0;
  while (i < picks.size() || j < others.size()) {
    bool allowed = share > 0 && (priority + 1) * 100 <= share * (admissions + 1);
    bool by_priority =
        i < picks.size() && (j == others.size() || (allowed && !others[j].criterion));
    out.push_back(by_priority ? picks[i++].tie_key : others[j++].tie_key);
    ++admissions;
    if (by_priority) ++priority;
  }
  return out;
}

TEST(PortailRanking, POR_03_TheReasonsReproduceTheOrder) {
  std::mt19937_64 g(99);
  for (const auto& s : shapes())
    for (int i = 0; i < kDrawsPerShape; ++i) {
      auto d = draw(g, s);
      auto r = rank(d.provider, d.children, d.today);
      auto shuffled = r;
      std::shuffle(shuffled.begin(), shuffled.end(), g);
      ASSERT_EQ(resort(d.provider, shuffled), tie_keys(r)) << s.name << " #" << i;
    }
}

TEST(PortailRanking, POR_03_TieKeyIsStableKeyedAndOwesNothingToTheOrderOfRegistration) {
  namespace rs = sgee::portail::ranking_store;
  struct Case {
    const char* secret;
    const char* number;
  };
  const std::vector<Case> cases{{"secret-a", "PI-2026-000001"},
                                {"secret-a", "PI-2026-000002"},
                                {"secret-b", "PI-2026-000001"},
                                {"", "PI-2026-000001"}};
  std::set<std::string> seen;
  for (const auto& k : cases) {
    auto key = rs::tie_key(k.secret, k.number);
    EXPECT_EQ(key.size(), 32u);
    EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(key, rs::tie_key(k.secret, k.number)) << "stable";
    EXPECT_TRUE(seen.insert(key).second) << k.secret << " " << k.number;
  }
  // Consecutive numbers (children registered one after the other) do not come out in the order
  // they were registered: over many, about half of the neighbours are inverted.
  int inverted = 0;
  std::set<std::string> keys;
  for (int n = 0; n < 2000; ++n) {
    auto a = rs::tie_key("secret-a", "PI-" + std::to_string(100000 + n));
    auto b = rs::tie_key("secret-a", "PI-" + std::to_string(100001 + n));
    inverted += a > b;
    keys.insert(a);
    // Another secret gives another order.
    EXPECT_NE(a, rs::tie_key("secret-b", "PI-" + std::to_string(100000 + n)));
  }
  EXPECT_EQ(keys.size(), 2000u);
  EXPECT_GT(inverted, 800);
  EXPECT_LT(inverted, 1200);
}

}  // namespace
