#include "portail/ranking_store.hpp"

#include <sodium.h>

#include "platform/text.hpp"
#include "portail/position.hpp"

namespace sgee::portail::ranking_store {

std::string tie_key(std::string_view secret, std::string_view confirmation_number) {
  unsigned char h[16];
  crypto_generichash(
      h, sizeof h, reinterpret_cast<const unsigned char*>(confirmation_number.data()),
      confirmation_number.size(), reinterpret_cast<const unsigned char*>(secret.data()),
      std::min<size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * sizeof h, '0');
  for (size_t i = 0; i < sizeof h; ++i) {
    out[2 * i] = kHex[h[i] >> 4];
    out[2 * i + 1] = kHex[h[i] & 15];
  }
  return out;
}

namespace {

std::vector<std::string> codes(const std::string& list) {
  std::vector<std::string> out;
  for (auto part : text::split(list, ','))
    if (!part.empty()) out.emplace_back(part);
  return out;
}

}  // namespace

Reserve load(db::Connection& c, std::int64_t organization_id, dates::Date today) {
  Reserve out;
  auto org = c.run("SELECT kind, COALESCE(installation_kind, '') FROM organizations WHERE id = $1",
                   organization_id);
  if (org.empty()) return out;
  auto kind = text::lower(org.first().str(1));
  out.provider.priorities_apply =
      org.first().str(0) == "installation" && (kind == "cpe" || kind == "gs");
  auto pr =
      c.run("SELECT criteria, share_percent FROM provider_priorities WHERE organization_id = $1",
            organization_id);
  if (!pr.empty()) {
    out.provider.declared = codes(pr.first().str(0));
    out.provider.share_percent = static_cast<int>(pr.first().i64(1));
  }
  auto since = dates::format(dates::add_days(today, -365));
  auto recent = c.run(
      "SELECT COUNT(*), COUNT(priority) FROM admissions WHERE organization_id = $1 "
      "AND state <> 'cancelled' AND admitted_at >= $2",
      organization_id, since);
  out.provider.recent_admissions = static_cast<int>(recent.first().i64(0));
  out.provider.recent_priority_admissions = static_cast<int>(recent.first().i64(1));

  auto secret = secret_setting(c, "rank_tie_key");
  auto r = c.run(
      "SELECT ch.id, ch.confirmation_number, COALESCE(ch.desired_start, ch.birth_date), "
      "CASE WHEN pc.staff_parent = 1 AND pc.staff_confirmed_at IS NOT NULL THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM admissions a JOIN portail_children ac ON ac.id = a.child_id "
      "  JOIN family_files af ON af.id = ac.family_id WHERE a.organization_id = pc.organization_id "
      "  AND a.state IN ('admitted', 'confirmed') AND (af.id = f.id OR (af.postal_code = "
      "  f.postal_code AND af.civic_number = f.civic_number AND LOWER(af.street) = "
      "  LOWER(f.street)))) THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM admissions a JOIN organizations ao ON ao.id = "
      "  a.organization_id WHERE a.child_id = ch.id AND a.state IN ('admitted', 'confirmed') "
      "  AND ao.kind = 'installation' AND UPPER(ao.installation_kind) IN ('CPE', 'GS')) "
      "  THEN 1 ELSE 0 END, "
      "ch.priority_criteria, ch.special_needs "
      "FROM portail_choices pc JOIN portail_children ch ON ch.id = pc.child_id "
      "JOIN family_files f ON f.id = ch.family_id "
      "WHERE pc.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM admissions a "
      "  WHERE a.child_id = ch.id AND a.organization_id = pc.organization_id "
      "  AND a.state IN ('admitted', 'confirmed', 'ended'))",
      organization_id);
  out.children.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    ranking::Candidate cand;
    cand.child_id = row.i64(0);
    cand.tie_key = tie_key(secret, row.str(1));
    cand.desired_start = dates::parse(row.str(2)).value_or(today);
    cand.staff_child = row.i64(3) != 0;
    cand.same_address = row.i64(4) != 0;
    cand.admitted_subsidized = row.i64(5) != 0;
    cand.criteria = codes(row.str(6));
    if (row.i64(7) != 0) cand.criteria.emplace_back("special_needs");
    out.children.push_back(std::move(cand));
  }
  return out;
}

}  // namespace sgee::portail::ranking_store
