#include "portail/priority_store.hpp"

#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::portail::priority_store {

namespace {

std::string codes_text(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) out += (out.empty() ? "" : ",") + code;
  return out;
}

std::string day_of(const std::optional<std::string>& stamp) {
  return stamp ? stamp->substr(0, 10) : std::string();
}

}  // namespace

std::vector<std::string> criteria_list(db::Connection& c) {
  auto r = c.run("SELECT code FROM priority_criteria ORDER BY position, code");
  std::vector<std::string> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.row(i).str(0));
  return out;
}

std::optional<Stored> load(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run(
      "SELECT criteria, share_percent, updated_at FROM provider_priorities WHERE "
      "organization_id = $1",
      organization_id);
  if (r.empty()) return std::nullopt;
  Stored s;
  auto list = r.first().str(0);  // split() views into it: it must outlive the loop
  for (auto code : text::split(list, ','))
    if (!code.empty()) s.declaration.criteria.emplace_back(code);
  s.declaration.share_percent = static_cast<int>(r.first().i64(1));
  s.updated_at = r.first().str(2);
  return s;
}

void save(db::Connection& c, std::int64_t organization_id, const priority::Declaration& d,
          std::int64_t user_id) {
  c.run(
      "INSERT INTO provider_priorities (organization_id, criteria, share_percent, updated_at, "
      "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organization_id) DO UPDATE SET "
      "criteria = excluded.criteria, share_percent = excluded.share_percent, updated_at = "
      "excluded.updated_at, updated_by = excluded.updated_by",
      organization_id, codes_text(d.criteria), static_cast<std::int64_t>(d.share_percent),
      log::utc_now_iso(), user_id ? std::optional<std::int64_t>(user_id) : std::nullopt);
}

std::map<std::int64_t, bool> staff_parents(db::Connection& c, std::int64_t family_id,
                                           std::int64_t organization_id) {
  auto r = c.run(
      "SELECT ch.child_id, ch.staff_parent FROM portail_choices ch JOIN portail_children k ON "
      "k.id = ch.child_id WHERE k.family_id = $1 AND ch.organization_id = $2",
      family_id, organization_id);
  std::map<std::int64_t, bool> out;
  for (size_t i = 0; i < r.size(); ++i) out[r.row(i).i64(0)] = r.row(i).i64(1) != 0;
  return out;
}

void set_staff_parent(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                      bool staff_parent) {
  c.run(
      "UPDATE portail_choices SET staff_parent = $3, staff_confirmed_at = NULL WHERE child_id = "
      "$1 AND organization_id = $2 AND staff_parent <> $3",
      child_id, organization_id, static_cast<std::int64_t>(staff_parent));
}

ChoiceState state_of(db::Connection& c, std::int64_t child_id, std::int64_t organization_id) {
  ChoiceState s;
  auto choice = c.run(
      "SELECT staff_parent, staff_confirmed_at FROM portail_choices WHERE child_id = $1 AND "
      "organization_id = $2",
      child_id, organization_id);
  if (!choice.empty()) {
    s.staff_parent = choice.first().i64(0) != 0;
    s.staff_confirmed = s.staff_parent && !choice.first().is_null(1);
  }
  auto a = c.run(
      "SELECT state, admitted_at, confirmed_at, ended_at FROM admissions WHERE child_id = $1 AND "
      "organization_id = $2 ORDER BY id DESC LIMIT 1",
      child_id, organization_id);
  if (!a.empty()) {
    auto row = a.first();
    s.state = row.str(0);
    s.on = day_of(s.state == "confirmed" ? row.opt_str(2)
                  : s.state == "ended"   ? row.opt_str(3)
                                         : row.opt_str(1));
    if (s.on.empty()) s.on = day_of(row.opt_str(1));
    if (s.state != "cancelled") return s;
  }
  auto r = c.run(
      "SELECT id, state, referred_at, parent_answer_at, provider_answer_at, respond_by FROM "
      "referrals WHERE child_id = $1 AND organization_id = $2 ORDER BY id DESC LIMIT 1",
      child_id, organization_id);
  if (r.empty()) return s;
  auto row = r.first();
  // A cancelled admission is older news than a referral made since.
  s.state = "referral_" + row.str(1);
  s.referral_id = row.i64(0);
  const auto& st = row.str(1);
  s.on = day_of(st == "accepted" || st == "declined_parent" ? row.opt_str(3)
                : st == "declined_provider"                 ? row.opt_str(4)
                : st == "expired"                           ? row.opt_str(5)
                                                            : row.opt_str(2));
  if (s.on.empty()) s.on = day_of(row.opt_str(2));
  return s;
}

std::optional<int> last_band(db::Connection& c, std::int64_t child_id,
                             std::int64_t organization_id) {
  auto r = c.run("SELECT band_low FROM rank_seen WHERE child_id = $1 AND organization_id = $2",
                 child_id, organization_id);
  if (r.empty()) return std::nullopt;
  return static_cast<int>(r.first().i64(0));
}

void remember_band(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                   int position, int band_low) {
  c.run(
      "INSERT INTO rank_seen (child_id, organization_id, position, band_low, seen_at) VALUES ($1, "
      "$2, $3, $4, $5) ON CONFLICT (child_id, organization_id) DO UPDATE SET position = "
      "excluded.position, band_low = excluded.band_low, seen_at = excluded.seen_at",
      child_id, organization_id, static_cast<std::int64_t>(position),
      static_cast<std::int64_t>(band_low), log::utc_now_iso());
}

}  // namespace sgee::portail::priority_store
