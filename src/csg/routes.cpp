// The sync API v1 (spec/api.md): management software sends batches of dossiers with its access
// code; each is validated with the catalog and, for `sync`, saved in one transaction per batch.
#include "csg/routes.hpp"

#include <variant>

#include "access/store.hpp"
#include "access/web.hpp"
#include "csg/catalog.hpp"
#include "csg/json.hpp"
#include "csg/openapi.hpp"
#include "csg/sync.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr size_t kMaxDossiers = 1000;
// An installation's CISSS reservations (SYN-20): each CISSS period of every record is checked
// against all of them (DOS-23), so their number is bounded too.
constexpr size_t kMaxReservations = 1000;
constexpr size_t kMaxBody = 10 * 1024 * 1024;

Response api_error(int status, const std::string& code, const std::string& message) {
  return Response::json({{"error", {{"code", code}, {"message", message}}}}, status);
}

std::string lang_of(const Request& req) {
  return req.lang == "en" ? "en" : "fr";
}

store::Who who_of(const Request& req) {
  const auto& who = access::auth_of(req).who;
  store::Who w;
  if (who.access_code_id) w.access_code_id = who.access_code_id;
  if (who.user_id) w.user_id = who.user_id;
  return w;
}

// The request's JSON body, or the whole-request error to answer.
std::variant<json, Response> body_json(const Request& req) {
  bool en = lang_of(req) == "en";
  if (req.body.size() > kMaxBody)
    return api_error(413, "too_large",
                     en ? "The body is over 10 MB." : "Le corps de la requête dépasse 10 Mo.");
  auto body = parse_body(req.body);
  if (body.json) return std::move(*body.json);
  std::string where = std::to_string(body.stopped_at);
  return api_error(
      400, "bad_json",
      en ? "The body is not JSON: parsing stopped at byte " + where + "."
         : "Le corps n'est pas du JSON : la lecture s'est arrêtée à l'octet " + where + ".");
}

Response batch(web::WebApp& web, Request& req, bool save) {
  auto parsed = body_json(req);
  if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
  auto& body = std::get<json>(parsed);
  bool en = lang_of(req) == "en";
  if (!body.is_object() || !body.contains("dossiers") || !body["dossiers"].is_array())
    return api_error(400, "no_dossiers",
                     en ? "The body needs a \"dossiers\" array."
                        : "Le corps doit contenir un tableau « dossiers ».");
  if (body["dossiers"].size() > kMaxDossiers)
    return api_error(
        413, "too_many",
        en ? "At most 1,000 dossiers per request." : "Au plus 1 000 dossiers par requête.");
  auto c = web.pool().acquire();
  return Response::json(
      process_batch(*c, component_of(req), body["dossiers"], batch_options(req, save)));
}

}  // namespace

Component component_of(const Request& req) {
  const auto& org = *access::auth_of(req).target;
  return {org.id, org.number, org.kind == access::OrgKind::bc};
}

BatchOptions batch_options(const Request& req, bool save) {
  BatchOptions o;
  o.save = save;
  o.lang = lang_of(req);
  o.today = dates::today_in_quebec();
  o.who = who_of(req);
  o.address = req.remote;
  o.request_id = req.request_id;
  return o;
}

void add_api_routes(web::WebApp& web) {
  auto& router = web.router();
  const std::string base = "/api/v1/installations/{installation}";
  const auto code = Access::api_code("installation").of_kinds({"installation", "bc"});

  router.add("POST", base + "/dossiers/validate", code,
             [&web](Request& req) { return batch(web, req, false); });
  router.add("POST", base + "/dossiers/sync", code,
             [&web](Request& req) { return batch(web, req, true); });

  router.add("GET", base + "/dossiers/{ref}", code, [&web](Request& req) {
    auto c = web.pool().acquire();
    auto component = component_of(req);
    auto stored = store::find_dossier(*c, component.id, req.params.at("ref"));
    if (!stored)
      return api_error(404, "not_found",
                       lang_of(req) == "en" ? "No dossier with this ref at this installation."
                                            : "Aucun dossier de ce numéro à cette installation.");
    auto who = who_of(req);
    access::store::audit(*c, {.user_id = who.user_id,
                              .access_code_id = who.access_code_id,
                              .organization_id = component.id,
                              .action = "read",
                              .record_type = "dossier",
                              .record_id = stored->ref,
                              .detail = "api",
                              .address = req.remote,
                              .request_id = req.request_id});
    return Response::json({{"ref", stored->ref},
                           {"status", stored->status},
                           {"version", stored->version},
                           {"updated_at", stored->updated_at},
                           {"dossier", json::parse(stored->data)},
                           {"messages", stored->messages}});
  });

  router.add("PUT", base + "/closing-days/{year}", code, [&web](Request& req) {
    auto year = text::to_int(req.params.at("year"));
    if (!year || *year < 1900 || *year > 2199 || req.params.at("year").size() != 4)
      return api_error(404, "not_found",
                       lang_of(req) == "en" ? "No such year." : "Année inconnue.");
    auto parsed = body_json(req);
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    auto days = parse_closing_days(std::get<json>(parsed));
    auto component = component_of(req);
    auto findings = days.findings;
    if (findings.empty())
      findings = check_closing_days(static_cast<int>(*year), days.days, component.is_bc);
    if (has_error_code(findings))
      return Response::json({{"saved", 0}, {"messages", messages_json(findings, lang_of(req))}},
                            422);
    auto c = web.pool().acquire();
    store::replace_closing_days(*c, component.id, static_cast<int>(*year), days.days);
    return Response::json({{"saved", days.days.size()}, {"messages", json::array()}});
  });

  router.add("PUT", base + "/cisss-reservations", code, [&web](Request& req) {
    auto parsed = body_json(req);
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    const auto& body = std::get<json>(parsed);
    if (body.is_object() && body.contains("reservations") && body["reservations"].is_array() &&
        body["reservations"].size() > kMaxReservations)
      return api_error(413, "too_many",
                       lang_of(req) == "en" ? "At most 1,000 reservations per installation."
                                            : "Au plus 1 000 réservations par installation.");
    auto rs = parse_reservations(body);
    auto component = component_of(req);
    auto findings = rs.findings;
    if (findings.empty()) findings = check_reservations(rs.reservations);
    if (has_error_code(findings))
      return Response::json({{"saved", 0}, {"messages", messages_json(findings, lang_of(req))}},
                            422);
    auto c = web.pool().acquire();
    store::replace_reservations(*c, component.id, rs.reservations);
    return Response::json({{"saved", rs.reservations.size()}, {"messages", json::array()}});
  });

  router.add("GET", "/api/v1/validation-codes", Access::open(), [](Request&) {
    json codes = json::array();
    for (const auto& c : catalog())
      codes.push_back({{"code", c.code},
                       {"severity", std::string(1, c.severity)},
                       {"rule", c.rule},
                       {"fr", c.fr},
                       {"en", c.en}});
    return Response::json({{"codes", codes}});
  });

  router.add("GET", "/api/openapi.json", Access::open(),
             [](Request&) { return Response::json(openapi_document()); });
}

}  // namespace sgee::csg
