// The lists people work with (issue 13) through a real server on the demo data, on SQLite and
// PostgreSQL: the dossier list in French order ("Bélanger" before "Boucher", "É" with "E"), the
// name search in any word order, each sortable column both ways, paging with the total, the CSV
// export of what the filters select (audited, refused past its cap, another organization's
// refused), a BC's RSGE by name.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "browser.hpp"
#include "dossier_example.hpp"
#include "platform/text.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // 20000001, 20000002
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";
const std::string kList = "/installations/20000001/dossiers";

struct Child {
  std::string ref, surname, given_name, birth_date, start;
};

// Children born outside Québec without a number (DOS-06: the system gives each a NECSG), with a
// guardian named "Testlistes" so that a search finds them alone among the demo's dossiers.
const std::vector<Child> kChildren = {
    {"L-1", "Boucher", "Léa", "2023-01-05", "2025-09-02"},
    {"L-2", "Bélanger", "Zoé", "2022-06-10", "2025-09-01"},
    {"L-3", "belanger", "Anne", "2024-03-15", "2025-10-01"},
    {"L-4", "Éthier", "Marc", "2021-11-20", "2025-09-03"},
    {"L-5", "Ethier", "Luc", "2023-08-30", "2025-11-01"},
    {"L-6", "Eustache", "Paul", "2022-02-01", "2025-08-15"},
    {"L-7", "Roy-Audy", "Anne", "2023-04-04", "2025-09-04"},
    {"L-8", "Roy", "Zoé", "2024-01-01", "2025-12-01"},
    {"L-9", "Beaulieu", "Arthur", "2022-09-09", "2025-09-05"},
};

class Lists : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    if (HasFatalFailure()) return;
    auto issued =
        run_sgee({"access-code", "issue", "--installation", "20000001", "--db", db_->url()});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    std::string code = issued.out.substr(0, issued.out.find('\n'));
    json batch = json::array();
    for (const auto& ch : kChildren) {
      auto d = example_dossier(ch.ref);
      d["child"]["surname"] = ch.surname;
      d["child"]["given_name"] = ch.given_name;
      d["child"]["birth_date"] = ch.birth_date;
      // Roy, Zoé is born in Québec without a NIREC: pending (DOS-07); the others accepted.
      d["child"]["born_outside_quebec"] = ch.ref != "L-8";
      d["child"]["nirec"] = nullptr;
      d["guardian"]["surname"] = "Testlistes";
      d["guardian"]["address"] = {{"civic_number", "1"},           {"civic_suffix", nullptr},
                                  {"street", "rue des Patriotes"}, {"apartment", nullptr},
                                  {"municipality", "Québec"},      {"postal_code", "G1R 0A0"}};
      d["age_brackets"] = json::array({{{"bracket", "0-17"}, {"start", ch.birth_date}}});
      d["handicap_periods"] = json::array();
      d["agreements"][0]["start"] = ch.start;
      d["agreements"][0]["end"] = "2026-08-31";
      d["agreements"][0]["special_schedules"] = json::array();
      batch.push_back(d);
    }
    Client c(port());
    auto r = c.request("POST", "/api/v1/installations/20000001/dossiers/sync",
                       {{"Authorization", "Bearer " + code}, {"Content-Type", "application/json"}},
                       json{{"dossiers", batch}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    auto answer = json::parse(r.body);
    ASSERT_EQ(answer["results"].size(), kChildren.size()) << r.body;
    for (const auto& res : answer["results"]) ASSERT_NE(res["status"], "rejected") << r.body;
  }

  // The children's names in the list's order ("Surname, Given name"), as the page shows them.
  static std::vector<std::string> names(const std::string& body) {
    static const std::regex row(R"re(<tr><td><a href="[^"]+">([^<]+)</a>)re");
    std::vector<std::string> out;
    for (std::sregex_iterator it(body.begin(), body.end(), row), end; it != end; ++it)
      out.push_back((*it)[1]);
    return out;
  }
  static std::string name_of(const Child& c) { return html(c.surname + ", " + c.given_name); }
  std::vector<std::string> listed(Browser& b, const std::string& query) {
    auto page = b.get(kList + "?q=testlistes&" + query);
    EXPECT_EQ(page.status, 200) << query;
    return names(page.body);
  }
};

TEST_F(Lists, TheDossierListIsInFrenchOrder) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  const std::vector<std::string> french = {"Beaulieu, Arthur", "belanger, Anne", "Bélanger, Zoé",
                                           "Boucher, Léa",     "Ethier, Luc",    "Éthier, Marc",
                                           "Eustache, Paul",   "Roy, Zoé",       "Roy-Audy, Anne"};
  std::vector<std::string> expected;
  for (const auto& n : french) expected.push_back(html(n));
  EXPECT_EQ(listed(b, ""), expected) << "the default order is the name's";
  EXPECT_EQ(listed(b, "tri=nom&sens=asc"), expected);
  std::reverse(expected.begin(), expected.end());
  EXPECT_EQ(listed(b, "tri=nom&sens=desc"), expected);
  // Page 1 of the whole installation too: the demo's names and these, in one French order.
  auto all = names(b.get(kList).body);
  ASSERT_EQ(all.size(), 50u);
  auto key = [](const std::string& name) {  // (surname, given name), folded
    auto comma = name.find(", ");
    return std::pair(text::search_key(name.substr(0, comma)),
                     text::search_key(name.substr(comma + 2)));
  };
  for (size_t i = 1; i < all.size(); ++i)
    EXPECT_LE(key(all[i - 1]), key(all[i])) << all[i - 1] << " / " << all[i];
}

TEST_F(Lists, TheNameSearchMatchesWordsInAnyOrder) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  // The demo has an Arthur Beaulieu too: both, whatever the order or case of the words.
  const std::vector<std::string> both = {html("Beaulieu, Arthur"), html("Beaulieu, Arthur")};
  for (const std::string q : {"Arthur Beaulieu", "beaulieu arthur", "BEAULIEU  Arthur"})
    EXPECT_EQ(names(b.get(kList + "?q=" + text::url_encode(q)).body), both) << q;
  EXPECT_EQ(names(b.get(kList + "?q=" + text::url_encode("arthur testlistes beaulieu")).body),
            std::vector<std::string>{html("Beaulieu, Arthur")});
  // Accents ignored, every word must match: "zoe" finds both Zoés; with "roy", one.
  auto zoe = b.get(kList + "?q=" + text::url_encode("zoe testlistes"));
  EXPECT_EQ(names(zoe.body), (std::vector<std::string>{html("Bélanger, Zoé"), html("Roy, Zoé")}));
  auto roy = b.get(kList + "?q=" + text::url_encode("testlistes ZOÉ roy"));
  EXPECT_EQ(names(roy.body), std::vector<std::string>{html("Roy, Zoé")});
  // A % or _ is a character, not a wildcard.
  EXPECT_EQ(names(b.get(kList + "?q=" + text::url_encode("% testlistes")).body).size(), 0u);
}

TEST_F(Lists, EachColumnSortsBothWaysWithItsHeaderMarked) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  // The children's NECSG, given on acceptance.
  std::map<std::string, std::string> necsg;
  auto r = sql()->run("SELECT ref, necsg FROM dossiers WHERE ref LIKE 'L-%'");
  for (size_t i = 0; i < r.size(); ++i) necsg[r.row(i).str(0)] = r.row(i).str(1);
  ASSERT_EQ(necsg.size(), kChildren.size());
  auto by = [&](auto key) {
    auto sorted = kChildren;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Child& a, const Child& c) { return key(a) < key(c); });
    std::vector<std::string> out;
    for (const auto& c : sorted) out.push_back(name_of(c));
    return out;
  };
  // Distinct values, so that each order is the column's alone.
  std::map<std::string, std::vector<std::string>> expected = {
      {"naissance", by([](const Child& c) { return c.birth_date; })},
      {"periode", by([](const Child& c) { return c.start; })},
      {"numero", by([&](const Child& c) { return necsg[c.ref]; })}};
  for (const auto& [column, ascending] : expected) {
    auto page = b.get(kList + "?q=testlistes&tri=" + column + "&sens=asc");
    EXPECT_EQ(names(page.body), ascending) << column;
    std::regex sorted_header(
        "<th scope=\"col\" aria-sort=\"ascending\"[^>]*><a class=\"sort-link\" href=\"[^\"]*tri=" +
        column + "&amp;sens=desc\"");
    EXPECT_TRUE(std::regex_search(page.body, sorted_header)) << column << page.body;
    auto descending = ascending;
    std::reverse(descending.begin(), descending.end());
    auto down = b.get(kList + "?q=testlistes&tri=" + column + "&sens=desc");
    EXPECT_EQ(names(down.body), descending) << column;
    EXPECT_TRUE(contains(down.body, "aria-sort=\"descending\"")) << column;
    EXPECT_TRUE(contains(down.body, "▼"));
  }
  // Equal values (one bracket here) keep the name's order, both ways.
  auto french = listed(b, "");
  EXPECT_EQ(listed(b, "tri=tranche&sens=asc"), french);
  EXPECT_EQ(listed(b, "tri=tranche&sens=desc"),
            (std::vector<std::string>(french.rbegin(), french.rend())));
  // Statuses in the order of their labels (Accepté, En attente, Refusé), then the name's.
  auto accepted_first = french;
  std::erase(accepted_first, html("Roy, Zoé"));
  accepted_first.push_back(html("Roy, Zoé"));
  EXPECT_EQ(listed(b, "tri=etat&sens=asc"), accepted_first);
  EXPECT_EQ(listed(b, "tri=etat&sens=desc"),
            (std::vector<std::string>(accepted_first.rbegin(), accepted_first.rend())));
  // Brackets and statuses differ across the demo's dossiers: page 1 sorted by each, both ways
  // (statuses in the order of their labels, brackets in the children's age order).
  auto cells = [&](const std::string& query, const std::string& pattern,
                   const std::map<std::string, int>& rank) {
    auto body = b.get(kList + "?" + query).body;
    std::regex cell(pattern);
    std::vector<int> out;
    for (std::sregex_iterator it(body.begin(), body.end(), cell), end; it != end; ++it)
      out.push_back(rank.at((*it)[1]));
    return out;
  };
  const std::map<std::string, int> statuses = {{"accepted", 0}, {"pending", 1}, {"rejected", 2}};
  const std::map<std::string, int> brackets = {
      {"0 à 17 mois", 0}, {"18 à 59 mois", 1}, {"Scolaire", 2}};
  const std::string status_cell = "badge status-(\\w+)";
  const std::string bracket_cell = "<td>(0 à 17 mois|18 à 59 mois|Scolaire)</td>";
  auto up = cells("tri=etat&sens=asc", status_cell, statuses);
  auto down = cells("tri=etat&sens=desc", status_cell, statuses);
  ASSERT_EQ(up.size(), 50u);
  EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
  EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend()));
  up = cells("tri=tranche&sens=asc", bracket_cell, brackets);
  down = cells("tri=tranche&sens=desc", bracket_cell, brackets);
  EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
  EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend()));
  EXPECT_NE(up.front(), down.front()) << "the demo has more than one bracket";
  // Anything else is the name's order: no URL text reaches the SQL.
  auto odd = b.get(kList + "?q=testlistes&tri=" + text::url_encode("birth_date; DROP TABLE x") +
                   "&sens=sideways");
  EXPECT_EQ(odd.status, 200);
  EXPECT_EQ(names(odd.body), french);
  // The filters and the sort stay in the header links and the pager's.
  auto filtered = b.get(kList + "?q=testlistes&etat=pending&tri=naissance&sens=desc");
  EXPECT_TRUE(contains(filtered.body, "q=testlistes&amp;tranche=&amp;etat=pending&amp;tri=nom"))
      << filtered.body;
}

TEST_F(Lists, PagingShowsTheRangeOfTheTotal) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto total = count(
      "SELECT COUNT(*) FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
      "o.number = $1",
      "20000001");
  ASSERT_GT(total, 50);
  ASSERT_LT(total, 1000) << "below a thousand: no digit grouping in the counts below";
  auto first = b.get(kList);
  EXPECT_TRUE(contains(first.body, "1–50 sur " + std::to_string(total))) << first.body;
  EXPECT_TRUE(contains(first.body,
                       "aria-current=\"page\"><span class=\"visually-hidden\">Page "
                       "</span>1</a>"));
  EXPECT_TRUE(contains(first.body, "rel=\"next\""));
  EXPECT_FALSE(contains(first.body, "rel=\"prev\""));
  auto second = b.get(kList + "?tri=naissance&sens=desc&page=2");
  auto last = std::min<std::int64_t>(total, 100);
  EXPECT_TRUE(contains(second.body, "51–" + std::to_string(last) + " sur " + std::to_string(total)))
      << second.body;
  EXPECT_TRUE(contains(second.body, "rel=\"prev\""));
  EXPECT_TRUE(contains(second.body, html("tri=naissance&sens=desc&page=1")));
  // A page past the end shows the last one.
  auto far = b.get(kList + "?page=999");
  EXPECT_EQ(far.status, 200);
  EXPECT_FALSE(names(far.body).empty());
  b.get("/?lang=en");
  EXPECT_TRUE(contains(b.get(kList).body, "1–50 of " + std::to_string(total)));
}

TEST_F(Lists, TheCsvExportsWhatTheFiltersSelectAndIsAudited) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto page = b.get(kList + "?q=testlistes&tri=naissance");
  EXPECT_TRUE(
      contains(page.body, html("/installations/20000001/"
                               "dossiers.csv?q=testlistes&tranche=&etat=&tri=naissance&sens=asc")))
      << page.body;
  auto csv = b.get("/installations/20000001/dossiers.csv?q=testlistes&tri=naissance&sens=asc");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.header("content-type"), "text/csv"));
  EXPECT_TRUE(contains(csv.header("content-disposition"), "attachment"));
  auto lines = text::split(csv.body, '\n');
  ASSERT_EQ(lines.size(), kChildren.size() + 2) << csv.body;  // header, rows, the last CRLF
  EXPECT_EQ(std::string(lines[0]),
            "\xEF\xBB\xBFNom de l'enfant,Prénom de l'enfant,Numéro de dossier,Date de "
            "naissance,NIREC,NECSG,Tranche d'âge,Début des ententes,Fin des ententes,État\r");
  EXPECT_TRUE(lines[1].starts_with("Éthier,Marc,L-4,2021-11-20,,9")) << lines[1];
  EXPECT_TRUE(contains(std::string(lines[1]), ",0 à 17 mois,2025-09-03,2026-08-31,"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = "
                  "'dossier_list' AND record_id = '20000001' AND detail LIKE $1",
                  "csv 9 q=testlistes&%tri=naissance%"),
            1);
  // In English, English headers and values.
  b.get("/?lang=en");
  auto en = b.get("/installations/20000001/dossiers.csv?q=testlistes");
  EXPECT_TRUE(
      en.body.starts_with("\xEF\xBB\xBF"
                          "Child's surname,Child's given name,Record number"))
      << en.body.substr(0, 200);
  EXPECT_TRUE(contains(en.body, ",0 to 17 months,"));
  // Another installation's list: refused, nothing exported.
  EXPECT_EQ(b.get("/installations/20000002/dossiers.csv").status, 403);
  EXPECT_EQ(b.get("/installations/20000003/dossiers.csv").status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_id <> $1",
                  "20000001"),
            0);
}

TEST_F(Lists, TheCsvPastItsCapSaysSoAndExportsNothing) {
  // 10 001 dossiers in the RSE's other installation (rows as the list reads them).
  auto c = sql();
  c->run(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) "
      "INSERT INTO dossiers (organization_id, ref, version, status, messages, data, search_key, "
      "sort_key, created_at, updated_at) SELECT (SELECT id FROM organizations WHERE number = $1), "
      "'C-' || i, 1, 'accepted', '[]', '{}', 'c-' || i, 'c-' || i, 'now', 'now' FROM n",
      std::string("20000002"));
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto refused = b.get("/installations/20000002/dossiers.csv?q=c-");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, html("L'export CSV est limité à 10\u202F000 lignes")))
      << refused.body;
  EXPECT_TRUE(contains(refused.body, "10\u202F001 dossier(s)"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_id = $1",
                  "20000002"),
            0);
  auto fewer = b.get("/installations/20000002/dossiers.csv?q=c-1000");
  EXPECT_EQ(fewer.status, 200);
  EXPECT_EQ(std::count(fewer.body.begin(), fewer.body.end(), '\n'), 4)
      << "the header, C-1000, C-10000, C-10001";
}

TEST_F(Lists, ABcSeesItsRsgeByName) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto rsge = sql()->run(
      "SELECT r.number, r.name FROM organizations r JOIN organizations bc ON bc.id = r.parent_id "
      "WHERE bc.number = '30000001' AND r.kind = 'rsge' ORDER BY r.number");
  ASSERT_GE(rsge.size(), 1u);
  auto list = b.get("/installations/30000001/dossiers?tri=rsge");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "aria-sort=\"ascending\"")) << "sorted by RSGE";
  bool any = false;
  for (size_t i = 0; i < rsge.size(); ++i)
    any = any || contains(list.body, "<td>" + html(rsge.row(i).str(1)) + "</td>");
  EXPECT_TRUE(any) << list.body;
  EXPECT_FALSE(contains(list.body, "<td>" + rsge.row(0).str(0) + "</td>")) << "not a number";
  auto form = b.get("/installations/30000001/dossiers/nouveau");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, html(rsge.row(0).str(1) + " (" + rsge.row(0).str(0) + ")")))
      << form.body;
}

// The register (issue 13): French order, words in any order, "Rattachée à" by name, sortable
// columns, the CSV of the selection for the ministry only, audited.
TEST_F(Lists, TheRegisterIsInFrenchOrderWithParentsByNameAndExports) {
  for (auto [number, name] :
       {std::pair{"10000071", "Zzlistes Boucher"}, std::pair{"10000072", "Zzlistes Bélanger"},
        std::pair{"10000073", "zzlistes belanger-roy"}, std::pair{"10000074", "Zzlistes Éthier"}}) {
    auto r = run_sgee({"org", "add-division", "--number", number, "--name", name, "--legal-form",
                       "nonprofit", "--db", db_->url()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Browser b(port());
  ASSERT_EQ(sign_in(b, "M0000001", "Ministere-demo-2026").status, 303);
  static const std::regex row(R"re(<tr><td><a href="/ministere/organisations/(\d+)">)re");
  auto numbers = [&](const std::string& target) {
    auto page = b.get(target);
    EXPECT_EQ(page.status, 200) << target;
    std::vector<std::string> out;
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), row), end; it != end; ++it)
      out.push_back((*it)[1]);
    return out;
  };
  EXPECT_EQ(numbers("/ministere/organisations?q=zzlistes"),
            (std::vector<std::string>{"10000072", "10000073", "10000071", "10000074"}));
  EXPECT_EQ(numbers("/ministere/organisations?q=zzlistes&tri=nom&sens=desc"),
            (std::vector<std::string>{"10000074", "10000071", "10000073", "10000072"}));
  EXPECT_EQ(numbers("/ministere/organisations?q=zzlistes&tri=numero&sens=desc"),
            (std::vector<std::string>{"10000074", "10000073", "10000072", "10000071"}));
  EXPECT_EQ(numbers("/ministere/organisations?q=" + text::url_encode("ROY Zzlistes")),
            std::vector<std::string>{"10000073"});
  // An installation's "Rattachée à": its division by name, the number beside it.
  auto division = sql()->run(
      "SELECT d.name FROM organizations i JOIN organizations d ON d.id = i.parent_id WHERE "
      "i.number = '20000001'");
  auto installation = b.get("/ministere/organisations?q=20000001");
  EXPECT_TRUE(
      contains(installation.body, "<td>" + html(division.first().str(0)) +
                                      " <span class=\"muted nowrap\">(10000001)</span></td>"))
      << installation.body;
  auto page = b.get("/ministere/organisations?q=zzlistes&tri=nom");
  EXPECT_TRUE(contains(page.body, "aria-sort=\"ascending\""));
  EXPECT_TRUE(contains(page.body, "1–4 sur 4"));
  // The CSV: what the filters select, in their order, audited.
  auto csv = b.get("/ministere/organisations.csv?q=zzlistes&tri=nom&sens=asc");
  ASSERT_EQ(csv.status, 200);
  auto lines = text::split(csv.body, '\n');
  ASSERT_EQ(lines.size(), 6u) << csv.body;
  EXPECT_TRUE(lines[0].starts_with("\xEF\xBB\xBFNuméro,Nom,Type")) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("10000072,Zzlistes Bélanger,Division,")) << lines[1];
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = "
                  "'organization_list' AND detail LIKE $1",
                  "csv 4 %q=zzlistes%"),
            1);
  // The ministry's only.
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  EXPECT_EQ(rse.get("/ministere/organisations.csv").status, 403);
  EXPECT_EQ(rse.get("/ministere/organisations").status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = $1", "organization_list"), 1);
}

}  // namespace
// A register entry (issue 13): its installations, BCs or RSGE by name (the link), the number
// muted beside it, in French order; its "Rattachée à" the same way. No link is a bare number.
TEST_F(Lists, ARegisterEntryShowsItsChildrenByName) {
  for (auto [number, name] :
       {std::pair{"20000071", "Zzenfants Boucher"}, std::pair{"20000072", "Zzenfants Bélanger"}}) {
    auto r = run_sgee({"org", "add-installation", "--division", "10000001", "--number", number,
                       "--name", name, "--kind", "CPE", "--db", db_->url()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Browser b(port());
  ASSERT_EQ(sign_in(b, "M0000001", "Ministere-demo-2026").status, 303);
  auto division = b.get("/ministere/organisations/10000001");
  ASSERT_EQ(division.status, 200);
  static const std::regex bare_number(R"re(<a href="/ministere/organisations/\d+">\d+</a>)re");
  EXPECT_FALSE(std::regex_search(division.body, bare_number)) << division.body;
  const auto belanger = division.body.find("<a href=\"/ministere/organisations/20000072\">" +
                                           html("Zzenfants Bélanger") +
                                           "</a> <span class=\"muted nowrap\">(20000072)</span>");
  const auto boucher = division.body.find("<a href=\"/ministere/organisations/20000071\">" +
                                          html("Zzenfants Boucher") + "</a>");
  ASSERT_NE(belanger, std::string::npos) << division.body;
  ASSERT_NE(boucher, std::string::npos) << division.body;
  EXPECT_LT(belanger, boucher) << "Bélanger before Boucher";
  // The installation's "Rattachée à": its division's name is the link, the number beside it.
  auto name = sql()->run("SELECT name FROM organizations WHERE number = '10000001'");
  auto installation = b.get("/ministere/organisations/20000071");
  EXPECT_TRUE(
      contains(installation.body, "<a href=\"/ministere/organisations/10000001\">" +
                                      html(name.first().str(0)) +
                                      "</a> <span class=\"muted nowrap\">(10000001)</span>"))
      << installation.body;
  // The register's rows link by name too.
  auto list = b.get("/ministere/organisations?q=zzenfants");
  EXPECT_TRUE(contains(list.body, "<td><a href=\"/ministere/organisations/20000072\">" +
                                      html("Zzenfants Bélanger") + "</a></td>"))
      << list.body;
  EXPECT_FALSE(std::regex_search(list.body, bare_number)) << list.body;
}

// The staff list (issue 13): sortable by name and user code both ways with the header marked, its
// count, and its CSV in the list's order, audited; a member without the right to manage rights
// gets neither.
TEST_F(Lists, TheStaffListSortsCountsAndExports) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  static const std::regex code(R"re(<td><code>(E\d{7})</code></td>)re");
  auto codes = [&](const std::string& body) {
    std::vector<std::string> out;
    for (std::sregex_iterator it(body.begin(), body.end(), code), end; it != end; ++it)
      out.push_back((*it)[1]);
    return out;
  };
  auto up = b.get("/droits?tri=code");
  ASSERT_EQ(up.status, 200);
  auto ascending = codes(up.body);
  ASSERT_GE(ascending.size(), 2u) << up.body;
  EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end()));
  EXPECT_TRUE(contains(up.body, "aria-sort=\"ascending\"")) << up.body;
  auto down = b.get("/droits?tri=code&sens=desc");
  auto descending = codes(down.body);
  EXPECT_EQ(descending, std::vector<std::string>(ascending.rbegin(), ascending.rend()));
  EXPECT_TRUE(contains(down.body, "aria-sort=\"descending\""));
  EXPECT_TRUE(contains(up.body, "Membres du personnel : " + std::to_string(ascending.size())));
  EXPECT_TRUE(contains(up.body, "href=\"" + html("/droits.csv?tri=code&sens=asc") + "\""))
      << "the export keeps the order";
  auto csv = b.get("/droits.csv?tri=code&sens=desc");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.header("content-type"), "text/csv"));
  EXPECT_TRUE(contains(csv.body, "Nom,Code d'utilisateur,Droits accordés,État\r\n")) << csv.body;
  size_t at = 0;
  for (const auto& c : descending) {
    auto found = csv.body.find(c, at);
    ASSERT_NE(found, std::string::npos) << c << " in order in " << csv.body;
    at = found;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = "
                  "'staff_list' AND detail = $1",
                  "csv " + std::to_string(descending.size())),
            1);
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/droits.csv").status, 403);
  EXPECT_EQ(Browser(port()).get("/droits.csv").status, 303) << "anonymous: to the sign-in";
}

// The access codes' list (issue 13): its descriptions in French order both ways, its count, times
// in Québec time, and its CSV in the list's order (no secret in it), audited; a member without the
// right to manage codes gets neither.
TEST_F(Lists, TheAccessCodeListSortsCountsAndExports) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  for (const char* label : {"Élan logiciel", "Bison logiciel", "castor logiciel"}) {
    auto page = b.get("/codes-acces");
    auto issued =
        b.post("/codes-acces",
               {{"csrf", hidden_csrf(page.body)}, {"organization", "20000001"}, {"label", label}});
    ASSERT_EQ(issued.status, 201) << issued.body;
  }
  auto order = [&](const std::string& body) {
    std::vector<std::string> out;
    for (const char* label : {"Élan logiciel", "Bison logiciel", "castor logiciel"})
      out.push_back(std::to_string(body.find(html(label))) + " " + label);
    std::sort(out.begin(), out.end(), [](const std::string& x, const std::string& y) {
      return std::stoul(x) < std::stoul(y);
    });
    for (auto& o : out) o = o.substr(o.find(' ') + 1);
    return out;
  };
  auto up = b.get("/codes-acces?tri=description");
  ASSERT_EQ(up.status, 200);
  EXPECT_EQ(order(up.body),
            (std::vector<std::string>{"Bison logiciel", "castor logiciel", "Élan logiciel"}));
  EXPECT_TRUE(contains(up.body, "aria-sort=\"ascending\""));
  auto down = b.get("/codes-acces?tri=description&sens=desc");
  EXPECT_EQ(order(down.body),
            (std::vector<std::string>{"Élan logiciel", "castor logiciel", "Bison logiciel"}));
  static const std::regex issued_at(
      R"re(<td class="nowrap">(\d{4}-\d{2}-\d{2} \d{1,2} h \d{2})</td>)re");
  EXPECT_TRUE(std::regex_search(up.body, issued_at)) << "Québec time, in words: " << up.body;
  static const std::regex shown(R"re(id="codes-count">[^<]* (\d+)</p>)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(up.body, m, shown)) << up.body;
  auto total = std::stoi(m[1]);
  EXPECT_GE(total, 3);
  auto csv = b.get("/codes-acces.csv?tri=description&sens=desc");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.body, "Description,")) << csv.body;
  EXPECT_LT(csv.body.find("Élan logiciel"), csv.body.find("Bison logiciel")) << csv.body;
  EXPECT_FALSE(contains(csv.body, "sgee_")) << "no code in it";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = "
                  "'access_code_list' AND detail = $1",
                  "csv " + std::to_string(total)),
            1);
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/codes-acces.csv").status, 403);
}

}  // namespace sgee::test
