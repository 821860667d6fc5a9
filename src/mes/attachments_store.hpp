#pragma once
// MES attachments (MES-07, seed 000 §5.2): the PDFs of a request, stored in the database
// (mes_attachments, migration 0024) with their SHA-256, size, page count, nature and, for the
// integration plan, the document's date. The content is read only to download one file; lists
// never carry it. The bytes go as a BLOB (SQLite) / BYTEA (PostgreSQL), the same bytes back.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::mes::attachments_store {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string nature;  // mes::natures()
  std::string filename;
  std::int64_t size = 0;
  std::int64_t pages = 0;
  std::string sha256;
  std::optional<std::string> document_date;  // YYYY-MM-DD
  std::string uploaded_at;
  std::string uploaded_by;  // the name of who uploaded it
};

struct NewAttachment {
  std::int64_t request_id = 0;
  std::string nature;
  std::string filename;
  std::string_view content;
  std::int64_t pages = 0;
  std::string sha256;
  std::optional<std::string> document_date;
  std::optional<std::int64_t> uploaded_by;
};
// Stores one (its size is the content's); returns its id. In the caller's transaction.
std::int64_t insert(db::Connection& c, const NewAttachment& a);
// A request's attachments, oldest first, without their content.
std::vector<Attachment> list(db::Connection& c, std::int64_t request_id);
// How many attachments a request has.
std::int64_t count(db::Connection& c, std::int64_t request_id);

struct File {
  Attachment info;
  std::string content;
};
// One attachment of that request with its bytes (nullopt: none with that id on that request).
std::optional<File> read(db::Connection& c, std::int64_t request_id, std::int64_t id);
// Removes one attachment of that request; false when there was none.
bool remove(db::Connection& c, std::int64_t request_id, std::int64_t id);

// A file name safe to send in Content-Disposition and to show: the last path segment, control
// characters, quotes, backslashes and separators dropped, at most 120 bytes of valid UTF-8,
// ending in ".pdf"; "document.pdf" when nothing is left. `ascii`: only [A-Za-z0-9._-] (the
// filename= parameter; the UTF-8 name goes in filename*=).
std::string safe_filename(std::string_view name, bool ascii = false);

}  // namespace sgee::mes::attachments_store
