#pragma once
// POR-02: the fiche descriptive of a provider (an installation: CPE, GS, GNS; or an RSGE), as
// pure rules: what a fiche holds, how the typed form is checked, what publishing needs, what the
// public sees. No database, no HTTP, no clock.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/message.hpp"

namespace sgee::portail {

// The optional fields' visibility switches, as stored in fiches.visible (the map's search reads
// these tokens): periods, group_composition, rates, languages, presentation, free_places.
const std::vector<std::string>& visibility_tokens();
// The periods of care a provider may offer: day, evening, night, weekend.
const std::vector<std::string>& period_tokens();
// The languages a fiche may name (ISO 639-1 codes; their names are i18n "lang_name.<code>").
const std::vector<std::string>& language_tokens();

inline constexpr std::size_t kMaxGroupComposition = 500;   // characters
inline constexpr std::size_t kMaxPresentation = 2000;      // characters
inline constexpr std::int64_t kMaxDailyRateCents = 20000;  // 200,00 $ a day

// What the permit or recognition says: the provider's kind and its places, which the fiche shows
// and never changes.
struct Capacity {
  bool rsge = false;
  std::string installation_kind;  // CPE, GS, GNS (an installation)
  std::int64_t places_0_17 = 0, places_18_59 = 0, places_school = 0;  // an installation
  std::int64_t places = 0;                                            // an RSGE
  std::int64_t total() const { return rsge ? places : places_0_17 + places_18_59 + places_school; }
};
// CPE, GS and recognized RSGE offer subsidized places (the reduced contribution); a GNS does not.
bool subsidized(const Capacity& cap);

struct Fiche {
  std::string opening_days = "0000000";  // Monday first: "1111100"
  std::string opens_at, closes_at;       // "HH:MM", or empty
  std::vector<std::string> periods;      // period_tokens(), in that order
  std::string group_composition;
  std::optional<std::int64_t> daily_rate_cents;  // a GNS only
  std::vector<std::string> languages;            // language_tokens(), in that order
  std::string presentation;
  std::optional<std::int64_t> free_0_17, free_18_59, free_school;
  std::set<std::string> visible;  // visibility_tokens()
  bool shows(const std::string& token) const { return visible.count(token) > 0; }
};
// "periods,rates" <-> tokens (unknown tokens dropped), in visibility_tokens() order.
std::string join_tokens(const std::vector<std::string>& order, const std::set<std::string>& set);
std::set<std::string> split_tokens(std::string_view s);

// The fiche form as typed (every value text; checkbox groups as lists of values).
struct FicheInput {
  std::vector<std::string> days;  // "0" (Monday) … "6" (Sunday)
  std::string opens_at, closes_at;
  std::vector<std::string> periods;
  std::string group_composition;
  std::string daily_rate;  // dollars: "45", "45.50", "45,50"
  std::vector<std::string> languages;
  std::string presentation;
  std::string free_0_17, free_18_59, free_school;
  std::vector<std::string> visible;
};
struct CheckedFiche {
  std::vector<Message> messages;  // POR-02 errors (POR020E…); none: `fiche` may be saved
  Fiche fiche;
};
// POR-02: hours "HH:MM" given together, closing after opening (unless night care is offered),
// known periods, week-end care with Saturday or Sunday open, texts within their limits, a daily
// rate for a non-subsidized provider only (0,01 to 200,00 $), known languages, free places whole
// numbers within the permit's places (an RSGE: both groups together within her places), known
// visibility switches.
CheckedFiche check_fiche(const FicheInput& in, const Capacity& cap);
// POR-02: what "Publier ma fiche" needs: the public core complete (at least one opening day, the
// opening and closing hours).
std::vector<Message> publish_errors(const Fiche& f);

// "HH:MM" 00:00 to 23:59 -> minutes since midnight.
std::optional<int> minutes_of(std::string_view hhmm);
// "45", "45.5", "45,50", "45 $" -> 4550 cents; nullopt when not an amount with at most 2 decimals.
std::optional<std::int64_t> parse_amount_cents(std::string_view s);
// 4550 -> "45,50" (fr) or "45.50" (en).
std::string format_amount(std::int64_t cents, std::string_view lang);

}  // namespace sgee::portail
