#include "access/rules.hpp"

#include <cctype>

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
                                   const std::optional<EnterpriseRecord>& record,
                                   const EnrolmentFacts& facts) {
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

  // ACC-02 (amended by issue 11): immediate activation only for an officer of the entity who
  // proves control of it with the secrets the ministry holds, and only while it has no RSE;
  // otherwise a ministry agent decides. Every reason is kept for the agent.
  auto& why = d.deferred_reasons;
  if (facts.has_rse) why.push_back("acc.deferred.has_rse");
  auto req = required_identifiers(*form);
  if (!record) {
    why.push_back("acc.deferred.unknown_neq");
  } else if (record->legal_form != r.legal_form) {
    why.push_back("acc.deferred.legal_form_mismatch");
  } else {
    if ((req.assessment_number && r.assessment_number.empty()) ||
        (req.invitation_code && r.invitation_code.empty())) {
      why.push_back("acc.deferred.missing_identifiers");
    } else if (!record->assessment_number_on_file && !record->invitation_code_on_file) {
      // Nothing to prove control with (the register holds no secret for this entity).
      why.push_back("acc.deferred.no_secret_on_file");
    } else {
      // Each secret on file, and each identifier the legal form asks for, must match.
      bool assessment_ok = !(record->assessment_number_on_file || req.assessment_number) ||
                           facts.matched.assessment_number;
      bool invitation_ok = !(record->invitation_code_on_file || req.invitation_code) ||
                           facts.matched.invitation_code;
      if (!assessment_ok || !invitation_ok) why.push_back("acc.deferred.identifiers_mismatch");
    }
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
    if (!officer) why.push_back("acc.deferred.not_an_officer");
  }
  d.immediate = why.empty();
  if (!why.empty()) d.deferred_reason = why.front();
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

CheckedOrganization check_organization(const OrganizationInput& in) {
  CheckedOrganization out;
  auto& m = out.messages;
  auto& o = out.organization;
  auto kind = org_kind_from(in.kind);
  need(m, kind && *kind != OrgKind::ministry, "ORG001E", "ORG", "kind", "org.kind_unknown");
  if (!kind || *kind == OrgKind::ministry) return out;
  o.kind = *kind;
  o.number = std::string(text::trim(in.number));
  o.name = std::string(text::trim(in.name));
  need(m, valid_org_number(o.number), "ORG002E", "ORG", "number", "org.number_format");
  need(m, filled(o.name, 120), "ORG003E", "ORG", "name", "org.name_required");
  if (*kind != OrgKind::division)
    need(m, valid_org_number(text::trim(in.parent_number)), "ORG004E", "ORG", "parent_number",
         "org.parent_format");
  // A count of places: empty is none (or 0 where the form has several), else 0 to 10000.
  auto places = [&](const std::string& v, const char* field, std::int64_t max,
                    bool required) -> std::optional<std::int64_t> {
    auto t = text::trim(v);
    if (t.empty() && !required) return 0;
    auto n = text::to_int(t);
    bool ok = n && *n >= 0 && *n <= max && (!required || *n >= 1);
    need(m, ok, *kind == OrgKind::rsge ? "ORG011E" : "ORG008E", "ORG", field,
         *kind == OrgKind::rsge ? "org.rsge_places" : "org.places_range");
    return ok ? n : std::nullopt;
  };
  switch (*kind) {
    case OrgKind::division: {
      auto form = legal_form_from(in.legal_form);
      need(m, form.has_value(), "ORG005E", "ORG", "legal_form", "acc.legal_form_required");
      if (form) o.legal_form = std::string(to_string(*form));
      auto neq = std::string(text::trim(in.neq));
      need(m, neq.empty() || valid_neq(neq), "ORG006E", "ACC-01", "neq", "acc.neq_format");
      if (!neq.empty()) o.neq = neq;
      break;
    }
    case OrgKind::installation: {
      bool known = in.installation_kind == "CPE" || in.installation_kind == "GS" ||
                   in.installation_kind == "GNS";
      need(m, known, "ORG007E", "ORG", "installation_kind", "org.installation_kind");
      if (known) o.installation_kind = in.installation_kind;
      o.places_0_17 = places(in.places_0_17, "places_0_17", 10000, false);
      o.places_18_59 = places(in.places_18_59, "places_18_59", 10000, false);
      o.places_school = places(in.places_school, "places_school", 10000, false);
      break;
    }
    case OrgKind::bc: {
      auto territory = std::string(text::trim(in.territory));
      need(m, territory.size() <= 200, "ORG013E", "ORG", "territory", "org.too_long");
      if (!territory.empty()) o.territory = territory;
      break;
    }
    case OrgKind::rsge: {
      o.places = places(in.places, "places", 9, true);
      std::string status = in.recognition_status.empty() ? "recognized" : in.recognition_status;
      bool ok = status == "recognized" || status == "suspended" || status == "revoked";
      need(m, ok, "ORG012E", "POR-06", "recognition_status", "org.recognition_status");
      if (ok) o.recognition_status = status;
      break;
    }
    case OrgKind::ministry: break;
  }
  if (auto region = std::string(text::trim(in.region)); !region.empty()) {
    bool ok = *kind != OrgKind::division && valid_region(region);
    need(m, ok, "ORG016E", "ORG", "region", "org.region_invalid");
    if (ok) o.region = region;
  }
  // The address: optional as a whole, but a postal code must be one, and coordinates come in
  // pairs, inside Québec.
  auto opt = [](const std::string& v) -> std::optional<std::string> {
    auto t = std::string(text::trim(v));
    if (t.empty()) return std::nullopt;
    return t;
  };
  o.civic_number = opt(in.civic_number);
  o.street = opt(in.street);
  o.municipality = opt(in.municipality);
  if (auto pc = opt(in.postal_code)) {
    bool ok = text::valid_postal_code(*pc);
    need(m, ok, "ORG009E", "DOS-14", "postal_code", "org.postal_code");
    if (ok) o.postal_code = text::normalized_postal_code(*pc);
  }
  auto lat = opt(in.latitude), lon = opt(in.longitude);
  if (lat || lon) {
    auto number = [](const std::optional<std::string>& v) -> std::optional<double> {
      if (!v) return std::nullopt;
      try {
        size_t used = 0;
        double d = std::stod(*v, &used);
        if (used != v->size()) return std::nullopt;
        return d;
      } catch (const std::exception&) {
        return std::nullopt;
      }
    };
    auto la = number(lat), lo = number(lon);
    bool ok = la && lo && *la >= 44.9 && *la <= 62.6 && *lo >= -79.8 && *lo <= -57.1;
    need(m, ok, "ORG010E", "ORG", la && *la >= 44.9 && *la <= 62.6 ? "longitude" : "latitude",
         "org.coordinates");
    if (ok) {
      o.latitude = la;
      o.longitude = lo;
    }
  }
  return out;
}

std::chrono::seconds sign_in_retry_after(int address_failures) {
  if (address_failures < kMaxFailuresPerAddress) return std::chrono::seconds(0);
  const std::chrono::seconds most = kThrottleWindow;
  std::chrono::seconds delay(30);
  for (int n = address_failures / kMaxFailuresPerAddress; n > 1 && delay < most; --n) delay *= 2;
  return std::min(delay, most);
}

SignInGate sign_in_gate(const SignInHistory& h) {
  if (h.account_failures >= kMaxFailuresPerAccount) return {true, true, kThrottleWindow};
  auto delay = sign_in_retry_after(h.address_failures);
  if (delay.count() > 0 && h.since_account_failure && *h.since_account_failure < delay)
    return {true, false, delay - *h.since_account_failure};
  return {};
}

bool enrolment_throttled(int neq_attempts, int address_attempts) {
  return neq_attempts >= kMaxEnrolmentsPerNeq || address_attempts >= kMaxEnrolmentsPerAddress;
}

bool may_resend_confirmation(int sent_last_minute, int sent_last_day) {
  return sent_last_minute == 0 && sent_last_day < kMaxConfirmationsPerDay;
}

bool second_factor_required(UserKind kind, bool is_rse) {
  return kind == UserKind::ministry || (kind == UserKind::enterprise && is_rse);
}

bool has_screens(Right r) {
  switch (r) {
    case Right::consult_dossiers:
    case Right::enter_dossiers:
    case Right::manage_admissions:  // the fiche (POR-02); admissions come with part 2
    case Right::consult_mes:        // issue 16: the MES requests
    case Right::enter_mes:
    case Right::sign_mes:
    case Right::manage_access_codes:
    case Right::manage_rights: return true;
    default: return false;
  }
}

bool bc_side_reaches_rsge(Right r, bool mandate) {
  switch (r) {
    case Right::manage_admissions: return mandate;
    case Right::manage_rights:
    case Right::manage_access_codes: return false;
    default: return true;
  }
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
    case K::account: return Decision::allow;
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
      bool bc_side = target->kind == OrgKind::rsge && who.division_id != target->id;
      if (bc_side && !bc_side_reaches_rsge(*right, target->bc_mandate)) return Decision::forbid;
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
