// `sgee generate`: synthetic province-like data (csg::generate). With --db it creates the
// organizations, the references and the dossiers in that database, the dossiers through the
// registry's own validation and storage (the sync API's batches of 1,000); with --out it writes
// the batches, the reference files and the organization list instead.
#include "app/generate.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "access/store.hpp"
#include "app/generate_mes.hpp"
#include "app/generate_places.hpp"
#include "csg/generate.hpp"
#include "csg/json.hpp"
#include "csg/store.hpp"
#include "csg/sync.hpp"
#include "geo/addresses.hpp"
#include "platform/csv.hpp"
#include "platform/db/db.hpp"
#include "portail/reserve_generate.hpp"
#include "portail/search_store.hpp"

namespace sgee::app {

namespace {

namespace fs = std::filesystem;

// A progress line on standard error, redrawn in place: "dossiers 12000/300000 (4 %)".
void progress(const char* what, size_t done, size_t total) {
  std::cerr << "\r" << what << " " << done << "/" << total << " ("
            << (total ? done * 100 / total : 100) << " %)" << std::flush;
  if (done == total) std::cerr << "\n";
}

void write_files(const csg::Generated& g, const fs::path& dir) {
  fs::create_directories(dir / "batches");
  std::ofstream orgs(dir / "organizations.csv");
  orgs << "kind,number,name,parent,installation_kind,places_0_17,places_18_59,places_school,"
          "places\n";
  for (const auto& o : g.organizations)
    orgs << o.kind << "," << o.number << "," << csv::field(o.name) << "," << o.parent << ","
         << o.installation_kind << "," << o.places_0_17 << "," << o.places_18_59 << ","
         << o.places_school << "," << o.places << "\n";
  std::ofstream civil(dir / "civil-registry.csv");
  civil << "nirec,surname,given_name,sex,birth_date\n";
  for (const auto& r : g.civil_registry)
    civil << r.nirec << "," << csv::field(r.surname) << "," << csv::field(r.given_name) << ","
          << (r.sex == csg::Sex::M   ? "M"
              : r.sex == csg::Sex::X ? "X"
                                     : "F")
          << "," << dates::format(r.birth_date) << "\n";
  std::ofstream addresses(dir / "addresses.csv");
  addresses << "civic_number,civic_suffix,street,municipality,postal_code,latitude,longitude\n";
  for (const auto& a : g.addresses)
    addresses << a.civic_number << "," << a.civic_suffix << "," << csv::field(a.street) << ","
              << csv::field(a.municipality) << "," << a.postal_code << "," << a.latitude.value_or(0)
              << "," << a.longitude.value_or(0) << "\n";
  for (const auto& c : g.components)
    for (size_t from = 0, k = 1; from < c.dossiers.size(); from += 1000, ++k) {
      nlohmann::json batch = nlohmann::json::array();
      for (size_t i = from; i < std::min(c.dossiers.size(), from + 1000); ++i)
        batch.push_back(csg::to_json(c.dossiers[i]));
      std::ofstream(dir / "batches" / (c.number + "-" + std::to_string(k) + ".json"))
          << nlohmann::json{{"dossiers", batch}}.dump();
    }
}

void load_dossiers(db::Connection& c, const csg::Generated& g, dates::Date today, bool show) {
  size_t total = g.dossier_count(), done = 0;
  csg::BatchOptions options;
  options.save = true;
  options.today = today;
  options.request_id = "generate";
  for (const auto& component : g.components) {
    auto org = access::store::organization_by_number(c, component.number);
    csg::Component target{org->id, org->number, component.is_bc};
    for (size_t from = 0; from < component.dossiers.size(); from += 1000) {
      nlohmann::json batch = nlohmann::json::array();
      size_t to = std::min(component.dossiers.size(), from + 1000);
      for (size_t i = from; i < to; ++i) batch.push_back(csg::to_json(component.dossiers[i]));
      csg::process_batch(c, target, batch, options);
      done += to - from;
      if (show) progress("dossiers", done, total);
    }
  }
}

void load_database(const csg::Generated& g, const std::string& db_url, dates::Date today,
                   bool dossiers) {
  auto c = db::connect(db_url);
  {
    db::Transaction tx(*c);
    for (const auto& o : g.organizations) {
      if (access::store::organization_by_number(*c, o.number))
        throw std::runtime_error("organization " + o.number +
                                 " already exists: generate into an empty database");
      access::Organization org;
      org.kind = *access::org_kind_from(o.kind);
      org.number = o.number;
      org.name = o.name;
      if (!o.parent.empty())
        org.parent_id = access::store::organization_by_number(*c, o.parent)->id;
      if (o.kind == "installation") {
        org.installation_kind = o.installation_kind;
        org.places_0_17 = o.places_0_17;
        org.places_18_59 = o.places_18_59;
        org.places_school = o.places_school;
      }
      if (o.kind == "division") org.legal_form = "nonprofit";
      if (!o.region.empty()) org.region = o.region;
      if (o.kind == "rsge") {
        org.places = o.places;
        org.recognition_status = "recognized";
      }
      access::store::add_organization(*c, org);
    }
    csg::store::add_civil_records(*c, g.civil_registry);
    geo::add_addresses(*c, g.addresses);
    tx.commit();
  }
  if (dossiers) load_dossiers(*c, g, today, true);
}

// The Portail's map providers (portail::search::generate_providers), in one transaction.
void load_providers(const std::string& db_url, int count, std::uint64_t seed, double unpublished) {
  auto started = std::chrono::steady_clock::now();
  auto g = portail::search::generate_providers(
      {.providers = count, .seed = seed, .unpublished = unpublished});
  auto c = db::connect(db_url);
  db::Transaction tx(*c);
  portail::search::add_generated(*c, g);
  tx.commit();
  size_t providers = 0, published = 0;
  for (const auto& p : g.organizations)
    if (p.kind == "installation" || p.kind == "rsge") {
      ++providers;
      published += p.published ? 1 : 0;
    }
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "generated " << providers << " providers (" << published
            << " with a published fiche), " << g.organizations.size() << " organizations, "
            << g.addresses.size() << " addresses in the database in "
            << static_cast<int>(seconds + 0.5) << " s\n";
}

// Families whose children choose providers near home (portail::reserve_gen), in one transaction.
void load_families(const std::string& db_url, int families, std::uint64_t seed,
                   const std::string& reserve_of) {
  auto started = std::chrono::steady_clock::now();
  auto c = db::connect(db_url);
  auto g = portail::reserve_gen::generate_families(
      *c, {.families = families, .seed = seed, .reserve_of = reserve_of}, dates::today_in_quebec());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "generated " << g.families << " families, " << g.children << " children, "
            << g.choices << " choices in the database in " << static_cast<int>(seconds + 0.5)
            << " s\n";
}

}  // namespace

size_t seed_demo_registry(db::Connection& c, dates::Date today) {
  auto home = access::store::organization_by_number(c, "20000001");
  if (!home) return 0;
  if (!c.run("SELECT 1 FROM dossiers WHERE organization_id = $1 LIMIT 1", home->id).empty())
    return 0;
  csg::GenerateOptions o;
  o.children = 300;
  o.seed = 2026;
  o.today = today;
  o.error_rate = 0;
  auto g = csg::generate(o);
  // The generated installations become the demo's; the BC's RSGE become its two.
  const std::vector<std::string> demo = {"20000001", "20000002", "20000003", "20000004"};
  size_t k = 0;
  for (auto& component : g.components) {
    if (component.is_bc) {
      component.number = "30000001";
      for (auto& d : component.dossiers) d.rsge = (std::stoi(d.ref) % 2) ? "40000001" : "40000002";
    } else {
      component.number = demo[k++ % demo.size()];
    }
  }
  db::Transaction tx(c);
  if (!csg::store::civil_registry_loaded(c)) csg::store::add_civil_records(c, g.civil_registry);
  if (!geo::addresses_loaded(c)) geo::add_addresses(c, g.addresses);
  tx.commit();
  load_dossiers(c, g, today, false);
  return g.dossier_count();
}

void add_generate_command(CLI::App& root, cli::Registry& registry) {
  struct Flags {
    int children = 1000;
    std::uint64_t seed = 1;
    std::string out, today;
    double error_rate = 0.01;
    int per_installation = 70;
    bool references_only = false;
    std::string limits_batch;
    int providers = 0;
    double unpublished = 0.1;
    int families = 0;
    std::string reserve_of;
    int free_places = 0;
  };
  static Flags f;
  auto* gen = root.add_subcommand("generate", "Synthetic province-like registry data");
  gen->add_option("--children", f.children, "How many children")->capture_default_str();
  gen->add_option("--seed", f.seed, "Random seed: the same seed gives the same data")
      ->capture_default_str();
  gen->add_option("--out", f.out, "Write files to this folder instead of the database");
  gen->add_option("--today", f.today, "Reference date (YYYY-MM-DD; default: today)");
  gen->add_option("--error-rate", f.error_rate, "Share of dossiers with a deliberate error")
      ->capture_default_str();
  gen->add_option("--per-installation", f.per_installation, "Children per installation")
      ->capture_default_str();
  gen->add_flag("--references-only", f.references_only,
                "With --db: the organizations and references only, not the dossiers (to send "
                "the --out batches through the sync API, as the benchmark does)");
  gen->add_option("--providers", f.providers,
                  "With --db: also this many providers for the Portail's map (installations and "
                  "RSGE with their BCs, across the 17 regions, with fiches; 16500: the province)")
      ->capture_default_str();
  gen->add_option("--unpublished", f.unpublished, "Share of those providers' fiches not published")
      ->capture_default_str();
  gen->add_option("--families", f.families,
                  "With --db: also this many families for the réserves (1-3 children each, each "
                  "child choosing the 3 providers nearest home; after or with --providers)")
      ->capture_default_str();
  gen->add_option("--reserve-of", f.reserve_of,
                  "With --families: every child also chooses this installation or RSGE (its "
                  "number): a réserve as long as the children generated");
  gen->add_option("--limits-batch", f.limits_batch,
                  "Only write to this file the worst batch the limits allow (docs/api-limits.md), "
                  "for the benchmark");
  gen->add_option("--free-places", f.free_places,
                  "With --db: only this many open free places over the Portail's providers (the "
                  "referral benchmark; providers and families first)");
  add_generate_mes_command(gen, registry);  // `generate mes N` (issue 16): registered first
  registry.add(gen, [&registry] {
    if (f.free_places != 0) {  // the referral benchmark's places alone
      if (f.free_places < 0 || f.free_places > 1'000'000)
        throw std::invalid_argument("--free-places: expected 1 to 1000000");
      auto today = f.today.empty() ? dates::today_in_quebec() : dates::parse(f.today);
      if (!today) throw std::invalid_argument("--today: expected YYYY-MM-DD");
      int n = load_free_places(registry.db_url, f.free_places, f.seed, *today);
      std::cout << "generated " << n << " free places\n";
      return 0;
    }
    if (!f.limits_batch.empty()) {
      std::ofstream(f.limits_batch, std::ios::binary) << csg::limits_batch();
      return 0;
    }
    if (f.providers < 0 || f.providers > 100'000)
      throw std::invalid_argument("--providers: expected 0 to 100000");
    if (f.unpublished < 0 || f.unpublished > 1)
      throw std::invalid_argument("--unpublished: expected 0 to 1");
    if (f.families < 0 || f.families > 1'000'000)
      throw std::invalid_argument("--families: expected 0 to 1000000");
    if (!f.reserve_of.empty() && f.families == 0)
      throw std::invalid_argument("--reserve-of: needs --families");
    if ((f.providers > 0 || f.families > 0) && f.out.empty() && f.children == 0) {
      // the map's providers and the réserves' families alone
      if (f.providers > 0) load_providers(registry.db_url, f.providers, f.seed, f.unpublished);
      if (f.families > 0) load_families(registry.db_url, f.families, f.seed, f.reserve_of);
      return 0;
    }
    if (f.children < 1 || f.children > 5'000'000)
      throw std::invalid_argument("--children: expected 1 to 5000000 (0 with --providers)");
    if (f.error_rate < 0 || f.error_rate > 1)
      throw std::invalid_argument("--error-rate: expected 0 to 1");
    csg::GenerateOptions o;
    o.children = f.children;
    o.seed = f.seed;
    o.error_rate = f.error_rate;
    if (f.per_installation < 1 || f.per_installation > 100000)
      throw std::invalid_argument("--per-installation: expected 1 to 100000");
    o.per_installation = f.per_installation;
    o.today = dates::today_in_quebec();
    if (!f.today.empty()) {
      auto d = dates::parse(f.today);
      if (!d) throw std::invalid_argument("--today: expected YYYY-MM-DD");
      o.today = *d;
    }
    auto started = std::chrono::steady_clock::now();
    auto g = csg::generate(o);
    if (!f.out.empty()) {
      write_files(g, f.out);
    } else {
      load_database(g, registry.db_url, o.today, !f.references_only);
      if (f.providers > 0) load_providers(registry.db_url, f.providers, f.seed, f.unpublished);
      if (f.families > 0) load_families(registry.db_url, f.families, f.seed, f.reserve_of);
    }
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "generated " << f.children << " children: " << g.dossier_count() << " dossiers ("
              << g.deliberate_errors << " with a deliberate error), " << g.organizations.size()
              << " organizations, " << g.civil_registry.size() << " civil-registry rows, "
              << g.addresses.size() << " addresses "
              << (f.out.empty() ? "in the database" : "in " + f.out) << " in "
              << static_cast<int>(seconds + 0.5) << " s\n";
    return 0;
  });
}

}  // namespace sgee::app
