#include "platform/http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "platform/http/workers.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string content_security_policy(const std::string& image_origins) {
  return "default-src 'self'; img-src 'self' data:" +
         (image_origins.empty() ? std::string() : " " + image_origins) +
         "; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
         "form-action 'self'; frame-ancestors 'none'";
}

namespace {

// Headers sent with every response.
const Fields& security_headers() {
  static const Fields h = {
      {"Content-Security-Policy", content_security_policy()},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"},
  };
  return h;
}

bool same_name(std::string_view a, std::string_view b) {
  return beast::iequals(beast::string_view(a.data(), a.size()),
                        beast::string_view(b.data(), b.size()));
}

bool is_security_header(std::string_view name) {
  for (const auto& [k, v] : security_headers())
    if (same_name(k, name)) return true;
  return false;
}

bool has_field(const Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (same_name(k, name)) return true;
  return false;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

// The security headers, serialized once.
const std::string& security_header_block() {
  static const std::string block = [] {
    std::string b;
    for (const auto& [k, v] : security_headers()) append_field(b, k, v);
    return b;
  }();
  return block;
}

// RFC 7231 date, recomputed at most once a second per thread.
const std::string& http_date() {
  thread_local std::string cached;
  thread_local std::time_t cached_at = 0;
  std::time_t now = std::time(nullptr);
  if (now != cached_at) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_at = now;
  }
  return cached;
}

std::string new_request_id() {
  static const std::string prefix = text::random_hex(4);
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

std::pair<std::string, std::string> split_listen(const std::string& listen) {
  if (listen.starts_with("[")) {
    auto close = listen.find("]:");
    if (close == std::string::npos) throw std::invalid_argument("--listen: expected [addr]:port");
    return {listen.substr(1, close - 1), listen.substr(close + 2)};
  }
  auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::invalid_argument("--listen: expected host:port, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  return {host.empty() ? "127.0.0.1" : host, listen.substr(colon + 1)};
}

}  // namespace

class Session;

struct Server::Impl {
  ServerOptions opt;
  App app;
  ErrorRenderer errors;
  Metrics& metrics;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  net::strand<net::io_context::executor_type> control{net::make_strand(ioc)};
  net::steady_timer drain_timer{control};
  std::atomic<bool> draining{false};
  std::mutex sessions_mu;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  std::atomic<int> live{0};
  Workers workers;

  Impl(ServerOptions o, App a, ErrorRenderer e, Metrics& m)
      : opt(std::move(o)),
        app(std::move(a)),
        errors(std::move(e)),
        metrics(m),
        workers(opt.workers > 0
                    ? opt.workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}
  void accept();
  void begin_drain();
  void finish_drain();
  void session_ended();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    server_.metrics.connections_open++;
    server_.live++;
  }
  ~Session() {
    server_.metrics.connections_open--;
    server_.session_ended();
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->next_request(); });
  }

  // Called on the session's strand when the server begins draining.
  void on_drain() {
    if (state_ == State::idle) stream_.cancel();
  }
  auto executor() { return stream_.get_executor(); }

 private:
  enum class State { idle, reading, handling, writing };

  void next_request() {
    if (server_.draining) return close();
    parser_.emplace();
    parser_->header_limit(server_.opt.max_header);
    parser_->body_limit(std::max(server_.opt.max_body, server_.opt.max_route_body));
    if (buffer_.size() > 0) return read_header();
    state_ = State::idle;
    stream_.expires_after(server_.opt.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    state_ = State::reading;
    started_ = Clock::now();
    stream_.expires_after(server_.opt.header_timeout);
    parse_header();
  }

  // Gives what has arrived to the parser, reading more until the header is complete; the raw
  // header is checked first for what the parser would let through (RFC 9112).
  void parse_header() {
    std::string_view raw(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    if (auto end = raw.find("\r\n\r\n"); end != std::string_view::npos && folded(raw, end))
      return refuse(400);
    beast::error_code ec;
    buffer_.consume(parser_->put(buffer_.data(), ec));
    if (ec == bhttp::error::need_more) {
      stream_.async_read_some(buffer_.prepare(4096),
                              [self = shared_from_this()](beast::error_code e, std::size_t n) {
                                if (e) return self->on_read_error(e);
                                self->buffer_.commit(n);
                                self->parse_header();
                              });
      return;
    }
    if (ec) return on_read_error(ec);
    if (int status = framing_error(parser_->get())) return refuse(status);
    on_header({});
  }

  // An obs-fold: a header line that continues the previous one (starts with a space or a tab).
  static bool folded(std::string_view raw, size_t header_end) {
    for (size_t p = raw.find("\r\n"); p < header_end; p = raw.find("\r\n", p + 2))
      if (raw[p + 2] == ' ' || raw[p + 2] == '\t') return true;
    return false;
  }

  // RFC 9112: exactly one Host in HTTP/1.1 (at most one in 1.0); a transfer coding other than
  // chunked is not implemented; Transfer-Encoding beside Content-Length is refused (smuggling).
  static int framing_error(const bhttp::request_parser<bhttp::string_body>::value_type& msg) {
    auto hosts = msg.count(bhttp::field::host);
    if (hosts > 1 || (hosts == 0 && msg.version() >= 11)) return 400;
    auto te = msg.count(bhttp::field::transfer_encoding);
    if (te == 0) return 0;
    if (msg.count(bhttp::field::content_length) > 0 || te > 1) return 400;
    auto value = msg[bhttp::field::transfer_encoding];
    return same_name(text::trim(std::string_view(value.data(), value.size())), "chunked") ? 0 : 501;
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto& msg = parser_->get();
    if (parser_->is_done()) return handle();
    if (!within_route_limit()) return refuse(413);
    if (beast::iequals(msg[bhttp::field::expect], "100-continue")) {
      auto cont =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      stream_.expires_after(server_.opt.body_timeout);
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code ec2, std::size_t) {
                           if (ec2) return self->close();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  // The body limit of the route the request goes to (or the server's): a declared length over it
  // is refused now, before a byte of the body is read; a chunked body is cut off by the parser as
  // soon as it goes over.
  bool within_route_limit() {
    std::uint64_t limit = server_.opt.max_body;
    auto& msg = parser_->get();
    if (server_.opt.route_body_limit) {
      std::string_view target(msg.target().data(), msg.target().size());
      auto decoded = text::url_decode(target.substr(0, target.find('?')), false);
      if (decoded) {
        auto method = msg.method_string();
        if (auto own = server_.opt.route_body_limit(std::string_view(method.data(), method.size()),
                                                    *decoded))
          limit = own;
      }
    }
    if (auto length = parser_->content_length(); length && *length > limit) return false;
    parser_->body_limit(limit);
    return true;
  }

  void read_body() {
    stream_.expires_after(server_.opt.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->handle();
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return refuse(413);
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset)
      return close();  // a client that is too slow or gone is cut off without a word
    if (ec == bhttp::error::header_limit) return refuse(431);
    refuse(400);
  }

  // Answers a request the server refused before any handler saw it, then closes.
  void refuse(int status) {
    linger_ = true;
    Request req;
    req.remote = remote_;
    req.request_id = new_request_id();
    // Whatever of the request line and headers was parsed (a 413 comes before the header is
    // marked done), so that the refusal speaks the client's language and format.
    if (parser_ && !parser_->get().target().empty())
      fill_head(req);
    else
      req.path = unparsed_path();
    // A path that does not decode still says whether it is the API's: there, errors are JSON.
    auto decoded = text::url_decode(req.path, false);
    req.path = decoded ? std::move(*decoded) : req.path.starts_with("/api/") ? "/api/" : "/";
    if (auto c = req.cookie("lang"); c && (*c == "en" || *c == "fr")) req.lang = *c;
    Response res;
    try {
      res = server_.errors(status, req);
    } catch (...) {
      res = Response::text(std::string(reason(status)), status);
    }
    res.status = status;
    if (status == 503) res.set("Retry-After", "1");  // the workers' queue is full: soon again
    respond(req, std::move(res), false);
  }

  // The path of the request line still in the buffer, when the parser gave up before the target
  // (a header over the limit): "METHOD SP path[?query] SP …".
  std::string unparsed_path() const {
    auto data = buffer_.data();
    std::string_view line(static_cast<const char*>(data.data()),
                          std::min<size_t>(data.size(), 8192));
    line = line.substr(0, line.find_first_of("\r\n"));
    auto sp = line.find(' ');
    if (sp == std::string_view::npos) return {};
    auto target = line.substr(sp + 1);
    return std::string(target.substr(0, target.find_first_of(" ?")));
  }

  void fill_head(Request& req) {
    auto& msg = parser_->get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query_string = req.target.substr(q + 1);
    req.headers.reserve(16);
    for (const auto& f : msg) {
      auto name = f.name_string();
      req.headers.emplace_back(text::lower(std::string_view(name.data(), name.size())),
                               std::string(f.value()));
    }
  }

  void handle() {
    state_ = State::handling;
    Request req;
    req.remote = remote_;
    req.request_id = new_request_id();
    fill_head(req);
    auto decoded = text::url_decode(req.path, false);
    if (!decoded || decoded->empty() || decoded->front() != '/' ||
        decoded->find('\0') != std::string::npos || !text::valid_utf8(*decoded))
      return refuse(400);
    req.path = std::move(*decoded);
    req.body = std::move(parser_->get().body());
    bool keep = parser_->get().keep_alive();
    if (runs_inline(req.path)) return respond(req, run_app(req), keep);
    if (server_.opt.max_queued > 0 &&
        server_.metrics.handlers_running.load() >= server_.opt.max_queued) {
      server_.metrics.requests_shed++;
      return refuse(503);
    }
    // Any other handler runs on the worker pool; its response is written from this session's
    // strand. The session stays alive (and counted for the drain) until then.
    auto shared = std::make_shared<Request>(std::move(req));
    server_.metrics.handlers_running++;
    server_.workers.post([self = shared_from_this(), shared, keep] {
      auto res = std::make_shared<Response>(self->run_app(*shared));
      self->server_.metrics.handlers_running--;
      auto send = [self, shared, res, keep](bool written) {
        net::post(self->executor(), [self, shared, res, keep, written]() mutable {
          if (!written) {  // what the page showed could not be audited: it is not sent
            *res = self->server_.errors(503, *shared);
            res->status = 503;
          }
          // The response is copied into this thread's memory, and what the handler allocated
          // goes back to a worker to be freed: glibc frees a block under the lock of the arena
          // of the thread that allocated it, which a worker may hold for long while it frees.
          self->respond(*shared, Response(*res), keep);
          self->server_.workers.post([shared = std::move(shared), res = std::move(res)] {});
        });
      };
      const auto& hold = self->server_.opt.hold_response;
      if (!hold || !hold(send)) send(true);
    });
  }

  Response run_app(Request& req) {
    try {
      return server_.app(req);
    } catch (const std::exception& e) {
      log::error("handler failed",
                 {{"id", req.request_id}, {"route", req.route}, {"error", e.what()}});
      Response res = server_.errors(500, req);
      res.status = 500;
      return res;
    }
  }

  // Writes the status line and headers by hand into a buffer the session keeps (no per-field
  // allocation), then sends them and the body in one gathered write.
  void respond(const Request& req, Response res, bool keep_alive) {
    state_ = State::writing;
    keep_alive = keep_alive && !server_.draining;
    current_ = std::move(res);
    std::string& h = head_;
    h.clear();
    h += "HTTP/1.1 ";
    h += std::to_string(current_.status);
    h += ' ';
    h += reason(current_.status);
    h += "\r\n";
    bool own_security_header = false;
    for (const auto& [k, v] : current_.headers) {
      // A value with a line break would let its content become headers of its own: never sent.
      if (v.find_first_of("\r\n") != std::string::npos || k.empty() ||
          k.find_first_of("\r\n: ") != std::string::npos) {
        log::error("header with a line break dropped", {{"id", req.request_id}, {"header", k}});
        continue;
      }
      own_security_header = own_security_header || is_security_header(k);
      append_field(h, k, v);
    }
    if (!own_security_header) {
      h += security_header_block();
    } else {
      for (const auto& [k, v] : security_headers())
        if (!has_field(current_.headers, k)) append_field(h, k, v);
    }
    h += "Server: sgee\r\nDate: ";
    h += http_date();
    h += "\r\nX-Request-Id: ";
    h += req.request_id;
    h += "\r\n";
    std::string_view body = current_.body_view();
    bool no_body = current_.status == 204 || current_.status == 304 || current_.status < 200;
    if (!no_body) {
      h += "Content-Length: ";
      h += std::to_string(body.size());
      h += "\r\n";
    }
    if (!keep_alive) h += "Connection: close\r\n";
    h += "\r\n";
    if (req.method == "HEAD" || no_body) body = {};
    log_ = {req.method, req.path, req.route, req.request_id, req.stats, body.size()};
    stream_.expires_after(server_.opt.body_timeout);
    std::array<net::const_buffer, 2> out{net::buffer(h), net::buffer(body.data(), body.size())};
    net::async_write(stream_, out,
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       self->after_write(ec, keep_alive);
                     });
  }

  void after_write(beast::error_code ec, bool keep_alive) {
    double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    int status = current_.status;
    RouteStats* stats = log_.stats ? log_.stats : &server_.metrics.stats("*", "unmatched");
    Metrics::observe(*stats, status, seconds);
    if (server_.opt.access_log) write_access_log(status, seconds);
    current_ = Response();
    if (!ec && linger_) return linger();
    if (ec || !keep_alive) return close();
    next_request();
  }

  // After refusing a request whose body was not read: stop sending, then discard what the client
  // still sends for a short while, so that closing does not reset the connection before the
  // client has read the refusal.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(std::chrono::seconds(2));
    discard_ = std::make_shared<std::array<char, 16384>>();
    drain_some(0);
  }

  void drain_some(std::size_t total) {
    if (total > (4u << 20)) return close();
    stream_.async_read_some(net::buffer(*discard_), [self = shared_from_this(), total](
                                                        beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->drain_some(total + n);
    });
  }

  // One JSON line per request, formatted by hand: this runs for every request.
  void write_access_log(int status, double seconds) {
    thread_local std::string line;
    line.clear();
    line += "{\"ts\":\"";
    line += log::utc_now_iso();
    line += "\",\"msg\":\"request\",\"id\":\"";
    line += log_.id;
    line += "\",\"method\":\"";
    log::append_json_escaped(line, log_.method);
    line += "\",\"path\":\"";
    log::append_json_escaped(line, log_.path);
    line += "\",\"route\":\"";
    log::append_json_escaped(line, log_.route);
    line += "\",\"status\":";
    line += std::to_string(status);
    line += ",\"bytes\":";
    line += std::to_string(log_.bytes);
    char ms[32];
    std::snprintf(ms, sizeof ms, ",\"ms\":%.3f", seconds * 1000);
    line += ms;
    line += ",\"remote\":\"";
    line += remote_;
    line += "\"}";
    log::write_line(line);
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  struct LogInfo {
    std::string method, path, route, id;
    RouteStats* stats = nullptr;
    size_t bytes = 0;
  };

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;  // the response's status line and headers, reused
  Response current_;
  LogInfo log_;
  std::string remote_;
  State state_ = State::idle;
  bool linger_ = false;
  std::shared_ptr<std::array<char, 16384>> discard_;
  Clock::time_point started_ = Clock::now();
};

void Server::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || draining) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      auto s = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(sessions_mu);
        sessions.insert(s);
      }
      s->start();
    }
    accept();
  });
}

void Server::Impl::begin_drain() {
  net::dispatch(control, [this] {
    if (draining.exchange(true)) {
      log::info("second stop signal: stopping now");
      ioc.stop();
      return;
    }
    log::info("draining", {{"connections", live.load()}});
    beast::error_code ec;
    acceptor.close(ec);
    std::vector<std::shared_ptr<Session>> open;
    {
      std::lock_guard lock(sessions_mu);
      for (auto& w : sessions)
        if (auto s = w.lock()) open.push_back(std::move(s));
    }
    for (auto& s : open) net::post(s->executor(), [s] { s->on_drain(); });
    drain_timer.expires_after(opt.drain_timeout);
    drain_timer.async_wait([this](beast::error_code e) {
      if (!e) {
        log::error("drain timeout: closing remaining connections", {{"connections", live.load()}});
        ioc.stop();
      }
    });
    signals.async_wait([this](beast::error_code e, int) {
      if (!e) begin_drain();
    });
    if (live.load() == 0) finish_drain();
  });
}

// Nothing is left in flight: cancel the timer and the signal wait so that run() returns.
void Server::Impl::finish_drain() {
  drain_timer.cancel();
  signals.cancel();
}

void Server::Impl::session_ended() {
  if (--live == 0 && draining) net::post(control, [this] { finish_drain(); });
  // Forget dead sessions now and then so the set stays small.
  std::lock_guard lock(sessions_mu);
  for (auto it = sessions.begin(); it != sessions.end();)
    it = it->expired() ? sessions.erase(it) : std::next(it);
}

Server::Server(ServerOptions options, App app, ErrorRenderer errors, Metrics& metrics)
    : impl_(
          std::make_unique<Impl>(std::move(options), std::move(app), std::move(errors), metrics)) {}

Server::~Server() = default;

std::string Server::bind() {
  auto [host, port] = split_listen(impl_->opt.listen);
  auto port_num = text::to_int(port);
  if (!port_num || *port_num < 0 || *port_num > 65535)
    throw std::invalid_argument("--listen: bad port '" + port + "'");
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) throw std::invalid_argument("--listen: bad address '" + host + "'");
  tcp::endpoint ep(address, static_cast<unsigned short>(*port_num));
  auto& a = impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep, ec);
  if (ec) throw std::runtime_error("cannot listen on " + impl_->opt.listen + ": " + ec.message());
  a.listen(net::socket_base::max_listen_connections);
  auto bound = a.local_endpoint();
  std::string addr = bound.address().to_string();
  if (bound.address().is_v6()) addr = "[" + addr + "]";
  return addr + ":" + std::to_string(bound.port());
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.begin_drain();
  });
  impl.accept();
  int n = impl.opt.threads > 0
              ? impl.opt.threads
              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
  log::info("stopped");
}

void Server::stop() {
  impl_->begin_drain();
}

}  // namespace sgee::http
