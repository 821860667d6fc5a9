// libFuzzer target over the sync API's record reader and the validation catalog (issue 4). Any
// bytes are read as the sync API reads a request body (src/csg/routes.cpp): they must give a clean
// whole-request error or, for a batch, one result per record with API-01 (CSG000E, CSG150E-152E)
// messages for the values of the wrong type or format, never a crash; and what the registry answers
// must hold together (the invariants below abort, so libFuzzer keeps the input as a reproducer).
//
// Each input is run three ways:
//  - as `POST …/dossiers/sync` does (src/csg/sync.cpp), with the records the batch saved so far as
//    the database: a later record with the same ref sees the earlier one as its stored version,
//    records of the same child (NIREC, else NECSG) see each other's agreements and guardians; the
//    civil registry, the address reference and the CISSS reservations are variants picked by a
//    hash of the input (or, for the reservations, read from a "reservations" member);
//  - as `sgee check` does (src/csg/cli.cpp): the file alone, records of the same child together;
//  - a "closing_days" or "reservations" member is also read as the PUT bodies of those endpoints.
// Build and run: scripts/fuzz (or `make fuzz`).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "csg/catalog.hpp"
#include "csg/json.hpp"
#include "csg/rules.hpp"
#include "platform/date.hpp"
#include "platform/text.hpp"

namespace csg = sgee::csg;
namespace dates = sgee::dates;
using nlohmann::json;

namespace {

// The sync API's limits (src/csg/routes.cpp).
constexpr size_t kMaxBody = 10 * 1024 * 1024;
constexpr size_t kMaxDossiers = 1000;

[[noreturn]] void broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\ndossier_fuzz: invariant broken: %s\n  %s\n", what, detail.c_str());
  std::fflush(stderr);
  std::abort();
}
#define REQUIRE(cond, detail)             \
  do {                                    \
    if (!(cond)) broken(#cond, (detail)); \
  } while (0)

// Which variant of what the database would know; bits of a hash of the whole input, so that
// every input is run in one context, always the same.
struct Variant {
  std::uint64_t bits;
  bool at(int i) const { return (bits >> i) & 1; }
};

std::uint64_t fnv1a(const std::uint8_t* data, size_t size) {
  std::uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ull;
  return h;
}

const std::vector<csg::Reservation>& some_reservations() {
  static const std::vector<csg::Reservation> rs = {
      {dates::from_ymd(2024, 1, 1), dates::from_ymd(2025, 12, 31), 5, 3, csg::Bracket::infant},
      {dates::from_ymd(2026, 1, 1), dates::from_ymd(2026, 6, 30), 3, 1, csg::Bracket::toddler}};
  return rs;
}

// Every finding names a code of the catalog with both texts; the status says what the
// severities say (spec/api.md "Answer"); the answer's messages are the catalog's, in both
// languages, and the whole answer is valid JSON text.
void check_findings(const std::vector<csg::Finding>& findings, const std::string& ref) {
  bool error = false, only_awaited = true, api01 = false;
  for (const auto& f : findings) {
    const csg::Code* c = csg::find_code(f.code);
    REQUIRE(c != nullptr, "unknown code " + f.code + " at " + f.field);
    REQUIRE(!c->fr.empty() && !c->en.empty() && !c->rule.empty(), "incomplete code " + f.code);
    REQUIRE(c->severity == 'E' || c->severity == 'A', f.code);
    REQUIRE(f.code.size() == 7 && f.code.starts_with("CSG") && f.code.back() == c->severity,
            "code and severity " + f.code);
    if (c->severity == 'E') {
      error = true;
      if (f.code != "CSG015E" && f.code != "CSG030E") only_awaited = false;
    }
    if (c->rule == std::string_view("API-01")) api01 = true;
  }
  auto status = csg::status_of(findings);
  REQUIRE(csg::has_error_code(findings) == error, "has_error_code");
  REQUIRE((status == csg::Status::accepted) == !error, "accepted iff no E message");
  REQUIRE((status == csg::Status::pending) == (error && only_awaited),
          "pending iff only awaited information");
  REQUIRE(!api01 || status == csg::Status::rejected, "an API-01 message rejects the record");
  for (const char* lang : {"fr", "en"}) {
    auto messages = csg::messages_json(findings, lang);
    REQUIRE(messages.is_array() && messages.size() == findings.size(), "one message per finding");
    for (size_t i = 0; i < findings.size(); ++i) {
      const auto& f = findings[i];
      const auto& m = messages[i];
      const csg::Code* c = csg::find_code(f.code);
      REQUIRE(m["code"] == f.code && m["field"] == f.field, "message " + f.code);
      REQUIRE(m["severity"] == std::string(1, c->severity), "severity " + f.code);
      REQUIRE(m["rule"] == std::string(c->rule), "rule " + f.code);
      // The catalog's text with the values the finding quotes, every placeholder filled.
      REQUIRE(m["text"] == csg::text(f, lang) && !m["text"].get<std::string>().empty() &&
                  (f.args.empty() ? !m.contains("args") : m["args"] == f.args),
              "text " + f.code + " " + lang);
      REQUIRE(f.agreement.empty() ? m["agreement"].is_null() : m["agreement"] == f.agreement,
              "agreement " + f.code);
    }
    // What Response::json sends: dump() throws on invalid UTF-8, which would be a 500.
    auto result = csg::result_json(ref, status, std::move(messages), std::nullopt);
    std::string text = result.dump();
    REQUIRE(!text.empty(), "dump");
  }
}

// The writer and the reader agree: what to_json writes reads back without a finding and writes
// the same again, also through text (the store keeps to_json(d).dump() and reads it back with
// parse_dossier for the stored version and the child's other dossiers). A record read without
// finding validates the same once written and read back.
void check_round_trip(const csg::ParsedDossier& parsed, const csg::Context& ctx,
                      const std::vector<csg::Finding>& findings) {
  // The reader notes only what it cannot read (API-01) and the lists over a record's limits
  // (API-02: it stops reading them there).
  for (const auto& f : parsed.findings) {
    const auto* code = csg::find_code(f.code);
    REQUIRE(code && (code->rule == "API-01" || code->rule == "API-02"),
            "the reader notes only API-01 and API-02: " + f.code);
  }
  json once = csg::to_json(parsed.dossier);
  auto again = csg::parse_dossier(once);
  REQUIRE(again.findings.empty(), "to_json reads back without finding: " + once.dump());
  json twice = csg::to_json(again.dossier);
  REQUIRE(twice == once, once.dump() + "\n  " + twice.dump());
  auto text = once.dump();
  auto from_text = csg::parse_dossier(json::parse(text, nullptr, false));
  REQUIRE(from_text.findings.empty() && csg::to_json(from_text.dossier) == once,
          "through text: " + text);
  // Once written, the record is tidy: it gives the same findings but the corrections' (CSG130A).
  REQUIRE(again.tidied.empty(), "tidy_dossier corrects once: " + text);
  auto without_tidied = findings;
  std::erase_if(without_tidied, [&](const csg::Finding& f) {
    return std::find(parsed.tidied.begin(), parsed.tidied.end(), f) != parsed.tidied.end();
  });
  if (parsed.findings.empty())
    REQUIRE(csg::validate(again, ctx) == without_tidied,
            "the same record validates the same once written: " + text);
}

struct Saved {
  std::string ref, data;  // data: to_json(d).dump(), as the store keeps it
  csg::Child child;
};

// The child's other dossiers as store::other_dossiers_of_child finds them: the same NIREC, or
// else the same NECSG.
bool same_child_in_store(const csg::Child& a, const csg::Child& b) {
  if (a.nirec && !a.nirec->empty()) return b.nirec == a.nirec;
  if (a.necsg && !a.necsg->empty()) return b.necsg == a.necsg;
  return false;
}

// The same child in two records of a file, as `sgee check` decides (src/csg/cli.cpp).
bool same_child_in_file(const csg::Child& a, const csg::Child& b) {
  if (a.nirec && b.nirec) return *a.nirec == *b.nirec;
  return a.birth_date && a.birth_date == b.birth_date && a.surname && a.given_name &&
         sgee::text::search_key(*a.surname) == sgee::text::search_key(b.surname.value_or("")) &&
         sgee::text::search_key(*a.given_name) == sgee::text::search_key(b.given_name.value_or(""));
}

// POST …/dossiers/sync (src/csg/sync.cpp process_batch), with `saved` as the database.
void sync_batch(const json& dossiers, const csg::Context& base, Variant v) {
  std::vector<Saved> saved;
  int necsg_counter = 0;
  for (const auto& item : dossiers) {
    auto parsed = csg::parse_dossier(item);
    auto& d = parsed.dossier;
    std::optional<csg::ParsedDossier> stored;
    const Saved* stored_row = nullptr;
    if (!d.ref.empty())
      for (const auto& s : saved)
        if (s.ref == d.ref) stored_row = &s;
    if (stored_row) stored = csg::parse_dossier(json::parse(stored_row->data, nullptr, false));
    if (stored && stored->dossier.child.necsg && !d.child.necsg && !d.child.nirec)
      d.child.necsg = stored->dossier.child.necsg;
    csg::Context ctx = base;
    if (ctx.civil_registry && d.child.nirec && v.at(8)) {
      csg::CivilRecord civil{*d.child.nirec, "Bégin", "Léo", csg::Sex::M,
                             dates::from_ymd(2022, 4, 10)};
      if (v.at(9) && d.child.birth_date) civil.birth_date = *d.child.birth_date;
      if (v.at(10) && d.child.sex) civil.sex = *d.child.sex;
      ctx.civil = civil;
    }
    if (v.at(11)) ctx.address_found = v.at(12);
    if (stored) ctx.stored = &stored->dossier;
    for (const auto& s : saved) {
      if (s.ref == d.ref || !same_child_in_store(d.child, s.child)) continue;
      auto other = csg::parse_dossier(json::parse(s.data, nullptr, false)).dossier;
      ctx.other_dossier_guardians.push_back({s.ref, "20000001", other.guardian});
      for (auto& a : other.agreements)
        ctx.other_agreements.push_back({s.ref, "20000001", std::move(a), "CPE Les Lutins"});
    }
    auto findings = csg::validate(parsed, ctx);
    check_findings(findings, d.ref);
    check_round_trip(parsed, ctx, findings);
    auto status = csg::status_of(findings);
    if (status != csg::Status::rejected) {
      if (status == csg::Status::accepted && !d.child.nirec && !d.child.necsg)
        d.child.necsg = "9" + std::string(6, '0') + std::to_string(++necsg_counter);
      std::erase_if(saved, [&](const Saved& s) { return s.ref == d.ref; });
      saved.push_back({d.ref, csg::to_json(d).dump(), d.child});
    }
  }
}

// `sgee check FILE` (src/csg/cli.cpp cmd_check): the file alone.
void check_file(const json& dossiers, const csg::Context& base) {
  std::vector<csg::ParsedDossier> parsed;
  for (const auto& item : dossiers) parsed.push_back(csg::parse_dossier(item));
  for (size_t i = 0; i < parsed.size(); ++i) {
    csg::Context c = base;
    for (size_t j = 0; j < parsed.size(); ++j)
      if (j != i && same_child_in_file(parsed[i].dossier.child, parsed[j].dossier.child)) {
        const auto& ref = parsed[j].dossier.ref;
        c.other_dossier_guardians.push_back({ref, "", parsed[j].dossier.guardian});
        for (const auto& a : parsed[j].dossier.agreements)
          c.other_agreements.push_back({ref, "", a, ref});
      }
    auto findings = csg::validate(parsed[i], c);
    check_findings(findings, parsed[i].dossier.ref);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  Variant v{fnv1a(data, size)};
  std::string_view body(reinterpret_cast<const char*>(data), size);
  // The request body as the API reads it (routes.cpp body_json); not JSON: 413 or 400 bad_json,
  // whose message says where reading stopped.
  if (body.size() > kMaxBody) return 0;
  auto parsed = csg::parse_body(body);
  if (!parsed.json) {
    REQUIRE(parsed.stopped_at <= body.size() + 1 && !parsed.error.empty(),
            "where reading stopped: " + std::to_string(parsed.stopped_at) + " " + parsed.error);
    return 0;
  }
  json& j = *parsed.json;

  csg::Context base;
  base.today = dates::from_ymd(2026, 11, 23);
  base.component_is_bc = v.at(0);
  if (v.at(1)) base.rsge_of_bc = {"R-1", "R-2"};
  base.civil_registry = v.at(2);

  // PUT …/closing-days/{year} and PUT …/cisss-reservations read the same body.
  if (j.is_object() && j.contains("closing_days")) {
    auto days = csg::parse_closing_days(j);
    auto findings = days.findings;
    if (findings.empty())
      findings = csg::check_closing_days(2020 + static_cast<int>((v.bits >> 16) % 10), days.days,
                                         base.component_is_bc);
    check_findings(findings, "");
  }
  if (j.is_object() && j.contains("reservations")) {
    auto rs = csg::parse_reservations(j);
    auto findings = rs.findings;
    if (findings.empty()) findings = csg::check_reservations(rs.reservations);
    check_findings(findings, "");
    if (!csg::has_error_code(findings)) base.reservations = rs.reservations;
  } else if (v.at(3)) {
    base.reservations = some_reservations();
  }

  // A batch: {"dossiers": [...]}, at most 1,000 records (else a whole-request error).
  if (!j.is_object() || !j.contains("dossiers") || !j["dossiers"].is_array()) return 0;
  const auto& dossiers = j["dossiers"];
  if (dossiers.size() > kMaxDossiers) return 0;
  sync_batch(dossiers, base, v);
  check_file(dossiers, base);
  return 0;
}
