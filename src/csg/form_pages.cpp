// The "Ajouter dossier parent-enfant" form (seed 003) and its edit twin: every section of the
// seed, the schedule grids with the seed's common schedules one click away, special schedules, new
// agreements and terminations. A posted form becomes the sync API's record (csg/form.hpp) and goes
// through the same batch as the API: same catalog, same versions, same audit rows. Each message
// appears next to the field or section its path names, with its code; errors block saving,
// warnings don't. Without JS every button is a submit (add or remove a row, apply a schedule);
// web/static/js/site.js only saves the round trips and adds the address autocomplete.
#include <map>
#include <mutex>
#include <set>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "csg/catalog.hpp"
#include "csg/form.hpp"
#include "csg/json.hpp"
#include "csg/pages.hpp"
#include "csg/routes.hpp"
#include "csg/store.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string base_of(const Request& req) {
  return "/installations/" + org_of(req).number + "/dossiers";
}

// The HTML id of a path: "agreements[0].schedule" -> "f-agreements-0-schedule".
std::string id_of(std::string_view path) {
  std::string id = "f-";
  for (char ch : path) {
    bool word = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    if (word)
      id += ch;
    else if (id.back() != '-')
      id += '-';
  }
  while (id.back() == '-') id.pop_back();
  return id;
}

const json& at(const json& record, std::string_view path) {
  static const json none;
  const json* node = &record;
  for (const auto& seg : form::split_path(path)) {
    if (seg.front() == '[') {
      size_t n = std::stoul(seg.substr(1, seg.size() - 2));
      if (!node->is_array() || n >= node->size()) return none;
      node = &(*node)[n];
    } else {
      if (!node->is_object() || !node->contains(seg)) return none;
      node = &(*node)[seg];
    }
  }
  return *node;
}

std::string text_of(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

struct Option {
  std::string value, label;
};

// The messages of a form, each at the deepest path of its field that the form shows (a field or
// a section), the others at "" (the top).
struct Placed {
  std::map<std::string, mstch::array> messages;
  std::set<std::string> with_error;
};

// The paths the form shows (fields and sections), each with its position in the page's order.
using Anchors = std::map<std::string, size_t>;

std::string anchor_of(std::string field, const Anchors& anchors) {
  while (!field.empty() && !anchors.count(field)) field = form::parent_path(field);
  return field;
}

Placed place(const Request& req, const json& messages, const Anchors& anchors) {
  Placed out;
  for (const auto& m : messages) {
    auto anchor = anchor_of(m.value("field", ""), anchors);
    bool error = m.value("severity", "") == "E";
    if (error) out.with_error.insert(anchor);
    out.messages[anchor].push_back(mstch::map{
        {"code", m.value("code", "")}, {"error", error}, {"text", message_text(m, req.lang)}});
  }
  return out;
}

// Builds the page's context; run twice: first to learn which paths the form shows (anchors), then
// with each message placed at the deepest anchor of its field path.
class View {
 public:
  View(const Request& req, const json& record, const Placed* placed)
      : req_(req), record_(record), placed_(placed) {}

  const Anchors& anchors() const { return anchors_; }

  // Where an anchor is, in words: its own label after those of the sections around it ("Entente
  // A1 — Date de fin"); a list's label is left out when a row of it is named.
  std::string where(const std::string& anchor) const {
    std::vector<std::string> chain;
    for (std::string p = anchor; !p.empty(); p = form::parent_path(p)) chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      auto label = labels_.find(*it);
      if (label == labels_.end() || label->second.empty()) continue;
      auto next = std::next(it);
      if (next != chain.rend() && next->starts_with(*it + "[")) continue;  // a row names it
      out += (out.empty() ? "" : " — ") + label->second;
    }
    return out;
  }

  // The messages placed at `path` (a field or a section), registering it as an anchor.
  mstch::array messages(const std::string& path) {
    anchors_.emplace(path, anchors_.size());
    if (!placed_) return {};
    auto it = placed_->messages.find(path);
    return it == placed_->messages.end() ? mstch::array{} : it->second;
  }

  mstch::map section(const std::string& path, const std::string& label = "") {
    if (!label.empty()) labels_[path] = label;
    auto msgs = messages(path);
    return {
        {"id", id_of(path)}, {"path", path}, {"messages", msgs}, {"has_messages", !msgs.empty()}};
  }

  mstch::map field(const std::string& path, const std::string& label_key,
                   const std::string& hint_key = "") {
    labels_[path] = t(req_, label_key);
    auto msgs = messages(path);
    std::string id = id_of(path);
    std::string described;
    if (!hint_key.empty()) described = id + "-hint";
    if (!msgs.empty()) described += (described.empty() ? "" : " ") + id + "-msg";
    bool invalid = placed_ && placed_->with_error.count(path);
    return {{"id", id},
            {"name", path},
            {"label", t(req_, label_key)},
            {"value", text_of(at(record_, path))},
            {"type", std::string("text")},
            {"hint", hint_key.empty() ? std::string() : t(req_, hint_key)},
            {"has_hint", !hint_key.empty()},
            {"messages", msgs},
            {"has_messages", !msgs.empty()},
            {"described", described},
            {"invalid", invalid},
            {"readonly", false},
            {"is_date", false},
            {"autocomplete", std::string("off")},
            {"is_input", true},
            {"is_select", false},
            {"is_yesno", false},
            {"wide", false}};
  }

  mstch::map date(const std::string& path, const std::string& label_key,
                  const std::string& hint_key = "") {
    // A text field AAAA-MM-JJ whatever the browser's language (docs/ui/forms.md); its format
    // hint is read with it.
    auto f = field(path, label_key, hint_key);
    f["is_date"] = true;
    const auto* was = boost::get<std::string>(&f["described"]);
    std::string described = id_of(path) + "-format" + (was && !was->empty() ? " " + *was : "");
    f["described"] = described;
    return f;
  }

  mstch::map select(const std::string& path, const std::string& label_key,
                    const std::vector<Option>& options, const std::string& hint_key = "",
                    bool choose = true) {
    auto f = field(path, label_key, hint_key);
    std::string value = text_of(at(record_, path));
    mstch::array opts;
    if (choose)
      opts.push_back(mstch::map{{"value", std::string()},
                                {"label", t(req_, "form.choose")},
                                {"selected", value.empty()}});
    bool known = value.empty();
    for (const auto& o : options) {
      opts.push_back(
          mstch::map{{"value", o.value}, {"label", o.label}, {"selected", o.value == value}});
      known = known || o.value == value;
    }
    // A value the list does not offer (sent by software) stays visible rather than being lost.
    if (!known) opts.push_back(mstch::map{{"value", value}, {"label", value}, {"selected", true}});
    f["is_input"] = false;
    f["is_select"] = true;
    f["options"] = opts;
    return f;
  }

  mstch::map yesno(const std::string& path, const std::string& label_key,
                   const std::string& hint_key = "") {
    auto f = field(path, label_key, hint_key);
    const json& v = at(record_, path);
    f["is_input"] = false;
    f["is_yesno"] = true;
    f["yes_checked"] = v == json(true) || v == json("true");
    f["no_checked"] = v == json(false) || v == json("false");
    return f;
  }

  mstch::map grid(const std::string& path) {
    // An agreement's normal schedule, or the days of a special schedule.
    // Titled for what it is: a special schedule's grid says so (issue 13).
    std::string legend = t(req_, path.ends_with("].schedule") && path.find("special") == path.npos
                                     ? "form.schedule"
                                     : "form.special_days");
    mstch::map g = section(path, legend);
    g["legend"] = legend;
    const json& schedule = at(record_, path);
    int weeks = 1;
    if (schedule.is_object() && schedule.value("weeks", json()).is_number_integer())
      weeks = std::clamp(schedule["weeks"].get<int>(), 1, 4);
    std::vector<Option> counts;
    for (int w = 1; w <= 4; ++w) counts.push_back({std::to_string(w), std::to_string(w)});
    auto weeks_field = select(path + ".weeks", "form.weeks", counts, "form.weeks_hint", false);
    mstch::array day_names;
    for (int d = 0; d < 7; ++d) day_names.push_back(t(req_, "day." + std::to_string(d)));
    mstch::array week_tables;
    const json& days = schedule.is_object() ? schedule.value("days", json::array()) : json::array();
    for (int w = 0; w < 4; ++w) {
      mstch::array rows;
      for (const auto& [name, bit] : kHalfPeriodNames) {
        mstch::array cells;
        for (int d = 0; d < 7; ++d) {
          size_t k = static_cast<size_t>(w * 7 + d);
          std::string day = k < days.size() ? text_of(days[k]) : "";
          bool ok = true;
          bool on = (half_periods_in(day, &ok) & bit) != 0;
          std::string cell_id = id_of(path) + "-" + std::to_string(k) + "-" + name;
          cells.push_back(
              mstch::map{{"id", cell_id},
                         {"name", path + ".days[" + std::to_string(k) + "]"},
                         {"value", std::string(name)},
                         {"checked", on},
                         {"label", t(req_, "day." + std::to_string(d)) + ", " +
                                       t(req_, std::string("half.") + name) + ", " +
                                       t(req_, "dossier.week") + " " + std::to_string(w + 1)}});
        }
        rows.push_back(
            mstch::map{{"label", t(req_, std::string("half.") + name)}, {"cells", cells}});
      }
      week_tables.push_back(
          mstch::map{{"number", std::to_string(w + 1)},
                     {"caption", t(req_, "dossier.week") + " " + std::to_string(w + 1)},
                     {"extra", w >= 1},
                     {"beyond", w >= weeks},
                     {"days", day_names},
                     {"rows", rows}});
    }
    mstch::array pats;
    json pattern_data = json::object();
    for (const auto& p : form::patterns()) {
      pats.push_back(mstch::map{{"value", std::string(p.id)},
                                {"label", t(req_, std::string("pattern.") + p.id)}});
      pattern_data[p.id] = {{"weeks", p.weeks}, {"days", p.days}};
    }
    g["weeks_field"] = weeks_field;
    g["weeks"] = week_tables;
    g["patterns"] = pats;
    g["pattern_data"] = pattern_data.dump();
    g["pattern_id"] = id_of(path) + "-pattern";
    return g;
  }

 private:
  std::map<std::string, std::string> labels_;
  const Request& req_;
  const json& record_;
  const Placed* placed_;
  Anchors anchors_;
};

std::vector<Option> role_options(const Request& req) {
  std::vector<Option> out;
  for (const char* r : {"mother", "biological_mother", "father", "tutor", "other"})
    out.push_back({r, t(req, std::string("role.") + r)});
  return out;
}

// Whether `path` is an array's element: "agreements[2]".
size_t rows_of(const json& record, const std::string& path) {
  const json& v = at(record, path);
  return v.is_array() ? v.size() : 0;
}

struct FormState {
  json record;
  json messages = json::array();  // messages_json form, from the batch's result
  std::string status;             // the batch's status when the form was checked or refused
  bool checked = false;           // "Vérifier": validated, not saved
  bool stored = false;            // the stored dossier's last messages (the edit page)
  bool nirec_saved = false;       // the saved dossier has its NIREC (DOS-05: no longer editable)
};

mstch::map build(View& v, const Request& req, const FormState& s, bool is_new,
                 const std::vector<std::pair<std::string, std::string>>& rsge) {
  const json& r = s.record;
  mstch::map ctx;
  auto adult = [&](const std::string& who) {
    mstch::map m = v.section(who, t(req, "dossier." + who));
    m["surname"] = v.field(who + ".surname", "form.surname");
    m["given_name"] = v.field(who + ".given_name", "form.given_name");
    m["role"] = v.select(who + ".role", "form.role", role_options(req));
    return m;
  };
  ctx["record"] = v.section("ref");
  if (!rsge.empty() || org_of(req).kind == access::OrgKind::bc) {
    std::vector<Option> opts;
    for (const auto& [number, label] : rsge) opts.push_back({number, label});
    ctx["rsge_field"] = v.select("rsge", "form.rsge", opts, "form.rsge_hint");
  }
  // The child (DOS-01..07): the birth date, NIREC and NECSG of a saved dossier are read-only; a
  // saved dossier without NIREC may receive it (DOS-06: a child with a NECSG obtains one later).
  mstch::map child = v.section("child");
  child["surname"] = v.field("child.surname", "form.child_surname");
  child["given_name"] = v.field("child.given_name", "form.child_given_name");
  child["sex"] = v.select(
      "child.sex", "form.sex",
      {{"F", t(req, "form.sex_f")}, {"M", t(req, "form.sex_m")}, {"X", t(req, "form.sex_x")}});
  auto birth = v.date("child.birth_date", "form.birth_date", is_new ? "" : "form.immutable");
  auto nirec =
      v.field("child.nirec", "form.nirec", s.nirec_saved ? "form.immutable" : "form.nirec_hint");
  auto necsg = v.field("child.necsg", "form.necsg", "form.necsg_hint");
  if (!is_new) {
    birth["readonly"] = true;
    nirec["readonly"] = s.nirec_saved;
    necsg["readonly"] = !text_of(at(r, "child.necsg")).empty();
  }
  nirec["inputmode"] = std::string("numeric");
  child["birth_date"] = birth;
  child["born_outside"] = v.yesno("child.born_outside_quebec", "form.born_outside");
  child["nirec"] = nirec;
  child["necsg"] = necsg;
  ctx["child"] = child;
  // The responsible adults (DOS-10..12) and the address (DOS-13, DOS-14).
  ctx["guardian"] = adult("guardian");
  mstch::map address = v.section("guardian.address", t(req, "dossier.address"));
  address["civic_number"] = v.field("guardian.address.civic_number", "form.civic_number");
  address["civic_suffix"] = v.field("guardian.address.civic_suffix", "form.civic_suffix");
  address["street"] = v.field("guardian.address.street", "form.street");
  address["apartment"] = v.field("guardian.address.apartment", "form.apartment");
  address["municipality"] = v.field("guardian.address.municipality", "form.municipality");
  address["postal_code"] =
      v.field("guardian.address.postal_code", "form.postal_code", "form.postal_code_hint");
  ctx["address"] = address;
  ctx["other_guardian"] = adult("other_guardian");
  ctx["parent"] = adult("parent");
  // Age brackets (DOS-20..22) and the periods (DOS-23..25).
  v.section("age_brackets", t(req, "dossier.brackets"));
  mstch::array brackets;
  for (size_t i = 0; i < rows_of(r, "age_brackets"); ++i) {
    std::string p = "age_brackets[" + std::to_string(i) + "]";
    mstch::map row = v.section(p, t(req, "form.bracket") + " " + std::to_string(i + 1));
    row["bracket"] = v.select(p + ".bracket", "form.bracket",
                              {{"0-17", t(req, "dossier.bracket_infant")},
                               {"18-59", t(req, "dossier.bracket_toddler")},
                               {"school", t(req, "dossier.bracket_school")}});
    row["start"] = v.date(p + ".start", "form.bracket_start");
    row["number"] = std::to_string(i + 1);
    brackets.push_back(row);
  }
  mstch::map bracket_section = v.section("age_brackets");
  bracket_section["rows"] = brackets;
  ctx["brackets"] = bracket_section;
  auto periods = [&](const std::string& name, bool handicap) {
    mstch::map sec = v.section(name, t(req, "form." + name));
    mstch::array rows;
    for (size_t i = 0; i < rows_of(r, name); ++i) {
      std::string p = name + "[" + std::to_string(i) + "]";
      std::string one = name.substr(0, name.size() - 1);  // "cisss_period"
      mstch::map row = v.section(p, t(req, "form." + one) + " " + std::to_string(i + 1));
      row["start"] = v.date(p + ".start", "form.start");
      row["end"] = v.date(p + ".end", "form.end");
      row["number"] = std::to_string(i + 1);
      if (handicap) {
        v.section(p + ".transitional_measure");
        row["tm_start"] = v.date(p + ".transitional_measure.start", "form.tm_start");
        row["tm_end"] = v.date(p + ".transitional_measure.end", "form.tm_end");
        row["handicap"] = true;
      } else {
        row["handicap"] = false;
      }
      rows.push_back(row);
    }
    sec["rows"] = rows;
    sec["has_rows"] = !rows.empty();
    return sec;
  };
  ctx["cisss"] = periods("cisss_periods", false);
  ctx["ecp"] = periods("ecp_periods", false);
  ctx["handicap"] = periods("handicap_periods", true);
  // The agreements (ENT-01..10), each with its normal schedule and special schedules.
  mstch::array agreements;
  v.section("agreements", t(req, "dossier.agreements"));
  for (size_t i = 0; i < rows_of(r, "agreements"); ++i) {
    std::string p = "agreements[" + std::to_string(i) + "]";
    const std::string title = t(req, "dossier.agreement") + " " + text_of(at(r, p + ".ref"));
    mstch::map a = v.section(p, title);
    a["ref_field"] = v.field(p + ".ref", "form.agreement_ref");
    a["title"] = title;
    a["start"] = v.date(p + ".start", "form.agreement_start");
    a["end"] = v.date(p + ".end", "form.agreement_end");
    a["termination"] = v.date(p + ".termination", "form.termination", "form.termination_hint");
    a["reduced"] = v.yesno(p + ".reduced_contribution", "dossier.reduced");
    a["replacement"] = v.yesno(p + ".replacement", "dossier.replacement", "form.replacement_hint");
    a["signed"] = v.yesno(p + ".signed", "dossier.signed");
    a["schedule"] = v.grid(p + ".schedule");
    mstch::array specials;
    std::string sp = p + ".special_schedules";
    v.section(sp, t(req, "form.special_schedules"));
    for (size_t j = 0; j < rows_of(r, sp); ++j) {
      std::string q = sp + "[" + std::to_string(j) + "]";
      mstch::map s2 = v.section(q, t(req, "dossier.special") + " " + std::to_string(j + 1));
      s2["start"] = v.date(q + ".start", "form.start");
      s2["end"] = v.date(q + ".end", "form.end");
      s2["schedule"] = v.grid(q + ".schedule");
      s2["number"] = std::to_string(j + 1);
      specials.push_back(s2);
    }
    a["specials"] = specials;
    a["specials_path"] = sp;
    agreements.push_back(a);
  }
  ctx["agreements"] = agreements;
  // The summary of every message, in the page's order, each once, saying where it is in words.
  struct Line {
    size_t position;
    std::string anchor, code, text;
    bool error;
  };
  std::vector<Line> lines;
  bool errors = false, warnings = false;
  for (const auto& m : s.messages) {
    auto anchor = anchor_of(m.value("field", ""), v.anchors());
    bool error = m.value("severity", "") == "E";
    errors = errors || error;
    warnings = warnings || !error;
    auto p = v.anchors().find(anchor);
    Line line{p == v.anchors().end() ? 0 : p->second + 1, anchor, m.value("code", ""),
              message_text(m, req.lang), error};
    bool seen = std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
      return l.anchor == line.anchor && l.code == line.code && l.text == line.text;
    });
    if (!seen) lines.push_back(std::move(line));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.position < b.position; });
  mstch::array summary;
  for (const auto& l : lines) {
    std::string where = v.where(l.anchor);
    summary.push_back(mstch::map{
        {"code", l.code},
        {"where", where},
        {"has_where", !where.empty()},
        {"text", l.text},
        {"error", l.error},
        {"href", "#" + (l.anchor.empty() ? std::string("dossier-form") : id_of(l.anchor))}});
  }
  ctx["summary"] = summary;
  ctx["has_summary"] = !summary.empty();
  ctx["has_errors"] = errors;
  // The heading says what became of the dossier: refused, saved (or savable) but pending, or
  // saved (or savable) with warnings.
  const char* heading = "form.has_errors";
  if (s.stored)
    heading = s.status == "rejected"  ? "form.last_refused"
              : s.status == "pending" ? "form.pending_saved"
                                      : "form.warnings_saved";
  else if (s.status == "pending")
    heading = "form.pending_checked";
  else if (!errors)
    heading = "form.only_warnings";
  ctx["summary_title"] = t(req, heading);
  ctx["checked_ok"] = s.checked && !errors;
  ctx["general"] = v.messages("");
  return ctx;
}

// Marks the block whose id is `id`, and only it, to take the focus (tabindex="-1" autofocus in
// the templates): after an add, remove or apply round trip without JavaScript, the page opens on
// the block that changed.
void mark_focus(mstch::node& n, const std::string& id) {
  if (auto* m = boost::get<mstch::map>(&n)) {
    if (auto it = m->find("id"); it != m->end()) {
      const auto* own = boost::get<std::string>(&it->second);
      (*m)["focus"] = own && *own == id;
    }
    for (auto& [key, value] : *m) mark_focus(value, id);
  } else if (auto* a = boost::get<mstch::array>(&n)) {
    for (auto& value : *a) mark_focus(value, id);
  }
}

// The path of the block an action changed: the new row of an add, the list a row left, the
// schedule a pattern filled.
std::string changed_path(const json& record, const std::string& action) {
  auto colon = action.find(':');
  std::string verb = action.substr(0, colon), rest = action.substr(colon + 1);
  if (verb == "pattern") return rest.substr(0, rest.find(':'));
  if (verb == "remove") return form::parent_path(rest);
  const json* at = &record;
  for (const auto& seg : form::split_path(rest)) {
    if (!at->is_object() && !at->is_array()) return rest;
    if (at->is_array()) {
      auto i =
          text::to_int(seg.size() > 2 && seg.front() == '[' ? seg.substr(1, seg.size() - 2) : seg);
      if (!i || *i < 0 || static_cast<size_t>(*i) >= at->size()) return rest;
      at = &(*at)[static_cast<size_t>(*i)];
    } else {
      if (!at->contains(seg)) return rest;
      at = &(*at)[seg];
    }
  }
  if (!at->is_array() || at->empty()) return rest;
  return rest + "[" + std::to_string(at->size() - 1) + "]";
}

Response render(web::WebApp& web, Request& req, const FormState& s, bool is_new,
                const std::string& ref, int status, const std::string& focus_path = "",
                const std::string& action = "") {
  auto c = web.pool().acquire();
  std::vector<std::pair<std::string, std::string>> rsge;  // number -> name (number)
  if (org_of(req).kind == access::OrgKind::bc) rsge = store::rsge_choices(*c, org_of(req).id);
  View first(req, s.record, nullptr);
  build(first, req, s, is_new, rsge);
  auto placed = place(req, s.messages, first.anchors());
  View second(req, s.record, &placed);
  mstch::map ctx = build(second, req, s, is_new, rsge);
  ctx["is_new"] = is_new;
  ctx["ref"] = ref;
  ctx["action"] =
      is_new ? base_of(req) + "/nouveau" : base_of(req) + "/" + text::url_encode(ref) + "/modifier";
  if (!action.empty()) ctx["action"] = action;
  ctx["list_href"] = base_of(req);
  ctx["detail_href"] = is_new ? base_of(req) : base_of(req) + "/" + text::url_encode(ref);
  ctx["org_name"] = org_of(req).name;
  ctx["org_number"] = org_of(req).number;
  std::vector<web::Crumb> steps{{i18n::t(req.lang, "menu.dossiers"), base_of(req)}};
  if (!is_new)
    steps.push_back(
        {i18n::t(req.lang, "dossier.detail_title"), base_of(req) + "/" + text::url_encode(ref)});
  ctx["breadcrumbs"] = access::org_crumbs(req, steps);
  if (!focus_path.empty()) {
    mstch::node whole = ctx;
    mark_focus(whole, id_of(focus_path));
    ctx = boost::get<mstch::map>(whole);
  }
  return web.page(req, "dossier_form", is_new ? "form.new_title" : "form.edit_title", ctx, status);
}

// Dossiers entered on the form get the next "M…" number: one form at a time per server.
std::mutex& numbering() {
  static std::mutex m;
  return m;
}

Response post(web::WebApp& web, Request& req, bool is_new, const std::string& form_action = "",
              std::string* saved_ref = nullptr) {
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  std::string ref;
  FormState s;
  if (!is_new) {
    ref = req.params.at("ref");
    auto c = web.pool().acquire();
    auto stored = store::find_dossier(*c, org_of(req).id, ref);
    if (!stored) return web.error(404, req);
    s.nirec_saved = stored->dossier.child.nirec.has_value();
  }
  s.record = form::record_from_fields(parsed.form->fields);
  std::string action = parsed.form->get("action").value_or("save");
  if (action.starts_with("pattern:") && std::count(action.begin(), action.end(), ':') == 1)
    action += ":" + parsed.form->get("pattern@" + action.substr(8)).value_or("");
  if (action != "save" && action != "check") {
    if (!form::apply_action(s.record, action)) return web.error(400, req);
    return render(web, req, s, is_new, ref, 200, changed_path(s.record, action), form_action);
  }
  bool save = action == "save";
  std::unique_lock<std::mutex> lock(numbering(), std::defer_lock);
  auto c = web.pool().acquire();
  if (is_new) {
    lock.lock();
    ref = store::next_form_ref(*c, org_of(req).id);
  }
  s.record["ref"] = ref;
  auto options = batch_options(req, save);
  options.source = "form";
  auto answer = process_batch(*c, component_of(req), json::array({s.record}), options);
  const json& result = answer["results"][0];
  s.status = result.value("status", "");
  s.messages = result.value("messages", json::array());
  // What the registry corrected (CSG130A: the apartment moved out of the street) shows corrected.
  auto read = parse_dossier(s.record);
  if (!read.tidied.empty()) {
    const auto& address = read.dossier.guardian.address;
    s.record["guardian"]["address"]["street"] = address.street.value_or("");
    s.record["guardian"]["address"]["apartment"] = address.apartment.value_or("");
  }
  if (save && s.status != "rejected") {
    if (saved_ref) *saved_ref = ref;
    return Response::redirect(base_of(req) + "/" + text::url_encode(ref) + "?enregistre=1", 303);
  }
  if (is_new) {
    ref.clear();
    s.record.erase("ref");
  }
  s.checked = !save;
  return render(web, req, s, is_new, ref, s.status == "rejected" ? 422 : 200, "", form_action);
}

}  // namespace

Response prefilled_form(web::WebApp& web, Request& req, nlohmann::json record,
                        const std::string& action) {
  FormState s;
  s.record = std::move(record);
  return render(web, req, s, true, "", 200, "", action);
}

Response post_prefilled(web::WebApp& web, Request& req, const std::string& action,
                        std::string* saved_ref) {
  return post(web, req, true, action, saved_ref);
}

void add_form_pages(web::WebApp& web) {
  auto& router = web.router();
  const auto enter =
      Access::with_right("enter_dossiers", "installation").of_kinds({"installation", "bc"});
  const std::string base = "/installations/{installation}/dossiers";

  router.add("GET", base + "/nouveau", enter, [&web](Request& req) {
    FormState s;
    s.record = form::blank_record();
    return render(web, req, s, true, "", 200);
  });
  router.add("POST", base + "/nouveau", enter,
             [&web](Request& req) { return post(web, req, true); });
  router.add("GET", base + "/{ref}/modifier", enter, [&web](Request& req) {
    auto c = web.pool().acquire();
    auto stored = store::find_dossier(*c, org_of(req).id, req.params.at("ref"));
    if (!stored) return web.error(404, req);
    const auto& a = access::auth_of(req);
    access::store::audit(*c, {.user_id = a.who.user_id,
                              .organization_id = org_of(req).id,
                              .action = "read",
                              .record_type = "dossier",
                              .record_id = stored->ref,
                              .detail = "form",
                              .address = req.remote,
                              .request_id = req.request_id});
    FormState s;
    s.record = to_json(stored->dossier);
    s.messages = stored->messages;
    s.status = stored->status;
    s.stored = true;
    s.nirec_saved = stored->dossier.child.nirec.has_value();
    return render(web, req, s, false, stored->ref, 200);
  });
  router.add("POST", base + "/{ref}/modifier", enter,
             [&web](Request& req) { return post(web, req, false); });
}

}  // namespace sgee::csg
