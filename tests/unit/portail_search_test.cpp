// The public map's search parameters (src/portail/search_rules.hpp, POR-07): what parse accepts,
// and the parameter and reason of what it refuses.
#include <gtest/gtest.h>

#include "platform/text.hpp"
#include "portail/search_rules.hpp"

namespace sgee::portail::search {
namespace {

std::variant<Query, ParamError> parse_url(const std::string& q) {
  return parse(*text::parse_query(q));
}

TEST(PortailSearch, POR_07_RefusedParametersNameTheParameterAndReason) {
  struct Case {
    const char* query;
    const char* parameter;
    const char* reason;
  };
  const Case cases[] = {
      {"radius_km=5", "near", "near_required"},
      {"near=", "near", "near_required"},
      {"near=G1G1G1&radius_km=0", "radius_km", "radius"},
      {"near=G1G1G1&radius_km=51", "radius_km", "radius"},
      {"near=G1G1G1&radius_km=2.5", "radius_km", "radius"},
      {"near=G1G1G1&radius_km=-3", "radius_km", "radius"},
      {"near=G1G1G1&radius_km=cinq", "radius_km", "radius"},
      {"near=G1G1G1&radius_km=5&radius_km=6", "radius_km", "repeated"},
      {"near=G1G1G1&kind=cpe,ecole", "kind", "kind"},
      {"near=G1G1G1&kind=CPE", "kind", "kind"},
      {"near=G1G1G1&subsidized=oui", "subsidized", "subsidized"},
      {"near=G1G1G1&age=0-17", "age", "age"},
      {"near=G1G1G1&period=soir", "period", "period"},
      {"near=G1G1G1&available=1", "available", "available"},
      {"near=G1G1G1&page=0", "page", "page"},
      {"near=G1G1G1&page=-1", "page", "page"},
      {"near=G1G1G1&page=x", "page", "page"},
      {"near=G1G1G1&couleur=bleu", "couleur", "unknown"},
      {"near=G1G1G1&sort=name", "sort", "unknown"},
  };
  for (const auto& c : cases) {
    auto r = parse_url(c.query);
    ASSERT_TRUE(std::holds_alternative<ParamError>(r)) << c.query;
    EXPECT_EQ(std::get<ParamError>(r).parameter, c.parameter) << c.query;
    EXPECT_EQ(std::get<ParamError>(r).reason, c.reason) << c.query;
  }
}

TEST(PortailSearch, POR_07_AcceptedQueries) {
  auto r = parse_url(
      "near=G1G+1G1&radius_km=50&kind=cpe&kind=rsge,gs&subsidized=true&age=18_59"
      "&period=evening&period=weekend&available=true&page=3&lang=en");
  ASSERT_TRUE(std::holds_alternative<Query>(r));
  const Query& q = std::get<Query>(r);
  EXPECT_EQ(q.near, "G1G 1G1");
  EXPECT_EQ(q.radius_km, 50);
  EXPECT_EQ(q.kinds, (std::set<std::string>{"cpe", "gs", "rsge"}));
  EXPECT_EQ(q.subsidized, true);
  EXPECT_EQ(q.age, "18_59");
  EXPECT_EQ(q.periods, (std::set<std::string>{"evening", "weekend"}));
  EXPECT_TRUE(q.available);
  EXPECT_EQ(q.page, 3);

  // The form's empty fields are no filter; the radius defaults to 5 km; 1 km is allowed.
  auto d = parse_url("near=H2X1Y4&radius_km=&kind=&subsidized=&age=&available=&page=");
  ASSERT_TRUE(std::holds_alternative<Query>(d));
  EXPECT_EQ(std::get<Query>(d).radius_km, kDefaultRadiusKm);
  EXPECT_TRUE(std::get<Query>(d).kinds.empty());
  EXPECT_FALSE(std::get<Query>(d).subsidized);
  EXPECT_EQ(std::get<Query>(d).page, 1);
  auto one = parse_url("near=H2X1Y4&radius_km=1");
  EXPECT_EQ(std::get<Query>(one).radius_km, 1);
}

TEST(PortailSearch, POR_07_SubsidizedFromTheKind) {
  EXPECT_TRUE(subsidized("cpe"));
  EXPECT_TRUE(subsidized("gs"));
  EXPECT_TRUE(subsidized("rsge"));
  EXPECT_FALSE(subsidized("gns"));
}

// A filter on an optional field passes only a provider who shows that field (POR-02, POR-07).
TEST(PortailSearch, POR_07_FiltersMatchOnlyShownFields) {
  const Candidate shown{"cpe", "periods,free_places", "day,evening", 2, 0, std::nullopt};
  const Candidate hidden{"gs", "", "day,evening,weekend", 3, 3, 3};
  const Candidate rsge{"rsge", "free_places,periods", "day,weekend", 0, 1, std::nullopt};
  const Candidate gns{"gns", "periods,free_places,rates", "day", 0, 0, 0};
  struct Case {
    const char* query;
    std::vector<bool> expected;  // shown, hidden, rsge, gns
  };
  const Case cases[] = {
      {"near=x", {true, true, true, true}},
      {"near=x&kind=cpe", {true, false, false, false}},
      {"near=x&kind=gs,rsge", {false, true, true, false}},
      {"near=x&subsidized=true", {true, true, true, false}},
      {"near=x&subsidized=false", {false, false, false, true}},
      {"near=x&period=evening", {true, false, false, false}},
      {"near=x&period=weekend", {false, false, true, false}},
      {"near=x&period=day&period=evening", {true, false, false, false}},
      {"near=x&available=true", {true, false, true, false}},
      {"near=x&age=0_17", {true, false, false, false}},
      {"near=x&age=18_59", {false, false, true, false}},
      {"near=x&age=school", {false, false, false, false}},
      {"near=x&kind=rsge&age=18_59&period=weekend", {false, false, true, false}},
  };
  for (const auto& c : cases) {
    auto q = std::get<Query>(parse_url(c.query));
    std::vector<bool> got;
    for (const auto* candidate : {&shown, &hidden, &rsge, &gns})
      got.push_back(matches(*candidate, q));
    EXPECT_EQ(got, c.expected) << c.query;
  }
}

TEST(PortailSearch, POR_02_VisibleFieldsAndShownDistance) {
  EXPECT_TRUE(visible("periods,free_places", "free_places"));
  EXPECT_TRUE(visible("periods, free_places", "free_places"));
  EXPECT_FALSE(visible("periods,free_places_x", "free_places"));
  EXPECT_FALSE(visible("", "periods"));
  EXPECT_DOUBLE_EQ(shown_distance(1.25), 1.3);
  EXPECT_DOUBLE_EQ(shown_distance(0.04), 0.0);
  EXPECT_DOUBLE_EQ(shown_distance(49.96), 50.0);
}

}  // namespace
}  // namespace sgee::portail::search
