#include "mes/demo.hpp"

#include <nlohmann/json.hpp>

#include "access/store.hpp"
#include "csg/store.hpp"
#include "platform/log.hpp"
#include "portail/reserve_generate.hpp"

namespace sgee::mes {

namespace {

// A child admitted at the CPE over a year ago (so the CPE's admissions of the last 12 months, which
// its réserve's priority share counts, stay those of the Portail's demo) with its registry dossier
// (accepted), an agreement in force and, when `aisg`, a handicap period covering today.
std::string admitted_child(db::Connection& c, std::int64_t cpe, const std::string& email,
                           const std::string& surname, const std::string& parent,
                           const std::string& given, const std::string& sex, int months,
                           const std::string& ref, bool aisg, dates::Date today) {
  auto child =
      portail::reserve_gen::demo_child(c, email, surname, parent, "", given, sex, months, today);
  auto row =
      c.run("SELECT confirmation_number, birth_date FROM portail_children WHERE id = $1", child)
          .first();
  std::string line =
      given + " " + surname + ": confirmation number " + row.str(0) + ", born " + row.str(1);
  if (!c.run("SELECT 1 FROM dossiers WHERE organization_id = $1 AND ref = $2", cpe, ref).empty())
    return line;
  csg::Dossier d;
  d.ref = ref;
  d.child.surname = surname;
  d.child.given_name = given;
  d.child.sex = sex == "F" ? csg::Sex::F : csg::Sex::M;
  d.child.birth_date = dates::parse(row.str(1));
  d.child.born_outside_quebec = false;
  d.guardian.surname = surname;
  d.guardian.given_name = parent;
  d.guardian.role = csg::Role::mother;
  d.age_brackets.push_back({csg::Bracket::toddler, *d.child.birth_date});
  if (aisg) {
    csg::HandicapPeriod h;
    h.start = dates::add_days(today, -200);
    d.handicap_periods.push_back(h);
  }
  csg::Agreement a;
  a.ref = "A1";
  a.start = dates::add_days(today, -90);
  a.end = dates::add_days(today, 270);
  a.reduced_contribution = true;
  a.is_signed = true;
  csg::Schedule s;
  s.weeks = 1;
  s.days = {3, 3, 3, 3, 3, 0, 0};
  a.schedule = s;
  d.agreements.push_back(a);
  auto saved = csg::store::save_dossier(c, cpe, std::nullopt, d, nullptr, "accepted",
                                        nlohmann::json::array(), {});
  if (c.run("SELECT 1 FROM admissions WHERE child_id = $1 AND organization_id = $2", child, cpe)
          .empty())
    c.run(
        "INSERT INTO admissions (child_id, organization_id, planned_start, state, admitted_at, "
        "dossier_id) VALUES ($1, $2, $3, 'admitted', $4, $5)",
        child, cpe, dates::format(dates::add_days(today, -400)),
        dates::format(dates::add_days(today, -410)) + "T12:00:00Z", saved.id);
  return line;
}

}  // namespace

std::vector<std::string> seed_demo(db::Connection& c, dates::Date today) {
  std::vector<std::string> lines;
  auto cpe = access::store::organization_by_number(c, "20000001");
  if (!cpe || !cpe->parent_id) return lines;
  db::Transaction tx(c);
  struct Staff {
    std::string login, surname, given, password, what;
    std::vector<access::Right> rights;
  };
  const std::vector<Staff> staff = {
      {"E0000006",
       "Gagnon",
       "Émilie",
       "Mes-saisie-2026",
       "MES editor at CPE Les Petits Pas — Limoilou (20000001): consults and fills MES requests, "
       "may not sign",
       {access::Right::consult_mes, access::Right::enter_mes}},
      {"E0000007",
       "Morin",
       "Isabelle",
       "Mes-direction-2026",
       "MES director at 20000001: consults, fills, signs and transmits MES requests",
       {access::Right::consult_mes, access::Right::enter_mes, access::Right::sign_mes}},
  };
  for (const auto& s : staff) {
    auto existing = access::store::user_by_login(c, s.login);
    std::int64_t id = 0;
    if (existing) {
      id = existing->id;
    } else {
      access::store::User u;
      u.kind = access::UserKind::enterprise;
      u.user_code = s.login;
      u.surname = s.surname;
      u.given_name = s.given;
      u.organization_id = *cpe->parent_id;
      id = access::store::add_user(c, u, s.password);
      std::vector<std::pair<std::int64_t, access::Right>> granted;
      for (auto r : s.rights) granted.push_back({cpe->id, r});
      access::store::set_rights(c, id, {cpe->id}, granted, id);
    }
    lines.push_back(s.login + " / " + s.password + "  — " + s.what);
  }
  lines.push_back("(MES demo children at 20000001: " +
                  admitted_child(c, cpe->id, "famille-dufresne@example.test", "Dufresne", "Chantal",
                                 "Maëlle", "F", 40, "MES-DEMO-1", true, today) +
                  " — every prerequisite met; " +
                  admitted_child(c, cpe->id, "famille-vachon@example.test", "Vachon", "Julie",
                                 "Édouard", "M", 34, "MES-DEMO-2", false, today) +
                  " — no AISG period)");
  tx.commit();
  return lines;
}

}  // namespace sgee::mes
