#include "occupation/rules.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "csg/rules.hpp"

namespace sgee::occupation {

using csg::Agreement;
using csg::Dossier;
using dates::add_days;
using dates::days_between;

namespace {

int halves(std::uint8_t mask) {
  return __builtin_popcount(mask);
}

std::optional<Date> last_day(const Agreement& a) {
  return a.termination ? a.termination : a.end;
}

bool covers(const csg::Period& p, Date day) {
  return p.start && *p.start <= day && (!p.end || day <= *p.end);
}

template <class Periods>
bool any_covers(const Periods& periods, Date day) {
  return std::any_of(periods.begin(), periods.end(), [&](const auto& p) { return covers(p, day); });
}

// The special schedule in force on `day`, as csg::planned_on picks it (the first that covers it).
const csg::SpecialSchedule* special_on(const Agreement& a, Date day) {
  for (const auto& s : a.special_schedules)
    if (s.start && s.end && *s.start <= day && day <= *s.end) return &s;
  return nullptr;
}

bool usable(const csg::Schedule& s) {
  return s.weeks >= 1 && s.days.size() == static_cast<size_t>(7 * s.weeks);
}

}  // namespace

const char* code_of(Category c) {
  static constexpr const char* kCodes[kCategories] = {"1", "1.1", "1.2", "1.3", "2", "2.1", "3"};
  return kCodes[static_cast<int>(c)];
}

const char* name_of(AgeGroup g) {
  static constexpr const char* kNames[kAgeGroups] = {"0-17", "18-59", "school", "none"};
  return kNames[static_cast<int>(g)];
}

Category category_of(AgeGroup age, std::uint8_t flags) {
  if (age == AgeGroup::school && !(flags & kTransitional))
    return flags & kPcr ? Category::school_pcr : Category::school_non_pcr;
  if (!(flags & kPcr)) return Category::non_pcr;
  if (flags & (kHandicap | kTransitional)) return Category::handicap;
  if (flags & kEcp) return Category::ecp;
  if (flags & kCisss) return Category::cisss;
  return Category::pcr;
}

Calendar::Calendar(Date from_, Date to_, const std::vector<csg::ClosingDay>& days)
    : from(from_), to(to_) {
  auto n = static_cast<size_t>(std::max(0, days_between(from, to) + 1));
  closed.assign(n, 0);
  unpaid.assign(n, 0);
  for (const auto& c : days) {
    if (c.day < from || c.day > to) continue;
    auto i = static_cast<size_t>(days_between(from, c.day));
    closed[i] |= c.closed;
    if (c.reason != "planned") unpaid[i] |= c.closed;
  }
}

Months::Months(Date from_, Date to_) : from(from_), to(to_) {
  int n = std::max(0, days_between(from, to) + 1);
  of_day.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    Date day = add_days(from, i);
    if (i == 0 || dates::day_of(day) == 1) {
      first.push_back(day);
      ++count;
    }
    of_day[static_cast<size_t>(i)] = static_cast<std::uint16_t>(count - 1);
  }
}

Report::Report(Date from, Date to)
    : months(from, to),
      cells(static_cast<size_t>(months.count * kAgeGroups * kCategories)),
      open_half_periods(static_cast<size_t>(months.count), 0),
      service(months.of_day.size(), 0) {}

Figures Report::total() const {
  Figures t;
  for (const auto& c : cells) t += c;
  return t;
}

AgeGroup age_on(const Dossier& d, Date day) {
  const csg::BracketStart* in_force = nullptr;
  for (const auto& b : d.age_brackets)
    if (b.start <= day && (!in_force || b.start >= in_force->start)) in_force = &b;
  if (!in_force) return AgeGroup::none;
  return static_cast<AgeGroup>(static_cast<int>(in_force->bracket));
}

std::uint8_t flags_on(const Dossier& d, const Agreement& a, Date day) {
  std::uint8_t f = a.reduced_contribution ? kPcr : 0;
  if (any_covers(d.ecp_periods, day)) f |= kEcp;
  if (any_covers(d.handicap_periods, day)) f |= kHandicap;
  for (const auto& h : d.handicap_periods)
    if (h.transitional_measure && covers(*h.transitional_measure, day)) f |= kTransitional;
  if (any_covers(d.cisss_periods, day)) f |= kCisss;
  return f;
}

std::vector<Day> days_of(const Dossier& d, const Calendar& calendar, Date from, Date to) {
  std::vector<Day> out;
  for (const auto& a : d.agreements) {
    auto last = last_day(a);
    if (!a.start || !last) continue;
    for (Date day = std::max(*a.start, from); day <= std::min(*last, to); day = add_days(day, 1)) {
      std::uint8_t planned = csg::planned_on(a, day);
      if (!planned) continue;
      Day x;
      x.day = day;
      x.agreement = a.ref;
      x.special = special_on(a, day) != nullptr;
      x.planned = planned;
      auto i = static_cast<size_t>(days_between(calendar.from, day));
      x.unpaid_closure = planned & calendar.closed[i] & calendar.unpaid[i];
      x.planned_closure = planned & calendar.closed[i] & ~calendar.unpaid[i];
      x.age = age_on(d, day);
      x.flags = flags_on(d, a, day);
      x.category = category_of(x.age, x.flags);
      out.push_back(std::move(x));
    }
  }
  return out;
}

namespace {

// Calls f(first, last, masks, week, weekday, weeks, special) for each run of days of [lo, hi]
// planned by one schedule of `a` and one classification: `masks` is the schedule's day masks
// (`weeks` weeks), `week` and `weekday` the pattern's position on `first`, `special` the special
// schedule in force or null. The runs split at every date where the special schedule in
// force, the age bracket or a category may change (`breaks`: days on which something starts).
template <class F>
void runs(const Agreement& a, Date lo, Date hi, std::vector<Date>& breaks, F&& f) {
  for (const auto& s : a.special_schedules)
    if (s.start && s.end) breaks.push_back(*s.start), breaks.push_back(add_days(*s.end, 1));
  breaks.push_back(lo);
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  for (size_t k = 0; k < breaks.size(); ++k) {
    Date first = breaks[k];
    if (first < lo || first > hi) continue;
    Date last = k + 1 < breaks.size() ? std::min(hi, add_days(breaks[k + 1], -1)) : hi;
    const auto* special = special_on(a, first);
    const csg::Schedule* s = special ? &special->schedule : a.schedule ? &*a.schedule : nullptr;
    if (!s || !usable(*s)) continue;
    Date pattern_start = special ? *special->start : *a.start;
    Date monday = add_days(pattern_start, -dates::weekday(pattern_start));
    int weeks = days_between(monday, first) / 7;  // `first` >= the pattern's start
    f(first, last, s->days.data(), weeks % s->weeks, dates::weekday(first), s->weeks, special);
  }
}

// Days on which a dossier's classification may change (OCC-02): brackets' effective dates, and
// the first day in and the first day out of every period.
void classification_breaks(const Dossier& d, std::vector<Date>& out) {
  for (const auto& b : d.age_brackets) out.push_back(b.start);
  auto period = [&](const csg::Period& p) {
    if (p.start) out.push_back(*p.start);
    if (p.end) out.push_back(add_days(*p.end, 1));
  };
  for (const auto& p : d.cisss_periods) period(p);
  for (const auto& p : d.ecp_periods) period(p);
  for (const auto& h : d.handicap_periods) {
    period(h);
    if (h.transitional_measure) period(*h.transitional_measure);
  }
}

}  // namespace

bool add_dossier(Report& r, const Dossier& d, const Calendar& calendar) {
  bool any = false;
  std::vector<Date> base, breaks;
  classification_breaks(d, base);
  const int offset = days_between(calendar.from, r.months.from);
  for (const auto& a : d.agreements) {
    auto last = last_day(a);
    if (!a.start || !last || a.replacement) continue;  // OCC-01: a replacement plans nothing
    Date lo = std::max(*a.start, r.months.from), hi = std::min(*last, r.months.to);
    if (lo > hi) continue;
    breaks = base;
    runs(a, lo, hi, breaks,
         [&](Date first, Date end, const std::uint8_t* masks, int week, int weekday, int weeks,
             const csg::SpecialSchedule*) {
           AgeGroup age = age_on(d, first);
           auto cat = category_of(age, flags_on(d, a, first));
           const size_t cell = static_cast<size_t>(age) * kCategories + static_cast<size_t>(cat);
           const size_t stride = kAgeGroups * kCategories;
           int i = days_between(r.months.from, first);
           const int stop = days_between(r.months.from, end);
           const std::uint8_t* closed = calendar.closed.data() + offset;
           const std::uint8_t* unpaid = calendar.unpaid.data() + offset;
           for (; i <= stop; ++i) {
             std::uint8_t m = masks[week * 7 + weekday];
             if (++weekday == 7) {
               weekday = 0;
               if (++week == weeks) week = 0;
             }
             if (!m) continue;
             auto& f = r.cells[r.months.of_day[static_cast<size_t>(i)] * stride + cell];
             std::uint8_t c = m & closed[i], u = c & unpaid[i];
             f.planned += halves(m);
             f.open += halves(m & ~c);
             f.unpaid_closure += halves(u);
             f.planned_closure += halves(c & ~u);
             ++f.child_days;
             r.service[static_cast<size_t>(i)] |= m;
             any = true;
           }
         });
  }
  if (any) ++r.children;
  return any;
}

void close_report(Report& r, const Calendar& calendar) {
  std::fill(r.open_half_periods.begin(), r.open_half_periods.end(), 0);
  const int offset = days_between(calendar.from, r.months.from);
  for (size_t i = 0; i < r.service.size(); ++i) {
    Date day = add_days(r.months.from, static_cast<int>(i));
    std::uint8_t day_service = dates::weekday(day) < 5 ? (csg::kAm | csg::kPm) : 0;
    std::uint8_t open = (r.service[i] | day_service) & ~calendar.closed[i + offset];
    r.open_half_periods[r.months.of_day[i]] += halves(open);
  }
}

Date reference_year_of(Date day) {
  int y = dates::year_of(day);
  if (dates::month_of(day) < 4) --y;
  return dates::from_ymd(y, 4, 1);
}

std::vector<LimitWarning> limits_of(const std::vector<const Dossier*>& child, Date from, Date to) {
  std::vector<LimitWarning> out;
  if (to < from) return out;
  Date lo = reference_year_of(from);
  // Through the end of the last reference year, and of the last 28-day window starting by `to`.
  Date hi = std::max(add_days(dates::add_months(reference_year_of(to), 12), -1), add_days(to, 27));
  std::vector<int> per_day(static_cast<size_t>(days_between(lo, hi) + 1), 0);
  std::vector<Date> breaks;
  for (const auto* d : child)
    for (const auto& a : d->agreements) {
      auto last = last_day(a);
      if (!a.start || !last || a.replacement) continue;
      Date first = std::max(*a.start, lo), end = std::min(*last, hi);
      if (first > end) continue;
      breaks.clear();
      runs(a, first, end, breaks,
           [&](Date s, Date e, const std::uint8_t* masks, int week, int weekday, int weeks,
               const csg::SpecialSchedule*) {
             for (int i = days_between(lo, s); i <= days_between(lo, e); ++i) {
               per_day[static_cast<size_t>(i)] += halves(masks[week * 7 + weekday]);
               if (++weekday == 7) {
                 weekday = 0;
                 if (++week == weeks) week = 0;
               }
             }
           });
    }
  for (Date year = lo; year <= to; year = dates::add_months(year, 12)) {
    Date end = add_days(dates::add_months(year, 12), -1);
    std::int64_t sum = 0;
    for (int i = days_between(lo, year); i <= days_between(lo, end); ++i)
      sum += per_day[static_cast<size_t>(i)];
    if (sum > 2 * 261) out.push_back({LimitWarning::year, year, end, sum});
  }
  // Any 28 consecutive days starting in [from, to] (the window may end after `to`).
  std::int64_t window = 0;
  const int n = static_cast<int>(per_day.size());
  int start = days_between(lo, from), stop = days_between(lo, to);
  for (int i = start; i < std::min(n, start + 28); ++i) window += per_day[static_cast<size_t>(i)];
  for (int i = start; i <= stop; ++i) {
    if (window > 2 * 20) {
      out.push_back({LimitWarning::four_weeks, add_days(lo, i), add_days(lo, i + 27), window});
      break;
    }
    window -= per_day[static_cast<size_t>(i)];
    if (i + 28 < n) window += per_day[static_cast<size_t>(i + 28)];
  }
  return out;
}

// ---- the stored short form
// ----------------------------------------------------------------------- Space-separated tokens:
// "o1", then "B n" and n × (bracket day), "C n" / "E n" and n × (start end), "H n" and n × (start
// end tstart tend), "A n" and for each agreement: ref flags start end termination weeks and 7 ×
// weeks masks, then "S n" and n × (start end weeks masks…). Dates are days since 1970-01-01, "-"
// when absent; flags: 1 PCR, 2 replacement, 4 signed, 8 a normal schedule. The ref is escaped: "%"
// and every byte up to a space as %XX.

namespace {

void put_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out += ' ';
  out.append(buf, r.ptr);
}
void put_date(std::string& out, const std::optional<Date>& d) {
  if (d)
    put_int(out, d->days);
  else
    out += " -";
}
void put_schedule(std::string& out, const csg::Schedule& s) {
  put_int(out, s.weeks);
  put_int(out, static_cast<std::int64_t>(s.days.size()));
  for (auto m : s.days) put_int(out, m);
}

class Tokens {
 public:
  explicit Tokens(std::string_view t) : t_(t) {}
  std::string_view next() {
    while (p_ < t_.size() && t_[p_] == ' ') ++p_;
    size_t s = p_;
    while (p_ < t_.size() && t_[p_] != ' ') ++p_;
    return t_.substr(s, p_ - s);
  }
  bool integer(std::int64_t& v) {
    auto w = next();
    auto r = std::from_chars(w.data(), w.data() + w.size(), v);
    return !w.empty() && r.ec == std::errc() && r.ptr == w.data() + w.size();
  }
  bool count(size_t& n, size_t max) {
    std::int64_t v;
    if (!integer(v) || v < 0 || static_cast<size_t>(v) > max) return false;
    n = static_cast<size_t>(v);
    return true;
  }
  bool date(std::optional<Date>& d) {
    auto save = p_;
    if (next() == "-") return d.reset(), true;
    p_ = save;
    std::int64_t v;
    if (!integer(v) || v < -100000 || v > 200000) return false;
    d = Date{static_cast<std::int32_t>(v)};
    return true;
  }
  bool expect(std::string_view w) { return next() == w; }
  bool done() {
    while (p_ < t_.size() && t_[p_] == ' ') ++p_;
    return p_ == t_.size();
  }

 private:
  std::string_view t_;
  size_t p_ = 0;
};

bool read_schedule(Tokens& in, csg::Schedule& s) {
  std::int64_t weeks;
  size_t n;
  if (!in.integer(weeks) || weeks < 0 || weeks > 52 || !in.count(n, 7 * 52)) return false;
  s.weeks = static_cast<int>(weeks);
  s.days.resize(n);
  for (auto& m : s.days) {
    std::int64_t v;
    if (!in.integer(v) || v < 0 || v > 63) return false;
    m = static_cast<std::uint8_t>(v);
  }
  return true;
}

bool read_period(Tokens& in, csg::Period& p) {
  return in.date(p.start) && in.date(p.end);
}

std::string escape(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (ch <= ' ' || ch == '%') {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out.empty() ? "%" : out;  // an empty ref: a lone "%"
}

std::optional<std::string> unescape(std::string_view s) {
  if (s == "%") return std::string();
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    auto hex = [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; };
    if (!hex(s[i + 1]) || !hex(s[i + 2])) return std::nullopt;
    unsigned v = 0;
    std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
    out += static_cast<char>(v);
    i += 2;
  }
  return out;
}

}  // namespace

std::string occupation_text(const Dossier& d) {
  std::string out = "o1 B";
  out.reserve(512);
  put_int(out, static_cast<std::int64_t>(d.age_brackets.size()));
  for (const auto& b : d.age_brackets) {
    put_int(out, static_cast<int>(b.bracket));
    put_int(out, b.start.days);
  }
  for (const auto* list : {&d.cisss_periods, &d.ecp_periods}) {
    out += list == &d.cisss_periods ? " C" : " E";
    put_int(out, static_cast<std::int64_t>(list->size()));
    for (const auto& p : *list) put_date(out, p.start), put_date(out, p.end);
  }
  out += " H";
  put_int(out, static_cast<std::int64_t>(d.handicap_periods.size()));
  for (const auto& h : d.handicap_periods) {
    put_date(out, h.start), put_date(out, h.end);
    put_date(out, h.transitional_measure ? h.transitional_measure->start : std::nullopt);
    put_date(out, h.transitional_measure ? h.transitional_measure->end : std::nullopt);
  }
  out += " A";
  put_int(out, static_cast<std::int64_t>(d.agreements.size()));
  for (const auto& a : d.agreements) {
    out += ' ';
    out += escape(a.ref);
    put_int(out, (a.reduced_contribution ? 1 : 0) | (a.replacement ? 2 : 0) |
                     (a.is_signed ? 4 : 0) | (a.schedule ? 8 : 0));
    put_date(out, a.start), put_date(out, a.end), put_date(out, a.termination);
    if (a.schedule) put_schedule(out, *a.schedule);
    out += " S";
    put_int(out, static_cast<std::int64_t>(a.special_schedules.size()));
    for (const auto& s : a.special_schedules) {
      put_date(out, s.start), put_date(out, s.end);
      put_schedule(out, s.schedule);
    }
  }
  return out;
}

std::optional<Dossier> parse_occupation_text(std::string_view text) {
  constexpr size_t kMax = 10000;
  Tokens in(text);
  Dossier d;
  size_t n;
  if (!in.expect("o1") || !in.expect("B") || !in.count(n, kMax)) return std::nullopt;
  d.age_brackets.resize(n);
  for (auto& b : d.age_brackets) {
    std::int64_t kind;
    std::optional<Date> start;
    if (!in.integer(kind) || kind < 0 || kind > 2 || !in.date(start) || !start) return std::nullopt;
    b.bracket = static_cast<csg::Bracket>(kind);
    b.start = *start;
  }
  for (auto* list : {&d.cisss_periods, &d.ecp_periods}) {
    if (!in.expect(list == &d.cisss_periods ? "C" : "E") || !in.count(n, kMax)) return std::nullopt;
    list->resize(n);
    for (auto& p : *list)
      if (!read_period(in, p)) return std::nullopt;
  }
  if (!in.expect("H") || !in.count(n, kMax)) return std::nullopt;
  d.handicap_periods.resize(n);
  for (auto& h : d.handicap_periods) {
    csg::Period t;
    if (!read_period(in, h) || !read_period(in, t)) return std::nullopt;
    if (t.start || t.end) h.transitional_measure = t;
  }
  if (!in.expect("A") || !in.count(n, kMax)) return std::nullopt;
  d.agreements.resize(n);
  for (auto& a : d.agreements) {
    auto ref = unescape(in.next());
    std::int64_t flags;
    if (!ref || !in.integer(flags) || flags < 0 || flags > 15) return std::nullopt;
    a.ref = *ref;
    a.reduced_contribution = flags & 1, a.replacement = flags & 2, a.is_signed = flags & 4;
    if (!in.date(a.start) || !in.date(a.end) || !in.date(a.termination)) return std::nullopt;
    if (flags & 8) {
      a.schedule.emplace();
      if (!read_schedule(in, *a.schedule)) return std::nullopt;
    }
    if (!in.expect("S") || !in.count(n, kMax)) return std::nullopt;
    a.special_schedules.resize(n);
    for (auto& s : a.special_schedules)
      if (!in.date(s.start) || !in.date(s.end) || !read_schedule(in, s.schedule))
        return std::nullopt;
  }
  if (!in.done()) return std::nullopt;
  return d;
}

}  // namespace sgee::occupation
