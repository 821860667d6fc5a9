// The Portail's public map (issue 14, POR-07) through a real server, on SQLite and PostgreSQL:
// GET /api/v1/providers (every bad parameter, the filters, paging, distance order, unpublished
// providers and hidden fields never found) and GET /carte (the same results as a plain list,
// without JavaScript), the RSGE privacy of both, and the address autocomplete open to every
// signed-in user. The tests create their providers themselves, around a point of their own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>

#include "browser.hpp"
#include "geo/addresses.hpp"
#include "portail/position.hpp"
#include "privacy.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

// Our own corner of the province (Charlevoix), away from the demo's providers.
constexpr geo::Point kCentre{47.5, -70.0};
constexpr double kKmPerDegree = 6371.0088 * std::numbers::pi / 180.0;

geo::Point north_of(geo::Point p, double km) {
  return {p.latitude + km / kKmPerDegree, p.longitude};
}
geo::Point east_of(geo::Point p, double km) {
  return {p.latitude,
          p.longitude + km / (kKmPerDegree * std::cos(p.latitude * std::numbers::pi / 180.0))};
}

class PortailSearch : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    if (HasFatalFailure()) return;
    c_ = sql();
    db::Connection& c = *c_;
    // The reference: two addresses of G0T 1A1 around the centre (their centroid is the centre),
    // and one more on rue du Quai.
    geo::add_addresses(c, {{"10", "", "rue du Test", "Testville", "G0T 1A1",
                            north_of(kCentre, 0.1).latitude, kCentre.longitude},
                           {"12", "", "rue du Test", "Testville", "G0T 1A1",
                            north_of(kCentre, -0.1).latitude, kCentre.longitude},
                           {"5", "", "rue du Quai", "Testville", "G0T 1B1",
                            north_of(kCentre, 30).latitude, kCentre.longitude}});
    division_ = add("division", "19000001", "CPE Essai", std::nullopt, "", {});
    bc_ = add("bc", "39000001", "Bureau coordonnateur Essai", division_, "", {});
    // name, kind, distance and direction, visible fields, periods, free places, published
    provider("29000001", "Alpha", "CPE", north_of(kCentre, 1.0), "periods,free_places",
             "day,evening", 2, 0, true);
    provider("29000002", "Bravo", "GS", east_of(kCentre, 2.0), "", "day,evening", 3, 3, true);
    provider("29000003", "Charlie", "GNS", north_of(kCentre, -3.0), "periods,free_places,rates",
             "day", 0, 0, true);
    provider("49000001", "Delta", "rsge", east_of(kCentre, -4.0), "periods,free_places",
             "day,evening,weekend", 0, 1, true);
    provider("29000005", "Echo", "CPE", north_of(kCentre, 0.5), "periods,free_places",
             "day,evening", 5, 5, false);
    provider("29000006", "Foxtrot", "CPE", north_of(kCentre, 8.0), "periods,free_places", "day", 1,
             1, true);
  }

  std::int64_t add(const std::string& kind, const std::string& number, const std::string& name,
                   std::optional<std::int64_t> parent, const std::string& installation_kind,
                   std::optional<geo::Point> home, const std::string& street = "",
                   const std::string& postal = "") {
    return c_
        ->run(
            "INSERT INTO organizations (kind, number, name, parent_id, installation_kind, "
            "places_0_17, places_18_59, places, recognition_status, civic_number, street, "
            "municipality, postal_code, latitude, longitude, created_at, region) VALUES ($1, $2, "
            "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '2026-01-01T00:00:00Z', "
            "'03') RETURNING id",
            kind, number, name, parent,
            installation_kind.empty() ? std::optional<std::string>() : installation_kind,
            kind == "installation" ? std::optional<std::int64_t>(10) : std::nullopt,
            kind == "installation" ? std::optional<std::int64_t>(50) : std::nullopt,
            kind == "rsge" ? std::optional<std::int64_t>(6) : std::nullopt,
            kind == "rsge" ? std::optional<std::string>("recognized") : std::nullopt,
            home ? std::optional<std::string>("77") : std::nullopt,
            home ? std::optional<std::string>(street) : std::nullopt,
            home ? std::optional<std::string>("Testville") : std::nullopt,
            home ? std::optional<std::string>(postal) : std::nullopt,
            home ? std::optional<double>(home->latitude) : std::nullopt,
            home ? std::optional<double>(home->longitude) : std::nullopt)
        .first()
        .i64(0);
  }

  // A provider with its fiche; its map position as the Portail sets it.
  void provider(const std::string& number, const std::string& name, const std::string& kind,
                geo::Point at, const std::string& visible, const std::string& periods,
                int free_0_17, int free_18_59, bool published) {
    const bool rsge = kind == "rsge";
    auto id =
        add(rsge ? "rsge" : "installation", number, name,
            rsge ? bc_ : std::optional<std::int64_t>(division_), rsge ? "" : kind, at,
            rsge ? "chemin du Secret-" + name : "rue de l'Installation",
            rsge ? "G0T 9" + std::string(1, "ABCEGHJKLM"[number.back() - '0']) + "9" : "G0T 1A1");
    c_->run(
        "INSERT INTO fiches (organization_id, published, version, opening_days, opens_at, "
        "closes_at, periods, visible, free_0_17, free_18_59, daily_rate_cents, updated_at) "
        "VALUES ($1, $2, 1, '1111100', '07:00', '18:00', $3, $4, $5, $6, $7, "
        "'2026-01-01T00:00:00Z')",
        id, static_cast<std::int64_t>(published ? 1 : 0), periods, visible,
        static_cast<std::int64_t>(free_0_17), static_cast<std::int64_t>(free_18_59),
        kind == "GNS" ? std::optional<std::int64_t>(5500) : std::nullopt);
    portail::refresh_map_position(*c_, id);
  }

  // GET /api/v1/providers?<query> as JSON.
  std::pair<int, json> search(const std::string& query, const std::string& language = "fr") {
    Client client(port());
    auto r = client.get("/api/v1/providers?" + query,
                        {{"Accept", "application/json"}, {"Accept-Language", language}});
    return {r.status, json::parse(r.body, nullptr, false)};
  }
  std::vector<std::string> names(const json& j) {
    std::vector<std::string> out;
    for (const auto& p : j["results"]) out.push_back(p["name"]);
    return out;
  }

  std::unique_ptr<db::Connection> c_;
  std::optional<std::int64_t> division_, bc_;
};

const std::string kNear = "near=" + text::url_encode("10 rue du Test, Testville G0T 1A1");

TEST_F(PortailSearch, POR_07_EveryBadParameterIsRefusedNamingIt) {
  struct Case {
    std::string query, parameter, words;  // words: part of the French message
  };
  const std::vector<Case> cases = {
      {"radius_km=5", "near", "near"},
      {"near=", "near", "near"},
      {kNear + "&radius_km=0", "radius_km", "radius_km"},
      {kNear + "&radius_km=51", "radius_km", "radius_km"},
      {kNear + "&radius_km=2.5", "radius_km", "nombre entier"},
      {kNear + "&radius_km=cinq", "radius_km", "radius_km"},
      {"near=" + text::url_encode("99 rue Inconnue, Nulle Part"), "near", "adresse"},
      {"near=G0T+1A", "near", "code postal"},
      {"near=D0T+1A1", "near", "code postal"},
      {"near=G0T+9Z9", "near", "code postal"},  // well formed, no address has it
      {kNear + "&couleur=bleu", "couleur", "couleur"},
      {kNear + "&kind=ecole", "kind", "kind"},
      {kNear + "&subsidized=oui", "subsidized", "subsidized"},
      {kNear + "&age=0-17", "age", "age"},
      {kNear + "&period=soir", "period", "period"},
      {kNear + "&available=1", "available", "available"},
      {kNear + "&page=0", "page", "page"},
      {kNear + "&page=x", "page", "page"},
      {kNear + "&radius_km=5&radius_km=6", "radius_km", "radius_km"},
      {kNear + "&bad=%ZZ", "", "mal écrite"},
  };
  for (const auto& c : cases) {
    auto [status, j] = search(c.query);
    EXPECT_EQ(status, 400) << c.query;
    EXPECT_EQ(j["error"]["code"], "invalid_parameter") << c.query;
    EXPECT_EQ(j["error"]["parameter"], c.parameter) << c.query;
    EXPECT_TRUE(contains(j["error"]["message"].get<std::string>(), c.words))
        << c.query << ": " << j.dump();
  }
  // In English with Accept-Language or lang.
  auto [status, en] = search(kNear + "&radius_km=51", "en");
  EXPECT_EQ(status, 400);
  EXPECT_EQ(en["error"]["message"],
            "The radius_km parameter must be a whole number from 1 to 50 (kilometres).");
  auto [status2, en2] = search(kNear + "&radius_km=0&lang=en");
  EXPECT_EQ(status2, 400);
  EXPECT_TRUE(contains(en2["error"]["message"].get<std::string>(), "whole number"));
}

TEST_F(PortailSearch, POR_07_TheSearchIsInTheOpenApiDocument) {
  Client client(port());
  auto doc = json::parse(client.get("/api/openapi.json").body);
  const json& op = doc["paths"]["/api/v1/providers"]["get"];
  ASSERT_TRUE(op.is_object()) << doc["paths"].dump();
  EXPECT_EQ(op["security"], json::array()) << "public";
  std::set<std::string> names;
  for (const auto& p : op["parameters"]) names.insert(p["name"]);
  EXPECT_EQ(names, (std::set<std::string>{"near", "radius_km", "kind", "subsidized", "age",
                                          "period", "available", "page", "lang"}));
  EXPECT_TRUE(op["responses"].contains("400"));
}

TEST_F(PortailSearch, POR_07_NearestFirstPublishedOnlyWithinTheRadius) {
  // 5 km around the address: Alpha 1 km, Bravo 2 km, Charlie 3 km, Delta 4 km (her marker 300 to
  // 800 m from her home); Echo is not published, Foxtrot 8 km away.
  auto [status, j] = search(kNear + "&radius_km=5");
  ASSERT_EQ(status, 200) << j.dump();
  EXPECT_EQ(names(j), (std::vector<std::string>{"Alpha", "Bravo", "Charlie", "Delta"}));
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["pages"], 1);
  const json& alpha = j["results"][0];
  EXPECT_DOUBLE_EQ(alpha["distance_km"].get<double>(), 0.9);  // 1 km north of the centre
  EXPECT_EQ(alpha["kind"], "cpe");
  EXPECT_EQ(alpha["subsidized"], true);
  EXPECT_EQ(alpha["url"], "/milieux/29000001");
  EXPECT_EQ(alpha["opening_days"], "1111100");
  EXPECT_EQ(alpha["opens_at"], "07:00");
  EXPECT_EQ(alpha["places"], 60);
  EXPECT_EQ(alpha["free_places"]["0_17"], 2);
  EXPECT_EQ(alpha["periods"], (json{"day", "evening"}));
  EXPECT_NEAR(alpha["position"]["latitude"].get<double>(), north_of(kCentre, 1.0).latitude, 1e-5);
  EXPECT_EQ(j["results"][2]["subsidized"], false);  // Charlie, a GNS
  EXPECT_EQ(j["results"][3]["kind"], "rsge");
  EXPECT_EQ(j["results"][3]["approximate_position"], true);
  // The postal code alone: the centroid of its addresses, the same centre; any case, no space.
  auto [s2, by_code] = search("near=g0t1a1&radius_km=5");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(names(by_code), names(j));
  // 1 km: Alpha alone (0.9 km from the address); 10 km: Foxtrot too, never Echo.
  EXPECT_EQ(names(search(kNear + "&radius_km=1").second), (std::vector<std::string>{"Alpha"}));
  auto ten = search(kNear + "&radius_km=10").second;
  EXPECT_EQ(names(ten).size(), 5u);
  EXPECT_EQ(names(ten).back(), "Foxtrot");
  // Withdrawn on another server: gone from the very next search (no cache).
  c_->run(
      "UPDATE fiches SET published = 0 WHERE organization_id = (SELECT id FROM organizations "
      "WHERE number = '29000002')");
  EXPECT_EQ(names(search(kNear + "&radius_km=5").second),
            (std::vector<std::string>{"Alpha", "Charlie", "Delta"}));
}

TEST_F(PortailSearch, POR_07_FiltersAndHiddenFieldsNeverFilterable) {
  auto found = [&](const std::string& filters) {
    auto [status, j] = search(kNear + "&radius_km=5&" + filters);
    EXPECT_EQ(status, 200) << filters << j.dump();
    return names(j);
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(found("kind=cpe"), (Names{"Alpha"}));
  EXPECT_EQ(found("kind=gs,rsge"), (Names{"Bravo", "Delta"}));
  EXPECT_EQ(found("kind=gns&kind=cpe"), (Names{"Alpha", "Charlie"}));
  EXPECT_EQ(found("subsidized=true"), (Names{"Alpha", "Bravo", "Delta"}));
  EXPECT_EQ(found("subsidized=false"), (Names{"Charlie"}));
  // Bravo offers evenings and has free places, but shows neither: no filter finds her by them.
  EXPECT_EQ(found("period=evening"), (Names{"Alpha", "Delta"}));
  EXPECT_EQ(found("period=evening&period=weekend"), (Names{"Delta"}));
  EXPECT_EQ(found("available=true"), (Names{"Alpha", "Delta"}));
  EXPECT_EQ(found("age=0_17"), (Names{"Alpha"}));
  EXPECT_EQ(found("age=18_59"), (Names{"Delta"}));
  EXPECT_EQ(found("age=school"), (Names{}));
  // …and her hidden fields are not in her result either.
  auto [status, all] = search(kNear + "&radius_km=5&kind=gs");
  ASSERT_EQ(all["results"].size(), 1u);
  EXPECT_FALSE(all["results"][0].contains("free_places")) << all.dump();
  EXPECT_FALSE(all["results"][0].contains("periods")) << all.dump();
  EXPECT_FALSE(contains(all.dump(), "evening"));
}

TEST_F(PortailSearch, POR_07_PagesOfTwentyInDistanceOrder) {
  // 25 more CPE between 4.5 and 4.98 km, each 20 m further than the last.
  {
    db::Transaction tx(*c_);
    for (int i = 0; i < 25; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "Golf %02d", i);
      provider(std::to_string(29000100 + i), name, "CPE", north_of(kCentre, 4.5 + 0.02 * i),
               "periods,free_places", "day", 0, 0, true);
    }
    tx.commit();
  }
  auto [s1, one] = search(kNear + "&radius_km=5");
  ASSERT_EQ(s1, 200);
  EXPECT_EQ(one["total"], 29);
  EXPECT_EQ(one["pages"], 2);
  ASSERT_EQ(one["results"].size(), 20u);
  auto [s2, two] = search(kNear + "&radius_km=5&page=2");
  ASSERT_EQ(two["results"].size(), 9u);
  std::vector<double> distances;
  std::vector<std::string> all = names(one);
  for (const auto& n : names(two)) all.push_back(n);
  for (const auto& page : {one, two})
    for (const auto& p : page["results"]) distances.push_back(p["distance_km"]);
  EXPECT_TRUE(std::is_sorted(distances.begin(), distances.end()));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 29u) << "no one twice";
  EXPECT_EQ(all.front(), "Alpha");
  EXPECT_EQ(all.back(), "Golf 24");
  // Past the last page: an empty page, not an error.
  auto [s3, three] = search(kNear + "&radius_km=5&page=3");
  EXPECT_EQ(s3, 200);
  EXPECT_TRUE(three["results"].empty());
}

TEST_F(PortailSearch, POR_07_TheMapPageIsAPlainListWithoutJavaScript) {
  Browser visitor(port());
  auto empty = visitor.get("/carte");
  ASSERT_EQ(empty.status, 200);
  EXPECT_TRUE(contains(empty.body, "<form method=\"get\""));
  EXPECT_FALSE(contains(empty.body, "map-list"));
  auto page = visitor.get("/carte?near=" + text::url_encode("10 rue du Test, Testville G0T 1A1") +
                          "&radius_km=5&period=evening");
  ASSERT_EQ(page.status, 200);
  const std::string list = page.body.substr(page.body.find("map-list"));
  EXPECT_TRUE(contains(list, "Alpha"));
  EXPECT_TRUE(contains(list, "Delta"));
  EXPECT_FALSE(contains(list, "Bravo")) << "hides her periods";
  EXPECT_FALSE(contains(page.body, "Echo")) << "not published";
  EXPECT_LT(list.find("Alpha"), list.find("Delta"));
  EXPECT_TRUE(contains(list, "href=\"&#x2F;milieux&#x2F;29000001\"") ||
              contains(list, "href=\"/milieux/29000001\""));
  EXPECT_TRUE(contains(page.body, "Détails et admission"));
  EXPECT_TRUE(contains(page.body, "0,9 km"));
  EXPECT_TRUE(contains(page.body, html("Aucun fond de carte n'est configuré")));
  // A bad radius: the form again with a message naming the field, 400.
  auto bad = visitor.get("/carte?near=G0T+1A1&radius_km=51");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "Distance maximale : un nombre entier de 1 à 50 km."));
  // English.
  auto en = visitor.get("/carte?near=G0T+1A1&radius_km=5&lang=en");
  EXPECT_TRUE(contains(en.body, "Details and admission"));
  EXPECT_TRUE(contains(en.body, "Map of childcare services"));
}

TEST_F(PortailSearch, POR_07_MapTilesAreASetting) {
  // Without --map-tiles the page says no background is configured; with it, the URL reaches the
  // map's data and the notice is gone.
  server_.reset();
  server_ = std::make_unique<Server>(
      db_->url(),
      std::vector<std::string>{"--map-tiles", "https://tiles.example.test/{z}/{x}/{y}.png"});
  Browser visitor(port());
  auto page = visitor.get("/carte?near=G0T+1A1&radius_km=5");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "tiles.example.test"));
  EXPECT_FALSE(contains(page.body, html("Aucun fond de carte")));
  // The page lets the browser load images from the tile server, and only from it besides sgee.
  EXPECT_TRUE(contains(page.header("content-security-policy"),
                       "img-src 'self' data: https://tiles.example.test;"))
      << page.header("content-security-policy");
  // Leaflet is served by sgee itself.
  Client client(port());
  auto js = client.get("/static/leaflet/leaflet.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_TRUE(contains(js.body, "Leaflet"));
  EXPECT_EQ(client.get("/static/leaflet/leaflet.css").status, 200);
  EXPECT_EQ(client.get("/static/leaflet/images/marker-icon.png").status, 200);
}

TEST_F(PortailSearch, POR_07_NoPublicResponseGivesAnRsgeHomeAway) {
  // Every search a visitor could make here, as JSON and as the map page (each filter, each page,
  // near her own postal code's neighbours), scanned for each RSGE's street, postal code and any
  // position within 250 m of her home.
  std::vector<std::string> queries;
  for (const std::string& near : {kNear, std::string("near=G0T+1A1"), std::string("near=g0t1b1")})
    for (const std::string extra : {"", "&radius_km=1", "&radius_km=50", "&kind=rsge",
                                    "&period=weekend", "&age=18_59", "&available=true", "&page=2"})
      queries.push_back(near + extra);
  Browser visitor(port());
  auto c = sql();
  auto homes = rsge_homes(*c);
  ASSERT_FALSE(homes.empty());
  int rsge_found = 0;
  for (const auto& q : queries) {
    Client client(port());
    auto api = client.get("/api/v1/providers?" + q);
    auto page = visitor.get("/carte?" + q);
    rsge_found += contains(api.body, "\"rsge\"") ? 1 : 0;
    for (const auto& home : homes) {
      EXPECT_EQ(leak(api.body, home), "") << home.number << " in /api/v1/providers?" << q;
      EXPECT_EQ(leak(page.body, home), "") << home.number << " in /carte?" << q;
    }
  }
  EXPECT_GT(rsge_found, 0) << "the scan saw RSGE results";
  // The scan does find a leak when there is one.
  const HomeAddress& delta = *std::find_if(
      homes.begin(), homes.end(), [](const HomeAddress& h) { return h.number == "49000001"; });
  char at[64];
  std::snprintf(at, sizeof at, "{\"lat\":%.4f,\"lng\":%.4f}", delta.at->latitude + 0.001,
                delta.at->longitude);
  EXPECT_NE(leak(at, delta), "");
  EXPECT_NE(leak("<p>chemin du Secret-Delta</p>", delta), "");
  EXPECT_NE(leak(delta.postal_code, delta), "");
  // Written the French way, with commas, and apart on a page about her alone.
  std::snprintf(at, sizeof at, "%.5f ; %.5f", delta.at->latitude, delta.at->longitude);
  std::string french = at;
  std::replace(french.begin(), french.end(), '.', ',');
  EXPECT_NE(leak(french, delta), "");
  std::snprintf(at, sizeof at, "<p>%.4f</p><p>2.5</p><p>%.4f</p>", delta.at->latitude,
                delta.at->longitude);
  EXPECT_EQ(leak(at, delta), "") << "a page of many providers: only neighbours make a pair";
  EXPECT_NE(leak(at, delta, /*about_her=*/true), "");
  EXPECT_NE(leak("<p>" + delta.postal_code.substr(0, 3) + " …</p>", delta, true), "");
}

TEST_F(PortailSearch, TheAddressAutocompleteServesEverySignedInUser) {
  auto ask = [&](Browser& b) {
    return b.get("/adresses?q=" + text::url_encode("10 rue du te"),
                 {{"Accept", "application/json"}});
  };
  Browser anonymous(port());
  EXPECT_EQ(ask(anonymous).status, 401);
  for (const auto& [login, password] :
       std::vector<std::pair<std::string, std::string>>{{"parent@example.test", "Parent-demo-2026"},
                                                        {"E0000001", "Rse-petits-pas-2026"},
                                                        {"M0000001", "Ministere-demo-2026"}}) {
    Browser b(port());
    auto r = sign_in(b, login, password);
    ASSERT_EQ(r.status, 303) << login;
    auto found = ask(b);
    ASSERT_EQ(found.status, 200) << login;
    auto j = json::parse(found.body);
    ASSERT_EQ(j["addresses"].size(), 1u) << login;
    EXPECT_EQ(j["addresses"][0]["label"], "10 rue du Test, Testville G0T 1A1");
  }
}

}  // namespace
}  // namespace sgee::test
