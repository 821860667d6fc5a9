#include "portail/fiche_rules.hpp"

#include <algorithm>

#include "platform/text.hpp"

namespace sgee::portail {

namespace {

void need(std::vector<Message>& out, bool ok, const char* code, const char* field,
          const char* key) {
  if (!ok) out.push_back({code, 'E', "POR-02", field, key});
}

bool known(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// The known values of `typed`, in `order`, each once; false in `ok` when one is unknown.
std::vector<std::string> pick(const std::vector<std::string>& order,
                              const std::vector<std::string>& typed, bool& ok) {
  ok = true;
  std::set<std::string> seen;
  for (const auto& v : typed) {
    if (known(order, v))
      seen.insert(v);
    else
      ok = false;
  }
  std::vector<std::string> out;
  for (const auto& v : order)
    if (seen.count(v)) out.push_back(v);
  return out;
}

std::size_t length(std::string_view s) {
  return text::code_points(s).size();
}

}  // namespace

const std::vector<std::string>& visibility_tokens() {
  static const std::vector<std::string> v = {"periods",   "group_composition", "rates",
                                             "languages", "presentation",      "free_places"};
  return v;
}

const std::vector<std::string>& period_tokens() {
  static const std::vector<std::string> v = {"day", "evening", "night", "weekend"};
  return v;
}

const std::vector<std::string>& language_tokens() {
  static const std::vector<std::string> v = {"fr", "en", "es", "ar", "zh", "pt", "it",
                                             "vi", "ht", "fa", "ru", "uk", "tl", "iu"};
  return v;
}

bool subsidized(const Capacity& cap) {
  return cap.rsge || cap.installation_kind == "CPE" || cap.installation_kind == "GS";
}

std::string join_tokens(const std::vector<std::string>& order, const std::set<std::string>& set) {
  std::string out;
  for (const auto& t : order)
    if (set.count(t)) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::set<std::string> split_tokens(std::string_view s) {
  std::set<std::string> out;
  for (auto part : text::split(s, ','))
    if (auto t = text::trim(part); !t.empty()) out.insert(std::string(t));
  return out;
}

std::optional<int> minutes_of(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  if (!text::all_digits(s.substr(0, 2), 2) || !text::all_digits(s.substr(3, 2), 2))
    return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::int64_t> parse_amount_cents(std::string_view in) {
  std::string s(text::trim(in));
  if (!s.empty() && s.back() == '$') s = std::string(text::trim(s.substr(0, s.size() - 1)));
  auto sep = s.find_first_of(".,");
  std::string whole = s.substr(0, sep), frac = sep == std::string::npos ? "" : s.substr(sep + 1);
  if (whole.empty() || whole.size() > 6 || !text::all_digits(whole, whole.size()))
    return std::nullopt;
  if (sep != std::string::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  if (!frac.empty() && !text::all_digits(frac, frac.size())) return std::nullopt;
  if (frac.size() == 1) frac += '0';
  std::int64_t cents = std::stoll(whole) * 100 + (frac.empty() ? 0 : std::stoll(frac));
  return cents;
}

std::string format_amount(std::int64_t cents, std::string_view lang) {
  std::string frac = std::to_string(cents % 100);
  if (frac.size() == 1) frac = "0" + frac;
  return std::to_string(cents / 100) + (lang == "en" ? "." : ",") + frac;
}

CheckedFiche check_fiche(const FicheInput& in, const Capacity& cap) {
  CheckedFiche out;
  auto& m = out.messages;
  auto& f = out.fiche;
  // Opening days: checkboxes "0" (Monday) to "6" (Sunday).
  bool days_ok = true;
  for (const auto& d : in.days) {
    if (d.size() == 1 && d[0] >= '0' && d[0] <= '6')
      f.opening_days[d[0] - '0'] = '1';
    else
      days_ok = false;
  }
  need(m, days_ok, "POR034E", "days", "fiche.err.days");
  // Hours: both or neither, "HH:MM", closing after opening unless the night is offered.
  f.opens_at = std::string(text::trim(in.opens_at));
  f.closes_at = std::string(text::trim(in.closes_at));
  auto opens = minutes_of(f.opens_at), closes = minutes_of(f.closes_at);
  need(m, f.opens_at.empty() || opens, "POR020E", "opens_at", "fiche.err.opens_at");
  need(m, f.closes_at.empty() || closes, "POR021E", "closes_at", "fiche.err.closes_at");
  if (f.opens_at.empty() != f.closes_at.empty())
    need(m, false, "POR022E", f.opens_at.empty() ? "opens_at" : "closes_at",
         "fiche.err.hours_pair");
  bool periods_ok = true;
  f.periods = pick(period_tokens(), in.periods, periods_ok);
  need(m, periods_ok, "POR024E", "periods", "fiche.err.periods");
  bool night = known(f.periods, "night");
  if (opens && closes)
    need(m, *closes > *opens || night, "POR023E", "closes_at", "fiche.err.order");
  bool weekend_open = f.opening_days[5] == '1' || f.opening_days[6] == '1';
  need(m, !known(f.periods, "weekend") || weekend_open, "POR025E", "periods", "fiche.err.weekend");
  // Texts.
  f.group_composition = std::string(text::trim(in.group_composition));
  need(m, length(f.group_composition) <= kMaxGroupComposition, "POR026E", "group_composition",
       "fiche.err.group_composition");
  f.presentation = std::string(text::trim(in.presentation));
  need(m, length(f.presentation) <= kMaxPresentation, "POR030E", "presentation",
       "fiche.err.presentation");
  // The daily rate: a non-subsidized provider's only (subsidized places: the reduced
  // contribution).
  if (auto rate = text::trim(in.daily_rate); !rate.empty()) {
    if (subsidized(cap)) {
      need(m, false, "POR027E", "daily_rate", "fiche.err.rate_subsidized");
    } else {
      auto cents = parse_amount_cents(rate);
      bool ok = cents && *cents > 0 && *cents <= kMaxDailyRateCents;
      need(m, ok, "POR028E", "daily_rate", "fiche.err.rate");
      if (ok) f.daily_rate_cents = cents;
    }
  }
  bool languages_ok = true;
  f.languages = pick(language_tokens(), in.languages, languages_ok);
  need(m, languages_ok, "POR029E", "languages", "fiche.err.languages");
  // Places free now: whole numbers within the permit's places.
  auto places = [&](const std::string& typed, const char* field,
                    std::int64_t max) -> std::optional<std::int64_t> {
    auto t = text::trim(typed);
    if (t.empty()) return std::nullopt;
    auto n = text::to_int(t);
    if (!n || *n < 0) {
      need(m, false, "POR031E", field, "fiche.err.free_number");
      return std::nullopt;
    }
    need(m, *n <= max, "POR032E", field, "fiche.err.free_over");
    return *n <= max ? n : std::nullopt;
  };
  if (cap.rsge) {
    f.free_0_17 = places(in.free_0_17, "free_0_17", cap.places);
    f.free_18_59 = places(in.free_18_59, "free_18_59", cap.places);
    if (f.free_0_17.value_or(0) + f.free_18_59.value_or(0) > cap.places) {
      need(m, false, "POR032E", "free_18_59", "fiche.err.free_over_rsge");
      f.free_18_59.reset();
    }
  } else {
    f.free_0_17 = places(in.free_0_17, "free_0_17", cap.places_0_17);
    f.free_18_59 = places(in.free_18_59, "free_18_59", cap.places_18_59);
    f.free_school = places(in.free_school, "free_school", cap.places_school);
  }
  bool visible_ok = true;
  for (const auto& v : pick(visibility_tokens(), in.visible, visible_ok)) f.visible.insert(v);
  need(m, visible_ok, "POR033E", "visible", "fiche.err.visible");
  return out;
}

std::vector<Message> publish_errors(const Fiche& f) {
  std::vector<Message> m;
  need(m, f.opening_days.find('1') != std::string::npos, "POR035E", "days",
       "fiche.err.publish_days");
  need(m, minutes_of(f.opens_at) && minutes_of(f.closes_at), "POR036E",
       f.opens_at.empty() ? "opens_at" : "closes_at", "fiche.err.publish_hours");
  return m;
}

}  // namespace sgee::portail
