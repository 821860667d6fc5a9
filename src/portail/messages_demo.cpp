// `seed --demo` (issue 15, messaging): the demo parent (André Bégin) asked the demo RSGE (Service
// de garde Marie Tremblay, 40000001, whom Noah chose: an RSGE sees her réserve) about Noah's
// request and she answered (unread for him); the demo BC (30000001) wrote to that RSGE (unread
// for her). Does nothing already done.
#include "access/store.hpp"
#include "platform/i18n.hpp"
#include "portail/family_store.hpp"
#include "portail/messages_pages.hpp"
#include "portail/messages_store.hpp"

namespace sgee::portail {

namespace {

namespace ms = messages_store;

ms::Thread thread_for(db::Connection& c, const ms::Reader& r, std::int64_t id) {
  return *ms::thread_of(c, r, id);
}

}  // namespace

void seed_demo_messages(db::Connection& c) {
  auto parent = access::store::user_by_login(c, "parent@example.test");
  auto marie = access::store::user_by_login(c, "E0000005");
  auto louise = access::store::user_by_login(c, "E0000004");
  auto rsge = access::store::rsge_by_number(c, "40000001");
  if (!parent || !marie || !rsge) return;
  auto family = family_store::family_of_user(c, parent->id);
  if (!family) return;
  db::Transaction tx(c);
  ms::Reader as_parent{.user_id = parent->id, .parent = true};
  ms::Reader as_marie{.user_id = marie->id, .providers = {rsge->id}, .rsge = {rsge->id}};
  const ms::Notice none{"sgee — nouveau message / new message",
                        "Démonstration : un message vous attend dans sgee.\n\n"
                        "Demo: a message is waiting for you in sgee."};
  for (const auto& ch : family_store::children_of(c, family->id)) {
    if (ch.data.given_name != "Noah") continue;
    bool chosen = false;
    for (const auto& choice : family_store::choices_of(c, ch.id))
      chosen = chosen || choice.provider.id == rsge->id;
    if (!chosen || ms::family_thread(c, ch.id, rsge->id)) continue;
    auto id =
        ms::start_family(c, ch.id, rsge->id, "Demande de Noah " + ch.data.surname, parent->id);
    ms::post(c, thread_for(c, as_parent, id), parent->id, "parent", std::nullopt,
             "Bonjour Madame Tremblay,\n\nNoah a une allergie sévère aux arachides. Est-ce que "
             "votre service est sans arachides ?\n\nMerci,\nAndré Bégin",
             none);
    ms::post(c, thread_for(c, as_marie, id), marie->id, "provider", rsge->id,
             "Bonjour Monsieur Bégin,\n\nOui : aucun aliment contenant des arachides n'entre chez "
             "moi, et je suis formée à l'auto-injecteur.\nJe vous propose une visite un mardi "
             "après 16 h.\n\nMarie Tremblay",
             none);
  }
  if (louise && rsge->parent_id && !ms::bc_thread(c, *rsge->parent_id, rsge->id)) {
    ms::Reader as_bc{.user_id = louise->id, .bcs = {*rsge->parent_id}};
    auto bc = access::store::organization(c, *rsge->parent_id);
    auto id = ms::start_bc(c, *rsge->parent_id, rsge->id,
                           "Message du " + (bc ? bc->name : std::string("bureau coordonnateur")),
                           louise->id);
    ms::post(c, thread_for(c, as_bc, id), louise->id, "bc", *rsge->parent_id,
             "Bonjour Marie,\n\nLa visite annuelle de conformité aura lieu le mois prochain. "
             "Pouvez-vous nous proposer deux dates ?\n\nLouise Bouchard",
             none);
  }
  tx.commit();
}

}  // namespace sgee::portail
