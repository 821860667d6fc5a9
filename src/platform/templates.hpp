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
#include <type_traits>
#include <vector>

namespace sgee::templates {

// A list's rows as one table: the column names once, then every row's cells in the columns'
// order, in one vector. In a template it is used as an array of maps would be
// ({{#rows}}<td>{{surname}}</td>{{/rows}}; {{^rows}} when it has no row), but it costs one value
// a cell instead of a map node a field with its name copied into it: for pages that list many
// rows (the dossier list's 50 rows of 12 fields were 600 map nodes, a sixth of its CPU).
class Table {
 public:
  explicit Table(std::vector<std::string> columns);
  // Appends a row: one cell per column, in the columns' order (throws std::logic_error otherwise).
  // Cells are strings, bools or ints (a C string is refused: mstch would take it for a bool).
  template <class... Cells>
  void add(Cells&&... cells) {
    static_assert(((!std::is_pointer_v<std::decay_t<Cells>>)&&...),
                  "a cell is a std::string, not a C string");
    check_width(sizeof...(Cells));
    (cells_.emplace_back(std::forward<Cells>(cells)), ...);
  }
  void reserve(size_t rows) { cells_.reserve(rows * columns_.size()); }
  size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  // The cell of `row` named `name`, null when there is no such column.
  const mstch::node* find(size_t row, std::string_view name) const;
  // The table as a context value (moved into it).
  mstch::node node() &&;

 private:
  void check_width(size_t n) const;
  std::vector<std::string> columns_;
  std::vector<mstch::node> cells_;
};

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
