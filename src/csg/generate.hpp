#pragma once
// Synthetic, province-like registry data (`sgee generate`): organizations, civil-registry and
// address references, and dossiers (birth dates, brackets, 1–3 agreements with 1-, 2- and 4-week
// patterns, shared custody, replacement children, ECP and handicap periods, a stated rate of
// deliberate errors). Pure and deterministic: the same options give the same data.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "csg/model.hpp"
#include "csg/rules.hpp"

namespace sgee::csg {

struct GenerateOptions {
  int children = 1000;
  std::uint64_t seed = 1;
  Date today;
  double error_rate = 0.01;   // share of dossiers given one deliberate error
  int per_installation = 70;  // children per installation (the province's average is about 70)
};

struct GeneratedOrg {
  std::string kind;  // division | installation | bc | rsge
  std::string number, name, parent;
  std::string installation_kind;  // CPE | GS | GNS
  int places_0_17 = 0, places_18_59 = 0, places_school = 0, places = 0;
  std::string region;  // administrative region "01"…"17" (installations, BCs, RSGE)
};

struct GeneratedComponent {
  std::string number;  // an installation or a BC
  bool is_bc = false;
  std::vector<Dossier> dossiers;
};

struct Generated {
  std::vector<GeneratedOrg> organizations;  // parents before children
  std::vector<CivilRecord> civil_registry;
  std::vector<ReferenceAddress> addresses;
  std::vector<GeneratedComponent> components;
  int deliberate_errors = 0;
  size_t dossier_count() const;
};

Generated generate(const GenerateOptions& o);

// The heaviest record the limits of one record allow (docs/api-limits.md), and valid: every list
// at its limit (200 week-long agreements, 500 special schedules among them, 100 CISSS, ECP and
// handicap periods), but 3 age brackets (DOS-20 allows no more). Child born 2020-01-15 outside
// Québec (no NIREC: no civil registry needed); the guardian at 147 rue des Patriotes, Québec
// G1G 1G1 (when an address reference is loaded, it must hold this address, DOS-13); CISSS periods
// in 2020–2023 (the component needs reservations covering them with the child's age code, 0-17
// months until 2021-07-14 and 18-59 months from 2021-07-15, DOS-23). `n` makes the child's
// given name distinct.
Dossier limits_dossier(const std::string& ref, int n);
// A batch body {"dossiers": […]} of such records ("L0001", …), as many as fit in `max_bytes`
// (at most 1,000): the worst batch the limits allow.
std::string limits_batch(std::size_t max_bytes = 10 * 1024 * 1024);

}  // namespace sgee::csg
