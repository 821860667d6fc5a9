#pragma once
// The occupation engine (OCC-01…06), pure: no database, no clock. Two independent paths give the
// same figures: `days_of` walks a dossier day by day with the registry's own `planned_on` and says
// why each half-period counts (the explanation behind a figure), `add_dossier` sums a dossier into
// an organization's report in a tight loop (segments of constant classification, the pattern's
// week kept in step); a property test checks that they agree.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "occupation/model.hpp"

namespace sgee::occupation {

// OCC-02 on a date: the age group and the categories in force for an agreement of a dossier.
AgeGroup age_on(const csg::Dossier& d, Date day);
std::uint8_t flags_on(const csg::Dossier& d, const csg::Agreement& a, Date day);

// OCC-01…03: each child-day of [from, to] with at least one planned half-period, agreement by
// agreement, in date order within an agreement. `calendar` covers at least [from, to].
std::vector<Day> days_of(const csg::Dossier& d, const Calendar& calendar, Date from, Date to);

// The same days summed into `report` (its range; `calendar` covers it); `report.service` gets the
// dossier's planned half-periods. Returns whether the dossier had any planned half-period there.
bool add_dossier(Report& report, const csg::Dossier& d, const Calendar& calendar);
// Once every dossier is added: OCC-04's open half-periods per month.
void close_report(Report& report, const Calendar& calendar);

// OCC-04: capacity in half-periods and the occupancy rate (0 when there is no capacity).
inline std::int64_t capacity(std::int64_t places, std::int64_t open_half_periods) {
  return places * open_half_periods;
}
inline double rate(std::int64_t occupation, std::int64_t capacity) {
  return capacity > 0 ? static_cast<double>(occupation) / static_cast<double>(capacity) : 0.0;
}

// OCC-05 over [from, to]: the child's dossiers (shared custody: each parent's), every reference
// year the range touches (counted over the whole year) and the first 28-day window over the limit
// that starts in the range.
std::vector<LimitWarning> limits_of(const std::vector<const csg::Dossier*>& child, Date from,
                                    Date to);
// The reference year (1 April – 31 March) holding `day`: its first day.
Date reference_year_of(Date day);

// A dossier's occupation part (age brackets, periods, agreements with their schedules) as short
// text, stored beside its JSON so that a report over the whole province reads it fast; read back
// into a dossier holding only those parts. nullopt when the text is not of that form.
std::string occupation_text(const csg::Dossier& d);
std::optional<csg::Dossier> parse_occupation_text(std::string_view text);

}  // namespace sgee::occupation
