// The HTTP server sheds load instead of queueing without end: past `max_queued` requests on the
// worker pool, a request is answered at once with 503 and Retry-After, the requests already
// queued are served, and the server goes on.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <future>
#include <sstream>
#include <string>
#include <thread>

#include "platform/http/metrics.hpp"
#include "platform/http/server.hpp"

namespace {

namespace net = boost::asio;
using net::ip::tcp;
using namespace sgee;

// One request on a connection of its own.
struct Client {
  net::io_context io;
  tcp::socket socket{io};
  Client(const std::string& host_port, const std::string& path) {
    auto colon = host_port.rfind(':');
    socket.connect({net::ip::make_address(host_port.substr(0, colon)),
                    static_cast<unsigned short>(std::stoi(host_port.substr(colon + 1)))});
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    net::write(socket, net::buffer(req));
  }
  std::string response() {  // all of it: the server closes the connection
    std::string out;
    boost::system::error_code ec;
    net::read(socket, net::dynamic_buffer(out), ec);
    return out;
  }
};

TEST(ServerQueue, PastTheBoundRequestsAre503WithRetryAfterAndTheQueuedOnesAreServed) {
  http::Metrics metrics;
  http::ServerOptions opt;
  opt.listen = "127.0.0.1:0";
  opt.threads = 1;
  opt.workers = 1;
  opt.max_queued = 2;
  opt.access_log = false;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  http::Server server(
      opt,
      [released](http::Request& r) {
        if (r.path == "/block") released.wait();  // holds the only worker until released
        return http::Response::text("ok " + r.path, 200);
      },
      [](int status, const http::Request&) { return http::Response::text("error", status); },
      metrics);
  const std::string at = server.bind();
  std::thread serving([&server] { server.run(); });

  Client first(at, "/block");  // runs, and holds the worker
  Client second(at, "/next");  // waits in the queue
  // The two are on the pool (a condition, not a time: the I/O thread counts them as it reads).
  while (metrics.handlers_running.load() < 2) std::this_thread::yield();
  Client third(at, "/third");  // over the bound
  auto refused = third.response();
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 503")) << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos) << refused;
  EXPECT_EQ(metrics.requests_shed.load(), 1u);

  release.set_value();
  auto a = first.response(), b = second.response();
  EXPECT_TRUE(a.starts_with("HTTP/1.1 200")) << a;
  EXPECT_NE(a.find("ok /block"), std::string::npos);
  EXPECT_TRUE(b.starts_with("HTTP/1.1 200")) << b;
  EXPECT_NE(b.find("ok /next"), std::string::npos);
  // And the server goes on.
  while (metrics.handlers_running.load() > 0) std::this_thread::yield();
  Client after(at, "/after");
  EXPECT_TRUE(after.response().starts_with("HTTP/1.1 200"));

  server.stop();
  serving.join();
}

}  // namespace

namespace {
// Sends `head` (and `body`, unless the server has answered first), then reads the whole response.
std::string exchange(const std::string& at, const std::string& head, const std::string& body) {
  net::io_context io;
  tcp::socket socket{io};
  auto colon = at.rfind(':');
  socket.connect({net::ip::make_address(at.substr(0, colon)),
                  static_cast<unsigned short>(std::stoi(at.substr(colon + 1)))});
  boost::system::error_code ec;
  net::write(socket, net::buffer(head), ec);
  if (!body.empty()) net::write(socket, net::buffer(body), ec);  // may fail: the server closed
  std::string out;
  net::read(socket, net::dynamic_buffer(out), ec);
  return out;
}
}  // namespace

// A route's own body limit holds from its header on: a body of limit + 1 byte (declared or
// chunked) is answered 413 and no handler runs; a body at the limit goes through, and a route
// may take more than the server's default.
TEST(ServerBodyLimit, ARoutesOwnLimitIsAppliedBeforeTheHandler) {
  http::Metrics metrics;
  http::ServerOptions opt;
  opt.listen = "127.0.0.1:0";
  opt.threads = 1;
  opt.workers = 1;
  opt.access_log = false;
  opt.max_body = 1000;
  opt.route_body_limit = [](std::string_view, std::string_view path) -> std::uint64_t {
    if (path == "/small") return 100;
    if (path == "/large") return 5000;
    return 0;
  };
  opt.max_route_body = 5000;
  std::atomic<int> handled{0};
  http::Server server(
      opt,
      [&handled](http::Request& r) {
        handled++;
        return http::Response::text("got " + std::to_string(r.body.size()), 200);
      },
      [](int status, const http::Request&) { return http::Response::text("refused", status); },
      metrics);
  const std::string at = server.bind();
  std::thread serving([&server] { server.run(); });
  auto post = [&](const std::string& path, size_t n) {
    return exchange(at,
                    "POST " + path +
                        " HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(n) + "\r\n\r\n",
                    std::string(n, 'x'));
  };
  auto chunked = [&](const std::string& path, size_t n) {
    std::ostringstream size;
    size << std::hex << n;
    return exchange(at,
                    "POST " + path +
                        " HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: "
                        "chunked\r\n\r\n",
                    size.str() + "\r\n" + std::string(n, 'x') + "\r\n0\r\n\r\n");
  };
  EXPECT_NE(post("/small", 100).find("got 100"), std::string::npos);
  EXPECT_EQ(handled.load(), 1);
  EXPECT_TRUE(post("/small", 101).starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(chunked("/small", 101).starts_with("HTTP/1.1 413"));
  EXPECT_NE(chunked("/small", 100).find("got 100"), std::string::npos);
  EXPECT_EQ(handled.load(), 2);  // the refused bodies never reached the handler
  // Larger than the server's default on its own route only.
  EXPECT_NE(post("/large", 5000).find("got 5000"), std::string::npos);
  EXPECT_TRUE(post("/large", 5001).starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(post("/other", 1001).starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(chunked("/other", 1001).starts_with("HTTP/1.1 413"));
  EXPECT_NE(post("/other", 1000).find("got 1000"), std::string::npos);
  EXPECT_EQ(handled.load(), 4);
  server.stop();
  serving.join();
}
