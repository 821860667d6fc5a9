// The HTTP platform through a real server: pages, languages, errors, limits, timeouts, shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "shared.hpp"

namespace sgee::test {
namespace {

using namespace std::chrono_literals;

TEST(Health, ReportsDatabaseAndSchema) {
  Client c(shared_server().port());
  auto r = c.get("/healthz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["database"], "ok");
  EXPECT_GE(j["schema"].get<int>(), 1);
}

TEST(Pages, HomeIsFrenchByDefault) {
  Client c(shared_server().port());
  auto r = c.get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(r.body.find("Les services de garde éducatifs à l&#39;enfance, en ligne"),
            std::string::npos);
  EXPECT_NE(r.body.find("href=\"/connexion\""), std::string::npos);
}

TEST(Pages, LangParameterGivesEnglishAndIsRemembered) {
  Client c(shared_server().port());
  auto r = c.get("/?lang=en");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(r.body.find("Educational childcare services, online"), std::string::npos);
  auto cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("lang=en"), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  auto again = c.get("/", {{"Cookie", "lang=en"}});
  EXPECT_NE(again.body.find("<html lang=\"en\">"), std::string::npos);
  auto accept = c.get("/", {{"Accept-Language", "en-CA,en;q=0.8"}});
  EXPECT_NE(accept.body.find("<html lang=\"en\">"), std::string::npos);
}

TEST(Pages, LanguageSwitchKeepsOtherParameters) {
  Client c(shared_server().port());
  auto r = c.get("/?x=1");
  EXPECT_NE(r.body.find("href=\"&#x2F;?x=1&amp;lang=en\""), std::string::npos) << r.body;
}

TEST(Errors, UnknownRouteIs404PageInBothLanguages) {
  Client c(shared_server().port());
  auto fr = c.get("/nulle-part");
  EXPECT_EQ(fr.status, 404);
  EXPECT_NE(fr.body.find("Page introuvable"), std::string::npos);
  auto en = c.get("/nowhere?lang=en");
  EXPECT_EQ(en.status, 404);
  EXPECT_NE(en.body.find("Page not found"), std::string::npos);
}

TEST(Errors, UnknownApiRouteIsJson404) {
  Client c(shared_server().port());
  auto r = c.get("/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
}

TEST(Errors, WrongMethodIs405WithAllow) {
  Client c(shared_server().port());
  auto r = c.request("DELETE", "/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
  EXPECT_NE(r.body.find("Méthode non permise"), std::string::npos);
}

TEST(Errors, MalformedRequestLineIs400) {
  RawConnection raw(shared_server().port());
  raw.send("THIS IS NOT HTTP\r\n\r\n");
  bool closed = false;
  auto answer = raw.read_until_close(10s, &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("Demande invalide"), std::string::npos);
  EXPECT_TRUE(closed);
}

TEST(Errors, BadPercentEncodingInPathIs400) {
  RawConnection raw(shared_server().port());
  raw.send("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  bool closed = false;
  auto answer = raw.read_until_close(10s, &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
}

TEST(Errors, HugeHeadersAreRefused) {
  RawConnection raw(shared_server().port());
  raw.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  bool closed = false;
  auto answer = raw.read_until_close(10s, &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 431")) << answer.substr(0, 100);
}

TEST(Errors, ServerKeepsServingAfterRefusals) {
  for (int i = 0; i < 5; ++i) {
    RawConnection raw(shared_server().port());
    raw.send("\x01\x02\x03 garbage\r\n\r\n");
    bool closed = false;
    raw.read_until_close(10s, &closed);
  }
  Client c(shared_server().port());
  EXPECT_EQ(c.get("/healthz").status, 200);
}

// RFC 9112 framing: what a server must refuse rather than guess (request smuggling, header
// injection through proxies that read the message differently).
std::string raw_answer(const std::string& request) {
  RawConnection raw(shared_server().port());
  raw.send(request);
  bool closed = false;
  return raw.read_until_close(10s, &closed);
}

TEST(Framing, Http11WithoutHostIs400) {
  auto answer = raw_answer("GET / HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Demande invalide"), std::string::npos);
}

TEST(Framing, Http10WithoutHostIsServed) {
  auto answer = raw_answer("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
}

TEST(Framing, TwoHostHeadersAre400) {
  auto answer = raw_answer("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer.substr(0, 200);
}

TEST(Framing, ObsFoldIs400) {
  auto answer =
      raw_answer("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\nX-B: c\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer.substr(0, 200);
  auto tab = raw_answer("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: one\r\n\ttwo\r\n\r\n");
  EXPECT_TRUE(tab.starts_with("HTTP/1.1 400")) << tab.substr(0, 200);
}

TEST(Framing, UnknownTransferCodingIs501) {
  auto answer = raw_answer(
      "POST /api/v1/dossiers/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 501")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("\"not_implemented\""), std::string::npos) << answer;  // an API path: JSON
  auto stacked = raw_answer(
      "POST /connexion HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(stacked.starts_with("HTTP/1.1 501")) << stacked.substr(0, 200);
}

TEST(Framing, TransferEncodingWithContentLengthIs400) {
  auto answer = raw_answer(
      "POST /connexion HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer.substr(0, 200);
}

TEST(Framing, ChunkedBodiesAndSplitHeadersStillWork) {
  RawConnection raw(shared_server().port());
  // The header arrives in pieces; the server waits for the rest rather than refusing.
  raw.send("GET /heal");
  raw.send("thz HTTP/1.1\r\nHo");
  raw.send("st: x\r\n\r\n");
  auto answer = raw.read_until("\"status\"", 10s);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
}

class Limits : public testing::Test {
 protected:
  void SetUp() override {
    db_ = migrated_database();
    server_ = std::make_unique<Server>(db_->url(), std::vector<std::string>{"--max-body", "1k"});
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Server> server_;
};

TEST_F(Limits, DeclaredBodyOverTheLimitIs413BeforeTheBodyIsSent) {
  RawConnection raw(server_->port());
  // Only the headers: the server answers without waiting for 100 MB that never come.
  raw.send(
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 104857600\r\n\r\n");
  auto answer = raw.read_until("\r\n\r\n", 10s);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
}

TEST_F(Limits, ChunkedBodyOverTheLimitIs413) {
  RawConnection raw(server_->port());
  std::string chunk(800, 'x');
  raw.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  raw.send("320\r\n" + chunk + "\r\n");
  raw.send("320\r\n" + chunk + "\r\n");
  auto answer = raw.read_until("\r\n\r\n", 10s);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
}

TEST_F(Limits, ApiRefusalIsJson413) {
  Client c(server_->port());
  auto r = c.request("POST", "/api/v1/installations/1/dossiers/validate",
                     {{"Content-Type", "application/json"}}, std::string(4096, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "payload_too_large");
}

TEST_F(Limits, BodyWithinTheLimitIsRead) {
  Client c(server_->port());
  auto r = c.request("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=1");
  EXPECT_EQ(r.status, 405);  // read, routed, refused by method: not by size
}

TEST(Timeouts, SlowHeadersAreCutOff) {
  auto db = migrated_database();
  Server s(db->url(), {"--header-timeout", "0.5"});
  RawConnection raw(s.port());
  raw.send("GET / HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
  bool closed = false;
  auto answer = raw.read_until_close(15s, &closed);
  EXPECT_TRUE(closed) << "the server must close a connection whose headers never finish";
  EXPECT_EQ(answer.find("200 OK"), std::string::npos);
  Client c(s.port());
  EXPECT_EQ(c.get("/healthz").status, 200) << "other clients are still served";
}

TEST(Timeouts, IdleKeepAliveConnectionsAreClosed) {
  auto db = migrated_database();
  Server s(db->url(), {"--idle-timeout", "0.5"});
  RawConnection raw(s.port());
  raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  bool closed = false;
  auto answer = raw.read_until_close(15s, &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(closed);
}

TEST(Shutdown, SigtermFinishesTheRequestInFlight) {
  auto db = migrated_database();
  Server s(db->url());
  RawConnection raw(s.port());
  // Expect: 100-continue tells us when the server has read the headers and waits for the body.
  raw.send(
      "POST /?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Expect: 100-continue\r\nContent-Length: 10\r\n\r\n");
  auto cont = raw.read_until("\r\n\r\n", 10s);
  ASSERT_TRUE(cont.starts_with("HTTP/1.1 100")) << cont;
  raw.send("a=1&");
  s.signal(SIGTERM);
  // The listener closes while our request is still in flight…
  bool refused = false;
  for (int i = 0; i < 500 && !refused; ++i) {
    refused = !port_accepts(s.port());
    if (!refused) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(refused) << "new connections are refused once draining";
  EXPECT_FALSE(s.wait_exit(0ms).has_value()) << "the server waits for the request in flight";
  // …and it is answered completely when the body arrives.
  raw.send("b=2345");
  bool closed = false;
  auto answer = raw.read_until_close(10s, &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 405")) << answer;
  EXPECT_NE(answer.find("Method not allowed"), std::string::npos);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(closed);
  auto code = s.wait_exit(15s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST(Shutdown, IdleConnectionsDoNotDelayTheStop) {
  auto db = migrated_database();
  Server s(db->url(), {"--idle-timeout", "300"});
  Client idle(s.port());
  ASSERT_EQ(idle.get("/healthz").status, 200);  // now idle, kept alive
  s.signal(SIGTERM);
  auto code = s.wait_exit(10s);
  ASSERT_TRUE(code.has_value()) << "an idle keep-alive connection must not hold the drain";
  EXPECT_EQ(*code, 0);
}

TEST(Static, ServesWithEtagAndRevalidates) {
  Client c(shared_server().port());
  auto r = c.get("/static/css/site.css");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(r.body.find("--blue: #095797"), std::string::npos);
  auto etag = r.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(r.header("cache-control"), "public, max-age=3600");
  auto again = c.get("/static/css/site.css", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto versioned = c.get("/static/css/site.css?v=abc");
  EXPECT_NE(versioned.header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(c.get("/static/css/none.css").status, 404);
  EXPECT_EQ(c.get("/static/../CMakeLists.txt").status, 404);
}

TEST(Static, HeadGivesHeadersOnly) {
  Client c(shared_server().port());
  auto get = c.get("/static/css/site.css");
  auto head = c.request("HEAD", "/static/css/site.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST(Headers, SecurityHeadersOnEveryKindOfResponse) {
  Client c(shared_server().port());
  for (const char* target : {"/", "/nulle-part", "/static/css/site.css", "/healthz", "/api/x"}) {
    auto r = c.get(target);
    SCOPED_TRACE(target);
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("referrer-policy"), "strict-origin-when-cross-origin");
    EXPECT_FALSE(r.header("x-request-id").empty());
  }
}

TEST(Headers, KeepAliveServesManyRequestsOnOneConnection) {
  Client c(shared_server().port());
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto r = c.get("/healthz");
    ASSERT_EQ(r.status, 200);
    ids.insert(r.header("x-request-id"));
  }
  EXPECT_EQ(ids.size(), 20u) << "each request has its own id";
}

TEST(Logs, OneJsonLinePerRequestWithoutQueryStrings) {
  auto db = migrated_database();
  std::string id;
  {
    Server s(db->url());
    Client c(s.port());
    auto r = c.get("/nulle-part?password=hunter2&nirec=1202204101002");
    id = r.header("x-request-id");
    s.signal(SIGTERM);
    s.wait_exit(10s);
    auto log = s.log_text();
    EXPECT_EQ(log.find("hunter2"), std::string::npos);
    EXPECT_EQ(log.find("1202204101002"), std::string::npos);
    bool found = false;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
      auto j = nlohmann::json::parse(line);  // every line is JSON
      ASSERT_TRUE(j.contains("ts"));
      if (j.value("msg", "") == "request" && j.value("id", "") == id) {
        found = true;
        EXPECT_EQ(j["status"], 404);
        EXPECT_EQ(j["path"], "/nulle-part");
        EXPECT_EQ(j["method"], "GET");
        EXPECT_TRUE(j["ms"].is_number());
      }
    }
    EXPECT_TRUE(found) << log;
  }
}

TEST(Metrics, OnlyAllowedAddressesAndNeverThroughAProxy) {
  Client c(shared_server().port());
  EXPECT_EQ(c.get("/metrics").status, 200);  // loopback is allowed by default
  // A request that came through a proxy is someone else's, whatever the peer.
  EXPECT_EQ(c.get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}}).status, 404);
  EXPECT_EQ(c.get("/metrics", {{"Forwarded", "for=203.0.113.9"}}).status, 404);
  // --metrics-allow replaces the default: loopback is then refused like any other address.
  auto db = migrated_database();
  Server other(db->url(), {"--metrics-allow", "10.0.0.0/8, 192.0.2.7"});
  Client o(other.port());
  auto r = o.get("/metrics");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("sgee_http_requests_total"), std::string::npos);
  EXPECT_EQ(o.get("/healthz").status, 200);
  Server open(db->url(), {"--metrics-allow", "127.0.0.0/8"});
  EXPECT_EQ(Client(open.port()).get("/metrics").status, 200);
}

TEST(Metrics, BadAllowListStopsTheServerWithTheFlagNamed) {
  auto db = migrated_database();
  auto r = run_sgee(
      {"serve", "--db", db->url(), "--listen", "127.0.0.1:0", "--metrics-allow", "10.0.0.0/99"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--metrics-allow"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("10.0.0.0/99"), std::string::npos) << r.err;
}

TEST(Metrics, CountsAndTimesRequestsPerRoute) {
  Client c(shared_server().port());
  auto before = c.get("/metrics").body;
  for (int i = 0; i < 3; ++i) c.get("/static/css/site.css");
  auto m = c.get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.header("content-type").find("text/plain"), std::string::npos);
  auto count_of = [](const std::string& text, const std::string& prefix) -> long {
    auto pos = text.find(prefix);
    if (pos == std::string::npos) return 0;
    return std::stol(text.substr(pos + prefix.size()));
  };
  const std::string counter =
      "sgee_http_requests_total{method=\"GET\",route=\"/static/{path*}\",status=\"2xx\"} ";
  EXPECT_EQ(count_of(m.body, counter) - count_of(before, counter), 3);
  EXPECT_NE(m.body.find("sgee_http_request_duration_seconds_bucket{method=\"GET\",route=\"/static/"
                        "{path*}\",le=\"+Inf\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace sgee::test
