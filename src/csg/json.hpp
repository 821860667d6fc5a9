#pragma once
// The sync API's JSON form of a dossier (spec/api.md): read with a CSG000E (API-01) finding for
// each value of the wrong type or format, naming its path; written back the same way.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csg/model.hpp"
#include "csg/rules.hpp"

namespace sgee::csg {

// A request body (or `sgee check` file) read as JSON. Not JSON, a whole-request error: bad syntax,
// invalid UTF-8, or a number too large for a double (1e999); `stopped_at` is the byte where
// reading stopped and `error` the parser's message. Nesting depth is not limited (the parser and
// the value's destructor are not recursive).
struct Body {
  std::optional<nlohmann::json> json;
  std::size_t stopped_at = 0;
  std::string error;
};
Body parse_body(std::string_view text);

struct ParsedDossier {
  Dossier dossier;
  std::vector<Finding> findings;  // API-01 (CSG000E, CSG150E-152E): the value at `field` was left out
  std::vector<Finding> tidied;    // what tidy_dossier corrected in the record read (A messages)
};
// The limits of one record (API-02, docs/api-limits.md). Past one, the reader notes the limit's
// code on the list and reads no further element of it; a schedule's days are read up to one past
// the longest pattern (4 weeks), which is enough for CSG065E.
struct RecordLimit {
  const char* list;  // the JSON list it counts
  size_t max;
  const char* code;
};
inline constexpr RecordLimit kMaxAgeBrackets{"age_brackets", 20, "CSG120E"};
inline constexpr RecordLimit kMaxCisssPeriods{"cisss_periods", 100, "CSG121E"};
inline constexpr RecordLimit kMaxEcpPeriods{"ecp_periods", 100, "CSG122E"};
inline constexpr RecordLimit kMaxHandicapPeriods{"handicap_periods", 100, "CSG123E"};
inline constexpr RecordLimit kMaxAgreements{"agreements", 200, "CSG124E"};
// All the agreements' special_schedules together; noted on the list where the count goes over.
inline constexpr RecordLimit kMaxSpecialSchedules{"special_schedules", 500, "CSG125E"};
inline constexpr size_t kMaxScheduleDays = 28;

// `j` is one element of the batch's "dossiers" array (any JSON value). The record read is tidied
// (tidy_dossier): what is checked and saved is the corrected record.
ParsedDossier parse_dossier(const nlohmann::json& j);

// The record's findings: what its reading noted (CSG000E) and what the rules say, except where a
// rule speaks of a value its reading already refused (the value was left out, not missing), and
// what the reading corrected.
std::vector<Finding> validate(const ParsedDossier& p, const Context& ctx);

// The bodies of PUT closing-days/{year} and PUT cisss-reservations, read the same way.
struct ParsedClosingDays {
  std::vector<ClosingDay> days;
  std::vector<Finding> findings;
};
ParsedClosingDays parse_closing_days(const nlohmann::json& body);
struct ParsedReservations {
  std::vector<Reservation> reservations;
  std::vector<Finding> findings;
};
ParsedReservations parse_reservations(const nlohmann::json& body);
std::uint8_t half_periods_of(const std::vector<std::string>& names, bool* ok);
std::uint8_t half_periods_in(const std::string& text, bool* ok);  // "AM PM S1"

// The messages of `findings` in the answer's form (code, severity, rule, field, agreement, text).
nlohmann::json messages_json(const std::vector<Finding>& findings, std::string_view lang);
// The text of one message of messages_json in `lang` (stored messages are in the sender's).
std::string message_text(const nlohmann::json& m, std::string_view lang);

nlohmann::json to_json(const Dossier& d);
// The same as to_json(d).dump(), byte for byte (keys in order, compact), written straight to text:
// the stored form of a dossier, computed for every record saved.
std::string to_json_text(const Dossier& d);
std::string schedule_day_text(std::uint8_t mask);  // "AM PM S1"
const char* to_string(Bracket b);                  // "0-17", "18-59", "school"

// One result of the answer: ref, status, necsg and its messages (messages_json).
nlohmann::json result_json(const std::string& ref, Status status, nlohmann::json messages,
                           const std::optional<std::string>& necsg);

}  // namespace sgee::csg
