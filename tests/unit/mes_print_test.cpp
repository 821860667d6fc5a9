// MES print (src/mes/print.hpp; seed 000 §5.1, MES-08, MES-12): the complete form, the signatures
// page and the ministry's letter, rendered from plain data, read back with poppler-utils
// (pdfinfo, pdftotext) and rendered to PNG (pdftoppm): page count, the request number and
// « Page x de y » on every page, labels and answers, accents, the signers of the one table.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "mes/print.hpp"
#include "platform/i18n.hpp"
#include "platform/pdf_in.hpp"
#include "poppler.hpp"

namespace fs = std::filesystem;
using sgee::test::PdfDir;
using sgee::test::run_poppler;
using namespace sgee::mes;

namespace {

// No-break spaces become ordinary spaces, runs of spaces one and line ends spaces, to compare
// text whatever the wrapping.
std::string plain(std::string s) {
  for (std::string_view nb : {"\u00a0", "\u202f"})
    for (auto p = s.find(nb); p != std::string::npos; p = s.find(nb)) s.replace(p, nb.size(), " ");
  for (auto& c : s)
    if (c == '\n') c = ' ';
  for (auto p = s.find("  "); p != std::string::npos; p = s.find("  ")) s.erase(p, 1);
  return s;
}

// Without any space: for a key beside its value when pdftotext reads the wrapped key first.
std::string nospace(std::string s) {
  s = plain(s);
  std::erase(s, ' ');
  return s;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// A rendered PDF: its file, page count and each page's text (plain()).
struct Rendered {
  fs::path file;
  int pages = 0;
  std::vector<std::string> text;  // per page
  std::string all() const {
    std::string a;
    for (auto& t : text) a += t + " ";
    return a;
  }
};

Rendered render(const PdfDir& dir, const std::string& name, const std::string& bytes) {
  Rendered r;
  EXPECT_TRUE(bytes.starts_with("%PDF-"));
  r.file = dir.path / name;
  std::ofstream(r.file, std::ios::binary) << bytes;
  auto info = run_poppler("pdfinfo", r.file.string());
  EXPECT_NE(info.find("612 x 792 pts (letter)"), std::string::npos) << info;
  auto at = info.find("Pages:");
  if (at != std::string::npos) r.pages = std::atoi(info.c_str() + at + 6);
  for (int p = 1; p <= r.pages; ++p) {
    auto n = std::to_string(p);
    r.text.push_back(
        plain(run_poppler("pdftotext", "-f " + n + " -l " + n + " " + r.file.string() + " -")));
  }
  // The upload check takes it as well (a generated letter is stored as a communication).
  auto check = sgee::pdf::check_upload(bytes);
  EXPECT_TRUE(check.ok()) << sgee::pdf::refusal_code(check.refusal);
  EXPECT_EQ(check.pages, r.pages);
  return r;
}

// Every page rendered to a non-empty PNG.
void expect_png_pages(const PdfDir& dir, const Rendered& r) {
  auto prefix = dir.path / (r.file.stem().string() + "-page");
  run_poppler("pdftoppm", "-r 50 -png " + r.file.string() + " " + prefix.string());
  int images = 0;
  for (auto& e : fs::directory_iterator(dir.path))
    if (e.path().extension() == ".png" &&
        e.path().filename().string().starts_with(prefix.filename().string()) &&
        fs::file_size(e.path()) > 1000)
      ++images;
  EXPECT_EQ(images, r.pages);
}

// The request number in the header and « Page x de y » in the footer of every page; no i18n key
// left untranslated.
void expect_every_page(const Rendered& r, const std::string& number, const std::string& page_word,
                       const std::string& of_word) {
  ASSERT_EQ(static_cast<int>(r.text.size()), r.pages);
  for (int p = 1; p <= r.pages; ++p) {
    const auto& t = r.text[p - 1];
    EXPECT_NE(t.find(number), std::string::npos) << "page " << p << ": " << t;
    EXPECT_NE(
        t.find(page_word + " " + std::to_string(p) + " " + of_word + " " + std::to_string(r.pages)),
        std::string::npos)
        << "page " << p << ": " << t;
    EXPECT_EQ(t.find("mes."), std::string::npos) << "page " << p << ": " << t;
  }
}

const std::string& fr(const std::string& key) {
  return sgee::i18n::t("fr", key);
}

}  // namespace

TEST(MesPrint, MES_08_CompleteFormOfACpeRequestEveryPageNumberedWithItsLabelsAnswersAndTable) {
  auto d = example_request(false, 12);
  PdfDir dir;
  auto r = render(dir, "formulaire.pdf", form_pdf(d));
  ASSERT_GE(r.pages, 5);  // 12 long moments: the table spans pages
  expect_every_page(r, "Demande MES-2026-000123", "Page", "de");
  EXPECT_NE(r.text[0].find("Page 1 de " + std::to_string(r.pages)), std::string::npos);
  EXPECT_NE(r.text[0].find("Imprimé le 2 décembre 2026"), std::string::npos) << r.text[0];
  const auto all = r.all();

  // Title, identity (accents intact), every section in page order.
  EXPECT_NE(r.text[0].find("Demande de soutien : formulaire complet"), std::string::npos);
  EXPECT_NE(r.text[0].find("Élodie Bégin-Gagné"), std::string::npos) << r.text[0];
  EXPECT_NE(r.text[0].find("CPE Les Petits Loups – installation Côte-des-Neiges"),
            std::string::npos);
  EXPECT_NE(r.text[0].find("Centre de la petite enfance (CPE)"), std::string::npos);
  EXPECT_NE(r.text[0].find("14 février 2022"), std::string::npos);
  EXPECT_NE(r.text[0].find("PI-2025-0486213"), std::string::npos);
  size_t last = 0;
  for (auto s : all_sections()) {
    auto at = all.find(plain(fr(section_key(s))));
    ASSERT_NE(at, std::string::npos) << section_key(s);
    EXPECT_GT(at, last) << section_key(s) << " out of page order";
    last = at;
  }
  // A label and its answer; a date in words; French typography kept (« », no-break spaces).
  EXPECT_NE(all.find("Date du début de la fréquentation 2 septembre 2025"), std::string::npos)
      << all;
  EXPECT_NE(all.find("18 mars 2026"), std::string::npos);
  EXPECT_NE(all.find("Horaire de fréquentation Du lundi au vendredi, de 7 h 30 à 16 h 45"),
            std::string::npos);
  EXPECT_NE(all.find("Trouble du spectre de l'autisme (diagnostic posé le 12 mars 2025"),
            std::string::npos);
  EXPECT_NE(all.find("section « Journée type »"), std::string::npos);
  // Yes/no answers as ticked boxes: the plan is applied; social participation is not exceptional
  // (and its « en quoi » fields, not required, are left out).
  EXPECT_NE(
      all.find("Un plan d'intégration est-il appliqué pour cet enfant ? \u2611 Oui \u2610 Non"),
      std::string::npos)
      << all;
  EXPECT_EQ(count(all, "\u2611 Oui \u2610 Non"), 5u);  // the plan and four sub-sections
  EXPECT_EQ(count(all, "\u2610 Oui \u2611 Non"), 1u);  // social participation
  EXPECT_EQ(count(all, "En quoi la difficulté est-elle exceptionnelle ?"), 4u);

  // The typical day: a table whose header row is on every page it spans, each moment once.
  int table_pages = 0;
  for (auto& t : r.text)
    if (t.find("Actions adaptées de la personne accompagnatrice") != std::string::npos)
      ++table_pages;
  EXPECT_GE(table_pages, 3);
  for (const auto& m : d.answers.moments) {
    EXPECT_EQ(count(all, m.start + " " + m.end), 1u) << m.start;
    EXPECT_NE(all.find(m.label), std::string::npos) << m.label;
  }
  // The hours per day: the union of the moments (12 × 30 min, lunch 45 min overlapping 10 min).
  EXPECT_EQ(union_minutes(d.answers.moments), 6 * 60 + 5);
  EXPECT_NE(all.find("Heures d'accompagnement par jour 6 h 05 (les moments qui se chevauchent "
                     "comptent une fois)"),
            std::string::npos);
  EXPECT_NE(all.find("Heures d'accompagnement demandées par jour 6 h 05"), std::string::npos);

  // The attachments, the electronic signature (still holding), then the signatures page.
  EXPECT_NE(all.find("Plan d'intégration (moins d'un an) plan-d'intégration-2026-03-18.pdf 7"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("Signée par Marie-Ève Côté"), std::string::npos);
  EXPECT_NE(all.find("2 décembre 2026 à 10 h 38"), std::string::npos);
  EXPECT_NE(all.find(d.signature->content_hash.substr(0, 20)), std::string::npos);
  EXPECT_NE(all.find("Le contenu imprimé est celui qui a été signé."), std::string::npos);
  EXPECT_EQ(all.find("Document requis non joint"), std::string::npos);
  const auto& end = r.text.back();
  EXPECT_NE(end.find("Signatures"), std::string::npos);
  EXPECT_NE(end.find(fr("mes.signer.direction")), std::string::npos) << end;
  EXPECT_NE(end.find(fr("mes.signer.parent")), std::string::npos) << end;
  EXPECT_EQ(end.find(fr("mes.signer.professional")), std::string::npos) << end;

  expect_png_pages(dir, r);
}

TEST(MesPrint, MES_08_HomeBasedRequestNamesTheRsgeAndTheBcAndItsFourSigners) {
  auto d = example_request(true, 12);
  PdfDir dir;
  auto r = render(dir, "formulaire-rsge.pdf", form_pdf(d));
  expect_every_page(r, "Demande MES-2026-000457", "Page", "de");
  const auto all = r.all();
  EXPECT_NE(all.find("Service de garde en milieu familial de Geneviève Lévesque"),
            std::string::npos);
  EXPECT_NE(all.find("Bureau coordonnateur Bureau coordonnateur de la Petite-Patrie"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("Demande de renouvellement avec changements"), std::string::npos);
  // The hours granted before, and the reasons' form attached twice.
  EXPECT_NE(nospace(all).find("Heuresaccordéesparjouràlademandeprécédente5h"), std::string::npos)
      << all;
  EXPECT_EQ(count(all, "raisons-renouvellement.pdf 2"), 2u);
  EXPECT_NE(all.find("Signature électronique : Personne désignée par le bureau coordonnateur"),
            std::string::npos);
  EXPECT_NE(all.find("Signée par Nathalie Tremblay"), std::string::npos);
  expect_png_pages(dir, r);

  auto s = render(dir, "signatures-rsge.pdf", signatures_pdf(d));
  EXPECT_EQ(s.pages, 1);
  expect_every_page(s, "Demande MES-2026-000457", "Page", "de");
  const auto& t = s.text[0];
  for (const char* id : {"bc_designated", "rsge", "parent", "professional"})
    EXPECT_NE(t.find(fr(std::string("mes.signer.") + id)), std::string::npos) << id << "\n" << t;
  EXPECT_EQ(t.find(fr("mes.signer.direction")), std::string::npos) << t;
  EXPECT_NE(t.find("Nathalie Tremblay"), std::string::npos);
  EXPECT_NE(t.find("Geneviève Lévesque"), std::string::npos);
  EXPECT_EQ(count(t, " Signature "), 4u) << t;  // a box and a date line each
  EXPECT_EQ(count(t, " Date "), 4u) << t;
  expect_png_pages(dir, s);
}

TEST(MesPrint, MES_08_SignaturesPageListsTheSignersOfTheTableForEachTypeAndProviderKind) {
  PdfDir dir;
  for (auto type : all_request_types())
    for (auto kind : all_provider_kinds()) {
      auto d = example_request(kind == ProviderKind::rsge, 3);
      d.type = type;
      d.provider.kind = kind;
      d.signature.reset();
      std::string name = std::string(to_string(type)) + "-" + std::string(to_string(kind));
      auto r = render(dir, name + ".pdf", signatures_pdf(d));
      ASSERT_EQ(r.pages, 1) << name;
      expect_every_page(r, d.number, "Page", "de");
      const auto& t = r.text[0];
      auto required = required_signers(type, kind);
      ASSERT_FALSE(required.empty()) << name;
      for (const auto& id : signers()) {
        bool expected = std::any_of(required.begin(), required.end(),
                                    [&](const Requirement& q) { return q.id == id; });
        EXPECT_EQ(t.find(fr("mes.signer." + id)) != std::string::npos, expected)
            << name << ": " << id << "\n"
            << t;
      }
      EXPECT_EQ(count(t, " Signature "), required.size()) << name << "\n" << t;
      EXPECT_EQ(count(t, " Date "), required.size()) << name << "\n" << t;
      // The electronic signer, not signed yet, is told to sign in sgee; the others on paper.
      EXPECT_EQ(count(t, plain(fr("mes.print.signs_electronically"))), 1u) << name << "\n" << t;
      EXPECT_EQ(count(t, plain(fr("mes.print.signs_on_paper"))), required.size() - 1) << name;
      EXPECT_NE(t.find(fr(type_key(type))), std::string::npos) << name;
    }
  // The table itself: a parent always, a professional for a renewal with changes only, the RSGE
  // and the BC's designated person in home-based care only.
  auto ids = [](RequestType t, ProviderKind k) {
    std::vector<std::string> v;
    for (const auto& r : required_signers(t, k)) v.push_back(r.id);
    return v;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(RequestType::new_request, ProviderKind::cpe), (V{"direction", "parent"}));
  EXPECT_EQ(ids(RequestType::renewal_with_changes, ProviderKind::gs),
            (V{"direction", "parent", "professional"}));
  EXPECT_EQ(ids(RequestType::transfer, ProviderKind::rsge), (V{"bc_designated", "rsge", "parent"}));
}

TEST(MesPrint, MES_08_ALongMomentContinuesOnTheNextPageWithoutLosingAWord) {
  auto d = example_request(false, 2);
  std::string needs;
  for (int i = 0; i < 420; ++i) needs += "besoin" + std::to_string(i) + " précisé ";
  d.answers.moments[1].needs = needs + "finaldesbesoins";
  PdfDir dir;
  auto r = render(dir, "long.pdf", form_pdf(d));
  expect_every_page(r, "Demande MES-2026-000123", "Page", "de");
  const auto all = r.all();
  EXPECT_EQ(count(all, "précisé"), 420u);
  EXPECT_EQ(count(all, "besoin419 précisé finaldesbesoins"), 1u);
  EXPECT_EQ(count(all, "…"), 0u);
  int pages_with_needs = 0;
  for (auto& t : r.text)
    if (t.find("précisé") != std::string::npos) {
      ++pages_with_needs;
      EXPECT_NE(t.find("Actions adaptées de la personne accompagnatrice"), std::string::npos) << t;
    }
  EXPECT_GE(pages_with_needs, 2);
}

TEST(MesPrint, MES_08_AChangeAfterTheSignatureIsPrintedAndAnUnsignedRequestSaysSo) {
  auto d = example_request(false, 3);
  d.answers.fields["situation.schedule"] = "Du lundi au jeudi";
  PdfDir dir;
  auto changed = render(dir, "changed.pdf", form_pdf(d)).all();
  EXPECT_NE(changed.find(plain(fr("mes.print.changed_since_signed"))), std::string::npos);
  d.signature.reset();
  d.attachments.clear();
  auto unsigned_ = render(dir, "unsigned.pdf", form_pdf(d)).all();
  EXPECT_NE(unsigned_.find(plain(fr("mes.print.not_signed"))), std::string::npos);
  EXPECT_NE(unsigned_.find(plain(fr("mes.print.no_attachment"))), std::string::npos);
  // The starred documents still missing are named.
  EXPECT_NE(unsigned_.find("Document requis non joint : « Formulaire de demande signé »"),
            std::string::npos)
      << unsigned_;
  EXPECT_NE(unsigned_.find("Document requis non joint : « Plan d'intégration (moins d'un an) »"),
            std::string::npos);
}

TEST(MesPrint, MES_08_TheFormInEnglish) {
  auto d = example_request(false, 3);
  d.lang = "en";
  PdfDir dir;
  auto r = render(dir, "form-en.pdf", form_pdf(d));
  expect_every_page(r, "Request MES-2026-000123", "Page", "of");
  const auto all = r.all();
  EXPECT_NE(all.find("Support request: complete form"), std::string::npos);
  EXPECT_NE(all.find("February 14, 2022"), std::string::npos) << all;
  EXPECT_NE(all.find("\u2611 Yes \u2610 No"), std::string::npos);
  EXPECT_NE(all.find("Élodie Bégin-Gagné"), std::string::npos);
}

TEST(MesPrint, MES_12_TheMinistrysLetterForEachDecision) {
  PdfDir dir;
  auto granted = example_letter(Decision::granted);
  auto r = render(dir, "accordee.pdf", communication_pdf(granted));
  EXPECT_EQ(r.pages, 1);
  expect_every_page(r, "Demande MES-2026-000123", "Page", "de");
  auto t = r.all();
  for (const char* s :
       {"Ministère de la Famille", "Québec, le 9 décembre 2026",
        "CPE Les Petits Loups – installation Côte-des-Neiges",
        "5125, chemin de la Côte-des-Neiges Montréal (Québec) H3T 1X6",
        "Objet : Nouvelle demande MES-2026-000123, pour Élodie Bégin-Gagné", "Madame, Monsieur,",
        "une mesure exceptionnelle de soutien à l'intégration de 6 h d'accompagnement par jour de "
        "fréquentation, du 14 décembre 2026 au 31 mars 2027.",
        "Période du 14 décembre 2026 au 31 mars 2027", "nos salutations distinguées",
        "Julie Bérubé"})
    EXPECT_NE(t.find(s), std::string::npos) << s << "\n" << t;
  EXPECT_NE(nospace(t).find("Heuresd'accompagnementaccordéesparjour6h"), std::string::npos) << t;
  EXPECT_EQ(communication_title(granted), "Décision : mesure accordée");
  EXPECT_EQ(communication_filename(granted), "MES-2026-000123-granted.pdf");
  expect_png_pages(dir, r);

  auto refused = example_letter(Decision::refused);
  auto rr = render(dir, "refusee.pdf", communication_pdf(refused));
  expect_every_page(rr, "Demande MES-2026-000123", "Page", "de");
  t = rr.all();
  EXPECT_NE(t.find("ne peut accorder la mesure exceptionnelle"), std::string::npos) << t;
  EXPECT_NE(t.find("ne montre pas de besoin d'accompagnement à caractère exceptionnel"),
            std::string::npos);
  EXPECT_EQ(t.find("Heures d'accompagnement accordées"), std::string::npos);
  EXPECT_EQ(communication_title(refused), "Décision : mesure refusée");
  expect_png_pages(dir, rr);

  auto conform = example_letter(Decision::conform);
  conform.lang = "en";
  auto rc = render(dir, "conforme.pdf", communication_pdf(conform));
  expect_every_page(rc, "Request MES-2026-000123", "Page", "of");
  t = rc.all();
  EXPECT_NE(t.find("has been found conform"), std::string::npos) << t;
  EXPECT_NE(t.find("Québec, December 9, 2026"), std::string::npos) << t;
  EXPECT_EQ(communication_title(conform), "Request found conform");
  EXPECT_EQ(communication_filename(conform), "MES-2026-000123-conform.pdf");
  expect_png_pages(dir, rc);
}

TEST(MesPrint, MES_08_EveryPrintKeyIsInBothCatalogs) {
  for (const char* lang : {"fr", "en"}) {
    const auto& c = sgee::i18n::catalog(lang);
    for (auto k : all_provider_kinds())
      EXPECT_TRUE(c.count("mes.print.kind." + std::string(to_string(k)))) << lang;
    for (const char* d : {"conform", "granted", "refused"})
      EXPECT_TRUE(c.count(std::string("mes.letter.title.") + d)) << lang;
  }
  EXPECT_EQ(hours_text("fr", 390), "6 h 30");
  EXPECT_EQ(hours_text("en", 390), "6:30");
  EXPECT_EQ(hours_text("fr", 480), "8 h");
}
