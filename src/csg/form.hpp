#pragma once
// The "Ajouter dossier parent-enfant" form as data, apart from HTTP and HTML: its fields are named
// after the sync API's JSON paths ("child.surname", "agreements[0].schedule.days[3]"), so a posted
// form becomes the same record the API reads, checked by the same catalog, and each message's
// field path leads back to its input. Also the actions that change the form without saving (add
// or remove a row, apply one of the seed's common schedules).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sgee::csg::form {

using Fields = std::vector<std::pair<std::string, std::string>>;

// The record of the posted fields: empty values are absent; "true"/"false" are booleans for the
// yes/no questions; schedule.weeks is a number; a schedule's days are 7 × weeks strings (the
// checked half-periods, space-separated); a replacement child's agreement with no day checked has
// no schedule. A row ("cisss_periods[1]") stays in the record while it is on the form, even empty
// (its "_row" field), and array holes left by removed rows are closed up. Values of the wrong form
// are kept as text: the catalog names them (CSG000E).
nlohmann::json record_from_fields(const Fields& fields);

// A new dossier's form: one age bracket and one agreement (number A1, reduced contribution,
// signed, a one-week schedule), ready to fill.
nlohmann::json blank_record();

// "agreements[0].schedule.days" -> {"agreements", 0, "schedule", "days"} as text segments
// ("agreements", "[0]", "schedule", "days"); empty when `path` is not of that form.
std::vector<std::string> split_path(std::string_view path);
// The path one level up: "agreements[0].schedule" -> "agreements[0]" -> "agreements" -> "".
std::string parent_path(std::string_view path);

// The seed's common normal schedules (seed 003, "Horaire normal"), one click away on the form.
struct Pattern {
  const char* id;  // i18n key "pattern.<id>"
  int weeks;
  std::vector<std::string> days;  // 7 × weeks
};
const std::vector<Pattern>& patterns();
const Pattern* find_pattern(std::string_view id);

// The form's actions that change it without saving, on the record: "add:<array path>" appends an
// empty row, "remove:<element path>" removes one, "pattern:<schedule path>:<id>" fills a schedule.
// Returns false when the action is unknown or its path is not on the record.
bool apply_action(nlohmann::json& record, std::string_view action);

}  // namespace sgee::csg::form
