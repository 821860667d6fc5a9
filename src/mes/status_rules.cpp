#include "mes/status_rules.hpp"

#include <algorithm>

namespace sgee::mes {

namespace {

using S = Status;
using A = Action;
using R = Actor;

const std::vector<R> kEditors = {R::provider_editor, R::provider_signer, R::bc_designated};
const std::vector<R> kSigners = {R::provider_signer, R::bc_designated};
const std::vector<R> kProvider = {R::provider_reader, R::provider_editor, R::provider_signer,
                                  R::bc_designated};
const std::vector<R> kMinistry = {R::ministry_agent};

std::vector<Transition> make_transitions() {
  return {
      // The provider's draft (seed 000 §3, §5, §6, §7).
      {S::brouillon, A::save, S::brouillon, kEditors},
      {S::brouillon, A::sign, S::brouillon, kSigners},
      {S::brouillon, A::transmit, S::transmise, kSigners},
      {S::brouillon, A::delete_request, S::supprimee, kEditors},
      // The ministry's analysis (§2, §4.2).
      {S::transmise, A::assign, S::transmise, kMinistry},
      {S::transmise, A::comment, S::commentaires, kMinistry},
      {S::transmise, A::mark_conform, S::conforme, kMinistry},
      // Corrections (§4.2): the commented sections reopen (editable_sections).
      {S::commentaires, A::save, S::commentaires, kEditors},
      {S::commentaires, A::mark_corrected, S::commentaires, kEditors},
      {S::commentaires, A::sign, S::commentaires, kSigners},
      {S::commentaires, A::transmit, S::transmise, kSigners},
      {S::commentaires, A::assign, S::commentaires, kMinistry},
      // Conform, then the decision and its communication (§8, MES-12).
      {S::conforme, A::assign, S::conforme, kMinistry},
      {S::conforme, A::grant, S::accordee, kMinistry},
      {S::conforme, A::refuse, S::refusee, kMinistry},
      {S::conforme, A::attach_communication, S::conforme, kMinistry},
      {S::conforme, A::read_communication, S::conforme, kProvider},
      {S::accordee, A::attach_communication, S::accordee, kMinistry},
      {S::accordee, A::read_communication, S::accordee, kProvider},
      {S::refusee, A::attach_communication, S::refusee, kMinistry},
      {S::refusee, A::read_communication, S::refusee, kProvider},
  };
}

bool ministry_action(A a) {
  return a == A::assign || a == A::comment || a == A::mark_conform || a == A::grant ||
         a == A::refuse || a == A::attach_communication;
}

bool changes_content(A a) {
  return a == A::save || a == A::sign || a == A::transmit || a == A::mark_corrected;
}

template <class X>
bool has(const std::vector<X>& v, X x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

const std::vector<Status>& all_statuses() {
  static const std::vector<Status> v = {S::brouillon, S::transmise, S::commentaires, S::conforme,
                                        S::accordee,  S::refusee,   S::supprimee};
  return v;
}

std::string_view to_string(Status s) {
  switch (s) {
    case S::brouillon: return "brouillon";
    case S::transmise: return "transmise";
    case S::commentaires: return "commentaires";
    case S::conforme: return "conforme";
    case S::accordee: return "accordee";
    case S::refusee: return "refusee";
    case S::supprimee: return "supprimee";
  }
  return "brouillon";
}

std::optional<Status> status_from(std::string_view s) {
  for (auto x : all_statuses())
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string status_key(Status s) {
  return "mes.status." + std::string(to_string(s));
}

bool in_progress(Status s) {
  return s == S::transmise || s == S::commentaires;
}

bool conform_list(Status s) {
  return s == S::conforme || s == S::accordee || s == S::refusee;
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> v = {A::save,
                                        A::sign,
                                        A::transmit,
                                        A::delete_request,
                                        A::mark_corrected,
                                        A::assign,
                                        A::comment,
                                        A::mark_conform,
                                        A::grant,
                                        A::refuse,
                                        A::attach_communication,
                                        A::read_communication};
  return v;
}

std::string_view to_string(Action a) {
  switch (a) {
    case A::save: return "save";
    case A::sign: return "sign";
    case A::transmit: return "transmit";
    case A::delete_request: return "delete";
    case A::mark_corrected: return "mark_corrected";
    case A::assign: return "assign";
    case A::comment: return "comment";
    case A::mark_conform: return "mark_conform";
    case A::grant: return "grant";
    case A::refuse: return "refuse";
    case A::attach_communication: return "attach_communication";
    case A::read_communication: return "read_communication";
  }
  return "save";
}

std::optional<Action> action_from(std::string_view s) {
  for (auto x : all_actions())
    if (to_string(x) == s) return x;
  return std::nullopt;
}

const std::vector<Actor>& all_actors() {
  static const std::vector<Actor> v = {R::provider_reader, R::provider_editor, R::provider_signer,
                                       R::bc_designated, R::ministry_agent};
  return v;
}

std::string_view to_string(Actor a) {
  switch (a) {
    case R::provider_reader: return "provider_reader";
    case R::provider_editor: return "provider_editor";
    case R::provider_signer: return "provider_signer";
    case R::bc_designated: return "bc_designated";
    case R::ministry_agent: return "ministry_agent";
  }
  return "provider_reader";
}

const std::vector<Transition>& transitions() {
  static const std::vector<Transition> v = make_transitions();
  return v;
}

Verdict decide(Status from, Action a, Actor who, ProviderKind k) {
  Verdict v;
  auto refuse = [&](const char* key) {
    v.reason =
        Note{key,
             {{"action", "mes.action." + std::string(to_string(a))}, {"status", status_key(from)}},
             {}};
    return v;
  };
  if (from == S::supprimee) return refuse("mes.sm.deleted");
  const bool home_based = k == ProviderKind::rsge;
  if (who == R::bc_designated && !home_based) return refuse("mes.sm.bc_only_home_based");
  if (home_based &&
      (who == R::provider_reader || who == R::provider_editor || who == R::provider_signer))
    return refuse("mes.sm.home_based_bc_only");
  const Transition* line = nullptr;
  for (const auto& t : transitions())
    if (t.from == from && t.action == a) line = &t;
  if (line && has(line->actors, who)) {
    v.to = line->to;
    return v;
  }
  const bool ministry = who == R::ministry_agent;
  if (ministry_action(a) && !ministry) return refuse("mes.sm.ministry_only");
  if (!ministry_action(a) && ministry) return refuse("mes.sm.provider_only");
  if (a == A::delete_request && from != S::brouillon) return refuse("mes.sm.delete_draft_only");
  if (changes_content(a) && from != S::brouillon && from != S::commentaires)
    return refuse("mes.sm.read_only");
  if (line) {
    if (a == A::sign || a == A::transmit) return refuse("mes.sm.signing_right");
    return refuse("mes.sm.editing_right");
  }
  return refuse("mes.sm.not_now");
}

std::vector<Section> editable_sections(Status s, const std::vector<Section>& commented) {
  std::vector<Section> out;
  for (auto sec : all_sections()) {
    if (sec == Section::identity) continue;  // from the Portail and the register
    if (s == S::brouillon || (s == S::commentaires && has(commented, sec))) out.push_back(sec);
  }
  return out;
}

std::optional<Note> check_edit(Status s, Section section, const std::vector<Section>& commented) {
  if (has(editable_sections(s, commented), section)) return std::nullopt;
  const bool open = s == S::brouillon || s == S::commentaires;
  return Note{
      open ? "mes.sm.section_closed" : "mes.sm.read_only",
      {{"section", section_key(section)}, {"status", status_key(s)}, {"action", "mes.action.save"}},
      std::string(to_string(section))};
}

std::optional<Note> check_revision(std::int64_t typed_on, std::int64_t current) {
  if (typed_on == current) return std::nullopt;
  return Note{"mes.sm.edited_meanwhile", {}, {}};
}

}  // namespace sgee::mes
