#pragma once
// MES: before the form — reference years, prerequisites (MES-03) and the request's type (MES-04).
// Pure: no database, no HTTP, no clock (today is a parameter).
#include <cstdint>
#include <optional>
#include <vector>

#include "mes/model.hpp"

namespace sgee::mes {

// ---- Reference years (seed 000 §3 « année de référence »; domain.md OCC-05)
// ---------------------- A reference year runs from 1 April to 31 March; it is named by the year it
// starts in (2026 = 2026-04-01 … 2027-03-31). Computed by occupation's reference_year_of (the same
// years).
struct RefYear {
  int start_year = 0;
  auto operator<=>(const RefYear&) const = default;
  Date first() const;  // 1 April
  Date last() const;   // 31 March of the next year
  RefYear previous() const { return {start_year - 1}; }
  RefYear next() const { return {start_year + 1}; }
  bool contains(Date d) const { return first() <= d && d <= last(); }
};
RefYear reference_year(Date d);

// ---- Prerequisites (MES-03; seed 000 §3 « Avant de créer une demande » and « Identité de l'enfant
// ») A span of days; a missing bound is open.
struct Span {
  std::optional<Date> start, end;
  bool covers(Date d) const { return (!start || *start <= d) && (!end || d <= *end); }
};
// The last synchronisation of the child's dossier at that installation (Portail / registry).
enum class SyncState { never, pending, rejected, accepted };
// What the store knows of the child at the installation asked for.
struct PrerequisiteFacts {
  ProviderKind kind = ProviderKind::cpe;
  // The child's service agreements at that installation (ended: their termination, else their
  // end), signed ones only.
  std::vector<Span> agreements;
  // The child's handicap periods (AISG) declared at that installation.
  std::vector<Span> aisg_periods;
  // « les documents requis pour l'AISG sont valides et déposés au dossier parental ».
  bool aisg_documents_valid = false;
  SyncState sync = SyncState::never;
  // Requests of this child at this installation still open (Brouillon, Transmise, Commentaires,
  // Conforme without decision): a new one would duplicate it.
  int open_requests = 0;
};
// What is missing before a request may be created, one note each, in the guide's order (empty:
// nothing). Keys "mes.prereq.*":
//   provider_not_eligible  a GNS (the guide addresses CPE, GS and BC for home-based care)
//   no_agreement           no signed agreement at that installation in force today (« effectuer
//                          l'admission de l'enfant au SGEE (entente de service) »)
//   no_aisg                no AISG period at that installation covering today (« admissible à
//                          l'AISG dans l'installation choisie »)
//   aisg_documents         the AISG documents not valid or not filed
//   not_synced / sync_pending / sync_rejected   the dossier not transmitted to the ministry,
//   waiting,
//                          or refused (« transmettre les informations de l'enfant au Ministère »)
//   open_request           another request for this child and installation is open ({count})
// The guide's last item, « vérifier les critères d'admissibilité à la MES », is the provider's own
// judgement: the form's section 3 (at least one exceptional difficulty) carries it.
std::vector<Note> missing_prerequisites(const PrerequisiteFacts& f, Date today);

// ---- Request types (MES-04; seed 000 §3 « Type de la demande »)
// ------------------------------------- A past MES decision of the child (any provider): granted or
// refused, for a reference year, at a place. The seed says « à la division ou à l'installation
// choisie »: the place is the installation (or, in home-based care, the RSGE) the request was for,
// which belongs to one division; a change of installation is a transfer (« changements de service
// de garde ou d'installation »).
struct PastDecision {
  bool granted = false;
  RefYear year;
  std::int64_t place = 0;              // installation or RSGE organization id
  Date decided;                        // orders decisions of the same year
  std::optional<int> granted_minutes;  // hours per day granted, in minutes
};
struct TypeProposal {
  // The types the provider may pick, the proposed one first. A renewal offers both renewals: the
  // provider chooses « sans changements » when the child's integration needs have not changed
  // (the hours granted are carried over as they are), « avec changements » when new obstacles or
  // changes require another number of hours (seed 000 §3). check_hours (form_rules.hpp) refuses a
  // renewal without changes whose typical day asks for other hours than those granted.
  std::vector<RequestType> allowed;
  Note why;  // "mes.type.why.*" with parameters {year}, {previous_year} ("2025-2026")
  // The grant a renewal renews (its hours pre-fill the form, MES-06), or a transfer comes from.
  std::optional<PastDecision> basis;
};
// For a request at `place` for reference year `year` (the year of today, or the coming one when
// the provider prepares it), Y = year, P = year.previous():
//   - the latest decision (by date) at `place` in Y or P is a grant of Y: only a renewal with
//     changes (changes during the year, « survenus en cours d'année »);
//   - the latest is a grant of P: a renewal, without or with changes;
//   - otherwise, a grant in Y or P at another place: a transfer (the latest grant's place);
//   - otherwise (no grant, or the last decision at that place refused): a new request.
TypeProposal propose_type(const std::vector<PastDecision>& history, std::int64_t place,
                          RefYear year);
// The provider's pick: nullopt when allowed, else "mes.type.not_allowed" with {type} and
// {proposed}.
std::optional<Note> check_type_choice(const TypeProposal& p, RequestType chosen);
// "2026-2027": how a reference year is written in a note's parameters.
std::string year_text(RefYear y);

}  // namespace sgee::mes
