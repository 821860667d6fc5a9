#pragma once
#include "platform/cli.hpp"
#include "platform/date.hpp"
#include "platform/db/db.hpp"

namespace sgee::app {
// `sgee generate --children N --seed S [--out DIR]` (spec/cli.md).
void add_generate_command(CLI::App& root, cli::Registry& registry);
// The demo's registry (`sgee seed --demo`): references and about 300 generated children spread
// over the demo installations and the BC's two RSGE. Idempotent. Returns the number of dossiers.
size_t seed_demo_registry(db::Connection& c, dates::Date today);
}  // namespace sgee::app
