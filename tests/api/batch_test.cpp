// Issue 11: heavy batches and the edges of the sync API, through a real server on loopback, on
// SQLite and PostgreSQL. The worst batch the limits of one record allow (docs/api-limits.md) is
// validated and saved; while two of them run on the worker pool, /healthz still answers, and
// SIGTERM lets them finish; a record's ref is 1 to 30 characters of a set that stands in a URL,
// and every such ref is read back; errors under /api/ are JSON, the server's own included.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "csg/generate.hpp"
#include "dossier_example.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kBase = "/api/v1/installations/20000001";

class Batches : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = demo_database().release();
    auto out = run_sgee({"access-code", "issue", "--installation", "20000001", "--db", db_->url()});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    code_ = out.out.substr(0, out.out.find('\n'));
    // The records' address is the one of the address reference (DOS-13).
    auto csv = std::string(testing::TempDir()) + "batch-addresses-" + std::to_string(::getpid());
    std::ofstream(csv) << "civic_number,civic_suffix,street,municipality,postal_code,latitude,"
                          "longitude\n147,,rue des Patriotes,Québec,G1G 1G1,46.85,-71.25\n";
    auto imported = run_sgee({"import", "addresses", csv, "--db", db_->url()});
    std::remove(csv.c_str());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // Two I/O threads and two workers, whatever the machine.
    server_ = new Server(db_->url(), {"--threads", "2", "--workers", "2"});
    // The limits batch has CISSS periods in 2020–2023 (DOS-23 wants a reservation with the
    // child's age code: 0-17 months, then 18-59 months from 2021-07-15).
    auto r = send("PUT", kBase + "/cisss-reservations",
                  R"({"reservations": [{"start": "2020-01-01", "end": "2030-12-31",
                      "days_per_week": 5, "places": 10, "age": "0-17"},
                      {"start": "2020-01-01", "end": "2030-12-31",
                      "days_per_week": 5, "places": 10, "age": "18-59"}]})");
    ASSERT_EQ(r.status, 200) << r.body;
    batch_ = new std::string(csg::limits_batch());
  }
  static void TearDownTestSuite() {
    delete batch_;
    delete server_;
    delete db_;
  }
  static Reply send(const std::string& method, const std::string& target,
                    const std::string& body = "") {
    Client c(server_->port());
    return c.request(method, target,
                     {{"Authorization", "Bearer " + code_}, {"Content-Type", "application/json"}},
                     body);
  }
  static std::string post_head(const std::string& what, size_t length) {
    return "POST " + kBase + "/dossiers/" + what +
           " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + code_ +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(length) +
           "\r\n\r\n";
  }
  // The number on the line "name value" of /metrics.
  static long metric(const std::string& name) {
    Client c(server_->port());
    auto body = c.get("/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stol(body.substr(at + name.size() + 2));
  }
  static json messages_of(const json& dossier) {
    auto r = send("POST", kBase + "/dossiers/validate", json{{"dossiers", {dossier}}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["results"][0]["messages"];
  }
  static bool has(const json& messages, const std::string& code, const std::string& field) {
    return has_message(messages, code, field);
  }

  static TestDatabase* db_;
  static Server* server_;
  static std::string code_;
  static std::string* batch_;
};
TestDatabase* Batches::db_ = nullptr;
Server* Batches::server_ = nullptr;
std::string Batches::code_;
std::string* Batches::batch_ = nullptr;

TEST_F(Batches, TheWorstBatchTheLimitsAllowIsValidatedThenSaved) {
  auto body = json::parse(*batch_);
  const auto count = body["dossiers"].size();
  ASSERT_GT(count, 10u);
  EXPECT_GT(batch_->size(), 9u << 20) << "as many records at every limit as 10 MB holds";
  const auto& first = body["dossiers"][0];
  EXPECT_EQ(first["agreements"].size(), 200u);
  EXPECT_EQ(first["cisss_periods"].size(), 100u);
  size_t specials = 0;
  for (const auto& a : first["agreements"]) specials += a["special_schedules"].size();
  EXPECT_EQ(specials, 500u);

  for (const std::string what : {"validate", "sync"}) {
    SCOPED_TRACE(what);
    auto r = send("POST", kBase + "/dossiers/" + what, *batch_);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    auto answer = json::parse(r.body);
    ASSERT_EQ(answer["results"].size(), count);
    for (const auto& result : answer["results"]) {
      EXPECT_EQ(result["status"], "accepted") << result.dump();
      for (const auto& m : result["messages"]) EXPECT_EQ(m["severity"], "A") << m.dump();
    }
    EXPECT_EQ(answer["summary"]["accepted"], count);
  }
  // Saved whole: the last record is read back with its 200 agreements.
  char ref[16];
  std::snprintf(ref, sizeof ref, "L%04zu", count);
  auto got = send("GET", kBase + "/dossiers/" + ref);
  ASSERT_EQ(got.status, 200) << got.body.substr(0, 300);
  EXPECT_EQ(json::parse(got.body)["dossier"]["agreements"].size(), 200u);
}

TEST_F(Batches, HealthzAnswersWhileTwoWorstBatchesAreValidated) {
  ASSERT_EQ(metric("sgee_http_handlers_running"), 0);
  RawConnection one(server_->port()), two(server_->port());
  one.send(post_head("validate", batch_->size()) + *batch_);
  two.send(post_head("validate", batch_->size()) + *batch_);
  // Both batches are on the worker pool (read whole, handed over, not answered)…
  bool started = false;
  for (int i = 0; i < 100000 && !started && !one.readable() && !two.readable(); ++i)
    started = metric("sgee_http_handlers_running") == 2;
  ASSERT_TRUE(started) << "both batches should be running";
  // … and a health check sent now is answered before either of them.
  {
    Client c(server_->port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(c.get("/healthz").status, 200);
  }
  EXPECT_FALSE(one.readable()) << "the batch answered before the health checks";
  EXPECT_FALSE(two.readable()) << "the batch answered before the health checks";
  for (auto* raw : {&one, &two}) {
    bool closed = false;
    auto answer = raw->read_until_close(120s, &closed);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
    EXPECT_NE(answer.find("\"accepted\":"), std::string::npos);
  }
}

TEST_F(Batches, SigtermFinishesTheBatchesOnTheWorkerPool) {
  // A server of its own, stopped while two batches run on its pool: both are answered. The drain
  // waits as long as they take, however slow the build (a sanitizer build is ten times slower).
  Server s(db_->url(), {"--threads", "1", "--workers", "1", "--drain-timeout", "600"});
  RawConnection one(s.port()), two(s.port());
  one.send(post_head("validate", batch_->size()) + *batch_);
  two.send(post_head("validate", batch_->size()) + *batch_);
  bool started = false;
  for (int i = 0; i < 100000 && !started && !one.readable(); ++i) {
    Client c(s.port());
    auto body = c.get("/metrics").body;
    started = body.find("\nsgee_http_handlers_running 2\n") != std::string::npos;
  }
  ASSERT_TRUE(started);
  s.signal(SIGTERM);
  for (auto* raw : {&one, &two}) {
    bool closed = false;
    auto answer = raw->read_until_close(120s, &closed);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
    EXPECT_NE(answer.find("\"results\":"), std::string::npos);
  }
  EXPECT_EQ(s.wait_exit(60s), 0);
}

TEST_F(Batches, RefsOutsideTheCharacterSetOrTooLongAreApi01) {
  const std::vector<std::string> bad = {
      "2024/0013", std::string("a\0b", 3), std::string(31, 'a'), "a b", "é", "a?b", "a%2Fb", ".",
      ".."};
  for (const auto& ref : bad) {
    SCOPED_TRACE(json(ref).dump());
    auto messages = messages_of(example_dossier(ref));
    EXPECT_TRUE(has(messages, "CSG000E", "ref")) << messages.dump();
  }
  for (const std::string ref : {"", "  "}) {
    auto messages = messages_of(example_dossier(ref));
    EXPECT_TRUE(has(messages, "CSG093E", "ref")) << messages.dump();
  }
  // 30 characters is the longest ref.
  auto messages = messages_of(example_dossier(std::string(30, 'z')));
  EXPECT_FALSE(has(messages, "CSG000E", "ref")) << messages.dump();
  EXPECT_FALSE(has(messages, "CSG093E", "ref")) << messages.dump();
}

TEST_F(Batches, EveryAllowedCharacterOfARefRoundTripsThroughSyncAndGet) {
  const std::vector<std::string> refs = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                         "abcdefghijklmnopqrstuvwxyz",
                                         "0123456789",
                                         "a.b_c-d",
                                         "-_-",
                                         "...",
                                         "_x",
                                         "Q"};
  json dossiers = json::array();
  for (const auto& ref : refs) {
    // A child born outside Québec, without NIREC: each record is given a NECSG of its own.
    auto d = example_dossier(ref);
    d["child"]["nirec"] = nullptr;
    d["child"]["born_outside_quebec"] = true;
    dossiers.push_back(d);
  }
  auto r = send("POST", kBase + "/dossiers/sync", json{{"dossiers", dossiers}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  auto answer = json::parse(r.body);
  for (size_t i = 0; i < refs.size(); ++i) {
    SCOPED_TRACE(refs[i]);
    EXPECT_EQ(answer["results"][i]["status"], "accepted") << answer["results"][i].dump();
    auto got = send("GET", kBase + "/dossiers/" + refs[i]);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(json::parse(got.body)["ref"], refs[i]);
  }
}

TEST_F(Batches, AtMostAThousandCisssReservations) {
  auto body = [](int n) {
    json rs = json::array();
    for (int i = 0; i < n; ++i)
      rs.push_back({{"start", "2020-01-01"},
                    {"end", "2030-12-31"},
                    {"days_per_week", 5},
                    {"places", 10},
                    {"age", "0-17"}});
    return json{{"reservations", rs}}.dump();
  };
  auto over = send("PUT", kBase + "/cisss-reservations", body(1001));
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_EQ(json::parse(over.body)["error"]["code"], "too_many");
  auto at = send("PUT", kBase + "/cisss-reservations", body(1000));
  EXPECT_EQ(at.status, 200) << at.body.substr(0, 300);
  EXPECT_EQ(json::parse(at.body)["saved"], 1000);
}

// The server's own refusals under /api/ are JSON as the handlers' are: {"error": {code, message}}.
std::string refusal_of(int port, const std::string& request) {
  RawConnection raw(port);
  raw.send(request);
  bool closed = false;
  return raw.read_until_close(10s, &closed);
}
void expect_json_error(const std::string& answer, int status) {
  SCOPED_TRACE(answer.substr(0, 300));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 " + std::to_string(status)));
  auto head_end = answer.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  auto head = answer.substr(0, head_end);
  EXPECT_NE(head.find("Content-Type: application/json"), std::string::npos);
  auto body = json::parse(answer.substr(head_end + 4), nullptr, false);
  ASSERT_TRUE(body.is_object());
  EXPECT_TRUE(body["error"]["code"].is_string());
  EXPECT_TRUE(body["error"]["message"].is_string());
}

TEST_F(Batches, ErrorsUnderTheApiAreJsonEvenTheServersOwn) {
  const int port = server_->port();
  // A path that does not decode, or decodes to a NUL: 400 from the server itself.
  expect_json_error(
      refusal_of(port, "GET /api/v1/a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
  expect_json_error(
      refusal_of(port, "GET /api/v1/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
  // Headers over the limit: 431, before the request line is even parsed.
  expect_json_error(refusal_of(port, "GET /api/v1/validation-codes HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                         std::string(64 * 1024, 'a') + "\r\n\r\n"),
                    431);
  // A body over the server's limit (32 MB): 413 on the headers.
  expect_json_error(refusal_of(port, post_head("validate", 64u << 20)), 413);
  // No such route, no such method.
  expect_json_error(
      refusal_of(port, "GET /api/v2/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      404);
  expect_json_error(
      refusal_of(
          port, "DELETE /api/v1/validation-codes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      405);
  // Outside /api/, a page stays a page.
  auto page = refusal_of(port, "GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(page.starts_with("HTTP/1.1 400")) << page.substr(0, 200);
  EXPECT_NE(page.find("text/html"), std::string::npos);
}

}  // namespace
}  // namespace sgee::test
