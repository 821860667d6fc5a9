#include "portail/messages_store.hpp"

#include <algorithm>

#include "access/store.hpp"
#include "platform/log.hpp"
#include "portail/messages_rules.hpp"

namespace sgee::portail::messages_store {

namespace {

// Ids of the reader's organizations, written into the query (numbers from the database, never
// from the request); -1 for none.
std::string id_list(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return "-1";
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// The threads the reader reads, as a condition on t (message_threads) and fam (family_files).
std::string visible(const Reader& r) {
  if (r.parent) return "(t.kind = 'family' AND fam.user_id = " + std::to_string(r.user_id) + ")";
  return "((t.kind = 'family' AND t.organization_id IN (" + id_list(r.providers) +
         ")) OR (t.kind = 'bc' AND (t.bc_id IN (" + id_list(r.bcs) + ") OR t.organization_id IN (" +
         id_list(r.rsge) + "))))";
}

#define SGEE_THREAD_FROM                                                      \
  " FROM message_threads t JOIN organizations o ON o.id = t.organization_id " \
  "LEFT JOIN organizations b ON b.id = t.bc_id "                              \
  "LEFT JOIN portail_children ch ON ch.id = t.child_id "                      \
  "LEFT JOIN family_files fam ON fam.id = ch.family_id "                      \
  "LEFT JOIN message_unread u ON u.thread_id = t.id AND u.user_id = $1 "

#define SGEE_THREAD_COLUMNS                                                                 \
  "t.id, t.kind, t.organization_id, o.name, COALESCE(o.number, ''), o.kind, "               \
  "COALESCE(o.installation_kind, ''), t.child_id, t.bc_id, fam.user_id, "                   \
  "COALESCE(ch.given_name, ''), COALESCE(ch.surname, ''), COALESCE(b.name, ''), "           \
  "COALESCE(b.number, ''), t.subject, t.created_at, t.last_message_at, COALESCE(u.unread, " \
  "0)" SGEE_THREAD_FROM

Thread from(const Reader& r, const db::Row& row) {
  Thread t;
  t.id = row.i64(0);
  t.kind = row.str(1);
  t.organization_id = row.i64(2);
  t.org_name = row.str(3);
  t.org_number = row.str(4);
  t.org_kind = row.str(5);
  t.installation_kind = row.str(6);
  t.child_id = row.opt_i64(7);
  t.bc_id = row.opt_i64(8);
  t.parent_user_id = row.opt_i64(9);
  t.child_given_name = row.str(10);
  t.child_surname = row.str(11);
  t.bc_name = row.str(12);
  t.bc_number = row.str(13);
  t.subject = row.str(14);
  t.created_at = row.str(15);
  t.last_message_at = row.str(16);
  t.unread = row.i64(17);
  if (r.parent)
    t.side = "parent";
  else if (t.kind == "family")
    t.side = "provider";
  else
    t.side = t.bc_id && r.holds(r.bcs, *t.bc_id) ? "bc" : "rsge";
  return t;
}

}  // namespace

bool Reader::holds(const std::vector<std::int64_t>& in, std::int64_t id) const {
  return std::find(in.begin(), in.end(), id) != in.end();
}

Reader reader_of(db::Connection& c, const access::Principal& who) {
  Reader r;
  r.user_id = who.user_id;
  if (who.kind != access::Principal::Kind::user) return r;
  if (who.user_kind == access::UserKind::parent) {
    r.parent = true;
    return r;
  }
  if (who.user_kind != access::UserKind::enterprise) return r;
  std::vector<std::int64_t> held;
  for (const auto& [org, right] : who.rights)
    if (right == access::Right::manage_admissions) held.push_back(org);
  auto home = who.division_id.value_or(-1);
  auto rows = c.run(
      "SELECT id, kind FROM organizations WHERE kind IN ('installation', 'rsge', 'bc') AND "
      "(id IN (" +
          id_list(held) +
          ") OR ($1 = 1 AND (id = $2 OR (parent_id = $2 AND kind <> 'rsge')))) ORDER BY id",
      who.is_rse ? 1 : 0, home);
  for (size_t i = 0; i < rows.size(); ++i) {
    auto id = rows.row(i).i64(0);
    auto kind = rows.row(i).str(1);
    if (kind == "bc") {
      r.bcs.push_back(id);
    } else {
      r.providers.push_back(id);
      if (kind == "rsge") r.rsge.push_back(id);
    }
  }
  return r;
}

std::vector<Thread> inbox(db::Connection& c, const Reader& r, bool unread_only, std::int64_t limit,
                          std::int64_t offset) {
  std::vector<Thread> out;
  if (!r.reads_any()) return out;
  auto rows = c.run("SELECT " SGEE_THREAD_COLUMNS "WHERE " + visible(r) +
                        (unread_only ? " AND u.unread > 0" : "") +
                        " ORDER BY t.last_message_at DESC, t.id DESC LIMIT $2 OFFSET $3",
                    r.user_id, limit, offset);
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(from(r, rows.row(i)));
  return out;
}

std::int64_t inbox_count(db::Connection& c, const Reader& r, bool unread_only) {
  if (!r.reads_any()) return 0;
  return c
      .run("SELECT COUNT(*)" SGEE_THREAD_FROM "WHERE " + visible(r) +
               (unread_only ? " AND u.unread > 0" : ""),
           r.user_id)
      .first()
      .i64(0);
}

std::int64_t unread_total(db::Connection& c, const Reader& r) {
  if (!r.reads_any()) return 0;
  // Only the rows with messages waiting (the index on (user_id, unread)), of threads still read.
  return c
      .run(
          "SELECT COALESCE(SUM(u.unread), 0) FROM message_unread u JOIN message_threads t ON "
          "t.id = u.thread_id LEFT JOIN portail_children ch ON ch.id = t.child_id "
          "LEFT JOIN family_files fam ON fam.id = ch.family_id WHERE u.user_id = $1 AND "
          "u.unread > 0 AND " +
              visible(r),
          r.user_id)
      .first()
      .i64(0);
}

std::optional<Thread> thread_of(db::Connection& c, const Reader& r, std::int64_t id) {
  if (!r.reads_any()) return std::nullopt;
  auto rows =
      c.run("SELECT " SGEE_THREAD_COLUMNS "WHERE t.id = $2 AND " + visible(r), r.user_id, id);
  if (rows.empty()) return std::nullopt;
  return from(r, rows.first());
}

std::optional<std::int64_t> family_thread(db::Connection& c, std::int64_t child_id,
                                          std::int64_t provider_id) {
  auto r = c.run("SELECT id FROM message_threads WHERE child_id = $1 AND organization_id = $2",
                 child_id, provider_id);
  if (r.empty()) return std::nullopt;
  return r.first().i64(0);
}

std::optional<std::int64_t> bc_thread(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id) {
  auto r = c.run("SELECT id FROM message_threads WHERE bc_id = $1 AND organization_id = $2", bc_id,
                 rsge_id);
  if (r.empty()) return std::nullopt;
  return r.first().i64(0);
}

std::int64_t start_family(db::Connection& c, std::int64_t child_id, std::int64_t provider_id,
                          const std::string& subject, std::int64_t by) {
  auto now = log::utc_now_iso();
  c.run(
      "INSERT INTO message_threads (kind, organization_id, child_id, subject, created_at, "
      "created_by, last_message_at) VALUES ('family', $1, $2, $3, $4, $5, $4) "
      "ON CONFLICT DO NOTHING",
      provider_id, child_id, subject, now, by);
  return *family_thread(c, child_id, provider_id);
}

std::int64_t start_bc(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id,
                      const std::string& subject, std::int64_t by) {
  auto now = log::utc_now_iso();
  c.run(
      "INSERT INTO message_threads (kind, organization_id, bc_id, subject, created_at, "
      "created_by, last_message_at) VALUES ('bc', $1, $2, $3, $4, $5, $4) "
      "ON CONFLICT DO NOTHING",
      rsge_id, bc_id, subject, now, by);
  return *bc_thread(c, bc_id, rsge_id);
}

std::vector<Message> messages_of(db::Connection& c, std::int64_t thread_id) {
  auto r = c.run(
      "SELECT m.id, m.author_id, u.given_name, u.surname, m.author_side, COALESCE(o.name, ''), "
      "m.body, m.created_at FROM messages m JOIN users u ON u.id = m.author_id "
      "LEFT JOIN organizations o ON o.id = m.author_org_id WHERE m.thread_id = $1 ORDER BY m.id",
      thread_id);
  std::vector<Message> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.i64(0), row.i64(1), row.str(2) + " " + row.str(3), row.str(4), row.str(5),
                   row.str(6), row.str(7)});
  }
  return out;
}

std::vector<std::int64_t> staff_of(db::Connection& c, std::int64_t organization_id) {
  // Those holding the right on it, and the RSE of its division (an installation's, a BC's) or the
  // RSGE's own account (her home is the RSGE).
  auto r = c.run(
      "SELECT u.id FROM users u WHERE u.kind = 'enterprise' AND u.disabled_at IS NULL AND "
      "(u.id IN (SELECT g.user_id FROM user_rights g WHERE g.organization_id = $1 AND "
      "g.right_name = 'manage_admissions') OR (u.is_rse = 1 AND (u.organization_id = $1 OR "
      "u.organization_id = (SELECT p.parent_id FROM organizations p WHERE p.id = $1 AND "
      "p.kind <> 'rsge')))) ORDER BY u.id",
      organization_id);
  std::vector<std::int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.row(i).i64(0));
  return out;
}

Posted post(db::Connection& c, const Thread& t, std::int64_t author_id, const std::string& side,
            std::optional<std::int64_t> author_org, const std::string& body, const Notice& notice) {
  Posted out;
  auto now = log::utc_now_iso();
  out.message_id =
      c.run(
           "INSERT INTO messages (thread_id, author_id, author_side, author_org_id, body, "
           "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
           t.id, author_id, side, author_org, body, now)
          .first()
          .i64(0);
  c.run("UPDATE message_threads SET last_message_at = $1 WHERE id = $2", now, t.id);
  // The other side's accounts.
  std::vector<std::int64_t> readers;
  if (side == "parent" || side == "bc") {
    readers = staff_of(c, t.organization_id);
  } else if (side == "rsge") {
    if (t.bc_id) readers = staff_of(c, *t.bc_id);
  } else if (t.parent_user_id) {
    readers = {*t.parent_user_id};
  }
  for (auto reader : readers) {
    if (reader == author_id) continue;
    auto row = c.run(
                    "INSERT INTO message_unread (user_id, thread_id, unread, notified) VALUES "
                    "($1, $2, 1, 0) ON CONFLICT (user_id, thread_id) DO UPDATE SET "
                    "unread = message_unread.unread + 1 RETURNING notified",
                    reader, t.id)
                   .first();
    if (!messages_rules::notify(row.i64(0) != 0, false)) continue;
    // The account's e-mail address; an RSGE's own account without one: the contact her BC keeps.
    auto email = c.run(
        "SELECT COALESCE(NULLIF(u.email, ''), k.email, '') FROM users u LEFT JOIN rsge_contacts k "
        "ON k.rsge_id = u.organization_id WHERE u.id = $1 AND u.disabled_at IS NULL",
        reader);
    if (email.empty() || email.first().str(0).empty()) continue;
    access::store::queue_mail(c, email.first().str(0), notice.subject, notice.body);
    c.run("UPDATE message_unread SET notified = 1 WHERE user_id = $1 AND thread_id = $2", reader,
          t.id);
    ++out.notices;
  }
  // The author has read the thread as it stands now.
  mark_read(c, author_id, t.id);
  return out;
}

bool mark_read(db::Connection& c, std::int64_t user_id, std::int64_t thread_id) {
  auto r = c.run(
      "UPDATE message_unread SET unread = 0, notified = 0 WHERE user_id = $1 AND thread_id = $2 "
      "AND (unread <> 0 OR notified <> 0) RETURNING unread",
      user_id, thread_id);
  return !r.empty();
}

}  // namespace sgee::portail::messages_store
