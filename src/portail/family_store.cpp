#include "portail/family_store.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "geo/addresses.hpp"
#include "platform/date.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/search_store.hpp"

namespace sgee::portail::family_store {

namespace {

std::optional<std::string> opt(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Column lists as macros: joined to each query at compile time.
#define SGEE_CHILD_COLUMNS                                                                    \
  "id, family_id, confirmation_number, surname, given_name, birth_date, sex, special_needs, " \
  "COALESCE(special_needs_text, ''), COALESCE(desired_start, ''), schedule, accept_partial, " \
  "accept_replacement, priority_criteria"

std::string codes_text(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) out += (out.empty() ? "" : ",") + code;
  return out;
}

Child child_from(const db::Row& r) {
  Child ch;
  ch.id = r.i64(0);
  ch.family_id = r.i64(1);
  ch.confirmation_number = r.str(2);
  ch.data.surname = r.str(3);
  ch.data.given_name = r.str(4);
  ch.data.birth_date = r.str(5);
  ch.data.sex = r.str(6);
  ch.data.special_needs = r.i64(7) != 0;
  ch.data.special_needs_text = r.str(8);
  ch.data.desired_start = r.str(9);
  ch.data.schedule = parse_schedule(r.str(10)).value_or(WeekMasks{});
  ch.data.accept_partial = r.i64(11) != 0;
  ch.data.accept_replacement = r.i64(12) != 0;
  auto criteria = r.str(13);  // split() views into it: it must outlive the loop
  for (auto code : text::split(criteria, ','))
    if (!code.empty()) ch.data.priority_criteria.emplace_back(code);
  return ch;
}

}  // namespace

std::optional<HomeAddress> reference_address(db::Connection& c, const std::string& civic_number,
                                             const std::string& street,
                                             const std::string& municipality) {
  auto a = geo::find_address(c, civic_number, street, municipality);
  if (!a) return std::nullopt;
  return HomeAddress{a->civic_number, a->street,   a->municipality,
                     a->postal_code,  a->latitude, a->longitude};
}

std::optional<Family> family_of_user(db::Connection& c, std::int64_t user_id) {
  auto r = c.run(
      "SELECT id, user_id, parent1_surname, parent1_given_name, COALESCE(parent2_surname, ''), "
      "COALESCE(parent2_given_name, ''), COALESCE(parent2_email, ''), COALESCE(civic_number, ''), "
      "COALESCE(street, ''), COALESCE(municipality, ''), COALESCE(postal_code, ''), latitude, "
      "longitude, COALESCE(phone, ''), language FROM family_files WHERE user_id = $1",
      user_id);
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  Family f;
  f.id = row.i64(0);
  f.user_id = row.i64(1);
  f.parent1_surname = row.str(2);
  f.parent1_given_name = row.str(3);
  f.parent2_surname = row.str(4);
  f.parent2_given_name = row.str(5);
  f.parent2_email = row.str(6);
  f.address = {row.str(7), row.str(8), row.str(9), row.str(10), {}, {}};
  if (!row.is_null(11)) f.address.latitude = row.f64(11);
  if (!row.is_null(12)) f.address.longitude = row.f64(12);
  f.phone = row.str(13);
  f.language = row.str(14);
  return f;
}

std::int64_t save_family(db::Connection& c, const Family& f) {
  auto now = log::utc_now_iso();
  const auto& a = f.address;
  if (f.id == 0)
    return c
        .run(
            "INSERT INTO family_files (user_id, parent1_surname, parent1_given_name, "
            "parent2_surname, parent2_given_name, parent2_email, civic_number, street, "
            "municipality, postal_code, latitude, longitude, phone, language, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            "$15, $15) RETURNING id",
            f.user_id, f.parent1_surname, f.parent1_given_name, opt(f.parent2_surname),
            opt(f.parent2_given_name), opt(f.parent2_email), a.civic_number, a.street,
            a.municipality, a.postal_code, a.latitude, a.longitude, f.phone, f.language, now)
        .first()
        .i64(0);
  c.run(
      "UPDATE family_files SET parent1_surname = $2, parent1_given_name = $3, parent2_surname = "
      "$4, parent2_given_name = $5, parent2_email = $6, civic_number = $7, street = $8, "
      "municipality = $9, postal_code = $10, latitude = $11, longitude = $12, phone = $13, "
      "language = $14, updated_at = $15 WHERE id = $1",
      f.id, f.parent1_surname, f.parent1_given_name, opt(f.parent2_surname),
      opt(f.parent2_given_name), opt(f.parent2_email), a.civic_number, a.street, a.municipality,
      a.postal_code, a.latitude, a.longitude, f.phone, f.language, now);
  return f.id;
}

namespace {

// Withdraws a child from the Portail (POR-01: what the law lets a parent ask): its choices, the
// ranks it was shown, its referrals and admissions go. A provider keeps what its registry holds
// (the dossier); the events its software pulled name the child by confirmation number only.
void forget_child(db::Connection& c, std::int64_t child_id) {
  c.run("DELETE FROM portail_choices WHERE child_id = $1", child_id);
  c.run("DELETE FROM rank_seen WHERE child_id = $1", child_id);
  c.run("DELETE FROM child_consultations WHERE child_id = $1", child_id);
  c.run("DELETE FROM referrals WHERE child_id = $1", child_id);
  c.run(
      "UPDATE free_places SET admission_id = NULL WHERE admission_id IN (SELECT id FROM "
      "admissions WHERE child_id = $1)",
      child_id);
  c.run("DELETE FROM admissions WHERE child_id = $1", child_id);
  c.run("UPDATE admission_lookups SET child_id = NULL WHERE child_id = $1", child_id);
  // Its message threads with providers (migration 0023), their messages and unread counts.
  for (const auto* table : {"message_unread", "messages"})
    c.run(std::string("DELETE FROM ") + table +
              " WHERE thread_id IN (SELECT id FROM message_threads WHERE child_id = $1)",
          child_id);
  c.run("DELETE FROM message_threads WHERE child_id = $1", child_id);
  c.run("DELETE FROM portail_children WHERE id = $1", child_id);
}

}  // namespace

Deleted delete_family(db::Connection& c, std::int64_t family_id) {
  Deleted d;
  d.choices = c.run(
                   "SELECT COUNT(*) FROM portail_choices WHERE child_id IN (SELECT id FROM "
                   "portail_children WHERE family_id = $1)",
                   family_id)
                  .first()
                  .i64(0);
  d.children =
      c.run("SELECT COUNT(*) FROM portail_children WHERE family_id = $1", family_id).first().i64(0);
  auto kids = c.run("SELECT id FROM portail_children WHERE family_id = $1", family_id);
  for (size_t i = 0; i < kids.size(); ++i) forget_child(c, kids.row(i).i64(0));
  c.run("DELETE FROM family_files WHERE id = $1", family_id);
  return d;
}

std::vector<Child> children_of(db::Connection& c, std::int64_t family_id) {
  auto r = c.run("SELECT " SGEE_CHILD_COLUMNS
                 ", (SELECT COUNT(*) FROM portail_choices WHERE child_id = portail_children.id) "
                 "FROM portail_children WHERE family_id = $1 ORDER BY id",
                 family_id);
  std::vector<Child> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back(child_from(row));
    out.back().choices = row.i64(14);
  }
  return out;
}

std::optional<Child> child(db::Connection& c, std::int64_t family_id, std::int64_t child_id) {
  auto r =
      c.run("SELECT " SGEE_CHILD_COLUMNS " FROM portail_children WHERE id = $1 AND family_id = $2",
            child_id, family_id);
  if (r.empty()) return std::nullopt;
  return child_from(r.first());
}

Child add_child(db::Connection& c, std::int64_t family_id, const ChildInput& d) {
  auto now = log::utc_now_iso();
  // 31^9 numbers for ~30,000 children: a collision is rare; the unique constraint tells it and
  // another number is drawn (ON CONFLICT DO NOTHING keeps the transaction usable on PostgreSQL).
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    auto number = confirmation_number_from(bytes);
    if (!number) continue;
    auto r = c.run(
        "INSERT INTO portail_children (family_id, confirmation_number, surname, given_name, "
        "birth_date, sex, special_needs, special_needs_text, desired_start, schedule, "
        "accept_partial, accept_replacement, created_at, updated_at, priority_criteria) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) ON CONFLICT "
        "(confirmation_number) DO NOTHING RETURNING id",
        family_id, *number, d.surname, d.given_name, d.birth_date, d.sex, d.special_needs,
        d.special_needs ? opt(d.special_needs_text) : std::nullopt, opt(d.desired_start),
        schedule_text(d.schedule), d.accept_partial, d.accept_replacement, now,
        codes_text(d.priority_criteria));
    if (r.empty()) continue;
    Child ch;
    ch.id = r.first().i64(0);
    ch.family_id = family_id;
    ch.confirmation_number = *number;
    ch.data = d;
    return ch;
  }
  throw std::runtime_error("no free confirmation number after 20 draws");
}

void update_child(db::Connection& c, std::int64_t family_id, std::int64_t child_id,
                  const ChildInput& d) {
  c.run(
      "UPDATE portail_children SET surname = $3, given_name = $4, birth_date = $5, sex = $6, "
      "special_needs = $7, special_needs_text = $8, desired_start = $9, schedule = $10, "
      "accept_partial = $11, accept_replacement = $12, updated_at = $13, priority_criteria = $14 "
      "WHERE id = $1 AND family_id = $2",
      child_id, family_id, d.surname, d.given_name, d.birth_date, d.sex, d.special_needs,
      d.special_needs ? opt(d.special_needs_text) : std::nullopt, opt(d.desired_start),
      schedule_text(d.schedule), d.accept_partial, d.accept_replacement, log::utc_now_iso(),
      codes_text(d.priority_criteria));
  // Without special needs, there is nothing to share any more.
  if (!d.special_needs)
    c.run(
        "UPDATE portail_choices SET share_special_needs = 0 WHERE child_id = $1 AND child_id IN "
        "(SELECT id FROM portail_children WHERE family_id = $2)",
        child_id, family_id);
}

bool delete_child(db::Connection& c, std::int64_t family_id, std::int64_t child_id) {
  if (!child(c, family_id, child_id)) return false;
  forget_child(c, child_id);
  return true;
}

namespace {
#define SGEE_PROVIDER_COLUMNS                                           \
  "o.id, o.number, o.name, o.kind, COALESCE(o.installation_kind, ''), " \
  "COALESCE(o.municipality, '')"
Provider provider_from(const db::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)};
}
}  // namespace

std::optional<Provider> choosable_provider(db::Connection& c, const std::string& number) {
  auto r = c.run("SELECT " SGEE_PROVIDER_COLUMNS
                 " FROM organizations o JOIN fiches f ON f.organization_id = o.id WHERE "
                 "o.number = $1 AND f.published = 1 AND (o.kind = 'rsge' OR (o.kind = "
                 "'installation' AND o.installation_kind IN ('CPE', 'GS', 'GNS'))) AND " +
                     search::not_suspended_sql("o", "$2"),
                 number, dates::format(dates::today_in_quebec()));
  if (r.empty()) return std::nullopt;
  return provider_from(r.first());
}

std::vector<Choice> choices_of(db::Connection& c, std::int64_t child_id) {
  auto r = c.run("SELECT " SGEE_PROVIDER_COLUMNS
                 ", ch.share_special_needs, ch.chosen_at FROM portail_choices ch JOIN "
                 "organizations o ON o.id = ch.organization_id WHERE ch.child_id = $1 "
                 "ORDER BY ch.chosen_at, o.name",
                 child_id);
  std::vector<Choice> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({provider_from(row), row.i64(6) != 0, row.str(7)});
  }
  return out;
}

std::vector<std::pair<std::int64_t, bool>> choosers(db::Connection& c, std::int64_t family_id,
                                                    std::int64_t organization_id) {
  auto r = c.run(
      "SELECT ch.child_id, ch.share_special_needs FROM portail_choices ch JOIN portail_children "
      "k ON k.id = ch.child_id WHERE k.family_id = $1 AND ch.organization_id = $2",
      family_id, organization_id);
  std::vector<std::pair<std::int64_t, bool>> out;
  for (size_t i = 0; i < r.size(); ++i) out.emplace_back(r.row(i).i64(0), r.row(i).i64(1) != 0);
  return out;
}

void set_choice(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                bool share_special_needs, const std::string& now) {
  c.run(
      "INSERT INTO portail_choices (child_id, organization_id, share_special_needs, chosen_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (child_id, organization_id) DO UPDATE SET "
      "share_special_needs = excluded.share_special_needs",
      child_id, organization_id, share_special_needs, now);
}

bool remove_choice(db::Connection& c, std::int64_t child_id, std::int64_t organization_id) {
  bool had = !c.run("SELECT 1 FROM portail_choices WHERE child_id = $1 AND organization_id = $2",
                    child_id, organization_id)
                  .empty();
  if (had) {
    c.run("DELETE FROM portail_choices WHERE child_id = $1 AND organization_id = $2", child_id,
          organization_id);
    c.run("DELETE FROM rank_seen WHERE child_id = $1 AND organization_id = $2", child_id,
          organization_id);
  }
  return had;
}

}  // namespace sgee::portail::family_store
