#include "access/store.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include "access/rules.hpp"
#include "platform/date.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::access::store {
namespace {

const char* kOrgColumns =
    "id, kind, number, name, parent_id, legal_form, neq, installation_kind, recognition_status, "
    "territory, "
    "places_0_17, places_18_59, places_school, places, civic_number, street, municipality, "
    "postal_code, latitude, longitude, region";

Organization org_from(const db::Row& r) {
  Organization o;
  o.id = r.i64(0);
  o.kind = org_kind_from(r.str(1)).value_or(OrgKind::division);
  o.number = r.str(2);
  o.name = r.str(3);
  o.parent_id = r.opt_i64(4);
  o.legal_form = r.opt_str(5);
  o.neq = r.opt_str(6);
  o.installation_kind = r.opt_str(7);
  o.recognition_status = r.opt_str(8);
  o.territory = r.opt_str(9);
  o.places_0_17 = r.opt_i64(10);
  o.places_18_59 = r.opt_i64(11);
  o.places_school = r.opt_i64(12);
  o.places = r.opt_i64(13);
  o.civic_number = r.opt_str(14);
  o.street = r.opt_str(15);
  o.municipality = r.opt_str(16);
  o.postal_code = r.opt_str(17);
  if (!r.is_null(18)) o.latitude = r.f64(18);
  if (!r.is_null(19)) o.longitude = r.f64(19);
  o.region = r.opt_str(20);
  return o;
}

std::vector<Organization> orgs_from(const db::Result& res) {
  std::vector<Organization> out;
  for (size_t i = 0; i < res.size(); ++i) out.push_back(org_from(res.row(i)));
  return out;
}

}  // namespace

std::string hash_secret(const std::string& secret) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  return text::hex(h, sizeof h);
}

std::int64_t add_organization(db::Connection& c, const Organization& o) {
  if (o.kind != OrgKind::ministry && organization_by_number(c, o.number))
    throw Refused("number " + o.number + " is already used by another organization");
  if (o.kind == OrgKind::installation || o.kind == OrgKind::bc || o.kind == OrgKind::rsge) {
    auto want = o.kind == OrgKind::rsge ? OrgKind::bc : OrgKind::division;
    auto parent = o.parent_id ? organization(c, *o.parent_id) : std::nullopt;
    if (!parent || parent->kind != want)
      throw Refused(std::string("the parent of a ") + std::string(to_string(o.kind)) +
                    " must be a " + std::string(to_string(want)));
  }
  auto r = c.run(
      "INSERT INTO organizations (kind, number, name, parent_id, legal_form, neq, "
      "installation_kind, "
      "recognition_status, territory, places_0_17, places_18_59, places_school, places, "
      "civic_number, street, municipality, postal_code, latitude, longitude, created_at, region) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, $20, $21) RETURNING id",
      std::string(to_string(o.kind)),
      o.kind == OrgKind::ministry ? std::optional<std::string>() : o.number, o.name, o.parent_id,
      o.legal_form, o.neq, o.installation_kind, o.recognition_status, o.territory, o.places_0_17,
      o.places_18_59, o.places_school, o.places, o.civic_number, o.street, o.municipality,
      o.postal_code, o.latitude, o.longitude, log::utc_now_iso(), o.region);
  return r.first().i64(0);
}

std::optional<Organization> organization(db::Connection& c, std::int64_t id) {
  auto r = c.run(std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return org_from(r.row(0));
}

std::optional<Organization> organization_by_number(db::Connection& c, const std::string& number) {
  auto r =
      c.run(std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE number = $1", number);
  if (r.empty()) return std::nullopt;
  return org_from(r.row(0));
}

std::vector<Organization> children_of(db::Connection& c, std::int64_t id) {
  return orgs_from(c.run(std::string("SELECT ") + kOrgColumns +
                             " FROM organizations WHERE parent_id = $1 ORDER BY number",
                         id));
}

std::optional<std::string> shown_from(const std::optional<std::string>& end_date,
                                      std::int64_t days_before) {
  if (!end_date) return std::nullopt;
  auto end = dates::parse(*end_date);
  if (!end) return end_date;
  return dates::format(dates::add_days(*end, 1 - static_cast<int>(days_before)));
}

std::vector<Suspension> suspensions_of(db::Connection& c, std::int64_t rsge_id) {
  auto r = c.run(
      "SELECT id, start_date, end_date, COALESCE(reason, ''), show_days_before, shown_from, "
      "added_by FROM rsge_suspensions WHERE rsge_id = $1 ORDER BY start_date DESC, id DESC",
      rsge_id);
  std::vector<Suspension> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.i64(0), row.str(1), row.opt_str(2), row.str(3), row.i64(4), row.opt_str(5),
                   row.opt_i64(6)});
  }
  return out;
}

std::int64_t add_suspension(db::Connection& c, std::int64_t rsge_id, const Suspension& s) {
  return c
      .run(
          "INSERT INTO rsge_suspensions (rsge_id, start_date, end_date, reason, "
          "show_days_before, shown_from, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
          "$8) RETURNING id",
          rsge_id, s.start_date, s.end_date, s.reason, s.show_days_before,
          shown_from(s.end_date, s.show_days_before), log::utc_now_iso(), s.added_by)
      .first()
      .i64(0);
}

bool end_suspension(db::Connection& c, std::int64_t rsge_id, std::int64_t id,
                    const std::string& end_date) {
  auto r = c.run("SELECT show_days_before FROM rsge_suspensions WHERE id = $1 AND rsge_id = $2", id,
                 rsge_id);
  if (r.empty()) return false;
  c.run("UPDATE rsge_suspensions SET end_date = $1, shown_from = $2 WHERE id = $3", end_date,
        shown_from(end_date, r.first().i64(0)), id);
  return true;
}

std::vector<Organization> organizations(db::Connection& c) {
  return orgs_from(c.run(std::string("SELECT ") + kOrgColumns +
                         " FROM organizations ORDER BY kind, number, id"));
}

std::vector<std::int64_t> ancestors_above(db::Connection& c, std::optional<std::int64_t> parent) {
  // A plain lookup per level (a recursive query costs SQLite more for these two or three levels);
  // at most 8 levels: a cycle in the data cannot loop.
  std::vector<std::int64_t> out;
  while (parent && out.size() < 8) {
    out.push_back(*parent);
    auto r = c.run("SELECT parent_id FROM organizations WHERE id = $1", *parent);
    parent = r.empty() ? std::nullopt : r.row(0).opt_i64(0);
  }
  return out;
}

std::vector<std::int64_t> ancestors(db::Connection& c, std::int64_t id) {
  auto r = c.run("SELECT parent_id FROM organizations WHERE id = $1", id);
  return ancestors_above(c, r.empty() ? std::nullopt : r.row(0).opt_i64(0));
}

IssuedCode issue_access_code(db::Connection& c, std::int64_t organization_id,
                             const std::string& label, std::optional<std::int64_t> created_by) {
  IssuedCode out;
  out.code = "sgee_" + text::random_hex(20);
  out.id =
      c.run(
           "INSERT INTO access_codes (organization_id, code_hash, label, created_by, created_at) "
           "VALUES ($1, $2, $3, $4, $5) RETURNING id",
           organization_id, hash_secret(out.code), label, created_by, log::utc_now_iso())
          .first()
          .i64(0);
  return out;
}

std::optional<AccessCodeOwner> use_access_code(db::Connection& c, const std::string& code) {
  auto r = c.run(
      "SELECT id, organization_id, COALESCE(last_used_at, '') FROM access_codes WHERE code_hash "
      "= $1 AND revoked_at IS NULL",
      hash_secret(code));
  if (r.empty()) return std::nullopt;
  AccessCodeOwner owner{r.row(0).i64(0), r.row(0).i64(1)};
  // "Last used" to the minute, as a session's last activity: a software syncing many requests a
  // second then writes once a minute, not once per request (a write would queue every request
  // behind the database's one writer).
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (r.row(0).str(2) < dates::utc_iso(now - 60))
    c.run("UPDATE access_codes SET last_used_at = $1 WHERE id = $2", log::utc_now_iso(),
          owner.code_id);
  return owner;
}

}  // namespace sgee::access::store

namespace sgee::access::store {
namespace {

using Clock = std::chrono::system_clock;

std::string iso(Clock::time_point t) {
  auto tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Invitation codes are compared without regard to case.
std::string upper_ascii(std::string s) {
  for (auto& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

const char* kUserColumns =
    "id, kind, user_code, email, surname, given_name, password_hash, must_change_password, "
    "email_verified_at, totp_enabled, totp_secret, organization_id, is_rse, disabled_at";

User user_from(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.kind = user_kind_from(r.str(1)).value_or(UserKind::parent);
  u.user_code = r.opt_str(2);
  u.email = r.opt_str(3);
  u.surname = r.str(4);
  u.given_name = r.str(5);
  u.password_hash = r.str(6);
  u.must_change_password = r.i64(7) != 0;
  u.email_verified = !r.is_null(8);
  u.totp_enabled = r.i64(9) != 0;
  u.totp_secret = r.opt_str(10);
  u.organization_id = r.opt_i64(11);
  u.is_rse = r.i64(12) != 0;
  u.disabled = !r.is_null(13);
  return u;
}

}  // namespace

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  // argon2id, t=2, m=19 MiB (OWASP's recommended minimum), one lane.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), 2, 19u * 1024 * 1024,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string temporary_password() {
  static const char* alphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // no 0/O, 1/l/I
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(alphabet[randombytes_uniform(55)]);
  }
  return out;
}

std::int64_t add_user(db::Connection& c, const User& u, const std::string& password) {
  return c
      .run(
          "INSERT INTO users (kind, user_code, email, surname, given_name, password_hash, "
          "must_change_password, "
          "email_verified_at, organization_id, is_rse, created_at, sort_key) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
          std::string(to_string(u.kind)), u.user_code,
          u.email ? std::optional<std::string>(text::lower(*u.email)) : std::nullopt, u.surname,
          u.given_name, hash_password(password), u.must_change_password,
          u.email_verified ? std::optional<std::string>(log::utc_now_iso()) : std::nullopt,
          u.organization_id, u.is_rse, log::utc_now_iso(),
          text::search_key(u.surname) + '\t' + text::search_key(u.given_name))
      .first()
      .i64(0);
}

std::optional<User> user(db::Connection& c, std::int64_t id) {
  auto r = c.run(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return user_from(r.row(0));
}

std::optional<User> user_by_login(db::Connection& c, const std::string& login) {
  auto key = text::lower(text::trim(login));
  auto r = c.run(std::string("SELECT ") + kUserColumns +
                     " FROM users WHERE LOWER(user_code) = $1 OR email = $1",
                 key);
  if (r.empty()) return std::nullopt;
  return user_from(r.row(0));
}

void set_password(db::Connection& c, std::int64_t user_id, const std::string& password,
                  bool must_change) {
  c.run("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
        hash_password(password), must_change, user_id);
}

void set_disabled(db::Connection& c, std::int64_t user_id, bool disabled) {
  if (disabled)
    c.run("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL",
          log::utc_now_iso(), user_id);
  else
    c.run("UPDATE users SET disabled_at = NULL WHERE id = $1", user_id);
}

std::string new_user_code(db::Connection& c, UserKind kind) {
  char letter = kind == UserKind::ministry ? 'M' : kind == UserKind::parent ? 'P' : 'E';
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string code(1, letter);
    for (int i = 0; i < 7; ++i) code.push_back(static_cast<char>('0' + randombytes_uniform(10)));
    if (c.run("SELECT 1 FROM users WHERE user_code = $1", code).empty()) return code;
  }
  throw std::runtime_error("could not find a free user code");
}

std::vector<User> users_of_division(db::Connection& c, std::int64_t division_id) {
  auto r = c.run(std::string("SELECT ") + kUserColumns +
                     " FROM users WHERE organization_id = $1 ORDER BY surname, given_name, id",
                 division_id);
  std::vector<User> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(user_from(r.row(i)));
  return out;
}

std::vector<std::pair<std::int64_t, Right>> rights_of(db::Connection& c, std::int64_t user_id) {
  auto r = c.run("SELECT organization_id, right_name FROM user_rights WHERE user_id = $1", user_id);
  std::vector<std::pair<std::int64_t, Right>> out;
  for (size_t i = 0; i < r.size(); ++i)
    if (auto right = right_from(r.row(i).str(1))) out.emplace_back(r.row(i).i64(0), *right);
  return out;
}

void set_rights(db::Connection& c, std::int64_t user_id,
                const std::vector<std::int64_t>& organization_ids,
                const std::vector<std::pair<std::int64_t, Right>>& granted, std::int64_t by) {
  auto before = rights_of(c, user_id);
  auto has = [](const auto& list, std::int64_t org, Right r) {
    return std::find(list.begin(), list.end(), std::make_pair(org, r)) != list.end();
  };
  std::string now = log::utc_now_iso();
  for (auto org : organization_ids) {
    for (auto right : all_rights()) {
      bool was = has(before, org, right), is = has(granted, org, right);
      if (was == is) continue;
      if (is)
        c.run(
            "INSERT INTO user_rights (user_id, organization_id, right_name, granted_by, "
            "granted_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            user_id, org, std::string(to_string(right)), by, now);
      else
        c.run(
            "DELETE FROM user_rights WHERE user_id = $1 AND organization_id = $2 AND right_name = "
            "$3",
            user_id, org, std::string(to_string(right)));
      audit(c, {.user_id = by,
                .organization_id = org,
                .action = is ? "grant" : "revoke",
                .record_type = "user_rights",
                .record_id = std::to_string(user_id),
                .detail = std::string(to_string(right))});
    }
  }
}

std::pair<std::string, Session> create_session(db::Connection& c, std::int64_t user_id,
                                               const std::string& address,
                                               bool second_factor_done) {
  std::string token = text::random_hex(32);
  Session s{hash_secret(token), user_id, text::random_hex(16), second_factor_done};
  auto now = Clock::now();
  c.run(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_done, created_at, "
      "last_seen_at, "
      "expires_at, address) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
      s.token_hash, user_id, s.csrf_token, second_factor_done, iso(now), iso(now + kSessionMax),
      address);
  return {token, s};
}

std::optional<SignedIn> find_signed_in(db::Connection& c, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  // One query for the session, its user and the user's rights (a row per right; one row with
  // no right when there is none): every signed-in page starts with it.
  static const std::string sql = [] {
    std::string user_columns;
    for (auto column : text::split(kUserColumns, ','))
      user_columns += (user_columns.empty() ? "u." : ", u.") + std::string(text::trim(column));
    return "SELECT " + user_columns +
           ", s.token_hash, s.csrf_token, s.second_factor_done, s.last_seen_at, "
           "r.organization_id, r.right_name FROM sessions s JOIN users u ON u.id = s.user_id "
           "LEFT JOIN user_rights r ON r.user_id = u.id WHERE s.token_hash = $1 AND "
           "s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3";
  }();
  static const size_t base = text::split(kUserColumns, ',').size();
  auto now = Clock::now();
  auto r = c.run(sql, hash_secret(token), iso(now), iso(now - kSessionIdle));
  if (r.empty()) return std::nullopt;
  auto first = r.row(0);
  SignedIn out{
      .session = {first.str(base), first.i64(0), first.str(base + 1), first.i64(base + 2) != 0},
      .user = user_from(first),
      .rights = {}};
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    if (row.is_null(base + 4)) continue;
    if (auto right = right_from(row.str(base + 5)))
      out.rights.emplace_back(row.i64(base + 4), *right);
  }
  if (first.str(base + 3) < iso(now - std::chrono::minutes(1)))
    c.run("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", iso(now),
          out.session.token_hash);
  return out;
}

void revoke_session(db::Connection& c, const std::string& token_hash) {
  c.run("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        log::utc_now_iso(), token_hash);
}

void revoke_sessions_of(db::Connection& c, std::int64_t user_id, const std::string& except_hash) {
  c.run(
      "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND token_hash <> $3 AND revoked_at "
      "IS NULL",
      log::utc_now_iso(), user_id, except_hash);
}

void set_totp_secret(db::Connection& c, std::int64_t user_id, const std::string& secret) {
  c.run("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled = 0", secret, user_id);
}

bool use_totp_step(db::Connection& c, std::int64_t user_id, std::int64_t step) {
  // One statement, so that two servers cannot both accept the same code.
  return c.run("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1", step,
               user_id)
             .affected == 1;
}

void enable_totp(db::Connection& c, std::int64_t user_id, bool enabled) {
  if (enabled)
    c.run("UPDATE users SET totp_enabled = 1 WHERE id = $1 AND totp_secret IS NOT NULL", user_id);
  else
    c.run("UPDATE users SET totp_enabled = 0, totp_secret = NULL WHERE id = $1", user_id);
}

void record_sign_in(db::Connection& c, const std::string& account, const std::string& address,
                    bool ok) {
  c.run("INSERT INTO sign_in_attempts (account, address, at, succeeded) VALUES ($1, $2, $3, $4)",
        text::lower(text::trim(account)), address, iso(Clock::now()), ok);
}

SignInHistory recent_failures(db::Connection& c, const std::string& account,
                              const std::string& address) {
  auto now = Clock::now();
  auto since = iso(now - kThrottleWindow);
  auto login = text::lower(text::trim(account));
  SignInHistory h;
  h.account_failures = static_cast<int>(
      c.run(
           "SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND at > $2 AND succeeded = 0",
           login, since)
          .first()
          .i64(0));
  h.address_failures = static_cast<int>(
      c.run(
           "SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1 AND at > $2 AND succeeded = 0",
           address, since)
          .first()
          .i64(0));
  auto last = c.run(
      "SELECT MAX(at) FROM sign_in_attempts WHERE account = $1 AND address = $2 AND at > $3 AND "
      "succeeded = 0",
      login, address, since);
  if (!last.empty() && !last.first().is_null(0)) {
    std::tm tm{};
    auto at = last.first().str(0);
    if (strptime(at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
      auto then = Clock::from_time_t(timegm(&tm));
      h.since_account_failure = std::max(
          std::chrono::seconds(0), std::chrono::duration_cast<std::chrono::seconds>(now - then));
    }
  }
  return h;
}

namespace {
db::GroupWriter* view_writer = nullptr;
const std::string kAuditInsert =
    "INSERT INTO audit_log (at, user_id, access_code_id, organization_id, subject_user_id, action, "
    "record_type, record_id, detail, address, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11)";
}  // namespace

void set_view_writer(db::GroupWriter* writer) {
  view_writer = writer;
}

void write_alone(db::Connection& c, std::string_view sql, std::vector<db::Value> values) {
  bool alone = !c.in_transaction();
  if (alone && view_writer) return view_writer->add(sql, std::move(values));
  std::optional<db::RelaxedDurability> relaxed;
  if (alone) relaxed.emplace(c);
  c.query(sql, values);
}

void audit(db::Connection& c, const AuditEntry& e) {
  // Inside a transaction the row commits with the change it records; alone (a page view), through
  // the server's group writer (write_alone).
  std::vector<db::Value> values{db::to_value(log::utc_now_iso()), db::to_value(e.user_id),
                                db::to_value(e.access_code_id),   db::to_value(e.organization_id),
                                db::to_value(e.subject_user_id),  db::to_value(e.action),
                                db::to_value(e.record_type),      db::to_value(e.record_id),
                                db::to_value(e.detail),           db::to_value(e.address),
                                db::to_value(e.request_id)};
  write_alone(c, kAuditInsert, std::move(values));
}

}  // namespace sgee::access::store

namespace sgee::access::store {

std::vector<Organization> managed_organizations(db::Connection& c, std::int64_t home_id) {
  return orgs_from(c.run(std::string("SELECT ") + kOrgColumns +
                             " FROM organizations WHERE (id = $1 AND kind = 'rsge') OR parent_id = "
                             "$1 OR parent_id IN "
                             "(SELECT id FROM organizations WHERE parent_id = $1 AND kind = 'bc') "
                             "ORDER BY number",
                         home_id));
}

std::vector<Organization> organizations_of_user(db::Connection& c, std::int64_t user_id,
                                                std::int64_t home_id, bool is_rse) {
  if (is_rse)
    return orgs_from(c.run(std::string("SELECT ") + kOrgColumns +
                               " FROM organizations WHERE id = $1 OR parent_id = $1 OR parent_id "
                               "IN (SELECT id FROM organizations WHERE parent_id = $1 AND kind = "
                               "'bc') ORDER BY number",
                           home_id));
  return orgs_from(c.run(std::string("SELECT ") + kOrgColumns +
                             " FROM organizations WHERE id = $1 OR id IN (SELECT organization_id "
                             "FROM user_rights WHERE user_id = $2) ORDER BY number",
                         home_id, user_id));
}

std::optional<Organization> rsge_by_number(db::Connection& c, const std::string& number) {
  auto org = organization_by_number(c, number);
  if (!org || org->kind != OrgKind::rsge) return std::nullopt;
  return org;
}

std::optional<Mandate> bc_mandate(db::Connection& c, std::int64_t rsge_id) {
  auto r = c.run(
      "SELECT m.granted_at, COALESCE(u.given_name || ' ' || u.surname, '') FROM "
      "bc_admission_mandates m LEFT JOIN users u ON u.id = m.granted_by WHERE m.rsge_id = $1",
      rsge_id);
  if (r.empty()) return std::nullopt;
  return Mandate{r.row(0).str(0), r.row(0).str(1)};
}

void grant_bc_mandate(db::Connection& c, std::int64_t rsge_id, std::int64_t granted_by) {
  c.run(
      "INSERT INTO bc_admission_mandates (rsge_id, granted_by, granted_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (rsge_id) DO NOTHING",
      rsge_id, granted_by, log::utc_now_iso());
}

void withdraw_bc_mandate(db::Connection& c, std::int64_t rsge_id) {
  c.run("DELETE FROM bc_admission_mandates WHERE rsge_id = $1", rsge_id);
}

}  // namespace sgee::access::store

namespace sgee::access::store {

void replace_enterprises(db::Connection& c, const std::vector<EnterpriseRow>& rows) {
  // The secrets of each NEQ: the same on every row that gives them.
  std::map<std::string, std::pair<std::string, std::string>> secrets;
  for (const auto& r : rows) {
    auto& [assessment, invitation] = secrets[r.neq];
    auto take = [&](std::string& kept, const std::string& given, const char* what) {
      if (given.empty()) return;
      if (!kept.empty() && kept != given)
        throw Refused(std::string(what) + ": two different values for NEQ " + r.neq);
      kept = given;
    };
    take(assessment, std::string(text::trim(r.assessment_number)), "assessment_number");
    take(invitation, upper_ascii(std::string(text::trim(r.invitation_code))), "invitation_code");
  }
  c.run("DELETE FROM enterprises");
  c.run("DELETE FROM enterprise_secrets");
  for (const auto& r : rows)
    c.run(
        "INSERT INTO enterprises (neq, name, legal_form, officer_surname, officer_given_name, "
        "officer_role) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        r.neq, r.name, r.legal_form, r.officer_surname, r.officer_given_name, r.officer_role);
  auto hashed = [](const std::string& secret) {
    return secret.empty() ? std::optional<std::string>() : hash_password(secret);
  };
  for (const auto& [neq, s] : secrets)
    if (!s.first.empty() || !s.second.empty())
      c.run(
          "INSERT INTO enterprise_secrets (neq, assessment_hash, invitation_hash) VALUES ($1, $2, "
          "$3)",
          neq, hashed(s.first), hashed(s.second));
}

std::optional<EnterpriseRecord> enterprise(db::Connection& c, const std::string& neq) {
  auto r = c.run(
      "SELECT name, legal_form, officer_surname, officer_given_name, officer_role FROM enterprises "
      "WHERE neq = $1 ORDER BY id",
      neq);
  if (r.empty()) return std::nullopt;
  EnterpriseRecord e{neq, r.row(0).str(0), r.row(0).str(1), {}};
  for (size_t i = 0; i < r.size(); ++i)
    e.officers.push_back({r.row(i).str(2), r.row(i).str(3), r.row(i).str(4)});
  auto s = c.run(
      "SELECT assessment_hash IS NOT NULL, invitation_hash IS NOT NULL FROM enterprise_secrets "
      "WHERE neq = $1",
      neq);
  if (!s.empty()) {
    e.assessment_number_on_file = s.first().i64(0) != 0;
    e.invitation_code_on_file = s.first().i64(1) != 0;
  }
  return e;
}

IdentifierMatch match_identifiers(db::Connection& c, const std::string& neq,
                                  const std::string& assessment_number,
                                  const std::string& invitation_code) {
  auto s =
      c.run("SELECT assessment_hash, invitation_hash FROM enterprise_secrets WHERE neq = $1", neq);
  IdentifierMatch m;
  if (s.empty()) return m;
  auto matches = [](const std::optional<std::string>& hash, const std::string& given) {
    return hash && !given.empty() && verify_password(*hash, given);
  };
  m.assessment_number = matches(s.first().opt_str(0), std::string(text::trim(assessment_number)));
  m.invitation_code =
      matches(s.first().opt_str(1), upper_ascii(std::string(text::trim(invitation_code))));
  return m;
}

void lock_organization(db::Connection& c, std::int64_t id) {
  c.run("UPDATE organizations SET name = name WHERE id = $1", id);
}

std::vector<User> rses_of(db::Connection& c, std::int64_t division_id) {
  auto r = c.run(std::string("SELECT ") + kUserColumns +
                     " FROM users WHERE organization_id = $1 AND is_rse = 1 AND disabled_at IS "
                     "NULL ORDER BY id",
                 division_id);
  std::vector<User> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(user_from(r.row(i)));
  return out;
}

void record_enrolment_attempt(db::Connection& c, const std::string& neq, const std::string& address,
                              const std::string& outcome) {
  c.run("INSERT INTO enrolment_attempts (neq, address, at, outcome) VALUES ($1, $2, $3, $4)",
        neq.substr(0, 32), address, iso(Clock::now()), outcome);
}

std::pair<int, int> recent_enrolment_attempts(db::Connection& c, const std::string& neq,
                                              const std::string& address) {
  auto since = iso(Clock::now() - kEnrolmentWindow);
  auto a = c.run(
      "SELECT COUNT(*) FROM enrolment_attempts WHERE neq = $1 AND at > $2 AND outcome = "
      "'deferred'",
      neq.substr(0, 32), since);
  auto b = c.run(
      "SELECT COUNT(*) FROM enrolment_attempts WHERE address = $1 AND at > $2 AND outcome = "
      "'deferred'",
      address, since);
  return {static_cast<int>(a.first().i64(0)), static_cast<int>(b.first().i64(0))};
}

std::optional<Organization> division_by_neq(db::Connection& c, const std::string& neq) {
  auto r = c.run(std::string("SELECT ") + kOrgColumns +
                     " FROM organizations WHERE kind = 'division' AND neq = $1",
                 neq);
  if (r.empty()) return std::nullopt;
  return org_from(r.row(0));
}

namespace {
const char* kEnrolmentColumns =
    "id, legal_form, neq, assessment_number, invitation_code, entity_name, representative_surname, "
    "representative_given_name, representative_role, representative_email, rse_surname, "
    "rse_given_name, rse_email, "
    "status, division_id, rse_user_id, created_at, decision_reason, deferred_reasons";

Enrolment enrolment_from(const db::Row& r) {
  Enrolment e;
  e.id = r.i64(0);
  e.request = {r.str(1), r.str(2), r.str(3), r.str(4),  r.str(5),  r.str(6),
               r.str(7), r.str(8), r.str(9), r.str(10), r.str(11), r.str(12)};
  e.status = r.str(13);
  e.division_id = r.opt_i64(14);
  e.rse_user_id = r.opt_i64(15);
  e.created_at = r.str(16);
  e.decision_reason = r.opt_str(17);
  const std::string reasons = r.opt_str(18).value_or("");
  for (auto key : text::split(reasons, ','))
    if (!key.empty()) e.deferred_reasons.push_back(std::string(key));
  return e;
}
}  // namespace

std::int64_t add_enrolment(db::Connection& c, const EnrolmentRequest& r,
                           const std::vector<std::string>& deferred_reasons) {
  std::string reasons;
  for (const auto& k : deferred_reasons) reasons += (reasons.empty() ? "" : ",") + k;
  return c
      .run(
          "INSERT INTO enrolments (legal_form, neq, entity_name, "
          "representative_surname, representative_given_name, representative_role, "
          "representative_email, rse_surname, rse_given_name, rse_email, status, created_at, "
          "deferred_reasons) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12) RETURNING id",
          r.legal_form, r.neq, r.entity_name, r.representative_surname, r.representative_given_name,
          r.representative_role, text::lower(r.representative_email), r.rse_surname,
          r.rse_given_name, text::lower(r.rse_email), log::utc_now_iso(),
          reasons.empty() ? std::optional<std::string>() : reasons)
      .first()
      .i64(0);
}

std::optional<Enrolment> enrolment(db::Connection& c, std::int64_t id) {
  auto r = c.run(std::string("SELECT ") + kEnrolmentColumns + " FROM enrolments WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return enrolment_from(r.row(0));
}

std::vector<Enrolment> enrolments(db::Connection& c, const std::string& status) {
  auto r = c.run(std::string("SELECT ") + kEnrolmentColumns +
                     " FROM enrolments WHERE status = $1 ORDER BY created_at, id",
                 status);
  std::vector<Enrolment> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(enrolment_from(r.row(i)));
  return out;
}

Activation activate_enrolment(db::Connection& c, std::int64_t enrolment_id,
                              const Organization& division, std::optional<std::int64_t> decided_by,
                              const std::string& replaced_subject,
                              const std::string& replaced_body) {
  auto e = enrolment(c, enrolment_id);
  if (!e || e->status != "pending") throw Refused("this enrolment is not waiting for a decision");
  // The division's RSE is replaced: the former one keeps an account without the role.
  for (const auto& former : rses_of(c, division.id)) {
    c.run("UPDATE users SET is_rse = 0 WHERE id = $1", former.id);
    revoke_sessions_of(c, former.id);
    if (former.email && !replaced_subject.empty())
      queue_mail(c, *former.email, replaced_subject, replaced_body);
    audit(c, {.user_id = decided_by,
              .organization_id = division.id,
              .subject_user_id = former.id,
              .action = "rse_replaced",
              .record_type = "user",
              .record_id = std::to_string(former.id),
              .detail = "enrolment " + std::to_string(enrolment_id)});
  }
  User u;
  u.kind = UserKind::enterprise;
  u.user_code = new_user_code(c, UserKind::enterprise);
  u.surname = e->request.rse_surname;
  u.given_name = e->request.rse_given_name;
  if (!user_by_login(c, e->request.rse_email)) u.email = e->request.rse_email;
  u.must_change_password = true;
  u.organization_id = division.id;
  u.is_rse = true;
  Activation a{*u.user_code, temporary_password()};
  auto id = add_user(c, u, a.temporary_password);
  c.run(
      "UPDATE enrolments SET status = 'active', division_id = $1, rse_user_id = $2, decided_by = "
      "$3, "
      "decided_at = $4 WHERE id = $5",
      division.id, id, decided_by, log::utc_now_iso(), enrolment_id);
  queue_mail(c, e->request.rse_email, "sgee — inscription activée / enrolment activated",
             "Bonjour " + u.given_name + ",\n\nL'inscription de " + e->request.entity_name +
                 " est activée. Votre code d'utilisateur : " + a.user_code +
                 "\nVotre mot de passe temporaire vous a été remis par la personne qui a fait "
                 "l'inscription "
                 "ou vous sera transmis par le Ministère.\n\n"
                 "The enrolment is activated. Your user code: " +
                 a.user_code + "\n");
  audit(c, {.user_id = decided_by,
            .organization_id = division.id,
            .action = "activate",
            .record_type = "enrolment",
            .record_id = std::to_string(enrolment_id)});
  return a;
}

void refuse_enrolment(db::Connection& c, std::int64_t enrolment_id, std::int64_t decided_by,
                      const std::string& reason) {
  auto e = enrolment(c, enrolment_id);
  if (!e || e->status != "pending") throw Refused("this enrolment is not waiting for a decision");
  c.run(
      "UPDATE enrolments SET status = 'refused', decided_by = $1, decided_at = $2, decision_reason "
      "= $3 WHERE id = $4",
      decided_by, log::utc_now_iso(), reason, enrolment_id);
  queue_mail(c, e->request.representative_email, "sgee — inscription refusée / enrolment refused",
             "L'inscription de " + e->request.entity_name + " a été refusée : " + reason +
                 "\n\nThe enrolment of " + e->request.entity_name + " was refused: " + reason +
                 "\n");
  audit(c, {.user_id = decided_by,
            .action = "refuse",
            .record_type = "enrolment",
            .record_id = std::to_string(enrolment_id),
            .detail = reason});
}

void queue_mail(db::Connection& c, const std::string& to, const std::string& subject,
                const std::string& body) {
  c.run("INSERT INTO outbox (to_address, subject, body, created_at) VALUES ($1, $2, $3, $4)", to,
        subject, body, log::utc_now_iso());
}

}  // namespace sgee::access::store

namespace sgee::access::store {
namespace {
AccessCodeInfo code_from(const db::Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.opt_str(4), r.opt_str(5)};
}
}  // namespace

std::vector<AccessCodeInfo> access_codes(db::Connection& c,
                                         const std::vector<std::int64_t>& organization_ids) {
  std::vector<AccessCodeInfo> out;
  for (auto org : organization_ids) {
    auto r = c.run(
        "SELECT id, organization_id, label, created_at, last_used_at, revoked_at FROM access_codes "
        "WHERE organization_id = $1 ORDER BY created_at DESC, id DESC",
        org);
    for (size_t i = 0; i < r.size(); ++i) out.push_back(code_from(r.row(i)));
  }
  return out;
}

std::optional<AccessCodeInfo> access_code(db::Connection& c, std::int64_t id) {
  auto r = c.run(
      "SELECT id, organization_id, label, created_at, last_used_at, revoked_at FROM access_codes "
      "WHERE id = $1",
      id);
  if (r.empty()) return std::nullopt;
  return code_from(r.row(0));
}

void revoke_access_code(db::Connection& c, std::int64_t id) {
  c.run("UPDATE access_codes SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        log::utc_now_iso(), id);
}
}  // namespace sgee::access::store

namespace sgee::access::store {

namespace {
// The filters' WHERE clause ($1..$6), shared by the search and its count.
constexpr const char* kAuditWhere =
    " WHERE ($1 = '' OR a.record_type = $1) AND ($2 = '' OR a.record_id = $2) AND ($3 = '' OR "
    "a.at >= $3) "
    "AND ($4 = '' OR a.at < $4) AND ($5 = 0 OR a.subject_user_id = $5) "
    "AND ($6 = 0 OR a.organization_id = $6 OR a.organization_id IN (SELECT id FROM organizations "
    "WHERE parent_id = $6) "
    "OR a.organization_id IN (SELECT id FROM organizations WHERE parent_id IN "
    "(SELECT id FROM organizations WHERE parent_id = $6 AND kind = 'bc'))) ";

// A code's rank in `order` as SQL: CASE column WHEN 'code' THEN 1 … ELSE n END. Only codes made
// of [a-z_] enter the statement (they come from the catalogs' keys, never from the URL).
std::string rank_of(const std::string& column, const std::vector<std::string>& order) {
  std::string out = "CASE " + column;
  int rank = 0;
  for (const auto& code : order) {
    if (code.empty() || !std::all_of(code.begin(), code.end(),
                                     [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; }))
      continue;
    out += " WHEN '" + code + "' THEN " + std::to_string(++rank);
  }
  if (rank == 0) return "0";
  return out + " ELSE " + std::to_string(rank + 1) + " END";
}

std::string audit_order(const AuditFilter& f) {
  const std::string dir = f.descending ? " DESC" : " ASC";
  const std::string then = ", a.at" + dir + ", a.id" + dir;
  switch (f.sort) {
    case AuditSort::who:
      // Users first (by folded name), then sync access codes (by label), then the rest.
      return " ORDER BY CASE WHEN u.id IS NOT NULL THEN 0 WHEN k.id IS NOT NULL THEN 1 ELSE 2 "
             "END" +
             dir + ", u.sort_key" + dir + ", k.label" + dir + then;
    case AuditSort::action: return " ORDER BY " + rank_of("a.action", f.action_order) + dir + then;
    case AuditSort::record:
      return " ORDER BY " + rank_of("a.record_type", f.type_order) + dir + ", a.record_id" + dir +
             then;
    case AuditSort::time: break;
  }
  return " ORDER BY a.at" + dir + ", a.id" + dir;
}
}  // namespace

std::int64_t count_audit(db::Connection& c, const AuditFilter& f) {
  return c
      .run(std::string("SELECT COUNT(*) FROM audit_log a") + kAuditWhere, f.record_type,
           f.record_id, f.from, f.before, f.subject_user_id, f.division_id)
      .first()
      .i64(0);
}

std::vector<AuditRow> search_audit(db::Connection& c, const AuditFilter& f) {
  auto r = c.run(
      std::string(
          "SELECT a.at, a.action, a.record_type, a.record_id, COALESCE(a.detail, ''), "
          "COALESCE(u.given_name || ' ' || u.surname || ' (' || COALESCE(u.user_code, u.email) || "
          "')', "
          "''), COALESCE(o.name || COALESCE(' (' || o.number || ')', ''), ''), "
          "COALESCE(a.address, ''), "
          "COALESCE(u.given_name || ' ' || u.surname, ''), COALESCE(u.kind, ''), "
          "COALESCE(k.label, ''), COALESCE(ko.name, ''), COALESCE(u.is_rse, 0), "
          "COALESCE(o.id, 0), COALESCE(o.number, ''), COALESCE(o.kind, '') "
          "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organizations o ON "
          "o.id = a.organization_id LEFT JOIN access_codes k ON k.id = a.access_code_id "
          "LEFT JOIN organizations ko ON ko.id = k.organization_id") +
          kAuditWhere + audit_order(f) + " LIMIT $7 OFFSET $8",
      f.record_type, f.record_id, f.from, f.before, f.subject_user_id, f.division_id, f.limit,
      f.offset);
  std::vector<AuditRow> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    AuditRow a{row.str(0), row.str(1), row.str(2), row.str(3),
               row.str(4), row.str(5), row.str(6), row.str(7)};
    a.user_name = row.str(8);
    a.user_kind = row.str(9);
    a.code_label = row.str(10);
    a.code_organization = row.str(11);
    a.user_is_rse = row.i64(12) != 0;
    a.organization_id = row.i64(13);
    a.organization_number = row.str(14);
    a.organization_kind = row.str(15);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace sgee::access::store

namespace sgee::access::store {

std::string create_token(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                         std::chrono::minutes valid_for) {
  std::string token = text::random_hex(32);
  auto now = Clock::now();
  c.run(
      "INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES "
      "($1, $2, $3, $4, $5)",
      hash_secret(token), user_id, purpose, iso(now), iso(now + valid_for));
  return token;
}

int tokens_made_within(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                       std::chrono::seconds within) {
  return static_cast<int>(c.run("SELECT COUNT(*) FROM one_time_tokens WHERE user_id = $1 AND "
                                "purpose = $2 AND created_at > $3",
                                user_id, purpose, iso(Clock::now() - within))
                              .first()
                              .i64(0));
}

std::optional<std::int64_t> peek_token(db::Connection& c, const std::string& token,
                                       const std::string& purpose) {
  if (token.size() != 64) return std::nullopt;
  auto r = c.run(
      "SELECT user_id FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS "
      "NULL "
      "AND expires_at > $3",
      hash_secret(token), purpose, iso(Clock::now()));
  if (r.empty()) return std::nullopt;
  return r.first().i64(0);
}

std::optional<std::int64_t> use_token(db::Connection& c, const std::string& token,
                                      const std::string& purpose) {
  auto user = peek_token(c, token, purpose);
  if (!user) return std::nullopt;
  // The update only succeeds once, even for two requests racing with the same link.
  auto done =
      c.run("UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
            iso(Clock::now()), hash_secret(token));
  if (done.affected != 1) return std::nullopt;
  return user;
}

void mark_email_verified(db::Connection& c, std::int64_t user_id) {
  c.run("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        log::utc_now_iso(), user_id);
}

namespace {
std::vector<Mail> mails(const db::Result& r) {
  std::vector<Mail> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.i64(0), row.str(1), row.str(2), row.str(3), row.str(4), row.opt_str(5)});
  }
  return out;
}
}  // namespace

std::vector<Mail> outbox(db::Connection& c, int limit) {
  return mails(c.run(
      "SELECT id, to_address, subject, body, created_at, sent_at FROM outbox ORDER BY id DESC "
      "LIMIT $1",
      limit));
}

std::vector<Mail> unsent_mail(db::Connection& c, int max_attempts, int limit) {
  return mails(
      c.run("SELECT id, to_address, subject, body, created_at, sent_at FROM outbox WHERE sent_at "
            "IS NULL AND attempts < $1 ORDER BY id LIMIT $2",
            max_attempts, limit));
}

void mark_mail_sent(db::Connection& c, std::int64_t id) {
  c.run("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
        log::utc_now_iso(), id);
}

void mark_mail_failed(db::Connection& c, std::int64_t id, const std::string& error) {
  c.run("UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2", error, id);
}

}  // namespace sgee::access::store
