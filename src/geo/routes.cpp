#include "geo/routes.hpp"

#include "geo/addresses.hpp"
#include "platform/text.hpp"

namespace sgee::geo {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void add_routes(web::WebApp& web) {
  // The reference's addresses starting with what was typed (accents and case ignored), at most
  // 10; 3 characters at least.
  web.router().add("GET", "/adresses", Access::signed_in(), [&web](Request& req) {
    std::string key = text::search_key(text::trim(req.query("q").value_or("")));
    json out = json::array();
    if (text::code_points(key).size() >= 3 && key.size() <= 200) {
      auto c = web.pool().acquire();
      for (const auto& a : addresses_starting(*c, key, 10))
        out.push_back({{"label", address_label(a)},
                       {"civic_number", a.civic_number},
                       {"civic_suffix", a.civic_suffix},
                       {"street", a.street},
                       {"municipality", a.municipality},
                       {"postal_code", a.postal_code}});
    }
    return Response::json({{"addresses", out}});
  });
}

}  // namespace sgee::geo
