#pragma once
#include "platform/cli.hpp"

namespace sgee::csg {
// `sgee check FILE.json`, `sgee validation-codes` (spec/cli.md).
void add_commands(CLI::App& root, cli::Registry& registry);
}  // namespace sgee::csg
