#include "mes/model.hpp"

namespace sgee::mes {

std::string param(const Note& n, std::string_view name) {
  for (const auto& [k, v] : n.params)
    if (k == name) return v;
  return {};
}

const std::vector<RequestType>& all_request_types() {
  static const std::vector<RequestType> v = {
      RequestType::new_request, RequestType::renewal_without_changes,
      RequestType::renewal_with_changes, RequestType::transfer};
  return v;
}

std::string_view to_string(RequestType t) {
  switch (t) {
    case RequestType::new_request: return "new";
    case RequestType::renewal_without_changes: return "renewal";
    case RequestType::renewal_with_changes: return "renewal_changes";
    case RequestType::transfer: return "transfer";
  }
  return "new";
}

std::optional<RequestType> request_type_from(std::string_view s) {
  for (auto t : all_request_types())
    if (to_string(t) == s) return t;
  return std::nullopt;
}

std::string type_key(RequestType t) {
  return "mes.type." + std::string(to_string(t));
}

const std::vector<ProviderKind>& all_provider_kinds() {
  static const std::vector<ProviderKind> v = {ProviderKind::cpe, ProviderKind::gs,
                                              ProviderKind::gns, ProviderKind::rsge};
  return v;
}

std::string_view to_string(ProviderKind k) {
  switch (k) {
    case ProviderKind::cpe: return "cpe";
    case ProviderKind::gs: return "gs";
    case ProviderKind::gns: return "gns";
    case ProviderKind::rsge: return "rsge";
  }
  return "cpe";
}

std::optional<ProviderKind> provider_kind_from(std::string_view s) {
  for (auto k : all_provider_kinds())
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<ProviderKind> provider_kind_of(bool rsge, std::string_view installation_kind) {
  if (rsge) return ProviderKind::rsge;
  if (installation_kind == "CPE") return ProviderKind::cpe;
  if (installation_kind == "GS") return ProviderKind::gs;
  if (installation_kind == "GNS") return ProviderKind::gns;
  return std::nullopt;
}

bool eligible(ProviderKind k) {
  return k != ProviderKind::gns;
}

}  // namespace sgee::mes
