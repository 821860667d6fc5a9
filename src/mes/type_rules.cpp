#include "mes/type_rules.hpp"

#include <algorithm>

#include "occupation/rules.hpp"

namespace sgee::mes {

Date RefYear::first() const {
  return dates::from_ymd(start_year, 4, 1);
}

Date RefYear::last() const {
  return dates::from_ymd(start_year + 1, 3, 31);
}

RefYear reference_year(Date d) {
  return {dates::year_of(occupation::reference_year_of(d))};
}

std::string year_text(RefYear y) {
  return std::to_string(y.start_year) + "-" + std::to_string(y.start_year + 1);
}

namespace {

bool any_covers(const std::vector<Span>& spans, Date d) {
  return std::any_of(spans.begin(), spans.end(), [&](const Span& s) { return s.covers(d); });
}

Note note(std::string key, std::vector<std::pair<std::string, std::string>> params = {}) {
  return Note{std::move(key), std::move(params), {}};
}

}  // namespace

std::vector<Note> missing_prerequisites(const PrerequisiteFacts& f, Date today) {
  std::vector<Note> out;
  if (!eligible(f.kind)) out.push_back(note("mes.prereq.provider_not_eligible"));
  if (!any_covers(f.agreements, today)) out.push_back(note("mes.prereq.no_agreement"));
  if (!any_covers(f.aisg_periods, today)) out.push_back(note("mes.prereq.no_aisg"));
  if (!f.aisg_documents_valid) out.push_back(note("mes.prereq.aisg_documents"));
  switch (f.sync) {
    case SyncState::never: out.push_back(note("mes.prereq.not_synced")); break;
    case SyncState::pending: out.push_back(note("mes.prereq.sync_pending")); break;
    case SyncState::rejected: out.push_back(note("mes.prereq.sync_rejected")); break;
    case SyncState::accepted: break;
  }
  if (f.open_requests > 0)
    out.push_back(note("mes.prereq.open_request", {{"count", std::to_string(f.open_requests)}}));
  return out;
}

TypeProposal propose_type(const std::vector<PastDecision>& history, std::int64_t place,
                          RefYear year) {
  const RefYear prev = year.previous();
  auto in_window = [&](const PastDecision& d) { return d.year == year || d.year == prev; };
  auto before = [](const PastDecision& a, const PastDecision& b) {
    return a.decided != b.decided ? a.decided < b.decided : a.year < b.year;
  };
  const PastDecision* latest_here = nullptr;
  const PastDecision* latest_grant_elsewhere = nullptr;
  for (const auto& d : history) {
    if (!in_window(d)) continue;
    if (d.place == place) {
      if (!latest_here || before(*latest_here, d)) latest_here = &d;
    } else if (d.granted) {
      if (!latest_grant_elsewhere || before(*latest_grant_elsewhere, d))
        latest_grant_elsewhere = &d;
    }
  }
  const std::vector<std::pair<std::string, std::string>> years = {
      {"year", year_text(year)}, {"previous_year", year_text(prev)}};
  TypeProposal p;
  // A grant elsewhere after the last grant here: the child has moved since.
  bool moved =
      latest_here && latest_grant_elsewhere && before(*latest_here, *latest_grant_elsewhere);
  if (latest_here && latest_here->granted && !moved) {
    p.basis = *latest_here;
    if (latest_here->year == year) {
      p.allowed = {RequestType::renewal_with_changes};
      p.why = note("mes.type.why.granted_this_year", years);
    } else {
      p.allowed = {RequestType::renewal_without_changes, RequestType::renewal_with_changes};
      p.why = note("mes.type.why.granted_previous_year", years);
    }
    return p;
  }
  if (latest_grant_elsewhere) {
    p.basis = *latest_grant_elsewhere;
    p.allowed = {RequestType::transfer};
    p.why = note("mes.type.why.granted_elsewhere", years);
    p.why.params.push_back({"granted_year", year_text(latest_grant_elsewhere->year)});
    return p;
  }
  p.allowed = {RequestType::new_request};
  p.why = latest_here ? note("mes.type.why.refused_here", years)
                      : note("mes.type.why.never_granted", years);
  return p;
}

std::optional<Note> check_type_choice(const TypeProposal& p, RequestType chosen) {
  if (std::find(p.allowed.begin(), p.allowed.end(), chosen) != p.allowed.end()) return std::nullopt;
  return note("mes.type.not_allowed",
              {{"type", type_key(chosen)},
               {"proposed", p.allowed.empty() ? std::string() : type_key(p.allowed.front())}});
}

}  // namespace sgee::mes
