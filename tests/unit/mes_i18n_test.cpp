// MES: every i18n key the pure rules return (notes, labels, names) is in both catalogs, so that a
// page never shows a key.
#include <gtest/gtest.h>

#include <set>

#include "mes/document_rules.hpp"
#include "mes/status_rules.hpp"
#include "mes/type_rules.hpp"
#include "platform/i18n.hpp"

namespace {

using namespace sgee::mes;

std::set<std::string> rule_keys() {
  std::set<std::string> k = {"mes.prereq.provider_not_eligible",
                             "mes.prereq.no_agreement",
                             "mes.prereq.no_aisg",
                             "mes.prereq.aisg_documents",
                             "mes.prereq.not_synced",
                             "mes.prereq.sync_pending",
                             "mes.prereq.sync_rejected",
                             "mes.prereq.open_request",
                             "mes.type.why.never_granted",
                             "mes.type.why.refused_here",
                             "mes.type.why.granted_previous_year",
                             "mes.type.why.granted_this_year",
                             "mes.type.why.granted_elsewhere",
                             "mes.type.not_allowed",
                             "mes.form.required",
                             "mes.form.too_long",
                             "mes.form.bad_text",
                             "mes.form.bad_date",
                             "mes.form.date_in_future",
                             "mes.form.bad_number",
                             "mes.form.bad_choice",
                             "mes.form.bad_time",
                             "mes.form.end_before_start",
                             "mes.form.one_of_required",
                             "mes.form.no_exceptional_need",
                             "mes.form.no_moment",
                             "mes.form.too_many_moments",
                             "mes.hours.over_max",
                             "mes.hours.renewal_differs",
                             "mes.recv.missing_document",
                             "mes.recv.attach_twice",
                             "mes.recv.plan_too_old",
                             "mes.recv.unknown_nature",
                             "mes.recv.not_signed",
                             "mes.recv.signer_without_right",
                             "mes.recv.changed_since_signed",
                             "mes.recv.comments_not_corrected",
                             "mes.sm.deleted",
                             "mes.sm.home_based_bc_only",
                             "mes.sm.bc_only_home_based",
                             "mes.sm.read_only",
                             "mes.sm.delete_draft_only",
                             "mes.sm.signing_right",
                             "mes.sm.editing_right",
                             "mes.sm.ministry_only",
                             "mes.sm.provider_only",
                             "mes.sm.not_now",
                             "mes.sm.section_closed",
                             "mes.sm.edited_meanwhile"};
  for (const auto& f : form_fields()) {
    k.insert(f.label_key());
    if (!f.group.empty()) k.insert("mes.group." + f.group);
  }
  for (const auto& f : moment_fields()) k.insert(f.label_key());
  for (const auto& s : needs_subsections()) k.insert("mes.subsection." + s);
  for (auto s : all_sections()) k.insert(section_key(s));
  for (auto s : all_statuses()) k.insert(status_key(s));
  for (auto a : all_actions()) k.insert("mes.action." + std::string(to_string(a)));
  for (const auto& n : natures()) k.insert("mes.nature." + n);
  for (const auto& s : signers()) k.insert("mes.signer." + s);
  for (auto t : all_request_types()) k.insert(type_key(t));
  return k;
}

TEST(MesI18n, MES_05_EveryKeyTheRulesReturnIsInFrenchAndEnglish) {
  for (const auto& lang : sgee::i18n::languages()) {
    const auto& c = sgee::i18n::catalog(lang);
    for (const auto& key : rule_keys()) EXPECT_TRUE(c.count(key)) << lang << ": " << key;
  }
}

TEST(MesI18n, MES_09_EveryRefusalOfTheStateMachineHasItsText) {
  const auto keys = rule_keys();
  for (auto from : all_statuses())
    for (auto a : all_actions())
      for (auto who : all_actors())
        for (auto k : all_provider_kinds()) {
          auto v = decide(from, a, who, k);
          if (v.allowed()) continue;
          EXPECT_TRUE(keys.count(v.reason.key)) << v.reason.key;
          for (const auto& [name, value] : v.reason.params)
            EXPECT_TRUE(sgee::i18n::catalog("fr").count(value)) << name << "=" << value;
        }
}

}  // namespace
