// POR-02: the fiche descriptive's pure rules (src/portail/fiche_rules.*), table-driven.
#include <gtest/gtest.h>

#include <functional>

#include "portail/fiche_rules.hpp"

namespace {

using sgee::Message;
using namespace sgee::portail;

Capacity cpe() {
  Capacity c;
  c.installation_kind = "CPE";
  c.places_0_17 = 10;
  c.places_18_59 = 50;
  return c;
}
Capacity gns() {
  Capacity c = cpe();
  c.installation_kind = "GNS";
  return c;
}
Capacity rsge() {
  Capacity c;
  c.rsge = true;
  c.places = 6;
  return c;
}

FicheInput good() {
  FicheInput in;
  in.days = {"0", "1", "2", "3", "4"};
  in.opens_at = "07:00";
  in.closes_at = "18:00";
  in.periods = {"day"};
  in.languages = {"fr"};
  in.visible = {"periods", "languages"};
  return in;
}

bool has_code(const std::vector<Message>& ms, const std::string& code, const std::string& field) {
  for (const auto& m : ms)
    if (m.code == code && m.field == field && m.rule == "POR-02" && m.severity == 'E' &&
        m.text_key.starts_with("fiche.err."))
      return true;
  return false;
}

struct Case {
  const char* what;
  Capacity cap;
  std::function<void(FicheInput&)> change;
  const char* code;  // "" : accepted
  const char* field;
};

TEST(PortailFicheRules, POR_02_EachBadValueIsRefusedWithItsCodeAndField) {
  const std::vector<Case> cases = {
      {"a good fiche", cpe(), [](FicheInput&) {}, "", ""},
      {"no hours at all (a draft)", cpe(), [](FicheInput& i) { i.opens_at = i.closes_at = ""; }, "",
       ""},
      {"a day out of the week", cpe(), [](FicheInput& i) { i.days.push_back("7"); }, "POR034E",
       "days"},
      {"opening hour not HH:MM", cpe(), [](FicheInput& i) { i.opens_at = "7h"; }, "POR020E",
       "opens_at"},
      {"opening hour 24:00", cpe(), [](FicheInput& i) { i.opens_at = "24:00"; }, "POR020E",
       "opens_at"},
      {"closing minutes 60", cpe(), [](FicheInput& i) { i.closes_at = "18:60"; }, "POR021E",
       "closes_at"},
      {"closing without opening", cpe(), [](FicheInput& i) { i.opens_at = ""; }, "POR022E",
       "opens_at"},
      {"opening without closing", cpe(), [](FicheInput& i) { i.closes_at = ""; }, "POR022E",
       "closes_at"},
      {"closing before opening", cpe(), [](FicheInput& i) { i.closes_at = "06:00"; }, "POR023E",
       "closes_at"},
      {"closing before opening with night care", cpe(),
       [](FicheInput& i) {
         i.opens_at = "18:00";
         i.closes_at = "07:00";
         i.periods = {"night"};
       },
       "", ""},
      {"an unknown period", cpe(), [](FicheInput& i) { i.periods.push_back("lunch"); }, "POR024E",
       "periods"},
      {"week-end care, closed Saturday and Sunday", cpe(),
       [](FicheInput& i) { i.periods.push_back("weekend"); }, "POR025E", "periods"},
      {"week-end care, open Saturday", cpe(),
       [](FicheInput& i) {
         i.periods.push_back("weekend");
         i.days.push_back("5");
       },
       "", ""},
      {"group composition too long", cpe(),
       [](FicheInput& i) { i.group_composition = std::string(501, 'a'); }, "POR026E",
       "group_composition"},
      {"group composition of 500 accented letters", cpe(),
       [](FicheInput& i) {
         for (int n = 0; n < 500; ++n) i.group_composition += "é";
       },
       "", ""},
      {"presentation too long", cpe(),
       [](FicheInput& i) { i.presentation = std::string(2001, 'a'); }, "POR030E", "presentation"},
      {"a rate for subsidized places", cpe(), [](FicheInput& i) { i.daily_rate = "45"; }, "POR027E",
       "daily_rate"},
      {"a rate for an RSGE", rsge(), [](FicheInput& i) { i.daily_rate = "45"; }, "POR027E",
       "daily_rate"},
      {"a GNS rate with a comma", gns(), [](FicheInput& i) { i.daily_rate = "52,50"; }, "", ""},
      {"a GNS rate, not a number", gns(), [](FicheInput& i) { i.daily_rate = "cinquante"; },
       "POR028E", "daily_rate"},
      {"a GNS rate of zero", gns(), [](FicheInput& i) { i.daily_rate = "0"; }, "POR028E",
       "daily_rate"},
      {"a GNS rate over 200 $", gns(), [](FicheInput& i) { i.daily_rate = "200.01"; }, "POR028E",
       "daily_rate"},
      {"a GNS rate with three decimals", gns(), [](FicheInput& i) { i.daily_rate = "45.505"; },
       "POR028E", "daily_rate"},
      {"an unknown language", cpe(), [](FicheInput& i) { i.languages.push_back("xx"); }, "POR029E",
       "languages"},
      {"free places not a number", cpe(), [](FicheInput& i) { i.free_0_17 = "deux"; }, "POR031E",
       "free_0_17"},
      {"negative free places", cpe(), [](FicheInput& i) { i.free_18_59 = "-1"; }, "POR031E",
       "free_18_59"},
      {"free places over the permit's", cpe(), [](FicheInput& i) { i.free_0_17 = "11"; }, "POR032E",
       "free_0_17"},
      {"free places equal to the permit's", cpe(), [](FicheInput& i) { i.free_0_17 = "10"; }, "",
       ""},
      {"free school-age places with none on the permit", cpe(),
       [](FicheInput& i) { i.free_school = "1"; }, "POR032E", "free_school"},
      {"an RSGE's free places over hers together", rsge(),
       [](FicheInput& i) {
         i.free_0_17 = "2";
         i.free_18_59 = "5";
       },
       "POR032E", "free_18_59"},
      {"an RSGE's free places within hers", rsge(),
       [](FicheInput& i) {
         i.free_0_17 = "2";
         i.free_18_59 = "4";
       },
       "", ""},
      {"an unknown visibility switch", cpe(), [](FicheInput& i) { i.visible.push_back("address"); },
       "POR033E", "visible"},
  };
  for (const auto& c : cases) {
    auto in = good();
    c.change(in);
    auto out = check_fiche(in, c.cap);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(out.messages.empty()) << c.what << ": " << out.messages.front().code;
    } else {
      EXPECT_TRUE(has_code(out.messages, c.code, c.field)) << c.what;
      EXPECT_EQ(out.messages.size(), 1u) << c.what;
    }
  }
}

TEST(PortailFicheRules, POR_02_AGoodFicheIsReadAsTyped) {
  auto in = good();
  in.days = {"5", "0"};
  in.periods = {"weekend", "day", "day"};
  in.languages = {"en", "fr"};
  in.daily_rate = " 45,5 $ ";
  in.free_0_17 = "2";
  in.visible = {"rates", "free_places", "periods"};
  auto out = check_fiche(in, gns());
  ASSERT_TRUE(out.messages.empty());
  EXPECT_EQ(out.fiche.opening_days, "1000010");
  EXPECT_EQ(out.fiche.periods, (std::vector<std::string>{"day", "weekend"}));
  EXPECT_EQ(out.fiche.languages, (std::vector<std::string>{"fr", "en"}));
  EXPECT_EQ(out.fiche.daily_rate_cents, 4550);
  EXPECT_EQ(out.fiche.free_0_17, 2);
  EXPECT_FALSE(out.fiche.free_18_59.has_value());
  EXPECT_EQ(join_tokens(visibility_tokens(), out.fiche.visible), "periods,rates,free_places");
}

TEST(PortailFicheRules, POR_02_PublishingNeedsTheCoreComplete) {
  struct P {
    const char* what;
    std::string days, opens, closes;
    std::vector<std::string> codes;
  };
  const std::vector<P> cases = {
      {"complete", "1111100", "07:00", "18:00", {}},
      {"no day", "0000000", "07:00", "18:00", {"POR035E"}},
      {"no hours", "1000000", "", "", {"POR036E"}},
      {"nothing", "0000000", "", "", {"POR035E", "POR036E"}},
  };
  for (const auto& c : cases) {
    Fiche f;
    f.opening_days = c.days;
    f.opens_at = c.opens;
    f.closes_at = c.closes;
    auto ms = publish_errors(f);
    ASSERT_EQ(ms.size(), c.codes.size()) << c.what;
    for (size_t i = 0; i < ms.size(); ++i) EXPECT_EQ(ms[i].code, c.codes[i]) << c.what;
  }
}

TEST(PortailFicheRules, POR_02_OnlyCpeGsAndRsgeAreSubsidized) {
  Capacity gs = cpe();
  gs.installation_kind = "GS";
  EXPECT_TRUE(subsidized(cpe()));
  EXPECT_TRUE(subsidized(gs));
  EXPECT_TRUE(subsidized(rsge()));
  EXPECT_FALSE(subsidized(gns()));
  EXPECT_EQ(cpe().total(), 60);
  EXPECT_EQ(rsge().total(), 6);
}

TEST(PortailFicheRules, POR_02_AmountsAndHours) {
  const std::vector<std::pair<std::string, std::optional<std::int64_t>>> amounts = {
      {"45", 4500},         {"45.5", 4550},       {"45,50", 4550},      {"45 $", 4500},
      {"", std::nullopt},   {"4,", std::nullopt}, {",5", std::nullopt}, {"4.555", std::nullopt},
      {"-4", std::nullopt}, {"1e3", std::nullopt}};
  for (const auto& [typed, cents] : amounts) EXPECT_EQ(parse_amount_cents(typed), cents) << typed;
  EXPECT_EQ(format_amount(4550, "fr"), "45,50");
  EXPECT_EQ(format_amount(4505, "en"), "45.05");
  EXPECT_EQ(minutes_of("00:00"), 0);
  EXPECT_EQ(minutes_of("23:59"), 23 * 60 + 59);
  EXPECT_FALSE(minutes_of("7:00").has_value());
  EXPECT_FALSE(minutes_of("07-00").has_value());
  EXPECT_EQ(split_tokens(" rates, ,periods"), (std::set<std::string>{"periods", "rates"}));
}

}  // namespace
