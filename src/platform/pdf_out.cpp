// PDF out (pdf_out.hpp): blocks → pages of placed items (one layout pass) → cairo PDF surface.
#include "platform/pdf_out.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::pdf {

// ---- French spacing ----------------------------------------------------------------------------

namespace {
constexpr std::string_view kNbsp = "\u00a0";
constexpr std::string_view kNarrowNbsp = "\u202f";
constexpr std::string_view kOpenQuote = "\u00ab";
constexpr std::string_view kCloseQuote = "\u00bb";

bool ends_with_space(const std::string& out) {
  return out.empty() || out.back() == ' ' || out.ends_with(kNbsp) || out.ends_with(kNarrowNbsp) ||
         out.back() == '\n';
}
}  // namespace

std::string french_spacing(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    auto rest = s.substr(i);
    if (rest[0] == ' ' && rest.size() > 1) {
      auto next = rest.substr(1);
      if (next[0] == ':' || next.starts_with(kCloseQuote)) {
        out += kNbsp;
        i += 1;
        continue;
      }
      if (next[0] == ';' || next[0] == '!' || next[0] == '?') {
        out += kNarrowNbsp;
        i += 1;
        continue;
      }
    }
    if (rest.starts_with(kOpenQuote)) {
      out += kOpenQuote;
      out += kNbsp;
      i += kOpenQuote.size();
      if (i < s.size() && s[i] == ' ')
        ++i;
      else if (s.substr(i).starts_with(kNbsp))
        i += kNbsp.size();
      continue;
    }
    if (rest.starts_with(kCloseQuote)) {
      if (!ends_with_space(out)) out += kNbsp;
      out += kCloseQuote;
      i += kCloseQuote.size();
      continue;
    }
    out += rest[0];
    ++i;
  }
  return out;
}

// ---- Blocks ------------------------------------------------------------------------------------

struct Document::Block {
  enum Kind {
    heading,
    paragraph,
    label,
    key_values,
    table,
    checkbox,
    choice,
    signatures,
    space,
    page_break
  } kind;
  std::string text;
  int level = 1;
  bool checked = false;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<Signer> signers;
  std::vector<std::string> options;
  int selected = -1;
};

Document::Document(std::string title, std::string number, std::string footer_note,
                   Language language)
    : title_(std::move(title)),
      number_(std::move(number)),
      footer_note_(std::move(footer_note)),
      language_(language) {}
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

void Document::heading(std::string_view text, int level) {
  blocks_.push_back({Block::heading, std::string(text), std::clamp(level, 1, 3)});
}
void Document::paragraph(std::string_view text) {
  blocks_.push_back({Block::paragraph, std::string(text)});
}
void Document::label(std::string_view text) {
  blocks_.push_back({Block::label, std::string(text)});
}
void Document::key_values(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Block b{Block::key_values};
  b.pairs = pairs;
  blocks_.push_back(std::move(b));
}
void Document::table(const std::vector<Column>& columns,
                     const std::vector<std::vector<std::string>>& rows) {
  Block b{Block::table};
  b.columns = columns;
  b.rows = rows;
  blocks_.push_back(std::move(b));
}
void Document::checkbox(std::string_view label, bool checked) {
  Block b{Block::checkbox, std::string(label)};
  b.checked = checked;
  blocks_.push_back(std::move(b));
}
void Document::choice(std::string_view label, const std::vector<std::string>& options,
                      int selected) {
  Block b{Block::choice, std::string(label)};
  b.options = options;
  b.selected = selected;
  blocks_.push_back(std::move(b));
}
void Document::signatures(const std::vector<Signer>& signers) {
  Block b{Block::signatures};
  b.signers = signers;
  blocks_.push_back(std::move(b));
}
void Document::space(double points) {
  Block b{Block::space};
  b.level = static_cast<int>(std::clamp(points, 0.0, 200.0));
  blocks_.push_back(std::move(b));
}
void Document::page_break() {
  blocks_.push_back({Block::page_break});
}

// ---- Layout ------------------------------------------------------------------------------------

namespace {

// US Letter, in points.
constexpr double kPageW = 612, kPageH = 792;
constexpr double kLeft = 54, kRight = kPageW - 54;
constexpr double kTop = 74, kBottom = kPageH - 62;
constexpr double kWidth = kRight - kLeft;
constexpr double kPad = 4;  // table cell padding

constexpr const char* kBody = "DejaVu Sans 9.5";
constexpr const char* kBold = "DejaVu Sans Bold 9.5";
constexpr const char* kSmall = "DejaVu Sans 8";
constexpr const char* kSmallBold = "DejaVu Sans Bold 8";
constexpr const char* kH1 = "DejaVu Sans Bold 15";
constexpr const char* kH2 = "DejaVu Sans Bold 11.5";
constexpr const char* kH3 = "DejaVu Sans Bold 10";
// A table row taller than this is split between lines rather than moved to the next page.
constexpr double kSplitRow = (kBottom - kTop) / 3;
// Room needed to start splitting a row at the bottom of a page (a few lines of each cell).
constexpr double kMinSplitRoom = 48;
constexpr const char* kBox = "DejaVu Sans 12";

struct GDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};
using Layout = std::shared_ptr<PangoLayout>;

double to_pt(int pango_units) {
  return static_cast<double>(pango_units) / PANGO_SCALE;
}

// One thing drawn on a page.
struct Op {
  enum Kind { text, line, box } kind = text;
  Layout layout;
  double x = 0, y = 0, w = 0, h = 0;  // text: top-left; line: from (x,y) to (w,h); box: rect
  int first_line = 0, end_line = -1;  // text: only these lines ([first, end); -1: all)
  double gray = 0, width = 0.5;       // line / box stroke; box filled when fill >= 0
  double fill = -1;
};

class Composer {
 public:
  explicit Composer(PangoContext* ctx) : ctx_(ctx) { new_page(); }

  std::vector<std::vector<Op>> pages;

  Layout make(std::string_view text, const char* font, double width,
              PangoAlignment align = PANGO_ALIGN_LEFT) const {
    Layout l(pango_layout_new(ctx_), GDeleter{});
    PangoFontDescription* fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_line_spacing(l.get(), 1.12f);
    auto spaced = french_spacing(text::valid_utf8(text) ? text : std::string_view("?"));
    pango_layout_set_text(l.get(), spaced.data(), static_cast<int>(spaced.size()));
    return l;
  }
  static double height(const Layout& l) {
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    return to_pt(h);
  }

  void new_page() {
    pages.emplace_back();
    y_ = kTop;
  }
  bool at_top() const { return y_ <= kTop + 0.01; }
  double room() const { return kBottom - y_; }
  void skip(double dy) {
    if (!at_top()) y_ = std::min(y_ + dy, kBottom);
  }
  void need(double h) {
    if (h > room() && !at_top()) new_page();
  }
  void put_text(const Layout& l, double x, double y) {
    pages.back().push_back({Op::text, l, x, y});
  }
  void put_line(double x0, double y0, double x1, double y1, double gray = 0, double width = 0.5) {
    pages.back().push_back({Op::line, nullptr, x0, y0, x1, y1, -1, -1, gray, width});
  }
  void put_box(double x, double y, double w, double h, double fill, double stroke_gray) {
    pages.back().push_back({Op::box, nullptr, x, y, w, h, -1, -1, stroke_gray, 0.5, fill});
  }

  void heading(std::string_view text, int level) {
    auto l = make(text, level == 1 ? kH1 : level == 2 ? kH2 : kH3, kWidth);
    double h = height(l);
    skip(level == 1 ? 12 : level == 2 ? 9 : 6);
    need(h + 40);  // keep with the next block's first lines
    put_text(l, kLeft, y_);
    y_ += h + 5;
  }

  void label(std::string_view text) {
    auto l = make(text, kBold, kWidth);
    double h = height(l);
    need(h + 28);  // with two lines of what follows
    put_text(l, kLeft, y_);
    y_ += h + 2;
  }

  // A paragraph breaks between lines, leaving at least two lines on each side when it can.
  void paragraph(std::string_view text) {
    auto l = make(text, kBody, kWidth);
    std::vector<double> tops, bottoms;
    lines(l, tops, bottoms);
    size_t n = tops.size(), start = 0;
    while (start < n) {
      size_t k = start;
      while (k < n && bottoms[k] - tops[start] <= room()) ++k;
      if (k < n) {
        if (k - start < 2 && !at_top()) {
          new_page();
          continue;
        }
        if (n - k < 2 && k - start > 2) k = n - 2;
        if (k == start) k = start + 1;  // a line taller than a page: never loops
      }
      double band = bottoms[k - 1] - tops[start];
      Op op{Op::text, l, kLeft, y_ - tops[start]};
      op.first_line = static_cast<int>(start);
      op.end_line = static_cast<int>(k);
      pages.back().push_back(op);
      y_ += band;
      start = k;
      if (start < n) new_page();
    }
    y_ += 6;
  }

  // The top and bottom of each line of a layout.
  static void lines(const Layout& l, std::vector<double>& tops, std::vector<double>& bottoms) {
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    do {
      int y0 = 0, y1 = 0;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      tops.push_back(to_pt(y0));
      bottoms.push_back(to_pt(y1));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  // Rows of cells; `header` repeated on each new page.
  struct Row {
    std::vector<Layout> cells;
    double h = 0;
  };
  Row row(const std::vector<std::string>& texts, const std::vector<double>& widths,
          const char* font, bool cut = false) const {
    Row r;
    for (size_t c = 0; c < widths.size(); ++c) {
      auto l = make(c < texts.size() ? texts[c] : std::string(), font, widths[c] - 2 * kPad);
      r.h = std::max(r.h, height(l) + 2 * kPad);
      r.cells.push_back(std::move(l));
    }
    double max_h = kBottom - kTop - 40;
    if (cut && r.h > max_h) {  // taller than a page: cut with an ellipsis
      for (auto& l : r.cells) {
        pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l.get(), static_cast<int>((max_h - 2 * kPad) * PANGO_SCALE));
      }
      r.h = 0;
      for (auto& l : r.cells) r.h = std::max(r.h, height(l) + 2 * kPad);
    }
    return r;
  }
  void put_row(const Row& r, const std::vector<double>& widths, bool header, bool borders) {
    double x = kLeft;
    for (size_t c = 0; c < r.cells.size(); ++c) {
      if (borders) put_box(x, y_, widths[c], r.h, header ? 0.88 : -1, 0.45);
      put_text(r.cells[c], x + kPad, y_ + kPad);
      x += widths[c];
    }
    if (!borders) put_line(kLeft, y_ + r.h, kRight, y_ + r.h, 0.8, 0.4);
    y_ += r.h;
  }

  // A row split between lines: each band of lines that fits the page, cells boxed to the band's
  // height, then a new page with the header row, until every cell's lines are placed.
  void split_row(const Row& r, const std::vector<double>& widths, const Row& header) {
    size_t nc = r.cells.size();
    std::vector<std::vector<double>> tops(nc), bottoms(nc);
    std::vector<size_t> next(nc, 0);
    for (size_t c = 0; c < nc; ++c) lines(r.cells[c], tops[c], bottoms[c]);
    auto done = [&] {
      for (size_t c = 0; c < nc; ++c)
        if (next[c] < tops[c].size()) return false;
      return true;
    };
    while (!done()) {
      double avail = room() - 2 * kPad;
      std::vector<size_t> end(nc);
      double band = 0;
      bool progress = false;
      for (size_t c = 0; c < nc; ++c) {
        size_t k = next[c], n = tops[c].size();
        while (k < n && bottoms[c][k] - tops[c][next[c]] <= avail) ++k;
        if (k == next[c] && k < n && at_top_of_table_) ++k;  // a line taller than a page
        end[c] = k;
        if (k > next[c]) {
          band = std::max(band, bottoms[c][k - 1] - tops[c][next[c]]);
          progress = true;
        }
      }
      if (progress) {
        double h = band + 2 * kPad, x = kLeft;
        for (size_t c = 0; c < nc; ++c) {
          put_box(x, y_, widths[c], h, -1, 0.45);
          if (end[c] > next[c]) {
            Op op{Op::text, r.cells[c], x + kPad, y_ + kPad - tops[c][next[c]]};
            op.first_line = static_cast<int>(next[c]);
            op.end_line = static_cast<int>(end[c]);
            pages.back().push_back(op);
          }
          x += widths[c];
          next[c] = end[c];
        }
        y_ += h;
      }
      if (!done()) {
        new_page();
        put_row(header, widths, true, true);
        at_top_of_table_ = true;
      }
    }
    at_top_of_table_ = false;
  }

  void table(const std::vector<Column>& columns,
             const std::vector<std::vector<std::string>>& rows) {
    if (columns.empty()) return;
    double total = 0;
    for (auto& c : columns) total += c.weight > 0 ? c.weight : 1;
    std::vector<double> widths;
    std::vector<std::string> titles;
    for (auto& c : columns) {
      widths.push_back(kWidth * (c.weight > 0 ? c.weight : 1) / total);
      titles.push_back(c.title);
    }
    auto header = row(titles, widths, kBold);
    skip(4);
    bool first = true;
    for (auto& texts : rows) {
      auto r = row(texts, widths, kBody);
      if (first) {
        if (header.h + std::min(r.h, kMinSplitRoom) > room()) new_page();
        put_row(header, widths, true, true);
        first = false;
      }
      if (r.h > room()) {
        bool split = r.h > kSplitRow && room() >= kMinSplitRoom;
        if (!split) {
          new_page();
          put_row(header, widths, true, true);
          split = r.h > room();
        }
        if (split) {
          split_row(r, widths, header);
          continue;
        }
      }
      put_row(r, widths, false, true);
    }
    if (rows.empty()) {
      need(header.h);
      put_row(header, widths, true, true);
    }
    y_ += 10;
  }

  void key_values(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<double> widths{kWidth * 0.36, kWidth * 0.64};
    skip(2);
    for (auto& [k, v] : pairs) {
      auto r = row({k, v}, widths, kBody, true);
      // The key in bold.
      r.cells[0] = make(k, kBold, widths[0] - 2 * kPad);
      r.h = std::max(r.h, height(r.cells[0]) + 2 * kPad);
      need(r.h);
      put_row(r, widths, false, false);
    }
    y_ += 8;
  }

  void checkbox(std::string_view label, bool checked) {
    auto box = make(checked ? "\u2611" : "\u2610", kBox, 18);
    auto l = make(label, kBody, kWidth - 20);
    double h = std::max(height(box), height(l) + 2);
    need(h);
    put_text(box, kLeft, y_ - 2);
    put_text(l, kLeft + 20, y_ + 1);
    y_ += h + 3;
  }

  // A question, then its options on one line, each with a box; kept together.
  void choice(std::string_view label, const std::vector<std::string>& options, int selected) {
    auto l = make(label, kBold, kWidth);
    std::vector<std::pair<Layout, Layout>> opts;
    double oh = 0;
    for (size_t i = 0; i < options.size(); ++i) {
      auto box = make(static_cast<int>(i) == selected ? "\u2611" : "\u2610", kBox, 18);
      auto text = make(options[i], kBody, kWidth / 2);
      pango_layout_set_width(text.get(), -1);
      oh = std::max({oh, height(box), height(text) + 2});
      opts.emplace_back(std::move(box), std::move(text));
    }
    double hl = height(l);
    need(hl + 2 + oh);
    put_text(l, kLeft, y_);
    y_ += hl + 2;
    double x = kLeft + 12;
    for (auto& [box, text] : opts) {
      put_text(box, x, y_ - 2);
      put_text(text, x + 17, y_ + 1);
      int w = 0, h = 0;
      pango_layout_get_size(text.get(), &w, &h);
      x += 17 + to_pt(w) + 22;
    }
    y_ += oh + 5;
  }

  // Each signer: name, role, a note, then a line (or a box) for the signature and a line for the
  // date, kept together.
  void signatures(const std::vector<Signer>& signers, Language lang) {
    bool fr = lang == Language::fr;
    for (auto& s : signers) {
      auto name = make(s.name.empty() ? (fr ? "Nom : " : "Name: ") : s.name, kBold, kWidth);
      auto role = make(s.role, kBody, kWidth);
      Layout note = s.note.empty() ? nullptr : make(s.note, kSmall, kWidth);
      auto sig = make("Signature", kSmall, kWidth * 0.6);
      auto date = make("Date", kSmall, kWidth * 0.3);
      double hn = height(name), hr = height(role) + (note ? height(note) + 2 : 0);
      double space = s.box ? 44 : 32;
      double block = hn + hr + space + 2 + height(sig) + (s.box ? 12 : 16);
      need(block);
      put_text(name, kLeft, y_);
      if (s.name.empty()) put_line(kLeft + 36, y_ + hn - 2, kLeft + kWidth * 0.6, y_ + hn - 2);
      put_text(role, kLeft, y_ + hn + 1);
      if (note) put_text(note, kLeft, y_ + hn + 1 + height(role) + 2);
      double line_y = y_ + hn + hr + space;
      if (s.box)
        put_box(kLeft, line_y - 38, kWidth * 0.6, 38, -1, 0.2);
      else
        put_line(kLeft, line_y, kLeft + kWidth * 0.6, line_y, 0, 0.7);
      put_line(kLeft + kWidth * 0.68, line_y, kRight, line_y, 0, 0.7);
      put_text(sig, kLeft, line_y + 2);
      put_text(date, kLeft + kWidth * 0.68, line_y + 2);
      y_ = line_y + 2 + height(sig) + (s.box ? 12 : 16);
    }
  }

 private:
  PangoContext* ctx_;
  double y_ = kTop;
  bool at_top_of_table_ = false;  // a split row continues just under a repeated header
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void draw(cairo_t* cr, const Op& op) {
  switch (op.kind) {
    case Op::text:
      cairo_set_source_rgb(cr, 0, 0, 0);
      if (op.end_line < 0) {
        cairo_move_to(cr, op.x, op.y);
        pango_cairo_show_layout(cr, op.layout.get());
        break;
      }
      {
        // Some lines of a paragraph split across pages: each at its baseline.
        PangoLayoutIter* it = pango_layout_get_iter(op.layout.get());
        int i = 0;
        do {
          if (i >= op.first_line && i < op.end_line) {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            cairo_move_to(cr, op.x + to_pt(logical.x),
                          op.y + to_pt(pango_layout_iter_get_baseline(it)));
            pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
          }
          ++i;
        } while (i < op.end_line && pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
      }
      break;
    case Op::line:
      cairo_set_source_rgb(cr, op.gray, op.gray, op.gray);
      cairo_set_line_width(cr, op.width);
      cairo_move_to(cr, op.x, op.y);
      cairo_line_to(cr, op.w, op.h);
      cairo_stroke(cr);
      break;
    case Op::box:
      cairo_rectangle(cr, op.x, op.y, op.w, op.h);
      if (op.fill >= 0) {
        cairo_set_source_rgb(cr, op.fill, op.fill, op.fill);
        cairo_fill_preserve(cr);
      }
      cairo_set_source_rgb(cr, op.gray, op.gray, op.gray);
      cairo_set_line_width(cr, op.width);
      cairo_stroke(cr);
      break;
  }
}

}  // namespace

std::string Document::render() const {
  // The calling thread's own font map (per thread since Pango 1.32.6), and a context of our own:
  // points as units (72 dpi), no hinting, so measured and drawn text are the same.
  PangoFontMap* font_map = pango_cairo_font_map_get_default();
  std::unique_ptr<PangoContext, GDeleter> ctx(pango_font_map_create_context(font_map));
  pango_cairo_context_set_resolution(ctx.get(), 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);
  pango_context_set_language(ctx.get(),
                             pango_language_from_string(language_ == Language::fr ? "fr" : "en"));

  Composer c(ctx.get());
  for (auto& b : blocks_) {
    switch (b.kind) {
      case Block::heading: c.heading(b.text, b.level); break;
      case Block::paragraph: c.paragraph(b.text); break;
      case Block::label: c.label(b.text); break;
      case Block::key_values: c.key_values(b.pairs); break;
      case Block::table: c.table(b.columns, b.rows); break;
      case Block::checkbox: c.checkbox(b.text, b.checked); break;
      case Block::choice: c.choice(b.text, b.options, b.selected); break;
      case Block::signatures: c.signatures(b.signers, language_); break;
      case Block::space: c.skip(b.level); break;
      case Block::page_break:
        if (!c.at_top()) c.new_page();
        break;
    }
  }

  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_bytes, &out, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 (title_ + " " + number_).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "sgee");
  cairo_t* cr = cairo_create(surface);
  auto title = c.make(title_, kSmallBold, kWidth * 0.62);
  auto number = c.make(number_, kSmall, kWidth * 0.36, PANGO_ALIGN_RIGHT);
  auto note = c.make(footer_note_, kSmall, kWidth * 0.62);
  size_t total = c.pages.size();
  for (size_t p = 0; p < total; ++p) {
    for (auto& op : c.pages[p]) draw(cr, op);
    draw(cr, {Op::text, title, kLeft, 36});
    draw(cr, {Op::text, number, kRight - kWidth * 0.36, 36});
    draw(cr, {Op::line, nullptr, kLeft, 56, kRight, 56, -1, -1, 0.4, 0.6});
    draw(cr, {Op::line, nullptr, kLeft, kPageH - 50, kRight, kPageH - 50, -1, -1, 0.4, 0.6});
    char label[64];
    std::snprintf(label, sizeof label,
                  language_ == Language::fr ? "Page %zu de %zu" : "Page %zu of %zu", p + 1, total);
    auto page = c.make(label, kSmall, kWidth * 0.36, PANGO_ALIGN_RIGHT);
    draw(cr, {Op::text, note, kLeft, kPageH - 45});
    draw(cr, {Op::text, page, kRight - kWidth * 0.36, kPageH - 45});
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("pdf: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace sgee::pdf
