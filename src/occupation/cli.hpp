#pragma once
#include "platform/cli.hpp"

namespace sgee::occupation {
// `sgee occupation (--installation N | --bc N | --all) --from D --to D --format csv|xlsx|json
// --out FILE` (spec/cli.md).
void add_commands(CLI::App& root, cli::Registry& registry);
}  // namespace sgee::occupation
