// mes_print_examples DIR: writes the examples of the generated MES PDFs (docs/mes-print.md) from
// mes::example_request() and mes::example_letter():
//   mes-formulaire-complet.pdf   the complete form of a CPE's new request (12 moments)
//   mes-signatures.pdf           the signatures page of a home-based renewal with changes
//   mes-communication.pdf        the ministry's letter granting 6 h a day
#include <filesystem>
#include <fstream>
#include <iostream>

#include "mes/print.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: mes_print_examples DIR\n";
    return 2;
  }
  namespace fs = std::filesystem;
  using namespace sgee::mes;
  fs::path dir = argv[1];
  fs::create_directories(dir);
  auto write = [&](const char* name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    std::cout << (dir / name).string() << " (" << bytes.size() / 1024 << " KB)\n";
  };
  write("mes-formulaire-complet.pdf", form_pdf(example_request(false, 12)));
  write("mes-signatures.pdf", signatures_pdf(example_request(true, 12)));
  write("mes-communication.pdf", communication_pdf(example_letter(Decision::granted)));
  return 0;
}
