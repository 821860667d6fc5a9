// PDF in and out (src/platform/pdf_in.hpp, pdf_out.hpp). The PDFs are made here: written with the
// writer (cairo + pango), then truncated, corrupted, encrypted (libqpdf's writer) or hand-built.
// The writer's output is read back with poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm).
#define POINTERHOLDER_TRANSITION 4
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "platform/pdf_in.hpp"
#include "platform/pdf_out.hpp"
#include "platform/text.hpp"
#include "poppler.hpp"

namespace fs = std::filesystem;
using sgee::pdf::Refusal;
using sgee::test::PdfDir;
using sgee::test::run_poppler;

namespace {

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// No-break spaces as pdftotext gives them become ordinary spaces, and runs of spaces one, to
// compare text.
std::string plain_spaces(std::string s) {
  for (std::string_view nb : {"\u00a0", "\u202f"})
    for (auto p = s.find(nb); p != std::string::npos; p = s.find(nb)) s.replace(p, nb.size(), " ");
  for (auto p = s.find("  "); p != std::string::npos; p = s.find("  ")) s.erase(p, 1);
  return s;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string small_pdf(int pages) {
  sgee::pdf::Document d("Pièce jointe", "N° 1");
  for (int i = 0; i < pages; ++i) {
    if (i) d.page_break();
    d.heading("Page d'essai " + std::to_string(i + 1));
    d.paragraph("Plan d'intégration de l'enfant : révisé en équipe.");
  }
  return d.render();
}

// A PDF from its objects' bodies, with a correct cross-reference table.
std::string hand_made_pdf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string encrypted(const std::string& pdf_bytes, const char* user, const char* owner) {
  QPDF pdf;
  pdf.processMemoryFile("in", pdf_bytes.data(), pdf_bytes.size());
  QPDFWriter w(pdf);
  w.setOutputMemory();
  w.setR6EncryptionParameters(user, owner, true, true, true, true, true, true, qpdf_r3p_full, true);
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

}  // namespace

// ---- PDF in ------------------------------------------------------------------------------------

TEST(PdfIn, MES_07_AWellFormedPdfIsAcceptedWithItsPageCountAndSha256) {
  auto bytes = small_pdf(3);
  auto r = sgee::pdf::check_upload(bytes);
  EXPECT_TRUE(r.ok()) << sgee::pdf::refusal_code(r.refusal);
  EXPECT_EQ(r.pages, 3);
  EXPECT_EQ(r.sha256.size(), 64u);
  EXPECT_EQ(r.sha256, sgee::pdf::sha256_hex(bytes));
  EXPECT_EQ(sgee::pdf::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PdfIn, MES_07_RefusalsByContent) {
  auto good = small_pdf(1);
  // A stream's compressed data overwritten in place: the offsets stay right, the data is bad.
  auto corrupt = good;
  auto s = corrupt.find("stream\n");
  ASSERT_NE(s, std::string::npos);
  for (size_t i = s + 7; i < s + 40 && i < corrupt.size(); ++i) corrupt[i] = 'Z';
  // The file's header is right, its cross-reference table points past its end.
  auto bad_xref =
      hand_made_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"});
  bad_xref.replace(bad_xref.find("startxref\n") + 10, 3, "999");
  struct Case {
    const char* name;
    std::string bytes;
    Refusal expected;
  } cases[] = {
      {"empty file", "", Refusal::empty},
      {"text file named .pdf", "Bonjour, ceci est un fichier texte.\n", Refusal::not_pdf},
      {"PDF header not at the start", "x%PDF-1.4\n" + good, Refusal::not_pdf},
      {"PNG", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0'), Refusal::not_pdf},
      {"truncated to half", good.substr(0, good.size() / 2), Refusal::damaged},
      {"last 30 bytes cut", good.substr(0, good.size() - 30), Refusal::damaged},
      {"header only", "%PDF-1.7\n", Refusal::damaged},
      {"corrupt stream", corrupt, Refusal::damaged},
      {"cross-reference past the end", bad_xref, Refusal::damaged},
      {"no pages",
       hand_made_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}),
       Refusal::damaged},
      {"encrypted, user password", encrypted(good, "secret", "owner"), Refusal::encrypted},
      {"encrypted, empty user password", encrypted(good, "", "owner"), Refusal::encrypted},
  };
  for (auto& c : cases) {
    auto r = sgee::pdf::check_upload(c.bytes);
    EXPECT_EQ(sgee::pdf::refusal_code(r.refusal), sgee::pdf::refusal_code(c.expected)) << c.name;
    EXPECT_FALSE(r.ok()) << c.name;
  }
}

TEST(PdfIn, MES_07_EveryRefusalHasASentenceInBothLanguages) {
  for (auto r :
       {Refusal::empty, Refusal::too_large, Refusal::not_pdf, Refusal::damaged, Refusal::encrypted,
        Refusal::too_many_pages, Refusal::too_complex, Refusal::check_failed})
    for (const char* lang : {"fr", "en"}) {
      auto text = sgee::pdf::refusal_text(lang, r);
      EXPECT_EQ(text.find("pdf.refusal"), std::string::npos) << text;  // not a missing key
      EXPECT_EQ(text.find("{1}"), std::string::npos) << text;
      EXPECT_GT(text.size(), 10u);
    }
  EXPECT_EQ(sgee::pdf::refusal_text("fr", Refusal::too_large),
            "Le fichier dépasse la taille permise (10\u00a0Mo).");
  EXPECT_EQ(sgee::pdf::refusal_text("en", Refusal::too_large),
            "The file is larger than allowed (10 MB).");
  EXPECT_EQ(sgee::pdf::refusal_text("fr", Refusal::none), "");
  EXPECT_EQ(sgee::pdf::pages_text("fr", 1), "1 page");
  EXPECT_EQ(sgee::pdf::pages_text("en", 3), "3 pages");
}

TEST(PdfIn, MES_07_SizeAndPageLimits) {
  auto three = small_pdf(3);
  sgee::pdf::Limits limits;
  limits.max_pages = 2;
  EXPECT_EQ(sgee::pdf::check_upload(three, limits).refusal, Refusal::too_many_pages);
  limits = {};
  limits.max_bytes = three.size();
  EXPECT_TRUE(sgee::pdf::check_upload(three, limits).ok());
  limits.max_bytes = three.size() - 1;
  EXPECT_EQ(sgee::pdf::check_upload(three, limits).refusal, Refusal::too_large);
  // MES: 10 MB accepted as a size, 10 MB + 1 byte refused before anything else is looked at.
  std::string big = "%PDF-1.4\n" + std::string(10 * 1024 * 1024 - 9 + 1, ' ');
  EXPECT_EQ(sgee::pdf::check_upload(big).refusal, Refusal::too_large);
  big.pop_back();
  EXPECT_EQ(sgee::pdf::check_upload(big).refusal, Refusal::damaged);
}

TEST(PdfIn, MES_07_DeeplyNestedObjectsAreRefusedWithinTheLimits) {
  const int depth = 200000;
  std::string nested = std::string(depth, '[') + std::string(depth, ']');
  auto bytes = hand_made_pdf({"<< /Type /Catalog /Pages 2 0 R /Bomb 4 0 R >>",
                              "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                              "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>", nested});
  auto r = sgee::pdf::check_upload(bytes);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.refusal == Refusal::damaged || r.refusal == Refusal::too_complex)
      << sgee::pdf::refusal_code(r.refusal);
}

TEST(PdfIn, TheChildsLimitsEndRunawayWork) {
  using sgee::pdf::detail::ChildOutcome;
  sgee::pdf::Limits limits;
  limits.cpu_seconds = 1;
  auto spin = sgee::pdf::detail::run_limited(
      [](long&) {
        volatile unsigned long x = 0;
        for (;;) x = x + 1;
        return 0;
      },
      limits);
  EXPECT_EQ(spin.kind, ChildOutcome::out_of_cpu);

  limits = {};
  limits.wall_ms = 200;
  auto hang = sgee::pdf::detail::run_limited(
      [](long&) {
        ::pause();
        return 0;
      },
      limits);
  EXPECT_EQ(hang.kind, ChildOutcome::out_of_time);

  limits = {};
  limits.memory_mb = 64;
  auto hog = sgee::pdf::detail::run_limited(
      [](long& v) {
        std::vector<char> big(1024ull * 1024 * 1024, 1);
        v = big[12345];
        return 0;
      },
      limits);
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's allocator ends the child past the limit instead of throwing: aborted
  // (abort_on_error) or exited with its error code, never a success.
  EXPECT_TRUE(hog.kind == ChildOutcome::killed ||
              (hog.kind == ChildOutcome::exited && hog.exit_code != 0))
      << hog.kind << " " << hog.exit_code;
#else
  EXPECT_EQ(hog.kind, ChildOutcome::exited);
  EXPECT_EQ(hog.exit_code, 120);  // std::bad_alloc
#endif

  auto fine = sgee::pdf::detail::run_limited(
      [](long& v) {
        v = 42;
        return 7;
      },
      {});
  EXPECT_EQ(fine.kind, ChildOutcome::exited);
  EXPECT_EQ(fine.exit_code, 7);
  EXPECT_EQ(fine.value, 42);
}

// ---- PDF out -----------------------------------------------------------------------------------

TEST(PdfOut, FrenchSpacing) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Nom : Tremblay", "Nom\u00a0: Tremblay"},
      {"Vraiment ? Oui ! Bon ; fin", "Vraiment\u202f? Oui\u202f! Bon\u202f; fin"},
      {"« Les Petits Loups »", "«\u00a0Les Petits Loups\u00a0»"},
      {"«Les Petits Loups»", "«\u00a0Les Petits Loups\u00a0»"},
      {"10:30, https://exemple.qc.ca", "10:30, https://exemple.qc.ca"},
      {"Déjà\u00a0: rien", "Déjà\u00a0: rien"},
      {"", ""},
  };
  for (auto& c : cases) EXPECT_EQ(sgee::pdf::french_spacing(c.in), c.out) << c.in;
}

namespace {
std::vector<std::vector<std::string>> typical_day(int rows) {
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < rows; ++i) {
    int h = 7 + i / 4, m = (i % 4) * 15;
    char start[8], end[8];
    std::snprintf(start, sizeof start, "%02dh%02d", h % 24, m);
    std::snprintf(end, sizeof end, "%02dh%02d", h % 24, m + 14);
    out.push_back({start, end, i % 3 == 0 ? "Oui" : "Non",
                   "Moment " + std::to_string(i + 1) +
                       " : l'enfant a besoin d'être accompagné pour s'habiller, manger et "
                       "participer aux activités du groupe.",
                   "Éducatrice présente à ses côtés ; consignes répétées « une à la fois »."});
  }
  return out;
}

sgee::pdf::Document form(int table_rows) {
  sgee::pdf::Document d("Demande d'allocation pour l'intégration d'un enfant handicapé",
                        "N° 2026-000123", "Imprimé le 2 décembre 2026");
  d.heading("Formulaire complet");
  d.heading("Section 1 – Identification", 2);
  d.key_values({{"Enfant", "Élodie Bégin-Gagné"},
                {"Date de naissance", "14 février 2022"},
                {"Prestataire", "CPE « Les Petits Loups » – installation Côte-des-Neiges"},
                {"Type de demande", "Renouvellement avec changements"}});
  d.heading("Section 2 – Situation de l'enfant", 2);
  d.paragraph(
      "L'enfant fréquente le centre cinq jours par semaine. Ses incapacités : motrices et "
      "langagières ; un plan d'intégration a été appliqué depuis le 3 septembre 2025. Les "
      "éducatrices notent des progrès réguliers à l'égard de l'autonomie et de la "
      "communication, mais un accompagnement soutenu demeure nécessaire à plusieurs moments de "
      "la journée, en particulier lors des transitions, des repas et de la sieste.");
  d.checkbox("Plan d'intégration appliqué", true);
  d.checkbox("Rapport d'un professionnel reconnu joint", false);
  d.heading("Section 4 – Journée type", 2);
  d.table({{"Début", 1},
           {"Fin", 1},
           {"Transition", 1.6},
           {"Besoins de l'enfant", 4},
           {"Actions adaptées", 4}},
          typical_day(table_rows));
  d.heading("Signatures", 2);
  d.signatures({{"Marie-Ève Côté", "Directrice générale"}, {"", "Parent"}});
  return d;
}
}  // namespace

TEST(PdfOut, MES_08_AMultiPageFormReadsBackWithItsHeaderFooterAccentsAndRepeatedTableHeader) {
  auto bytes = form(20).render();
  ASSERT_TRUE(bytes.starts_with("%PDF-"));
  PdfDir dir;
  auto file = dir.path / "formulaire.pdf";
  write_file(file, bytes);

  auto info = run_poppler("pdfinfo", file.string());
  EXPECT_NE(info.find("Pages:           3"), std::string::npos) << info;
  EXPECT_NE(info.find("612 x 792 pts (letter)"), std::string::npos) << info;

  // Every font is embedded (the "emb" column).
  auto fonts = run_poppler("pdffonts", file.string());
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;
  for (auto& line : sgee::text::split(fonts, '\n'))
    if (line.find("DejaVu") != std::string::npos) {
      EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    }

  std::string pages[3];
  for (int p = 1; p <= 3; ++p) {
    auto n = std::to_string(p);
    pages[p - 1] = plain_spaces(
        run_poppler("pdftotext", "-layout -f " + n + " -l " + n + " " + file.string() + " -"));
    auto& t = pages[p - 1];
    EXPECT_NE(t.find("Page " + n + " de 3"), std::string::npos) << t;
    EXPECT_NE(t.find("N° 2026-000123"), std::string::npos) << t;
    EXPECT_NE(t.find("Imprimé le 2 décembre 2026"), std::string::npos) << t;
  }
  EXPECT_NE(pages[0].find("Élodie Bégin-Gagné"), std::string::npos) << pages[0];
  EXPECT_NE(pages[0].find("CPE « Les Petits Loups »"), std::string::npos) << pages[0];
  EXPECT_NE(pages[0].find("Ses incapacités : motrices"), std::string::npos) << pages[0];
  EXPECT_NE(pages[0].find("\u2611 Plan d'intégration appliqué"), std::string::npos) << pages[0];
  EXPECT_NE(pages[0].find("\u2610 Rapport d'un professionnel"), std::string::npos) << pages[0];
  // The table starts on page 1 and continues on 2 and 3, its header row on each page.
  for (auto& t : pages) {
    EXPECT_EQ(count(t, "Besoins de l'enfant"), 1u) << t;
    EXPECT_EQ(count(t, "Actions adaptées"), 1u) << t;
  }
  std::string all = pages[0] + pages[1] + pages[2];
  for (int i = 1; i <= 20; ++i)
    EXPECT_EQ(count(all, "Moment " + std::to_string(i) + " :"), 1u) << i;  // no row twice or lost
  EXPECT_NE(pages[2].find("Marie-Ève Côté"), std::string::npos) << pages[2];
  EXPECT_NE(pages[2].find("Directrice générale"), std::string::npos) << pages[2];
  EXPECT_EQ(count(pages[2], "Signature"), 3u) << pages[2];  // the heading and two lines

  // Rendered to images, one per page.
  run_poppler("pdftoppm", "-r 60 -png " + file.string() + " " + (dir.path / "page").string());
  int images = 0;
  for (auto& e : fs::directory_iterator(dir.path))
    if (e.path().extension() == ".png" && fs::file_size(e.path()) > 1000) ++images;
  EXPECT_EQ(images, 3);

  // And the upload check takes it.
  auto r = sgee::pdf::check_upload(bytes);
  EXPECT_TRUE(r.ok()) << sgee::pdf::refusal_code(r.refusal);
  EXPECT_EQ(r.pages, 3);
}

TEST(PdfOut, ALongParagraphBreaksAcrossPagesAndATooTallRowSpansPagesWithoutLosingAWord) {
  sgee::pdf::Document d("Lettre", "N° 9", {}, sgee::pdf::Language::en);
  std::string words;
  for (int i = 0; i < 1500; ++i) words += "mot" + std::to_string(i) + " ";
  d.paragraph(words);
  d.table({{"Colonne A", 1}, {"Colonne B", 1}}, {{words, "court"}});
  auto bytes = d.render();
  PdfDir dir;
  auto file = dir.path / "long.pdf";
  write_file(file, bytes);
  auto r = sgee::pdf::check_upload(bytes);
  ASSERT_TRUE(r.ok());
  // The paragraph takes three pages; the row, in a column half as wide, about six more: it starts
  // under the paragraph's end and continues, cell by cell, under the header row of each page.
  ASSERT_GE(r.pages, 7);
  auto n = std::to_string(r.pages);
  auto last = run_poppler("pdftotext", "-f " + n + " -l " + n + " " + file.string() + " -");
  EXPECT_NE(last.find("Page " + n + " of " + n), std::string::npos) << last;
  EXPECT_NE(last.find("mot1499"), std::string::npos) << last;
  auto third = run_poppler("pdftotext", "-f 3 -l 3 " + file.string() + " -");
  EXPECT_NE(third.find("mot1499"), std::string::npos) << third;
  EXPECT_NE(third.find("Colonne A"), std::string::npos) << third;  // the row starts there
  // Every word twice in all (paragraph and row), nothing cut, no line drawn twice; the header row
  // on every page the row continues on; the short cell once.
  auto all = run_poppler("pdftotext", file.string() + " -");
  EXPECT_EQ(count(all, "mot"), 3000u);
  EXPECT_EQ(count(all, "…"), 0u);
  EXPECT_EQ(count(all, "court"), 1u);
  EXPECT_EQ(count(all, "Colonne A"), static_cast<size_t>(r.pages - 2));
}

TEST(PdfOut, DocumentsRenderInParallelThreads) {
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < out.size(); ++i)
    threads.emplace_back([&out, i] { out[i] = form(20).render(); });
  for (auto& t : threads) t.join();
  for (auto& bytes : out) {
    auto r = sgee::pdf::check_upload(bytes);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.pages, 3);
  }
}

// At most N checks at once: a caller who finds every slot taken is told at once (the routes answer
// 503 "try again") instead of waiting; a slot given back is free again.
TEST(PdfIn, MES_07_TheCheckGateBoundsHowManyChecksRunAtOnce) {
  sgee::pdf::CheckGate gate(2);
  auto bytes = small_pdf(1);
  {
    auto a = gate.try_enter();
    auto b = gate.try_enter();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(gate.running(), 2);
    EXPECT_FALSE(gate.try_enter());
    EXPECT_FALSE(gate.try_check(bytes));  // nothing checked: all slots taken
    auto moved = std::move(*a);
    EXPECT_EQ(gate.running(), 2);
  }
  EXPECT_EQ(gate.running(), 0);
  auto r = gate.try_check(bytes);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->pages, 1);
  EXPECT_EQ(gate.running(), 0);
}
