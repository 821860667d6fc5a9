// Enterprise enrolment (ACC-01..03, ACC-02 as amended by issue 11): the authorized
// representative's form, immediate activation for an officer who proves control of an entity that
// has no RSE yet (the secrets the ministry holds), the ministry agents' queue for the others, the
// current RSE told at once of a request for their entity, and attempts throttled and audited.
#include <chrono>

#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

const std::vector<std::string> kFields = {"legal_form",
                                          "neq",
                                          "assessment_number",
                                          "invitation_code",
                                          "entity_name",
                                          "representative_surname",
                                          "representative_given_name",
                                          "representative_role",
                                          "representative_email",
                                          "rse_surname",
                                          "rse_given_name",
                                          "rse_email"};

EnrolmentRequest request_from(const http::Form& f) {
  auto v = [&](const char* name) { return std::string(text::trim(f.get(name).value_or(""))); };
  return {v("legal_form"),
          v("neq"),
          v("assessment_number"),
          v("invitation_code"),
          v("entity_name"),
          v("representative_surname"),
          v("representative_given_name"),
          v("representative_role"),
          v("representative_email"),
          v("rse_surname"),
          v("rse_given_name"),
          v("rse_email")};
}

// The form's values, the legal-form radio state and each field's message.
mstch::map form_context(const Request& req, const EnrolmentRequest& r,
                        const std::vector<Message>& messages) {
  const std::vector<std::string> values = {r.legal_form,
                                           r.neq,
                                           r.assessment_number,
                                           r.invitation_code,
                                           r.entity_name,
                                           r.representative_surname,
                                           r.representative_given_name,
                                           r.representative_role,
                                           r.representative_email,
                                           r.rse_surname,
                                           r.rse_given_name,
                                           r.rse_email};
  mstch::map ctx;
  for (size_t i = 0; i < kFields.size(); ++i) ctx[kFields[i]] = values[i];
  for (const char* form : {"sole", "corporation", "nonprofit", "partnership"})
    ctx[std::string("is_") + form] = r.legal_form == form;
  mstch::array summary;
  for (const auto& m : messages) {
    std::string text = i18n::t(req.lang, m.text_key) + " (" + m.code + ")";
    if (!ctx.count("err_" + m.field)) ctx["err_" + m.field] = text;
    summary.push_back(mstch::map{{"field", m.field}, {"text", text}});
  }
  ctx["errors"] = summary;
  ctx["has_errors"] = !messages.empty();
  return ctx;
}

// Both languages, French first: e-mails go to people whose language the server does not know.
std::string both(const std::string& key) {
  return i18n::t("fr", key) + "\n\n---\n\n" + i18n::t("en", key);
}
std::string both_subject(const std::string& key) {
  return i18n::t("fr", key) + " / " + i18n::t("en", key);
}

// What the e-mails say of a request (names and addresses as typed; no identifier).
std::string request_summary(std::int64_t id, const EnrolmentRequest& r) {
  return "\n\nNo / #" + std::to_string(id) + " — " + r.entity_name + " (NEQ " + r.neq + ")\n" +
         i18n::t("fr", "ministry.representative") + " / " +
         i18n::t("en", "ministry.representative") + " : " + r.representative_given_name + " " +
         r.representative_surname + ", " + r.representative_role + " <" + r.representative_email +
         ">\n" + i18n::t("fr", "ministry.rse") + " : " + r.rse_given_name + " " + r.rse_surname +
         " <" + r.rse_email + ">\n";
}

// One audit row per attempt, under the NEQ as typed.
void audit_attempt(db::Connection& c, const Request& req, const std::string& neq,
                   std::optional<std::int64_t> division, const std::string& detail) {
  store::audit(c, {.organization_id = division,
                   .action = "enrol_attempt",
                   .record_type = "enrolment",
                   .record_id = neq.substr(0, 32),
                   .detail = detail,
                   .address = req.remote,
                   .request_id = req.request_id});
}

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ",") + k;
  return out;
}

}  // namespace

void add_enrolment_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();

  router.add("GET", "/inscription-entreprise", Access::anyone(), [&web](Request& req) {
    return web.page(req, "enrol", "enrol.title", form_context(req, {}, {}));
  });

  router.add("POST", "/inscription-entreprise", Access::anyone(), [&web, &pool](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto r = request_from(*form.form);
    auto c = pool.acquire();
    // Throttled per NEQ and per address: deferred attempts in the last hour (stored rows).
    auto [per_neq, per_address] = store::recent_enrolment_attempts(*c, r.neq, req.remote);
    if (enrolment_throttled(per_neq, per_address)) {
      log::info("enrolment throttled", {{"id", req.request_id}});
      {
        db::Transaction tx(*c);
        store::record_enrolment_attempt(*c, r.neq, req.remote, "throttled");
        audit_attempt(*c, req, r.neq, std::nullopt, "throttled");
        tx.commit();
      }
      auto ctx = form_context(req, r, {});
      ctx["throttled"] = i18n::t(req.lang, "enrol.throttled");
      auto res = web.page(req, "enrol", "enrol.title", ctx, 429);
      res.set("Retry-After", std::to_string(std::chrono::seconds(kEnrolmentWindow).count()));
      return res;
    }
    bool neq_ok = valid_neq(r.neq);
    auto record = neq_ok ? store::enterprise(*c, r.neq) : std::nullopt;
    auto checked = decide_enrolment(r, record);
    if (!checked.messages.empty()) {
      std::string keys;  // the rules' text keys: the audit log shows them in words
      for (const auto& m : checked.messages) keys += (keys.empty() ? "" : ",") + m.text_key;
      db::Transaction tx(*c);
      store::record_enrolment_attempt(*c, r.neq, req.remote, "invalid");
      audit_attempt(*c, req, r.neq, std::nullopt, "invalid: " + keys);
      tx.commit();
      return web.page(req, "enrol", "enrol.title", form_context(req, r, checked.messages), 422);
    }
    auto division = neq_ok ? store::division_by_neq(*c, r.neq) : std::nullopt;
    EnrolmentFacts facts;
    if (record)
      facts.matched = store::match_identifiers(*c, r.neq, r.assessment_number, r.invitation_code);
    db::Transaction tx(*c);
    std::vector<store::User> rses;
    if (division) {
      store::lock_organization(*c, division->id);  // one decision at a time per division
      rses = store::rses_of(*c, division->id);
    }
    facts.has_rse = !rses.empty();
    auto decision = decide_enrolment(r, record, facts);
    auto reasons = decision.deferred_reasons;
    // A register entry with no division of that NEQ in the ministry's register yet.
    if (decision.immediate && !division) reasons = {"acc.deferred.unknown_provider"};
    bool immediate = reasons.empty();
    auto id = store::add_enrolment(*c, r, reasons);
    mstch::map result{{"number", std::to_string(id)}, {"entity", r.entity_name}};
    if (immediate) {
      auto activation = store::activate_enrolment(*c, id, *division, std::nullopt);
      result["active"] = true;
      result["user_code"] = activation.user_code;
      result["password"] = activation.temporary_password;
      result["rse_name"] = r.rse_given_name + " " + r.rse_surname;
    } else {
      result["reason"] = i18n::t(req.lang, reasons.front());
      // The entity's current RSE learns of the request at once; nothing changes until an agent
      // decides.
      for (const auto& rse : rses)
        if (rse.email)
          store::queue_mail(*c, *rse.email, both_subject("mail.enrol_rse_subject"),
                            both("mail.enrol_rse_body") + request_summary(id, r));
    }
    store::record_enrolment_attempt(*c, r.neq, req.remote, immediate ? "immediate" : "deferred");
    audit_attempt(*c, req, r.neq, division ? std::optional(division->id) : std::nullopt,
                  (immediate ? "immediate, enrolment " : "deferred, enrolment ") +
                      std::to_string(id) + (immediate ? "" : ": " + joined(reasons)));
    tx.commit();
    return web.page(req, "enrol_result", "enrol.result_title", result, 201);
  });

  // The queue: each request with the reasons it waits and, when the entity already has an RSE,
  // who that is (activating replaces them, which the agent must confirm).
  auto queue = [&web, &pool](Request& req, const std::string& error, int status) {
    auto c = pool.acquire();
    mstch::array rows;
    for (const auto& e : store::enrolments(*c, "pending")) {
      auto division = store::division_by_neq(*c, e.request.neq);
      auto record = store::enterprise(*c, e.request.neq);
      mstch::array reasons;
      for (const auto& key : e.deferred_reasons)
        reasons.push_back(mstch::map{{"text", i18n::t(req.lang, "queue." + key)}});
      std::string current;
      if (division)
        for (const auto& u : store::rses_of(*c, division->id))
          current += (current.empty() ? "" : ", ") + u.given_name + " " + u.surname + " (" +
                     u.user_code.value_or("") + ")";
      rows.push_back(mstch::map{
          {"id", std::to_string(e.id)},
          {"entity", e.request.entity_name},
          {"neq", e.request.neq},
          {"legal_form", i18n::t(req.lang, "legal_form." + e.request.legal_form)},
          {"representative", e.request.representative_given_name + " " +
                                 e.request.representative_surname + ", " +
                                 e.request.representative_role},
          {"representative_email", e.request.representative_email},
          {"rse", e.request.rse_given_name + " " + e.request.rse_surname + " <" +
                      e.request.rse_email + ">"},
          {"created", e.created_at.substr(0, 10)},
          {"in_register", record.has_value()},
          {"reasons", reasons},
          {"has_reasons", !reasons.empty()},
          {"current_rse", current},
          {"has_rse", !current.empty()},
          {"division", division ? division->name + " (" + division->number + ")" : std::string()},
          {"has_division", division.has_value()}});
    }
    mstch::map ctx{
        {"rows", rows}, {"empty", rows.empty()}, {"done", req.query("done").value_or("")}};
    if (!error.empty()) ctx["error"] = i18n::t(req.lang, error);
    return web.page(req, "ministry_enrolments", "ministry.enrolments_title", ctx, status);
  };

  router.add("GET", "/ministere/inscriptions", Access::ministry(),
             [queue](Request& req) { return queue(req, "", 200); });

  router.add("POST", "/ministere/inscriptions/{enrolment}/activer", Access::ministry(),
             [&web, &pool, queue](Request& req) {
               auto id = text::to_int(req.params["enrolment"]);
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               bool replace = form.form->get("replace_rse").value_or("") == "1";
               auto c = pool.acquire();
               auto e = id ? store::enrolment(*c, *id) : std::nullopt;
               if (!e || e->status != "pending") return web.error(404, req);
               auto division = store::division_by_neq(*c, e->request.neq);
               if (!division) return web.error(409, req);
               std::optional<store::Activation> activation;
               {
                 db::Transaction tx(*c);
                 store::lock_organization(*c, division->id);  // one decision at a time per division
                 // Replacing an entity's RSE is an explicit decision: the agent ticks the box.
                 if (replace || store::rses_of(*c, division->id).empty()) {
                   try {
                     activation = store::activate_enrolment(
                         *c, *id, *division, auth_of(req).who.user_id,
                         both_subject("mail.rse_replaced_subject"),
                         both("mail.rse_replaced_body") + request_summary(*id, e->request));
                   } catch (const store::Refused&) {
                     return web.error(404, req);  // decided by another agent meanwhile
                   }
                   tx.commit();
                 }
               }
               if (!activation) return queue(req, "ministry.replace_rse_required", 409);
               return web.page(
                   req, "enrol_result", "enrol.result_title",
                   {{"active", true},
                    {"by_agent", true},
                    {"number", std::to_string(*id)},
                    {"entity", e->request.entity_name},
                    {"user_code", activation->user_code},
                    {"password", activation->temporary_password},
                    {"rse_name", e->request.rse_given_name + " " + e->request.rse_surname}});
             });

  router.add("POST", "/ministere/inscriptions/{enrolment}/refuser", Access::ministry(),
             [&web, &pool](Request& req) {
               auto id = text::to_int(req.params["enrolment"]);
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto reason = std::string(text::trim(form.form->get("reason").value_or("")));
               auto c = pool.acquire();
               auto e = id ? store::enrolment(*c, *id) : std::nullopt;
               if (!e || e->status != "pending") return web.error(404, req);
               if (reason.empty() || reason.size() > 500) return web.error(400, req);
               db::Transaction tx(*c);
               store::refuse_enrolment(*c, *id, auth_of(req).who.user_id, reason);
               tx.commit();
               return Response::redirect("/ministere/inscriptions?done=refused", 303);
             });
}

}  // namespace sgee::access
