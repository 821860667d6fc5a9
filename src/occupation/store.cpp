#include "occupation/store.hpp"

#include <stdexcept>

#include "csg/json.hpp"
#include "csg/rules.hpp"
#include "occupation/rules.hpp"

namespace sgee::occupation::store {

namespace {

constexpr const char* kOrgColumns =
    "o.id, o.number, o.name, o.kind, o.installation_kind, o.places_0_17, o.places_18_59, "
    "o.places_school, o.places, o.region";

Org org_of(const db::Row& row, const std::string& bc_number) {
  Org o;
  o.id = row.i64(0);
  o.number = row.str(1);
  o.name = row.str(2);
  o.kind = row.str(3);
  o.installation_kind = row.str(4);
  for (int k = 0; k < 3; ++k) o.places[k] = row.opt_i64(static_cast<size_t>(5 + k));
  o.places_total = row.opt_i64(8);
  o.region = row.str(9);
  o.bc_number = bc_number;
  return o;
}

}  // namespace

std::vector<Component> components(db::Connection& c, const Scope& scope) {
  std::string where = "o.kind IN ('installation', 'bc')";
  db::Result r;
  // append, not +: GCC 12 warns wrongly (array-bounds) about + on these temporaries.
  std::string sql =
      std::string("SELECT ").append(kOrgColumns).append(" FROM organizations o WHERE ");
  if (scope.kind == Scope::all) {
    r = c.run(sql + where + " ORDER BY o.number");
  } else if (scope.kind == Scope::rsge) {
    // The RSGE's dossiers are her BC's: the BC's component, with her alone.
    auto rs = c.run(std::string("SELECT ")
                        .append(kOrgColumns)
                        .append(", b.number FROM organizations o JOIN organizations b ON b.id = "
                                "o.parent_id WHERE o.kind = 'rsge' AND o.number = $1"),
                    scope.number);
    if (rs.empty()) throw std::invalid_argument("no RSGE numbered " + scope.number);
    auto bc = components(c, {Scope::bc, rs.row(0).str(10)});
    for (auto& comp : bc)
      std::erase_if(comp.orgs, [&](const Org& o) { return o.number != scope.number; });
    return bc;
  } else {
    const char* kind = scope.kind == Scope::bc ? "bc" : "installation";
    r = c.run(sql + "o.kind = $1 AND o.number = $2", std::string(kind), scope.number);
    if (r.empty())
      throw std::invalid_argument(std::string(scope.kind == Scope::bc ? "--bc" : "--installation") +
                                  ": no " + (scope.kind == Scope::bc ? "BC" : "installation") +
                                  " numbered " + scope.number);
  }
  std::vector<Component> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Component comp;
    comp.id = row.i64(0);
    comp.number = row.str(1);
    comp.name = row.str(2);
    comp.is_bc = row.str(3) == "bc";
    if (!comp.is_bc) {
      comp.orgs.push_back(org_of(row, ""));
    } else {
      static const std::string rsge_sql = std::string("SELECT ")
                                              .append(kOrgColumns)
                                              .append(
                                                  " FROM organizations o WHERE o.kind = 'rsge' AND "
                                                  "o.parent_id = $1 ORDER BY o.number");
      auto rs = c.run(rsge_sql, comp.id);
      for (size_t k = 0; k < rs.size(); ++k) comp.orgs.push_back(org_of(rs.row(k), comp.number));
    }
    out.push_back(std::move(comp));
  }
  return out;
}

csg::store::SaveListener dossier_listener() {
  return {[](const csg::Dossier& d) { return occupation_text(d); },
          [](db::Connection& c, std::int64_t dossier_id, const std::string& kept) {
            c.run(
                "INSERT INTO dossier_occupation (dossier_id, occupation) VALUES ($1, $2) ON "
                "CONFLICT (dossier_id) DO UPDATE SET occupation = excluded.occupation",
                dossier_id, kept);
          }};
}

std::vector<Child> children(db::Connection& c, const Component& component) {
  auto r = c.run(
      "SELECT d.rsge_id, d.ref, d.child_surname, d.child_given_name, o.occupation, "
      "CASE WHEN o.occupation IS NULL THEN d.data END, d.nirec, d.necsg FROM dossiers d LEFT JOIN "
      "dossier_occupation o ON o.dossier_id = d.id WHERE d.organization_id = $1 ORDER BY d.ref",
      component.id);
  std::vector<Child> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Child ch;
    ch.org = component.is_bc ? row.opt_i64(0).value_or(0) : component.id;
    ch.ref = row.str(1);
    ch.surname = row.str(2);
    ch.given_name = row.str(3);
    if (!row.str(6).empty())
      ch.child_key = "nirec:" + row.str(6);
    else if (!row.str(7).empty())
      ch.child_key = "necsg:" + row.str(7);
    std::optional<csg::Dossier> d;
    if (!row.is_null(4)) {
      d = parse_occupation_text(row.str(4));
      if (!d)
        throw std::runtime_error("dossier " + ch.ref + " of " + component.number +
                                 ": its occupation column is unreadable");
    } else {  // saved before the registry kept its occupation part (0006): its JSON
      auto body = csg::parse_body(row.str(5));
      if (!body.json) continue;
      d = csg::parse_dossier(*body.json).dossier;
    }
    ch.dossier = std::move(*d);
    out.push_back(std::move(ch));
  }
  return out;
}

std::vector<csg::ClosingDay> closing_days(db::Connection& c, std::int64_t org, Date from, Date to) {
  auto r = c.run(
      "SELECT day, closed, reason FROM closing_days WHERE organization_id = $1 AND day >= $2 AND "
      "day <= $3",
      org, dates::format(from), dates::format(to));
  std::vector<csg::ClosingDay> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    auto day = dates::parse(row.str(0));
    if (!day) continue;
    csg::ClosingDay d;
    d.day = *day;
    bool ok = true;
    d.closed = csg::half_periods_in(row.str(1), &ok);
    d.reason = row.str(2);
    out.push_back(d);
  }
  return out;
}

}  // namespace sgee::occupation::store
