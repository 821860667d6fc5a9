#include "portail/admission_store.hpp"

#include <nlohmann/json.hpp>

#include "platform/log.hpp"
#include "portail/events_store.hpp"

namespace sgee::portail::admission_store {

#define SGEE_ADMISSION_COLUMNS SGEE_ADMISSION_COLUMNS_OF("")

Admission from_row(const db::Row& r) {
  Admission a;
  a.id = r.i64(0);
  a.child_id = r.i64(1);
  a.organization_id = r.i64(2);
  a.planned_start = r.str(3);
  a.state = r.str(4);
  a.admitted_at = r.str(5);
  a.priority = r.opt_str(6);
  a.out_of_rank_reason = r.opt_str(7);
  a.confirmed_at = r.opt_str(8);
  a.ended_at = r.opt_str(9);
  a.dossier_id = r.opt_i64(10);
  a.place_id = r.opt_i64(11);
  a.referral_id = r.opt_i64(12);
  return a;
}

std::int64_t admit(db::Connection& c, const AdmitInput& in) {
  auto now = log::utc_now_iso();
  auto id =
      c.run(
           "INSERT INTO admissions (child_id, organization_id, planned_start, state, "
           "priority, out_of_rank_reason, admitted_at, admitted_by, admitted_by_code, "
           "place_id, referral_id) VALUES ($1, $2, $3, 'admitted', $4, $5, $6, $7, $8, $9, "
           "$10) RETURNING id",
           in.child_id, in.organization_id, dates::format(in.planned_start), in.priority,
           in.out_of_rank_reason, now, in.user_id, in.access_code_id, in.place_id, in.referral_id)
          .first()
          .i64(0);
  auto number = c.run("SELECT confirmation_number FROM portail_children WHERE id = $1", in.child_id)
                    .first()
                    .str(0);
  nlohmann::json data = {{"admission", id},
                         {"confirmation_number", number},
                         {"planned_start", dates::format(in.planned_start)}};
  if (in.referral_id) data["referral"] = *in.referral_id;
  events::add(c, in.organization_id, "admission", data.dump());
  return id;
}

std::optional<Admission> current(db::Connection& c, std::int64_t child_id,
                                 std::int64_t organization_id) {
  auto r = c.run("SELECT " SGEE_ADMISSION_COLUMNS
                 " FROM admissions WHERE child_id = $1 AND organization_id = $2 "
                 "AND state IN ('admitted', 'confirmed') ORDER BY id DESC LIMIT 1",
                 child_id, organization_id);
  if (r.empty()) return std::nullopt;
  return from_row(r.first());
}

std::optional<Admission> by_id(db::Connection& c, std::int64_t id) {
  auto r = c.run("SELECT " SGEE_ADMISSION_COLUMNS " FROM admissions WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return from_row(r.first());
}

std::vector<Admission> of_provider(db::Connection& c, std::int64_t organization_id, int limit,
                                   int offset) {
  auto r =
      c.run("SELECT " SGEE_ADMISSION_COLUMNS
            " FROM admissions WHERE organization_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
            organization_id, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset));
  std::vector<Admission> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(from_row(r.row(i)));
  return out;
}

}  // namespace sgee::portail::admission_store
