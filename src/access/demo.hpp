#pragma once
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::access {
// Demo organizations and accounts (idempotent). Returns one line per demo sign-in.
std::vector<std::string> seed_demo(db::Connection& c);
}  // namespace sgee::access
