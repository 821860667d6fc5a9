#include "portail/lookup_store.hpp"

#include <nlohmann/json.hpp>

#include "platform/log.hpp"
#include "portail/events_store.hpp"
#include "portail/ranking_store.hpp"

namespace sgee::portail::lookup_store {

namespace {

std::string iso_ago(std::chrono::seconds ago) {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return dates::utc_iso(now - ago.count());
}

#define SGEE_LOOKUP_ADMISSION_COLUMNS SGEE_ADMISSION_COLUMNS_OF("a.")

}  // namespace

void record(db::Connection& c, const std::string& who, const std::string& address,
            std::int64_t organization_id, std::optional<std::int64_t> child_id) {
  c.run(
      "INSERT INTO admission_lookups (who, address, organization_id, child_id, at, found) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      who, address, organization_id, child_id, iso_ago(std::chrono::seconds{0}),
      static_cast<std::int64_t>(child_id ? 1 : 0));
}

std::pair<int, int> recent_misses(db::Connection& c, const std::string& who,
                                  const std::string& address) {
  auto since = iso_ago(admission::kLookupWindow);
  auto a = c.run("SELECT COUNT(*) FROM admission_lookups WHERE who = $1 AND at > $2 AND found = 0",
                 who, since);
  auto b =
      c.run("SELECT COUNT(*) FROM admission_lookups WHERE address = $1 AND at > $2 AND found = 0",
            address, since);
  return {static_cast<int>(a.first().i64(0)), static_cast<int>(b.first().i64(0))};
}

bool recently_found(db::Connection& c, const std::string& who, std::int64_t organization_id,
                    std::int64_t child_id) {
  return !c.run(
               "SELECT 1 FROM admission_lookups WHERE who = $1 AND organization_id = $2 AND "
               "child_id = $3 AND found = 1 AND at > $4 LIMIT 1",
               who, organization_id, child_id, iso_ago(admission::kFoundValidity))
              .empty();
}

std::optional<std::int64_t> find(db::Connection& c, const std::string& number,
                                 const std::string& birth_date) {
  auto r =
      c.run("SELECT id FROM portail_children WHERE confirmation_number = $1 AND birth_date = $2",
            number, birth_date);
  if (r.empty()) return std::nullopt;
  return r.first().i64(0);
}

std::optional<bool> choice_of(db::Connection& c, std::int64_t child_id,
                              std::int64_t organization_id) {
  auto r = c.run(
      "SELECT share_special_needs FROM portail_choices WHERE child_id = $1 AND "
      "organization_id = $2",
      child_id, organization_id);
  if (r.empty()) return std::nullopt;
  return r.first().i64(0) != 0;
}

std::optional<Record> record_of(db::Connection& c, std::int64_t child_id) {
  auto r = c.run(
      "SELECT f.user_id, f.id FROM portail_children ch JOIN family_files f ON f.id = ch.family_id "
      "WHERE ch.id = $1",
      child_id);
  if (r.empty()) return std::nullopt;
  auto family = family_store::family_of_user(c, r.first().i64(0));
  if (!family) return std::nullopt;
  auto child = family_store::child(c, family->id, child_id);
  if (!child) return std::nullopt;
  return Record{*family, *child};
}

std::vector<Row> admissions_of(db::Connection& c, std::int64_t organization_id, int limit,
                               int offset) {
  auto r =
      c.run("SELECT " SGEE_LOOKUP_ADMISSION_COLUMNS
            ", ch.given_name, ch.surname, ch.confirmation_number, COALESCE(d.ref, '') "
            "FROM admissions a JOIN portail_children ch ON ch.id = a.child_id "
            "LEFT JOIN dossiers d ON d.id = a.dossier_id WHERE a.organization_id = $1 "
            "ORDER BY a.id DESC LIMIT $2 OFFSET $3",
            organization_id, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset));
  std::vector<Row> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({admission_store::from_row(row), row.str(13) + " " + row.str(14), row.str(15),
                   row.str(16)});
  }
  return out;
}

std::int64_t count_admissions(db::Connection& c, std::int64_t organization_id) {
  return c.run("SELECT COUNT(*) FROM admissions WHERE organization_id = $1", organization_id)
      .first()
      .i64(0);
}

std::vector<admission::Ranked> ranked_reserve(db::Connection& c, std::int64_t organization_id,
                                              dates::Date today) {
  auto reserve = ranking_store::load(c, organization_id, today);
  auto order = ranking::rank(reserve.provider, reserve.children, today);
  std::vector<admission::Ranked> out;
  out.reserve(order.size());
  for (const auto& r : order) {
    auto q = c.run(
        "SELECT birth_date, schedule, accept_partial, accept_replacement FROM portail_children "
        "WHERE id = $1",
        r.child_id);
    if (q.empty()) continue;
    auto row = q.first();
    ranking::Request req;
    req.birth = dates::parse(row.str(0)).value_or(today);
    req.schedule = parse_schedule(row.str(1)).value_or(WeekMasks{});
    req.accept_partial = row.i64(2) != 0;
    req.accept_replacement = row.i64(3) != 0;
    out.push_back({r.child_id, req, r.priority});
  }
  return out;
}

std::vector<OutOfRank> out_of_rank(db::Connection& c, int limit) {
  auto r = c.run(
      "SELECT o.name, o.number, a.admitted_at, a.planned_start, a.out_of_rank_reason, a.state "
      "FROM admissions a JOIN organizations o ON o.id = a.organization_id WHERE "
      "a.out_of_rank_reason IS NOT NULL ORDER BY o.name, o.number, a.id DESC LIMIT $1",
      static_cast<std::int64_t>(limit));
  std::vector<OutOfRank> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.str(0), row.str(1), row.str(2), row.str(3), row.str(4), row.str(5)});
  }
  return out;
}

void link_dossier(db::Connection& c, std::int64_t admission_id, std::int64_t dossier_id) {
  c.run("UPDATE admissions SET dossier_id = $1 WHERE id = $2", dossier_id, admission_id);
}

std::optional<admission_store::Admission> by_dossier(db::Connection& c, std::int64_t dossier_id) {
  auto r = c.run("SELECT " SGEE_LOOKUP_ADMISSION_COLUMNS
                 " FROM admissions a WHERE a.dossier_id = $1 AND a.state IN ('admitted', "
                 "'confirmed') ORDER BY a.id DESC LIMIT 1",
                 dossier_id);
  if (r.empty()) return std::nullopt;
  return admission_store::from_row(r.first());
}

bool end_admission(db::Connection& c, std::int64_t admission_id, dates::Date today) {
  auto now = log::utc_now_iso();
  auto r = c.run(
      "UPDATE admissions SET state = 'ended', ended_at = $1 WHERE id = $2 AND state IN "
      "('admitted', 'confirmed') RETURNING organization_id, child_id, reopen_place",
      now, admission_id);
  if (r.empty()) return false;
  auto org = r.first().i64(0);
  auto child = r.first().i64(1);
  bool reopen = r.first().i64(2) != 0;
  nlohmann::json data = {{"admission", admission_id}};
  if (reopen) {
    auto ch = c.run("SELECT birth_date, schedule FROM portail_children WHERE id = $1", child);
    if (!ch.empty()) {
      auto birth = dates::parse(ch.first().str(0)).value_or(today);
      auto group = ranking::to_string(ranking::age_group_on(birth, today));
      auto place = c.run(
                        "INSERT INTO free_places (organization_id, age_group, available_from, "
                        "schedule, declared_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        org, std::string(group), dates::format(today), ch.first().str(1), now)
                       .first()
                       .i64(0);
      data["free_place"] = place;
      data["age_group"] = std::string(group);
    }
  }
  events::add(c, org, "admission_ended", data.dump());
  return true;
}

void set_reopen_place(db::Connection& c, std::int64_t admission_id, bool reopen) {
  c.run("UPDATE admissions SET reopen_place = $1 WHERE id = $2",
        static_cast<std::int64_t>(reopen ? 1 : 0), admission_id);
}

}  // namespace sgee::portail::lookup_store
