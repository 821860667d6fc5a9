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
// Writes an already formatted line (a JSON object, without the newline) in one write(2).
void write_line(std::string& line);
// Appends `s` to `out` as the inside of a JSON string (quotes not included). Bytes that are not
// valid UTF-8 become U+FFFD.
void append_json_escaped(std::string& out, std::string_view s);
void info(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void error(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
std::string utc_now_iso();  // 2026-11-23T20:19:25.123Z

}  // namespace sgee::log
