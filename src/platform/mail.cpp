#include "platform/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::mail {
namespace {

std::string base64(std::string_view data) {
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f) return false;
  return true;
}

// Header values never carry a line break (no header injection from a subject or address).
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

// RFC 2047: "=?UTF-8?B?…?=" words of at most 45 bytes of text each (75 characters), never
// splitting a UTF-8 character.
std::string encoded_words(const std::string& s) {
  std::string out, chunk;
  for (auto cp : text::code_points(s)) {
    if (chunk.size() + cp.size() > 45) {
      out += (out.empty() ? "" : "\r\n ") + ("=?UTF-8?B?" + base64(chunk) + "?=");
      chunk.clear();
    }
    chunk += cp;
  }
  if (!chunk.empty() || out.empty())
    out += (out.empty() ? "" : "\r\n ") + ("=?UTF-8?B?" + base64(chunk) + "?=");
  return out;
}

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* pending = static_cast<std::string_view*>(user);
  size_t n = std::min(size * count, pending->size());
  std::memcpy(buffer, pending->data(), n);
  pending->remove_prefix(n);
  return n;
}

}  // namespace

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string address_of(const std::string& mailbox) {
  auto open = mailbox.rfind('<');
  auto close = mailbox.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return mailbox.substr(open + 1, close - open - 1);
  return std::string(text::trim(mailbox));
}

std::string compose(const Message& m, const std::string& date, const std::string& message_id) {
  std::string subject = one_line(m.subject);
  std::string out;
  out += "From: " + one_line(m.from) + "\r\n";
  out += "To: " + one_line(m.to) + "\r\n";
  out += "Subject: " + (plain_ascii(subject) ? subject : encoded_words(subject)) + "\r\n";
  out += "Date: " + one_line(date) + "\r\n";
  out += "Message-ID: " + one_line(message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string body = base64(m.body);
  for (size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

struct SmtpSender::Impl {
  CURL* curl = nullptr;
  std::string url;
  std::chrono::seconds timeout;
};

SmtpSender::SmtpSender(std::string url, std::chrono::seconds timeout)
    : impl_(std::make_unique<Impl>()) {
  static const bool global = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!global) throw std::runtime_error("libcurl: initialisation failed");
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://"))
    throw std::invalid_argument(
        "--smtp: expected smtp://host[:port] or smtps://host[:port], got '" +
        text::redact_url(url) + "'");
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("libcurl: no handle");
  impl_->url = std::move(url);
  impl_->timeout = timeout;
}

SmtpSender::~SmtpSender() {
  if (impl_ && impl_->curl) curl_easy_cleanup(impl_->curl);
}

std::optional<std::string> SmtpSender::send(const Message& m) {
  CURL* curl = impl_->curl;
  std::string message = compose(m, rfc5322_date(std::chrono::system_clock::now()),
                                "<" + text::random_hex(16) + "@sgee.localhost>");
  std::string_view pending = message;
  std::string from = "<" + address_of(m.from) + ">";
  std::string to = "<" + address_of(m.to) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, impl_->url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &pending);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(impl_->timeout.count()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  if (rc == CURLE_OK) return std::nullopt;
  std::string why = error[0] ? error : curl_easy_strerror(rc);
  // The server, not this message: no other message would go either.
  if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
      rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_LOGIN_DENIED || rc == CURLE_SSL_CONNECT_ERROR ||
      rc == CURLE_PEER_FAILED_VERIFICATION)
    throw Unreachable(text::redact_url(impl_->url) + ": " + why);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  if (code) why += " (SMTP " + std::to_string(code) + ")";
  return why;
}

}  // namespace sgee::mail
