#pragma once
// The example record of spec/api.md ("Batch body"), valid: the sync API and `sgee check` tests
// start from it.
#include <nlohmann/json.hpp>
#include <string>

namespace sgee::test {

inline nlohmann::json example_dossier(const std::string& ref,
                                      const std::string& nirec = "1202204101002") {
  auto d = nlohmann::json::parse(R"({
    "ref": "", "rsge": null,
    "child": {"surname": "Bégin", "given_name": "Alexandre", "sex": "M",
              "birth_date": "2022-04-10", "born_outside_quebec": false, "nirec": "", "necsg": null},
    "guardian": {"surname": "Bégin", "given_name": "André", "role": "father",
                 "address": {"civic_number": "147", "civic_suffix": null,
                             "street": "rue des Patriotes", "apartment": "2",
                             "municipality": "Québec", "postal_code": "G1G 1G1"}},
    "other_guardian": null, "parent": null,
    "age_brackets": [{"bracket": "0-17", "start": "2022-04-10"},
                     {"bracket": "18-59", "start": "2023-10-10"}],
    "cisss_periods": [], "ecp_periods": [],
    "handicap_periods": [{"start": "2024-01-15", "end": null, "transitional_measure": null}],
    "agreements": [{"ref": "A1", "start": "2024-09-01", "end": "2025-08-31",
                    "termination": null, "reduced_contribution": true, "replacement": false,
                    "signed": true,
                    "schedule": {"weeks": 1,
                                 "days": ["AM PM", "AM PM", "AM PM", "AM PM", "AM PM", "", ""]},
                    "special_schedules": [
                      {"start": "2025-07-07", "end": "2025-07-11",
                       "schedule": {"weeks": 1, "days": ["", "", "", "", "AM PM", "", ""]}}]}]})");
  d["ref"] = ref;
  d["child"]["nirec"] = nirec;
  return d;
}

}  // namespace sgee::test
