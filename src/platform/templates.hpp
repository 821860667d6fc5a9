#pragma once
// Mustache templates (mstch) from web/templates/ (embedded). Pages render inside layout.mustache.
// Every template can use {{t.KEY}} for the current language's catalog, and partials by file name
// ({{> flash}} for web/templates/flash.mustache).
#include <mstch/mstch.hpp>
#include <string>

namespace sgee::templates {

// Renders web/templates/<name>.mustache with `ctx`. Throws std::runtime_error for an unknown name.
std::string render(const std::string& name, const mstch::map& ctx);
// The catalog of `lang` as a mustache object, built once per language.
const mstch::map& catalog_node(const std::string& lang);

}  // namespace sgee::templates
