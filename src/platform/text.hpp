#pragma once
// Small text helpers shared by every module.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sgee::text {

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// application/x-www-form-urlencoded decoding ('+' is a space); nullopt on a bad % escape.
std::optional<std::string> url_decode(std::string_view s, bool plus_is_space = true);
std::string url_encode(std::string_view s);
// & < > " ' / escaped for HTML text and attribute values, exactly as mstch does to {{x}}.
void append_html_escaped(std::string& out, std::string_view s);  // html_escape, appended
std::string html_escape(std::string_view s);
// "a=1&b=2" -> pairs, in order; malformed escapes make the whole call fail.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view s);
std::string hex(const unsigned char* data, size_t n);
// n random bytes from libsodium's CSPRNG, hex-encoded.
std::string random_hex(size_t n_bytes);
bool valid_utf8(std::string_view s);
std::optional<std::int64_t> to_int(std::string_view s);
// "32M", "10k", "1048576" -> bytes
std::optional<std::uint64_t> parse_size(std::string_view s);
// Accent- and case-insensitive key for comparing and searching names: "Bégin" -> "begin",
// "Œuvre" -> "oeuvre". Folds the Latin letters used in French; other characters stay as they are.
std::string search_key(std::string_view s);
bool all_digits(std::string_view s, size_t length);
// The characters (UTF-8 code points) of `s`, each as the bytes that encode it.
std::vector<std::string_view> code_points(std::string_view s);  // exactly `length` ASCII digits
// postgresql://user:secret@host/db -> postgresql://user:***@host/db
std::string redact_url(std::string_view url);

// A Canadian postal code "A1A 1A1" (one optional space in the middle, any case, spaces around it
// ignored as in a form); letters D F I O Q U never used, W and Z never first (DOS-14, and the
// register's addresses). normalized_postal_code gives the "A1A 1A1" form.
bool valid_postal_code(std::string_view s);
std::string normalized_postal_code(std::string_view s);

}  // namespace sgee::text
