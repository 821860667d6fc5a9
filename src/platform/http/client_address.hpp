#pragma once
// The client's address behind a reverse proxy: X-Forwarded-For is believed only when the peer is
// one of the configured trusted proxies (serve --trusted-proxy), and then only as far as the
// trusted hops reach, so that a client cannot name itself whatever address it likes.
#include <string>
#include <string_view>
#include <vector>

namespace sgee::http {

// `peer` when it is not a trusted proxy or the header is absent; otherwise the rightmost entry of
// X-Forwarded-For that is not itself a trusted proxy (the address the nearest trusted proxy saw).
// An entry that is not an IP address ends the walk: the last good one (or the peer) is kept.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted);

// "10.0.0.1, 10.0.0.2" -> the addresses, each checked (for the --trusted-proxy option). Throws
// std::invalid_argument naming a bad entry.
std::vector<std::string> parse_trusted_proxies(std::string_view list);

}  // namespace sgee::http
