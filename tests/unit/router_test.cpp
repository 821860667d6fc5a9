// Unit tests for src/platform/http/router.hpp.
#include "platform/http/router.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using sgee::http::Access;
using sgee::http::Metrics;
using sgee::http::Request;
using sgee::http::Response;
using sgee::http::Router;

namespace {

// A handler whose response body names the route, so a test can tell which one matched.
sgee::http::Handler tag(std::string name) {
  return [name](Request&) { return Response::text(name); };
}

Request req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  Metrics metrics;
  Router router{metrics};

  // The body of the handler that matched, or "" when nothing matched.
  std::string matched(Request& r) {
    auto m = router.match(r);
    if (!m.route) return "";
    return m.route->handler(r).body;
  }
};

}  // namespace

TEST_F(RouterTest, MatchesLiteralPaths) {
  router.add("GET", "/", Access::anyone(), tag("root"));
  router.add("GET", "/healthz", Access::anyone(), tag("health"));
  router.add("GET", "/a/b/c", Access::anyone(), tag("abc"));
  struct Case {
    std::string path, expected;
  };
  for (const auto& c : std::vector<Case>{{"/", "root"},
                                         {"/healthz", "health"},
                                         {"/healthz/", "health"},  // empty segments are ignored
                                         {"/a/b/c", "abc"},
                                         {"/a/b", ""},
                                         {"/a/b/c/d", ""},
                                         {"/HEALTHZ", ""}}) {
    auto r = req("GET", c.path);
    EXPECT_EQ(matched(r), c.expected) << c.path;
  }
}

TEST_F(RouterTest, FillsPathParameters) {
  router.add("GET", "/api/v1/installations/{installation}/dossiers/{ref}", Access::anyone(),
             tag("dossier"));
  auto r = req("GET", "/api/v1/installations/42/dossiers/AB-7");
  auto m = router.match(r);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(r.params,
            (std::map<std::string, std::string>{{"installation", "42"}, {"ref", "AB-7"}}));
  EXPECT_TRUE(m.allowed.empty());
}

TEST_F(RouterTest, SetsRouteToPattern) {
  router.add("GET", "/users/{id}", Access::anyone(), tag("user"));
  auto r = req("GET", "/users/9");
  auto m = router.match(r);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(r.route, "/users/{id}");
  EXPECT_EQ(m.route->pattern, "/users/{id}");
  EXPECT_EQ(m.route->method, "GET");
  EXPECT_NE(m.route->stats, nullptr);
}

TEST_F(RouterTest, LiteralSegmentBeatsParameterWhateverTheOrder) {
  router.add("GET", "/users/{id}", Access::anyone(), tag("param"));
  router.add("GET", "/users/me", Access::anyone(), tag("literal"));
  router.add("GET", "/{section}/{id}", Access::anyone(), tag("two-params"));
  auto me = req("GET", "/users/me");
  EXPECT_EQ(matched(me), "literal");
  EXPECT_EQ(me.route, "/users/me");
  EXPECT_TRUE(me.params.empty());

  auto other = req("GET", "/users/12");
  EXPECT_EQ(matched(other), "param");
  EXPECT_EQ(other.params.at("id"), "12");

  auto generic = req("GET", "/groups/12");
  EXPECT_EQ(matched(generic), "two-params");
  EXPECT_EQ(generic.params.at("section"), "groups");
}

TEST_F(RouterTest, RestParameterTakesTheRestOfThePath) {
  router.add("GET", "/static/{path*}", Access::anyone(), tag("static"));
  auto r = req("GET", "/static/css/site.css");
  ASSERT_EQ(matched(r), "static");
  EXPECT_EQ(r.params.at("path"), "css/site.css");

  auto one = req("GET", "/static/a.js");
  ASSERT_EQ(matched(one), "static");
  EXPECT_EQ(one.params.at("path"), "a.js");

  auto deep = req("GET", "/static/a/b/c/d.png");
  ASSERT_EQ(matched(deep), "static");
  EXPECT_EQ(deep.params.at("path"), "a/b/c/d.png");

  auto none = req("GET", "/static");
  EXPECT_EQ(matched(none), "");
}

TEST_F(RouterTest, HeadMatchesGetRoute) {
  router.add("GET", "/page", Access::anyone(), tag("page"));
  auto r = req("HEAD", "/page");
  auto m = router.match(r);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->method, "GET");
  EXPECT_EQ(r.route, "/page");
  EXPECT_EQ(r.method, "HEAD");  // the request keeps its method
}

TEST_F(RouterTest, WrongMethodListsAllowedMethodsWithHeadForGet) {
  router.add("GET", "/items/{id}", Access::anyone(), tag("get"));
  router.add("DELETE", "/items/{id}", Access::anyone(), tag("delete"));
  router.add("POST", "/other", Access::anyone(), tag("other"));
  auto r = req("PUT", "/items/3");
  auto m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "DELETE"}));
  EXPECT_TRUE(r.route.empty());
}

TEST_F(RouterTest, WrongMethodWithoutGetHasNoHead) {
  router.add("POST", "/submit", Access::anyone(), tag("post"));
  auto r = req("GET", "/submit");
  auto m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"POST"}));
}

// When several patterns of the same method match the path, each method must appear once in the
// 405 list (it becomes the Allow header).
TEST_F(RouterTest, AllowedMethodsAreListedOnceEach) {
  router.add("GET", "/users/{id}", Access::anyone(), tag("param"));
  router.add("GET", "/users/me", Access::anyone(), tag("literal"));
  auto r = req("POST", "/users/me");
  auto m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST_F(RouterTest, UnknownPathIs404WithNoAllowedMethods) {
  router.add("GET", "/known", Access::anyone(), tag("known"));
  auto r = req("GET", "/unknown");
  auto m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST_F(RouterTest, MatchingMethodClearsAllowedList) {
  router.add("POST", "/x", Access::anyone(), tag("post"));
  router.add("GET", "/x", Access::anyone(), tag("get"));
  auto r = req("GET", "/x");
  auto m = router.match(r);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(matched(r), "get");
  EXPECT_TRUE(m.allowed.empty());
}

TEST_F(RouterTest, DuplicateRouteThrowsLogicError) {
  router.add("GET", "/dup", Access::anyone(), tag("1"));
  EXPECT_THROW(router.add("GET", "/dup", Access::anyone(), tag("2")), std::logic_error);
  EXPECT_NO_THROW(router.add("POST", "/dup", Access::anyone(), tag("3")));
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST_F(RouterTest, EachRouteGetsItsOwnStats) {
  router.add("GET", "/a", Access::anyone(), tag("a"));
  router.add("POST", "/a", Access::anyone(), tag("a"));
  const auto& routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_NE(routes[0].stats, routes[1].stats);
  EXPECT_EQ(routes[0].stats, &metrics.stats("GET", "/a"));
  EXPECT_EQ(routes[1].stats->method, "POST");
  EXPECT_EQ(routes[1].stats->route, "/a");
}

TEST(RouterAccess, AnyoneDescribesItself) {
  EXPECT_EQ(Access::anyone().describe(), "anyone");
}

TEST_F(RouterTest, ARouteMayDeclareItsOwnBodyLimit) {
  router.add("POST", "/o/{org}/docs", Access::anyone(), tag("upload"));
  router.add("POST", "/o/{org}/docs/{id}/delete", Access::anyone(), tag("delete"));
  router.add("POST", "/o/{org}/small", Access::anyone(), tag("small"));
  EXPECT_EQ(router.largest_body_limit(), 0u);
  router.limit_body("POST", "/o/{org}/docs", 10'500'000);
  router.limit_body("POST", "/o/{org}/small", 100);
  EXPECT_EQ(router.body_limit("POST", "/o/7/docs"), 10'500'000u);
  EXPECT_EQ(router.body_limit("POST", "/o/7/small"), 100u);
  EXPECT_EQ(router.body_limit("POST", "/o/7/docs/3/delete"), 0u);  // the server's default
  EXPECT_EQ(router.body_limit("GET", "/o/7/docs"), 0u);            // no GET route there
  EXPECT_EQ(router.body_limit("POST", "/nowhere"), 0u);
  EXPECT_EQ(router.largest_body_limit(), 10'500'000u);
  EXPECT_THROW(router.limit_body("PUT", "/o/{org}/docs", 1), std::logic_error);
}
