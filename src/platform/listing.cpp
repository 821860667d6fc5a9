#include "platform/listing.hpp"

#include <algorithm>

#include "platform/csv.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::listing {

std::string count(const std::string& lang, std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  const std::string sep = lang == "en" ? "," : "\u202F";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

Sort read_sort(const std::string& sort, const std::string& direction,
               const std::vector<std::string>& allowed) {
  Sort s;
  auto it = std::find(allowed.begin(), allowed.end(), sort);
  s.column = it != allowed.end() ? *it : allowed.empty() ? std::string() : allowed.front();
  s.descending = direction == "desc";
  return s;
}

std::string sort_query(const Sort& s) {
  return "tri=" + text::url_encode(s.column) + "&sens=" + (s.descending ? "desc" : "asc");
}

mstch::array sort_headers(const std::vector<Column>& columns, const Sort& current,
                          const std::function<std::string(const Sort&)>& href) {
  mstch::array out;
  for (const auto& col : columns) {
    mstch::map cell{{"header_label", col.label}, {"header_class", col.cell_class}};
    if (!col.key.empty()) {
      bool sorted = col.key == current.column;
      cell["sort_href"] = href({col.key, sorted && !current.descending});
      cell["sort_arrow"] = std::string(!sorted ? "↕" : current.descending ? "▼" : "▲");
      if (sorted) cell["sort_aria"] = std::string(current.descending ? "descending" : "ascending");
    }
    out.push_back(std::move(cell));
  }
  return out;
}

mstch::map pager(const std::string& lang, std::int64_t page, std::int64_t size, std::int64_t total,
                 const std::function<std::string(std::int64_t)>& href) {
  std::int64_t pages = std::max<std::int64_t>(1, (total + size - 1) / size);
  std::int64_t current = std::clamp<std::int64_t>(page, 1, pages);
  mstch::map out{{"has_pages", pages > 1}};
  if (total > 0) {
    std::int64_t first = (current - 1) * size + 1, last = std::min(total, current * size);
    out["page_range"] = count(lang, first) + "–" + count(lang, last) + " " +
                        i18n::t(lang, "list.of") + " " + count(lang, total);
  }
  if (current > 1) out["previous_href"] = href(current - 1);
  if (current < pages) out["next_href"] = href(current + 1);
  mstch::array numbers;
  std::int64_t shown = 0;
  for (std::int64_t p = 1; p <= pages; ++p) {
    if (p != 1 && p != pages && (p < current - 2 || p > current + 2)) continue;
    if (shown && p > shown + 1) numbers.push_back(mstch::map{{"is_gap", true}});
    mstch::map n{{"page_number", std::to_string(p)}, {"page_href", href(p)}};
    if (p == current) n["is_current"] = true;
    numbers.push_back(std::move(n));
    shown = p;
  }
  out["page_numbers"] = std::move(numbers);
  return out;
}

std::int64_t page_of(const std::optional<std::string>& value) {
  return std::clamp<std::int64_t>(text::to_int(value.value_or("1")).value_or(1), 1, 1000000);
}

void csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv::field(fields[i]);
  }
  out += "\r\n";
}

http::Response csv_download(std::string body, const std::string& filename) {
  http::Response r;
  r.body = std::move(body);
  r.set("Content-Type", "text/csv; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.set("Cache-Control", "no-store");
  return r;
}

}  // namespace sgee::listing
