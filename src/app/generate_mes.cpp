#include "app/generate_mes.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

#include "mes/review_store.hpp"
#include "mes/store.hpp"
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/log.hpp"

namespace sgee::app {

namespace {

struct Provider {
  std::int64_t id = 0;
  std::optional<std::int64_t> bc;
  std::string kind;  // cpe | gs | rsge
};

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

}  // namespace

int load_mes_requests(const std::string& db_url, int count, std::uint64_t seed) {
  auto c = db::connect(db_url);
  std::vector<Provider> providers;
  auto r = c->run(
      "SELECT o.id, o.kind, COALESCE(o.installation_kind, ''), o.parent_id, COALESCE(p.kind, '') "
      "FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id WHERE (o.kind = "
      "'installation' AND o.installation_kind IN ('CPE', 'GS')) OR (o.kind = 'rsge' AND p.kind = "
      "'bc') ORDER BY o.id");
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Provider p{row.i64(0), std::nullopt, ""};
    if (row.str(1) == "rsge") {
      p.kind = "rsge";
      p.bc = row.opt_i64(3);
    } else {
      p.kind = row.str(2) == "CPE" ? "cpe" : "gs";
    }
    providers.push_back(p);
  }
  auto ch = c->run("SELECT id FROM portail_children ORDER BY id LIMIT 10000");
  if (providers.empty() || ch.empty())
    throw std::runtime_error(
        "no provider or no Portail child in the database: run `sgee seed --demo` first");
  std::vector<std::int64_t> children;
  for (size_t i = 0; i < ch.size(); ++i) children.push_back(ch.row(i).i64(0));
  std::vector<std::int64_t> agents;
  auto ag = c->run("SELECT id FROM users WHERE kind = 'ministry' ORDER BY id");
  for (size_t i = 0; i < ag.size(); ++i) agents.push_back(ag.row(i).i64(0));

  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick_provider(0, providers.size() - 1),
      pick_child(0, children.size() - 1);
  std::uniform_int_distribution<int> percent(0, 99), day(0, 240), hour(12, 21), minute(0, 59);
  const std::vector<std::string> types = {"new", "renewal", "renewal_changes", "transfer"};
  auto today = dates::today_in_quebec();
  auto now = log::utc_now_iso();
  int year = dates::year_of(today) - (dates::month_of(today) < 4 ? 1 : 0);
  auto first = c->run("SELECT COUNT(*) FROM mes_requests").first().i64(0);

  db::Transaction tx(*c);
  for (int i = 0; i < count; ++i) {
    const auto& p = providers[pick_provider(rng)];
    int s = percent(rng);
    std::string status = s < 40   ? "transmise"
                         : s < 60 ? "commentaires"
                         : s < 75 ? "conforme"
                         : s < 92 ? "accordee"
                                  : "refusee";
    std::string type = types[static_cast<size_t>(percent(rng)) % types.size()];
    auto d = dates::add_days(today, -day(rng));
    std::string at = dates::format(d) + "T" + two(hour(rng)) + ":" + two(minute(rng)) + ":00Z";
    int start = 7 * 60 + 30 + 15 * (percent(rng) % 8);
    int length = 60 + 30 * (percent(rng) % 10);
    auto hm = [](int m) { return two(m / 60) + ":" + two(m % 60); };
    mes::Answers a;
    a.fields["situation.attendance_start"] = dates::format(dates::add_days(d, -200));
    a.fields["situation.days_per_week"] = std::to_string(3 + percent(rng) % 3);
    a.fields["situation.impairment"] =
        "Trouble du spectre de l'autisme (généré " + std::to_string(i + 1) + ")";
    a.fields["situation.integration_plan"] = "yes";
    a.fields["situation.integration_plan_date"] = dates::format(dates::add_days(d, -60));
    a.fields["needs.behaviour.exceptional"] = "yes";
    a.fields["needs.behaviour.difficulty"] = "Désorganisation lors des transitions.";
    a.fields["needs.behaviour.support"] = "Accompagnement individuel aux transitions.";
    a.moments.push_back({hm(start), hm(start + length), "yes", "Arrivée et accueil",
                         "Anxiété à la séparation", "Accueil individualisé"});
    a.moments.push_back(
        {"11:00", "12:30", "no", "Repas du midi", "Difficultés à s'alimenter", "Aide au repas"});
    int minutes = mes::union_minutes(a.moments);
    std::string number =
        "MES-" + std::to_string(year) + "-G" + std::to_string(1000000 + first + i).substr(1);
    std::optional<std::int64_t> assigned;
    if (!agents.empty() && percent(rng) < 60)
      assigned = agents[static_cast<size_t>(i) % agents.size()];
    bool decided = status == "accordee" || status == "refusee";
    auto id =
        c->run(
             "INSERT INTO mes_requests (number, organization_id, bc_id, provider_kind, "
             "child_id, type, status, reference_year, answers, requested_minutes, "
             "revision, created_at, updated_at, first_transmitted_at, transmitted_at, "
             "assigned_to, conform_at, granted_minutes, period_start, period_end, "
             "refusal_reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
             "$10, 2, $11, $11, $11, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
             number, p.id, p.bc, p.kind, children[pick_child(rng)], type, status, year,
             mes::store::answers_json(a), minutes, at, assigned,
             (status == "conforme" || decided) ? std::optional<std::string>(now) : std::nullopt,
             status == "accordee" ? std::optional<std::int64_t>(minutes) : std::nullopt,
             status == "accordee" ? std::optional<std::string>(std::to_string(year) + "-04-01")
                                  : std::nullopt,
             status == "accordee" ? std::optional<std::string>(std::to_string(year + 1) + "-03-31")
                                  : std::nullopt,
             status == "refusee"
                 ? std::optional<std::string>("Le caractère exceptionnel n'est pas démontré.")
                 : std::nullopt,
             decided ? std::optional<std::string>(now) : std::nullopt)
            .first()
            .i64(0);
    // Version 1; a second one, with the typical day changed, for one request in three.
    int versions = percent(rng) < 33 ? 2 : 1;
    for (int v = 1; v <= versions; ++v) {
      mes::Answers va = a;
      if (v < versions) va.moments[0].end = hm(start + length - 30);
      c->run(
          "INSERT INTO mes_versions (request_id, number, type, answers, attachments, "
          "content_hash, transmitted_at) VALUES ($1, $2, $3, $4, '[]', $5, $6)",
          id, v, type, mes::store::answers_json(va), std::string(64, '0'), at);
      c->run(
          "INSERT INTO mes_events (request_id, at, action, from_status, to_status) VALUES ($1, "
          "$2, 'transmit', $3, 'transmise')",
          id, at, v == 1 ? "brouillon" : "commentaires");
    }
    if (status == "commentaires" && !agents.empty())
      c->run(
          "INSERT INTO mes_comments (request_id, section, body, version, author_id, created_at, "
          "sent_at) VALUES ($1, 'typical_day', 'Précisez les besoins lors du repas.', $2, $3, $4, "
          "$4)",
          id, versions, agents[0], now);
  }
  tx.commit();
  return count;
}

void add_generate_mes_command(CLI::App* generate, cli::Registry& registry) {
  struct Flags {
    int count = 0;
    std::uint64_t seed = 1;
  };
  static Flags f;
  auto* mes = generate->add_subcommand(
      "mes", "MES requests already transmitted, for the ministry queue (the benchmark)");
  mes->add_option("count", f.count, "How many requests (1 to 1000000)")->required();
  mes->add_option("--seed", f.seed, "Random seed: the same seed gives the same data")
      ->capture_default_str();
  registry.add(mes, [&registry] {
    if (f.count < 1 || f.count > 1'000'000)
      throw std::invalid_argument("mes: expected 1 to 1000000 requests");
    auto started = std::chrono::steady_clock::now();
    int n = load_mes_requests(registry.db_url, f.count, f.seed);
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "generated " << n << " MES requests in the database in "
              << static_cast<int>(seconds + 0.5) << " s\n";
    return 0;
  });
}

}  // namespace sgee::app
