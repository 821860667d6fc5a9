#pragma once
// The occupation engine's reads (issue 5): the organizations a report covers, their closing days
// and their dossiers' occupation parts, from the registry's tables. Reports are computed one
// component (installation or BC) at a time, so memory stays that of the largest component.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "csg/store.hpp"
#include "occupation/model.hpp"
#include "platform/db/db.hpp"

namespace sgee::occupation::store {

// An organization with figures of its own: an installation, or an RSGE (under its BC).
struct Org {
  std::int64_t id = 0;
  std::string number, name, kind;  // kind: installation | rsge
  std::string installation_kind;   // CPE | GS | GNS (installations)
  std::string bc_number;           // an RSGE's BC
  std::string region;              // administrative region "01"…"17", "" when not recorded
  // Permit places per age group (infant, toddler, school); an RSGE has one total instead.
  std::optional<std::int64_t> places[3];
  std::optional<std::int64_t> places_total;
};

// A component's dossiers: `org` is the installation, or the RSGE of a BC's dossier.
struct Child {
  std::int64_t org = 0;
  std::string ref, surname, given_name;
  std::string child_key;  // "nirec:…" or "necsg:…", empty when neither: one child's dossiers
  csg::Dossier dossier;   // its occupation part only
};

// What a report covers: an installation, a BC (each of its RSGE), one RSGE, or every one.
struct Scope {
  enum Kind { installation, bc, rsge, all } kind = all;
  std::string number;
};

// The components of a scope, in number order: each an installation or a BC, with the orgs that
// have figures (the installation itself; the BC's RSGE). Throws std::invalid_argument when the
// number is not one of that kind.
struct Component {
  std::int64_t id = 0;
  std::string number, name;
  bool is_bc = false;
  std::vector<Org> orgs;
};
std::vector<Component> components(db::Connection& c, const Scope& scope);

// One component's dossiers (stored form; a dossier saved before the occupation column is read
// from its JSON) and its installations' closing days over [from, to].
// What the engine keeps of every saved dossier (its occupation part, occupation_text) in its own
// table `dossier_occupation`: the app registers it with the registry at start-up
// (csg::store::add_save_listener), so that the registry never includes the engine.
csg::store::SaveListener dossier_listener();

std::vector<Child> children(db::Connection& c, const Component& component);
std::vector<csg::ClosingDay> closing_days(db::Connection& c, std::int64_t org, Date from, Date to);

}  // namespace sgee::occupation::store
