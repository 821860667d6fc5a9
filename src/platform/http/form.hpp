#pragma once
// Request bodies of HTML forms: application/x-www-form-urlencoded and multipart/form-data.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"

namespace sgee::http {

struct FormFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

struct Form {
  Fields fields;  // text fields, in order
  std::vector<FormFile> files;

  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
};

struct FormLimits {
  size_t max_file_bytes = 10 * 1024 * 1024;
  size_t max_parts = 1000;
  size_t max_part_header_bytes = 8 * 1024;  // one part's header lines (a huge header: 400)
  // Only the text fields: file parts are skipped, neither copied nor held to max_file_bytes (the
  // CSRF check reads the token of an upload form this way, whatever the size of its file).
  bool fields_only = false;
};

// Why a body could not be read as a form; `status` is 400, 413 or 415.
struct FormError {
  int status;
  std::string detail;  // English, for logs and API messages; never shown raw in pages
};

struct FormResult {
  std::optional<Form> form;
  std::optional<FormError> error;
};

// Parses the body according to its Content-Type (url-encoded or multipart).
FormResult parse_form(const Request& req, const FormLimits& limits = {});
FormResult parse_urlencoded(std::string_view body);
FormResult parse_multipart(std::string_view body, std::string_view boundary,
                           const FormLimits& limits);
// The boundary parameter of a multipart Content-Type, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

}  // namespace sgee::http
