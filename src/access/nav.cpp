#include "access/nav.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "access/web.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"

namespace sgee::access {

namespace {

// The organizations of each live session, keyed by the session's token hash, with the rights
// they were loaded for: a change of rights (the RSE's "Droits" page) loads them again at the next
// page. Bounded: past kMaxSessions entries, the cache starts over.
struct Cached {
  std::int64_t user_id = 0;
  std::set<std::pair<std::int64_t, Right>> rights;
  std::shared_ptr<const UserOrgs> orgs;
};
constexpr std::size_t kMaxSessions = 10000;
std::mutex cache_mutex;
std::unordered_map<std::string, Cached> cache;

// At most this many organizations are named in the header; more are reached from the dashboard.
constexpr std::size_t kMenuOrgs = 5;

UserOrgs load(db::Pool& pool, const RequestAuth& a) {
  UserOrgs out;
  auto c = pool.acquire();
  std::int64_t home = a.who.division_id.value_or(0);
  for (auto& o : store::organizations_of_user(*c, a.who.user_id, home, a.who.is_rse)) {
    if (o.id == home) {
      // An RSGE's own account works for its home; a division is no installation.
      if (o.kind == OrgKind::rsge) out.orgs.push_back(o);
      out.home = std::move(o);
    } else {
      out.orgs.push_back(std::move(o));
    }
  }
  return out;
}

bool holds_anywhere(const Principal& who, Right right) {
  return std::any_of(who.rights.begin(), who.rights.end(),
                     [right](const auto& r) { return r.second == right; });
}

mstch::map link(const http::Request& req, const std::string& href, const std::string& label) {
  bool exact = req.path == href;
  bool within = !exact && href != "/tableau-de-bord" && req.path.starts_with(href + "/");
  return mstch::map{{"href", href}, {"label", label}, {"current", exact}, {"within", within}};
}

}  // namespace

std::vector<NavLink> org_links(OrgKind kind, const std::string& number, bool consults, bool fiche,
                               bool mes) {
  std::vector<NavLink> out;
  std::string base = "/installations/" + number;
  bool inst = kind == OrgKind::installation, bc = kind == OrgKind::bc;
  if (consults) {
    if (inst || bc) out.push_back({base + "/dossiers", "menu.dossiers"});
    if (inst || bc || kind == OrgKind::rsge)
      out.push_back({base + "/occupation", "menu.occupation"});
    if (inst) out.push_back({base + "/fermetures", "menu.closing_days"});
    // SYN-20: an installation's or a BC's (seed 004 bars a BC from closing days only).
    if (inst || bc) out.push_back({base + "/reservations-cisss", "menu.cisss_reservations"});
  }
  // POR-02: the fiche descriptive of an installation or an RSGE.
  if (fiche && (inst || kind == OrgKind::rsge)) out.push_back({base + "/fiche", "menu.fiche"});
  // POR-03: its réserve de clientèle.
  if (fiche && (inst || kind == OrgKind::rsge)) out.push_back({base + "/reserve", "menu.reserve"});
  // Issue 15: a CPE's or subsidized garderie's declared admission priorities (others read that
  // they do not apply).
  if (fiche && inst) out.push_back({base + "/priorites", "rank.menu"});
  // Issue 15: its free places and the children referred for them.
  if (fiche && (inst || kind == OrgKind::rsge)) out.push_back({base + "/places", "refer.menu"});
  // POR-04: its admissions (search by confirmation number, the list).
  if (fiche && (inst || kind == OrgKind::rsge)) out.push_back({base + "/admissions", "admit.menu"});
  // POR-06: a BC confirms its RSGE's admissions and keeps their registry.
  if (fiche && bc) out.push_back({"/bc/" + number + "/admissions", "menu.bc_admissions"});
  // Issue 16: its MES requests (an installation's, or a BC's for its RSGE).
  if (mes && (inst || bc)) out.push_back({base + "/mes", "mes.menu"});
  return out;
}

bool handles_mes(const http::Request& req, const Organization& o) {
  if (o.kind != OrgKind::installation && o.kind != OrgKind::bc) return false;
  const auto& who = auth_of(req).who;
  if (who.is_rse) return true;
  for (auto r : {Right::consult_mes, Right::enter_mes, Right::sign_mes})
    if (who.has_right(o.id, r) || (o.parent_id && who.has_right(*o.parent_id, r))) return true;
  return false;
}

bool manages_fiche(const http::Request& req, const Organization& o) {
  const auto& who = auth_of(req).who;
  if (o.kind == OrgKind::rsge) return who.division_id && *who.division_id == o.id;
  if (o.kind != OrgKind::installation && o.kind != OrgKind::bc) return false;
  return who.is_rse || who.has_right(o.id, Right::manage_admissions);
}

std::shared_ptr<const UserOrgs> user_orgs(db::Pool& pool, const http::Request& req, bool fresh) {
  static const auto none = std::make_shared<const UserOrgs>();
  const auto& a = auth_of(req);
  if (!a.user || !a.session || a.user->kind == UserKind::parent) return none;
  const std::string& key = a.session->token_hash;
  if (!fresh) {
    std::lock_guard lock(cache_mutex);
    auto it = cache.find(key);
    if (it != cache.end() && it->second.user_id == a.who.user_id &&
        it->second.rights == a.who.rights)
      return it->second.orgs;
  }
  std::shared_ptr<const UserOrgs> loaded;
  try {
    loaded = std::make_shared<const UserOrgs>(load(pool, a));
  } catch (const db::Error& e) {
    log::error("cannot load the menu's organizations", {{"error", e.what()}});
    return none;
  }
  std::lock_guard lock(cache_mutex);
  if (cache.size() >= kMaxSessions) cache.clear();
  cache[key] = Cached{a.who.user_id, a.who.rights, loaded};
  return loaded;
}

bool consults(const http::Request& req, std::int64_t id) {
  const auto& who = auth_of(req).who;
  return who.is_rse || who.has_right(id, Right::consult_dossiers);
}

std::vector<NavLink> service_links(const http::Request& req, const UserOrgs& orgs) {
  const auto& a = auth_of(req);
  std::vector<NavLink> out;
  if (!a.user) return out;
  if (a.user->kind == UserKind::ministry) {
    out.push_back({"/ministere/inscriptions", "menu.enrolments", "nav.enrolments"});
    out.push_back({"/ministere/organisations", "menu.organizations", "nav.organizations"});
    out.push_back({"/ministere/occupation", "menu.network_occupation", "nav.network_occupation"});
    out.push_back({"/ministere/places", "refer.menu_ministry", "refer.nav_ministry"});
    out.push_back({"/ministere/admissions-hors-rang", "admit.oor_title"});
    out.push_back({"/ministere/mes", "mes.review.queue_title", "nav.mes_review"});  // issue 16
    out.push_back({"/ministere/journal", "menu.audit", "nav.audit"});
  }
  if (a.user->kind == UserKind::parent) {
    out.push_back({"/famille", "menu.family", "nav.family"});  // the Portail's family file
    out.push_back({"/famille/propositions", "refer.menu_parent", "refer.nav_parent"});
    out.push_back({"/messages", "msg.menu", "msg.nav"});  // the Portail's messaging
    out.push_back({"/mes-enfants/consultations", "menu.consultations", "nav.consultations"});
  }
  if (a.user->kind != UserKind::enterprise || !a.who.division_id) return out;
  bool manages = a.who.is_rse || holds_anywhere(a.who, Right::manage_rights);
  bool is_rsge = orgs.home && orgs.home->kind == OrgKind::rsge;
  // The Portail's messaging: the threads of the services they manage the admissions of.
  if (a.who.is_rse || holds_anywhere(a.who, Right::manage_admissions))
    out.push_back({"/messages", "msg.menu", "msg.nav"});
  // An RSGE's own account: her authorization for her BC to admit (POR-05); no sync codes (her
  // BC's code covers her).
  if (is_rsge && manages)
    out.push_back({"/rsge/" + orgs.home->number + "/mandat", "menu.mandate", "nav.mandate"});
  if (!is_rsge && (a.who.is_rse || holds_anywhere(a.who, Right::manage_access_codes)))
    out.push_back({"/codes-acces", "menu.codes", "nav.codes"});
  // Seed 001: a BC follows its RSGE's adhesion to the Portail.
  bool follows_rsge = std::any_of(orgs.orgs.begin(), orgs.orgs.end(), [&](const Organization& o) {
    return o.kind == OrgKind::bc &&
           (a.who.is_rse || a.who.has_right(o.id, Right::manage_admissions));
  });
  if (follows_rsge) out.push_back({"/adhesion-rsge", "menu.rsge_adhesion", "nav.rsge_adhesion"});
  if (manages) out.push_back({"/droits", "menu.rights", "nav.rights"});
  if (a.who.is_rse) out.push_back({"/journal", "menu.audit", "nav.audit"});
  return out;
}

mstch::array org_crumbs(const http::Request& req, const std::vector<web::Crumb>& steps) {
  const auto& a = auth_of(req);
  std::vector<web::Crumb> all{{i18n::t(req.lang, "nav.dashboard"), "/tableau-de-bord"}};
  if (a.target) all.push_back({a.target->name, "/tableau-de-bord#org-" + a.target->number});
  all.insert(all.end(), steps.begin(), steps.end());
  return web::crumbs(all);
}

void add_menu(db::Pool& pool, const http::Request& req, mstch::map& layout) {
  const auto& a = auth_of(req);
  if (!a.user) return;
  const std::string& lang = req.lang;
  auto mine = user_orgs(pool, req);
  const UserOrgs& orgs = *mine;
  mstch::array menu;
  menu.push_back(link(req, "/tableau-de-bord", i18n::t(lang, "nav.dashboard")));
  // The organizations the user works in, by name, when they are few: each one's first page.
  if (orgs.orgs.size() <= kMenuOrgs)
    for (const auto& o : orgs.orgs) {
      auto links = org_links(o.kind, o.number, consults(req, o.id), manages_fiche(req, o),
                             handles_mes(req, o));
      if (links.empty()) continue;
      auto entry = link(req, links.front().href, o.name);
      bool here = a.target && a.target->id == o.id;
      entry["current"] = req.path == links.front().href;
      entry["within"] = here && req.path != links.front().href;
      menu.push_back(std::move(entry));
    }
  for (const auto& l : service_links(req, orgs))
    menu.push_back(link(req, l.href, i18n::t(lang, l.menu_key())));
  layout["menu"] = std::move(menu);
  layout["has_menu"] = true;
  layout["account"] = link(req, "/mon-compte", i18n::t(lang, "nav.account"));
  // The installation the URL names: its pages as this user may open them.
  if (a.target && a.user->kind == UserKind::enterprise) {
    mstch::array sub;
    for (const auto& l : org_links(a.target->kind, a.target->number, consults(req, a.target->id),
                                   manages_fiche(req, *a.target), handles_mes(req, *a.target)))
      sub.push_back(link(req, l.href, i18n::t(lang, l.label_key)));
    if (!sub.empty()) {
      layout["submenu"] = std::move(sub);
      layout["submenu_name"] = a.target->name;
      layout["has_submenu"] = true;
    }
  }
}

}  // namespace sgee::access
