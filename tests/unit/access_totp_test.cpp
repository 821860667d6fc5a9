// TOTP (src/access/totp.hpp) against the test vectors of RFC 6238 appendix B (SHA-1 key
// "12345678901234567890", the last 6 of the 8 digits), the window and the input it refuses.
#include "access/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace totp = sgee::access::totp;

namespace {
const std::string kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // base32 of "1234567890" x2
}

TEST(Totp, CodesMatchTheRfc6238TestVectors) {
  struct Case {
    std::int64_t time;
    const char* code;
  };
  for (const auto& c :
       {Case{59, "287082"}, Case{1111111109, "081804"}, Case{1111111111, "050471"},
        Case{1234567890, "005924"}, Case{2000000000, "279037"}, Case{20000000000, "353130"}}) {
    SCOPED_TRACE(c.time);
    EXPECT_EQ(totp::code_at(kRfcSecret, c.time), c.code);
  }
}

TEST(Totp, MatchingStepAcceptsOneStepEitherSideAndNoMore) {
  const std::int64_t t = 1234567890, step = t / 30;
  const std::string code = totp::code_at(kRfcSecret, t);
  EXPECT_EQ(totp::matching_step(kRfcSecret, code, t), step);
  EXPECT_EQ(totp::matching_step(kRfcSecret, code, t + 30), step);  // the phone is a little behind
  EXPECT_EQ(totp::matching_step(kRfcSecret, code, t - 30), step);  // or a little ahead
  EXPECT_EQ(totp::matching_step(kRfcSecret, code, t + 90), std::nullopt);
  EXPECT_EQ(totp::matching_step(kRfcSecret, code, t - 90), std::nullopt);
}

TEST(Totp, MatchingStepRefusesMalformedCodesAndSecrets) {
  const std::int64_t t = 1234567890;
  EXPECT_EQ(totp::matching_step(kRfcSecret, "005 924", t), t / 30);  // spaces are fine
  for (const char* bad : {"", "00592", "0059244", "00592a", "-05924", "005924\n", "٠٠٥٩٢٤"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(totp::matching_step(kRfcSecret, bad, t), std::nullopt);
  }
  EXPECT_EQ(totp::matching_step("not base32!", "005924", t), std::nullopt);
  EXPECT_EQ(totp::code_at("not base32!", t), "");
  EXPECT_EQ(totp::matching_step(kRfcSecret, totp::code_at(kRfcSecret, t + 3600), t), std::nullopt);
}

TEST(Totp, NewSecretsAreBase32Of20RandomBytes) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto s = totp::new_secret();
    ASSERT_EQ(s.size(), 32u) << s;
    EXPECT_EQ(s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos) << s;
    EXPECT_EQ(totp::code_at(s, 0).size(), 6u);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Totp, UriAndGroupedKeyAreWhatAuthenticatorAppsRead) {
  EXPECT_EQ(totp::uri("ABCDEFGH", "E0000001", "sgee"),
            "otpauth://totp/sgee:E0000001?secret=ABCDEFGH&issuer=sgee&algorithm=SHA1&digits=6&"
            "period=30");
  EXPECT_EQ(totp::uri("ABCD", "a b@c", "sgee"),
            "otpauth://totp/sgee:a%20b%40c?secret=ABCD&issuer=sgee&algorithm=SHA1&digits=6&"
            "period=30");
  EXPECT_EQ(totp::grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
}
