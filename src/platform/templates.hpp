#pragma once
// Mustache templates from web/templates/ (embedded), compiled once per language at start-up (or
// at first use) and rendered by walking the compiled tree: nothing is parsed per request. Pages
// render inside layout.mustache. {{t.KEY}} is the current language's catalog entry, resolved at
// compile time; partials by file name ({{> flash}} for web/templates/flash.mustache). Contexts
// are mstch values (map, array, string, int, double, bool); variables are HTML-escaped as mstch
// does (& < > " ' /), {{{name}}} and {{&name}} are not. Delimiter changes and lambdas are not
// supported.
#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

namespace sgee::templates {

// Compiles every template in both languages; throws std::runtime_error naming the template and
// line of a syntax error or an unknown partial. Rendering compiles on first use anyway.
void compile();
// Appends web/templates/<name>.mustache rendered with `ctx` in `lang` to `out`. Throws
// std::runtime_error for an unknown name.
void render_to(std::string& out, std::string_view lang, std::string_view name,
               const mstch::map& ctx);
std::string render(std::string_view lang, std::string_view name, const mstch::map& ctx);
// Compiles and renders a template given as text (partials from web/templates/): for tests and
// one-off texts, not for pages.
std::string render_source(std::string_view lang, std::string_view source, const mstch::map& ctx);

}  // namespace sgee::templates
