#include "portail/priority_rules.hpp"

#include <algorithm>

#include "platform/text.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::priority {

namespace {

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The ticked codes in the list's order, each once; false when one is not of the list.
bool in_list_order(const std::vector<std::string>& ticked, const std::vector<std::string>& known,
                   std::vector<std::string>& out) {
  bool all_known = true;
  for (const auto& t : ticked) all_known = all_known && has(known, t);
  for (const auto& k : known)
    if (has(ticked, k)) out.push_back(k);
  return all_known;
}

}  // namespace

Checked check_declaration(const DeclarationInput& in, const std::vector<std::string>& known) {
  Checked out;
  if (!in_list_order(in.criteria, known, out.declaration.criteria))
    out.errors.push_back({"criteria", "rank.err.unknown_criterion"});
  else if (out.declaration.criteria.size() > ranking::kMaxPriorities)
    out.errors.push_back({"criteria", "rank.err.too_many"});
  std::string share(text::trim(in.share));
  if (!share.empty() && share.back() == '%')
    share = std::string(text::trim(share.substr(0, share.size() - 1)));
  if (share.empty()) {
    out.declaration.share_percent = 0;
  } else if (!std::all_of(share.begin(), share.end(),
                          [](char ch) { return ch >= '0' && ch <= '9'; })) {
    out.errors.push_back({"share", "rank.err.share_whole"});
  } else if (share.size() > 3 || std::stoi(share) > ranking::kMaxPrioritySharePercent) {
    out.errors.push_back({"share", "rank.err.share_max"});
  } else {
    out.declaration.share_percent = std::stoi(share);
  }
  return out;
}

std::vector<std::string> parent_criteria(const std::vector<std::string>& ticked,
                                         const std::vector<std::string>& known,
                                         std::vector<FieldError>& errors) {
  std::vector<std::string> allowed;
  for (const auto& k : known)
    if (k != kSpecialNeeds) allowed.push_back(k);
  std::vector<std::string> out;
  if (!in_list_order(ticked, allowed, out))
    errors.push_back({"priority_criteria", "rank.err.unknown_criterion"});
  return out;
}

}  // namespace sgee::portail::priority
