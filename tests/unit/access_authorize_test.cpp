// Unit tests for authorize() (src/access/rules.hpp): every http::Access kind against every kind of
// principal and target. Rules: MES-01 (rights granted by the RSE), SYN-03 (access codes),
// POR-05/06 (BC and its RSGE), ACC-03 (RSE).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/model.hpp"
#include "access/rules.hpp"
#include "platform/http/router.hpp"

namespace acc = sgee::access;
using acc::Decision;
using acc::Principal;
using acc::Right;
using acc::Target;
using acc::UserKind;
using sgee::http::Access;

namespace {

// Organizations (database ids).
constexpr std::int64_t kDivA = 10, kInstA = 11, kInstA2 = 12;  // division A and two installations
constexpr std::int64_t kDivB = 20, kInstB = 21;                // division B and its installation
constexpr std::int64_t kDivBc = 30, kBc = 31, kRsge = 32;      // a BC's division, the BC, one RSGE
constexpr std::int64_t kDivBc2 = 40, kBc2 = 41, kRsge2 = 42;   // another BC

const Target kTargetA{kInstA, acc::OrgKind::installation, {kDivA}};
const Target kTargetA2{kInstA2, acc::OrgKind::installation, {kDivA}};
const Target kTargetB{kInstB, acc::OrgKind::installation, {kDivB}};
const Target kTargetDivA{kDivA, acc::OrgKind::division, {}};
const Target kTargetBc{kBc, acc::OrgKind::bc, {kDivBc}};
const Target kTargetRsge{kRsge, acc::OrgKind::rsge, {kBc, kDivBc}};
const Target kTargetRsge2{kRsge2, acc::OrgKind::rsge, {kBc2, kDivBc2}};

std::string name(Decision d) {
  switch (d) {
    case Decision::allow: return "allow";
    case Decision::sign_in: return "sign_in";
    case Decision::change_password: return "change_password";
    case Decision::second_factor: return "second_factor";
    case Decision::set_up_second_factor: return "set_up_second_factor";
    case Decision::forbid: return "forbid";
  }
  return "?";
}

std::string describe(const Access& a) {
  switch (a.kind) {
    case Access::Kind::open: return "open";
    case Access::Kind::anyone: return "anyone";
    case Access::Kind::signed_in: return "signed_in";
    case Access::Kind::account: return "account";
    case Access::Kind::parent: return "parent";
    case Access::Kind::enterprise: return "enterprise";
    case Access::Kind::rse: return "rse";
    case Access::Kind::right: return "right:" + a.right;
    case Access::Kind::ministry: return "ministry";
    case Access::Kind::api_code: return "api_code";
  }
  return "?";
}

Principal anonymous() {
  return {};
}

Principal user(UserKind k) {
  Principal p;
  p.kind = Principal::Kind::user;
  p.user_id = 100;
  p.user_kind = k;
  return p;
}

Principal staff(std::int64_t division, std::int64_t org, const std::vector<Right>& rights) {
  auto p = user(UserKind::enterprise);
  p.division_id = division;
  for (auto r : rights) p.rights.insert({org, r});
  return p;
}

Principal rse(std::int64_t division) {
  auto p = user(UserKind::enterprise);
  p.is_rse = true;
  p.division_id = division;
  return p;
}

Principal code(std::int64_t org) {
  Principal p;
  p.kind = Principal::Kind::access_code;
  p.access_code_id = 500 + org;
  p.access_code_org = org;
  return p;
}

struct NamedPrincipal {
  std::string label;
  Principal who;
};

struct NamedTarget {
  std::string label;
  std::optional<Target> target;
};

const std::vector<NamedTarget>& targets() {
  static const std::vector<NamedTarget> t = {
      {"installation A", kTargetA}, {"installation B", kTargetB}, {"no target", std::nullopt}};
  return t;
}

// Every Access kind that does not name a right.
std::vector<Access> plain_accesses() {
  return {Access::open(),    Access::anyone(),   Access::signed_in(),
          Access::account(), Access::parent(),   Access::enterprise(),
          Access::rse(),     Access::ministry(), Access::api_code()};
}

Decision decide(const Principal& who, const Access& need, const std::optional<Target>& target,
                bool change = false, bool second = false, bool setup = false) {
  return acc::authorize(
      who, need, target,
      {.password_change = change, .second_factor = second, .second_factor_setup = setup});
}

}  // namespace

// The kinds that do not depend on a right: one row per principal, one column per Access kind;
// api_code depends on the target, the others must give the same answer for every target.
TEST(AuthorizeMatrix, EveryPrincipalAgainstEveryPlainAccessKind) {
  constexpr auto A = Decision::allow, S = Decision::sign_in, F = Decision::forbid;
  struct Row {
    NamedPrincipal p;
    // open, anyone, signed_in, parent, enterprise, rse, ministry (any target)
    std::vector<Decision> plain;
    // api_code on installation A, installation B, no target
    std::vector<Decision> api;
  };
  std::vector<Row> rows = {
      {{"anonymous", anonymous()}, {A, A, S, S, S, S, S}, {S, S, S}},
      {{"parent", user(UserKind::parent)}, {A, A, A, A, F, F, F}, {S, S, S}},
      {{"staff of B (all rights)", staff(kDivB, kInstB, acc::all_rights())},
       {A, A, A, F, A, F, F},
       {S, S, S}},
      {{"RSE of A's division", rse(kDivA)}, {A, A, A, F, A, A, F}, {S, S, S}},
      {{"RSE of another division", rse(kDivB)}, {A, A, A, F, A, A, F}, {S, S, S}},
      {{"ministry agent", user(UserKind::ministry)}, {A, A, A, F, F, F, A}, {S, S, S}},
      {{"API code of A", code(kInstA)}, {A, A, F, F, F, F, F}, {A, F, F}},
      {{"API code of B", code(kInstB)}, {A, A, F, F, F, F, F}, {F, A, F}},
  };
  for (auto r : acc::all_rights()) {
    rows.push_back(
        {{"staff of A with " + std::string(acc::to_string(r)), staff(kDivA, kInstA, {r})},
         {A, A, A, F, A, F, F},
         {S, S, S}});
    rows.push_back({{"BC staff with " + std::string(acc::to_string(r)), staff(kDivBc, kBc, {r})},
                    {A, A, A, F, A, F, F},
                    {S, S, S}});
  }
  const std::vector<Access> plain = {Access::open(),    Access::anyone(),     Access::signed_in(),
                                     Access::parent(),  Access::enterprise(), Access::rse(),
                                     Access::ministry()};
  for (const auto& row : rows) {
    ASSERT_EQ(row.plain.size(), plain.size());
    for (size_t k = 0; k < plain.size(); ++k) {
      for (const auto& t : targets()) {
        SCOPED_TRACE(row.p.label + " / " + describe(plain[k]) + " / " + t.label);
        EXPECT_EQ(name(decide(row.p.who, plain[k], t.target)), name(row.plain[k]));
      }
    }
    for (size_t i = 0; i < targets().size(); ++i) {
      SCOPED_TRACE(row.p.label + " / api_code / " + targets()[i].label);
      EXPECT_EQ(name(decide(row.p.who, Access::api_code(), targets()[i].target)), name(row.api[i]));
    }
  }
}

// Access::with_right for every right of the catalog, against every principal and target.
TEST(AuthorizeMatrix, EveryPrincipalAgainstEveryRight) {
  constexpr auto A = Decision::allow, S = Decision::sign_in, F = Decision::forbid;
  for (auto need : acc::all_rights()) {
    const auto access = Access::with_right(std::string(acc::to_string(need)));
    struct Row {
      NamedPrincipal p;
      Decision on_a, on_b, on_none;
    };
    std::vector<Row> rows = {
        {{"anonymous", anonymous()}, S, S, S},
        {{"parent", user(UserKind::parent)}, F, F, F},
        {{"ministry agent", user(UserKind::ministry)}, F, F, F},
        {{"staff of B (all rights)", staff(kDivB, kInstB, acc::all_rights())}, F, A, A},
        {{"RSE of A's division", rse(kDivA)}, A, F, A},
        {{"RSE of another division", rse(kDivB)}, F, A, A},
        {{"API code of A", code(kInstA)}, F, F, F},
        {{"API code of B", code(kInstB)}, F, F, F},
    };
    for (auto held : acc::all_rights()) {
      const auto same = held == need ? A : F;
      const std::string h(acc::to_string(held));
      rows.push_back({{"staff of A with " + h, staff(kDivA, kInstA, {held})}, same, F, same});
      // A BC's staff never reach an installation of another division; on a listing page, any
      // organization holding the right will do.
      rows.push_back({{"BC staff with " + h, staff(kDivBc, kBc, {held})}, F, F, same});
    }
    for (const auto& row : rows) {
      const Decision expected[] = {row.on_a, row.on_b, row.on_none};
      for (size_t i = 0; i < targets().size(); ++i) {
        SCOPED_TRACE(row.p.label + " / " + describe(access) + " / " + targets()[i].label);
        EXPECT_EQ(name(decide(row.p.who, access, targets()[i].target)), name(expected[i]));
      }
    }
  }
}

TEST(AuthorizeRight, MES_01_SignRightIsItsOwnRight) {
  // Every right is independent: holding any other right (even all the others) never gives the
  // signing right, and the signing right gives no other.
  const auto sign = Access::with_right("sign_mes");
  std::vector<Right> all_but_sign;
  for (auto r : acc::all_rights())
    if (r != Right::sign_mes) all_but_sign.push_back(r);
  for (const auto& t : {std::optional<Target>(kTargetA), std::optional<Target>()}) {
    SCOPED_TRACE(t ? "installation A" : "no target");
    EXPECT_EQ(name(decide(staff(kDivA, kInstA, all_but_sign), sign, t)), "forbid");
    EXPECT_EQ(name(decide(staff(kDivA, kInstA, {Right::enter_mes}), sign, t)), "forbid");
    EXPECT_EQ(name(decide(staff(kDivA, kInstA, {Right::sign_mes}), sign, t)), "allow");
    for (auto r : all_but_sign) {
      SCOPED_TRACE(std::string(acc::to_string(r)));
      EXPECT_EQ(name(decide(staff(kDivA, kInstA, {Right::sign_mes}),
                            Access::with_right(std::string(acc::to_string(r))), t)),
                "forbid");
    }
  }
  // Signing at installation A does not allow signing at installation A2 of the same division.
  EXPECT_EQ(name(decide(staff(kDivA, kInstA, {Right::sign_mes}), sign, kTargetA2)), "forbid");
}

TEST(AuthorizeRight, MES_01_RightOnTheDivisionCoversItsInstallations) {
  // A right held on an ancestor reaches its descendants, never the reverse.
  for (auto r : acc::all_rights()) {
    SCOPED_TRACE(std::string(acc::to_string(r)));
    const auto need = Access::with_right(std::string(acc::to_string(r)));
    const auto on_div = staff(kDivA, kDivA, {r});
    EXPECT_EQ(name(decide(on_div, need, kTargetA)), "allow");
    EXPECT_EQ(name(decide(on_div, need, kTargetA2)), "allow");
    EXPECT_EQ(name(decide(on_div, need, kTargetDivA)), "allow");
    EXPECT_EQ(name(decide(on_div, need, kTargetB)), "forbid");
    const auto on_inst = staff(kDivA, kInstA, {r});
    EXPECT_EQ(name(decide(on_inst, need, kTargetDivA)), "forbid");
    EXPECT_EQ(name(decide(on_inst, need, kTargetA2)), "forbid");
  }
}

TEST(AuthorizeRight, ACC_03_RseHoldsEveryRightOnItsDivisionOnly) {
  for (auto r : acc::all_rights()) {
    SCOPED_TRACE(std::string(acc::to_string(r)));
    const auto need = Access::with_right(std::string(acc::to_string(r)));
    EXPECT_EQ(name(decide(rse(kDivA), need, kTargetA)), "allow");
    EXPECT_EQ(name(decide(rse(kDivA), need, kTargetA2)), "allow");
    EXPECT_EQ(name(decide(rse(kDivA), need, kTargetDivA)), "allow");
    EXPECT_EQ(name(decide(rse(kDivA), need, kTargetB)), "forbid");
    EXPECT_EQ(name(decide(rse(kDivA), need, kTargetRsge)), "forbid");
    // On the BC's RSGE, the BC's RSE holds what POR-05 lets the BC's side hold (no mandate here).
    EXPECT_EQ(name(decide(rse(kDivBc), need, kTargetRsge)),
              acc::bc_side_reaches_rsge(r, false) ? "allow" : "forbid");
    EXPECT_EQ(name(decide(rse(kDivBc), need, kTargetBc)), "allow");
    EXPECT_EQ(name(decide(rse(kDivBc), need, kTargetRsge2)), "forbid");
  }
  // An RSE flag without a division reaches no target (but a listing page is fine).
  auto orphan = user(UserKind::enterprise);
  orphan.is_rse = true;
  EXPECT_EQ(name(decide(orphan, Access::with_right("consult_dossiers"), kTargetA)), "forbid");
  EXPECT_EQ(name(decide(orphan, Access::with_right("consult_dossiers"), std::nullopt)), "allow");
  // The RSE flag means nothing on a parent or ministry account.
  for (auto k : {UserKind::parent, UserKind::ministry}) {
    auto p = user(k);
    p.is_rse = true;
    p.division_id = kDivA;
    EXPECT_EQ(name(decide(p, Access::rse(), std::nullopt)), "forbid");
    EXPECT_EQ(name(decide(p, Access::with_right("consult_dossiers"), kTargetA)), "forbid");
  }
}

TEST(AuthorizeRight, UnknownRightNameIsForbiddenToEveryone) {
  for (const std::string bad : {"", "nope", "Consult_dossiers", "consult_dossiers "}) {
    SCOPED_TRACE("right '" + bad + "'");
    const auto need = Access::with_right(bad);
    for (const auto& t : targets()) {
      SCOPED_TRACE(t.label);
      EXPECT_EQ(name(decide(rse(kDivA), need, t.target)), "forbid");
      EXPECT_EQ(name(decide(staff(kDivA, kInstA, acc::all_rights()), need, t.target)), "forbid");
      EXPECT_EQ(name(decide(anonymous(), need, t.target)), "sign_in");
    }
  }
}

// POR-05/06: the BC's staff reach the RSGE it coordinates through the RSGE's ancestors, and no
// other BC's RSGE; on an RSGE they consult and enter, but admit only under the RSGE's mandate and
// never manage the RSGE's own rights or codes.
TEST(AuthorizeRight, POR_05_BcStaffReachItsRsgeOnly) {
  Target mandated = kTargetRsge;
  mandated.bc_mandate = true;
  for (auto held : acc::all_rights()) {
    for (auto need : acc::all_rights()) {
      SCOPED_TRACE(std::string(acc::to_string(held)) + " held, " +
                   std::string(acc::to_string(need)) + " needed");
      const auto who = staff(kDivBc, kBc, {held});
      const auto access = Access::with_right(std::string(acc::to_string(need)));
      const bool same = held == need;
      const bool never = need == Right::manage_rights || need == Right::manage_access_codes;
      const bool admits = need == Right::manage_admissions;
      EXPECT_EQ(name(decide(who, access, kTargetBc)), same ? "allow" : "forbid");
      EXPECT_EQ(name(decide(who, access, kTargetRsge)),
                same && !never && !admits ? "allow" : "forbid");
      EXPECT_EQ(name(decide(who, access, mandated)), same && !never ? "allow" : "forbid");
      EXPECT_EQ(name(decide(who, access, kTargetRsge2)), "forbid");
      EXPECT_EQ(name(decide(who, access, kTargetA)), "forbid");
    }
  }
  // An RSGE's own staff do not reach their BC.
  EXPECT_EQ(name(decide(staff(kDivBc, kRsge, acc::all_rights()),
                        Access::with_right("consult_dossiers"), kTargetBc)),
            "forbid");
}

// POR-05: the mandate decides whether the BC admits for the RSGE, whoever on the BC's side asks
// (its RSE, its staff, or a staff member the BC's RSE granted rights on the RSGE itself).
TEST(AuthorizeRight, POR_05_BcAdmitsForTheRsgeOnlyUnderItsMandate) {
  Target mandated = kTargetRsge;
  mandated.bc_mandate = true;
  const auto admit = Access::with_right("manage_admissions", "rsge");
  struct Case {
    std::string label;
    Principal who;
    const char* without;
    const char* with;
  };
  const std::vector<Case> cases = {
      {"the BC's RSE", rse(kDivBc), "forbid", "allow"},
      {"BC staff, right on the BC", staff(kDivBc, kBc, {Right::manage_admissions}), "forbid",
       "allow"},
      {"BC staff, right granted on the RSGE", staff(kDivBc, kRsge, {Right::manage_admissions}),
       "forbid", "allow"},
      {"the RSGE herself", rse(kRsge), "allow", "allow"},
      {"the RSGE's assistant", staff(kRsge, kRsge, {Right::manage_admissions}), "allow", "allow"},
      {"another BC's RSE", rse(kDivBc2), "forbid", "forbid"},
      {"another RSGE", rse(kRsge2), "forbid", "forbid"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(name(decide(c.who, admit, kTargetRsge)), c.without);
    EXPECT_EQ(name(decide(c.who, admit, mandated)), c.with);
  }
  EXPECT_TRUE(acc::bc_side_reaches_rsge(Right::manage_admissions, true));
  EXPECT_FALSE(acc::bc_side_reaches_rsge(Right::manage_admissions, false));
}

// The RSGE is its own RSE: the mandate and her assistants' rights are hers alone, even with the
// mandate granted; the BC's side keeps consulting and entering her dossiers and MES forms.
TEST(AuthorizeRight, POR_05_RsgeRightsAndCodesStayTheRsges) {
  Target mandated = kTargetRsge;
  mandated.bc_mandate = true;
  for (auto r : acc::all_rights()) {
    SCOPED_TRACE(std::string(acc::to_string(r)));
    const auto need = Access::with_right(std::string(acc::to_string(r)), "rsge");
    const bool bc_keeps = r != Right::manage_rights && r != Right::manage_access_codes;
    EXPECT_EQ(name(decide(rse(kRsge), need, mandated)), "allow");
    EXPECT_EQ(name(decide(rse(kDivBc), need, mandated)), bc_keeps ? "allow" : "forbid");
    EXPECT_EQ(acc::bc_side_reaches_rsge(r, true), bc_keeps);
  }
}

TEST(AuthorizeApiCode, SYN_03_AccessCodeOnlyForItsOwnInstallation) {
  struct Case {
    std::string label;
    Principal who;
    std::optional<Target> target;
    Decision expected;
  };
  const std::vector<Case> cases = {
      {"A's code on A", code(kInstA), kTargetA, Decision::allow},
      {"A's code on B", code(kInstA), kTargetB, Decision::forbid},
      {"A's code on A2, same division", code(kInstA), kTargetA2, Decision::forbid},
      {"A's code on division A", code(kInstA), kTargetDivA, Decision::forbid},
      {"A's code without target", code(kInstA), std::nullopt, Decision::forbid},
      {"B's code on B", code(kInstB), kTargetB, Decision::allow},
      {"B's code on A", code(kInstB), kTargetA, Decision::forbid},
      {"BC's code on its BC", code(kBc), kTargetBc, Decision::allow},
      {"BC's code on another BC's RSGE", code(kBc), kTargetRsge2, Decision::forbid},
      {"BC's code on an installation", code(kBc), kTargetA, Decision::forbid},
      // Only an access code opens the sync API; a user, however powerful, must present one.
      {"anonymous", anonymous(), kTargetA, Decision::sign_in},
      {"RSE of A", rse(kDivA), kTargetA, Decision::sign_in},
      {"staff of A, all rights", staff(kDivA, kInstA, acc::all_rights()), kTargetA,
       Decision::sign_in},
      {"ministry agent", user(UserKind::ministry), kTargetA, Decision::sign_in},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(name(decide(c.who, Access::api_code(), c.target)), name(c.expected));
    // The session flags of a browser sign-in play no part for a code.
    if (c.who.kind == Principal::Kind::access_code) {
      EXPECT_EQ(name(decide(c.who, Access::api_code(), c.target, true, true)), name(c.expected));
    }
  }
}

TEST(AuthorizeApiCode, SYN_03_AccessCodeOpensNothingButTheSyncApi) {
  for (const auto& who : {code(kInstA), code(kBc)}) {
    for (const auto& need : plain_accesses()) {
      if (need.kind == Access::Kind::api_code) continue;
      for (const auto& t : targets()) {
        SCOPED_TRACE(describe(need) + " / " + t.label);
        const bool public_route =
            need.kind == Access::Kind::open || need.kind == Access::Kind::anyone;
        EXPECT_EQ(name(decide(who, need, t.target)), public_route ? "allow" : "forbid");
      }
    }
    for (auto r : acc::all_rights()) {
      SCOPED_TRACE(std::string(acc::to_string(r)));
      EXPECT_EQ(name(decide(who, Access::with_right(std::string(acc::to_string(r))), kTargetA)),
                "forbid");
    }
  }
  // A code principal that somehow carries rights still gets nothing outside the API.
  auto odd = code(kInstA);
  odd.rights.insert({kInstA, Right::consult_dossiers});
  odd.is_rse = true;
  odd.division_id = kDivA;
  odd.user_kind = UserKind::enterprise;
  EXPECT_EQ(name(decide(odd, Access::with_right("consult_dossiers"), kTargetA)), "forbid");
  EXPECT_EQ(name(decide(odd, Access::rse(), std::nullopt)), "forbid");
  EXPECT_EQ(name(decide(odd, Access::enterprise(), std::nullopt)), "forbid");
}

TEST(AuthorizeSession, PasswordChangePendingOnlyReachesSignedInRoutes) {
  struct Case {
    std::string label;
    Principal who;
    Access need;
    std::optional<Target> target;
    Decision expected;
  };
  const auto staff_a = staff(kDivA, kInstA, acc::all_rights());
  const std::vector<Case> cases = {
      {"open", staff_a, Access::open(), std::nullopt, Decision::allow},
      {"anyone", staff_a, Access::anyone(), std::nullopt, Decision::allow},
      {"signed_in", staff_a, Access::signed_in(), std::nullopt, Decision::allow},
      {"enterprise", staff_a, Access::enterprise(), std::nullopt, Decision::change_password},
      {"right on A", staff_a, Access::with_right("consult_dossiers"), kTargetA,
       Decision::change_password},
      {"rse", rse(kDivA), Access::rse(), std::nullopt, Decision::change_password},
      {"parent", user(UserKind::parent), Access::parent(), std::nullopt, Decision::change_password},
      {"ministry", user(UserKind::ministry), Access::ministry(), std::nullopt,
       Decision::change_password},
      // The pending change comes before the answer the route would give: even a route the user
      // could never use sends them to the change page first.
      {"parent on ministry route", user(UserKind::parent), Access::ministry(), std::nullopt,
       Decision::change_password},
      {"staff of A on B", staff_a, Access::with_right("consult_dossiers"), kTargetB,
       Decision::change_password},
      {"unknown right", staff_a, Access::with_right("nope"), kTargetA, Decision::change_password},
      // Nothing changes for those who are not signed in.
      {"anonymous on enterprise", anonymous(), Access::enterprise(), std::nullopt,
       Decision::sign_in},
      {"anonymous on signed_in", anonymous(), Access::signed_in(), std::nullopt, Decision::sign_in},
      {"code on enterprise", code(kInstA), Access::enterprise(), std::nullopt, Decision::forbid},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(name(decide(c.who, c.need, c.target, true, false)), name(c.expected));
  }
}

TEST(AuthorizeSession, SecondFactorPendingBlocksProtectedRoutes) {
  struct Case {
    std::string label;
    Principal who;
    Access need;
    std::optional<Target> target;
    Decision expected;
  };
  const auto staff_a = staff(kDivA, kInstA, acc::all_rights());
  const std::vector<Case> cases = {
      {"open", staff_a, Access::open(), std::nullopt, Decision::allow},
      {"anyone", staff_a, Access::anyone(), std::nullopt, Decision::allow},
      {"enterprise", staff_a, Access::enterprise(), std::nullopt, Decision::second_factor},
      {"right on A", staff_a, Access::with_right("sign_mes"), kTargetA, Decision::second_factor},
      {"right, no target", staff_a, Access::with_right("sign_mes"), std::nullopt,
       Decision::second_factor},
      {"rse", rse(kDivA), Access::rse(), std::nullopt, Decision::second_factor},
      {"parent", user(UserKind::parent), Access::parent(), std::nullopt, Decision::second_factor},
      {"ministry", user(UserKind::ministry), Access::ministry(), std::nullopt,
       Decision::second_factor},
      {"parent on ministry route", user(UserKind::parent), Access::ministry(), std::nullopt,
       Decision::second_factor},
      {"anonymous on enterprise", anonymous(), Access::enterprise(), std::nullopt,
       Decision::sign_in},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(name(decide(c.who, c.need, c.target, false, true)), name(c.expected));
  }
}

// A session whose second factor is still to give has proven only the password. The signed_in
// routes (/tableau-de-bord lists the user's organizations and rights; POST /mot-de-passe changes
// the password and revokes every other session) must not be reached before the second factor:
// router.hpp documents signed_in as also open to "one who must still change a temporary password",
// not to one who has not given the second factor.
// FAILS against the current src/access/rules.cpp:132 (`if (need.kind == K::signed_in) return
// Decision::allow;` comes before the second_factor_pending check).
TEST(AuthorizeSession, SecondFactorPendingDoesNotReachSignedInRoutes) {
  for (const auto& who : {staff(kDivA, kInstA, acc::all_rights()), rse(kDivA),
                          user(UserKind::parent), user(UserKind::ministry)}) {
    EXPECT_EQ(name(decide(who, Access::signed_in(), std::nullopt, false, true)), "second_factor");
  }
}

TEST(AuthorizeSession, BothPendingNeverAllowsAProtectedRoute) {
  const auto staff_a = staff(kDivA, kInstA, acc::all_rights());
  for (const auto& need : {Access::enterprise(), Access::rse(), Access::parent(),
                           Access::ministry(), Access::with_right("consult_dossiers")}) {
    SCOPED_TRACE(describe(need));
    const auto d = decide(staff_a, need, kTargetA, true, true);
    EXPECT_TRUE(d == Decision::change_password || d == Decision::second_factor) << name(d);
  }
}

TEST(AuthorizeSession, NoFlagsNoDetour) {
  // Without pending flags, the same principals get the route's own answer.
  const auto staff_a = staff(kDivA, kInstA, acc::all_rights());
  EXPECT_EQ(name(decide(staff_a, Access::enterprise(), std::nullopt)), "allow");
  EXPECT_EQ(name(decide(staff_a, Access::with_right("consult_dossiers"), kTargetA)), "allow");
  EXPECT_EQ(name(decide(staff_a, Access::with_right("consult_dossiers"), kTargetB)), "forbid");
  EXPECT_EQ(name(decide(user(UserKind::parent), Access::ministry(), std::nullopt)), "forbid");
}

// The RSE and ministry agents must set up a second factor before anything but the signed_in
// pages (where the set-up page is) and the public ones; a temporary password comes first.
TEST(AuthorizeSession, SecondFactorSetUpPendingSendsToTheSetUpPage) {
  for (const auto& who : {rse(kDivA), user(UserKind::ministry)}) {
    EXPECT_EQ(name(decide(who, Access::signed_in(), std::nullopt, false, false, true)), "allow");
    EXPECT_EQ(name(decide(who, Access::anyone(), std::nullopt, false, false, true)), "allow");
    EXPECT_EQ(name(decide(who, Access::rse(), std::nullopt, false, false, true)),
              "set_up_second_factor");
    EXPECT_EQ(name(decide(who, Access::ministry(), std::nullopt, false, false, true)),
              "set_up_second_factor");
    EXPECT_EQ(
        name(decide(who, Access::with_right("consult_dossiers"), kTargetA, false, false, true)),
        "set_up_second_factor");
    EXPECT_EQ(name(decide(who, Access::rse(), std::nullopt, true, false, true)), "change_password");
  }
}

TEST(AccessRules, ACC_SecondFactorRequiredForTheRseAndMinistryAgentsOnly) {
  EXPECT_TRUE(acc::second_factor_required(UserKind::ministry, false));
  EXPECT_TRUE(acc::second_factor_required(UserKind::enterprise, true));
  EXPECT_FALSE(acc::second_factor_required(UserKind::enterprise, false));
  EXPECT_FALSE(acc::second_factor_required(UserKind::parent, false));
}

namespace {
// Issue 13, no promise without a feature: only the rights whose screens exist are offered.
TEST(AuthorizeRight, RightsAreOfferedOnlyWithTheirScreens) {
  const std::map<Right, bool> offered = {
      {Right::consult_dossiers, true},    {Right::enter_dossiers, true},
      {Right::manage_admissions, true},   {Right::consult_mes, true},
      {Right::enter_mes, true},           {Right::sign_mes, true},
      {Right::manage_access_codes, true}, {Right::manage_rights, true},
  };
  ASSERT_EQ(offered.size(), acc::all_rights().size());
  for (auto r : acc::all_rights()) EXPECT_EQ(acc::has_screens(r), offered.at(r)) << to_string(r);
}
}  // namespace

// Access::account (messaging's inbox, one page for everyone): any user done signing in, whatever
// their kind; a temporary password, a second factor to give or to set up come first; an access
// code and a stranger never.
TEST(AuthorizeSession, AccountIsAnyUserDoneSigningIn) {
  const auto staff_a = staff(kDivA, kInstA, {});
  struct Case {
    std::string label;
    Principal who;
    bool change, second, setup;
    Decision expected;
  };
  const std::vector<Case> cases = {
      {"parent", user(UserKind::parent), false, false, false, Decision::allow},
      {"staff without rights", staff_a, false, false, false, Decision::allow},
      {"RSE", rse(kDivA), false, false, false, Decision::allow},
      {"ministry agent", user(UserKind::ministry), false, false, false, Decision::allow},
      {"anonymous", anonymous(), false, false, false, Decision::sign_in},
      {"API code", code(kInstA), false, false, false, Decision::forbid},
      {"temporary password", staff_a, true, false, false, Decision::change_password},
      {"second factor to give", rse(kDivA), false, true, false, Decision::second_factor},
      {"second factor to set up", rse(kDivA), false, false, true, Decision::set_up_second_factor},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(name(decide(c.who, Access::account(), std::nullopt, c.change, c.second, c.setup)),
              name(c.expected));
  }
}
