// The lists' shared parts (platform/listing): counts written the reader's way, the sort read from
// the URL against a whitelist, the sortable headers' links and marks, the pager's range and pages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/listing.hpp"

namespace listing = sgee::listing;

namespace {

std::string str(const mstch::node& n) {
  return boost::get<std::string>(n);
}
bool has(const mstch::map& m, const std::string& key) {
  return m.count(key) != 0;
}

TEST(ListCount, GroupsDigitsTheReadersWay) {
  struct Case {
    std::string lang;
    std::int64_t n;
    std::string text;
  };
  for (const auto& c : std::vector<Case>{{"fr", 0, "0"},
                                         {"fr", 999, "999"},
                                         {"fr", 1000, "1\u202F000"},
                                         {"fr", 1234567, "1\u202F234\u202F567"},
                                         {"en", 1234, "1,234"},
                                         {"en", 100000, "100,000"},
                                         {"en", -1234, "-1,234"}})
    EXPECT_EQ(listing::count(c.lang, c.n), c.text) << c.lang << " " << c.n;
}

TEST(ListSort, KeepsOnlyWhitelistedColumns) {
  const std::vector<std::string> allowed = {"nom", "naissance", "etat"};
  struct Case {
    std::string sort, direction, column;
    bool descending;
  };
  for (const auto& c : std::vector<Case>{{"", "", "nom", false},
                                         {"naissance", "desc", "naissance", true},
                                         {"etat", "asc", "etat", false},
                                         {"etat", "sideways", "etat", false},
                                         {"rsge", "desc", "nom", true},
                                         {"nom; DROP TABLE dossiers", "", "nom", false}}) {
    auto s = listing::read_sort(c.sort, c.direction, allowed);
    EXPECT_EQ(s.column, c.column) << c.sort;
    EXPECT_EQ(s.descending, c.descending) << c.sort;
  }
  EXPECT_EQ(listing::sort_query({"nom", true}), "tri=nom&sens=desc");
}

TEST(ListSortHeaders, LinkEachSortableColumnAndMarkTheSortedOne) {
  std::vector<listing::Column> cols = {
      {"nom", "Enfant", ""}, {"naissance", "Date de naissance", "nowrap"}, {"", "Actions", ""}};
  auto href = [](const listing::Sort& s) { return "?" + listing::sort_query(s); };
  auto up = listing::sort_headers(cols, {"nom", false}, href);
  ASSERT_EQ(up.size(), 3u);
  auto name = boost::get<mstch::map>(up[0]), birth = boost::get<mstch::map>(up[1]),
       actions = boost::get<mstch::map>(up[2]);
  EXPECT_EQ(str(name["sort_href"]), "?tri=nom&sens=desc") << "sorted ascending: next, descending";
  EXPECT_EQ(str(name["sort_aria"]), "ascending");
  EXPECT_EQ(str(name["sort_arrow"]), "▲");
  EXPECT_EQ(str(birth["sort_href"]), "?tri=naissance&sens=asc");
  EXPECT_FALSE(has(birth, "sort_aria"));
  EXPECT_EQ(str(birth["sort_arrow"]), "↕");
  EXPECT_EQ(str(birth["header_class"]), "nowrap");
  EXPECT_FALSE(has(actions, "sort_href")) << "not sortable";
  auto down = listing::sort_headers(cols, {"nom", true}, href);
  auto name_down = boost::get<mstch::map>(down[0]);
  EXPECT_EQ(str(name_down["sort_href"]), "?tri=nom&sens=asc");
  EXPECT_EQ(str(name_down["sort_aria"]), "descending");
  EXPECT_EQ(str(name_down["sort_arrow"]), "▼");
}

TEST(ListPager, ShowsTheRangeOfTheTotalAndPagesAroundTheCurrentOne) {
  auto href = [](std::int64_t p) { return "?page=" + std::to_string(p); };
  struct Case {
    std::string lang;
    std::int64_t page, total;
    std::string range, numbers;  // numbers: each page, ".." for a gap, [n] the current one
    bool previous, next;
  };
  for (const auto& c : std::vector<Case>{
           {"fr", 1, 0, "", "[1]", false, false},
           {"fr", 1, 7, "1–7 sur 7", "[1]", false, false},
           {"fr", 1, 1234, "1–50 sur 1\u202F234", "[1] 2 3 .. 25", false, true},
           {"fr", 2, 120, "51–100 sur 120", "1 [2] 3", true, true},
           {"en", 3, 120, "101–120 of 120", "1 2 [3]", true, false},
           {"fr", 99, 120, "101–120 sur 120", "1 2 [3]", true, false},
           {"en", 12, 1234, "551–600 of 1,234", "1 .. 10 11 [12] 13 14 .. 25", true, true}}) {
    auto p = listing::pager(c.lang, c.page, 50, c.total, href);
    EXPECT_EQ(has(p, "page_range") ? str(p["page_range"]) : "", c.range) << c.total;
    EXPECT_EQ(has(p, "previous_href"), c.previous) << c.page;
    EXPECT_EQ(has(p, "next_href"), c.next) << c.page;
    std::string numbers;
    for (const auto& n : boost::get<mstch::array>(p["page_numbers"])) {
      auto m = boost::get<mstch::map>(n);
      if (!numbers.empty()) numbers += " ";
      if (has(m, "is_gap"))
        numbers += "..";
      else if (has(m, "is_current"))
        numbers += "[" + str(m["page_number"]) + "]";
      else
        numbers += str(m["page_number"]);
    }
    EXPECT_EQ(numbers, c.numbers) << c.page << " " << c.total;
  }
}

}  // namespace
