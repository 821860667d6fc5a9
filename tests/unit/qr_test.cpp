// QR codes as SVG (src/platform/qr.hpp): size, quiet zone, finder patterns, accessible name.
#include "platform/qr.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}
}  // namespace

TEST(Qr, ShortTextIsAVersion1SymbolWithItsQuietZone) {
  auto svg = sgee::qr::svg("sgee", 200, "Code <QR>");
  // 21 modules + 4 on each side.
  EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"200\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Code &lt;QR&gt;\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  // The three finder patterns' corners are dark; the quiet zone never is.
  for (const char* corner : {"M4 4h1v1h-1z", "M22 4h1v1h-1z", "M4 22h1v1h-1z"})
    EXPECT_NE(svg.find(corner), std::string::npos) << corner;
  EXPECT_EQ(svg.find("M3 "), std::string::npos);
  EXPECT_EQ(svg.find("M25 "), std::string::npos);
  // Roughly half of the 441 modules are dark.
  auto dark = count(svg, "h1v1h-1z");
  EXPECT_GT(dark, 150u);
  EXPECT_LT(dark, 300u);
}

TEST(Qr, AnOtpauthAddressFitsAndGrowsTheSymbol) {
  auto svg = sgee::qr::svg(
      "otpauth://totp/sgee:E0000001?secret=FAXEY4VPJGKBAPCSBKBXQHTIRHPEPUFV&issuer=sgee&"
      "algorithm=SHA1&digits=6&period=30",
      200, "QR");
  EXPECT_EQ(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);
  EXPECT_NE(svg.find("<path d=\"M4 4h1v1h-1z"), std::string::npos);
}

TEST(Qr, TextTooLongForAnySymbolThrows) {
  EXPECT_THROW(sgee::qr::svg(std::string(8000, 'x'), 200, "QR"), std::runtime_error);
}
