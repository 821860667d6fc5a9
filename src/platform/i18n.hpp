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
// The text with "{1}", "{2}", … replaced by the values, in order (the first of each mark).
std::string fill(std::string text, const std::vector<std::string>& values);
// "9 décembre 2026": a stored date, or the day in Québec of a stored UTC time, in words; as stored
// when it is neither.
std::string day_words(const std::string& lang, const std::string& stored);
// A stored UTC time ("2026-12-02T15:38:00Z") in words, in Québec: "2 décembre 2026 à 10 h 38" /
// "December 2, 2026 at 10:38"; the stored text when it is not a time.
std::string time_words(const std::string& lang, const std::string& utc);

}  // namespace sgee::i18n
