#include "csg/store.hpp"

#include <algorithm>

#include "csg/json.hpp"
#include "geo/addresses.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::csg::store {

using nlohmann::json;

namespace {

std::string dossier_search_key(const Dossier& d) {
  std::string key = d.ref;
  for (const auto* s : {&d.child.surname, &d.child.given_name, &d.child.nirec, &d.child.necsg,
                        &d.guardian.surname, &d.guardian.given_name})
    if (*s) key += " " + **s;
  if (d.other_guardian)
    for (const auto* s : {&d.other_guardian->surname, &d.other_guardian->given_name})
      if (*s) key += " " + **s;
  return text::search_key(key);
}

// The child's other dossiers (`select` ends with "WHERE "): by NIREC, by NECSG, or by either when
// the child has both (a child who obtained a NIREC keeps the NECSG of their dossier, DOS-06, while
// their other dossiers may have only one of them). One column per query when only one is known:
// PostgreSQL's generic plan for the OR of both cost a third of the sync's throughput. No rows
// when the child has neither.
db::Result by_child_key(db::Connection& c, const std::string& select, const Child& child,
                        std::int64_t except_dossier) {
  bool nirec = child.nirec && !child.nirec->empty(), necsg = child.necsg && !child.necsg->empty();
  if (!nirec && !necsg) return {};
  if (nirec && necsg)
    return c.run(select + "(d.nirec = $1 OR d.necsg = $2) AND d.id <> $3", *child.nirec,
                 *child.necsg, except_dossier);
  if (nirec) return c.run(select + "d.nirec = $1 AND d.id <> $2", *child.nirec, except_dossier);
  return c.run(select + "d.necsg = $1 AND d.id <> $2", *child.necsg, except_dossier);
}
}  // namespace

std::optional<StoredDossier> find_dossier(db::Connection& c, std::int64_t org,
                                          const std::string& ref) {
  auto r = c.run(
      "SELECT id, version, ref, status, messages, data, updated_at FROM dossiers WHERE "
      "organization_id = $1 AND ref = $2",
      org, ref);
  if (r.empty()) return std::nullopt;
  auto row = r.row(0);
  StoredDossier s;
  s.id = row.i64(0);
  s.version = row.i64(1);
  s.ref = row.str(2);
  s.status = row.str(3);
  s.messages = json::parse(row.str(4), nullptr, false);
  s.data = row.str(5);
  s.dossier = parse_dossier(json::parse(s.data, nullptr, false)).dossier;
  s.updated_at = row.str(6);
  return s;
}

OtherDossiers other_dossiers_of_child(db::Connection& c, const Child& child,
                                      std::int64_t except_dossier) {
  OtherDossiers out;
  static const std::string select =
      "SELECT d.ref, o.number, d.data, d.id, d.version, o.name FROM dossiers d JOIN organizations "
      "o ON o.id = d.organization_id WHERE ";
  auto r = by_child_key(c, select, child, except_dossier);
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    auto other = parse_dossier(json::parse(row.str(2), nullptr, false)).dossier;
    out.guardians.push_back({row.str(0), row.str(1), other.guardian});
    for (auto& a : other.agreements)
      out.agreements.push_back({row.str(0), row.str(1), std::move(a), row.str(5)});
    out.read.emplace_back(row.i64(3), row.i64(4));
  }
  std::sort(out.read.begin(), out.read.end());
  return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> dossier_version(db::Connection& c,
                                                                     std::int64_t org,
                                                                     const std::string& ref) {
  auto r =
      c.run("SELECT id, version FROM dossiers WHERE organization_id = $1 AND ref = $2", org, ref);
  if (r.empty()) return std::nullopt;
  return std::pair(r.row(0).i64(0), r.row(0).i64(1));
}

std::vector<std::pair<std::int64_t, std::int64_t>> other_dossier_versions(
    db::Connection& c, const Child& child, std::int64_t except_dossier) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  auto r = by_child_key(c, "SELECT d.id, d.version FROM dossiers d WHERE ", child, except_dossier);
  for (size_t i = 0; i < r.size(); ++i) out.emplace_back(r.row(i).i64(0), r.row(i).i64(1));
  std::sort(out.begin(), out.end());
  return out;
}

bool civil_registry_loaded(db::Connection& c) {
  return !c.run("SELECT 1 FROM civil_registry LIMIT 1").empty();
}

std::optional<CivilRecord> civil_record(db::Connection& c, const std::string& nirec) {
  auto r = c.run(
      "SELECT nirec, surname, given_name, sex, birth_date FROM civil_registry WHERE nirec = $1",
      nirec);
  if (r.empty()) return std::nullopt;
  auto row = r.row(0);
  CivilRecord rec;
  rec.nirec = row.str(0);
  rec.surname = row.str(1);
  rec.given_name = row.str(2);
  auto sex = row.str(3);
  rec.sex = sex == "M" ? Sex::M : sex == "X" ? Sex::X : Sex::F;
  rec.birth_date = dates::parse(row.str(4)).value_or(Date{});
  return rec;
}

bool address_exists(db::Connection& c, const Address& a) {
  if (!a.civic_number || !a.street || !a.municipality) return false;
  return geo::address_exists(c, *a.civic_number, *a.street, *a.municipality);
}

void add_civil_records(db::Connection& c, const std::vector<CivilRecord>& rows) {
  for (const auto& r : rows)
    c.run(
        "INSERT INTO civil_registry (nirec, surname, given_name, sex, birth_date) VALUES ($1, $2, "
        "$3, $4, $5) ON CONFLICT (nirec) DO UPDATE SET surname = excluded.surname, given_name = "
        "excluded.given_name, sex = excluded.sex, birth_date = excluded.birth_date",
        r.nirec, r.surname, r.given_name,
        r.sex == Sex::M   ? "M"
        : r.sex == Sex::X ? "X"
                          : "F",
        dates::format(r.birth_date));
}

std::vector<Reservation> reservations(db::Connection& c, std::int64_t org) {
  auto r = c.run(
      "SELECT start_date, end_date, days_per_week, places, age FROM cisss_reservations WHERE "
      "organization_id = $1 ORDER BY start_date",
      org);
  std::vector<Reservation> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({dates::parse(row.str(0)).value_or(Date{}),
                   dates::parse(row.str(1)).value_or(Date{}), static_cast<int>(row.i64(2)),
                   static_cast<int>(row.i64(3)),
                   row.str(4) == "0-17" ? Bracket::infant : Bracket::toddler});
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> rsge_of_bc(db::Connection& c, std::int64_t bc) {
  auto r = c.run("SELECT number, id FROM organizations WHERE parent_id = $1 AND kind = 'rsge'", bc);
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (size_t i = 0; i < r.size(); ++i) out.emplace_back(r.row(i).str(0), r.row(i).i64(1));
  return out;
}

std::vector<std::pair<std::string, std::string>> rsge_choices(db::Connection& c, std::int64_t bc) {
  auto r =
      c.run("SELECT number, name FROM organizations WHERE parent_id = $1 AND kind = 'rsge'", bc);
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.emplace_back(r.row(i).str(0), r.row(i).str(1) + " (" + r.row(i).str(0) + ")");
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return text::search_key(a.second) < text::search_key(b.second);
  });
  return out;
}

std::string next_necsg(db::Connection& c) {
  auto r =
      c.run("INSERT INTO necsg_numbers (assigned_at) VALUES ($1) RETURNING id", log::utc_now_iso());
  auto n = r.first().i64(0);
  std::string digits = std::to_string(n);
  return "9" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

namespace {
std::vector<SaveListener>& save_listeners() {
  static std::vector<SaveListener> listeners;
  return listeners;
}
}  // namespace

void add_save_listener(SaveListener listener) {
  save_listeners().push_back(std::move(listener));
}

DossierValues dossier_values(const Dossier& d) {
  DossierValues row;
  row.data = to_json_text(d);
  row.search_key = dossier_search_key(d);
  row.sort_key = text::search_key(d.child.surname.value_or("")) + '\t' +
                 text::search_key(d.child.given_name.value_or(""));
  for (const auto& l : save_listeners()) row.kept.push_back(l.prepare(d));
  for (const auto& b : d.age_brackets) {
    auto& from = row.bracket_from[static_cast<int>(b.bracket)];
    if (!from) from = dates::format(b.start);
  }
  for (const auto& a : d.agreements) {
    if (a.start && (!row.first_start || dates::format(*a.start) < *row.first_start))
      row.first_start = dates::format(*a.start);
    auto last = a.termination ? a.termination : a.end;
    if (last && (!row.last_end || dates::format(*last) > *row.last_end))
      row.last_end = dates::format(*last);
  }
  if (d.child.birth_date) row.birth = dates::format(*d.child.birth_date);
  return row;
}

Saved save_dossier(db::Connection& c, std::int64_t org, std::optional<std::int64_t> rsge_id,
                   const Dossier& d, const StoredDossier* stored, const std::string& status,
                   const json& messages, const Who& who) {
  return save_dossier(c, org, rsge_id, d, dossier_values(d), stored, status, messages, who);
}

Saved save_dossier(db::Connection& c, std::int64_t org, std::optional<std::int64_t> rsge_id,
                   const Dossier& d, const DossierValues& row, const StoredDossier* stored,
                   const std::string& status, const json& messages, const Who& who) {
  std::string now = log::utc_now_iso();
  Saved saved;
  std::int64_t version = 1;
  if (stored) {
    saved.id = stored->id;
    version = stored->version;
    if (stored->data == row.data) {
      c.run("UPDATE dossiers SET status = $1, messages = $2 WHERE id = $3", status, messages.dump(),
            saved.id);
      return saved;
    }
    ++version;
    c.run(
        "UPDATE dossiers SET version = $1, status = $2, messages = $3, data = $4, nirec = $5, "
        "necsg = $6, birth_date = $7, child_surname = $8, child_given_name = $9, search_key = "
        "$10, infant_from = $11, toddler_from = $12, school_from = $13, first_start = $14, "
        "last_end = $15, updated_at = $16, rsge_id = $17, sort_key = $18 WHERE id = $19",
        version, status, messages.dump(), row.data, d.child.nirec, d.child.necsg, row.birth,
        d.child.surname, d.child.given_name, row.search_key, row.bracket_from[0],
        row.bracket_from[1], row.bracket_from[2], row.first_start, row.last_end, now, rsge_id,
        row.sort_key, saved.id);
  } else {
    saved.created = true;
    saved.id = c.run(
                    "INSERT INTO dossiers (organization_id, ref, rsge_id, version, status, "
                    "messages, data, nirec, necsg, birth_date, child_surname, child_given_name, "
                    "search_key, infant_from, toddler_from, school_from, first_start, last_end, "
                    "created_at, updated_at, sort_key) "
                    "VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                    "$15, $16, $17, $18, $18, $19) RETURNING id",
                    org, d.ref, rsge_id, status, messages.dump(), row.data, d.child.nirec,
                    d.child.necsg, row.birth, d.child.surname, d.child.given_name, row.search_key,
                    row.bracket_from[0], row.bracket_from[1], row.bracket_from[2], row.first_start,
                    row.last_end, now, row.sort_key)
                   .first()
                   .i64(0);
  }
  saved.changed = true;
  const auto& listeners = save_listeners();
  for (size_t i = 0; i < listeners.size(); ++i)
    listeners[i].write(c, saved.id, i < row.kept.size() ? row.kept[i] : listeners[i].prepare(d));
  c.run(
      "INSERT INTO dossier_versions (dossier_id, version, data, created_at, user_id, "
      "access_code_id) VALUES ($1, $2, $3, $4, $5, $6)",
      saved.id, version, row.data, now, who.user_id, who.access_code_id);
  return saved;
}

void record_rejection(db::Connection& c, std::int64_t dossier_id, const json& messages) {
  c.run("UPDATE dossiers SET status = 'rejected', messages = $1 WHERE id = $2", messages.dump(),
        dossier_id);
}

std::vector<std::string> search_words(const std::string& q) {
  std::vector<std::string> words;
  const std::string folded = text::search_key(text::trim(q));  // split's views point into it
  for (auto w : text::split(folded, ' '))
    if (!w.empty() && words.size() < kMaxSearchWords) words.emplace_back(w);
  return words;
}

namespace {

// The bracket in force on $5 (DOS-20: brackets start in this order): the last one started, else
// the first one declared.
const std::string kInForce =
    "CASE WHEN d.school_from <= $5 THEN 'school' WHEN d.toddler_from <= $5 THEN '18-59' WHEN "
    "d.infant_from <= $5 THEN '0-17' WHEN d.infant_from IS NOT NULL THEN '0-17' WHEN "
    "d.toddler_from IS NOT NULL THEN '18-59' WHEN d.school_from IS NOT NULL THEN 'school' ELSE "
    "'' END";

// One fixed SQL text for any search: each word ($2, $6, $7, $8; '' when absent) must appear in
// the folded key. strpos, not LIKE: the words' % and _ are not wildcards, and SQLite does not
// prepare the statement again for every new search text (as it does for LIKE with a parameter).
const std::string kWhere =
    " FROM dossiers d WHERE d.organization_id = $1 AND ($2 = '' OR strpos(d.search_key, $2) > 0) "
    "AND ($6 = '' OR strpos(d.search_key, $6) > 0) AND ($7 = '' OR strpos(d.search_key, $7) > 0) "
    "AND ($8 = '' OR strpos(d.search_key, $8) > 0) AND ($3 = '' OR " +
    kInForce + " = $3) AND ($4 = '' OR d.status = $4)";

// Each sort's ORDER BY, ascending and descending (the only texts a sort puts into the SQL). The
// name's follows the covering index (0012): page 1 reads 50 index entries, no sort. The others
// sort the organization's matches (a top-N sort on both engines), then by name.
std::string order_by(DossierSort sort, bool desc) {
  const char* dir = desc ? " DESC" : "";
  std::string then = std::string(", d.sort_key") + dir + ", d.ref" + dir;
  switch (sort) {
    case DossierSort::name: return std::string(" ORDER BY d.sort_key") + dir + ", d.ref" + dir;
    case DossierSort::birth_date: return " ORDER BY COALESCE(d.birth_date, '')" + (dir + then);
    case DossierSort::number:
      return " ORDER BY COALESCE(NULLIF(d.nirec, ''), d.necsg, '')" + (dir + then);
    case DossierSort::bracket: return " ORDER BY 7" + (dir + then);
    case DossierSort::period:
      return " ORDER BY COALESCE(d.first_start, '')" +
             (dir + std::string(", COALESCE(d.last_end, '')") + dir + then);
    case DossierSort::status: return " ORDER BY d.status" + (dir + then);
    case DossierSort::rsge: return " ORDER BY 11" + (dir + then);
  }
  return "";
}

const std::string& page_sql(DossierSort sort, bool desc) {
  static const auto all = [] {
    std::vector<std::string> out;
    for (int i = 0; i <= static_cast<int>(DossierSort::rsge); ++i)
      for (bool d : {false, true}) {
        auto sort_i = static_cast<DossierSort>(i);
        // The RSGE's name is joined only where it is shown (a BC's list) or sorted by.
        out.push_back(
            "SELECT d.ref, COALESCE(d.child_surname, ''), COALESCE(d.child_given_name, ''), "
            "COALESCE(d.birth_date, ''), COALESCE(d.nirec, ''), COALESCE(d.necsg, ''), " +
            kInForce +
            ", d.status, COALESCE(d.first_start, ''), COALESCE(d.last_end, ''), COALESCE((SELECT "
            "r.name FROM organizations r WHERE r.id = d.rsge_id), '')" +
            kWhere + order_by(sort_i, d) + " LIMIT $9 OFFSET $10");
      }
    return out;
  }();
  return all[static_cast<size_t>(sort) * 2 + (desc ? 1 : 0)];
}

std::string word(const std::vector<std::string>& words, size_t i) {
  return i < words.size() ? words[i] : std::string();
}

}  // namespace

std::vector<DossierRow> search_dossiers(db::Connection& c, std::int64_t org,
                                        const DossierSearch& s) {
  auto w = search_words(s.q);
  auto r = c.run(page_sql(s.sort, s.descending), org, word(w, 0), s.bracket, s.status, s.today,
                 word(w, 1), word(w, 2), word(w, 3), s.limit, s.offset);
  std::vector<DossierRow> rows;
  rows.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i)
    rows.push_back({r.take_str(i, 0), r.take_str(i, 1), r.take_str(i, 2), r.take_str(i, 3),
                    r.take_str(i, 4), r.take_str(i, 5), r.take_str(i, 6), r.take_str(i, 7),
                    r.take_str(i, 8), r.take_str(i, 9), r.take_str(i, 10)});
  return rows;
}

// The total is read apart: a window (COUNT(*) OVER ()) makes SQLite copy every match into a
// sorter, which doubles the list's cost.
std::int64_t count_dossiers(db::Connection& c, std::int64_t org, const DossierSearch& s) {
  static const std::string sql = "SELECT COUNT(*)" + kWhere;
  auto w = search_words(s.q);
  // Without a filter, the organization's entries of the covering index are counted, without
  // evaluating the filters' conditions for each (the list's first view, the most frequent).
  if (w.empty() && s.bracket.empty() && s.status.empty())
    return c.run("SELECT COUNT(*) FROM dossiers WHERE organization_id = $1", org).first().i64(0);
  return c
      .run(sql, org, word(w, 0), s.bracket, s.status, s.today, word(w, 1), word(w, 2), word(w, 3))
      .first()
      .i64(0);
}

std::vector<Version> versions_of(db::Connection& c, std::int64_t dossier_id) {
  auto r = c.run(
      "SELECT v.version, v.created_at, COALESCE(u.given_name || ' ' || u.surname, CASE WHEN "
      "v.access_code_id IS NOT NULL THEN 'API' ELSE '' END) FROM dossier_versions v LEFT JOIN "
      "users u ON u.id = v.user_id WHERE v.dossier_id = $1 ORDER BY v.version DESC",
      dossier_id);
  std::vector<Version> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.row(i).i64(0), r.row(i).str(1), r.row(i).str(2)});
  return out;
}

void replace_closing_days(db::Connection& c, std::int64_t org, int year,
                          const std::vector<ClosingDay>& days) {
  db::Transaction tx(c);
  std::string y = std::to_string(year);
  c.run("DELETE FROM closing_days WHERE organization_id = $1 AND day >= $2 AND day <= $3", org,
        y + "-01-01", y + "-12-31");
  for (const auto& d : days)
    c.run(
        "INSERT INTO closing_days (organization_id, day, closed, administration_open, care_open, "
        "reason) VALUES ($1, $2, $3, $4, $5, $6)",
        org, dates::format(d.day), schedule_day_text(d.closed), d.administration_open, d.care_open,
        d.reason);
  tx.commit();
}

std::vector<ClosingDay> closing_days(db::Connection& c, std::int64_t org, int year) {
  std::string y = std::to_string(year);
  auto r = c.run(
      "SELECT day, closed, administration_open, care_open, reason FROM closing_days WHERE "
      "organization_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
      org, y + "-01-01", y + "-12-31");
  std::vector<ClosingDay> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    ClosingDay d;
    d.day = dates::parse(row.str(0)).value_or(Date{});
    bool ok = true;
    d.closed = half_periods_in(row.str(1), &ok);
    d.administration_open = row.i64(2) != 0;
    d.care_open = row.i64(3) != 0;
    d.reason = row.str(4);
    out.push_back(d);
  }
  return out;
}

void replace_reservations(db::Connection& c, std::int64_t org, const std::vector<Reservation>& rs) {
  db::Transaction tx(c);
  c.run("DELETE FROM cisss_reservations WHERE organization_id = $1", org);
  for (const auto& r : rs)
    c.run(
        "INSERT INTO cisss_reservations (organization_id, start_date, end_date, days_per_week, "
        "places, age) VALUES ($1, $2, $3, $4, $5, $6)",
        org, dates::format(r.start), dates::format(r.end), r.days_per_week, r.places,
        r.age == Bracket::infant ? "0-17" : "18-59");
  tx.commit();
}

std::string next_form_ref(db::Connection& c, std::int64_t org) {
  // The highest 8-digit number first: a provider's own numbering may hold other references.
  auto r = c.run(
      "SELECT ref FROM dossiers WHERE organization_id = $1 AND length(ref) = 8 AND ref >= "
      "'10000000' AND ref <= '99999999' ORDER BY ref DESC",
      org);
  std::int64_t n = kFirstFormRef;
  for (size_t i = 0; i < r.size(); ++i) {
    auto ref = r.row(i).str(0);
    if (std::all_of(ref.begin(), ref.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      n = std::max(n, text::to_int(ref).value_or(0) + 1);
      break;
    }
  }
  return std::to_string(n);
}

}  // namespace sgee::csg::store
