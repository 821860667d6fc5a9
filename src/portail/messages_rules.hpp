#pragma once
// Messaging's pure rules (issue 15): who may write to whom, what a message may hold, when a reader
// is told by e-mail. No database, no HTTP, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "portail/family_rules.hpp"

namespace sgee::portail::messages_rules {

inline constexpr size_t kMaxBody = 5000;    // characters (code points)
inline constexpr size_t kMaxSubject = 150;  // characters

// A thread between a parent and a provider about a child who chose it (or was admitted there)
// may start only when the provider may know who the child is (POR-03, reserve_rules): an RSGE or
// a non-subsidized garderie (GNS) sees its réserve and may be written to at once; a CPE or a
// subsidized garderie (GS) only once the child is referred to it or admitted there, before that
// the parent has no "Écrire au service" and the provider no "Écrire au parent". A thread once
// started stays readable and open to replies on both sides (the provider knew the child then).
bool may_start_family(bool installation, std::string_view installation_kind, bool identified);

// A message's body as stored: line breaks "\r\n" and "\r" made "\n", everything else as typed.
std::string normalized_body(std::string_view typed);
// The body's refusal, naming the field "body": empty (only spaces and line breaks) →
// msg.err.empty; more than kMaxBody characters → msg.err.too_long; not UTF-8 → msg.err.invalid.
// Give it normalized.
std::optional<FieldError> check_body(std::string_view body);
// The subject typed when a thread starts (field "subject"): trimmed; empty means the default;
// more than kMaxSubject characters → msg.err.subject_too_long.
std::optional<FieldError> check_subject(std::string_view subject);

// At most one e-mail notice per thread and reader while unread messages wait: a reader is told
// when a new message finds no notice already sent for the messages waiting (their row's
// `notified`), and never told of their own message.
bool notify(bool already_notified, bool is_author);

}  // namespace sgee::portail::messages_rules
