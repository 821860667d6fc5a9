#pragma once
// MES: the request's life as ONE state machine (MES-09…13) — its statuses, the actions, the actors
// and the table of allowed transitions with who may make each. Everything else is refused with a
// reason (an i18n key) that the routes answer with 409. Pure: no database, no HTTP, no clock.
//
// Statuses, in the guide's words (seed 000 §3 « Vérification », §4, §7, §8):
//   Brouillon     (draft)        the provider fills it; the only status that may be deleted (§7)
//   Transmise     (transmitted)  « Une fois transmise, une demande ne peut plus être modifiée par
//   le
//                                SGEE » (§3); the ministry analyses it
//   Commentaires  (comments)     the ministry commented: the provider corrects the commented
//                                sections, ticks « Corrigé » and transmits again (§4.2)
//   Conforme      (conform)      « passé l'étape de l'analyse de la conformité » (§2)
//   Accordée / Refusée           the decision recorded (the guide: « une subvention relative à la
//                                MES a été accordée », « une précédente demande a été refusée »);
//                                listed with « Demandes conformes », where communications are read
//                                (§8)
//   Supprimée     (deleted)      final: « Une fois supprimée, une demande ne peut être réactivée »
//                                (§7); the store may as well remove the row
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mes/form_rules.hpp"
#include "mes/model.hpp"

namespace sgee::mes {

enum class Status { brouillon, transmise, commentaires, conforme, accordee, refusee, supprimee };
const std::vector<Status>& all_statuses();
std::string_view to_string(Status s);  // stored: "brouillon", "transmise", …
std::optional<Status> status_from(std::string_view s);
std::string status_key(Status s);  // i18n "mes.status.brouillon", …
// The provider's lists (MES-02, seed 000 §2): « Demandes en cours » = transmitted or waiting for
// correction; « Demandes brouillons »; « Demandes conformes » = conform or decided.
bool in_progress(Status s);
bool conform_list(Status s);

enum class Action {
  save,                  // Enregistrer / change of page: the answers or the attachments
  sign,                  // « Signer » (§6)
  transmit,              // « Transmettre » (§3 Vérification)
  delete_request,        // « Supprimer la demande » (§7)
  mark_corrected,        // tick « Corrigé » on a comment (§4.2)
  assign,                // the ministry assigns the request to an agent
  comment,               // the ministry sends its comments (§4.2)
  mark_conform,          // the ministry finds it conform (§2)
  grant,                 // the decision: hours per day and period
  refuse,                // the decision: refused, with the reason
  attach_communication,  // the ministry's letter (§8)
  read_communication,    // the provider opens it (§8)
};
const std::vector<Action>& all_actions();
std::string_view to_string(Action a);
std::optional<Action> action_from(std::string_view s);

// Who acts, as the routes establish it from the rights (access::Right) and the request's provider:
//   provider_reader  « Consulter les demandes MES » only
//   provider_editor  « Saisir dans les formulaires MES »
//   provider_signer  « Saisir dans les formulaires – Signatures » (MES-01)
//   bc_designated    the BC's person designated for home-based care, holding the signing right on
//                    the RSGE's request (MES-13: she fills, signs and transmits for the RSGE)
//   ministry_agent   the ministry
enum class Actor {
  provider_reader,
  provider_editor,
  provider_signer,
  bc_designated,
  ministry_agent
};
const std::vector<Actor>& all_actors();
std::string_view to_string(Actor a);

// One allowed transition: from a status, an action, by one of the actors, to a status.
struct Transition {
  Status from;
  Action action;
  Status to;
  std::vector<Actor> actors;
};
// THE table (one line per allowed (status, action)); anything not in it is refused.
const std::vector<Transition>& transitions();

struct Verdict {
  std::optional<Status> to;  // allowed: the status after
  Note reason;               // refused: "mes.sm.*" with {action} {status}
  bool allowed() const { return to.has_value(); }
};
// May `who` do `a` on a request of a provider of kind `k` in status `from`? Refusal reasons:
//   mes.sm.deleted             the request was deleted (final)
//   mes.sm.home_based_bc_only  a provider actor on a home-based (RSGE) request: the BC fills it
//   mes.sm.bc_only_home_based  the BC's designated person on an installation's request
//   mes.sm.read_only           a provider changing a transmitted / conform / decided request
//   mes.sm.delete_draft_only   deleting anything but a Brouillon
//   mes.sm.signing_right       sign or transmit without the signing right
//   mes.sm.editing_right       save, delete or tick « Corrigé » with the consult right only
//   mes.sm.ministry_only       a provider doing the ministry's part
//   mes.sm.provider_only       the ministry doing the provider's part
//   mes.sm.not_now             the action exists for the actor but not in that status
Verdict decide(Status from, Action a, Actor who, ProviderKind k);

// The sections the provider may change in a status (MES-09, MES-10): every page but the read-only
// identity, and the documents, in Brouillon; in Commentaires only the sections the ministry
// commented on (« seules les sections commentées rouvrent »); none otherwise.
std::vector<Section> editable_sections(Status s, const std::vector<Section>& commented);
// A save touching `section`: nullopt when allowed, else "mes.sm.section_closed" {section} (or the
// read-only reason of the status).
std::optional<Note> check_edit(Status s, Section section, const std::vector<Section>& commented);

// Two people editing one draft: a save carries the revision of the request it was typed on; when
// the request has changed since (another save), it is refused with "mes.sm.edited_meanwhile"
// rather than overwriting the other person's work. Revisions grow by one with every save.
std::optional<Note> check_revision(std::int64_t typed_on, std::int64_t current);

}  // namespace sgee::mes
