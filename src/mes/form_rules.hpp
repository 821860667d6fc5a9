#pragma once
// MES: the request form as data (MES-05), its page validators, the hours per day (MES-06), the
// versions' diff and the content hash a signature seals (MES-09). Pure: no database, no HTTP, no
// clock (today is a parameter).
//
// Seed 000 §3 « Demande de soutien »: section 1 identity (child from the Portail, provider from the
// register: read-only), 2 the child's situation, 3 accompaniment needs, 4 the typical day, and the
// summary. « Le SGEE doit fournir toutes les informations obligatoires (marquées d'un astérisque)
// d'une page pour pouvoir passer à la suivante »: check_section lists what stops a page.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mes/model.hpp"

namespace sgee::mes {

// The form's pages, then the two parts the ministry may also comment on (MES-10).
enum class Section { identity, situation, needs, typical_day, summary, documents };
const std::vector<Section>& form_sections();  // identity … summary, in page order
const std::vector<Section>& all_sections();   // and documents
std::string_view to_string(Section s);        // "identity", …, "documents"
std::optional<Section> section_from(std::string_view s);
std::string section_key(Section s);  // i18n "mes.section.identity", …
// The section a field id belongs to ("situation.impairment" -> situation), from its prefix.
std::optional<Section> section_of(std::string_view field_id);

enum class FieldType { read_only, text, textarea, date, integer, yes_no, time };

struct Field {
  std::string id;  // "situation.impairment"; its label is "mes.field.<id>"
  Section section = Section::situation;
  std::string subsection;  // section 3: "care", "mobility", …; else empty
  FieldType type = FieldType::text;
  bool required = false;  // the guide's asterisk
  // Required only when another field has this value: {"situation.integration_plan", "yes"}.
  std::optional<std::pair<std::string, std::string>> required_if;
  // At least one field of the group must be filled (section 2: « la déficience et/ou les
  // incapacités fonctionnelles et/ou comportementales »).
  std::string group;
  std::size_t max_length = 0;    // characters (text, textarea)
  int min = 0, max = 0;          // integer
  bool not_after_today = false;  // date
  std::string label_key() const { return "mes.field." + id; }
};

inline constexpr std::size_t kMaxShortText = 200;
inline constexpr std::size_t kMaxLongText = 4000;
inline constexpr std::size_t kMaxMoments = 24;
inline constexpr int kMaxMinutesPerDay = 8 * 60;  // « un maximum de huit heures … par jour »

// Section 3's sub-sections (« dans chaque sous-section, le caractère exceptionnel de la difficulté
// … par rapport aux autres enfants du même âge »; « activités de base et de soins … participation
// sociale »). The guide does not name the sub-sections: these five follow its words (basic
// activities and care, moving about, communication, social participation, behaviour). Each asks
// whether the difficulty is exceptional and, when it is, what it is and what extra support it
// needs. Ids: needs.<sub>.exceptional / .difficulty / .support.
const std::vector<std::string>&
needs_subsections();  // care, mobility, communication, social, behaviour

// Every field of the form (sections 1 to 4 and the summary), in page order. Section 4's moments
// repeat: their fields are moment_fields(), named "typical_day.moments.<n>.<name>" (n from 1) in
// notes and diffs.
const std::vector<Field>& form_fields();
const std::vector<Field>& moment_fields();  // typical_day.moment.start, .end, .transition, .label,
                                            // .needs, .actions (all required)
const Field* find_field(std::string_view id);
// The fields of one section, in page order.
std::vector<const Field*> fields_of(Section s);

// What stops a page: one note per missing or invalid field (field id + "mes.form.*" key):
//   required {label}; too_long {label} {max}; bad_text {label} (not UTF-8); bad_date {label};
//   date_in_future {label}; bad_number {label} {min} {max}; bad_choice {label}; bad_time {label};
//   end_before_start {label} (a moment's end not after its start); one_of_required {group};
//   no_exceptional_need (section 3 without any exceptional difficulty); no_moment (section 4
//   empty); too_many_moments {max}; hours over the maximum (check_hours).
// Read-only and computed fields are never typed: nothing to check. Unknown field ids are ignored
// (the routes keep only form_fields()).
std::vector<Note> check_section(Section s, const Answers& a, Date today);
// Every page's notes, in page order.
std::vector<Note> check_form(const Answers& a, Date today);

// ---- Hours per day (MES-06; seed 000 §3 section 4)
// --------------------------------------------------- The union of the moments' intervals [start,
// end) in minutes: overlapping moments count once. A moment without valid times, or ending at or
// before its start, counts for nothing (its page refuses it).
int union_minutes(const std::vector<Moment>& moments);
// "HH:MM" -> minutes since midnight.
std::optional<int> time_minutes(std::string_view hhmm);
// The parameters a note gives for a duration: {prefix}_fr "8 h 30" / "8 h", {prefix}_en "8:30".
std::vector<std::pair<std::string, std::string>> duration_params(const std::string& prefix,
                                                                 int minutes);
// The hours per day the request asks for: « le système reconduit le nombre d'heures … accordé »
// for a renewal without changes (the hours granted before); otherwise the typical day's union.
int requested_minutes(RequestType t, const std::vector<Moment>& moments,
                      std::optional<int> granted_before);
// MES-06 notes (field "typical_day"): "mes.hours.over_max" {hours_*} {max} when the typical day
// asks for more than 8 hours; "mes.hours.renewal_differs" {hours_*} {granted_*} when a renewal
// without changes asks for other hours than those granted (choose « avec changements »).
std::vector<Note> check_hours(RequestType t, const std::vector<Moment>& moments,
                              std::optional<int> granted_before);
// A renewal starts from the answers of the request it renews (sections 2 to 4 and the summary):
// « en se basant sur les demandes de décisions antérieures, le système reconduit … ». A transfer
// or a new request starts empty (another provider's answers are not the new provider's to read).
Answers prefill(RequestType t, const std::optional<Answers>& renewed);

// ---- Versions and diff (MES-10: what the ministry sees changed since the last transmission) -----
// Every value by field id, moments as "typical_day.moments.<n>.<name>"; empty values left out.
std::map<std::string, std::string> flatten(const Answers& a);
struct FieldChange {
  std::string field;          // field id
  std::string before, after;  // "" when absent
  bool operator==(const FieldChange&) const = default;
};
struct SectionChanges {
  Section section = Section::situation;
  std::vector<FieldChange> changes;  // in field-id order
};
// Per section (page order), the fields whose value differs; sections without change left out.
std::vector<SectionChanges> diff(const Answers& before, const Answers& after);

// Each transmission is a version (1, 2, …) holding the answers as transmitted.
struct Version {
  int number = 0;
  Answers answers;
};
// What the ministry sees changed: the last version against the one before it (empty for a first
// transmission). `versions` in any order.
std::vector<SectionChanges> changes_since_last_transmission(const std::vector<Version>& versions);

// SHA-256 (hex) of the request's content: its type, every answer and every attachment (nature and
// content hash), in a canonical order. A signature records it; any later change breaks it (MES-09).
std::string content_hash(RequestType t, const Answers& a, const std::vector<Attachment>& files);

}  // namespace sgee::mes
