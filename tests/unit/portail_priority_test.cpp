// Issue 15: a provider's declared admission priorities and a parent's criteria
// (src/portail/priority_rules.*): at most 6 codes of the ministry's list, a whole share of 0–50 %.
#include <gtest/gtest.h>

#include "portail/priority_rules.hpp"

namespace {

using namespace sgee::portail;
using namespace sgee::portail::priority;

const std::vector<std::string> kList{"special_needs",  "precarious",       "parent_studies",
                                     "cisss_referral", "partner_employer", "age_group",
                                     "neighbourhood"};

TEST(PortailPriority, POR_03_ADeclarationHoldsAtMostSixCodesOfTheListAndAShareOfAtMost50) {
  struct Case {
    std::vector<std::string> criteria;
    std::string share;
    std::vector<FieldError> errors;
    std::vector<std::string> kept;
    int percent;
  };
  const std::vector<std::string> six(kList.begin(), kList.begin() + 6);
  const std::vector<Case> cases{
      {{}, "", {}, {}, 0},
      {{"precarious", "special_needs"}, "30", {}, {"special_needs", "precarious"}, 30},
      {{"precarious", "precarious"}, " 25 % ", {}, {"precarious"}, 25},
      {six, "50", {}, six, 50},
      {kList, "50", {{"criteria", "rank.err.too_many"}}, kList, 50},
      {{"precarious"}, "51", {{"share", "rank.err.share_max"}}, {"precarious"}, 0},
      {{"precarious"}, "1000", {{"share", "rank.err.share_max"}}, {"precarious"}, 0},
      {{"precarious"},
       "99999999999999999999",
       {{"share", "rank.err.share_max"}},
       {"precarious"},
       0},
      {{"precarious"}, "12.5", {{"share", "rank.err.share_whole"}}, {"precarious"}, 0},
      {{"precarious"}, "12,5", {{"share", "rank.err.share_whole"}}, {"precarious"}, 0},
      {{"precarious"}, "-1", {{"share", "rank.err.share_whole"}}, {"precarious"}, 0},
      {{"precarious"}, "dix", {{"share", "rank.err.share_whole"}}, {"precarious"}, 0},
      {{"vip"}, "10", {{"criteria", "rank.err.unknown_criterion"}}, {}, 10},
      {kList, "60", {{"criteria", "rank.err.too_many"}, {"share", "rank.err.share_max"}}, kList, 0},
  };
  for (const auto& k : cases) {
    auto c = check_declaration({k.criteria, k.share}, kList);
    EXPECT_EQ(c.errors, k.errors) << k.share;
    EXPECT_EQ(c.declaration.criteria, k.kept) << k.share;
    EXPECT_EQ(c.declaration.share_percent, k.percent) << k.share;
  }
}

TEST(PortailPriority, POR_03_AParentTicksCodesOfTheListButNotSpecialNeeds) {
  struct Case {
    std::vector<std::string> ticked, kept;
    bool refused;
  };
  for (const auto& k : std::vector<Case>{
           {{}, {}, false},
           {{"neighbourhood", "precarious"}, {"precarious", "neighbourhood"}, false},
           {{"special_needs"}, {}, true},
           {{"precarious", "vip"}, {"precarious"}, true},
       }) {
    std::vector<FieldError> errors;
    EXPECT_EQ(parent_criteria(k.ticked, kList, errors), k.kept);
    EXPECT_EQ(!errors.empty(), k.refused);
    if (k.refused) {
      EXPECT_EQ(errors[0].field, "priority_criteria");
    }
  }
}

}  // namespace
