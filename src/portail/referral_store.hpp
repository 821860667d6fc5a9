#pragma once
// Free places and referrals (issue 15): the SQL of tables free_places and referrals (migration
// 0016, 0019), and the referral job. Every function that changes rows takes the organization (or
// the parent's user) as well, so a guessed id of another provider's place finds nothing.
//
// The job (refer_pending, refer_provider) works provider by provider, one transaction each: it
// locks the provider's open places (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so that another
// server's pass skips them instead of referring them twice; SQLite: BEGIN IMMEDIATE, one writer),
// expires the referrals past their deadline, sends the reminders due, and refers the best-ranked
// children who fit each place that lacks live referrals (referral_rules.hpp). Each referral is an
// event of the provider (events_store.hpp) and an e-mail to the parent and to the provider.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "portail/family_rules.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::referral_store {

struct Settings {
  int deadline_days = 5;                             // working days to answer
  std::string public_url = "http://127.0.0.1:8080";  // the start of links in e-mails
};
// The deadline from app_settings "referral_deadline_days" (1–30), else 5.
int deadline_days(db::Connection& c);

struct Referral {
  std::int64_t id = 0, place_id = 0, child_id = 0, organization_id = 0;
  std::string state, referred_at, respond_by;
  std::optional<std::string> reason, priority, parent_answer_at, provider_answer_at;
  std::int64_t position = 0, category = 0;
  std::string child_name;  // given name and surname
  std::string confirmation_number;
};

struct Place {
  std::int64_t id = 0, organization_id = 0;
  std::string age_group, available_from, state, declared_at;
  std::optional<std::string> filled_at;
  WeekMasks schedule{};
  bool replacement = false;
  int at_once = 1;
  std::vector<Referral> referrals;  // newest first
};

// Records an open place; returns its id.
std::int64_t declare(db::Connection& c, std::int64_t organization_id,
                     const ranking::FreePlace& place, int at_once,
                     std::optional<std::int64_t> user_id);
// The provider's open places (oldest first) and those filled or withdrawn in the last 90 days,
// each with its referrals.
std::vector<Place> places_of(db::Connection& c, std::int64_t organization_id);
std::optional<Place> place(db::Connection& c, std::int64_t organization_id, std::int64_t id);
// Withdraws an open place; its live referrals are closed (the parents told). False when the place
// is not this provider's open place.
bool withdraw(db::Connection& c, std::int64_t organization_id, std::int64_t place_id,
              const Settings& s);

struct Pass {
  int providers = 0, referred = 0, expired = 0, reminded = 0;
};
// One pass of the job over every provider with open places to look at.
Pass refer_pending(db::Connection& c, dates::Date today, const Settings& s);
// The same for one provider, at once (after a place is declared or a referral answered).
Pass refer_provider(db::Connection& c, std::int64_t organization_id, dates::Date today,
                    const Settings& s);

// A referral of this provider, if it is one.
std::optional<Referral> referral_of(db::Connection& c, std::int64_t organization_id,
                                    std::int64_t id);

// The parent's side: a referral of a child of this user's family file.
struct Offer {
  Referral referral;
  Place place;
  std::string provider_name, provider_number, provider_kind, installation_kind;
  std::string child_given_name;
  std::int64_t family_user_id = 0;
};
std::optional<Offer> offer_for_parent(db::Connection& c, std::int64_t user_id, std::int64_t id);
// The parent's referrals, newest first.
std::vector<Offer> offers_of_parent(db::Connection& c, std::int64_t user_id);

// The parent accepts (state 'accepted', the provider then has the deadline to admit) or declines
// with a reason. False when the referral is no longer waiting for the parent.
bool parent_answer(db::Connection& c, std::int64_t referral_id, bool accept,
                   const std::string& reason, dates::Date today, const Settings& s);
// The provider declines a live referral with a reason. False when it is not live.
bool provider_decline(db::Connection& c, std::int64_t organization_id, std::int64_t referral_id,
                      const std::string& reason, const Settings& s);
// The provider admits the referred child: the admission (admission_store::admit, with the place
// and the referral), the place filled, the referral 'admitted', the place's other live referrals
// closed (their parents told). Nullopt when the referral is not live or the place not open.
std::optional<std::int64_t> admit(db::Connection& c, std::int64_t organization_id,
                                  std::int64_t referral_id, dates::Date planned_start,
                                  std::optional<std::int64_t> user_id, const Settings& s);

// Time to fill: days from declaration to admission of the places filled.
struct FillTime {
  int places = 0;       // filled places counted
  int median_days = 0;  // their median
};
FillTime fill_time(db::Connection& c, std::int64_t organization_id);
struct RegionFillTime {
  std::string region;  // "03", or "" when unknown
  FillTime time;
  int open_places = 0;
};
// Per administrative region, in region order.
std::vector<RegionFillTime> fill_time_by_region(db::Connection& c);

}  // namespace sgee::portail::referral_store
