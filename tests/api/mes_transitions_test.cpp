// MES: the request's state machine (issue 16, « Done when » 2; MES-09…MES-13) through the real
// HTTP routes of the `sgee` binary on the demo data, on the engine under test. For EVERY status ×
// EVERY route that performs an action × each actor — on an installation's request (a CPE): the
// provider's MES editor without the signing right, its director who signs, the ministry's agent;
// on a home-based request (MES-13): the BC's designated person, the RSGE herself, the agent — the
// server does exactly what mes::decide allows:
//   - the route's declared access is missing (a provider on a ministry route, the ministry on a
//     provider route, the editor on « Signer » / « Transmettre »): 403; a URL of an organization
//     kind the route does not serve (the RSGE's own URL on most provider routes): 404; nothing
//     changed;
//   - a deleted request (status Supprimée) is found by no route: 404, nothing changed (decide
//     refuses it all the same);
//   - decide refuses: 409 with decide's reason on the page, nothing changed (status, revision,
//     answers, signature, assignment, decision, comments, versions, attachments, communications,
//     events);
//   - decide allows: the route's success (303, or 200 for a communication read), the status in
//     the database is the verdict's (a deleted draft: the row gone) and the action's effect there.
// The expectations are computed from mes::decide and from the routes' access (the tables below
// mirror how add_provider_routes, add_attachment_routes and add_review_routes declare it); the
// hard-coded spot checks besides make sure a wrong decide mirrored by the server cannot pass.
// Each case runs on a fresh request row: a copy, in SQL, of a complete, signed draft made once
// through the provider's pages (with, per route, the comment, draft, letter or attachment it acts
// on), so that the state machine is the only thing that can refuse.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>

#include "browser.hpp"
#include "mes/provider_pages.hpp"
#include "mes/status_rules.hpp"
#include "mes/store.hpp"
#include "platform/pdf_out.hpp"

namespace sgee::test {
namespace {

using mes::Action;
using mes::Actor;
using mes::Status;

const std::string kEditor = "E0000006", kEditorPassword = "Mes-saisie-2026";         // 20000001
const std::string kDirector = "E0000007", kDirectorPassword = "Mes-direction-2026";  // 20000001
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";
const std::string kBase = "/installations/20000001/mes";
const std::string kBoundary = "----sgeeTransitionsBoundary";

// The routes that perform an action, with their access as declared.
enum class Route {
  save_section,     // POST …/mes/{request}/sections/{section}          enter_mes
  upload,           // POST …/mes/{request}/documents                   enter_mes
  drop_attachment,  // POST …/mes/{request}/documents/{a}/supprimer     enter_mes
  sign,             // POST …/mes/{request}/signer                      sign_mes
  transmit,         // POST …/mes/{request}/transmettre                 sign_mes
  delete_request,   // POST …/mes/{request}/supprimer                   enter_mes
  mark_corrected,   // POST …/mes/{request}/comments/{c}/corrige        enter_mes
  read_letter,      // GET  …/mes/{request}/communications/{m}          consult_mes
  assign,           // POST /ministere/mes/{request}/assigner           ministry
  write_comment,    // POST /ministere/mes/{request}/commentaires       ministry
  send_comments,    // POST /ministere/mes/{request}/envoyer-commentaires ministry
  conform,          // POST /ministere/mes/{request}/conforme           ministry
  grant,            // POST /ministere/mes/{request}/decision accorder  ministry
  refuse,           // POST /ministere/mes/{request}/decision refuser   ministry
  attach_letter,    // POST /ministere/mes/{request}/communications     ministry
};

struct RouteInfo {
  Route route;
  std::string name;
  Action action;
  std::string right;      // the provider's right the route declares; "" for Access::ministry()
  int success;            // the answer when it is done
  bool moves;             // the route makes the transition (writing a comment draft does not)
  bool rsge_url = false;  // serves the URL of an RSGE too (its kinds list "rsge")
};

const std::vector<RouteInfo>& provider_routes() {
  static const std::vector<RouteInfo> v = {
      {Route::save_section, "save a section", Action::save, "enter_mes", 303, true},
      {Route::upload, "upload an attachment", Action::save, "enter_mes", 303, true},
      {Route::drop_attachment, "delete an attachment", Action::save, "enter_mes", 303, true},
      {Route::sign, "sign", Action::sign, "sign_mes", 303, true},
      {Route::transmit, "transmit", Action::transmit, "sign_mes", 303, true},
      {Route::delete_request, "delete the request", Action::delete_request, "enter_mes", 303, true},
      {Route::mark_corrected, "tick Corrigé", Action::mark_corrected, "enter_mes", 303, true, true},
      {Route::read_letter, "read a communication", Action::read_communication, "consult_mes", 200,
       true, true},
  };
  return v;
}

const std::vector<RouteInfo>& ministry_routes() {
  static const std::vector<RouteInfo> v = {
      {Route::assign, "assign", Action::assign, "", 303, true},
      {Route::write_comment, "write a comment draft", Action::comment, "", 303, false},
      {Route::send_comments, "send the comments", Action::comment, "", 303, true},
      {Route::conform, "conform", Action::mark_conform, "", 303, true},
      {Route::grant, "grant", Action::grant, "", 303, true},
      {Route::refuse, "refuse", Action::refuse, "", 303, true},
      {Route::attach_letter, "attach a communication", Action::attach_communication, "", 303, true},
  };
  return v;
}

const RouteInfo& info(Route r) {
  for (const auto* list : {&provider_routes(), &ministry_routes()})
    for (const auto& i : *list)
      if (i.route == r) return i;
  throw std::logic_error("route");
}

enum class Who { editor, director, agent, bc_person, rsge, bc_agent };

struct Person {
  Who who;
  std::string name, login, password;
  std::string org;               // the organization of the URLs they use
  std::string org_kind;          // its kind: installation, bc, rsge
  std::set<std::string> rights;  // there, as the demo grants them (mes/demo.cpp, access/demo.cpp)
  bool ministry = false;
  bool bc_side = false;  // the BC of the home-based request
  Actor actor() const {
    if (ministry) return Actor::ministry_agent;
    return mes::store::actor_of(bc_side, rights.count("sign_mes") > 0,
                                rights.count("enter_mes") > 0);
  }
};

const std::set<std::string> kAllRights = {"consult_mes", "enter_mes", "sign_mes"};

// The installation's request (a CPE): its MES editor, its director, the ministry's agent.
const std::vector<Person>& people() {
  static const std::vector<Person> v = {
      {Who::editor,
       "editor",
       kEditor,
       kEditorPassword,
       "20000001",
       "installation",
       {"consult_mes", "enter_mes"}},
      {Who::director, "director", kDirector, kDirectorPassword, "20000001", "installation",
       kAllRights},
      {Who::agent,
       "ministry agent",
       kMinistry,
       kMinistryPassword,
       "20000001",
       "installation",
       {},
       true},
  };
  return v;
}

// A home-based request (MES-13) of the RSGE 40000001: the BC's person (its RSE: every right on the
// BC, so the designated person who signs), the RSGE herself (her own RSE), the ministry's agent.
const std::vector<Person>& home_based_people() {
  static const std::vector<Person> v = {
      {Who::bc_person, "BC's designated person", "E0000004", "Rse-bc-capitale-2026", "30000001",
       "bc", kAllRights, false, true},
      {Who::rsge, "RSGE herself", "E0000005", "Rsge-marie-2026", "40000001", "rsge", kAllRights},
      {Who::bc_agent, "ministry agent", kMinistry, kMinistryPassword, "30000001", "bc", {}, true},
  };
  return v;
}

const Person& person(Who w) {
  for (const auto* list : {&people(), &home_based_people()})
    for (const auto& p : *list)
      if (p.who == w) return p;
  throw std::logic_error("person");
}

// The answer of the route's access check (http::Access as declared), 0 when it lets them in: a
// URL of a kind the route does not serve is an unknown organization (404).
int access_answer(const RouteInfo& r, const Person& p) {
  if (r.right.empty()) return p.ministry ? 0 : 403;
  if (p.org_kind == "rsge" && !r.rsge_url) return 404;
  return p.rights.count(r.right) ? 0 : 403;
}

std::string small_pdf() {
  pdf::Document d("Autre document", "MES");
  d.heading("Autre document");
  d.paragraph("Une note de l'équipe éducative.");
  return d.render();
}

std::string multipart(const std::string& csrf, const std::string& content) {
  std::string b;
  auto field = [&](const std::string& name, const std::string& value) {
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
  };
  field("csrf", csrf);
  field("nature", "other");
  field("document_date", "");
  b += "--" + kBoundary +
       "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"note.pdf\"\r\n"
       "Content-Type: application/pdf\r\n\r\n" +
       content + "\r\n";
  b += "--" + kBoundary + "--\r\n";
  return b;
}

// What a case expects.
struct Expect {
  int code = 0;
  std::optional<Status> to;  // allowed: the status after ("gone" for a deleted draft)
  std::string reason;        // refused by the state machine: its reason, as the page says it
};

class MesTransitions : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    if (HasFatalFailure()) return;
    db = sql();
    agent_id = db->run("SELECT id FROM users WHERE user_code = $1", kMinistry).first().i64(0);
    director_id = db->run("SELECT id FROM users WHERE user_code = $1", kDirector).first().i64(0);
    std::vector<Person> everyone = people();
    for (const auto& p : home_based_people())
      if (!p.ministry) everyone.push_back(p);
    for (const auto& p : everyone) {
      auto b = std::make_unique<Browser>(port());
      auto r = sign_in(*b, p.login, p.password);
      ASSERT_EQ(r.status, 303) << p.login << r.body;
      auto page = b->get("/tableau-de-bord");
      std::string token = hidden_csrf(page.body);
      csrf[p.who] = token.empty() ? b->jar.get("sgee_csrf") : token;
      browsers[p.who] = std::move(b);
    }
    make_template();
    pdf_bytes = small_pdf();
  }

  // A complete draft made through the provider's pages (as mes_provider_test does): created for
  // Maëlle (every prerequisite met), every page filled, the signed form attached, signed by the
  // director. Each case copies it.
  void make_template() {
    auto& b = *browsers[Who::director];
    auto kid = db->run(
                     "SELECT confirmation_number, birth_date FROM portail_children WHERE surname = "
                     "'Dufresne'")
                   .first();
    auto page = b.get(kBase + "/nouvelle");
    ASSERT_EQ(page.status, 200);
    auto made = b.post(kBase + "/nouvelle", {{"csrf", hidden_csrf(page.body)},
                                             {"place", "20000001"},
                                             {"confirmation", kid.str(0)},
                                             {"birth_date", kid.str(1)},
                                             {"type", "new"}});
    ASSERT_EQ(made.status, 303) << made.body;
    std::smatch found;
    std::string location = made.header("location");
    ASSERT_TRUE(std::regex_search(location, found, std::regex("/mes/([0-9]+)/sections/situation$")))
        << location;
    const std::int64_t id = std::stoll(found[1]);
    auto save = [&](const std::string& section, Fields fields) {
      auto url = request_url(id) + "/sections/" + section;
      auto p = b.get(url);
      auto rev = db->run("SELECT revision FROM mes_requests WHERE id = $1", id).first();
      fields.insert(fields.begin(), {{"csrf", hidden_csrf(p.body)},
                                     {"revision", std::to_string(rev.i64(0))},
                                     {"go", "next"}});
      return b.post(url, fields).status;
    };
    ASSERT_EQ(save("situation", situation()), 303);
    Fields needs;
    for (std::string sub : {"care", "mobility", "communication", "social", "behaviour"}) {
      bool yes = sub == "communication";
      needs.push_back({"needs." + sub + ".exceptional", yes ? "yes" : "no"});
      if (yes) {
        needs.push_back({"needs." + sub + ".difficulty", "Ne s'exprime pas verbalement."});
        needs.push_back({"needs." + sub + ".support", "Pictogrammes à chaque transition."});
      }
    }
    ASSERT_EQ(save("needs", needs), 303);
    Fields day = {{"moment_count", "2"}};
    for (int i = 1; i <= 2; ++i) {
      std::string p = "typical_day.moments." + std::to_string(i) + ".";
      day.push_back({p + "start", i == 1 ? "08:00" : "10:00"});
      day.push_back({p + "end", i == 1 ? "12:00" : "14:00"});
      day.push_back({p + "transition", i == 1 ? "yes" : "no"});
      day.push_back({p + "label", "Moment " + std::to_string(i)});
      day.push_back({p + "needs", "Besoin de repères visuels."});
      day.push_back({p + "actions", "L'accompagnatrice montre les pictogrammes."});
    }
    ASSERT_EQ(save("typical_day", day), 303);
    ASSERT_EQ(save("summary", {}), 303);
    db->run(
        "INSERT INTO mes_attachments (request_id, nature, filename, size, pages, sha256, content, "
        "uploaded_at) VALUES ($1, 'signed_form', 'formulaire.pdf', 4, 1, $2, $3, "
        "'2026-01-01T00:00:00Z')",
        id, std::string(64, 'a'), std::string("%PDF"));
    auto signed_ =
        b.post(request_url(id) + "/signer", {{"csrf", csrf[Who::director]}, {"attest", "1"}});
    ASSERT_EQ(signed_.status, 303) << signed_.body;
    auto row = db->run(
                     "SELECT provider_kind, reference_year, signed_hash FROM mes_requests WHERE "
                     "id = $1",
                     id)
                   .first();
    ASSERT_EQ(row.str(0), "cpe");
    ASSERT_FALSE(row.is_null(2));
    reference_year = row.i64(1);
    template_id = id;
  }

  static Fields situation() {
    return {{"situation.attendance_start", "2025-09-02"},
            {"situation.days_per_week", "5"},
            {"situation.schedule", "7 h 30 à 16 h 30"},
            {"situation.impairment", "Trouble du spectre de l'autisme"},
            {"situation.integration_plan", "no"}};
  }

  static std::string request_url(std::int64_t id, const std::string& org = "20000001") {
    return "/installations/" + org + "/mes/" + std::to_string(id);
  }
  static std::string review_url(std::int64_t id) { return "/ministere/mes/" + std::to_string(id); }

  // The ids a case acts on.
  struct Made {
    std::int64_t id = 0, comment = 0, attachment = 0, communication = 0;
  };

  std::int64_t add_comment(std::int64_t id, const std::string& section, bool sent, bool corrected) {
    const std::string at = "2026-05-05T10:00:00Z";
    return db
        ->run(
            "INSERT INTO mes_comments (request_id, section, body, version, author_id, created_at, "
            "sent_at, corrected_at, corrected_by) VALUES ($1, $2, 'Précisez.', 1, $3, $4, $5, $6, "
            "$7) RETURNING id",
            id, section, agent_id, at, sent ? std::optional<std::string>(at) : std::nullopt,
            corrected ? std::optional<std::string>(at) : std::nullopt,
            corrected ? std::optional<std::int64_t>(director_id) : std::nullopt)
        .first()
        .i64(0);
  }

  // A fresh request in status `s`, a copy of the template, with what the route needs besides the
  // status (so that only the state machine can refuse it).
  Made prepare(Status s, Route route, mes::ProviderKind kind) {
    Made m;
    const std::string st(mes::to_string(s));
    const bool transmitted = s != Status::brouillon;
    const std::string at = "2026-05-04T14:00:00Z";
    m.id = db->run(
                 "INSERT INTO mes_requests (number, organization_id, bc_id, provider_kind, "
                 "child_id, dossier_id, type, status, reference_year, answers, requested_minutes, "
                 "revision, created_at, created_by, updated_at, signed_by, signed_at, "
                 "signed_hash, first_transmitted_at, transmitted_at) SELECT $1, organization_id, "
                 "bc_id, provider_kind, child_id, dossier_id, type, $2, reference_year, answers, "
                 "requested_minutes, 1, created_at, created_by, updated_at, signed_by, signed_at, "
                 "signed_hash, $3, $3 FROM mes_requests WHERE id = $4 RETURNING id",
                 "MES-T-" + std::to_string(++serial), st,
                 transmitted ? std::optional<std::string>(at) : std::nullopt, template_id)
               .first()
               .i64(0);
    db->run(
        "INSERT INTO mes_attachments (request_id, nature, filename, size, pages, sha256, "
        "document_date, content, uploaded_at, uploaded_by) SELECT $1, nature, filename, size, "
        "pages, sha256, document_date, content, uploaded_at, uploaded_by FROM mes_attachments "
        "WHERE request_id = $2",
        m.id, template_id);
    m.attachment =
        db->run("SELECT MIN(id) FROM mes_attachments WHERE request_id = $1", m.id).first().i64(0);
    if (transmitted)
      db->run(
          "INSERT INTO mes_versions (request_id, number, type, answers, attachments, "
          "content_hash, transmitted_at) SELECT id, 1, type, answers, '[]', signed_hash, $2 FROM "
          "mes_requests WHERE id = $1",
          m.id, at);
    if (kind == mes::ProviderKind::rsge)
      db->run(
          "UPDATE mes_requests SET provider_kind = 'rsge', organization_id = (SELECT id FROM "
          "organizations WHERE number = '40000001'), bc_id = (SELECT id FROM organizations WHERE "
          "number = '30000001') WHERE id = $1",
          m.id);
    if (s == Status::conforme || s == Status::accordee || s == Status::refusee)
      db->run("UPDATE mes_requests SET conform_at = $1 WHERE id = $2", at, m.id);
    if (s == Status::accordee)
      db->run(
          "UPDATE mes_requests SET granted_minutes = 360, period_start = $1, period_end = $2, "
          "decided_at = $3, decided_by = $4 WHERE id = $5",
          std::to_string(reference_year) + "-09-01", std::to_string(reference_year + 1) + "-03-31",
          at, agent_id, m.id);
    if (s == Status::refusee)
      db->run(
          "UPDATE mes_requests SET refusal_reason = 'Non démontré.', decided_at = $1, "
          "decided_by = $2 WHERE id = $3",
          at, agent_id, m.id);
    switch (route) {
      case Route::save_section:
      case Route::upload:
      case Route::drop_attachment:
        // In Commentaires only the commented sections reopen: the form's page and the documents.
        add_comment(m.id, "situation", true, false);
        add_comment(m.id, "documents", true, false);
        break;
      case Route::sign:
        db->run(
            "UPDATE mes_requests SET signed_by = NULL, signed_at = NULL, signed_hash = NULL "
            "WHERE id = $1",
            m.id);
        break;
      case Route::transmit:
        add_comment(m.id, "situation", true, true);  // every comment ticked « Corrigé »
        break;
      case Route::mark_corrected: m.comment = add_comment(m.id, "situation", true, false); break;
      case Route::read_letter:
        m.communication =
            db->run(
                  "INSERT INTO mes_communications (request_id, title, filename, size, sha256, "
                  "generated, content, created_at, created_by) VALUES ($1, 'Lettre', "
                  "'lettre.pdf', 4, $2, 1, $3, $4, $5) RETURNING id",
                  m.id, std::string(64, 'b'), std::string("%PDF"), at, agent_id)
                .first()
                .i64(0);
        break;
      case Route::send_comments:
        m.comment = add_comment(m.id, "situation", false, false);  // the agent's draft
        break;
      default: break;
    }
    return m;
  }

  // Everything a route could change about a request, in one line; "gone" once removed.
  std::string snapshot(std::int64_t id) {
    auto r = db->run(
        "SELECT status, CAST(revision AS TEXT), answers, COALESCE(signed_hash, ''), "
        "COALESCE(signed_at, ''), COALESCE(CAST(assigned_to AS TEXT), ''), "
        "COALESCE(conform_at, ''), COALESCE(CAST(granted_minutes AS TEXT), ''), "
        "COALESCE(refusal_reason, ''), COALESCE(decided_at, ''), COALESCE(transmitted_at, ''), "
        "updated_at, "
        "CAST((SELECT COUNT(*) FROM mes_versions v WHERE v.request_id = r.id) AS TEXT), "
        "CAST((SELECT COUNT(*) FROM mes_attachments a WHERE a.request_id = r.id) AS TEXT), "
        "CAST((SELECT COUNT(*) FROM mes_comments c WHERE c.request_id = r.id) AS TEXT), "
        "CAST((SELECT COUNT(sent_at) FROM mes_comments c WHERE c.request_id = r.id) AS TEXT), "
        "CAST((SELECT COUNT(corrected_at) FROM mes_comments c WHERE c.request_id = r.id) AS "
        "TEXT), "
        "CAST((SELECT COUNT(*) FROM mes_communications m WHERE m.request_id = r.id) AS TEXT), "
        "CAST((SELECT COUNT(read_at) FROM mes_communications m WHERE m.request_id = r.id) AS "
        "TEXT), "
        "CAST((SELECT COUNT(*) FROM mes_events e WHERE e.request_id = r.id) AS TEXT) "
        "FROM mes_requests r WHERE r.id = $1",
        id);
    if (r.empty()) return "gone";
    std::string out;
    auto row = r.first();
    for (int i = 0; i < 20; ++i) out += row.str(i) + " | ";
    return out;
  }
  std::int64_t user_id(const std::string& login) {
    return db->run("SELECT id FROM users WHERE user_code = $1", login).first().i64(0);
  }
  std::string status_of(std::int64_t id) {
    auto r = db->run("SELECT status FROM mes_requests WHERE id = $1", id);
    return r.empty() ? "gone" : r.first().str(0);
  }
  std::int64_t scalar(const std::string& query, std::int64_t id) {
    return db->run(query, id).first().i64(0);
  }

  Reply perform(Route route, Who who, const Made& m) {
    const Who key = who == Who::bc_agent ? Who::agent : who;  // one agent, one session
    auto& b = *browsers[key];
    const std::string token = csrf[key];
    const std::string mine = request_url(m.id, person(who).org), theirs = review_url(m.id);
    const std::string start = std::to_string(reference_year) + "-09-01",
                      end = std::to_string(reference_year + 1) + "-03-31";
    switch (route) {
      case Route::save_section: {
        Fields f = {{"csrf", token}, {"revision", "1"}, {"go", "save"}};
        for (auto& x : situation()) f.push_back(x);
        return b.post(mine + "/sections/situation", f);
      }
      case Route::upload:
        return b.post_body(mine + "/documents", "multipart/form-data; boundary=" + kBoundary,
                           multipart(token, pdf_bytes));
      case Route::drop_attachment:
        return b.post(mine + "/documents/" + std::to_string(m.attachment) + "/supprimer",
                      {{"csrf", token}, {"confirme", "1"}});
      case Route::sign: return b.post(mine + "/signer", {{"csrf", token}, {"attest", "1"}});
      case Route::transmit: return b.post(mine + "/transmettre", {{"csrf", token}});
      case Route::delete_request:
        return b.post(mine + "/supprimer", {{"csrf", token}, {"confirme", "1"}});
      case Route::mark_corrected:
        return b.post(mine + "/comments/" + std::to_string(m.comment) + "/corrige",
                      {{"csrf", token}});
      case Route::read_letter:
        return b.get(mine + "/communications/" + std::to_string(m.communication));
      case Route::assign: return b.post(theirs + "/assigner", {{"csrf", token}, {"agent", "moi"}});
      case Route::write_comment:
        return b.post(theirs + "/commentaires",
                      {{"csrf", token}, {"section", "needs"}, {"body", "Précisez le besoin."}});
      case Route::send_comments: return b.post(theirs + "/envoyer-commentaires", {{"csrf", token}});
      case Route::conform: return b.post(theirs + "/conforme", {{"csrf", token}});
      case Route::grant:
        return b.post(theirs + "/decision", {{"csrf", token},
                                             {"decision", "accorder"},
                                             {"heures", "6"},
                                             {"debut", start},
                                             {"fin", end}});
      case Route::refuse:
        return b.post(theirs + "/decision",
                      {{"csrf", token}, {"decision", "refuser"}, {"motif", "Non démontré."}});
      case Route::attach_letter:
        return b.post(theirs + "/communications", {{"csrf", token}, {"precisions", ""}});
    }
    return {};
  }

  // The action's effect, once allowed (beyond the status).
  void expect_effect(Route route, Who who, const Made& m, const std::string& before,
                     const std::string& label) {
    auto one = [&](const std::string& q) { return scalar(q, m.id); };
    switch (route) {
      case Route::save_section:
        EXPECT_EQ(one("SELECT revision FROM mes_requests WHERE id = $1"), 2) << label;
        break;
      case Route::upload:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_attachments WHERE request_id = $1 AND nature = "
                      "'other'"),
                  1)
            << label;
        break;
      case Route::drop_attachment:
        EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_attachments WHERE id = $1", m.attachment), 0)
            << label;
        break;
      case Route::sign:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_requests WHERE id = $1 AND signed_hash IS NOT "
                      "NULL"),
                  1)
            << label;
        EXPECT_EQ(one("SELECT signed_by FROM mes_requests WHERE id = $1"),
                  user_id(person(who).login))
            << label;
        break;
      case Route::transmit:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_versions WHERE request_id = $1"),
                  status_before(before) == "brouillon" ? 1 : 2)
            << label;
        break;
      case Route::delete_request:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_attachments WHERE request_id = $1"), 0) << label;
        break;
      case Route::mark_corrected:
        EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_comments WHERE id = $1 AND corrected_at IS "
                         "NOT NULL",
                         m.comment),
                  1)
            << label;
        break;
      case Route::read_letter:
        EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_communications WHERE id = $1 AND read_at IS "
                         "NOT NULL",
                         m.communication),
                  1)
            << label;
        break;
      case Route::assign:
        EXPECT_EQ(one("SELECT assigned_to FROM mes_requests WHERE id = $1"), agent_id) << label;
        break;
      case Route::write_comment:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_comments WHERE request_id = $1 AND sent_at IS "
                      "NULL"),
                  1)
            << label;
        break;
      case Route::send_comments:
        EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_comments WHERE id = $1 AND sent_at IS NOT "
                         "NULL",
                         m.comment),
                  1)
            << label;
        break;
      case Route::conform:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_requests WHERE id = $1 AND conform_at IS NOT "
                      "NULL"),
                  1)
            << label;
        break;
      case Route::grant:
        EXPECT_EQ(one("SELECT granted_minutes FROM mes_requests WHERE id = $1"), 360) << label;
        break;
      case Route::refuse:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_requests WHERE id = $1 AND refusal_reason = 'Non "
                      "démontré.'"),
                  1)
            << label;
        break;
      case Route::attach_letter:
        EXPECT_EQ(one("SELECT COUNT(*) FROM mes_communications WHERE request_id = $1"), 1) << label;
        break;
    }
  }
  static std::string status_before(const std::string& snap) {
    return snap.substr(0, snap.find(' '));
  }

  // What the server must answer, from the route's declared access and mes::decide.
  static Expect expected(const RouteInfo& r, const Person& p, Status s, mes::ProviderKind kind) {
    if (int code = access_answer(r, p)) return {code, std::nullopt};
    auto v = mes::decide(s, r.action, p.actor(), kind);
    // A deleted request is found by no route (mes::store::load, review_store::request_of and
    // ministry_request skip it): not found rather than 409 — and decide refuses it all the same.
    if (s == Status::supprimee) {
      EXPECT_FALSE(v.allowed());
      return {404, std::nullopt};
    }
    if (!v.allowed()) return {409, std::nullopt, mes::note_text("fr", v.reason)};
    return {r.success, r.moves ? *v.to : s};
  }

  // Runs one case: a fresh request, the route, the answer and the database checked.
  void run_case(const RouteInfo& r, const Person& p, Status s, const Expect& e,
                mes::ProviderKind kind = mes::ProviderKind::cpe, int* allowed = nullptr,
                int* refused = nullptr) {
    std::string label = std::string(mes::to_string(s)) + " × " + r.name + " × " + p.name + " (" +
                        std::string(mes::to_string(kind)) + ")";
    auto m = prepare(s, r.route, kind);
    auto before = snapshot(m.id);
    auto reply = perform(r.route, p.who, m);
    EXPECT_EQ(reply.status, e.code) << label << "\n" << reply.body.substr(0, 600);
    if (e.to) {
      if (allowed) ++*allowed;
      // A deleted draft is removed with everything it held (« ne peut être réactivée »).
      std::string want = *e.to == Status::supprimee ? "gone" : std::string(mes::to_string(*e.to));
      EXPECT_EQ(status_of(m.id), want) << label;
      if (reply.status == e.code) expect_effect(r.route, p.who, m, before, label);
    } else {
      if (refused) ++*refused;
      EXPECT_EQ(snapshot(m.id), before) << label << " changed the request";
      // Refused by the state machine, not by another check: its reason is on the page.
      if (!e.reason.empty()) {
        EXPECT_TRUE(contains(reply.body, html(e.reason)))
            << label << ": « " << e.reason << " » not on the page\n"
            << reply.body.substr(0, 600);
      }
    }
  }

  // Every status × every route of `routes` × every actor.
  void every_case(const std::vector<RouteInfo>& routes, const std::vector<Person>& who,
                  mes::ProviderKind kind, int& allowed, int& refused) {
    for (auto s : mes::all_statuses())
      for (const auto& r : routes)
        for (const auto& p : who)
          run_case(r, p, s, expected(r, p, s, kind), kind, &allowed, &refused);
  }

  std::unique_ptr<db::Connection> db;
  std::map<Who, std::unique_ptr<Browser>> browsers;
  std::map<Who, std::string> csrf;
  std::int64_t template_id = 0, agent_id = 0, director_id = 0, reference_year = 0;
  std::string pdf_bytes;
  int serial = 0;
};

TEST_F(MesTransitions,
       MES_09_MES_10_MES_11_EveryStatusAndProviderActionIsWhatTheStateMachineAllows) {
  ASSERT_GT(template_id, 0);
  int allowed = 0, refused = 0;
  every_case(provider_routes(), people(), mes::ProviderKind::cpe, allowed, refused);
  // 7 statuses × 8 routes × 3 actors.
  EXPECT_EQ(allowed + refused, 7 * 8 * 3);
  // Brouillon: save ×3 routes and delete by the editor and the director, sign and transmit by the
  // director; Commentaires: save ×3, tick « Corrigé » by both, sign and transmit by the director;
  // Conforme, Accordée, Refusée: the communication read by both.
  EXPECT_EQ(allowed, (3 * 2 + 2 + 2) + (3 * 2 + 2 + 2) + 3 * 2);
}

TEST_F(MesTransitions, MES_10_MES_12_EveryStatusAndMinistryActionIsWhatTheStateMachineAllows) {
  ASSERT_GT(template_id, 0);
  int allowed = 0, refused = 0;
  every_case(ministry_routes(), people(), mes::ProviderKind::cpe, allowed, refused);
  // 7 statuses × 7 routes × 3 actors.
  EXPECT_EQ(allowed + refused, 7 * 7 * 3);
  // Transmise: assign, write and send comments, conform; Commentaires: assign; Conforme: assign,
  // grant, refuse, a communication; Accordée, Refusée: a communication — the agent only.
  EXPECT_EQ(allowed, 4 + 1 + 4 + 1 + 1);
}

// MES-13: a home-based request is the BC's: its designated person fills, signs, transmits,
// deletes, ticks « Corrigé » and reads the letters on the BC's URLs; the RSGE herself reaches the
// two routes that serve an RSGE's URL (« Corrigé », a letter) and is refused there (409); the
// others do not serve her URL (404). The ministry's part does not depend on the kind.
TEST_F(MesTransitions, MES_13_OnAHomeBasedRequestEveryStatusAndActionIsWhatTheStateMachineAllows) {
  ASSERT_GT(template_id, 0);
  int allowed = 0, refused = 0;
  every_case(provider_routes(), home_based_people(), mes::ProviderKind::rsge, allowed, refused);
  every_case(ministry_routes(), home_based_people(), mes::ProviderKind::rsge, allowed, refused);
  EXPECT_EQ(allowed + refused, 7 * (8 + 7) * 3);
  // The BC's person as the director above (one actor instead of two), the agent as above.
  EXPECT_EQ(allowed, (3 + 1 + 1 + 1) + (3 + 1 + 1 + 1) + 3 + 11);
}

// Hard-coded: what the guide says, whatever decide says (a wrong decide mirrored by the server
// cannot pass these).
TEST_F(MesTransitions, MES_09_MES_12_SpotChecksOfTheGuidesTransitionsWrittenOutByHand) {
  ASSERT_GT(template_id, 0);
  struct Spot {
    Status from;
    Route route;
    Who who;
    Expect e;
    mes::ProviderKind kind = mes::ProviderKind::cpe;
  };
  const std::vector<Spot> spots = {
      // The draft: the director signs and transmits; the editor may not (403); deleted for good.
      {Status::brouillon, Route::transmit, Who::director, {303, Status::transmise}},
      {Status::brouillon, Route::transmit, Who::editor, {403, std::nullopt}},
      {Status::brouillon, Route::sign, Who::director, {303, Status::brouillon}},
      {Status::brouillon, Route::save_section, Who::editor, {303, Status::brouillon}},
      {Status::brouillon, Route::delete_request, Who::editor, {303, Status::supprimee}},
      {Status::brouillon, Route::conform, Who::agent, {409, std::nullopt}},
      {Status::brouillon, Route::send_comments, Who::agent, {409, std::nullopt}},
      // Transmitted: read-only for the provider, analysed by the ministry.
      {Status::transmise, Route::delete_request, Who::director, {409, std::nullopt}},
      {Status::transmise, Route::save_section, Who::editor, {409, std::nullopt}},
      {Status::transmise, Route::upload, Who::director, {409, std::nullopt}},
      {Status::transmise, Route::transmit, Who::director, {409, std::nullopt}},
      {Status::transmise, Route::grant, Who::agent, {409, std::nullopt}},
      {Status::transmise, Route::refuse, Who::agent, {409, std::nullopt}},
      {Status::transmise, Route::attach_letter, Who::agent, {409, std::nullopt}},
      {Status::transmise, Route::send_comments, Who::agent, {303, Status::commentaires}},
      {Status::transmise, Route::conform, Who::agent, {303, Status::conforme}},
      {Status::transmise, Route::assign, Who::director, {403, std::nullopt}},
      {Status::transmise, Route::read_letter, Who::director, {409, std::nullopt}},
      // Comments: the commented section reopens, « Corrigé », then transmitted again.
      {Status::commentaires, Route::save_section, Who::editor, {303, Status::commentaires}},
      {Status::commentaires, Route::mark_corrected, Who::editor, {303, Status::commentaires}},
      {Status::commentaires, Route::transmit, Who::director, {303, Status::transmise}},
      {Status::commentaires, Route::delete_request, Who::director, {409, std::nullopt}},
      {Status::commentaires, Route::conform, Who::agent, {409, std::nullopt}},
      // Conform: the decision; decided: no second decision, the letter read.
      {Status::conforme, Route::grant, Who::agent, {303, Status::accordee}},
      {Status::conforme, Route::refuse, Who::agent, {303, Status::refusee}},
      {Status::conforme, Route::send_comments, Who::agent, {409, std::nullopt}},
      {Status::conforme, Route::save_section, Who::director, {409, std::nullopt}},
      {Status::accordee, Route::grant, Who::agent, {409, std::nullopt}},
      {Status::accordee, Route::refuse, Who::agent, {409, std::nullopt}},
      {Status::accordee, Route::attach_letter, Who::agent, {303, Status::accordee}},
      {Status::refusee, Route::grant, Who::agent, {409, std::nullopt}},
      {Status::refusee, Route::read_letter, Who::editor, {200, Status::refusee}},
      {Status::refusee, Route::attach_letter, Who::director, {403, std::nullopt}},
      // Deleted: final, whatever the route.
      {Status::supprimee, Route::save_section, Who::director, {404, std::nullopt}},
      {Status::supprimee, Route::assign, Who::agent, {404, std::nullopt}},
      // Home-based care (MES-13): the BC's designated person transmits, the RSGE herself may not.
      {Status::brouillon,
       Route::transmit,
       Who::bc_person,
       {303, Status::transmise},
       mes::ProviderKind::rsge},
      {Status::commentaires,
       Route::mark_corrected,
       Who::bc_person,
       {303, Status::commentaires},
       mes::ProviderKind::rsge},
      {Status::brouillon, Route::transmit, Who::rsge, {404, std::nullopt}, mes::ProviderKind::rsge},
      {Status::accordee,
       Route::read_letter,
       Who::rsge,
       {409, std::nullopt},
       mes::ProviderKind::rsge},
      {Status::accordee,
       Route::read_letter,
       Who::bc_person,
       {200, Status::accordee},
       mes::ProviderKind::rsge},
      {Status::conforme,
       Route::grant,
       Who::bc_agent,
       {303, Status::accordee},
       mes::ProviderKind::rsge},
  };
  for (const auto& spot : spots)
    run_case(info(spot.route), person(spot.who), spot.from, spot.e, spot.kind);
  // And decide itself agrees with the guide on the same lines (the unit tests cover it in full).
  EXPECT_EQ(mes::decide(Status::brouillon, Action::transmit, Actor::provider_signer,
                        mes::ProviderKind::cpe)
                .to,
            Status::transmise);
  EXPECT_FALSE(
      mes::decide(Status::transmise, Action::grant, Actor::ministry_agent, mes::ProviderKind::cpe)
          .allowed());
  EXPECT_FALSE(mes::decide(Status::transmise, Action::delete_request, Actor::provider_signer,
                           mes::ProviderKind::cpe)
                   .allowed());
}

}  // namespace
}  // namespace sgee::test
