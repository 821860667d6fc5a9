#pragma once
// `sgee generate mes N [--seed S] --db URL` (issue 16, the ministry queue's benchmark): N MES
// requests already transmitted, spread over the providers (installations CPE / GS and RSGE, so
// over their regions), the request types and the statuses after transmission, each with its
// versions, history and (in Commentaires) a sent comment. After `seed --demo` (children) and,
// for many regions, `generate --providers`.
#include "platform/cli.hpp"

namespace sgee::app {
// Adds `mes` under `generate` and registers it (before `generate` itself, so that it runs).
void add_generate_mes_command(CLI::App* generate, cli::Registry& registry);
// Inserts the requests in one transaction; returns how many.
int load_mes_requests(const std::string& db_url, int count, std::uint64_t seed);
}  // namespace sgee::app
