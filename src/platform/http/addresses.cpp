#include "platform/http/addresses.hpp"

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::http {
namespace {

struct Parsed {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

std::optional<Parsed> parse_address(std::string_view s) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(s), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  Parsed p;
  p.v4 = a.is_v4();
  if (p.v4) {
    auto b = a.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), p.bytes.begin());
  } else {
    p.bytes = a.to_v6().to_bytes();
  }
  return p;
}

// The address in its canonical form ("::FFFF:10.0.0.1" -> "10.0.0.1"), or nothing.
std::optional<std::string> canonical(std::string_view s) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text::trim(s)), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}

}  // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const AddressSet& trusted) {
  if (trusted.empty() || forwarded_for.empty() || !trusted.contains(peer)) return peer;
  std::string hop = canonical(peer).value_or(peer);
  auto entries = text::split(forwarded_for, ',');
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    auto address = canonical(*it);
    if (!address) break;
    hop = *address;
    if (!trusted.contains(hop)) break;
  }
  return hop;
}

AddressSet AddressSet::parse(std::string_view list) {
  AddressSet set;
  for (auto item : text::split(list, ',')) {
    auto entry = text::trim(item);
    if (entry.empty()) continue;
    auto slash = entry.find('/');
    auto p = parse_address(entry.substr(0, slash));
    std::int64_t bits = -1;
    if (p)
      bits = slash == std::string_view::npos ? (p->v4 ? 32 : 128)
                                             : text::to_int(entry.substr(slash + 1)).value_or(-1);
    if (!p || bits < 0 || bits > (p->v4 ? 32 : 128))
      throw std::invalid_argument("expected an IP address or a CIDR prefix, got '" +
                                  std::string(entry) + "'");
    set.nets_.push_back({p->bytes, static_cast<int>(bits), p->v4});
  }
  return set;
}

bool AddressSet::contains(std::string_view address) const {
  auto p = parse_address(address);
  if (!p) return false;
  for (const auto& n : nets_) {
    if (n.v4 != p->v4) continue;
    int full = n.bits / 8, rest = n.bits % 8;
    if (!std::equal(n.bytes.begin(), n.bytes.begin() + full, p->bytes.begin())) continue;
    auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
    if (rest == 0 || (n.bytes[full] & mask) == (p->bytes[full] & mask)) return true;
  }
  return false;
}

}  // namespace sgee::http
