#include "mes/store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::mes::store {

namespace {

using nlohmann::json;

std::optional<Date> date_of(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || !j[name].is_string()) return std::nullopt;
  return dates::parse(j[name].get<std::string>());
}

std::string str_of(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || !j[name].is_string()) return "";
  return j[name].get<std::string>();
}

#define SGEE_MES_COLUMNS                                                                          \
  "r.id, r.number, r.organization_id, r.bc_id, r.provider_kind, r.child_id, r.dossier_id, "       \
  "r.type, r.status, r.reference_year, r.renews_id, r.answers, r.requested_minutes, r.revision, " \
  "r.created_at, r.updated_at, r.signed_by, COALESCE(r.signed_at, ''), "                          \
  "COALESCE(r.signed_hash, ''), COALESCE(r.first_transmitted_at, ''), "                           \
  "COALESCE(r.transmitted_at, ''), r.granted_minutes, ch.given_name, ch.surname, "                \
  "ch.birth_date, ch.confirmation_number, o.name, COALESCE(o.number, ''), "                       \
  "TRIM(COALESCE(o.civic_number, '') || ' ' || COALESCE(o.street, '') || ', ' || "                \
  "COALESCE(o.municipality, '') || ' ' || COALESCE(o.postal_code, '')), COALESCE(b.name, ''), "   \
  "COALESCE(b.number, ''), COALESCE(su.given_name || ' ' || su.surname, '') "                     \
  "FROM mes_requests r JOIN portail_children ch ON ch.id = r.child_id "                           \
  "JOIN organizations o ON o.id = r.organization_id "                                             \
  "LEFT JOIN organizations b ON b.id = r.bc_id LEFT JOIN users su ON su.id = r.signed_by "

Request request_of(const db::Row& row) {
  Request r;
  r.id = row.i64(0);
  r.number = row.str(1);
  r.organization_id = row.i64(2);
  r.bc_id = row.opt_i64(3);
  r.kind = provider_kind_from(row.str(4)).value_or(ProviderKind::cpe);
  r.child_id = row.i64(5);
  r.dossier_id = row.opt_i64(6);
  r.type = request_type_from(row.str(7)).value_or(RequestType::new_request);
  r.status = status_from(row.str(8)).value_or(Status::brouillon);
  r.reference_year = static_cast<int>(row.i64(9));
  r.renews_id = row.opt_i64(10);
  r.answers = answers_from_json(row.str(11));
  if (auto m = row.opt_i64(12)) r.requested_minutes = static_cast<int>(*m);
  r.revision = row.i64(13);
  r.created_at = row.str(14);
  r.updated_at = row.str(15);
  r.signed_by = row.opt_i64(16);
  r.signed_at = row.str(17);
  r.signed_hash = row.str(18);
  r.first_transmitted_at = row.str(19);
  r.transmitted_at = row.str(20);
  if (auto m = row.opt_i64(21)) r.granted_minutes = static_cast<int>(*m);
  r.child_given_name = row.str(22);
  r.child_surname = row.str(23);
  r.child_birth_date = row.str(24);
  r.confirmation_number = row.str(25);
  r.org_name = row.str(26);
  r.org_number = row.str(27);
  r.org_address = std::string(text::trim(row.str(28)));
  if (r.org_address == ",") r.org_address.clear();
  r.bc_name = row.str(29);
  r.bc_number = row.str(30);
  r.signed_by_name = row.str(31);
  return r;
}

std::string list_condition(List which) {
  switch (which) {
    case List::all: return "";
    case List::in_progress: return " AND r.status IN ('transmise', 'commentaires')";
    case List::drafts: return " AND r.status = 'brouillon'";
    case List::conform: return " AND r.status IN ('conforme', 'accordee', 'refusee')";
  }
  return "";
}

}  // namespace

std::string answers_json(const Answers& a) {
  json fields = json::object();
  for (const auto& [k, v] : a.fields) fields[k] = v;
  json moments = json::array();
  for (const auto& m : a.moments)
    moments.push_back({{"start", m.start},
                       {"end", m.end},
                       {"transition", m.transition},
                       {"label", m.label},
                       {"needs", m.needs},
                       {"actions", m.actions}});
  return json{{"fields", fields}, {"moments", moments}}.dump();
}

Answers answers_from_json(const std::string& text) {
  Answers a;
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return a;
  if (j.contains("fields") && j["fields"].is_object())
    for (const auto& [k, v] : j["fields"].items())
      if (v.is_string()) a.fields[k] = v.get<std::string>();
  if (j.contains("moments") && j["moments"].is_array())
    for (const auto& m : j["moments"])
      a.moments.push_back({str_of(m, "start"), str_of(m, "end"), str_of(m, "transition"),
                           str_of(m, "label"), str_of(m, "needs"), str_of(m, "actions")});
  return a;
}

std::optional<Request> load(db::Connection& c, std::int64_t id, std::int64_t org) {
  auto r = c.run("SELECT " SGEE_MES_COLUMNS
                 "WHERE r.id = $1 AND (r.organization_id = $2 OR r.bc_id = $2) "
                 "AND r.status <> 'supprimee'",
                 id, org);
  if (r.empty()) return std::nullopt;
  return request_of(r.first());
}

Actor actor_of(bool bc_side, bool sign_right, bool enter_right) {
  if (bc_side && sign_right) return Actor::bc_designated;
  if (sign_right) return Actor::provider_signer;
  if (enter_right) return Actor::provider_editor;
  return Actor::provider_reader;
}

std::vector<PastDecision> history(db::Connection& c, std::int64_t child_id) {
  std::vector<PastDecision> out;
  auto r = c.run(
      "SELECT status, reference_year, organization_id, COALESCE(decided_at, updated_at), "
      "granted_minutes FROM mes_requests WHERE child_id = $1 AND status IN ('accordee', "
      "'refusee') ORDER BY id",
      child_id);
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    PastDecision d;
    d.granted = row.str(0) == "accordee";
    d.year = {static_cast<int>(row.i64(1))};
    d.place = row.i64(2);
    d.decided = dates::parse(row.str(3).substr(0, 10)).value_or(d.year.first());
    if (auto m = row.opt_i64(4)) d.granted_minutes = static_cast<int>(*m);
    out.push_back(d);
  }
  return out;
}

std::optional<Granted> granted_request(db::Connection& c, std::int64_t child_id,
                                       std::optional<std::int64_t> place) {
  auto r = place ? c.run(
                       "SELECT id, answers, granted_minutes FROM mes_requests WHERE child_id = $1 "
                       "AND status = 'accordee' AND organization_id = $2 "
                       "ORDER BY reference_year DESC, id DESC LIMIT 1",
                       child_id, *place)
                 : c.run(
                       "SELECT id, answers, granted_minutes FROM mes_requests WHERE child_id = $1 "
                       "AND status = 'accordee' ORDER BY reference_year DESC, id DESC LIMIT 1",
                       child_id);
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  Granted g{row.i64(0), answers_from_json(row.str(1)), std::nullopt};
  if (auto m = row.opt_i64(2)) g.granted_minutes = static_cast<int>(*m);
  return g;
}

std::optional<Child> find_child(db::Connection& c, const std::string& confirmation_number,
                                const std::string& birth_date) {
  auto r = c.run(
      "SELECT id, given_name, surname, birth_date, confirmation_number FROM portail_children "
      "WHERE upper(confirmation_number) = upper($1) AND birth_date = $2",
      std::string(text::trim(confirmation_number)), std::string(text::trim(birth_date)));
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  return Child{row.i64(0), row.str(1), row.str(2), row.str(3), row.str(4)};
}

Facts prerequisite_facts(db::Connection& c, std::int64_t child_id, std::int64_t place,
                         std::optional<std::int64_t> bc, ProviderKind kind) {
  Facts out;
  out.facts.kind = kind;
  // The admission at that place (issue 15): the child admitted from its planned start.
  std::optional<std::int64_t> linked;
  auto adm = c.run(
      "SELECT planned_start, ended_at, dossier_id FROM admissions WHERE child_id = $1 AND "
      "organization_id = $2 AND state IN ('admitted', 'confirmed') ORDER BY id DESC",
      child_id, place);
  for (size_t i = 0; i < adm.size(); ++i) {
    auto row = adm.row(i);
    Span s;
    s.start = dates::parse(row.str(0));
    if (auto e = row.opt_str(1)) s.end = dates::parse(e->substr(0, 10));
    out.facts.agreements.push_back(s);
    if (!linked) linked = row.opt_i64(2);
  }
  // The registry dossier: the one the admission is linked to, else the place's dossier of the
  // same child (birth date and names, accents and case as stored).
  auto child =
      c.run("SELECT given_name, surname, birth_date FROM portail_children WHERE id = $1", child_id);
  std::optional<db::Row> dossier;
  const std::int64_t holder = bc.value_or(place);
  if (linked) {
    auto d = c.run(
        "SELECT id, status, data FROM dossiers WHERE id = $1 AND organization_id = $2 AND "
        "(rsge_id IS NULL OR rsge_id = $3)",
        *linked, holder, place);
    if (!d.empty()) dossier = std::move(d).row(0);
  }
  if (!dossier && !child.empty()) {
    auto ch = child.first();
    auto d = c.run(
        "SELECT id, status, data FROM dossiers WHERE organization_id = $1 AND birth_date = $2 "
        "AND lower(child_surname) = lower($3) AND lower(child_given_name) = lower($4) "
        "AND ($5 = 0 OR rsge_id = $6) ORDER BY updated_at DESC, id DESC LIMIT 1",
        holder, ch.str(2), ch.str(1), ch.str(0), bc ? 1 : 0, place);
    if (!d.empty()) dossier = std::move(d).row(0);
  }
  if (dossier) {
    out.dossier_id = dossier->i64(0);
    auto status = dossier->str(1);
    out.facts.sync = status == "accepted"  ? SyncState::accepted
                     : status == "pending" ? SyncState::pending
                                           : SyncState::rejected;
    auto j = json::parse(dossier->str(2), nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
      if (j.contains("agreements") && j["agreements"].is_array())
        for (const auto& a : j["agreements"]) {
          if (!a.is_object() || !a.value("signed", false)) continue;
          Span s{date_of(a, "start"), date_of(a, "termination")};
          if (!s.end) s.end = date_of(a, "end");
          out.facts.agreements.push_back(s);
        }
      if (j.contains("handicap_periods") && j["handicap_periods"].is_array())
        for (const auto& h : j["handicap_periods"])
          out.facts.aisg_periods.push_back({date_of(h, "start"), date_of(h, "end")});
    }
  }
  // The AISG documents are the parent's file, which sgee does not hold: the registry accepts a
  // handicap period only with them, so a period declared stands for them.
  out.facts.aisg_documents_valid = !out.facts.aisg_periods.empty();
  out.facts.open_requests = static_cast<int>(
      c.run("SELECT COUNT(*) FROM mes_requests WHERE child_id = $1 AND organization_id = $2 AND "
            "(status IN ('brouillon', 'transmise', 'commentaires') OR (status = 'conforme' "
            "AND decided_at IS NULL))",
            child_id, place)
          .first()
          .i64(0));
  return out;
}

std::pair<std::int64_t, std::string> create(db::Connection& c, const NewRequest& n) {
  auto now = log::utc_now_iso();
  auto id = c.run(
                 "INSERT INTO mes_requests (number, organization_id, bc_id, provider_kind, "
                 "child_id, dossier_id, type, status, reference_year, renews_id, answers, "
                 "requested_minutes, revision, created_at, created_by, updated_at, updated_by) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, 'brouillon', $8, $9, $10, $11, 1, $12, "
                 "$13, $12, $13) RETURNING id",
                 "new-" + text::random_hex(12), n.organization_id, n.bc_id, to_string(n.kind),
                 n.child_id, n.dossier_id, to_string(n.type), n.reference_year, n.renews_id,
                 answers_json(n.answers), n.requested_minutes, now, n.by)
                .first()
                .i64(0);
  std::string digits = std::to_string(id % 1000000);
  std::string number =
      "MES-" + now.substr(0, 4) + "-" + std::string(6 - digits.size(), '0') + digits;
  c.run("UPDATE mes_requests SET number = $1 WHERE id = $2", number, id);
  record_event(c, id, n.by, Action::save, std::nullopt, Status::brouillon, "create");
  return {id, number};
}

std::vector<Row> list(db::Connection& c, std::int64_t org, List which, int limit, int offset) {
  std::vector<Row> out;
  auto r = c.run(
      "SELECT r.id, r.number, ch.given_name, ch.surname, o.name, r.type, r.status, r.updated_at, "
      "CASE WHEN EXISTS (SELECT 1 FROM mes_comments m WHERE m.request_id = r.id AND "
      "m.sent_at IS NOT NULL AND m.corrected_at IS NULL) THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM mes_communications k WHERE k.request_id = r.id AND "
      "k.read_at IS NULL) THEN 1 ELSE 0 END "
      "FROM mes_requests r JOIN portail_children ch ON ch.id = r.child_id "
      "JOIN organizations o ON o.id = r.organization_id "
      "WHERE (r.organization_id = $1 OR r.bc_id = $1) AND r.status <> 'supprimee'" +
          list_condition(which) + " ORDER BY r.updated_at DESC, r.id DESC LIMIT $2 OFFSET $3",
      org, limit, offset);
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Row x;
    x.id = row.i64(0);
    x.number = row.str(1);
    x.child_given_name = row.str(2);
    x.child_surname = row.str(3);
    x.org_name = row.str(4);
    x.type = request_type_from(row.str(5)).value_or(RequestType::new_request);
    x.status = status_from(row.str(6)).value_or(Status::brouillon);
    x.updated_at = row.str(7);
    x.bell = row.i64(8) != 0;
    x.letter = row.i64(9) != 0;
    out.push_back(x);
  }
  return out;
}

Counts counts(db::Connection& c, std::int64_t org) {
  auto r = c.run(
      "SELECT COUNT(*), "
      "COALESCE(SUM(CASE WHEN status IN ('transmise', 'commentaires') THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status = 'brouillon' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status IN ('conforme', 'accordee', 'refusee') THEN 1 ELSE 0 END), "
      "0) FROM mes_requests WHERE (organization_id = $1 OR bc_id = $1) AND status <> "
      "'supprimee'",
      org);
  auto row = r.first();
  return {row.i64(0), row.i64(1), row.i64(2), row.i64(3)};
}

bool save_answers(db::Connection& c, std::int64_t id, std::int64_t typed_on, const Answers& a,
                  std::optional<int> requested_minutes, std::int64_t by) {
  auto r = c.run(
      "UPDATE mes_requests SET answers = $1, requested_minutes = $2, revision = revision + 1, "
      "updated_at = $3, updated_by = $4 WHERE id = $5 AND revision = $6",
      answers_json(a), requested_minutes, log::utc_now_iso(), by, id, typed_on);
  return r.affected == 1;
}

std::vector<Attachment> attachments(db::Connection& c, std::int64_t id) {
  std::vector<Attachment> out;
  auto r =
      c.run("SELECT nature, sha256 FROM mes_attachments WHERE request_id = $1 ORDER BY id", id);
  for (size_t i = 0; i < r.size(); ++i) out.push_back({r.row(i).str(0), r.row(i).str(1)});
  return out;
}

std::vector<Section> commented_sections(db::Connection& c, std::int64_t id) {
  std::vector<Section> out;
  auto r = c.run(
      "SELECT DISTINCT section FROM mes_comments WHERE request_id = $1 AND sent_at IS NOT NULL",
      id);
  for (size_t i = 0; i < r.size(); ++i)
    if (auto s = section_from(r.row(i).str(0))) out.push_back(*s);
  return out;
}

int comments_not_corrected(db::Connection& c, std::int64_t id) {
  return static_cast<int>(c.run("SELECT COUNT(*) FROM mes_comments WHERE request_id = $1 AND "
                                "sent_at IS NOT NULL AND corrected_at IS NULL",
                                id)
                              .first()
                              .i64(0));
}

void sign(db::Connection& c, std::int64_t id, std::int64_t by, const std::string& hash) {
  c.run("UPDATE mes_requests SET signed_by = $1, signed_at = $2, signed_hash = $3 WHERE id = $4",
        by, log::utc_now_iso(), hash, id);
}

int transmit(db::Connection& c, const Request& r, Status to, std::int64_t by,
             const std::string& hash) {
  auto now = log::utc_now_iso();
  int number = static_cast<int>(
      c.run("SELECT COALESCE(MAX(number), 0) + 1 FROM mes_versions WHERE request_id = $1", r.id)
          .first()
          .i64(0));
  json files = json::array();
  auto f = c.run(
      "SELECT nature, sha256, filename FROM mes_attachments WHERE request_id = $1 ORDER BY id",
      r.id);
  for (size_t i = 0; i < f.size(); ++i)
    files.push_back(
        {{"nature", f.row(i).str(0)}, {"sha256", f.row(i).str(1)}, {"filename", f.row(i).str(2)}});
  c.run(
      "INSERT INTO mes_versions (request_id, number, type, answers, attachments, content_hash, "
      "transmitted_at, transmitted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      r.id, number, to_string(r.type), answers_json(r.answers), files.dump(), hash, now, by);
  c.run(
      "UPDATE mes_requests SET status = $1, transmitted_at = $2, first_transmitted_at = "
      "COALESCE(first_transmitted_at, $2), updated_at = $2, updated_by = $3 WHERE id = $4",
      to_string(to), now, by, r.id);
  record_event(c, r.id, by, Action::transmit, r.status, to, "version " + std::to_string(number));
  return number;
}

void remove(db::Connection& c, std::int64_t id) {
  for (const char* sql : {"DELETE FROM mes_attachments WHERE request_id = $1",
                          "DELETE FROM mes_comments WHERE request_id = $1",
                          "DELETE FROM mes_communications WHERE request_id = $1",
                          "DELETE FROM mes_versions WHERE request_id = $1",
                          "DELETE FROM mes_events WHERE request_id = $1",
                          "UPDATE mes_requests SET renews_id = NULL WHERE renews_id = $1",
                          "DELETE FROM mes_requests WHERE id = $1 AND status = 'brouillon'"})
    c.run(sql, id);
}

void record_event(db::Connection& c, std::int64_t request_id, std::optional<std::int64_t> user,
                  Action a, std::optional<Status> from, std::optional<Status> to,
                  const std::string& detail) {
  std::optional<std::string> f, t;
  if (from) f = std::string(to_string(*from));
  if (to) t = std::string(to_string(*to));
  c.run(
      "INSERT INTO mes_events (request_id, at, user_id, action, from_status, to_status, detail) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      request_id, log::utc_now_iso(), user, std::string(to_string(a)), f, t, detail);
}

std::vector<Event> events(db::Connection& c, std::int64_t request_id) {
  std::vector<Event> out;
  auto r = c.run(
      "SELECT e.at, e.action, COALESCE(e.from_status, ''), COALESCE(e.to_status, ''), "
      "COALESCE(e.detail, ''), COALESCE(u.given_name || ' ' || u.surname, '') FROM mes_events e "
      "LEFT JOIN users u ON u.id = e.user_id WHERE e.request_id = $1 ORDER BY e.id",
      request_id);
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.str(0), row.str(1), row.str(2), row.str(3), row.str(4), row.str(5)});
  }
  return out;
}

}  // namespace sgee::mes::store
