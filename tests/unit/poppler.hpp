#pragma once
// The unit tests' way to read a PDF they made: a poppler-utils tool (pdftotext, pdfinfo,
// pdftoppm), its output, and a failed test when it is missing or fails.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace sgee::test {

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
