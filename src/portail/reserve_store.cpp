#include "portail/reserve_store.hpp"

#include <unordered_map>

#include "access/store.hpp"
#include "platform/date.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/ranking_store.hpp"

namespace sgee::portail::reserve_store {

namespace {

struct Stored {
  std::int64_t generation = 0, current = 0, total = 0;
  std::string ranked_on;
};

std::optional<Stored> stored(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run(
      "SELECT r.generation, COALESCE((SELECT g.generation FROM reserve_generations g WHERE "
      "g.organization_id = r.organization_id), 0), r.total, r.ranked_on FROM reserve_rankings r "
      "WHERE r.organization_id = $1",
      organization_id);
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  return Stored{row.i64(0), row.i64(1), row.i64(2), row.str(3)};
}

bool fresh(const std::optional<Stored>& s, const std::string& today) {
  return s && s->generation == s->current && s->ranked_on == today;
}

std::vector<std::string> codes(const std::string& list) {
  std::vector<std::string> out;
  for (auto part : text::split(list, ','))
    if (!part.empty()) out.emplace_back(part);
  return out;
}

constexpr size_t kChunk = 100;

void write_positions(db::Connection& c, std::int64_t organization_id,
                     const std::vector<ranking::Ranked>& ranked,
                     const std::unordered_map<std::int64_t, bool>& sibling) {
  c.run("DELETE FROM reserve_positions WHERE organization_id = $1", organization_id);
  auto values = [&](size_t from, size_t n) {
    std::string sql =
        "INSERT INTO reserve_positions (organization_id, position, child_id, category, priority, "
        "sibling) VALUES ";
    std::vector<db::Value> params;
    params.reserve(n * 6);
    for (size_t i = 0; i < n; ++i) {
      const auto& r = ranked[from + i];
      auto k = i * 6;
      sql += (i ? ", ($" : "($") + std::to_string(k + 1) + ", $" + std::to_string(k + 2) + ", $" +
             std::to_string(k + 3) + ", $" + std::to_string(k + 4) + ", $" + std::to_string(k + 5) +
             ", $" + std::to_string(k + 6) + ")";
      auto s = sibling.find(r.child_id);
      params.insert(params.end(),
                    {db::Value(organization_id), db::Value(std::int64_t{r.position}),
                     db::Value(r.child_id), db::Value(static_cast<std::int64_t>(r.category)),
                     r.priority ? db::Value(*r.priority) : db::Value(nullptr),
                     db::Value(std::int64_t{s != sibling.end() && s->second ? 1 : 0})});
    }
    c.query(sql, params);
  };
  size_t i = 0;
  for (; i + kChunk <= ranked.size(); i += kChunk) values(i, kChunk);
  for (; i < ranked.size(); ++i) values(i, 1);  // one statement shape per size: two in all
}

}  // namespace

std::int64_t ensure_ranked(db::Connection& c, std::int64_t organization_id, dates::Date today) {
  auto day = dates::format(today);
  auto s = stored(c, organization_id);
  if (fresh(s, day)) return s->total;
  db::Transaction tx(c);
  c.run(
      "INSERT INTO reserve_rankings (organization_id, generation, ranked_on, total) VALUES ($1, "
      "-1, '', 0) ON CONFLICT (organization_id) DO NOTHING",
      organization_id);
  // The row's lock: one server recomputes a provider's order at a time, the others then find it
  // current.
  c.run("UPDATE reserve_rankings SET total = total WHERE organization_id = $1", organization_id);
  s = stored(c, organization_id);
  if (fresh(s, day)) {
    tx.commit();
    return s->total;
  }
  // The generation is read before the facts: a change committed meanwhile moves it past the one
  // stored here, and the next reader recomputes.
  auto generation = s ? s->current : 0;
  auto reserve = ranking_store::load(c, organization_id, today);
  // Siblings: children of one family file both in this réserve.
  std::unordered_map<std::int64_t, std::int64_t> family_of;
  std::unordered_map<std::int64_t, int> in_family;
  {
    auto f = c.run(
        "SELECT ch.id, ch.family_id FROM portail_choices pc JOIN portail_children ch ON ch.id = "
        "pc.child_id WHERE pc.organization_id = $1",
        organization_id);
    for (size_t i = 0; i < f.size(); ++i) family_of[f.row(i).i64(0)] = f.row(i).i64(1);
  }
  for (const auto& cand : reserve.children) ++in_family[family_of[cand.child_id]];
  std::unordered_map<std::int64_t, bool> sibling;
  for (const auto& cand : reserve.children)
    sibling[cand.child_id] = in_family[family_of[cand.child_id]] > 1;
  auto ranked = ranking::rank(reserve.provider, std::move(reserve.children), today);
  write_positions(c, organization_id, ranked, sibling);
  auto total = static_cast<std::int64_t>(ranked.size());
  c.run(
      "UPDATE reserve_rankings SET generation = $2, ranked_on = $3, total = $4 WHERE "
      "organization_id = $1",
      organization_id, generation, day, total);
  tx.commit();
  return total;
}

namespace {

// The columns of a row (a literal, joined to each query's ending at compile time).
#define SGEE_RESERVE_ROW_QUERY                                                                 \
  "SELECT p.position, p.child_id, p.category, p.priority, p.sibling, ch.confirmation_number, " \
  "ch.surname, ch.given_name, ch.birth_date, COALESCE(ch.desired_start, ch.birth_date), "      \
  "ch.schedule, ch.accept_partial, ch.accept_replacement, ch.priority_criteria, "              \
  "ch.special_needs * pc.share_special_needs, "                                                \
  "CASE WHEN EXISTS (SELECT 1 FROM referrals rf WHERE rf.child_id = p.child_id AND "           \
  "rf.organization_id = p.organization_id AND rf.state NOT IN ('declined_parent', "            \
  "'declined_provider', 'expired')) THEN 1 ELSE 0 END "                                        \
  "FROM reserve_positions p JOIN portail_children ch ON ch.id = p.child_id "                   \
  "JOIN portail_choices pc ON pc.child_id = p.child_id AND pc.organization_id = "              \
  "p.organization_id WHERE p.organization_id = $1 "

Row row_of(const db::Row& r) {
  Row out;
  out.position = r.i64(0);
  out.child_id = r.i64(1);
  out.category = static_cast<ranking::Category>(r.i64(2));
  out.priority = r.opt_str(3);
  out.sibling = r.i64(4) != 0;
  out.confirmation_number = r.str(5);
  out.surname = r.str(6);
  out.given_name = r.str(7);
  out.birth = dates::parse(r.str(8)).value_or(dates::Date{});
  out.desired_start = dates::parse(r.str(9)).value_or(out.birth);
  out.schedule = parse_schedule(r.str(10)).value_or(WeekMasks{});
  out.accept_partial = r.i64(11) != 0;
  out.accept_replacement = r.i64(12) != 0;
  out.criteria = codes(r.str(13));
  if (r.i64(14) != 0) out.criteria.emplace_back("special_needs");
  out.identified = r.i64(15) != 0;
  return out;
}

}  // namespace

std::vector<Row> rows(db::Connection& c, std::int64_t organization_id, std::int64_t limit,
                      std::int64_t offset) {
  // Positions run 1…total without gaps (ensure_ranked writes them so): a page is a range of them,
  // read through the primary key, never an OFFSET that would join every row before it.
  auto r = limit > 0 ? c.run(SGEE_RESERVE_ROW_QUERY
                             "AND p.position > $2 AND p.position <= $3 ORDER BY p.position",
                             organization_id, offset, offset + limit)
                     : c.run(SGEE_RESERVE_ROW_QUERY "ORDER BY p.position", organization_id);
  std::vector<Row> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(row_of(r.row(i)));
  return out;
}

std::optional<Detail> detail(db::Connection& c, std::int64_t organization_id,
                             std::int64_t child_id) {
  auto r = c.run(
      "SELECT ch.confirmation_number, ch.surname, ch.given_name, ch.birth_date, "
      "COALESCE(ch.desired_start, ch.birth_date), ch.schedule, ch.accept_partial, "
      "ch.accept_replacement, ch.priority_criteria, ch.special_needs, "
      "COALESCE(ch.special_needs_text, ''), pc.share_special_needs, pc.staff_parent, "
      "pc.staff_confirmed_at, f.parent1_given_name, f.parent1_surname, "
      "COALESCE(f.parent2_given_name, ''), COALESCE(f.parent2_surname, ''), COALESCE(f.phone, ''), "
      "COALESCE(u.email, ''), COALESCE(f.civic_number, ''), COALESCE(f.street, ''), "
      "COALESCE(f.municipality, ''), COALESCE(f.postal_code, ''), COALESCE(f.parent2_email, ''), "
      "CASE WHEN EXISTS (SELECT 1 FROM referrals rf WHERE rf.child_id = ch.id AND "
      "rf.organization_id = pc.organization_id AND rf.state NOT IN ('declined_parent', "
      "'declined_provider', 'expired')) THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM admissions a WHERE a.child_id = ch.id AND "
      "a.organization_id = pc.organization_id AND a.state IN ('admitted', 'confirmed', 'ended')) "
      "THEN 1 ELSE 0 END "
      "FROM portail_choices pc JOIN portail_children ch ON ch.id = pc.child_id "
      "JOIN family_files f ON f.id = ch.family_id LEFT JOIN users u ON u.id = f.user_id "
      "WHERE pc.organization_id = $1 AND pc.child_id = $2",
      organization_id, child_id);
  if (r.empty()) return std::nullopt;
  auto x = r.first();
  Detail d;
  auto& row = d.row;
  row.child_id = child_id;
  row.confirmation_number = x.str(0);
  row.surname = x.str(1);
  row.given_name = x.str(2);
  row.birth = dates::parse(x.str(3)).value_or(dates::Date{});
  row.desired_start = dates::parse(x.str(4)).value_or(row.birth);
  row.schedule = parse_schedule(x.str(5)).value_or(WeekMasks{});
  row.accept_partial = x.i64(6) != 0;
  row.accept_replacement = x.i64(7) != 0;
  row.criteria = codes(x.str(8));
  d.special_needs = x.i64(9) != 0;
  d.share_special_needs = x.i64(11) != 0;
  if (d.special_needs && d.share_special_needs) {
    row.criteria.emplace_back("special_needs");
    d.special_needs_text = x.str(10);
  }
  d.staff_parent = x.i64(12) != 0;
  d.staff_confirmed_at = x.opt_str(13);
  d.parent1 = x.str(14) + " " + x.str(15);
  if (!x.str(16).empty()) d.parent2 = x.str(16) + " " + x.str(17);
  d.phone = x.str(18);
  d.email = x.str(19);
  if (!x.str(21).empty())
    d.address = x.str(20) + " " + x.str(21) + ", " + x.str(22) + " " + x.str(23);
  d.parent2_email = x.str(24);
  bool admitted = x.i64(26) != 0;
  row.identified = x.i64(25) != 0 || admitted;
  auto p = c.run(
      "SELECT position, category, priority, sibling FROM reserve_positions WHERE "
      "organization_id = $1 AND child_id = $2",
      organization_id, child_id);
  if (!p.empty() && !admitted) {
    d.in_reserve = true;
    row.position = p.first().i64(0);
    row.category = static_cast<ranking::Category>(p.first().i64(1));
    row.priority = p.first().opt_str(2);
    row.sibling = p.first().i64(3) != 0;
  }
  return d;
}

bool confirm_staff(db::Connection& c, std::int64_t organization_id, std::int64_t child_id,
                   const std::string& now) {
  return c.run(
              "UPDATE portail_choices SET staff_confirmed_at = $3 WHERE organization_id = $1 "
              "AND child_id = $2 AND staff_parent = 1 AND staff_confirmed_at IS NULL",
              organization_id, child_id, now)
             .affected == 1;
}

std::vector<ranking::FreePlace> open_places(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run(
      "SELECT age_group, available_from, schedule, replacement FROM free_places WHERE "
      "organization_id = $1 AND state = 'open' ORDER BY id",
      organization_id);
  std::vector<ranking::FreePlace> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    auto age = ranking::age_group_from(row.str(0));
    auto from = dates::parse(row.str(1));
    auto week = parse_schedule(row.str(2));
    if (!age || !from || !week) continue;
    out.push_back({*age, *from, *week, row.i64(3) != 0});
  }
  return out;
}

void record_consultations(db::Connection& c, std::int64_t organization_id,
                          const std::vector<std::int64_t>& child_ids, const std::string& what) {
  // One statement per 100 children (a page of the list is one), its text made once per size: $1
  // organization, $2 day, $3 kind, $4 time, $5 a minute before, then the children. Views less than
  // a minute apart count once (paging through the list is one consultation): the rows of a
  // provider reading its réserve many times a minute are then not rewritten each time, which is
  // what a write costs (docs/benchmarks.md, the réserve).
  static const std::vector<std::string> sql = [] {
    std::vector<std::string> out(kChunk + 1);
    for (size_t n = 1; n <= kChunk; ++n) {
      std::string s =
          "INSERT INTO child_consultations (child_id, organization_id, day, what, views, "
          "first_at, last_at) VALUES ";
      for (size_t i = 0; i < n; ++i)
        s += (i ? ", ($" : "($") + std::to_string(i + 6) + ", $1, $2, $3, 1, $4, $4)";
      s += " ON CONFLICT (child_id, organization_id, day, what) DO UPDATE SET views = "
           "child_consultations.views + 1, last_at = excluded.last_at WHERE "
           "child_consultations.last_at < $5";
      out[n] = std::move(s);
    }
    return out;
  }();
  auto day = dates::format(dates::today_in_quebec());
  auto at = log::utc_now_iso();
  auto minute_before =
      dates::utc_iso(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) - 60);
  for (size_t from = 0; from < child_ids.size(); from += kChunk) {
    auto n = std::min(kChunk, child_ids.size() - from);
    std::vector<db::Value> values{db::to_value(organization_id), db::to_value(day),
                                  db::to_value(what), db::to_value(at),
                                  db::to_value(minute_before)};
    values.reserve(5 + n);
    for (size_t i = 0; i < n; ++i) values.push_back(db::to_value(child_ids[from + i]));
    access::store::write_alone(c, sql[n], std::move(values));
  }
}

std::vector<Consultation> consultations(db::Connection& c, std::int64_t child_id,
                                        std::int64_t limit, std::int64_t offset) {
  auto r = c.run(
      "SELECT cc.last_at, COALESCE(o.name, ''), cc.what, cc.views FROM child_consultations cc "
      "LEFT JOIN organizations o ON o.id = cc.organization_id WHERE cc.child_id = $1 "
      "ORDER BY cc.last_at DESC, cc.what LIMIT $2 OFFSET $3",
      child_id, limit, offset);
  std::vector<Consultation> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.row(i).str(0), r.row(i).str(1), r.row(i).str(2), r.row(i).i64(3)});
  return out;
}

}  // namespace sgee::portail::reserve_store
