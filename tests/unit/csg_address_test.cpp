// Unit tests for check_address and the postal code helpers (src/csg/rules.hpp): the responsable's
// address, rules DOS-13 and DOS-14.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using sgee::test::Fixture;

namespace {

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_address, cases);
}

TEST(CsgAddress, DOS_13_AddressFieldsRequired) {
  run({
      {"with suffix and apartment",
       [](Fixture& f) {
         f.d.guardian.address.civic_suffix = "A";
         f.d.guardian.address.apartment = "4";
       },
       {}},
      {"no civic number",
       [](Fixture& f) { f.d.guardian.address.civic_number.reset(); },
       {{"CSG027E", "guardian.address.civic_number", ""}}},
      {"no street",
       [](Fixture& f) { f.d.guardian.address.street.reset(); },
       {{"CSG027E", "guardian.address.street", ""}}},
      {"no municipality",
       [](Fixture& f) { f.d.guardian.address.municipality.reset(); },
       {{"CSG027E", "guardian.address.municipality", ""}}},
      {"no civic number, street nor municipality",
       [](Fixture& f) {
         f.d.guardian.address.civic_number.reset();
         f.d.guardian.address.street.reset();
         f.d.guardian.address.municipality.reset();
       },
       {{"CSG027E", "guardian.address.civic_number", ""},
        {"CSG027E", "guardian.address.street", ""},
        {"CSG027E", "guardian.address.municipality", ""}}},
  });
}

TEST(CsgAddress, DOS_13_NotAPostOfficeBox) {
  struct StreetCase {
    std::string street;
    bool box;
  };
  const std::vector<StreetCase> streets = {
      {"C.P. 123", true},
      {"c.p. 123", true},
      {"CP 45", true},
      {"cp 45", true},
      {"Case postale 12", true},
      {"CASE POSTALE 12", true},
      {"case postale 7", true},
      {"rue des Érables", false},
      {"Caserne", false},
      {"rue Capitale", false},
      {"CPE des Lutins", false},
      {"rue de la Case postale", false},
      {"Côte de la Fabrique", false},
  };
  for (const auto& s : streets) {
    SCOPED_TRACE(s.street);
    Fixture f;
    f.d.guardian.address.street = s.street;
    std::vector<csg::Finding> want;
    if (s.box) want.push_back({"CSG029E", "guardian.address.street", ""});
    EXPECT_EQ(csg::check_address(f.d, f.ctx), want);
  }
}

// Seed 004: "Inscrivez l'appartement à la fin : 147 rue des patriotes App 2". A street that ends
// with its apartment is tidied: the apartment moves to its own field, with an A message quoting
// it (issue 12, item 5; it was an E before). An apartment marker elsewhere in the street, or an
// apartment field that says otherwise, stays an error.
TEST(CsgAddress, DOS_13_TrailingApartmentMovesToItsField) {
  struct StreetCase {
    std::string street;
    std::optional<std::string> apartment;       // the apartment field before
    std::string want_street;                    // the street after
    std::optional<std::string> want_apartment;  // the apartment field after
    bool moved;                                 // CSG130A
    bool error;                                 // CSG031E
  };
  const std::vector<StreetCase> streets = {
      {"rue des patriotes App 2", {}, "rue des patriotes", "2", true, false},
      {"rue Principale app. 4", {}, "rue Principale", "4", true, false},
      {"rue Principale APP. 4", {}, "rue Principale", "4", true, false},
      {"rue Principale apt 4", {}, "rue Principale", "4", true, false},
      {"rue Principale Apt. 12B", {}, "rue Principale", "12B", true, false},
      {"rue Principale, appartement 4", {}, "rue Principale", "4", true, false},
      {"rue Principale Appartement 4 ", {}, "rue Principale", "4", true, false},
      {"rue Principale unité 4", {}, "rue Principale", "4", true, false},
      {"rue Principale #4", {}, "rue Principale", "4", true, false},
      {"rue Principale # 4", {}, "rue Principale", "4", true, false},
      {"rue Principale App 4", "4", "rue Principale", "4", true, false},  // the same, given twice
      {"rue Principale App 4 App 4", {}, "rue Principale", "4", true, false},
      {"rue Principale App 4", "5", "rue Principale App 4", "5", false, true},
      {"App 4 rue Principale", {}, "App 4 rue Principale", {}, false, true},
      {"rue Principale app. 4 est", {}, "rue Principale app. 4 est", {}, false, true},
      {"App 4", {}, "App 4", {}, false, true},  // no street left
      {"rue Principale", {}, "rue Principale", {}, false, false},
      {"avenue Baptiste", {}, "avenue Baptiste", {}, false, false},
      {"rue Appleton", {}, "rue Appleton", {}, false, false},
      {"chemin des Rapides", {}, "chemin des Rapides", {}, false, false},
      {"4e Avenue", {}, "4e Avenue", {}, false, false},
  };
  for (const auto& s : streets) {
    SCOPED_TRACE(s.street);
    Fixture f;
    f.d.guardian.address.street = s.street;
    f.d.guardian.address.apartment = s.apartment;
    auto tidied = csg::tidy_dossier(f.d);
    EXPECT_EQ(f.d.guardian.address.street, s.want_street);
    EXPECT_EQ(f.d.guardian.address.apartment, s.want_apartment);
    std::vector<csg::Finding> want_tidied;
    if (s.moved)
      want_tidied.push_back({"CSG130A", "guardian.address.apartment", "", {*s.want_apartment}});
    EXPECT_EQ(tidied, want_tidied);
    std::vector<csg::Finding> want;
    if (s.error) want.push_back({"CSG031E", "guardian.address.street", ""});
    EXPECT_EQ(csg::check_address(f.d, f.ctx), want);
    // Tidied once: a second pass changes nothing.
    auto again = f.d;
    EXPECT_TRUE(csg::tidy_dossier(again).empty());
    EXPECT_EQ(again.guardian.address.street, f.d.guardian.address.street);
  }
}

// Seed 004: "… et non 2-147 rue des patriotes": an apartment written before the civic number is
// flagged, with the seed's advice (issue 12, item 5).
TEST(CsgAddress, DOS_13_ApartmentBeforeCivicNumberFlagged) {
  auto civic = [](const char* number) {
    return [=](Fixture& f) { f.d.guardian.address.civic_number = number; };
  };
  run({
      {"147", civic("147"), {}},
      {"2-147", civic("2-147"), {{"CSG131E", "guardian.address.civic_number", "", {"2-147"}}}},
      {" 12-3040 ",
       civic(" 12-3040 "),
       {{"CSG131E", "guardian.address.civic_number", "", {"12-3040"}}}},
      {"147A (a letter is the suffix's)", civic("147A"), {}},
      {"2-", civic("2-"), {}},
      {"-147", civic("-147"), {}},
      {"A-147", civic("A-147"), {}},
  });
}

TEST(CsgAddress, DOS_13_MissingPostalCodePending) {
  run({
      {"no postal code",
       [](Fixture& f) { f.d.guardian.address.postal_code.reset(); },
       {{"CSG030E", "guardian.address.postal_code", ""}}},
  });
  Fixture f;
  f.d.guardian.address.postal_code.reset();
  EXPECT_EQ(csg::status_of(csg::check_address(f.d, f.ctx)), csg::Status::pending);
}

TEST(CsgAddress, DOS_13_FoundInAddressReference) {
  run({
      {"reference not available", [](Fixture& f) { f.ctx.address_found.reset(); }, {}},
      {"found", [](Fixture& f) { f.ctx.address_found = true; }, {}},
      {"not found",
       [](Fixture& f) { f.ctx.address_found = false; },
       {{"CSG028E", "guardian.address", ""}}},
  });
}

TEST(CsgAddress, DOS_14_PostalCodeFormat) {
  struct PostalCase {
    std::string code;
    bool valid;
  };
  const std::vector<PostalCase> codes = {
      {"G1G 1G1", true},   {"G1G1G1", true},   {"g1g 1g1", true},  {"h2x1y4", true},
      {"G1W 1G1", true},   {"G1Z 1G1", true},  {"T2P 1J9", true},  {"K1A 0B1", true},
      {"G1G  1G1", false}, {"G1G-1G1", false}, {"G1G 1G", false},  {"G1G 1G1 ", true},
      {" G1G 1G1", true},  {"1G1 G1G", false}, {"GGG 1G1", false}, {"G1G 1G1G", false},
      {"D1G 1G1", false},  {"G1F 1G1", false}, {"G1G 1I1", false}, {"O1G 1G1", false},
      {"G1Q 1G1", false},  {"G1G 1U1", false}, {"W1G 1G1", false}, {"Z1G 1G1", false},
      {"G1G 1É1", false},
  };
  EXPECT_FALSE(csg::valid_postal_code(""));
  for (const auto& c : codes) {
    SCOPED_TRACE("\"" + c.code + "\"");
    EXPECT_EQ(csg::valid_postal_code(c.code), c.valid);
    Fixture f;
    f.d.guardian.address.postal_code = c.code;
    std::vector<csg::Finding> want;
    if (!c.valid) want.push_back({"CSG032E", "guardian.address.postal_code", ""});
    EXPECT_EQ(csg::check_address(f.d, f.ctx), want);
  }
}

TEST(CsgAddress, DOS_14_NormalizedPostalCode) {
  EXPECT_EQ(csg::normalized_postal_code("g1g1g1"), "G1G 1G1");
  EXPECT_EQ(csg::normalized_postal_code("G1G 1G1"), "G1G 1G1");
  EXPECT_EQ(csg::normalized_postal_code("h2x 1y4"), "H2X 1Y4");
  EXPECT_EQ(csg::normalized_postal_code(" g1g 1g1 "), "G1G 1G1") << "spaces around, as in a form";
}

}  // namespace
