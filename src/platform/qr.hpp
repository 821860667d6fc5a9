#pragma once
// QR codes (libqrencode) drawn as inline SVG: crisp at any size, no image file, no script.
#include <string>

namespace sgee::qr {

// An <svg> element showing `text` as a QR code (error correction level M, 4-module quiet zone),
// `pixels` wide, with `label` as its accessible name. Throws std::runtime_error when `text` is too
// long for a QR code.
std::string svg(const std::string& text, int pixels, const std::string& label);

}  // namespace sgee::qr
