// Unit tests for the identifier formats and ACC-01 (src/access/rules.hpp, src/access/model.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "access/model.hpp"
#include "access/rules.hpp"

namespace acc = sgee::access;

namespace {

struct FormatCase {
  std::string input;
  bool valid;
};

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// Unicode digits whose UTF-8 byte length equals the expected ASCII length, so that only the
// "ASCII digits" part of the rule can refuse them.
const std::string kArabicIndic4 = "\xD9\xA0\xD9\xA1\xD9\xA2\xD9\xA3";  // ٠١٢٣: 4 chars, 8 bytes
const std::string kArabicIndic5 = kArabicIndic4 + "\xD9\xA4";          // 5 chars, 10 bytes
const std::string kArabicIndic3 = "\xD9\xA0\xD9\xA1\xD9\xA2";          // 3 chars, 6 bytes
const std::string kFullwidth8 =
    "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"   // １２３４
    "\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97\xEF\xBC\x98";  // ５６７８
const std::string kSuperscriptTwo = "\xC2\xB2";          // ², 2 bytes

}  // namespace

TEST(AccIdentifierFormats, ValidOrgNumberIsExactlyEightAsciiDigits) {
  const std::vector<FormatCase> cases = {
      {"12345678", true},
      {"00000000", true},
      {"99999999", true},
      {"", false},
      {"1234567", false},
      {"123456789", false},
      {"1234567a", false},
      {"A2345678", false},
      {" 12345678", false},
      {"12345678 ", false},
      {"1234 5678", false},
      {"1234 567", false},
      {"1234-567", false},
      {"+1234567", false},
      {"-1234567", false},
      {"1234567.", false},
      {std::string("1234567\0", 8), false},
      {kArabicIndic4, false},
      {kSuperscriptTwo + "123456", false},
      {kFullwidth8, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("org number '" + printable(c.input) + "'");
    EXPECT_EQ(acc::valid_org_number(c.input), c.valid);
  }
}

TEST(AccIdentifierFormats, ValidNeqIsExactlyTenAsciiDigits) {
  const std::vector<FormatCase> cases = {
      {"1234567890", true},   {"1140000000", true},
      {"0000000000", true},   {"", false},
      {"123456789", false},   {"12345678901", false},
      {"123456789O", false},  // letter O, not zero
      {"12345 67890", false}, {"1234 67890", false},
      {" 1234567890", false}, {"1234567890 ", false},
      {"1234-56789", false},  {"NEQ1234567", false},
      {kArabicIndic5, false}, {kSuperscriptTwo + "12345678", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("NEQ '" + printable(c.input) + "'");
    EXPECT_EQ(acc::valid_neq(c.input), c.valid);
  }
}

TEST(AccIdentifierFormats, ValidInvitationCodeIsEightAsciiLettersOrDigits) {
  const std::vector<FormatCase> cases = {
      {"AB12CD34", true},
      {"ab12cd34", true},
      {"ABCDEFGH", true},
      {"abcdefgh", true},
      {"12345678", true},
      {"Zz09Zz09", true},
      {"", false},
      {"AB12CD3", false},
      {"AB12CD345", false},
      {"AB12 D34", false},
      {"AB12CD3 ", false},
      {" B12CD34", false},
      {"AB12-D34", false},
      {"AB12_D34", false},
      {"AB12.D34", false},
      {"\xC3\x89"
       "B12CD3",
       false},  // É + 6: 7 characters, 8 bytes
      {"\xC3\xA9"
       "B12CD3",
       false},  // é + 6
      {kArabicIndic4, false},
      {kFullwidth8, false},
      {std::string("AB12CD3\0", 8), false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("invitation code '" + printable(c.input) + "'");
    EXPECT_EQ(acc::valid_invitation_code(c.input), c.valid);
  }
}

TEST(AccIdentifierFormats, ValidAssessmentNumberIsSixToTwelveAsciiDigits) {
  std::vector<FormatCase> cases = {
      {"", false},
      {"1", false},
      {"12345", false},
      {"12345a", false},
      {"a23456", false},
      {"123 456", false},
      {" 123456", false},
      {"123456 ", false},
      {"123-456", false},
      {"1234567890123", false},
      {"12345678901234567890", false},
      {kArabicIndic3, false},  // 3 characters, 6 bytes
      {kArabicIndic4 + "1234", false},
      {kSuperscriptTwo + "12345", false},
  };
  for (size_t n = 6; n <= 12; ++n) {
    std::string digits;
    for (size_t i = 0; i < n; ++i) digits.push_back(static_cast<char>('0' + (i + 1) % 10));
    cases.push_back({digits, true});
    cases.push_back({digits.substr(0, n - 1) + "x", false});
  }
  for (const auto& c : cases) {
    SCOPED_TRACE("assessment number '" + printable(c.input) + "'");
    EXPECT_EQ(acc::valid_assessment_number(c.input), c.valid);
  }
}

// Seed 002: sole proprietor gives the Revenu Québec number and the last notice of assessment;
// a corporation adds the invitation number; OBNL and partnerships give only the NEQ.
TEST(AccRequiredIdentifiers, ACC_01_EachLegalFormRequiresItsIdentifiers) {
  struct Case {
    acc::LegalForm form;
    bool assessment_number;
    bool invitation_code;
  };
  const std::vector<Case> cases = {
      {acc::LegalForm::sole, true, false},
      {acc::LegalForm::corporation, true, true},
      {acc::LegalForm::nonprofit, false, false},
      {acc::LegalForm::partnership, false, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(acc::to_string(c.form)));
    auto req = acc::required_identifiers(c.form);
    EXPECT_EQ(req.assessment_number, c.assessment_number);
    EXPECT_EQ(req.invitation_code, c.invitation_code);
  }
}

TEST(AccRequiredIdentifiers, ACC_01_LegalFormNamesRoundTrip) {
  const std::vector<std::pair<acc::LegalForm, std::string>> forms = {
      {acc::LegalForm::sole, "sole"},
      {acc::LegalForm::corporation, "corporation"},
      {acc::LegalForm::nonprofit, "nonprofit"},
      {acc::LegalForm::partnership, "partnership"},
  };
  for (const auto& [form, name] : forms) {
    SCOPED_TRACE(name);
    EXPECT_EQ(acc::to_string(form), name);
    ASSERT_TRUE(acc::legal_form_from(name).has_value());
    EXPECT_EQ(*acc::legal_form_from(name), form);
  }
  for (const std::string bad :
       {"", "Sole", "CORPORATION", " nonprofit", "partnership ", "obnl", "société"}) {
    SCOPED_TRACE("bad legal form '" + bad + "'");
    EXPECT_FALSE(acc::legal_form_from(bad).has_value());
  }
}
