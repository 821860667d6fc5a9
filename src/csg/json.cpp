#include "csg/json.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <sstream>

#include "csg/catalog.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<const char*, Role>, 5> kRoles = {
    {{"mother", Role::mother},
     {"biological_mother", Role::biological_mother},
     {"father", Role::father},
     {"tutor", Role::tutor},
     {"other", Role::other}}};
constexpr std::array<std::pair<const char*, Bracket>, 3> kBrackets = {
    {{"0-17", Bracket::infant}, {"18-59", Bracket::toddler}, {"school", Bracket::school}}};
// A CISSS reservation's age code (SYN-20): no school-age reservation.
constexpr std::array<std::pair<const char*, Bracket>, 2> kReservationAges = {
    {{"0-17", Bracket::infant}, {"18-59", Bracket::toddler}}};
constexpr std::array<std::pair<const char*, Sex>, 3> kSexes = {
    {{"F", Sex::F}, {"M", Sex::M}, {"X", Sex::X}}};

template <typename T, size_t N>
std::optional<T> from_name(const std::array<std::pair<const char*, T>, N>& table,
                           std::string_view s) {
  for (const auto& [name, value] : table)
    if (s == name) return value;
  return std::nullopt;
}
template <typename T, size_t N>
const char* name_of(const std::array<std::pair<const char*, T>, N>& table, T v) {
  for (const auto& [name, value] : table)
    if (value == v) return name;
  return "";
}

// Reads the values of one object, noting each one of the wrong type or format.
class Reader {
 public:
  Reader(const json& j, std::string path, std::vector<Finding>& out)
      : j_(j), path_(std::move(path)), out_(out) {}
  // A member's or an element's reader: its path is only written out when a finding names it.
  Reader(const json& j, const Reader& parent, const char* key, std::ptrdiff_t index = -1)
      : j_(j), parent_(&parent), key_(key), index_(index), out_(parent.out_) {}

  std::string at(const char* key) const {
    auto p = path();
    return p.empty() ? key : p + "." + key;
  }
  const json* get(const char* key) const {
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  // A value of the wrong type or format (API-01): CSG000E, or what was expected: a date
  // (CSG150E), one of a list of values (CSG151E, quoting them) or yes/no (CSG152E).
  void bad(const std::string& field, const char* code = "CSG000E",
           std::vector<std::string> args = {}) {
    out_.push_back({code, field, "", std::move(args)});
  }
  void bad_date(const std::string& field) { bad(field, "CSG150E"); }
  template <typename T, size_t N>
  void bad_choice(const std::string& field, const std::array<std::pair<const char*, T>, N>& table) {
    std::vector<std::string> names;
    for (const auto& [name, value] : table) names.emplace_back(name);
    bad(field, "CSG151E", std::move(names));
  }

  std::optional<std::string> str(const char* key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      bad(at(key));
      return std::nullopt;
    }
    return v->get<std::string>();
  }
  std::optional<bool> boolean(const char* key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      bad(at(key), "CSG152E");
      return std::nullopt;
    }
    return v->get<bool>();
  }
  std::optional<Date> date(const char* key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    std::optional<Date> d;
    if (v->is_string()) d = dates::parse(v->get_ref<const std::string&>());
    if (!d) bad_date(at(key));
    return d;
  }
  template <typename T, size_t N>
  std::optional<T> choice(const char* key, const std::array<std::pair<const char*, T>, N>& table) {
    auto raw = get(key);
    if (!raw) return std::nullopt;
    std::optional<T> v;
    if (raw->is_string()) v = from_name(table, raw->get_ref<const std::string&>());
    if (!v) bad_choice(at(key), table);
    return v;
  }
  // An array: each element's reader, with its path "key[i]". Past `limit` elements, the limit's
  // code is noted on the array (unless `quiet`) and the rest is not read.
  template <typename F>
  void each(const char* key, F f, size_t limit = std::numeric_limits<size_t>::max(),
            const char* over = nullptr, bool quiet = false) {
    auto v = get(key);
    if (!v) return;
    if (!v->is_array()) {
      bad(at(key));
      return;
    }
    size_t n = v->size();
    if (n > limit) {
      if (!quiet) out_.push_back({over, at(key), ""});
      n = limit;
    }
    for (size_t i = 0; i < n; ++i) {
      Reader r((*v)[i], *this, key, static_cast<std::ptrdiff_t>(i));
      if (!(*v)[i].is_object()) {
        r.bad(r.path());
        continue;
      }
      f(r);
    }
  }
  // An object member: its reader, or nothing when absent (or not an object: noted).
  std::optional<Reader> object(const char* key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
      bad(at(key));
      return std::nullopt;
    }
    return Reader(*v, *this, key);
  }
  std::string path() const {
    if (!parent_) return path_;
    auto p = parent_->at(key_);
    return index_ < 0 ? p : p + "[" + std::to_string(index_) + "]";
  }
  const json& value() const { return j_; }

 private:
  const json& j_;
  std::string path_;  // the top reader's
  const Reader* parent_ = nullptr;
  const char* key_ = nullptr;
  std::ptrdiff_t index_ = -1;
  std::vector<Finding>& out_;
};

Adult read_adult(Reader& r) {
  Adult a;
  a.surname = r.str("surname");
  a.given_name = r.str("given_name");
  a.role = r.choice("role", kRoles);
  return a;
}

Period read_period(Reader& r) {
  return {r.date("start"), r.date("end")};
}

std::optional<Schedule> read_schedule(Reader& parent, const char* key) {
  auto r = parent.object(key);
  if (!r) return std::nullopt;
  Schedule s;
  auto weeks = r->get("weeks");
  if (!weeks) {
    s.weeks = 1;
  } else if (!weeks->is_number_integer()) {
    r->bad(r->at("weeks"));
    s.weeks = 0;
  } else {
    auto w = weeks->get<std::int64_t>();
    s.weeks = w < 0 || w > 100 ? 0 : static_cast<int>(w);
  }
  auto days = r->get("days");
  if (!days || !days->is_array()) {
    r->bad(r->at("days"));
    return s;
  }
  // One day past the longest pattern is enough for CSG065E: the rest is not read.
  for (size_t k = 0; k < std::min(days->size(), kMaxScheduleDays + 1); ++k) {
    const auto& day = (*days)[k];
    auto path = [&] { return r->at("days") + "[" + std::to_string(k) + "]"; };
    std::uint8_t mask = 0;
    if (!day.is_string()) {
      r->bad(path());
    } else {
      bool ok = true;
      mask = half_periods_in(day.get_ref<const std::string&>(), &ok);
      if (!ok) r->bad(path());
    }
    s.days.push_back(mask);
  }
  return s;
}

json opt(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}
json opt(const std::optional<Date>& d) {
  return d ? json(dates::format(*d)) : json(nullptr);
}
json opt(const std::optional<bool>& b) {
  return b ? json(*b) : json(nullptr);
}

json adult_json(const Adult& a) {
  return {{"surname", opt(a.surname)},
          {"given_name", opt(a.given_name)},
          {"role", a.role ? json(name_of(kRoles, *a.role)) : json(nullptr)}};
}
json period_json(const Period& p) {
  return {{"start", opt(p.start)}, {"end", opt(p.end)}};
}
json schedule_json(const Schedule& s) {
  json days = json::array();
  for (auto m : s.days) days.push_back(schedule_day_text(m));
  return {{"weeks", s.weeks}, {"days", days}};
}

// Finds where reading stops, when the value could not be built: all that is kept is the
// position of the first error.
class ErrorPosition : public nlohmann::json_sax<json> {
 public:
  std::size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string&, const json::exception&) override {
    position = at;
    return false;
  }
};

}  // namespace

Body parse_body(std::string_view text) {
  Body b;
  try {
    b.json = json::parse(text);
  } catch (const json::parse_error& e) {
    b.stopped_at = e.byte;
    b.error = e.what();
  } catch (const json::out_of_range& e) {  // a number out of a double's range: 1e999
    ErrorPosition where;
    json::sax_parse(text, &where);
    b.stopped_at = where.position;
    b.error = e.what();
  }
  return b;
}

const char* to_string(Bracket b) {
  return name_of(kBrackets, b);
}

std::string schedule_day_text(std::uint8_t mask) {
  std::string out;
  for (const auto& [name, bit] : kHalfPeriodNames)
    if (mask & bit) out += (out.empty() ? "" : " ") + std::string(name);
  return out;
}

ParsedDossier parse_dossier(const json& j) {
  ParsedDossier p;
  auto& d = p.dossier;
  Reader r(j, "", p.findings);
  if (!j.is_object()) {
    r.bad("");
    return p;
  }
  d.ref = r.str("ref").value_or("");
  d.rsge = r.str("rsge");
  if (auto c = r.object("child")) {
    d.child.surname = c->str("surname");
    d.child.given_name = c->str("given_name");
    d.child.sex = c->choice("sex", kSexes);
    d.child.birth_date = c->date("birth_date");
    d.child.born_outside_quebec = c->boolean("born_outside_quebec");
    d.child.nirec = c->str("nirec");
    d.child.necsg = c->str("necsg");
  }
  if (auto g = r.object("guardian")) {
    static_cast<Adult&>(d.guardian) = read_adult(*g);
    if (auto a = g->object("address")) {
      auto& ad = d.guardian.address;
      ad.civic_number = a->str("civic_number");
      ad.civic_suffix = a->str("civic_suffix");
      ad.street = a->str("street");
      ad.apartment = a->str("apartment");
      ad.municipality = a->str("municipality");
      ad.postal_code = a->str("postal_code");
    }
  }
  if (auto o = r.object("other_guardian")) d.other_guardian = read_adult(*o);
  if (auto o = r.object("parent")) d.parent = read_adult(*o);
  // Each list is read up to its limit (API-02).
  auto each = [&](const RecordLimit& l, auto f) { r.each(l.list, f, l.max, l.code); };
  each(kMaxAgeBrackets, [&](Reader& b) {
    auto bracket = b.choice("bracket", kBrackets);
    auto start = b.date("start");
    if (!bracket && !b.get("bracket")) b.bad_choice(b.at("bracket"), kBrackets);
    if (!start && !b.get("start")) b.bad_date(b.at("start"));
    if (bracket && start) d.age_brackets.push_back({*bracket, *start});
  });
  each(kMaxCisssPeriods, [&](Reader& x) { d.cisss_periods.push_back(read_period(x)); });
  each(kMaxEcpPeriods, [&](Reader& x) { d.ecp_periods.push_back(read_period(x)); });
  each(kMaxHandicapPeriods, [&](Reader& x) {
    HandicapPeriod h;
    static_cast<Period&>(h) = read_period(x);
    if (auto tm = x.object("transitional_measure")) h.transitional_measure = read_period(*tm);
    d.handicap_periods.push_back(h);
  });
  size_t specials = 0;  // read so far, all agreements together
  bool specials_over = false;
  each(kMaxAgreements, [&](Reader& x) {
    Agreement a;
    a.ref = x.str("ref").value_or("");
    a.start = x.date("start");
    a.end = x.date("end");
    a.termination = x.date("termination");
    a.reduced_contribution = x.boolean("reduced_contribution").value_or(false);
    a.replacement = x.boolean("replacement").value_or(false);
    a.is_signed = x.boolean("signed").value_or(false);
    a.schedule = read_schedule(x, "schedule");
    const auto& limit = kMaxSpecialSchedules;
    auto list = x.get(limit.list);
    size_t len = list && list->is_array() ? list->size() : 0;
    x.each(
        limit.list,
        [&](Reader& s) {
          SpecialSchedule sp;
          sp.start = s.date("start");
          sp.end = s.date("end");
          if (auto sched = read_schedule(s, "schedule"))
            sp.schedule = *sched;
          else
            s.bad(s.at("schedule"));
          a.special_schedules.push_back(sp);
        },
        limit.max - specials, limit.code, specials_over);
    specials_over = specials_over || specials + len > limit.max;
    specials = std::min(limit.max, specials + len);
    d.agreements.push_back(a);
  });
  p.tidied = tidy_dossier(d);
  return p;
}

std::uint8_t half_periods_of(const std::vector<std::string>& names, bool* ok) {
  std::uint8_t mask = 0;
  *ok = true;
  for (const auto& n : names) {
    bool known = false;
    for (const auto& [name, bit] : kHalfPeriodNames)
      if (n == name) mask |= bit, known = true;
    if (!known) *ok = false;
  }
  return mask;
}

std::uint8_t half_periods_in(const std::string& text, bool* ok) {
  // The words between white space, as `istream >> string` reads them (without a stream: a
  // schedule has a day text for every day of every week).
  std::uint8_t mask = 0;
  *ok = true;
  auto space = [](char ch) { return std::isspace(static_cast<unsigned char>(ch)) != 0; };
  for (size_t i = 0; i < text.size();) {
    if (space(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    std::string_view word(text.data() + start, i - start);
    bool known = false;
    for (const auto& [name, bit] : kHalfPeriodNames)
      if (word == name) mask |= bit, known = true;
    if (!known) *ok = false;
  }
  return mask;
}

ParsedClosingDays parse_closing_days(const json& body) {
  ParsedClosingDays p;
  Reader r(body, "", p.findings);
  if (!body.is_object() || !body.contains("closing_days")) {
    r.bad("closing_days");
    return p;
  }
  r.each("closing_days", [&](Reader& x) {
    ClosingDay d;
    auto day = x.date("date");
    if (!day && !x.get("date")) x.bad_date(x.at("date"));
    auto closed = x.get("closed");
    if (closed && closed->is_array() &&
        std::all_of(closed->begin(), closed->end(), [](const json& v) { return v.is_string(); })) {
      bool ok = true;
      d.closed = half_periods_of(closed->get<std::vector<std::string>>(), &ok);
      if (!ok) x.bad(x.at("closed"));
    } else if (closed) {
      x.bad(x.at("closed"));
    }
    d.administration_open = x.boolean("administration_open").value_or(false);
    d.care_open = x.boolean("care_open").value_or(false);
    d.reason = x.str("reason").value_or("");
    if (day) {
      d.day = *day;
      p.days.push_back(d);
    }
  });
  return p;
}

ParsedReservations parse_reservations(const json& body) {
  ParsedReservations p;
  Reader r(body, "", p.findings);
  if (!body.is_object() || !body.contains("reservations")) {
    r.bad("reservations");
    return p;
  }
  r.each("reservations", [&](Reader& x) {
    auto start = x.date("start"), end = x.date("end");
    if (!start && !x.get("start")) x.bad_date(x.at("start"));
    if (!end && !x.get("end")) x.bad_date(x.at("end"));
    auto count = [&](const char* key) -> std::optional<int> {
      auto v = x.get(key);
      if (!v || !v->is_number_integer() || v->get<std::int64_t>() < -1000000 ||
          v->get<std::int64_t>() > 1000000) {
        x.bad(x.at(key));
        return std::nullopt;
      }
      return static_cast<int>(v->get<std::int64_t>());
    };
    auto days = count("days_per_week"), places = count("places");
    auto age = x.choice("age", kBrackets);
    if (!age && !x.get("age")) x.bad_choice(x.at("age"), kReservationAges);
    if (age && *age == Bracket::school) x.bad_choice(x.at("age"), kReservationAges);
    if (start && end && days && places && age && *age != Bracket::school)
      p.reservations.push_back({*start, *end, *days, *places, *age});
  });
  return p;
}

std::vector<Finding> validate(const ParsedDossier& p, const Context& ctx) {
  std::vector<Finding> out = p.findings;
  out.insert(out.end(), p.tidied.begin(), p.tidied.end());
  auto within = [](const std::string& field, const std::string& refused) {
    return refused.empty() || field == refused ||
           (field.starts_with(refused) &&
            (field[refused.size()] == '.' || field[refused.size()] == '['));
  };
  for (auto& f : check_dossier(p.dossier, ctx)) {
    bool refused = std::any_of(p.findings.begin(), p.findings.end(),
                               [&](const Finding& r) { return within(f.field, r.field); });
    if (!refused) out.push_back(std::move(f));
  }
  return out;
}

json to_json(const Dossier& d) {
  json brackets = json::array(), cisss = json::array(), ecp = json::array(),
       handicap = json::array(), agreements = json::array();
  for (const auto& b : d.age_brackets)
    brackets.push_back(
        {{"bracket", name_of(kBrackets, b.bracket)}, {"start", dates::format(b.start)}});
  for (const auto& p : d.cisss_periods) cisss.push_back(period_json(p));
  for (const auto& p : d.ecp_periods) ecp.push_back(period_json(p));
  for (const auto& h : d.handicap_periods) {
    auto j = period_json(h);
    j["transitional_measure"] =
        h.transitional_measure ? period_json(*h.transitional_measure) : json(nullptr);
    handicap.push_back(j);
  }
  for (const auto& a : d.agreements) {
    json specials = json::array();
    for (const auto& s : a.special_schedules)
      specials.push_back(
          {{"start", opt(s.start)}, {"end", opt(s.end)}, {"schedule", schedule_json(s.schedule)}});
    agreements.push_back({{"ref", a.ref},
                          {"start", opt(a.start)},
                          {"end", opt(a.end)},
                          {"termination", opt(a.termination)},
                          {"reduced_contribution", a.reduced_contribution},
                          {"replacement", a.replacement},
                          {"signed", a.is_signed},
                          {"schedule", a.schedule ? schedule_json(*a.schedule) : json(nullptr)},
                          {"special_schedules", specials}});
  }
  const auto& c = d.child;
  const auto& ad = d.guardian.address;
  auto guardian = adult_json(d.guardian);
  guardian["address"] = {{"civic_number", opt(ad.civic_number)},
                         {"civic_suffix", opt(ad.civic_suffix)},
                         {"street", opt(ad.street)},
                         {"apartment", opt(ad.apartment)},
                         {"municipality", opt(ad.municipality)},
                         {"postal_code", opt(ad.postal_code)}};
  return {{"ref", d.ref},
          {"rsge", opt(d.rsge)},
          {"child",
           {{"surname", opt(c.surname)},
            {"given_name", opt(c.given_name)},
            {"sex", c.sex ? json(name_of(kSexes, *c.sex)) : json(nullptr)},
            {"birth_date", opt(c.birth_date)},
            {"born_outside_quebec", opt(c.born_outside_quebec)},
            {"nirec", opt(c.nirec)},
            {"necsg", opt(c.necsg)}}},
          {"guardian", guardian},
          {"other_guardian", d.other_guardian ? adult_json(*d.other_guardian) : json(nullptr)},
          {"parent", d.parent ? adult_json(*d.parent) : json(nullptr)},
          {"age_brackets", brackets},
          {"cisss_periods", cisss},
          {"ecp_periods", ecp},
          {"handicap_periods", handicap},
          {"agreements", agreements}};
}

namespace {

// Writes JSON text as nlohmann::json's dump() does (compact; an object's keys in byte order, as
// given here). A string of plain ASCII is written as is; any other goes through dump() itself, so
// escapes and UTF-8 checks stay exactly its own.
class Text {
 public:
  explicit Text(std::string& out) : out_(out) {}
  Text& open() { return comma_ = false, out_ += '{', *this; }
  Text& close() { return comma_ = true, out_ += '}', *this; }
  Text& open_array() { return comma_ = false, out_ += '[', *this; }
  Text& close_array() { return comma_ = true, out_ += ']', *this; }
  // The key of the next member; its value follows.
  Text& key(std::string_view k) {
    if (comma_) out_ += ',';
    out_ += '"';
    out_ += k;
    out_ += "\":";
    comma_ = false;
    return *this;
  }
  // An array's element separator, before each element but the first.
  Text& next() {
    if (comma_) out_ += ',';
    comma_ = false;
    return *this;
  }
  Text& str(std::string_view s) {
    bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
      auto u = static_cast<unsigned char>(ch);
      return u >= 0x20 && u < 0x80 && ch != '"' && ch != '\\';
    });
    if (plain) {
      out_ += '"';
      out_ += s;
      out_ += '"';
    } else {
      out_ += json(std::string(s)).dump();
    }
    comma_ = true;
    return *this;
  }
  Text& null() { return raw("null"); }
  Text& boolean(bool b) { return raw(b ? "true" : "false"); }
  Text& number(std::int64_t n) { return raw(std::to_string(n)); }
  Text& opt(const std::optional<std::string>& s) { return s ? str(*s) : null(); }
  Text& opt(const std::optional<Date>& d) { return d ? str(dates::format(*d)) : null(); }
  Text& opt(const std::optional<bool>& b) { return b ? boolean(*b) : null(); }

 private:
  Text& raw(std::string_view v) {
    out_ += v;
    comma_ = true;
    return *this;
  }
  std::string& out_;
  bool comma_ = false;
};

void adult_text(Text& t, const Adult& a) {
  t.key("given_name").opt(a.given_name);
  t.key("role");
  if (a.role)
    t.str(name_of(kRoles, *a.role));
  else
    t.null();
  t.key("surname").opt(a.surname);
}
void period_text(Text& t, const Period& p) {
  t.key("end").opt(p.end).key("start").opt(p.start);
}
void schedule_text(Text& t, const Schedule& s) {
  t.open().key("days").open_array();
  for (auto m : s.days) t.next().str(schedule_day_text(m));
  t.close_array().key("weeks").number(s.weeks).close();
}

}  // namespace

std::string to_json_text(const Dossier& d) {
  std::string out;
  out.reserve(1536);
  Text t(out);
  t.open().key("age_brackets").open_array();
  for (const auto& b : d.age_brackets)
    t.next()
        .open()
        .key("bracket")
        .str(name_of(kBrackets, b.bracket))
        .key("start")
        .str(dates::format(b.start))
        .close();
  t.close_array().key("agreements").open_array();
  for (const auto& a : d.agreements) {
    t.next().open().key("end").opt(a.end);
    t.key("reduced_contribution").boolean(a.reduced_contribution);
    t.key("ref").str(a.ref).key("replacement").boolean(a.replacement).key("schedule");
    if (a.schedule)
      schedule_text(t, *a.schedule);
    else
      t.null();
    t.key("signed").boolean(a.is_signed).key("special_schedules").open_array();
    for (const auto& s : a.special_schedules) {
      t.next().open().key("end").opt(s.end).key("schedule");
      schedule_text(t, s.schedule);
      t.key("start").opt(s.start).close();
    }
    t.close_array().key("start").opt(a.start).key("termination").opt(a.termination).close();
  }
  const auto& c = d.child;
  t.close_array().key("child").open();
  t.key("birth_date").opt(c.birth_date).key("born_outside_quebec").opt(c.born_outside_quebec);
  t.key("given_name").opt(c.given_name).key("necsg").opt(c.necsg).key("nirec").opt(c.nirec);
  t.key("sex");
  if (c.sex)
    t.str(name_of(kSexes, *c.sex));
  else
    t.null();
  t.key("surname").opt(c.surname).close();
  t.key("cisss_periods").open_array();
  for (const auto& p : d.cisss_periods) period_text(t.next().open(), p), t.close();
  t.close_array().key("ecp_periods").open_array();
  for (const auto& p : d.ecp_periods) period_text(t.next().open(), p), t.close();
  const auto& ad = d.guardian.address;
  t.close_array().key("guardian").open().key("address").open();
  t.key("apartment").opt(ad.apartment).key("civic_number").opt(ad.civic_number);
  t.key("civic_suffix").opt(ad.civic_suffix).key("municipality").opt(ad.municipality);
  t.key("postal_code").opt(ad.postal_code).key("street").opt(ad.street).close();
  adult_text(t, d.guardian);
  t.close().key("handicap_periods").open_array();
  for (const auto& h : d.handicap_periods) {
    period_text(t.next().open(), h);
    t.key("transitional_measure");
    if (h.transitional_measure)
      period_text(t.open(), *h.transitional_measure), t.close();
    else
      t.null();
    t.close();
  }
  t.close_array().key("other_guardian");
  if (d.other_guardian)
    adult_text(t.open(), *d.other_guardian), t.close();
  else
    t.null();
  t.key("parent");
  if (d.parent)
    adult_text(t.open(), *d.parent), t.close();
  else
    t.null();
  t.key("ref").str(d.ref).key("rsge").opt(d.rsge).close();
  return out;
}

json messages_json(const std::vector<Finding>& findings, std::string_view lang) {
  json messages = json::array();
  for (const auto& f : findings) {
    const Code* c = find_code(f.code);
    json m = {{"code", f.code},
              {"severity", c ? std::string(1, c->severity) : std::string("E")},
              {"rule", c ? std::string(c->rule) : std::string()},
              {"field", f.field},
              {"agreement", f.agreement.empty() ? json(nullptr) : json(f.agreement)},
              {"text", c ? text(*c, lang, f.args) : std::string()}};
    if (!f.args.empty()) m["args"] = f.args;  // the values the text quotes, in order
    messages.push_back(std::move(m));
  }
  return messages;
}

std::string message_text(const json& m, std::string_view lang) {
  Finding f{m.value("code", ""), "", "", {}};
  if (!find_code(f.code)) return m.value("text", "");
  if (auto a = m.find("args"); a != m.end() && a->is_array())
    for (const auto& v : *a)
      if (v.is_string()) f.args.push_back(v.get<std::string>());
  return text(f, lang);
}

json result_json(const std::string& ref, Status status, json messages,
                 const std::optional<std::string>& necsg) {
  return {{"ref", ref},
          {"status", to_string(status)},
          {"necsg", opt(necsg)},
          {"messages", std::move(messages)}};
}

}  // namespace sgee::csg
