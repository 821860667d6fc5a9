#include "portail/priority_pages.hpp"

#include <algorithm>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"
#include "portail/audit.hpp"
#include "portail/fiche_store.hpp"
#include "portail/priority_store.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;

constexpr size_t kMaxFormBytes = 16 * 1024;

// Priorities apply to a CPE and a subsidized garderie (GS) only.
bool priorities_apply(const access::Organization& o) {
  if (o.kind != OrgKind::installation) return false;
  auto kind = text::lower(o.installation_kind.value_or(""));
  return kind == "cpe" || kind == "gs";
}

std::string kind_label(const std::string& lang, const access::Organization& o) {
  if (o.kind == OrgKind::rsge) return i18n::t(lang, "fiche.kind_rsge");
  return i18n::t(lang, "org.kind_" + text::lower(o.installation_kind.value_or("cpe")));
}

std::string codes_text(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) out += (out.empty() ? "" : ",") + code;
  return out;
}

Response priorities_page(const web::WebApp& web, const Request& req, const access::Organization& o,
                         const std::vector<std::string>& known,
                         const std::optional<priority_store::Stored>& stored,
                         const std::vector<std::string>& ticked, const std::string& share,
                         const std::vector<FieldError>& errors, int status) {
  const auto& lang = req.lang;
  mstch::map ctx{{"name", o.name},
                 {"number", o.number},
                 {"kind", kind_label(lang, o)},
                 {"applies", priorities_apply(o)},
                 {"action", "/installations/" + o.number + "/priorites"},
                 {"max", std::to_string(ranking::kMaxPriorities)},
                 {"max_share", std::to_string(ranking::kMaxPrioritySharePercent)},
                 {"share", share},
                 {"saved", req.query("enregistre").has_value()},
                 {"has_stored", stored.has_value()},
                 {"updated_at", stored ? stored->updated_at.substr(0, 10) : std::string()},
                 {"breadcrumbs", access::org_crumbs(req, {})}};
  mstch::array boxes;
  for (const auto& code : known)
    boxes.push_back(
        mstch::map{{"value", code},
                   {"label", i18n::t(lang, "rank.criterion." + code)},
                   {"checked", std::find(ticked.begin(), ticked.end(), code) != ticked.end()}});
  ctx["criteria"] = boxes;
  mstch::array summary;
  for (const auto& e : errors) {
    auto field = i18n::t(lang, "rank.field." + e.field);
    auto text = field + (lang == "fr" ? " : " : ": ") + i18n::t(lang, e.key);
    summary.push_back(
        mstch::map{{"anchor", e.field == "criteria" ? "criteria" : "share"}, {"text", text}});
    if (!ctx.count("err_" + e.field)) ctx.emplace("err_" + e.field, text);
  }
  ctx["has_errors"] = !summary.empty();
  ctx["errors"] = summary;
  return web.page(req, "rank_priorities", "rank.priorities_title", std::move(ctx), status);
}

}  // namespace

void seed_demo_priorities(db::Connection& c) {
  auto o = access::store::organization_by_number(c, "20000001");
  if (!o || priority_store::load(c, o->id)) return;
  priority::Declaration d;
  d.criteria = {"special_needs", "parent_studies"};
  d.share_percent = 30;
  priority_store::save(c, o->id, d, 0);
}

void add_priority_routes(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  // "Gérer la fiche et les admissions" on the installation (the RSE of the division: see
  // access::authorize()); an RSGE may open it and reads that priorities do not apply to her.
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});

  router.add("GET", "/installations/{installation}/priorites", manage, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto c = pool.acquire();
    auto known = priority_store::criteria_list(*c);
    auto stored = priority_store::load(*c, o.id);
    auto d = stored ? stored->declaration : priority::Declaration{};
    return priorities_page(web, req, o, known, stored, d.criteria, std::to_string(d.share_percent),
                           {}, 200);
  });

  router.add(
      "POST", "/installations/{installation}/priorites", manage, [&web, &pool](Request& req) {
        if (req.body.size() > kMaxFormBytes) return web.error(413, req);
        const auto& a = access::auth_of(req);
        const auto& o = *a.target;
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        auto c = pool.acquire();
        auto known = priority_store::criteria_list(*c);
        auto stored = priority_store::load(*c, o.id);
        if (!priorities_apply(o))
          return priorities_page(web, req, o, known, stored, {}, "", {}, 403);
        priority::DeclarationInput in{form.form->all("criteria"),
                                      form.form->get("share").value_or("")};
        auto checked = priority::check_declaration(in, known);
        if (!checked.errors.empty())
          return priorities_page(web, req, o, known, stored, in.criteria, in.share, checked.errors,
                                 422);
        const auto& d = checked.declaration;
        db::Transaction tx(*c);
        priority_store::save(*c, o.id, d, a.who.user_id);
        audit(*c, req, stored ? "update" : "create", "provider_priorities", o.number,
              "criteria=" + codes_text(d.criteria) + ";share=" + std::to_string(d.share_percent),
              o.id);
        tx.commit();
        return Response::redirect("/installations/" + o.number + "/priorites?enregistre=1", 303);
      });
}

}  // namespace sgee::portail
