#pragma once
// Message catalogs: web/i18n/fr.json (first) and en.json (complete), flat "key": "text" objects.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

}  // namespace sgee::i18n
