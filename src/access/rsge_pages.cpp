// POR-05: an RSGE (a home-based provider, her own RSE) authorizes her BC to admit children on
// her behalf, or withdraws that authorization. While it stands, the BC's staff holding
// "Gérer la fiche et les admissions" on the BC or on her may admit for her (see authorize()).
#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

void add_rsge_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  // Only the RSGE's side holds manage_rights on an RSGE: the BC's never reaches it.
  const auto own = Access::with_right("manage_rights", "rsge").of_kinds({"rsge"});

  router.add("GET", "/rsge/{rsge}/mandat", own, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto rsge = store::rsge_by_number(*c, req.params.at("rsge"));
    if (!rsge || !rsge->parent_id) return web.error(404, req);
    auto bc = store::organization(*c, *rsge->parent_id);
    auto mandate = store::bc_mandate(*c, rsge->id);
    mstch::map ctx{{"number", rsge->number},
                   {"name", rsge->name},
                   {"bc_name", bc ? bc->name : std::string()},
                   {"bc_number", bc ? bc->number : std::string()},
                   {"granted", mandate.has_value()},
                   {"saved", req.query("enregistre").has_value()}};
    if (mandate) {
      ctx["granted_on"] = mandate->granted_at.substr(0, 10);
      ctx["granted_by"] = mandate->granted_by;
    }
    return web.page(req, "rsge_mandate", "mandate.title", ctx);
  });

  router.add("POST", "/rsge/{rsge}/mandat", own, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto choice = form.form->get("mandate").value_or("");
    if (choice != "grant" && choice != "withdraw") return web.error(400, req);
    auto c = pool.acquire();
    auto rsge = store::rsge_by_number(*c, req.params.at("rsge"));
    if (!rsge) return web.error(404, req);
    if (choice == "withdraw")
      if (auto ask = web.confirm_first(
              req, *form.form,
              {i18n::t(req.lang, "forms.mandate_withdraw_q"), rsge->name,
               i18n::t(req.lang, "mandate.withdraw"), "/rsge/" + rsge->number + "/mandat"}))
        return std::move(*ask);
    db::Transaction tx(*c);
    bool had = store::bc_mandate(*c, rsge->id).has_value();
    if (choice == "grant" && !had) store::grant_bc_mandate(*c, rsge->id, a.who.user_id);
    if (choice == "withdraw" && had) store::withdraw_bc_mandate(*c, rsge->id);
    if (had != (choice == "grant"))
      store::audit(*c, {.user_id = a.who.user_id,
                        .organization_id = rsge->id,
                        .action = choice == "grant" ? "grant" : "revoke",
                        .record_type = "bc_mandate",
                        .record_id = rsge->number,
                        .address = req.remote,
                        .request_id = req.request_id});
    tx.commit();
    return Response::redirect("/rsge/" + rsge->number + "/mandat?enregistre=1", 303);
  });
}

}  // namespace sgee::access
