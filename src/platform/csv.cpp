#include "platform/csv.hpp"

#include "platform/text.hpp"

namespace sgee::csv {
namespace {

// Parses one record starting at `pos`; advances `pos` and `line`. nullopt + reason on bad quoting.
std::optional<std::vector<std::string>> record(std::string_view d, size_t& pos, size_t& line,
                                               std::string* reason) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos < d.size()) {
    char c = d[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < d.size() && d[pos + 1] == '"') {
          field.push_back('"');
          pos += 2;
          continue;
        }
        quoted = false;
        ++pos;
        if (pos < d.size() && d[pos] != ',' && d[pos] != '\n' && d[pos] != '\r') {
          *reason = "text after a closing quote";
          return std::nullopt;
        }
        continue;
      }
      if (c == '\n') ++line;
      field.push_back(c);
      ++pos;
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      ++pos;
    } else if (c == '"') {
      *reason = "a quote inside an unquoted field";
      return std::nullopt;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && pos + 1 < d.size() && d[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      fields.push_back(std::move(field));
      return fields;
    } else {
      field.push_back(c);
      ++pos;
    }
  }
  if (quoted) {
    *reason = "a quoted field is not closed";
    return std::nullopt;
  }
  fields.push_back(std::move(field));
  return fields;
}

}  // namespace

std::optional<Error> read(
    std::string_view data, const std::vector<std::string>& header,
    const std::function<std::optional<std::string>(const std::vector<std::string>&, size_t)>&
        on_record) {
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);  // a BOM from spreadsheet exports
  if (!text::valid_utf8(data)) return Error{0, "the file is not valid UTF-8"};
  size_t pos = 0, line = 1;
  std::string reason;
  auto head = record(data, pos, line, &reason);
  if (!head) return Error{1, reason};
  if (*head != header) {
    std::string want;
    for (const auto& h : header) want += (want.empty() ? "" : ",") + h;
    return Error{1, "the header must be: " + want};
  }
  while (pos < data.size()) {
    size_t start = line;
    auto fields = record(data, pos, line, &reason);
    if (!fields) return Error{start, reason};
    if (fields->size() == 1 && (*fields)[0].empty()) continue;  // a blank line
    if (fields->size() != header.size())
      return Error{start, "expected " + std::to_string(header.size()) + " fields, found " +
                              std::to_string(fields->size())};
    if (auto problem = on_record(*fields, start)) return Error{start, *problem};
  }
  return std::nullopt;
}

std::string field(std::string_view value, bool always) {
  if (!always && value.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (char ch : value) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace sgee::csv
