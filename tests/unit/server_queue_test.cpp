// The HTTP server sheds load instead of queueing without end: past `max_queued` requests on the
// worker pool, a request is answered at once with 503 and Retry-After, the requests already
// queued are served, and the server goes on.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <future>
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
