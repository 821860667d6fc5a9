#pragma once
// The unit tests' way to read a PDF they made: a folder for it, and a poppler-utils tool
// (pdftotext, pdfinfo, pdftoppm) with its output, a failed test when it is missing or fails.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace sgee::test {

// A temporary folder for the PDFs a test writes, removed at the end (kept in $SGEE_TEST_PDF_OUT
// when set, to look at).
struct PdfDir {
  std::filesystem::path path;
  PdfDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sgee-pdf-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~PdfDir() {
    namespace fs = std::filesystem;
    if (const char* keep = std::getenv("SGEE_TEST_PDF_OUT")) {
      fs::create_directories(keep);
      fs::copy(path, keep, fs::copy_options::overwrite_existing | fs::copy_options::recursive);
    }
    fs::remove_all(path);
  }
  PdfDir(const PdfDir&) = delete;
  PdfDir& operator=(const PdfDir&) = delete;
};

// Runs a poppler tool; a missing tool fails the test, saying which package to install.
inline std::string run_poppler(const std::string& tool, const std::string& args) {
  std::string check = "command -v " + tool + " >/dev/null 2>&1";
  if (std::system(check.c_str()) != 0) {
    ADD_FAILURE() << tool << " is missing: install poppler-utils (scripts/install-deps)";
    return {};
  }
  std::string out;
  FILE* f = ::popen((tool + " " + args + " 2>&1").c_str(), "r");
  if (!f) return {};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  int status = ::pclose(f);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << tool << " " << args << "\n" << out;
  return out;
}

}  // namespace sgee::test
