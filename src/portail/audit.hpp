#pragma once
// The Portail's audit rows (every read or change of a child's personal data writes one): who
// (the signed-in user or the access code of the request), what, from where.
#include <cstdint>
#include <optional>
#include <string>

#include "access/store.hpp"
#include "access/web.hpp"
#include "platform/http/message.hpp"

namespace sgee::portail {

inline void audit(db::Connection& c, const http::Request& req, const std::string& action,
                  const std::string& type, const std::string& id, const std::string& detail,
                  std::optional<std::int64_t> organization = std::nullopt) {
  const auto& who = access::auth_of(req).who;
  access::store::AuditEntry e{.organization_id = organization,
                              .action = action,
                              .record_type = type,
                              .record_id = id,
                              .detail = detail,
                              .address = req.remote,
                              .request_id = req.request_id};
  if (who.kind == access::Principal::Kind::access_code)
    e.access_code_id = who.access_code_id;
  else if (who.user_id != 0)
    e.user_id = who.user_id;
  access::store::audit(c, e);
}

}  // namespace sgee::portail
