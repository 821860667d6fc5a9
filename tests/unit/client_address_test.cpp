// Unit tests for http::client_address (issue 11 item 4): X-Forwarded-For is believed only from a
// trusted proxy, and only as far as the trusted hops reach.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/http/addresses.hpp"

using sgee::http::AddressSet;
using sgee::http::client_address;

TEST(ClientAddress, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  const std::string proxy = "10.0.0.1";
  const std::string two = "10.0.0.1, 10.0.0.2";
  struct Case {
    std::string label, peer, xff;
    std::string trusted;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"no proxy configured", "127.0.0.1", "203.0.113.7", "", "127.0.0.1"},
      {"peer is not the proxy", "198.51.100.9", "203.0.113.7", proxy, "198.51.100.9"},
      {"no header", "10.0.0.1", "", proxy, "10.0.0.1"},
      {"through the proxy", "10.0.0.1", "203.0.113.7", proxy, "203.0.113.7"},
      {"the client's own claim is ignored", "10.0.0.1", "1.2.3.4, 203.0.113.7", proxy,
       "203.0.113.7"},
      {"two trusted hops", "10.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.2", two, "203.0.113.7"},
      {"only trusted hops", "10.0.0.1", "10.0.0.2", two, "10.0.0.2"},
      {"spaces", "10.0.0.1", " 203.0.113.7 ", proxy, "203.0.113.7"},
      {"IPv6 client", "10.0.0.1", "2001:db8::1", proxy, "2001:db8::1"},
      {"garbage from the client stops the walk", "10.0.0.1", "not-an-ip", proxy, "10.0.0.1"},
      {"garbage left of the real client", "10.0.0.1", "evil, 203.0.113.7", proxy, "203.0.113.7"},
      {"v4-mapped peer", "::ffff:10.0.0.1", "203.0.113.7", proxy, "203.0.113.7"},
      {"a trusted prefix", "10.0.3.4", "203.0.113.7, 10.0.9.9", "10.0.0.0/16", "203.0.113.7"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(client_address(c.peer, c.xff, AddressSet::parse(c.trusted)), c.want);
  }
}
