#include "access/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <memory>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::access::totp {
namespace {

struct LibOath {
  LibOath() {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath: initialisation failed");
  }
};

void ensure_init() {
  static LibOath once;
}

// The raw key of a base32 secret, or "" when it is not valid base32.
std::string decode(const std::string& secret) {
  ensure_init();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &out, &len) != OATH_OK) return "";
  std::unique_ptr<char, decltype(&free)> guard(out, &free);
  return std::string(out, len);
}

}  // namespace

std::string new_secret() {
  ensure_init();
  unsigned char key[20];
  randombytes_buf(key, sizeof key);
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(key), sizeof key, &out, &len) != OATH_OK)
    throw std::runtime_error("liboath: base32 encoding failed");
  std::unique_ptr<char, decltype(&free)> guard(out, &free);
  return std::string(out, len);
}

std::string code_at(const std::string& secret, std::int64_t unix_seconds) {
  std::string key = decode(secret);
  if (key.empty()) return "";
  char otp[kDigits + 1] = {};
  if (oath_totp_generate(key.data(), key.size(), static_cast<time_t>(unix_seconds), kStepSeconds,
                         OATH_TOTP_DEFAULT_START_TIME, kDigits, otp) != OATH_OK)
    return "";
  return otp;
}

std::optional<std::int64_t> matching_step(const std::string& secret, std::string_view code,
                                          std::int64_t unix_seconds) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != static_cast<size_t>(kDigits)) return std::nullopt;
  std::string key = decode(secret);
  if (key.empty()) return std::nullopt;
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(unix_seconds),
                               kStepSeconds, OATH_TOTP_DEFAULT_START_TIME, kWindow, &position,
                               &counter, digits.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string uri(const std::string& secret, const std::string& account, const std::string& issuer) {
  return "otpauth://totp/" + text::url_encode(issuer) + ":" + text::url_encode(account) +
         "?secret=" + secret + "&issuer=" + text::url_encode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kDigits) +
         "&period=" + std::to_string(kStepSeconds);
}

std::string grouped(const std::string& secret) {
  std::string out;
  for (size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(secret[i]);
  }
  return out;
}

}  // namespace sgee::access::totp
