#include "portail/bc_store.hpp"

#include <nlohmann/json.hpp>

#include "access/store.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/events_store.hpp"

namespace sgee::portail::bc_store {

namespace {

#define SGEE_BC_ADMISSION_COLUMNS                                                        \
  "a.id, a.child_id, o.id, a.state, a.planned_start, a.admitted_at, a.confirmed_at, "    \
  "ch.given_name, ch.surname, ch.confirmation_number, ch.birth_date, o.number, o.name, " \
  "COALESCE(ua.given_name, ''), COALESCE(ua.surname, ''), COALESCE(uc.given_name, ''), " \
  "COALESCE(uc.surname, ''), fam.user_id FROM admissions a "                             \
  "JOIN organizations o ON o.id = a.organization_id "                                    \
  "AND o.kind = 'rsge' JOIN portail_children ch ON ch.id = a.child_id "                  \
  "JOIN family_files fam ON fam.id = ch.family_id "                                      \
  "LEFT JOIN users ua ON ua.id = a.admitted_by LEFT JOIN users uc ON uc.id = a.confirmed_by "

std::string name_of(const std::string& given, const std::string& surname) {
  if (given.empty()) return surname;
  return surname.empty() ? given : given + " " + surname;
}

BcAdmission from(const db::Row& r) {
  BcAdmission a;
  a.id = r.i64(0);
  a.child_id = r.i64(1);
  a.rsge_id = r.i64(2);
  a.state = r.str(3);
  a.planned_start = r.str(4);
  a.admitted_at = r.str(5);
  a.confirmed_at = r.opt_str(6);
  a.child_given_name = r.str(7);
  a.child_surname = r.str(8);
  a.confirmation_number = r.str(9);
  a.birth_date = r.str(10);
  a.rsge_number = r.str(11);
  a.rsge_name = r.str(12);
  a.admitted_by = name_of(r.str(13), r.str(14));
  a.confirmed_by = name_of(r.str(15), r.str(16));
  a.parent_user_id = r.opt_i64(17);
  return a;
}

}  // namespace

std::vector<BcAdmission> admissions_of_bc(db::Connection& c, std::int64_t bc_id,
                                          const std::vector<std::string>& states,
                                          std::optional<std::int64_t> rsge_id) {
  // The states are the caller's words, never the URL's: at most four fixed values.
  std::string in;
  for (const auto& s : states) {
    if (s != "admitted" && s != "confirmed" && s != "ended" && s != "cancelled") continue;
    in += (in.empty() ? "'" : ", '") + s + "'";
  }
  auto r =
      c.run("SELECT " SGEE_BC_ADMISSION_COLUMNS "WHERE o.parent_id = $1 AND ($2 = 0 OR o.id = $2)" +
                (in.empty() ? std::string() : " AND a.state IN (" + in + ")") +
                " ORDER BY a.admitted_at, a.id",
            bc_id, rsge_id.value_or(0));
  std::vector<BcAdmission> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(from(r.row(i)));
  return out;
}

bool matches(const BcAdmission& a, const std::string& search) {
  auto key = text::search_key(text::trim(search));
  if (key.empty()) return true;
  for (const auto& field :
       {a.child_given_name + " " + a.child_surname, a.child_surname + " " + a.child_given_name,
        a.rsge_name, a.confirmation_number})
    if (text::search_key(field).find(key) != std::string::npos) return true;
  return false;
}

std::optional<BcAdmission> admission_of_bc(db::Connection& c, std::int64_t bc_id, std::int64_t id) {
  auto r =
      c.run("SELECT " SGEE_BC_ADMISSION_COLUMNS "WHERE a.id = $1 AND o.parent_id = $2", id, bc_id);
  if (r.empty()) return std::nullopt;
  return from(r.first());
}

Confirmed confirm(db::Connection& c, std::int64_t bc_id, const BcAdmission& a,
                  std::optional<std::int64_t> user_id, std::optional<std::int64_t> access_code_id) {
  auto now = log::utc_now_iso();
  // The state is checked by the UPDATE itself: of two confirmations at once, one changes the row.
  auto changed = c.run(
      "UPDATE admissions SET state = 'confirmed', confirmed_at = $1, confirmed_by = $2, "
      "confirmed_by_code = $3 WHERE id = $4 AND state = 'admitted' RETURNING id",
      now, user_id, access_code_id, a.id);
  if (changed.empty()) return Confirmed::not_admitted;
  nlohmann::json data = {{"admission", a.id},
                         {"confirmation_number", a.confirmation_number},
                         {"planned_start", a.planned_start},
                         {"rsge", a.rsge_number},
                         {"confirmed_at", now}};
  if (access_code_id) data["by_software"] = true;
  events::add(c, a.rsge_id, "confirmation", data.dump());
  events::add(c, bc_id, "confirmation", data.dump());
  // The RSGE is told by e-mail: the admission's number and planned start, no child's name.
  std::vector<std::string> to;
  auto contact =
      c.run("SELECT email FROM rsge_contacts WHERE rsge_id = $1 AND email <> ''", a.rsge_id);
  if (!contact.empty()) {
    to.push_back(contact.first().str(0));
  } else {
    auto users = c.run(
        "SELECT email FROM users WHERE organization_id = $1 AND email IS NOT NULL "
        "AND disabled_at IS NULL ORDER BY id",
        a.rsge_id);
    for (size_t i = 0; i < users.size(); ++i) to.push_back(users.row(i).str(0));
  }
  for (const auto& address : to)
    access::store::queue_mail(c, address, "sgee — admission confirmée / admission confirmed",
                              "Bonjour,\n\nVotre bureau coordonnateur a confirmé l'admission no " +
                                  std::to_string(a.id) + " (début prévu le " + a.planned_start +
                                  "). Voyez-la dans sgee, section Portail.\n\n"
                                  "Hello,\n\nYour coordinating office confirmed admission no. " +
                                  std::to_string(a.id) + " (planned start " + a.planned_start +
                                  "). See it in sgee, Portail section.\n");
  return Confirmed::done;
}

namespace {

#define SGEE_REGISTRY_COLUMNS                                                                     \
  "o.id, o.number, o.name, COALESCE(o.municipality, ''), o.places, "                              \
  "COALESCE(o.recognition_status, ''), f.published, m.rsge_id, COALESCE(k.phone, ''), "           \
  "COALESCE(k.email, ''), "                                                                       \
  "(SELECT COUNT(*) FROM admissions a WHERE a.organization_id = o.id AND a.state = 'admitted'), " \
  "(SELECT COUNT(*) FROM admissions a WHERE a.organization_id = o.id AND a.state = 'confirmed') " \
  "FROM organizations o LEFT JOIN fiches f ON f.organization_id = o.id "                          \
  "LEFT JOIN bc_admission_mandates m ON m.rsge_id = o.id "                                        \
  "LEFT JOIN rsge_contacts k ON k.rsge_id = o.id "

RegistryRow registry_from(db::Connection& c, const db::Row& row, const std::string& today) {
  RegistryRow r;
  r.id = row.i64(0);
  r.number = row.str(1);
  r.name = row.str(2);
  r.municipality = row.str(3);
  r.places = row.opt_i64(4);
  r.recognition_status = row.str(5);
  r.adhesion = row.is_null(6) ? "jamais" : row.i64(6) != 0 ? "publiee" : "non-publiee";
  r.mandate = !row.is_null(7);
  r.phone = row.str(8);
  r.email = row.str(9);
  r.to_confirm = row.i64(10);
  r.admitted = row.i64(11);
  for (const auto& s : access::store::suspensions_of(c, r.id)) {
    bool started = s.start_date <= today;
    bool over = s.end_date && *s.end_date < today;
    if (!started || over) continue;
    r.suspended_now = true;
    r.suspended_until = s.end_date.value_or("");
    r.shown_from = s.shown_from.value_or("");
    r.hidden_from_map = !s.shown_from || *s.shown_from > today;
    break;
  }
  return r;
}

}  // namespace

std::vector<RegistryRow> registry(db::Connection& c, std::int64_t bc_id, dates::Date today) {
  auto r = c.run("SELECT " SGEE_REGISTRY_COLUMNS
                 "WHERE o.parent_id = $1 AND o.kind = 'rsge' ORDER BY o.name, o.number",
                 bc_id);
  auto day = dates::format(today);
  std::vector<RegistryRow> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(registry_from(c, r.row(i), day));
  return out;
}

std::optional<RegistryRow> registry_row(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id,
                                        dates::Date today) {
  auto r = c.run("SELECT " SGEE_REGISTRY_COLUMNS
                 "WHERE o.id = $1 AND o.parent_id = $2 AND o.kind = 'rsge'",
                 rsge_id, bc_id);
  if (r.empty()) return std::nullopt;
  return registry_from(c, r.first(), dates::format(today));
}

void save_contact(db::Connection& c, std::int64_t rsge_id, const Contact& contact,
                  std::optional<std::int64_t> user_id) {
  c.run(
      "INSERT INTO rsge_contacts (rsge_id, phone, email, updated_at, updated_by) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (rsge_id) DO UPDATE SET phone = excluded.phone, "
      "email = excluded.email, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      rsge_id, contact.phone, contact.email, log::utc_now_iso(), user_id);
}

Counts counts(db::Connection& c, std::int64_t bc_id) {
  Counts out;
  auto r = c.run(
      "SELECT f.published, COUNT(*) FROM organizations o LEFT JOIN fiches f "
      "ON f.organization_id = o.id WHERE o.parent_id = $1 AND o.kind = 'rsge' "
      "GROUP BY f.published",
      bc_id);
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    if (row.is_null(0))
      out.never_started += row.i64(1);
    else if (row.i64(0) != 0)
      out.published += row.i64(1);
    else
      out.unpublished += row.i64(1);
  }
  out.to_confirm = c.run(
                        "SELECT COUNT(*) FROM admissions a JOIN organizations o ON o.id = "
                        "a.organization_id WHERE o.parent_id = $1 AND o.kind = 'rsge' AND "
                        "a.state = 'admitted'",
                        bc_id)
                       .first()
                       .i64(0);
  return out;
}

}  // namespace sgee::portail::bc_store
