#include "mes/document_rules.hpp"

#include <algorithm>
#include <set>

#include "platform/text.hpp"

namespace sgee::mes {

namespace {

using T = RequestType;
using K = ProviderKind;
using W = Requirement::What;

Requirement document(std::string id, std::vector<T> types, std::string source) {
  Requirement r;
  r.id = std::move(id);
  r.types = std::move(types);
  r.source = std::move(source);
  return r;
}

Requirement signature(std::string id, std::vector<T> types, std::vector<K> kinds, bool electronic,
                      std::string source) {
  Requirement r;
  r.what = W::signature;
  r.id = std::move(id);
  r.types = std::move(types);
  r.kinds = std::move(kinds);
  r.electronic = electronic;
  r.source = std::move(source);
  return r;
}

std::vector<Requirement> make_requirements() {
  std::vector<Requirement> v;
  // Documents (« identifiés par un astérisque rouge »). The guide makes no difference between
  // provider kinds for documents: every line holds for CPE, GS and RSGE alike.
  v.push_back(document("signed_form", {}, "seed 000 §3 Documents à joindre, §5.2"));
  Requirement plan = document("integration_plan", {}, "seed 000 §3, §5.2 (moins d'un an)");
  plan.when_integration_plan = true;
  v.push_back(plan);
  Requirement reasons =
      document("renewal_reasons", {T::renewal_with_changes}, "seed 000 §3 Documents à joindre");
  reasons.also_as = "signed_form";
  v.push_back(reasons);
  // Signatures.
  v.push_back(signature("direction", {}, {K::cpe, K::gs, K::gns}, true, "seed 000 §6"));
  v.push_back(signature("bc_designated", {}, {K::rsge}, true, "seed 000 Portée du guide; MES-13"));
  v.push_back(signature("rsge", {}, {K::rsge}, false, "seed 000 Portée du guide; MES-13"));
  v.push_back(signature("parent", {}, {}, false, "seed 000 Portée du guide, §3; issue 16"));
  v.push_back(signature("professional", {T::renewal_with_changes}, {}, false,
                        "seed 000 §3 Raison(s) … signé par un professionnel reconnu"));
  return v;
}

template <class X>
bool in(const std::vector<X>& v, X x) {
  return v.empty() || std::find(v.begin(), v.end(), x) != v.end();
}

Note note(std::string key, std::string field, std::vector<std::pair<std::string, std::string>> p) {
  return Note{std::move(key), std::move(p), std::move(field)};
}

}  // namespace

const std::vector<std::string>& natures() {
  static const std::vector<std::string> v = {
      "signed_form",         "integration_plan",        "renewal_reasons",
      "professional_report", "individual_service_plan", "other"};
  return v;
}

bool known_nature(const std::string& id) {
  return std::find(natures().begin(), natures().end(), id) != natures().end();
}

const std::vector<std::string>& signers() {
  static const std::vector<std::string> v = {"direction", "bc_designated", "rsge", "parent",
                                             "professional"};
  return v;
}

const std::vector<Requirement>& requirements() {
  static const std::vector<Requirement> v = make_requirements();
  return v;
}

bool applies(const Requirement& r, RequestType t, ProviderKind k) {
  return in(r.types, t) && in(r.kinds, k);
}

std::vector<Requirement> required_documents(RequestType t, ProviderKind k,
                                            std::optional<bool> integration_plan) {
  std::vector<Requirement> out;
  for (const auto& r : requirements())
    if (r.what == W::document && applies(r, t, k) &&
        (!r.when_integration_plan || integration_plan.value_or(true)))
      out.push_back(r);
  return out;
}

std::vector<Requirement> required_signers(RequestType t, ProviderKind k) {
  std::vector<Requirement> out;
  for (const auto& r : requirements())
    if (r.what == W::signature && applies(r, t, k)) out.push_back(r);
  return out;
}

std::string electronic_signer(ProviderKind k) {
  for (const auto& r : requirements())
    if (r.what == W::signature && r.electronic && in(r.kinds, k)) return r.id;
  return "direction";
}

bool integration_plan_recent(Date plan, Date today) {
  return plan <= today && dates::add_months(today, -12) < plan;
}

std::vector<Note> receivability(const RequestFacts& f, Date today) {
  std::vector<Note> out = check_form(f.answers, today);
  auto hours = check_hours(f.type, f.answers.moments, f.granted_before);
  out.insert(out.end(), hours.begin(), hours.end());

  // Attachments.
  for (const auto& a : f.files)
    if (!known_nature(a.nature))
      out.push_back(note("mes.recv.unknown_nature", "documents", {{"nature", a.nature}}));
  const std::string plan_answer{text::trim(f.answers.get("situation.integration_plan"))};
  std::optional<bool> plan;
  if (plan_answer == "yes" || plan_answer == "no") plan = plan_answer == "yes";
  for (const auto& r : required_documents(f.type, f.kind, plan)) {
    int found = static_cast<int>(std::count_if(
        f.files.begin(), f.files.end(), [&](const Attachment& a) { return a.nature == r.id; }));
    if (found < r.count)
      out.push_back(note("mes.recv.missing_document", "documents",
                         {{"nature", "mes.nature." + r.id},
                          {"count", std::to_string(r.count)},
                          {"found", std::to_string(found)}}));
    if (!r.also_as.empty() && found > 0) {
      std::set<std::string> also;
      for (const auto& a : f.files)
        if (a.nature == r.also_as) also.insert(a.sha256);
      bool twice = std::any_of(f.files.begin(), f.files.end(), [&](const Attachment& a) {
        return a.nature == r.id && also.count(a.sha256);
      });
      if (!twice)
        out.push_back(
            note("mes.recv.attach_twice", "documents",
                 {{"nature", "mes.nature." + r.id}, {"also", "mes.nature." + r.also_as}}));
    }
  }
  if (plan.value_or(false)) {
    auto d = dates::parse(text::trim(f.answers.get("situation.integration_plan_date")));
    if (d && *d <= today && !integration_plan_recent(*d, today))
      out.push_back(note("mes.recv.plan_too_old", "situation.integration_plan_date",
                         {{"date", dates::format(*d)}}));
  }

  // The electronic signature, sealing the content as it is now.
  if (!f.signature) {
    out.push_back(note("mes.recv.not_signed", "signature",
                       {{"signer", "mes.signer." + electronic_signer(f.kind)}}));
  } else if (!f.signature->signer_has_right) {
    out.push_back(note("mes.recv.signer_without_right", "signature", {}));
  } else if (f.signature->content_hash != content_hash(f.type, f.answers, f.files)) {
    out.push_back(note("mes.recv.changed_since_signed", "signature", {}));
  }
  if (f.comments_not_corrected > 0)
    out.push_back(note("mes.recv.comments_not_corrected", "comments",
                       {{"count", std::to_string(f.comments_not_corrected)}}));
  return out;
}

}  // namespace sgee::mes
