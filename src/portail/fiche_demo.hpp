#pragma once
// `sgee seed --demo`: the demo providers' fiches (POR-02), most published, a few not.
#include "platform/db/db.hpp"

namespace sgee::portail {

// Idempotent: a provider that already has a fiche keeps it. Gives the demo providers a Québec
// City address (their map position) when they have none.
void seed_demo_fiches(db::Connection& c);

}  // namespace sgee::portail
