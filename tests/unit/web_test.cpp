// Unit tests for src/platform/web.hpp (with src/platform/templates.hpp): error pages and JSON
// errors in both languages, and WebApp::dispatch (404/405, language resolution, guard).
#include "platform/web.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/db/migrations.hpp"
#include "platform/i18n.hpp"
#include "platform/templates.hpp"
#include "platform/text.hpp"

using sgee::http::Access;
using sgee::http::Request;
using sgee::http::Response;
using sgee::web::WebApp;
namespace i18n = sgee::i18n;

namespace {

// What mstch does to {{text}}.
std::string escape(const std::string& s) {
  return sgee::text::html_escape(s);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

Request make_request(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query_string = target.substr(q + 1);
  r.request_id = "req-7f3a9c";
  r.remote = "127.0.0.1";
  return r;
}

std::vector<std::string> set_cookies(const Response& res) {
  std::vector<std::string> out;
  for (const auto& [k, v] : res.headers)
    if (k == "Set-Cookie") out.push_back(v);
  return out;
}

class WebAppTest : public ::testing::Test {
 protected:
  sgee::db::Pool pool{"sqlite::memory:", 1};
  WebApp app{pool};
};

struct ErrorCase {
  int status;
  const char* code;
};

const std::vector<ErrorCase> kErrors = {
    {400, "bad_request"},    {401, "unauthorized"},       {403, "forbidden"},
    {404, "not_found"},      {405, "method_not_allowed"}, {413, "payload_too_large"},
    {500, "internal_error"}, {503, "unavailable"},
};

}  // namespace

TEST_F(WebAppTest, ErrorPageForEachStatusInFrenchAndEnglish) {
  for (const auto& e : kErrors) {
    for (const std::string lang : {"fr", "en"}) {
      SCOPED_TRACE(std::to_string(e.status) + " " + lang);
      auto req = make_request("GET", "/dossiers/12");
      req.lang = lang;
      auto res = app.error(e.status, req);
      const std::string key = "error." + std::to_string(e.status);
      const std::string& title = i18n::t(lang, key + ".title");
      const std::string& text = i18n::t(lang, key + ".text");
      ASSERT_NE(title, key + ".title") << "catalog lacks the title";
      ASSERT_NE(text, key + ".text") << "catalog lacks the text";

      EXPECT_EQ(res.status, e.status);
      EXPECT_EQ(res.get("Content-Type"), "text/html; charset=utf-8");
      EXPECT_EQ(res.get("Content-Language"), lang);
      EXPECT_EQ(res.get("Cache-Control"), "no-store");
      const std::string& body = res.body;
      EXPECT_TRUE(contains(body, "<html lang=\"" + lang + "\">")) << body;
      EXPECT_TRUE(contains(body, "<h1>" + escape(title) + "</h1>")) << body;
      EXPECT_TRUE(contains(body, "<title>" + escape(title) + " — sgee</title>")) << body;
      EXPECT_TRUE(contains(body, escape(text))) << body;
      EXPECT_TRUE(
          contains(body, escape(i18n::t(lang, "error.label")) + " " + std::to_string(e.status)));
      EXPECT_TRUE(contains(body, "<code>req-7f3a9c</code>")) << body;
      EXPECT_TRUE(contains(body, escape(i18n::t(lang, "error.reference"))));
      // the other language's title is not on the page
      const std::string other = lang == "fr" ? "en" : "fr";
      EXPECT_FALSE(contains(body, "<h1>" + escape(i18n::t(other, key + ".title")) + "</h1>"));
    }
  }
}

TEST_F(WebAppTest, ErrorPageWithoutRequestIdHasNoReferenceLine) {
  auto req = make_request("GET", "/x");
  req.request_id.clear();
  auto res = app.error(404, req);
  EXPECT_EQ(res.status, 404);
  EXPECT_FALSE(contains(res.body, "<code>"));
  EXPECT_FALSE(contains(res.body, escape(i18n::t("fr", "error.reference"))));
}

TEST_F(WebAppTest, ErrorPageInUnsupportedLanguageIsFrench) {
  auto req = make_request("GET", "/x");
  req.lang = "de";
  auto res = app.error(404, req);
  EXPECT_TRUE(contains(res.body, "<html lang=\"fr\">"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("fr", "error.404.title")) + "</h1>"));
}

TEST_F(WebAppTest, OtherStatusesFallBackToTheirClass) {
  auto req = make_request("GET", "/x");
  req.lang = "en";
  auto r422 = app.error(422, req);
  EXPECT_EQ(r422.status, 422);
  EXPECT_TRUE(contains(r422.body, "<h1>" + escape(i18n::t("en", "error.400.title")) + "</h1>"));
  auto r502 = app.error(502, req);
  EXPECT_EQ(r502.status, 502);
  EXPECT_TRUE(contains(r502.body, "<h1>" + escape(i18n::t("en", "error.500.title")) + "</h1>"));
}

TEST_F(WebAppTest, JsonErrorForApiPathsInBothLanguages) {
  for (const auto& e : kErrors) {
    for (const std::string lang : {"fr", "en"}) {
      SCOPED_TRACE(std::to_string(e.status) + " " + lang);
      auto req = make_request("POST", "/api/v1/dossiers");
      req.lang = lang;
      auto res = app.error(e.status, req);
      EXPECT_EQ(res.status, e.status);
      EXPECT_EQ(res.get("Content-Type"), "application/json");
      auto j = nlohmann::json::parse(res.body);
      EXPECT_EQ(
          j, (nlohmann::json{
                 {"error",
                  {{"code", e.code},
                   {"message", i18n::t(lang, "error." + std::to_string(e.status) + ".text")}}}}));
    }
  }
}

TEST_F(WebAppTest, JsonErrorWhenClientAcceptsJson) {
  auto req = make_request("GET", "/page");
  req.headers.emplace_back("accept", "application/json");
  auto res = app.error(404, req);
  EXPECT_EQ(res.get("Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "not_found");
}

TEST_F(WebAppTest, ServerErrorNeverShowsExceptionText) {
  const std::string secret = "SQLSTATE 42P01 relation secret_internal_table password=hunter2";
  app.router().add("GET", "/boom", Access::anyone(),
                   [&](Request&) -> Response { throw std::runtime_error(secret); });
  app.router().add("GET", "/api/v1/boom", Access::anyone(),
                   [&](Request&) -> Response { throw std::runtime_error(secret); });
  for (const std::string path : {"/boom", "/api/v1/boom"}) {
    for (const std::string lang : {"fr", "en"}) {
      SCOPED_TRACE(path + " " + lang);
      auto req = make_request("GET", path + "?lang=" + lang);
      Response res;
      // What the server does with a handler that throws: answer error(500).
      try {
        res = app.dispatch(req);
      } catch (const std::exception&) {
        res = app.error(500, req);
      }
      EXPECT_EQ(res.status, 500);
      EXPECT_FALSE(contains(res.body, "secret_internal_table")) << res.body;
      EXPECT_FALSE(contains(res.body, "hunter2"));
      EXPECT_FALSE(contains(res.body, "SQLSTATE"));
      EXPECT_TRUE(contains(res.body, path == "/boom" ? escape(i18n::t(lang, "error.500.text"))
                                                     : i18n::t(lang, "error.500.text")));
    }
  }
}

TEST_F(WebAppTest, DispatchUnknownPathIs404InFrenchByDefault) {
  auto req = make_request("GET", "/no/such/page");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(req.lang, "fr");
  EXPECT_TRUE(contains(res.body, "<html lang=\"fr\">"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("fr", "error.404.title")) + "</h1>"));
  EXPECT_TRUE(set_cookies(res).empty());
}

TEST_F(WebAppTest, DispatchUnknownApiPathIsJson404) {
  auto req = make_request("GET", "/api/v1/nothing");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "not_found");
}

TEST_F(WebAppTest, DispatchWrongMethodIs405WithAllowHeader) {
  auto req = make_request("POST", "/healthz");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.get("Allow"), "GET, HEAD");
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("fr", "error.405.title")) + "</h1>"));

  app.router().add("POST", "/form", Access::anyone(),
                   [](Request&) { return Response::text("ok"); });
  app.router().add("DELETE", "/form", Access::anyone(),
                   [](Request&) { return Response::text("ok"); });
  auto put = make_request("PUT", "/form");
  auto res2 = app.dispatch(put);
  EXPECT_EQ(res2.status, 405);
  EXPECT_EQ(res2.get("Allow"), "POST, DELETE");
}

TEST_F(WebAppTest, DispatchRunsMatchingHandlerWithParams) {
  std::string seen;
  app.router().add("GET", "/hello/{name}", Access::anyone(), [&](Request& r) {
    seen = r.params["name"];
    return Response::text("hi " + r.params["name"] + " " + r.lang);
  });
  auto req = make_request("GET", "/hello/marie");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "hi marie fr");
  EXPECT_EQ(seen, "marie");
  EXPECT_EQ(req.route, "/hello/{name}");
  EXPECT_NE(req.stats, nullptr);

  auto head = make_request("HEAD", "/hello/luc");
  EXPECT_EQ(app.dispatch(head).status, 200);
  EXPECT_EQ(seen, "luc");
}

TEST_F(WebAppTest, LangQueryParameterSetsCookieAndGivesEnglish) {
  auto req = make_request("GET", "/nowhere?x=1&lang=en");
  auto res = app.dispatch(req);
  EXPECT_EQ(req.lang, "en");
  EXPECT_EQ(res.status, 404);
  EXPECT_TRUE(contains(res.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("en", "error.404.title")) + "</h1>"));
  auto cookies = set_cookies(res);
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies[0].starts_with("lang=en;")) << cookies[0];
  EXPECT_TRUE(contains(cookies[0], "Path=/"));
  EXPECT_TRUE(contains(cookies[0], "Max-Age=31536000"));
  EXPECT_TRUE(contains(cookies[0], "HttpOnly"));
  // The link to the other language keeps the other parameters.
  EXPECT_TRUE(contains(res.body, "href=\"" + escape("/nowhere?x=1&lang=fr") + "\"")) << res.body;
}

TEST_F(WebAppTest, LangQueryParameterOnHandledRouteSetsCookie) {
  app.router().add("GET", "/p", Access::anyone(),
                   [](Request& r) { return Response::text(r.lang); });
  auto req = make_request("GET", "/p?lang=en");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.body, "en");
  EXPECT_EQ(set_cookies(res).size(), 1u);
}

TEST_F(WebAppTest, UnsupportedLangQueryIsIgnored) {
  auto req = make_request("GET", "/nowhere?lang=de");
  req.headers.emplace_back("accept-language", "en");
  auto res = app.dispatch(req);
  EXPECT_EQ(req.lang, "en");
  EXPECT_TRUE(set_cookies(res).empty());
}

TEST_F(WebAppTest, LangCookieGivesEnglishWithoutSettingCookie) {
  auto req = make_request("GET", "/nowhere");
  req.headers.emplace_back("cookie", "sid=1; lang=en");
  auto res = app.dispatch(req);
  EXPECT_EQ(req.lang, "en");
  EXPECT_TRUE(contains(res.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("en", "error.404.title")) + "</h1>"));
  EXPECT_TRUE(set_cookies(res).empty());
}

TEST_F(WebAppTest, AcceptLanguageEnglishGivesEnglish) {
  auto req = make_request("GET", "/nowhere");
  req.headers.emplace_back("accept-language", "en-CA,en;q=0.9,fr;q=0.5");
  auto res = app.dispatch(req);
  EXPECT_EQ(req.lang, "en");
  EXPECT_TRUE(contains(res.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("en", "error.404.title")) + "</h1>"));
}

TEST_F(WebAppTest, LanguagePrecedenceQueryThenCookieThenAcceptLanguage) {
  {
    auto req = make_request("GET", "/nowhere?lang=fr");
    req.headers.emplace_back("cookie", "lang=en");
    req.headers.emplace_back("accept-language", "en");
    app.dispatch(req);
    EXPECT_EQ(req.lang, "fr");
  }
  {
    auto req = make_request("GET", "/nowhere");
    req.headers.emplace_back("cookie", "lang=fr");
    req.headers.emplace_back("accept-language", "en");
    app.dispatch(req);
    EXPECT_EQ(req.lang, "fr");
  }
  {
    auto req = make_request("GET", "/nowhere");
    req.headers.emplace_back("cookie", "lang=xx");
    req.headers.emplace_back("accept-language", "en");
    app.dispatch(req);
    EXPECT_EQ(req.lang, "en");
  }
}

TEST_F(WebAppTest, GuardCanRefuseAndHandlerIsNotCalled) {
  int calls = 0;
  app.router().add("GET", "/private/{id}", Access::anyone(), [&](Request&) {
    ++calls;
    return Response::text("secret");
  });
  std::string guarded_route;
  app.guard = [&](Request& req, const sgee::http::Route& route) -> std::optional<Response> {
    guarded_route = route.pattern;
    if (route.pattern.starts_with("/private")) return app.error(403, req);
    return std::nullopt;
  };
  auto req = make_request("GET", "/private/3?lang=en");
  auto res = app.dispatch(req);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(guarded_route, "/private/{id}");
  EXPECT_FALSE(contains(res.body, "secret"));
  EXPECT_TRUE(contains(res.body, "<h1>" + escape(i18n::t("en", "error.403.title")) + "</h1>"));
  EXPECT_EQ(set_cookies(res).size(), 1u);  // the language choice is still remembered
}

TEST_F(WebAppTest, GuardCanLetRequestIn) {
  int calls = 0;
  int guard_calls = 0;
  app.router().add("GET", "/open", Access::anyone(), [&](Request&) {
    ++calls;
    return Response::text("ok");
  });
  app.guard = [&](Request&, const sgee::http::Route&) -> std::optional<Response> {
    ++guard_calls;
    return std::nullopt;
  };
  auto req = make_request("GET", "/open");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "ok");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(guard_calls, 1);
}

TEST_F(WebAppTest, GuardRedirectIsReturnedAsIs) {
  app.router().add("GET", "/account", Access::anyone(),
                   [](Request&) { return Response::text("account"); });
  app.guard = [](Request&, const sgee::http::Route&) -> std::optional<Response> {
    return Response::redirect("/signin");
  };
  auto req = make_request("GET", "/account");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(res.get("Location"), "/signin");
}

TEST_F(WebAppTest, GuardIsNotConsultedFor404) {
  bool called = false;
  app.guard = [&](Request&, const sgee::http::Route&) -> std::optional<Response> {
    called = true;
    return std::nullopt;
  };
  auto req = make_request("GET", "/nothing-here");
  EXPECT_EQ(app.dispatch(req).status, 404);
  EXPECT_FALSE(called);
}

TEST_F(WebAppTest, MetricsRouteServesPrometheusText) {
  auto req = make_request("GET", "/metrics");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(contains(res.body, "# TYPE sgee_http_requests_total counter"));
}

TEST_F(WebAppTest, HealthzReportsSchemaVersionOrUnavailable) {
  {
    auto req = make_request("GET", "/healthz");
    auto res = app.dispatch(req);
    EXPECT_EQ(res.status, 503);  // no schema_migrations table yet
    EXPECT_EQ(nlohmann::json::parse(res.body)["status"], "unavailable");
  }
  {
    auto c = pool.acquire();
    sgee::db::migrate(*c, sgee::db::load_migrations(sgee::db::Engine::sqlite));
  }
  auto req = make_request("GET", "/healthz");
  auto res = app.dispatch(req);
  EXPECT_EQ(res.status, 200);
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_GE(j["schema"].get<int>(), 1);
}

TEST_F(WebAppTest, StaticRouteServesEmbeddedFilesAnd404sOthers) {
  auto css = make_request("GET", "/static/css/site.css");
  auto res = app.dispatch(css);
  EXPECT_EQ(res.status, 200);
  EXPECT_FALSE(res.body_view().empty());
  auto missing = make_request("GET", "/static/css/missing.css");
  EXPECT_EQ(app.dispatch(missing).status, 404);
}

