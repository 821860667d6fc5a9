// MES on the provider's side (issue 16; seed 000 §2–§7; MES-01…06, 09, 11) through the real
// `sgee` binary on the demo data, on the engine under test: creating a request (the child found by
// confirmation number + birth date, every prerequisite missing then met, the type proposed from
// the history), the form's pages (save, the revision check, required fields, the hours per day),
// the signature only with its right, transmission (then read-only), deletion of a draft only,
// and the refusals (sign-in, CSRF, another organization's request by a guessed id).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <regex>

#include "browser.hpp"
#include "platform/date.hpp"

namespace sgee::test {
namespace {

const std::string kEditor = "E0000006", kEditorPassword = "Mes-saisie-2026";         // 20000001
const std::string kDirector = "E0000007", kDirectorPassword = "Mes-direction-2026";  // 20000001
const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // division of 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kBase = "/installations/20000001/mes";

class MesProvider : public DemoServer {
 protected:
  std::int64_t id_of(const std::string& query, const std::string& arg) {
    auto r = sql()->run(query, arg);
    return r.empty() ? 0 : r.first().i64(0);
  }
  std::int64_t org(const std::string& number) {
    return id_of("SELECT id FROM organizations WHERE number = $1", number);
  }
  struct Kid {
    std::int64_t id = 0;
    std::string confirmation, birth;
  };
  Kid kid(const std::string& surname) {
    auto r = sql()
                 ->run(
                     "SELECT id, confirmation_number, birth_date FROM portail_children WHERE "
                     "surname = $1",
                     surname)
                 .first();
    return {r.i64(0), r.str(1), r.str(2)};
  }
  Kid maelle() { return kid("Dufresne"); }  // every prerequisite met
  Kid edouard() { return kid("Vachon"); }   // no AISG period

  std::unique_ptr<Browser> signed_in(const std::string& login, const std::string& password) {
    auto b = std::make_unique<Browser>(port());
    auto r = sign_in(*b, login, password);
    EXPECT_EQ(r.status, 303) << login;
    return b;
  }
  // The creation form: step 1 (the child), then step 2 (the type) when `type` is given.
  Reply find(Browser& b, const Kid& k, const std::string& type = "",
             const std::string& place = "20000001") {
    auto page = b.get(kBase + "/nouvelle");
    EXPECT_EQ(page.status, 200);
    Fields f = {{"csrf", hidden_csrf(page.body)},
                {"place", place},
                {"confirmation", k.confirmation},
                {"birth_date", k.birth}};
    if (!type.empty()) f.emplace_back("type", type);
    return b.post(kBase + "/nouvelle", f);
  }
  std::int64_t create(Browser& b, const Kid& k, const std::string& type = "new") {
    auto r = find(b, k, type);
    EXPECT_EQ(r.status, 303) << r.body;
    std::smatch m;
    std::string location = r.header("location");
    if (!std::regex_search(location, m, std::regex("/mes/([0-9]+)/sections/situation$"))) return 0;
    return std::stoll(m[1]);
  }
  std::string url(std::int64_t id, const std::string& rest = "") {
    return kBase + "/" + std::to_string(id) + rest;
  }
  std::int64_t revision(std::int64_t id) {
    return sql()->run("SELECT revision FROM mes_requests WHERE id = $1", id).first().i64(0);
  }
  std::string status(std::int64_t id) {
    auto r = sql()->run("SELECT status FROM mes_requests WHERE id = $1", id);
    return r.empty() ? "gone" : r.first().str(0);
  }
  Reply save(Browser& b, std::int64_t id, const std::string& section, Fields fields,
             const std::string& go = "next", std::optional<std::int64_t> rev = std::nullopt) {
    auto page = b.get(url(id, "/sections/" + section));
    fields.insert(fields.begin(), {{"csrf", hidden_csrf(page.body)},
                                   {"revision", std::to_string(rev.value_or(revision(id)))},
                                   {"go", go}});
    return b.post(url(id, "/sections/" + section), fields);
  }
  static Fields situation() {
    return {{"situation.attendance_start", "2025-09-02"},
            {"situation.days_per_week", "5"},
            {"situation.schedule", "7 h 30 à 16 h 30"},
            {"situation.impairment", "Trouble du spectre de l'autisme"},
            {"situation.integration_plan", "no"}};
  }
  static Fields needs() {
    Fields f;
    for (std::string sub : {"care", "mobility", "communication", "social", "behaviour"}) {
      bool yes = sub == "communication";
      f.push_back({"needs." + sub + ".exceptional", yes ? "yes" : "no"});
      if (yes) {
        f.push_back({"needs." + sub + ".difficulty", "Ne s'exprime pas verbalement."});
        f.push_back({"needs." + sub + ".support", "Pictogrammes à chaque transition."});
      }
    }
    return f;
  }
  static Fields moments(const std::vector<std::pair<std::string, std::string>>& spans) {
    Fields f = {{"moment_count", std::to_string(spans.size())}};
    for (size_t i = 0; i < spans.size(); ++i) {
      std::string p = "typical_day.moments." + std::to_string(i + 1) + ".";
      f.push_back({p + "start", spans[i].first});
      f.push_back({p + "end", spans[i].second});
      f.push_back({p + "transition", i == 0 ? "yes" : "no"});
      f.push_back({p + "label", "Moment " + std::to_string(i + 1)});
      f.push_back({p + "needs", "Besoin de repères visuels."});
      f.push_back({p + "actions", "L'accompagnatrice montre les pictogrammes."});
    }
    return f;
  }
  void fill(Browser& b, std::int64_t id) {
    ASSERT_EQ(save(b, id, "situation", situation()).status, 303);
    ASSERT_EQ(save(b, id, "needs", needs()).status, 303);
    ASSERT_EQ(save(b, id, "typical_day", moments({{"08:00", "12:00"}, {"10:00", "14:00"}})).status,
              303);
    ASSERT_EQ(save(b, id, "summary", {}).status, 303);
  }
  void attach_signed_form(std::int64_t id) {
    sql()->run(
        "INSERT INTO mes_attachments (request_id, nature, filename, size, pages, sha256, content, "
        "uploaded_at) VALUES ($1, 'signed_form', 'formulaire.pdf', 4, 1, $2, $3, "
        "'2026-01-01T00:00:00Z')",
        id, std::string(64, 'a'), std::string("%PDF"));
  }
  // A past decision of `k` at `number` for the reference year `year`.
  void past(const Kid& k, const std::string& number, const std::string& st, int year,
            std::optional<int> minutes = std::nullopt) {
    static int n = 0;
    sql()->run(
        "INSERT INTO mes_requests (number, organization_id, provider_kind, child_id, type, status, "
        "reference_year, answers, granted_minutes, created_at, updated_at, decided_at) VALUES "
        "($1, $2, 'cpe', $3, 'new', $4, $5, $6, $7, $8, $8, $8)",
        "PAST-" + std::to_string(++n) + "-" + st, org(number), k.id, st, year,
        std::string(R"({"fields": {"situation.schedule": "Horaire d'avant"}, "moments": []})"),
        minutes, std::to_string(year) + "-06-01T12:00:00Z");
  }
  int this_year() {
    auto today = dates::today_in_quebec();
    int y = dates::year_of(today);
    return dates::format(today).substr(5) < "04-01" ? y - 1 : y;
  }
};

TEST_F(MesProvider, MES_03_EveryPrerequisiteIsCheckedAndTheMissingOnesAreSaidOneLineEach) {
  auto director = signed_in(kDirector, kDirectorPassword);
  // Not found: a clear message, and nothing tells whether the number exists.
  auto m = maelle();
  Kid wrong = m;
  wrong.birth = "2019-01-01";
  auto nf = find(*director, wrong);
  EXPECT_EQ(nf.status, 422);
  EXPECT_TRUE(contains(nf.body, html("Aucun enfant ne correspond à ce numéro de confirmation et "
                                     "à cette date de naissance.")));
  Kid unknown = m;
  unknown.confirmation = "ZZZ-NOPE";
  auto nf2 = find(*director, unknown);
  EXPECT_EQ(nf2.status, 422);
  EXPECT_TRUE(contains(nf2.body, html("Aucun enfant ne correspond")));
  // Bad input: the fields named.
  auto bad = find(*director, {0, "", "pas une date"});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Le numéro de confirmation est obligatoire.")));
  EXPECT_TRUE(contains(bad.body, html("La date de naissance doit être une date réelle")));

  // Édouard: admitted, dossier accepted, no AISG period.
  auto e = find(*director, edouard());
  EXPECT_EQ(e.status, 422);
  EXPECT_TRUE(contains(e.body, html("pas de période d'allocation pour l'intégration")));
  EXPECT_FALSE(contains(e.body, html("pas d'entente de service")));
  EXPECT_FALSE(contains(e.body, html("pas encore été transmis")));

  // Maëlle: everything met, the type to choose.
  auto ok = find(*director, m);
  EXPECT_EQ(ok.status, 200);
  EXPECT_TRUE(contains(ok.body, html("Les préalables sont remplis")));
  EXPECT_TRUE(contains(ok.body, html("Maëlle Dufresne")));

  // The dossier waiting, then refused.
  auto c = sql();
  auto dossier =
      c->run("SELECT dossier_id FROM admissions WHERE child_id = $1", m.id).first().i64(0);
  c->run("UPDATE dossiers SET status = 'pending' WHERE id = $1", dossier);
  auto pending = find(*director, m);
  EXPECT_EQ(pending.status, 422);
  EXPECT_TRUE(contains(pending.body, html("en attente de traitement")));
  c->run("UPDATE dossiers SET status = 'rejected' WHERE id = $1", dossier);
  auto rejected = find(*director, m);
  EXPECT_EQ(rejected.status, 422);
  EXPECT_TRUE(contains(rejected.body, html("a été refusé")));
  // No admission and no dossier of that child at the installation: no agreement, no AISG, never
  // synced — each on its own line.
  c->run("UPDATE dossiers SET status = 'accepted', birth_date = '2000-01-01' WHERE id = $1",
         dossier);
  c->run("UPDATE admissions SET state = 'ended', dossier_id = NULL WHERE child_id = $1", m.id);
  auto none = find(*director, m);
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(contains(none.body, html("pas d'entente de service en vigueur")));
  EXPECT_TRUE(contains(none.body, html("pas de période d'allocation")));
  EXPECT_TRUE(contains(none.body, html("pas encore été transmis au Ministère")));
  // One line each: the three, nothing else.
  std::string missing = none.body.substr(none.body.find("id=\"missing\""));
  missing = missing.substr(0, missing.find("</ul>"));
  std::regex li("<li>");
  EXPECT_EQ(std::distance(std::sregex_iterator(missing.begin(), missing.end(), li),
                          std::sregex_iterator()),
            4);  // and the AISG documents, which go with the period
  // Every lookup is an audit row about the child.
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mes_find_child' AND record_id "
                  "= $1",
                  std::to_string(m.id)),
            4);
  // An open request for the child at that place: a new one would duplicate it.
  c->run("UPDATE dossiers SET birth_date = $1 WHERE id = $2", m.birth, dossier);
  c->run("UPDATE admissions SET state = 'admitted', dossier_id = $1 WHERE child_id = $2", dossier,
         m.id);
  ASSERT_GT(create(*director, m), 0);
  auto twice = find(*director, m);
  EXPECT_EQ(twice.status, 422);
  EXPECT_TRUE(contains(twice.body, html("déjà en cours")));
}

TEST_F(MesProvider, MES_04_TheTypeIsProposedFromTheHistory) {
  auto director = signed_in(kDirector, kDirectorPassword);
  auto m = maelle();
  int y = this_year();
  // Never granted: a new request.
  auto fresh = find(*director, m);
  EXPECT_TRUE(contains(fresh.body, "value=\"new\" checked")) << fresh.body;
  EXPECT_FALSE(contains(fresh.body, "value=\"renewal\""));
  EXPECT_TRUE(contains(fresh.body, html("il s'agit d'une nouvelle demande")));
  // Granted here the previous reference year: a renewal, without or with changes.
  past(m, "20000001", "accordee", y - 1, 300);
  auto renewal = find(*director, m);
  EXPECT_TRUE(contains(renewal.body, "value=\"renewal\" checked")) << renewal.body;
  EXPECT_TRUE(contains(renewal.body, "value=\"renewal_changes\""));
  EXPECT_FALSE(contains(renewal.body, "value=\"new\""));
  // A type not offered is refused with the one to choose.
  auto wrong = find(*director, m, "new");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(contains(wrong.body, html("ne convient pas à cet enfant")));
  // The renewal starts from the answers and hours granted before (MES-06).
  auto id = create(*director, m, "renewal");
  ASSERT_GT(id, 0);
  auto row = sql()
                 ->run(
                     "SELECT type, requested_minutes, answers, renews_id FROM mes_requests "
                     "WHERE id = $1",
                     id)
                 .first();
  EXPECT_EQ(row.str(0), "renewal");
  EXPECT_EQ(row.i64(1), 300);
  EXPECT_TRUE(contains(row.str(2), "Horaire d'avant"));
  EXPECT_FALSE(row.is_null(3));
  auto summary = director->get(url(id, "/sections/summary"));
  EXPECT_TRUE(contains(summary.body, "5 h")) << summary.body;
  sql()->run("DELETE FROM mes_events WHERE request_id = $1", id);
  sql()->run("DELETE FROM mes_requests WHERE id = $1", id);
  // Refused here after that grant: a new request again.
  past(m, "20000001", "refusee", y);
  auto after_refusal = find(*director, m);
  EXPECT_TRUE(contains(after_refusal.body, "value=\"new\" checked"));
  EXPECT_TRUE(contains(after_refusal.body, html("a été refusée")));
  // Granted at another installation since: a transfer.
  past(m, "20000002", "accordee", y, 240);
  auto transfer = find(*director, m);
  EXPECT_TRUE(contains(transfer.body, "value=\"transfer\" checked")) << transfer.body;
  EXPECT_TRUE(contains(transfer.body, html("un autre service de garde")));
  auto t = create(*director, m, "transfer");
  ASSERT_GT(t, 0);
  // A transfer starts empty: another provider's answers are not the new one's to read.
  EXPECT_FALSE(contains(
      sql()->run("SELECT answers FROM mes_requests WHERE id = $1", t).first().str(0), "Horaire"));
}

TEST_F(MesProvider, MES_05_SavesAreCheckedAgainstTheRevisionAndRequiredFieldsStopThePage) {
  auto editor = signed_in(kEditor, kEditorPassword);
  auto id = create(*editor, maelle());
  ASSERT_GT(id, 0);
  EXPECT_TRUE(contains(
      sql()->run("SELECT number FROM mes_requests WHERE id = $1", id).first().str(0), "MES-"));
  // Required fields stop « Suivant »: listed at the top by label, linked to the fields; what was
  // typed is saved all the same.
  auto empty = save(*editor, id, "situation", {{"situation.days_per_week", "9"}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, html("Le champ « Horaire de fréquentation » est obligatoire.")));
  EXPECT_TRUE(contains(empty.body, "href=\"#f-situation-schedule\""));
  EXPECT_TRUE(contains(empty.body, html("doit être un nombre entier de 1 à 7")));
  EXPECT_FALSE(contains(empty.body, ">situation.schedule<"));
  EXPECT_TRUE(
      contains(sql()->run("SELECT answers FROM mes_requests WHERE id = $1", id).first().str(0),
               "\"situation.days_per_week\":\"9\""));
  // Valid: « Suivant » goes to the next page.
  auto next = save(*editor, id, "situation", situation());
  EXPECT_EQ(next.status, 303);
  EXPECT_EQ(next.header("location"), url(id, "/sections/needs"));
  // « Précédent » saves and goes back, even with required fields missing.
  auto prev = save(*editor, id, "needs", {{"needs.care.exceptional", "yes"}}, "prev");
  EXPECT_EQ(prev.status, 303);
  EXPECT_EQ(prev.header("location"), url(id, "/sections/situation"));
  // Two people on one draft: the second save typed on the old revision is refused (409), the first
  // one's answers kept.
  auto typed_on = revision(id);
  auto first = save(*editor, id, "situation", {{"situation.schedule", "Première personne"}}, "save",
                    typed_on);
  EXPECT_EQ(first.status, 422);  // saved, the other required fields missing
  auto second = save(*editor, id, "situation", {{"situation.schedule", "Deuxième personne"}},
                     "save", typed_on);
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(contains(second.body, html("Quelqu'un d'autre a modifié cette demande")));
  EXPECT_TRUE(contains(second.body, "Deuxième personne"));  // what was typed stays on the page
  auto answers = sql()->run("SELECT answers FROM mes_requests WHERE id = $1", id).first().str(0);
  EXPECT_TRUE(contains(answers, "Première personne"));
  EXPECT_FALSE(contains(answers, "Deuxième personne"));
  // A section id that does not exist.
  EXPECT_EQ(editor->get(url(id, "/sections/nope")).status, 404);
}

TEST_F(MesProvider, MES_06_HoursAreTheUnionOfTheMomentsAndMoreThanEightHoursIsRefused) {
  auto editor = signed_in(kEditor, kEditorPassword);
  auto id = create(*editor, maelle());
  ASSERT_GT(id, 0);
  // Moments are added and removed without JavaScript.
  auto added = save(*editor, id, "typical_day", {{"moment_count", "0"}, {"add_moment", "1"}});
  EXPECT_EQ(added.status, 303);
  auto page = editor->get(url(id, "/sections/typical_day"));
  EXPECT_TRUE(contains(page.body, "name=\"typical_day.moments.1.start\""));
  EXPECT_TRUE(contains(page.body, html("/static/js/mes.js")));
  // 07:00–12:00 and 11:00–16:30: 9 h 30 (the overlap counts once): refused.
  auto over = save(*editor, id, "typical_day", moments({{"07:00", "12:00"}, {"11:00", "16:30"}}));
  EXPECT_EQ(over.status, 422);
  EXPECT_TRUE(contains(over.body, html("La journée type demande 9 h 30 d'accompagnement par jour "
                                       ": au plus 8 heures par jour peuvent être accordées.")))
      << over.body;
  // 08:00–12:00 and 10:00–14:00: 6 h.
  auto ok = save(*editor, id, "typical_day", moments({{"08:00", "12:00"}, {"10:00", "14:00"}}));
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), url(id, "/sections/summary"));
  EXPECT_EQ(
      sql()->run("SELECT requested_minutes FROM mes_requests WHERE id = $1", id).first().i64(0),
      360);
  page = editor->get(url(id, "/sections/typical_day"));
  EXPECT_TRUE(contains(page.body, ">6 h</output>"));
  // Remove the second moment.
  auto removed = save(
      *editor, id, "typical_day",
      [&] {
        auto f = moments({{"08:00", "12:00"}, {"10:00", "14:00"}});
        f.push_back({"remove_moment", "2"});
        return f;
      }(),
      "save");
  EXPECT_EQ(removed.status, 303);
  EXPECT_EQ(
      sql()->run("SELECT requested_minutes FROM mes_requests WHERE id = $1", id).first().i64(0),
      240);
}

TEST_F(MesProvider, MES_01_09_OnlyTheSigningRightSignsAndTransmitsThenTheRequestIsReadOnly) {
  auto editor = signed_in(kEditor, kEditorPassword);
  auto director = signed_in(kDirector, kDirectorPassword);
  auto id = create(*editor, maelle());
  ASSERT_GT(id, 0);
  fill(*editor, id);
  // The editor sees no signature section; signing or transmitting is refused.
  auto page = editor->get(url(id));
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, html("Signature électronique de la direction")));
  EXPECT_TRUE(contains(page.body, html(url(id, "/formulaire.pdf"))));
  EXPECT_TRUE(contains(page.body, html(url(id, "/signatures.pdf"))));
  EXPECT_TRUE(contains(page.body, html(url(id, "/documents"))));
  auto csrf = hidden_csrf(page.body);
  EXPECT_EQ(editor->post(url(id, "/signer"), {{"csrf", csrf}, {"attest", "1"}}).status, 403);
  EXPECT_EQ(editor->post(url(id, "/transmettre"), {{"csrf", csrf}}).status, 403);
  // The director sees it; the receivability lists what is missing (the signed form, the signature).
  page = director->get(url(id));
  EXPECT_TRUE(contains(page.body, html("Signature électronique de la direction")));
  EXPECT_TRUE(contains(page.body, html("Formulaire de demande signé")));
  EXPECT_TRUE(contains(page.body, html("La demande doit être signée par")));
  csrf = hidden_csrf(page.body);
  auto early = director->post(url(id, "/transmettre"), {{"csrf", csrf}});
  EXPECT_EQ(early.status, 409);
  EXPECT_TRUE(contains(early.body, html("Formulaire de demande signé")));
  EXPECT_EQ(status(id), "brouillon");
  // Signing asks for the attestation, then records who, when and the content's hash.
  EXPECT_EQ(director->post(url(id, "/signer"), {{"csrf", csrf}}).status, 422);
  attach_signed_form(id);
  EXPECT_EQ(director->post(url(id, "/signer"), {{"csrf", csrf}, {"attest", "1"}}).status, 303);
  auto signed_row =
      sql()->run("SELECT signed_by, signed_hash FROM mes_requests WHERE id = $1", id).first();
  EXPECT_FALSE(signed_row.is_null(0));
  EXPECT_EQ(signed_row.str(1).size(), 64u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mes_sign' AND record_id = $1",
                  std::to_string(id)),
            1);
  // Transmitted: a version, an event, the status.
  auto sent = director->post(url(id, "/transmettre"), {{"csrf", csrf}});
  EXPECT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(status(id), "transmise");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mes_versions WHERE request_id = $1", std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mes_events WHERE request_id = $1 AND action = 'transmit'",
                  std::to_string(id)),
            1);
  // Read-only now: saving, signing, transmitting again and deleting are refused (409).
  auto edit = save(*editor, id, "situation", situation());
  EXPECT_EQ(edit.status, 409);
  EXPECT_TRUE(contains(edit.body, html("ne peut plus être modifiée par le service de garde")));
  EXPECT_EQ(director->post(url(id, "/signer"), {{"csrf", csrf}, {"attest", "1"}}).status, 409);
  EXPECT_EQ(director->post(url(id, "/transmettre"), {{"csrf", csrf}}).status, 409);
  auto del = director->post(url(id, "/supprimer"), {{"csrf", csrf}, {"confirme", "1"}});
  EXPECT_EQ(del.status, 409);
  EXPECT_TRUE(contains(del.body, html("Seule une demande au statut « Brouillon »")));
  page = director->get(url(id));
  EXPECT_TRUE(contains(page.body, html("ne peut plus être modifiée")));
  EXPECT_FALSE(contains(page.body, "id=\"transmit\""));
  // The lists: in progress.
  auto lists = director->get(kBase + "?liste=en-cours");
  EXPECT_EQ(lists.status, 200);
  EXPECT_TRUE(contains(lists.body, html(url(id))));
  EXPECT_FALSE(contains(director->get(kBase + "?liste=brouillons").body, html(url(id))));
}

// The PDF's text as pdftotext reads it (poppler-utils, installed by scripts/install-deps).
std::string pdf_text(const std::string& pdf) {
  char path[] = "/tmp/sgee-mes-print-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "";
  FILE* f = fdopen(fd, "wb");
  fwrite(pdf.data(), 1, pdf.size(), f);
  fclose(f);
  std::string out;
  if (FILE* p =
          popen(("pdftotext -enc UTF-8 " + std::string(path) + " - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
  }
  std::remove(path);
  return out;
}

TEST_F(MesProvider, MES_08_TheFormAndTheSignaturesPagePrintAsPdfForTheRequestsOwnersOnly) {
  auto editor = signed_in(kEditor, kEditorPassword);
  auto id = create(*editor, maelle());
  ASSERT_GT(id, 0);
  fill(*editor, id);
  auto number = sql()->run("SELECT number FROM mes_requests WHERE id = $1", id).first().str(0);
  auto form = editor->get(url(id, "/formulaire.pdf"));
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.header("content-type"), "application/pdf");
  EXPECT_EQ(form.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(form.header("content-disposition"), number + "-formulaire.pdf"));
  auto words = pdf_text(form.body);
  EXPECT_TRUE(contains(words, number)) << words.substr(0, 400);
  EXPECT_TRUE(contains(words, "Dufresne"));
  EXPECT_TRUE(contains(words, "Pictogrammes à chaque transition."));  // an answer of section 3
  auto sig = editor->get(url(id, "/signatures.pdf"));
  ASSERT_EQ(sig.status, 200);
  EXPECT_TRUE(sig.body.starts_with("%PDF-"));
  EXPECT_TRUE(contains(pdf_text(sig.body), number));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mes_print' AND record_id = $1",
                  std::to_string(id)),
            2);
  // Another provider, by a guessed id: not found; not signed in: the sign-in page.
  auto other = signed_in(kOtherRse, kOtherRsePassword);
  EXPECT_EQ(
      other->get("/installations/20000003/mes/" + std::to_string(id) + "/formulaire.pdf").status,
      404);
  EXPECT_EQ(other->get(url(id, "/signatures.pdf")).status, 403);
  Browser stranger(port());
  EXPECT_EQ(stranger.get(url(id, "/formulaire.pdf")).status, 303);
  EXPECT_EQ(editor->get(url(id + 100000, "/formulaire.pdf")).status, 404);
}

TEST_F(MesProvider, MES_11_OnlyADraftIsDeletedAfterConfirmationForGood) {
  auto editor = signed_in(kEditor, kEditorPassword);
  auto id = create(*editor, maelle());
  ASSERT_GT(id, 0);
  auto lists = editor->get(kBase + "?liste=brouillons");
  EXPECT_TRUE(contains(lists.body, html(url(id))));
  EXPECT_TRUE(contains(lists.body, html("Demandes brouillons")));
  auto csrf = hidden_csrf(editor->get(url(id)).body);
  auto ask = editor->post(url(id, "/supprimer"), {{"csrf", csrf}});
  EXPECT_EQ(ask.status, 200);
  EXPECT_TRUE(contains(ask.body, html("Voulez-vous vraiment supprimer définitivement")));
  EXPECT_EQ(status(id), "brouillon");
  auto done = editor->post(url(id, "/supprimer"), {{"csrf", csrf}, {"confirme", "1"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(status(id), "gone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mes_events WHERE request_id = $1", std::to_string(id)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mes_delete' AND record_id = $1",
                  std::to_string(id)),
            1);
  EXPECT_EQ(editor->get(url(id)).status, 404);
}

TEST_F(MesProvider, RefusalsSignInCsrfAndAnotherOrganizationsRequestByAGuessedId) {
  auto director = signed_in(kDirector, kDirectorPassword);
  auto id = create(*director, maelle());
  ASSERT_GT(id, 0);
  // Not signed in: the sign-in page, 401 for JSON.
  Browser stranger(port());
  auto anon = stranger.get(kBase);
  EXPECT_EQ(anon.status, 303);
  EXPECT_TRUE(anon.header("location").starts_with("/connexion"));
  EXPECT_EQ(stranger.get(url(id), {{"Accept", "application/json"}}).status, 401);
  // No CSRF token.
  EXPECT_EQ(director->post(url(id, "/sections/situation"), situation()).status, 403);
  EXPECT_EQ(director->post(kBase + "/nouvelle", {{"place", "20000001"}}).status, 403);
  // The RSE of the same division, on its other installation: the request is not there (404).
  auto rse = signed_in(kRse, kRsePassword);
  EXPECT_EQ(rse->get("/installations/20000002/mes/" + std::to_string(id)).status, 404);
  EXPECT_EQ(rse->get(url(id)).status, 200);
  // Another provider with a guessed id: 404 on every route.
  auto other = signed_in(kOtherRse, kOtherRsePassword);
  const std::string theirs = "/installations/20000003/mes/" + std::to_string(id);
  auto own = other->get("/installations/20000003/mes");
  EXPECT_EQ(own.status, 200);
  EXPECT_FALSE(contains(own.body, "Dufresne"));
  auto csrf = hidden_csrf(other->get("/installations/20000003/mes/nouvelle").body);
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(other->get(theirs).status, 404);
  EXPECT_EQ(other->get(theirs + "/sections/situation").status, 404);
  EXPECT_EQ(other->post(theirs + "/sections/situation", {{"csrf", csrf}, {"revision", "1"}}).status,
            404);
  EXPECT_EQ(other->post(theirs + "/signer", {{"csrf", csrf}, {"attest", "1"}}).status, 404);
  EXPECT_EQ(other->post(theirs + "/transmettre", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(other->post(theirs + "/supprimer", {{"csrf", csrf}, {"confirme", "1"}}).status, 404);
  // …and on the URL of the installation it belongs to: no right there.
  EXPECT_EQ(other->get(url(id)).status, 403);
  // An MES right is needed: the educator of the demo CPE has none.
  auto educator = signed_in("E0000002", "Educateur-demo-2026");
  EXPECT_EQ(educator->get(kBase).status, 403);
  EXPECT_EQ(status(id), "brouillon");
}

TEST_F(MesProvider, TheListsCountEachListAndTheIconsHaveTextAlternatives) {
  auto director = signed_in(kDirector, kDirectorPassword);
  auto id = create(*director, maelle());
  ASSERT_GT(id, 0);
  auto c = sql();
  auto author = c->run("SELECT id FROM users WHERE user_code = 'M0000001'").first().i64(0);
  c->run("UPDATE mes_requests SET status = 'commentaires' WHERE id = $1", id);
  c->run(
      "INSERT INTO mes_comments (request_id, section, body, version, author_id, created_at, "
      "sent_at) VALUES ($1, 'situation', 'Précisez', 1, $2, '2026-01-01T00:00:00Z', "
      "'2026-01-01T00:00:00Z')",
      id, author);
  c->run(
      "INSERT INTO mes_communications (request_id, title, filename, size, sha256, content, "
      "created_at) VALUES ($1, 'Lettre', 'lettre.pdf', 4, $2, $3, '2026-01-01T00:00:00Z')",
      id, std::string(64, 'b'), std::string("%PDF"));
  auto lists = director->get(kBase);
  EXPECT_EQ(lists.status, 200);
  EXPECT_TRUE(
      contains(lists.body, html("Liste des demandes") + " <span class=\"count\">(1)</span>"))
      << lists.body;
  EXPECT_TRUE(
      contains(lists.body, html("Demandes en cours") + " <span class=\"count\">(1)</span>"));
  EXPECT_TRUE(
      contains(lists.body, html("Demandes brouillons") + " <span class=\"count\">(0)</span>"));
  EXPECT_TRUE(contains(lists.body, "aria-label=\"" + html("Commentaires du Ministère à corriger")));
  EXPECT_TRUE(contains(lists.body, "aria-label=\"" + html("Communication du Ministère non lue")));
  EXPECT_TRUE(contains(lists.body, "href=\"/aide/mes\""));
  // The dashboard and menu lead there.
  EXPECT_TRUE(contains(director->get("/tableau-de-bord").body, "href=\"" + html(kBase) + "\""));
  // The help pages.
  Browser anyone(port());
  EXPECT_EQ(anyone.get("/aide/mes").status, 200);
  auto types = anyone.get("/aide/mes/types");
  EXPECT_EQ(types.status, 200);
  EXPECT_TRUE(contains(types.body, html("Une année de référence va du 1er avril au 31 mars")));
  EXPECT_EQ(anyone.get("/aide/mes/nope").status, 404);
}

}  // namespace
}  // namespace sgee::test
