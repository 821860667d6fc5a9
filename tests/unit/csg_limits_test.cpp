// Unit tests for the limits of one record (API-02, docs/api-limits.md) in the JSON reader
// (src/csg/json.hpp), and for the overlap rules (DOS-22, DOS-24, DOS-25, ENT-06, ENT-07, SYN-10),
// now a sweep over the union of the ranges before: the same findings as the pairwise definition,
// in O(n log n).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "csg/generate.hpp"
#include "csg/json.hpp"
#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Finding;
using nlohmann::json;
using sgee::test::ymd;

namespace {

// A record with `n` elements in `list` (each a copy of `element`).
json with_list(const std::string& list, const json& element, size_t n) {
  json d = {{"ref", "L-1"}};
  d[list] = json::array();
  for (size_t i = 0; i < n; ++i) d[list].push_back(element);
  return d;
}

bool has(const std::vector<Finding>& findings, const std::string& code, const std::string& field) {
  for (const auto& f : findings)
    if (f.code == code && f.field == field) return true;
  return false;
}

TEST(CsgLimits, Api02EachListIsReadUpToItsLimit) {
  const json period = {{"start", "2024-09-02"}, {"end", "2024-09-06"}};
  const json agreement = {{"ref", "A"}, {"start", "2024-09-02"}, {"end", "2024-09-06"}};
  struct Row {
    csg::RecordLimit limit;
    json element;
    size_t max;
    std::function<size_t(const csg::Dossier&)> read;
  };
  const std::vector<Row> rows = {
      {csg::kMaxAgeBrackets,
       {{"bracket", "0-17"}, {"start", "2024-09-02"}},
       20,
       [](const csg::Dossier& d) { return d.age_brackets.size(); }},
      {csg::kMaxCisssPeriods, period, 100,
       [](const csg::Dossier& d) { return d.cisss_periods.size(); }},
      {csg::kMaxEcpPeriods, period, 100,
       [](const csg::Dossier& d) { return d.ecp_periods.size(); }},
      {csg::kMaxHandicapPeriods, period, 100,
       [](const csg::Dossier& d) { return d.handicap_periods.size(); }},
      {csg::kMaxAgreements, agreement, 200,
       [](const csg::Dossier& d) { return d.agreements.size(); }},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.limit.list);
    EXPECT_EQ(row.limit.max, row.max) << "docs/api-limits.md names this number";
    auto at = csg::parse_dossier(with_list(row.limit.list, row.element, row.max));
    EXPECT_FALSE(has(at.findings, row.limit.code, row.limit.list));
    EXPECT_EQ(row.read(at.dossier), row.max);
    // One past the limit: the limit's code on the list, and no element past it read.
    auto over = csg::parse_dossier(with_list(row.limit.list, row.element, row.max + 1));
    EXPECT_TRUE(has(over.findings, row.limit.code, row.limit.list));
    EXPECT_EQ(row.read(over.dossier), row.max);
    // A list 50 times too long costs no more.
    auto far = csg::parse_dossier(with_list(row.limit.list, row.element, row.max * 50));
    EXPECT_EQ(row.read(far.dossier), row.max);
    EXPECT_EQ(far.findings, over.findings);
    // Past a limit, the rules say nothing more about the list: the record is rejected for it.
    auto findings = csg::validate(over, sgee::test::csg_context());
    for (const auto& f : findings) {
      if (f.code == row.limit.code) continue;
      EXPECT_FALSE(f.field.starts_with(std::string(row.limit.list) + "["))
          << f.code << " " << f.field;
    }
    EXPECT_EQ(csg::status_of(findings), csg::Status::rejected);
  }
}

TEST(CsgLimits, Api02SpecialSchedulesCountAllAgreementsTogether) {
  const json special = {{"start", "2024-09-02"},
                        {"end", "2024-09-02"},
                        {"schedule", {{"weeks", 1}, {"days", {"AM", "", "", "", "", "", ""}}}}};
  auto record = [&](std::vector<size_t> counts) {
    json d = {{"ref", "L-1"}, {"agreements", json::array()}};
    for (size_t i = 0; i < counts.size(); ++i) {
      json a = {{"ref", "A" + std::to_string(i)}, {"special_schedules", json::array()}};
      for (size_t k = 0; k < counts[i]; ++k) a["special_schedules"].push_back(special);
      d["agreements"].push_back(a);
    }
    return csg::parse_dossier(d);
  };
  auto total = [](const csg::Dossier& d) {
    size_t n = 0;
    for (const auto& a : d.agreements) n += a.special_schedules.size();
    return n;
  };
  auto at = record({250, 250});
  EXPECT_EQ(total(at.dossier), 500u);
  EXPECT_TRUE(at.findings.empty());
  // 501: noted once, on the list where the count goes over; nothing past the limit read.
  auto over = record({250, 250, 1, 3});
  EXPECT_EQ(total(over.dossier), 500u);
  EXPECT_EQ(over.findings,
            (std::vector<Finding>{{"CSG125E", "agreements[2].special_schedules", ""}}));
  auto split = record({200, 301});
  EXPECT_EQ(total(split.dossier), 500u);
  EXPECT_EQ(split.findings,
            (std::vector<Finding>{{"CSG125E", "agreements[1].special_schedules", ""}}));
}

TEST(CsgLimits, Ent04ScheduleDaysAreReadUpToOnePastFourWeeks) {
  json d = {
      {"ref", "L-1"},
      {"agreements", {{{"ref", "A"}, {"schedule", {{"weeks", 4}, {"days", json::array()}}}}}}};
  for (int i = 0; i < 100000; ++i) d["agreements"][0]["schedule"]["days"].push_back("AM");
  auto p = csg::parse_dossier(d);
  ASSERT_EQ(p.dossier.agreements.size(), 1u);
  EXPECT_EQ(p.dossier.agreements[0].schedule->days.size(), csg::kMaxScheduleDays + 1);
  auto findings = csg::check_agreements(p.dossier, sgee::test::csg_context());
  EXPECT_TRUE(has(findings, "CSG065E", "agreements[0].schedule.days"));
}

TEST(CsgLimits, TheLimitsDossierIsAtEveryLimitAndValid) {
  auto d = csg::limits_dossier("L0001", 0);
  EXPECT_EQ(d.agreements.size(), csg::kMaxAgreements.max);
  EXPECT_EQ(d.cisss_periods.size(), csg::kMaxCisssPeriods.max);
  EXPECT_EQ(d.ecp_periods.size(), csg::kMaxEcpPeriods.max);
  EXPECT_EQ(d.handicap_periods.size(), csg::kMaxHandicapPeriods.max);
  size_t specials = 0;
  for (const auto& a : d.agreements) specials += a.special_schedules.size();
  EXPECT_EQ(specials, csg::kMaxSpecialSchedules.max);
  auto ctx = sgee::test::csg_context();
  // The child is 18-59 months from 2021-07-15, inside its CISSS periods: reservations of both
  // age codes (DOS-23).
  ctx.reservations = std::vector<csg::Reservation>{
      {ymd(2020, 1, 1), ymd(2030, 12, 31), 5, 10, csg::Bracket::infant},
      {ymd(2020, 1, 1), ymd(2030, 12, 31), 5, 10, csg::Bracket::toddler}};
  auto parsed = csg::parse_dossier(csg::to_json(d));
  EXPECT_TRUE(parsed.findings.empty());
  auto findings = csg::validate(parsed, ctx);
  EXPECT_EQ(csg::status_of(findings), csg::Status::accepted) << testing::PrintToString(findings);
  auto batch = csg::limits_batch(1 << 20);
  EXPECT_LE(batch.size(), 1u << 20);
  EXPECT_GE(json::parse(batch)["dossiers"].size(), 2u);
}

// The overlap rules against their pairwise definition ("an element meets an earlier one"), on
// random lists with open ends, one-day ranges and ranges ending before they start (those have
// their own message and are left out of the comparison).
struct Range {
  std::optional<csg::Date> start, end;
};
bool pairwise_meets(const std::vector<Range>& rs, size_t j) {
  auto ok = [](const Range& r) { return r.start && (!r.end || *r.start <= *r.end); };
  if (!ok(rs[j])) return false;
  for (size_t i = 0; i < j; ++i) {
    if (!ok(rs[i])) continue;
    bool meet =
        (!rs[j].end || *rs[i].start <= *rs[j].end) && (!rs[i].end || *rs[j].start <= *rs[i].end);
    if (meet) return true;
  }
  return false;
}
std::vector<Range> random_ranges(std::mt19937& rng, size_t n) {
  std::uniform_int_distribution<int> day(0, 400), len(-3, 40), kind(0, 9);
  std::vector<Range> rs;
  for (size_t i = 0; i < n; ++i) {
    Range r;
    int k = kind(rng);
    if (k > 0) r.start = sgee::dates::add_days(ymd(2024, 1, 1), day(rng));
    if (k > 1 && r.start) r.end = sgee::dates::add_days(*r.start, k == 2 ? -1 : len(rng));
    rs.push_back(r);
  }
  return rs;
}

TEST(CsgLimits, Dos24Dos25Ent06Ent07OverlapsMatchThePairwiseDefinition) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    auto rs = random_ranges(rng, 1 + round % 40);
    SCOPED_TRACE(round);
    sgee::test::Fixture f;
    f.d.ecp_periods.clear();
    f.d.agreements.assign(1, f.d.agreements.at(0));
    auto& a = f.d.agreements[0];
    a.start = ymd(2023, 1, 1);
    a.end = ymd(2026, 1, 1);
    a.special_schedules.clear();
    std::vector<csg::Agreement> agreements;
    for (size_t i = 0; i < rs.size(); ++i) {
      f.d.ecp_periods.push_back({rs[i].start, rs[i].end});
      a.special_schedules.push_back({rs[i].start, rs[i].end, sgee::test::weekdays()});
    }
    auto periods = csg::check_periods(f.d, f.ctx);
    auto specials = csg::check_agreements(f.d, f.ctx);
    // ENT-07 over agreements with these ranges (the end is the agreement's end).
    sgee::test::Fixture g;
    g.d.age_brackets = {{csg::Bracket::infant, ymd(2020, 1, 1)}};
    for (size_t i = 0; i < rs.size(); ++i) {
      auto b = f.d.agreements[0];
      b.ref = "A" + std::to_string(i);
      b.special_schedules.clear();
      b.start = rs[i].start;
      b.end = rs[i].end;
      g.d.agreements.push_back(b);
    }
    g.d.agreements.erase(g.d.agreements.begin());
    auto ent07 = csg::check_agreements(g.d, g.ctx);
    for (size_t j = 0; j < rs.size(); ++j) {
      bool want = pairwise_meets(rs, j);
      std::string i = "[" + std::to_string(j) + "]";
      EXPECT_EQ(has(periods, "CSG052E", "ecp_periods" + i + ".start"), want) << j;
      EXPECT_EQ(has(specials, "CSG071E", "agreements[0].special_schedules" + i + ".start"), want)
          << j;
      EXPECT_EQ(has(ent07, "CSG073E", "agreements" + i + ".start"), want) << j;
    }
  }
}

TEST(CsgLimits, Syn10DuplicateClosingDaysOnEachRepeat) {
  std::vector<csg::ClosingDay> days;
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 100; ++k)
      days.push_back(
          {sgee::dates::add_days(ymd(2025, 1, 1), k), csg::kAm, false, false, "planned"});
  auto findings = csg::check_closing_days(2025, days, false);
  EXPECT_EQ(findings.size(), 200u);
  EXPECT_TRUE(has(findings, "CSG102E", "closing_days[100].date"));
  EXPECT_TRUE(has(findings, "CSG102E", "closing_days[299].date"));
  EXPECT_FALSE(has(findings, "CSG102E", "closing_days[99].date"));
}

// ENT-09 compares at most 84 days of each stretch between edges of special schedules: the same
// answer as comparing every day, on random agreements over years with 1- to 4-week patterns.
TEST(CsgLimits, Ent09SharedCustodyMatchesTheDayByDayDefinition) {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> weeks(1, 4), mask(0, 63), sparse(0, 5), offset(0, 900),
      length(0, 1200), count(0, 4), special_len(0, 60);
  auto random_schedule = [&] {
    csg::Schedule s;
    s.weeks = weeks(rng);
    for (int i = 0; i < 7 * s.weeks; ++i)
      s.days.push_back(sparse(rng) == 0 ? static_cast<std::uint8_t>(1 << sparse(rng)) : 0);
    return s;
  };
  auto random_agreement = [&](const std::string& ref) {
    auto start = sgee::dates::add_days(ymd(2022, 1, 3), offset(rng));
    auto a = sgee::test::agreement(ref, start, sgee::dates::add_days(start, length(rng)));
    a.schedule = random_schedule();
    a.special_schedules.clear();
    for (int k = count(rng); k > 0; --k) {
      auto s = sgee::dates::add_days(start, offset(rng));
      a.special_schedules.push_back(
          {s, sgee::dates::add_days(s, special_len(rng)), random_schedule()});
    }
    return a;
  };
  int clashes = 0, rounds = 300;
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE(round);
    sgee::test::Fixture f;
    f.d.agreements = {random_agreement("A")};
    f.ctx.other_agreements = {{"OTHER", "20000002", random_agreement("B")}};
    const auto& a = f.d.agreements[0];
    const auto& b = f.ctx.other_agreements[0].agreement;
    bool want = false;
    auto day = std::max(*a.start, *b.start);
    for (; day <= std::min(*a.end, *b.end); day = sgee::dates::add_days(day, 1)) {
      want = (csg::planned_on(a, day) & csg::planned_on(b, day)) != 0;
      if (want) break;
    }
    auto found = csg::check_shared_custody(f.d, f.ctx);
    EXPECT_EQ(has(found, "CSG075E", "agreements[0].schedule"), want);
    // The message's first common day is the first day both plan a same half-period.
    if (want && !found.empty()) {
      EXPECT_EQ(found[0].args.at(3), sgee::dates::format(day));
    }
    if (want) ++clashes;
  }
  EXPECT_GT(clashes, 0) << "both answers are tested";
  EXPECT_LT(clashes, rounds);
}

}  // namespace
