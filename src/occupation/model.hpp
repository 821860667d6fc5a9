#pragma once
// The occupation engine's figures (rules OCC-01…06 of spec/domain.md): what each place was used
// for, child by child and day by day, and the same summed by installation (or RSGE), month, age
// group and report category. Civil dates only (no time zone, no daylight saving time). Every count
// is in half-periods: one half-period is P/2, half an occupation day (ENT-04, OCC-01).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "csg/model.hpp"

namespace sgee::occupation {

using csg::Date;

// OCC-02: the age bracket in force on a date (the latest effective date on or before it); `none`
// when the dossier has no bracket in force yet (a record that DOS-21 refuses).
enum class AgeGroup : std::uint8_t { infant, toddler, school, none };
inline constexpr int kAgeGroups = 4;

// OCC-02: the categories in force on a date, as bits.
enum Flag : std::uint8_t {
  kPcr = 1,           // the agreement is at reduced contribution
  kEcp = 2,           // the parent is exempted from paying it
  kHandicap = 4,      // the child is recognized handicapped (AISG)
  kTransitional = 8,  // mesure transitoire
  kCisss = 16,        // CISSS/CIUSSS protocol
};

// OCC-06: the report categories of the ministry's occupation forecast tables. A day falls in
// exactly one, in this order of precedence: a school-age day (not under mesure transitoire) is 2
// (PCR) or 2.1 (not PCR); any other day not at reduced contribution is 3; a PCR day is 1.1 when the
// child is handicapped (or under mesure transitoire), else 1.2 when the parent is exempted (ECP),
// else 1.3 under a CISSS protocol, else 1.
enum class Category : std::uint8_t {
  pcr,
  handicap,
  ecp,
  cisss,
  school_pcr,
  school_non_pcr,
  non_pcr
};
inline constexpr int kCategories = 7;
const char* code_of(Category c);  // "1", "1.1", "1.2", "1.3", "2", "2.1", "3"
const char* name_of(AgeGroup g);  // "0-17", "18-59", "school", "none"
Category category_of(AgeGroup age, std::uint8_t flags);

// Counts in half-periods. `planned` = `open` + `planned_closure` + `unpaid_closure` (OCC-03);
// `child_days` counts the child-days with at least one planned half-period.
struct Figures {
  std::int64_t planned = 0, open = 0, planned_closure = 0, unpaid_closure = 0, child_days = 0;
  Figures& operator+=(const Figures& o) {
    planned += o.planned, open += o.open, planned_closure += o.planned_closure;
    unpaid_closure += o.unpaid_closure, child_days += o.child_days;
    return *this;
  }
  bool operator==(const Figures&) const = default;
};

// An installation's closing days over [from, to] (OCC-03), one entry a day: the closed
// half-periods, and of those the ones closed for a reason that is not a planned one (lock-out,
// strike, other).
struct Calendar {
  Date from, to;
  std::vector<std::uint8_t> closed, unpaid;
  Calendar(Date from, Date to, const std::vector<csg::ClosingDay>& days = {});
  int size() const { return static_cast<int>(closed.size()); }
};

// One child-day of one agreement, as the engine counted it (the "explain" of a figure).
struct Day {
  Date day;
  std::string agreement;  // its ref
  bool special = false;   // planned by a special schedule (ENT-06)
  std::uint8_t planned = 0, planned_closure = 0, unpaid_closure = 0;  // half-period masks
  AgeGroup age = AgeGroup::none;
  std::uint8_t flags = 0;
  Category category = Category::pcr;
  std::uint8_t open() const { return planned & ~(planned_closure | unpaid_closure); }
};

// The months of [from, to]: month k is the k-th calendar month touched by the range.
struct Months {
  Date from, to;
  int count = 0;
  std::vector<std::uint16_t> of_day;  // the month index of each day of the range
  std::vector<Date> first;            // each month's first day (the range's start for month 0)
  Months(Date from, Date to);
};

// One organization's (installation's or RSGE's) figures over a range, by month.
struct Report {
  Months months;
  // cells[(month * kAgeGroups + age) * kCategories + category]
  std::vector<Figures> cells;
  // OCC-04: the half-periods the organization was open each month: each day's day service (Jour P1
  // and P2, Monday to Friday) and every half-period any of its children was planned that day, less
  // the half-periods closed that day. Capacity = places of the age group × these.
  std::vector<std::int64_t> open_half_periods;
  std::vector<std::uint8_t> service;  // per day of the range: the half-periods of service
  std::int64_t children = 0;          // dossiers with at least one planned half-period in the range

  Report(Date from, Date to);
  Figures& cell(int month, AgeGroup age, Category c) {
    return cells[static_cast<size_t>((month * kAgeGroups + static_cast<int>(age)) * kCategories +
                                     static_cast<int>(c))];
  }
  const Figures& cell(int month, AgeGroup age, Category c) const {
    return cells[static_cast<size_t>((month * kAgeGroups + static_cast<int>(age)) * kCategories +
                                     static_cast<int>(c))];
  }
  Figures total() const;
};

// OCC-05: a child's planned occupation over the limits of the Règlement sur la contribution réduite
// (art. 6): more than 261 days in a reference year (1 April – 31 March) or more than 20 days in a
// period of 4 weeks (any 28 consecutive days).
struct LimitWarning {
  enum Kind : std::uint8_t { year, four_weeks } kind;
  Date start, end;          // the reference year, or the first 28-day window over the limit
  std::int64_t halves = 0;  // planned half-periods in it (the limit is 2 × 261 or 2 × 20)
};

}  // namespace sgee::occupation
