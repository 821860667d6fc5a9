#pragma once
// RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" for a quote inside),
// quoted fields may span lines, CRLF or LF line ends. Used by every `sgee import`.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sgee::csv {

struct Error {
  size_t line = 0;  // 1-based line of the file where the record starts
  std::string reason;
};

// Calls `on_record(fields, line)` for each record after the header, which must equal `header`
// exactly. Stops at the first malformed record, or when on_record returns an error reason.
std::optional<Error> read(
    std::string_view data, const std::vector<std::string>& header,
    const std::function<std::optional<std::string>(const std::vector<std::string>&, size_t)>&
        on_record);

// One field as written in a CSV file: in double quotes (with "" for a quote inside) when it holds
// a comma, a quote or a line end, or always when `always`.
std::string field(std::string_view value, bool always = false);

}  // namespace sgee::csv
