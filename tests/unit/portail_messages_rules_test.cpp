// Messaging's pure rules (issue 15, src/portail/messages_rules.*): who may start a thread with a
// parent (POR-03: a CPE or subsidized garderie learns a child's identity only once referred or
// admitted), what a message's body and subject may hold, and one e-mail notice per thread while
// messages wait.
#include <gtest/gtest.h>

#include "portail/messages_rules.hpp"

namespace {

using namespace sgee::portail;
namespace mr = sgee::portail::messages_rules;

std::string key_of(const std::optional<FieldError>& e) {
  return e ? e->field + ":" + e->key : "";
}

TEST(PortailMessagesRules, POR_03_ACpeOrGsIsWrittenToOnlyOnceItMayKnowTheChild) {
  struct Case {
    bool installation;
    const char* kind;
    bool identified;
    bool may;
  };
  const std::vector<Case> cases = {
      {true, "CPE", false, false}, {true, "CPE", true, true}, {true, "GS", false, false},
      {true, "gs", false, false},  {true, "GS", true, true},  {true, "GNS", false, true},
      {true, "GNS", true, true},   {false, "", false, true},  {false, "", true, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.kind) + (c.installation ? " installation" : " RSGE") +
                 (c.identified ? " identified" : " not identified"));
    EXPECT_EQ(mr::may_start_family(c.installation, c.kind, c.identified), c.may);
  }
}

TEST(PortailMessagesRules, BodyIsKeptAsTypedWithItsLineBreaksMadeOne) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Bonjour", "Bonjour"},
      {"a\r\nb", "a\nb"},
      {"a\rb", "a\nb"},
      {"a\n\nb", "a\n\nb"},
      {"  indenté\r\n\r\n", "  indenté\n\n"},
      {"<b>&amp;</b>", "<b>&amp;</b>"},  // escaped when shown, never changed
  };
  for (const auto& [typed, stored] : cases) EXPECT_EQ(mr::normalized_body(typed), stored);
}

TEST(PortailMessagesRules, BodyMustHoldTextOfAtMost5000Characters) {
  struct Case {
    std::string label, body, error;
  };
  const std::vector<Case> cases = {
      {"one letter", "a", ""},
      {"empty", "", "body:msg.err.empty"},
      {"spaces and line breaks only", " \n\t\n ", "body:msg.err.empty"},
      {"5,000 ASCII characters", std::string(5000, 'a'), ""},
      {"5,001 ASCII characters", std::string(5001, 'a'), "body:msg.err.too_long"},
      // Characters, not bytes: 5,000 accented letters are 10,000 bytes and are accepted.
      {"5,000 accented characters",
       [] {
         std::string s;
         for (int i = 0; i < 5000; ++i) s += "é";
         return s;
       }(),
       ""},
      {"5,001 accented characters",
       [] {
         std::string s;
         for (int i = 0; i < 5001; ++i) s += "é";
         return s;
       }(),
       "body:msg.err.too_long"},
      {"not UTF-8", std::string("a\xff"), "body:msg.err.invalid"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(key_of(mr::check_body(c.body)), c.error);
  }
}

TEST(PortailMessagesRules, SubjectIsOptionalAndAtMost150Characters) {
  EXPECT_EQ(key_of(mr::check_subject("")), "");
  EXPECT_EQ(key_of(mr::check_subject("Visite")), "");
  EXPECT_EQ(key_of(mr::check_subject(std::string(150, 'x'))), "");
  EXPECT_EQ(key_of(mr::check_subject("  " + std::string(150, 'x') + "  ")), "");
  EXPECT_EQ(key_of(mr::check_subject(std::string(151, 'x'))), "subject:msg.err.subject_too_long");
}

TEST(PortailMessagesRules, OneNoticePerThreadWhileMessagesWaitNeverToTheAuthor) {
  struct Case {
    bool notified, author, expected;
  };
  for (const auto& c : std::vector<Case>{
           {false, false, true}, {true, false, false}, {false, true, false}, {true, true, false}})
    EXPECT_EQ(mr::notify(c.notified, c.author), c.expected) << c.notified << c.author;
}

}  // namespace
