// Unit tests for src/platform/i18n.hpp.
#include "platform/i18n.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace i18n = sgee::i18n;

namespace {
std::set<std::string> keys_of(const i18n::Catalog& c) {
  std::set<std::string> out;
  for (const auto& [k, v] : c) out.insert(k);
  return out;
}
}  // namespace

TEST(I18nCatalogs, FrenchAndEnglishHaveExactlyTheSameKeys) {
  auto fr = keys_of(i18n::catalog("fr"));
  auto en = keys_of(i18n::catalog("en"));
  ASSERT_FALSE(fr.empty());
  for (const auto& k : fr) EXPECT_TRUE(en.count(k)) << "missing in en.json: " << k;
  for (const auto& k : en) EXPECT_TRUE(fr.count(k)) << "missing in fr.json: " << k;
  EXPECT_EQ(fr, en);
}

TEST(I18nCatalogs, NoValueIsEmpty) {
  for (const auto& lang : i18n::languages()) {
    for (const auto& [k, v] : i18n::catalog(lang)) {
      EXPECT_FALSE(v.empty()) << lang << ": " << k;
    }
  }
}

TEST(I18nCatalogs, LanguagesAreDifferentCatalogs) {
  EXPECT_EQ(i18n::t("fr", "error.404.title"), "Page introuvable");
  EXPECT_EQ(i18n::t("en", "error.404.title"), "Page not found");
  EXPECT_NE(&i18n::catalog("fr"), &i18n::catalog("en"));
}

TEST(I18nCatalogs, UnknownLanguageFallsBackToFrench) {
  EXPECT_EQ(&i18n::catalog("de"), &i18n::catalog("fr"));
  EXPECT_EQ(&i18n::catalog(""), &i18n::catalog("fr"));
  EXPECT_EQ(i18n::t("de", "error.404.title"), "Page introuvable");
}

TEST(I18nT, MissingKeyGivesTheKey) {
  const std::string key = "no.such.key";
  EXPECT_EQ(i18n::t("fr", key), "no.such.key");
  EXPECT_EQ(i18n::t("en", key), "no.such.key");
  EXPECT_EQ(i18n::t("en", ""), "");
}

TEST(I18nSupported, OnlyFrenchAndEnglish) {
  EXPECT_TRUE(i18n::supported("fr"));
  EXPECT_TRUE(i18n::supported("en"));
  EXPECT_FALSE(i18n::supported("EN"));
  EXPECT_FALSE(i18n::supported("de"));
  EXPECT_FALSE(i18n::supported(""));
  EXPECT_FALSE(i18n::supported("en-CA"));
  EXPECT_EQ(i18n::languages(), (std::vector<std::string>{"fr", "en"}));
}

TEST(I18nFromAcceptLanguage, PicksFirstSupportedLanguageOrFrench) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"en-CA,en;q=0.9", "en"},
      {"en", "en"},
      {"EN-us", "en"},
      {"de", "fr"},
      {"", "fr"},
      {"fr-CA", "fr"},
      {"fr-CA,fr;q=0.9,en;q=0.8", "fr"},
      {"de-DE,de;q=0.9,en;q=0.5", "en"},
      {"de, en-GB", "en"},
      {" en ; q=0.7", "en"},
      {"*", "fr"},
      {"english", "fr"},
      {",,,", "fr"},
  };
  for (const auto& [header, expected] : cases)
    EXPECT_EQ(i18n::from_accept_language(header), expected) << "header: '" << header << "'";
}

TEST(I18nDateWords, FrenchAndEnglishDatesInWords) {
  namespace dates = sgee::dates;
  struct Case {
    std::string lang, date;
    bool weekday;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"fr", "2026-04-01", false, "1er avril 2026"},
      {"fr", "2027-03-31", false, "31 mars 2027"},
      {"fr", "2026-12-02", true, "mercredi 2 décembre 2026"},
      {"fr", "2026-06-01", true, "lundi 1er juin 2026"},
      {"en", "2026-04-01", false, "April 1, 2026"},
      {"en", "2027-03-31", false, "March 31, 2027"},
      {"en", "2026-12-06", true, "Sunday, December 6, 2026"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(i18n::date_words(c.lang, *dates::parse(c.date), c.weekday), c.expected)
        << c.lang << " " << c.date;
}
