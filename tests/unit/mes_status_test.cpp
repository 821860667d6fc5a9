// MES-01, MES-02, MES-09…13: the request's state machine — one table of allowed transitions with
// who may make each, every other (status, action, actor) refused with its reason
// (src/mes/status_rules.*), table-driven.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "mes/status_rules.hpp"

namespace {

using namespace sgee::mes;
using S = Status;
using A = Action;
using R = Actor;
using K = ProviderKind;

// The allowed (status, action, actor) -> status, written out independently of the table: for an
// installation (CPE/GS) the provider's actors, for home-based care the BC's designated person.
struct Allowed {
  S from;
  A action;
  R who;
  S to;
};
std::vector<Allowed> expected_allowed(K kind) {
  const bool home = kind == K::rsge;
  const std::vector<R> editors = home ? std::vector<R>{R::bc_designated}
                                      : std::vector<R>{R::provider_editor, R::provider_signer};
  const std::vector<R> signers_ =
      home ? std::vector<R>{R::bc_designated} : std::vector<R>{R::provider_signer};
  const std::vector<R> readers =
      home ? std::vector<R>{R::bc_designated}
           : std::vector<R>{R::provider_reader, R::provider_editor, R::provider_signer};
  std::vector<Allowed> v;
  for (auto w : editors) {
    v.push_back({S::brouillon, A::save, w, S::brouillon});
    v.push_back({S::brouillon, A::delete_request, w, S::supprimee});
    v.push_back({S::commentaires, A::save, w, S::commentaires});
    v.push_back({S::commentaires, A::mark_corrected, w, S::commentaires});
  }
  for (auto w : signers_) {
    v.push_back({S::brouillon, A::sign, w, S::brouillon});
    v.push_back({S::brouillon, A::transmit, w, S::transmise});
    v.push_back({S::commentaires, A::sign, w, S::commentaires});
    v.push_back({S::commentaires, A::transmit, w, S::transmise});
  }
  for (auto st : {S::conforme, S::accordee, S::refusee}) {
    for (auto w : readers) v.push_back({st, A::read_communication, w, st});
    v.push_back({st, A::attach_communication, R::ministry_agent, st});
  }
  for (auto st : {S::transmise, S::commentaires, S::conforme})
    v.push_back({st, A::assign, R::ministry_agent, st});
  v.push_back({S::transmise, A::comment, R::ministry_agent, S::commentaires});
  v.push_back({S::transmise, A::mark_conform, R::ministry_agent, S::conforme});
  v.push_back({S::conforme, A::grant, R::ministry_agent, S::accordee});
  v.push_back({S::conforme, A::refuse, R::ministry_agent, S::refusee});
  return v;
}

TEST(MesStatusRules, MES_09_EveryStatusActionAndActorIsAllowedOrRefusedWithAReason) {
  for (auto kind : {K::cpe, K::gs, K::rsge}) {
    const auto allowed = expected_allowed(kind);
    int n_allowed = 0;
    for (auto from : all_statuses())
      for (auto a : all_actions())
        for (auto who : all_actors()) {
          auto v = decide(from, a, who, kind);
          auto it = std::find_if(allowed.begin(), allowed.end(), [&](const Allowed& x) {
            return x.from == from && x.action == a && x.who == who;
          });
          const std::string what = std::string(to_string(from)) + " " + std::string(to_string(a)) +
                                   " " + std::string(to_string(who)) + " " +
                                   std::string(to_string(kind));
          if (it != allowed.end()) {
            ++n_allowed;
            EXPECT_TRUE(v.allowed()) << what << ": " << v.reason.key;
            EXPECT_EQ(v.to, it->to) << what;
          } else {
            EXPECT_FALSE(v.allowed()) << what;
            EXPECT_TRUE(v.reason.key.starts_with("mes.sm.")) << what;
            EXPECT_EQ(param(v.reason, "action"), "mes.action." + std::string(to_string(a)));
            EXPECT_EQ(param(v.reason, "status"), status_key(from));
          }
        }
    EXPECT_EQ(n_allowed, static_cast<int>(allowed.size())) << to_string(kind);
  }
}

TEST(MesStatusRules, MES_09_RefusalsSayWhy) {
  struct Case {
    S from;
    A action;
    R who;
    K kind;
    const char* key;
  };
  const std::vector<Case> cases = {
      // A transmitted request is read-only for the provider (seed 000 §3 Vérification).
      {S::transmise, A::save, R::provider_editor, K::cpe, "mes.sm.read_only"},
      {S::transmise, A::sign, R::provider_signer, K::cpe, "mes.sm.read_only"},
      {S::transmise, A::transmit, R::provider_signer, K::cpe, "mes.sm.read_only"},
      {S::conforme, A::save, R::provider_signer, K::gs, "mes.sm.read_only"},
      {S::accordee, A::save, R::bc_designated, K::rsge, "mes.sm.read_only"},
      // MES-11: only a draft may be deleted.
      {S::transmise, A::delete_request, R::provider_signer, K::cpe, "mes.sm.delete_draft_only"},
      {S::commentaires, A::delete_request, R::provider_editor, K::cpe, "mes.sm.delete_draft_only"},
      {S::refusee, A::delete_request, R::bc_designated, K::rsge, "mes.sm.delete_draft_only"},
      {S::supprimee, A::save, R::provider_editor, K::cpe, "mes.sm.deleted"},
      {S::supprimee, A::delete_request, R::provider_editor, K::cpe, "mes.sm.deleted"},
      {S::supprimee, A::comment, R::ministry_agent, K::cpe, "mes.sm.deleted"},
      // MES-01: the signing right.
      {S::brouillon, A::sign, R::provider_editor, K::cpe, "mes.sm.signing_right"},
      {S::brouillon, A::transmit, R::provider_editor, K::cpe, "mes.sm.signing_right"},
      {S::commentaires, A::transmit, R::provider_editor, K::gs, "mes.sm.signing_right"},
      {S::brouillon, A::save, R::provider_reader, K::cpe, "mes.sm.editing_right"},
      {S::brouillon, A::delete_request, R::provider_reader, K::cpe, "mes.sm.editing_right"},
      {S::commentaires, A::mark_corrected, R::provider_reader, K::cpe, "mes.sm.editing_right"},
      {S::brouillon, A::sign, R::provider_reader, K::cpe, "mes.sm.signing_right"},
      // Each side its part.
      {S::transmise, A::comment, R::provider_signer, K::cpe, "mes.sm.ministry_only"},
      {S::conforme, A::grant, R::bc_designated, K::rsge, "mes.sm.ministry_only"},
      {S::brouillon, A::save, R::ministry_agent, K::cpe, "mes.sm.provider_only"},
      {S::transmise, A::transmit, R::ministry_agent, K::cpe, "mes.sm.provider_only"},
      {S::conforme, A::read_communication, R::ministry_agent, K::cpe, "mes.sm.provider_only"},
      // MES-13: home-based care is the BC's.
      {S::brouillon, A::save, R::provider_editor, K::rsge, "mes.sm.home_based_bc_only"},
      {S::brouillon, A::transmit, R::provider_signer, K::rsge, "mes.sm.home_based_bc_only"},
      {S::brouillon, A::save, R::bc_designated, K::cpe, "mes.sm.bc_only_home_based"},
      // Not in that status.
      {S::brouillon, A::comment, R::ministry_agent, K::cpe, "mes.sm.not_now"},
      {S::commentaires, A::comment, R::ministry_agent, K::cpe, "mes.sm.not_now"},
      {S::transmise, A::grant, R::ministry_agent, K::cpe, "mes.sm.not_now"},
      {S::accordee, A::refuse, R::ministry_agent, K::cpe, "mes.sm.not_now"},
      {S::brouillon, A::mark_corrected, R::provider_editor, K::cpe, "mes.sm.not_now"},
      {S::brouillon, A::read_communication, R::provider_editor, K::cpe, "mes.sm.not_now"},
      {S::transmise, A::attach_communication, R::ministry_agent, K::cpe, "mes.sm.not_now"},
  };
  for (const auto& c : cases) {
    auto v = decide(c.from, c.action, c.who, c.kind);
    EXPECT_FALSE(v.allowed()) << to_string(c.from) << " " << to_string(c.action);
    EXPECT_EQ(v.reason.key, c.key)
        << to_string(c.from) << " " << to_string(c.action) << " " << to_string(c.who);
  }
}

TEST(MesStatusRules, MES_09_TransmitMovesBrouillonOrCommentairesToTransmise) {
  for (auto from : {S::brouillon, S::commentaires})
    EXPECT_EQ(decide(from, A::transmit, R::provider_signer, K::cpe).to, S::transmise);
  // The table has one line per (status, action).
  std::set<std::pair<S, A>> seen;
  for (const auto& t : transitions())
    EXPECT_TRUE(seen.insert({t.from, t.action}).second)
        << to_string(t.from) << " " << to_string(t.action);
}

TEST(MesStatusRules, MES_01_OnlyTheSigningRightSignsAndTransmits) {
  for (auto who : all_actors()) {
    bool may = decide(S::brouillon, A::sign, who, K::cpe).allowed();
    EXPECT_EQ(may, who == R::provider_signer) << to_string(who);
    EXPECT_EQ(decide(S::brouillon, A::transmit, who, K::cpe).allowed(), may) << to_string(who);
  }
}

TEST(MesStatusRules, MES_02_TheProvidersListsHoldTheirStatuses) {
  struct Case {
    S status;
    bool in_progress, conform;
  };
  for (const auto& c : std::vector<Case>{{S::brouillon, false, false},
                                         {S::transmise, true, false},
                                         {S::commentaires, true, false},
                                         {S::conforme, false, true},
                                         {S::accordee, false, true},
                                         {S::refusee, false, true},
                                         {S::supprimee, false, false}}) {
    EXPECT_EQ(in_progress(c.status), c.in_progress) << to_string(c.status);
    EXPECT_EQ(conform_list(c.status), c.conform) << to_string(c.status);
  }
  for (auto s : all_statuses()) EXPECT_EQ(status_from(to_string(s)), s);
  for (auto a : all_actions()) EXPECT_EQ(action_from(to_string(a)), a);
  EXPECT_FALSE(status_from("Brouillon"));
  EXPECT_EQ(status_key(S::commentaires), "mes.status.commentaires");
}

TEST(MesStatusRules, MES_10_OnlyTheCommentedSectionsReopen) {
  using Sec = Section;
  struct Case {
    S status;
    std::vector<Sec> commented;
    std::vector<Sec> editable;
  };
  const std::vector<Sec> all_but_identity = {Sec::situation, Sec::needs, Sec::typical_day,
                                             Sec::summary, Sec::documents};
  const std::vector<Case> cases = {
      {S::brouillon, {}, all_but_identity},
      {S::brouillon, {Sec::needs}, all_but_identity},
      {S::commentaires, {Sec::needs}, {Sec::needs}},
      {S::commentaires, {Sec::typical_day, Sec::documents}, {Sec::typical_day, Sec::documents}},
      {S::commentaires, {Sec::identity}, {}},  // from the Portail: corrected there
      {S::commentaires, {}, {}},
      {S::transmise, {Sec::needs}, {}},
      {S::conforme, {}, {}},
      {S::accordee, {}, {}},
      {S::supprimee, {}, {}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(editable_sections(c.status, c.commented), c.editable) << to_string(c.status);
  EXPECT_FALSE(check_edit(S::commentaires, Sec::needs, {Sec::needs}));
  auto closed = check_edit(S::commentaires, Sec::situation, {Sec::needs});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->key, "mes.sm.section_closed");
  EXPECT_EQ(param(*closed, "section"), "mes.section.situation");
  EXPECT_EQ(closed->field, "situation");
  EXPECT_EQ(check_edit(S::transmise, Sec::needs, {Sec::needs})->key, "mes.sm.read_only");
  EXPECT_EQ(check_edit(S::brouillon, Sec::identity, {})->key, "mes.sm.section_closed");
  // The ministry comments a transmitted request; the provider corrects and transmits again.
  EXPECT_EQ(decide(S::transmise, A::comment, R::ministry_agent, K::cpe).to, S::commentaires);
  EXPECT_EQ(decide(S::commentaires, A::mark_corrected, R::provider_editor, K::cpe).to,
            S::commentaires);
  EXPECT_EQ(decide(S::commentaires, A::transmit, R::provider_signer, K::cpe).to, S::transmise);
}

TEST(MesStatusRules, MES_11_OnlyABrouillonIsDeletedAndDeletionIsFinal) {
  for (auto s : all_statuses()) {
    auto v = decide(s, A::delete_request, R::provider_editor, K::cpe);
    EXPECT_EQ(v.allowed(), s == S::brouillon) << to_string(s);
  }
  EXPECT_EQ(decide(S::brouillon, A::delete_request, R::provider_editor, K::cpe).to, S::supprimee);
  for (auto a : all_actions())
    for (auto who : all_actors())
      EXPECT_FALSE(decide(S::supprimee, a, who, K::cpe).allowed()) << to_string(a);
}

TEST(MesStatusRules, MES_12_CommunicationsGoWithConformAndDecidedRequests) {
  for (auto s : all_statuses()) {
    const bool expected = s == S::conforme || s == S::accordee || s == S::refusee;
    EXPECT_EQ(decide(s, A::attach_communication, R::ministry_agent, K::cpe).allowed(), expected)
        << to_string(s);
    EXPECT_EQ(decide(s, A::read_communication, R::provider_reader, K::cpe).allowed(), expected)
        << to_string(s);
    EXPECT_EQ(decide(s, A::read_communication, R::bc_designated, K::rsge).allowed(), expected)
        << to_string(s);
  }
  EXPECT_EQ(decide(S::conforme, A::grant, R::ministry_agent, K::cpe).to, S::accordee);
  EXPECT_EQ(decide(S::conforme, A::refuse, R::ministry_agent, K::cpe).to, S::refusee);
}

TEST(MesStatusRules, MES_13_TheBcsDesignatedPersonFillsAHomeBasedRequest) {
  for (auto a : {A::save, A::sign, A::transmit, A::delete_request}) {
    EXPECT_TRUE(decide(S::brouillon, a, R::bc_designated, K::rsge).allowed()) << to_string(a);
    EXPECT_FALSE(decide(S::brouillon, a, R::bc_designated, K::cpe).allowed()) << to_string(a);
    for (auto who : {R::provider_reader, R::provider_editor, R::provider_signer})
      EXPECT_EQ(decide(S::brouillon, a, who, K::rsge).reason.key, "mes.sm.home_based_bc_only");
  }
  EXPECT_TRUE(decide(S::transmise, A::comment, R::ministry_agent, K::rsge).allowed());
}

TEST(MesStatusRules, MES_09_ASaveOnAStaleRevisionIsRefused) {
  struct Case {
    std::int64_t typed_on, current;
    bool refused;
  };
  for (const auto& c :
       std::vector<Case>{{1, 1, false}, {1, 2, true}, {3, 2, true}, {0, 0, false}}) {
    auto n = check_revision(c.typed_on, c.current);
    EXPECT_EQ(n.has_value(), c.refused) << c.typed_on << " " << c.current;
    if (n) {
      EXPECT_EQ(n->key, "mes.sm.edited_meanwhile");
    }
  }
}

}  // namespace
