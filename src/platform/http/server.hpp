#pragma once
// The HTTP/1.1 server (Boost.Beast): async on N threads, keep-alive, header/body/idle timeouts,
// body limit checked on the headers (the body of an oversized request is never read), request
// ids, one JSON access-log line per request, security headers on every response, and a graceful
// drain on SIGTERM/SIGINT: stop accepting, close idle connections, finish requests in flight.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"

namespace sgee::http {

// The Content-Security-Policy every response carries: sgee's own scripts, styles and images only.
// `image_origins` adds origins images may come from (the map's tile server), for a page that sets
// its own policy.
std::string content_security_policy(const std::string& image_origins = "");

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port, [v6]:port; port 0 picks a free one
  int threads = 0;                        // 0 = one per core
  int workers = 0;  // the handlers' pool (workers.hpp), apart from the I/O threads; 0 = per core
  // Requests waiting for or running on the workers at most: past it, a request is answered at once
  // with 503 and Retry-After (load is shed instead of queued without end); 0: no bound.
  std::int64_t max_queued = 1024;
  std::uint64_t max_body = 32ull * 1024 * 1024;
  // A route's own body limit (Router::body_limit: 0 for none, max_body then holds), asked once a
  // request's header is parsed and before its body is read: a declared Content-Length over it is
  // answered 413 at once, a chunked body as soon as it goes over. `max_route_body` is the largest
  // limit any route declares (Router::largest_body_limit): a header up to it is let through.
  std::function<std::uint64_t(std::string_view method, std::string_view path)> route_body_limit;
  std::uint64_t max_route_body = 0;
  std::uint32_t max_header = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds drain_timeout{30'000};
  bool access_log = true;
  // Called on the worker's thread after a handler returns. When the handler left writes that
  // must be in the database before its response is sent (db::GroupWriter), it keeps `send`,
  // calls it once they are (`send(true)`) or could not be (`send(false)`: the client gets a 503
  // instead of the response), and returns true; otherwise it returns false.
  std::function<bool(std::function<void(bool)> send)> hold_response;
};

// Turns a request into a response. Must not throw (the server turns an exception into a 500).
using App = std::function<Response(Request&)>;
// Renders an error for a request the server itself refused (400, 413, 500…). The request may be
// incomplete (no route, perhaps no path).
using ErrorRenderer = std::function<Response(int status, const Request&)>;

class Server {
 public:
  Server(ServerOptions options, App app, ErrorRenderer errors, Metrics& metrics);
  ~Server();
  // Binds and listens; returns the address really bound ("127.0.0.1:43127"). Throws on failure.
  std::string bind();
  // Serves until SIGTERM/SIGINT (or stop()), then drains. Returns when every connection is closed.
  void run();
  void stop();  // begins the drain, from any thread

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sgee::http
