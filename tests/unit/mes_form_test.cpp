// MES-05, MES-06, MES-10: the form as data, the page validators, the hours per day and the diff
// between versions (src/mes/form_rules.*), table-driven.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "mes/form_rules.hpp"

namespace {

using namespace sgee::mes;
using sgee::dates::Date;

Date d(const char* s) {
  return *sgee::dates::parse(s);
}
const Date kToday = d("2026-12-02");

Moment moment(const char* start, const char* end, const char* label = "Repas") {
  return {start, end, "no", label, "Ne mange pas seul", "Aide à la cuillère"};
}

Answers complete() {
  Answers a;
  a.fields = {{"situation.attendance_start", "2025-09-01"},
              {"situation.days_per_week", "5"},
              {"situation.schedule", "7 h 30 à 16 h 30"},
              {"situation.impairment", "Trouble du spectre de l'autisme"},
              {"situation.integration_plan", "yes"},
              {"situation.integration_plan_date", "2026-09-15"}};
  for (const auto& sub : needs_subsections()) a.fields["needs." + sub + ".exceptional"] = "no";
  a.fields["needs.communication.exceptional"] = "yes";
  a.fields["needs.communication.difficulty"] = "Ne parle pas; pointe.";
  a.fields["needs.communication.support"] = "Pictogrammes à chaque transition.";
  a.moments = {moment("08:00", "09:30", "Arrivée"), moment("11:30", "13:00", "Dîner")};
  return a;
}

std::vector<std::pair<std::string, std::string>> fields_and_keys(const std::vector<Note>& ns) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : ns) out.emplace_back(n.field, n.key);
  return out;
}

TEST(MesFormRules, MES_05_TheFormsSectionsAsData) {
  EXPECT_EQ(form_sections(),
            (std::vector<Section>{Section::identity, Section::situation, Section::needs,
                                  Section::typical_day, Section::summary}));
  std::set<std::string> ids;
  for (const auto& f : form_fields()) {
    EXPECT_TRUE(ids.insert(f.id).second) << "twice: " << f.id;
    EXPECT_EQ(section_of(f.id), f.section) << f.id;
    EXPECT_EQ(f.label_key(), "mes.field." + f.id);
    if (f.type == FieldType::text || f.type == FieldType::textarea) {
      EXPECT_GT(f.max_length, 0u) << f.id;
    }
    EXPECT_TRUE(!f.required_if || find_field(f.required_if->first)) << f.id;
  }
  // Section 1 is read-only: from the Portail and the register.
  for (const auto* f : fields_of(Section::identity)) EXPECT_EQ(f->type, FieldType::read_only);
  EXPECT_FALSE(fields_of(Section::identity).empty());
  // The guide's asterisks.
  struct Star {
    const char* id;
    bool required;
  };
  for (const auto& s : std::vector<Star>{{"situation.attendance_start", true},
                                         {"situation.days_per_week", true},
                                         {"situation.integration_plan", true},
                                         {"situation.integration_plan_date", false},
                                         {"situation.impairment", false},
                                         {"needs.care.exceptional", true},
                                         {"needs.care.difficulty", false},
                                         {"typical_day.moment.start", true},
                                         {"typical_day.moment.transition", true},
                                         {"typical_day.moment.actions", true},
                                         {"summary.note", false}}) {
    const Field* f = find_field(s.id);
    ASSERT_TRUE(f) << s.id;
    EXPECT_EQ(f->required, s.required) << s.id;
  }
  // Each sub-section of section 3 asks for the exceptional character.
  for (const auto& sub : needs_subsections()) {
    const Field* f = find_field("needs." + sub + ".exceptional");
    ASSERT_TRUE(f) << sub;
    EXPECT_EQ(f->subsection, sub);
    EXPECT_EQ(f->type, FieldType::yes_no);
  }
  EXPECT_EQ(find_field("situation.integration_plan_date")->required_if,
            (std::pair<std::string, std::string>{"situation.integration_plan", "yes"}));
  EXPECT_FALSE(find_field("situation.nope"));
  for (auto s : all_sections()) EXPECT_EQ(section_from(to_string(s)), s);
  EXPECT_EQ(section_key(Section::typical_day), "mes.section.typical_day");
}

TEST(MesFormRules, MES_05_APagesRequiredFieldsMustBeFilledToGoOn) {
  struct Case {
    const char* what;
    Section section;
    std::function<void(Answers&)> change;
    std::vector<std::pair<std::string, std::string>> notes;  // field, key
  };
  const std::vector<Case> cases = {
      {"situation complete", Section::situation, [](Answers&) {}, {}},
      {"identity: nothing typed", Section::identity, [](Answers& a) { a = Answers{}; }, {}},
      {"summary: nothing required", Section::summary, [](Answers& a) { a = Answers{}; }, {}},
      {"situation empty",
       Section::situation,
       [](Answers& a) { a = Answers{}; },
       {{"situation.attendance_start", "mes.form.required"},
        {"situation.days_per_week", "mes.form.required"},
        {"situation.schedule", "mes.form.required"},
        {"situation.description", "mes.form.one_of_required"},
        {"situation.integration_plan", "mes.form.required"}}},
      {"blank is empty",
       Section::situation,
       [](Answers& a) { a.fields["situation.schedule"] = "   "; },
       {{"situation.schedule", "mes.form.required"}}},
      {"a bad date",
       Section::situation,
       [](Answers& a) { a.fields["situation.attendance_start"] = "2026-02-30"; },
       {{"situation.attendance_start", "mes.form.bad_date"}}},
      {"days per week 0",
       Section::situation,
       [](Answers& a) { a.fields["situation.days_per_week"] = "0"; },
       {{"situation.days_per_week", "mes.form.bad_number"}}},
      {"days per week 8",
       Section::situation,
       [](Answers& a) { a.fields["situation.days_per_week"] = "8"; },
       {{"situation.days_per_week", "mes.form.bad_number"}}},
      {"days per week not a number",
       Section::situation,
       [](Answers& a) { a.fields["situation.days_per_week"] = "cinq"; },
       {{"situation.days_per_week", "mes.form.bad_number"}}},
      {"schedule too long",
       Section::situation,
       [](Answers& a) { a.fields["situation.schedule"] = std::string(kMaxShortText + 1, 'x'); },
       {{"situation.schedule", "mes.form.too_long"}}},
      {"schedule at its limit in accented letters",
       Section::situation,
       [](Answers& a) {
         std::string s;
         for (size_t i = 0; i < kMaxShortText; ++i) s += "é";
         a.fields["situation.schedule"] = s;
       },
       {}},
      {"invalid UTF-8",
       Section::situation,
       [](Answers& a) { a.fields["situation.schedule"] = "\xff\xfe"; },
       {{"situation.schedule", "mes.form.bad_text"}}},
      {"behavioural incapacities alone suffice",
       Section::situation,
       [](Answers& a) {
         a.fields.erase("situation.impairment");
         a.fields["situation.behavioural_incapacities"] = "Crises";
       },
       {}},
      {"plan: yes without date",
       Section::situation,
       [](Answers& a) { a.fields.erase("situation.integration_plan_date"); },
       {{"situation.integration_plan_date", "mes.form.required"}}},
      {"plan: no, no date needed",
       Section::situation,
       [](Answers& a) {
         a.fields["situation.integration_plan"] = "no";
         a.fields.erase("situation.integration_plan_date");
       },
       {}},
      {"plan: maybe",
       Section::situation,
       [](Answers& a) { a.fields["situation.integration_plan"] = "maybe"; },
       {{"situation.integration_plan", "mes.form.bad_choice"}}},
      {"plan dated tomorrow",
       Section::situation,
       [](Answers& a) { a.fields["situation.integration_plan_date"] = "2026-12-03"; },
       {{"situation.integration_plan_date", "mes.form.date_in_future"}}},
      {"attendance may start tomorrow",
       Section::situation,
       [](Answers& a) { a.fields["situation.attendance_start"] = "2026-12-03"; },
       {}},
      {"needs complete", Section::needs, [](Answers&) {}, {}},
      {"needs: exceptional without its description",
       Section::needs,
       [](Answers& a) {
         a.fields.erase("needs.communication.difficulty");
         a.fields.erase("needs.communication.support");
       },
       {{"needs.communication.difficulty", "mes.form.required"},
        {"needs.communication.support", "mes.form.required"}}},
      {"needs: one sub-section unanswered",
       Section::needs,
       [](Answers& a) { a.fields.erase("needs.care.exceptional"); },
       {{"needs.care.exceptional", "mes.form.required"}}},
      {"needs: no exceptional difficulty at all",
       Section::needs,
       [](Answers& a) { a.fields["needs.communication.exceptional"] = "no"; },
       {{"needs", "mes.form.no_exceptional_need"}}},
      {"typical day complete", Section::typical_day, [](Answers&) {}, {}},
      {"typical day empty",
       Section::typical_day,
       [](Answers& a) { a.moments.clear(); },
       {{"typical_day", "mes.form.no_moment"}}},
      {"a moment without its needs",
       Section::typical_day,
       [](Answers& a) { a.moments[1].needs = ""; },
       {{"typical_day.moments.2.needs", "mes.form.required"}}},
      {"a moment without transition answer",
       Section::typical_day,
       [](Answers& a) { a.moments[0].transition = ""; },
       {{"typical_day.moments.1.transition", "mes.form.required"}}},
      {"a moment ending before it starts",
       Section::typical_day,
       [](Answers& a) { a.moments[0].end = "07:00"; },
       {{"typical_day.moments.1.end", "mes.form.end_before_start"}}},
      {"a moment of no length",
       Section::typical_day,
       [](Answers& a) { a.moments[0].end = "08:00"; },
       {{"typical_day.moments.1.end", "mes.form.end_before_start"}}},
      {"a bad time",
       Section::typical_day,
       [](Answers& a) { a.moments[0].start = "8h"; },
       {{"typical_day.moments.1.start", "mes.form.bad_time"}}},
      {"24:00 is not a time",
       Section::typical_day,
       [](Answers& a) { a.moments[0].end = "24:00"; },
       {{"typical_day.moments.1.end", "mes.form.bad_time"}}},
      {"too many moments",
       Section::typical_day,
       [](Answers& a) {
         a.moments.clear();
         for (size_t i = 0; i <= kMaxMoments; ++i) a.moments.push_back(moment("08:00", "08:10"));
       },
       {{"typical_day", "mes.form.too_many_moments"}}},
  };
  for (const auto& c : cases) {
    Answers a = complete();
    c.change(a);
    EXPECT_EQ(fields_and_keys(check_section(c.section, a, kToday)), c.notes) << c.what;
  }
  EXPECT_TRUE(check_form(complete(), kToday).empty());
  auto notes = check_section(Section::situation, Answers{}, kToday);
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(param(notes[0], "label"), "mes.field.situation.attendance_start");
  Answers longer = complete();
  longer.fields["situation.schedule"] = std::string(kMaxShortText + 1, 'x');
  EXPECT_EQ(param(check_section(Section::situation, longer, kToday)[0], "max"), "200");
}

TEST(MesFormRules, MES_06_HoursPerDayAreTheUnionOfTheMoments) {
  struct Case {
    const char* what;
    std::vector<Moment> moments;
    int minutes;
  };
  const std::vector<Case> cases = {
      {"none", {}, 0},
      {"one", {moment("08:00", "09:30")}, 90},
      {"two apart", {moment("08:00", "09:30"), moment("11:30", "13:00")}, 180},
      {"overlapping count once", {moment("08:00", "10:00"), moment("09:00", "11:00")}, 180},
      {"contained", {moment("08:00", "12:00"), moment("09:00", "10:00")}, 240},
      {"touching", {moment("08:00", "09:00"), moment("09:00", "10:00")}, 120},
      {"unordered", {moment("13:00", "14:15"), moment("07:45", "08:00")}, 90},
      {"minutes", {moment("08:07", "08:52")}, 45},
      {"invalid ones count for nothing",
       {moment("08:00", "09:00"), moment("10:00", "09:00"), moment("x", "11:00")},
       60},
      {"whole day", {moment("00:00", "23:59")}, 23 * 60 + 59},
      {"padded with spaces", {moment(" 08:00", "09:00 ")}, 60},
  };
  for (const auto& c : cases) EXPECT_EQ(union_minutes(c.moments), c.minutes) << c.what;
  EXPECT_EQ(time_minutes("00:00"), 0);
  EXPECT_EQ(time_minutes("23:59"), 23 * 60 + 59);
  EXPECT_FALSE(time_minutes("7:00"));
  EXPECT_FALSE(time_minutes("07:60"));
  EXPECT_FALSE(time_minutes("07h00"));
}

TEST(MesFormRules, MES_06_MoreThanEightHoursIsRefusedAndARenewalCarriesTheGrantedHours) {
  using T = RequestType;
  struct Case {
    const char* what;
    T type;
    std::vector<Moment> moments;
    std::optional<int> granted;
    int requested;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases = {
      {"8 hours exactly", T::new_request, {moment("08:00", "16:00")}, std::nullopt, 480, {}},
      {"8 hours 1 minute",
       T::new_request,
       {moment("08:00", "16:01")},
       std::nullopt,
       481,
       {"mes.hours.over_max"}},
      {"overlaps keep it under 8",
       T::new_request,
       {moment("08:00", "13:00"), moment("12:00", "16:00")},
       std::nullopt,
       480,
       {}},
      {"transfer over 8",
       T::transfer,
       {moment("07:00", "17:00")},
       std::nullopt,
       600,
       {"mes.hours.over_max"}},
      {"renewal without changes: the granted hours",
       T::renewal_without_changes,
       {moment("08:00", "14:00")},
       360,
       360,
       {}},
      {"renewal without changes, other hours typed",
       T::renewal_without_changes,
       {moment("08:00", "15:00")},
       360,
       360,
       {"mes.hours.renewal_differs"}},
      {"renewal without changes, nothing typed yet", T::renewal_without_changes, {}, 360, 360, {}},
      {"renewal with changes: the typical day",
       T::renewal_with_changes,
       {moment("08:00", "15:00")},
       360,
       420,
       {}},
      {"renewal without a known grant",
       T::renewal_without_changes,
       {moment("08:00", "10:00")},
       std::nullopt,
       120,
       {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(requested_minutes(c.type, c.moments, c.granted), c.requested) << c.what;
    std::vector<std::string> keys;
    for (const auto& n : check_hours(c.type, c.moments, c.granted)) {
      keys.push_back(n.key);
      EXPECT_EQ(n.field, "typical_day");
    }
    EXPECT_EQ(keys, c.keys) << c.what;
  }
  auto over = check_hours(T::new_request, {moment("07:00", "15:30")}, std::nullopt);
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(param(over[0], "hours_fr"), "8 h 30");
  EXPECT_EQ(param(over[0], "hours_en"), "8:30");
  EXPECT_EQ(param(over[0], "max"), "8");
  auto differs = check_hours(T::renewal_without_changes, {moment("08:00", "15:00")}, 360);
  EXPECT_EQ(param(differs[0], "granted_fr"), "6 h");
  EXPECT_EQ(param(differs[0], "hours_fr"), "7 h");
  EXPECT_EQ(param(differs[0], "granted_en"), "6:00");
  EXPECT_EQ(duration_params("x", 5), (std::vector<std::pair<std::string, std::string>>{
                                         {"x_fr", "0 h 05"}, {"x_en", "0:05"}}));
}

TEST(MesFormRules, MES_06_ARenewalStartsFromTheAnswersItRenews) {
  Answers before = complete();
  before.fields["identity.child_name"] = "never copied";
  before.fields["not.a.field"] = "dropped";
  Answers r = prefill(RequestType::renewal_without_changes, before);
  EXPECT_EQ(r.moments, before.moments);
  EXPECT_EQ(r.get("situation.impairment"), before.get("situation.impairment"));
  EXPECT_EQ(r.get("identity.child_name"), "");
  EXPECT_EQ(r.get("not.a.field"), "");
  EXPECT_EQ(prefill(RequestType::renewal_with_changes, before), r);
  EXPECT_EQ(prefill(RequestType::transfer, before), Answers{});
  EXPECT_EQ(prefill(RequestType::new_request, before), Answers{});
  EXPECT_EQ(prefill(RequestType::renewal_with_changes, std::nullopt), Answers{});
}

TEST(MesFormRules, MES_10_TheDiffPerSectionShowsWhatChangedSinceTheLastTransmission) {
  Answers v1 = complete();
  Answers v2 = v1;
  EXPECT_TRUE(diff(v1, v2).empty());
  v2.fields["situation.schedule"] = "8 h à 17 h";
  v2.fields["summary.note"] = "Nouveau";
  v2.moments[1].end = "13:30";
  v2.moments.push_back(moment("15:00", "15:30", "Sortie"));
  v2.fields.erase("needs.communication.support");
  auto ds = diff(v1, v2);
  ASSERT_EQ(ds.size(), 4u);
  EXPECT_EQ(ds[0].section, Section::situation);
  EXPECT_EQ(ds[0].changes,
            (std::vector<FieldChange>{{"situation.schedule", "7 h 30 à 16 h 30", "8 h à 17 h"}}));
  EXPECT_EQ(ds[1].section, Section::needs);
  EXPECT_EQ(ds[1].changes, (std::vector<FieldChange>{{"needs.communication.support",
                                                      "Pictogrammes à chaque transition.", ""}}));
  EXPECT_EQ(ds[2].section, Section::typical_day);
  ASSERT_EQ(ds[2].changes.size(), 7u);  // one changed end, six new fields
  EXPECT_EQ(ds[2].changes[0], (FieldChange{"typical_day.moments.2.end", "13:00", "13:30"}));
  EXPECT_EQ(ds[2].changes[1].field, "typical_day.moments.3.actions");
  EXPECT_EQ(ds[2].changes[1].before, "");
  EXPECT_EQ(ds[3].section, Section::summary);
  // The reverse diff says the same the other way round.
  auto back = diff(v2, v1);
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(back[0].changes[0].before, "8 h à 17 h");
  // An empty value is no value.
  Answers v3 = v1;
  v3.fields["summary.note"] = "";
  EXPECT_TRUE(diff(v1, v3).empty());
}

TEST(MesFormRules, MES_09_TheContentHashChangesWithAnyAnswerOrFile) {
  const Answers a = complete();
  const std::vector<Attachment> files = {{"signed_form", "aa"}, {"integration_plan", "bb"}};
  const std::string h = content_hash(RequestType::new_request, a, files);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, content_hash(RequestType::new_request, a, {files[1], files[0]}));
  Answers b = a;
  b.fields["summary.note"] = "x";
  EXPECT_NE(h, content_hash(RequestType::new_request, b, files));
  b = a;
  b.moments[0].actions += ".";
  EXPECT_NE(h, content_hash(RequestType::new_request, b, files));
  EXPECT_NE(h, content_hash(RequestType::transfer, a, files));
  EXPECT_NE(h, content_hash(RequestType::new_request, a, {files[0]}));
  EXPECT_NE(h, content_hash(RequestType::new_request, a, {files[0], {"integration_plan", "bc"}}));
  // No value can pass for a separator.
  Answers c1, c2;
  c1.fields = {{"summary.note", "a"}, {"situation.schedule", "b"}};
  c2.fields = {{"summary.note", "a1:situation.schedule1:b"}};
  EXPECT_NE(content_hash(RequestType::new_request, c1, {}),
            content_hash(RequestType::new_request, c2, {}));
}

TEST(MesFormRules, MES_10_EachTransmissionIsAVersionAndTheMinistrySeesTheLastChanges) {
  Answers v1 = complete(), v2 = complete(), v3 = complete();
  v2.fields["summary.note"] = "deux";
  v3.fields["summary.note"] = "trois";
  v3.fields["situation.days_per_week"] = "4";
  EXPECT_TRUE(changes_since_last_transmission({}).empty());
  EXPECT_TRUE(changes_since_last_transmission({{1, v1}}).empty());
  auto two = changes_since_last_transmission({{1, v1}, {2, v2}});
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].section, Section::summary);
  EXPECT_EQ(two[0].changes[0], (FieldChange{"summary.note", "", "deux"}));
  // In any order: version 3 against version 2.
  auto three = changes_since_last_transmission({{3, v3}, {1, v1}, {2, v2}});
  ASSERT_EQ(three.size(), 2u);
  EXPECT_EQ(three[0].section, Section::situation);
  EXPECT_EQ(three[1].changes[0], (FieldChange{"summary.note", "deux", "trois"}));
}

}  // namespace
