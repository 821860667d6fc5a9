#pragma once
// Structured logging: one JSON object per line, written with a single write(2) so that lines
// from several threads never interleave. Never log passwords, codes, bodies or query strings.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sgee::log {

// "-" = standard output (the default), "off" = nothing, anything else = a file appended to.
void open(const std::string& target);
void write(nlohmann::json fields);  // adds "ts" (UTC, ms) when absent
void info(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void error(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
std::string utc_now_iso();  // 2026-11-23T20:19:25.123Z

}  // namespace sgee::log
