#pragma once
// The registry's SQL: dossiers and their versions, the references, closing days, CISSS
// reservations, the NECSG sequence.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "csg/model.hpp"
#include "csg/rules.hpp"
#include "platform/db/db.hpp"

namespace sgee::csg::store {

struct StoredDossier {
  std::int64_t id = 0, version = 0;
  std::string ref, status;
  nlohmann::json messages;  // the last validation's messages (result_json form)
  std::string data;         // the current version's JSON
  Dossier dossier;          // the same, read
  std::string updated_at;
};
std::optional<StoredDossier> find_dossier(db::Connection& c, std::int64_t org,
                                          const std::string& ref);

// The agreements and guardians of the child's other dossiers, at every installation (ENT-09,
// DOS-15): by NIREC or NECSG.
struct OtherDossiers {
  std::vector<OtherAgreement> agreements;
  std::vector<OtherGuardian> guardians;
  std::vector<std::pair<std::int64_t, std::int64_t>> read;  // each one's id and version, in order
};
OtherDossiers other_dossiers_of_child(db::Connection& c, const Child& child,
                                      std::int64_t except_dossier);

// The same two reads without the JSON, to tell cheaply whether they changed since a record was
// checked (a batch checks on SQLite before it takes the write lock): the id and version under
// this ref, and those of the child's other dossiers (id order).
std::optional<std::pair<std::int64_t, std::int64_t>> dossier_version(db::Connection& c,
                                                                     std::int64_t org,
                                                                     const std::string& ref);
std::vector<std::pair<std::int64_t, std::int64_t>> other_dossier_versions(
    db::Connection& c, const Child& child, std::int64_t except_dossier);

// References. Empty tables mean "not available here" (nullopt / false).
bool civil_registry_loaded(db::Connection& c);
std::optional<CivilRecord> civil_record(db::Connection& c, const std::string& nirec);
// The address reference is geo's (geo/addresses.hpp); this checks a dossier's address in it.
bool address_exists(db::Connection& c, const Address& a);

// Adding reference rows (an import first empties the table, in the same transaction).
void add_civil_records(db::Connection& c, const std::vector<CivilRecord>& rows);

std::vector<Reservation> reservations(db::Connection& c, std::int64_t org);
// The RSGE of a BC: number -> organization id.
std::vector<std::pair<std::string, std::int64_t>> rsge_of_bc(db::Connection& c, std::int64_t bc);
// The same RSGE as the form's choices: number -> "Name (number)", in French order of the names.
std::vector<std::pair<std::string, std::string>> rsge_choices(db::Connection& c, std::int64_t bc);

std::string next_necsg(db::Connection& c);

struct Who {
  std::optional<std::int64_t> user_id, access_code_id;
};
// Saves `d` as the new current version (a new dossier, or version + 1) with its status and
// messages; returns the dossier id and whether anything changed (an unchanged record is not a
// new version).
struct Saved {
  std::int64_t id = 0;
  bool created = false, changed = false;
};
// `stored`: the version find_dossier gave for this ref in the same transaction, if any (or in an
// earlier one, when dossier_version still gives its id and version).
Saved save_dossier(db::Connection& c, std::int64_t org, std::optional<std::int64_t> rsge_id,
                   const Dossier& d, const StoredDossier* stored, const std::string& status,
                   const nlohmann::json& messages, const Who& who);
// The values of a dossier's row, computed from `d` alone (its JSON text, search key, bracket,
// dates): a batch computes them before it takes the write lock.
struct DossierValues {
  std::string data, search_key;
  std::string sort_key;  // the list's order: folded surname, a tab, folded given name (0012)
  std::optional<std::string> birth, first_start, last_end;
  std::optional<std::string> bracket_from[3];  // each age bracket's effective date (DOS-20)
  std::vector<std::string> kept;  // what each save listener keeps of it (prepare), in order
};

// A module above the registry that keeps its own view of every saved dossier (the occupation
// engine: its table `dossier_occupation`) is registered once at start-up, before any request, by
// the app: `prepare` computes what it keeps from the dossier alone (outside the write lock, with
// the other values), `write` stores it in the saving transaction. The registry never includes it.
struct SaveListener {
  std::function<std::string(const Dossier&)> prepare;
  std::function<void(db::Connection&, std::int64_t dossier_id, const std::string& kept)> write;
};
void add_save_listener(SaveListener listener);
DossierValues dossier_values(const Dossier& d);
Saved save_dossier(db::Connection& c, std::int64_t org, std::optional<std::int64_t> rsge_id,
                   const Dossier& d, const DossierValues& row, const StoredDossier* stored,
                   const std::string& status, const nlohmann::json& messages, const Who& who);
// A rejected record: only its last status and messages change (when it is stored at all).
void record_rejection(db::Connection& c, std::int64_t dossier_id, const nlohmann::json& messages);

// The list of a component's dossiers: search by name (child or guardians), NIREC, NECSG or ref
// (accents and case ignored; each word of `q`, in any order, up to kMaxSearchWords), age bracket
// and status; sorted by one column (the child's name in French order by default, then the ref),
// a page at a time, with the total apart.
// `bracket`: the one in force on `today` (AAAA-MM-JJ): the last whose effective date is passed,
// else the first one declared; each row's `bracket` is that one too.
constexpr size_t kMaxSearchWords = 4;
enum class DossierSort { name, birth_date, number, bracket, period, status, rsge };
struct DossierSearch {
  std::string q, bracket, status, today;
  DossierSort sort = DossierSort::name;
  bool descending = false;
  int limit = 50, offset = 0;
};
struct DossierRow {
  std::string ref, surname, given_name, birth_date, nirec, necsg, bracket, status, first_start,
      last_end, rsge;  // rsge: its name (a BC's dossiers)
};
// The words searched for: `q` folded (text::search_key), split on spaces, the first
// kMaxSearchWords (the others are not searched for).
std::vector<std::string> search_words(const std::string& q);
std::vector<DossierRow> search_dossiers(db::Connection& c, std::int64_t org,
                                        const DossierSearch& s);
std::int64_t count_dossiers(db::Connection& c, std::int64_t org, const DossierSearch& s);
struct Version {
  std::int64_t version = 0;
  std::string created_at, by;
};
std::vector<Version> versions_of(db::Connection& c, std::int64_t dossier_id);

// SYN-10, SYN-20: replace one year's closing days, or all the CISSS reservations.
void replace_closing_days(db::Connection& c, std::int64_t org, int year,
                          const std::vector<ClosingDay>& days);
std::vector<ClosingDay> closing_days(db::Connection& c, std::int64_t org, int year);
void replace_reservations(db::Connection& c, std::int64_t org, const std::vector<Reservation>& rs);

// The number of a dossier entered on the form: 8 digits, as the dossiers a provider's software
// sends (and the demo's), one more than the installation's highest such number, the first
// 10000001 (the caller serializes the forms that create dossiers).
inline constexpr std::int64_t kFirstFormRef = 10000001;
std::string next_form_ref(db::Connection& c, std::int64_t org);

}  // namespace sgee::csg::store
