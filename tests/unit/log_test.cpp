#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "platform/log.hpp"

namespace sgee {
namespace {

struct EscapeCase {
  std::string input;
  std::string decoded;  // what a JSON parser reads back
};

TEST(LogEscape, EveryLineParsesBackToTheSameText) {
  const std::vector<EscapeCase> cases = {
      {"/plain/path", "/plain/path"},
      {"quote\"and\\backslash", "quote\"and\\backslash"},
      {std::string("ctl\x01\n\t", 6), std::string("ctl\x01\n\t", 6)},
      {"Bégin/é", "Bégin/é"},
      {"bad\xff\xfe", "bad\xef\xbf\xbd\xef\xbf\xbd"},  // invalid UTF-8 -> U+FFFD
  };
  for (const auto& c : cases) {
    std::string out = "\"";
    log::append_json_escaped(out, c.input);
    out += "\"";
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), c.decoded) << out;
  }
}

TEST(LogTimestamp, IsUtcIsoWithMilliseconds) {
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(std::regex_match(log::utc_now_iso(), iso)) << log::utc_now_iso();
}

}  // namespace
}  // namespace sgee
