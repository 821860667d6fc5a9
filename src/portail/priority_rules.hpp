#pragma once
// Declared admission priorities (issue 15, ranking.hpp rule 4): what a CPE's or subsidized
// garderie's declaration and a parent's criteria must hold. Pure: the ministry's list (table
// priority_criteria) is a parameter.
#include <string>
#include <vector>

#include "portail/family_rules.hpp"

namespace sgee::portail::priority {

// The criterion the child's own flag stands for (portail_children.special_needs): the parent is
// not asked it twice.
inline constexpr const char* kSpecialNeeds = "special_needs";

struct DeclarationInput {
  std::vector<std::string> criteria;  // codes, as ticked
  std::string share;                  // the share of places, as typed ("30", "30 %")
};
struct Declaration {
  std::vector<std::string> criteria;  // in the list's order, each once
  int share_percent = 0;
};
struct Checked {
  Declaration declaration;
  std::vector<FieldError> errors;  // fields "criteria" and "share"
};
// At most ranking::kMaxPriorities codes, each of the list (`known`, in its order); a share that is
// a whole number from 0 to ranking::kMaxPrioritySharePercent ("" is 0; a trailing "%" is fine).
Checked check_declaration(const DeclarationInput& in, const std::vector<std::string>& known);

// The criteria a parent ticked: each of the list and not special needs (field
// "priority_criteria"); returns them in the list's order, each once.
std::vector<std::string> parent_criteria(const std::vector<std::string>& ticked,
                                         const std::vector<std::string>& known,
                                         std::vector<FieldError>& errors);

}  // namespace sgee::portail::priority
