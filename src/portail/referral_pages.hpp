#pragma once
#include <string>

#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {
// Free places and referrals on the web (issue 15): the provider's places page
// (/installations/{n}/places: declare, withdraw, admit or decline a referred child), the parent's
// referrals (/famille/propositions, /famille/propositions/{id}: accept or decline), and the
// ministry's time to fill per region (/ministere/places).
void add_referral_routes(web::WebApp& web);
// The start of links in the referral e-mails (sgee serve --public-url); set once at start-up.
void set_referral_public_url(std::string url);
const std::string& referral_public_url();
}  // namespace sgee::portail

namespace sgee::portail {
// `seed --demo`: Garderie Soleil — Sainte-Foy (20000003) has an open free place for 18 to 59
// months that no demo child fits yet, and a place filled 12 days after it was declared (its time
// to fill on the provider's and the ministry's pages). Idempotent: nothing when it has places.
void seed_demo_places(db::Connection& c, dates::Date today);
}  // namespace sgee::portail
