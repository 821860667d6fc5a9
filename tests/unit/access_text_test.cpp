// Unit tests for the text helpers the access rules rely on: text::search_key (officer name match,
// password checks) and text::all_digits (organization numbers, NEQ, assessment numbers).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/text.hpp"

namespace text = sgee::text;

namespace {

struct KeyCase {
  std::string input, key;
};

}  // namespace

TEST(SearchKey, FoldsFrenchNames) {
  const std::vector<KeyCase> cases = {
      {"", ""},
      {"Bégin", "begin"},
      {"BÉGIN", "begin"},
      {"BEGIN", "begin"},
      {"bégin", "begin"},
      {"Côté", "cote"},
      {"CÔTÉ", "cote"},
      {"côté", "cote"},
      {"Œuvre", "oeuvre"},
      {"œuvre", "oeuvre"},
      {"ŒUVRE", "oeuvre"},
      {"sœur", "soeur"},
      {"ÉLODIE", "elodie"},
      {"Élodie", "elodie"},
      {"naïve", "naive"},
      {"NAÏVE", "naive"},
      {"garçon", "garcon"},
      {"GARÇON", "garcon"},
      {"Ça", "ca"},
      {"Noël", "noel"},
      {"Hélène", "helene"},
      {"Benoît", "benoit"},
      {"Jérôme", "jerome"},
      {"Gaëtan", "gaetan"},
      {"Aimé", "aime"},
      {"Où", "ou"},
      {"Ùrsule", "ursule"},
      {"Âge", "age"},
      {"À", "a"},
      {"Ève", "eve"},
      {"Êtes", "etes"},
      {"Ëlle", "elle"},
      {"Îles", "iles"},
      {"Ïa", "ia"},
      {"Ôte", "ote"},
      {"Ûa", "ua"},
      {"Ül", "ul"},
      {"Æsop", "aesop"},
      {"cæcum", "caecum"},
      {"L'Haÿ-les-Roses", "l'hay-les-roses"},
      {"Hélène Lévesque-Côté", "helene levesque-cote"},
      {"Jean-François St-Amour", "jean-francois st-amour"},
      {"CPE Les Petits Œillets 123", "cpe les petits oeillets 123"},
      {"abc-123 _.@", "abc-123 _.@"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("'" + c.input + "'");
    EXPECT_EQ(text::search_key(c.input), c.key);
  }
}

TEST(SearchKey, AccentedAndPlainSpellingsGiveTheSameKey) {
  const std::vector<std::vector<std::string>> groups = {
      {"Bégin", "BEGIN", "begin", "BÉGIN", "bégin"},
      {"Côté", "COTE", "Cote", "CÔTÉ", "côte", "coté"},
      {"Œuvre", "oeuvre", "OEUVRE", "œuvre"},
      {"ÉLODIE", "Élodie", "elodie", "Elodie"},
      {"naïve", "NAIVE", "NAÏVE"},
      {"garçon", "GARCON", "GARÇON"},
  };
  for (const auto& g : groups) {
    for (const auto& s : g) {
      SCOPED_TRACE(g.front() + " ~ " + s);
      EXPECT_EQ(text::search_key(s), text::search_key(g.front()));
    }
  }
  EXPECT_NE(text::search_key("Bégin"), text::search_key("Begn"));
  EXPECT_NE(text::search_key("Côté"), text::search_key("Coté-Roy"));
}

TEST(SearchKey, LeavesOtherBytesAsTheyAre) {
  // Non-Latin letters, digits and punctuation are kept; so are broken UTF-8 sequences.
  EXPECT_EQ(text::search_key("\xD0\x96"), "\xD0\x96");  // Ж
  EXPECT_EQ(text::search_key("\xE2\x82\xAC"
                             "5"),
            "\xE2\x82\xAC"
            "5");                               // €5
  EXPECT_EQ(text::search_key("\xC3"), "\xC3");  // truncated sequence
  EXPECT_EQ(text::search_key("a\xC3"), "a\xC3");
  EXPECT_EQ(text::search_key("\xC3"
                             "A"),
            "\xC3"
            "a");  // C3 not followed by a continuation byte
  EXPECT_EQ(text::search_key("\xC5"), "\xC5");
  EXPECT_EQ(text::search_key("\xC5\x93x"), "oex");
  EXPECT_EQ(text::search_key(std::string("a\0B", 3)), std::string("a\0b", 3));
  // Spaces are not trimmed nor collapsed: callers trim.
  EXPECT_EQ(text::search_key("  Bégin  "), "  begin  ");
}

// Ÿ (U+0178, C5 B8) is the capital of ÿ, used in French place names (L'HAŸ-LES-ROSES); text.hpp
// promises to fold "the Latin letters used in French". ÿ folds to "y" but Ÿ is left unchanged, so
// the key is not case-insensitive for it.
// FAILS against the current src/platform/text.cpp:194 (only C5 92/93, Œ/œ, are handled in C5).
TEST(SearchKey, FoldsCapitalYWithDiaeresis) {
  EXPECT_EQ(text::search_key("L'HA\xC5\xB8-LES-ROSES"), "l'hay-les-roses");
  EXPECT_EQ(text::search_key("L'HA\xC5\xB8-LES-ROSES"), text::search_key("L'Haÿ-les-Roses"));
}

TEST(SearchKeyAllDigits, ExactlyLengthAsciiDigits) {
  struct Case {
    std::string input;
    size_t length;
    bool expected;
  };
  const std::vector<Case> cases = {
      {"", 0, true},
      {"", 1, false},
      {"0", 1, true},
      {"9", 1, true},
      {"123", 3, true},
      {"123", 2, false},
      {"123", 4, false},
      {"12a", 3, false},
      {"a12", 3, false},
      {" 12", 3, false},
      {"12 ", 3, false},
      {"1 2", 3, false},
      {"-12", 3, false},
      {"+12", 3, false},
      {"1.2", 3, false},
      {"/12", 3, false},  // '/' is just below '0'
      {":12", 3, false},  // ':' is just above '9'
      {std::string("1\0"
                   "2",
                   3),
       3, false},
      {"\xD9\xA1\xD9\xA2", 4, false},  // ١٢ Arabic-Indic digits: 2 characters, 4 bytes
      {"\xD9\xA1\xD9\xA2", 2, false},
      {"\xEF\xBC\x91", 3, false},  // fullwidth １
      {"\xC2\xB2"
       "1",
       3, false},  // ²1
      {"12345678", 8, true},
      {"1234567890", 10, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("'" + c.input + "' length " + std::to_string(c.length));
    EXPECT_EQ(text::all_digits(c.input, c.length), c.expected);
  }
}
