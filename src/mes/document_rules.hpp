#pragma once
// MES: what a request must carry — the attachments (MES-07, seed 000 §3 « Documents à joindre » and
// §5.2) and the signatures (MES-08, seed 000 §3 « Résumé » and §5.1, §6), read from ONE table of
// requirements (data), and the automatic receivability check (MES-09, seed 000 §3 « Vérification »)
// that reads the form's rules and that table. The starred list of the attachments page, the
// signatures page of the print and the receivability check all read requirements().
// Pure: no database, no HTTP, no clock (today is a parameter). Whether a file really is a PDF of at
// most 10 MB is the upload's check, not these rules'.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mes/form_rules.hpp"
#include "mes/model.hpp"

namespace sgee::mes {

// ---- Document natures (« Nature du document », seed 000 §5.2)
// ---------------------------------------- Ids (their names are i18n "mes.nature.<id>"):
//   signed_form        the request form with its signatures page signed (« la case prévue pour le
//                      formulaire signé »)
//   integration_plan   the integration plan (« le plan d'intégration datant de moins d'un an »)
//   renewal_reasons    « Raison(s) justifiant le dépôt d'une demande de renouvellement avec
//                      changements (version 2025) », the prescribed form, signed by a parent or
//                      tutor and a professional recognized by the ministry
//   professional_report, individual_service_plan   accepted, never required (« Le rapport du
//                      professionnel et le plan de service individualisé ne sont pas requis »)
//   other              any other document
const std::vector<std::string>& natures();
bool known_nature(const std::string& id);
inline constexpr std::uint64_t kMaxAttachmentBytes = 10ull * 1024 * 1024;  // « 10 Mo » (§3, §5.2)

// ---- Signers (MES-08). The guide only says « les signatures demandées varient selon le type de
// demande et le type de SGEE » and sends to the « cadre de référence », which is not a seed. The
// table below follows what the guide does say (§6: « la direction du SGEE doit la signer »; §3: the
// Raison(s) form « doit être signé par un parent ou un tuteur ainsi que par un professionnel
// reconnu par le Ministère »; « Portée »: in home-based care « la personne désignée par le BC, en
// collaboration avec la RSGE et le parent ») and issue 16. Ids (i18n "mes.signer.<id>"):
//   direction          the provider's direction (CPE, GS): signs electronically (§6)
//   bc_designated      the BC's designated person (home-based care): signs electronically (MES-13)
//   rsge               the RSGE (home-based care), on paper
//   parent             a parent or tutor, on paper
//   professional       a professional recognized by the ministry, on paper (renewal with changes)
const std::vector<std::string>& signers();

// One line of the table: a document nature or a signer, required for some request types and
// provider kinds.
struct Requirement {
  enum class What { document, signature };
  What what = What::document;
  std::string id;                   // a nature or a signer
  std::vector<RequestType> types;   // empty: every type
  std::vector<ProviderKind> kinds;  // empty: every kind
  int count = 1;                    // attachments of that nature at least
  // A document that must also be attached under another nature with the same content: the
  // Raison(s) form « doit être joint deux fois, soit à la case prévue pour le formulaire signé et à
  // la case prévue pour le formulaire Raison(s) ».
  std::string also_as;
  // Only when the form's section 2 says an integration plan is applied (« Préciser si un plan
  // d'intégration est appliqué »): with none, there is no plan to attach.
  bool when_integration_plan = false;
  bool electronic = false;  // a signature given in sgee (the signing right), not on paper
  std::string source;       // where the line comes from: "seed 000 §3", "issue 16"
};
const std::vector<Requirement>& requirements();

bool applies(const Requirement& r, RequestType t, ProviderKind k);
// The documents required (starred) for a type and kind, in table order; `integration_plan` says
// whether the form's section 2 answered yes (unknown yet: starred).
std::vector<Requirement> required_documents(RequestType t, ProviderKind k,
                                            std::optional<bool> integration_plan = std::nullopt);
// Who signs, in table order (the signatures page of the print lists them).
std::vector<Requirement> required_signers(RequestType t, ProviderKind k);
// The signer who signs in sgee for that kind (holding the signing right): direction, or the BC's
// designated person in home-based care.
std::string electronic_signer(ProviderKind k);

// The integration plan is « datant de moins d'un an »: dated after the same day a year before
// today, and not after today.
bool integration_plan_recent(Date plan, Date today);

// The electronic signature recorded on the request (MES-09, §6).
struct Signature {
  bool signer_has_right = false;  // held the signing right on the request's organization
  std::string content_hash;       // content_hash() when it signed
};

// Everything the receivability check reads.
struct RequestFacts {
  RequestType type = RequestType::new_request;
  ProviderKind kind = ProviderKind::cpe;
  Answers answers;
  std::vector<Attachment> files;
  std::optional<int> granted_before;  // minutes per day granted by the decision renewed
  std::optional<Signature> signature;
  // The ministry's comments (status Commentaires): each must be ticked « Corrigé » (MES-10).
  int comments_not_corrected = 0;
};
// MES-09: every missing item, in the order of the pages, one note each:
//   the form's pages (check_form) and the hours (check_hours);
//   "mes.recv.missing_document" {nature} {count} {found}, field "documents";
//   "mes.recv.attach_twice" {nature} {also} when the Raison(s) form is not also under the signed
//   form; "mes.recv.plan_too_old" {date} when the integration plan date is a year old or more;
//   "mes.recv.unknown_nature" {nature} for an attachment of no known nature;
//   "mes.recv.not_signed", "mes.recv.signer_without_right", "mes.recv.changed_since_signed";
//   "mes.recv.comments_not_corrected" {count}.
// Empty: the request may be transmitted.
std::vector<Note> receivability(const RequestFacts& f, Date today);

}  // namespace sgee::mes
