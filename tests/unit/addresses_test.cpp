// Unit tests for src/platform/http/addresses.hpp: address lists with CIDR prefixes, IPv4 and
// IPv6, IPv4-mapped addresses, and the errors that name the bad entry.
#include "platform/http/addresses.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using sgee::http::AddressSet;

namespace {

TEST(AddressSet, MatchesAddressesAndPrefixes) {
  struct Case {
    const char* list;
    const char* address;
    bool in;
  };
  const Case cases[] = {
      {"127.0.0.1,::1", "127.0.0.1", true},
      {"127.0.0.1,::1", "::1", true},
      {"127.0.0.1,::1", "127.0.0.2", false},
      {"127.0.0.1,::1", "::ffff:127.0.0.1", true},  // IPv4-mapped
      {"127.0.0.0/8", "127.200.3.4", true},
      {"10.0.0.0/8", "11.0.0.1", false},
      {"192.168.4.0/22", "192.168.7.255", true},
      {"192.168.4.0/22", "192.168.8.0", false},
      {"192.168.4.0/22", "192.168.3.255", false},
      {"0.0.0.0/0", "203.0.113.9", true},
      {"0.0.0.0/0", "2001:db8::1", false},  // an IPv4 prefix never holds IPv6
      {"2001:db8::/32", "2001:db8:ffff::1", true},
      {"2001:db8::/32", "2001:db9::1", false},
      {"fe80::/10", "febf::1", true},
      {"fe80::/10", "fec0::1", false},
      {" 10.1.2.3 , , 10.1.2.4 ", "10.1.2.4", true},
      {"", "127.0.0.1", false},
      {"127.0.0.1", "not an address", false},
      {"127.0.0.1", "", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(AddressSet::parse(c.list).contains(c.address), c.in) << c.list << " ∋ " << c.address;
}

TEST(AddressSet, RefusesWhatIsNotAnAddressNamingIt) {
  for (const char* bad : {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x",
                          "1.2.3", "127.0.0.1,nope"}) {
    try {
      AddressSet::parse(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("expected an IP address or a CIDR prefix"), std::string::npos) << what;
    }
  }
  EXPECT_TRUE(AddressSet::parse("").empty());
  EXPECT_FALSE(AddressSet::parse("::1").empty());
}

}  // namespace
