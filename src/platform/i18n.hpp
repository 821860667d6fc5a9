#pragma once
// Message catalogs: web/i18n/fr.json (first) and en.json (complete), flat "key": "text" objects.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/date.hpp"

namespace sgee::i18n {

inline const std::vector<std::string>& languages() {
  static const std::vector<std::string> l = {"fr", "en"};
  return l;
}
bool supported(std::string_view lang);

using Catalog = std::unordered_map<std::string, std::string>;
const Catalog& catalog(std::string_view lang);  // unknown lang -> French
// The text for `key`; the key itself when missing (a unit test keeps catalogs complete).
const std::string& t(std::string_view lang, const std::string& key);
// First supported language of an Accept-Language header, or "fr".
std::string from_accept_language(std::string_view header);

// A date in words, as a page writes it: "1er avril 2026" / "April 1, 2026"; with `weekday`,
// "mercredi 1er avril 2026" / "Wednesday, April 1, 2026" (the month and day names of the catalog).
std::string date_words(std::string_view lang, dates::Date d, bool weekday = false);

}  // namespace sgee::i18n
