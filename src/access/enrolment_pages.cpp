// Enterprise enrolment (ACC-01..03): the authorized representative's form, immediate activation
// for an officer with matching identifiers, and the ministry agents' queue for the others.
#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
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
    auto decision =
        decide_enrolment(r, valid_neq(r.neq) ? store::enterprise(*c, r.neq) : std::nullopt);
    if (!decision.messages.empty())
      return web.page(req, "enrol", "enrol.title", form_context(req, r, decision.messages), 422);
    db::Transaction tx(*c);
    auto id = store::add_enrolment(*c, r);
    auto division = store::division_by_neq(*c, r.neq);
    mstch::map result{{"number", std::to_string(id)}, {"entity", r.entity_name}};
    if (decision.immediate && division) {
      auto activation = store::activate_enrolment(*c, id, *division, std::nullopt);
      result["active"] = true;
      result["user_code"] = activation.user_code;
      result["password"] = activation.temporary_password;
      result["rse_name"] = r.rse_given_name + " " + r.rse_surname;
    } else {
      result["reason"] = i18n::t(req.lang, decision.immediate ? "acc.deferred.unknown_provider"
                                                              : decision.deferred_reason);
    }
    tx.commit();
    return web.page(req, "enrol_result", "enrol.result_title", result, 201);
  });

  router.add("GET", "/ministere/inscriptions", Access::ministry(), [&web, &pool](Request& req) {
    auto c = pool.acquire();
    mstch::array rows;
    for (const auto& e : store::enrolments(*c, "pending")) {
      auto division = store::division_by_neq(*c, e.request.neq);
      auto record = store::enterprise(*c, e.request.neq);
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
          {"division", division ? division->name + " (" + division->number + ")" : std::string()},
          {"has_division", division.has_value()}});
    }
    return web.page(
        req, "ministry_enrolments", "ministry.enrolments_title",
        {{"rows", rows}, {"empty", rows.empty()}, {"done", req.query("done").value_or("")}});
  });

  router.add(
      "POST", "/ministere/inscriptions/{enrolment}/activer", Access::ministry(),
      [&web, &pool](Request& req) {
        auto id = text::to_int(req.params["enrolment"]);
        auto c = pool.acquire();
        auto e = id ? store::enrolment(*c, *id) : std::nullopt;
        if (!e || e->status != "pending") return web.error(404, req);
        auto division = store::division_by_neq(*c, e->request.neq);
        if (!division) return web.error(409, req);
        db::Transaction tx(*c);
        auto activation = store::activate_enrolment(*c, *id, *division, auth_of(req).who.user_id);
        tx.commit();
        return web.page(req, "enrol_result", "enrol.result_title",
                        {{"active", true},
                         {"by_agent", true},
                         {"number", std::to_string(*id)},
                         {"entity", e->request.entity_name},
                         {"user_code", activation.user_code},
                         {"password", activation.temporary_password},
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
