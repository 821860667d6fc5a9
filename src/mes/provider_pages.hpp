#pragma once
// MES on the provider's side (issue 16; seed 000 §2, §3, §4, §6, §7; MES-01…06, 09, 11, 13):
// the lists, creating a request (prerequisites, type), the form's pages, the request's page
// (receivability, signature, transmission, deletion) and the online help.
//
// Routes (`{installation}` is the organization whose staff acts: an installation, or a BC for a
// home-based request; a request belongs to it when its organization_id or bc_id is it):
//   GET        /installations/{installation}/mes                        consult_mes  the lists
//   GET, POST  /installations/{installation}/mes/nouvelle               enter_mes    create
//   GET        /installations/{installation}/mes/{request}              consult_mes  its page
//   GET        /installations/{installation}/mes/{request}/formulaire.pdf  consult_mes  print
//   GET        /installations/{installation}/mes/{request}/signatures.pdf  consult_mes  print
//   GET        /installations/{installation}/mes/{request}/sections/{section}  consult_mes
//   POST       /installations/{installation}/mes/{request}/sections/{section}  enter_mes  save
//   POST       /installations/{installation}/mes/{request}/signer       sign_mes
//   POST       /installations/{installation}/mes/{request}/transmettre  sign_mes
//   POST       /installations/{installation}/mes/{request}/supprimer    enter_mes (confirmed)
//   GET        /aide/mes, /aide/mes/{page}                               anyone       the help
#include <optional>
#include <string>

#include "mes/store.hpp"
#include "platform/web.hpp"

namespace sgee::mes {

void add_provider_routes(web::WebApp& web);

// For the other MES pages (attachments, print, communications): the request named by the URL's
// {request}, checked against the URL's organization ({installation}), and who acts on it from the
// user's rights there (consult_mes / enter_mes / sign_mes; on a BC's side, the signing right makes
// the BC's designated person). nullopt: not found (answer 404).
struct Loaded {
  store::Request request;
  Actor actor = Actor::provider_reader;
};
std::optional<Loaded> load_for(db::Connection& c, const http::Request& req);

// The positive integer id the URL's {name} holds (nullopt: not one, answer 404).
std::optional<std::int64_t> id_param(const http::Request& req, const std::string& name);

// A rule's note in the request's language: its key translated, each "{name}" filled with its
// parameter (a parameter that is itself a "mes." key is translated first).
std::string note_text(const std::string& lang, const Note& n);

}  // namespace sgee::mes
