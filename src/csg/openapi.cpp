#include "csg/openapi.hpp"

#include "csg/json.hpp"
#include "csg/rules.hpp"

namespace sgee::csg {

using nlohmann::json;

namespace {

json ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
json nullable(json schema) {
  schema["nullable"] = true;
  return schema;
}
const json kDate = {{"type", "string"}, {"format", "date"}, {"example", "2024-09-01"}};
const json kText = {{"type", "string"}};

json object(json properties, std::vector<std::string> required = {}) {
  json o = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  return o;
}
json array_of(json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}
// A list of a record with its limit (API-02, docs/api-limits.md): past it, the record is rejected
// with the limit's code.
json limited(json items, const RecordLimit& limit) {
  json a = array_of(std::move(items));
  a["maxItems"] = limit.max;
  a["description"] =
      "At most " + std::to_string(limit.max) + " (" + limit.code +
      (std::string(limit.list) == "special_schedules" ? ", all the record's agreements together)"
                                                      : ")");
  return a;
}
json max_items(size_t n, json items) {
  json a = array_of(std::move(items));
  a["maxItems"] = n;
  return a;
}
// A record's ref (SYN-02, API-01): it stands in the URL of GET …/dossiers/{ref} as it is.
json ref_schema() {
  return {{"type", "string"},
          {"minLength", 1},
          {"maxLength", kMaxRefLength},
          {"pattern", "^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,30}$"},
          {"description",
           "The software's record number, unique per installation: 1 to 30 characters out of "
           "A-Z a-z 0-9 . _ -, not \".\" nor \"..\" (otherwise CSG000E, API-01)"}};
}

json error_responses() {
  json e = {{"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  json out;
  for (auto [code, what] : std::vector<std::pair<const char*, const char*>>{
           {"400",
            "Not JSON, or no `dossiers` array; the message says where parsing stopped. Every "
            "error under /api/ is this JSON, the server's own (400, 404, 405, 413, 431) too."},
           {"401", "No access code, or an unknown or revoked one."},
           {"403", "The code belongs to another installation or BC."},
           {"404", "Unknown installation or ref."},
           {"413", "Over 10 MB, 1,000 dossiers or 1,000 reservations."}}) {
    json r = e;
    r["description"] = what;
    out[code] = r;
  }
  return out;
}

json operation(const std::string& summary, json request, json ok, bool body = true) {
  json op = {
      {"summary", summary},
      {"security", json::array({{{"accessCode", json::array()}}})},
      {"parameters", json::array({{{"name", "installation"},
                                   {"in", "path"},
                                   {"required", true},
                                   {"description", "The installation's or BC's 8-digit number"},
                                   {"schema", {{"type", "string"}, {"pattern", "^[0-9]{8}$"}}}}})},
      {"responses", error_responses()}};
  if (body)
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", std::move(request)}}}}}};
  op["responses"]["200"] = std::move(ok);
  return op;
}

json build() {
  json schedule = object({{"weeks", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4}}},
                          {"days",
                           {{"type", "array"},
                            {"maxItems", kMaxScheduleDays},
                            {"items",
                             {{"type", "string"},
                              {"description",
                               "Space-separated half-periods out of AM PM S1 S2 N1 N2; "
                               "\"\" is a day without care"}}}}}},
                         {"weeks", "days"});
  json period = object({{"start", kDate}, {"end", nullable(kDate)}});
  json adult = object({{"surname", kText},
                       {"given_name", kText},
                       {"role",
                        {{"type", "string"},
                         {"enum", {"mother", "biological_mother", "father", "tutor", "other"}}}}});
  json address = object({{"civic_number", kText},
                         {"civic_suffix", nullable(kText)},
                         {"street", kText},
                         {"apartment", nullable(kText)},
                         {"municipality", kText},
                         {"postal_code", {{"type", "string"}, {"example", "G1G 1G1"}}}});
  json guardian = adult;
  guardian["properties"]["address"] = address;
  json agreement =
      object({{"ref", kText},
              {"start", kDate},
              {"end", kDate},
              {"termination", nullable(kDate)},
              {"reduced_contribution", {{"type", "boolean"}}},
              {"replacement", {{"type", "boolean"}}},
              {"signed", {{"type", "boolean"}}},
              {"schedule", nullable(ref("Schedule"))},
              {"special_schedules",
               limited(object({{"start", kDate}, {"end", kDate}, {"schedule", ref("Schedule")}}),
                       kMaxSpecialSchedules)}},
             {"ref", "start", "end"});
  json dossier = object(
      {{"ref", ref_schema()},
       {"rsge", nullable(kText)},
       {"child", object({{"surname", nullable(kText)},
                         {"given_name", nullable(kText)},
                         {"sex", {{"type", "string"}, {"enum", {"F", "M", "X"}}}},
                         {"birth_date", kDate},
                         {"born_outside_quebec", {{"type", "boolean"}}},
                         {"nirec", nullable({{"type", "string"}, {"pattern", "^[0-9]{13}$"}})},
                         {"necsg", nullable(kText)}})},
       {"guardian", ref("Guardian")},
       {"other_guardian", nullable(ref("Adult"))},
       {"parent", nullable(ref("Adult"))},
       {"age_brackets",
        limited(object({{"bracket", {{"type", "string"}, {"enum", {"0-17", "18-59", "school"}}}},
                        {"start", kDate}}),
                kMaxAgeBrackets)},
       {"cisss_periods", limited(ref("Period"), kMaxCisssPeriods)},
       {"ecp_periods", limited(ref("Period"), kMaxEcpPeriods)},
       {"handicap_periods", limited(object({{"start", kDate},
                                            {"end", nullable(kDate)},
                                            {"transitional_measure", nullable(ref("Period"))}}),
                                    kMaxHandicapPeriods)},
       {"agreements", limited(ref("Agreement"), kMaxAgreements)}},
      {"ref"});
  json message = object({{"code", {{"type", "string"}, {"pattern", "^CSG[0-9]{3}[EA]$"}}},
                         {"severity", {{"type", "string"}, {"enum", {"E", "A"}}}},
                         {"rule", kText},
                         {"field", kText},
                         {"agreement", nullable(kText)},
                         {"text", kText},
                         {"args",
                          {{"type", "array"},
                           {"items", kText},
                           {"description",
                            "Present when the text quotes values: they replace {1}, {2}, ... of "
                            "the catalog's text (dates as AAAA-MM-JJ, names as written); for "
                            "CSG151E, the values allowed"}}}});
  json result =
      object({{"ref", kText},
              {"status", {{"type", "string"}, {"enum", {"accepted", "rejected", "pending"}}}},
              {"necsg", nullable(kText)},
              {"messages", array_of(ref("Message"))}});
  json answer = object({{"results", array_of(ref("Result"))},
                        {"summary", object({{"accepted", {{"type", "integer"}}},
                                            {"rejected", {{"type", "integer"}}},
                                            {"pending", {{"type", "integer"}}}})}});
  json batch =
      object({{"dossiers", {{"type", "array"}, {"maxItems", 1000}, {"items", ref("Dossier")}}}},
             {"dossiers"});
  json closing = object(
      {{"closing_days",
        array_of(object(
            {{"date", kDate},
             {"closed",
              array_of({{"type", "string"}, {"enum", {"AM", "PM", "S1", "S2", "N1", "N2"}}})},
             {"administration_open", {{"type", "boolean"}}},
             {"care_open", {{"type", "boolean"}}},
             {"reason", {{"type", "string"}, {"enum", {"planned", "lockout", "strike", "other"}}}}},
            {"date", "closed", "reason"}))}},
      {"closing_days"});
  json reservations = object(
      {{"reservations",
        max_items(1000,
                  object({{"start", kDate},
                          {"end", kDate},
                          {"days_per_week", {{"type", "integer"}, {"minimum", 1}, {"maximum", 7}}},
                          {"places", {{"type", "integer"}, {"minimum", 1}}},
                          {"age", {{"type", "string"}, {"enum", {"0-17", "18-59"}}}}},
                         {"start", "end", "days_per_week", "places", "age"}))}},
      {"reservations"});
  json saved = {{"description", "Saved; on 422 nothing is saved and `messages` says why"},
                {"content",
                 {{"application/json",
                   {{"schema", object({{"saved", {{"type", "integer"}}},
                                       {"messages", array_of(ref("Message"))}})}}}}}};
  json answer_response = {{"description", "One result per dossier, in request order"},
                          {"content", {{"application/json", {{"schema", ref("Answer")}}}}}};
  json base = "/api/v1/installations/{installation}";
  std::string b = base.get<std::string>();
  json paths;
  paths[b + "/dossiers/validate"]["post"] =
      operation("Checks a batch; saves nothing", ref("Batch"), answer_response);
  paths[b + "/dossiers/sync"]["post"] = operation(
      "Checks a batch and saves each accepted (or pending) record, one transaction per batch",
      ref("Batch"), answer_response);
  json get = operation("The stored record, its status and last messages", nullptr,
                       {{"description", "The record"},
                        {"content",
                         {{"application/json",
                           {{"schema", object({{"ref", kText},
                                               {"status", kText},
                                               {"version", {{"type", "integer"}}},
                                               {"updated_at", kText},
                                               {"dossier", ref("Dossier")},
                                               {"messages", array_of(ref("Message"))}})}}}}}},
                       false);
  get["parameters"].push_back(
      {{"name", "ref"}, {"in", "path"}, {"required", true}, {"schema", ref_schema()}});
  paths[b + "/dossiers/{ref}"]["get"] = get;
  json put_closing = operation("Replaces that year's closing days (SYN-10)", closing, saved);
  put_closing["parameters"].push_back(
      {{"name", "year"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
  paths[b + "/closing-days/{year}"]["put"] = put_closing;
  paths[b + "/cisss-reservations"]["put"] =
      operation("Replaces the CISSS reservations (SYN-20)", reservations, saved);
  // The Portail's réserve de clientèle (issue 15, POR-03), ranked and paged: a CPE's or a
  // subsidized garderie's code gets no names nor birth dates of children not referred to it.
  json reserve_child =
      object({{"position", {{"type", "integer"}, {"description", "1: the next place"}}},
              {"child_id", {{"type", "integer"}}},
              {"confirmation_number", kText},
              {"identity_visible", {{"type", "boolean"}}},
              {"surname", kText},
              {"given_name", kText},
              {"birth_date", kDate},
              {"age_months", {{"type", "integer"}}},
              {"desired_start", kDate},
              {"sibling", {{"type", "boolean"}}},
              {"schedule",
               {{"type", "array"},
                {"description",
                 "Seven day masks (Monday first) of the half-periods AM 1, PM 2, S1 4, S2 "
                 "8, N1 16, N2 32"},
                {"items", {{"type", "integer"}}}}},
              {"accept_partial", {{"type", "boolean"}}},
              {"accept_replacement", {{"type", "boolean"}}},
              {"criteria", {{"type", "array"}, {"items", kText}}},
              {"category", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}},
              {"priority", nullable(kText)}},
             {"position", "child_id", "confirmation_number", "identity_visible", "age_months",
              "desired_start", "sibling", "schedule", "category"});
  json reserve = operation(
      "The réserve de clientèle in its ranked order, paged (POR-03); surname, given_name and "
      "birth_date only where the identity rule allows",
      nullptr,
      {{"description", "A page of the réserve"},
       {"content",
        {{"application/json",
          {{"schema", object({{"installation", kText},
                              {"page", {{"type", "integer"}}},
                              {"per_page", {{"type", "integer"}}},
                              {"total", {{"type", "integer"}}},
                              {"children", array_of(reserve_child)}})}}}}}},
      false);
  reserve["parameters"].push_back(
      {{"name", "page"},
       {"in", "query"},
       {"required", false},
       {"schema", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}}});
  reserve["parameters"].push_back(
      {{"name", "per_page"},
       {"in", "query"},
       {"required", false},
       {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}, {"default", 50}}}});
  paths[b + "/reserve"]["get"] = reserve;
  // POR-06 (issue 15): a BC's software confirms an admission of one of its RSGE.
  json confirm = operation(
      "A BC confirms an admission of one of its RSGE (POR-06): 'admitted' becomes 'confirmed'; "
      "404 when the admission is not of one of its RSGE, 409 when it is not waiting for "
      "confirmation",
      nullptr,
      {{"description", "Confirmed"},
       {"content",
        {{"application/json",
          {{"schema", object({{"admission", {{"type", "integer"}}},
                              {"state", {{"type", "string"}, {"enum", {"confirmed"}}}},
                              {"rsge", kText},
                              {"confirmation_number", kText},
                              {"planned_start", kDate},
                              {"confirmed_at", kText}})}}}}}},
      false);
  confirm["parameters"].push_back({{"name", "id"},
                                   {"in", "path"},
                                   {"required", true},
                                   {"description", "The admission's id"},
                                   {"schema", {{"type", "integer"}}}});
  confirm["responses"]["409"] = {
      {"description", "The admission is not waiting for confirmation (error.code not_admitted)"},
      {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  paths[b + "/admissions/{id}/confirmation"]["post"] = confirm;
  paths["/api/v1/validation-codes"]["get"] = {
      {"summary", "The catalog: code, severity, rule, French and English text"},
      {"responses", {{"200", {{"description", "The catalog"}}}}}};
  // The Portail's public map search (issue 14, POR-07): no sign-in, published fiches only.
  auto query = [](const char* name, json schema, const char* description, bool required = false) {
    return json{{"name", name},
                {"in", "query"},
                {"required", required},
                {"description", description},
                {"schema", std::move(schema)}};
  };
  json kinds = {{"type", "string"}, {"enum", {"cpe", "gs", "gns", "rsge"}}};
  json periods = {{"type", "string"}, {"enum", {"day", "evening", "night", "weekend"}}};
  json boolean = {{"type", "string"}, {"enum", {"true", "false"}}};
  json provider = object(
      {{"number", kText},
       {"name", kText},
       {"kind", kinds},
       {"subsidized", {{"type", "boolean"}}},
       {"distance_km", {{"type", "number"}, {"description", "One decimal"}}},
       {"position",
        object({{"latitude", {{"type", "number"}}}, {"longitude", {{"type", "number"}}}})},
       {"approximate_position",
        {{"type", "boolean"},
         {"description", "An RSGE works from home: her marker is 300-800 m from her address"}}},
       {"opening_days", {{"type", "string"}, {"pattern", "^[01]{7}$"}}},
       {"opens_at", nullable(kText)},
       {"closes_at", nullable(kText)},
       {"places", nullable({{"type", "integer"}})},
       {"free_places",
        {{"description", "Only when the provider shows them"},
         {"type", "object"},
         {"properties",
          {{"0_17", nullable({{"type", "integer"}})},
           {"18_59", nullable({{"type", "integer"}})},
           {"school", nullable({{"type", "integer"}})}}}}},
       {"periods",
        {{"description", "Only when the provider shows them"},
         {"type", "array"},
         {"items", periods}}},
       {"url", {{"type", "string"}, {"description", "The public fiche: /milieux/{number}"}}}},
      {"number", "name", "kind", "subsidized", "distance_km", "position", "url"});
  paths["/api/v1/providers"]["get"] = {
      {"summary", "Published providers near an address or a postal code, nearest first (POR-07)"},
      {"security", json::array()},
      {"parameters",
       {query("near", kText,
              "An address of the reference (\"147 rue des Patriotes, Québec G1G 1G1\") or a "
              "postal code alone (A1A 1A1, the centroid of its addresses)",
              true),
        query("radius_km", {{"type", "integer"}, {"minimum", 1}, {"maximum", 50}, {"default", 5}},
              "Radius in km"),
        query("kind", kinds, "Kinds of provider (repeat or comma-separate)"),
        query("subsidized", boolean, "Subsidized places (CPE, GS, RSGE) or not (GNS)"),
        query("age", {{"type", "string"}, {"enum", {"0_17", "18_59", "school"}}},
              "Places free now in that age group (providers showing their free places)"),
        query("period", periods, "Periods offered, all of them (providers showing them)"),
        query("available", boolean, "Places free now, any age group"),
        query("page", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}, "20 a page"),
        query("lang", {{"type", "string"}, {"enum", {"fr", "en"}}}, "Language of errors")}},
      {"responses",
       {{"200",
         {{"description", "A page of providers"},
          {"content",
           {{"application/json",
             {{"schema", object({{"results", array_of(provider)},
                                 {"total", {{"type", "integer"}}},
                                 {"page", {{"type", "integer"}}},
                                 {"pages", {{"type", "integer"}}},
                                 {"page_size", {{"type", "integer"}}},
                                 {"radius_km", {{"type", "integer"}}}})}}}}}}},
        {"400",
         {{"description",
           "A bad parameter: error.parameter names it, error.message says what it takes "
           "(French or English: Accept-Language or lang)"},
          {"content",
           {{"application/json",
             {{"schema", object({{"error", object({{"code", kText},
                                                   {"message", kText},
                                                   {"parameter", kText}})}})}}}}}}}}}};
  // The Portail's admissions (issue 15, POR-04) and the provider's event feed.
  auto refusal = [&](const char* description) {
    return json{{"description", description},
                {"content",
                 {{"application/json",
                   {{"schema", object({{"error", object({{"code", kText},
                                                         {"message", kText},
                                                         {"field", kText},
                                                         {"parameter", kText}})}})}}}}}};
  };
  json admission = object(
      {{"id", {{"type", "integer"}}},
       {"confirmation_number", kText},
       {"planned_start", kDate},
       {"state", {{"type", "string"}, {"enum", {"admitted", "confirmed", "ended", "cancelled"}}}},
       {"admitted_at", kText},
       {"confirmed_at", nullable(kText)},
       {"ended_at", nullable(kText)},
       {"dossier_id", nullable({{"type", "integer"}})},
       {"out_of_rank_reason", nullable(kText)}});
  json admit_body =
      object({{"confirmation_number",
               {{"type", "string"},
                {"description", "10 characters; spaces, hyphens, lower case allowed"}}},
              {"birth_date", kDate},
              {"planned_start", kDate},
              {"out_of_rank_reason",
               {{"type", "string"},
                {"maxLength", 500},
                {"description",
                 "Required when a CPE or a subsidized garderie admits a child who "
                 "is not the best-ranked of its réserve for its open free places"}}}},
             {"confirmation_number", "birth_date", "planned_start"});
  json admit = operation(
      "Admits the child with this confirmation number and birth date (POR-04). A wrong pair is a "
      "404 that reveals nothing; 5 misses in 15 minutes (per access code) or 20 (per address): "
      "429",
      admit_body,
      {{"description", "Admitted"}, {"content", {{"application/json", {{"schema", admission}}}}}});
  admit["responses"]["201"] = admit["responses"]["200"];
  admit["responses"].erase("200");
  admit["responses"]["400"] = refusal(
      "Not JSON, not an object, a field missing or of the wrong type: error.field names it");
  admit["responses"]["404"] = refusal("No child with this confirmation number and birth date");
  admit["responses"]["409"] = refusal("The child is already admitted here");
  admit["responses"]["413"] = refusal("The body is over 16 KB");
  admit["responses"]["422"] =
      refusal("planned_start, or the out-of-rank reason missing: error.field");
  admit["responses"]["429"] = refusal("Too many misses");
  paths[b + "/admissions"]["post"] = admit;
  json list = operation("The installation's admissions, newest first, 50 a page", nullptr,
                        {{"description", "A page"},
                         {"content",
                          {{"application/json",
                            {{"schema", object({{"admissions", array_of(admission)},
                                                {"page", {{"type", "integer"}}},
                                                {"page_size", {{"type", "integer"}}},
                                                {"total", {{"type", "integer"}}}})}}}}}},
                        false);
  list["parameters"].push_back(
      query("page", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}, "50 a page"));
  list["responses"]["400"] = refusal("A bad page: error.parameter names it");
  paths[b + "/admissions"]["get"] = list;
  json event = object({{"seq", {{"type", "integer"}}},
                       {"kind", kText},
                       {"data", {{"type", "object"}}},
                       {"created_at", kText}});
  json feed = operation(
      "The installation's events (referrals, admissions, confirmations, ends) after a cursor, "
      "in order",
      nullptr,
      {{"description", "Events"},
       {"content",
        {{"application/json",
          {{"schema",
            object({{"events", array_of(event)}, {"next_after", {{"type", "integer"}}}})}}}}}},
      false);
  feed["parameters"].push_back(
      query("after", {{"type", "integer"}, {"minimum", 0}, {"default", 0}},
            "The last seq already read (next_after of the previous answer)"));
  feed["parameters"].push_back(
      query("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 100}},
            "At most this many"));
  feed["responses"]["400"] = refusal("A bad after or limit: error.parameter names it");
  paths[b + "/events"]["get"] = feed;
  paths["/api/openapi.json"]["get"] = {{"summary", "This document"},
                                       {"responses", {{"200", {{"description", "OpenAPI 3"}}}}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "sgee sync API"},
            {"version", "1"},
            {"description",
             "Management software → sgee (spec/api.md). Authenticate with `Authorization: Bearer "
             "<access code>`."}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes", {{"accessCode", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas",
             {{"Schedule", schedule},
              {"Period", period},
              {"Adult", adult},
              {"Guardian", guardian},
              {"Agreement", agreement},
              {"Dossier", dossier},
              {"Batch", batch},
              {"Message", message},
              {"Result", result},
              {"Answer", answer},
              {"Error", object({{"error", object({{"code", kText}, {"message", kText}})}})}}}}}};
}

}  // namespace

const json& openapi_document() {
  static const json doc = build();
  return doc;
}

}  // namespace sgee::csg
