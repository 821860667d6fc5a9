#pragma once
// E-mail out: RFC 5322 messages (UTF-8 subjects and bodies, safe for any SMTP server) and their
// delivery over SMTP with libcurl (smtp:// or smtps://, STARTTLS when the server offers it).
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace sgee::mail {

struct Message {
  std::string from, to, subject, body;
};

// The message as sent: headers (Subject as an RFC 2047 encoded word when not ASCII), then the
// body in base64 lines of 76 characters. `date` is an RFC 5322 date, `message_id` "<…@…>".
std::string compose(const Message& m, const std::string& date, const std::string& message_id);
// "Mon, 23 Nov 2026 14:05:09 +0000"
std::string rfc5322_date(std::chrono::system_clock::time_point t);
// The address inside "Name <addr>", or the whole text.
std::string address_of(const std::string& mailbox);

// The server cannot be reached or refuses us (connection, TLS, authentication, time-out).
struct Unreachable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SmtpSender {
 public:
  // `url`: smtp://host[:port] or smtps://host[:port], with user:password@ for AUTH if needed.
  explicit SmtpSender(std::string url, std::chrono::seconds timeout = std::chrono::seconds(30));
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;
  // Sends one message (reusing the connection): nothing when the server took it, else why it
  // refused this message. Throws Unreachable when no message could go.
  std::optional<std::string> send(const Message& m);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sgee::mail
