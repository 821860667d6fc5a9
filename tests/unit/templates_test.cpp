// Unit tests for src/platform/templates.hpp: the compiled mustache engine renders what mstch
// rendered (escaping, sections over lists, maps, booleans and strings, the context stack, dotted
// names, partials, standalone lines), resolves {{t.KEY}} per language, and names the template
// and line of a syntax error; a Table renders as the array of maps it stands for.
#include "platform/templates.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace templates = sgee::templates;
namespace i18n = sgee::i18n;

namespace {

std::string render(std::string_view source, const mstch::map& ctx, std::string_view lang = "fr") {
  return templates::render_source(lang, source, ctx);
}

struct Case {
  const char* name;
  const char* source;
  mstch::map ctx;
  const char* expected;
};

TEST(Templates, RendersLikeMustache) {
  const mstch::map row1{{"n", std::string("a")}};
  const mstch::map row2{{"n", std::string("b")}, {"flag", true}};
  const Case cases[] = {
      {"plain text", "hello", {}, "hello"},
      {"variable", "<{{x}}>", {{"x", std::string("v")}}, "<v>"},
      {"escaped like mstch",
       "{{x}}",
       {{"x", std::string("<a href=\"/x?a=1&b='2'\">")}},
       "&lt;a href=&quot;&#x2F;x?a=1&amp;b=&#39;2&#39;&quot;&gt;"},
      {"triple mustache is raw", "{{{x}}}", {{"x", std::string("<b>/</b>")}}, "<b>/</b>"},
      {"ampersand is raw", "{{& x}}", {{"x", std::string("<b>")}}, "<b>"},
      {"blanks inside tags", "{{ x }}", {{"x", std::string("v")}}, "v"},
      {"missing is empty", "[{{nothing}}]", {}, "[]"},
      {"int", "{{n}}", {{"n", 42}}, "42"},
      {"negative int", "{{n}}", {{"n", -7}}, "-7"},
      {"bool", "{{b}}/{{c}}", {{"b", true}, {"c", false}}, "true/false"},
      {"double", "{{d}}", {{"d", 2.5}}, "2.5"},
      {"null", "[{{z}}]", {{"z", nullptr}}, "[]"},
      {"map renders empty", "[{{m}}]", {{"m", mstch::map{}}}, "[]"},
      {"comment", "a{{! anything }}b", {}, "ab"},
      {"true section", "{{#b}}yes{{/b}}", {{"b", true}}, "yes"},
      {"false section", "{{#b}}yes{{/b}}", {{"b", false}}, ""},
      {"missing section", "{{#b}}yes{{/b}}", {}, ""},
      {"empty string section", "{{#s}}yes{{/s}}", {{"s", std::string()}}, ""},
      {"string section pushes it", "{{#s}}[{{.}}]{{/s}}", {{"s", std::string("x")}}, "[x]"},
      {"zero is empty", "{{#n}}yes{{/n}}{{^n}}no{{/n}}", {{"n", 0}}, "no"},
      {"inverted on true", "{{^b}}no{{/b}}", {{"b", true}}, ""},
      {"inverted on missing", "{{^b}}no{{/b}}", {}, "no"},
      {"inverted on empty list", "{{^l}}none{{/l}}", {{"l", mstch::array{}}}, "none"},
      {"list", "{{#l}}<{{n}}>{{/l}}", {{"l", mstch::array{row1, row2}}}, "<a><b>"},
      {"list of strings",
       "{{#l}}{{.}},{{/l}}",
       {{"l", mstch::array{std::string("x"), std::string("y")}}},
       "x,y,"},
      {"outer names inside a list",
       "{{#l}}{{n}}{{outer}}{{/l}}",
       {{"l", mstch::array{row1}}, {"outer", std::string("!")}},
       "a!"},
      {"inner name shadows outer",
       "{{#l}}{{n}}{{/l}}{{n}}",
       {{"l", mstch::array{row1}}, {"n", std::string("o")}},
       "ao"},
      {"nested section on an item's value",
       "{{#l}}{{#flag}}*{{/flag}}{{n}}{{/l}}",
       {{"l", mstch::array{row1, row2}}},
       "a*b"},
      {"map section", "{{#m}}{{n}}{{/m}}", {{"m", row1}}, "a"},
      {"dotted name", "{{m.n}}", {{"m", row1}}, "a"},
      {"dotted name, missing part", "[{{m.zz}}]", {{"m", row1}, {"zz", std::string("no")}}, "[]"},
      {"dotted section", "{{#m.flag}}f{{/m.flag}}", {{"m", row2}}, "f"},
      {"standalone section lines go",
       "<ul>\n  {{#l}}\n  <li>{{n}}</li>\n  {{/l}}\n</ul>\n",
       {{"l", mstch::array{row1, row2}}},
       "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"},
      {"standalone comment line goes", "a\n{{! note }}\nb", {}, "a\nb"},
      {"standalone with CRLF", "a\r\n{{#b}}\r\nx\r\n{{/b}}\r\nb", {{"b", true}}, "a\r\nx\r\nb"},
      {"inline section keeps the line", "a {{#b}}x{{/b}}\n", {{"b", true}}, "a x\n"},
      {"variable lines stay", "  {{x}}\n", {{"x", std::string("v")}}, "  v\n"},
      {"two tags on a line are not standalone", "{{#b}}{{/b}}\nz", {{"b", true}}, "\nz"},
      {"single braces are text", "{ x } {{x}}", {{"x", std::string("v")}}, "{ x } v"},
  };
  for (const auto& c : cases) EXPECT_EQ(render(c.source, c.ctx), c.expected) << c.name;
}

TEST(Templates, CatalogKeysAreResolvedPerLanguage) {
  EXPECT_EQ(render("{{t.error.label}}", {}, "fr"),
            sgee::text::html_escape(i18n::t("fr", "error.label")));
  EXPECT_EQ(render("{{t.error.label}}", {}, "en"),
            sgee::text::html_escape(i18n::t("en", "error.label")));
  EXPECT_NE(render("{{t.error.label}}", {}, "fr"), render("{{t.error.label}}", {}, "en"));
  // Escaped like any variable (French text has apostrophes), raw with the triple mustache.
  const std::string key = "home.title";
  ASSERT_NE(i18n::t("fr", key), key);
  EXPECT_EQ(render("{{t.home.title}}", {}), sgee::text::html_escape(i18n::t("fr", key)));
  EXPECT_EQ(render("{{{t.home.title}}}", {}), i18n::t("fr", key));
  EXPECT_EQ(render("[{{t.no.such.key}}]", {}), "[]");
}

TEST(Templates, PartialsRenderWithTheCurrentContext) {
  // Every page template renders inside the layout; partials come from web/templates/.
  mstch::map ctx{{"status", std::string("404")},
                 {"title", std::string("T")},
                 {"error_text", std::string("E<")},
                 {"request_id", std::string("r-1")}};
  auto html = templates::render("en", "error", ctx);
  EXPECT_NE(html.find(sgee::text::html_escape(i18n::t("en", "error.label")) + " 404"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("E&lt;"), std::string::npos) << html;
  EXPECT_EQ(templates::render("en", "error", ctx), html);  // the same twice
}

TEST(Templates, EveryTemplateCompilesInBothLanguages) {
  EXPECT_NO_THROW(templates::compile());
}

TEST(Templates, ErrorsNameTheTemplateAndLine) {
  auto message = [](std::string_view source) {
    try {
      render(source, {});
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("a\n{{#open}}\nb"), "template (text).mustache:2: {{#open}} is never closed");
  EXPECT_EQ(message("{{#a}}\n{{/b}}"), "template (text).mustache:2: {{/b}} closes {{#a}}");
  EXPECT_EQ(message("{{/a}}"), "template (text).mustache:1: {{/a}} closes no section");
  EXPECT_EQ(message("x {{oops"), "template (text).mustache:1: unclosed tag");
  EXPECT_EQ(message("{{=<% %>=}}"),
            "template (text).mustache:1: delimiter changes are not supported");
  EXPECT_EQ(message("{{> no_such_partial}}"), "template (text): unknown partial no_such_partial");
  EXPECT_THROW(templates::render("fr", "no-such-template", {}), std::runtime_error);
}

}  // namespace

TEST(Templates, ATableRendersAsAnArrayOfMapsWould) {
  templates::Table table({"name", "age", "on"});
  table.add(std::string("<Zoé>"), 4, true);
  table.add(std::string("Léo"), 0, false);
  mstch::array maps{mstch::map{{"name", std::string("<Zoé>")}, {"age", 4}, {"on", true}},
                    mstch::map{{"name", std::string("Léo")}, {"age", 0}, {"on", false}}};
  // Cells, the enclosing context through a row (`org`), sections on a cell, a missing name.
  const char* source =
      "{{#rows}}[{{name}}|{{age}}|{{#on}}on{{/on}}{{^on}}off{{/on}}|{{org}}|{{nothing}}]{{/rows}}"
      "{{^rows}}none{{/rows}}";
  mstch::map with_maps{{"rows", maps}, {"org", std::string("CPE")}};
  mstch::map with_table{{"rows", std::move(table).node()}, {"org", std::string("CPE")}};
  EXPECT_EQ(render(source, with_table), "[&lt;Zoé&gt;|4|on|CPE|][Léo|0|off|CPE|]");
  EXPECT_EQ(render(source, with_table), render(source, with_maps));
  // A table without rows is empty: its inverted section shows.
  mstch::map empty{{"rows", templates::Table({"name"}).node()}};
  EXPECT_EQ(render(source, empty), "none");
  // A row of the wrong width is refused, not padded.
  templates::Table narrow({"a", "b"});
  EXPECT_THROW(narrow.add(std::string("only one")), std::logic_error);
  EXPECT_EQ(narrow.size(), 0u);
}
