#include "csg/rules.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "platform/text.hpp"

namespace sgee::csg {

using dates::add_days;
using dates::add_months;

namespace {

using Findings = std::vector<Finding>;

void add(Findings& out, const char* code, std::string field, const std::string& agreement = "",
         std::vector<std::string> args = {}) {
  out.push_back({code, std::move(field), agreement, std::move(args)});
}

bool blank(const std::optional<std::string>& s) {
  return !s || text::trim(*s).empty();
}
size_t chars(const std::string& s) {
  return text::code_points(s).size();
}
bool too_long(const std::optional<std::string>& s) {
  return s && chars(*s) > 50;
}
bool is_parent_role(const std::optional<Role>& r) {
  return r && (*r == Role::mother || *r == Role::biological_mother || *r == Role::father);
}
std::string at(const char* list, size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

// The last day an agreement plans: its termination, else its end.
std::optional<Date> last_day(const Agreement& a) {
  return a.termination ? a.termination : a.end;
}

Date monday_of(Date d) {
  return add_days(d, -dates::weekday(d));
}

std::uint8_t pattern_on(const Schedule& s, Date first, Date day) {
  if (s.weeks < 1 || s.days.size() != static_cast<size_t>(7 * s.weeks)) return 0;
  int weeks = dates::days_between(monday_of(first), monday_of(day)) / 7;
  int w = ((weeks % s.weeks) + s.weeks) % s.weeks;
  return s.days[static_cast<size_t>(w * 7 + dates::weekday(day))];
}

// The half-periods of a day's mask, counted (a table: no popcount call for every planned day).
int half_periods(std::uint8_t mask) {
  static constexpr auto kCounts = [] {
    std::array<std::uint8_t, 64> c{};
    for (int m = 0; m < 64; ++m)
      c[static_cast<size_t>(m)] =
          static_cast<std::uint8_t>(__builtin_popcount(static_cast<unsigned>(m)));
    return c;
  }();
  return kCounts[mask & 63];
}

bool schedule_marks_anything(const Schedule& s) {
  return std::any_of(s.days.begin(), s.days.end(), [](std::uint8_t m) { return m != 0; });
}

bool same_schedule(const std::optional<Schedule>& a, const std::optional<Schedule>& b) {
  if (!a || !b) return !a && !b;
  return a->weeks == b->weeks && a->days == b->days;
}

// The earliest start of a bracket, and the school bracket's start.
std::optional<Date> first_bracket(const Dossier& d) {
  std::optional<Date> first;
  for (const auto& b : d.age_brackets)
    if (!first || b.start < *first) first = b.start;
  return first;
}
std::optional<Date> school_start(const Dossier& d) {
  for (const auto& b : d.age_brackets)
    if (b.bracket == Bracket::school) return b.start;
  return std::nullopt;
}

// The age brackets by effective date (DOS-20: the order they are listed in does not matter), each
// with its index in the list; brackets of a same date keep their listed order.
std::vector<std::pair<BracketStart, size_t>> brackets_by_date(const Dossier& d) {
  std::vector<std::pair<BracketStart, size_t>> out;
  out.reserve(d.age_brackets.size());
  for (size_t i = 0; i < d.age_brackets.size(); ++i) out.emplace_back(d.age_brackets[i], i);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  return out;
}

bool under_transitional_measure(const Dossier& d, Date day) {
  for (const auto& h : d.handicap_periods) {
    const auto& tm = h.transitional_measure;
    if (tm && tm->start && *tm->start <= day && (!tm->end || day <= *tm->end)) return true;
  }
  return false;
}

// The union of inclusive date ranges seen so far, as disjoint ranges (an open end runs forever):
// whether a range meets one of them, then adding it. Each step is O(log n), so the overlap rules
// below are O(n log n): a range meets an earlier one exactly when it meets their union.
class Coverage {
 public:
  static constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
  static std::int64_t last(std::optional<Date> end) { return end ? end->days : kForever; }
  bool meets(Date start, std::optional<Date> end) const {
    std::int64_t lo = start.days, hi = last(end);
    auto it = ranges_.upper_bound(lo);
    if (it != ranges_.begin() && std::prev(it)->second >= lo) return true;
    return it != ranges_.end() && it->first <= hi;
  }
  // The first day of [start, end] that no range holds (ranges that follow each other day after
  // day hold what they hold together); nullopt when every day is held.
  std::optional<Date> first_gap(Date start, Date end) const {
    std::int64_t day = start.days;
    auto it = ranges_.upper_bound(day);
    if (it == ranges_.begin()) return start;
    for (--it; it != ranges_.end() && it->first <= day; ++it) {
      if (it->second >= end.days) return std::nullopt;
      if (it->second >= day) day = it->second + 1;
    }
    return Date{static_cast<std::int32_t>(day)};
  }
  void add(Date start, std::optional<Date> end) {
    std::int64_t lo = start.days, hi = last(end);
    auto it = ranges_.upper_bound(lo);
    if (it != ranges_.begin() && std::prev(it)->second >= lo) {
      it = std::prev(it);
      lo = it->first;
    }
    while (it != ranges_.end() && it->first <= hi) {
      hi = std::max(hi, it->second);
      it = ranges_.erase(it);
    }
    ranges_.emplace(lo, hi);
  }

 private:
  std::map<std::int64_t, std::int64_t> ranges_;  // start → last day, disjoint
};

// Whether two inclusive date ranges (an open end runs forever) share a day.
bool spans_meet(Date start, std::optional<Date> end, Date o_start, std::optional<Date> o_end) {
  return (!o_end || start <= *o_end) && (!end || o_start <= *end);
}

// DOS-13: a street ending with an apartment ("rue des Patriotes App 2", "…, apt. 2", "… #2"):
// the street without it, and the apartment.
std::optional<std::pair<std::string, std::string>> trailing_apartment(std::string_view street) {
  std::string s(text::trim(street));
  size_t cut = s.find_last_of(' ');
  if (cut == std::string::npos) return std::nullopt;
  std::string number = s.substr(cut + 1);
  std::string rest = s.substr(0, cut);
  if (number.size() > 1 && number[0] == '#') {
    number.erase(0, 1);
  } else {
    size_t before = rest.find_last_of(' ');
    std::string marker =
        text::search_key(before == std::string::npos ? rest : rest.substr(before + 1));
    if (marker.ends_with('.')) marker.pop_back();
    if (marker != "#" && marker != "app" && marker != "apt" && marker != "appartement" &&
        marker != "unite")
      return std::nullopt;
    rest = before == std::string::npos ? "" : rest.substr(0, before);
  }
  bool alnum =
      !number.empty() && number.size() <= 8 &&
      std::all_of(number.begin(), number.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
      });
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == ',')) rest.pop_back();
  if (!alnum || text::trim(rest).empty()) return std::nullopt;
  return std::pair(rest, number);
}

// A range to compare: a start, and an end not before it (a range ending before it starts already
// has its own message and is left out of the overlap rules).
bool comparable(const std::optional<Date>& start, const std::optional<Date>& end) {
  return start && (!end || *start <= *end);
}

// Overlaps between periods of one list: reported on the later one's start.
template <typename P>
void overlaps(Findings& out, const std::vector<P>& periods, const char* list, const char* code) {
  Coverage seen;
  for (size_t j = 0; j < periods.size(); ++j) {
    const auto& p = periods[j];
    if (!comparable(p.start, p.end)) continue;
    if (seen.meets(*p.start, p.end)) add(out, code, at(list, j) + ".start");
    seen.add(*p.start, p.end);
  }
}

// ENT-09: the first day of [from, to] (within both) on which two agreements plan a same
// half-period, if any.
// A day's plan depends on the agreement's pattern (1 to 4 weeks) and on the special schedule
// holding the day: between two edges of special schedules both plans repeat every 84 days (12
// weeks, a multiple of every pattern's length), so at most 84 days of each stretch are compared,
// not every day of years of agreements.
std::optional<Date> plans_meet(const Agreement& a, const Agreement& o, Date from, Date to) {
  std::vector<std::int32_t> cuts = {from.days, to.days + 1};
  for (const auto* x : {&a, &o})
    for (const auto& s : x->special_schedules)
      if (s.start && s.end)
        for (Date edge : {*s.start, add_days(*s.end, 1)})
          if (from < edge && edge <= to) cuts.push_back(edge.days);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  constexpr std::int32_t kPeriod = 84;
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    std::int32_t last = std::min(cuts[k + 1] - 1, cuts[k] + kPeriod - 1);
    for (std::int32_t day = cuts[k]; day <= last; ++day)
      if ((planned_on(a, Date{day}) & planned_on(o, Date{day})) != 0) return Date{day};
  }
  return std::nullopt;
}

// ENT-10: the days a child's situation changes with `periods`: the first day of each, and the day
// after each end, sorted (periods ending before they start have their own message).
std::vector<Date> change_days(const std::vector<Period>& periods) {
  std::vector<Date> out;
  for (const auto& p : periods) {
    if (!comparable(p.start, p.end)) continue;
    out.push_back(*p.start);
    if (p.end) out.push_back(add_days(*p.end, 1));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_pattern(Findings& out, const Schedule& s, const std::string& path,
                   const std::string& ref) {
  if (s.weeks < 1 || s.weeks > 4)
    add(out, "CSG065E", path + ".weeks", ref);
  else if (s.days.size() != static_cast<size_t>(7 * s.weeks))
    add(out, "CSG065E", path + ".days", ref);
}

}  // namespace

Findings tidy_dossier(Dossier& d) {
  Findings out;
  auto& a = d.guardian.address;
  // The apartment moves when its field is empty or says the same (written twice, it moves once);
  // when the field says otherwise, nothing moves and CSG031E asks which one it is.
  bool moved = false;
  while (!blank(a.street)) {
    auto split = trailing_apartment(*a.street);
    if (!split || (!blank(a.apartment) &&
                   text::search_key(text::trim(*a.apartment)) != text::search_key(split->second)))
      break;
    a.street = split->first;
    if (blank(a.apartment)) a.apartment = split->second;
    moved = true;
  }
  if (moved) add(out, "CSG130A", "guardian.address.apartment", "", {*a.apartment});
  return out;
}

bool same_civil_name(std::string_view a, std::string_view b) {
  auto parts = [](std::string_view s) {
    std::string key = text::search_key(s);
    std::replace(key.begin(), key.end(), '-', ' ');
    std::vector<std::string> out;
    size_t i = 0;
    while (i < key.size()) {
      size_t j = key.find_first_of(" \t", i);
      if (j == std::string::npos) j = key.size();
      if (j > i) out.push_back(key.substr(i, j - i));
      i = j + 1;
    }
    return out;
  };
  auto pa = parts(a), pb = parts(b);
  auto joined = [](const std::vector<std::string>& ps) {
    std::string s;
    for (const auto& p : ps) s += p;
    return s;
  };
  if (joined(pa) == joined(pb)) return true;  // "Marie-Ève" and "Marieève"
  std::sort(pa.begin(), pa.end());
  std::sort(pb.begin(), pb.end());
  return pa == pb;  // "Roy-Tremblay" and "Tremblay Roy"
}

bool valid_ref(std::string_view ref) {
  auto allowed = [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  };
  return !ref.empty() && ref.size() <= kMaxRefLength && ref != "." && ref != ".." &&
         std::all_of(ref.begin(), ref.end(), allowed);
}

bool school_age_on(Date birth, Date d) {
  int y = dates::month_of(d) >= 9 ? dates::year_of(d) : dates::year_of(d) - 1;
  return birth <= dates::from_ymd(y - 5, 9, 30);
}

std::uint8_t planned_on(const Agreement& a, Date day) {
  auto last = last_day(a);
  if (!a.start || !last || day < *a.start || day > *last || a.replacement) return 0;
  for (const auto& s : a.special_schedules)
    if (s.start && s.end && *s.start <= day && day <= *s.end)
      return pattern_on(s.schedule, *s.start, day);
  if (!a.schedule) return 0;
  return pattern_on(*a.schedule, *a.start, day);
}

Findings check_record(const Dossier& d, const Context& ctx) {
  Findings out;
  if (text::trim(d.ref).empty())
    add(out, "CSG093E", "ref");
  else if (!valid_ref(d.ref))
    add(out, "CSG000E", "ref");
  if (ctx.component_is_bc && blank(d.rsge)) add(out, "CSG090E", "rsge");
  if (!ctx.component_is_bc && d.rsge) add(out, "CSG091E", "rsge");
  if (ctx.component_is_bc && !blank(d.rsge) && !ctx.rsge_of_bc.empty() &&
      std::find(ctx.rsge_of_bc.begin(), ctx.rsge_of_bc.end(), *d.rsge) == ctx.rsge_of_bc.end())
    add(out, "CSG092E", "rsge");
  return out;
}

Findings check_child(const Dossier& d, const Context& ctx) {
  Findings out;
  const auto& c = d.child;
  bool has_nirec = !blank(c.nirec), has_necsg = !blank(c.necsg);
  // DOS-01
  bool names_required = has_nirec || !has_necsg;
  if (names_required && blank(c.surname)) add(out, "CSG001E", "child.surname");
  if (too_long(c.surname)) add(out, "CSG003E", "child.surname");
  if (names_required && blank(c.given_name)) add(out, "CSG002E", "child.given_name");
  if (too_long(c.given_name)) add(out, "CSG003E", "child.given_name");
  // DOS-02, DOS-03
  if (!c.sex) add(out, "CSG004E", "child.sex");
  if (!c.birth_date) {
    add(out, "CSG005E", "child.birth_date");
  } else {
    if (*c.birth_date > ctx.today) add(out, "CSG006E", "child.birth_date");
    if (ctx.stored && ctx.stored->child.birth_date &&
        *ctx.stored->child.birth_date != *c.birth_date)
      add(out, "CSG007E", "child.birth_date");
  }
  // DOS-04
  if (!c.born_outside_quebec) add(out, "CSG008E", "child.born_outside_quebec");
  // DOS-05
  if (has_nirec) {
    bool well_formed = text::all_digits(*c.nirec, 13);
    if (!well_formed) {
      add(out, "CSG009E", "child.nirec");
    } else {
      if (!c.nirec->starts_with("11") && !c.nirec->starts_with("12"))
        add(out, "CSG011A", "child.nirec");
      if (ctx.civil_registry && !ctx.civil) add(out, "CSG041E", "child.nirec");
    }
  }
  if (ctx.stored && ctx.stored->child.nirec && (!c.nirec || *c.nirec != *ctx.stored->child.nirec))
    add(out, "CSG010E", "child.nirec");
  if (ctx.civil && ((c.birth_date && *c.birth_date != ctx.civil->birth_date) ||
                    (c.sex && *c.sex != ctx.civil->sex)))
    add(out, "CSG042E", "child.birth_date");
  if (ctx.civil && !blank(c.surname) && !same_civil_name(*c.surname, ctx.civil->surname))
    add(out, "CSG132E", "child.surname");
  if (ctx.civil && !blank(c.given_name) && !same_civil_name(*c.given_name, ctx.civil->given_name))
    add(out, "CSG133E", "child.given_name");
  // DOS-06: a NECSG only without NIREC, except the NIREC obtained later (insertion request) for
  // the dossier that keeps its stored NECSG.
  bool nirec_joins_necsg = has_nirec && has_necsg && ctx.stored && ctx.stored->child.necsg &&
                           *ctx.stored->child.necsg == *c.necsg;
  if (has_necsg && (c.born_outside_quebec != true || (has_nirec && !nirec_joins_necsg)))
    add(out, "CSG012E", "child.necsg");
  if (ctx.stored && ctx.stored->child.necsg && (!c.necsg || *c.necsg != *ctx.stored->child.necsg))
    add(out, "CSG013E", "child.necsg");
  // DOS-04, DOS-07: a Québec-born child without NIREC waits for it.
  if (c.born_outside_quebec == false && !has_nirec) add(out, "CSG015E", "child.nirec");
  return out;
}

Findings check_adults(const Dossier& d, const Context& ctx) {
  Findings out;
  const auto& g = d.guardian;
  if (blank(g.surname)) add(out, "CSG020E", "guardian.surname");
  if (blank(g.given_name)) add(out, "CSG021E", "guardian.given_name");
  if (!g.role) add(out, "CSG022E", "guardian.role");
  auto lengths = [&](const Adult& a, const std::string& who) {
    if (too_long(a.surname)) add(out, "CSG019E", who + ".surname");
    if (too_long(a.given_name)) add(out, "CSG019E", who + ".given_name");
  };
  lengths(g, "guardian");
  // DOS-11
  if (d.other_guardian && !d.other_guardian->empty()) {
    const auto& o = *d.other_guardian;
    if (blank(o.surname)) add(out, "CSG023E", "other_guardian.surname");
    if (blank(o.given_name)) add(out, "CSG023E", "other_guardian.given_name");
    if (!o.role) add(out, "CSG023E", "other_guardian.role");
    lengths(o, "other_guardian");
  }
  // DOS-12
  bool parent_needed = d.child.born_outside_quebec == true && !is_parent_role(g.role) &&
                       (!d.other_guardian || !is_parent_role(d.other_guardian->role));
  bool parent_given = d.parent && !d.parent->empty();
  if (parent_needed) {
    if (!parent_given) {
      add(out, "CSG024E", "parent");
    } else {
      const auto& p = *d.parent;
      if (blank(p.surname)) add(out, "CSG024E", "parent.surname");
      if (blank(p.given_name)) add(out, "CSG024E", "parent.given_name");
      if (!p.role)
        add(out, "CSG024E", "parent.role");
      else if (!is_parent_role(p.role))
        add(out, "CSG025E", "parent.role");
      lengths(p, "parent");
    }
  } else if (parent_given) {
    add(out, "CSG026A", "parent");
  }
  // DOS-15: in shared custody each parent has their own dossier; the other dossier's guardian is
  // not entered here as the other responsible adult. Only a dossier whose agreements overlap this
  // one's in time is compared (a child who moved elsewhere may have the roles swapped).
  auto overlaps_in_time = [&](const OtherGuardian& g) {
    for (const auto& o : ctx.other_agreements) {
      if (o.dossier_ref != g.dossier_ref || o.installation != g.installation) continue;
      auto o_last = last_day(o.agreement);
      if (!comparable(o.agreement.start, o_last)) continue;
      for (const auto& a : d.agreements)
        if (comparable(a.start, last_day(a)) &&
            spans_meet(*a.start, last_day(a), *o.agreement.start, o_last))
          return true;
    }
    return false;
  };
  if (d.other_guardian && d.other_guardian->surname && d.other_guardian->given_name) {
    auto same = [&](const OtherGuardian& g) {
      const Adult& a = g.guardian;
      return overlaps_in_time(g) && a.surname && a.given_name &&
             text::search_key(*a.surname) == text::search_key(*d.other_guardian->surname) &&
             text::search_key(*a.given_name) == text::search_key(*d.other_guardian->given_name);
    };
    if (std::any_of(ctx.other_dossier_guardians.begin(), ctx.other_dossier_guardians.end(), same))
      add(out, "CSG033E", "other_guardian");
  }
  return out;
}

Findings check_address(const Dossier& d, const Context& ctx) {
  Findings out;
  const auto& a = d.guardian.address;
  const std::string base = "guardian.address.";
  if (blank(a.civic_number)) {
    add(out, "CSG027E", base + "civic_number");
  } else {
    // "2-147": the apartment written before the civic number (seed 004 says to write it last).
    std::string_view civic = text::trim(*a.civic_number);
    size_t dash = civic.find('-');
    auto digits = [](std::string_view x) {
      return !x.empty() &&
             std::all_of(x.begin(), x.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    };
    if (dash != std::string_view::npos && digits(civic.substr(0, dash)) &&
        digits(civic.substr(dash + 1)))
      add(out, "CSG131E", base + "civic_number", "", {std::string(civic)});
  }
  if (blank(a.street)) {
    add(out, "CSG027E", base + "street");
  } else {
    std::string key = " " + text::search_key(*a.street) + " ";
    std::string head = text::search_key(text::trim(*a.street));
    if (head.starts_with("c.p.") || head.starts_with("cp ") || head.starts_with("case postale"))
      add(out, "CSG029E", base + "street");
    bool apartment = key.find('#') != std::string::npos;
    for (const char* marker : {" app. ", " app ", " apt ", " apt. ", " appartement ", " unite "})
      apartment = apartment || key.find(marker) != std::string::npos;
    if (apartment) add(out, "CSG031E", base + "street");
  }
  if (blank(a.municipality)) add(out, "CSG027E", base + "municipality");
  if (blank(a.postal_code))
    add(out, "CSG030E", base + "postal_code");
  else if (!valid_postal_code(*a.postal_code))
    add(out, "CSG032E", base + "postal_code");
  if (ctx.address_found == false) add(out, "CSG028E", "guardian.address");
  return out;
}

Findings check_brackets(const Dossier& d, const Context&) {
  Findings out;
  const auto& bs = d.age_brackets;
  if (bs.empty()) add(out, "CSG043E", "age_brackets");
  // DOS-20: by date, each bracket follows the one before (reported on the later-dated one).
  auto by_date = brackets_by_date(d);
  for (size_t k = 1; k < by_date.size(); ++k) {
    const auto& [b, i] = by_date[k];
    const auto& before = by_date[k - 1].first;
    if (static_cast<int>(b.bracket) <= static_cast<int>(before.bracket))
      add(out, "CSG040E", at("age_brackets", i) + ".bracket");
    else if (b.start == before.start)
      add(out, "CSG040E", at("age_brackets", i) + ".start");
  }
  if (auto birth = d.child.birth_date) {
    Date m18 = add_months(*birth, 18), m60 = add_months(*birth, 60);
    for (size_t i = 0; i < bs.size(); ++i) {
      bool fits = true;
      switch (bs[i].bracket) {
        case Bracket::infant: fits = bs[i].start >= *birth && bs[i].start < m18; break;
        case Bracket::toddler: fits = bs[i].start >= m18 && bs[i].start < m60; break;
        case Bracket::school: fits = school_age_on(*birth, bs[i].start); break;
      }
      if (!fits) add(out, "CSG044A", at("age_brackets", i) + ".start");
    }
  }
  auto first = first_bracket(d);
  auto school = school_start(d);
  for (size_t i = 0; i < d.agreements.size(); ++i) {
    const auto& a = d.agreements[i];
    if (!a.start) continue;
    if (first && *a.start < *first) add(out, "CSG045E", at("agreements", i) + ".start", a.ref);
    auto last = last_day(a);
    if (school && last && *a.start < *school && *school <= *last)
      add(out, "CSG046E", at("agreements", i) + ".end", a.ref);
  }
  return out;
}

Findings check_periods(const Dossier& d, const Context& ctx) {
  Findings out;
  for (size_t i = 0; i < d.cisss_periods.size(); ++i) {
    const auto& p = d.cisss_periods[i];
    if (!p.start) add(out, "CSG047E", at("cisss_periods", i) + ".start");
    if (!p.end) add(out, "CSG047E", at("cisss_periods", i) + ".end");
    if (p.start && p.end && *p.end < *p.start) add(out, "CSG057E", at("cisss_periods", i) + ".end");
  }
  overlaps(out, d.cisss_periods, "cisss_periods", "CSG048E");
  // DOS-23, SYN-20: every day of a CISSS period is held by the reservations (consecutive ones
  // together), and by one whose age code is the child's age group that day (a school-age child's
  // days by an 18-59 reservation; days before the first bracket by either).
  bool any_cisss = std::any_of(d.cisss_periods.begin(), d.cisss_periods.end(),
                               [](const Period& p) { return comparable(p.start, p.end); });
  if (ctx.reservations && any_cisss) {
    Coverage all, infant, toddler;
    for (const auto& r : *ctx.reservations) {
      if (r.end < r.start) continue;
      all.add(r.start, r.end);
      (r.age == Bracket::infant ? infant : toddler).add(r.start, r.end);
    }
    auto by_date = brackets_by_date(d);
    for (size_t i = 0; i < d.cisss_periods.size(); ++i) {
      const auto& p = d.cisss_periods[i];
      if (!comparable(p.start, p.end)) continue;
      if (all.first_gap(*p.start, *p.end)) {
        add(out, "CSG049E", at("cisss_periods", i));
        continue;
      }
      for (size_t k = 0; k < by_date.size(); ++k) {
        Date from = std::max(*p.start, by_date[k].first.start);
        Date to = *p.end;
        if (k + 1 < by_date.size()) to = std::min(to, add_days(by_date[k + 1].first.start, -1));
        if (to < from) continue;
        bool is_infant = by_date[k].first.bracket == Bracket::infant;
        if (auto gap = (is_infant ? infant : toddler).first_gap(from, to)) {
          add(out, "CSG140E", at("cisss_periods", i), "",
              {is_infant ? "0-17" : "18-59", dates::format(*gap)});
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < d.ecp_periods.size(); ++i) {
    const auto& p = d.ecp_periods[i];
    if (!p.start) add(out, "CSG050E", at("ecp_periods", i) + ".start");
    if (p.start && p.end && *p.end < *p.start) add(out, "CSG051E", at("ecp_periods", i) + ".end");
  }
  overlaps(out, d.ecp_periods, "ecp_periods", "CSG052E");
  for (size_t i = 0; i < d.handicap_periods.size(); ++i) {
    const auto& h = d.handicap_periods[i];
    std::string path = at("handicap_periods", i);
    if (!h.start) add(out, "CSG053E", path + ".start");
    if (h.start && h.end && *h.end < *h.start) add(out, "CSG056E", path + ".end");
    if (!h.transitional_measure) continue;
    const auto& tm = *h.transitional_measure;
    std::string tm_path = path + ".transitional_measure";
    if (tm.start && tm.end && *tm.end < *tm.start) add(out, "CSG056E", tm_path + ".end");
    bool inside = tm.start && h.start && *tm.start >= *h.start &&
                  (!h.end || !tm.end || *tm.end <= *h.end) && (!h.end || *tm.start <= *h.end);
    if (!inside) add(out, "CSG054E", tm_path + ".start");
    if (h.end && !tm.end) add(out, "CSG055E", tm_path + ".end");
  }
  overlaps(out, d.handicap_periods, "handicap_periods", "CSG058E");
  return out;
}

Findings check_agreements(const Dossier& d, const Context& ctx) {
  Findings out;
  auto school = school_start(d);
  std::unordered_set<std::string_view> refs;  // the refs of the agreements before
  Coverage agreed;                            // the days of the agreements before (ENT-07)
  // ENT-10: the days from which a new agreement is required, sorted.
  const auto ecp_changes = change_days(d.ecp_periods), cisss_changes = change_days(d.cisss_periods);
  std::vector<Date> measure_starts;
  for (const auto& h : d.handicap_periods)
    if (h.transitional_measure &&
        comparable(h.transitional_measure->start, h.transitional_measure->end))
      measure_starts.push_back(*h.transitional_measure->start);
  std::sort(measure_starts.begin(), measure_starts.end());
  // ENT-05 (seed 003: the agreement's start date is mandatory): a dossier has an agreement.
  if (d.agreements.empty()) add(out, "CSG146E", "agreements");
  for (size_t i = 0; i < d.agreements.size(); ++i) {
    const auto& a = d.agreements[i];
    const std::string path = at("agreements", i);
    bool duplicate = !refs.insert(a.ref).second;
    if (text::trim(a.ref).empty() || duplicate) add(out, "CSG062E", path + ".ref", a.ref);
    // ENT-01, ENT-02, ENT-03
    if (!a.start) add(out, "CSG060E", path + ".start", a.ref);
    if (!a.end) add(out, "CSG060E", path + ".end", a.ref);
    if (a.start && a.end && *a.end < *a.start) add(out, "CSG061E", path + ".end", a.ref);
    if (a.termination &&
        ((a.start && *a.termination < *a.start) || (a.end && *a.termination > *a.end)))
      out.push_back(
          {"CSG063E",
           path + ".termination",
           a.ref,
           {a.start ? dates::format(*a.start) : "…", a.end ? dates::format(*a.end) : "…"}});
    if (!a.is_signed) add(out, "CSG064A", path + ".signed", a.ref);
    // ENT-04, ENT-05, ENT-08: the normal schedule is required (and marks a half-period) unless
    // the child is a replacement, or of school age and not under the transitional measure.
    bool school_child =
        school && a.start && *school <= *a.start && !under_transitional_measure(d, *a.start);
    if (a.schedule) {
      check_pattern(out, *a.schedule, path + ".schedule", a.ref);
      const auto& s = *a.schedule;
      bool well_formed =
          s.weeks >= 1 && s.weeks <= 4 && s.days.size() == static_cast<size_t>(7 * s.weeks);
      if (s.weeks == 2 && s.days.size() == 14 &&
          std::equal(s.days.begin(), s.days.begin() + 7, s.days.begin() + 7))
        add(out, "CSG074E", path + ".schedule.days", a.ref);
      if (a.replacement && schedule_marks_anything(s))
        add(out, "CSG067A", path + ".schedule", a.ref);
      if (!a.replacement && !school_child && well_formed && !schedule_marks_anything(s))
        add(out, "CSG147E", path + ".schedule", a.ref);
    } else if (!a.replacement && !school_child) {
      add(out, "CSG066E", path + ".schedule", a.ref);
    }
    // ENT-06
    Coverage specials;
    for (size_t k = 0; k < a.special_schedules.size(); ++k) {
      const auto& s = a.special_schedules[k];
      std::string sp = path + ".special_schedules[" + std::to_string(k) + "]";
      if (!s.start || (a.start && *s.start < *a.start) || (a.end && *s.start > *a.end))
        add(out, "CSG070E", sp + ".start", a.ref);
      if (!s.end || (a.end && *s.end > *a.end) || (a.start && *s.end < *a.start))
        add(out, "CSG070E", sp + ".end", a.ref);
      else if (s.start && *s.end < *s.start)
        add(out, "CSG145E", sp + ".end", a.ref);
      check_pattern(out, s.schedule, sp + ".schedule", a.ref);
      if (comparable(s.start, s.end)) {
        if (specials.meets(*s.start, s.end)) add(out, "CSG071E", sp + ".start", a.ref);
        specials.add(*s.start, s.end);
      }
    }
    // ENT-07
    if (comparable(a.start, last_day(a))) {
      if (agreed.meets(*a.start, last_day(a))) add(out, "CSG073E", path + ".start", a.ref);
      agreed.add(*a.start, last_day(a));
    }
    // ENT-10 (seed 004): the child becomes or stops being ECP, enters or leaves the CISSS
    // protocol, or enters the transitional measure inside the agreement: a new agreement is
    // required from that day (the first one of each kind is reported).
    if (comparable(a.start, last_day(a))) {
      auto inside = [&](const std::vector<Date>& days) -> std::optional<Date> {
        auto it = std::upper_bound(days.begin(), days.end(), *a.start);
        if (it == days.end() || *it > *last_day(a)) return std::nullopt;
        return *it;
      };
      if (auto day = inside(ecp_changes))
        add(out, "CSG142E", path + ".end", a.ref, {dates::format(*day)});
      if (auto day = inside(cisss_changes))
        add(out, "CSG143E", path + ".end", a.ref, {dates::format(*day)});
      if (auto day = inside(measure_starts))
        add(out, "CSG144E", path + ".end", a.ref, {dates::format(*day)});
    }
    // ENT-10: a stored agreement's schedule or reduced contribution may be corrected (seed 003:
    // "sauf dans le cas où l'information initiale est erronée"), with a warning that a real change
    // needs a new agreement; its replacement flag may not change.
    if (ctx.stored)
      for (const auto& before : ctx.stored->agreements) {
        if (before.ref != a.ref) continue;
        if (before.replacement != a.replacement) {
          add(out, "CSG076E", path + ".replacement", a.ref);
          continue;
        }
        if (!same_schedule(before.schedule, a.schedule))
          add(out, "CSG141A", path + ".schedule", a.ref);
        if (before.reduced_contribution != a.reduced_contribution)
          add(out, "CSG141A", path + ".reduced_contribution", a.ref);
      }
  }
  return out;
}

Findings check_shared_custody(const Dossier& d, const Context& ctx) {
  Findings out;
  for (size_t i = 0; i < d.agreements.size(); ++i) {
    const auto& a = d.agreements[i];
    auto last = last_day(a);
    if (!a.start || !last || *last < *a.start) continue;
    for (const auto& other : ctx.other_agreements) {
      const auto& o = other.agreement;
      auto o_last = last_day(o);
      if (!o.start || !o_last) continue;
      Date from = std::max(*a.start, *o.start), to = std::min(*last, *o_last);
      auto day = from <= to ? plans_meet(a, o, from, to) : std::nullopt;
      if (!day) continue;
      // The other provider, the other agreement's dates and the first day both claim.
      add(out, "CSG075E", at("agreements", i) + ".schedule", a.ref,
          {other.provider, dates::format(*o.start), dates::format(*o_last), dates::format(*day)});
      break;
    }
  }
  return out;
}

Findings check_occupation(const Dossier& d, const Context&) {
  Findings out;
  for (size_t i = 0; i < d.agreements.size(); ++i) {
    const auto& a = d.agreements[i];
    if (!a.schedule || a.replacement) continue;
    const auto& s = *a.schedule;
    if (s.weeks < 1 || s.weeks > 4 || s.days.size() != static_cast<size_t>(7 * s.weeks)) continue;
    int halves = 0;
    for (int day = 0; day < 28; ++day)
      halves += half_periods(s.days[static_cast<size_t>((day / 7) % s.weeks * 7 + day % 7)]);
    if (halves > 40) add(out, "CSG080A", at("agreements", i) + ".schedule", a.ref);
    if (a.start) {
      int year_halves = 0;
      for (int k = 0; k < 365; ++k)
        year_halves += half_periods(planned_on(a, add_days(*a.start, k)));
      if (year_halves > 2 * 261) add(out, "CSG081A", at("agreements", i) + ".schedule", a.ref);
    }
  }
  return out;
}

Findings check_closing_days(int year, const std::vector<ClosingDay>& days, bool component_is_bc) {
  Findings out;
  if (component_is_bc) add(out, "CSG100E", "closing_days");
  std::set<Date> seen;
  for (size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    std::string path = at("closing_days", i);
    if (dates::year_of(d.day) != year) add(out, "CSG101E", path + ".date");
    if (!seen.insert(d.day).second) add(out, "CSG102E", path + ".date");
    if (d.closed == 0) add(out, "CSG103E", path + ".closed");
    if (d.reason != "planned" && d.reason != "lockout" && d.reason != "strike" &&
        d.reason != "other")
      add(out, "CSG104E", path + ".reason");
  }
  return out;
}

std::vector<std::pair<Date, std::string>> quebec_holidays(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
      g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
      l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  unsigned month = static_cast<unsigned>((h + l - 7 * m + 114) / 31);
  unsigned day = static_cast<unsigned>((h + l - 7 * m + 114) % 31 + 1);
  Date easter = dates::from_ymd(year, month, day);
  auto nth_monday = [&](unsigned mo, int n) {
    Date first = dates::from_ymd(year, mo, 1);
    return add_days(first, (7 - dates::weekday(first)) % 7 + 7 * (n - 1));
  };
  Date may25 = dates::from_ymd(year, 5, 25);
  Date patriotes = add_days(may25, -(dates::weekday(may25) == 0 ? 7 : dates::weekday(may25)));
  return {{dates::from_ymd(year, 1, 1), "Jour de l'An"},
          {add_days(easter, -2), "Vendredi saint"},
          {add_days(easter, 1), "Lundi de Pâques"},
          {patriotes, "Journée nationale des patriotes"},
          {dates::from_ymd(year, 6, 24), "Fête nationale du Québec"},
          {dates::from_ymd(year, 7, 1), "Fête du Canada"},
          {nth_monday(9, 1), "Fête du Travail"},
          {nth_monday(10, 2), "Action de grâce"},
          {dates::from_ymd(year, 12, 25), "Noël"}};
}

Findings check_reservations(const std::vector<Reservation>& rs) {
  Findings out;
  for (size_t i = 0; i < rs.size(); ++i) {
    std::string path = at("reservations", i);
    if (rs[i].end < rs[i].start) add(out, "CSG111E", path + ".end");
    if (rs[i].days_per_week < 1 || rs[i].days_per_week > 7)
      add(out, "CSG112E", path + ".days_per_week");
    if (rs[i].places < 1 || rs[i].places > 999) add(out, "CSG113E", path + ".places");
  }
  return out;
}

Findings check_dossier(const Dossier& d, const Context& ctx) {
  Findings out;
  for (auto* group : {check_record, check_child, check_adults, check_address, check_brackets,
                      check_periods, check_agreements, check_shared_custody, check_occupation}) {
    auto f = group(d, ctx);
    out.insert(out.end(), f.begin(), f.end());
  }
  return out;
}

bool has_error_code(const Findings& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return !f.code.empty() && f.code.back() == 'E'; });
}

Status status_of(const Findings& findings) {
  bool error = false, only_awaited = true;
  for (const auto& f : findings) {
    if (f.code.empty() || f.code.back() != 'E') continue;
    error = true;
    if (f.code != "CSG015E" && f.code != "CSG030E") only_awaited = false;
  }
  if (!error) return Status::accepted;
  return only_awaited ? Status::pending : Status::rejected;
}

const char* to_string(Status s) {
  switch (s) {
    case Status::accepted: return "accepted";
    case Status::rejected: return "rejected";
    case Status::pending: return "pending";
  }
  return "rejected";
}

}  // namespace sgee::csg
