// MES-07, MES-08, MES-09: the one table of required documents and signers, and the receivability
// check (src/mes/document_rules.*), table-driven.
#include <gtest/gtest.h>

#include <functional>

#include "mes/document_rules.hpp"

namespace {

using namespace sgee::mes;
using sgee::dates::Date;
using T = RequestType;
using K = ProviderKind;

Date d(const char* s) {
  return *sgee::dates::parse(s);
}
const Date kToday = d("2026-12-02");

std::vector<std::string> ids(const std::vector<Requirement>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.id);
  return out;
}

TEST(MesDocumentRules, MES_07_RequiredDocumentsPerTypeAndKind) {
  struct Case {
    T type;
    K kind;
    std::optional<bool> plan;
    std::vector<std::string> natures;
  };
  const std::vector<Case> cases = {
      {T::new_request, K::cpe, true, {"signed_form", "integration_plan"}},
      {T::new_request, K::gs, std::nullopt, {"signed_form", "integration_plan"}},
      {T::new_request, K::rsge, false, {"signed_form"}},
      {T::renewal_without_changes, K::cpe, true, {"signed_form", "integration_plan"}},
      {T::renewal_with_changes,
       K::cpe,
       true,
       {"signed_form", "integration_plan", "renewal_reasons"}},
      {T::renewal_with_changes, K::rsge, false, {"signed_form", "renewal_reasons"}},
      {T::transfer, K::gs, true, {"signed_form", "integration_plan"}},
      {T::transfer, K::rsge, true, {"signed_form", "integration_plan"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ids(required_documents(c.type, c.kind, c.plan)), c.natures)
        << to_string(c.type) << " " << to_string(c.kind);
  // Every line of the table names a known nature or signer, and says where it comes from.
  for (const auto& r : requirements()) {
    if (r.what == Requirement::What::document) {
      EXPECT_TRUE(known_nature(r.id)) << r.id;
      EXPECT_TRUE(r.also_as.empty() || known_nature(r.also_as)) << r.id;
    } else {
      EXPECT_NE(std::find(signers().begin(), signers().end(), r.id), signers().end()) << r.id;
    }
    EXPECT_FALSE(r.source.empty()) << r.id;
    EXPECT_GE(r.count, 1) << r.id;
  }
  // Accepted, never required (seed 000 §5.2).
  for (auto t : all_request_types())
    for (auto k : all_provider_kinds())
      for (const auto& r : required_documents(t, k, true)) {
        EXPECT_NE(r.id, "professional_report");
        EXPECT_NE(r.id, "individual_service_plan");
      }
  EXPECT_TRUE(known_nature("other"));
  EXPECT_FALSE(known_nature("photo"));
  EXPECT_EQ(kMaxAttachmentBytes, 10u * 1024 * 1024);
}

TEST(MesDocumentRules, MES_07_TheIntegrationPlanIsLessThanAYearOld) {
  struct Case {
    const char* plan;
    bool recent;
  };
  for (const auto& c : std::vector<Case>{{"2026-12-02", true},
                                         {"2025-12-03", true},
                                         {"2025-12-02", false},
                                         {"2024-06-01", false},
                                         {"2026-12-03", false}})
    EXPECT_EQ(integration_plan_recent(d(c.plan), kToday), c.recent) << c.plan;
  // 29 February: a year before 28 February 2025 is 28 February 2024, so the plan is still recent;
  // on 1 March it is a year old.
  EXPECT_TRUE(integration_plan_recent(d("2024-02-29"), d("2025-02-28")));
  EXPECT_FALSE(integration_plan_recent(d("2024-02-29"), d("2025-03-01")));
}

TEST(MesDocumentRules, MES_08_SignersPerTypeAndKind) {
  struct Case {
    T type;
    K kind;
    std::vector<std::string> signers;
  };
  const std::vector<Case> cases = {
      {T::new_request, K::cpe, {"direction", "parent"}},
      {T::new_request, K::gs, {"direction", "parent"}},
      {T::renewal_without_changes, K::cpe, {"direction", "parent"}},
      {T::renewal_with_changes, K::cpe, {"direction", "parent", "professional"}},
      {T::transfer, K::gs, {"direction", "parent"}},
      {T::new_request, K::rsge, {"bc_designated", "rsge", "parent"}},
      {T::renewal_with_changes, K::rsge, {"bc_designated", "rsge", "parent", "professional"}},
      {T::transfer, K::rsge, {"bc_designated", "rsge", "parent"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ids(required_signers(c.type, c.kind)), c.signers)
        << to_string(c.type) << " " << to_string(c.kind);
  EXPECT_EQ(electronic_signer(K::cpe), "direction");
  EXPECT_EQ(electronic_signer(K::gs), "direction");
  EXPECT_EQ(electronic_signer(K::rsge), "bc_designated");
  // Exactly one electronic signer per kind; the others sign on paper.
  for (auto t : all_request_types())
    for (auto k : all_provider_kinds()) {
      int electronic = 0;
      for (const auto& r : required_signers(t, k)) electronic += r.electronic;
      EXPECT_EQ(electronic, 1) << to_string(t) << " " << to_string(k);
    }
}

Answers complete() {
  Answers a;
  a.fields = {{"situation.attendance_start", "2025-09-01"},
              {"situation.days_per_week", "5"},
              {"situation.schedule", "7 h 30 à 16 h 30"},
              {"situation.impairment", "Paralysie cérébrale"},
              {"situation.integration_plan", "yes"},
              {"situation.integration_plan_date", "2026-09-15"}};
  for (const auto& sub : needs_subsections()) a.fields["needs." + sub + ".exceptional"] = "no";
  a.fields["needs.mobility.exceptional"] = "yes";
  a.fields["needs.mobility.difficulty"] = "Ne marche pas";
  a.fields["needs.mobility.support"] = "Transferts";
  a.moments = {{"08:00", "10:00", "yes", "Arrivée", "Transfert", "Porter"}};
  return a;
}

RequestFacts receivable(T type = T::new_request, K kind = K::cpe) {
  RequestFacts f;
  f.type = type;
  f.kind = kind;
  f.answers = complete();
  f.files = {{"signed_form", "s1"}, {"integration_plan", "p1"}};
  if (type == T::renewal_with_changes) {
    f.files.push_back({"renewal_reasons", "r1"});
    f.files.push_back({"signed_form", "r1"});
  }
  f.signature = Signature{true, content_hash(f.type, f.answers, f.files)};
  return f;
}

void reseal(RequestFacts& f) {
  f.signature = Signature{true, content_hash(f.type, f.answers, f.files)};
}

TEST(MesDocumentRules, MES_09_ReceivabilityListsEveryMissingItem) {
  struct Case {
    const char* what;
    T type;
    K kind;
    std::function<void(RequestFacts&)> change;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases = {
      {"new, complete", T::new_request, K::cpe, [](RequestFacts&) {}, {}},
      {"renewal with changes, complete", T::renewal_with_changes, K::gs, [](RequestFacts&) {}, {}},
      {"home-based, complete", T::transfer, K::rsge, [](RequestFacts&) {}, {}},
      {"a required field empty",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.answers.fields.erase("situation.schedule");
         reseal(f);
       },
       {"mes.form.required"}},
      {"over 8 hours",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.answers.moments[0].end = "16:30";
         reseal(f);
       },
       {"mes.hours.over_max"}},
      {"renewal without changes asking other hours",
       T::renewal_without_changes,
       K::cpe,
       [](RequestFacts& f) { f.granted_before = 180; },
       {"mes.hours.renewal_differs"}},
      {"no signed form",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.files.erase(f.files.begin());
         reseal(f);
       },
       {"mes.recv.missing_document"}},
      {"no integration plan",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.files.pop_back();
         reseal(f);
       },
       {"mes.recv.missing_document"}},
      {"no plan applied: none to attach",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.answers.fields["situation.integration_plan"] = "no";
         f.answers.fields.erase("situation.integration_plan_date");
         f.files.pop_back();
         reseal(f);
       },
       {}},
      {"plan a year old",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.answers.fields["situation.integration_plan_date"] = "2025-12-02";
         reseal(f);
       },
       {"mes.recv.plan_too_old"}},
      {"Raison(s) form missing",
       T::renewal_with_changes,
       K::cpe,
       [](RequestFacts& f) {
         f.files = {{"signed_form", "s1"}, {"integration_plan", "p1"}};
         reseal(f);
       },
       {"mes.recv.missing_document"}},
      {"Raison(s) form attached once only",
       T::renewal_with_changes,
       K::cpe,
       [](RequestFacts& f) {
         f.files = {{"signed_form", "s1"}, {"integration_plan", "p1"}, {"renewal_reasons", "r1"}};
         reseal(f);
       },
       {"mes.recv.attach_twice"}},
      {"a different document under the signed form",
       T::renewal_with_changes,
       K::cpe,
       [](RequestFacts& f) {
         f.files = {{"signed_form", "s1"},
                    {"integration_plan", "p1"},
                    {"renewal_reasons", "r1"},
                    {"signed_form", "r2"}};
         reseal(f);
       },
       {"mes.recv.attach_twice"}},
      {"an unknown nature",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.files.push_back({"selfie", "x"});
         reseal(f);
       },
       {"mes.recv.unknown_nature"}},
      {"extra optional documents",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.files.push_back({"professional_report", "x"});
         f.files.push_back({"other", "y"});
         reseal(f);
       },
       {}},
      {"not signed",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) { f.signature.reset(); },
       {"mes.recv.not_signed"}},
      {"signed by someone without the right",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) { f.signature->signer_has_right = false; },
       {"mes.recv.signer_without_right"}},
      {"changed after signing",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) { f.answers.fields["summary.note"] = "ajout"; },
       {"mes.recv.changed_since_signed"}},
      {"a file added after signing",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) {
         f.files.push_back({"other", "z"});
       },
       {"mes.recv.changed_since_signed"}},
      {"comments not ticked Corrigé",
       T::new_request,
       K::cpe,
       [](RequestFacts& f) { f.comments_not_corrected = 2; },
       {"mes.recv.comments_not_corrected"}},
      {"everything missing",
       T::renewal_with_changes,
       K::rsge,
       [](RequestFacts& f) {
         f.answers = Answers{};
         f.files.clear();
         f.signature.reset();
       },
       {"mes.form.required", "mes.form.required", "mes.form.required", "mes.form.one_of_required",
        "mes.form.required", "mes.form.required", "mes.form.required", "mes.form.required",
        "mes.form.required", "mes.form.required", "mes.form.no_moment", "mes.recv.missing_document",
        "mes.recv.missing_document", "mes.recv.missing_document", "mes.recv.not_signed"}},
  };
  for (const auto& c : cases) {
    RequestFacts f = receivable(c.type, c.kind);
    c.change(f);
    std::vector<std::string> keys;
    for (const auto& n : receivability(f, kToday)) keys.push_back(n.key);
    EXPECT_EQ(keys, c.keys) << c.what;
  }
  // The notes say what is missing.
  RequestFacts f = receivable(T::renewal_with_changes, K::rsge);
  f.files = {{"integration_plan", "p1"}};
  f.signature.reset();
  auto ns = receivability(f, kToday);
  ASSERT_EQ(ns.size(), 3u);
  EXPECT_EQ(param(ns[0], "nature"), "mes.nature.signed_form");
  EXPECT_EQ(param(ns[0], "found"), "0");
  EXPECT_EQ(ns[0].field, "documents");
  EXPECT_EQ(param(ns[1], "nature"), "mes.nature.renewal_reasons");
  EXPECT_EQ(param(ns[2], "signer"), "mes.signer.bc_designated");
}

}  // namespace
