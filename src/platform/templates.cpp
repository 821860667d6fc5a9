#include "platform/templates.hpp"

#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "platform/assets.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::templates {

Table::Table(std::vector<std::string> columns) : columns_(std::move(columns)) {}

void Table::check_width(size_t n) const {
  if (n != columns_.size())
    throw std::logic_error("a table row has " + std::to_string(n) + " cells for " +
                           std::to_string(columns_.size()) + " columns");
}

const mstch::node* Table::find(size_t row, std::string_view name) const {
  for (size_t c = 0; c < columns_.size(); ++c) {
    const auto& column = columns_[c];  // the length and first letter tell most names apart
    if (column.size() == name.size() && !name.empty() && column[0] == name[0] && column == name)
      return &cells_[row * columns_.size() + c];
  }
  return nullptr;
}

namespace {

// A table is carried in a context as an mstch object (the one extension point of its variant)
// whose shared pointer has this deleter: std::get_deleter tells a table from any other object.
struct TableObject : mstch::object {
  explicit TableObject(Table t) : table(std::move(t)) {}
  Table table;
};
struct TableDeleter {
  void operator()(mstch::object* o) const { delete static_cast<TableObject*>(o); }
};

const Table* table_of(const mstch::node* n) {
  const auto* o = n ? boost::get<std::shared_ptr<mstch::object>>(n) : nullptr;
  if (!o || !*o || !std::get_deleter<TableDeleter>(*o)) return nullptr;
  return &static_cast<const TableObject*>(o->get())->table;
}

}  // namespace

mstch::node Table::node() && {
  return std::shared_ptr<mstch::object>(new TableObject(std::move(*this)), TableDeleter{});
}

namespace {

// One compiled piece of a template. Templates are compiled once per language at first use: the
// catalog's {{t.KEY}} become text, so that rendering only walks this tree over the context.
struct Node {
  enum class Kind { text, escaped, raw, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;                            // text; a partial's name; a tag's name for messages
  std::vector<std::string> path;               // a name's parts ("a.b" → a, b); empty for "."
  std::vector<Node> children;                  // a section's content
  const std::vector<Node>* partial = nullptr;  // resolved once every template is compiled
};

using Compiled = std::map<std::string, std::vector<Node>, std::less<>>;

bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::vector<std::string> split_name(std::string_view name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', start)) {
    parts.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.emplace_back(name.substr(start));
  return parts;
}

void add_text(std::vector<Node>& into, std::string_view s) {
  if (s.empty()) return;
  if (!into.empty() && into.back().kind == Node::Kind::text) {
    into.back().text += s;
    return;
  }
  Node n;
  n.text = std::string(s);
  into.push_back(std::move(n));
}

// Parses `src` (mustache: variables, {{{raw}}} and {{&raw}}, sections, inverted sections,
// partials, comments; standalone tags take their line with them, as the mustache spec says).
// {{t.KEY}} is replaced by the catalog's text for `lang`.
std::vector<Node> parse(const std::string& name, std::string_view src, const i18n::Catalog& t) {
  auto fail = [&](size_t at, const std::string& why) {
    size_t line = 1;
    for (size_t i = 0; i < at && i < src.size(); ++i) line += src[i] == '\n';
    throw std::runtime_error("template " + name + ".mustache:" + std::to_string(line) + ": " + why);
  };
  std::vector<Node> root;
  std::vector<std::vector<Node>*> open{&root};           // the node lists being filled
  std::vector<std::pair<std::string, size_t>> sections;  // open sections: name, where
  size_t pos = 0;
  size_t after_tag = 0;  // where the previous tag ended
  while (pos < src.size()) {
    size_t start = src.find("{{", pos);
    if (start == std::string_view::npos) {
      add_text(*open.back(), src.substr(pos));
      break;
    }
    char sigil = start + 2 < src.size() ? src[start + 2] : '\0';
    size_t body = start + 2;
    std::string_view close = "}}";
    if (sigil == '{') {
      close = "}}}";
      ++body;
    } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '!' ||
               sigil == '&') {
      ++body;
    } else if (sigil == '=') {
      fail(start, "delimiter changes are not supported");
    } else {
      sigil = '\0';
    }
    size_t end = src.find(close, body);
    if (end == std::string_view::npos) fail(start, "unclosed tag");
    std::string tag(text::trim(src.substr(body, end - body)));
    size_t tag_end = end + close.size();
    if (tag.empty() && sigil != '!') fail(start, "empty tag");

    // A standalone tag (alone on its line but for blanks) takes the whole line away.
    bool standalone_kind =
        sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '!';
    size_t line_start = start;
    while (line_start > 0 && src[line_start - 1] != '\n') --line_start;
    bool alone_before = line_start >= after_tag;  // no other tag earlier on this line
    for (size_t i = line_start; alone_before && i < start; ++i) alone_before = blank(src[i]);
    size_t line_end = tag_end;
    while (line_end < src.size() && blank(src[line_end])) ++line_end;
    bool alone_after =
        line_end == src.size() || src[line_end] == '\n' || src.substr(line_end, 2) == "\r\n";
    bool standalone = standalone_kind && alone_before && alone_after;
    if (standalone) {
      add_text(*open.back(), src.substr(pos, line_start - pos));
      if (line_end < src.size()) line_end += src[line_end] == '\r' ? 2 : 1;
      pos = line_end;
    } else {
      add_text(*open.back(), src.substr(pos, start - pos));
      pos = tag_end;
    }
    after_tag = pos;

    Node n;
    n.text = tag;
    switch (sigil) {
      case '!': continue;
      case '>':
        n.kind = Node::Kind::partial;
        open.back()->push_back(std::move(n));
        continue;
      case '#':
      case '^':
        n.kind = sigil == '#' ? Node::Kind::section : Node::Kind::inverted;
        n.path = split_name(tag);
        open.back()->push_back(std::move(n));
        open.push_back(&open.back()->back().children);
        sections.emplace_back(tag, start);
        continue;
      case '/':
        if (sections.empty()) fail(start, "{{/" + tag + "}} closes no section");
        if (sections.back().first != tag)
          fail(start, "{{/" + tag + "}} closes {{#" + sections.back().first + "}}");
        sections.pop_back();
        open.pop_back();
        continue;
      default: break;
    }
    bool raw = sigil == '{' || sigil == '&';
    if (tag.starts_with("t.")) {  // the catalog, resolved now
      auto it = t.find(tag.substr(2));
      if (it != t.end()) add_text(*open.back(), raw ? it->second : text::html_escape(it->second));
      continue;
    }
    n.kind = raw ? Node::Kind::raw : Node::Kind::escaped;
    n.path = split_name(tag);
    open.back()->push_back(std::move(n));
  }
  if (!sections.empty())
    fail(sections.back().second, "{{#" + sections.back().first + "}} is never closed");
  return root;
}

void resolve_partials(std::vector<Node>& nodes, const Compiled& all, const std::string& name) {
  for (auto& n : nodes) {
    if (n.kind == Node::Kind::partial) {
      auto it = all.find(n.text);
      if (it == all.end())
        throw std::runtime_error("template " + name + ": unknown partial " + n.text);
      n.partial = &it->second;
    }
    resolve_partials(n.children, all, name);
  }
}

Compiled compile_all(const std::string& lang) {
  Compiled all;
  const std::string prefix = "web/templates/";
  const auto& t = i18n::catalog(lang);
  for (const auto& a : assets::under(prefix)) {
    std::string name(a.path.substr(prefix.size()));
    if (!name.ends_with(".mustache")) continue;
    name.resize(name.size() - 9);
    all.emplace(name, parse(name, a.data, t));
  }
  for (auto& [name, nodes] : all) resolve_partials(nodes, all, name);
  return all;
}

const Compiled& compiled(std::string_view lang) {
  static const Compiled fr = compile_all("fr");
  static const Compiled en = compile_all("en");
  return lang == "en" ? en : fr;
}

// The context stack: the root map, then each section's value (a table's: the table and row).
struct Frame {
  const mstch::map* map;
  const mstch::node* node;
  const Table* table = nullptr;
  size_t row = 0;
};

const mstch::node* lookup(const std::vector<Frame>& stack, const std::vector<std::string>& path) {
  if (path.empty()) return stack.back().node;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    const mstch::node* n = nullptr;
    if (it->table) {
      n = it->table->find(it->row, path.front());
    } else if (it->map) {
      auto found = it->map->find(path.front());
      if (found != it->map->end()) n = &found->second;
    }
    if (!n) continue;
    for (size_t i = 1; i < path.size(); ++i) {
      const auto* m = boost::get<mstch::map>(n);
      if (!m) return nullptr;
      auto next = m->find(path[i]);
      if (next == m->end()) return nullptr;
      n = &next->second;
    }
    return n;
  }
  return nullptr;
}

bool empty(const mstch::node* n) {
  if (!n) return true;
  if (boost::get<std::nullptr_t>(n)) return true;
  if (const auto* b = boost::get<bool>(n)) return !*b;
  if (const auto* s = boost::get<std::string>(n)) return s->empty();
  if (const auto* i = boost::get<int>(n)) return *i == 0;
  if (const auto* d = boost::get<double>(n)) return *d == 0;
  if (const auto* a = boost::get<mstch::array>(n)) return a->empty();
  if (const auto* t = table_of(n)) return t->size() == 0;
  return false;
}

void append_value(std::string& out, const mstch::node* n, bool escape) {
  if (!n) return;
  if (const auto* s = boost::get<std::string>(n)) {
    if (escape)
      text::append_html_escaped(out, *s);
    else
      out += *s;
  } else if (const auto* i = boost::get<int>(n)) {
    out += std::to_string(*i);
  } else if (const auto* b = boost::get<bool>(n)) {
    out += *b ? "true" : "false";
  } else if (const auto* d = boost::get<double>(n)) {
    std::ostringstream ss;
    ss << *d;
    out += ss.str();
  }
}

Frame frame_of(const mstch::node* n) {
  return {boost::get<mstch::map>(n), n};
}

void render_nodes(std::string& out, const std::vector<Node>& nodes, std::vector<Frame>& stack) {
  for (const auto& n : nodes) {
    switch (n.kind) {
      case Node::Kind::text: out += n.text; break;
      case Node::Kind::escaped: append_value(out, lookup(stack, n.path), true); break;
      case Node::Kind::raw: append_value(out, lookup(stack, n.path), false); break;
      case Node::Kind::partial: render_nodes(out, *n.partial, stack); break;
      case Node::Kind::inverted:
        if (empty(lookup(stack, n.path))) render_nodes(out, n.children, stack);
        break;
      case Node::Kind::section: {
        const mstch::node* v = lookup(stack, n.path);
        if (empty(v)) break;
        if (const auto* table = table_of(v)) {
          for (size_t row = 0; row < table->size(); ++row) {
            stack.push_back({nullptr, nullptr, table, row});
            render_nodes(out, n.children, stack);
            stack.pop_back();
          }
        } else if (const auto* items = boost::get<mstch::array>(v)) {
          for (const auto& item : *items) {
            stack.push_back(frame_of(&item));
            render_nodes(out, n.children, stack);
            stack.pop_back();
          }
        } else {
          stack.push_back(frame_of(v));
          render_nodes(out, n.children, stack);
          stack.pop_back();
        }
        break;
      }
    }
  }
}

}  // namespace

void compile() {
  compiled("fr");
  compiled("en");
}

void render_to(std::string& out, std::string_view lang, std::string_view name,
               const mstch::map& ctx) {
  const auto& all = compiled(lang);
  auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("unknown template " + std::string(name));
  std::vector<Frame> stack;
  stack.reserve(8);
  stack.push_back({&ctx, nullptr});
  render_nodes(out, it->second, stack);
}

std::string render_source(std::string_view lang, std::string_view source, const mstch::map& ctx) {
  const auto& all = compiled(lang);
  auto nodes = parse("(text)", source, i18n::catalog(lang));
  resolve_partials(nodes, all, "(text)");
  std::vector<Frame> stack{{&ctx, nullptr}};
  std::string out;
  render_nodes(out, nodes, stack);
  return out;
}

std::string render(std::string_view lang, std::string_view name, const mstch::map& ctx) {
  std::string out;
  render_to(out, lang, name, ctx);
  return out;
}

}  // namespace sgee::templates
