#include "portail/search_store.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "access/store.hpp"
#include "geo/addresses.hpp"
#include "platform/date.hpp"
#include "platform/log.hpp"
#include "portail/position.hpp"

#include "platform/text.hpp"

namespace sgee::portail::search {

namespace {

std::string kind_of(const std::string& org_kind, const std::string& installation_kind) {
  return org_kind == "rsge" ? "rsge" : text::lower(installation_kind);
}

double rounded(double v, double scale) {
  return std::round(v * scale) / scale;
}

}  // namespace

nlohmann::json public_json(const Found& f) {
  using nlohmann::json;
  json out = {
      {"number", f.number},
      {"name", f.name},
      {"kind", f.kind},
      {"subsidized", subsidized(f.kind)},
      {"position",
       {{"latitude", rounded(f.at.latitude, 1e5)}, {"longitude", rounded(f.at.longitude, 1e5)}}},
      {"approximate_position", f.kind == "rsge"},
      {"opening_days", f.opening_days},
      {"opens_at", f.opens_at.empty() ? json() : json(f.opens_at)},
      {"closes_at", f.closes_at.empty() ? json() : json(f.closes_at)},
      {"places", f.places ? json(*f.places) : json()},
      {"url", "/milieux/" + f.number}};
  if (f.free_shown) {
    auto n = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(); };
    out["free_places"] = {
        {"0_17", n(f.free_0_17)}, {"18_59", n(f.free_18_59)}, {"school", n(f.free_school)}};
  }
  if (f.periods_shown) out["periods"] = f.periods;
  return out;
}

static std::int64_t generation(db::Connection& c) {
  auto r = c.run("SELECT generation FROM map_generation WHERE id = 1");
  return r.empty() ? 0 : r.first().i64(0);
}

std::string not_suspended_sql(const std::string& org, const std::string& today) {
  return "NOT EXISTS (SELECT 1 FROM rsge_suspensions s WHERE s.rsge_id = " + org +
         ".id AND s.start_date <= " + today + " AND (s.shown_from IS NULL OR s.shown_from > " +
         today + "))";
}

std::shared_ptr<const Index::Snapshot> Index::load(db::Connection& c, std::int64_t gen,
                                                   const std::string& today) {
  auto r = c.run(
      "SELECT o.id, o.number, o.name, o.kind, COALESCE(o.installation_kind, ''), "
      "f.map_latitude, f.map_longitude, f.opening_days, COALESCE(f.opens_at, ''), "
      "COALESCE(f.closes_at, ''), CASE WHEN o.kind = 'rsge' THEN o.places ELSE "
      "COALESCE(o.places_0_17, 0) + COALESCE(o.places_18_59, 0) + COALESCE(o.places_school, 0) "
      "END, f.visible, f.free_0_17, f.free_18_59, f.free_school, f.periods FROM fiches f "
      "JOIN organizations o ON o.id = f.organization_id WHERE f.published = 1 "
      "AND f.map_latitude IS NOT NULL AND f.map_longitude IS NOT NULL AND " +
          not_suspended_sql("o", "$1"),
      today);
  auto snap = std::make_shared<Snapshot>();
  snap->generation = gen;
  snap->today = today;
  snap->entries.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Entry e;
    Found& f = e.found;
    f.id = row.i64(0);
    f.number = row.str(1);
    f.name = row.str(2);
    f.kind = kind_of(row.str(3), row.str(4));
    f.at = {row.f64(5), row.f64(6)};
    f.opening_days = row.str(7);
    f.opens_at = row.str(8);
    f.closes_at = row.str(9);
    f.places = row.opt_i64(10);
    e.filter = {f.kind,          row.str(11),     row.str(15),
                row.opt_i64(12), row.opt_i64(13), row.opt_i64(14)};
    // What the public may see: the optional fields the provider shows, nothing else.
    f.free_shown = visible(e.filter.visible, "free_places");
    if (f.free_shown) {
      f.free_0_17 = e.filter.free_0_17;
      f.free_18_59 = e.filter.free_18_59;
      f.free_school = e.filter.free_school;
    }
    f.periods_shown = visible(e.filter.visible, "periods");
    if (f.periods_shown)
      for (auto p : text::split(e.filter.periods, ','))
        if (!text::trim(p).empty()) f.periods.emplace_back(text::trim(p));
    std::string j = public_json(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    f.json_members = std::make_shared<const std::string>(j.substr(1, j.size() - 2));
    e.unit = geo::unit_vector(f.at);
    snap->entries.push_back(std::move(e));
  }
  std::sort(snap->entries.begin(), snap->entries.end(), [](const Entry& a, const Entry& b) {
    return a.found.at.latitude < b.found.at.latitude;
  });
  return snap;
}

std::shared_ptr<const Index::Snapshot> Index::current(db::Connection& c) {
  // The generation first, then the fiches: a change between the two reads leaves the snapshot
  // newer than its number, and the next search reads them again (never older than it says).
  // A suspended RSGE shows again on a given day (POR-06): a snapshot holds for the day it was
  // read on.
  const std::int64_t gen = generation(c);
  const std::string today = dates::format(dates::today_in_quebec());
  auto fresh_enough = [&] {
    return snapshot_ && snapshot_->generation >= gen && snapshot_->today == today;
  };
  {
    std::lock_guard lock(mutex_);
    if (fresh_enough()) return snapshot_;
  }
  std::lock_guard reload(reload_mutex_);  // one reader of the fiches at a time
  {
    std::lock_guard lock(mutex_);
    if (fresh_enough()) return snapshot_;
  }
  auto fresh = load(c, gen, today);
  std::lock_guard lock(mutex_);
  if (!snapshot_ || snapshot_->generation < fresh->generation || snapshot_->today != today)
    snapshot_ = fresh;
  return snapshot_;
}

Page Index::find(db::Connection& c, geo::Point centre, const Query& query) {
  auto snap = current(c);
  // The circle's box: the entries are in latitude order, so a bisection finds its band; then the
  // longitude, the exact distance and the filters.
  const geo::Box box = geo::bounding_box(centre, query.radius_km);
  const auto& all = snap->entries;
  auto it = std::lower_bound(all.begin(), all.end(), box.min_latitude,
                             [](const Entry& e, double lat) { return e.found.at.latitude < lat; });
  // The radius as a squared chord: within it, no trigonometry per fiche (geo::Unit).
  const geo::Unit from_unit = geo::unit_vector(centre);
  const double limit = geo::chord2_of_km(query.radius_km);
  struct Hit {
    double chord2;
    const Entry* entry;
  };
  std::vector<Hit> hits;
  for (; it != all.end() && it->found.at.latitude <= box.max_latitude; ++it) {
    const geo::Point at = it->found.at;
    if (at.longitude < box.min_longitude || at.longitude > box.max_longitude) continue;
    const double c2 = geo::chord2(from_unit, it->unit);
    if (c2 > limit || !matches(it->filter, query)) continue;
    hits.push_back({c2, &*it});
  }
  Page page;
  page.total = static_cast<int>(hits.size());
  page.pages = (page.total + kPageSize - 1) / kPageSize;
  const size_t from = static_cast<size_t>(query.page - 1) * kPageSize;
  if (from >= hits.size()) return page;
  const size_t to = std::min(hits.size(), from + kPageSize);
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(to), hits.end(),
                    [](const Hit& a, const Hit& b) {
                      if (a.chord2 != b.chord2) return a.chord2 < b.chord2;
                      if (a.entry->found.name != b.entry->found.name)
                        return a.entry->found.name < b.entry->found.name;
                      return a.entry->found.id < b.entry->found.id;
                    });
  for (size_t i = from; i < to; ++i) {
    Found f = hits[i].entry->found;
    f.distance_km = geo::km_of_chord2(hits[i].chord2);
    page.results.push_back(std::move(f));
  }
  return page;
}

void add_generated(db::Connection& c, const GeneratedProviders& g) {
  const std::string key = map_key(c);
  const std::string now = log::utc_now_iso();
  std::map<std::string, std::int64_t> ids;
  for (const auto& p : g.organizations) {
    if (!c.run("SELECT 1 FROM organizations WHERE kind = $1 AND number = $2", p.kind, p.number)
             .empty())
      throw std::runtime_error("organization " + p.number +
                               " already exists: generate into an empty database");
    access::Organization o;
    o.kind = *access::org_kind_from(p.kind);
    o.number = p.number;
    o.name = p.name;
    if (!p.parent.empty()) o.parent_id = ids.at(p.parent);
    if (p.kind == "division") o.legal_form = "nonprofit";
    if (p.kind == "installation") {
      o.installation_kind = p.installation_kind;
      o.places_0_17 = p.places_0_17;
      o.places_18_59 = p.places_18_59;
      o.places_school = p.places_school;
    }
    if (p.kind == "rsge") {
      o.places = p.places;
      o.recognition_status = "recognized";
    }
    if (!p.region.empty()) o.region = p.region;
    if (p.at) {
      o.civic_number = p.civic_number;
      o.street = p.street;
      o.municipality = p.municipality;
      o.postal_code = p.postal_code;
      o.latitude = p.at->latitude;
      o.longitude = p.at->longitude;
    }
    const std::int64_t id = access::store::add_organization(c, o);
    ids[p.number] = id;
    if (p.kind != "installation" && p.kind != "rsge") continue;
    // The map position, as refresh_map_position computes it, without reading the row back.
    geo::Point at = *p.at;
    if (p.kind == "rsge") at = geo::approximate(at, key, p.number);
    auto opt = [](const std::optional<int>& v) {
      return v ? std::optional<std::int64_t>(*v) : std::optional<std::int64_t>();
    };
    c.run(
        "INSERT INTO fiches (organization_id, published, published_at, version, opening_days, "
        "opens_at, closes_at, periods, daily_rate_cents, languages, free_0_17, free_18_59, "
        "free_school, visible, map_latitude, map_longitude, updated_at) VALUES ($1, $2, $3, 1, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        id, static_cast<std::int64_t>(p.published ? 1 : 0),
        p.published ? std::optional<std::string>(now) : std::optional<std::string>(),
        p.opening_days, p.opens_at, p.closes_at, p.periods, opt(p.daily_rate_cents), p.languages,
        opt(p.free_0_17), opt(p.free_18_59), opt(p.free_school), p.visible, at.latitude,
        at.longitude, now);
  }
  geo::add_addresses(c, g.addresses);
}

}  // namespace sgee::portail::search
