// Issue 11: every route with an organization number in its path serves only the kinds of
// organization it is for; a number of another kind is a 404, as an unknown number is (never a
// 500 with a command-line message). Through a real server on the demo data, on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "browser.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // division 10000001
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";  // BC 30000001
const std::string kDivision = "10000001", kInstallation = "20000001", kBc = "30000001",
                  kRsge = "40000001";

// The pages under /installations/{installation}/… (GET), and the kinds each one serves.
struct Page {
  std::string path;  // after the number
  bool installation, bc, rsge;
};
const std::vector<Page> kPages = {
    {"/occupation", true, true, true},
    {"/occupation.csv", true, true, true},
    {"/occupation.xlsx", true, true, true},
    {"/dossiers", true, true, false},
    {"/dossiers/nouveau", true, true, false},
    {"/dossiers/{ref}", true, true, false},
    {"/dossiers/{ref}/modifier", true, true, false},
    {"/dossiers/{ref}/occupation", true, true, true},
    {"/fermetures", true, false, false},
    {"/reservations-cisss", true, true, false},  // SYN-20: a BC's too (issue 12)
};

class OrganizationKinds : public DemoServer {
 protected:
  // `path` with {ref}: a dossier of the demo BC's RSGE 40000001 (so that it is found where the
  // kind is right).
  std::string with_ref(std::string path) {
    auto at = path.find("{ref}");
    if (at == std::string::npos) return path;
    auto ref = sql()
                   ->run(
                       "SELECT d.ref FROM dossiers d JOIN organizations r ON r.id = d.rsge_id "
                       "WHERE r.number = $1 ORDER BY d.ref LIMIT 1",
                       kRsge)
                   .first()
                   .str(0);
    return path.replace(at, 5, ref);
  }
};

TEST_F(OrganizationKinds, ADivisionNumberIsNotAnInstallation) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  for (const auto& page : kPages) {
    SCOPED_TRACE(page.path);
    auto r = b.get("/installations/" + kDivision + with_ref(page.path));
    EXPECT_EQ(r.status, 404) << r.body.substr(0, 300);
    EXPECT_EQ(r.body.find("--installation"), std::string::npos) << "no command-line message";
  }
  // The same RSE reaches the division's installation (the right is there).
  EXPECT_EQ(b.get("/installations/" + kInstallation + "/occupation").status, 200);
  EXPECT_EQ(b.get("/installations/" + kInstallation + "/dossiers").status, 200);
  // The dashboard offers no link to a division's occupation.
  auto dashboard = b.get("/tableau-de-bord");
  ASSERT_EQ(dashboard.status, 200);
  EXPECT_EQ(dashboard.body.find("/installations/" + kDivision + "/"), std::string::npos);
}

TEST_F(OrganizationKinds, ABcOrAnRsgeNumberServesOnlyWhatIsTheirs) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  for (const auto& page : kPages) {
    SCOPED_TRACE(page.path);
    auto bc = b.get("/installations/" + kBc + with_ref(page.path));
    if (page.bc) {
      EXPECT_NE(bc.status, 404) << "a BC is served at " << page.path;
    } else {
      EXPECT_EQ(bc.status, 404) << "a BC is not an installation at " << page.path;
    }
    EXPECT_NE(bc.status, 500);
    auto rsge = b.get("/installations/" + kRsge + with_ref(page.path));
    if (page.rsge) {
      EXPECT_NE(rsge.status, 404) << "an RSGE is served at " << page.path;
    } else {
      EXPECT_EQ(rsge.status, 404) << "an RSGE is not a component at " << page.path;
    }
    EXPECT_NE(rsge.status, 500);
  }
  // And the other way round: a BC's number where an RSGE is expected.
  EXPECT_EQ(b.get("/rsge/" + kBc + "/mandat").status, 404);
}

}  // namespace
}  // namespace sgee::test
