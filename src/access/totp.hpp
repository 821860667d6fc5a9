#pragma once
// Time-based one-time passwords (RFC 6238, liboath): 6 digits, 30-second steps, SHA-1, the
// parameters every authenticator app uses. Pure: the time is a parameter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgee::access::totp {

inline constexpr int kStepSeconds = 30;
inline constexpr int kDigits = 6;
// Codes one step either side of now are accepted: a phone's clock may be a little off.
inline constexpr int kWindow = 1;

// A new secret: 20 random bytes, in base32 (32 characters, what authenticator apps take).
std::string new_secret();
// The code for `secret` at `unix_seconds`; "" when the secret is not valid base32.
std::string code_at(const std::string& secret, std::int64_t unix_seconds);
// The time step (unix_seconds / 30) of the code `code` matches within the window around
// `unix_seconds`, or nothing. Spaces in `code` are ignored ("123 456").
std::optional<std::int64_t> matching_step(const std::string& secret, std::string_view code,
                                          std::int64_t unix_seconds);
// The otpauth:// address a QR code carries to set up an app.
std::string uri(const std::string& secret, const std::string& account, const std::string& issuer);
// The secret in groups of four, to type by hand.
std::string grouped(const std::string& secret);

}  // namespace sgee::access::totp
