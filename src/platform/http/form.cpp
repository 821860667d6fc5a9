#include "platform/http/form.hpp"

#include "platform/text.hpp"

namespace sgee::http {

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return std::nullopt;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields)
    if (k == name) out.push_back(v);
  return out;
}

FormResult parse_urlencoded(std::string_view body) {
  auto pairs = text::parse_query(body);
  if (!pairs) return {std::nullopt, FormError{400, "malformed percent-encoding in form body"}};
  Form f;
  f.fields = std::move(*pairs);
  return {std::move(f), std::nullopt};
}

namespace {

// The value of parameter `name` in a header value like `form-data; name="a"; filename="b"`.
// Quoted values may hold ';' and backslash-escaped quotes (RFC 7578 / RFC 2616 quoted-string).
std::optional<std::string> header_param(std::string_view value, std::string_view name) {
  size_t i = 0;
  while (i < value.size()) {
    size_t semi = value.find(';', i);
    if (semi == std::string_view::npos) break;
    i = semi + 1;
    while (i < value.size() && value[i] == ' ') ++i;
    size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key = text::lower(text::trim(value.substr(i, eq - i)));
    i = eq + 1;
    std::string v;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        v.push_back(value[i]);
      }
      ++i;  // closing quote
    } else {
      size_t end = value.find(';', i);
      v = std::string(
          text::trim(value.substr(i, end == std::string_view::npos ? value.npos : end - i)));
      i = end == std::string_view::npos ? value.size() : end;
    }
    if (key == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto b = header_param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

FormResult parse_multipart(std::string_view body, std::string_view boundary,
                           const FormLimits& limits) {
  auto bad = [](std::string d) { return FormResult{std::nullopt, FormError{400, std::move(d)}}; };
  if (boundary.empty()) return bad("multipart body without a boundary");
  const std::string delim = "--" + std::string(boundary);
  const std::string crlf_delim = "\r\n" + delim;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return bad("multipart boundary not found");
  Form form;
  size_t parts = 0;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return bad("malformed multipart delimiter line");
    pos += 2;
    // The header's end is looked for within the limit only: a part whose header never ends (or
    // goes on for megabytes) is refused without scanning the rest of the body for it.
    size_t window = limits.max_part_header_bytes + 4;
    size_t header_end = body.substr(pos, window).find("\r\n\r\n");
    if (header_end == std::string_view::npos)
      return bad(body.size() - pos >= window ? "multipart part header too large"
                                             : "multipart part without header end");
    header_end += pos;
    std::string_view head = body.substr(pos, header_end - pos);
    size_t data_start = header_end + 4;
    size_t next = body.find(crlf_delim, data_start);
    if (next == std::string_view::npos) return bad("multipart body not terminated");
    std::string_view data = body.substr(data_start, next - data_start);
    if (++parts > limits.max_parts) return {std::nullopt, FormError{413, "too many form parts"}};

    std::optional<std::string> name, filename;
    std::string content_type = "text/plain";
    for (auto line : text::split(head, '\n')) {
      line = text::trim(line);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      auto key = text::lower(text::trim(line.substr(0, colon)));
      auto value = text::trim(line.substr(colon + 1));
      if (key == "content-disposition") {
        name = header_param(value, "name");
        filename = header_param(value, "filename");
      } else if (key == "content-type") {
        content_type = std::string(value);
      }
    }
    if (!name) return bad("multipart part without a name");
    if (filename && limits.fields_only) {
      // skipped
    } else if (filename) {
      if (data.size() > limits.max_file_bytes)
        return {std::nullopt, FormError{413, "file '" + *filename + "' is over the size limit"}};
      form.files.push_back({*name, *filename, content_type, std::string(data)});
    } else {
      form.fields.emplace_back(*name, std::string(data));
    }
    pos = next + 2;
  }
  return {std::move(form), std::nullopt};
}

FormResult parse_form(const Request& req, const FormLimits& limits) {
  auto ct = text::lower(req.header("content-type"));
  if (ct.starts_with("application/x-www-form-urlencoded")) return parse_urlencoded(req.body);
  if (ct.starts_with("multipart/form-data")) {
    auto boundary = multipart_boundary(req.header("content-type"));
    if (!boundary) return {std::nullopt, FormError{400, "multipart body without a boundary"}};
    return parse_multipart(req.body, *boundary, limits);
  }
  return {std::nullopt, FormError{415, "expected a form body"}};
}

}  // namespace sgee::http
