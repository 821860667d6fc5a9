// MES, the ministry's side (issue 16; MES-10, MES-12) through the real `sgee` binary on the demo
// data, on the engine under test: the queue of transmitted requests (filters, sort, pages), the
// assignment, comments per section sent (status Commentaires, an e-mail notice), the provider's
// « Corrigé » (its own request only: a guessed id elsewhere is a 404), a re-transmission and what
// changed since, conform, the decision (granted: at most 8 h a day and a period in the reference
// year; refused: a reason), every forbidden transition answered 409, a communication generated,
// read once by the provider (read_at, an audit row); who may reach these pages (403, sign-in,
// CSRF). The requests are inserted in SQL: creating and filling them is the provider's pages' part.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>

#include "browser.hpp"
#include "mes/review_store.hpp"
#include "mes/store.hpp"

namespace sgee::test {
namespace {

const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";
const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";        // 20000001
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";    // 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003

class MesReview : public DemoServer {
 protected:
  std::int64_t id_of(const std::string& query, const std::string& arg) {
    auto r = sql()->run(query, arg);
    return r.empty() ? 0 : r.first().i64(0);
  }
  std::int64_t org(const std::string& number) {
    return id_of("SELECT id FROM organizations WHERE number = $1", number);
  }
  std::int64_t user(const std::string& login) {
    return id_of("SELECT id FROM users WHERE user_code = $1 OR email = $1", login);
  }
  std::int64_t any_child() {
    return sql()->run("SELECT MIN(id) FROM portail_children").first().i64(0);
  }
  // A request as the provider's pages would have left it: transmitted (version 1) unless a draft.
  std::int64_t insert(const std::string& provider, const std::string& status,
                      const std::string& type = "new",
                      const std::string& at = "2026-05-04T14:00:00Z",
                      const std::string& answers = kAnswers) {
    auto c = sql();
    std::string number = "MES-2026-" + std::to_string(100000 + ++serial_);
    bool transmitted = status != "brouillon";
    auto id = c->run(
                   "INSERT INTO mes_requests (number, organization_id, provider_kind, child_id, "
                   "type, status, reference_year, answers, requested_minutes, created_at, "
                   "updated_at, first_transmitted_at, transmitted_at) VALUES ($1, $2, $3, $4, $5, "
                   "$6, 2026, $7, 240, $8, $8, $9, $9) RETURNING id",
                   number, org(provider), provider == "20000003" ? "gs" : "cpe", any_child(), type,
                   status, answers, at, transmitted ? std::optional<std::string>(at) : std::nullopt)
                  .first()
                  .i64(0);
    if (transmitted) add_version(id, 1, answers, at);
    return id;
  }
  void add_version(std::int64_t id, int number, const std::string& answers, const std::string& at) {
    sql()->run(
        "INSERT INTO mes_versions (request_id, number, type, answers, attachments, content_hash, "
        "transmitted_at) VALUES ($1, $2, 'new', $3, '[]', 'h', $4)",
        id, number, answers, at);
  }
  std::string status_of(std::int64_t id) {
    return sql()->run("SELECT status FROM mes_requests WHERE id = $1", id).first().str(0);
  }
  std::int64_t scalar(const std::string& query, std::int64_t id) {
    return sql()->run(query, id).first().i64(0);
  }
  // A ministry agent signed in (second factor given).
  void agent(Browser& b) { ASSERT_EQ(sign_in(b, kMinistry, kMinistryPassword).status, 303); }
  std::string review(std::int64_t id) { return "/ministere/mes/" + std::to_string(id); }
  Reply post(Browser& b, const std::string& url, Fields f) {
    auto page = b.get("/tableau-de-bord");
    f.emplace_back(
        "csrf", hidden_csrf(page.body).empty() ? b.jar.get("sgee_csrf") : hidden_csrf(page.body));
    return b.post(url, f);
  }
  // The queue's count line ("12 demandes").
  std::string count_line(Browser& b, const std::string& query) {
    auto page = b.get("/ministere/mes" + query);
    EXPECT_EQ(page.status, 200) << query;
    std::smatch m;
    std::regex re("<p role=\"status\" id=\"mes-count\">([^<]*)</p>");
    if (!std::regex_search(page.body, m, re)) return "none";
    return m[1];
  }

  static inline const std::string kAnswers =
      R"({"fields": {"situation.impairment": "Trouble du langage", "situation.integration_plan": "yes"},)"
      R"( "moments": [{"start": "08:00", "end": "10:00", "transition": "yes", "label": "Arrivée",)"
      R"( "needs": "Anxiété", "actions": "Accueil"}]})";
  int serial_ = 0;
};

TEST_F(MesReview, TheQueueFiltersSortsAndPagesTheTransmittedRequests) {
  sql()->run("UPDATE organizations SET region = '06' WHERE number = '20000003'");
  // 55 at the CPE (region 03), transmitted one day apart from 2026-05-01; 5 at the GS (region 06),
  // renewals in comments; a draft and a deleted one that the ministry never sees.
  std::vector<std::int64_t> cpe;
  for (int i = 0; i < 55; ++i) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-%02d-%02dT15:00:00Z", 5 + i / 28, 1 + i % 28);
    cpe.push_back(insert("20000001", "transmise", "new", at));
  }
  for (int i = 0; i < 5; ++i) insert("20000003", "commentaires", "renewal", "2026-04-20T15:00:00Z");
  insert("20000001", "brouillon");
  insert("20000001", "supprimee");
  Browser b(port());
  agent(b);
  auto page = b.get("/ministere/mes");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(count_line(b, ""), "60 demandes");
  // Oldest first: the GS's (April) then the CPE's first; 50 a page, the pager says so.
  auto first_rows = page.body.substr(page.body.find("<tbody>"));
  EXPECT_LT(first_rows.find("Garderie Soleil"), first_rows.find("CPE Les Petits Pas"));
  EXPECT_TRUE(contains(page.body, html("1–50 sur 60"))) << page.body.substr(0, 200);
  auto second = b.get("/ministere/mes?page=2");
  EXPECT_TRUE(contains(second.body, html("51–60 sur 60")));
  EXPECT_TRUE(contains(second.body, html(review(cpe.back())) + "\""));
  EXPECT_FALSE(contains(page.body, html(review(cpe.back())) + "\""));
  // Newest first.
  auto desc = b.get("/ministere/mes?tri=transmise&sens=desc");
  EXPECT_TRUE(contains(desc.body, html(review(cpe.back())) + "\""));
  // Filters: region, kind, type, status, dates; the draft never.
  EXPECT_EQ(count_line(b, "?region=06"), "5 demandes");
  EXPECT_EQ(count_line(b, "?region=03"), "55 demandes");
  EXPECT_EQ(count_line(b, "?genre=gs"), "5 demandes");
  EXPECT_EQ(count_line(b, "?genre=rsge"), "0 demande");
  EXPECT_EQ(count_line(b, "?type=renewal"), "5 demandes");
  EXPECT_EQ(count_line(b, "?statut=commentaires"), "5 demandes");
  EXPECT_EQ(count_line(b, "?statut=brouillon"), "60 demandes");  // not a filter: ignored
  EXPECT_EQ(count_line(b, "?du=2026-05-01&au=2026-05-03"), "3 demandes");
  EXPECT_EQ(count_line(b, "?du=2026-06-01"), "27 demandes");
  EXPECT_EQ(count_line(b, "?genre=cpe&statut=commentaires"), "0 demande");
  auto bad = b.get("/ministere/mes?du=2026-13-01");
  EXPECT_EQ(bad.status, 200);
  EXPECT_TRUE(contains(bad.body, html("Transmise à partir du : écrivez une date valide")));
  // The filters stay in the pager's and the sort's links.
  auto filtered = b.get("/ministere/mes?region=03");
  EXPECT_TRUE(
      contains(filtered.body, html("/ministere/mes?region=03&tri=transmise&sens=asc&page=2")))
      << filtered.body;
  // Assigned to me / unassigned.
  ASSERT_EQ(post(b, review(cpe[0]) + "/assigner", {{"agent", "moi"}}).status, 303);
  EXPECT_EQ(count_line(b, "?assignation=moi"), "1 demande");
  EXPECT_EQ(count_line(b, "?assignation=aucun"), "59 demandes");
  // Drafts are not the ministry's to read.
  auto draft = id_of("SELECT id FROM mes_requests WHERE status = $1", "brouillon");
  EXPECT_EQ(b.get(review(draft)).status, 404);
  EXPECT_EQ(b.get("/ministere/mes/999999").status, 404);
  // One audit row per queue page read.
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = $1", "mes_queue_read"), 10);
}

// The queue's counts are kept in memory per filter until the queue changes (migration 0026's
// generation): every change that moves a request in or out of a count, made here in SQL as another
// server sharing the database would, shows at the next page.
TEST_F(MesReview, TheQueueCountsFollowEveryChangeMadeOnAnyServer) {
  auto a = insert("20000001", "transmise");
  auto b2 = insert("20000001", "transmise", "new", "2026-05-05T14:00:00Z");
  insert("20000001", "transmise", "new", "2026-05-06T14:00:00Z");
  Browser b(port());
  agent(b);
  auto option = [&](const std::string& query, const std::string& status) {
    auto body = b.get("/ministere/mes" + query).body;
    std::smatch m;
    std::regex re("<option value=\"" + status + "\"[^>]*>([^<]*)<");
    return std::regex_search(body, m, re) ? std::string(m[1]) : std::string("none");
  };
  EXPECT_EQ(count_line(b, ""), "3 demandes");
  EXPECT_EQ(count_line(b, "?region=03"), "3 demandes");
  EXPECT_EQ(option("", "transmise"), "Transmise (3)");
  // A status change.
  sql()->run("UPDATE mes_requests SET status = 'commentaires' WHERE id = $1", a);
  EXPECT_EQ(count_line(b, "?statut=commentaires"), "1 demande");
  EXPECT_EQ(count_line(b, "?statut=transmise"), "2 demandes");
  EXPECT_EQ(option("?region=03", "commentaires"), "Commentaires (1)");
  // A request transmitted.
  insert("20000001", "transmise", "new", "2026-05-07T14:00:00Z");
  EXPECT_EQ(count_line(b, ""), "4 demandes");
  EXPECT_EQ(option("?region=03", "transmise"), "Transmise (3)");
  // The type, the agent.
  sql()->run("UPDATE mes_requests SET type = 'renewal' WHERE id = $1", b2);
  EXPECT_EQ(count_line(b, "?type=renewal"), "1 demande");
  EXPECT_EQ(count_line(b, "?assignation=aucun"), "4 demandes");
  sql()->run("UPDATE mes_requests SET assigned_to = $1 WHERE id = $2", user(kMinistry), b2);
  EXPECT_EQ(count_line(b, "?assignation=aucun"), "3 demandes");
  EXPECT_EQ(count_line(b, "?assignation=moi"), "1 demande");
  // The provider moves to another region.
  sql()->run("UPDATE organizations SET region = '06' WHERE number = '20000001'");
  EXPECT_EQ(count_line(b, "?region=03"), "0 demande");
  EXPECT_EQ(count_line(b, "?region=06"), "4 demandes");
  // What a row shows: the child's, the provider's and the agent's names.
  auto first_row = [&] {
    auto body = b.get("/ministere/mes?tri=transmise&sens=asc").body;
    auto at = body.find("<tbody>");
    return at == std::string::npos ? std::string() : body.substr(at, body.find("</tr>", at) - at);
  };
  EXPECT_TRUE(contains(first_row(), "CPE Les Petits Pas")) << first_row();
  sql()->run("UPDATE organizations SET name = 'CPE Les Grands Pas' WHERE number = '20000001'");
  EXPECT_TRUE(contains(first_row(), "CPE Les Grands Pas")) << first_row();
  auto child = any_child();
  sql()->run("UPDATE portail_children SET given_name = 'Zoé-Renommée' WHERE id = $1", child);
  EXPECT_TRUE(contains(first_row(), html("Zoé-Renommée"))) << first_row();
  sql()->run("UPDATE mes_requests SET assigned_to = $1 WHERE id = $2", user(kMinistry), a);
  EXPECT_TRUE(contains(first_row(), "Julie Gagnon")) << first_row();
  sql()->run("UPDATE users SET given_name = 'Juliette' WHERE id = $1", user(kMinistry));
  EXPECT_TRUE(contains(first_row(), "Juliette Gagnon")) << first_row();
  // Deleted (a draft only, in the product; here any row, as a cleanup would).
  sql()->run("DELETE FROM mes_versions WHERE request_id = $1", a);
  sql()->run("DELETE FROM mes_requests WHERE id = $1", a);
  EXPECT_EQ(count_line(b, ""), "3 demandes");
  EXPECT_EQ(option("", "commentaires"), "Commentaires (0)");
}

// Every sort pages through the same requests, each once (a page's ids are read first, then their
// rows: both in the sort's order).
TEST_F(MesReview, EverySortPagesThroughEachRequestOnce) {
  sql()->run("UPDATE organizations SET region = '06' WHERE number = '20000003'");
  std::set<std::string> all;
  for (int i = 0; i < 60; ++i) {  // two pages of 50
    char at[32];
    std::snprintf(at, sizeof at, "2026-05-%02dT15:00:00Z", 1 + i % 28);
    all.insert(html(review(
        insert(i % 3 ? "20000001" : "20000003", i % 2 ? "transmise" : "conforme", "new", at))));
  }
  Browser b(port());
  agent(b);
  const std::string prefix = html("/ministere/mes/");  // as the page writes it
  std::regex link("href=\"(" + prefix + "[0-9]+)\"");
  for (std::string sort : {"transmise", "numero", "statut", "service"}) {
    for (std::string dir : {"asc", "desc"}) {
      std::vector<std::string> seen;
      std::string first_page;
      for (int page = 1; page <= 2; ++page) {
        auto body =
            b.get("/ministere/mes?tri=" + sort + "&sens=" + dir + "&page=" + std::to_string(page))
                .body;
        body = body.substr(body.find("<tbody>"));
        for (std::sregex_iterator it(body.begin(), body.end(), link), end; it != end; ++it)
          if (seen.empty() || seen.back() != (*it)[1]) seen.push_back((*it)[1]);
      }
      EXPECT_EQ(seen.size(), all.size()) << sort << " " << dir;
      EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), all) << sort << " " << dir;
      if (sort == "numero") {  // numbers were given in insertion order
        auto sorted = seen;
        std::sort(sorted.begin(), sorted.end(), [&](const std::string& x, const std::string& y) {
          return std::stoll(x.substr(prefix.size())) < std::stoll(y.substr(prefix.size()));
        });
        if (dir == "desc") std::reverse(sorted.begin(), sorted.end());
        EXPECT_EQ(seen, sorted) << dir;
      }
    }
  }
}

TEST_F(MesReview, AnAgentAssignsToHerselfOrAnotherAgentOnlyWithTheRightToAndTheToken) {
  auto id = insert("20000001", "transmise");
  auto c = sql();
  c->run(
      "INSERT INTO users (kind, user_code, surname, given_name, password_hash, created_at) VALUES "
      "('ministry', 'M0000002', 'Roy', 'Hélène', 'x', '2026-01-01T00:00:00Z')");
  Browser b(port());
  agent(b);
  ASSERT_EQ(post(b, review(id) + "/assigner", {{"agent", "moi"}}).status, 303);
  EXPECT_EQ(scalar("SELECT assigned_to FROM mes_requests WHERE id = $1", id), user(kMinistry));
  auto page = b.get(review(id));
  EXPECT_TRUE(contains(page.body, "<dd id=\"assigned\">Julie Gagnon</dd>")) << page.body;
  ASSERT_EQ(post(b, review(id) + "/assigner", {{"agent", std::to_string(user("M0000002"))}}).status,
            303);
  EXPECT_EQ(scalar("SELECT assigned_to FROM mes_requests WHERE id = $1", id), user("M0000002"));
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = 'assign'", id), 2);
  EXPECT_TRUE(contains(b.get(review(id)).body, html("Hélène Roy")));
  // Not an agent (a provider's account), not a number: refused, nothing changed.
  auto refused = post(b, review(id) + "/assigner", {{"agent", std::to_string(user(kRse))}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, html("choisissez une personne du Ministère")));
  EXPECT_EQ(scalar("SELECT assigned_to FROM mes_requests WHERE id = $1", id), user("M0000002"));
  // Unassigned.
  ASSERT_EQ(post(b, review(id) + "/assigner", {{"agent", "aucun"}}).status, 303);
  EXPECT_TRUE(
      sql()->run("SELECT assigned_to FROM mes_requests WHERE id = $1", id).first().is_null(0));
  // Without the CSRF token: 403.
  EXPECT_EQ(b.post(review(id) + "/assigner", {{"agent", "moi"}}).status, 403);
  // A provider's user: 403 on every /ministere page; anonymous: to the sign-in (a form: 401).
  Browser provider(port());
  ASSERT_EQ(sign_in(provider, kRse, kRsePassword).status, 303);
  EXPECT_EQ(provider.get("/ministere/mes").status, 403);
  EXPECT_EQ(provider.get(review(id)).status, 403);
  EXPECT_EQ(post(provider, review(id) + "/assigner", {{"agent", "moi"}}).status, 403);
  Browser anonymous(port());
  auto r = anonymous.get("/ministere/mes");
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  EXPECT_EQ(anonymous.get("/ministere/mes", {{"Accept", "application/json"}}).status, 401);
}

TEST_F(MesReview,
       CommentsPerSectionAreSentTheProviderTicksCorrigeAndTheNextVersionShowsWhatChanged) {
  sql()->run("UPDATE users SET email = 'sophie.tremblay@example.test' WHERE user_code = $1", kRse);
  auto id = insert("20000001", "transmise");
  auto other = insert("20000003", "transmise");
  Browser b(port());
  agent(b);
  auto page = b.get(review(id));
  ASSERT_EQ(page.status, 200);
  // Every section read-only with its labels.
  EXPECT_TRUE(contains(page.body, html("Renseignements sur la situation de l'enfant")));
  EXPECT_TRUE(contains(page.body, html("Déficience")));
  EXPECT_TRUE(contains(page.body, html("Trouble du langage")));
  EXPECT_TRUE(contains(page.body, html("Anxiété")));
  EXPECT_FALSE(contains(page.body, html("Ce qui a changé")));  // a first transmission
  // Two sections commented, one comment edited, one deleted; empty: refused (text kept elsewhere).
  auto empty = post(b, review(id) + "/commentaires", {{"section", "situation"}, {"body", "  "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, html("Commentaire : écrivez votre commentaire : il est vide.")));
  ASSERT_EQ(post(b, review(id) + "/commentaires",
                 {{"section", "situation"}, {"body", "Précisez la déficience."}})
                .status,
            303);
  ASSERT_EQ(post(b, review(id) + "/commentaires",
                 {{"section", "typical_day"}, {"body", "Le repas manque."}})
                .status,
            303);
  ASSERT_EQ(
      post(b, review(id) + "/commentaires", {{"section", "needs"}, {"body", "À retirer"}}).status,
      303);
  auto ids = sql()->run("SELECT id FROM mes_comments WHERE request_id = $1 ORDER BY id", id);
  ASSERT_EQ(ids.size(), 3u);
  auto c1 = ids.row(0).i64(0), c2 = ids.row(1).i64(0), c3 = ids.row(2).i64(0);
  std::string base = review(id) + "/commentaires/";
  ASSERT_EQ(post(b, base + std::to_string(c2), {{"body", "Le repas du midi manque."}}).status, 303);
  ASSERT_EQ(post(b, base + std::to_string(c3), {{"supprimer", "1"}}).status, 303);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_comments WHERE request_id = $1", id), 2);
  // Comment a section of another request's id: 404.
  EXPECT_EQ(post(b, review(other) + "/commentaires/" + std::to_string(c1), {{"body", "x"}}).status,
            404);
  // The provider sees nothing yet (drafts).
  EXPECT_EQ(status_of(id), "transmise");
  // Sent: status Commentaires, sent_at set, an e-mail notice to the provider's MES staff.
  auto sent = post(b, review(id) + "/envoyer-commentaires", {});
  ASSERT_EQ(sent.status, 303);
  EXPECT_EQ(status_of(id), "commentaires");
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM mes_comments WHERE request_id = $1 AND sent_at IS NOT NULL", id),
      2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = 'comment' "
                   "AND to_status = 'commentaires'",
                   id),
            1);
  auto mail =
      sql()->run("SELECT body FROM outbox WHERE to_address = 'sophie.tremblay@example.test'");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_TRUE(contains(mail.first().str(0), "/installations/20000001/mes/" + std::to_string(id)));
  EXPECT_FALSE(contains(mail.first().str(0), "repas")) << "no comment text in the e-mail";
  // A sent comment can no longer be edited: 409. Sending again: 409 (not in Transmise any more).
  EXPECT_EQ(post(b, base + std::to_string(c1), {{"body", "Autre"}}).status, 409);
  auto again = post(b, review(id) + "/envoyer-commentaires", {});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(
      contains(again.body, html("On ne peut pas commenter une demande au statut « Commentaires »")))
      << again.body;

  // The provider ticks « Corrigé »: only a sent comment of its own request.
  std::string corrige = "/installations/20000001/mes/" + std::to_string(id) + "/comments/" +
                        std::to_string(c1) + "/corrige";
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(post(staff, corrige, {}).status, 403);  // consult dossiers only: no enter_mes
  Browser soleil(port());
  ASSERT_EQ(sign_in(soleil, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(post(soleil,
                 "/installations/20000003/mes/" + std::to_string(id) + "/comments/" +
                     std::to_string(c1) + "/corrige",
                 {})
                .status,
            404);  // another provider's request, guessed
  Browser cpe(port());
  ASSERT_EQ(sign_in(cpe, kRse, kRsePassword).status, 303);
  EXPECT_EQ(cpe.post(corrige, {}).status, 403);  // no CSRF token
  EXPECT_EQ(
      post(cpe, "/installations/20000001/mes/" + std::to_string(id) + "/comments/999999/corrige",
           {})
          .status,
      404);
  auto ticked = post(cpe, corrige, {});
  ASSERT_EQ(ticked.status, 303);
  EXPECT_EQ(ticked.header("location"),
            "/installations/20000001/mes/" + std::to_string(id) + "#commentaires");
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM mes_comments WHERE id = $1 AND corrected_at IS NOT NULL AND "
             "corrected_by IS NOT NULL",
             c1),
      1);
  EXPECT_EQ(post(cpe, corrige, {}).status, 303);  // ticked twice: once
  // The provider's request page shows the comment, ticked, under the ministry's comments.
  auto own = cpe.get("/installations/20000001/mes/" + std::to_string(id));
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "id=\"commentaire-" + std::to_string(c1) + "\""));
  EXPECT_TRUE(contains(own.body, html("Commentaires du Ministère")));
  EXPECT_TRUE(contains(own.body, html("Corrigé le ")));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = "
                   "'mark_corrected'",
                   id),
            1);
  // The agent's page: corrected, in words.
  EXPECT_TRUE(contains(b.get(review(id)).body, html("Corrigé le ")));

  // Re-transmitted (the provider's pages: here in SQL), with the typical day changed: the agent
  // sees what changed in that section only.
  std::string changed = kAnswers;
  changed.replace(changed.find("\"10:00\""), 7, "\"11:30\"");
  add_version(id, 2, changed, "2026-05-10T14:00:00Z");
  sql()->run(
      "UPDATE mes_requests SET status = 'transmise', answers = $1, transmitted_at = "
      "'2026-05-10T14:00:00Z' WHERE id = $2",
      changed, id);
  page = b.get(review(id));
  ASSERT_EQ(page.status, 200);
  auto day = page.body.substr(page.body.find("id=\"section-typical_day\""));
  day = day.substr(0, day.find("</section>"));
  EXPECT_TRUE(contains(day, html("Ce qui a changé depuis la transmission précédente")));
  EXPECT_TRUE(contains(day, html("Fin (moment 1)")));
  EXPECT_TRUE(contains(day, "<td>10:00</td><td>11:30</td>")) << day;
  auto situation = page.body.substr(page.body.find("id=\"section-situation\""));
  situation = situation.substr(0, situation.find("</section>"));
  EXPECT_FALSE(contains(situation, html("Ce qui a changé")));
  // In Transmise again: « Corrigé » is no longer possible (409).
  EXPECT_EQ(post(cpe,
                 "/installations/20000001/mes/" + std::to_string(id) + "/comments/" +
                     std::to_string(c2) + "/corrige",
                 {})
                .status,
            409);
}

TEST_F(MesReview, ConformThenGrantAtMostEightHoursInTheReferenceYearOrRefuseWithAReason) {
  auto id = insert("20000001", "transmise");
  auto draft = insert("20000001", "brouillon");
  Browser b(port());
  agent(b);
  // Forbidden transitions: 409 with the reason.
  auto r = post(
      b, review(id) + "/decision",
      {{"decision", "accorder"}, {"heures", "6"}, {"debut", "2026-04-01"}, {"fin", "2027-03-31"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, html("On ne peut pas accorder une demande au statut « Transmise »")))
      << r.body;
  EXPECT_EQ(post(b, review(id) + "/decision", {{"decision", "refuser"}, {"motif", "Non"}}).status,
            409);
  EXPECT_EQ(post(b, review(id) + "/communications", {}).status, 409);
  auto on_draft = post(b, review(draft) + "/conforme", {});
  EXPECT_EQ(on_draft.status, 409);
  EXPECT_TRUE(contains(on_draft.body, html("au statut « Brouillon »"))) << on_draft.body;
  EXPECT_EQ(status_of(draft), "brouillon");
  EXPECT_EQ(status_of(id), "transmise");

  ASSERT_EQ(post(b, review(id) + "/conforme", {}).status, 303);
  EXPECT_EQ(status_of(id), "conforme");
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM mes_requests WHERE id = $1 AND conform_at IS NOT NULL", id), 1);
  EXPECT_EQ(post(b, review(id) + "/conforme", {}).status, 409);
  auto comment =
      post(b, review(id) + "/commentaires", {{"section", "needs"}, {"body", "Trop tard"}});
  EXPECT_EQ(comment.status, 409);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_comments WHERE request_id = $1", id), 0);

  // Grant: more than 8 hours, no period, outside the reference year, the end before the start.
  auto over = post(b, review(id) + "/decision",
                   {{"decision", "accorder"},
                    {"heures", "8 h 30"},
                    {"debut", "2026-04-01"},
                    {"fin", "2027-03-31"}});
  EXPECT_EQ(over.status, 422);
  EXPECT_TRUE(contains(over.body, html("8 h 30 dépasse le maximum de 8 heures par jour")))
      << over.body;
  auto no_period = post(b, review(id) + "/decision",
                        {{"decision", "accorder"}, {"heures", "6"}, {"debut", ""}, {"fin", ""}});
  EXPECT_EQ(no_period.status, 422);
  EXPECT_TRUE(
      contains(no_period.body, html("la date de début et la date de fin sont obligatoires")));
  auto outside = post(
      b, review(id) + "/decision",
      {{"decision", "accorder"}, {"heures", "6"}, {"debut", "2026-03-01"}, {"fin", "2026-12-31"}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_TRUE(contains(outside.body, html("du 2026-04-01 au 2027-03-31")));
  EXPECT_EQ(post(b, review(id) + "/decision",
                 {{"decision", "accorder"},
                  {"heures", "6"},
                  {"debut", "2026-09-01"},
                  {"fin", "2026-06-01"}})
                .status,
            422);
  EXPECT_EQ(
      post(b, review(id) + "/decision", {{"decision", "accorder"}, {"heures", "beaucoup"}}).status,
      422);
  EXPECT_EQ(status_of(id), "conforme");
  ASSERT_EQ(post(b, review(id) + "/decision",
                 {{"decision", "accorder"},
                  {"heures", "6"},
                  {"debut", "2026-09-01"},
                  {"fin", "2027-03-31"}})
                .status,
            303);
  EXPECT_EQ(status_of(id), "accordee");
  auto row = sql()->run(
      "SELECT granted_minutes, period_start, period_end, decided_by FROM mes_requests WHERE id = "
      "$1",
      id);
  EXPECT_EQ(row.first().i64(0), 360);
  EXPECT_EQ(row.first().str(1), "2026-09-01");
  EXPECT_EQ(row.first().str(2), "2027-03-31");
  EXPECT_EQ(row.first().i64(3), user(kMinistry));
  EXPECT_TRUE(contains(b.get(review(id)).body, html("6 h · 2026-09-01 – 2027-03-31")));
  // Decided: no second decision.
  EXPECT_EQ(post(b, review(id) + "/decision", {{"decision", "refuser"}, {"motif", "Non"}}).status,
            409);

  // Refuse: the reason required.
  auto second = insert("20000003", "conforme");
  auto no_reason = post(b, review(second) + "/decision", {{"decision", "refuser"}, {"motif", " "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(contains(no_reason.body, html("Motif du refus : il est obligatoire")));
  EXPECT_EQ(post(b, review(second) + "/decision", {{"motif", "Non"}}).status, 422);
  ASSERT_EQ(
      post(b, review(second) + "/decision",
           {{"decision", "refuser"}, {"motif", "Le caractère exceptionnel n'est pas démontré."}})
          .status,
      303);
  EXPECT_EQ(status_of(second), "refusee");
  EXPECT_EQ(
      sql()->run("SELECT refusal_reason FROM mes_requests WHERE id = $1", second).first().str(0),
      "Le caractère exceptionnel n'est pas démontré.");
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = 'refuse' AND "
             "from_status = 'conforme' AND to_status = 'refusee'",
             second),
      1);
}

TEST_F(MesReview, ACommunicationIsGeneratedNotifiedAndMarkedReadByTheProviderOnce) {
  sql()->run("UPDATE users SET email = 'sophie.tremblay@example.test' WHERE user_code = $1", kRse);
  auto id = insert("20000001", "conforme");
  Browser b(port());
  agent(b);
  ASSERT_EQ(post(b, review(id) + "/decision",
                 {{"decision", "accorder"},
                  {"heures", "6"},
                  {"debut", "2026-04-01"},
                  {"fin", "2027-03-31"}})
                .status,
            303);
  ASSERT_EQ(post(b, review(id) + "/communications", {{"precisions", "Bonne intégration !"}}).status,
            303);
  auto letter = sql()->run(
      "SELECT id, sha256, size, generated, notified, read_at FROM mes_communications WHERE "
      "request_id = $1",
      id);
  ASSERT_EQ(letter.size(), 1u);
  auto cid = letter.first().i64(0);
  EXPECT_EQ(letter.first().str(1).size(), 64u);
  EXPECT_EQ(letter.first().i64(3), 1);
  EXPECT_EQ(letter.first().i64(4), 1);
  EXPECT_TRUE(letter.first().is_null(5));
  EXPECT_EQ(
      sql()
          ->run("SELECT COUNT(*) FROM outbox WHERE to_address = 'sophie.tremblay@example.test' "
                "AND body LIKE '%communication%'")
          .first()
          .i64(0),
      1);
  auto mine = b.get(review(id) + "/communications/" + std::to_string(cid));
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(mine.body.starts_with("%PDF-"));
  EXPECT_EQ(static_cast<std::int64_t>(mine.body.size()), letter.first().i64(2));
  // The agent's reading does not count as the provider's.
  EXPECT_TRUE(
      sql()->run("SELECT read_at FROM mes_communications WHERE id = $1", cid).first().is_null(0));

  std::string url = "/installations/20000001/mes/" + std::to_string(id) + "/communications/" +
                    std::to_string(cid);
  Browser soleil(port());
  ASSERT_EQ(sign_in(soleil, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(soleil
                .get("/installations/20000003/mes/" + std::to_string(id) + "/communications/" +
                     std::to_string(cid))
                .status,
            404);
  EXPECT_EQ(soleil.get(url).status, 403);
  Browser cpe(port());
  ASSERT_EQ(sign_in(cpe, kRse, kRsePassword).status, 303);
  EXPECT_EQ(cpe.get("/installations/20000001/mes/" + std::to_string(id) + "/communications/999999")
                .status,
            404);
  auto read = cpe.get(url);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.header("content-type"), "application/pdf");
  EXPECT_TRUE(read.header("content-disposition").starts_with("inline"));
  EXPECT_EQ(read.body, mine.body);
  auto first = sql()->run("SELECT read_at, read_by FROM mes_communications WHERE id = $1", cid);
  ASSERT_FALSE(first.first().is_null(0));
  EXPECT_EQ(first.first().i64(1), user(kRse));
  ASSERT_EQ(cpe.get(url).status, 200);
  EXPECT_EQ(sql()->run("SELECT read_at FROM mes_communications WHERE id = $1", cid).first().str(0),
            first.first().str(0));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mes_communication_read' AND "
                  "record_id = $1 AND user_id IS NOT NULL",
                  std::to_string(id)),
            3);  // the agent's and the provider's two
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = "
                   "'read_communication'",
                   id),
            1);
  EXPECT_TRUE(contains(b.get(review(id)).body, html("Lue le ")));
}

TEST_F(MesReview, TheStoredAnswersReadBackAsWritten) {
  auto a = mes::store::answers_from_json(kAnswers);
  EXPECT_EQ(a.get("situation.impairment"), "Trouble du langage");
  ASSERT_EQ(a.moments.size(), 1u);
  EXPECT_EQ(a.moments[0].end, "10:00");
  EXPECT_EQ(mes::store::answers_from_json(mes::store::answers_json(a)), a);
  // Unknown members are ignored; what is not JSON reads as no answers.
  EXPECT_TRUE(mes::store::answers_from_json(R"({"situation.impairment": "X"})").fields.empty());
  EXPECT_TRUE(mes::store::answers_from_json("not json").fields.empty());
}

}  // namespace
}  // namespace sgee::test
