// The ministry's organization form (check_organization, src/access/rules.hpp): one case per
// message code, the values it normalizes, and the DOS-14 postal code it shares with dossiers.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "access/rules.hpp"
#include "csg/rules.hpp"

namespace acc = sgee::access;
using acc::OrganizationInput;

namespace {

OrganizationInput installation() {
  OrganizationInput in;
  in.kind = "installation";
  in.number = "20000009";
  in.name = "CPE Les Lucioles — Saint-Sauveur";
  in.parent_number = "10000004";
  in.installation_kind = "CPE";
  in.places_0_17 = "10";
  in.places_18_59 = "50";
  in.places_school = "";
  in.civic_number = "215";
  in.street = "rue Saint-Vallier Ouest";
  in.municipality = "Québec";
  in.postal_code = "g1k 1k2";
  in.latitude = "46.81228";
  in.longitude = "-71.22454";
  return in;
}

std::vector<std::string> codes(const OrganizationInput& in) {
  std::vector<std::string> out;
  for (const auto& m : acc::check_organization(in).messages) out.push_back(m.code + ":" + m.field);
  return out;
}

}  // namespace

TEST(OrgRules, ValidInstallationIsNormalized) {
  auto r = acc::check_organization(installation());
  ASSERT_TRUE(r.messages.empty());
  const auto& o = r.organization;
  EXPECT_EQ(o.kind, acc::OrgKind::installation);
  EXPECT_EQ(o.installation_kind, "CPE");
  EXPECT_EQ(o.places_0_17, 10);
  EXPECT_EQ(o.places_school, 0) << "an empty count of places is none";
  EXPECT_EQ(o.postal_code, "G1K 1K2");
  EXPECT_DOUBLE_EQ(*o.latitude, 46.81228);
  EXPECT_EQ(o.parent_id, std::nullopt) << "the caller resolves the parent number";
  EXPECT_EQ(o.region, std::nullopt) << "no region given";
  auto in = installation();
  in.region = " 05 ";
  EXPECT_EQ(acc::check_organization(in).organization.region, "05");
}

TEST(OrgRules, ORG016_ADivisionHasNoRegion) {
  OrganizationInput in;
  in.kind = "division";
  in.number = "10000009";
  in.name = "CPE Les Lucioles";
  in.legal_form = "nonprofit";
  in.region = "03";
  EXPECT_EQ(codes(in), std::vector<std::string>{"ORG016E:region"});
}

TEST(OrgRules, EachMessageCodeForItsField) {
  struct Case {
    std::string label;
    std::function<void(OrganizationInput&)> change;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"ministry", [](auto& in) { in.kind = "ministry"; }, {"ORG001E:kind"}},
      {"unknown kind", [](auto& in) { in.kind = "cpe"; }, {"ORG001E:kind"}},
      {"7-digit number", [](auto& in) { in.number = "2000001"; }, {"ORG002E:number"}},
      {"letters", [](auto& in) { in.number = "2000000A"; }, {"ORG002E:number"}},
      {"no name", [](auto& in) { in.name = "   "; }, {"ORG003E:name"}},
      {"name too long", [](auto& in) { in.name = std::string(121, 'x'); }, {"ORG003E:name"}},
      {"no parent", [](auto& in) { in.parent_number = ""; }, {"ORG004E:parent_number"}},
      {"kind of installation",
       [](auto& in) { in.installation_kind = "CPE "; },
       {"ORG007E:installation_kind"}},
      {"negative places", [](auto& in) { in.places_0_17 = "-1"; }, {"ORG008E:places_0_17"}},
      {"places not a number",
       [](auto& in) { in.places_18_59 = "50 places"; },
       {"ORG008E:places_18_59"}},
      {"too many places", [](auto& in) { in.places_school = "10001"; }, {"ORG008E:places_school"}},
      {"postal code with D", [](auto& in) { in.postal_code = "D1K 1K2"; }, {"ORG009E:postal_code"}},
      {"latitude alone", [](auto& in) { in.longitude = ""; }, {"ORG010E:longitude"}},
      {"latitude outside Québec", [](auto& in) { in.latitude = "40.7"; }, {"ORG010E:latitude"}},
      {"longitude outside Québec", [](auto& in) { in.longitude = "-50"; }, {"ORG010E:longitude"}},
      {"not a number", [](auto& in) { in.latitude = "46,81"; }, {"ORG010E:latitude"}},
      {"NaN", [](auto& in) { in.latitude = "nan"; }, {"ORG010E:latitude"}},
      {"region 00", [](auto& in) { in.region = "00"; }, {"ORG016E:region"}},
      {"region 18", [](auto& in) { in.region = "18"; }, {"ORG016E:region"}},
      {"region 3", [](auto& in) { in.region = "3"; }, {"ORG016E:region"}},
      {"region by name", [](auto& in) { in.region = "Estrie"; }, {"ORG016E:region"}},
      {"region 01", [](auto& in) { in.region = "01"; }, {}},
      {"region 17", [](auto& in) { in.region = "17"; }, {}},
      {"no region", [](auto& in) { in.region = ""; }, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto in = installation();
    c.change(in);
    EXPECT_EQ(codes(in), c.expected);
  }
}

TEST(OrgRules, DivisionNeedsItsLegalFormAndAWellFormedNeq) {
  OrganizationInput in;
  in.kind = "division";
  in.number = "10000009";
  in.name = "CPE Les Lucioles";
  EXPECT_EQ(codes(in), std::vector<std::string>{"ORG005E:legal_form"});
  in.legal_form = "nonprofit";
  EXPECT_TRUE(codes(in).empty()) << "the NEQ is optional";
  in.neq = "116000000";
  EXPECT_EQ(codes(in), std::vector<std::string>{"ORG006E:neq"});
  in.neq = "1160000009";
  auto r = acc::check_organization(in);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.organization.neq, "1160000009");
  EXPECT_EQ(r.organization.legal_form, "nonprofit");
}

TEST(OrgRules, RsgeCapacityIsOneToNineAndItsStatusIsKnown) {
  OrganizationInput in;
  in.kind = "rsge";
  in.number = "40000009";
  in.name = "Service de garde Julie Fortin";
  in.parent_number = "30000001";
  for (const auto& [places, ok] : std::vector<std::pair<std::string, bool>>{
           {"", false}, {"0", false}, {"1", true}, {"6", true}, {"9", true}, {"10", false}}) {
    SCOPED_TRACE(places);
    in.places = places;
    EXPECT_EQ(codes(in).empty(), ok);
    if (!ok) {
      EXPECT_EQ(codes(in), std::vector<std::string>{"ORG011E:places"});
    }
  }
  in.places = "6";
  EXPECT_EQ(acc::check_organization(in).organization.recognition_status, "recognized");
  in.recognition_status = "closed";
  EXPECT_EQ(codes(in), std::vector<std::string>{"ORG012E:recognition_status"});
}

TEST(OrgRules, BcTerritoryHasALimit) {
  OrganizationInput in;
  in.kind = "bc";
  in.number = "30000009";
  in.name = "BC de la Capitale-Nationale";
  in.parent_number = "10000003";
  in.territory = "Québec, Lévis";
  EXPECT_TRUE(codes(in).empty());
  in.territory = std::string(201, 'x');
  EXPECT_EQ(codes(in), std::vector<std::string>{"ORG013E:territory"});
}

TEST(OrgRules, DOS_14_PostalCodes) {
  for (const auto& [code, ok] : std::vector<std::pair<std::string, bool>>{{"G1K 1K2", true},
                                                                          {"g1k1k2", true},
                                                                          {"H3Z 2Y7", true},
                                                                          {"W1K 1K2", false},
                                                                          {"Z1K 1K2", false},
                                                                          {"G1W 1K2", true},
                                                                          {"G1K 1Z2", true},
                                                                          {"G1D 1K2", false},
                                                                          {"G1K 1F2", false},
                                                                          {"G1I 1K2", false},
                                                                          {"G1O 1K2", false},
                                                                          {"G1Q 1K2", false},
                                                                          {"G1U 1K2", false},
                                                                          {"G1K 1K", false},
                                                                          {"11K 1K2", false},
                                                                          {"GGK 1K2", false},
                                                                          {"", false},
                                                                          {"G1K-1K2", false}}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(sgee::csg::valid_postal_code(code), ok);
  }
}
