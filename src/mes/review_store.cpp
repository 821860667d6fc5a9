#include "mes/review_store.hpp"

#include "mes/store.hpp"

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "platform/log.hpp"
#include "platform/pdf_in.hpp"
#include "platform/text.hpp"

namespace sgee::mes::review_store {

namespace {

using Json = nlohmann::json;

std::string person(const std::string& given, const std::string& surname) {
  return given.empty() ? surname : surname.empty() ? given : given + " " + surname;
}

// The queue's WHERE clause: fixed SQL text, the values as parameters ($1, $2…).
struct Where {
  std::string sql;
  std::vector<db::Value> values;
};
Where where_of(const QueueFilter& f, std::int64_t me, bool with_status) {
  Where w;
  w.sql = " WHERE r.status NOT IN ('brouillon', 'supprimee') AND r.transmitted_at IS NOT NULL";
  auto add = [&](const std::string& cond, db::Value v) {
    w.values.push_back(std::move(v));
    std::string n = "$" + std::to_string(w.values.size());
    std::string s = cond;
    for (auto pos = s.find('?'); pos != std::string::npos; pos = s.find('?', pos + n.size()))
      s.replace(pos, 1, n);
    w.sql += " AND " + s;
  };
  if (!f.region.empty()) add("o.region = ?", f.region);
  if (!f.kind.empty()) add("r.provider_kind = ?", f.kind);
  if (!f.type.empty()) add("r.type = ?", f.type);
  if (with_status && !f.status.empty()) add("r.status = ?", f.status);
  if (f.assigned == "moi") add("r.assigned_to = ?", me);
  if (f.assigned == "aucun") w.sql += " AND r.assigned_to IS NULL";
  if (!f.from.empty()) add("r.transmitted_at >= ?", f.from);
  if (!f.to.empty()) add("r.transmitted_at < ?", f.to);
  return w;
}

// The provider, joined only when its region filters or its name sorts.
std::string org_join(bool needed) {
  return needed ? " JOIN organizations o ON o.id = r.organization_id" : "";
}

#define SGEE_QUEUE_FROM                                                    \
  " FROM mes_requests r JOIN organizations o ON o.id = r.organization_id " \
  "JOIN portail_children ch ON ch.id = r.child_id "                        \
  "LEFT JOIN users a ON a.id = r.assigned_to "

std::string order_of(const QueueFilter& f) {
  std::string dir = f.descending ? " DESC" : " ASC";
  if (f.sort == "numero") return " ORDER BY r.number" + dir;
  if (f.sort == "statut") return " ORDER BY r.status" + dir + ", r.transmitted_at, r.id";
  if (f.sort == "service") return " ORDER BY o.name" + dir + ", r.transmitted_at, r.id";
  return " ORDER BY r.transmitted_at" + dir + ", r.id" + dir;
}

Comment comment_from(const db::Row& row) {
  Comment m;
  m.id = row.i64(0);
  m.section = row.str(1);
  m.body = row.str(2);
  m.version = row.i64(3);
  m.author_id = row.i64(4);
  m.author_name = person(row.str(5), row.str(6));
  m.created_at = row.str(7);
  m.sent_at = row.str(8);
  m.corrected_at = row.str(9);
  m.corrected_name = person(row.str(10), row.str(11));
  return m;
}
#define SGEE_COMMENT_SELECT                                                                   \
  "SELECT m.id, m.section, m.body, m.version, m.author_id, u.given_name, u.surname, "         \
  "m.created_at, m.sent_at, m.corrected_at, COALESCE(k.given_name, ''), COALESCE(k.surname, " \
  "'') FROM mes_comments m JOIN users u ON u.id = m.author_id LEFT JOIN users k ON k.id = "   \
  "m.corrected_by "

Communication communication_from(const db::Row& row) {
  Communication m;
  m.id = row.i64(0);
  m.title = row.str(1);
  m.filename = row.str(2);
  m.size = row.i64(3);
  m.sha256 = row.str(4);
  m.generated = row.i64(5) != 0;
  m.created_at = row.str(6);
  m.read_at = row.str(7);
  m.read_name = person(row.str(8), row.str(9));
  return m;
}
#define SGEE_COMMUNICATION_SELECT                                                              \
  "SELECT m.id, m.title, m.filename, m.size, m.sha256, m.generated, m.created_at, m.read_at, " \
  "COALESCE(u.given_name, ''), COALESCE(u.surname, '') FROM mes_communications m LEFT JOIN "   \
  "users u ON u.id = m.read_by "

}  // namespace

// ---- queue -----------------------------------------------------------------------------------

const std::vector<std::string>& queue_sorts() {
  static const std::vector<std::string> v = {"transmise", "numero", "statut", "service"};
  return v;
}

namespace {
// What this server keeps of the queue for one generation of it (migration 0026): per combination
// of filters, the counts per status and the requests' ids in each sort's order; per request, its
// row as a page shows it. Any change of the queue, on any server, moves the generation, and they
// are read again; beyond kMaxCounts, kMaxLists or kMaxRows, that kind is dropped whole.
using Ids = std::shared_ptr<const std::vector<std::int64_t>>;
using Counts = std::vector<std::pair<std::string, std::int64_t>>;
struct QueueCache {
  std::mutex mutex;
  std::int64_t generation = -1;
  std::unordered_map<std::string, Counts> counts;
  std::unordered_map<std::string, Ids> ids;
  std::unordered_map<std::int64_t, QueueRow> rows;  // as a page shows them
};
QueueCache& queue_cache() {
  static QueueCache cache;
  return cache;
}
constexpr size_t kMaxCounts = 1024, kMaxLists = 256, kMaxRows = 100000;

// The cache's `map` entry for `key` at `generation`, else `read()`, kept.
template <class Value, class Read>
Value cached(std::int64_t generation, std::unordered_map<std::string, Value> QueueCache::*map,
             const std::string& key, size_t max, Read read) {
  auto& cache = queue_cache();
  {
    std::lock_guard lock(cache.mutex);
    if (cache.generation == generation)
      if (auto it = (cache.*map).find(key); it != (cache.*map).end()) return it->second;
  }
  Value value = read();
  std::lock_guard lock(cache.mutex);
  if (generation > cache.generation) {  // a newer generation: what was kept is dropped
    cache.generation = generation;
    cache.counts.clear();
    cache.ids.clear();
    cache.rows.clear();
  }
  if (generation == cache.generation) {
    if ((cache.*map).size() >= max) (cache.*map).clear();
    (cache.*map)[key] = value;
  }
  return value;
}
}  // namespace

QueueView queue_view(db::Connection& c, const QueueFilter& f, std::int64_t me) {
  // Read before the counts and ids: a change committed meanwhile moves it again, and what is read
  // now is kept under the older generation, read again at the next page.
  auto generation =
      c.run("SELECT generation FROM mes_queue_generation WHERE id = 1").first().i64(0);
  // Every filter but the status and the sort; the agent for "mine".
  std::string key = f.region + '|' + f.kind + '|' + f.type + '|' + f.assigned + '|' +
                    (f.assigned == "moi" ? std::to_string(me) : "") + '|' + f.from + '|' + f.to;
  QueueView view;
  view.generation = generation;
  view.counts = cached(generation, &QueueCache::counts, key, kMaxCounts, [&] {
    auto w = where_of(f, me, false);
    auto rows = c.query("SELECT r.status, COUNT(*) FROM mes_requests r" +
                            org_join(!f.region.empty()) + w.sql + " GROUP BY r.status",
                        w.values);
    Counts out;
    for (size_t i = 0; i < rows.size(); ++i)
      out.emplace_back(rows.row(i).str(0), rows.row(i).i64(1));
    return out;
  });
  std::string list_key = key + '|' + f.status + '|' + f.sort + (f.descending ? "|desc" : "|asc");
  view.ids = cached(generation, &QueueCache::ids, list_key, kMaxLists, [&] {
    // From the queue's indexes alone, with the provider only to filter on its region or sort by
    // its name.
    auto w = where_of(f, me, true);
    auto rows =
        c.query("SELECT r.id FROM mes_requests r" +
                    org_join(!f.region.empty() || f.sort == "service") + w.sql + order_of(f),
                w.values);
    auto ids = std::make_shared<std::vector<std::int64_t>>();
    ids->reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ids->push_back(rows.row(i).i64(0));
    return Ids(std::move(ids));
  });
  return view;
}

std::vector<QueueRow> queue_rows(db::Connection& c, const QueueView& view,
                                 std::span<const std::int64_t> ids) {
  auto& cache = queue_cache();
  std::unordered_map<std::int64_t, QueueRow> by_id;
  std::vector<db::Value> missing;
  {
    std::lock_guard lock(cache.mutex);
    bool current = cache.generation == view.generation;
    for (auto id : ids) {
      auto it = current ? cache.rows.find(id) : cache.rows.end();
      if (it != cache.rows.end())
        by_id.emplace(id, it->second);
      else
        missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    std::string in;
    for (size_t i = 1; i <= missing.size(); ++i) in += (i == 1 ? "$" : ", $") + std::to_string(i);
    auto rows = c.query(
        "SELECT r.id, r.number, r.type, r.status, r.provider_kind, ch.given_name, ch.surname, "
        "o.name, COALESCE(o.number, ''), COALESCE(o.region, ''), r.transmitted_at, r.assigned_to, "
        "COALESCE(a.given_name, ''), COALESCE(a.surname, '')" SGEE_QUEUE_FROM "WHERE r.id IN (" +
            in + ")",
        missing);
    std::lock_guard lock(cache.mutex);
    bool keep = cache.generation == view.generation;
    if (keep && cache.rows.size() + rows.size() > kMaxRows) cache.rows.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
      auto row = rows.row(i);
      QueueRow q;
      q.id = row.i64(0);
      q.number = row.str(1);
      q.type = row.str(2);
      q.status = row.str(3);
      q.provider_kind = row.str(4);
      q.child_given_name = row.str(5);
      q.child_surname = row.str(6);
      q.provider_name = row.str(7);
      q.provider_number = row.str(8);
      q.region = row.str(9);
      q.transmitted_at = row.str(10);
      q.assigned_to = row.opt_i64(11);
      q.assigned_name = person(row.str(12), row.str(13));
      if (keep) cache.rows.emplace(q.id, q);
      by_id.emplace(q.id, std::move(q));
    }
  }
  std::vector<QueueRow> out;
  out.reserve(ids.size());
  for (auto id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
  return out;
}

// ---- one request -----------------------------------------------------------------------------

Status Request::status_enum() const {
  return status_from(status).value_or(Status::supprimee);
}
ProviderKind Request::kind_enum() const {
  return provider_kind_from(provider_kind).value_or(ProviderKind::gns);
}

std::optional<Request> request(db::Connection& c, std::int64_t id) {
  auto rows = c.run(
      "SELECT r.id, r.number, r.organization_id, r.bc_id, r.provider_kind, r.type, r.status, "
      "r.reference_year, r.child_id, ch.given_name, ch.surname, ch.birth_date, "
      "ch.confirmation_number, o.name, COALESCE(o.number, ''), COALESCE(o.civic_number, ''), "
      "COALESCE(o.street, ''), COALESCE(o.municipality, ''), COALESCE(o.postal_code, ''), "
      "COALESCE(o.region, ''), COALESCE(b.name, ''), r.answers, r.requested_minutes, "
      "COALESCE(r.first_transmitted_at, ''), COALESCE(r.transmitted_at, ''), r.assigned_to, "
      "COALESCE(a.given_name, ''), COALESCE(a.surname, ''), COALESCE(r.conform_at, ''), "
      "r.granted_minutes, COALESCE(r.period_start, ''), COALESCE(r.period_end, ''), "
      "COALESCE(r.refusal_reason, ''), COALESCE(r.decided_at, ''), COALESCE(d.given_name, ''), "
      "COALESCE(d.surname, ''), COALESCE(b.number, ''), (SELECT f.user_id FROM family_files f "
      "WHERE "
      "f.id = ch.family_id) FROM mes_requests r JOIN organizations o ON o.id = "
      "r.organization_id JOIN portail_children ch ON ch.id = r.child_id LEFT JOIN organizations "
      "b ON b.id = r.bc_id LEFT JOIN users a ON a.id = r.assigned_to LEFT JOIN users d ON d.id = "
      "r.decided_by WHERE r.id = $1",
      id);
  if (rows.empty()) return std::nullopt;
  auto row = rows.first();
  Request r;
  r.id = row.i64(0);
  r.number = row.str(1);
  r.organization_id = row.i64(2);
  r.bc_id = row.opt_i64(3);
  r.provider_kind = row.str(4);
  r.type = row.str(5);
  r.status = row.str(6);
  r.reference_year = row.i64(7);
  r.child_id = row.i64(8);
  r.child_given_name = row.str(9);
  r.child_surname = row.str(10);
  r.child_birth_date = row.str(11);
  r.confirmation_number = row.str(12);
  r.provider_name = row.str(13);
  r.provider_number = row.str(14);
  std::string street = row.str(15).empty() ? row.str(16) : row.str(15) + " " + row.str(16);
  std::string address = street;
  for (const auto& part : {row.str(17), row.str(18)})
    if (!part.empty()) address += (address.empty() ? "" : ", ") + part;
  r.provider_address = address;
  r.region = row.str(19);
  r.bc_name = row.str(20);
  r.answers = row.str(21);
  r.requested_minutes = row.opt_i64(22);
  r.first_transmitted_at = row.str(23);
  r.transmitted_at = row.str(24);
  r.assigned_to = row.opt_i64(25);
  r.assigned_name = person(row.str(26), row.str(27));
  r.conform_at = row.str(28);
  r.granted_minutes = row.opt_i64(29);
  r.period_start = row.str(30);
  r.period_end = row.str(31);
  r.refusal_reason = row.str(32);
  r.decided_at = row.str(33);
  r.decided_name = person(row.str(34), row.str(35));
  r.bc_number = row.str(36);
  r.parent_user_id = row.opt_i64(37);
  return r;
}

std::optional<Request> request_of(db::Connection& c, std::int64_t id,
                                  std::int64_t organization_id) {
  auto r = request(c, id);
  if (!r || r->status == "supprimee") return std::nullopt;
  if (r->organization_id != organization_id && r->bc_id != organization_id) return std::nullopt;
  return r;
}

std::vector<Version> versions(db::Connection& c, std::int64_t request_id) {
  auto rows = c.run(
      "SELECT number, answers FROM mes_versions WHERE request_id = $1 ORDER BY number", request_id);
  std::vector<Version> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {static_cast<int>(rows.row(i).i64(0)), store::answers_from_json(rows.row(i).str(1))});
  return out;
}

std::int64_t last_version(db::Connection& c, std::int64_t request_id) {
  return c
      .run("SELECT COALESCE(MAX(number), 0) FROM mes_versions WHERE request_id = $1", request_id)
      .first()
      .i64(0);
}

// ---- assignment --------------------------------------------------------------------------------

std::vector<Agent> ministry_agents(db::Connection& c) {
  auto rows = c.run(
      "SELECT id, given_name, surname FROM users WHERE kind = 'ministry' AND disabled_at IS NULL "
      "ORDER BY surname, given_name, id");
  std::vector<Agent> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows.row(i).i64(0), person(rows.row(i).str(1), rows.row(i).str(2))});
  return out;
}

bool is_ministry_agent(db::Connection& c, std::int64_t user_id) {
  return !c.run("SELECT 1 FROM users WHERE id = $1 AND kind = 'ministry' AND disabled_at IS NULL",
                user_id)
              .empty();
}

void assign(db::Connection& c, std::int64_t request_id, std::optional<std::int64_t> agent) {
  c.run("UPDATE mes_requests SET assigned_to = $1 WHERE id = $2", agent, request_id);
}

// ---- comments ----------------------------------------------------------------------------------

std::vector<Comment> comments(db::Connection& c, std::int64_t request_id) {
  auto rows = c.run(SGEE_COMMENT_SELECT "WHERE m.request_id = $1 ORDER BY m.id", request_id);
  std::vector<Comment> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(comment_from(rows.row(i)));
  return out;
}

std::optional<Comment> comment(db::Connection& c, std::int64_t request_id, std::int64_t id) {
  auto rows = c.run(SGEE_COMMENT_SELECT "WHERE m.request_id = $1 AND m.id = $2", request_id, id);
  if (rows.empty()) return std::nullopt;
  return comment_from(rows.first());
}

std::int64_t add_comment(db::Connection& c, std::int64_t request_id, const std::string& section,
                         const std::string& body, std::int64_t version, std::int64_t author) {
  return c
      .run(
          "INSERT INTO mes_comments (request_id, section, body, version, author_id, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          request_id, section, body, version, author, log::utc_now_iso())
      .first()
      .i64(0);
}

void edit_comment(db::Connection& c, std::int64_t id, const std::string& body) {
  c.run("UPDATE mes_comments SET body = $1 WHERE id = $2 AND sent_at IS NULL", body, id);
}

void delete_comment(db::Connection& c, std::int64_t id) {
  c.run("DELETE FROM mes_comments WHERE id = $1 AND sent_at IS NULL", id);
}

std::int64_t send_comments(db::Connection& c, std::int64_t request_id, std::int64_t author) {
  return c
      .run(
          "UPDATE mes_comments SET sent_at = $1 WHERE request_id = $2 AND author_id = $3 AND "
          "sent_at IS NULL",
          log::utc_now_iso(), request_id, author)
      .affected;
}

std::int64_t draft_count(db::Connection& c, std::int64_t request_id, std::int64_t author) {
  return c
      .run(
          "SELECT COUNT(*) FROM mes_comments WHERE request_id = $1 AND author_id = $2 AND "
          "sent_at IS NULL",
          request_id, author)
      .first()
      .i64(0);
}

void mark_corrected(db::Connection& c, std::int64_t id, std::int64_t by) {
  c.run(
      "UPDATE mes_comments SET corrected_at = $1, corrected_by = $2 WHERE id = $3 AND "
      "corrected_at IS NULL",
      log::utc_now_iso(), by, id);
}

// ---- status and decision -----------------------------------------------------------------------

void set_status(db::Connection& c, std::int64_t request_id, Status to, std::int64_t by) {
  c.run("UPDATE mes_requests SET status = $1, updated_at = $2, updated_by = $3 WHERE id = $4",
        std::string(to_string(to)), log::utc_now_iso(), by, request_id);
}

void set_conform(db::Connection& c, std::int64_t request_id, std::int64_t by) {
  auto now = log::utc_now_iso();
  c.run(
      "UPDATE mes_requests SET status = 'conforme', conform_at = $1, updated_at = $1, "
      "updated_by = $2 WHERE id = $3",
      now, by, request_id);
}

void grant(db::Connection& c, std::int64_t request_id, int minutes, const std::string& start,
           const std::string& end, std::int64_t by) {
  auto now = log::utc_now_iso();
  c.run(
      "UPDATE mes_requests SET status = 'accordee', granted_minutes = $1, period_start = $2, "
      "period_end = $3, refusal_reason = NULL, decided_at = $4, decided_by = $5, updated_at = $4, "
      "updated_by = $5 WHERE id = $6",
      minutes, start, end, now, by, request_id);
}

void refuse(db::Connection& c, std::int64_t request_id, const std::string& reason,
            std::int64_t by) {
  auto now = log::utc_now_iso();
  c.run(
      "UPDATE mes_requests SET status = 'refusee', refusal_reason = $1, granted_minutes = NULL, "
      "decided_at = $2, decided_by = $3, updated_at = $2, updated_by = $3 WHERE id = $4",
      reason, now, by, request_id);
}

// ---- communications ----------------------------------------------------------------------------

std::vector<Communication> communications(db::Connection& c, std::int64_t request_id) {
  auto rows = c.run(SGEE_COMMUNICATION_SELECT "WHERE m.request_id = $1 ORDER BY m.id", request_id);
  std::vector<Communication> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(communication_from(rows.row(i)));
  return out;
}

std::optional<Communication> communication(db::Connection& c, std::int64_t request_id,
                                           std::int64_t id) {
  auto rows =
      c.run(SGEE_COMMUNICATION_SELECT "WHERE m.request_id = $1 AND m.id = $2", request_id, id);
  if (rows.empty()) return std::nullopt;
  return communication_from(rows.first());
}

std::string communication_content(db::Connection& c, std::int64_t id) {
  auto rows = c.run("SELECT content FROM mes_communications WHERE id = $1", id);
  if (rows.empty()) return {};
  return db::bytes_read(c.engine(), rows.first().str(0));
}

std::int64_t add_communication(db::Connection& c, std::int64_t request_id, const std::string& title,
                               const std::string& filename, const std::string& pdf, bool generated,
                               std::int64_t by) {
  return c
      .run(
          "INSERT INTO mes_communications (request_id, title, filename, size, sha256, generated, "
          "content, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, " +
              db::bytes_sql(c.engine(), "$7") + ", $8, $9) RETURNING id",
          request_id, title, filename, static_cast<std::int64_t>(pdf.size()), pdf::sha256_hex(pdf),
          generated, db::bytes_value(c.engine(), pdf), log::utc_now_iso(), by)
      .first()
      .i64(0);
}

bool mark_read(db::Connection& c, std::int64_t id, std::int64_t by) {
  return c.run(
              "UPDATE mes_communications SET read_at = $1, read_by = $2 WHERE id = $3 AND "
              "read_at IS NULL",
              log::utc_now_iso(), by, id)
             .affected > 0;
}

// ---- notices -----------------------------------------------------------------------------------

std::vector<std::string> provider_mes_emails(db::Connection& c, const Request& r) {
  // The organization whose staff act: the BC in home-based care, else the provider itself.
  std::int64_t org = r.bc_id.value_or(r.organization_id);
  auto rows = c.run(
      "SELECT DISTINCT u.email FROM users u WHERE u.kind = 'enterprise' AND u.disabled_at IS "
      "NULL AND u.email IS NOT NULL AND u.email <> '' AND (u.id IN (SELECT g.user_id FROM "
      "user_rights g WHERE g.organization_id = $1 AND g.right_name IN ('consult_mes', "
      "'enter_mes', 'sign_mes')) OR (u.is_rse = 1 AND (u.organization_id = $1 OR "
      "u.organization_id = (SELECT p.parent_id FROM organizations p WHERE p.id = $1 AND p.kind "
      "<> 'rsge')))) ORDER BY u.email",
      org);
  std::vector<std::string> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(rows.row(i).str(0));
  return out;
}

}  // namespace sgee::mes::review_store
