#pragma once
// The validation catalog: every message the registry's rules can give, with its stable code
// (CSG + three digits + E error / A warning, SYN-01), the rule of spec/domain.md it enforces, and
// its French and English text. docs/validation-codes.md is generated from this table.
#include <string>
#include <string_view>
#include <vector>

#include "csg/model.hpp"

namespace sgee::csg {

struct Code {
  std::string_view code;  // "CSG042E"
  char severity;          // 'E': the record is not accepted; 'A': accepted with a warning
  std::string_view rule;  // "DOS-05"
  std::string_view fr, en;
};

const std::vector<Code>& catalog();
const Code* find_code(std::string_view code);                 // nullptr for an unknown code
std::string_view text(const Code& c, std::string_view lang);  // "fr" (default) or "en"
// The text with its placeholders {1}, {2}, ... replaced by `args` (a placeholder without a value
// stays as it is, so that the catalog's own listing shows where values go).
std::string text(const Code& c, std::string_view lang, const std::vector<std::string>& args);
// A finding's text (its code when the code is unknown).
std::string text(const Finding& f, std::string_view lang);

// The catalog as Markdown (docs/validation-codes.md).
std::string catalog_markdown();

}  // namespace sgee::csg
