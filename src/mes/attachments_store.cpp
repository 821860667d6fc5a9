#include "mes/attachments_store.hpp"

#include <cctype>

#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::mes::attachments_store {

namespace {

// The columns as literals (macros), so that every statement is one literal.
#define SGEE_MES_ATTACHMENT_COLUMNS                                                        \
  "a.id, a.request_id, a.nature, a.filename, a.size, a.pages, a.sha256, a.document_date, " \
  "a.uploaded_at, COALESCE(u.given_name || ' ' || u.surname, '')"

Attachment attachment_of(const db::Row& row) {
  Attachment a;
  a.id = row.i64(0);
  a.request_id = row.i64(1);
  a.nature = row.str(2);
  a.filename = row.str(3);
  a.size = row.i64(4);
  a.pages = row.i64(5);
  a.sha256 = row.str(6);
  a.document_date = row.opt_str(7);
  a.uploaded_at = row.str(8);
  a.uploaded_by = row.str(9);
  return a;
}

}  // namespace

std::int64_t insert(db::Connection& c, const NewAttachment& a) {
  auto e = c.engine();
  return c
      .run(
          "INSERT INTO mes_attachments (request_id, nature, filename, size, pages, sha256, "
          "document_date, content, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, " +
              db::bytes_sql(e, "$8") + ", $9, $10) RETURNING id",
          a.request_id, a.nature, a.filename, static_cast<std::int64_t>(a.content.size()), a.pages,
          a.sha256, a.document_date, db::bytes_value(e, a.content), log::utc_now_iso(),
          a.uploaded_by)
      .first()
      .i64(0);
}

std::vector<Attachment> list(db::Connection& c, std::int64_t request_id) {
  static constexpr const char* sql =
      "SELECT " SGEE_MES_ATTACHMENT_COLUMNS
      " FROM mes_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.request_id = $1 "
      "ORDER BY a.id";
  std::vector<Attachment> out;
  auto res = c.run(sql, request_id);
  for (size_t i = 0; i < res.size(); ++i) out.push_back(attachment_of(res.row(i)));
  return out;
}

std::int64_t count(db::Connection& c, std::int64_t request_id) {
  return c.run("SELECT COUNT(*) FROM mes_attachments WHERE request_id = $1", request_id)
      .first()
      .i64(0);
}

std::optional<File> read(db::Connection& c, std::int64_t request_id, std::int64_t id) {
  static constexpr const char* sql =
      "SELECT " SGEE_MES_ATTACHMENT_COLUMNS
      ", a.content FROM mes_attachments a LEFT JOIN users u ON u.id = a.uploaded_by "
      "WHERE a.id = $1 AND a.request_id = $2";
  auto res = c.run(sql, id, request_id);
  if (res.empty()) return std::nullopt;
  auto row = res.row(0);
  File f;
  f.info = attachment_of(row);
  f.content = db::bytes_read(c.engine(), row.str(10));
  return f;
}

bool remove(db::Connection& c, std::int64_t request_id, std::int64_t id) {
  return c.run("DELETE FROM mes_attachments WHERE id = $1 AND request_id = $2", id, request_id)
             .affected > 0;
}

std::string safe_filename(std::string_view name, bool ascii) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name = name.substr(slash + 1);
  std::string out;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\' || ch == '/' || ch == ';' || ch == ':' ||
        ch == '*' || ch == '?' || ch == '<' || ch == '>' || ch == '|')
      continue;
    if (ascii && !(std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_')) {
      if (ch < 0x80 || (ch & 0xc0) == 0xc0) out += '_';  // one per character, not per byte
      continue;
    }
    out += static_cast<char>(ch);
  }
  // At most 120 bytes, cut on a character boundary.
  if (out.size() > 120) {
    size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    out.resize(cut);
  }
  if (!text::valid_utf8(out)) out.clear();
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  std::string low = text::lower(out);
  if (out.empty() || low == ".pdf" || low == "pdf") return "document.pdf";
  if (!low.ends_with(".pdf")) out += ".pdf";
  return out;
}

}  // namespace sgee::mes::attachments_store
