#include "platform/i18n.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "platform/assets.hpp"
#include "platform/text.hpp"

namespace sgee::i18n {
namespace {

Catalog load(const std::string& lang) {
  auto data = assets::find("web/i18n/" + lang + ".json");
  if (!data) throw std::runtime_error("missing catalog web/i18n/" + lang + ".json");
  auto j = nlohmann::json::parse(*data);
  Catalog c;
  for (auto& [k, v] : j.items()) c.emplace(k, v.get<std::string>());
  return c;
}

}  // namespace

bool supported(std::string_view lang) {
  return lang == "fr" || lang == "en";
}

const Catalog& catalog(std::string_view lang) {
  static const Catalog fr = load("fr");
  static const Catalog en = load("en");
  return lang == "en" ? en : fr;
}

const std::string& t(std::string_view lang, const std::string& key) {
  const auto& c = catalog(lang);
  auto it = c.find(key);
  return it == c.end() ? key : it->second;
}

std::string from_accept_language(std::string_view header) {
  // The supported language with the highest q weight; the first listed wins a tie.
  std::string best = "fr";
  double best_q = 0;
  for (auto part : text::split(header, ',')) {
    auto semi = part.find(';');
    auto tag = text::lower(text::trim(part.substr(0, semi)));
    auto primary = tag.substr(0, tag.find('-'));
    double q = 1;
    if (semi != std::string_view::npos) {
      auto params = text::trim(part.substr(semi + 1));
      if (params.starts_with("q=")) {
        try {
          q = std::stod(std::string(params.substr(2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    if (supported(primary) && q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

std::string date_words(std::string_view lang, dates::Date d, bool weekday) {
  unsigned day = dates::day_of(d);
  std::string month = t(lang, "month." + std::to_string(dates::month_of(d)));
  std::string year = std::to_string(dates::year_of(d));
  std::string name = weekday ? t(lang, "weekday." + std::to_string(dates::weekday(d))) : "";
  if (lang == "en")
    return (weekday ? name + ", " : "") + month + " " + std::to_string(day) + ", " + year;
  return (weekday ? name + " " : "") + (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
         month + " " + year;
}

std::string fill(std::string text, const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    auto mark = "{" + std::to_string(i + 1) + "}";
    if (auto at = text.find(mark); at != std::string::npos)
      text.replace(at, mark.size(), values[i]);
  }
  return text;
}

std::string day_words(const std::string& lang, const std::string& stored) {
  std::string day = stored.substr(0, 10);
  if (stored.size() > 10)
    if (auto local = dates::quebec_time_of(stored)) day = local->date;
  if (auto d = dates::parse(day)) return date_words(lang, *d);
  return stored;
}

std::string time_words(const std::string& lang, const std::string& utc) {
  auto local = dates::quebec_time_of(utc);
  auto day = local ? dates::parse(local->date) : std::nullopt;
  if (!day) return utc;
  auto hm = dates::local_time_text(lang, local, utc).substr(local->date.size() + 1);
  return date_words(lang, *day) + (lang == "en" ? " at " : " à ") + hm;
}

}  // namespace sgee::i18n
