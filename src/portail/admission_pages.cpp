// Admissions (issue 15, POR-04). Who may reach a child by its id (the admission form's `enfant`):
// a child who chose this provider (its réserve), or one this same user (or access code) found by
// confirmation number and birth date for this provider in the last two hours
// (admission::kFoundValidity); any other id is answered 404, whether it exists or not.
#include "portail/admission_pages.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "access/nav.hpp"
#include "access/web.hpp"
#include "csg/json.hpp"
#include "csg/model.hpp"
#include "csg/pages.hpp"
#include "csg/store.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/admission_rules.hpp"
#include "portail/admission_store.hpp"
#include "portail/audit.hpp"
#include "portail/events_store.hpp"
#include "portail/lookup_store.hpp"
#include "portail/reserve_store.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
namespace ls = lookup_store;

constexpr int kPageSize = 50;
constexpr int kMaxEvents = 500;
constexpr size_t kMaxApiBody = 16 * 1024;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

std::string who_key(const Request& req) {
  const auto& who = access::auth_of(req).who;
  if (who.kind == access::Principal::Kind::access_code)
    return "code:" + std::to_string(who.access_code_id);
  return "user:" + std::to_string(who.user_id);
}

std::string base_of(const access::Organization& o) {
  return "/installations/" + o.number + "/admissions";
}

std::string trimmed(const http::Form& f, const std::string& name) {
  return std::string(text::trim(f.get(name).value_or("")));
}

bool bound(const access::Organization& o) {
  return admission::bound_by_rank(o.kind == OrgKind::installation ? "installation" : "other",
                                  o.installation_kind.value_or(""));
}

// Whether this request may reach the child by its id at this provider (see the file's comment).
bool reachable(db::Connection& c, const Request& req, std::int64_t org, std::int64_t child) {
  return ls::choice_of(c, child, org).has_value() ||
         ls::recently_found(c, who_key(req), org, child);
}

// An admission out of rank: the provider is bound by the réserve's order and the child is not
// the best-ranked who fits one of its open places (or not in its réserve).
bool out_of_rank(db::Connection& c, const access::Organization& o, std::int64_t child,
                 dates::Date today) {
  if (!bound(o)) return false;
  return !admission::in_rank(child, ls::ranked_reserve(c, o.id, today),
                             reserve_store::open_places(c, o.id));
}

// The declared criterion the ranking picked the child by at this provider, if so (admissions
// by priority are counted against the provider's share: ranking.hpp, rule 4).
std::optional<std::string> priority_of(db::Connection& c, const access::Organization& o,
                                       std::int64_t child, dates::Date today) {
  if (!bound(o)) return std::nullopt;
  for (const auto& r : ls::ranked_reserve(c, o.id, today))
    if (r.child_id == child) return r.priority;
  return std::nullopt;
}

std::string sex_words(const Request& req, const std::string& sex) {
  return t(req, sex == "F" ? "form.sex_f" : sex == "M" ? "form.sex_m" : "form.sex_x");
}

mstch::map schedule_view(const Request& req, const WeekMasks& week) {
  mstch::array days;
  for (int d = 0; d < 7; ++d) days.push_back(t(req, "day." + std::to_string(d)));
  mstch::array rows;
  for (const auto& [name, bit] : csg::kHalfPeriodNames) {
    mstch::array cells;
    for (size_t d = 0; d < 7; ++d)
      cells.push_back(mstch::map{{"checked", (week[d] & bit) != 0},
                                 {"label", t(req, "weekday." + std::to_string(d)) + ", " +
                                               t(req, std::string("half.") + name)}});
    rows.push_back(mstch::map{{"label", t(req, std::string("half.") + name)}, {"cells", cells}});
  }
  return mstch::map{{"days", days}, {"rows", rows}, {"edit", false}};
}

// The child's whole record as the provider reads it; special needs only when the parent shared
// them with this provider.
mstch::map record_view(const Request& req, const ls::Record& r, bool share_special_needs) {
  const auto& d = r.child.data;
  const auto& f = r.family;
  const auto& a = f.address;
  bool needs = d.special_needs && share_special_needs;
  return mstch::map{
      {"child_id", std::to_string(r.child.id)},
      {"child_name", d.given_name + " " + d.surname},
      {"confirmation_number", r.child.confirmation_number},
      {"birth_date", i18n::day_words(req.lang, d.birth_date)},
      {"sex", sex_words(req, d.sex)},
      {"special_needs", needs},
      {"special_needs_text", d.special_needs_text},
      {"desired_start", i18n::day_words(req.lang, d.desired_start)},
      {"schedule", schedule_view(req, d.schedule)},
      {"accept_partial", t(req, d.accept_partial ? "dossier.yes" : "dossier.no")},
      {"accept_replacement", t(req, d.accept_replacement ? "dossier.yes" : "dossier.no")},
      {"parent1", f.parent1_given_name + " " + f.parent1_surname},
      {"has_parent2", !f.parent2_surname.empty()},
      {"parent2", f.parent2_given_name + " " + f.parent2_surname},
      {"parent2_email", f.parent2_email},
      {"address", a.civic_number + " " + a.street + ", " + a.municipality + " " + a.postal_code},
      {"phone", phone_text(f.phone)},
      {"language", t(req, "account.lang_" + f.language)}};
}

struct FormState {
  std::string planned_start, reason;
  bool reopen = true;
  std::map<std::string, std::string> errors;  // field -> message
  std::string notice;                         // a whole-form message (already admitted)
};

Response new_page(const web::WebApp& web, const Request& req, db::Connection& c,
                  const access::Organization& o, const ls::Record& r, const FormState& s,
                  int status) {
  auto share = ls::choice_of(c, r.child.id, o.id);
  auto today = dates::today_in_quebec();
  bool needs_reason = out_of_rank(c, o, r.child.id, today);
  auto current = admission_store::current(c, r.child.id, o.id);
  mstch::array errors;
  mstch::map ctx = record_view(req, r, share.value_or(false));
  for (const auto& [field, text] : s.errors) {
    errors.push_back(mstch::map{{"anchor", field}, {"text", text}});
    ctx.emplace("err_" + field, text);
  }
  std::string name = r.child.data.given_name + " " + r.child.data.surname;
  ctx.insert(
      {{"org_name", o.name},
       {"action", base_of(o)},
       {"list_href", base_of(o)},
       {"in_reserve", share.has_value()},
       {"needs_reason", needs_reason},
       {"is_rsge", o.kind == OrgKind::rsge},
       {"already", current.has_value()},
       {"planned_start", s.planned_start.empty() ? r.child.data.desired_start : s.planned_start},
       {"reason", s.reason},
       {"reopen", s.reopen},
       {"max_reason", std::to_string(admission::kMaxReasonLength)},
       {"notice", s.notice},
       {"has_errors", !errors.empty()},
       {"errors", errors},
       {"breadcrumb_current", name},
       {"breadcrumbs", access::org_crumbs(req, {{t(req, "admit.list_title"), base_of(o)}})}});
  return web.page(req, "admit_new", "admit.new_title", std::move(ctx), status);
}

Response search_page(const web::WebApp& web, const Request& req, const access::Organization& o,
                     const std::string& number, const std::string& birth,
                     const std::map<std::string, std::string>& errors, const std::string& notice,
                     int status) {
  mstch::array list;
  mstch::map ctx;
  for (const auto& [field, text] : errors) {
    list.push_back(mstch::map{{"anchor", field}, {"text", text}});
    ctx.emplace("err_" + field, text);
  }
  ctx.insert(
      {{"org_name", o.name},
       {"action", base_of(o) + "/recherche"},
       {"number", number},
       {"birth_date", birth},
       {"notice", notice},
       {"has_errors", !list.empty()},
       {"errors", list},
       {"breadcrumbs", access::org_crumbs(req, {{t(req, "admit.list_title"), base_of(o)}})}});
  return web.page(req, "admit_search", "admit.search_title", std::move(ctx), status);
}

std::optional<std::int64_t> id_param(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  auto n = text::to_int(*v);
  if (!n || *n <= 0) return std::nullopt;
  return *n;
}

// ---------------------------------------------------------------------------------------------
// The sync API.

Response api_error(int status, const std::string& code, const std::string& message,
                   const std::string& field = "", const char* key = "field") {
  json e = {{"code", code}, {"message", message}};
  if (!field.empty()) e[key] = field;
  return Response::json({{"error", e}}, status);
}

json admission_json(const admission_store::Admission& a, const std::string& number) {
  json j = {{"id", a.id},
            {"confirmation_number", number},
            {"planned_start", a.planned_start},
            {"state", a.state},
            {"admitted_at", a.admitted_at}};
  j["confirmed_at"] = a.confirmed_at ? json(*a.confirmed_at) : json(nullptr);
  j["ended_at"] = a.ended_at ? json(*a.ended_at) : json(nullptr);
  j["dossier_id"] = a.dossier_id ? json(*a.dossier_id) : json(nullptr);
  j["out_of_rank_reason"] = a.out_of_rank_reason ? json(*a.out_of_rank_reason) : json(nullptr);
  return j;
}

Response api_admit(web::WebApp& web, Request& req) {
  bool en = req.lang == "en";
  const auto& o = *access::auth_of(req).target;
  if (req.body.size() > kMaxApiBody)
    return api_error(413, "too_large", en ? "The body is over 16 KB." : "Le corps dépasse 16 Ko.");
  auto body = csg::parse_body(req.body);
  if (!body.json) {
    auto where = std::to_string(body.stopped_at);
    return api_error(
        400, "bad_json",
        en ? "The body is not JSON: parsing stopped at byte " + where + "."
           : "Le corps n'est pas du JSON : la lecture s'est arrêtée à l'octet " + where + ".");
  }
  const auto& j = *body.json;
  if (!j.is_object())
    return api_error(400, "not_an_object",
                     en ? "The body must be a JSON object." : "Le corps doit être un objet JSON.");
  for (const char* field : {"confirmation_number", "birth_date", "planned_start"}) {
    if (!j.contains(field))
      return api_error(
          400, "missing_field",
          (en ? "The field is missing: " : "Le champ est absent : ") + std::string(field) + ".",
          field);
    if (!j[field].is_string())
      return api_error(400, "wrong_type",
                       (en ? "The field must be a string: " : "Le champ doit être un texte : ") +
                           std::string(field) + ".",
                       field);
  }
  std::optional<std::string> reason;
  if (j.contains("out_of_rank_reason") && !j["out_of_rank_reason"].is_null()) {
    if (!j["out_of_rank_reason"].is_string())
      return api_error(400, "wrong_type",
                       en ? "The field must be a string: out_of_rank_reason."
                          : "Le champ doit être un texte : out_of_rank_reason.",
                       "out_of_rank_reason");
    auto r = std::string(text::trim(j["out_of_rank_reason"].get<std::string>()));
    if (r.size() > admission::kMaxReasonLength)
      return api_error(422, "too_long",
                       en ? "out_of_rank_reason: at most 500 characters."
                          : "out_of_rank_reason : 500 caractères au plus.",
                       "out_of_rank_reason");
    if (!r.empty()) reason = r;
  }
  auto birth = dates::parse(j["birth_date"].get<std::string>());
  if (!birth)
    return api_error(400, "bad_date",
                     en ? "birth_date: a date as YYYY-MM-DD." : "birth_date : une date AAAA-MM-JJ.",
                     "birth_date");
  auto number = normalized_confirmation_number(j["confirmation_number"].get<std::string>());
  auto c = web.pool().acquire();
  auto who = who_key(req);
  auto [mine, from_address] = ls::recent_misses(*c, who, req.remote);
  if (admission::lookup_throttled(mine, from_address))
    return api_error(429, "throttled",
                     en ? "Too many confirmation numbers not found: try again in 15 minutes."
                        : "Trop de numéros introuvables : réessayez dans 15 minutes.");
  auto child = valid_confirmation_number(number) ? ls::find(*c, number, dates::format(*birth))
                                                 : std::nullopt;
  ls::record(*c, who, req.remote, o.id, child);
  if (!child)
    return api_error(
        404, "not_found",
        en ? "No child with this confirmation number and birth date."
           : "Aucun enfant avec ce numéro de confirmation et cette date de naissance.");
  auto today = dates::today_in_quebec();
  auto start_error =
      admission::planned_start_error(j["planned_start"].get<std::string>(), *birth, today);
  if (start_error)
    return api_error(422, "planned_start", "planned_start : " + t(req, *start_error),
                     "planned_start");
  db::Transaction tx(*c);
  if (auto current = admission_store::current(*c, *child, o.id))
    return api_error(409, "already_admitted",
                     en ? "The child is already admitted here." : "L'enfant est déjà admis ici.");
  if (!reason && out_of_rank(*c, o, *child, today))
    return api_error(422, "reason_required",
                     en ? "The child is not the next in rank of the réserve: give the reason in "
                          "out_of_rank_reason."
                        : "L'enfant n'est pas le prochain au rang de la réserve : donnez la raison "
                          "dans out_of_rank_reason.",
                     "out_of_rank_reason");
  if (reason && !out_of_rank(*c, o, *child, today)) reason.reset();
  admission_store::AdmitInput in;
  in.child_id = *child;
  in.organization_id = o.id;
  in.planned_start = *dates::parse(j["planned_start"].get<std::string>());
  in.out_of_rank_reason = reason;
  if (!reason) in.priority = priority_of(*c, o, *child, today);
  in.access_code_id = access::auth_of(req).who.access_code_id;
  auto id = admission_store::admit(*c, in);
  audit(*c, req, "create", "admission", std::to_string(id), "api", o.id);
  tx.commit();
  return Response::json(admission_json(*admission_store::by_id(*c, id), number), 201);
}

// ---------------------------------------------------------------------------------------------
// From admission to agreement (GES): the registry's dossier form filled from the family file.

// The admission named in the path, and the RSGE's number when the path names her BC. An
// installation reaches its own admissions; a BC, the confirmed admissions of its RSGE (her
// dossiers are the BC's, POR-06). nullopt (404) for any other.
struct PathAdmission {
  admission_store::Admission admission;
  std::string rsge;  // "" for an installation's
};
std::optional<PathAdmission> admission_param(db::Connection& c, const Request& req,
                                             const access::Organization& o) {
  auto id = id_param(req.params.at("admission"));
  if (!id) return std::nullopt;
  auto a = admission_store::by_id(c, *id);
  if (!a) return std::nullopt;
  if (o.kind != OrgKind::bc) {
    if (a->organization_id != o.id) return std::nullopt;
    return PathAdmission{*a, ""};
  }
  auto rsge =
      c.run("SELECT number FROM organizations WHERE id = $1 AND kind = 'rsge' AND parent_id = $2",
            a->organization_id, o.id);
  if (rsge.empty() || a->state != "confirmed") return std::nullopt;
  return PathAdmission{*a, rsge.first().str(0)};
}

// The dossier as the family file and the admission give it: the child's names, birth date and
// sex; the first parent as the guardian, at the family's address, the second as the other
// guardian; the age bracket on the planned start; one agreement from the planned start with the
// desired schedule (reduced contribution at a CPE or a subsidized garderie).
json dossier_record(const ls::Record& r, const admission_store::Admission& a,
                    const access::Organization& o, const std::string& rsge) {
  const auto& d = r.child.data;
  const auto& f = r.family;
  csg::Dossier dossier;
  dossier.child.surname = d.surname;
  dossier.child.given_name = d.given_name;
  dossier.child.sex = d.sex == "F" ? csg::Sex::F : d.sex == "M" ? csg::Sex::M : csg::Sex::X;
  auto birth = dates::parse(d.birth_date);
  dossier.child.birth_date = birth;
  dossier.guardian.surname = f.parent1_surname;
  dossier.guardian.given_name = f.parent1_given_name;
  auto& ad = dossier.guardian.address;
  ad.civic_number = f.address.civic_number;
  ad.street = f.address.street;
  ad.municipality = f.address.municipality;
  ad.postal_code = f.address.postal_code;
  if (!f.parent2_surname.empty()) {
    csg::Adult other;
    other.surname = f.parent2_surname;
    other.given_name = f.parent2_given_name;
    dossier.other_guardian = other;
  }
  auto start = dates::parse(a.planned_start).value_or(dates::today_in_quebec());
  auto group = ranking::age_group_on(birth.value_or(start), start);
  dossier.age_brackets.push_back({group == ranking::AgeGroup::infant    ? csg::Bracket::infant
                                  : group == ranking::AgeGroup::toddler ? csg::Bracket::toddler
                                                                        : csg::Bracket::school,
                                  start});
  csg::Agreement agreement;
  agreement.ref = "A1";
  agreement.start = start;
  agreement.reduced_contribution = bound(o) || !rsge.empty();
  agreement.is_signed = true;
  agreement.schedule = csg::Schedule{1, {d.schedule.begin(), d.schedule.end()}};
  dossier.agreements.push_back(agreement);
  auto record = csg::to_json(dossier);
  record.erase("ref");
  if (!rsge.empty()) record["rsge"] = rsge;
  return record;
}

}  // namespace

void dossier_services_ended(db::Connection& c, std::int64_t dossier_id, dates::Date today) {
  if (auto a = ls::by_dossier(c, dossier_id)) ls::end_admission(c, a->id, today);
}

csg::store::SaveListener admission_listener() {
  return {[](const csg::Dossier& d) -> std::string {
            if (d.agreements.empty()) return "";
            for (const auto& a : d.agreements)
              if (!a.termination) return "";
            return "ended";
          },
          [](db::Connection& c, std::int64_t dossier_id, const std::string& kept) {
            if (kept == "ended") dossier_services_ended(c, dossier_id, dates::today_in_quebec());
          }};
}

void add_admission_routes(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  // POR-04: the installation or the RSGE, with "Gérer la fiche et les admissions" (the RSE; the
  // BC under an RSGE's mandate, POR-05: see access::authorize()).
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});
  const std::string base = "/installations/{installation}/admissions";

  router.add("GET", base + "/recherche", manage, [&web](Request& req) {
    return search_page(web, req, *access::auth_of(req).target, "", "", {}, "", 200);
  });

  router.add("POST", base + "/recherche", manage, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto typed_number = trimmed(*form.form, "confirmation_number");
    auto typed_birth = trimmed(*form.form, "birth_date");
    std::map<std::string, std::string> errors;
    if (typed_number.empty())
      errors["confirmation_number"] =
          t(req, "admit.field.confirmation_number") + " : " + t(req, "admit.err.required");
    if (typed_birth.empty())
      errors["birth_date"] =
          t(req, "admit.field.birth_date") + " : " + t(req, "admit.err.required");
    else if (!dates::parse(typed_birth))
      errors["birth_date"] = t(req, "admit.field.birth_date") + " : " + t(req, "admit.err.date");
    if (!errors.empty())
      return search_page(web, req, o, typed_number, typed_birth, errors, "", 422);
    auto c = pool.acquire();
    auto who = who_key(req);
    auto [mine, from_address] = ls::recent_misses(*c, who, req.remote);
    if (admission::lookup_throttled(mine, from_address))
      return search_page(web, req, o, typed_number, typed_birth, {}, t(req, "admit.throttled"),
                         429);
    auto number = normalized_confirmation_number(typed_number);
    auto birth = dates::format(*dates::parse(typed_birth));
    auto child = valid_confirmation_number(number) ? ls::find(*c, number, birth) : std::nullopt;
    db::Transaction tx(*c);
    ls::record(*c, who, req.remote, o.id, child);
    if (!child) {
      audit(*c, req, "read", "portail_child", "", "admission_lookup_miss", o.id);
      tx.commit();
      return search_page(web, req, o, typed_number, typed_birth, {}, t(req, "admit.not_found"),
                         422);
    }
    audit(*c, req, "read", "portail_child", std::to_string(*child), "admission_lookup", o.id);
    tx.commit();
    return Response::redirect(base_of(o) + "/nouvelle?enfant=" + std::to_string(*child), 303);
  });

  router.add("GET", base + "/nouvelle", manage, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto child = id_param(req.query("enfant"));
    if (!child) return web.error(404, req);
    auto c = pool.acquire();
    if (!reachable(*c, req, o.id, *child)) return web.error(404, req);
    auto record = ls::record_of(*c, *child);
    if (!record) return web.error(404, req);
    audit(*c, req, "read", "portail_child", std::to_string(*child), "admission_form", o.id);
    return new_page(web, req, *c, o, *record, {}, 200);
  });

  router.add("POST", base, manage, [&web, &pool](Request& req) {
    const auto& a = access::auth_of(req);
    const auto& o = *a.target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto child = id_param(form.form->get("enfant"));
    if (!child) return web.error(404, req);
    auto c = pool.acquire();
    if (!reachable(*c, req, o.id, *child)) return web.error(404, req);
    auto record = ls::record_of(*c, *child);
    if (!record) return web.error(404, req);
    FormState s;
    s.planned_start = trimmed(*form.form, "planned_start");
    s.reason = trimmed(*form.form, "reason");
    s.reopen = form.form->get("reopen").value_or("") == "yes";
    auto today = dates::today_in_quebec();
    auto birth = dates::parse(record->child.data.birth_date).value_or(today);
    if (auto e = admission::planned_start_error(s.planned_start, birth, today))
      s.errors["planned_start"] = t(req, "admit.field.planned_start") + " : " + t(req, *e);
    if (s.reason.size() > admission::kMaxReasonLength)
      s.errors["reason"] = t(req, "admit.field.reason") + " : " + t(req, "admit.err.too_long");
    db::Transaction tx(*c);
    if (admission_store::current(*c, *child, o.id)) {
      s.notice = t(req, "admit.already");
      return new_page(web, req, *c, o, *record, s, 409);
    }
    bool oor = out_of_rank(*c, o, *child, today);
    if (oor && s.reason.empty() && !s.errors.count("reason"))
      s.errors["reason"] =
          t(req, "admit.field.reason") + " : " + t(req, "admit.err.reason_required");
    if (!s.errors.empty()) return new_page(web, req, *c, o, *record, s, 422);
    admission_store::AdmitInput in;
    in.child_id = *child;
    in.organization_id = o.id;
    in.planned_start = *dates::parse(s.planned_start);
    if (oor)
      in.out_of_rank_reason = s.reason;
    else
      in.priority = priority_of(*c, o, *child, today);
    in.user_id = a.who.user_id;
    auto id = admission_store::admit(*c, in);
    ls::set_reopen_place(*c, id, s.reopen);
    audit(*c, req, "create", "admission", std::to_string(id),
          oor ? "admitted_out_of_rank" : "admitted", o.id);
    tx.commit();
    return Response::redirect(base_of(o) + "?admise=" + std::to_string(id), 303);
  });

  router.add("GET", base, manage, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto page = listing::page_of(req.query("page"));
    auto c = pool.acquire();
    auto total = ls::count_admissions(*c, o.id);
    auto rows = ls::admissions_of(*c, o.id, kPageSize, static_cast<int>((page - 1) * kPageSize));
    bool rsge = o.kind == OrgKind::rsge;
    bool may_enter = access::may(req, access::Right::enter_dossiers);
    // An RSGE's dossiers are her BC's: the form and the dossier are at the BC's number.
    std::string dossiers_at = o.number;
    if (rsge && o.parent_id) {
      auto bc =
          c->run("SELECT number FROM organizations WHERE id = $1 AND kind = 'bc'", *o.parent_id);
      dossiers_at = bc.empty() ? "" : bc.first().str(0);
    }
    mstch::array items;
    for (const auto& r : rows) {
      const auto& ad = r.admission;
      std::string state = t(req, admission::state_key(ad.state));
      if (rsge && ad.state == "admitted") state = t(req, "admit.state.waiting_bc");
      bool may_create =
          !ad.dossier_id && (ad.state == "confirmed" || (!rsge && ad.state == "admitted"));
      items.push_back(mstch::map{
          {"name", r.child_name},
          {"planned_start", i18n::day_words(req.lang, ad.planned_start)},
          {"state", state},
          {"state_class", ad.state},
          {"out_of_rank", ad.out_of_rank_reason.has_value()},
          {"has_dossier", ad.dossier_id.has_value()},
          {"dossier_href",
           "/installations/" + dossiers_at + "/dossiers/" + text::url_encode(r.dossier_ref)},
          {"may_create", may_create && !dossiers_at.empty() && (rsge || may_enter)},
          {"create_href",
           "/installations/" + dossiers_at + "/admissions/" + std::to_string(ad.id) + "/dossier"}});
    }
    audit(*c, req, "read", "admission", "", "admission_list", o.id);
    auto just = id_param(req.query("admise"));
    mstch::map ctx{{"org_name", o.name},
                   {"rows", items},
                   {"has_rows", !items.empty()},
                   {"search_href", base_of(o) + "/recherche"},
                   {"admitted", just.has_value()},
                   {"is_rsge", rsge},
                   {"pager", listing::pager(req.lang, page, kPageSize, total,
                                            [&](std::int64_t p) {
                                              return base_of(o) + "?page=" + std::to_string(p);
                                            })},
                   {"breadcrumbs", access::org_crumbs(req, {})}};
    return web.page(req, "admit_list", "admit.list_title", std::move(ctx));
  });

  // GES: "Créer le dossier" from an installation's admission, or from an RSGE's confirmed one at
  // her BC (the RSGE's dossiers are the BC's): the registry's form, pre-filled; saving it links
  // the admission to the dossier. The right to enter dossiers is needed too.
  const auto inst =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "bc"});
  router.add("GET", base + "/{admission}/dossier", inst, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    if (!access::may(req, access::Right::enter_dossiers)) return web.error(403, req);
    json record;
    std::int64_t id = 0;
    {
      auto c = pool.acquire();
      auto found = admission_param(*c, req, o);
      if (!found) return web.error(404, req);
      const auto& a = found->admission;
      if (a.dossier_id || (a.state != "admitted" && a.state != "confirmed"))
        return Response::redirect(
            found->rsge.empty() ? base_of(o) : "/installations/" + found->rsge + "/admissions",
            303);
      auto child = ls::record_of(*c, a.child_id);
      if (!child) return web.error(404, req);
      audit(*c, req, "read", "portail_child", std::to_string(a.child_id), "dossier_from_admission",
            o.id);
      record = dossier_record(*child, a, o, found->rsge);
      id = a.id;
    }
    return csg::prefilled_form(web, req, std::move(record),
                               base_of(o) + "/" + std::to_string(id) + "/dossier");
  });
  router.add("POST", base + "/{admission}/dossier", inst, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    if (!access::may(req, access::Right::enter_dossiers)) return web.error(403, req);
    std::int64_t id = 0;
    {
      auto c = pool.acquire();
      auto found = admission_param(*c, req, o);
      if (!found) return web.error(404, req);
      const auto& a = found->admission;
      if (a.dossier_id || (a.state != "admitted" && a.state != "confirmed"))
        return Response::redirect(
            found->rsge.empty() ? base_of(o) : "/installations/" + found->rsge + "/admissions",
            303);
      id = a.id;
    }
    std::string ref;
    auto res =
        csg::post_prefilled(web, req, base_of(o) + "/" + std::to_string(id) + "/dossier", &ref);
    if (!ref.empty()) {
      auto c = pool.acquire();
      if (auto stored = csg::store::find_dossier(*c, o.id, ref)) {
        db::Transaction tx(*c);
        ls::link_dossier(*c, id, stored->id);
        audit(*c, req, "update", "admission", std::to_string(id), "dossier_linked", o.id);
        tx.commit();
      }
    }
    return res;
  });

  // The ministry: out-of-rank admissions of CPE and subsidized garderies, per provider.
  router.add("GET", "/ministere/admissions-hors-rang", Access::ministry(),
             [&web, &pool](Request& req) {
               auto c = pool.acquire();
               auto rows = ls::out_of_rank(*c, 1000);
               mstch::array providers;
               std::string last;
               for (const auto& r : rows) {
                 if (r.provider_number != last) {
                   providers.push_back(mstch::map{{"name", r.provider_name},
                                                  {"number", r.provider_number},
                                                  {"rows", mstch::array{}}});
                   last = r.provider_number;
                 }
                 auto& p = boost::get<mstch::map>(providers.back());
                 boost::get<mstch::array>(p["rows"]).push_back(
                     mstch::map{{"admitted_on", r.admitted_at.substr(0, 10)},
                                {"planned_start", r.planned_start},
                                {"state", t(req, admission::state_key(r.state))},
                                {"reason", r.reason}});
               }
               audit(*c, req, "read", "admission", "", "out_of_rank_list");
               return web.page(req, "admit_out_of_rank", "admit.oor_title",
                               {{"providers", providers}, {"has_rows", !providers.empty()}});
             });

  // The sync API (spec/api.md): the provider's management software with its access code.
  const auto code = Access::api_code("installation").of_kinds({"installation", "rsge"});
  const std::string api = "/api/v1/installations/{installation}";
  router.add("POST", api + "/admissions", code,
             [&web](Request& req) { return api_admit(web, req); });

  router.add("GET", api + "/admissions", code, [&web](Request& req) {
    const auto& o = *access::auth_of(req).target;
    bool en = req.lang == "en";
    auto page =
        req.query("page") ? text::to_int(*req.query("page")) : std::optional<std::int64_t>(1);
    if (!page || *page < 1 || *page > 1000000)
      return api_error(
          400, "bad_page",
          en ? "page: a whole number from 1." : "page : un nombre entier à partir de 1.", "page",
          "parameter");
    auto c = web.pool().acquire();
    auto total = ls::count_admissions(*c, o.id);
    auto rows = ls::admissions_of(*c, o.id, kPageSize, static_cast<int>((*page - 1) * kPageSize));
    json items = json::array();
    for (const auto& r : rows) items.push_back(admission_json(r.admission, r.confirmation_number));
    audit(*c, req, "read", "admission", "", "api_list", o.id);
    return Response::json(
        {{"admissions", items}, {"page", *page}, {"page_size", kPageSize}, {"total", total}});
  });

  router.add("GET", api + "/events", code, [&web](Request& req) {
    const auto& o = *access::auth_of(req).target;
    bool en = req.lang == "en";
    std::int64_t after = 0;
    int limit = 100;
    if (auto v = req.query("after")) {
      auto n = text::to_int(*v);
      if (!n || *n < 0)
        return api_error(
            400, "bad_after",
            en ? "after: a whole number, 0 or more." : "after : un nombre entier, 0 ou plus.",
            "after", "parameter");
      after = *n;
    }
    if (auto v = req.query("limit")) {
      auto n = text::to_int(*v);
      if (!n || *n < 1 || *n > kMaxEvents)
        return api_error(
            400, "bad_limit",
            en ? "limit: a whole number from 1 to 500." : "limit : un nombre entier de 1 à 500.",
            "limit", "parameter");
      limit = static_cast<int>(*n);
    }
    auto c = web.pool().acquire();
    json items = json::array();
    std::int64_t last = after;
    for (const auto& e : events::after(*c, o.id, after, limit)) {
      items.push_back({{"seq", e.seq},
                       {"kind", e.kind},
                       {"data", json::parse(e.data, nullptr, false)},
                       {"created_at", e.created_at}});
      last = e.seq;
    }
    return Response::json({{"events", items}, {"next_after", last}});
  });
}

}  // namespace sgee::portail
