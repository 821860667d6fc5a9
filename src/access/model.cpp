#include "access/model.hpp"

#include <array>

namespace sgee::access {

bool valid_region(std::string_view code) {
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  return code.size() == 2 && digit(code[0]) && digit(code[1]) && code >= "01" && code <= "17";
}
namespace {

template <typename E, size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view s) {
  for (const auto& [e, name] : table)
    if (name == s) return e;
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table)
    if (v == e) return name;
  return "?";
}

constexpr std::array<std::pair<OrgKind, std::string_view>, 5> kOrgKinds = {{
    {OrgKind::ministry, "ministry"},
    {OrgKind::division, "division"},
    {OrgKind::installation, "installation"},
    {OrgKind::bc, "bc"},
    {OrgKind::rsge, "rsge"},
}};

constexpr std::array<std::pair<LegalForm, std::string_view>, 4> kLegalForms = {{
    {LegalForm::sole, "sole"},
    {LegalForm::corporation, "corporation"},
    {LegalForm::nonprofit, "nonprofit"},
    {LegalForm::partnership, "partnership"},
}};

constexpr std::array<std::pair<Right, std::string_view>, 8> kRights = {{
    {Right::consult_dossiers, "consult_dossiers"},
    {Right::enter_dossiers, "enter_dossiers"},
    {Right::manage_admissions, "manage_admissions"},
    {Right::consult_mes, "consult_mes"},
    {Right::enter_mes, "enter_mes"},
    {Right::sign_mes, "sign_mes"},
    {Right::manage_access_codes, "manage_access_codes"},
    {Right::manage_rights, "manage_rights"},
}};

constexpr std::array<std::pair<UserKind, std::string_view>, 3> kUserKinds = {{
    {UserKind::enterprise, "enterprise"},
    {UserKind::parent, "parent"},
    {UserKind::ministry, "ministry"},
}};

}  // namespace

std::string_view to_string(OrgKind k) {
  return name_of(kOrgKinds, k);
}
std::optional<OrgKind> org_kind_from(std::string_view s) {
  return parse(kOrgKinds, s);
}
std::string_view to_string(LegalForm f) {
  return name_of(kLegalForms, f);
}
std::optional<LegalForm> legal_form_from(std::string_view s) {
  return parse(kLegalForms, s);
}
std::string_view to_string(Right r) {
  return name_of(kRights, r);
}
std::optional<Right> right_from(std::string_view s) {
  return parse(kRights, s);
}
std::string_view to_string(UserKind k) {
  return name_of(kUserKinds, k);
}
std::optional<UserKind> user_kind_from(std::string_view s) {
  return parse(kUserKinds, s);
}

const std::vector<Right>& all_rights() {
  static const std::vector<Right> all = [] {
    std::vector<Right> v;
    for (const auto& [r, name] : kRights) v.push_back(r);
    return v;
  }();
  return all;
}

}  // namespace sgee::access
