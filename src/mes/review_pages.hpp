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

#include "mes/review_store.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/web.hpp"

namespace sgee::mes {

void add_review_routes(web::WebApp& web);

// For the provider's request page (another module): the ministry's sent comments per section (not
// corrected / corrected, in words, with the « Corrigé » form when the reader may tick it) and the
// communications (read / unread, each a link). `base` is the request's page,
// "/installations/{installation}/mes/{request}". Render with the partial `mes_feedback`
// ({{> mes_feedback}} inside a section whose context holds this map's keys).
mstch::map provider_feedback(db::Connection& c, const http::Request& req,
                             const review_store::Request& r, const std::string& base);

// The text of a rule's note in `lang`: the catalog's text for its key, each "{name}" filled with
// its parameter (a parameter that is itself a "mes." key translated first).
std::string note_text(const std::string& lang, const Note& n);

// A decision letter (the ministry's communication) as PDF bytes, from the request as it stands.
// lead: replace with mes::communication_pdf
std::string decision_letter_pdf(const review_store::Request& r, const std::string& extra);

}  // namespace sgee::mes
