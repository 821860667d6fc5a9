#include "platform/http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::http {
namespace {

// The address in its canonical form ("::FFFF:10.0.0.1" -> "10.0.0.1"), or nothing.
std::optional<std::string> canonical(std::string_view s) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text::trim(s)), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted) {
  auto hop = canonical(peer).value_or(peer);
  if (trusted.empty() || forwarded_for.empty() || !is_trusted(hop, trusted)) return peer;
  auto entries = text::split(forwarded_for, ',');
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    auto address = canonical(*it);
    if (!address) break;
    hop = *address;
    if (!is_trusted(hop, trusted)) break;
  }
  return hop;
}

std::vector<std::string> parse_trusted_proxies(std::string_view list) {
  std::vector<std::string> out;
  for (auto entry : text::split(list, ',')) {
    if (text::trim(entry).empty()) continue;
    auto address = canonical(entry);
    if (!address)
      throw std::invalid_argument(
          "--trusted-proxy: expected IP addresses separated by commas, got '" +
          std::string(text::trim(entry)) + "'");
    out.push_back(*address);
  }
  return out;
}

}  // namespace sgee::http
