#pragma once
// Browsing the pages through a real server in API tests: a cookie jar, a browser that keeps it,
// forms and HTML text helpers, and a server on the demo data with sign-in (second factor
// included).
#include <gtest/gtest.h>
#include <sodium.h>

#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/totp.hpp"
#include "platform/db/db.hpp"
#include "platform/text.hpp"
#include "shared.hpp"

namespace sgee::test {

using Fields = std::vector<std::pair<std::string, std::string>>;

// ---------------------------------------------------------------------------------------------
// Small helpers: a cookie jar, a browser that uses it, forms, HTML text.

inline int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What mstch does to {{text}}.
inline std::string html(const std::string& s) {
  return text::html_escape(s);
}

inline std::string form_body(const Fields& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += text::url_encode(k) + "=" + text::url_encode(v);
  }
  return out;
}

// The whole Set-Cookie line for cookie `name` in a reply, or "".
inline std::string set_cookie_line(const Reply& r, const std::string& name) {
  for (const auto& line : lines_of(r.header("set-cookie")))
    if (line.starts_with(name + "=")) return line;
  return "";
}

// The value of the first hidden `csrf` input of a page.
inline std::string hidden_csrf(const std::string& body) {
  const std::string marker = "name=\"csrf\" value=\"";
  auto pos = body.find(marker);
  if (pos == std::string::npos) return "";
  pos += marker.size();
  return body.substr(pos, body.find('"', pos) - pos);
}

// Cookies as a browser keeps them: Set-Cookie replaces, Max-Age=0 (or an empty value) removes.
struct Jar {
  std::map<std::string, std::string> cookies;

  void take(const Reply& r) {
    for (const auto& line : lines_of(r.header("set-cookie"))) {
      auto semi = line.find(';');
      std::string pair = line.substr(0, semi);
      auto eq = pair.find('=');
      if (eq == std::string::npos) continue;
      std::string name(text::trim(pair.substr(0, eq)));
      std::string value(text::trim(pair.substr(eq + 1)));
      std::string attrs = text::lower(semi == std::string::npos ? "" : line.substr(semi));
      if (value.empty() || contains(attrs, "max-age=0"))
        cookies.erase(name);
      else
        cookies[name] = value;
    }
  }
  std::string header() const {
    std::string out;
    for (const auto& [k, v] : cookies) out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
  }
  std::string get(const std::string& name) const {
    auto it = cookies.find(name);
    return it == cookies.end() ? "" : it->second;
  }
};

// One visitor: a keep-alive connection and a cookie jar.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  // After a server restart: same cookies, new server.
  void use_server(int port) {
    port_ = port;
    client_.reset();
  }
  Reply get(const std::string& target, std::map<std::string, std::string> headers = {}) {
    return send("GET", target, std::move(headers), "");
  }
  Reply post(const std::string& target, const Fields& fields,
             std::map<std::string, std::string> headers = {}) {
    headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    return send("POST", target, std::move(headers), form_body(fields));
  }
  // Any body with its Content-Type (a multipart upload form).
  Reply post_body(const std::string& target, const std::string& content_type,
                  const std::string& body, std::map<std::string, std::string> headers = {}) {
    headers.emplace("Content-Type", content_type);
    return send("POST", target, std::move(headers), body);
  }
  // GET /connexion (for the CSRF cookie), then POST the form.
  Reply sign_in(const std::string& login, const std::string& password,
                const std::optional<std::string>& next = std::nullopt) {
    if (jar.get("sgee_csrf").empty()) get("/connexion");
    Fields f = {{"csrf", jar.get("sgee_csrf")}, {"login", login}, {"password", password}};
    if (next) f.emplace_back("next", *next);
    return post("/connexion", f);
  }
  std::string session() const { return jar.get("sgee_session"); }

  Jar jar;

 private:
  Reply send(const std::string& method, const std::string& target,
             std::map<std::string, std::string> headers, const std::string& body) {
    if (!client_) client_ = std::make_unique<Client>(port_);
    if (!jar.cookies.empty() && !headers.count("Cookie")) headers["Cookie"] = jar.header();
    Reply r = client_->request(method, target, headers, body);
    jar.take(r);
    if (text::lower(r.header("connection")) == "close") client_.reset();
    return r;
  }
  int port_;
  std::unique_ptr<Client> client_;
};

// The demo data and a server on it.
class DemoServer : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = demo_database();
    restart();
  }
  // The referral job runs only when a test asks (`sgee refer`, or a place declared or answered):
  // never on its own between two steps of a test.
  void restart() {
    server_.reset();
    server_ = std::make_unique<Server>(db_->url(), std::vector<std::string>{"--refer-every", "0"});
  }
  int port() const { return server_->port(); }
  std::unique_ptr<db::Connection> sql() { return db::connect(db_->url()); }
  std::int64_t count(const std::string& query, const std::string& arg) {
    return sql()->run(query, arg).first().i64(0);
  }
  // The code `login`'s authenticator app shows now. Each code works once: this forgets the last
  // one accepted, as waiting 30 seconds would.
  std::string current_code(const std::string& login) {
    auto c = sql();
    c->run("UPDATE users SET totp_last_step = 0 WHERE lower(user_code) = lower($1)", login);
    auto secret = c->run("SELECT totp_secret FROM users WHERE lower(user_code) = lower($1)", login)
                      .first()
                      .str(0);
    return access::totp::code_at(secret, std::time(nullptr));
  }
  // Signs in with the password and, when the account asks for it, the second factor. The reply
  // is the last step's.
  Reply sign_in(Browser& b, const std::string& login, const std::string& password,
                const std::optional<std::string>& next = std::nullopt) {
    auto r = b.sign_in(login, password, next);
    if (r.status != 303 || !r.header("location").starts_with("/connexion/code")) return r;
    auto page = b.get(r.header("location"));
    return b.post("/connexion/code", {{"csrf", hidden_csrf(page.body)},
                                      {"next", next.value_or("")},
                                      {"code", current_code(login)}});
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Server> server_;
};

}  // namespace sgee::test
