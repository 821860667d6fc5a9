// Unit tests for src/platform/text.hpp.
#include "platform/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace text = sgee::text;

namespace {

struct DecodeCase {
  std::string input;
  bool plus_is_space;
  std::optional<std::string> expected;
};

}  // namespace

TEST(TextUrlDecode, DecodesTableOfInputs) {
  const std::vector<DecodeCase> cases = {
      {"", true, ""},
      {"abc", true, "abc"},
      {"a+b", true, "a b"},
      {"a+b", false, "a+b"},
      {"a%20b", true, "a b"},
      {"%2B", true, "+"},
      {"%2b", true, "+"},
      {"%41%42%43", true, "ABC"},
      {"caf%C3%A9", true, "caf\xC3\xA9"},
      {"%00", true, std::string(1, '\0')},
      {"100%25", true, "100%"},
      // bad escapes
      {"%", true, std::nullopt},
      {"a%", true, std::nullopt},
      {"%4", true, std::nullopt},
      {"a%4", true, std::nullopt},
      {"%zz", true, std::nullopt},
      {"%4g", true, std::nullopt},
      {"%g4", true, std::nullopt},
      {"ok%2", false, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("input: '" + c.input + "' plus_is_space=" + std::to_string(c.plus_is_space));
    EXPECT_EQ(text::url_decode(c.input, c.plus_is_space), c.expected);
  }
}

TEST(TextUrlEncode, EncodesReservedAndKeepsUnreserved) {
  EXPECT_EQ(text::url_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(text::url_encode("a b"), "a%20b");
  EXPECT_EQ(text::url_encode("a+b&c=d/e?"), "a%2Bb%26c%3Dd%2Fe%3F");
  EXPECT_EQ(text::url_encode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(text::url_encode(std::string(1, '\0')), "%00");
  EXPECT_EQ(text::url_encode(""), "");
}

TEST(TextUrlEncode, RoundTripsThroughDecode) {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  const std::vector<std::string> inputs = {"",      "plain",   "with space",   "a+b",    "100%",
                                           "é à ü", "x=1&y=2", "/path?q#frag", all_bytes};
  for (const auto& s : inputs) {
    auto encoded = text::url_encode(s);
    EXPECT_EQ(encoded.find(' '), std::string::npos);
    EXPECT_EQ(text::url_decode(encoded), s);
    EXPECT_EQ(text::url_decode(encoded, false), s);
  }
}

TEST(TextParseQuery, ParsesPairsInOrder) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(text::parse_query(""), Pairs{});
  EXPECT_EQ(text::parse_query("a=1&b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(text::parse_query("b=2&a=1&b=3"), (Pairs{{"b", "2"}, {"a", "1"}, {"b", "3"}}));
  EXPECT_EQ(text::parse_query("q=hello+world&x=%C3%A9"),
            (Pairs{{"q", "hello world"}, {"x", "\xC3\xA9"}}));
  EXPECT_EQ(text::parse_query("flag&k="), (Pairs{{"flag", ""}, {"k", ""}}));
  EXPECT_EQ(text::parse_query("a=1&&b=2&"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(text::parse_query("a=x=y"), (Pairs{{"a", "x=y"}}));
  EXPECT_EQ(text::parse_query("a%3Db=c"), (Pairs{{"a=b", "c"}}));
}

TEST(TextParseQuery, MalformedEscapeFailsWholeCall) {
  EXPECT_EQ(text::parse_query("a=1&b=%zz"), std::nullopt);
  EXPECT_EQ(text::parse_query("a%=1"), std::nullopt);
  EXPECT_EQ(text::parse_query("ok=1&bad=%4"), std::nullopt);
}

TEST(TextSplit, KeepsEmptyFields) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(text::split("a,b,c", ','), (V{"a", "b", "c"}));
  EXPECT_EQ(text::split("", ','), (V{""}));
  EXPECT_EQ(text::split("abc", ','), (V{"abc"}));
  EXPECT_EQ(text::split(",a,,b,", ','), (V{"", "a", "", "b", ""}));
}

TEST(TextTrim, RemovesSpacesTabsAndNewlinesAtBothEnds) {
  EXPECT_EQ(text::trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(text::trim("\n\tx"), "x");
  EXPECT_EQ(text::trim("x"), "x");
  EXPECT_EQ(text::trim(""), "");
  EXPECT_EQ(text::trim(" \t \r\n "), "");
}

TEST(TextLower, LowersAsciiOnly) {
  EXPECT_EQ(text::lower("Content-TYPE"), "content-type");
  EXPECT_EQ(text::lower("abc123"), "abc123");
  EXPECT_EQ(text::lower(""), "");
  EXPECT_EQ(text::lower("\xC3\x89T\xC3\x89"),
            "\xC3\x89t\xC3\x89");  // "ÉTÉ": only the ASCII T changes
}

namespace {
struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;
};
}  // namespace

TEST(TextValidUtf8, AcceptsValidAndRejectsMalformedSequences) {
  const std::vector<Utf8Case> cases = {
      {"empty", "", true},
      {"ascii", "hello", true},
      {"ascii NUL", std::string("a\0b", 3), true},
      {"2-byte e-acute", "\xC3\xA9", true},
      {"2-byte lowest U+0080", "\xC2\x80", true},
      {"2-byte highest U+07FF", "\xDF\xBF", true},
      {"3-byte euro", "\xE2\x82\xAC", true},
      {"3-byte lowest U+0800", "\xE0\xA0\x80", true},
      {"3-byte U+D7FF before surrogates", "\xED\x9F\xBF", true},
      {"3-byte U+E000 after surrogates", "\xEE\x80\x80", true},
      {"3-byte U+FFFF", "\xEF\xBF\xBF", true},
      {"4-byte emoji U+1F600", "\xF0\x9F\x98\x80", true},
      {"4-byte lowest U+10000", "\xF0\x90\x80\x80", true},
      {"4-byte highest U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"mixed",
       "Qu\xC3\xA9"
       "bec \xE2\x82\xAC \xF0\x9F\x98\x80",
       true},
      // overlongs
      {"overlong 2-byte NUL C0 80", "\xC0\x80", false},
      {"overlong 2-byte '/' C0 AF", "\xC0\xAF", false},
      {"overlong 2-byte C1 BF", "\xC1\xBF", false},
      {"overlong 3-byte E0 80 80", "\xE0\x80\x80", false},
      {"overlong 3-byte E0 9F BF", "\xE0\x9F\xBF", false},
      {"overlong 4-byte F0 80 80 80", "\xF0\x80\x80\x80", false},
      {"overlong 4-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", false},
      // surrogates
      {"surrogate U+D800", "\xED\xA0\x80", false},
      {"surrogate U+DBFF", "\xED\xAF\xBF", false},
      {"surrogate U+DC00", "\xED\xB0\x80", false},
      {"surrogate U+DFFF", "\xED\xBF\xBF", false},
      // above U+10FFFF
      {"U+110000", "\xF4\x90\x80\x80", false},
      {"F5 lead", "\xF5\x80\x80\x80", false},
      {"F7 lead", "\xF7\xBF\xBF\xBF", false},
      {"F8 5-byte lead", "\xF8\x88\x80\x80\x80", false},
      {"FF byte", "\xFF", false},
      {"FE byte", "\xFE", false},
      // truncated
      {"truncated 2-byte", "\xC3", false},
      {"truncated 3-byte after 1", "\xE2", false},
      {"truncated 3-byte after 2", "\xE2\x82", false},
      {"truncated 4-byte after 3", "\xF0\x9F\x98", false},
      {"truncated at end of text", "abc\xC3", false},
      // bad continuation bytes
      {"lone continuation", "\x80", false},
      {"continuation replaced by ASCII",
       "\xC3"
       "A",
       false},
      {"3-byte with ASCII in middle",
       "\xE2"
       "A\xAC",
       false},
      {"4-byte with 2-byte lead inside", "\xF0\x9F\xC3\xA9", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(text::valid_utf8(c.bytes), c.valid) << c.name;
  }
}

TEST(TextToInt, ParsesWholeSignedIntegersOnly) {
  const std::vector<std::pair<std::string, std::optional<std::int64_t>>> cases = {
      {"0", 0},
      {"42", 42},
      {"-7", -7},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
      {"9223372036854775808", std::nullopt},  // overflow
      {"", std::nullopt},
      {"-", std::nullopt},
      {"abc", std::nullopt},
      {"12a", std::nullopt},
      {" 12", std::nullopt},
      {"12 ", std::nullopt},
      {"1.5", std::nullopt},
      {"0x10", std::nullopt},
  };
  for (const auto& [in, expected] : cases)
    EXPECT_EQ(text::to_int(in), expected) << "input: '" << in << "'";
}

TEST(TextParseSize, ParsesBytesWithUnitSuffixes) {
  const std::vector<std::pair<std::string, std::optional<std::uint64_t>>> cases = {
      {"32M", 32ull * 1024 * 1024},
      {"32m", 32ull * 1024 * 1024},
      {"10k", 10ull * 1024},
      {"10K", 10ull * 1024},
      {"2G", 2ull * 1024 * 1024 * 1024},
      {"1048576", 1048576},
      {"0", 0},
      {" 5k ", 5ull * 1024},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"abc", std::nullopt},
      {"5x", std::nullopt},
      {"k", std::nullopt},
      {"M", std::nullopt},
      {"-5", std::nullopt},
      {"1.5M", std::nullopt},
      {"5 M", std::nullopt},
      {"5MB", std::nullopt},
  };
  for (const auto& [in, expected] : cases)
    EXPECT_EQ(text::parse_size(in), expected) << "input: '" << in << "'";
}

// A size whose multiplication by the unit overflows 64 bits must be refused, not wrapped to a
// small number (e.g. a body limit "16777216T"-like value turning into a tiny one).
TEST(TextParseSize, RefusesValuesThatOverflowWithTheirUnit) {
  EXPECT_EQ(text::parse_size("18446744073709551615"), 18446744073709551615ull);
  EXPECT_EQ(text::parse_size("18446744073709551616"), std::nullopt);
  EXPECT_EQ(text::parse_size("18446744073709551615K"), std::nullopt);
  EXPECT_EQ(text::parse_size("17179869184G"), std::nullopt);  // 2^34 GiB = 2^64 bytes, wraps to 0
}

TEST(TextRedactUrl, HidesPasswordInUserinfo) {
  EXPECT_EQ(text::redact_url("postgresql://u:pw@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(text::redact_url("postgres://sgee:s3cr%40t@db.example:5432/sgee"),
            "postgres://sgee:***@db.example:5432/sgee");
  auto r = text::redact_url("postgresql://u:pw@h/db");
  EXPECT_EQ(r.find("pw"), std::string::npos);
}

TEST(TextRedactUrl, LeavesUrlsWithoutPasswordAlone) {
  EXPECT_EQ(text::redact_url("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(text::redact_url("postgresql://h:5432/db"), "postgresql://h:5432/db");
  EXPECT_EQ(text::redact_url("sqlite:/var/lib/sgee/sgee.db"), "sqlite:/var/lib/sgee/sgee.db");
  EXPECT_EQ(text::redact_url("sqlite::memory:"), "sqlite::memory:");
}

TEST(TextRedactUrl, HidesPasswordParameterInUrlWithUser) {
  EXPECT_EQ(text::redact_url("postgresql://u@h/db?password=secret&sslmode=require"),
            "postgresql://u@h/db?password=***&sslmode=require");
}

// libpq also takes the password as a query parameter with no user part, and as key=value
// connection strings: the password must not leak in either form.
TEST(TextRedactUrl, HidesPasswordParameterWithoutUserinfo) {
  auto r = text::redact_url("postgresql:///sgee?host=/run/postgresql&password=secret");
  EXPECT_EQ(r.find("secret"), std::string::npos) << r;
  EXPECT_EQ(r, "postgresql:///sgee?host=/run/postgresql&password=***");
}

TEST(TextRedactUrl, HidesPasswordInKeyValueConnectionString) {
  auto r = text::redact_url("host=localhost dbname=sgee user=u password=secret sslmode=disable");
  EXPECT_EQ(r.find("secret"), std::string::npos) << r;
  EXPECT_EQ(r, "host=localhost dbname=sgee user=u password=*** sslmode=disable");
}

TEST(TextRandomHex, HasTwoHexCharsPerByteAndDiffersEachCall) {
  for (size_t n : {0u, 1u, 16u, 32u}) {
    auto h = text::random_hex(n);
    EXPECT_EQ(h.size(), 2 * n);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  }
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) seen.insert(text::random_hex(16));
  EXPECT_EQ(seen.size(), 20u);
}

TEST(TextHex, EncodesBytesInLowerCase) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  EXPECT_EQ(text::hex(bytes, 4), "000fa5ff");
  EXPECT_EQ(text::hex(bytes, 0), "");
}

TEST(Text, HtmlEscapeIsMustachesEscaping) {
  EXPECT_EQ(sgee::text::html_escape("<a href=\"/x?a=1&b='2'\">É</a>"),
            "&lt;a href=&quot;&#x2F;x?a=1&amp;b=&#39;2&#39;&quot;&gt;É&lt;&#x2F;a&gt;");
  EXPECT_EQ(sgee::text::html_escape(""), "");
  // Plain runs around the entities are kept whole, at either end and between two entities.
  EXPECT_EQ(sgee::text::html_escape("plain"), "plain");
  EXPECT_EQ(sgee::text::html_escape("&a"), "&amp;a");
  EXPECT_EQ(sgee::text::html_escape("a&"), "a&amp;");
  EXPECT_EQ(sgee::text::html_escape("<>"), "&lt;&gt;");
  std::string out = "kept ";
  sgee::text::append_html_escaped(out, "x<y");
  EXPECT_EQ(out, "kept x&lt;y");
}
