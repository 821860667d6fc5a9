#pragma once
#include <string>

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
