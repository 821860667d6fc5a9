// Unit tests for the validation catalog (src/csg/catalog.hpp): codes are unique and well formed
// (SYN-01), every code the rules give is in it, and the Markdown table lists each code once.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "csg/catalog.hpp"

namespace csg = sgee::csg;

namespace {

// Every code the rules can give (the semantics of src/csg/rules.hpp).
const std::vector<std::string> kRuleCodes = {
    // check_record
    "CSG090E",
    "CSG091E",
    "CSG092E",
    "CSG093E",
    // check_child
    "CSG001E",
    "CSG002E",
    "CSG003E",
    "CSG004E",
    "CSG005E",
    "CSG006E",
    "CSG007E",
    "CSG008E",
    "CSG009E",
    "CSG010E",
    "CSG011A",
    "CSG012E",
    "CSG013E",
    "CSG015E",
    "CSG041E",
    "CSG042E",
    "CSG132E",
    "CSG133E",
    // check_adults
    "CSG019E",
    "CSG020E",
    "CSG021E",
    "CSG022E",
    "CSG023E",
    "CSG024E",
    "CSG025E",
    "CSG026A",
    // check_address
    "CSG027E",
    "CSG028E",
    "CSG029E",
    "CSG030E",
    "CSG031E",
    "CSG032E",
    "CSG131E",
    // tidy_dossier
    "CSG130A",
    // check_brackets
    "CSG040E",
    "CSG043E",
    "CSG044A",
    "CSG045E",
    "CSG046E",
    // check_periods
    "CSG047E",
    "CSG048E",
    "CSG049E",
    "CSG140E",
    "CSG050E",
    "CSG051E",
    "CSG052E",
    "CSG053E",
    "CSG054E",
    "CSG055E",
    "CSG056E",
    "CSG057E",
    "CSG058E",
    // check_agreements
    "CSG060E",
    "CSG061E",
    "CSG062E",
    "CSG063E",
    "CSG064A",
    "CSG065E",
    "CSG066E",
    "CSG067A",
    "CSG070E",
    "CSG071E",
    "CSG073E",
    "CSG074E",
    "CSG076E",
    "CSG141A",
    "CSG142E",
    "CSG143E",
    "CSG144E",
    "CSG145E",
    "CSG146E",
    "CSG147E",
    // check_shared_custody, check_occupation
    "CSG075E",
    "CSG080A",
    "CSG081A",
};

TEST(CsgCatalog, CodesUniqueAndWellFormed) {
  const auto& cat = csg::catalog();
  ASSERT_FALSE(cat.empty());
  const std::regex shape("^CSG[0-9]{3}[EA]$");
  std::set<std::string> seen;
  for (const auto& c : cat) {
    const std::string code(c.code);
    SCOPED_TRACE(code);
    EXPECT_TRUE(std::regex_match(code, shape));
    EXPECT_TRUE(seen.insert(code).second) << "duplicate code";
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(c.severity, code.back());
    EXPECT_FALSE(c.rule.empty());
    EXPECT_FALSE(c.fr.empty());
    EXPECT_FALSE(c.en.empty());
  }
}

TEST(CsgCatalog, EveryRuleCodeExists) {
  for (const auto& code : kRuleCodes) {
    SCOPED_TRACE(code);
    const csg::Code* c = csg::find_code(code);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->code, code);
    EXPECT_EQ(c->severity, code.back());
  }
  EXPECT_GE(csg::catalog().size(), kRuleCodes.size());
}

TEST(CsgCatalog, FindCodeAndText) {
  EXPECT_EQ(csg::find_code("CSG999E"), nullptr);
  EXPECT_EQ(csg::find_code(""), nullptr);
  EXPECT_EQ(csg::find_code("csg042e"), nullptr);
  const csg::Code* c = csg::find_code("CSG042E");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->rule, "DOS-05");  // seed 004: the civil registry's birth date or sex
  EXPECT_EQ(csg::text(*c, "fr"), c->fr);
  EXPECT_EQ(csg::text(*c, "en"), c->en);
  EXPECT_EQ(csg::text(*c, ""), c->fr);
  EXPECT_NE(c->fr, c->en);
}

TEST(CsgCatalog, MarkdownHasOneRowPerCode) {
  const std::string md = csg::catalog_markdown();
  const std::regex code_re("CSG[0-9]{3}[EA]");
  std::map<std::string, int> rows;  // the first code of each table row
  int table_rows_with_code = 0;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '|') continue;
    std::smatch m;
    if (!std::regex_search(line, m, code_re)) continue;
    ++table_rows_with_code;
    ++rows[m.str()];
  }
  const auto& cat = csg::catalog();
  EXPECT_EQ(table_rows_with_code, static_cast<int>(cat.size()));
  for (const auto& c : cat) {
    SCOPED_TRACE(std::string(c.code));
    EXPECT_EQ(rows[std::string(c.code)], 1);
  }
  EXPECT_EQ(rows.size(), cat.size());
}

// SYN-01: a message may quote values (dates, names) at {1}, {2}, ... of the catalog's text.
TEST(CsgCatalog, SYN_01_TextQuotesTheFindingsValuesAtTheirPlaceholders) {
  const csg::Code c{"CSG999E", 'E', "ENT-02", "Entre {1} et {2} ({1}).", "Between {1} and {2}."};
  struct Row {
    std::vector<std::string> args;
    std::string lang, want;
  };
  const std::vector<Row> rows = {
      {{"2024-01-01", "2024-06-30"}, "fr", "Entre 2024-01-01 et 2024-06-30 (2024-01-01)."},
      {{"2024-01-01", "2024-06-30"}, "en", "Between 2024-01-01 and 2024-06-30."},
      {{"2024-01-01"}, "fr", "Entre 2024-01-01 et {2} (2024-01-01)."},  // a value missing: kept
      {{}, "fr", "Entre {1} et {2} ({1})."},
      {{"{2}", "x"}, "en", "Between {2} and x."},  // a value is never read as a placeholder
  };
  for (const auto& r : rows) EXPECT_EQ(csg::text(c, r.lang, r.args), r.want);
  // A finding's text: its code's, with its values; an unknown code gives the code itself.
  EXPECT_EQ(csg::text(csg::Finding{"CSG001E", "child.surname", "", {"ignored"}}, "fr"),
            std::string(csg::find_code("CSG001E")->fr));
  EXPECT_EQ(csg::text(csg::Finding{"CSG998E", "x", "", {}}, "fr"), "CSG998E");
}

}  // namespace
