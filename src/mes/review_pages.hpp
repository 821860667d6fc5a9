#pragma once
// MES, the ministry's side (MES-10, MES-12; issue 16) and the provider's reading of it:
// - /ministere/mes: the queue of transmitted requests (filters by region, provider kind, type,
//   status, assignment and transmission dates; sort; pages), Access::ministry();
// - /ministere/mes/{request}: the review page (every section read-only, the attachments, what
//   changed since the last transmission, comments per section, the history) and its forms:
//   …/assigner, …/commentaires, …/commentaires/{comment}, …/envoyer-commentaires, …/conforme,
//   …/decision, …/communications (a generated letter) and …/communications/{communication};
// - the provider: POST /installations/{installation}/mes/{request}/comments/{comment}/corrige
//   (tick « Corrigé », enter_mes) and GET …/mes/{request}/communications/{communication} (read a
//   ministry letter, consult_mes: read_at set the first time, an audit row).
// Every status change goes through mes::decide; a refusal answers 409 with its reason.
#include <mstch/mstch.hpp>
#include <string>

#include "mes/print.hpp"
#include "mes/review_store.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/web.hpp"

namespace sgee::mes {

void add_review_routes(web::WebApp& web);

// The ministry's letter about the request as it stands (conform, granted or refused), signed by
// `agent`, with the agent's own paragraph `extra` (mes::communication_pdf's data).
LetterData letter_of(const review_store::Request& r, const std::string& agent,
                     const std::string& extra);

}  // namespace sgee::mes
