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
  std::string note;  // under the role, small (e.g. "Signé électroniquement le …"); may be empty
  bool box = false;  // a box to sign in rather than a line
};

enum class Language { fr, en };

class Document {
 public:
  // `title` and `number` are in the header of every page (e.g. "Demande d'allocation MES",
  // "N° 2026-000123"); `footer_note` at the left of the footer (e.g. "Imprimé le 2 décembre 2026").
  Document(std::string title, std::string number, std::string footer_note = {},
           Language language = Language::fr);

  // Level 1 (title), 2 (section) or 3 (sub-section); kept with the next block's first lines.
  void heading(std::string_view text, int level = 1);
  void paragraph(std::string_view text);  // wraps; breaks across pages
  // A short bold line kept with the next block's first lines (a field's label above its text).
  void label(std::string_view text);
  // Key in bold, value beside it; a pair taller than a page is cut with "…".
  void key_values(const std::vector<std::pair<std::string, std::string>>& pairs);
  // Cells wrap. A row that does not fit what is left of the page goes to the next one, unless it
  // is taller than a third of a page: then it is split between lines, its cells continuing on the
  // next page (a row taller than a page spans as many as it needs; nothing is cut). The header
  // row is repeated at the top of each page the table continues on.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  void checkbox(std::string_view label, bool checked);
  // A question and its options on one line, each with a box, the `selected` one ticked (none when
  // out of range): "Plan d'intégration appliqué ?" ☑ Oui ☐ Non.
  void choice(std::string_view label, const std::vector<std::string>& options, int selected);
  void signatures(const std::vector<Signer>& signers);  // name, role, lines for signature and date
  void space(double points);                            // vertical space (not at the top of a page)
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
