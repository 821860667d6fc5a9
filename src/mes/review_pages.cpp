#include "mes/review_pages.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "access/store.hpp"
#include "access/web.hpp"
#include "mes/attachments_store.hpp"
#include "mes/provider_pages.hpp"
#include "mes/store.hpp"
#include "platform/date.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/log.hpp"
#include "platform/pdf_out.hpp"
#include "platform/text.hpp"
#include "portail/referral_pages.hpp"

namespace sgee::mes {

namespace {

using http::Access;
using http::Request;
using http::Response;
namespace rs = review_store;

constexpr std::int64_t kPerPage = 50;
constexpr std::size_t kMaxComment = 4000;  // characters
constexpr std::size_t kMaxReason = 4000;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}
std::int64_t me(const Request& req) {
  return access::auth_of(req).who.user_id;
}
std::string id_text(std::int64_t id) {
  return std::to_string(id);
}
std::string review_href(std::int64_t id) {
  return "/ministere/mes/" + id_text(id);
}
std::string when(const Request& req, const std::string& stored) {
  return stored.empty() ? "" : i18n::time_words(req.lang, stored);
}
std::size_t characters(const std::string& s) {
  return text::code_points(s).size();
}

// An audit row about the request: the parent sees it among the consultations of their child.
void audit(db::Connection& c, const Request& req, const std::string& action, const rs::Request& r,
           std::optional<std::int64_t> org, const std::string& detail = "") {
  access::store::audit(c, {.user_id = me(req),
                           .organization_id = org,
                           .subject_user_id = r.parent_user_id,
                           .action = action,
                           .record_type = "mes_request",
                           .record_id = id_text(r.id),
                           .detail = detail,
                           .address = req.remote,
                           .request_id = req.request_id});
}

// ---------------------------------------------------------------------------------------------
// E-mail notices to the provider's MES staff (through the outbox; never the comments' text).

std::string provider_href(const rs::Request& r) {
  std::string number = r.bc_id ? r.bc_number : r.provider_number;
  return "/installations/" + number + "/mes/" + id_text(r.id);
}

int notify(db::Connection& c, const rs::Request& r, const std::string& what) {
  std::string link = portail::referral_public_url() + provider_href(r);
  std::string child = r.child_given_name + " " + r.child_surname;
  auto body = [&](const std::string& lang) {
    return i18n::fill(i18n::t(lang, "mes.review.mail." + what), {r.number, child, link});
  };
  std::string subject = i18n::fill(i18n::t("fr", "mes.review.mail.subject"), {r.number}) + " / " +
                        i18n::fill(i18n::t("en", "mes.review.mail.subject"), {r.number});
  int sent = 0;
  for (const auto& to : rs::provider_mes_emails(c, r)) {
    access::store::queue_mail(c, to, subject, body("fr") + "\n\n---\n\n" + body("en"));
    ++sent;
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------
// Labels and values.

std::string field_label(const std::string& lang, const std::string& id) {
  // "typical_day.moments.2.start" -> "Début (moment 2)"
  const std::string prefix = "typical_day.moments.";
  if (id.starts_with(prefix)) {
    auto rest = id.substr(prefix.size());
    auto dot = rest.find('.');
    if (dot != std::string::npos)
      return i18n::t(lang, "mes.field.typical_day.moment." + rest.substr(dot + 1)) + " (" +
             i18n::fill(i18n::t(lang, "mes.review.moment_n"), {rest.substr(0, dot)}) + ")";
  }
  return i18n::t(lang, "mes.field." + id);
}

std::string value_text(const std::string& lang, const std::string& value) {
  if (value == "yes") return i18n::t(lang, "mes.review.yes");
  if (value == "no") return i18n::t(lang, "mes.review.no");
  return value;
}

std::string kind_label(const std::string& lang, const std::string& kind) {
  return i18n::t(lang, "mes.review.kind." + kind);
}

// ---------------------------------------------------------------------------------------------
// The queue.

struct Choice {
  std::string value, label;
};

Response queue_page(const web::WebApp& web, db::Pool& pool, const Request& req) {
  auto q = [&](const char* name) { return std::string(text::trim(req.query(name).value_or(""))); };
  rs::QueueFilter f;
  mstch::array errors;
  if (auto v = q("region"); access::valid_region(v)) f.region = v;
  if (auto v = q("genre"); v == "cpe" || v == "gs" || v == "rsge") f.kind = v;
  if (auto v = q("type"); request_type_from(v)) f.type = v;
  if (auto v = q("statut"); status_from(v) && v != "brouillon" && v != "supprimee") f.status = v;
  if (auto v = q("assignation"); v == "moi" || v == "aucun") f.assigned = v;
  std::string from_day = q("du"), to_day = q("au");
  auto day_bound = [&](const std::string& v, const char* field, bool next) -> std::string {
    if (v.empty()) return "";
    auto d = dates::parse(v);
    if (!d) {
      errors.push_back(mstch::map{
          {"anchor", std::string(field)},
          {"text", t(req, std::string("mes.review.filter.") + field) +
                       (req.lang == "fr" ? " : " : ": ") + t(req, "mes.review.bad_date")}});
      return "";
    }
    return dates::utc_iso(dates::quebec_midnight(next ? dates::add_days(*d, 1) : *d));
  };
  f.from = day_bound(from_day, "du", false);
  f.to = day_bound(to_day, "au", true);
  auto sort = listing::read_sort(q("tri"), q("sens"), rs::queue_sorts());
  f.sort = sort.column;
  f.descending = sort.descending;

  auto c = pool.acquire();
  auto view = rs::queue_view(*c, f, me(req));
  auto total = static_cast<std::int64_t>(view.ids->size());
  std::int64_t pages = std::max<std::int64_t>(1, (total + kPerPage - 1) / kPerPage);
  std::int64_t page = std::min(listing::page_of(req.query("page")), pages);
  auto first = std::min(total, (page - 1) * kPerPage);
  auto rows = rs::queue_rows(
      *c, view, std::span(*view.ids).subspan(first, std::min(kPerPage, total - first)));

  // The URL of this list with other sort or page, the filters kept.
  auto base_query = [&]() {
    std::string s;
    auto add = [&](const char* k, const std::string& v) {
      if (!v.empty()) s += std::string(s.empty() ? "" : "&") + k + "=" + text::url_encode(v);
    };
    add("region", f.region);
    add("genre", f.kind);
    add("type", f.type);
    add("statut", f.status);
    add("assignation", f.assigned);
    if (!f.from.empty()) add("du", from_day);
    if (!f.to.empty()) add("au", to_day);
    return s;
  }();
  auto href_of = [&](const listing::Sort& s, std::int64_t p) {
    std::string h = "/ministere/mes?" + base_query;
    if (!base_query.empty()) h += "&";
    h += listing::sort_query(s);
    if (p > 1) h += "&page=" + std::to_string(p);
    return h;
  };

  mstch::array list;
  for (const auto& r : rows) {
    list.push_back(
        mstch::map{{"href", review_href(r.id)},
                   {"number", r.number},
                   {"child", r.child_given_name + " " + r.child_surname},
                   {"provider", r.provider_name},
                   {"provider_number", r.provider_number},
                   {"region", r.region.empty() ? std::string() : t(req, "region." + r.region)},
                   {"kind", kind_label(req.lang, r.provider_kind)},
                   {"type", t(req, "mes.type." + r.type)},
                   {"status", r.status},
                   {"status_label", t(req, "mes.status." + r.status)},
                   {"transmitted", i18n::day_words(req.lang, r.transmitted_at)},
                   {"transmitted_iso", r.transmitted_at},
                   {"assigned", r.assigned_to ? r.assigned_name : t(req, "mes.review.unassigned")},
                   {"mine", r.assigned_to && *r.assigned_to == me(req)}});
  }

  auto options = [&](const std::vector<Choice>& choices, const std::string& current) {
    mstch::array out;
    for (const auto& ch : choices)
      out.push_back(
          mstch::map{{"value", ch.value}, {"label", ch.label}, {"selected", ch.value == current}});
    return out;
  };
  std::vector<Choice> regions;
  for (int i = 1; i <= 17; ++i) {
    std::string code = (i < 10 ? "0" : "") + std::to_string(i);
    regions.push_back({code, code + " " + t(req, "region." + code)});
  }
  std::vector<Choice> kinds = {{"cpe", kind_label(req.lang, "cpe")},
                               {"gs", kind_label(req.lang, "gs")},
                               {"rsge", kind_label(req.lang, "rsge")}};
  std::vector<Choice> types;
  for (auto ty : all_request_types())
    types.push_back({std::string(to_string(ty)), t(req, type_key(ty))});
  std::vector<Choice> statuses;
  mstch::array status_counts;
  for (auto s : all_statuses()) {
    if (s == Status::brouillon || s == Status::supprimee) continue;
    std::int64_t n = 0;
    for (const auto& [k, v] : view.counts)
      if (k == to_string(s)) n = v;
    statuses.push_back({std::string(to_string(s)),
                        t(req, status_key(s)) + " (" + listing::count(req.lang, n) + ")"});
    status_counts.push_back(mstch::map{{"label", t(req, status_key(s))},
                                       {"count", listing::count(req.lang, n)},
                                       {"status", std::string(to_string(s))}});
  }
  std::vector<Choice> assigned = {{"moi", t(req, "mes.review.filter.mine")},
                                  {"aucun", t(req, "mes.review.filter.unassigned")}};

  std::vector<listing::Column> columns = {{"numero", t(req, "mes.review.col.number"), ""},
                                          {"", t(req, "mes.review.col.child"), ""},
                                          {"service", t(req, "mes.review.col.provider"), ""},
                                          {"", t(req, "mes.review.col.type"), ""},
                                          {"statut", t(req, "mes.review.col.status"), ""},
                                          {"transmise", t(req, "mes.review.col.transmitted"), ""},
                                          {"", t(req, "mes.review.col.assigned"), ""}};
  mstch::map ctx{
      {"rows", list},
      {"has_rows", !list.empty()},
      {"total", listing::count(req.lang, total)},
      {"count_words", i18n::fill(t(req, total <= 1 ? "mes.review.count_one" : "mes.review.count"),
                                 {listing::count(req.lang, total)})},
      {"regions", options(regions, f.region)},
      {"kinds", options(kinds, f.kind)},
      {"types", options(types, f.type)},
      {"statuses", options(statuses, f.status)},
      {"status_counts", status_counts},
      {"assignments", options(assigned, f.assigned)},
      {"du", from_day},
      {"au", to_day},
      {"sort", sort.column},
      {"direction", std::string(sort.descending ? "desc" : "asc")},
      {"headers",
       listing::sort_headers(columns, sort, [&](const listing::Sort& s) { return href_of(s, 1); })},
      {"pager", listing::pager(req.lang, page, kPerPage, total,
                               [&](std::int64_t p) { return href_of(sort, p); })},
      {"has_errors", !errors.empty()},
      {"errors", errors},
      {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"}})}};
  // One audit row for the page: who read which requests (children's names are on it).
  std::string ids;
  for (const auto& r : rows) ids += (ids.empty() ? "" : " ") + id_text(r.id);
  access::store::audit(*c, {.user_id = me(req),
                            .action = "mes_queue_read",
                            .record_type = "mes_request",
                            .record_id = "",
                            .detail = ids,
                            .address = req.remote,
                            .request_id = req.request_id});
  return web.page(req, "mes_queue", "mes.review.queue_title", std::move(ctx));
}

// ---------------------------------------------------------------------------------------------
// The review page.

// What a refused form keeps: the message (409 / 422), where it belongs, what was typed.
struct Problem {
  std::string message;
  std::string anchor;   // the field's id on the page
  std::string section;  // a comment form's section
  std::string comment_id;
  std::string body, hours, start, end, reason, decision, extra;
};

mstch::array identity_fields(const Request& req, const rs::Request& r) {
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"identity.child_name", r.child_given_name + " " + r.child_surname},
      {"identity.child_birth_date", r.child_birth_date},
      {"identity.confirmation_number", r.confirmation_number},
      {"identity.provider_name", r.provider_name},
      {"identity.provider_number", r.provider_number},
      {"identity.provider_kind", kind_label(req.lang, r.provider_kind)},
      {"identity.provider_address", r.provider_address}};
  mstch::array out;
  for (const auto& [id, value] : pairs)
    out.push_back(mstch::map{{"label", field_label(req.lang, id)},
                             {"value", value.empty() ? std::string("—") : value}});
  if (r.bc_id)
    out.push_back(mstch::map{{"label", t(req, "mes.review.bc")},
                             {"value", r.bc_name + " (" + r.bc_number + ")"}});
  return out;
}

Response review_page(const web::WebApp& web, db::Connection& c, const Request& req,
                     const rs::Request& r, const Problem& p, int status) {
  const auto st = r.status_enum();
  const auto kind = r.kind_enum();
  auto allowed = [&](Action a) { return decide(st, a, Actor::ministry_agent, kind).allowed(); };
  const bool may_comment = allowed(Action::comment);
  const std::string base = review_href(r.id);
  auto answers = store::answers_from_json(r.answers);
  auto versions = rs::versions(c, r.id);
  auto changes = changes_since_last_transmission(versions);
  auto comments = rs::comments(c, r.id);
  auto attachments = attachments_store::list(c, r.id);

  mstch::array sections;
  for (auto sec : all_sections()) {
    std::string sid(to_string(sec));
    mstch::array fields, moments, attach_rows;
    if (sec == Section::identity) {
      fields = identity_fields(req, r);
    } else if (sec == Section::documents) {
      for (const auto& a : attachments)
        attach_rows.push_back(
            mstch::map{{"href", base + "/documents/" + id_text(a.id)},
                       {"filename", a.filename},
                       {"nature", t(req, "mes.nature." + a.nature)},
                       {"size", listing::count(req.lang, (a.size + 1023) / 1024) + " Ko"},
                       {"pages", listing::count(req.lang, a.pages)},
                       {"uploaded", i18n::day_words(req.lang, a.uploaded_at)}});
    } else {
      for (const auto* fd : fields_of(sec)) {
        if (fd->id.starts_with("typical_day.moment")) continue;  // the moments' table below
        std::string value = answers.get(fd->id);
        if (fd->type == FieldType::read_only && fd->id == "summary.hours" && r.requested_minutes)
          value = hours_text(req.lang, *r.requested_minutes);
        fields.push_back(
            mstch::map{{"label", t(req, fd->label_key())},
                       {"value", value.empty() ? std::string("—") : value_text(req.lang, value)}});
      }
      if (sec == Section::typical_day)
        for (const auto& m : answers.moments)
          moments.push_back(mstch::map{{"start", m.start},
                                       {"end", m.end},
                                       {"transition", value_text(req.lang, m.transition)},
                                       {"label", m.label},
                                       {"needs", m.needs},
                                       {"actions", m.actions}});
    }
    mstch::array changed;
    for (const auto& sc : changes)
      if (sc.section == sec)
        for (const auto& ch : sc.changes)
          changed.push_back(mstch::map{
              {"label", field_label(req.lang, ch.field)},
              {"before", ch.before.empty() ? std::string("—") : value_text(req.lang, ch.before)},
              {"after", ch.after.empty() ? std::string("—") : value_text(req.lang, ch.after)}});
    mstch::array section_comments;
    for (const auto& m : comments) {
      if (m.section != sid) continue;
      bool draft = m.sent_at.empty();
      if (draft && m.author_id != me(req)) continue;  // another agent's drafts stay hers
      std::string state =
          draft ? t(req, "mes.review.comment.draft")
          : !m.corrected_at.empty()
              ? i18n::fill(t(req, "mes.review.comment.corrected"),
                           {when(req, m.corrected_at), m.corrected_name})
              : i18n::fill(t(req, "mes.review.comment.sent"), {when(req, m.sent_at)});
      bool editing_this = p.comment_id == id_text(m.id);
      section_comments.push_back(mstch::map{{"id", id_text(m.id)},
                                            {"body", m.body},
                                            {"edit_body", editing_this ? p.body : m.body},
                                            {"author", m.author_name},
                                            {"version", id_text(m.version)},
                                            {"state", state},
                                            {"draft", draft},
                                            {"corrected", !m.corrected_at.empty()},
                                            {"action", base + "/commentaires/" + id_text(m.id)}});
    }
    sections.push_back(mstch::map{
        {"id", sid},
        {"title", t(req, section_key(sec))},
        {"fields", fields},
        {"has_moments", !moments.empty()},
        {"moments", moments},
        {"is_documents", sec == Section::documents},
        {"attachments", attach_rows},
        {"has_attachments", !attach_rows.empty()},
        {"changed", changed},
        {"has_changes", !changed.empty()},
        {"comments", section_comments},
        {"has_comments", !section_comments.empty()},
        {"may_comment", may_comment},
        {"comment_action", base + "/commentaires"},
        {"typed", p.section == sid ? p.body : std::string()},
        {"comment_error", p.section == sid && p.comment_id.empty() ? p.message : std::string()}});
  }

  mstch::array history;
  for (const auto& e : store::events(c, r.id)) {
    std::string change;
    if (!e.from_status.empty() && !e.to_status.empty() && e.from_status != e.to_status)
      change = t(req, "mes.status." + e.from_status) + " → " + t(req, "mes.status." + e.to_status);
    history.push_back(
        mstch::map{{"when", when(req, e.at)},
                   {"when_iso", e.at},
                   {"who", e.user_name.empty() ? std::string("—") : e.user_name},
                   {"what", e.detail == "create" ? t(req, "mes.event.create")
                                                 : t(req, "mes.review.event." + e.action)},
                   {"change", change},
                   {"detail", e.detail == "create" ? std::string() : e.detail}});
  }

  mstch::array agents;
  for (const auto& a : rs::ministry_agents(c))
    agents.push_back(mstch::map{{"id", id_text(a.id)},
                                {"name", a.name},
                                {"selected", r.assigned_to && *r.assigned_to == a.id}});

  mstch::array letters;
  for (const auto& m : rs::communications(c, r.id))
    letters.push_back(
        mstch::map{{"title", m.title},
                   {"href", base + "/communications/" + id_text(m.id)},
                   {"when", when(req, m.created_at)},
                   {"state", m.read_at.empty() ? t(req, "mes.review.letter.unread")
                                               : i18n::fill(t(req, "mes.review.letter.read"),
                                                            {when(req, m.read_at), m.read_name})},
                   {"read", !m.read_at.empty()}});

  // The decision's period: the reference year (1 April – 31 March) unless typed otherwise.
  std::string year_start = std::to_string(r.reference_year) + "-04-01";
  std::string year_end = std::to_string(r.reference_year + 1) + "-03-31";
  auto drafts = rs::draft_count(c, r.id, me(req));
  std::string kind_words = kind_label(req.lang, r.provider_kind);
  mstch::map ctx{
      {"id", id_text(r.id)},
      {"number", r.number},
      {"base", base},
      {"child", r.child_given_name + " " + r.child_surname},
      {"provider", r.provider_name + " (" + r.provider_number + ")"},
      {"kind", kind_words},
      {"region", r.region.empty() ? std::string("—") : t(req, "region." + r.region)},
      {"type", t(req, "mes.type." + r.type)},
      {"status", r.status},
      {"status_label", t(req, "mes.status." + r.status)},
      {"reference_year",
       std::to_string(r.reference_year) + "–" + std::to_string(r.reference_year + 1)},
      {"transmitted", when(req, r.transmitted_at)},
      {"first_transmitted", when(req, r.first_transmitted_at)},
      {"requested",
       r.requested_minutes ? hours_text(req.lang, *r.requested_minutes) : std::string("—")},
      {"assigned", r.assigned_to ? r.assigned_name : t(req, "mes.review.unassigned")},
      {"assigned_to_me", r.assigned_to && *r.assigned_to == me(req)},
      {"may_assign", allowed(Action::assign)},
      {"agents", agents},
      {"sections", sections},
      {"version_count", std::to_string(versions.size())},
      {"has_previous_version", versions.size() > 1},
      {"drafts", listing::count(req.lang, drafts)},
      {"may_send", may_comment && drafts > 0},
      {"may_conform", allowed(Action::mark_conform)},
      {"may_decide", allowed(Action::grant)},
      {"may_attach", allowed(Action::attach_communication)},
      {"decided", r.status == "accordee" || r.status == "refusee"},
      {"granted", r.status == "accordee"},
      {"granted_hours",
       r.granted_minutes ? hours_text(req.lang, *r.granted_minutes) : std::string()},
      {"period", r.period_start.empty() ? std::string() : r.period_start + " – " + r.period_end},
      {"refused", r.status == "refusee"},
      {"refusal_reason", r.refusal_reason},
      {"decided_by", r.decided_name},
      {"decided_when", when(req, r.decided_at)},
      {"hours", p.hours},
      {"start", p.start.empty() ? year_start : p.start},
      {"end", p.end.empty() ? year_end : p.end},
      {"year_start", year_start},
      {"year_end", year_end},
      {"reason", p.reason},
      {"extra", p.extra},
      {"decision_grant", p.decision != "refuser"},
      {"decision_refuse", p.decision == "refuser"},
      {"letters", letters},
      {"has_letters", !letters.empty()},
      {"history", history},
      {"sent", req.query("envoye").has_value()},
      {"done", req.query("fait").has_value()},
      {"problem", p.message},
      {"problem_anchor", p.anchor.empty() ? std::string("actions") : p.anchor},
      {"has_problem", !p.message.empty() && p.section.empty()},
      {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                   {t(req, "mes.review.queue_title"), "/ministere/mes"}})},
      {"breadcrumb_current", r.number}};
  return web.page(req, "mes_review", "mes.review.title", std::move(ctx), status);
}

// ---------------------------------------------------------------------------------------------
// The ministry's forms.

// A request the ministry reads: transmitted at least once (drafts and deleted ones are the
// provider's: 404). Its forms also find a draft, to refuse what the state machine refuses (409).
std::optional<rs::Request> ministry_request(db::Connection& c, std::int64_t id,
                                            bool with_drafts = false) {
  auto r = rs::request(c, id);
  if (!r || r->status == "supprimee" || (r->status == "brouillon" && !with_drafts))
    return std::nullopt;
  return r;
}

// Is `a` allowed now? Else the reason, 409: on the review page (on a message page for a draft,
// which the ministry does not read).
std::optional<Response> refused(const web::WebApp& web, db::Connection& c, const Request& req,
                                const rs::Request& r, Action a) {
  auto v = decide(r.status_enum(), a, Actor::ministry_agent, r.kind_enum());
  if (v.allowed()) return std::nullopt;
  if (r.status == "brouillon")
    return web.page(req, "message", "mes.review.refused_title",
                    mstch::map{{"text", note_text(req.lang, v.reason)}}, 409);
  return review_page(web, c, req, r, {.message = note_text(req.lang, v.reason)}, 409);
}

// "6", "6,5", "6.5", "6 h", "6 h 30", "6h30", "6:30" -> minutes.
std::optional<int> parse_hours(std::string_view s) {
  std::string v(text::trim(s));
  if (v.empty()) return std::nullopt;
  std::string a, b;
  char sep = 0;
  for (char ch : v) {
    if (ch == ' ') continue;
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      (sep ? b : a) += ch;
    } else if (!sep && (ch == ',' || ch == '.' || ch == ':' || ch == 'h' || ch == 'H')) {
      sep = ch == 'H' ? 'h' : ch;
    } else {
      return std::nullopt;
    }
  }
  if (a.empty() || a.size() > 2 || b.size() > 2) return std::nullopt;
  int hours = std::stoi(a);
  int minutes = 0;
  if (!b.empty()) {
    if (sep == ',' || sep == '.') {
      std::string frac = b.size() == 1 ? b + "0" : b;
      minutes = std::stoi(frac) * 60 / 100;
    } else {
      minutes = std::stoi(b);
      if (minutes >= 60) return std::nullopt;
    }
  }
  return hours * 60 + minutes;
}

std::string label_colon(const Request& req, const std::string& key) {
  return t(req, key) + (req.lang == "fr" ? " : " : ": ");
}

}  // namespace

LetterData letter_of(const rs::Request& r, const std::string& agent, const std::string& extra) {
  LetterData d;
  d.request_number = r.number;
  d.type = request_type_from(r.type).value_or(RequestType::new_request);
  d.date = dates::today_in_quebec();
  d.provider_name = r.provider_name;
  d.provider_address = r.provider_address;
  d.child_name = r.child_given_name + " " + r.child_surname;
  auto status = r.status_enum();
  d.decision = status == Status::accordee  ? Decision::granted
               : status == Status::refusee ? Decision::refused
                                           : Decision::conform;
  if (r.granted_minutes) d.granted_minutes = static_cast<int>(*r.granted_minutes);
  d.period_start = dates::parse(r.period_start);
  d.period_end = dates::parse(r.period_end);
  d.refusal_reason = r.refusal_reason;
  d.agent_name = agent;
  d.extra = extra;
  return d;
}

void add_review_routes(web::WebApp& web) {
  auto& router = web.router();
  auto& pool = web.pool();
  const auto ministry = Access::ministry();

  router.add("GET", "/ministere/mes", ministry,
             [&web, &pool](Request& req) { return queue_page(web, pool, req); });

  router.add("GET", "/ministere/mes/{request}", ministry, [&web, &pool](Request& req) {
    auto id = id_param(req, "request");
    if (!id) return web.error(404, req);
    auto c = pool.acquire();
    auto r = ministry_request(*c, *id);
    if (!r) return web.error(404, req);
    audit(*c, req, "mes_review_read", *r, r->organization_id);
    return review_page(web, *c, req, *r, {}, 200);
  });

  // Runs `fn` on a ministry's request with the posted form; 404 / 4xx before.
  using Fn = std::function<Response(db::Connection&, rs::Request&, const http::Form&)>;
  auto posting = [&web, &pool](Request& req, const Fn& fn) -> Response {
    auto id = id_param(req, "request");
    if (!id) return web.error(404, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    db::Transaction tx(*c);
    auto r = ministry_request(*c, *id, true);
    if (!r) return web.error(404, req);
    auto res = fn(*c, *r, *form.form);
    if (res.status == 303) tx.commit();
    return res;
  };

  // Assignment: « M'assigner » (agent=moi) or another agent of the ministry (agent=<id>), or
  // nobody (agent=aucun).
  router.add("POST", "/ministere/mes/{request}/assigner", ministry, [&web, posting](Request& req) {
    return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form& f) {
      if (auto no = refused(web, c, req, r, Action::assign)) return *no;
      std::string v = f.get("agent").value_or("");
      std::optional<std::int64_t> agent;
      if (v == "moi") {
        agent = me(req);
      } else if (v != "aucun") {
        auto n = text::to_int(v);
        if (!n || !rs::is_ministry_agent(c, *n))
          return review_page(
              web, c, req, r,
              {.message = label_colon(req, "mes.review.assign_to") + t(req, "mes.review.bad_agent"),
               .anchor = "agent"},
              422);
        agent = *n;
      }
      rs::assign(c, r.id, agent);
      std::string name;
      for (const auto& a : rs::ministry_agents(c))
        if (agent && a.id == *agent) name = a.name;
      store::record_event(c, r.id, me(req), Action::assign, r.status_enum(), r.status_enum(), name);
      audit(c, req, "mes_assign", r, r.organization_id, name);
      return Response::redirect(review_href(r.id) + "?fait=1#resume", 303);
    });
  });

  // A comment on a section, kept as the agent's draft until sent.
  auto check_body = [](const Request& req, const std::string& body) -> std::string {
    if (!text::valid_utf8(body)) return t(req, "mes.review.comment.bad_text");
    if (text::trim(body).empty()) return t(req, "mes.review.comment.empty");
    if (characters(body) > kMaxComment)
      return i18n::fill(t(req, "mes.review.comment.too_long"),
                        {listing::count(req.lang, kMaxComment)});
    return "";
  };
  router.add("POST", "/ministere/mes/{request}/commentaires", ministry,
             [&web, posting, check_body](Request& req) {
               return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form& f) {
                 if (auto no = refused(web, c, req, r, Action::comment)) return *no;
                 auto section = section_from(f.get("section").value_or(""));
                 if (!section) return web.error(422, req);
                 std::string sid(to_string(*section));
                 std::string body(text::trim(f.get("body").value_or("")));
                 if (auto e = check_body(req, body); !e.empty())
                   return review_page(web, c, req, r,
                                      {.message = label_colon(req, "mes.review.comment.label") + e,
                                       .section = sid,
                                       .body = body},
                                      422);
                 auto id = rs::add_comment(c, r.id, sid, body, rs::last_version(c, r.id), me(req));
                 audit(c, req, "mes_comment_write", r, r.organization_id, "comment " + id_text(id));
                 return Response::redirect(review_href(r.id) + "#section-" + sid, 303);
               });
             });

  // Edit (body) or delete (supprimer=1) one of the agent's own drafts.
  router.add(
      "POST", "/ministere/mes/{request}/commentaires/{comment}", ministry,
      [&web, posting, check_body](Request& req) {
        return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form& f) {
          auto cid = id_param(req, "comment");
          auto m = cid ? rs::comment(c, r.id, *cid) : std::nullopt;
          if (!m || (m->sent_at.empty() && m->author_id != me(req))) return web.error(404, req);
          if (!m->sent_at.empty())
            return review_page(web, c, req, r,
                               {.message = t(req, "mes.review.comment.already_sent")}, 409);
          if (f.get("supprimer")) {
            rs::delete_comment(c, m->id);
            audit(c, req, "mes_comment_delete", r, r.organization_id, "comment " + id_text(m->id));
            return Response::redirect(review_href(r.id) + "#section-" + m->section, 303);
          }
          std::string body(text::trim(f.get("body").value_or("")));
          if (auto e = check_body(req, body); !e.empty())
            return review_page(web, c, req, r,
                               {.message = label_colon(req, "mes.review.comment.label") + e,
                                .section = m->section,
                                .comment_id = id_text(m->id),
                                .body = body},
                               422);
          rs::edit_comment(c, m->id, body);
          audit(c, req, "mes_comment_write", r, r.organization_id, "comment " + id_text(m->id));
          return Response::redirect(review_href(r.id) + "#section-" + m->section, 303);
        });
      });

  // « Envoyer les commentaires »: the agent's drafts go to the provider, the request to
  // Commentaires, an e-mail notice to its MES staff.
  router.add(
      "POST", "/ministere/mes/{request}/envoyer-commentaires", ministry,
      [&web, posting](Request& req) {
        return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form&) {
          if (auto no = refused(web, c, req, r, Action::comment)) return *no;
          auto v = decide(r.status_enum(), Action::comment, Actor::ministry_agent, r.kind_enum());
          if (rs::draft_count(c, r.id, me(req)) == 0)
            return review_page(web, c, req, r, {.message = t(req, "mes.review.no_drafts")}, 422);
          auto n = rs::send_comments(c, r.id, me(req));
          rs::set_status(c, r.id, *v.to, me(req));
          store::record_event(c, r.id, me(req), Action::comment, r.status_enum(), *v.to,
                              std::to_string(n));
          audit(c, req, "mes_comments_send", r, r.organization_id, std::to_string(n));
          notify(c, r, "comments");
          return Response::redirect(review_href(r.id) + "?envoye=1#resume", 303);
        });
      });

  // « Conforme ».
  router.add("POST", "/ministere/mes/{request}/conforme", ministry, [&web, posting](Request& req) {
    return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form&) {
      if (auto no = refused(web, c, req, r, Action::mark_conform)) return *no;
      rs::set_conform(c, r.id, me(req));
      store::record_event(c, r.id, me(req), Action::mark_conform, r.status_enum(),
                          Status::conforme);
      audit(c, req, "mes_conform", r, r.organization_id);
      return Response::redirect(review_href(r.id) + "?fait=1#resume", 303);
    });
  });

  // The decision: granted (hours per day, at most 8, MES-06; the period within the reference
  // year) or refused (the reason required).
  router.add("POST", "/ministere/mes/{request}/decision", ministry, [&web, posting](Request& req) {
    return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form& f) {
      std::string decision = f.get("decision").value_or("");
      Problem p{.hours = f.get("heures").value_or(""),
                .start = f.get("debut").value_or(""),
                .end = f.get("fin").value_or(""),
                .reason = std::string(text::trim(f.get("motif").value_or(""))),
                .decision = decision};
      auto fail = [&](const std::string& key, const std::string& anchor,
                      std::vector<std::string> values = {}) {
        Problem q = p;
        q.message = i18n::fill(t(req, key), values);
        q.anchor = anchor;
        return review_page(web, c, req, r, q, 422);
      };
      if (decision == "refuser") {
        if (auto no = refused(web, c, req, r, Action::refuse)) return *no;
        if (p.reason.empty()) return fail("mes.review.decision.reason_required", "motif");
        if (!text::valid_utf8(p.reason) || characters(p.reason) > kMaxReason)
          return fail("mes.review.decision.reason_too_long", "motif",
                      {listing::count(req.lang, kMaxReason)});
        rs::refuse(c, r.id, p.reason, me(req));
        store::record_event(c, r.id, me(req), Action::refuse, r.status_enum(), Status::refusee);
        audit(c, req, "mes_refuse", r, r.organization_id);
        return Response::redirect(review_href(r.id) + "?fait=1#resume", 303);
      }
      if (decision != "accorder") return fail("mes.review.decision.choose", "decision");
      if (auto no = refused(web, c, req, r, Action::grant)) return *no;
      auto minutes = parse_hours(p.hours);
      if (!minutes || *minutes <= 0) return fail("mes.review.decision.bad_hours", "heures");
      if (*minutes > kMaxMinutesPerDay)
        return fail("mes.review.decision.over_max", "heures", {hours_text(req.lang, *minutes)});
      auto start = dates::parse(text::trim(p.start));
      auto end = dates::parse(text::trim(p.end));
      if (p.start.empty() || p.end.empty())
        return fail("mes.review.decision.period_required", p.start.empty() ? "debut" : "fin");
      if (!start || !end) return fail("mes.review.decision.bad_date", !start ? "debut" : "fin");
      auto year_start = dates::from_ymd(static_cast<int>(r.reference_year), 4, 1);
      auto year_end = dates::from_ymd(static_cast<int>(r.reference_year + 1), 3, 31);
      if (*end < *start) return fail("mes.review.decision.end_before_start", "fin");
      if (*start < year_start || *end > year_end)
        return fail("mes.review.decision.outside_year", "debut",
                    {dates::format(year_start), dates::format(year_end)});
      rs::grant(c, r.id, *minutes, dates::format(*start), dates::format(*end), me(req));
      store::record_event(
          c, r.id, me(req), Action::grant, r.status_enum(), Status::accordee,
          hours_text("fr", *minutes) + ", " + dates::format(*start) + " – " + dates::format(*end));
      audit(c, req, "mes_grant", r, r.organization_id);
      return Response::redirect(review_href(r.id) + "?fait=1#resume", 303);
    });
  });

  // A communication: the letter generated from the request as it stands (an optional paragraph
  // added), stored with its SHA-256; the provider's MES staff get an e-mail notice.
  router.add(
      "POST", "/ministere/mes/{request}/communications", ministry, [&web, posting](Request& req) {
        return posting(req, [&](db::Connection& c, rs::Request& r, const http::Form& f) {
          if (auto no = refused(web, c, req, r, Action::attach_communication)) return *no;
          std::string extra(text::trim(f.get("precisions").value_or("")));
          if (!text::valid_utf8(extra) || characters(extra) > kMaxComment)
            return review_page(web, c, req, r,
                               {.message = i18n::fill(t(req, "mes.review.letter.too_long"),
                                                      {listing::count(req.lang, kMaxComment)}),
                                .anchor = "precisions",
                                .extra = extra},
                               422);
          std::string agent;
          for (const auto& a : rs::ministry_agents(c))
            if (a.id == me(req)) agent = a.name;
          auto letter = letter_of(r, agent, extra);
          std::string title = communication_title(letter);
          auto id = rs::add_communication(c, r.id, title, communication_filename(letter),
                                          communication_pdf(letter), true, me(req));
          store::record_event(c, r.id, me(req), Action::attach_communication, r.status_enum(),
                              r.status_enum(), title);
          audit(c, req, "mes_communication_write", r, r.organization_id,
                "communication " + id_text(id));
          if (notify(c, r, "letter") > 0)
            c.run("UPDATE mes_communications SET notified = 1 WHERE id = $1", id);
          return Response::redirect(review_href(r.id) + "?fait=1#communications", 303);
        });
      });

  // The ministry reads a communication it attached.
  router.add("GET", "/ministere/mes/{request}/communications/{communication}", ministry,
             [&web, &pool](Request& req) {
               auto id = id_param(req, "request");
               auto cid = id_param(req, "communication");
               if (!id || !cid) return web.error(404, req);
               auto c = pool.acquire();
               auto r = ministry_request(*c, *id);
               auto m = r ? rs::communication(*c, r->id, *cid) : std::nullopt;
               if (!m) return web.error(404, req);
               audit(*c, req, "mes_communication_read", *r, r->organization_id,
                     "communication " + id_text(m->id));
               Response res;
               res.body = rs::communication_content(*c, m->id);
               res.set("Content-Type", "application/pdf");
               res.set("Content-Disposition", "inline; filename=\"" + m->filename + "\"");
               res.set("Cache-Control", "no-store");
               return res;
             });

  // ---- the provider ----------------------------------------------------------------------
  // Who acts for the provider, from the rights on the URL's organization (the BC's designated
  // person when the URL is the BC of a home-based request).
  auto provider_actor = [](const Request& req, const rs::Request& r) {
    const auto& target = *access::auth_of(req).target;
    bool sign = access::may(req, access::Right::sign_mes);
    if (r.bc_id && target.id == *r.bc_id)
      return sign                                         ? Actor::bc_designated
             : access::may(req, access::Right::enter_mes) ? Actor::provider_editor
                                                          : Actor::provider_reader;
    if (sign) return Actor::provider_signer;
    if (access::may(req, access::Right::enter_mes)) return Actor::provider_editor;
    return Actor::provider_reader;
  };
  auto refusal_page = [&web](const Request& req, const Note& n) {
    return web.page(req, "message", "mes.review.refused_title",
                    mstch::map{{"text", note_text(req.lang, n)}}, 409);
  };
  const std::vector<std::string> kinds = {"installation", "bc", "rsge"};

  // Tick « Corrigé » on a sent comment (red → green).
  router.add("POST", "/installations/{installation}/mes/{request}/comments/{comment}/corrige",
             Access::with_right("enter_mes", "installation").of_kinds(kinds),
             [&web, &pool, provider_actor, refusal_page](Request& req) {
               const auto& org = *access::auth_of(req).target;
               auto id = id_param(req, "request");
               auto cid = id_param(req, "comment");
               if (!id || !cid) return web.error(404, req);
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto c = pool.acquire();
               db::Transaction tx(*c);
               auto r = rs::request_of(*c, *id, org.id);
               auto m = r ? rs::comment(*c, r->id, *cid) : std::nullopt;
               if (!m || m->sent_at.empty()) return web.error(404, req);
               auto v = decide(r->status_enum(), Action::mark_corrected, provider_actor(req, *r),
                               r->kind_enum());
               if (!v.allowed()) return refusal_page(req, v.reason);
               if (m->corrected_at.empty()) {
                 rs::mark_corrected(*c, m->id, me(req));
                 store::record_event(
                     *c, r->id, me(req), Action::mark_corrected, r->status_enum(), r->status_enum(),
                     t(req, section_key(section_from(m->section).value_or(Section::summary))));
                 audit(*c, req, "mes_comment_corrected", *r, org.id, "comment " + id_text(m->id));
               }
               tx.commit();
               return Response::redirect(
                   "/installations/" + org.number + "/mes/" + id_text(r->id) + "#commentaires",
                   303);
             });

  // Read a communication: the PDF inline; read_at / read_by the first time; an audit row.
  router.add("GET", "/installations/{installation}/mes/{request}/communications/{communication}",
             Access::with_right("consult_mes", "installation").of_kinds(kinds),
             [&web, &pool, provider_actor, refusal_page](Request& req) {
               const auto& org = *access::auth_of(req).target;
               auto id = id_param(req, "request");
               auto cid = id_param(req, "communication");
               if (!id || !cid) return web.error(404, req);
               auto c = pool.acquire();
               auto r = rs::request_of(*c, *id, org.id);
               auto m = r ? rs::communication(*c, r->id, *cid) : std::nullopt;
               if (!m) return web.error(404, req);
               auto v = decide(r->status_enum(), Action::read_communication,
                               provider_actor(req, *r), r->kind_enum());
               if (!v.allowed()) return refusal_page(req, v.reason);
               {
                 db::Transaction tx(*c);
                 if (rs::mark_read(*c, m->id, me(req)))
                   store::record_event(*c, r->id, me(req), Action::read_communication,
                                       r->status_enum(), r->status_enum(), m->title);
                 audit(*c, req, "mes_communication_read", *r, org.id,
                       "communication " + id_text(m->id));
                 tx.commit();
               }
               Response res;
               res.body = rs::communication_content(*c, m->id);
               res.set("Content-Type", "application/pdf");
               res.set("Content-Disposition", "inline; filename=\"" + m->filename + "\"");
               res.set("Cache-Control", "no-store");
               return res;
             });
}

}  // namespace sgee::mes
