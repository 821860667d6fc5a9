// MES-03, MES-04: reference years, prerequisites and request types (src/mes/type_rules.*),
// table-driven.
#include <gtest/gtest.h>

#include <functional>

#include "mes/type_rules.hpp"

namespace {

using namespace sgee::mes;
using sgee::dates::Date;

Date d(const char* s) {
  return *sgee::dates::parse(s);
}

TEST(MesTypeRules, MES_04_ReferenceYearsRunFromAprilFirstToMarch31) {
  struct Case {
    const char* day;
    int start_year;
  };
  const std::vector<Case> cases = {
      {"2026-04-01", 2026}, {"2026-03-31", 2025}, {"2027-03-31", 2026}, {"2026-12-31", 2026},
      {"2027-01-01", 2026}, {"2024-02-29", 2023}, {"2000-04-01", 2000}, {"2026-07-15", 2026},
  };
  for (const auto& c : cases) {
    RefYear y = reference_year(d(c.day));
    EXPECT_EQ(y.start_year, c.start_year) << c.day;
    EXPECT_TRUE(y.contains(d(c.day))) << c.day;
    EXPECT_FALSE(y.previous().contains(d(c.day))) << c.day;
    EXPECT_FALSE(y.next().contains(d(c.day))) << c.day;
  }
  RefYear y{2026};
  EXPECT_EQ(sgee::dates::format(y.first()), "2026-04-01");
  EXPECT_EQ(sgee::dates::format(y.last()), "2027-03-31");
  EXPECT_EQ(y.previous().start_year, 2025);
  EXPECT_EQ(y.next().start_year, 2027);
  EXPECT_EQ(sgee::dates::add_days(y.last(), 1), y.next().first());
  EXPECT_EQ(year_text(y), "2026-2027");
}

PrerequisiteFacts all_met() {
  PrerequisiteFacts f;
  f.kind = ProviderKind::cpe;
  f.agreements = {{d("2025-09-01"), std::nullopt}};
  f.aisg_periods = {{d("2025-09-01"), d("2027-03-31")}};
  f.aisg_documents_valid = true;
  f.sync = SyncState::accepted;
  return f;
}

TEST(MesTypeRules, MES_03_EachMissingPrerequisiteIsOneLine) {
  const Date today = d("2026-12-02");
  struct Case {
    const char* what;
    std::function<void(PrerequisiteFacts&)> change;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases = {
      {"all met", [](PrerequisiteFacts&) {}, {}},
      {"RSGE (home-based, through the BC)",
       [](PrerequisiteFacts& f) { f.kind = ProviderKind::rsge; },
       {}},
      {"GS", [](PrerequisiteFacts& f) { f.kind = ProviderKind::gs; }, {}},
      {"GNS: not in the guide",
       [](PrerequisiteFacts& f) { f.kind = ProviderKind::gns; },
       {"mes.prereq.provider_not_eligible"}},
      {"no agreement",
       [](PrerequisiteFacts& f) { f.agreements.clear(); },
       {"mes.prereq.no_agreement"}},
      {"agreement ended yesterday",
       [](PrerequisiteFacts& f) {
         f.agreements = {{d("2025-09-01"), d("2026-12-01")}};
       },
       {"mes.prereq.no_agreement"}},
      {"agreement ends today",
       [](PrerequisiteFacts& f) {
         f.agreements = {{d("2025-09-01"), d("2026-12-02")}};
       },
       {}},
      {"agreement starts tomorrow",
       [](PrerequisiteFacts& f) {
         f.agreements = {{d("2026-12-03"), std::nullopt}};
       },
       {"mes.prereq.no_agreement"}},
      {"an old agreement and a current one",
       [](PrerequisiteFacts& f) {
         f.agreements = {{d("2024-01-01"), d("2024-06-30")}, {d("2026-01-01"), std::nullopt}};
       },
       {}},
      {"no AISG period",
       [](PrerequisiteFacts& f) { f.aisg_periods.clear(); },
       {"mes.prereq.no_aisg"}},
      {"AISG period over",
       [](PrerequisiteFacts& f) {
         f.aisg_periods = {{d("2025-01-01"), d("2026-03-31")}};
       },
       {"mes.prereq.no_aisg"}},
      {"AISG period open-ended",
       [](PrerequisiteFacts& f) {
         f.aisg_periods = {{d("2026-12-02"), std::nullopt}};
       },
       {}},
      {"AISG documents not valid",
       [](PrerequisiteFacts& f) { f.aisg_documents_valid = false; },
       {"mes.prereq.aisg_documents"}},
      {"never synced",
       [](PrerequisiteFacts& f) { f.sync = SyncState::never; },
       {"mes.prereq.not_synced"}},
      {"sync pending",
       [](PrerequisiteFacts& f) { f.sync = SyncState::pending; },
       {"mes.prereq.sync_pending"}},
      {"sync rejected",
       [](PrerequisiteFacts& f) { f.sync = SyncState::rejected; },
       {"mes.prereq.sync_rejected"}},
      {"an open request already",
       [](PrerequisiteFacts& f) { f.open_requests = 1; },
       {"mes.prereq.open_request"}},
      {"nothing at all",
       [](PrerequisiteFacts& f) {
         f = PrerequisiteFacts{};
         f.kind = ProviderKind::gns;
         f.open_requests = 2;
       },
       {"mes.prereq.provider_not_eligible", "mes.prereq.no_agreement", "mes.prereq.no_aisg",
        "mes.prereq.aisg_documents", "mes.prereq.not_synced", "mes.prereq.open_request"}},
  };
  for (const auto& c : cases) {
    PrerequisiteFacts f = all_met();
    c.change(f);
    std::vector<std::string> keys;
    for (const auto& n : missing_prerequisites(f, today)) keys.push_back(n.key);
    EXPECT_EQ(keys, c.keys) << c.what;
  }
  PrerequisiteFacts f = all_met();
  f.open_requests = 2;
  auto notes = missing_prerequisites(f, today);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(param(notes[0], "count"), "2");
}

PastDecision granted(int year, std::int64_t place, const char* decided, int minutes = 300) {
  return {true, RefYear{year}, place, d(decided), minutes};
}
PastDecision refused(int year, std::int64_t place, const char* decided) {
  return {false, RefYear{year}, place, d(decided), std::nullopt};
}

TEST(MesTypeRules, MES_04_TheTypeIsProposedFromTheHistoryAndExplained) {
  using T = RequestType;
  const std::int64_t here = 10, other = 20;
  const RefYear year{2026};  // 2026-2027; previous 2025-2026
  struct Case {
    const char* what;
    std::vector<PastDecision> history;
    std::vector<T> allowed;
    const char* why;
    std::optional<std::int64_t> basis_place;
  };
  const std::vector<Case> cases = {
      {"no history", {}, {T::new_request}, "mes.type.why.never_granted", std::nullopt},
      {"granted here two years ago only",
       {granted(2024, here, "2024-06-01")},
       {T::new_request},
       "mes.type.why.never_granted",
       std::nullopt},
      {"granted here the previous year",
       {granted(2025, here, "2025-06-01")},
       {T::renewal_without_changes, T::renewal_with_changes},
       "mes.type.why.granted_previous_year",
       here},
      {"granted here this year: changes during the year",
       {granted(2025, here, "2025-06-01"), granted(2026, here, "2026-05-01")},
       {T::renewal_with_changes},
       "mes.type.why.granted_this_year",
       here},
      {"refused here the previous year",
       {refused(2025, here, "2025-06-01")},
       {T::new_request},
       "mes.type.why.refused_here",
       std::nullopt},
      {"granted then refused here: the last one refused",
       {granted(2025, here, "2025-06-01"), refused(2026, here, "2026-06-01")},
       {T::new_request},
       "mes.type.why.refused_here",
       std::nullopt},
      {"refused then granted here",
       {refused(2025, here, "2025-05-01"), granted(2025, here, "2025-09-01")},
       {T::renewal_without_changes, T::renewal_with_changes},
       "mes.type.why.granted_previous_year",
       here},
      {"granted elsewhere the previous year",
       {granted(2025, other, "2025-06-01")},
       {T::transfer},
       "mes.type.why.granted_elsewhere",
       other},
      {"granted elsewhere this year",
       {granted(2026, other, "2026-06-01")},
       {T::transfer},
       "mes.type.why.granted_elsewhere",
       other},
      {"granted elsewhere two years ago",
       {granted(2024, other, "2024-06-01")},
       {T::new_request},
       "mes.type.why.never_granted",
       std::nullopt},
      {"refused elsewhere",
       {refused(2025, other, "2025-06-01")},
       {T::new_request},
       "mes.type.why.never_granted",
       std::nullopt},
      {"refused here, granted elsewhere: transfer",
       {refused(2025, here, "2025-06-01"), granted(2025, other, "2025-09-01")},
       {T::transfer},
       "mes.type.why.granted_elsewhere",
       other},
      {"granted here, then moved elsewhere this year",
       {granted(2025, here, "2025-06-01"), granted(2026, other, "2026-06-01")},
       {T::transfer},
       "mes.type.why.granted_elsewhere",
       other},
      {"granted elsewhere, then here the previous year",
       {granted(2025, other, "2025-05-01"), granted(2025, here, "2025-10-01")},
       {T::renewal_without_changes, T::renewal_with_changes},
       "mes.type.why.granted_previous_year",
       here},
      {"a grant of next year is not history yet",
       {granted(2027, here, "2026-11-01")},
       {T::new_request},
       "mes.type.why.never_granted",
       std::nullopt},
  };
  for (const auto& c : cases) {
    auto p = propose_type(c.history, here, year);
    EXPECT_EQ(p.allowed, c.allowed) << c.what;
    EXPECT_EQ(p.why.key, c.why) << c.what;
    EXPECT_EQ(param(p.why, "year"), "2026-2027") << c.what;
    EXPECT_EQ(param(p.why, "previous_year"), "2025-2026") << c.what;
    ASSERT_EQ(p.basis.has_value(), c.basis_place.has_value()) << c.what;
    if (p.basis) {
      EXPECT_EQ(p.basis->place, *c.basis_place) << c.what;
    }
  }
}

TEST(MesTypeRules, MES_04_RenewalIsTheProvidersChoiceBetweenTheTwo) {
  auto p = propose_type({granted(2025, 10, "2025-06-01", 360)}, 10, RefYear{2026});
  EXPECT_FALSE(check_type_choice(p, RequestType::renewal_without_changes));
  EXPECT_FALSE(check_type_choice(p, RequestType::renewal_with_changes));
  ASSERT_TRUE(p.basis);
  EXPECT_EQ(p.basis->granted_minutes, 360);
  for (auto t : {RequestType::new_request, RequestType::transfer}) {
    auto n = check_type_choice(p, t);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->key, "mes.type.not_allowed");
    EXPECT_EQ(param(*n, "type"), type_key(t));
    EXPECT_EQ(param(*n, "proposed"), "mes.type.renewal");
  }
  auto fresh = propose_type({}, 10, RefYear{2026});
  EXPECT_FALSE(check_type_choice(fresh, RequestType::new_request));
  EXPECT_TRUE(check_type_choice(fresh, RequestType::renewal_without_changes));
  auto other = propose_type({granted(2026, 20, "2026-06-01")}, 10, RefYear{2026});
  EXPECT_EQ(param(other.why, "granted_year"), "2026-2027");
}

TEST(MesTypeRules, MES_04_TypesAndKindsHaveStableNames) {
  for (auto t : all_request_types()) EXPECT_EQ(request_type_from(to_string(t)), t);
  for (auto k : all_provider_kinds()) EXPECT_EQ(provider_kind_from(to_string(k)), k);
  EXPECT_FALSE(request_type_from("renewal-changes"));
  EXPECT_FALSE(provider_kind_from("CPE"));
  EXPECT_EQ(provider_kind_of(false, "CPE"), ProviderKind::cpe);
  EXPECT_EQ(provider_kind_of(false, "GS"), ProviderKind::gs);
  EXPECT_EQ(provider_kind_of(false, "GNS"), ProviderKind::gns);
  EXPECT_EQ(provider_kind_of(true, ""), ProviderKind::rsge);
  EXPECT_FALSE(provider_kind_of(false, "BC"));
  EXPECT_TRUE(eligible(ProviderKind::cpe));
  EXPECT_TRUE(eligible(ProviderKind::rsge));
  EXPECT_FALSE(eligible(ProviderKind::gns));
}

}  // namespace
