// libFuzzer target over the multipart/form-data reader (src/platform/http/form.cpp), which reads
// the MES attachments' upload form: any bytes, as a body and as a boundary, must give a form or a
// clean 400/413 error, never a crash; a form's parts must lie within the body (the invariants
// below abort, so libFuzzer keeps the input as a reproducer).
// Build: configure with -DSGEE_FUZZ=ON and clang (scripts/fuzz), target sgee_fuzz_multipart.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/http/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // The first line (up to 80 bytes) is the boundary, the rest the body.
  auto nl = in.find('\n');
  std::string_view boundary = nl == std::string_view::npos || nl > 80 ? "b" : in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos || nl > 80 ? in : in.substr(nl + 1);
  sgee::http::FormLimits limits;
  limits.max_parts = 50;
  limits.max_file_bytes = 4096;
  limits.max_part_header_bytes = 256;
  auto r = sgee::http::parse_multipart(body, boundary, limits);
  if (r.form.has_value() == r.error.has_value()) std::abort();  // exactly one of them
  if (r.error && r.error->status != 400 && r.error->status != 413) std::abort();
  if (r.form) {
    size_t total = 0;
    for (const auto& [k, v] : r.form->fields) total += k.size() + v.size();
    for (const auto& f : r.form->files) {
      if (f.data.size() > limits.max_file_bytes) std::abort();
      total += f.data.size();
    }
    if (total > body.size()) std::abort();
    if (r.form->fields.size() + r.form->files.size() > limits.max_parts) std::abort();
  }
  return 0;
}
