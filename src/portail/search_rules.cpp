#include "portail/search_rules.hpp"

#include <cmath>

#include "platform/text.hpp"

namespace sgee::portail::search {

bool subsidized(std::string_view kind) {
  return kind == "cpe" || kind == "gs" || kind == "rsge";
}

namespace {

// A whole number written plainly: digits only, at most 6 of them.
std::optional<int> whole_number(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  for (char ch : s)
    if (ch < '0' || ch > '9') return std::nullopt;
  return static_cast<int>(*text::to_int(s));
}

std::optional<bool> yes_no(std::string_view s) {
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

}  // namespace

std::variant<Query, ParamError> parse(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  Query q;
  std::set<std::string> seen;
  bool has_near = false;
  for (const auto& [name, raw] : pairs) {
    const std::string value(text::trim(raw));
    const bool repeated = !seen.insert(name).second;
    auto error = [&name](const char* reason) { return ParamError{name, reason}; };
    if (name == "lang") continue;
    if (name == "kind" || name == "period") {
      if (value.empty()) continue;
      // Several values: repeated, or comma-separated.
      for (auto part : text::split(value, ',')) {
        std::string v(text::trim(part));
        if (name == "kind") {
          if (v != "cpe" && v != "gs" && v != "gns" && v != "rsge") return error("kind");
          q.kinds.insert(v);
        } else {
          if (v != "day" && v != "evening" && v != "night" && v != "weekend")
            return error("period");
          q.periods.insert(v);
        }
      }
      continue;
    }
    if (name != "near" && name != "radius_km" && name != "subsidized" && name != "age" &&
        name != "available" && name != "page")
      return error("unknown");
    if (repeated) return error("repeated");
    if (name == "near") {
      if (value.empty()) return error("near_required");
      if (value.size() > 200) return error("near_long");
      q.near = value;
      has_near = true;
    } else if (value.empty()) {
      continue;  // an empty field of the form: no filter
    } else if (name == "radius_km") {
      auto n = whole_number(value);
      if (!n || *n < kMinRadiusKm || *n > kMaxRadiusKm) return error("radius");
      q.radius_km = *n;
    } else if (name == "subsidized") {
      auto b = yes_no(value);
      if (!b) return error("subsidized");
      q.subsidized = b;
    } else if (name == "available") {
      auto b = yes_no(value);
      if (!b) return error("available");
      q.available = *b;
    } else if (name == "age") {
      if (value != "0_17" && value != "18_59" && value != "school") return error("age");
      q.age = value;
    } else if (name == "page") {
      auto n = whole_number(value);
      if (!n || *n < 1) return error("page");
      q.page = *n;
    }
  }
  if (!has_near) return ParamError{"near", "near_required"};
  return q;
}

bool visible(std::string_view visible_list, std::string_view field) {
  for (auto part : text::split(visible_list, ','))
    if (text::trim(part) == field) return true;
  return false;
}

bool matches(const Candidate& c, const Query& q) {
  if (!q.kinds.empty() && !q.kinds.count(c.kind)) return false;
  if (q.subsidized && subsidized(c.kind) != *q.subsidized) return false;
  if (q.age || q.available) {
    if (!visible(c.visible, "free_places")) return false;
    auto n = [](const std::optional<std::int64_t>& v) { return v.value_or(0); };
    if (q.age == "0_17" && n(c.free_0_17) <= 0) return false;
    if (q.age == "18_59" && n(c.free_18_59) <= 0) return false;
    if (q.age == "school" && n(c.free_school) <= 0) return false;
    if (q.available && n(c.free_0_17) + n(c.free_18_59) + n(c.free_school) <= 0) return false;
  }
  if (!q.periods.empty()) {
    if (!visible(c.visible, "periods")) return false;
    for (const auto& p : q.periods)
      if (!visible(c.periods, p)) return false;
  }
  return true;
}

double shown_distance(double km) {
  return std::round(km * 10.0) / 10.0;
}

}  // namespace sgee::portail::search
