#include "app/commands.hpp"

#include <sodium.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "access/cli.hpp"
#include "access/demo.hpp"
#include "access/store.hpp"
#include "app/generate.hpp"
#include "app/routes.hpp"
#include "csg/bridge.hpp"
#include "csg/cli.hpp"
#include "mes/demo.hpp"
#include "occupation/cli.hpp"
#include "occupation/store.hpp"
#include "platform/cli.hpp"
#include "platform/db/checkpointer.hpp"
#include "platform/db/group_writer.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/pool.hpp"
#include "platform/http/addresses.hpp"
#include "platform/http/server.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "platform/web.hpp"
#include "portail/admission_pages.hpp"
#include "portail/bc_pages.hpp"
#include "portail/family.hpp"
#include "portail/fiche_demo.hpp"
#include "portail/messages_pages.hpp"
#include "portail/priority_pages.hpp"
#include "portail/referral_pages.hpp"
#include "portail/referral_store.hpp"
#include "portail/reserve_generate.hpp"
#include "portail/search_pages.hpp"

namespace sgee::app {
namespace {

// A failure the user can act on: printed as one line, exit code 1.
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::chrono::milliseconds seconds_option(double s, const char* name) {
  if (!(s > 0) || s > 86400)
    throw std::invalid_argument(std::string(name) + ": expected seconds between 0 and 86400");
  return std::chrono::milliseconds(static_cast<long>(std::llround(s * 1000)));
}

std::unique_ptr<db::Connection> open_db(const std::string& url) {
  try {
    return db::connect(url);
  } catch (const db::Error& e) {
    throw Failure(std::string("cannot use database: ") + e.what());
  }
}

// The serve and seed commands need an up-to-date schema; migrate is a separate, explicit step.
void require_migrated(db::Connection& c) {
  auto wanted = db::load_migrations(c.engine());
  int have = db::schema_version(c);
  int need = wanted.empty() ? 0 : wanted.back().number;
  if (have < need)
    throw Failure("the database schema is at version " + std::to_string(have) +
                  ", this sgee needs " + std::to_string(need) + ": run 'sgee migrate' first");
}

int cmd_migrate(const std::string& db_url, const std::string& dir) {
  auto c = open_db(db_url);
  std::optional<std::string> folder;
  if (!dir.empty()) folder = dir;
  auto report = db::migrate(*c, db::load_migrations(c->engine(), folder), [](const std::string& f) {
    std::cout << "applied " << f << std::endl;
  });
  std::cout << "database " << text::redact_url(db_url) << " is at schema version " << report.current
            << (report.applied.empty() ? " (nothing to do)" : "") << "\n";
  return 0;
}

int cmd_seed(const std::string& db_url) {
  auto c = open_db(db_url);
  require_migrated(*c);
  db::Transaction tx(*c);
  c->run(
      "INSERT INTO app_settings (key, value, updated_at) VALUES ('demo_seed', $1, $2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      std::string(SGEE_VERSION), log::utc_now_iso());
  auto sign_ins = access::seed_demo(*c);
  tx.commit();
  seed_demo_registry(*c, dates::today_in_quebec());
  {
    db::Transaction fiches(*c);
    portail::seed_demo_fiches(*c);      // POR-02: the demo providers' fiches
    portail::seed_demo_priorities(*c);  // issue 15: the demo CPE's admission priorities
    fiches.commit();
  }
  portail::seed_demo_family(*c, dates::today_in_quebec());
  portail::reserve_gen::seed_demo_reserve(*c, dates::today_in_quebec());  // POR-03: ~10 a réserve
  portail::seed_demo_places(*c, dates::today_in_quebec());
  portail::seed_demo_admissions(*c, dates::today_in_quebec());  // POR-04
  portail::seed_demo_bc(*c, dates::today_in_quebec());          // POR-06: an admission to confirm
  portail::seed_demo_messages(*c);                              // issue 15: two threads
  for (auto& line : mes::seed_demo(*c, dates::today_in_quebec()))  // issue 16: MES staff, children
    sign_ins.push_back(std::move(line));
  std::cout << "Demo data loaded into " << text::redact_url(db_url)
            << ".\n\nDemo sign-ins (http://127.0.0.1:8080/connexion):\n";
  for (const auto& s : sign_ins) std::cout << "  " << s << "\n";
  return 0;
}

// The referral job (issue 15) on every server: a pass every `every` until the server stops. Each
// pass locks the places it refers (referral_store.hpp), so servers never refer a place twice.
class ReferralJob {
 public:
  ReferralJob(db::Pool& pool, std::chrono::milliseconds every, std::string public_url)
      : pool_(pool), every_(every), public_url_(std::move(public_url)) {
    thread_ = std::thread([this] { loop(); });
  }
  ReferralJob(const ReferralJob&) = delete;
  ReferralJob& operator=(const ReferralJob&) = delete;
  ~ReferralJob() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      lock.unlock();
      try {
        auto c = pool_.acquire();
        auto pass = portail::referral_store::refer_pending(
            *c, dates::today_in_quebec(),
            {portail::referral_store::deadline_days(*c), public_url_});
        if (pass.referred || pass.expired || pass.reminded)
          log::info("referral pass", {{"referred", pass.referred},
                                      {"expired", pass.expired},
                                      {"reminded", pass.reminded}});
      } catch (const std::exception& e) {
        log::error("referral pass failed", {{"error", e.what()}});
      }
      lock.lock();
      wake_.wait_for(lock, every_, [this] { return stop_; });
    }
  }
  db::Pool& pool_;
  std::chrono::milliseconds every_;
  std::string public_url_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

int cmd_refer(const std::string& db_url, const std::string& today_text,
              const std::string& public_url) {
  auto c = open_db(db_url);
  require_migrated(*c);
  auto today = dates::today_in_quebec();
  if (!today_text.empty()) {
    auto d = dates::parse(today_text);
    if (!d) throw std::invalid_argument("--today: expected a date YYYY-MM-DD");
    today = *d;
  }
  auto pass = portail::referral_store::refer_pending(
      *c, today, {portail::referral_store::deadline_days(*c), public_url});
  std::cout << "referral pass: " << pass.providers << " providers, " << pass.referred
            << " children referred, " << pass.expired << " referrals expired, " << pass.reminded
            << " reminders\n";
  return 0;
}

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  int workers = 0;
  std::int64_t max_queue = 1024;
  std::string max_body = "32M";
  double header_timeout = 10, body_timeout = 60, idle_timeout = 30, drain_timeout = 30;
  int db_pool = 8;
  std::string access_log = "-";
  bool secure_cookies = false;
  std::string trusted_proxy;
  std::string public_url;
  bool demo = false;
  std::string map_tiles;
  std::string metrics_allow = "127.0.0.1,::1";
  double refer_every = 5;
};

int cmd_serve(const std::string& db_url, const ServeFlags& f) {
  // A peer or a log reader that went away makes a write fail with EPIPE, never kills the server.
  std::signal(SIGPIPE, SIG_IGN);
  http::ServerOptions opt;
  opt.listen = f.listen;
  opt.threads = f.threads;
  if (f.workers < 0) throw std::invalid_argument("--workers: expected 0 or more");
  opt.workers = f.workers;
  if (f.max_queue < 0) throw std::invalid_argument("--max-queue: expected 0 or more");
  opt.max_queued = f.max_queue;
  auto max_body = text::parse_size(f.max_body);
  if (!max_body || *max_body == 0)
    throw std::invalid_argument("--max-body: expected a size like 32M");
  opt.max_body = *max_body;
  opt.header_timeout = seconds_option(f.header_timeout, "--header-timeout");
  opt.body_timeout = seconds_option(f.body_timeout, "--body-timeout");
  opt.idle_timeout = seconds_option(f.idle_timeout, "--idle-timeout");
  opt.drain_timeout = seconds_option(f.drain_timeout, "--drain-timeout");
  if (f.db_pool < 1) throw std::invalid_argument("--db-pool: expected at least 1");
  opt.access_log = f.access_log != "off";
  auto addresses = [](const char* flag, const std::string& list) {
    try {
      return http::AddressSet::parse(list);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string(flag) + ": " + e.what());
    }
  };
  auto metrics_allow = addresses("--metrics-allow", f.metrics_allow);
  auto trusted = addresses("--trusted-proxy", f.trusted_proxy);
  log::open(f.access_log);

  // SQLite: the log's checkpoints on a thread of their own, not in a commit a response waits for.
  std::optional<db::Checkpointer> checkpointer;
  if (db::engine_of(db_url) == db::Engine::sqlite) checkpointer.emplace(db_url);
  db::Pool pool(db_url, static_cast<size_t>(f.db_pool));
  try {
    auto c = pool.acquire();
    require_migrated(*c);
  } catch (const db::Error& e) {
    throw Failure(std::string("cannot use database: ") + e.what());
  }
  // The page views' audit rows are written in groups; each response waits for its row.
  db::GroupWriter audit_writer(pool);
  access::store::set_view_writer(&audit_writer);
  struct Unset {
    ~Unset() { access::store::set_view_writer(nullptr); }
  } unset;
  opt.hold_response = [&audit_writer](std::function<void(bool)> send) {
    auto ticket = audit_writer.take_pending();
    if (ticket == 0) return false;
    audit_writer.when_written(ticket, std::move(send));
    return true;
  };
  web::WebApp web(pool);
  web.allow_metrics_from(std::move(metrics_allow));
  std::string public_url = f.public_url.empty() ? "http://" + opt.listen : f.public_url;
  while (public_url.ends_with("/")) public_url.pop_back();
  portail::set_map_tiles(f.map_tiles);
  wire(web, {.secure_cookies = f.secure_cookies, .public_url = public_url, .demo = f.demo});
  portail::set_referral_public_url(public_url);
  // A route's own body limit (an upload form's) holds from its header on (Router::limit_body).
  opt.route_body_limit = [&web](std::string_view method, std::string_view path) {
    return web.router().body_limit(method, path);
  };
  opt.max_route_body = web.router().largest_body_limit();
  std::optional<ReferralJob> referral_job;
  if (f.refer_every > 0)
    referral_job.emplace(pool, seconds_option(f.refer_every, "--refer-every"), public_url);
  http::Server server(
      opt,
      [&web, &trusted](http::Request& r) {
        // The client's address: from X-Forwarded-For only through a trusted proxy.
        r.remote = http::client_address(r.remote, r.header("x-forwarded-for"), trusted);
        return web.dispatch(r);
      },
      [&web](int status, const http::Request& r) { return web.error(status, r); }, web.metrics());
  std::string bound = server.bind();
  log::info("listening", {{"url", "http://" + bound}, {"db", text::redact_url(db_url)}});
  std::cerr << "sgee: listening on http://" << bound << std::endl;
  server.run();
  audit_writer.flush();  // the held responses' callbacks are posted while the server still lives
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "sgee: cannot initialise libsodium\n";
    return 1;
  }
  // The occupation engine keeps its part of every saved dossier (csg::store::SaveListener).
  static const bool listening = [] {
    csg::store::add_save_listener(occupation::store::dossier_listener());
    // POR-04: the end of services recorded in a dossier ends the admission it came from.
    csg::store::add_save_listener(portail::admission_listener());
    return true;
  }();
  (void)listening;
  CLI::App app{"sgee — Québec childcare e-services"};
  app.require_subcommand(0, 1);
  app.fallthrough();
  std::string db_url = "sqlite:data/sgee.db";
  app.add_option("--db", db_url, "Database: sqlite:PATH or postgresql://…")
      ->envname("SGEE_DB")
      ->capture_default_str();

  cli::Registry registry{db_url, {}};

  ServeFlags sf;
  auto* serve = app.add_subcommand("serve", "Run the web server");
  serve->add_option("--listen", sf.listen, "Address and port (port 0: any free port)")
      ->envname("SGEE_LISTEN")
      ->capture_default_str();
  serve->add_option("--threads", sf.threads, "Server threads (0: one per core)")
      ->envname("SGEE_THREADS")
      ->capture_default_str();
  serve
      ->add_option("--workers", sf.workers,
                   "Threads running the handlers, apart from the server threads (0: one per core)")
      ->envname("SGEE_WORKERS")
      ->capture_default_str();
  serve
      ->add_option("--max-queue", sf.max_queue,
                   "Requests waiting for the workers at most; past it, 503 with Retry-After "
                   "(0: no bound)")
      ->envname("SGEE_MAX_QUEUE")
      ->capture_default_str();
  serve->add_option("--max-body", sf.max_body, "Largest request body (e.g. 32M)")
      ->envname("SGEE_MAX_BODY")
      ->capture_default_str();
  serve
      ->add_option("--header-timeout", sf.header_timeout,
                   "Seconds a client has to send the request headers")
      ->envname("SGEE_HEADER_TIMEOUT")
      ->capture_default_str();
  serve
      ->add_option("--body-timeout", sf.body_timeout,
                   "Seconds a client has to send the body (and to read the response)")
      ->envname("SGEE_BODY_TIMEOUT")
      ->capture_default_str();
  serve
      ->add_option("--idle-timeout", sf.idle_timeout,
                   "Seconds an idle keep-alive connection stays open")
      ->envname("SGEE_IDLE_TIMEOUT")
      ->capture_default_str();
  serve
      ->add_option("--drain-timeout", sf.drain_timeout,
                   "Seconds to finish requests in flight after SIGTERM")
      ->envname("SGEE_DRAIN_TIMEOUT")
      ->capture_default_str();
  serve->add_option("--db-pool", sf.db_pool, "Database connections at most")
      ->envname("SGEE_DB_POOL")
      ->capture_default_str();
  serve->add_option("--access-log", sf.access_log, "Where logs go: - (stdout), off, or a file")
      ->envname("SGEE_ACCESS_LOG")
      ->capture_default_str();
  serve
      ->add_flag("--secure-cookies", sf.secure_cookies,
                 "Mark cookies Secure (when served over TLS)")
      ->envname("SGEE_SECURE_COOKIES");
  serve
      ->add_option("--public-url", sf.public_url,
                   "Start of the links sent by e-mail (default: http://LISTEN)")
      ->envname("SGEE_PUBLIC_URL");
  serve
      ->add_option("--metrics-allow", sf.metrics_allow,
                   "Addresses or CIDR prefixes that may read /metrics (comma-separated)")
      ->envname("SGEE_METRICS_ALLOW")
      ->capture_default_str();
  serve
      ->add_option("--trusted-proxy", sf.trusted_proxy,
                   "Reverse proxies whose X-Forwarded-For gives the client's address "
                   "(IP addresses or CIDR prefixes separated by commas; none by default)")
      ->envname("SGEE_TRUSTED_PROXY");
  serve
      ->add_option(
          "--map-tiles", sf.map_tiles,
          "The public map's background tiles, a URL template such as "
          "https://tile.example.org/{z}/{x}/{y}.png (none by default: markers and list only)")
      ->envname("SGEE_MAP_TILES");
  serve
      ->add_option("--refer-every", sf.refer_every,
                   "Seconds between passes of the referral job (0: no job on this server)")
      ->capture_default_str();
  serve->add_flag("--demo", sf.demo, "Demo mode: list the e-mail outbox at /demo/courriels")
      ->envname("SGEE_DEMO");
  registry.add(serve, [&] { return cmd_serve(db_url, sf); });

  std::string migrations_dir;
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  migrate->add_option("--migrations", migrations_dir,
                      "Read migrations from this folder instead of the built-in ones");
  registry.add(migrate, [&] { return cmd_migrate(db_url, migrations_dir); });

  bool demo = false;
  auto* seed = app.add_subcommand("seed", "Load data into the database");
  seed->add_flag("--demo", demo, "Demo organizations, users, references and records")->required();
  registry.add(seed, [&] { return cmd_seed(db_url); });

  std::string refer_today, refer_url = "http://127.0.0.1:8080";
  auto* refer = app.add_subcommand("refer", "One pass of the referral job (free places)");
  refer->add_option("--today", refer_today, "Reference date (YYYY-MM-DD; default: today)");
  refer->add_option("--public-url", refer_url, "The start of links in the e-mails")
      ->capture_default_str();
  registry.add(refer, [&] { return cmd_refer(db_url, refer_today, refer_url); });

  auto* version = app.add_subcommand("version", "Print the version");
  registry.add(version, [] {
    std::cout << "sgee " << SGEE_VERSION << "\n";
    return 0;
  });

  access::add_commands(app, registry);
  csg::add_commands(app, registry);
  csg::add_sync_command(app, registry);
  occupation::add_commands(app, registry);
  add_generate_command(app, registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "sgee: " << e.what() << " (see sgee --help)\n";
    return 2;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << "sgee: a command is required (see sgee --help)\n";
    return 2;
  }
  try {
    db::engine_of(db_url);  // a bad --db is a usage error, before anything is opened
    for (auto& cmd : registry.commands)
      if (cmd.app->parsed()) return cmd.run();
  } catch (const std::invalid_argument& e) {
    std::cerr << "sgee: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "sgee: " << e.what() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace sgee::app
