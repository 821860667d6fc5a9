#include "portail/fiche_store.hpp"

#include "platform/log.hpp"
#include "portail/position.hpp"

namespace sgee::portail {

namespace {

std::vector<std::string> ordered(const std::vector<std::string>& order, std::string_view s) {
  auto set = split_tokens(s);
  std::vector<std::string> out;
  for (const auto& t : order)
    if (set.count(t)) out.push_back(t);
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::optional<std::string> text_or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::optional<StoredFiche> load_fiche(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run(
      "SELECT published, published_at, version, opening_days, opens_at, closes_at, periods, "
      "group_composition, daily_rate_cents, languages, presentation, free_0_17, free_18_59, "
      "free_school, visible, updated_at FROM fiches WHERE organization_id = $1",
      organization_id);
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  StoredFiche s;
  s.published = row.i64(0) != 0;
  s.published_at = row.str(1);
  s.version = row.i64(2);
  auto& f = s.fiche;
  f.opening_days = row.str(3);
  if (f.opening_days.size() != 7) f.opening_days = "0000000";
  f.opens_at = row.str(4);
  f.closes_at = row.str(5);
  f.periods = ordered(period_tokens(), row.str(6));
  f.group_composition = row.str(7);
  f.daily_rate_cents = row.opt_i64(8);
  f.languages = ordered(language_tokens(), row.str(9));
  f.presentation = row.str(10);
  f.free_0_17 = row.opt_i64(11);
  f.free_18_59 = row.opt_i64(12);
  f.free_school = row.opt_i64(13);
  f.visible = split_tokens(row.str(14));
  s.updated_at = row.str(15);
  return s;
}

Capacity capacity_of(const access::Organization& o) {
  Capacity cap;
  cap.rsge = o.kind == access::OrgKind::rsge;
  cap.installation_kind = o.installation_kind.value_or("");
  cap.places_0_17 = o.places_0_17.value_or(0);
  cap.places_18_59 = o.places_18_59.value_or(0);
  cap.places_school = o.places_school.value_or(0);
  cap.places = o.places.value_or(0);
  return cap;
}

nlohmann::json fiche_json(const Fiche& f, bool published) {
  auto opt = [](const std::optional<std::int64_t>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"published", published},
          {"opening_days", f.opening_days},
          {"opens_at", f.opens_at},
          {"closes_at", f.closes_at},
          {"periods", f.periods},
          {"group_composition", f.group_composition},
          {"daily_rate_cents", opt(f.daily_rate_cents)},
          {"languages", f.languages},
          {"presentation", f.presentation},
          {"free_0_17", opt(f.free_0_17)},
          {"free_18_59", opt(f.free_18_59)},
          {"free_school", opt(f.free_school)},
          {"visible", join_tokens(visibility_tokens(), f.visible)}};
}

std::int64_t save_fiche(db::Connection& c, std::int64_t organization_id, const Fiche& f,
                        bool published, std::optional<std::int64_t> user_id) {
  auto now = log::utc_now_iso();
  auto before =
      c.run("SELECT version, published, published_at FROM fiches WHERE organization_id = $1",
            organization_id);
  std::int64_t version = before.empty() ? 1 : before.first().i64(0) + 1;
  // The time it was published: kept while it stays published, set when it becomes so.
  std::optional<std::string> published_at;
  if (published) {
    bool was = !before.empty() && before.first().i64(1) != 0;
    published_at = was ? before.first().opt_str(2).value_or(now) : now;
  }
  c.run(
      "INSERT INTO fiches (organization_id, published, published_at, version, opening_days, "
      "opens_at, closes_at, periods, group_composition, daily_rate_cents, languages, "
      "presentation, free_0_17, free_18_59, free_school, visible, updated_at, updated_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
      "ON CONFLICT (organization_id) DO UPDATE SET published = excluded.published, "
      "published_at = excluded.published_at, version = excluded.version, "
      "opening_days = excluded.opening_days, opens_at = excluded.opens_at, "
      "closes_at = excluded.closes_at, periods = excluded.periods, "
      "group_composition = excluded.group_composition, "
      "daily_rate_cents = excluded.daily_rate_cents, languages = excluded.languages, "
      "presentation = excluded.presentation, free_0_17 = excluded.free_0_17, "
      "free_18_59 = excluded.free_18_59, free_school = excluded.free_school, "
      "visible = excluded.visible, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by",
      organization_id, published, published_at, version, f.opening_days, text_or_null(f.opens_at),
      text_or_null(f.closes_at), joined(f.periods), text_or_null(f.group_composition),
      f.daily_rate_cents, joined(f.languages), text_or_null(f.presentation), f.free_0_17,
      f.free_18_59, f.free_school, join_tokens(visibility_tokens(), f.visible), now, user_id);
  c.run(
      "INSERT INTO fiche_versions (organization_id, version, data, changed_at, changed_by) "
      "VALUES ($1, $2, $3, $4, $5)",
      organization_id, version, fiche_json(f, published).dump(), now, user_id);
  refresh_map_position(c, organization_id);
  return version;
}

std::string_view to_string(Adhesion a) {
  switch (a) {
    case Adhesion::published: return "publiee";
    case Adhesion::unpublished: return "non-publiee";
    case Adhesion::never_started: return "jamais";
  }
  return "jamais";
}

std::vector<AdhesionRow> adhesion_of_bc(db::Connection& c, std::int64_t bc_id) {
  auto r = c.run(
      "SELECT o.id, o.number, o.name, o.municipality, f.published, m.rsge_id, f.updated_at "
      "FROM organizations o LEFT JOIN fiches f ON f.organization_id = o.id "
      "LEFT JOIN bc_admission_mandates m ON m.rsge_id = o.id "
      "WHERE o.parent_id = $1 AND o.kind = 'rsge' ORDER BY o.name, o.number",
      bc_id);
  std::vector<AdhesionRow> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    AdhesionRow a;
    a.id = row.i64(0);
    a.number = row.str(1);
    a.name = row.str(2);
    a.municipality = row.str(3);
    a.state = row.is_null(4)    ? Adhesion::never_started
              : row.i64(4) != 0 ? Adhesion::published
                                : Adhesion::unpublished;
    a.mandate = !row.is_null(5);
    a.updated_at = row.str(6);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace sgee::portail
