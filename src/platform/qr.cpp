#include "platform/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::qr {

std::string svg(const std::string& text, int pixels, const std::string& label) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw std::runtime_error("QR code: text too long");
  const int quiet = 4;
  const int side = code->width + 2 * quiet;
  // One path of unit squares, one per dark module ("M x y h1 v1 h-1 z").
  std::string path;
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      if (code->data[y * code->width + x] & 1)
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  std::string n = std::to_string(side);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" +
         text::html_escape(label) + "\" width=\"" + std::to_string(pixels) + "\" height=\"" +
         std::to_string(pixels) + "\" viewBox=\"0 0 " + n + " " + n +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
         "\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
}

}  // namespace sgee::qr
