#include "platform/templates.hpp"

#include <map>
#include <stdexcept>

#include "platform/assets.hpp"
#include "platform/i18n.hpp"

namespace sgee::templates {
namespace {

const std::map<std::string, std::string>& all_templates() {
  static const std::map<std::string, std::string> all = [] {
    std::map<std::string, std::string> m;
    const std::string prefix = "web/templates/";
    for (const auto& a : assets::under(prefix)) {
      std::string name(a.path.substr(prefix.size()));
      if (!name.ends_with(".mustache")) continue;
      m.emplace(name.substr(0, name.size() - 9), std::string(a.data));
    }
    return m;
  }();
  return all;
}

}  // namespace

std::string render(const std::string& name, const mstch::map& ctx) {
  const auto& all = all_templates();
  auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("unknown template " + name);
  return mstch::render(it->second, ctx, all);
}

const mstch::map& catalog_node(const std::string& lang) {
  // "home.title" becomes t.home.title: nested objects, one level per dot.
  static const auto build = [](const std::string& l) {
    mstch::map root;
    for (const auto& [key, value] : i18n::catalog(l)) {
      mstch::map* level = &root;
      size_t start = 0;
      for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
        auto& child = (*level)[key.substr(start, dot - start)];
        if (!boost::get<mstch::map>(&child)) child = mstch::map{};
        level = boost::get<mstch::map>(&child);
        start = dot + 1;
      }
      (*level)[key.substr(start)] = value;
    }
    return root;
  };
  static const mstch::map fr = build("fr");
  static const mstch::map en = build("en");
  return lang == "en" ? en : fr;
}

}  // namespace sgee::templates
