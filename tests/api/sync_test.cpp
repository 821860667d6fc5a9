// The sync API v1 (spec/api.md) through a real server: every rule of the catalog through
// POST …/dossiers/validate and …/sync, the whole-request errors, storage and versions, closing
// days and CISSS reservations, the OpenAPI document. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "access/store.hpp"
#include "csg/catalog.hpp"
#include "dossier_example.hpp"
#include "platform/db/db.hpp"
#include "platform/text.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kNirec = "1202204101002";

class SyncApi : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = migrated_database().release();
    auto sgee = [](std::vector<std::string> args) {
      args.push_back("--db");
      args.push_back(db_->url());
      auto r = run_sgee(args);
      EXPECT_EQ(r.exit_code, 0) << r.err;
      return r.out;
    };
    sgee({"seed", "--demo"});
    dir_ = fs::temp_directory_path() / ("sgee-sync-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "civil.csv") << "nirec,surname,given_name,sex,birth_date\n"
                                      << kNirec << ",Bégin,Alexandre,M,2022-04-10\n"
                                      << "1202301050001,Roy,Zoé,F,2023-01-05\n"
                                      << "1202205050002,Roy,Léa,F,2022-05-05\n"
                                      << "1102203030003,Gagnon,Noah,M,2022-03-03\n"
                                      << "1202204100005,Touré,Aminata,M,2022-04-10\n"
                                      << "1202204100006,Lavoie,Emma,M,2022-04-10\n"
                                      << "1202204100007,Côté-Lévesque,Marie-Ève,M,2022-04-10\n"
                                      // The example's child again, for records saved by one
                                      // test only (the example's own NIREC is never saved).
                                      << "1202204101010,Bégin,Alexandre,M,2022-04-10\n"
                                      << "1202204101011,Bégin,Alexandre,M,2022-04-10\n";
    std::ofstream(dir_ / "addresses.csv")
        << "civic_number,civic_suffix,street,municipality,postal_code,latitude,longitude\n"
        << "147,,rue des Patriotes,Québec,G1G 1G1,46.85,-71.25\n";
    sgee({"import", "civil-registry", (dir_ / "civil.csv").string()});
    sgee({"import", "addresses", (dir_ / "addresses.csv").string()});
    auto code = [&](const std::string& n) {
      auto out = sgee({"access-code", "issue", "--installation", n});
      return out.substr(0, out.find('\n'));
    };
    code_a_ = code("20000001");
    code_b_ = code("20000003");
    code_bc_ = code("30000001");
    server_ = new Server(db_->url());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    fs::remove_all(dir_);
  }

  struct Answer {
    int status;
    json body;
  };
  Answer send(const std::string& method, const std::string& target, const std::string& body,
              const std::string& code, std::map<std::string, std::string> headers = {}) {
    Client c(server_->port());
    if (!code.empty()) headers["Authorization"] = "Bearer " + code;
    headers["Content-Type"] = "application/json";
    auto r = c.request(method, target, headers, body);
    return {r.status, json::parse(r.body, nullptr, false)};
  }
  Answer batch(const std::string& what, const json& dossiers,
               const std::string& installation = "20000001", std::string code = "") {
    if (code.empty())
      code = installation == "30000001" ? code_bc_ : installation == "20000003" ? code_b_ : code_a_;
    return send("POST", "/api/v1/installations/" + installation + "/dossiers/" + what,
                json{{"dossiers", dossiers}}.dump(), code);
  }
  // The messages of the one result of a one-dossier validation.
  json messages_of(const json& d, const std::string& installation = "20000001") {
    auto a = batch("validate", json::array({d}), installation);
    EXPECT_EQ(a.status, 200) << a.body.dump();
    return a.body["results"][0]["messages"];
  }
  static bool has(const json& messages, const std::string& code, const std::string& field) {
    return has_message(messages, code, field);
  }

  static TestDatabase* db_;
  static Server* server_;
  static fs::path dir_;
  static std::string code_a_, code_b_, code_bc_;
};
TestDatabase* SyncApi::db_ = nullptr;
Server* SyncApi::server_ = nullptr;
fs::path SyncApi::dir_;
std::string SyncApi::code_a_, SyncApi::code_b_, SyncApi::code_bc_;

TEST_F(SyncApi, TheExampleOfTheContractIsAcceptedAndSavesNothingOnValidate) {
  auto a = batch("validate", json::array({example_dossier("V-1")}));
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(a.body["results"][0]["status"], "accepted") << a.body.dump();
  EXPECT_EQ(a.body["results"][0]["messages"], json::array());
  EXPECT_EQ(a.body["summary"], (json{{"accepted", 1}, {"rejected", 0}, {"pending", 0}}));
  Client c(server_->port());
  auto get = c.get("/api/v1/installations/20000001/dossiers/V-1",
                   {{"Authorization", "Bearer " + code_a_}});
  EXPECT_EQ(get.status, 404) << "validate saves nothing";
}

// Every code of the catalog that a dossier can get, through the API, with its field.
TEST_F(SyncApi, EveryRuleOfTheCatalogThroughValidate) {
  using Change = std::function<void(json&)>;
  struct Row {
    std::string code, field;
    Change change;
    std::string installation = "20000001";
  };
  const std::vector<Row> rows = {
      {"CSG000E", "child.surname", [](json& d) { d["child"]["surname"] = 7; }},
      // API-01, saying what is expected: a date, one of the values offered, yes or no.
      {"CSG150E", "child.birth_date", [](json& d) { d["child"]["birth_date"] = "2023-02-30"; }},
      {"CSG150E", "age_brackets[0].start", [](json& d) { d["age_brackets"][0].erase("start"); }},
      {"CSG151E", "child.sex", [](json& d) { d["child"]["sex"] = 7; }},
      {"CSG151E", "age_brackets[0].bracket", [](json& d) { d["age_brackets"][0]["bracket"] = ""; }},
      {"CSG152E", "child.born_outside_quebec",
       [](json& d) { d["child"]["born_outside_quebec"] = "oui"; }},
      {"CSG001E", "child.surname", [](json& d) { d["child"]["surname"] = nullptr; }},
      {"CSG002E", "child.given_name", [](json& d) { d["child"]["given_name"] = ""; }},
      {"CSG003E", "child.surname", [](json& d) { d["child"]["surname"] = std::string(51, 'a'); }},
      {"CSG004E", "child.sex", [](json& d) { d["child"].erase("sex"); }},
      {"CSG005E", "child.birth_date", [](json& d) { d["child"]["birth_date"] = nullptr; }},
      {"CSG006E", "child.birth_date", [](json& d) { d["child"]["birth_date"] = "2099-01-01"; }},
      {"CSG008E", "child.born_outside_quebec",
       [](json& d) { d["child"]["born_outside_quebec"] = nullptr; }},
      {"CSG009E", "child.nirec", [](json& d) { d["child"]["nirec"] = "12022041010"; }},
      {"CSG011A", "child.nirec", [](json& d) { d["child"]["nirec"] = "1302204101002"; }},
      {"CSG041E", "child.nirec", [](json& d) { d["child"]["nirec"] = "1202204109999"; }},
      {"CSG042E", "child.birth_date", [](json& d) { d["child"]["sex"] = "F"; }},
      {"CSG012E", "child.necsg", [](json& d) { d["child"]["necsg"] = "90000009"; }},
      {"CSG015E", "child.nirec", [](json& d) { d["child"]["nirec"] = nullptr; }},
      {"CSG019E", "guardian.surname",
       [](json& d) { d["guardian"]["surname"] = std::string(51, 'b'); }},
      {"CSG020E", "guardian.surname", [](json& d) { d["guardian"]["surname"] = nullptr; }},
      {"CSG021E", "guardian.given_name", [](json& d) { d["guardian"]["given_name"] = " "; }},
      {"CSG022E", "guardian.role", [](json& d) { d["guardian"]["role"] = nullptr; }},
      {"CSG023E", "other_guardian.role",
       [](json& d) {
         d["other_guardian"] = {{"surname", "Roy"}, {"given_name", "Julie"}};
       }},
      {"CSG024E", "parent",
       [](json& d) {
         d["child"]["born_outside_quebec"] = true;
         d["child"]["nirec"] = nullptr;
         d["guardian"]["role"] = "tutor";
       }},
      {"CSG025E", "parent.role",
       [](json& d) {
         d["child"]["born_outside_quebec"] = true;
         d["child"]["nirec"] = nullptr;
         d["guardian"]["role"] = "tutor";
         d["parent"] = {{"surname", "Roy"}, {"given_name", "Julie"}, {"role", "tutor"}};
       }},
      {"CSG026A", "parent",
       [](json& d) {
         d["parent"] = {{"surname", "Roy"}, {"given_name", "Julie"}, {"role", "mother"}};
       }},
      {"CSG027E", "guardian.address.municipality",
       [](json& d) { d["guardian"]["address"]["municipality"] = nullptr; }},
      {"CSG028E", "guardian.address",
       [](json& d) { d["guardian"]["address"]["civic_number"] = "149"; }},
      {"CSG029E", "guardian.address.street",
       [](json& d) { d["guardian"]["address"]["street"] = "C.P. 1234"; }},
      {"CSG030E", "guardian.address.postal_code",
       [](json& d) { d["guardian"]["address"]["postal_code"] = nullptr; }},
      // The apartment field says 2, the street ends with another one: which is it?
      {"CSG031E", "guardian.address.street",
       [](json& d) { d["guardian"]["address"]["street"] = "rue des Patriotes app. 3"; }},
      {"CSG130A", "guardian.address.apartment",
       [](json& d) {
         d["guardian"]["address"]["street"] = "rue des Patriotes App 2";
         d["guardian"]["address"]["apartment"] = nullptr;
       }},
      {"CSG131E", "guardian.address.civic_number",
       [](json& d) { d["guardian"]["address"]["civic_number"] = "2-147"; }},
      {"CSG132E", "child.surname", [](json& d) { d["child"]["surname"] = "Bégin-Roy"; }},
      {"CSG133E", "child.given_name", [](json& d) { d["child"]["given_name"] = "Alexandra"; }},
      {"CSG032E", "guardian.address.postal_code",
       [](json& d) { d["guardian"]["address"]["postal_code"] = "D1G 1G1"; }},
      {"CSG040E", "age_brackets[1].bracket",
       [](json& d) { d["age_brackets"][1]["bracket"] = "0-17"; }},
      {"CSG043E", "age_brackets", [](json& d) { d["age_brackets"] = json::array(); }},
      {"CSG044A", "age_brackets[1].start",
       [](json& d) { d["age_brackets"][1]["start"] = "2023-01-10"; }},
      {"CSG045E", "agreements[0].start",
       [](json& d) {
         d["age_brackets"] = json::array({{{"bracket", "18-59"}, {"start", "2024-10-10"}}});
       }},
      {"CSG046E", "agreements[0].end",
       [](json& d) {
         d["age_brackets"].push_back({{"bracket", "school"}, {"start", "2025-03-01"}});
       }},
      {"CSG047E", "cisss_periods[0].end",
       [](json& d) {
         d["cisss_periods"] = json::array({{{"start", "2024-09-01"}}});
       }},
      {"CSG057E", "cisss_periods[0].end",
       [](json& d) {
         d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2024-08-01"}}});
       }},
      {"CSG048E", "cisss_periods[1].start",
       [](json& d) {
         d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2024-12-01"}},
                                           {{"start", "2024-11-01"}, {"end", "2025-01-01"}}});
       }},
      {"CSG049E", "cisss_periods[0]",
       [](json& d) {
         d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2024-12-01"}}});
       }},
      {"CSG050E", "ecp_periods[0].start",
       [](json& d) {
         d["ecp_periods"] = json::array({{{"end", "2024-12-01"}}});
       }},
      {"CSG051E", "ecp_periods[0].end",
       [](json& d) {
         d["ecp_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2024-08-01"}}});
       }},
      {"CSG052E", "ecp_periods[1].start",
       [](json& d) {
         d["ecp_periods"] = json::array({{{"start", "2024-09-01"}}, {{"start", "2025-01-01"}}});
       }},
      {"CSG053E", "handicap_periods[0].start",
       [](json& d) {
         d["handicap_periods"] = json::array({{{"end", "2025-01-01"}}});
       }},
      {"CSG056E", "handicap_periods[0].end",
       [](json& d) {
         d["handicap_periods"] = json::array({{{"start", "2025-01-01"}, {"end", "2024-01-01"}}});
       }},
      {"CSG058E", "handicap_periods[1].start",
       [](json& d) {
         d["handicap_periods"] =
             json::array({{{"start", "2024-01-01"}}, {{"start", "2025-01-01"}}});
       }},
      {"CSG054E", "handicap_periods[0].transitional_measure.start",
       [](json& d) {
         d["handicap_periods"] = json::array(
             {{{"start", "2024-01-01"},
               {"transitional_measure", {{"start", "2023-09-01"}, {"end", "2024-06-30"}}}}});
       }},
      {"CSG055E", "handicap_periods[0].transitional_measure.end",
       [](json& d) {
         d["handicap_periods"] =
             json::array({{{"start", "2024-01-01"},
                           {"end", "2025-06-30"},
                           {"transitional_measure", {{"start", "2024-09-01"}}}}});
       }},
      {"CSG060E", "agreements[0].end", [](json& d) { d["agreements"][0]["end"] = nullptr; }},
      {"CSG061E", "agreements[0].end", [](json& d) { d["agreements"][0]["end"] = "2024-08-01"; }},
      {"CSG062E", "agreements[0].ref", [](json& d) { d["agreements"][0]["ref"] = ""; }},
      {"CSG063E", "agreements[0].termination",
       [](json& d) { d["agreements"][0]["termination"] = "2025-09-30"; }},
      {"CSG064A", "agreements[0].signed", [](json& d) { d["agreements"][0]["signed"] = false; }},
      {"CSG065E", "agreements[0].schedule.weeks",
       [](json& d) { d["agreements"][0]["schedule"]["weeks"] = 5; }},
      {"CSG066E", "agreements[0].schedule",
       [](json& d) { d["agreements"][0]["schedule"] = nullptr; }},
      {"CSG067A", "agreements[0].schedule",
       [](json& d) { d["agreements"][0]["replacement"] = true; }},
      {"CSG146E", "agreements", [](json& d) { d["agreements"] = json::array(); }},
      {"CSG147E", "agreements[0].schedule",
       [](json& d) { d["agreements"][0]["schedule"]["days"] = {"", "", "", "", "", "", ""}; }},
      {"CSG145E", "agreements[0].special_schedules[0].end",
       [](json& d) {
         d["agreements"][0]["special_schedules"][0]["start"] = "2025-07-11";
         d["agreements"][0]["special_schedules"][0]["end"] = "2025-07-07";
       }},
      {"CSG142E", "agreements[0].end",
       [](json& d) {
         d["ecp_periods"] = json::array({{{"start", "2025-01-06"}}});
       }},
      {"CSG143E", "agreements[0].end",
       [](json& d) {
         d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2025-02-28"}}});
       }},
      {"CSG144E", "agreements[0].end",
       [](json& d) {
         d["handicap_periods"][0]["transitional_measure"] = {{"start", "2025-01-06"},
                                                             {"end", "2025-08-31"}};
       }},
      {"CSG070E", "agreements[0].special_schedules[0].end",
       [](json& d) {
         d["agreements"][0]["special_schedules"] =
             json::array({{{"start", "2025-08-25"},
                           {"end", "2025-09-05"},
                           {"schedule", d["agreements"][0]["schedule"]}}});
       }},
      {"CSG071E", "agreements[0].special_schedules[1].start",
       [](json& d) {
         auto s = d["agreements"][0]["schedule"];
         d["agreements"][0]["special_schedules"] =
             json::array({{{"start", "2025-07-07"}, {"end", "2025-07-11"}, {"schedule", s}},
                          {{"start", "2025-07-10"}, {"end", "2025-07-18"}, {"schedule", s}}});
       }},
      {"CSG073E", "agreements[1].start",
       [](json& d) {
         auto second = d["agreements"][0];
         second["ref"] = "A2";
         second["start"] = "2025-08-01";
         second["end"] = "2026-06-30";
         d["agreements"].push_back(second);
       }},
      {"CSG074E", "agreements[0].schedule.days",
       [](json& d) {
         d["agreements"][0]["schedule"] = {
             {"weeks", 2},
             {"days",
              {"AM PM", "AM PM", "", "", "", "", "", "AM PM", "AM PM", "", "", "", "", ""}}};
       }},
      {"CSG080A", "agreements[0].schedule",
       [](json& d) {
         d["agreements"][0]["schedule"]["days"] = {"AM PM S1", "AM PM S1", "AM PM S1", "AM PM S1",
                                                   "AM PM S1", "",         ""};
       }},
      {"CSG081A", "agreements[0].schedule",
       [](json& d) {
         d["agreements"][0]["schedule"]["days"] = {"AM PM", "AM PM", "AM PM", "AM PM",
                                                   "AM PM", "AM PM", ""};
       }},
      {"CSG091E", "rsge", [](json& d) { d["rsge"] = "40000001"; }},
      {"CSG090E", "rsge", [](json& d) { d["rsge"] = nullptr; }, "30000001"},
      {"CSG092E", "rsge", [](json& d) { d["rsge"] = "40000009"; }, "30000001"},
      {"CSG093E", "ref", [](json& d) { d["ref"] = "  "; }},
      // The limits of one record (API-02, docs/api-limits.md): one past each.
      {"CSG120E", "age_brackets",
       [](json& d) {
         auto one = d["age_brackets"][0];
         d["age_brackets"] = json::array();
         for (int i = 0; i < 21; ++i) d["age_brackets"].push_back(one);
       }},
      {"CSG121E", "cisss_periods",
       [](json& d) {
         for (int i = 0; i < 101; ++i)
           d["cisss_periods"].push_back({{"start", "2024-09-02"}, {"end", "2024-09-06"}});
       }},
      {"CSG122E", "ecp_periods",
       [](json& d) {
         for (int i = 0; i < 101; ++i) d["ecp_periods"].push_back({{"start", "2024-09-02"}});
       }},
      {"CSG123E", "handicap_periods",
       [](json& d) {
         auto one = d["handicap_periods"][0];
         for (int i = 0; i < 100; ++i) d["handicap_periods"].push_back(one);
       }},
      {"CSG124E", "agreements",
       [](json& d) {
         auto one = d["agreements"][0];
         one["special_schedules"] = json::array();
         for (int i = 0; i < 200; ++i) d["agreements"].push_back(one);
       }},
      {"CSG125E", "agreements[2].special_schedules",
       [](json& d) {
         // 1 + 250 + 250 are 501: the list where the count goes over is named.
         auto one = d["agreements"][0]["special_schedules"][0];
         for (int k : {1, 2}) {
           auto a = d["agreements"][0];
           a["ref"] = "A" + std::to_string(k + 1);
           a["special_schedules"] = json::array();
           for (int i = 0; i < 250; ++i) a["special_schedules"].push_back(one);
           d["agreements"].push_back(a);
         }
       }},
  };
  std::set<std::string> seen;
  for (const auto& row : rows) {
    SCOPED_TRACE(row.code + " " + row.field);
    auto d = example_dossier("RULE-" + row.code);
    row.change(d);
    auto messages = messages_of(d, row.installation);
    EXPECT_TRUE(has(messages, row.code, row.field)) << messages.dump(1);
    for (const auto& m : messages)
      if (m["code"] == row.code) {
        const auto* code = csg::find_code(row.code);
        ASSERT_NE(code, nullptr);
        EXPECT_EQ(m["rule"], std::string(code->rule));
        EXPECT_EQ(m["severity"], std::string(1, code->severity));
        // A message that quotes values (dates, names) has each of them: no placeholder left.
        std::vector<std::string> args;
        if (m.contains("args")) args = m["args"].get<std::vector<std::string>>();
        EXPECT_EQ(m["text"], csg::text(*code, "fr", args));
        EXPECT_EQ(m["text"].get<std::string>().find('{'), std::string::npos) << m.dump();
      }
    seen.insert(row.code);
  }
  // The rules that need a stored version, the child's other dossier, or the provider data are
  // in the tests below; every other code of the catalog is above.
  for (const auto& c : csg::catalog()) {
    std::string code(c.code);
    bool elsewhere = code == "CSG007E" || code == "CSG010E" || code == "CSG013E" ||
                     code == "CSG076E" || code == "CSG075E" || code == "CSG033E" ||
                     code == "CSG140E" || code == "CSG141A" || code.starts_with("CSG10") ||
                     code.starts_with("CSG11");
    if (!elsewhere) {
      EXPECT_TRUE(seen.count(code)) << code << " is not exercised through the API";
    }
  }
}

TEST_F(SyncApi, SyncSavesVersionsAndImmutableFieldsCannotChange) {
  auto first = batch("sync", json::array({example_dossier("S-1", "1202301050001")}));
  ASSERT_EQ(first.status, 200);
  // The civil registry says Zoé Roy, girl, 2023-01-05: this record says otherwise.
  EXPECT_EQ(first.body["results"][0]["status"], "rejected");
  auto zoe = example_dossier("S-1", "1202301050001");
  zoe["child"]["surname"] = "Roy";
  zoe["child"]["given_name"] = "Zoé";
  zoe["child"]["sex"] = "F";
  zoe["child"]["birth_date"] = "2023-01-05";
  zoe["age_brackets"] = json::array({{{"bracket", "0-17"}, {"start", "2023-01-05"}},
                                     {{"bracket", "18-59"}, {"start", "2024-07-05"}}});
  auto saved = batch("sync", json::array({zoe}));
  ASSERT_EQ(saved.body["results"][0]["status"], "accepted") << saved.body.dump(1);
  // Re-sending the same record changes nothing (SYN-02).
  EXPECT_EQ(batch("sync", json::array({zoe})).body["results"][0]["status"], "accepted");
  auto c = db::connect(db_->url());
  auto versions = [&] {
    return c
        ->run(
            "SELECT COUNT(*) FROM dossier_versions v JOIN dossiers d ON d.id = v.dossier_id "
            "WHERE d.ref = 'S-1'")
        .first()
        .i64(0);
  };
  EXPECT_EQ(versions(), 1);
  // An edit is a new version; the old one stays readable.
  auto edited = zoe;
  edited["guardian"]["given_name"] = "Andréa";
  EXPECT_EQ(batch("sync", json::array({edited})).body["results"][0]["status"], "accepted");
  EXPECT_EQ(versions(), 2);
  EXPECT_EQ(c->run("SELECT v.data FROM dossier_versions v JOIN dossiers d ON d.id = v.dossier_id "
                   "WHERE d.ref = 'S-1' AND v.version = 1")
                .first()
                .str(0)
                .find("Andréa"),
            std::string::npos);
  // Immutable: birth date, NIREC; a replacement flag change needs a new agreement (ENT-10; a
  // schedule correction is accepted with a warning, see below).
  auto birth = edited;
  birth["child"]["birth_date"] = "2023-01-06";
  auto nirec = edited;
  nirec["child"]["nirec"] = "1202205050002";
  auto replacement = edited;
  replacement["agreements"][0]["replacement"] = true;
  auto r = batch("sync", json::array({birth, nirec, replacement}));
  EXPECT_TRUE(has(r.body["results"][0]["messages"], "CSG007E", "child.birth_date"));
  EXPECT_TRUE(has(r.body["results"][1]["messages"], "CSG010E", "child.nirec"));
  EXPECT_TRUE(has(r.body["results"][2]["messages"], "CSG076E", "agreements[0].replacement"));
  EXPECT_EQ(versions(), 2) << "a rejected record never changes what was stored";
  // GET: the stored record (version 2), its last status and messages, with an audit row.
  Client client(server_->port());
  auto get = client.get("/api/v1/installations/20000001/dossiers/S-1",
                        {{"Authorization", "Bearer " + code_a_}});
  ASSERT_EQ(get.status, 200);
  auto body = json::parse(get.body);
  EXPECT_EQ(body["version"], 2);
  EXPECT_EQ(body["dossier"]["guardian"]["given_name"], "Andréa");
  EXPECT_EQ(body["status"], "rejected");
  EXPECT_TRUE(has(body["messages"], "CSG076E", "agreements[0].replacement"));
  EXPECT_GE(c->run("SELECT COUNT(*) FROM audit_log WHERE record_type = 'dossier' AND record_id = "
                   "'S-1'")
                .first()
                .i64(0),
            3)
      << "created, updated, read";
  // Another installation's code cannot read it; an unknown ref is 404.
  EXPECT_EQ(client
                .get("/api/v1/installations/20000001/dossiers/S-1",
                     {{"Authorization", "Bearer " + code_b_}})
                .status,
            403);
  EXPECT_EQ(client
                .get("/api/v1/installations/20000001/dossiers/NOPE",
                     {{"Authorization", "Bearer " + code_a_}})
                .status,
            404);
}

TEST_F(SyncApi, NecsgIsAssignedOnAcceptanceAndKept) {
  auto d = example_dossier("N-1");
  d["child"]["nirec"] = nullptr;
  d["child"]["born_outside_quebec"] = true;
  d["child"]["surname"] = "Diallo";
  d["child"]["given_name"] = "Awa";
  auto a = batch("sync", json::array({d}));
  ASSERT_EQ(a.body["results"][0]["status"], "accepted") << a.body.dump(1);
  std::string necsg = a.body["results"][0]["necsg"];
  EXPECT_EQ(necsg.size(), 8u);
  // Sent again without it (the software did not keep it): the same record, the same NECSG.
  auto again = batch("sync", json::array({d}));
  EXPECT_EQ(again.body["results"][0]["status"], "accepted");
  EXPECT_EQ(again.body["results"][0]["necsg"], necsg);
  // Changing it is refused (DOS-06).
  d["child"]["necsg"] = "91234567";
  EXPECT_TRUE(has(batch("validate", json::array({d})).body["results"][0]["messages"], "CSG013E",
                  "child.necsg"));
}

// Seed 003: a child born outside Québec may obtain a NIREC after an insertion request; seed 004:
// enter it in the dossier. The dossier known by its NECSG receives it, checked against the civil
// registry, keeps its NECSG, and the change is audited; a saved NIREC still never changes
// (issue 12, item 1).
TEST_F(SyncApi, DOS_06_ANecsgDossierReceivesItsNirecLaterAndKeepsItsNecsg) {
  auto d = example_dossier("N-2");
  d["child"]["nirec"] = nullptr;
  d["child"]["born_outside_quebec"] = true;
  d["child"]["surname"] = "Touré";
  d["child"]["given_name"] = "Aminata";
  auto first = batch("sync", json::array({d}));
  ASSERT_EQ(first.body["results"][0]["status"], "accepted") << first.body.dump(1);
  std::string necsg = first.body["results"][0]["necsg"];
  // The software sends the NIREC, without the NECSG it did not keep.
  auto with_nirec = d;
  with_nirec["child"]["nirec"] = "1202204100005";
  auto unknown = with_nirec;
  unknown["child"]["nirec"] = "1202204109998";
  EXPECT_TRUE(has(messages_of(unknown), "CSG041E", "child.nirec")) << "checked with the registry";
  auto added = batch("sync", json::array({with_nirec}));
  ASSERT_EQ(added.body["results"][0]["status"], "accepted") << added.body.dump(1);
  EXPECT_EQ(added.body["results"][0]["necsg"], necsg);
  EXPECT_EQ(added.body["results"][0]["messages"], json::array());
  Client client(server_->port());
  auto get = client.get("/api/v1/installations/20000001/dossiers/N-2",
                        {{"Authorization", "Bearer " + code_a_}});
  ASSERT_EQ(get.status, 200);
  auto stored = json::parse(get.body);
  EXPECT_EQ(stored["version"], 2);
  EXPECT_EQ(stored["dossier"]["child"]["nirec"], "1202204100005");
  EXPECT_EQ(stored["dossier"]["child"]["necsg"], necsg);
  auto c = db::connect(db_->url());
  auto audited = [&] {
    return c
        ->run(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'nirec_added' AND record_type = "
            "'dossier' AND record_id = 'N-2' AND detail = $1",
            "sync: NECSG " + necsg + " kept")
        .first()
        .i64(0);
  };
  EXPECT_EQ(audited(), 1);
  EXPECT_EQ(c->run("SELECT nirec, necsg FROM dossiers WHERE ref = 'N-2'").first().str(0),
            "1202204100005");
  // Sent again with both numbers: the same record, nothing new to audit.
  with_nirec["child"]["necsg"] = necsg;
  auto again = batch("sync", json::array({with_nirec}));
  EXPECT_EQ(again.body["results"][0]["status"], "accepted") << again.body.dump(1);
  EXPECT_EQ(audited(), 1);
  // The NIREC, once saved, never changes; a new dossier never gives both numbers.
  auto changed = with_nirec;
  changed["child"]["nirec"] = "1202204100006";
  EXPECT_TRUE(has(messages_of(changed), "CSG010E", "child.nirec"));
  auto fresh = with_nirec;
  fresh["ref"] = "N-3";
  EXPECT_TRUE(has(messages_of(fresh), "CSG012E", "child.necsg"));
}

// Seed 004: "Inscrivez l'appartement à la fin : 147 rue des patriotes App 2 et non 2-147 rue des
// patriotes." The apartment at the end of the street moves to its field (the address is then
// found in the reference); an apartment before the civic number is refused with that advice
// (issue 12, item 5).
TEST_F(SyncApi, DOS_13_TheApartmentAtTheEndOfTheStreetMovesToItsField) {
  auto d = example_dossier("AP-1");
  d["child"]["nirec"] = nullptr;
  d["child"]["born_outside_quebec"] = true;
  d["guardian"]["address"]["street"] = "rue des Patriotes App 2";
  d["guardian"]["address"]["apartment"] = nullptr;
  auto saved = batch("sync", json::array({d}));
  ASSERT_EQ(saved.body["results"][0]["status"], "accepted") << saved.body.dump(1);
  const auto& messages = saved.body["results"][0]["messages"];
  ASSERT_EQ(messages.size(), 1u) << messages.dump(1);
  EXPECT_EQ(messages[0]["code"], "CSG130A");
  EXPECT_EQ(messages[0]["field"], "guardian.address.apartment");
  EXPECT_EQ(messages[0]["args"], json::array({"2"}));
  EXPECT_EQ(messages[0]["text"],
            "L'appartement 2 inscrit à la fin de la rue a été placé dans le champ Appartement.");
  Client client(server_->port());
  auto get = client.get("/api/v1/installations/20000001/dossiers/AP-1",
                        {{"Authorization", "Bearer " + code_a_}});
  ASSERT_EQ(get.status, 200);
  auto address = json::parse(get.body)["dossier"]["guardian"]["address"];
  EXPECT_EQ(address["street"], "rue des Patriotes");
  EXPECT_EQ(address["apartment"], "2");
  // "2-147": the apartment before the civic number.
  auto before = example_dossier("AP-2");
  before["child"]["nirec"] = nullptr;
  before["child"]["born_outside_quebec"] = true;
  before["guardian"]["address"]["civic_number"] = "2-147";
  before["guardian"]["address"]["apartment"] = nullptr;
  auto a = batch("validate", json::array({before}));
  EXPECT_EQ(a.body["results"][0]["status"], "rejected");
  bool found = false;
  for (const auto& m : a.body["results"][0]["messages"])
    if (m["code"] == "CSG131E") {
      found = true;
      EXPECT_EQ(m["field"], "guardian.address.civic_number");
      EXPECT_EQ(m["text"],
                "Le numéro civique 2-147 semble contenir l'appartement : inscrivez l'appartement "
                "à la fin (« 147 rue des patriotes App 2 » et non « 2-147 rue des patriotes »).");
    }
  EXPECT_TRUE(found) << a.body.dump(1);
}

// Seed 003: the child's identification is validated with the Directeur de l'état civil: the
// names too, ignoring case, accents, hyphens and spaces and the order of compound names
// (issue 12, item 7).
TEST_F(SyncApi, DOS_05_TheChildsNamesAreComparedWithTheCivilRegistry) {
  // The registry says Côté-Lévesque, Marie-Ève.
  auto d = example_dossier("NM-1", "1202204100007");
  d["child"]["surname"] = "LEVESQUE COTE";
  d["child"]["given_name"] = "marie eve";
  EXPECT_EQ(messages_of(d), json::array());
  d["child"]["surname"] = "Lévesque-Côté";
  d["child"]["given_name"] = "Ève Marie";
  auto saved = batch("sync", json::array({d}));
  EXPECT_EQ(saved.body["results"][0]["status"], "accepted") << saved.body.dump(1);
  d["child"]["surname"] = "Côté";
  d["child"]["given_name"] = "Marie";
  auto r = batch("sync", json::array({d}));
  EXPECT_EQ(r.body["results"][0]["status"], "rejected");
  EXPECT_TRUE(has(r.body["results"][0]["messages"], "CSG132E", "child.surname"));
  EXPECT_TRUE(has(r.body["results"][0]["messages"], "CSG133E", "child.given_name"));
  auto c = db::connect(db_->url());
  EXPECT_EQ(c->run("SELECT child_surname FROM dossiers WHERE ref = 'NM-1'").first().str(0),
            "Lévesque-Côté")
      << "the rejected record changed nothing";
}

// Seed 004 (garde partagée): each parent has their own dossier at the same time. A child who moved
// from one provider to another, the parents' roles swapped, is not a shared custody: only the
// child's dossiers whose agreements overlap in time are compared; when they do, CSG075E names the
// other provider and its dates (issue 12, item 6).
TEST_F(SyncApi, DOS_15_AChildWhoMovedWithTheRolesSwappedIsNotASharedCustody) {
  // Emma at Garderie Soleil (B) last year: her mother's dossier, her father the other adult.
  auto before = example_dossier("MV-B", "1202204100006");
  before["child"]["surname"] = "Lavoie";
  before["child"]["given_name"] = "Emma";
  before["guardian"]["surname"] = "Lavoie";
  before["guardian"]["given_name"] = "Julie";
  before["guardian"]["role"] = "mother";
  before["other_guardian"] = {{"surname", "Bégin"}, {"given_name", "André"}, {"role", "father"}};
  before["agreements"][0]["start"] = "2023-09-01";
  before["agreements"][0]["end"] = "2024-08-31";
  before["agreements"][0]["special_schedules"] = json::array();
  auto b = batch("sync", json::array({before}), "20000003");
  ASSERT_EQ(b.body["results"][0]["status"], "accepted") << b.body.dump(1);
  // This year at A: her father's dossier, her mother the other adult.
  auto now = example_dossier("MV-A", "1202204100006");
  now["child"]["surname"] = "Lavoie";
  now["child"]["given_name"] = "Emma";
  now["other_guardian"] = {{"surname", "Lavoie"}, {"given_name", "Julie"}, {"role", "mother"}};
  auto a = batch("sync", json::array({now}));
  EXPECT_EQ(a.body["results"][0]["status"], "accepted") << a.body.dump(1);
  EXPECT_EQ(a.body["results"][0]["messages"], json::array());
  // Had the two dossiers overlapped in time (August 2024), both rules would apply.
  now["agreements"][0]["start"] = "2024-08-01";
  auto m = messages_of(now);
  EXPECT_TRUE(has(m, "CSG033E", "other_guardian")) << m.dump(1);
  bool named = false;
  for (const auto& x : m)
    if (x["code"] == "CSG075E") {
      named = true;
      EXPECT_EQ(x["field"], "agreements[0].schedule");
      EXPECT_EQ(x["args"], json::array({"Garderie Soleil — Sainte-Foy", "2023-09-01", "2024-08-31",
                                        "2024-08-01"}));
      EXPECT_EQ(x["text"],
                "Garde partagée : l'entente de cet enfant chez Garderie Soleil — Sainte-Foy, du "
                "2023-09-01 au 2024-08-31, prévoit déjà les mêmes demi-périodes (dès le "
                "2024-08-01); chaque parent a ses propres demi-périodes.");
    }
  EXPECT_TRUE(named) << m.dump(1);
}

TEST_F(SyncApi, SharedCustodyAndTheOtherParentAcrossInstallations) {
  // Léa's father's dossier at Garderie Soleil (B): Monday to Wednesday.
  auto father = example_dossier("C-B", "1202205050002");
  father["child"]["surname"] = "Roy";
  father["child"]["given_name"] = "Léa";
  father["child"]["sex"] = "F";
  father["child"]["birth_date"] = "2022-05-05";
  father["age_brackets"] = json::array({{{"bracket", "0-17"}, {"start", "2022-05-05"}},
                                        {{"bracket", "18-59"}, {"start", "2023-11-05"}}});
  father["agreements"][0]["schedule"]["days"] = {"AM PM", "AM PM", "AM PM", "", "", "", ""};
  father["agreements"][0]["special_schedules"] = json::array();
  ASSERT_EQ(batch("sync", json::array({father}), "20000003").body["results"][0]["status"],
            "accepted");
  // Her mother's at A: Thursday and Friday is fine; Wednesday afternoon too is not (ENT-09).
  auto mother = father;
  mother["ref"] = "C-A";
  mother["guardian"]["given_name"] = "Julie";
  mother["guardian"]["role"] = "mother";
  mother["agreements"][0]["schedule"]["days"] = {"", "", "", "AM PM", "AM PM", "", ""};
  EXPECT_EQ(messages_of(mother), json::array());
  mother["agreements"][0]["schedule"]["days"][2] = "PM";
  EXPECT_TRUE(has(messages_of(mother), "CSG075E", "agreements[0].schedule"));
  // DOS-15: the father is not entered as the other responsible adult in her dossier.
  mother["agreements"][0]["schedule"]["days"][2] = "";
  mother["other_guardian"] = {{"surname", "Bégin"}, {"given_name", "André"}, {"role", "father"}};
  EXPECT_TRUE(has(messages_of(mother), "CSG033E", "other_guardian"));
}

TEST_F(SyncApi, CisssPeriodNeedsAReservationOfTheInstallation) {
  auto d = example_dossier("R-1");
  d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2024-12-01"}}});
  EXPECT_TRUE(has(messages_of(d, "20000003"), "CSG049E", "cisss_periods[0]"));
  auto put = send("PUT", "/api/v1/installations/20000003/cisss-reservations",
                  json{{"reservations",
                        {{{"start", "2024-04-01"},
                          {"end", "2025-03-31"},
                          {"days_per_week", 5},
                          {"places", 5},
                          {"age", "18-59"}}}}}
                      .dump(),
                  code_b_);
  ASSERT_EQ(put.status, 200) << put.body.dump();
  EXPECT_EQ(put.body["saved"], 1);
  EXPECT_FALSE(has(messages_of(d, "20000003"), "CSG049E", "cisss_periods[0]"));
  // Refusals: bad values, bad types.
  auto bad = send("PUT", "/api/v1/installations/20000003/cisss-reservations",
                  json{{"reservations",
                        {{{"start", "2024-04-01"},
                          {"end", "2024-03-31"},
                          {"days_per_week", 9},
                          {"places", 0},
                          {"age", "0-17"}}}}}
                      .dump(),
                  code_b_);
  EXPECT_EQ(bad.status, 422);
  for (const auto& [code, field] : std::vector<std::pair<std::string, std::string>>{
           {"CSG111E", "reservations[0].end"},
           {"CSG112E", "reservations[0].days_per_week"},
           {"CSG113E", "reservations[0].places"}})
    EXPECT_TRUE(has(bad.body["messages"], code, field)) << code << bad.body.dump();
  auto types = send("PUT", "/api/v1/installations/20000003/cisss-reservations",
                    R"({"reservations": [{"start": 5, "end": "2025-01-01", "days_per_week": "5",
                        "places": 2, "age": "school"}]})",
                    code_b_);
  EXPECT_EQ(types.status, 422);
  EXPECT_TRUE(has(types.body["messages"], "CSG150E", "reservations[0].start"));
  EXPECT_TRUE(has(types.body["messages"], "CSG000E", "reservations[0].days_per_week"));
  EXPECT_TRUE(has(types.body["messages"], "CSG151E", "reservations[0].age"));
  for (const auto& m : types.body["messages"]) {  // the age codes a reservation may have
    if (m["code"] == "CSG151E") {
      EXPECT_EQ(m["args"], json::array({"0-17", "18-59"})) << m.dump();
    }
  }
  EXPECT_FALSE(has(messages_of(d, "20000003"), "CSG049E", "cisss_periods[0]"))
      << "a refused PUT changes nothing";
}

// Issue 12, DOS-20: brackets listed out of order with consistent dates are sorted by date, then
// checked (they used to be refused with CSG040E).
TEST_F(SyncApi, DOS_20_BracketsListedOutOfOrderAreSortedByDate) {
  auto d = example_dossier("B-ORDER");
  d["age_brackets"] = json::array({{{"bracket", "18-59"}, {"start", "2023-10-10"}},
                                   {{"bracket", "0-17"}, {"start", "2022-04-10"}}});
  auto r = batch("validate", json::array({d}));
  EXPECT_EQ(r.body["results"][0]["status"], "accepted") << r.body.dump(1);
  EXPECT_EQ(r.body["results"][0]["messages"], json::array());
  // Inconsistent dates are still refused: sorted by date, 0-17 would follow 18-59.
  d["age_brackets"][0]["start"] = "2022-04-09";
  EXPECT_TRUE(has(messages_of(d), "CSG040E", "age_brackets[1].bracket"));
}

// Seed 003 ("sauf dans le cas où l'information initiale est erronée"): a stored agreement's
// schedule or reduced contribution may be corrected; the record is accepted with a warning that a
// real change of situation needs a new agreement (ENT-10 as amended by issue 12).
TEST_F(SyncApi, ENT_10_ACorrectedAgreementIsAcceptedWithAWarning) {
  auto d = example_dossier("K-1", "1202204101010");
  auto first = batch("sync", json::array({d}));
  ASSERT_EQ(first.body["results"][0]["status"], "accepted") << first.body.dump(1);
  auto corrected = d;
  corrected["agreements"][0]["schedule"]["days"][4] = "AM";
  corrected["agreements"][0]["reduced_contribution"] = false;
  auto validated = batch("validate", json::array({corrected}));
  EXPECT_EQ(validated.body["results"][0]["status"], "accepted") << validated.body.dump(1);
  auto saved = batch("sync", json::array({corrected}));
  ASSERT_EQ(saved.body["results"][0]["status"], "accepted") << saved.body.dump(1);
  const auto& messages = saved.body["results"][0]["messages"];
  EXPECT_TRUE(has(messages, "CSG141A", "agreements[0].schedule")) << messages.dump(1);
  EXPECT_TRUE(has(messages, "CSG141A", "agreements[0].reduced_contribution"));
  for (const auto& m : messages) {
    EXPECT_EQ(m["severity"], "A");
    EXPECT_NE(m["text"].get<std::string>().find("nouvelle entente"), std::string::npos);
  }
  // Saved: the stored version has the corrected values; sent again, it is unchanged.
  Client client(server_->port());
  auto get = client.get("/api/v1/installations/20000001/dossiers/K-1",
                        {{"Authorization", "Bearer " + code_a_}});
  ASSERT_EQ(get.status, 200);
  auto body = json::parse(get.body);
  EXPECT_EQ(body["version"], 2);
  EXPECT_EQ(body["dossier"]["agreements"][0]["schedule"]["days"][4], "AM");
  EXPECT_EQ(body["dossier"]["agreements"][0]["reduced_contribution"], false);
  EXPECT_EQ(batch("sync", json::array({corrected})).body["results"][0]["messages"], json::array());
  // The replacement flag still may not change (CSG076E says what to do).
  auto replacement = corrected;
  replacement["agreements"][0]["replacement"] = true;
  auto refused = batch("validate", json::array({replacement}));
  EXPECT_EQ(refused.body["results"][0]["status"], "rejected");
  EXPECT_TRUE(has(refused.body["results"][0]["messages"], "CSG076E", "agreements[0].replacement"));
}

// Issue 12, DOS-23 / SYN-20: a CISSS period is covered day for day by yearly reservations that
// follow each other, each with the child's age code on the days it covers; a BC's dossiers may
// have CISSS periods (seed 004 bars a BC from closing days only).
TEST_F(SyncApi, DOS_23_ConsecutiveReservationsOfTheChildsAgeCoverACisssPeriod) {
  // The child is 18-59 months from 2023-10-10; A1 runs 2024-09-01 to 2025-08-31.
  auto d = example_dossier("R-2");
  d["cisss_periods"] = json::array({{{"start", "2024-09-01"}, {"end", "2025-08-31"}}});
  auto reserve = [&](const std::string& installation, const std::string& code,
                     const std::vector<std::array<std::string, 3>>& rs) {
    json list = json::array();
    for (const auto& [start, end, age] : rs)
      list.push_back(
          {{"start", start}, {"end", end}, {"days_per_week", 5}, {"places", 2}, {"age", age}});
    auto put = send("PUT", "/api/v1/installations/" + installation + "/cisss-reservations",
                    json{{"reservations", list}}.dump(), code);
    EXPECT_EQ(put.status, 200) << put.body.dump();
  };
  // Two years of 18-59 reservations, day after day: accepted (one of them alone was not enough).
  reserve("20000001", code_a_, {{"2024-04-01", "2025-03-31", "18-59"}});
  EXPECT_TRUE(has(messages_of(d), "CSG049E", "cisss_periods[0]"));
  reserve("20000001", code_a_,
          {{"2024-04-01", "2025-03-31", "18-59"}, {"2025-04-01", "2026-03-31", "18-59"}});
  auto accepted = batch("validate", json::array({d}));
  EXPECT_EQ(accepted.body["results"][0]["status"], "accepted") << accepted.body.dump(1);
  // The second year reserved for 0-17 only: the child's 18-59 days from 2025-04-01 are not.
  reserve("20000001", code_a_,
          {{"2024-04-01", "2025-03-31", "18-59"}, {"2025-04-01", "2026-03-31", "0-17"}});
  auto messages = messages_of(d);
  ASSERT_TRUE(has(messages, "CSG140E", "cisss_periods[0]")) << messages.dump(1);
  for (const auto& m : messages)
    if (m["code"] == "CSG140E") {
      EXPECT_EQ(m["args"], (json{"18-59", "2025-04-01"}));
      EXPECT_NE(m["text"].get<std::string>().find("(18-59 mois) ne couvre le 2025-04-01"),
                std::string::npos)
          << m["text"];
    }
  // A BC: its reservations are saved, and its dossier with a CISSS period is accepted.
  reserve("30000001", code_bc_,
          {{"2024-04-01", "2025-03-31", "18-59"}, {"2025-04-01", "2026-03-31", "18-59"}});
  auto bc = d;
  bc["ref"] = "R-BC";
  bc["rsge"] = "40000001";
  bc["child"]["nirec"] = "1202204101011";
  auto saved = batch("sync", json::array({bc}), "30000001");
  EXPECT_EQ(saved.body["results"][0]["status"], "accepted") << saved.body.dump(1);
  reserve("20000001", code_a_, {});
}

TEST_F(SyncApi, ClosingDaysOfAYearAreReplacedAndChecked) {
  const std::string url = "/api/v1/installations/20000001/closing-days/2026";
  auto put = send("PUT", url,
                  R"({"closing_days": [
                        {"date": "2026-01-01", "closed": ["AM", "PM"], "reason": "planned"},
                        {"date": "2026-06-24", "closed": ["AM", "PM", "S1"], "reason": "lockout",
                         "administration_open": true}]})",
                  code_a_);
  ASSERT_EQ(put.status, 200) << put.body.dump();
  EXPECT_EQ(put.body["saved"], 2);
  auto c = db::connect(db_->url());
  auto count = [&] {
    return c
        ->run(
            "SELECT COUNT(*) FROM closing_days WHERE organization_id = (SELECT id FROM "
            "organizations WHERE number = '20000001')")
        .first()
        .i64(0);
  };
  EXPECT_EQ(count(), 2);
  auto bad = send("PUT", url,
                  R"({"closing_days": [
                        {"date": "2027-01-01", "closed": ["AM"], "reason": "planned"},
                        {"date": "2026-03-01", "closed": [], "reason": "vacances"},
                        {"date": "2026-03-01", "closed": ["PM"], "reason": "strike"}]})",
                  code_a_);
  EXPECT_EQ(bad.status, 422);
  for (const auto& [code, field] :
       std::vector<std::pair<std::string, std::string>>{{"CSG101E", "closing_days[0].date"},
                                                        {"CSG103E", "closing_days[1].closed"},
                                                        {"CSG104E", "closing_days[1].reason"},
                                                        {"CSG102E", "closing_days[2].date"}})
    EXPECT_TRUE(has(bad.body["messages"], code, field)) << code << bad.body.dump();
  auto types =
      send("PUT", url, R"({"closing_days": [{"date": "2026-02-30", "closed": ["XX"]}]})", code_a_);
  EXPECT_EQ(types.status, 422);
  EXPECT_TRUE(has(types.body["messages"], "CSG150E", "closing_days[0].date"));
  EXPECT_EQ(count(), 2) << "a refused PUT changes nothing";
  auto bc = send("PUT", "/api/v1/installations/30000001/closing-days/2026",
                 R"({"closing_days": []})", code_bc_);
  EXPECT_EQ(bc.status, 422);
  EXPECT_TRUE(has(bc.body["messages"], "CSG100E", "closing_days"));
  EXPECT_EQ(send("PUT", "/api/v1/installations/20000001/closing-days/20x6",
                 R"({"closing_days": []})", code_a_)
                .status,
            404);
}

TEST_F(SyncApi, WholeRequestErrorsSaveNothingAndTheServerKeepsServing) {
  const std::string url = "/api/v1/installations/20000001/dossiers/sync";
  auto expect_error = [&](const Answer& a, int status, const std::string& code) {
    EXPECT_EQ(a.status, status) << a.body.dump();
    EXPECT_EQ(a.body["error"]["code"], code) << a.body.dump();
    EXPECT_FALSE(a.body["error"]["message"].get<std::string>().empty());
  };
  expect_error(send("POST", url, "{\"dossiers\": [", code_a_), 400, "bad_json");
  auto where = send("POST", url, "{\"dossiers\": [}", code_a_);
  EXPECT_NE(where.body["error"]["message"].get<std::string>().find("15"), std::string::npos)
      << "the message says where parsing stopped: " << where.body.dump();
  expect_error(send("POST", url, "{\"records\": []}", code_a_), 400, "no_dossiers");
  expect_error(send("POST", url, "[]", code_a_), 400, "no_dossiers");
  expect_error(send("POST", url, "{\"dossiers\": []}", ""), 401, "unauthorized");
  expect_error(send("POST", url, "{\"dossiers\": []}", "not-a-code"), 401, "unauthorized");
  expect_error(send("POST", url, "{\"dossiers\": []}", code_b_), 403, "forbidden");
  auto unknown =
      send("POST", "/api/v1/installations/29999999/dossiers/sync", "{\"dossiers\": []}", code_a_);
  EXPECT_EQ(unknown.status, 404);
  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back(json::object());
  expect_error(send("POST", url, json{{"dossiers", many}}.dump(), code_a_), 413, "too_many");
  expect_error(send("POST", url, std::string(10 * 1024 * 1024 + 10, ' '), code_a_), 413,
               "too_large");
  // Junk inside a well-formed batch: per-record API-01 messages, nothing saved for them.
  json deep = json::array();
  for (int i = 0; i < 200; ++i) deep = json::array({deep});
  auto junk =
      send("POST", url,
           json{{"dossiers", {42, "text", nullptr, deep, {{"ref", 12}, {"child", "x"}}}}}.dump(),
           code_a_);
  ASSERT_EQ(junk.status, 200) << junk.body.dump();
  EXPECT_EQ(junk.body["summary"]["rejected"], 5);
  EXPECT_TRUE(has(junk.body["results"][4]["messages"], "CSG000E", "ref"));
  EXPECT_TRUE(has(junk.body["results"][4]["messages"], "CSG000E", "child"));
  // Invalid UTF-8 is a clean whole-request error.
  expect_error(send("POST", url, "{\"dossiers\": [{\"ref\": \"\xff\xfe\"}]}", code_a_), 400,
               "bad_json");
  // So is a number out of a double's range (found by fuzz/dossier_fuzz.cpp: it was a 500).
  expect_error(send("POST", url, "{\"dossiers\": [{\"ref\": 1e999}]}", code_a_), 400, "bad_json");
  auto after = batch("validate", json::array({example_dossier("ALIVE")}));
  EXPECT_EQ(after.status, 200) << "the server keeps serving";
}

TEST_F(SyncApi, TheSyncCommandSendsChunksAndWritesTheReport) {
  json dossiers = json::array();
  for (int i = 0; i < 5; ++i) {
    auto d = example_dossier("B-" + std::to_string(i), "1102203030003");
    d["child"]["surname"] = "Gagnon";
    d["child"]["given_name"] = "Noah";
    d["child"]["birth_date"] = "2022-03-03";
    d["age_brackets"] = json::array({{{"bracket", "0-17"}, {"start", "2022-03-03"}},
                                     {{"bracket", "18-59"}, {"start", "2023-09-03"}}});
    d["handicap_periods"] = json::array();
    // One child in five dossiers: give each its own year so that they never overlap.
    d["agreements"][0]["start"] = std::to_string(2024 + i) + "-09-02";
    d["agreements"][0]["end"] = std::to_string(2024 + i) + "-12-20";
    d["agreements"][0]["special_schedules"] = json::array();
    dossiers.push_back(d);
  }
  dossiers[3]["guardian"]["address"]["postal_code"] = "D1D 1D1";  // rejected: DOS-14
  auto file = (dir_ / "sync-batch.json").string();
  std::ofstream(file) << json{{"dossiers", dossiers}}.dump();
  auto report = (dir_ / "rapport").string();
  auto url = "http://127.0.0.1:" + std::to_string(server_->port());
  auto r = run_sgee({"sync", "--url", url, "--installation", "20000001", "--code", code_a_, file,
                     "--chunk", "2", "--report", report});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err << "a rejected record: exit 1";
  EXPECT_NE(r.out.find("5 dossier(s) sent: 4 accepted, 1 rejected, 0 pending"), std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("5/5"), std::string::npos) << "the progress bar: " << r.err;
  std::ifstream csv(report + ".csv");
  std::string text((std::istreambuf_iterator<char>(csv)), {});
  EXPECT_TRUE(text.starts_with("record,status,code,field,text\n")) << text;
  EXPECT_NE(text.find("\"B-3\",rejected,CSG032E,\"guardian.address.postal_code\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"B-0\",accepted,"), std::string::npos) << text;
  std::ifstream html(report + ".html");
  std::string page((std::istreambuf_iterator<char>(html)), {});
  EXPECT_NE(page.find("<td>CSG032E</td>"), std::string::npos);
  auto c = db::connect(db_->url());
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM dossiers WHERE ref LIKE 'B-%'").first().i64(0), 4);
  // A wrong code: the server's refusal, on one line, exit 1; an unreachable server: retried, then
  // one line.
  auto refused = run_sgee({"sync", "--url", url, "--installation", "20000001", "--code", code_b_,
                           file, "--report", report});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("HTTP 403"), std::string::npos) << refused.err;
  auto down =
      run_sgee({"sync", "--url", "http://127.0.0.1:1", "--installation", "20000001", "--code",
                code_a_, file, "--retries", "2", "--retry-delay", "1", "--report", report});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("retrying"), std::string::npos) << down.err;
  EXPECT_NE(down.err.find("cannot send dossiers 1–5"), std::string::npos) << down.err;
  EXPECT_EQ(
      run_sgee({"sync", "--url", url, "--installation", "123", "--code", "x", file}).exit_code, 2);
}

TEST_F(SyncApi, AddressAutocompleteForSignedInProviderStaff) {
  // Signed in through the store (as the browser tests do through the form).
  auto c = db::connect(db_->url());
  auto rse = c->run("SELECT id FROM users WHERE user_code = 'E0000001'").first().i64(0);
  auto [token, session] = access::store::create_session(*c, rse, "127.0.0.1", true);
  Client client(server_->port());
  auto ask = [&](const std::string& q, bool signed_in = true) {
    std::map<std::string, std::string> h;
    if (signed_in) h["Cookie"] = "sgee_session=" + token;
    h["Accept"] = "application/json";
    auto r = client.get("/adresses?q=" + text::url_encode(q), h);
    return std::make_pair(r.status, json::parse(r.body, nullptr, false));
  };
  auto [status, found] = ask("147 RUE DES PAT");
  ASSERT_EQ(status, 200) << found.dump();
  ASSERT_EQ(found["addresses"].size(), 1u) << found.dump();
  EXPECT_EQ(found["addresses"][0]["street"], "rue des Patriotes");
  EXPECT_EQ(found["addresses"][0]["postal_code"], "G1G 1G1");
  EXPECT_EQ(found["addresses"][0]["label"], "147 rue des Patriotes, Québec G1G 1G1");
  EXPECT_EQ(ask("147 rue des patriotes quebec").second["addresses"].size(), 1u)
      << "accents and case ignored";
  EXPECT_EQ(ask("14").second["addresses"].size(), 0u) << "3 characters at least";
  EXPECT_EQ(ask("148 rue").second["addresses"].size(), 0u);
  EXPECT_EQ(ask("%%%").second["addresses"].size(), 0u) << "no wildcard";
  EXPECT_EQ(ask("147 rue des pat", false).first, 401);
}

TEST_F(SyncApi, TheCatalogAndTheOpenApiDocumentArePublic) {
  Client c(server_->port());
  auto codes = c.get("/api/v1/validation-codes");
  ASSERT_EQ(codes.status, 200);
  auto list = json::parse(codes.body)["codes"];
  EXPECT_EQ(list.size(), csg::catalog().size());
  EXPECT_EQ(list[0].size(), 5u);
  auto doc = c.get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto openapi = json::parse(doc.body);
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  for (const char* path : {"/api/v1/installations/{installation}/dossiers/validate",
                           "/api/v1/installations/{installation}/dossiers/sync",
                           "/api/v1/installations/{installation}/dossiers/{ref}",
                           "/api/v1/installations/{installation}/closing-days/{year}",
                           "/api/v1/installations/{installation}/cisss-reservations",
                           "/api/v1/validation-codes", "/api/openapi.json"})
    EXPECT_TRUE(openapi["paths"].contains(path)) << path;
  EXPECT_EQ(
      openapi["components"]["schemas"]["Dossier"]["properties"]["agreements"]["items"]["$ref"],
      "#/components/schemas/Agreement");
}

}  // namespace
}  // namespace sgee::test
