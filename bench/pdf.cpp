// PDF out and in (issue 16, MES-07/08/12): a ~6-page form-like document written with the writer
// (cairo + pango), the MES documents of src/mes/print (complete form, signatures, letter), and
// the upload check (magic bytes, libqpdf's full check in a limited child
// process) of a 5 MB PDF. One thread each.
#include <benchmark/benchmark.h>
#include <cairo-pdf.h>
#include <cairo.h>

#include <sys/resource.h>

#include <random>
#include <string>

#include "mes/print.hpp"
#include "platform/pdf_in.hpp"
#include "platform/pdf_out.hpp"

namespace {

using namespace sgee;

pdf::Document six_page_form() {
  pdf::Document d("Demande d'allocation pour l'intégration d'un enfant handicapé", "N° 2026-000123",
                  "Imprimé le 2 décembre 2026");
  d.heading("Formulaire complet");
  d.heading("Section 1 – Identification", 2);
  d.key_values({{"Enfant", "Élodie Bégin-Gagné"},
                {"Date de naissance", "14 février 2022"},
                {"Prestataire", "CPE « Les Petits Loups » – installation Côte-des-Neiges"},
                {"Type de demande", "Renouvellement avec changements"}});
  for (int s = 2; s <= 3; ++s) {
    d.heading("Section " + std::to_string(s) + " – Besoins", 2);
    for (int p = 0; p < 6; ++p)
      d.paragraph(
          "L'enfant fréquente le centre cinq jours par semaine. Ses incapacités : motrices et "
          "langagières ; un plan d'intégration est appliqué. Les éducatrices notent des progrès "
          "réguliers à l'égard de l'autonomie et de la communication, mais un accompagnement "
          "soutenu demeure nécessaire lors des transitions, des repas et de la sieste.");
    d.checkbox("Caractère exceptionnel par rapport aux enfants du même âge", s == 2);
  }
  d.heading("Section 4 – Journée type", 2);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 58; ++i)
    rows.push_back({"08h00", "09h30", i % 2 ? "Oui" : "Non",
                    "Moment " + std::to_string(i + 1) +
                        " : l'enfant a besoin d'être accompagné pour s'habiller et manger.",
                    "Éducatrice à ses côtés ; consignes répétées « une à la fois »."});
  d.table({{"Début", 1},
           {"Fin", 1},
           {"Transition", 1.6},
           {"Besoins de l'enfant", 4},
           {"Actions adaptées", 4}},
          rows);
  d.heading("Signatures", 2);
  d.signatures({{"Marie-Ève Côté", "Directrice générale"}, {"", "Parent"}});
  return d;
}

void BM_PdfFormSixPages(benchmark::State& state) {
  auto doc = six_page_form();
  size_t bytes = 0;
  for (auto _ : state) {
    auto out = doc.render();
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["pages"] = pdf::check_upload(doc.render()).pages;
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PdfFormSixPages)->Unit(benchmark::kMillisecond);

// The MES documents (src/mes/print.hpp) from the data of a full request: the complete form (12
// moments of the typical day with long texts, every section answered, the signatures page), the
// signatures page of a home-based renewal with changes (four signers) and the ministry's letter.
void mes_document(benchmark::State& state, std::string (*render)()) {
  std::string out;
  for (auto _ : state) {
    out = render();
    benchmark::DoNotOptimize(out);
  }
  state.counters["pages"] = pdf::check_upload(out).pages;
  state.counters["bytes"] = static_cast<double>(out.size());
}
void BM_PdfMesFormComplete(benchmark::State& state) {
  static const auto data = mes::example_request(false, 12);
  mes_document(state, [] { return mes::form_pdf(data); });
}
BENCHMARK(BM_PdfMesFormComplete)->Unit(benchmark::kMillisecond);
void BM_PdfMesSignatures(benchmark::State& state) {
  static const auto data = mes::example_request(true, 12);
  mes_document(state, [] { return mes::signatures_pdf(data); });
}
BENCHMARK(BM_PdfMesSignatures)->Unit(benchmark::kMillisecond);
void BM_PdfMesCommunication(benchmark::State& state) {
  static const auto data = mes::example_letter(mes::Decision::granted);
  mes_document(state, [] { return mes::communication_pdf(data); });
}
BENCHMARK(BM_PdfMesCommunication)->Unit(benchmark::kMillisecond);

// One page with a 1300 × 1300 image of noise: about 5 MB that does not compress.
std::string five_mb_pdf() {
  std::string out;
  auto* surface = cairo_pdf_surface_create_for_stream(
      [](void* c, const unsigned char* d, unsigned int n) {
        static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &out, 612, 792);
  auto* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1300, 1300);
  cairo_surface_flush(image);
  auto* px = reinterpret_cast<uint32_t*>(cairo_image_surface_get_data(image));
  std::mt19937 rng(42);
  for (int i = 0; i < 1300 * 1300; ++i) px[i] = rng() & 0xffffff;
  cairo_surface_mark_dirty(image);
  auto* cr = cairo_create(surface);
  cairo_scale(cr, 0.4, 0.4);
  cairo_set_source_surface(cr, image, 100, 100);
  cairo_paint(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(image);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

void BM_PdfCheckUpload5MB(benchmark::State& state) {
  auto bytes = five_mb_pdf();
  bool ok = false;
  // The checking child's CPU time is not the benchmark's: it is counted apart.
  auto children_cpu = [] {
    rusage u{};
    ::getrusage(RUSAGE_CHILDREN, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
  };
  double before = children_cpu();
  for (auto _ : state) {
    auto r = pdf::check_upload(bytes);
    ok = r.ok();
    benchmark::DoNotOptimize(r);
  }
  state.counters["child_cpu_ms"] =
      (children_cpu() - before) / static_cast<double>(state.iterations());
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
  state.counters["accepted"] = ok;
}
BENCHMARK(BM_PdfCheckUpload5MB)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
