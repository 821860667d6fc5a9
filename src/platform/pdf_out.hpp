#pragma once
// PDF out: a small writer of server-side documents (the MES complete form, its signatures page, a
// decision letter) over cairo + pango. US Letter, 0.75 in margins, DejaVu fonts embedded (subsets),
// French typography, a running header (title, document number) and footer ("Page x de y").
//
// Usage: fill a Document with blocks in reading order, then render() it to PDF bytes. Layout is
// done once (pages computed), then drawn, so the page total is known on every page.
//
// Thread safety: a Document is used by one thread at a time; any number of threads may render
// their own documents at once. Each render uses the calling thread's own PangoCairo font map
// (pango_cairo_font_map_get_default() is per thread since Pango 1.32.6) and its own Pango
// context, cairo surface and context; fontconfig (>= 2.10.91) and cairo's font caches are
// thread-safe. Nothing global is written.
#include <string>
#include <string_view>
#include <vector>

namespace sgee::pdf {

// French spacing: the ordinary space before : ; ! ? » and after « becomes a no-break space (narrow
// before ; ! ?), and « » without inner spaces get them, so that a line never starts with ":" or
// "»". Applied by the writer to every text; exposed for tests and other uses.
std::string french_spacing(std::string_view text);

struct Column {
  std::string title;
  double weight = 1;  // share of the table's width
};

struct Signer {
  std::string name;  // may be empty: a blank to fill by hand
  std::string role;  // e.g. "Directrice ou directeur général"
};

enum class Language { fr, en };

class Document {
 public:
  // `title` and `number` are in the header of every page (e.g. "Demande d'allocation MES",
  // "N° 2026-000123"); `footer_note` at the left of the footer (e.g. "Imprimé le 2 décembre 2026").
  Document(std::string title, std::string number, std::string footer_note = {},
           Language language = Language::fr);

  void heading(std::string_view text, int level = 1);  // level 1 (title) or 2 (section)
  void paragraph(std::string_view text);               // wraps; breaks across pages
  void key_values(const std::vector<std::pair<std::string, std::string>>& pairs);
  // Rows are never split (a row taller than a page is cut with "…"); the header row is repeated
  // at the top of each page the table continues on.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  void checkbox(std::string_view label, bool checked);
  void signatures(const std::vector<Signer>& signers);  // name, role, lines for signature and date
  void page_break();

  // The PDF's bytes. Throws std::runtime_error if cairo fails.
  std::string render() const;

  struct Block;  // implementation detail (pdf_out.cpp)

 private:
  std::string title_, number_, footer_note_;
  Language language_;
  std::vector<Block> blocks_;

 public:
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
};

}  // namespace sgee::pdf
