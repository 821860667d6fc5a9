#pragma once
// MES (mesure exceptionnelle de soutien à l'intégration en service de garde, issue 16): the types
// the pure rules of src/mes/*_rules work on. No database, no HTTP, no clock.
//
// Sources: seed 000 (the providers' guide of the real e-service, French: the final word) and the
// rules MES-01…13 of spec/domain.md. Where they differ, the seed wins and the rule says so.
// Read side by side, domain.md summarizes the seed without contradicting it; what the seed adds
// (the Raison(s) form signed by a parent and a recognized professional, the integration plan less
// than a year old, the professional's report and the individualized plan not required) is followed.
// Where issue 16 or the brief goes beyond the seed, the seed still wins: a GNS may not request the
// MES (the guide addresses CPE, GS and BC only, see ProviderKind), and the signatures table is ours
// (the guide sends to the « cadre de référence », see document_rules.hpp).
//
// What a rule tells the user is a Note: an i18n key under "mes." with its parameters (filled into
// the catalog's "{name}" placeholders by the page; a value that is itself a "mes." key is
// translated first) and, for a form, the field it concerns.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/date.hpp"

namespace sgee::mes {

using dates::Date;

struct Note {
  std::string key;                                          // "mes.prereq.no_agreement"
  std::vector<std::pair<std::string, std::string>> params;  // {"date", "2026-04-01"}
  std::string field;                                        // a form field id, or empty
  bool operator==(const Note&) const = default;
};
// The value of parameter `name`, or "" when the note has none.
std::string param(const Note& n, std::string_view name);

// Seed 000 §3 « Type de la demande » (MES-04).
enum class RequestType { new_request, renewal_without_changes, renewal_with_changes, transfer };
const std::vector<RequestType>& all_request_types();
std::string_view to_string(
    RequestType t);  // stable: "new", "renewal", "renewal_changes", "transfer"
std::optional<RequestType> request_type_from(std::string_view s);
std::string type_key(RequestType t);  // i18n: "mes.type.new", …

// The provider the request is for. Seed 000 « Portée du guide »: CPE and GS (installations) and,
// in home-based care, the BC for a child at one of its RSGE (MES-13). A non-subsidized garderie
// (GNS) is not in the guide: the MES goes with the AISG of subsidized care, so a GNS may not
// request it (prerequisites) — it stays a kind so that the tables can say so.
enum class ProviderKind { cpe, gs, gns, rsge };
const std::vector<ProviderKind>& all_provider_kinds();
std::string_view to_string(ProviderKind k);  // "cpe", "gs", "gns", "rsge"
std::optional<ProviderKind> provider_kind_from(std::string_view s);
// From the register: an RSGE, or an installation's kind "CPE" / "GS" / "GNS".
std::optional<ProviderKind> provider_kind_of(bool rsge, std::string_view installation_kind);
bool eligible(ProviderKind k);  // CPE, GS, RSGE

// One moment of the typical day (seed 000 §3, section 4), as typed.
struct Moment {
  std::string start, end;  // "HH:MM"
  std::string transition;  // "yes" / "no" / "" (not answered)
  std::string label;       // "Arrivée", "Repas du midi", …
  std::string needs;       // the child's particular needs or behaviours
  std::string actions;     // the adapted actions of the accompanying person
  bool operator==(const Moment&) const = default;
};

// The form's answers (sections 2 to 4 and the summary: section 1 is read from the Portail and
// the register, never typed). `fields` by field id (form_rules.hpp), every value as typed.
struct Answers {
  std::map<std::string, std::string> fields;
  std::vector<Moment> moments;
  std::string get(const std::string& id) const {
    auto it = fields.find(id);
    return it == fields.end() ? std::string() : it->second;
  }
  bool operator==(const Answers&) const = default;
};

// A file attached to a request (seed 000 §5.2): its nature (document_rules.hpp) and the SHA-256 of
// its content, which tells two attachments of the same document apart from two documents.
struct Attachment {
  std::string nature;  // "signed_form", "integration_plan", …
  std::string sha256;  // hex
};

}  // namespace sgee::mes
