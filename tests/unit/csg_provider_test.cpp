// SYN-10 closing days and SYN-20 CISSS reservations (src/csg/rules.hpp).
#include <gtest/gtest.h>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace sgee::test {
namespace {

csg::ClosingDay closing(csg::Date day, std::uint8_t closed = kDay, std::string reason = "planned") {
  csg::ClosingDay d;
  d.day = day;
  d.closed = closed;
  d.reason = std::move(reason);
  return d;
}

TEST(CsgProvider, SYN_10_ClosingDaysOfOneYearForAnInstallation) {
  struct Row {
    std::string label;
    std::vector<csg::ClosingDay> days;
    bool bc;
    std::vector<csg::Finding> want;
  };
  const std::vector<Row> rows = {
      {"holidays of 2026",
       {closing(ymd(2026, 1, 1)), closing(ymd(2026, 6, 24), kDay, "lockout")},
       false,
       {}},
      {"an empty year", {}, false, {}},
      {"sent by a BC", {closing(ymd(2026, 1, 1))}, true, {{"CSG100E", "closing_days", ""}}},
      {"a date of another year",
       {closing(ymd(2027, 1, 1))},
       false,
       {{"CSG101E", "closing_days[0].date", ""}}},
      {"the same date twice",
       {closing(ymd(2026, 1, 1)), closing(ymd(2026, 1, 1))},
       false,
       {{"CSG102E", "closing_days[1].date", ""}}},
      {"nothing closed",
       {closing(ymd(2026, 1, 1), 0)},
       false,
       {{"CSG103E", "closing_days[0].closed", ""}}},
      {"evening only is fine",
       {closing(ymd(2026, 1, 1), csg::kS1 | csg::kS2, "strike")},
       false,
       {}},
      {"an unknown reason",
       {closing(ymd(2026, 1, 1), kDay, "vacances")},
       false,
       {{"CSG104E", "closing_days[0].reason", ""}}},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.label);
    EXPECT_EQ(csg::check_closing_days(2026, r.days, r.bc), r.want);
  }
}

TEST(CsgProvider, SYN_20_CisssReservations) {
  const csg::Reservation ok{ymd(2026, 4, 1), ymd(2026, 10, 31), 5, 5, csg::Bracket::infant};
  struct Row {
    std::string label;
    csg::Reservation r;
    bool bc;
    std::vector<csg::Finding> want;
  };
  auto with = [&](auto change) {
    auto r = ok;
    change(r);
    return r;
  };
  const std::vector<Row> rows = {
      {"the seed's example", ok, false, {}},
      {"one day", with([](auto& r) { r.end = r.start; }), false, {}},
      {"sent by a BC", ok, true, {{"CSG110E", "reservations", ""}}},
      {"ends before it starts",
       with([](auto& r) { r.end = ymd(2026, 3, 31); }),
       false,
       {{"CSG111E", "reservations[0].end", ""}}},
      {"no day",
       with([](auto& r) { r.days_per_week = 0; }),
       false,
       {{"CSG112E", "reservations[0].days_per_week", ""}}},
      {"eight days",
       with([](auto& r) { r.days_per_week = 8; }),
       false,
       {{"CSG112E", "reservations[0].days_per_week", ""}}},
      {"no place",
       with([](auto& r) { r.places = 0; }),
       false,
       {{"CSG113E", "reservations[0].places", ""}}},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.label);
    EXPECT_EQ(csg::check_reservations({r.r}, r.bc), r.want);
  }
}

}  // namespace
}  // namespace sgee::test
