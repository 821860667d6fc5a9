#include "access/demo.hpp"

#include "access/store.hpp"

namespace sgee::access {
namespace {

std::int64_t org(db::Connection& c, Organization o) {
  if (o.kind == OrgKind::ministry) {
    auto r = c.run("SELECT id FROM organizations WHERE kind = 'ministry'");
    if (!r.empty()) return r.first().i64(0);
  } else if (auto existing = store::organization_by_number(c, o.number)) {
    return existing->id;
  }
  return store::add_organization(c, o);
}

Organization make(OrgKind kind, std::string number, std::string name,
                  std::optional<std::int64_t> parent = {}) {
  Organization o;
  o.kind = kind;
  o.number = std::move(number);
  o.name = std::move(name);
  o.parent_id = parent;
  // Every demo provider is in Québec City: Capitale-Nationale.
  if (kind == OrgKind::installation || kind == OrgKind::bc || kind == OrgKind::rsge)
    o.region = "03";
  return o;
}

struct DemoUser {
  UserKind kind;
  std::string login, surname, given_name, password;
  std::optional<std::int64_t> org;
  bool rse;
  std::string what;
  std::string totp_secret = "";  // the RSE and agents sign in with a second factor
};

std::int64_t user(db::Connection& c, const DemoUser& d) {
  if (auto u = store::user_by_login(c, d.login)) return u->id;
  store::User u;
  u.kind = d.kind;
  if (d.kind == UserKind::parent) {
    u.email = d.login;
    u.email_verified = true;
  } else {
    u.user_code = d.login;
  }
  u.surname = d.surname;
  u.given_name = d.given_name;
  u.organization_id = d.org;
  u.is_rse = d.rse;
  auto id = store::add_user(c, u, d.password);
  if (!d.totp_secret.empty()) {
    store::set_totp_secret(c, id, d.totp_secret);
    store::enable_totp(c, id, true);
  }
  return id;
}

}  // namespace

std::vector<std::string> seed_demo(db::Connection& c) {
  auto ministry = org(c, make(OrgKind::ministry, "", "Ministère de la Famille"));

  auto d1 = make(OrgKind::division, "10000001", "CPE Les Petits Pas");
  d1.legal_form = "nonprofit";
  d1.neq = "1160000001";
  auto div1 = org(c, d1);
  auto i1 = make(OrgKind::installation, "20000001", "CPE Les Petits Pas — Limoilou", div1);
  i1.installation_kind = "CPE";
  i1.places_0_17 = 10;
  i1.places_18_59 = 50;
  i1.places_school = 0;
  auto inst1 = org(c, i1);
  auto i2 = make(OrgKind::installation, "20000002", "CPE Les Petits Pas — Charlesbourg", div1);
  i2.installation_kind = "CPE";
  i2.places_0_17 = 5;
  i2.places_18_59 = 40;
  i2.places_school = 0;
  org(c, i2);

  auto d2 = make(OrgKind::division, "10000002", "Garderie Soleil inc.");
  d2.legal_form = "corporation";
  d2.neq = "1160000002";
  auto div2 = org(c, d2);
  auto i3 = make(OrgKind::installation, "20000003", "Garderie Soleil — Sainte-Foy", div2);
  i3.installation_kind = "GS";
  i3.places_0_17 = 10;
  i3.places_18_59 = 70;
  i3.places_school = 0;
  org(c, i3);

  auto d3 = make(OrgKind::division, "10000003", "CPE Bureau coordonnateur de la Capitale");
  d3.legal_form = "nonprofit";
  d3.neq = "1160000003";
  auto div3 = org(c, d3);
  auto bc = org(c, make(OrgKind::bc, "30000001", "Bureau coordonnateur de la Capitale", div3));
  std::vector<std::int64_t> rsge;
  for (auto [number, name] : {std::pair{"40000001", "Service de garde Marie Tremblay"},
                              std::pair{"40000002", "Service de garde Karine Roy"}}) {
    auto r = make(OrgKind::rsge, number, name, bc);
    r.places = 6;
    r.recognition_status = "recognized";
    rsge.push_back(org(c, r));
  }

  // A provider in the ministry's register whose representative has not enrolled yet.
  auto d4 = make(OrgKind::division, "10000004", "CPE Les Lucioles");
  d4.legal_form = "nonprofit";
  d4.neq = "1160000004";
  auto div4 = org(c, d4);
  auto i4 = make(OrgKind::installation, "20000004", "CPE Les Lucioles — Saint-Roch", div4);
  i4.installation_kind = "CPE";
  i4.places_0_17 = 10;
  i4.places_18_59 = 60;
  i4.places_school = 0;
  org(c, i4);
  // The enterprise register (what `sgee import enterprises` loads), for the demo providers.
  if (c.run("SELECT 1 FROM enterprises WHERE neq = '1160000004'").empty()) {
    store::replace_enterprises(
        c, {{"1160000001", "CPE Les Petits Pas", "nonprofit", "Tremblay", "Sophie",
             "directrice générale"},
            {"1160000002", "Garderie Soleil inc.", "corporation", "Côté", "Nathalie", "présidente"},
            {"1160000003", "CPE Bureau coordonnateur de la Capitale", "nonprofit", "Bouchard",
             "Louise", "présidente"},
            {"1160000004", "CPE Les Lucioles", "nonprofit", "Bégin", "Andrée", "présidente",
             kLuciolesAssessment, kLuciolesInvitation},
            {"1160000004", "CPE Les Lucioles", "nonprofit", "Roy", "Paul", "trésorier"}});
  }

  const std::vector<DemoUser> users = {
      {UserKind::ministry, "M0000001", "Gagnon", "Julie", "Ministere-demo-2026", ministry, false,
       "ministry agent", kDemoSecrets[0]},
      {UserKind::enterprise, "E0000001", "Tremblay", "Sophie", "Rse-petits-pas-2026", div1, true,
       "RSE of CPE Les Petits Pas (division 10000001)", kDemoSecrets[1]},
      {UserKind::enterprise, "E0000002", "Lavoie", "Marc", "Educateur-demo-2026", div1, false,
       "staff of CPE Les Petits Pas: consults dossiers at 20000001"},
      {UserKind::enterprise, "E0000003", "Côté", "Nathalie", "Rse-soleil-2026", div2, true,
       "RSE of Garderie Soleil (division 10000002)", kDemoSecrets[2]},
      {UserKind::enterprise, "E0000004", "Bouchard", "Louise", "Rse-bc-capitale-2026", div3, true,
       "RSE of the BC de la Capitale (division 10000003)", kDemoSecrets[3]},
      {UserKind::enterprise, "E0000005", "Tremblay", "Marie", "Rsge-marie-2026", rsge[0], true,
       "RSGE Service de garde Marie Tremblay (40000001), her own RSE; has authorized her BC to "
       "admit on her behalf",
       kDemoSecrets[4]},
      {UserKind::parent, "parent@example.test", "Bégin", "André", "Parent-demo-2026", std::nullopt,
       false, "parent"},
  };
  std::vector<std::string> lines;
  std::int64_t staff = 0;
  for (const auto& u : users) {
    auto id = user(c, u);
    if (u.login == "E0000002") staff = id;
    if (u.login == "E0000005") store::grant_bc_mandate(c, rsge[0], id);  // POR-05
    lines.push_back(u.login + " / " + u.password + "  — " + u.what +
                    (u.totp_secret.empty() ? "" : "; TOTP key " + u.totp_secret));
  }
  lines.push_back(
      "(a TOTP key goes into an authenticator app; with `serve --demo` the code page also shows "
      "the current code)");
  lines.push_back(
      std::string("(enrolment demo: CPE Les Lucioles, NEQ 1160000004, officer Andrée Bégin, "
                  "présidente, assessment number ") +
      kLuciolesAssessment + ", invitation code " + kLuciolesInvitation +
      ": the secrets that prove control, which the ministry holds)");
  if (store::rights_of(c, staff).empty())
    store::set_rights(c, staff, {inst1}, {{inst1, Right::consult_dossiers}}, staff);
  return lines;
}

}  // namespace sgee::access
