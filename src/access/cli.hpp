#pragma once
#include "platform/cli.hpp"

namespace sgee::access {
// `sgee org …`, `sgee access-code issue` (spec/cli.md).
void add_commands(CLI::App& root, cli::Registry& registry);
}  // namespace sgee::access
