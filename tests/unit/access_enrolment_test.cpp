// Unit tests for decide_enrolment (ACC-01, ACC-02, ACC-03; seed 002 clicSÉQUR enrolment).
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "access/model.hpp"
#include "access/rules.hpp"

namespace acc = sgee::access;
using sgee::Message;

namespace {

// One expected message: code, rule, field, i18n key (severity is always E here).
struct Expected {
  std::string code, rule, field, key;
};

std::string describe(const std::vector<Message>& ms) {
  std::string out;
  for (const auto& m : ms)
    out += "[" + m.code + " " + std::string(1, m.severity) + " " + m.rule + " " + m.field + " " +
           m.text_key + "] ";
  return out.empty() ? "(none)" : out;
}

void expect_messages(const std::vector<Message>& got, const std::vector<Expected>& want) {
  SCOPED_TRACE("messages: " + describe(got));
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].code, want[i].code);
    EXPECT_EQ(got[i].severity, 'E');
    EXPECT_EQ(got[i].rule, want[i].rule);
    EXPECT_EQ(got[i].field, want[i].field);
    EXPECT_EQ(got[i].text_key, want[i].key);
  }
}

// A complete, well-formed request by an officer of a corporation, with both identifiers.
acc::EnrolmentRequest corporation_request() {
  acc::EnrolmentRequest r;
  r.legal_form = "corporation";
  r.neq = "1171234567";
  r.assessment_number = "123456789";
  r.invitation_code = "AB12CD34";
  r.entity_name = "Garderie Les Petits Pas inc.";
  r.representative_surname = "Bégin";
  r.representative_given_name = "Élodie";
  r.representative_role = "Présidente";
  r.representative_email = "elodie.begin@petitspas.example";
  r.rse_surname = "Côté";
  r.rse_given_name = "Marc";
  r.rse_email = "marc.cote@petitspas.example";
  return r;
}

// The register's entry for the request: its officers, and on file the secrets the request gives.
acc::EnterpriseRecord record_for(const acc::EnrolmentRequest& r) {
  acc::EnterpriseRecord rec;
  rec.neq = r.neq;
  rec.name = r.entity_name;
  rec.legal_form = r.legal_form;
  rec.officers = {{"Tremblay", "Jean", "Vice-président"}, {"BEGIN", "ELODIE", "Présidente"}};
  rec.assessment_number_on_file = !r.assessment_number.empty();
  rec.invitation_code_on_file = !r.invitation_code.empty();
  return rec;
}

// The decision when each identifier typed is the secret on file (what the store's constant-time
// comparison would find), for an entity with or without an RSE.
acc::EnrolmentDecision decide(const acc::EnrolmentRequest& r,
                              const std::optional<acc::EnterpriseRecord>& rec,
                              bool has_rse = false) {
  acc::EnrolmentFacts facts;
  if (rec) {
    facts.matched.assessment_number =
        rec->assessment_number_on_file && !r.assessment_number.empty();
    facts.matched.invitation_code = rec->invitation_code_on_file && !r.invitation_code.empty();
  }
  facts.has_rse = has_rse;
  return acc::decide_enrolment(r, rec, facts);
}

acc::EnrolmentRequest request_for(const std::string& form) {
  auto r = corporation_request();
  r.legal_form = form;
  auto req = acc::required_identifiers(*acc::legal_form_from(form));
  if (!req.assessment_number) r.assessment_number.clear();
  if (!req.invitation_code) r.invitation_code.clear();
  return r;
}

std::string repeat(char c, size_t n) {
  return std::string(n, c);
}

// A syntactically valid e-mail address of exactly n bytes (n >= 8).
std::string email_of_length(size_t n) {
  return repeat('a', n - 7) + "@ex.org";
}

struct ErrorCase {
  std::string label;
  std::function<void(acc::EnrolmentRequest&)> change;
  std::vector<Expected> messages;
};

const Expected kLegalForm{"ACC001E", "ACC-01", "legal_form", "acc.legal_form_required"};
const Expected kNeq{"ACC002E", "ACC-01", "neq", "acc.neq_format"};
const Expected kAssessment{"ACC003E", "ACC-01", "assessment_number", "acc.assessment_format"};
const Expected kInvitation{"ACC004E", "ACC-01", "invitation_code", "acc.invitation_format"};
const Expected kEntityName{"ACC005E", "ACC-02", "entity_name", "acc.entity_name_required"};
const Expected kRepSurname{"ACC006E", "ACC-02", "representative_surname", "acc.name_required"};
const Expected kRepGiven{"ACC006E", "ACC-02", "representative_given_name", "acc.name_required"};
const Expected kRepRole{"ACC007E", "ACC-02", "representative_role", "acc.role_required"};
const Expected kRepEmail{"ACC008E", "ACC-02", "representative_email", "acc.email_format"};
const Expected kRseSurname{"ACC009E", "ACC-03", "rse_surname", "acc.name_required"};
const Expected kRseGiven{"ACC009E", "ACC-03", "rse_given_name", "acc.name_required"};
const Expected kRseEmail{"ACC010E", "ACC-03", "rse_email", "acc.email_format"};

}  // namespace

TEST(AccEnrolment, BaseRequestIsValidAndImmediate) {
  auto r = corporation_request();
  auto d = decide(r, record_for(r));
  expect_messages(d.messages, {});
  EXPECT_TRUE(d.immediate);
  EXPECT_EQ(d.deferred_reason, "");
}

TEST(AccEnrolment, ACC_01_EachInvalidFieldGivesItsError) {
  const std::vector<ErrorCase> cases = {
      // legal form: one of the four stable names, exactly
      {"legal form empty", [](auto& r) { r.legal_form = ""; }, {kLegalForm}},
      {"legal form capitalized", [](auto& r) { r.legal_form = "Corporation"; }, {kLegalForm}},
      {"legal form french", [](auto& r) { r.legal_form = "société"; }, {kLegalForm}},
      {"legal form padded", [](auto& r) { r.legal_form = " corporation"; }, {kLegalForm}},
      {"legal form obnl", [](auto& r) { r.legal_form = "obnl"; }, {kLegalForm}},
      // NEQ: 10 ASCII digits, never trimmed
      {"neq empty", [](auto& r) { r.neq = ""; }, {kNeq}},
      {"neq 9 digits", [](auto& r) { r.neq = "117123456"; }, {kNeq}},
      {"neq 11 digits", [](auto& r) { r.neq = "11712345678"; }, {kNeq}},
      {"neq letter", [](auto& r) { r.neq = "117123456A"; }, {kNeq}},
      {"neq inner space", [](auto& r) { r.neq = "11712 34567"; }, {kNeq}},
      {"neq padded", [](auto& r) { r.neq = " 1171234567"; }, {kNeq}},
      // identifiers: malformed is an error (missing is not, see below)
      {"assessment 5 digits", [](auto& r) { r.assessment_number = "12345"; }, {kAssessment}},
      {"assessment 13 digits",
       [](auto& r) { r.assessment_number = "1234567890123"; },
       {kAssessment}},
      {"assessment letter", [](auto& r) { r.assessment_number = "12345X"; }, {kAssessment}},
      {"assessment space", [](auto& r) { r.assessment_number = " "; }, {kAssessment}},
      {"assessment padded", [](auto& r) { r.assessment_number = "123456 "; }, {kAssessment}},
      {"invitation 7", [](auto& r) { r.invitation_code = "AB12CD3"; }, {kInvitation}},
      {"invitation 9", [](auto& r) { r.invitation_code = "AB12CD345"; }, {kInvitation}},
      {"invitation dash", [](auto& r) { r.invitation_code = "AB12-D34"; }, {kInvitation}},
      {"invitation space", [](auto& r) { r.invitation_code = " "; }, {kInvitation}},
      {"invitation accent",
       [](auto& r) {
         r.invitation_code =
             "\xC3\x89"
             "B12CD3";
       },
       {kInvitation}},
      // entity name: 1..200 after trimming
      {"entity name empty", [](auto& r) { r.entity_name = ""; }, {kEntityName}},
      {"entity name blank", [](auto& r) { r.entity_name = " \t "; }, {kEntityName}},
      {"entity name 201", [](auto& r) { r.entity_name = repeat('x', 201); }, {kEntityName}},
      // representative
      {"rep surname empty", [](auto& r) { r.representative_surname = ""; }, {kRepSurname}},
      {"rep surname blank", [](auto& r) { r.representative_surname = "   "; }, {kRepSurname}},
      {"rep surname 51",
       [](auto& r) { r.representative_surname = repeat('x', 51); },
       {kRepSurname}},
      {"rep given empty", [](auto& r) { r.representative_given_name = ""; }, {kRepGiven}},
      {"rep given 51", [](auto& r) { r.representative_given_name = repeat('x', 51); }, {kRepGiven}},
      {"rep role empty", [](auto& r) { r.representative_role = ""; }, {kRepRole}},
      {"rep role blank", [](auto& r) { r.representative_role = "\t"; }, {kRepRole}},
      {"rep role 101", [](auto& r) { r.representative_role = repeat('x', 101); }, {kRepRole}},
      {"rep email empty", [](auto& r) { r.representative_email = ""; }, {kRepEmail}},
      {"rep email no at",
       [](auto& r) { r.representative_email = "elodie.petitspas.example"; },
       {kRepEmail}},
      {"rep email no local",
       [](auto& r) { r.representative_email = "@petitspas.example"; },
       {kRepEmail}},
      {"rep email no dot",
       [](auto& r) { r.representative_email = "elodie@petitspas"; },
       {kRepEmail}},
      {"rep email dot last",
       [](auto& r) { r.representative_email = "elodie@petitspas."; },
       {kRepEmail}},
      {"rep email space",
       [](auto& r) { r.representative_email = "elodie begin@petitspas.example"; },
       {kRepEmail}},
      {"rep email 255",
       [](auto& r) { r.representative_email = email_of_length(255); },
       {kRepEmail}},
      // RSE (ACC-03)
      {"rse surname empty", [](auto& r) { r.rse_surname = ""; }, {kRseSurname}},
      {"rse surname 51", [](auto& r) { r.rse_surname = repeat('x', 51); }, {kRseSurname}},
      {"rse given empty", [](auto& r) { r.rse_given_name = ""; }, {kRseGiven}},
      {"rse given blank", [](auto& r) { r.rse_given_name = "  "; }, {kRseGiven}},
      {"rse email empty", [](auto& r) { r.rse_email = ""; }, {kRseEmail}},
      {"rse email no at", [](auto& r) { r.rse_email = "marc.cote"; }, {kRseEmail}},
      {"rse email 255", [](auto& r) { r.rse_email = email_of_length(255); }, {kRseEmail}},
      // several at once, in field order
      {"neq and both emails",
       [](auto& r) {
         r.neq = "x";
         r.representative_email = "x";
         r.rse_email = "y";
       },
       {kNeq, kRepEmail, kRseEmail}},
      {"both identifiers malformed",
       [](auto& r) {
         r.assessment_number = "1";
         r.invitation_code = "1";
       },
       {kAssessment, kInvitation}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto r = corporation_request();
    c.change(r);
    // The same errors whether or not the NEQ is in the reference table.
    for (const auto& rec : {std::optional<acc::EnterpriseRecord>(record_for(corporation_request())),
                            std::optional<acc::EnterpriseRecord>()}) {
      auto d = decide(r, rec);
      expect_messages(d.messages, c.messages);
      EXPECT_FALSE(d.immediate);
      EXPECT_EQ(d.deferred_reason, "");  // an error blocks; it is not a deferral
    }
  }
}

TEST(AccEnrolment, ACC_01_EmptyRequestListsEveryRequiredFieldInOrder) {
  auto d = decide(acc::EnrolmentRequest{}, std::nullopt);
  expect_messages(d.messages, {kLegalForm, kNeq, kEntityName, kRepSurname, kRepGiven, kRepRole,
                               kRepEmail, kRseSurname, kRseGiven, kRseEmail});
  EXPECT_FALSE(d.immediate);
  EXPECT_EQ(d.deferred_reason, "");
}

TEST(AccEnrolment, ACC_02_BoundaryLengthsAreAccepted) {
  const std::vector<std::pair<std::string, std::function<void(acc::EnrolmentRequest&)>>> cases = {
      {"entity name 200", [](auto& r) { r.entity_name = repeat('x', 200); }},
      {"entity name 200 padded", [](auto& r) { r.entity_name = "  " + repeat('x', 200) + "  "; }},
      {"rse surname 50", [](auto& r) { r.rse_surname = repeat('x', 50); }},
      {"rse given 50 padded", [](auto& r) { r.rse_given_name = " " + repeat('x', 50) + " "; }},
      {"rep role 100", [](auto& r) { r.representative_role = repeat('x', 100); }},
      {"rep email 254", [](auto& r) { r.representative_email = email_of_length(254); }},
      {"rse email 254", [](auto& r) { r.rse_email = email_of_length(254); }},
      {"rse email short", [](auto& r) { r.rse_email = "a@b.c"; }},
      {"rse email plus", [](auto& r) { r.rse_email = "marc+sgee@cote.example.qc.ca"; }},
      {"neq all zeros", [](auto& r) { r.neq = "0000000000"; }},
      {"assessment 6", [](auto& r) { r.assessment_number = "123456"; }},
      {"assessment 12", [](auto& r) { r.assessment_number = "123456789012"; }},
      {"invitation lower", [](auto& r) { r.invitation_code = "ab12cd34"; }},
  };
  for (const auto& [label, change] : cases) {
    SCOPED_TRACE(label);
    auto r = corporation_request();
    change(r);
    auto rec = record_for(r);
    rec.officers.back().role =
        r.representative_role;  // the officer is listed under the stated position
    auto d = decide(r, rec);
    expect_messages(d.messages, {});
    EXPECT_TRUE(d.immediate);
  }
}

TEST(AccEnrolment, ACC_02_OfficerWithMatchingIdentifiersIsActivatedImmediately) {
  struct Case {
    std::string surname, given;
  };
  // The reference table spells the officer "BEGIN, ELODIE"; the name typed by the representative
  // is compared accent-, case- and surrounding-space-insensitively.
  const std::vector<Case> names = {
      {"Bégin", "Élodie"},    {"BEGIN", "ELODIE"}, {"begin", "elodie"}, {"BÉGIN", "ÉLODIE"},
      {" Bégin ", "Élodie "}, {"bégin", "élodie"}, {"Begin", "Elodie"}, {"\tBEGIN", "elodie\t"},
  };
  for (const std::string form : {"sole", "corporation"}) {
    for (const auto& n : names) {
      SCOPED_TRACE(form + ": " + n.surname + ", " + n.given);
      auto r = request_for(form);
      r.representative_surname = n.surname;
      r.representative_given_name = n.given;
      auto d = decide(r, record_for(r));
      expect_messages(d.messages, {});
      EXPECT_TRUE(d.immediate);
      EXPECT_EQ(d.deferred_reason, "");
    }
  }
}

TEST(AccEnrolment, ACC_02_OfficerMatchWorksTheOtherWayRound) {
  // Accents in the reference table, none typed.
  auto r = corporation_request();
  r.representative_surname = "COTE";
  r.representative_given_name = "francois";
  r.representative_role = "secretaire";
  auto rec = record_for(r);
  rec.officers = {{"Côté", "François", "Secrétaire"}};
  auto d = decide(r, rec);
  expect_messages(d.messages, {});
  EXPECT_TRUE(d.immediate);
}

TEST(AccEnrolment, ACC_02_NonOfficerWaitsForTheMinistry) {
  struct Case {
    std::string label, surname, given;
    std::vector<acc::Officer> officers;
  };
  const std::vector<Case> cases = {
      {"other person", "Gagnon", "Sophie", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"same surname, other given name", "Bégin", "Sophie", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"same given name, other surname", "Gagnon", "Élodie", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"surname and given name swapped", "Élodie", "Bégin", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"compound surname", "Bégin-Tremblay", "Élodie", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"typo", "Bégn", "Élodie", {{"BEGIN", "ELODIE", "Présidente"}}},
      {"no officers in the register", "Bégin", "Élodie", {}},
  };
  for (const std::string form : {"sole", "corporation"}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(form + ": " + c.label);
      auto r = request_for(form);
      r.representative_surname = c.surname;
      r.representative_given_name = c.given;
      auto rec = record_for(r);
      rec.officers = c.officers;
      auto d = decide(r, rec);
      expect_messages(d.messages, {});  // not an error: the enrolment is recorded
      EXPECT_FALSE(d.immediate);
      EXPECT_EQ(d.deferred_reason, "acc.deferred.not_an_officer");
    }
  }
}

TEST(AccEnrolment, ACC_02_UnknownNeqIsDeferred) {
  for (const std::string form : {"sole", "corporation", "nonprofit", "partnership"}) {
    SCOPED_TRACE(form);
    auto d = decide(request_for(form), std::nullopt);
    expect_messages(d.messages, {});
    EXPECT_FALSE(d.immediate);
    EXPECT_EQ(d.deferred_reason, "acc.deferred.unknown_neq");
  }
}

TEST(AccEnrolment, ACC_02_LegalFormMismatchIsDeferred) {
  const std::vector<std::string> forms = {"sole", "corporation", "nonprofit", "partnership"};
  for (const auto& asked : forms) {
    for (const auto& registered : forms) {
      if (asked == registered) continue;
      SCOPED_TRACE("asked " + asked + ", registered " + registered);
      auto r = request_for(asked);
      auto rec = record_for(r);
      rec.legal_form = registered;
      auto d = decide(r, rec);
      expect_messages(d.messages, {});
      EXPECT_FALSE(d.immediate);
      EXPECT_EQ(d.deferred_reason, "acc.deferred.legal_form_mismatch");
    }
  }
}

TEST(AccEnrolment, ACC_02_MissingIdentifierOnlyDefers) {
  struct Case {
    std::string form, label;
    std::function<void(acc::EnrolmentRequest&)> change;
  };
  const std::vector<Case> cases = {
      {"sole", "no assessment number", [](auto& r) { r.assessment_number.clear(); }},
      {"corporation", "no assessment number", [](auto& r) { r.assessment_number.clear(); }},
      {"corporation", "no invitation code", [](auto& r) { r.invitation_code.clear(); }},
      {"corporation", "neither",
       [](auto& r) {
         r.assessment_number.clear();
         r.invitation_code.clear();
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.form + ": " + c.label);
    auto r = request_for(c.form);
    c.change(r);
    auto d = decide(r, record_for(r));  // officer, known NEQ, matching form
    expect_messages(d.messages, {});
    EXPECT_FALSE(d.immediate);
    EXPECT_EQ(d.deferred_reason, "acc.deferred.missing_identifiers");
  }
}

TEST(AccEnrolment, ACC_02_MalformedIdentifierIsAnErrorButMissingOneOnlyDefers) {
  auto missing = corporation_request();
  missing.invitation_code = "";
  auto d1 = decide(missing, record_for(missing));
  expect_messages(d1.messages, {});
  EXPECT_EQ(d1.deferred_reason, "acc.deferred.missing_identifiers");

  auto malformed = corporation_request();
  malformed.invitation_code = "AB12";
  auto d2 = decide(malformed, record_for(malformed));
  expect_messages(d2.messages, {kInvitation});
  EXPECT_FALSE(d2.immediate);
  EXPECT_EQ(d2.deferred_reason, "");

  // A malformed identifier the legal form does not even ask for is still an error.
  auto sole = request_for("sole");
  sole.invitation_code = "nope";
  auto d3 = decide(sole, record_for(sole));
  expect_messages(d3.messages, {kInvitation});
}

TEST(AccEnrolment, ACC_02_IdentifierNotRequiredByTheFormMayBeGiven) {
  // A sole proprietor does not need an invitation code; giving a valid one does not hurt.
  auto r = request_for("sole");
  r.invitation_code = "AB12CD34";
  auto d = decide(r, record_for(r));
  expect_messages(d.messages, {});
  EXPECT_TRUE(d.immediate);
  // Nor does it need one: missing invitation code is fine.
  auto r2 = request_for("sole");
  ASSERT_TRUE(r2.invitation_code.empty());
  EXPECT_TRUE(decide(r2, record_for(r2)).immediate);
}

TEST(AccEnrolment, ACC_02_DeferralReasonsTakePrecedenceInOrder) {
  // has an RSE > unknown NEQ > legal form mismatch > missing identifiers > no secret on file or
  // identifiers mismatch > not an officer; the agent sees every reason, in that order.
  auto r = corporation_request();
  auto rec = record_for(r);  // both secrets on file
  r.invitation_code.clear();
  r.representative_surname = "Gagnon";
  EXPECT_EQ(decide(r, std::nullopt).deferred_reason, "acc.deferred.unknown_neq");
  EXPECT_EQ(decide(r, std::nullopt, true).deferred_reasons,
            (std::vector<std::string>{"acc.deferred.has_rse", "acc.deferred.unknown_neq"}));
  rec.legal_form = "sole";
  EXPECT_EQ(decide(r, rec).deferred_reason, "acc.deferred.legal_form_mismatch");
  rec.legal_form = "corporation";
  EXPECT_EQ(decide(r, rec).deferred_reasons,
            (std::vector<std::string>{"acc.deferred.missing_identifiers",
                                      "acc.deferred.not_an_officer"}));
  r.invitation_code = "AB12CD34";
  auto wrong = acc::decide_enrolment(r, rec, {{true, false}, false});
  EXPECT_EQ(wrong.deferred_reasons, (std::vector<std::string>{"acc.deferred.identifiers_mismatch",
                                                              "acc.deferred.not_an_officer"}));
  auto none = rec;
  none.assessment_number_on_file = none.invitation_code_on_file = false;
  EXPECT_EQ(decide(r, none).deferred_reason, "acc.deferred.no_secret_on_file");
  EXPECT_EQ(decide(r, rec).deferred_reason, "acc.deferred.not_an_officer");
  r.representative_surname = "Bégin";
  auto d = decide(r, rec);
  EXPECT_TRUE(d.immediate);
  EXPECT_EQ(d.deferred_reason, "");
  EXPECT_TRUE(d.deferred_reasons.empty());
}

TEST(AccEnrolment, ACC_03_RepresentativeMustDesignateAnRse) {
  struct Case {
    std::string label;
    std::function<void(acc::EnrolmentRequest&)> change;
    std::vector<Expected> messages;
  };
  const std::vector<Case> cases = {
      {"no RSE at all",
       [](auto& r) {
         r.rse_surname.clear();
         r.rse_given_name.clear();
         r.rse_email.clear();
       },
       {kRseSurname, kRseGiven, kRseEmail}},
      {"RSE without e-mail", [](auto& r) { r.rse_email.clear(); }, {kRseEmail}},
      {"RSE without surname", [](auto& r) { r.rse_surname.clear(); }, {kRseSurname}},
      {"RSE without given name", [](auto& r) { r.rse_given_name.clear(); }, {kRseGiven}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto r = corporation_request();
    c.change(r);
    auto d = decide(r, record_for(corporation_request()));
    expect_messages(d.messages, c.messages);
    EXPECT_FALSE(d.immediate);
  }
  // The representative may designate themself as RSE.
  auto r = corporation_request();
  r.rse_surname = r.representative_surname;
  r.rse_given_name = r.representative_given_name;
  r.rse_email = r.representative_email;
  auto d = decide(r, record_for(r));
  expect_messages(d.messages, {});
  EXPECT_TRUE(d.immediate);
}

// Seed 002 §3 (OBNL) and §4 (sociétés de personnes): "l'activation de votre inscription se fera en
// différé, sur réception des pièces justificatives". Issue 3 asked for immediate activation when
// an officer enrols with matching identifiers (its acceptance test enrols an OBNL that way);
// issue 11 makes the identifiers secrets the ministry holds. A nonprofit or partnership is
// activated at once only when the register holds a secret for it and it is given.
TEST(AccEnrolment, ACC_02_NonprofitOfficerIsImmediateOnlyWithASecretOnFile) {
  for (const std::string form : {"nonprofit", "partnership"}) {
    SCOPED_TRACE(form);
    auto r = request_for(form);  // officer, known NEQ, matching legal form, no identifier
    auto d = decide(r, record_for(r));
    expect_messages(d.messages, {});
    EXPECT_FALSE(d.immediate);
    EXPECT_EQ(d.deferred_reason, "acc.deferred.no_secret_on_file");
    r.invitation_code = "LUCI2026";
    auto with_secret = decide(r, record_for(r));
    EXPECT_TRUE(with_secret.immediate);
  }
}

// Issue 11 item 1: the officers' names and positions are public (the enterprise register); with
// them and well-formed but wrong identifiers, nothing is activated.
TEST(AccEnrolment, ACC_02_PublicRegisterDataWithWrongIdentifiersIsDeferred) {
  struct Case {
    std::string form, label;
    acc::IdentifierMatch matched;
  };
  const std::vector<Case> cases = {
      {"corporation", "both wrong", {false, false}},
      {"corporation", "assessment number wrong", {false, true}},
      {"corporation", "invitation code wrong", {true, false}},
      {"sole", "assessment number wrong", {false, false}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.form + ": " + c.label);
    auto r = request_for(c.form);
    auto rec = record_for(r);  // the officer as listed, secrets on file
    auto d = acc::decide_enrolment(r, rec, {c.matched, false});
    expect_messages(d.messages, {});
    EXPECT_FALSE(d.immediate);
    EXPECT_EQ(d.deferred_reason, "acc.deferred.identifiers_mismatch");
    EXPECT_EQ(d.deferred_reasons, std::vector<std::string>{"acc.deferred.identifiers_mismatch"});
  }
}

TEST(AccEnrolment, ACC_02_EverySecretOnFileMustBeGivenAndMatch) {
  struct Case {
    std::string label;
    bool assessment_on_file, invitation_on_file;
    acc::IdentifierMatch matched;
    bool immediate;
  };
  // A sole proprietor gives the assessment number; an invitation code on file must match too.
  const std::vector<Case> cases = {
      {"assessment on file, matched", true, false, {true, false}, true},
      {"both on file, both matched", true, true, {true, true}, true},
      {"both on file, invitation not given", true, true, {true, false}, false},
      {"invitation only on file (the form's assessment number cannot match)",
       false,
       true,
       {false, true},
       false},
      {"nothing on file", false, false, {false, false}, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto r = request_for("sole");
    auto rec = record_for(r);
    rec.assessment_number_on_file = c.assessment_on_file;
    rec.invitation_code_on_file = c.invitation_on_file;
    auto d = acc::decide_enrolment(r, rec, {c.matched, false});
    expect_messages(d.messages, {});
    EXPECT_EQ(d.immediate, c.immediate);
    if (!c.immediate) {
      EXPECT_EQ(d.deferred_reason, c.assessment_on_file || c.invitation_on_file
                                       ? "acc.deferred.identifiers_mismatch"
                                       : "acc.deferred.no_secret_on_file");
    }
  }
}

TEST(AccEnrolment, ACC_02_NoSecretOnFileIsNeverImmediate) {
  for (const std::string form : {"sole", "corporation", "nonprofit", "partnership"}) {
    SCOPED_TRACE(form);
    auto r = request_for(form);
    auto rec = record_for(r);
    rec.assessment_number_on_file = rec.invitation_code_on_file = false;
    // Even if a caller claimed a match, nothing on file proves control.
    auto d = acc::decide_enrolment(r, rec, {{true, true}, false});
    EXPECT_FALSE(d.immediate);
    EXPECT_EQ(d.deferred_reason, "acc.deferred.no_secret_on_file");
  }
}

// An entity that already has an RSE is never enrolled immediately again, even with every proof;
// the requester is told only that (nothing about whether the secrets matched), the agent sees all.
TEST(AccEnrolment, ACC_02_EntityWithAnRseIsAlwaysDeferred) {
  for (const std::string form : {"sole", "corporation", "nonprofit"}) {
    SCOPED_TRACE(form);
    auto r = request_for(form);
    if (form == "nonprofit") r.invitation_code = "AB12CD34";
    auto all_good = decide(r, record_for(r), /*has_rse=*/true);
    expect_messages(all_good.messages, {});
    EXPECT_FALSE(all_good.immediate);
    EXPECT_EQ(all_good.deferred_reason, "acc.deferred.has_rse");
    EXPECT_EQ(all_good.deferred_reasons, std::vector<std::string>{"acc.deferred.has_rse"});

    auto wrong = acc::decide_enrolment(r, record_for(r), {{false, false}, true});
    EXPECT_FALSE(wrong.immediate);
    EXPECT_EQ(wrong.deferred_reason, "acc.deferred.has_rse");
    EXPECT_EQ(
        wrong.deferred_reasons,
        (std::vector<std::string>{"acc.deferred.has_rse", "acc.deferred.identifiers_mismatch"}));
  }
}

TEST(AccEnrolment, ACC_02_AttemptsAreThrottledPerNeqAndPerAddress) {
  EXPECT_EQ(acc::kMaxEnrolmentsPerNeq, 5);
  EXPECT_EQ(acc::kMaxEnrolmentsPerAddress, 20);
  EXPECT_EQ(acc::kEnrolmentWindow, std::chrono::hours(1));
  struct Case {
    int neq, address;
    bool throttled;
  };
  const std::vector<Case> cases = {{0, 0, false}, {4, 0, false},  {5, 0, true},  {0, 19, false},
                                   {0, 20, true}, {4, 19, false}, {6, 25, true}, {100, 0, true}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.neq) + " per NEQ, " + std::to_string(c.address) + " per address");
    EXPECT_EQ(acc::enrolment_throttled(c.neq, c.address), c.throttled);
  }
}

TEST(AccEnrolment, ACC_02_OfficerUnderAnotherPositionWaits) {
  auto r = request_for("nonprofit");
  r.invitation_code = "AB12CD34";        // the secret on file, matched
  r.representative_role = "Trésorière";  // listed as Présidente
  auto d = decide(r, record_for(r));
  EXPECT_FALSE(d.immediate);
  EXPECT_EQ(d.deferred_reason, "acc.deferred.not_an_officer");
}
