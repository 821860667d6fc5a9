#include "mes/provider_pages.hpp"

#include <algorithm>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "mes/attachments_store.hpp"
#include "mes/print.hpp"
#include "mes/review_store.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::mes {

namespace {

using access::OrgKind;
using access::Right;
using http::Access;
using http::Request;
using http::Response;

constexpr int kPerPage = 50;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

std::string person(const std::string& given, const std::string& surname) {
  return given.empty() ? surname : surname.empty() ? given : given + " " + surname;
}

// A form field's id in the page: dots become dashes ("situation-schedule").
std::string html_id(std::string field) {
  std::replace(field.begin(), field.end(), '.', '-');
  return "f-" + field;
}

const access::Organization& url_org(const Request& req) {
  return *access::auth_of(req).target;
}

std::string base_of(const Request& req) {
  return "/installations/" + url_org(req).number + "/mes";
}

std::string request_url(const Request& req, std::int64_t id) {
  return base_of(req) + "/" + std::to_string(id);
}

void audit(db::Connection& c, const Request& req, const std::string& action,
           const store::Request& r, const std::string& detail) {
  access::store::audit(c, {.user_id = access::auth_of(req).who.user_id,
                           .organization_id = url_org(req).id,
                           .action = action,
                           .record_type = "mes_request",
                           .record_id = std::to_string(r.id),
                           .detail = detail,
                           .address = req.remote,
                           .request_id = req.request_id});
}

mstch::array crumbs(const Request& req, const std::vector<web::Crumb>& more = {}) {
  std::vector<web::Crumb> steps = {{t(req, "mes.lists.title"), base_of(req)}};
  steps.insert(steps.end(), more.begin(), more.end());
  return access::org_crumbs(req, steps);
}

// A refusal of the state machine or of a check: 409 with the reason's text.
Response conflict(web::WebApp& web, const Request& req, const std::vector<std::string>& lines,
                  const std::string& back) {
  mstch::array items;
  for (const auto& l : lines) items.push_back(mstch::map{{"text", l}});
  return web.page(req, "mes_refused", "mes.refused.title",
                  {{"lines", items},
                   {"back", back},
                   {"breadcrumbs", crumbs(req)},
                   {"breadcrumb_current", t(req, "mes.refused.title")}},
                  409);
}

std::string status_words(const Request& req, Status s) {
  return t(req, status_key(s));
}

// The hours granted by the decision a renewal renews.
std::optional<int> granted_before(db::Connection& c, const store::Request& r) {
  if (!r.renews_id) return std::nullopt;
  auto g = c.run("SELECT granted_minutes FROM mes_requests WHERE id = $1", *r.renews_id);
  if (g.empty() || g.first().is_null(0)) return std::nullopt;
  return static_cast<int>(g.first().i64(0));
}

std::string hours_words(const Request& req, int minutes) {
  auto p = duration_params("hours", minutes);
  return req.lang == "fr" ? p[0].second : p[1].second;
}

std::vector<Note> section_notes(Section s, const store::Request& r, std::optional<int> granted,
                                dates::Date today) {
  auto notes = check_section(s, r.answers, today);
  if (s == Section::typical_day) {
    auto h = check_hours(r.type, r.answers.moments, granted);
    notes.insert(notes.end(), h.begin(), h.end());
  }
  return notes;
}

// The first field of a group ("situation.description" → "situation.impairment"), for links.
std::string anchor_of(const std::string& field) {
  for (const auto& f : form_fields())
    if (f.group == field) return html_id(f.id);
  if (field == "typical_day" || field == "needs") return "form-fields";
  return html_id(field);
}

// A note as a line of the errors' summary: "Moment 2 : …" for a moment's field.
std::string note_line(const Request& req, const Note& n) {
  std::string text = note_text(req.lang, n);
  const std::string prefix = "typical_day.moments.";
  if (n.field.starts_with(prefix)) {
    auto rest = n.field.substr(prefix.size());
    auto number = rest.substr(0, rest.find('.'));
    text = i18n::fill(t(req, "mes.form.moment_n"), {number}) + (req.lang == "fr" ? " : " : ": ") +
           text;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The lists (MES-02).

Response lists_page(web::WebApp& web, const Request& req) {
  auto c = web.pool().acquire();
  const auto& org = url_org(req);
  auto which_text = req.query("liste").value_or("");
  store::List which = which_text == "en-cours"     ? store::List::in_progress
                      : which_text == "brouillons" ? store::List::drafts
                      : which_text == "conformes"  ? store::List::conform
                                                   : store::List::all;
  auto counts = store::counts(*c, org.id);
  mstch::array tabs;
  for (auto [value, key, n, list] :
       {std::tuple{std::string(""), std::string("mes.lists.all"), counts.all, store::List::all},
        std::tuple{std::string("en-cours"), std::string("mes.lists.in_progress"),
                   counts.in_progress, store::List::in_progress},
        std::tuple{std::string("brouillons"), std::string("mes.lists.drafts"), counts.drafts,
                   store::List::drafts},
        std::tuple{std::string("conformes"), std::string("mes.lists.conform"), counts.conform,
                   store::List::conform}})
    tabs.push_back(mstch::map{{"href", base_of(req) + (value.empty() ? "" : "?liste=" + value)},
                              {"label", t(req, key)},
                              {"count", listing::count(req.lang, n)},
                              {"current", list == which}});
  mstch::array rows;
  for (const auto& r : store::list(*c, org.id, which, kPerPage, 0))
    rows.push_back(mstch::map{{"href", request_url(req, r.id)},
                              {"number", r.number},
                              {"child", person(r.child_given_name, r.child_surname)},
                              {"org", r.org_name},
                              {"type", t(req, type_key(r.type))},
                              {"status", status_words(req, r.status)},
                              {"updated", i18n::time_words(req.lang, r.updated_at)},
                              {"bell", r.bell},
                              {"letter", r.letter}});
  bool bc = org.kind == OrgKind::bc;
  mstch::map ctx{{"tabs", tabs},
                 {"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"is_bc", bc},
                 {"org_name", org.name},
                 {"may_create", access::may(req, Right::enter_mes)},
                 {"new_href", base_of(req) + "/nouvelle"},
                 {"breadcrumbs", access::org_crumbs(req, {})},
                 {"breadcrumb_current", t(req, "mes.lists.title")}};
  return web.page(req, "mes_lists", "mes.lists.title", std::move(ctx));
}

// ---------------------------------------------------------------------------------------------
// Create (seed 000 §3, MES-03, MES-04).

struct Place {
  access::Organization org;  // the installation or the RSGE the request is for
  std::optional<std::int64_t> bc;
  ProviderKind kind = ProviderKind::cpe;
};

// The places the user may create a request for from the URL's organization: for an installation,
// the installations where they hold enter_mes (the URL's first); for a BC, its RSGE.
std::vector<access::Organization> places_of(db::Connection& c, web::WebApp& web,
                                            const Request& req) {
  const auto& org = url_org(req);
  const auto& who = access::auth_of(req).who;
  std::vector<access::Organization> out;
  if (org.kind == OrgKind::bc) {
    auto r = c.run(
        "SELECT id FROM organizations WHERE parent_id = $1 AND kind = 'rsge' ORDER BY name, id",
        org.id);
    for (size_t i = 0; i < r.size(); ++i)
      if (auto o = access::store::organization(c, r.row(i).i64(0))) out.push_back(*o);
    return out;
  }
  out.push_back(org);
  auto orgs = access::user_orgs(web.pool(), req);
  for (const auto& o : orgs->orgs) {
    if (o.kind != OrgKind::installation || o.id == org.id) continue;
    bool holds = who.has_right(o.id, Right::enter_mes) ||
                 (o.parent_id && who.has_right(*o.parent_id, Right::enter_mes)) ||
                 (who.is_rse && who.division_id && o.parent_id == who.division_id);
    if (holds) out.push_back(o);
  }
  return out;
}

struct CreateForm {
  std::string place, confirmation, birth_date, type;
};

struct CreateState {
  std::vector<std::pair<std::string, std::string>> errors;  // field, text
  std::vector<std::string> missing;                         // prerequisites, one line each
  bool not_found = false;
  // Step 2: the child found, prerequisites met, the type to choose.
  std::optional<store::Child> child;
  std::optional<TypeProposal> proposal;
  std::string place_name;
};

Response create_page(web::WebApp& web, db::Connection& c, const Request& req, const CreateForm& f,
                     const CreateState& s, int status) {
  mstch::array places;
  for (const auto& o : places_of(c, web, req))
    places.push_back(mstch::map{{"value", o.number},
                                {"label", o.name + " (" + o.number + ")"},
                                {"selected", o.number == f.place}});
  mstch::array errors;
  mstch::map ctx;
  for (const auto& [field, text] : s.errors) {
    errors.push_back(mstch::map{{"anchor", field}, {"text", text}});
    ctx["err_" + field] = text;
  }
  mstch::array missing;
  for (const auto& m : s.missing) missing.push_back(mstch::map{{"text", m}});
  ctx.insert({{"action", base_of(req) + "/nouvelle"},
              {"places", places},
              {"is_bc", url_org(req).kind == OrgKind::bc},
              {"confirmation", f.confirmation},
              {"birth_date", f.birth_date},
              {"has_errors", !errors.empty()},
              {"errors", errors},
              {"not_found", s.not_found},
              {"has_missing", !missing.empty()},
              {"missing", missing},
              {"help_href", "/aide/mes/prealables"},
              {"breadcrumbs", crumbs(req)},
              {"breadcrumb_current", t(req, "mes.create.title")}});
  if (s.child && s.proposal) {
    mstch::array types;
    bool first = true;
    for (auto type : s.proposal->allowed) {
      types.push_back(mstch::map{{"value", std::string(to_string(type))},
                                 {"label", t(req, type_key(type))},
                                 {"checked", f.type.empty() ? first : f.type == to_string(type)},
                                 {"id", "type-" + std::string(to_string(type))}});
      first = false;
    }
    ctx["step2"] = true;
    ctx["child_name"] = person(s.child->given_name, s.child->surname);
    ctx["place_name"] = s.place_name;
    ctx["place"] = f.place;
    ctx["why"] = note_text(req.lang, s.proposal->why);
    ctx["types"] = types;
  }
  return web.page(req, "mes_create", "mes.create.title", std::move(ctx), status);
}

Response create_route(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  CreateForm f;
  f.place = url_org(req).kind == OrgKind::bc ? "" : url_org(req).number;
  if (req.method == "GET") return create_page(web, *c, req, f, {}, 200);
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  const auto& form = *parsed.form;
  f.place = form.get("place").value_or("");
  f.confirmation = std::string(text::trim(form.get("confirmation").value_or("")));
  f.birth_date = std::string(text::trim(form.get("birth_date").value_or("")));
  f.type = form.get("type").value_or("");
  CreateState s;
  // The place: one of those offered.
  std::optional<access::Organization> place;
  for (const auto& o : places_of(*c, web, req))
    if (o.number == f.place) place = o;
  if (!place) s.errors.push_back({"place", t(req, "mes.create.err_place")});
  if (f.confirmation.empty())
    s.errors.push_back({"confirmation", t(req, "mes.create.err_confirmation")});
  if (!dates::parse(f.birth_date))
    s.errors.push_back({"birth_date", t(req, "mes.create.err_birth_date")});
  if (!s.errors.empty()) return create_page(web, *c, req, f, s, 422);
  auto child = store::find_child(*c, f.confirmation, f.birth_date);
  if (!child) {
    s.not_found = true;
    return create_page(web, *c, req, f, s, 422);
  }
  std::optional<std::int64_t> bc;
  if (place->kind == OrgKind::rsge) bc = url_org(req).id;
  auto kind = provider_kind_of(place->kind == OrgKind::rsge, place->installation_kind.value_or(""))
                  .value_or(ProviderKind::gns);
  const auto today = dates::today_in_quebec();
  auto facts = store::prerequisite_facts(*c, child->id, place->id, bc, kind);
  for (const auto& n : missing_prerequisites(facts.facts, today))
    s.missing.push_back(note_text(req.lang, n));
  const auto& who = access::auth_of(req).who;
  access::store::audit(*c,
                       {.user_id = who.user_id,
                        .organization_id = url_org(req).id,
                        .action = "mes_find_child",
                        .record_type = "portail_child",
                        .record_id = std::to_string(child->id),
                        .detail = s.missing.empty() ? "prerequisites met" : "prerequisites missing",
                        .address = req.remote,
                        .request_id = req.request_id});
  if (!s.missing.empty()) return create_page(web, *c, req, f, s, 422);
  auto year = reference_year(today);
  auto proposal = propose_type(store::history(*c, child->id), place->id, year);
  s.child = child;
  s.proposal = proposal;
  s.place_name = place->name;
  if (f.type.empty()) return create_page(web, *c, req, f, s, 200);
  auto type = request_type_from(f.type);
  if (!type) {
    s.errors.push_back({"type", t(req, "mes.create.err_type")});
    return create_page(web, *c, req, f, s, 422);
  }
  if (auto refused = check_type_choice(proposal, *type)) {
    s.errors.push_back({"type", note_text(req.lang, *refused)});
    return create_page(web, *c, req, f, s, 422);
  }
  // A renewal starts from the request it renews (answers and the hours granted, MES-06).
  store::NewRequest n;
  n.organization_id = place->id;
  n.bc_id = bc;
  n.kind = kind;
  n.child_id = child->id;
  n.dossier_id = facts.dossier_id;
  n.type = *type;
  n.reference_year = year.start_year;
  n.by = who.user_id;
  std::optional<int> granted;
  bool renewal =
      *type == RequestType::renewal_without_changes || *type == RequestType::renewal_with_changes;
  if (renewal || *type == RequestType::transfer) {
    if (auto g = store::granted_request(*c, child->id,
                                        renewal ? std::optional(place->id) : std::nullopt)) {
      n.renews_id = g->id;
      granted = g->granted_minutes;
      n.answers = prefill(*type, g->answers);
    }
  }
  n.requested_minutes = requested_minutes(*type, n.answers.moments, granted);
  std::pair<std::int64_t, std::string> made;
  {
    db::Transaction tx(*c);
    made = store::create(*c, n);
    access::store::audit(*c, {.user_id = who.user_id,
                              .organization_id = url_org(req).id,
                              .action = "mes_create",
                              .record_type = "mes_request",
                              .record_id = std::to_string(made.first),
                              .detail = made.second + " " + std::string(to_string(*type)),
                              .address = req.remote,
                              .request_id = req.request_id});
    tx.commit();
  }
  std::string where = bc ? url_org(req).number : place->number;
  return Response::redirect(
      "/installations/" + where + "/mes/" + std::to_string(made.first) + "/sections/situation",
      303);
}

// ---------------------------------------------------------------------------------------------
// The form's pages (MES-05, MES-06).

struct Typed {
  std::vector<Note> notes;
  bool conflict = false;
  bool saved = false;
};

mstch::map field_ctx(const Request& req, const Field& f, const std::string& id,
                     const std::string& value, bool editable,
                     const std::map<std::string, std::string>& errors) {
  auto it = errors.find(id);
  std::string hid = html_id(id);
  std::string label = t(req, f.label_key());
  bool required = f.required || f.required_if.has_value();
  mstch::map m{{"id", hid},
               {"name", id},
               {"label", label},
               {"value", value},
               {"required", f.required},
               {"required_if", !f.required && f.required_if.has_value()},
               {"readonly", !editable},
               {"is_text", f.type == FieldType::text},
               {"is_textarea", f.type == FieldType::textarea},
               {"is_date", f.type == FieldType::date},
               {"is_integer", f.type == FieldType::integer},
               {"is_time", f.type == FieldType::time},
               {"is_yes_no", f.type == FieldType::yes_no},
               {"yes", value == "yes"},
               {"no", value == "no"},
               {"max_length", f.max_length ? std::to_string(f.max_length) : std::string()}};
  (void)required;
  if (it != errors.end()) m["error"] = it->second;
  return m;
}

std::string moment_value(const Moment& m, const std::string& name) {
  if (name == "start") return m.start;
  if (name == "end") return m.end;
  if (name == "transition") return m.transition;
  if (name == "label") return m.label;
  if (name == "needs") return m.needs;
  return m.actions;
}

Response section_page(web::WebApp& web, db::Connection& c, const Request& req, const Loaded& l,
                      Section s, const std::vector<Note>& notes, int status, bool saved) {
  const auto& r = l.request;
  auto commented = store::commented_sections(c, r.id);
  bool editable = !check_edit(r.status, s, commented) &&
                  decide(r.status, Action::save, l.actor, r.kind).allowed();
  std::map<std::string, std::string> errors;
  mstch::array error_list;
  for (const auto& n : notes) {
    auto line = note_line(req, n);
    if (!n.field.empty() && !errors.count(n.field)) errors[n.field] = line;
    error_list.push_back(mstch::map{{"anchor", anchor_of(n.field)}, {"text", line}});
  }
  // The steps.
  mstch::array steps;
  const auto& sections = form_sections();
  size_t index = 0;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i] == s) index = i;
    steps.push_back(mstch::map{
        {"href", request_url(req, r.id) + "/sections/" + std::string(to_string(sections[i]))},
        {"label", t(req, section_key(sections[i]))},
        {"current", sections[i] == s},
        {"number", std::to_string(i + 1)}});
  }
  mstch::map ctx{{"number", r.number},
                 {"child", person(r.child_given_name, r.child_surname)},
                 {"section_title", t(req, section_key(s))},
                 {"steps", steps},
                 {"action", request_url(req, r.id) + "/sections/" + std::string(to_string(s))},
                 {"revision", std::to_string(r.revision)},
                 {"editable", editable},
                 {"saved", saved},
                 {"has_errors", !error_list.empty()},
                 {"errors", error_list},
                 {"has_prev", index > 0},
                 {"has_next", index + 1 < sections.size()},
                 {"request_href", request_url(req, r.id)},
                 {"breadcrumbs", crumbs(req, {{r.number, request_url(req, r.id)}})},
                 {"breadcrumb_current", t(req, section_key(s))}};
  if (index > 0)
    ctx["prev_href"] =
        request_url(req, r.id) + "/sections/" + std::string(to_string(sections[index - 1]));
  if (index + 1 < sections.size())
    ctx["next_href"] =
        request_url(req, r.id) + "/sections/" + std::string(to_string(sections[index + 1]));
  if (s == Section::identity) {
    mstch::array rows;
    auto row = [&](const std::string& id, const std::string& value) {
      rows.push_back(mstch::map{{"label", t(req, "mes.field." + id)}, {"value", value}});
    };
    row("identity.child_name", person(r.child_given_name, r.child_surname));
    row("identity.child_birth_date", i18n::day_words(req.lang, r.child_birth_date));
    row("identity.confirmation_number", r.confirmation_number);
    row("identity.provider_name", r.org_name);
    row("identity.provider_number", r.org_number);
    row("identity.provider_kind", t(req, "mes.kind." + std::string(to_string(r.kind))));
    row("identity.provider_address", r.org_address);
    ctx["identity"] = rows;
    ctx["is_identity"] = true;
    if (!r.bc_name.empty()) ctx["bc_name"] = r.bc_name;
  } else if (s == Section::needs) {
    mstch::array subs;
    for (const auto& sub : needs_subsections()) {
      mstch::array fields;
      for (const auto* f : fields_of(s))
        if (f->subsection == sub)
          fields.push_back(field_ctx(req, *f, f->id, r.answers.get(f->id), editable, errors));
      subs.push_back(mstch::map{{"legend", t(req, "mes.subsection." + sub)}, {"fields", fields}});
    }
    ctx["subsections"] = subs;
    ctx["is_needs"] = true;
  } else if (s == Section::typical_day) {
    mstch::array moments;
    for (size_t i = 0; i < r.answers.moments.size(); ++i) {
      mstch::array fields;
      for (const auto& f : moment_fields()) {
        std::string name = f.id.substr(std::string("typical_day.moment.").size());
        std::string id = "typical_day.moments." + std::to_string(i + 1) + "." + name;
        fields.push_back(
            field_ctx(req, f, id, moment_value(r.answers.moments[i], name), editable, errors));
      }
      moments.push_back(
          mstch::map{{"n", std::to_string(i + 1)},
                     {"legend", i18n::fill(t(req, "mes.form.moment_n"), {std::to_string(i + 1)})},
                     {"fields", fields}});
    }
    ctx["moments"] = moments;
    ctx["moment_count"] = std::to_string(r.answers.moments.size());
    ctx["is_typical_day"] = true;
    ctx["hours"] = hours_words(req, union_minutes(r.answers.moments));
    ctx["max_hours"] = std::to_string(kMaxMinutesPerDay / 60);
    ctx["mes_js"] = web.static_url("js/mes.js");
  } else {
    mstch::array fields;
    for (const auto* f : fields_of(s)) {
      if (f->type == FieldType::read_only) continue;
      fields.push_back(field_ctx(req, *f, f->id, r.answers.get(f->id), editable, errors));
    }
    ctx["fields"] = fields;
    if (s == Section::summary) {
      auto granted = granted_before(c, r);
      ctx["is_summary"] = true;
      ctx["hours"] = hours_words(req, requested_minutes(r.type, r.answers.moments, granted));
      if (granted) ctx["granted"] = hours_words(req, *granted);
      mstch::array states;
      for (auto x : form_sections()) {
        if (x == Section::identity || x == Section::summary) continue;
        bool complete = section_notes(x, r, granted, dates::today_in_quebec()).empty();
        states.push_back(
            mstch::map{{"label", t(req, section_key(x))},
                       {"href", request_url(req, r.id) + "/sections/" + std::string(to_string(x))},
                       {"complete", complete}});
      }
      ctx["states"] = states;
    }
  }
  return web.page(req, "mes_section", "mes.section.page_title", std::move(ctx), status);
}

std::optional<Section> section_param(const Request& req) {
  auto it = req.params.find("section");
  if (it == req.params.end()) return std::nullopt;
  auto s = section_from(it->second);
  if (!s || *s == Section::documents) return std::nullopt;
  return s;
}

Response section_get(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  auto s = section_param(req);
  if (!l || !s) return web.error(404, req);
  audit(*c, req, "mes_read", l->request, std::string(to_string(*s)));
  return section_page(web, *c, req, *l, *s, {}, 200, req.query("enregistre").has_value());
}

// The answers of section `s` as typed in `form`, over the stored ones.
Answers typed_answers(const http::Form& form, Section s, const Answers& stored, bool& add,
                      std::optional<size_t>& remove) {
  Answers a = stored;
  if (s == Section::typical_day) {
    a.moments.clear();
    auto count = text::to_int(form.get("moment_count").value_or("0")).value_or(0);
    count = std::clamp<std::int64_t>(count, 0, static_cast<std::int64_t>(kMaxMoments) + 1);
    for (std::int64_t i = 1; i <= count; ++i) {
      auto get = [&](const char* name) {
        return form.get("typical_day.moments." + std::to_string(i) + "." + name).value_or("");
      };
      a.moments.push_back(Moment{std::string(text::trim(get("start"))),
                                 std::string(text::trim(get("end"))), get("transition"),
                                 get("label"), get("needs"), get("actions")});
    }
    add = form.get("add_moment").has_value();
    if (auto rm = form.get("remove_moment"))
      if (auto n = text::to_int(*rm); n && *n >= 1 && *n <= static_cast<std::int64_t>(count))
        remove = static_cast<size_t>(*n - 1);
    if (remove) a.moments.erase(a.moments.begin() + static_cast<std::ptrdiff_t>(*remove));
    if (add && a.moments.size() < kMaxMoments) a.moments.push_back({});
    return a;
  }
  for (const auto* f : fields_of(s)) {
    if (f->type == FieldType::read_only) continue;
    auto v = form.get(f->id);
    if (v)
      a.fields[f->id] = *v;
    else
      a.fields.erase(f->id);
  }
  return a;
}

Response section_post(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  auto s = section_param(req);
  if (!l || !s) return web.error(404, req);
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  const auto& form = *parsed.form;
  auto& r = l->request;
  auto back = request_url(req, r.id);
  auto verdict = decide(r.status, Action::save, l->actor, r.kind);
  if (!verdict.allowed()) return conflict(web, req, {note_text(req.lang, verdict.reason)}, back);
  if (auto closed = check_edit(r.status, *s, store::commented_sections(*c, r.id)))
    return conflict(web, req, {note_text(req.lang, *closed)}, back);
  auto typed_on = text::to_int(form.get("revision").value_or("")).value_or(0);
  bool add = false;
  std::optional<size_t> remove;
  Answers answers = typed_answers(form, *s, r.answers, add, remove);
  if (auto meanwhile = check_revision(typed_on, r.revision)) {
    // What was typed stays on the page; nothing is overwritten.
    r.answers = answers;
    return section_page(web, *c, req, *l, *s, {*meanwhile}, 409, false);
  }
  auto granted = granted_before(*c, r);
  int minutes = requested_minutes(r.type, answers.moments, granted);
  {
    db::Transaction tx(*c);
    if (!store::save_answers(*c, r.id, typed_on, answers, minutes,
                             access::auth_of(req).who.user_id)) {
      r.answers = answers;
      return section_page(web, *c, req, *l, *s, {Note{"mes.sm.edited_meanwhile", {}, {}}}, 409,
                          false);
    }
    audit(*c, req, "mes_save", r, std::string(to_string(*s)));
    tx.commit();
  }
  r.answers = answers;
  r.revision = typed_on + 1;
  r.requested_minutes = minutes;
  const auto& sections = form_sections();
  auto at = std::find(sections.begin(), sections.end(), *s) - sections.begin();
  auto section_url = [&](Section x) {
    return request_url(req, r.id) + "/sections/" + std::string(to_string(x));
  };
  if (add || remove) {
    std::string anchor = add ? "#moment-" + std::to_string(answers.moments.size()) : "#moments";
    return Response::redirect(section_url(*s) + "?enregistre=1" + anchor, 303);
  }
  auto go = form.get("go").value_or("save");
  if (go == "prev" && at > 0) return Response::redirect(section_url(sections[at - 1]), 303);
  auto notes = section_notes(*s, r, granted, dates::today_in_quebec());
  if (!notes.empty()) return section_page(web, *c, req, *l, *s, notes, 422, true);
  if (go == "next" && at + 1 < static_cast<std::ptrdiff_t>(sections.size()))
    return Response::redirect(section_url(sections[at + 1]), 303);
  if (go == "next") return Response::redirect(request_url(req, r.id), 303);
  return Response::redirect(section_url(*s) + "?enregistre=1", 303);
}

// ---------------------------------------------------------------------------------------------
// The request's page (MES-09): sections, status, history, receivability, signature, transmission.

RequestFacts facts_of(db::Connection& c, const store::Request& r) {
  RequestFacts f;
  f.type = r.type;
  f.kind = r.kind;
  f.answers = r.answers;
  f.files = store::attachments(c, r.id);
  f.granted_before = granted_before(c, r);
  if (r.signed_by) f.signature = Signature{true, r.signed_hash};
  if (r.status == Status::commentaires)
    f.comments_not_corrected = store::comments_not_corrected(c, r.id);
  return f;
}

std::string when_words(const Request& req, const std::string& stored) {
  return stored.empty() ? std::string() : i18n::time_words(req.lang, stored);
}

// The ministry's sent comments per section (not corrected / corrected, in words, with the
// « Corrigé » form when the reader may tick it) and the communications (read / unread, each a
// link), for the partial mes_feedback. `base` is the request's page.
mstch::map feedback(db::Connection& c, const Request& req, const Loaded& l,
                    const std::string& base) {
  const auto& r = l.request;
  bool may_tick = decide(r.status, Action::mark_corrected, l.actor, r.kind).allowed();
  auto comments = review_store::comments(c, r.id);
  mstch::array sections;
  std::int64_t open = 0;
  for (auto sec : all_sections()) {
    std::string sid(to_string(sec));
    mstch::array list;
    for (const auto& m : comments) {
      if (m.section != sid || m.sent_at.empty()) continue;
      bool corrected = !m.corrected_at.empty();
      if (!corrected) ++open;
      list.push_back(mstch::map{
          {"fb_id", std::to_string(m.id)},
          {"fb_body", m.body},
          {"fb_corrected", corrected},
          {"fb_state", corrected ? i18n::fill(t(req, "mes.feedback.corrected"),
                                              {when_words(req, m.corrected_at), m.corrected_name})
                                 : t(req, "mes.feedback.not_corrected")},
          {"fb_sent", when_words(req, m.sent_at)},
          {"fb_can_tick", may_tick && !corrected},
          {"fb_action", base + "/comments/" + std::to_string(m.id) + "/corrige"}});
    }
    if (list.empty()) continue;
    sections.push_back(mstch::map{{"fb_section_id", sid},
                                  {"fb_section_title", t(req, section_key(sec))},
                                  {"fb_comments", list}});
  }
  mstch::array letters;
  std::int64_t unread = 0;
  for (const auto& m : review_store::communications(c, r.id)) {
    bool read = !m.read_at.empty();
    if (!read) ++unread;
    letters.push_back(mstch::map{
        {"fb_letter_title", m.title},
        {"fb_letter_href", base + "/communications/" + std::to_string(m.id)},
        {"fb_letter_when", when_words(req, m.created_at)},
        {"fb_letter_read", read},
        {"fb_letter_state",
         read ? i18n::fill(t(req, "mes.feedback.read"), {when_words(req, m.read_at), m.read_name})
              : t(req, "mes.feedback.unread")}});
  }
  return mstch::map{{"fb_sections", sections},
                    {"fb_has_comments", !sections.empty()},
                    {"fb_open", listing::count(req.lang, open)},
                    {"fb_letters", letters},
                    {"fb_has_letters", !letters.empty()},
                    {"fb_unread", unread > 0}};
}

Response request_page(web::WebApp& web, db::Connection& c, const Request& req, const Loaded& l,
                      const std::vector<std::string>& problems, int status) {
  const auto& r = l.request;
  const auto today = dates::today_in_quebec();
  auto granted = granted_before(c, r);
  mstch::array sections;
  for (auto s : form_sections()) {
    bool complete = s == Section::identity || section_notes(s, r, granted, today).empty();
    sections.push_back(
        mstch::map{{"href", request_url(req, r.id) + "/sections/" + std::string(to_string(s))},
                   {"label", t(req, section_key(s))},
                   {"complete", complete}});
  }
  mstch::array history;
  for (const auto& e : store::events(c, r.id)) {
    std::string what;
    if (e.detail == "create")
      what = t(req, "mes.event.create");
    else if (auto to = status_from(e.to_status); to && e.from_status != e.to_status)
      what = i18n::fill(t(req, "mes.event.status"), {status_words(req, *to)});
    else
      what = t(req, "mes.event." + e.action);
    history.push_back(mstch::map{{"when", i18n::time_words(req.lang, e.at)},
                                 {"when_iso", e.at},
                                 {"who", e.user_name},
                                 {"what", what}});
  }
  auto facts = facts_of(c, r);
  mstch::array missing;
  for (const auto& n : receivability(facts, today))
    missing.push_back(mstch::map{{"text", note_line(req, n)}});
  mstch::array problem_lines;
  for (const auto& p : problems) problem_lines.push_back(mstch::map{{"text", p}});
  bool signer = access::may(req, Right::sign_mes);
  bool draft = r.status == Status::brouillon;
  bool open = draft || r.status == Status::commentaires;
  bool signed_current =
      r.signed_by && r.signed_hash == content_hash(r.type, r.answers, facts.files);
  mstch::map ctx{
      {"number", r.number},
      {"child", person(r.child_given_name, r.child_surname)},
      {"org_name", r.org_name},
      {"type", t(req, type_key(r.type))},
      {"status", status_words(req, r.status)},
      {"sections", sections},
      {"history", history},
      {"has_missing", !missing.empty()},
      {"missing", missing},
      {"has_problems", !problem_lines.empty()},
      {"problems", problem_lines},
      {"open", open},
      {"read_only", !open},
      {"documents_href", request_url(req, r.id) + "/documents"},
      {"form_pdf", request_url(req, r.id) + "/formulaire.pdf"},
      {"signatures_pdf", request_url(req, r.id) + "/signatures.pdf"},
      {"edit_href", request_url(req, r.id) + "/sections/situation"},
      {"may_edit", open && decide(r.status, Action::save, l.actor, r.kind).allowed()},
      {"signer", signer},
      {"signed", r.signed_by.has_value()},
      {"signed_current", signed_current},
      {"signed_words", r.signed_by
                           ? i18n::fill(t(req, "mes.sign.done"),
                                        {r.signed_by_name, i18n::time_words(req.lang, r.signed_at)})
                           : std::string()},
      {"sign_action", request_url(req, r.id) + "/signer"},
      {"transmit_action", request_url(req, r.id) + "/transmettre"},
      {"may_delete", draft && access::may(req, Right::enter_mes)},
      {"delete_action", request_url(req, r.id) + "/supprimer"},
      {"hours", r.requested_minutes ? hours_words(req, *r.requested_minutes) : ""},
      {"transmitted", !r.transmitted_at.empty()},
      {"transmitted_words",
       r.transmitted_at.empty() ? std::string() : i18n::time_words(req.lang, r.transmitted_at)},
      {"breadcrumbs", crumbs(req)},
      {"breadcrumb_current", r.number}};
  if (!r.first_transmitted_at.empty())
    for (auto& [k, v] : feedback(c, req, l, request_url(req, r.id))) ctx[k] = std::move(v);
  ctx["transmitted_once"] = !r.first_transmitted_at.empty();
  return web.page(req, "mes_request", "mes.request.title", std::move(ctx), status);
}

Response request_get(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  if (!l) return web.error(404, req);
  audit(*c, req, "mes_read", l->request, "request");
  return request_page(web, *c, req, *l, {}, 200);
}

// « Imprimer une demande » (seed 000 §5.1, MES-08): the whole form, or the signatures page, as
// PDF, from the request as it stands (its attachments and electronic signature included).
Response print_get(web::WebApp& web, Request& req, bool signatures) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  if (!l) return web.error(404, req);
  const auto& r = l->request;
  PrintData d;
  d.number = r.number;
  d.type = r.type;
  d.status = r.status;
  d.provider = {r.org_name, r.kind, r.org_number, r.org_address};
  d.child = {person(r.child_given_name, r.child_surname), dates::parse(r.child_birth_date),
             r.confirmation_number};
  if (r.kind == ProviderKind::rsge) {
    d.rsge_name = r.org_name;
    d.bc_name = r.bc_name;
  }
  d.answers = r.answers;
  d.requested_minutes = r.requested_minutes;
  d.granted_before = granted_before(*c, r);
  for (const auto& a : attachments_store::list(*c, r.id))
    d.attachments.push_back({a.nature, a.filename, static_cast<int>(a.pages), a.sha256});
  if (r.signed_by) d.signature = PrintSignature{r.signed_by_name, r.signed_at, r.signed_hash};
  d.printed_on = dates::today_in_quebec();
  d.lang = req.lang;
  audit(*c, req, "mes_print", r, signatures ? "signatures" : "form");
  Response res;
  res.body = signatures ? signatures_pdf(d) : form_pdf(d);
  res.set("Content-Type", "application/pdf");
  res.set("Content-Disposition", "inline; filename=\"" + r.number +
                                     (signatures ? "-signatures.pdf\"" : "-formulaire.pdf\""));
  res.set("Cache-Control", "no-store");
  return res;
}

Response sign_post(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  if (!l) return web.error(404, req);
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  auto& r = l->request;
  auto verdict = decide(r.status, Action::sign, l->actor, r.kind);
  if (!verdict.allowed())
    return conflict(web, req, {note_text(req.lang, verdict.reason)}, request_url(req, r.id));
  if (parsed.form->get("attest").value_or("") != "1")
    return request_page(web, *c, req, *l, {t(req, "mes.sign.attest_required")}, 422);
  auto hash = content_hash(r.type, r.answers, store::attachments(*c, r.id));
  auto by = access::auth_of(req).who.user_id;
  {
    db::Transaction tx(*c);
    store::sign(*c, r.id, by, hash);
    store::record_event(*c, r.id, by, Action::sign, r.status, *verdict.to);
    audit(*c, req, "mes_sign", r, "sha256 " + hash);
    tx.commit();
  }
  return Response::redirect(request_url(req, r.id) + "#signature", 303);
}

Response transmit_post(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  if (!l) return web.error(404, req);
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  auto& r = l->request;
  auto back = request_url(req, r.id);
  auto verdict = decide(r.status, Action::transmit, l->actor, r.kind);
  if (!verdict.allowed()) return conflict(web, req, {note_text(req.lang, verdict.reason)}, back);
  auto today = dates::today_in_quebec();
  auto facts = facts_of(*c, r);
  auto missing = receivability(facts, today);
  if (!missing.empty()) {
    std::vector<std::string> lines;
    for (const auto& n : missing) lines.push_back(note_line(req, n));
    return conflict(web, req, lines, back);
  }
  auto hash = content_hash(r.type, r.answers, facts.files);
  auto by = access::auth_of(req).who.user_id;
  {
    db::Transaction tx(*c);
    // The status must not have moved since it was read (two transmissions at once).
    auto now = c->run("SELECT status, revision FROM mes_requests WHERE id = $1", r.id);
    if (now.empty() || now.first().str(0) != to_string(r.status) ||
        now.first().i64(1) != r.revision)
      return conflict(web, req, {t(req, "mes.sm.edited_meanwhile")}, back);
    int version = store::transmit(*c, r, *verdict.to, by, hash);
    audit(*c, req, "mes_transmit", r, "version " + std::to_string(version) + " sha256 " + hash);
    tx.commit();
  }
  return Response::redirect(back + "?transmise=1", 303);
}

Response delete_post(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto l = load_for(*c, req);
  if (!l) return web.error(404, req);
  auto parsed = http::parse_form(req);
  if (!parsed.form) return web.error(parsed.error->status, req);
  auto& r = l->request;
  auto back = request_url(req, r.id);
  auto verdict = decide(r.status, Action::delete_request, l->actor, r.kind);
  if (!verdict.allowed()) return conflict(web, req, {note_text(req.lang, verdict.reason)}, back);
  if (auto ask = web.confirm_first(req, *parsed.form,
                                   {t(req, "mes.delete.question"),
                                    r.number + " — " + person(r.child_given_name, r.child_surname),
                                    t(req, "mes.delete.button"), back}))
    return *ask;
  {
    db::Transaction tx(*c);
    store::remove(*c, r.id);
    audit(*c, req, "mes_delete", r, r.number);
    tx.commit();
  }
  return Response::redirect(base_of(req) + "?supprimee=1", 303);
}

// ---------------------------------------------------------------------------------------------
// The online help (seed 000, in our words).

const std::vector<std::string>& help_pages() {
  static const std::vector<std::string> v = {"mesure",       "prealables",    "types",
                                             "formulaire",   "documents",     "signature",
                                             "commentaires", "communications"};
  return v;
}

Response help_page(web::WebApp& web, const Request& req, const std::string& page) {
  mstch::array pages;
  for (const auto& p : help_pages())
    pages.push_back(mstch::map{{"href", "/aide/mes/" + p},
                               {"label", t(req, "mes.help." + p + ".title")},
                               {"current", p == page}});
  mstch::map ctx{{"pages", pages}};
  if (!page.empty()) {
    ctx["page_title"] = t(req, "mes.help." + page + ".title");
    mstch::array paragraphs;
    for (int i = 1; i <= 6; ++i) {
      std::string key = "mes.help." + page + ".p" + std::to_string(i);
      if (!i18n::catalog(req.lang).count(key)) break;
      paragraphs.push_back(mstch::map{{"text", t(req, key)}});
    }
    ctx["paragraphs"] = paragraphs;
    ctx["breadcrumbs"] = web::crumbs({{t(req, "mes.help.title"), "/aide/mes"}});
    ctx["breadcrumb_current"] = t(req, "mes.help." + page + ".title");
  }
  return web.page(req, "mes_help", "mes.help.title", std::move(ctx));
}

}  // namespace

std::string note_text(const std::string& lang, const Note& n) {
  std::string text = i18n::t(lang, n.key);
  for (const auto& [name, value] : n.params)
    replace_all(text, "{" + name + "}", value.starts_with("mes.") ? i18n::t(lang, value) : value);
  return text;
}

std::optional<std::int64_t> id_param(const http::Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return std::nullopt;
  auto v = text::to_int(it->second);
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

std::optional<Loaded> load_for(db::Connection& c, const http::Request& req) {
  const auto& a = access::auth_of(req);
  if (!a.target) return std::nullopt;
  auto id = id_param(req, "request");
  if (!id) return std::nullopt;
  auto r = store::load(c, *id, a.target->id);
  if (!r) return std::nullopt;
  bool bc_side = r->bc_id && *r->bc_id == a.target->id;
  Loaded l{std::move(*r), store::actor_of(bc_side, access::may(req, Right::sign_mes),
                                          access::may(req, Right::enter_mes))};
  return l;
}

void add_provider_routes(web::WebApp& web) {
  auto& router = web.router();
  auto right = [](const char* r) { return Access::with_right(r).of_kinds({"installation", "bc"}); };
  const std::string base = "/installations/{installation}/mes";
  router.add("GET", base, right("consult_mes"),
             [&web](Request& req) { return lists_page(web, req); });
  router.add("GET", base + "/nouvelle", right("enter_mes"),
             [&web](Request& req) { return create_route(web, req); });
  router.add("POST", base + "/nouvelle", right("enter_mes"),
             [&web](Request& req) { return create_route(web, req); });
  router.add("GET", base + "/{request}", right("consult_mes"),
             [&web](Request& req) { return request_get(web, req); });
  router.add("GET", base + "/{request}/formulaire.pdf", right("consult_mes"),
             [&web](Request& req) { return print_get(web, req, false); });
  router.add("GET", base + "/{request}/signatures.pdf", right("consult_mes"),
             [&web](Request& req) { return print_get(web, req, true); });
  router.add("GET", base + "/{request}/sections/{section}", right("consult_mes"),
             [&web](Request& req) { return section_get(web, req); });
  router.add("POST", base + "/{request}/sections/{section}", right("enter_mes"),
             [&web](Request& req) { return section_post(web, req); });
  router.add("POST", base + "/{request}/signer", right("sign_mes"),
             [&web](Request& req) { return sign_post(web, req); });
  router.add("POST", base + "/{request}/transmettre", right("sign_mes"),
             [&web](Request& req) { return transmit_post(web, req); });
  router.add("POST", base + "/{request}/supprimer", right("enter_mes"),
             [&web](Request& req) { return delete_post(web, req); });
  router.add("GET", "/aide/mes", Access::anyone(),
             [&web](Request& req) { return help_page(web, req, ""); });
  router.add("GET", "/aide/mes/{page}", Access::anyone(), [&web](Request& req) {
    const auto& p = req.params.at("page");
    const auto& pages = help_pages();
    if (std::find(pages.begin(), pages.end(), p) == pages.end()) return web.error(404, req);
    return help_page(web, req, p);
  });
}

}  // namespace sgee::mes
