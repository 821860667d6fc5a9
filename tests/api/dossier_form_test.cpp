// The "Ajouter dossier parent-enfant" form through a real server on the demo data, as a browser
// without JS posts it: messages beside their fields with their code, errors block saving and
// warnings don't, rows and common schedules without saving, editing (termination, new
// agreement) adds a version, immutable fields stay, rights and CSRF, audit rows. On SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "browser.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults only
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";
const std::string kNew = "/installations/20000001/dossiers/nouveau";

class DossierForm : public DemoServer {
 protected:
  // The number the form gives a new dossier of installation 20000001: 8 digits like the demo's
  // own, one more than the highest.
  std::string next_ref() {
    auto highest = sql()
                       ->run(
                           "SELECT MAX(d.ref) FROM dossiers d JOIN organizations o ON o.id = "
                           "d.organization_id WHERE o.number = '20000001' AND length(d.ref) = 8")
                       .first()
                       .str(0);
    return std::to_string(std::max<std::int64_t>(std::stoll(highest), 10000000) + 1);
  }
  // A complete dossier's fields: a girl born outside Québec (a NECSG is assigned), her mother at
  // an address of the reference, one agreement Monday to Friday.
  Fields valid_fields(const std::string& csrf) {
    auto a = sql()->run(
        "SELECT civic_number, street, municipality, postal_code FROM addresses ORDER BY id "
        "LIMIT 1");
    Fields f = {{"csrf", csrf},
                {"child.surname", "Gagnon"},
                {"child.given_name", "Zéphirine"},
                {"child.sex", "F"},
                {"child.birth_date", "2024-03-15"},
                {"child.born_outside_quebec", "true"},
                {"child.nirec", ""},
                {"guardian.surname", "Gagnon"},
                {"guardian.given_name", "Julie"},
                {"guardian.role", "mother"},
                {"guardian.address.civic_number", a.first().str(0)},
                {"guardian.address.street", a.first().str(1)},
                {"guardian.address.municipality", a.first().str(2)},
                {"guardian.address.postal_code", a.first().str(3)},
                {"other_guardian.surname", ""},
                {"other_guardian.role", ""},
                {"age_brackets[0]._row", "1"},
                {"age_brackets[0].bracket", "18-59"},
                {"age_brackets[0].start", "2025-09-15"},
                {"agreements[0]._row", "1"},
                {"agreements[0].ref", "A1"},
                {"agreements[0].start", "2026-09-01"},
                {"agreements[0].end", "2027-06-30"},
                {"agreements[0].reduced_contribution", "true"},
                {"agreements[0].replacement", "false"},
                {"agreements[0].signed", "true"},
                {"agreements[0].schedule.weeks", "1"}};
    for (int d = 0; d < 5; ++d) {
      std::string name = "agreements[0].schedule.days[" + std::to_string(d) + "]";
      f.emplace_back(name, "AM");
      f.emplace_back(name, "PM");
    }
    return f;
  }
  static Fields with(Fields f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f)
      if (k == name) {
        v = value;
        return f;
      }
    f.emplace_back(name, value);
    return f;
  }
  std::int64_t dossiers() {
    return count(
        "SELECT COUNT(*) FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
        "o.number = $1",
        "20000001");
  }
  // The HTML of the field `id` ("f-child-surname"): from its wrapper to the next field.
  static std::string field_html(const std::string& body, const std::string& id) {
    auto at = body.find("id=\"" + id + "-field\"");
    if (at == std::string::npos) return "";
    auto end = body.find("<div class=\"field", at + 10);
    return body.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
};

TEST_F(DossierForm, ErrorsAppearBesideTheirFieldsThenTheFixedDossierIsSavedAndListed) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto list = b.get("/installations/20000001/dossiers");
  EXPECT_TRUE(contains(list.body, html(kNew))) << "the list links to the form";
  auto page = b.get(kNew);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Ajouter un dossier parent-enfant")));
  EXPECT_TRUE(contains(page.body, "name=\"agreements[0].schedule.days[27]\"")) << "4 weeks";
  EXPECT_TRUE(contains(page.body, "data-rule=\"DOS-12\"")) << "the parent block";
  std::string csrf = hidden_csrf(page.body);
  auto before = dossiers();
  auto bad = with(with(valid_fields(csrf), "child.given_name", ""), "guardian.address.postal_code",
                  "G1G 1D1");
  bad = with(bad, "child.birth_date", "2099-01-01");
  auto refused = b.post(kNew, bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(dossiers(), before) << "an error blocks saving";
  EXPECT_TRUE(contains(field_html(refused.body, "f-child-given_name"), "CSG002E"));
  EXPECT_TRUE(contains(field_html(refused.body, "f-child-given_name"), "aria-invalid=\"true\""));
  EXPECT_TRUE(contains(field_html(refused.body, "f-child-birth_date"), "CSG006E"));
  EXPECT_TRUE(contains(field_html(refused.body, "f-guardian-address-postal_code"), "CSG032E"));
  EXPECT_FALSE(contains(field_html(refused.body, "f-child-surname"), "CSG0"));
  EXPECT_TRUE(contains(refused.body, "href=\"#f-child-given_name\"")) << "the summary links";
  // What was typed is still there.
  EXPECT_TRUE(contains(field_html(refused.body, "f-child-surname"), "value=\"Gagnon\""));
  auto saved = b.post(kNew, valid_fields(hidden_csrf(refused.body)));
  ASSERT_EQ(saved.status, 303) << saved.body;
  std::string location = saved.header("location");
  EXPECT_EQ(location, "/installations/20000001/dossiers/" + ref + "?enregistre=1");
  EXPECT_EQ(ref.size(), 8u) << "numbered as every other dossier, unlike a user code";
  EXPECT_EQ(dossiers(), before + 1);
  auto detail = b.get(location);
  EXPECT_TRUE(contains(detail.body, html("Le dossier est enregistré."))) << detail.body;
  EXPECT_TRUE(contains(detail.body, html("Zéphirine Gagnon")));
  EXPECT_TRUE(contains(detail.body, "<dt>NECSG</dt>")) << "assigned on acceptance";
  auto found = b.get("/installations/20000001/dossiers?q=zephirine");
  EXPECT_TRUE(contains(found.body, "1 dossier(s)")) << found.body;
  EXPECT_TRUE(contains(found.body, ref));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND record_type = "
                  "'dossier' AND record_id = $1 AND detail = 'form'",
                  ref),
            1);
  // The next one gets the next number.
  auto second =
      b.post(kNew, with(valid_fields(hidden_csrf(detail.body)), "child.given_name", "Anaïs"));
  EXPECT_EQ(second.header("location"), "/installations/20000001/dossiers/" +
                                           std::to_string(std::stoll(ref) + 1) + "?enregistre=1");
}

TEST_F(DossierForm, WarningsDoNotBlockSavingAndCheckingSavesNothing) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  std::string csrf = hidden_csrf(b.get(kNew).body);
  const auto dossiers = sql()->run("SELECT COUNT(*) FROM dossiers").first().i64(0);
  auto unsigned_ = with(valid_fields(csrf), "agreements[0].signed", "false");
  auto checked = b.post(kNew, with(unsigned_, "action", "check"));
  ASSERT_EQ(checked.status, 200);
  EXPECT_TRUE(contains(field_html(checked.body, "f-agreements-0-signed"), "CSG064A"))
      << checked.body;
  EXPECT_TRUE(contains(checked.body, html("Avertissements : le dossier peut être enregistré.")));
  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM dossiers").first().i64(0), dossiers);  // nothing saved
  auto saved = b.post(kNew, with(unsigned_, "action", "save"));
  EXPECT_EQ(saved.status, 303);
  auto detail = b.get(saved.header("location"));
  EXPECT_TRUE(contains(detail.body, "CSG064A")) << "the warning stays on the dossier";
}

TEST_F(DossierForm, RowsAndCommonSchedulesChangeTheFormWithoutSaving) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  std::string csrf = hidden_csrf(b.get(kNew).body);
  auto before = dossiers();
  auto added = b.post(kNew, with(valid_fields(csrf), "action", "add:cisss_periods"));
  ASSERT_EQ(added.status, 200);
  EXPECT_TRUE(contains(added.body, "name=\"cisss_periods[0].start\""));
  EXPECT_TRUE(contains(field_html(added.body, "f-child-given_name"), html("Zéphirine")));
  auto special =
      b.post(kNew, with(valid_fields(csrf), "action", "add:agreements[0].special_schedules"));
  EXPECT_TRUE(
      contains(special.body, "name=\"agreements[0].special_schedules[0].schedule.days[6]\""));
  auto agreement = b.post(kNew, with(valid_fields(csrf), "action", "add:agreements"));
  EXPECT_TRUE(contains(agreement.body, "name=\"agreements[1].ref\" type=\"text\" value=\"A2\""));
  // Shared custody, one week out of two, without JS: the pattern's button.
  auto shared =
      b.post(kNew, with(with(valid_fields(csrf), "action", "pattern:agreements[0].schedule"),
                        "pattern@agreements[0].schedule", "alternate_weeks"));
  ASSERT_EQ(shared.status, 200);
  EXPECT_TRUE(contains(shared.body, "<option value=\"2\" selected>2</option>"));
  EXPECT_TRUE(
      contains(shared.body, "name=\"agreements[0].schedule.days[4]\" value=\"PM\" checked"));
  EXPECT_FALSE(
      contains(shared.body, "name=\"agreements[0].schedule.days[7]\" value=\"AM\" checked"));
  auto removed = b.post(kNew, with(valid_fields(csrf), "action", "remove:age_brackets[0]"));
  EXPECT_FALSE(contains(removed.body, "name=\"age_brackets[0].start\""));
  EXPECT_EQ(b.post(kNew, with(valid_fields(csrf), "action", "drop:everything")).status, 400);
  EXPECT_EQ(
      b.post(kNew, with(valid_fields(csrf), "action", "pattern:agreements[0].schedule")).status,
      400)
      << "no pattern chosen";
  EXPECT_EQ(dossiers(), before);
}

TEST_F(DossierForm, EditingTerminatesAddsAnAgreementAndKeepsImmutableFields) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto fields = valid_fields(hidden_csrf(b.get(kNew).body));
  ASSERT_EQ(b.post(kNew, fields).status, 303);
  const std::string edit = "/installations/20000001/dossiers/" + ref + "/modifier";
  auto detail = b.get("/installations/20000001/dossiers/" + ref);
  EXPECT_TRUE(contains(detail.body, html(edit))) << "the detail links to the form";
  EXPECT_TRUE(contains(detail.body, html(edit + "#f-agreements-0-termination")));
  auto page = b.get(edit);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(field_html(page.body, "f-child-surname"), "value=\"Gagnon\""));
  EXPECT_TRUE(contains(field_html(page.body, "f-child-birth_date"), "readonly"));
  std::string csrf = hidden_csrf(page.body);
  auto terminated = with(with(fields, "csrf", csrf), "agreements[0].termination", "2027-01-29");
  terminated.push_back({"agreements[1]._row", "1"});
  terminated.push_back({"agreements[1].ref", "A2"});
  terminated.push_back({"agreements[1].start", "2027-02-01"});
  terminated.push_back({"agreements[1].end", "2027-06-30"});
  terminated.push_back({"agreements[1].reduced_contribution", "true"});
  terminated.push_back({"agreements[1].replacement", "false"});
  terminated.push_back({"agreements[1].signed", "true"});
  terminated.push_back({"agreements[1].schedule.weeks", "1"});
  terminated.push_back({"agreements[1].schedule.days[0]", "AM"});
  auto saved = b.post(edit, terminated);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(count("SELECT MAX(v.version) FROM dossier_versions v JOIN dossiers d ON d.id = "
                  "v.dossier_id WHERE d.ref = $1",
                  ref),
            2);
  auto after = b.get(saved.header("location"));
  EXPECT_TRUE(contains(after.body, html("29 janvier 2027")));
  EXPECT_TRUE(contains(after.body, html("Entente A2")));
  // The birth date is fixed once saved.
  auto changed = b.post(edit, with(terminated, "child.birth_date", "2024-03-16"));
  EXPECT_EQ(changed.status, 422);
  EXPECT_TRUE(contains(field_html(changed.body, "f-child-birth_date"), "CSG007E"));
  EXPECT_EQ(count("SELECT version FROM dossiers WHERE ref = $1", ref), 2);
  EXPECT_EQ(b.get("/installations/20000001/dossiers/nope/modifier").status, 404);
  EXPECT_EQ(b.post("/installations/20000001/dossiers/nope/modifier", terminated).status, 404);
}

// Seed 004: the apartment is written at the end of the street; the form moves it to its field
// and says so beside it (issue 12, item 5).
TEST_F(DossierForm, TheApartmentAtTheEndOfTheStreetMovesToItsField) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto fields = valid_fields(hidden_csrf(b.get(kNew).body));
  std::string street;
  for (const auto& [k, v] : fields)
    if (k == "guardian.address.street") street = v;
  auto typed = with(fields, "guardian.address.street", street + " App 3");
  auto checked = b.post(kNew, with(typed, "action", "check"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto apartment = field_html(checked.body, "f-guardian-address-apartment");
  EXPECT_TRUE(contains(apartment, "CSG130A")) << apartment;
  EXPECT_TRUE(contains(apartment, "value=\"3\"")) << apartment;
  EXPECT_TRUE(contains(field_html(checked.body, "f-guardian-address-street"),
                       "value=\"" + html(street) + "\""));
  EXPECT_FALSE(contains(checked.body, "CSG028E")) << "the street without it is found";
  auto saved = b.post(kNew, typed);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto data = sql()->run("SELECT data FROM dossiers WHERE ref = $1", ref).first().str(0);
  EXPECT_TRUE(contains(data, "\"apartment\":\"3\"")) << data;
}

// Seed 003: a child born outside Québec may obtain a NIREC later; the saved dossier with its NECSG
// receives it on the form (the field stays open until a NIREC is saved), keeps its NECSG and the
// change is audited (issue 12, item 1).
TEST_F(DossierForm, ANecsgDossierReceivesItsNirecOnTheForm) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto fields = valid_fields(hidden_csrf(b.get(kNew).body));
  ASSERT_EQ(b.post(kNew, fields).status, 303);
  auto necsg = sql()->run("SELECT necsg FROM dossiers WHERE ref = $1", ref).first().str(0);
  ASSERT_EQ(necsg.size(), 8u);
  sql()->run(
      "INSERT INTO civil_registry (nirec, surname, given_name, sex, birth_date) VALUES ($1, $2, "
      "$3, $4, $5)",
      std::string("1202403150001"), std::string("Gagnon"), std::string("Zéphirine"),
      std::string("F"), std::string("2024-03-15"));
  const std::string edit = "/installations/20000001/dossiers/" + ref + "/modifier";
  auto page = b.get(edit);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(field_html(page.body, "f-child-nirec"), "readonly"));
  EXPECT_TRUE(contains(field_html(page.body, "f-child-necsg"), "readonly"));
  auto with_nirec =
      with(with(fields, "csrf", hidden_csrf(page.body)), "child.nirec", "1202403150001");
  with_nirec = with(with_nirec, "child.necsg", necsg);
  // A NIREC the civil registry does not know is refused.
  auto unknown = b.post(edit, with(with_nirec, "child.nirec", "1202403159999"));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(contains(field_html(unknown.body, "f-child-nirec"), "CSG041E"));
  EXPECT_FALSE(contains(field_html(unknown.body, "f-child-nirec"), "readonly"));
  auto saved = b.post(edit, with_nirec);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto row = sql()->run("SELECT nirec, necsg FROM dossiers WHERE ref = $1", ref);
  EXPECT_EQ(row.first().str(0), "1202403150001");
  EXPECT_EQ(row.first().str(1), necsg);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'nirec_added' AND record_id = $1", ref),
      1);
  EXPECT_TRUE(contains(field_html(b.get(edit).body, "f-child-nirec"), "readonly"))
      << "a saved NIREC no longer changes";
}

// Issue 12 through the form: an agreement without any half-period (the child is not a
// replacement) and a dossier without an agreement are refused (ENT-05); correcting a saved
// agreement's schedule is saved with a warning (ENT-10, seed 003).
TEST_F(DossierForm, EmptyScheduleOrNoAgreementIsRefusedAndACorrectionWarns) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto fields = valid_fields(hidden_csrf(b.get(kNew).body));
  auto without = [&](const std::string& prefix) {
    Fields out;
    for (const auto& [k, v] : fields)
      if (!k.starts_with(prefix)) out.emplace_back(k, v);
    return out;
  };
  auto before = dossiers();
  auto empty = b.post(kNew, without("agreements[0].schedule.days"));
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, "CSG147E")) << empty.body;
  EXPECT_TRUE(contains(empty.body, html("L'horaire normal ne coche aucune demi-période")));
  auto none = b.post(kNew, without("agreements[0]"));
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(contains(none.body, "CSG146E")) << none.body;
  EXPECT_EQ(dossiers(), before) << "nothing saved";
  ASSERT_EQ(b.post(kNew, fields).status, 303);
  const std::string edit = "/installations/20000001/dossiers/" + ref + "/modifier";
  auto corrected = with(fields, "csrf", hidden_csrf(b.get(edit).body));
  std::erase_if(corrected, [](const auto& f) {
    return f.first == "agreements[0].schedule.days[4]" && f.second == "PM";
  });
  auto saved = b.post(edit, corrected);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto detail = b.get(saved.header("location"));
  EXPECT_TRUE(contains(detail.body, "CSG141A")) << detail.body;
  EXPECT_EQ(count("SELECT version FROM dossiers WHERE ref = $1", ref), 2);
}

// Issue 12, item 12: the heading over the messages says what became of the dossier: refused,
// savable but pending, saved and pending.
TEST_F(DossierForm, TheSummaryHeadingSaysWhatBecameOfTheDossier) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string ref = next_ref();
  auto fields = valid_fields(hidden_csrf(b.get(kNew).body));
  // A Québec-born child whose NIREC is awaited (DOS-07): the dossier is saved, pending.
  auto awaited = with(fields, "child.born_outside_quebec", "false");
  auto checked = b.post(kNew, with(awaited, "action", "check"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_TRUE(contains(checked.body, "CSG015E")) << checked.body;
  EXPECT_TRUE(contains(checked.body, html("Le dossier peut être enregistré, mais il restera en "
                                          "attente des renseignements ci-dessous.")));
  EXPECT_FALSE(contains(checked.body, html("Le dossier n'est pas enregistré")));
  ASSERT_EQ(b.post(kNew, awaited).status, 303);
  auto edit = b.get("/installations/20000001/dossiers/" + ref + "/modifier");
  EXPECT_TRUE(contains(
      edit.body, html("Le dossier est enregistré, en attente des renseignements ci-dessous.")))
      << edit.body;
  auto refused = b.post(kNew, with(fields, "child.given_name", ""));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body,
                       html("Le dossier n'est pas enregistré : corrigez les erreurs ci-dessous.")));
}

TEST_F(DossierForm, OnlyThoseWhoEnterDossiersUseTheFormWithItsToken) {
  Browser anonymous(port());
  EXPECT_EQ(anonymous.get(kNew).status, 303);
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get(kNew).status, 403);
  auto list = staff.get("/installations/20000001/dossiers");
  EXPECT_FALSE(contains(list.body, html(kNew))) << "no link without the right";
  EXPECT_EQ(staff.post(kNew, valid_fields(hidden_csrf(list.body))).status, 403);
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get(kNew).status, 403);
  EXPECT_EQ(other.get("/installations/99999999/dossiers/nouveau").status, 404);
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto before = dossiers();
  EXPECT_EQ(rse.post(kNew, with(valid_fields(""), "csrf", "")).status, 403) << "CSRF";
  EXPECT_EQ(dossiers(), before);
}

TEST_F(DossierForm, ABcNamesTheRsge) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  const std::string url = "/installations/30000001/dossiers/nouveau";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  // The RSGE by name, its number beside it (issue 13); the value stays the number.
  auto name = sql()->run("SELECT name FROM organizations WHERE number = '40000001'").first().str(0);
  EXPECT_TRUE(
      contains(page.body, "<option value=\"40000001\">" + html(name) + " (40000001)</option>"))
      << page.body;
  auto refused = b.post(url, valid_fields(hidden_csrf(page.body)));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(field_html(refused.body, "f-rsge"), "CSG090E")) << refused.body;
  auto saved = b.post(url, with(valid_fields(hidden_csrf(page.body)), "rsge", "40000001"));
  EXPECT_EQ(saved.status, 303) << saved.body;
}

}  // namespace
}  // namespace sgee::test
