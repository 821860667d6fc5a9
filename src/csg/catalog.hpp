#pragma once
// The validation catalog: every message the registry's rules can give, with its stable code
// (CSG + three digits + E error / A warning, SYN-01), the rule of spec/domain.md it enforces, and
// its French and English text. docs/validation-codes.md is generated from this table.
#include <string_view>
#include <vector>

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

// The catalog as Markdown (docs/validation-codes.md).
std::string catalog_markdown();

}  // namespace sgee::csg
