#include "portail/referral_store.hpp"

#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "access/store.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/admission_store.hpp"
#include "portail/events_store.hpp"
#include "portail/ranking_store.hpp"
#include "portail/referral_rules.hpp"

namespace sgee::portail::referral_store {

namespace {

constexpr const char* kLive = "('referred', 'accepted')";
// A place the last pass could not fully refer waits this long before the next pass looks again
// (a declaration or an answer at the provider looks at once).
constexpr std::int64_t kShortRetrySeconds = 15 * 60;

#define SGEE_REFERRAL_COLUMNS                                                                 \
  "r.id, r.place_id, r.child_id, r.organization_id, r.state, r.referred_at, r.respond_by, "   \
  "r.reason, r.priority, r.parent_answer_at, r.provider_answer_at, COALESCE(r.position, 0), " \
  "COALESCE(r.category, 0), ch.given_name, ch.surname, ch.confirmation_number"

Referral referral_from(const db::Row& row) {
  Referral r;
  r.id = row.i64(0);
  r.place_id = row.i64(1);
  r.child_id = row.i64(2);
  r.organization_id = row.i64(3);
  r.state = row.str(4);
  r.referred_at = row.str(5);
  r.respond_by = row.str(6);
  r.reason = row.opt_str(7);
  r.priority = row.opt_str(8);
  r.parent_answer_at = row.opt_str(9);
  r.provider_answer_at = row.opt_str(10);
  r.position = row.i64(11);
  r.category = row.i64(12);
  r.child_name = row.str(13) + " " + row.str(14);
  r.confirmation_number = row.str(15);
  return r;
}

#define SGEE_PLACE_COLUMNS                                                                        \
  "id, organization_id, age_group, available_from, schedule, replacement, refer_at_once, state, " \
  "declared_at, filled_at"

Place place_from(const db::Row& row) {
  Place p;
  p.id = row.i64(0);
  p.organization_id = row.i64(1);
  p.age_group = row.str(2);
  p.available_from = row.str(3);
  p.schedule = parse_schedule(row.str(4)).value_or(WeekMasks{});
  p.replacement = row.i64(5) != 0;
  p.at_once = static_cast<int>(row.i64(6));
  p.state = row.str(7);
  p.declared_at = row.str(8);
  p.filled_at = row.opt_str(9);
  return p;
}

void load_referrals(db::Connection& c, std::vector<Place>& places) {
  for (auto& p : places) {
    auto r = c.run("SELECT " SGEE_REFERRAL_COLUMNS
                   " FROM referrals r JOIN portail_children ch ON ch.id = r.child_id "
                   "WHERE r.place_id = $1 ORDER BY r.id DESC",
                   p.id);
    for (size_t i = 0; i < r.size(); ++i) p.referrals.push_back(referral_from(r.row(i)));
  }
}

std::string iso_seconds_ago(std::int64_t seconds) {
  return dates::utc_iso(static_cast<std::int64_t>(std::time(nullptr)) - seconds);
}

// ---------------------------------------------------------------------------------------------
// E-mails: the parent's in the family file's language, with the child's first name at most and a
// link to sign in; the provider's in French and English, with no child's data at all.

struct ParentContact {
  std::string email, language, given_name;
  std::int64_t user_id = 0;
};
std::optional<ParentContact> parent_of(db::Connection& c, std::int64_t child_id) {
  auto r = c.run(
      "SELECT u.email, f.language, ch.given_name, u.id FROM portail_children ch "
      "JOIN family_files f ON f.id = ch.family_id JOIN users u ON u.id = f.user_id "
      "WHERE ch.id = $1",
      child_id);
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  return ParentContact{row.is_null(0) ? "" : row.str(0), row.str(1), row.str(2), row.i64(3)};
}

std::string provider_name(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run("SELECT name FROM organizations WHERE id = $1", organization_id);
  return r.empty() ? "" : r.first().str(0);
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    std::string key = "{" + k + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size()))
      text.replace(pos, key.size(), v);
  }
  return text;
}

void mail_parent_to(db::Connection& c, const ParentContact& p, const std::string& provider,
                    std::int64_t referral_id, const std::string& what, const std::string& due,
                    const Settings& s) {
  if (p.email.empty()) return;
  auto lang = p.language == "en" ? "en" : "fr";
  std::map<std::string, std::string> v{
      {"child", p.given_name},
      {"provider", provider},
      {"due", due},
      {"link", s.public_url + "/famille/propositions/" + std::to_string(referral_id)}};
  access::store::queue_mail(c, p.email, fill(i18n::t(lang, "refer.mail." + what + "_subject"), v),
                            fill(i18n::t(lang, "refer.mail." + what + "_body"), v));
}

void mail_parent(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                 std::int64_t referral_id, const std::string& what, const std::string& due,
                 const Settings& s) {
  if (auto p = parent_of(c, child_id))
    mail_parent_to(c, *p, provider_name(c, organization_id), referral_id, what, due, s);
}

void mail_provider(db::Connection& c, std::int64_t organization_id, const std::string& what,
                   const std::string& due, const Settings& s) {
  auto org =
      c.run("SELECT number, parent_id, name FROM organizations WHERE id = $1", organization_id);
  if (org.empty()) return;
  std::string number = org.first().str(0);
  // The RSE of the provider's division (or the RSGE herself) and the staff who manage its
  // admissions; looked up by organization, never by scanning the users.
  auto to = c.run(
      "SELECT u.email FROM users u WHERE u.organization_id IN ($1, $2) AND u.is_rse = 1 AND "
      "u.kind = 'enterprise' AND u.email IS NOT NULL AND u.disabled_at IS NULL UNION "
      "SELECT u.email FROM users u WHERE u.id IN (SELECT ur.user_id FROM user_rights ur WHERE "
      "ur.organization_id = $1 AND ur.right_name = 'manage_admissions') AND u.email IS NOT NULL "
      "AND u.disabled_at IS NULL ORDER BY 1",
      organization_id, org.first().opt_i64(1).value_or(0));
  std::map<std::string, std::string> v{
      {"provider", org.first().str(2)},
      {"due", due},
      {"link", s.public_url + "/installations/" + number + "/places"}};
  auto subject = fill(i18n::t("fr", "refer.mail." + what + "_subject"), v) + " / " +
                 fill(i18n::t("en", "refer.mail." + what + "_subject"), v);
  auto body = fill(i18n::t("fr", "refer.mail." + what + "_body"), v) + "\n\n---\n\n" +
              fill(i18n::t("en", "refer.mail." + what + "_body"), v);
  for (size_t i = 0; i < to.size(); ++i)
    access::store::queue_mail(c, to.row(i).str(0), subject, body);
}

void event(db::Connection& c, std::int64_t organization_id, const std::string& kind,
           std::int64_t referral_id, std::int64_t place_id, std::int64_t child_id,
           nlohmann::json extra = nlohmann::json::object()) {
  auto number = c.run("SELECT confirmation_number FROM portail_children WHERE id = $1", child_id);
  extra["referral"] = referral_id;
  extra["place"] = place_id;
  if (!number.empty()) extra["confirmation_number"] = number.first().str(0);
  events::add(c, organization_id, kind, extra.dump());
}

// The job's own audit rows (no user: the Portail referred, expired or closed).
void audit_job_for(db::Connection& c, std::int64_t organization_id, std::int64_t referral_id,
                   const std::optional<ParentContact>& p, const std::string& action,
                   const std::string& detail) {
  access::store::audit(c, {.organization_id = organization_id,
                           .subject_user_id = p ? std::optional(p->user_id) : std::nullopt,
                           .action = action,
                           .record_type = "referral",
                           .record_id = std::to_string(referral_id),
                           .detail = detail});
}

void audit_job(db::Connection& c, std::int64_t organization_id, std::int64_t referral_id,
               std::int64_t child_id, const std::string& action, const std::string& detail) {
  audit_job_for(c, organization_id, referral_id, parent_of(c, child_id), action, detail);
}

// Closes the place's live referrals but `keep` (the place went to another child or was
// withdrawn), telling their parents.
void close_others(db::Connection& c, std::int64_t organization_id, std::int64_t place_id,
                  std::int64_t keep, const std::string& why, const Settings& s) {
  auto live = c.run(std::string("SELECT id, child_id FROM referrals WHERE place_id = $1 AND "
                                "id <> $2 AND state IN ") +
                        kLive,
                    place_id, keep);
  for (size_t i = 0; i < live.size(); ++i) {
    auto id = live.row(i).i64(0), child = live.row(i).i64(1);
    c.run("UPDATE referrals SET state = 'closed', reason = $2 WHERE id = $1", id, why);
    event(c, organization_id, "referral_closed", id, place_id, child);
    audit_job(c, organization_id, id, child, "update", "referral_closed: " + why);
    mail_parent(c, child, organization_id, id, "closed", "", s);
  }
}

// The pass over one provider, in the caller's transaction.
Pass refer_locked(db::Connection& c, std::int64_t organization_id, dates::Date today,
                  const Settings& s) {
  Pass pass;
  pass.providers = 1;
  std::string lock = c.engine() == db::Engine::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
  auto rows = c.run("SELECT " SGEE_PLACE_COLUMNS
                    " FROM free_places WHERE organization_id = $1 AND state = 'open' "
                    "ORDER BY id" +
                        lock,
                    organization_id);
  if (rows.empty()) return pass;
  std::vector<Place> places;
  std::set<std::int64_t> locked;
  for (size_t i = 0; i < rows.size(); ++i) {
    places.push_back(place_from(rows.row(i)));
    locked.insert(places.back().id);
  }

  // Deadlines and reminders of the live referrals.
  auto live = c.run(std::string("SELECT r.id, r.place_id, r.child_id, r.state, r.referred_at, "
                                "r.respond_by, r.reminded_at, r.remind_on FROM referrals r "
                                "WHERE r.organization_id = $1 AND r.state IN ") +
                        kLive,
                    organization_id);
  std::map<std::int64_t, int> live_per_place;
  std::set<std::int64_t> live_children;
  for (size_t i = 0; i < live.size(); ++i) {
    auto row = live.row(i);
    auto id = row.i64(0), place_id = row.i64(1), child = row.i64(2);
    auto state = row.str(3);
    auto due = dates::parse(row.str(5)).value_or(today);
    if (locked.count(place_id) && referral::expired(due, today)) {
      c.run(
          std::string("UPDATE referrals SET state = 'expired' WHERE id = $1 AND state IN ") + kLive,
          id);
      event(c, organization_id, "referral_expired", id, place_id, child, {{"waiting_for", state}});
      audit_job(c, organization_id, id, child, "update", "referral_expired");
      mail_parent(c, child, organization_id, id, "expired", "", s);
      ++pass.expired;
      continue;
    }
    ++live_per_place[place_id];
    live_children.insert(child);
    auto remind_on = row.opt_str(7);
    if (locked.count(place_id) && row.is_null(6) && remind_on &&
        dates::parse(*remind_on).value_or(due) <= today) {
      c.run("UPDATE referrals SET reminded_at = $2 WHERE id = $1", id, log::utc_now_iso());
      if (state == "referred")
        mail_parent(c, child, organization_id, id, "reminder", dates::format(due), s);
      else
        mail_provider(c, organization_id, "provider_reminder", dates::format(due), s);
      ++pass.reminded;
    }
  }

  bool wanting = false;
  for (const auto& p : places) wanting = wanting || live_per_place[p.id] < p.at_once;
  if (!wanting) return pass;

  // The réserve, ranked once for all of the provider's places.
  auto reserve = ranking_store::load(c, organization_id, today);
  auto ranked = ranking::rank(reserve.provider, reserve.children, today);
  std::vector<std::int64_t> order;
  std::map<std::int64_t, const ranking::Ranked*> by_child;
  order.reserve(ranked.size());
  for (const auto& r : ranked) {
    order.push_back(r.child_id);
    by_child[r.child_id] = &r;
  }
  std::map<std::int64_t, ranking::Request> requests;
  auto facts = c.run(
      "SELECT ch.id, ch.birth_date, ch.schedule, ch.accept_partial, ch.accept_replacement "
      "FROM portail_choices pc JOIN portail_children ch ON ch.id = pc.child_id "
      "WHERE pc.organization_id = $1",
      organization_id);
  for (size_t i = 0; i < facts.size(); ++i) {
    auto row = facts.row(i);
    auto birth = dates::parse(row.str(1));
    auto week = parse_schedule(row.str(2));
    if (!birth || !week) continue;  // never fits
    requests[row.i64(0)] = {*birth, *week, row.i64(3) != 0, row.i64(4) != 0};
  }

  auto now = log::utc_now_iso();
  auto name = provider_name(c, organization_id);
  auto due = referral::respond_by(today, s.deadline_days);
  auto remind = referral::reminder_day(today, due);
  for (const auto& p : places) {
    int wanted = p.at_once - live_per_place[p.id];
    if (wanted <= 0) continue;
    ranking::FreePlace fp;
    fp.age = ranking::age_group_from(p.age_group).value_or(ranking::AgeGroup::toddler);
    fp.from = dates::parse(p.available_from).value_or(today);
    fp.schedule = p.schedule;
    fp.replacement = p.replacement;
    std::set<std::int64_t> excluded = live_children;
    auto before = c.run("SELECT child_id FROM referrals WHERE place_id = $1", p.id);
    for (size_t i = 0; i < before.size(); ++i) excluded.insert(before.row(i).i64(0));
    auto picks = referral::next_to_refer(
        order,
        [&](std::int64_t child) {
          auto it = requests.find(child);
          return it != requests.end() && ranking::fits(fp, it->second);
        },
        excluded, wanted);
    for (auto child : picks) {
      const auto& r = *by_child.at(child);
      auto id = c.run(
                     "INSERT INTO referrals (place_id, child_id, organization_id, state, "
                     "position, category, priority, referred_at, respond_by, remind_on) VALUES "
                     "($1, $2, $3, 'referred', $4, $5, $6, $7, $8, $9) RETURNING id",
                     p.id, child, organization_id, static_cast<std::int64_t>(r.position),
                     static_cast<std::int64_t>(r.category), r.priority, now, dates::format(due),
                     dates::format(remind))
                    .first()
                    .i64(0);
      live_children.insert(child);
      event(c, organization_id, "referral", id, p.id, child,
            {{"respond_by", dates::format(due)},
             {"position", r.position},
             {"category", static_cast<int>(r.category)},
             {"days_waited", r.days_waited},
             {"priority", r.priority ? nlohmann::json(*r.priority) : nlohmann::json()}});
      auto parent = parent_of(c, child);
      audit_job_for(c, organization_id, id, parent, "create",
                    "referral: position " + std::to_string(r.position) + ", category " +
                        std::to_string(static_cast<int>(r.category)) +
                        (r.priority ? ", priority " + *r.priority : ""));
      if (parent) mail_parent_to(c, *parent, name, id, "referred", dates::format(due), s);
      ++pass.referred;
    }
    c.run("UPDATE free_places SET short_at = $2 WHERE id = $1", p.id,
          static_cast<int>(picks.size()) < wanted ? std::optional<std::string>(now)
                                                  : std::optional<std::string>());
  }
  // One e-mail to the provider for the pass, whatever the number of its places referred.
  if (pass.referred > 0)
    mail_provider(c, organization_id, "provider_referred", dates::format(due), s);
  return pass;
}

Pass refer_one(db::Connection& c, std::int64_t organization_id, dates::Date today,
               const Settings& s) {
  db::Transaction tx(c);
  auto pass = refer_locked(c, organization_id, today, s);
  tx.commit();
  return pass;
}

}  // namespace

int deadline_days(db::Connection& c) {
  auto r = c.run("SELECT value FROM app_settings WHERE key = 'referral_deadline_days'");
  if (r.empty()) return referral::kDefaultDeadlineDays;
  auto n = text::to_int(r.first().str(0));
  if (!n || *n < 1 || *n > referral::kMaxDeadlineDays) return referral::kDefaultDeadlineDays;
  return static_cast<int>(*n);
}

std::int64_t declare(db::Connection& c, std::int64_t organization_id,
                     const ranking::FreePlace& place, int at_once,
                     std::optional<std::int64_t> user_id) {
  return c
      .run(
          "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
          "replacement, refer_at_once, state, declared_at, declared_by) VALUES ($1, $2, $3, $4, "
          "$5, $6, 'open', $7, $8) RETURNING id",
          organization_id, std::string(ranking::to_string(place.age)), dates::format(place.from),
          schedule_text(place.schedule), static_cast<std::int64_t>(place.replacement ? 1 : 0),
          static_cast<std::int64_t>(at_once), log::utc_now_iso(), user_id)
      .first()
      .i64(0);
}

std::vector<Place> places_of(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run("SELECT " SGEE_PLACE_COLUMNS
                 " FROM free_places WHERE organization_id = $1 AND (state = 'open' OR "
                 "declared_at >= $2) ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, "
                 "available_from, id",
                 organization_id, iso_seconds_ago(90 * 86400));
  std::vector<Place> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(place_from(r.row(i)));
  load_referrals(c, out);
  return out;
}

std::optional<Place> place(db::Connection& c, std::int64_t organization_id, std::int64_t id) {
  auto r =
      c.run("SELECT " SGEE_PLACE_COLUMNS " FROM free_places WHERE id = $1 AND organization_id = $2",
            id, organization_id);
  if (r.empty()) return std::nullopt;
  std::vector<Place> one{place_from(r.first())};
  load_referrals(c, one);
  return one.front();
}

bool withdraw(db::Connection& c, std::int64_t organization_id, std::int64_t place_id,
              const Settings& s) {
  auto r = c.run(
      "UPDATE free_places SET state = 'withdrawn' WHERE id = $1 AND organization_id = $2 AND "
      "state = 'open' RETURNING id",
      place_id, organization_id);
  if (r.empty()) return false;
  close_others(c, organization_id, place_id, 0, "place_withdrawn", s);
  return true;
}

Pass refer_pending(db::Connection& c, dates::Date today, const Settings& s) {
  auto t = dates::format(today);
  auto orgs = c.run(std::string("SELECT p.organization_id FROM free_places p WHERE p.state = "
                                "'open' AND (p.short_at IS NULL OR p.short_at < $1) AND "
                                "(SELECT COUNT(*) FROM referrals r WHERE r.place_id = p.id AND "
                                "r.state IN ") +
                        kLive +
                        ") < p.refer_at_once UNION SELECT r.organization_id FROM referrals r "
                        "WHERE r.state IN " +
                        kLive +
                        " AND (r.respond_by < $2 OR (r.reminded_at IS NULL AND r.remind_on <= "
                        "$2)) ORDER BY 1",
                    iso_seconds_ago(kShortRetrySeconds), t);
  Pass total;
  // One transaction per provider, each without waiting for the disk but the last, whose durable
  // commit takes the pass's earlier ones with it (SQLite WAL, PostgreSQL: they commit in order).
  // A machine crash in between loses referrals together with their e-mails and events, never one
  // without the other, and the next pass makes them again: a provider's pass is not a flush each.
  std::optional<db::RelaxedDurability> relaxed;
  for (size_t i = 0; i < orgs.size(); ++i) {
    auto org = orgs.row(i).i64(0);
    if (i + 1 < orgs.size()) {
      if (!relaxed) relaxed.emplace(c);
    } else {
      relaxed.reset();
    }
    try {
      auto p = refer_one(c, org, today, s);
      total.providers += p.providers;
      total.referred += p.referred;
      total.expired += p.expired;
      total.reminded += p.reminded;
    } catch (const std::exception& e) {
      // Another server's pass may have raced on a row (the unique referral of a child for a
      // place): this provider waits for the next pass.
      log::error("referral pass failed",
                 {{"organization", std::to_string(org)}, {"error", e.what()}});
    }
  }
  return total;
}

Pass refer_provider(db::Connection& c, std::int64_t organization_id, dates::Date today,
                    const Settings& s) {
  return refer_one(c, organization_id, today, s);
}

std::optional<Referral> referral_of(db::Connection& c, std::int64_t organization_id,
                                    std::int64_t id) {
  auto r = c.run("SELECT " SGEE_REFERRAL_COLUMNS
                 " FROM referrals r JOIN portail_children ch ON ch.id = r.child_id "
                 "WHERE r.id = $1 AND r.organization_id = $2",
                 id, organization_id);
  if (r.empty()) return std::nullopt;
  return referral_from(r.first());
}

namespace {

std::vector<Offer> offers(db::Connection& c, std::int64_t user_id, std::optional<std::int64_t> id) {
  auto r = c.run("SELECT " SGEE_REFERRAL_COLUMNS
                 ", o.name, o.number, o.kind, COALESCE(o.installation_kind, ''), f.user_id "
                 "FROM referrals r JOIN portail_children ch ON ch.id = r.child_id "
                 "JOIN family_files f ON f.id = ch.family_id "
                 "JOIN organizations o ON o.id = r.organization_id "
                 "WHERE f.user_id = $1 AND ($2 = 0 OR r.id = $2) ORDER BY r.id DESC",
                 user_id, id.value_or(0));
  std::vector<Offer> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Offer o;
    o.referral = referral_from(row);
    o.provider_name = row.str(16);
    o.provider_number = row.str(17);
    o.provider_kind = row.str(18);
    o.installation_kind = row.str(19);
    o.family_user_id = row.i64(20);
    auto given =
        c.run("SELECT given_name FROM portail_children WHERE id = $1", o.referral.child_id);
    o.child_given_name = given.first().str(0);
    auto p = place(c, o.referral.organization_id, o.referral.place_id);
    if (p) {
      p->referrals.clear();  // another family's children are not the parent's business
      o.place = *p;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::optional<Offer> offer_for_parent(db::Connection& c, std::int64_t user_id, std::int64_t id) {
  if (id <= 0) return std::nullopt;
  auto all = offers(c, user_id, id);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::vector<Offer> offers_of_parent(db::Connection& c, std::int64_t user_id) {
  return offers(c, user_id, std::nullopt);
}

bool parent_answer(db::Connection& c, std::int64_t referral_id, bool accept,
                   const std::string& reason, dates::Date today, const Settings& s) {
  auto now = log::utc_now_iso();
  auto r = c.run(
      "SELECT place_id, child_id, organization_id FROM referrals WHERE id = $1 AND "
      "state = 'referred'",
      referral_id);
  if (r.empty()) return false;
  auto place_id = r.first().i64(0), child = r.first().i64(1), org = r.first().i64(2);
  if (accept) {
    // The provider now has the deadline to admit.
    auto due = referral::respond_by(today, s.deadline_days);
    c.run(
        "UPDATE referrals SET state = 'accepted', parent_answer_at = $2, respond_by = $3, "
        "remind_on = $4, reminded_at = NULL WHERE id = $1",
        referral_id, now, dates::format(due), dates::format(referral::reminder_day(today, due)));
    event(c, org, "referral_accepted", referral_id, place_id, child,
          {{"respond_by", dates::format(due)}});
    mail_provider(c, org, "provider_accepted", dates::format(due), s);
  } else {
    c.run(
        "UPDATE referrals SET state = 'declined_parent', parent_answer_at = $2, reason = $3 "
        "WHERE id = $1",
        referral_id, now, reason);
    event(c, org, "referral_declined", referral_id, place_id, child, {{"by", "parent"}});
    mail_provider(c, org, "provider_declined", "", s);
  }
  return true;
}

bool provider_decline(db::Connection& c, std::int64_t organization_id, std::int64_t referral_id,
                      const std::string& reason, const Settings& s) {
  auto r = c.run(std::string("SELECT place_id, child_id FROM referrals WHERE id = $1 AND "
                             "organization_id = $2 AND state IN ") +
                     kLive,
                 referral_id, organization_id);
  if (r.empty()) return false;
  auto place_id = r.first().i64(0), child = r.first().i64(1);
  c.run(
      "UPDATE referrals SET state = 'declined_provider', provider_answer_at = $2, reason = $3 "
      "WHERE id = $1",
      referral_id, log::utc_now_iso(), reason);
  event(c, organization_id, "referral_declined", referral_id, place_id, child,
        {{"by", "provider"}});
  mail_parent(c, child, organization_id, referral_id, "declined", "", s);
  return true;
}

std::optional<std::int64_t> admit(db::Connection& c, std::int64_t organization_id,
                                  std::int64_t referral_id, dates::Date planned_start,
                                  std::optional<std::int64_t> user_id, const Settings& s) {
  auto r = c.run(std::string("SELECT r.place_id, r.child_id, r.priority FROM referrals r JOIN "
                             "free_places p ON p.id = r.place_id WHERE r.id = $1 AND "
                             "r.organization_id = $2 AND p.state = 'open' AND r.state IN ") +
                     kLive,
                 referral_id, organization_id);
  if (r.empty()) return std::nullopt;
  auto place_id = r.first().i64(0), child = r.first().i64(1);
  if (admission_store::current(c, child, organization_id)) return std::nullopt;
  admission_store::AdmitInput in;
  in.child_id = child;
  in.organization_id = organization_id;
  in.planned_start = planned_start;
  in.priority = r.first().opt_str(2);
  in.user_id = user_id;
  in.place_id = place_id;
  in.referral_id = referral_id;
  auto admission = admission_store::admit(c, in);
  auto now = log::utc_now_iso();
  c.run("UPDATE referrals SET state = 'admitted', provider_answer_at = $2 WHERE id = $1",
        referral_id, now);
  c.run("UPDATE free_places SET state = 'filled', filled_at = $2, admission_id = $3 WHERE id = $1",
        place_id, now, admission);
  close_others(c, organization_id, place_id, referral_id, "place_filled", s);
  mail_parent(c, child, organization_id, referral_id, "admitted", dates::format(planned_start), s);
  return admission;
}

namespace {

int days_between_iso(const std::string& a, const std::string& b) {
  auto da = dates::parse(a.substr(0, 10)), db_ = dates::parse(b.substr(0, 10));
  if (!da || !db_) return 0;
  return std::max(0, dates::days_between(*da, *db_));
}

}  // namespace

FillTime fill_time(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run(
      "SELECT declared_at, filled_at FROM free_places WHERE organization_id = $1 AND state = "
      "'filled' AND filled_at IS NOT NULL",
      organization_id);
  std::vector<int> days;
  for (size_t i = 0; i < r.size(); ++i)
    days.push_back(days_between_iso(r.row(i).str(0), r.row(i).str(1)));
  return {static_cast<int>(days.size()), referral::median_days(days)};
}

std::vector<RegionFillTime> fill_time_by_region(db::Connection& c) {
  auto r = c.run(
      "SELECT COALESCE(o.region, ''), p.state, p.declared_at, p.filled_at FROM free_places p "
      "JOIN organizations o ON o.id = p.organization_id WHERE p.state IN ('open', 'filled')");
  std::map<std::string, std::pair<std::vector<int>, int>> by;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    auto& [days, open] = by[row.str(0)];
    if (row.str(1) == "open")
      ++open;
    else if (!row.is_null(3))
      days.push_back(days_between_iso(row.str(2), row.str(3)));
  }
  std::vector<RegionFillTime> out;
  for (auto& [region, v] : by)
    out.push_back(
        {region, {static_cast<int>(v.first.size()), referral::median_days(v.first)}, v.second});
  return out;
}

}  // namespace sgee::portail::referral_store
