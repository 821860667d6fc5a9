// Unit tests for src/platform/http/message.hpp.
#include "platform/http/message.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using sgee::http::CookieOptions;
using sgee::http::Request;
using sgee::http::Response;

namespace {

Request with_headers(sgee::http::Fields headers) {
  Request r;
  r.method = "GET";
  r.path = "/";
  r.headers = std::move(headers);
  return r;
}

std::vector<std::string> header_values(const Response& res, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : res.headers)
    if (k == name) out.push_back(v);
  return out;
}

}  // namespace

TEST(HttpRequestCookie, FindsEachOfSeveralCookies) {
  auto r = with_headers({{"cookie", "sid=abc123; lang=en;theme=dark ;  empty= ; token=a=b"}});
  EXPECT_EQ(r.cookie("sid"), "abc123");
  EXPECT_EQ(r.cookie("lang"), "en");
  EXPECT_EQ(r.cookie("theme"), "dark");
  EXPECT_EQ(r.cookie("empty"), "");
  EXPECT_EQ(r.cookie("token"), "a=b");
  EXPECT_EQ(r.cookie("missing"), std::nullopt);
}

TEST(HttpRequestCookie, MatchesWholeNamesOnly) {
  auto r = with_headers({{"cookie", "xlang=fr; lang_old=de; lang=en"}});
  EXPECT_EQ(r.cookie("lang"), "en");
  EXPECT_EQ(r.cookie("lan"), std::nullopt);
  EXPECT_EQ(r.cookie("Lang"), std::nullopt);
}

TEST(HttpRequestCookie, ReadsAllCookieHeaders) {
  auto r = with_headers({{"cookie", "a=1"}, {"accept", "*/*"}, {"cookie", "b=2"}});
  EXPECT_EQ(r.cookie("a"), "1");
  EXPECT_EQ(r.cookie("b"), "2");
}

TEST(HttpRequestCookie, NoCookieHeader) {
  auto r = with_headers({{"accept", "text/html"}});
  EXPECT_EQ(r.cookie("a"), std::nullopt);
}

TEST(HttpRequestQuery, DecodesParameters) {
  Request r;
  r.query_string = "q=caf%C3%A9+au+lait&page=2&flag&page=3";
  EXPECT_EQ(r.query("q"), "caf\xC3\xA9 au lait");
  EXPECT_EQ(r.query("page"), "2");  // the first one
  EXPECT_EQ(r.query("flag"), "");
  EXPECT_EQ(r.query("missing"), std::nullopt);
}

TEST(HttpRequestQuery, MalformedQueryGivesNothing) {
  Request r;
  r.query_string = "a=1&b=%zz";
  EXPECT_EQ(r.query("a"), std::nullopt);
  r.query_string = "";
  EXPECT_EQ(r.query("a"), std::nullopt);
}

TEST(HttpRequestHeader, LooksUpLowerCaseNames) {
  auto r = with_headers(
      {{"content-type", "text/html"}, {"x-empty", ""}, {"accept", "a"}, {"accept", "b"}});
  EXPECT_EQ(r.header("content-type"), "text/html");
  EXPECT_EQ(r.header("accept"), "a");  // first value
  EXPECT_EQ(r.header("x-empty"), "");
  EXPECT_EQ(r.header("missing"), "");
  EXPECT_TRUE(r.header("missing").empty());
}

TEST(HttpRequestWantsJson, ApiPathsAndJsonAccept) {
  struct Case {
    std::string path, accept;
    bool expected;
  };
  const std::vector<Case> cases = {
      {"/api/v1/things", "", true},
      {"/api/", "text/html", true},
      {"/", "application/json", true},
      {"/page", "application/json; charset=utf-8", true},
      {"/page", "text/html,application/xhtml+xml", false},
      {"/page", "", false},
      {"/apiary", "", false},
      {"/api", "", false},
  };
  for (const auto& c : cases) {
    Request r;
    r.path = c.path;
    if (!c.accept.empty()) r.headers.emplace_back("accept", c.accept);
    EXPECT_EQ(r.wants_json(), c.expected) << c.path << " accept=" << c.accept;
  }
}

TEST(HttpResponseSet, ReplacesHeaderCaseInsensitively) {
  Response res;
  res.set("Content-Type", "text/plain");
  res.set("content-type", "text/html");
  res.set("X-Other", "1");
  ASSERT_EQ(res.headers.size(), 2u);
  EXPECT_EQ(res.headers[0].first, "Content-Type");  // the first spelling is kept
  EXPECT_EQ(res.headers[0].second, "text/html");
  EXPECT_EQ(res.get("CONTENT-TYPE"), "text/html");
  EXPECT_EQ(res.get("x-other"), "1");
  EXPECT_EQ(res.get("missing"), "");
}

TEST(HttpResponseSetCookie, DefaultAttributes) {
  Response res;
  res.set_cookie("sid", "abc");
  EXPECT_EQ(header_values(res, "Set-Cookie"),
            (std::vector<std::string>{"sid=abc; Path=/; HttpOnly; SameSite=Lax"}));
}

TEST(HttpResponseSetCookie, AllAttributes) {
  Response res;
  CookieOptions o;
  o.path = "/app";
  o.max_age_seconds = 3600;
  o.http_only = true;
  o.secure = true;
  o.same_site = "Strict";
  res.set_cookie("sid", "abc", o);
  EXPECT_EQ(res.get("set-cookie"),
            "sid=abc; Path=/app; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

TEST(HttpResponseSetCookie, NoHttpOnlyNoSameSiteAndDeletion) {
  Response res;
  CookieOptions o;
  o.http_only = false;
  o.same_site = "";
  o.max_age_seconds = 0;
  res.set_cookie("lang", "", o);
  EXPECT_EQ(res.get("Set-Cookie"), "lang=; Path=/; Max-Age=0");
}

TEST(HttpResponseSetCookie, SeveralCookiesAreSeparateHeaders) {
  Response res;
  res.set_cookie("a", "1");
  res.set_cookie("b", "2");
  auto values = header_values(res, "Set-Cookie");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_TRUE(values[0].starts_with("a=1;"));
  EXPECT_TRUE(values[1].starts_with("b=2;"));
}

TEST(HttpResponseFactories, JsonHtmlTextRedirect) {
  auto j = Response::json({{"ok", true}, {"n", 3}}, 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.get("Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(j.body), (nlohmann::json{{"ok", true}, {"n", 3}}));

  auto j200 = Response::json(nlohmann::json::array());
  EXPECT_EQ(j200.status, 200);
  EXPECT_EQ(j200.body, "[]");

  auto h = Response::html("<p>x</p>");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(h.body, "<p>x</p>");
  EXPECT_EQ(Response::html("", 404).status, 404);

  auto t = Response::text("hi", 503);
  EXPECT_EQ(t.status, 503);
  EXPECT_EQ(t.get("Content-Type"), "text/plain; charset=utf-8");

  auto r = Response::redirect("/next");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.get("Location"), "/next");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Response::redirect("/p", 302).status, 302);
}

TEST(HttpResponseFactories, JsonReplacesInvalidUtf8InsteadOfThrowing) {
  Response j;
  ASSERT_NO_THROW(j = Response::json({{"s", std::string("bad \xFF byte")}}));
  auto parsed = nlohmann::json::parse(j.body);
  EXPECT_EQ(parsed["s"], "bad \xEF\xBF\xBD byte");  // U+FFFD
}

TEST(HttpResponseBodyView, PrefersSharedBody) {
  Response r = Response::text("own");
  EXPECT_EQ(r.body_view(), "own");
  r.shared_body = std::make_shared<const std::string>("shared");
  EXPECT_EQ(r.body_view(), "shared");
}

TEST(HttpReason, KnownAndUnknownStatuses) {
  EXPECT_EQ(sgee::http::reason(200), "OK");
  EXPECT_EQ(sgee::http::reason(404), "Not Found");
  EXPECT_EQ(sgee::http::reason(405), "Method Not Allowed");
  EXPECT_EQ(sgee::http::reason(413), "Payload Too Large");
  EXPECT_EQ(sgee::http::reason(500), "Internal Server Error");
  EXPECT_EQ(sgee::http::reason(799), "");
}
