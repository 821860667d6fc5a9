#include "csg/form.hpp"

#include <algorithm>
#include <charconv>

#include "platform/text.hpp"

namespace sgee::csg::form {

using nlohmann::json;

namespace {

// Rows and grid cells a form can have: more is not a form this page wrote.
constexpr size_t kMaxRows = 100;
constexpr size_t kMaxDays = 28;  // 4 weeks × 7 days

constexpr const char* kRoots[] = {
    "ref",          "rsge",          "child",       "guardian",         "other_guardian", "parent",
    "age_brackets", "cisss_periods", "ecp_periods", "handicap_periods", "agreements"};
constexpr const char* kYesNo[] = {"born_outside_quebec", "reduced_contribution", "replacement",
                                  "signed"};

bool is_index(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '[';
}
size_t index_of(const std::string& seg) {
  size_t n = 0;
  std::from_chars(seg.data() + 1, seg.data() + seg.size() - 1, n);
  return n;
}

// The node at `segs`, created on the way; nullptr when an index is out of bounds or a node is of
// another kind than the path says.
json* make_path(json& root, const std::vector<std::string>& segs) {
  json* node = &root;
  for (size_t i = 0; i < segs.size(); ++i) {
    const auto& seg = segs[i];
    if (is_index(seg)) {
      size_t n = index_of(seg);
      bool days = i > 0 && segs[i - 1] == "days";
      if (n >= (days ? kMaxDays : kMaxRows)) return nullptr;
      if (node->is_null()) *node = json::array();
      if (!node->is_array()) return nullptr;
      while (node->size() <= n) node->push_back(nullptr);
      node = &(*node)[n];
    } else {
      if (node->is_null()) *node = json::object();
      if (!node->is_object()) return nullptr;
      node = &(*node)[seg];
    }
  }
  return node;
}

json* find_path(json& root, const std::vector<std::string>& segs) {
  json* node = &root;
  for (const auto& seg : segs) {
    if (is_index(seg)) {
      size_t n = index_of(seg);
      if (!node->is_array() || n >= node->size()) return nullptr;
      node = &(*node)[n];
    } else {
      if (!node->is_object() || !node->contains(seg)) return nullptr;
      node = &(*node)[seg];
    }
  }
  return node;
}

// A schedule's days as exactly 7 × weeks strings, when weeks is a number from 1 to 4.
void settle_schedule(json& schedule) {
  if (!schedule.is_object()) return;
  auto& weeks = schedule["weeks"];
  if (weeks.is_string()) {
    int w = 0;
    const auto& s = weeks.get_ref<const std::string&>();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), w);
    if (ec == std::errc() && p == s.data() + s.size()) weeks = w;
  }
  if (weeks.is_null()) weeks = 1;
  auto& days = schedule["days"];
  if (days.is_null()) days = json::array();
  if (!days.is_array()) return;
  for (auto& d : days)
    if (d.is_null()) d = "";
  if (weeks.is_number_integer() && weeks.get<int>() >= 1 && weeks.get<int>() <= 4) {
    size_t n = static_cast<size_t>(7 * weeks.get<int>());
    while (days.size() < n) days.push_back("");
    days.erase(days.begin() + static_cast<std::ptrdiff_t>(n), days.end());
  }
}

bool no_day(const json& schedule) {
  const auto& days = schedule.value("days", json::array());
  return std::all_of(days.begin(), days.end(),
                     [](const json& d) { return !d.is_string() || d.get<std::string>().empty(); });
}

// Rows: holes closed up, "_row" markers dropped; the yes/no answers as booleans; schedules settled.
void settle(json& node) {
  if (node.is_array()) {
    node.erase(std::remove(node.begin(), node.end(), json(nullptr)), node.end());
    for (auto& e : node) settle(e);
    return;
  }
  if (!node.is_object()) return;
  node.erase("_row");
  for (auto& [k, v] : node.items()) {
    if (std::find(std::begin(kYesNo), std::end(kYesNo), k) != std::end(kYesNo) && v.is_string()) {
      if (v == "true")
        v = true;
      else if (v == "false")
        v = false;
    } else if (k == "schedule") {
      settle_schedule(v);
    } else {
      settle(v);
    }
  }
}

json blank_schedule() {
  return {{"weeks", 1}, {"days", json::array({"", "", "", "", "", "", ""})}};
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segs;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1 || close - i > 5) return {};
      for (size_t k = i + 1; k < close; ++k)
        if (path[k] < '0' || path[k] > '9') return {};
      segs.emplace_back(path.substr(i, close - i + 1));
      i = close + 1;
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) return {};
      }
    } else {
      size_t end = i;
      while (end < path.size() && ((path[end] >= 'a' && path[end] <= 'z') || path[end] == '_'))
        ++end;
      if (end == i) return {};
      segs.emplace_back(path.substr(i, end - i));
      i = end;
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) return {};
      } else if (i < path.size() && path[i] != '[') {
        return {};
      }
    }
  }
  return segs;
}

std::string parent_path(std::string_view path) {
  auto cut = path.find_last_of(".[");
  return cut == std::string_view::npos ? "" : std::string(path.substr(0, cut));
}

json record_from_fields(const Fields& fields) {
  json record = json::object();
  for (const auto& [name, raw] : fields) {
    std::string value(text::trim(raw));
    if (value.empty()) continue;
    auto segs = split_path(name);
    if (segs.empty() || std::find_if(std::begin(kRoots), std::end(kRoots), [&](const char* r) {
                          return segs[0] == r;
                        }) == std::end(kRoots))
      continue;
    json* node = make_path(record, segs);
    if (!node) continue;
    // A day's half-periods come one checkbox at a time.
    if (node->is_string() && segs.size() > 1 && is_index(segs.back()) &&
        segs[segs.size() - 2] == "days")
      *node = node->get<std::string>() + " " + value;
    else if (node->is_null())
      *node = value;
  }
  for (const char* adult : {"other_guardian", "parent"})
    if (record.contains(adult) && record[adult].is_object() && record[adult].empty())
      record.erase(adult);
  settle(record);
  // A replacement child has no planned occupation: no day checked means no schedule.
  if (record.contains("agreements") && record["agreements"].is_array())
    for (auto& a : record["agreements"])
      if (a.is_object() && a.value("replacement", json()) == json(true) && a.contains("schedule") &&
          no_day(a["schedule"]))
        a["schedule"] = nullptr;
  return record;
}

json blank_record() {
  json record = json::object();
  apply_action(record, "add:age_brackets");
  apply_action(record, "add:agreements");
  return record;
}

const std::vector<Pattern>& patterns() {
  const std::string day = "AM PM";
  static const std::vector<Pattern> all = {
      {"full_week", 1, {day, day, day, day, day, "", ""}},
      {"part_time", 1, {day, day, "", "AM", "PM", "", ""}},
      {"evenings", 1, {"S1 S2", "S1 S2", "S1 S2", "S1 S2", "S1 S2", "", ""}},
      {"weekend", 1, {"", "", "", "", "", day, day}},
      {"day_evening", 1, {"AM PM S1", "AM PM S1", "AM PM S1", "AM PM S1", "AM PM S1", "", ""}},
      {"alternate_weeks", 2, {day, day, day, day, day, "", "", "", "", "", "", "", "", ""}},
      {"alternate_days", 2, {day, "", day, "", day, "", "", "", day, "", day, "", "", ""}},
  };
  return all;
}

const Pattern* find_pattern(std::string_view id) {
  for (const auto& p : patterns())
    if (id == p.id) return &p;
  return nullptr;
}

bool apply_action(json& record, std::string_view action) {
  auto colon = action.find(':');
  if (colon == std::string_view::npos) return false;
  auto verb = action.substr(0, colon);
  auto rest = action.substr(colon + 1);
  if (verb == "add") {
    auto segs = split_path(rest);
    if (segs.empty() || is_index(segs.back())) return false;
    const auto& what = segs.back();
    bool nested = segs.size() == 3 && segs[0] == "agreements" && what == "special_schedules";
    if (segs.size() != 1 && !nested) return false;
    if (!nested && what != "age_brackets" && what != "cisss_periods" && what != "ecp_periods" &&
        what != "handicap_periods" && what != "agreements")
      return false;
    if (nested && !find_path(record, {segs[0], segs[1]})) return false;
    json* rows = make_path(record, segs);
    if (!rows || !(rows->is_null() || rows->is_array())) return false;
    if (rows->is_null()) *rows = json::array();
    if (rows->size() >= kMaxRows) return false;
    json row = json::object();
    if (what == "agreements") {
      // The next agreement's number: one more than the highest "A<n>" of the record.
      int next = 1;
      for (const auto& a : *rows)
        if (a.is_object() && a.value("ref", json()).is_string()) {
          auto ref = a["ref"].get<std::string>();
          int n = 0;
          if (ref.size() > 1 && ref[0] == 'A' &&
              std::from_chars(ref.data() + 1, ref.data() + ref.size(), n).ec == std::errc())
            next = std::max(next, n + 1);
        }
      row = {{"ref", "A" + std::to_string(next)},
             {"reduced_contribution", true},
             {"replacement", false},
             {"signed", true},
             {"schedule", blank_schedule()}};
    } else if (what == "special_schedules") {
      row = {{"schedule", blank_schedule()}};
    }
    rows->push_back(std::move(row));
    return true;
  }
  if (verb == "remove") {
    auto segs = split_path(rest);
    if (segs.empty() || !is_index(segs.back())) return false;
    size_t n = index_of(segs.back());
    segs.pop_back();
    json* rows = find_path(record, segs);
    if (!rows || !rows->is_array() || n >= rows->size()) return false;
    rows->erase(rows->begin() + static_cast<std::ptrdiff_t>(n));
    return true;
  }
  if (verb == "pattern") {
    auto sep = rest.rfind(':');
    if (sep == std::string_view::npos) return false;
    const Pattern* p = find_pattern(rest.substr(sep + 1));
    auto segs = split_path(rest.substr(0, sep));
    if (!p || segs.empty() || segs.back() != "schedule") return false;
    segs.pop_back();
    json* owner = find_path(record, segs);
    if (!owner || !owner->is_object()) return false;
    (*owner)["schedule"] = {{"weeks", p->weeks}, {"days", p->days}};
    return true;
  }
  return false;
}

}  // namespace sgee::csg::form
