// The parents' family file on the web (issue 14, POR-01). Every page is for parent accounts only
// (Access::parent: anonymous visitors go to the sign-in, other accounts get 403), and every child
// or choice is looked up within the signed-in parent's own file: another family's child id or a
// guessed confirmation number finds nothing (404), never another family's data.
#include <algorithm>
#include <map>
#include <tuple>

#include "access/store.hpp"
#include "access/web.hpp"
#include "csg/model.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/audit.hpp"
#include "portail/family.hpp"
#include "portail/family_store.hpp"
#include "portail/messages_pages.hpp"
#include "portail/priority_store.hpp"
#include "portail/ranking.hpp"
#include "portail/ranking_store.hpp"

namespace sgee::portail {

namespace {

using http::Access;
using http::Request;
using http::Response;
namespace fs = family_store;

// The family forms are small: a body above this is not a form of ours.
constexpr size_t kMaxFormBytes = 64 * 1024;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

std::string trimmed(const http::Form& f, const std::string& name) {
  return std::string(text::trim(f.get(name).value_or("")));
}

// ---------------------------------------------------------------------------------------------
// Fields and their messages.

// The words a message uses to name each field (the label alone is ambiguous for the two
// parents' names).
const std::map<std::string, std::string>& field_names() {
  static const std::map<std::string, std::string> names{
      {"parent1_surname", "family.n.parent1_surname"},
      {"parent1_given_name", "family.n.parent1_given_name"},
      {"parent2_surname", "family.n.parent2_surname"},
      {"parent2_given_name", "family.n.parent2_given_name"},
      {"parent2_email", "family.f.parent2_email"},
      {"address", "family.address"},
      {"postal_code", "family.f.postal_code"},
      {"phone", "family.f.phone"},
      {"language", "family.f.language"},
      {"surname", "family.n.child_surname"},
      {"given_name", "family.n.child_given_name"},
      {"birth_date", "family.f.birth_date"},
      {"sex", "family.f.sex"},
      {"special_needs_text", "family.f.special_needs_text"},
      {"desired_start", "family.f.desired_start"},
      {"schedule", "family.schedule"},
      {"priority_criteria", "rank.parent_criteria"},
  };
  return names;
}

// Where a message's link leads: the field itself, or the first field of a group.
std::string anchor_of(const std::string& field) {
  if (field == "address") return "civic_number";
  if (field == "schedule") return "schedule";
  if (field == "sex") return "sex";
  return field;
}

struct Messages {
  std::map<std::string, std::string> by_field;  // field -> its message
  mstch::array summary;
  bool empty() const { return summary.empty(); }
};

Messages messages_of(const Request& req, const std::vector<FieldError>& errors) {
  Messages m;
  for (const auto& e : errors) {
    auto name = field_names().count(e.field) ? t(req, field_names().at(e.field)) : e.field;
    std::string text = name + (req.lang == "fr" ? " : " : ": ") + t(req, e.key);
    m.by_field.emplace(e.field == "address" ? "civic_number" : e.field, text);
    m.summary.push_back(mstch::map{{"anchor", anchor_of(e.field)}, {"text", text}});
  }
  return m;
}

struct Spec {
  std::string id, label_key;
  std::string kind = "text";  // text | date | select | textarea
  std::string type = "text", autocomplete = "off", hint_key, inputmode;
  size_t maxlength = 0;
  std::vector<std::pair<std::string, std::string>> options;  // value, label key
};

mstch::map field(const Request& req, const Spec& s, const std::string& value, const Messages& m) {
  mstch::map f{{"id", s.id},
               {"label", t(req, s.label_key)},
               {"value", value},
               {"type", s.type},
               {"autocomplete", s.autocomplete},
               {"is_input", s.kind == "text" || s.kind == "date"},
               {"is_date", s.kind == "date"},
               {"is_select", s.kind == "select"},
               {"is_textarea", s.kind == "textarea"}};
  std::string described;
  auto add = [&](const std::string& id) { described += (described.empty() ? "" : " ") + id; };
  if (s.kind == "date") add(s.id + "-format");
  if (!s.hint_key.empty()) {
    f["hint"] = t(req, s.hint_key);
    add(s.id + "-hint");
  }
  if (auto it = m.by_field.find(s.id); it != m.by_field.end()) {
    f["error"] = it->second;
    add(s.id + "-error");
  }
  if (!described.empty()) f["describedby"] = described;
  if (s.maxlength) f["maxlength"] = std::to_string(s.maxlength);
  if (s.kind == "date") f["maxlength"] = std::string("10");
  if (!s.inputmode.empty()) f["inputmode"] = s.inputmode;
  mstch::array options;
  for (const auto& [v, key] : s.options)
    options.push_back(mstch::map{{"value", v}, {"label", t(req, key)}, {"selected", v == value}});
  f["options"] = options;
  return f;
}

// ---------------------------------------------------------------------------------------------
// The family file.

FamilyInput family_input(const http::Form& f) {
  return {trimmed(f, "parent1_surname"), trimmed(f, "parent1_given_name"),
          trimmed(f, "parent2_surname"), trimmed(f, "parent2_given_name"),
          trimmed(f, "parent2_email"),   trimmed(f, "civic_number"),
          trimmed(f, "street"),          trimmed(f, "municipality"),
          trimmed(f, "postal_code"),     trimmed(f, "phone"),
          trimmed(f, "language")};
}

FamilyInput family_input(const fs::Family& f) {
  return {f.parent1_surname,     f.parent1_given_name,   f.parent2_surname, f.parent2_given_name,
          f.parent2_email,       f.address.civic_number, f.address.street,  f.address.municipality,
          f.address.postal_code, phone_text(f.phone),    f.language};
}

Response family_form(const web::WebApp& web, const Request& req, const FamilyInput& in,
                     const Messages& m, bool creating, int status = 200) {
  auto n = kMaxNameLength;
  auto fld = [&](Spec s, const std::string& v) { return field(req, s, v, m); };
  mstch::map ctx{
      {"creating", creating},
      {"deleted", req.query("supprime").has_value()},
      {"has_errors", !m.empty()},
      {"errors", m.summary},
      {"parent1_surname",
       fld({"parent1_surname", "family.f.surname", "text", "text", "family-name", "", "", n},
           in.parent1_surname)},
      {"parent1_given_name",
       fld({"parent1_given_name", "family.f.given_name", "text", "text", "given-name", "", "", n},
           in.parent1_given_name)},
      {"parent2_surname",
       fld({"parent2_surname", "family.f.surname", "text", "text", "off", "", "", n},
           in.parent2_surname)},
      {"parent2_given_name",
       fld({"parent2_given_name", "family.f.given_name", "text", "text", "off", "", "", n},
           in.parent2_given_name)},
      {"parent2_email",
       fld({"parent2_email", "family.f.parent2_email", "text", "email", "off", "", "", 254},
           in.parent2_email)},
      {"civic_number",
       fld({"civic_number", "family.f.civic_number", "text", "text", "off", "", "", 10},
           in.civic_number)},
      {"street", fld({"street", "family.f.street", "text", "text", "off", "", "", 100}, in.street)},
      {"municipality",
       fld({"municipality", "family.f.municipality", "text", "text", "off", "", "", 100},
           in.municipality)},
      {"postal_code", fld({"postal_code", "family.f.postal_code", "text", "text", "off", "", "", 7},
                          in.postal_code)},
      {"phone",
       fld({"phone", "family.f.phone", "text", "text", "tel", "family.hint.phone", "tel", 20},
           in.phone)},
      {"language", fld({"language",
                        "family.f.language",
                        "select",
                        "text",
                        "off",
                        "family.hint.language",
                        "",
                        0,
                        {{"fr", "account.lang_fr"}, {"en", "account.lang_en"}}},
                       in.language)},
      {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"}})}};
  if (!creating)
    ctx["breadcrumbs"] = web::crumbs(
        {{t(req, "nav.dashboard"), "/tableau-de-bord"}, {t(req, "family.title"), "/famille"}});
  return web.page(req, "family_form", creating ? "family.title" : "family.edit_title", ctx, status);
}

std::string address_line(const fs::HomeAddress& a) {
  return a.civic_number + " " + a.street + ", " + a.municipality + " " + a.postal_code;
}

std::string person(const std::string& given, const std::string& surname) {
  return given + " " + surname;
}

// What changed between two versions of a record, by field name (for the audit row, never the
// values).
struct Changes {
  std::vector<std::string> names;
  void check(const std::string& name, bool changed) {
    if (changed) names.push_back(name);
  }
  std::string text() const {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
    return out;
  }
};

Response family_page(const web::WebApp& web, const Request& req, db::Connection& c,
                     const fs::Family& f) {
  auto children = fs::children_of(c, f.id);
  mstch::array kids;
  for (const auto& ch : children) {
    const auto& d = ch.data;
    kids.push_back(mstch::map{{"id", std::to_string(ch.id)},
                              {"name", person(d.given_name, d.surname)},
                              {"birth_date", i18n::day_words(req.lang, d.birth_date)},
                              {"number", ch.confirmation_number},
                              {"desired_start", i18n::day_words(req.lang, d.desired_start)},
                              {"choices", ch.choices == 0   ? t(req, "family.no_choice")
                                          : ch.choices == 1 ? t(req, "family.one_choice")
                                                            : std::to_string(ch.choices) + " " +
                                                                  t(req, "family.n_choices")}});
  }
  mstch::map ctx{{"parent1", person(f.parent1_given_name, f.parent1_surname)},
                 {"has_parent2", !f.parent2_surname.empty()},
                 {"parent2", person(f.parent2_given_name, f.parent2_surname)},
                 {"parent2_email", f.parent2_email},
                 {"address", address_line(f.address)},
                 {"phone", phone_text(f.phone)},
                 {"language", t(req, "account.lang_" + f.language)},
                 {"children", kids},
                 {"has_children", !kids.empty()},
                 {"saved", req.query("enregistre").has_value()},
                 {"withdrawn", req.query("retire").has_value()},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"}})}};
  return web.page(req, "family_file", "family.title", ctx);
}

// ---------------------------------------------------------------------------------------------
// The children.

ChildInput child_input(const http::Form& f) {
  ChildInput ch;
  ch.surname = trimmed(f, "surname");
  ch.given_name = trimmed(f, "given_name");
  ch.birth_date = trimmed(f, "birth_date");
  ch.sex = trimmed(f, "sex");
  ch.special_needs = f.get("special_needs").value_or("") == "yes";
  ch.special_needs_text = trimmed(f, "special_needs_text");
  ch.desired_start = trimmed(f, "desired_start");
  for (size_t d = 0; d < 7; ++d)
    for (const auto& v : f.all("schedule_" + std::to_string(d)))
      for (const auto& [name, bit] : csg::kHalfPeriodNames)
        if (v == name) ch.schedule[d] |= bit;
  ch.accept_partial = f.get("accept_partial").value_or("") == "yes";
  ch.accept_replacement = f.get("accept_replacement").value_or("") == "yes";
  if (!ch.special_needs) ch.special_needs_text.clear();
  ch.priority_criteria = f.all("priority_criteria");  // checked against the list by the caller
  return ch;
}

// The request's schedule grid: Monday to Sunday × the six half-periods, as checkboxes (`edit`)
// or as a table of marks.
mstch::map schedule_grid(const Request& req, const WeekMasks& week, bool edit, const Messages& m) {
  mstch::array days;
  for (int d = 0; d < 7; ++d) days.push_back(t(req, "day." + std::to_string(d)));
  mstch::array rows;
  for (const auto& [name, bit] : csg::kHalfPeriodNames) {
    mstch::array cells;
    for (size_t d = 0; d < 7; ++d) {
      bool on = (week[d] & bit) != 0;
      cells.push_back(mstch::map{{"id", "schedule-" + std::to_string(d) + "-" + name},
                                 {"name", "schedule_" + std::to_string(d)},
                                 {"value", std::string(name)},
                                 {"checked", on},
                                 {"label", t(req, "weekday." + std::to_string(d)) + ", " +
                                               t(req, std::string("half.") + name)}});
    }
    rows.push_back(mstch::map{{"label", t(req, std::string("half.") + name)}, {"cells", cells}});
  }
  mstch::map g{{"days", days}, {"rows", rows}, {"edit", edit}};
  if (auto it = m.by_field.find("schedule"); it != m.by_field.end()) g["error"] = it->second;
  return g;
}

Response child_form(const web::WebApp& web, const Request& req, const ChildInput& in,
                    std::int64_t child_id, const std::string& number, const Messages& m,
                    const std::vector<std::string>& criteria, int status = 200) {
  auto n = kMaxNameLength;
  auto fld = [&](Spec s, const std::string& v) { return field(req, s, v, m); };
  bool creating = child_id == 0;
  std::string id = std::to_string(child_id);
  mstch::map ctx{
      {"creating", creating},
      {"action", creating ? std::string("/famille/enfants") : "/famille/enfants/" + id},
      {"back", creating ? std::string("/famille") : "/famille/enfants/" + id},
      {"number", number},
      {"has_errors", !m.empty()},
      {"errors", m.summary},
      {"surname",
       fld({"surname", "family.f.surname", "text", "text", "off", "", "", n}, in.surname)},
      {"given_name",
       fld({"given_name", "family.f.given_name", "text", "text", "off", "", "", n}, in.given_name)},
      {"birth_date",
       fld({"birth_date", "family.f.birth_date", "date", "text", "off", "family.hint.birth_date"},
           in.birth_date)},
      {"sex",
       fld({"sex",
            "family.f.sex",
            "select",
            "text",
            "off",
            "",
            "",
            0,
            {{"", "family.choose"}, {"F", "form.sex_f"}, {"M", "form.sex_m"}, {"X", "form.sex_x"}}},
           in.sex)},
      {"special_needs_yes", in.special_needs},
      {"special_needs_text",
       fld({"special_needs_text", "family.f.special_needs_text", "textarea", "text", "off",
            "family.hint.special_needs_text", "", kMaxSpecialNeedsLength},
           in.special_needs_text)},
      {"desired_start",
       fld({"desired_start", "family.f.desired_start", "date", "text", "off"}, in.desired_start)},
      {"schedule", schedule_grid(req, in.schedule, true, m)},
      {"accept_partial", in.accept_partial},
      {"accept_replacement", in.accept_replacement}};
  // Issue 15: the admission priorities the parent says apply (special needs asked above).
  mstch::array boxes;
  for (const auto& code : criteria)
    if (code != priority::kSpecialNeeds)
      boxes.push_back(mstch::map{
          {"value", code},
          {"label", t(req, "rank.criterion." + code)},
          {"checked", std::find(in.priority_criteria.begin(), in.priority_criteria.end(), code) !=
                          in.priority_criteria.end()}});
  ctx["criteria_boxes"] = boxes;
  if (auto it = m.by_field.find("priority_criteria"); it != m.by_field.end())
    ctx["criteria_error"] = it->second;
  std::vector<web::Crumb> crumbs{{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                 {t(req, "family.title"), "/famille"}};
  if (!creating) crumbs.push_back({person(in.given_name, in.surname), "/famille/enfants/" + id});
  ctx["breadcrumbs"] = web::crumbs(crumbs);
  return web.page(req, "family_child_form",
                  creating ? "family.add_child_title" : "family.edit_child_title", ctx, status);
}

std::string yes_no(const Request& req, bool v) {
  return t(req, v ? "dossier.yes" : "dossier.no");
}

std::string provider_kind(const Request& req, const fs::Provider& p) {
  if (p.kind == "rsge") return t(req, "family.kind_rsge");
  return t(req, "org.kind_" + text::lower(p.installation_kind));
}

using i18n::fill;

// 1er, 2e, 11e; 1st, 2nd, 3rd, 11th.
std::string ordinal(const Request& req, int n) {
  auto num = std::to_string(n);
  if (req.lang == "fr") return num + (n == 1 ? "er" : "e");
  int tens = n % 100, units = n % 10;
  if (tens >= 11 && tens <= 13) return num + "th";
  return num + (units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th");
}

// Issue 15: what became of the request at one chosen provider, in words with its date, and while
// the child waits in its réserve, the rank as a band (never anyone else's rank or name), its
// category, the priority that applies and how the band moved since the parent last looked.
void add_rank(const Request& req, db::Connection& c, const fs::Child& ch, const fs::Choice& choice,
              dates::Date today, mstch::map& out) {
  const auto org = choice.provider.id;
  auto st = priority_store::state_of(c, ch.id, org);
  out["state"] = t(req, "rank.state." + st.state);
  out["state_on"] = st.on;
  out["has_state_on"] = !st.on.empty();
  if (st.referral_id && (st.state == "referral_referred" || st.state == "referral_accepted"))
    out["proposal"] = std::to_string(*st.referral_id);
  out["staff_parent"] = st.staff_parent;
  out["staff_state"] = t(req, st.staff_confirmed ? "rank.staff_confirmed" : "rank.staff_pending");
  static const std::vector<std::string> placed{
      "admitted",          "confirmed",         "ended",
      "referral_admitted", "referral_referred", "referral_accepted"};
  if (std::find(placed.begin(), placed.end(), st.state) != placed.end()) return;
  auto reserve = ranking_store::load(c, org, today);
  auto ranked = ranking::rank(reserve.provider, std::move(reserve.children), today);
  auto it = std::find_if(ranked.begin(), ranked.end(),
                         [&](const ranking::Ranked& r) { return r.child_id == ch.id; });
  if (it == ranked.end()) return;
  auto [low, high] = ranking::rank_band(it->position);
  auto birth = dates::parse(ch.data.birth_date).value_or(today);
  auto desired = dates::parse(ch.data.desired_start).value_or(today);
  auto group = ranking::age_group_on(birth, desired);
  static const char* kGroups[] = {"rank.age.infant", "rank.age.toddler", "rank.age.school"};
  out["has_rank"] = true;
  out["band"] = fill(t(req, "rank.band"), {ordinal(req, low), ordinal(req, high),
                                           t(req, kGroups[static_cast<int>(group)])});
  out["category"] = t(req, "rank.category." + std::to_string(static_cast<int>(it->category)));
  if (it->criterion)
    out["priority"] =
        fill(t(req, "rank.priority_applies"), {t(req, "rank.criterion." + *it->criterion)});
  auto last = priority_store::last_band(c, ch.id, org);
  if (last)
    out["moved"] = t(req, *last > low   ? "rank.moved.up"
                          : *last < low ? "rank.moved.down"
                                        : "rank.moved.same");
  if (!last || *last != low) priority_store::remember_band(c, ch.id, org, it->position, low);
}

Response child_page(const web::WebApp& web, const Request& req, db::Connection& c,
                    const fs::Child& ch) {
  const auto& d = ch.data;
  std::string id = std::to_string(ch.id);
  mstch::array choices;
  auto today = dates::today_in_quebec();
  for (const auto& choice : fs::choices_of(c, ch.id)) {
    mstch::map card{{"name", choice.provider.name},
                    {"number", choice.provider.number},
                    {"kind", provider_kind(req, choice.provider)},
                    {"municipality", choice.provider.municipality},
                    {"shared", d.special_needs && choice.share_special_needs},
                    {"chosen_on", i18n::day_words(req.lang, choice.chosen_at)}};
    add_rank(req, c, ch, choice, today, card);
    // Messaging: the thread with the provider, or "Écrire au service" when it may know the child.
    if (auto link = parent_write_link(c, ch.id, choice.provider.number)) {
      card["message_href"] = link->href;
      card["message_label"] =
          t(req, link->started ? "msg.link.see_thread" : "msg.link.write_provider");
    } else {
      card["message_later"] = true;
    }
    choices.push_back(std::move(card));
  }
  mstch::array criteria;
  for (const auto& code : d.priority_criteria)
    criteria.push_back(mstch::map{{"label", t(req, "rank.criterion." + code)}});
  std::string name = person(d.given_name, d.surname);
  mstch::map ctx{{"id", id},
                 {"name", name},
                 {"number", ch.confirmation_number},
                 {"birth_date", i18n::day_words(req.lang, d.birth_date)},
                 {"birth_date_iso", d.birth_date},
                 {"sex", t(req, d.sex == "F"   ? "form.sex_f"
                                : d.sex == "M" ? "form.sex_m"
                                               : "form.sex_x")},
                 {"special_needs", d.special_needs},
                 {"special_needs_text", d.special_needs_text},
                 {"desired_start", i18n::day_words(req.lang, d.desired_start)},
                 {"schedule", schedule_grid(req, d.schedule, false, {})},
                 {"accept_partial", yes_no(req, d.accept_partial)},
                 {"accept_replacement", yes_no(req, d.accept_replacement)},
                 {"criteria", criteria},
                 {"has_criteria", !criteria.empty()},
                 {"choices", choices},
                 {"has_choices", !choices.empty()},
                 {"added", req.query("ajoute").has_value()},
                 {"saved", req.query("enregistre").has_value()},
                 {"removed", req.query("choix-retire").has_value()},
                 {"breadcrumb_current", name},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                              {t(req, "family.title"), "/famille"}})}};
  return web.page(req, "family_child", "family.child_title", ctx);
}

std::optional<std::int64_t> child_param(const Request& req) {
  auto v = text::to_int(req.params.at("child"));
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

void child_changes(Changes& ch, const ChildInput& a, const ChildInput& b) {
  ch.check("surname", a.surname != b.surname);
  ch.check("given_name", a.given_name != b.given_name);
  ch.check("birth_date", a.birth_date != b.birth_date);
  ch.check("sex", a.sex != b.sex);
  ch.check("special_needs",
           a.special_needs != b.special_needs || a.special_needs_text != b.special_needs_text);
  ch.check("desired_start", a.desired_start != b.desired_start);
  ch.check("schedule", a.schedule != b.schedule);
  ch.check("accept_partial", a.accept_partial != b.accept_partial);
  ch.check("accept_replacement", a.accept_replacement != b.accept_replacement);
  ch.check("priority_criteria", a.priority_criteria != b.priority_criteria);
}

// ---------------------------------------------------------------------------------------------
// Choices.

Response choose_page(const web::WebApp& web, const Request& req, db::Connection& c,
                     const fs::Provider& p, const std::optional<fs::Family>& f) {
  mstch::array kids;
  if (f) {
    auto chosen = fs::choosers(c, f->id, p.id);
    auto staff = priority_store::staff_parents(c, f->id, p.id);
    for (const auto& ch : fs::children_of(c, f->id)) {
      bool on = false, shared = false;
      for (const auto& [child_id, share] : chosen)
        if (child_id == ch.id) on = true, shared = share;
      std::string name = person(ch.data.given_name, ch.data.surname);
      kids.push_back(mstch::map{{"id", std::to_string(ch.id)},
                                {"name", name},
                                {"chosen", on},
                                {"special_needs", ch.data.special_needs},
                                {"shared", shared},
                                {"share_label", t(req, "family.share_needs") + " " + name},
                                {"staff", staff.count(ch.id) && staff.at(ch.id)},
                                {"staff_label", t(req, "rank.staff_parent") + " — " + name}});
    }
  }
  mstch::map ctx{{"provider", p.name},
                 {"number", p.number},
                 {"kind", provider_kind(req, p)},
                 {"municipality", p.municipality},
                 {"has_file", f.has_value()},
                 {"children", kids},
                 {"has_children", !kids.empty()},
                 {"saved", req.query("enregistre").has_value()},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                              {t(req, "family.title"), "/famille"}})}};
  return web.page(req, "family_choose", "family.choose_title", ctx);
}

}  // namespace

void add_family_routes(web::WebApp& web) {
  auto& router = web.router();
  auto& pool = web.pool();
  const auto parent = Access::parent();

  // The file: its summary once it exists, else the form to start it.
  router.add("GET", "/famille", parent, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) {
      FamilyInput blank;
      blank.language = req.lang;
      return family_form(web, req, blank, {}, true);
    }
    return family_page(web, req, *c, *f);
  });

  router.add("GET", "/famille/modifier", parent, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) return Response::redirect("/famille", 303);
    return family_form(web, req, family_input(*f), {}, false);
  });

  router.add("POST", "/famille", parent, [&web, &pool](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto in = family_input(*form.form);
    auto errors = family_errors(in);
    auto c = pool.acquire();
    std::optional<fs::HomeAddress> home;
    bool address_ok = true;
    for (const auto& e : errors) address_ok = address_ok && e.field != "address";
    if (address_ok) {
      home = fs::reference_address(*c, in.civic_number, in.street, in.municipality);
      if (!home) errors.push_back({"address", "family.err.address_unknown"});
    }
    const auto user_id = access::auth_of(req).who.user_id;
    auto existing = fs::family_of_user(*c, user_id);
    if (!errors.empty()) return family_form(web, req, in, messages_of(req, errors), !existing, 422);
    fs::Family f;
    f.id = existing ? existing->id : 0;
    f.user_id = user_id;
    f.parent1_surname = in.parent1_surname;
    f.parent1_given_name = in.parent1_given_name;
    f.parent2_surname = in.parent2_surname;
    f.parent2_given_name = in.parent2_given_name;
    f.parent2_email = in.parent2_surname.empty() ? "" : in.parent2_email;
    f.address = *home;
    f.phone = *normalized_phone(in.phone);
    f.language = in.language;
    Changes changed;
    if (existing) {
      const auto& e = *existing;
      changed.check("parent1", e.parent1_surname != f.parent1_surname ||
                                   e.parent1_given_name != f.parent1_given_name);
      changed.check("parent2", e.parent2_surname != f.parent2_surname ||
                                   e.parent2_given_name != f.parent2_given_name ||
                                   e.parent2_email != f.parent2_email);
      changed.check("address", address_line(e.address) != address_line(f.address));
      changed.check("phone", e.phone != f.phone);
      changed.check("language", e.language != f.language);
    }
    db::Transaction tx(*c);
    auto id = fs::save_family(*c, f);
    if (!existing || !changed.names.empty())
      audit(*c, req, existing ? "update" : "create", "family_file", std::to_string(id),
            changed.text());
    tx.commit();
    return Response::redirect("/famille?enregistre=1", 303);
  });

  // What the law lets a parent ask: the whole file goes (children, requests, choices); the audit
  // row that remains says only that a file was deleted, and how many children it had.
  router.add("POST", "/famille/supprimer", parent, [&web, &pool](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) return Response::redirect("/famille", 303);
    if (auto ask = web.confirm_first(req, *form.form,
                                     {t(req, "family.delete_q"), t(req, "family.delete_subject"),
                                      t(req, "family.delete"), "/famille"}))
      return std::move(*ask);
    db::Transaction tx(*c);
    auto gone = fs::delete_family(*c, f->id);
    audit(*c, req, "delete", "family_file", std::to_string(f->id),
          "children=" + std::to_string(gone.children) + ",choices=" + std::to_string(gone.choices));
    tx.commit();
    return Response::redirect("/famille?supprime=1", 303);
  });

  router.add("GET", "/famille/enfants/nouveau", parent, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    if (!fs::family_of_user(*c, access::auth_of(req).who.user_id))
      return Response::redirect("/famille", 303);
    return child_form(web, req, {}, 0, "", {}, priority_store::criteria_list(*c));
  });

  router.add("POST", "/famille/enfants", parent, [&web, &pool](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) return Response::redirect("/famille", 303);
    auto in = child_input(*form.form);
    auto errors = child_errors(in, dates::today_in_quebec());
    auto criteria = priority_store::criteria_list(*c);
    in.priority_criteria = priority::parent_criteria(in.priority_criteria, criteria, errors);
    if (!errors.empty())
      return child_form(web, req, in, 0, "", messages_of(req, errors), criteria, 422);
    db::Transaction tx(*c);
    auto made = fs::add_child(*c, f->id, in);
    audit(*c, req, "create", "portail_child", std::to_string(made.id), "");
    tx.commit();
    return Response::redirect("/famille/enfants/" + std::to_string(made.id) + "?ajoute=1", 303);
  });

  // A child of the signed-in parent's file; anything else (another family's child, a number that
  // is not an id, a confirmation number) is 404.
  auto own_child =
      [&pool](
          const Request& req) -> std::optional<std::tuple<fs::Family, fs::Child, db::Pool::Lease>> {
    auto id = child_param(req);
    if (!id) return std::nullopt;
    auto c = pool.acquire();
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) return std::nullopt;
    auto ch = fs::child(*c, f->id, *id);
    if (!ch) return std::nullopt;
    return std::make_tuple(std::move(*f), std::move(*ch), std::move(c));
  };

  router.add("GET", "/famille/enfants/{child}", parent, [&web, own_child](Request& req) {
    auto found = own_child(req);
    if (!found) return web.error(404, req);
    auto& [f, ch, c] = *found;
    return child_page(web, req, *c, ch);
  });

  router.add("GET", "/famille/enfants/{child}/modifier", parent, [&web, own_child](Request& req) {
    auto found = own_child(req);
    if (!found) return web.error(404, req);
    auto& [f, ch, c] = *found;
    return child_form(web, req, ch.data, ch.id, ch.confirmation_number, {},
                      priority_store::criteria_list(*c));
  });

  router.add("POST", "/famille/enfants/{child}", parent, [&web, own_child](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto found = own_child(req);
    if (!found) return web.error(404, req);
    auto& [f, ch, c] = *found;
    auto in = child_input(*form.form);
    auto errors = child_errors(in, dates::today_in_quebec());
    auto criteria = priority_store::criteria_list(*c);
    in.priority_criteria = priority::parent_criteria(in.priority_criteria, criteria, errors);
    if (!errors.empty())
      return child_form(web, req, in, ch.id, ch.confirmation_number, messages_of(req, errors),
                        criteria, 422);
    Changes changed;
    child_changes(changed, ch.data, in);
    db::Transaction tx(*c);
    fs::update_child(*c, f.id, ch.id, in);
    if (!changed.names.empty())
      audit(*c, req, "update", "portail_child", std::to_string(ch.id), changed.text());
    tx.commit();
    return Response::redirect("/famille/enfants/" + std::to_string(ch.id) + "?enregistre=1", 303);
  });

  router.add("POST", "/famille/enfants/{child}/retirer", parent, [&web, own_child](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto found = own_child(req);
    if (!found) return web.error(404, req);
    auto& [f, ch, c] = *found;
    std::string name = person(ch.data.given_name, ch.data.surname);
    if (auto ask = web.confirm_first(req, *form.form,
                                     {t(req, "family.withdraw_q"), name, t(req, "family.withdraw"),
                                      "/famille/enfants/" + std::to_string(ch.id)}))
      return std::move(*ask);
    db::Transaction tx(*c);
    fs::delete_child(*c, f.id, ch.id);
    audit(*c, req, "delete", "portail_child", std::to_string(ch.id), "");
    tx.commit();
    return Response::redirect("/famille?retire=1", 303);
  });

  router.add("POST", "/famille/enfants/{child}/choix/{milieu}/retirer", parent,
             [&web, own_child](Request& req) {
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto found = own_child(req);
               if (!found) return web.error(404, req);
               auto& [f, ch, c] = *found;
               auto org = access::store::organization_by_number(*c, req.params.at("milieu"));
               if (!org) return web.error(404, req);
               std::string back = "/famille/enfants/" + std::to_string(ch.id);
               if (auto ask = web.confirm_first(
                       req, *form.form,
                       {t(req, "family.remove_choice_q"),
                        org->name + " — " + person(ch.data.given_name, ch.data.surname),
                        t(req, "family.remove_choice"), back}))
                 return std::move(*ask);
               db::Transaction tx(*c);
               bool had = fs::remove_choice(*c, ch.id, org->id);
               if (!had) return web.error(404, req);
               audit(*c, req, "delete", "portail_choice", std::to_string(ch.id) + "/" + org->number,
                     "", org->id);
               tx.commit();
               return Response::redirect(back + "?choix-retire=1", 303);
             });

  // "Ajouter à mes choix" from a provider's public fiche: which children choose it, and whether
  // each shares its special needs with it. Only a published fiche can be chosen.
  router.add("GET", "/famille/choix", parent, [&web, &pool](Request& req) {
    auto number = req.query("milieu").value_or("");
    auto c = pool.acquire();
    auto p = fs::choosable_provider(*c, number);
    if (!p) return web.error(404, req);
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    return choose_page(web, req, *c, *p, f);
  });

  router.add("POST", "/famille/choix", parent, [&web, &pool](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto number = form.form->get("milieu").value_or("");
    auto c = pool.acquire();
    auto p = fs::choosable_provider(*c, number);
    if (!p) return web.error(404, req);
    auto f = fs::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f) return Response::redirect("/famille", 303);
    auto picked = form.form->all("enfant");
    auto before = fs::choosers(*c, f->id, p->id);
    auto staff_before = priority_store::staff_parents(*c, f->id, p->id);
    auto now = log::utc_now_iso();
    db::Transaction tx(*c);
    // Only this family's children are looked at: an id of another family's child is ignored.
    for (const auto& ch : fs::children_of(*c, f->id)) {
      std::string id = std::to_string(ch.id);
      bool on = std::find(picked.begin(), picked.end(), id) != picked.end();
      bool share =
          on && ch.data.special_needs && form.form->get("partage_" + id).value_or("") == "yes";
      std::optional<bool> had;
      for (const auto& [child_id, s] : before)
        if (child_id == ch.id) had = s;
      std::string record = id + "/" + p->number;
      if (on && (!had || *had != share)) {
        fs::set_choice(*c, ch.id, p->id, share, now);
        audit(*c, req, had ? "update" : "create", "portail_choice", record,
              share ? "share_special_needs" : "", p->id);
      } else if (!on && had) {
        fs::remove_choice(*c, ch.id, p->id);
        audit(*c, req, "delete", "portail_choice", record, "", p->id);
      }
      // Issue 15: a parent works there (category 1–2 of the ranking once the provider confirms).
      bool staff = on && form.form->get("staff_" + id).value_or("") == "yes";
      bool staff_had = staff_before.count(ch.id) && staff_before.at(ch.id);
      if (on && staff != staff_had) {
        priority_store::set_staff_parent(*c, ch.id, p->id, staff);
        audit(*c, req, "update", "portail_choice", record,
              staff ? "staff_parent" : "not_staff_parent", p->id);
      }
    }
    tx.commit();
    return Response::redirect("/famille/choix?milieu=" + p->number + "&enregistre=1", 303);
  });
}

}  // namespace sgee::portail
