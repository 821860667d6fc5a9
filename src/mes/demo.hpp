#pragma once
// `sgee seed --demo` for MES (issue 16): two staff accounts of the demo CPE (20000001), one filling
// MES requests without the signing right, one director with it (MES-01), and two children admitted
// there with an accepted registry dossier: one meets every prerequisite (a handicap period covering
// today), the other has no AISG period (MES-03). Returns the sign-in lines to print; does nothing
// twice.
#include <string>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"

namespace sgee::mes {

std::vector<std::string> seed_demo(db::Connection& c, dates::Date today);

}  // namespace sgee::mes
