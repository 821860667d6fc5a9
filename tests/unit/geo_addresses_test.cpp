// Geocoding over the address reference (src/geo/addresses.hpp), on an SQLite database with the
// real migrations: an address as the reference has it, a postal code alone (the centroid of its
// addresses, with or without the space, any case), and why a query finds nothing.
#include <gtest/gtest.h>

#include "geo/addresses.hpp"
#include "platform/db/migrations.hpp"

namespace sgee::geo {
namespace {

class GeoGeocode : public ::testing::Test {
 protected:
  void SetUp() override {
    c = db::connect("sqlite::memory:");
    db::migrate(*c, db::load_migrations(db::Engine::sqlite));
    add_addresses(*c,
                  {{"147", "", "rue des Patriotes", "Québec", "g1g1g1", 46.80, -71.20},
                   {"151", "A", "rue des Patriotes", "Québec", "G1G 1G1", 46.82, -71.22},
                   {"9", "", "avenue Émile", "Montréal", "H2X 1Y4", 45.51, -73.57},
                   {"11", "", "avenue Émile", "Montréal", "H2X 1Y5", std::nullopt, std::nullopt}});
  }
  std::unique_ptr<db::Connection> c;
};

TEST_F(GeoGeocode, PostalCodeAloneIsTheCentroidOfItsAddresses) {
  for (const char* typed : {"G1G 1G1", "g1g1g1", " g1G 1g1 "}) {
    auto g = geocode(*c, typed);
    ASSERT_TRUE(g.at) << typed;
    EXPECT_NEAR(g.at->latitude, 46.81, 1e-9);
    EXPECT_NEAR(g.at->longitude, -71.21, 1e-9);
  }
  EXPECT_EQ(geocode(*c, "H2X 1Y5").error, GeocodeError::unknown_postal_code);  // no position
  EXPECT_EQ(geocode(*c, "H3Z 2Y7").error, GeocodeError::unknown_postal_code);
  for (const char* bad : {"D1A 1A1", "H2X 1Y", "H2X 1Y44", "HHX 1Y4"})
    EXPECT_EQ(geocode(*c, bad).error, GeocodeError::malformed_postal_code) << bad;
}

TEST_F(GeoGeocode, AddressExactlyAsTheReferenceHasIt) {
  for (const char* typed : {"9 avenue Émile, Montréal H2X 1Y4", "9 AVENUE EMILE MONTREAL H2X 1Y4",
                            "9  avenue émile,  montréal h2x 1y4", "9 avenue Emile, MONTREAL",
                            "9 avenue Émile, Montréal H2X1Y4", "151A rue des Patriotes, Québec",
                            "151A rue des Patriotes, Québec G1G 1G1"}) {
    auto g = geocode(*c, typed);
    ASSERT_TRUE(g.at) << typed;
  }
  EXPECT_NEAR(geocode(*c, "9 avenue Émile, Montréal").at->latitude, 45.51, 1e-9);
  for (const char* unknown :
       {"9 avenue Émile", "9 avenue Émile Montréal", "10 avenue Émile, Montréal", "Laval",
        "9 avenue Émile, Montréal H2X", "11 avenue Émile, Montréal", "avenue Émile, Montréal",
        "9 avenue Émile, Montréal H2X 1Y5"})
    EXPECT_EQ(geocode(*c, unknown).error, GeocodeError::unknown_address) << unknown;
  EXPECT_EQ(geocode(*c, "  ").error, GeocodeError::empty);
}

TEST_F(GeoGeocode, AutocompleteAndExactLookup) {
  auto found = addresses_starting(*c, "9 avenue emile", 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(address_label(found[0]), "9 avenue Émile, Montréal H2X 1Y4");
  EXPECT_TRUE(address_exists(*c, "147", "Rue des patriotes", "QUEBEC"));
  EXPECT_FALSE(address_exists(*c, "148", "rue des Patriotes", "Québec"));
  EXPECT_TRUE(addresses_loaded(*c));
}

}  // namespace
}  // namespace sgee::geo
