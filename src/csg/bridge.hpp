#pragma once
#include "platform/cli.hpp"

namespace sgee::csg {
// `sgee sync --url URL --installation N --code CODE FILE…` (spec/cli.md): the bridge for
// management software without its own client.
void add_sync_command(CLI::App& root, cli::Registry& registry);
}  // namespace sgee::csg
