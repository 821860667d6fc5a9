#include "access/rules.hpp"

#include <algorithm>

#include "platform/text.hpp"

namespace sgee::access {

bool valid_org_number(std::string_view s) {
  return text::all_digits(s, 8);
}
bool valid_neq(std::string_view s) {
  return text::all_digits(s, 10);
}

bool valid_invitation_code(std::string_view s) {
  if (s.size() != 8) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

bool valid_assessment_number(std::string_view s) {
  for (size_t n = 6; n <= 12; ++n)
    if (text::all_digits(s, n)) return true;
  return false;
}

RequiredIdentifiers required_identifiers(LegalForm f) {
  switch (f) {
    case LegalForm::sole: return {true, false};
    case LegalForm::corporation: return {true, true};
    case LegalForm::nonprofit:
    case LegalForm::partnership: return {false, false};
  }
  return {};
}

namespace {

bool looks_like_email(std::string_view e) {
  auto at = e.find('@');
  return at != std::string_view::npos && at > 0 && e.find('.', at) != std::string_view::npos &&
         e.back() != '.' && e.find(' ') == std::string_view::npos && e.size() <= 254;
}

void need(std::vector<Message>& out, bool ok, const char* code, const char* rule, const char* field,
          const char* key) {
  if (!ok) out.push_back({code, 'E', rule, field, key});
}

bool filled(std::string_view s, size_t max = 100) {
  auto t = text::trim(s);
  return !t.empty() && t.size() <= max;
}

}  // namespace

EnrolmentDecision decide_enrolment(const EnrolmentRequest& r,
                                   const std::optional<EnterpriseRecord>& record) {
  EnrolmentDecision d;
  auto& m = d.messages;
  auto form = legal_form_from(r.legal_form);
  need(m, form.has_value(), "ACC001E", "ACC-01", "legal_form", "acc.legal_form_required");
  need(m, valid_neq(r.neq), "ACC002E", "ACC-01", "neq", "acc.neq_format");
  need(m, r.assessment_number.empty() || valid_assessment_number(r.assessment_number), "ACC003E",
       "ACC-01", "assessment_number", "acc.assessment_format");
  need(m, r.invitation_code.empty() || valid_invitation_code(r.invitation_code), "ACC004E",
       "ACC-01", "invitation_code", "acc.invitation_format");
  need(m, filled(r.entity_name, 200), "ACC005E", "ACC-02", "entity_name",
       "acc.entity_name_required");
  need(m, filled(r.representative_surname, 50), "ACC006E", "ACC-02", "representative_surname",
       "acc.name_required");
  need(m, filled(r.representative_given_name, 50), "ACC006E", "ACC-02", "representative_given_name",
       "acc.name_required");
  need(m, filled(r.representative_role, 100), "ACC007E", "ACC-02", "representative_role",
       "acc.role_required");
  need(m, looks_like_email(r.representative_email), "ACC008E", "ACC-02", "representative_email",
       "acc.email_format");
  need(m, filled(r.rse_surname, 50), "ACC009E", "ACC-03", "rse_surname", "acc.name_required");
  need(m, filled(r.rse_given_name, 50), "ACC009E", "ACC-03", "rse_given_name", "acc.name_required");
  need(m, looks_like_email(r.rse_email), "ACC010E", "ACC-03", "rse_email", "acc.email_format");
  if (has_error(m)) return d;

  // ACC-02: immediate activation only for an officer of the entity, identifiers all given and
  // matching the reference table; otherwise a ministry agent decides.
  auto req = required_identifiers(*form);
  if (!record) {
    d.deferred_reason = "acc.deferred.unknown_neq";
  } else if (record->legal_form != r.legal_form) {
    d.deferred_reason = "acc.deferred.legal_form_mismatch";
  } else if ((req.assessment_number && r.assessment_number.empty()) ||
             (req.invitation_code && r.invitation_code.empty())) {
    d.deferred_reason = "acc.deferred.missing_identifiers";
  } else {
    auto surname = text::search_key(text::trim(r.representative_surname));
    auto given = text::search_key(text::trim(r.representative_given_name));
    // The representative must be listed as an officer, under the position they state.
    auto role = text::search_key(text::trim(r.representative_role));
    bool officer =
        std::any_of(record->officers.begin(), record->officers.end(), [&](const Officer& o) {
          return text::search_key(text::trim(o.surname)) == surname &&
                 text::search_key(text::trim(o.given_name)) == given &&
                 text::search_key(text::trim(o.role)) == role;
        });
    if (officer)
      d.immediate = true;
    else
      d.deferred_reason = "acc.deferred.not_an_officer";
  }
  return d;
}

std::vector<Message> check_new_password(std::string_view password, std::string_view user_code,
                                        std::string_view email) {
  std::vector<Message> m;
  static const std::vector<std::string> common = {"motdepasse123", "password1234", "123456789012",
                                                  "azertyuiop12",  "qwertyuiop12", "bonjour12345"};
  auto chars = text::code_points(password);
  need(m, chars.size() >= 12, "ACC020E", "ACC-03", "password", "acc.password_short");
  need(m, chars.size() <= 128, "ACC021E", "ACC-03", "password", "acc.password_long");
  auto key = text::search_key(password);
  auto local = email.substr(0, email.find('@'));
  bool personal =
      (!user_code.empty() && key.find(text::search_key(user_code)) != std::string::npos) ||
      (!local.empty() && key.find(text::search_key(local)) != std::string::npos);
  bool repetitive = !chars.empty() && std::all_of(chars.begin(), chars.end(),
                                                  [&](auto c) { return c == chars.front(); });
  bool known = std::find(common.begin(), common.end(), key) != common.end();
  need(m, !personal && !repetitive && !known, "ACC022E", "ACC-03", "password",
       "acc.password_guessable");
  return m;
}

bool sign_in_throttled(int account_failures, int address_failures) {
  return account_failures >= kMaxFailuresPerAccount || address_failures >= kMaxFailuresPerAddress;
}

bool second_factor_required(UserKind kind, bool is_rse) {
  return kind == UserKind::ministry || (kind == UserKind::enterprise && is_rse);
}

Decision authorize(const Principal& who, const http::Access& need,
                   const std::optional<Target>& target, const Pending& pending) {
  using K = http::Access::Kind;
  if (need.kind == K::anyone || need.kind == K::open) return Decision::allow;
  if (need.kind == K::api_code) {
    if (who.kind != Principal::Kind::access_code) return Decision::sign_in;
    return target && target->id == who.access_code_org ? Decision::allow : Decision::forbid;
  }
  if (who.kind == Principal::Kind::access_code)
    return Decision::forbid;  // codes are for the sync API only
  if (!who.signed_in()) return Decision::sign_in;
  // A session that has not given its second factor is only half signed in: nothing but that step.
  if (pending.second_factor) return Decision::second_factor;
  if (need.kind == K::signed_in) return Decision::allow;
  if (pending.password_change) return Decision::change_password;
  if (pending.second_factor_setup) return Decision::set_up_second_factor;
  switch (need.kind) {
    case K::parent: return who.user_kind == UserKind::parent ? Decision::allow : Decision::forbid;
    case K::enterprise:
      return who.user_kind == UserKind::enterprise ? Decision::allow : Decision::forbid;
    case K::ministry:
      return who.user_kind == UserKind::ministry ? Decision::allow : Decision::forbid;
    case K::rse:
      return who.user_kind == UserKind::enterprise && who.is_rse ? Decision::allow
                                                                 : Decision::forbid;
    case K::right: {
      if (who.user_kind != UserKind::enterprise) return Decision::forbid;
      auto right = right_from(need.right);
      if (!right) return Decision::forbid;
      if (!target) {  // a page listing what the user may see: any organization will do
        if (who.is_rse) return Decision::allow;
        for (const auto& [org, r] : who.rights)
          if (r == *right) return Decision::allow;
        return Decision::forbid;
      }
      std::vector<std::int64_t> chain = {target->id};
      chain.insert(chain.end(), target->ancestors.begin(), target->ancestors.end());
      for (auto org : chain) {
        if (who.has_right(org, *right)) return Decision::allow;
        if (who.is_rse && who.division_id && *who.division_id == org) return Decision::allow;
      }
      return Decision::forbid;
    }
    default: return Decision::forbid;
  }
}

}  // namespace sgee::access
