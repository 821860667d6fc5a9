#pragma once
// Sets of client addresses given on the command line ("127.0.0.1,::1,10.0.0.0/8"): who may read
// /metrics (--metrics-allow), which peers are trusted proxies (--trusted-proxy); and the client's
// address behind such proxies.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sgee::http {

class AddressSet {
 public:
  // Comma-separated IPv4 or IPv6 addresses and CIDR prefixes; blanks are ignored. Throws
  // std::invalid_argument naming the entry that is neither.
  static AddressSet parse(std::string_view list);
  // Whether `address` (as Request::remote holds it; an IPv4-mapped IPv6 address counts as IPv4)
  // is in the set. An unparsable address is in no set.
  bool contains(std::string_view address) const;
  bool empty() const { return nets_.empty(); }

 private:
  struct Net {
    std::array<std::uint8_t, 16> bytes{};
    int bits = 0;  // prefix length
    bool v4 = false;
  };
  std::vector<Net> nets_;
};

// The client's address: `peer` when it is not a trusted proxy or the header is absent; otherwise
// the rightmost entry of X-Forwarded-For that is not itself a trusted proxy (the address the
// nearest trusted proxy saw), so that a client cannot name itself whatever address it likes. An
// entry that is not an IP address ends the walk: the last good one (or the peer) is kept.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const AddressSet& trusted);

}  // namespace sgee::http
