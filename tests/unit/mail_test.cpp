// E-mail composition (src/platform/mail.hpp): headers, UTF-8 subjects as RFC 2047 words, the
// body in base64 lines, no header injection, and the RFC 5322 date.
#include "platform/mail.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace mail = sgee::mail;

namespace {

std::string unbase64(const std::string& s) {
  std::string out(s.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(),
                        s.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "<invalid>";
  out.resize(len);
  return out;
}

std::string header(const std::string& message, const std::string& name) {
  auto pos = message.find("\r\n" + name + ": ");
  if (message.starts_with(name + ": "))
    pos = 0;
  else if (pos == std::string::npos)
    return "";
  else
    pos += 2;
  pos += name.size() + 2;
  std::string out;
  // Folded lines (CRLF + space) belong to the header.
  for (auto end = message.find("\r\n", pos);; end = message.find("\r\n", pos)) {
    out += message.substr(pos, end - pos);
    if (message[end + 2] != ' ') break;
    pos = end + 2;
  }
  return out;
}

}  // namespace

TEST(Mail, ComposesHeadersAndABase64Body) {
  std::string body = "Bonjour,\n\nVoici le lien : https://sgee.example/x?jeton=abc\n" +
                     std::string(200, 'e') + "\n";
  auto m = mail::compose({"sgee <no-reply@sgee.example>", "parent@example.test", "Bienvenue", body},
                         "Mon, 23 Nov 2026 14:05:09 +0000", "<abc@sgee.localhost>");
  EXPECT_EQ(header(m, "From"), "sgee <no-reply@sgee.example>");
  EXPECT_EQ(header(m, "To"), "parent@example.test");
  EXPECT_EQ(header(m, "Subject"), "Bienvenue");
  EXPECT_EQ(header(m, "Date"), "Mon, 23 Nov 2026 14:05:09 +0000");
  EXPECT_EQ(header(m, "Message-ID"), "<abc@sgee.localhost>");
  EXPECT_EQ(header(m, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header(m, "Content-Transfer-Encoding"), "base64");
  auto blank = m.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  std::string encoded = m.substr(blank + 4);
  for (size_t start = 0, end; (end = encoded.find("\r\n", start)) != std::string::npos;
       start = end + 2)
    EXPECT_LE(end - start, 76u) << "line length";
  EXPECT_EQ(unbase64(encoded), body);
}

TEST(Mail, NonAsciiSubjectsAreEncodedWordsThatNeverSplitACharacter) {
  std::string subject =
      "Confirmez votre adresse — Ministère de la Famille, services de garde éducatifs à l'enfance";
  auto m = mail::compose({"a@b.c", "d@e.f", subject, "x"}, "date", "<id>");
  std::string value = header(m, "Subject");
  std::string decoded;
  size_t pos = 0, words = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    auto end = value.find("?=", pos + 10);
    std::string word = unbase64(value.substr(pos + 10, end - pos - 10));
    EXPECT_LE(end + 2 - pos, 75u) << "an encoded word is at most 75 characters";
    // Each word is valid UTF-8 on its own.
    EXPECT_EQ(word.find("\xE2\x80"), word.rfind("\xE2\x80"));
    decoded += word;
    pos = end + 2;
    ++words;
  }
  EXPECT_GT(words, 1u);
  EXPECT_EQ(decoded, subject);
}

TEST(Mail, LineBreaksInHeaderValuesCannotAddHeaders) {
  auto m = mail::compose(
      {"a@b.c", "d@e.f\r\nBcc: everyone@example.test", "Hi\r\nBcc: x@example.test", "x"}, "date",
      "<id>");
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos) << m;
}

TEST(Mail, DateAndAddresses) {
  using namespace std::chrono;
  EXPECT_EQ(
      mail::rfc5322_date(sys_days{year{2026} / 11 / 23} + hours{14} + minutes{5} + seconds{9}),
      "Mon, 23 Nov 2026 14:05:09 +0000");
  EXPECT_EQ(mail::rfc5322_date(sys_days{year{2024} / 2 / 29}), "Thu, 29 Feb 2024 00:00:00 +0000");
  EXPECT_EQ(mail::address_of("sgee <no-reply@sgee.example>"), "no-reply@sgee.example");
  EXPECT_EQ(mail::address_of(" parent@example.test "), "parent@example.test");
}

TEST(Mail, SenderRefusesAnythingButSmtpUrls) {
  EXPECT_THROW(mail::SmtpSender("http://127.0.0.1:25"), std::invalid_argument);
  EXPECT_THROW(mail::SmtpSender("127.0.0.1:25"), std::invalid_argument);
  EXPECT_NO_THROW(mail::SmtpSender("smtp://127.0.0.1:25"));
}
