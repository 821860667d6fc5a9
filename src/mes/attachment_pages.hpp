#pragma once
// MES attachments' pages (MES-07, seed 000 §5.2): the request's « Documents à joindre » page with
// the natures its type and provider kind require (starred, from mes::requirements()), the files
// attached, an upload form (a PDF checked by content, at most 10 MB, a nature from the list, the
// document's date where the nature needs one) and deletion while the request is editable; the
// downloads (provider and ministry), each one audited.
#include "platform/web.hpp"

namespace sgee::mes {

// The upload route's own body limit: the 10 MB file and the form's other fields.
inline constexpr std::uint64_t kUploadBodyLimit = 10ull * 1024 * 1024 + 64 * 1024;

// GET/POST /installations/{installation}/mes/{request}/documents,
// POST …/documents/{attachment}/supprimer, GET …/documents/{attachment},
// GET /ministere/mes/{request}/documents/{attachment}.
void add_attachment_routes(web::WebApp& web);

}  // namespace sgee::mes
