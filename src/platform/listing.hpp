#pragma once
// The lists' shared parts (issue 13): sortable column headers (links, no script needed, the sorted
// one with aria-sort and an arrow), paging with the total ("1–50 sur 1 234", previous, page
// numbers, next), counts written the reader's way, and CSV lines. Templates: the header cells are
// `sort_headers` items (partial list_sort_header), the pager a `pager` map (partial list_pager).
#include <cstdint>
#include <functional>
#include <mstch/mstch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"

namespace sgee::listing {

// 1234 -> "1 234" (French, a narrow no-break space) or "1,234" (English).
std::string count(const std::string& lang, std::int64_t n);

// A sort requested in the URL (`tri`, `sens=desc`), kept only when `sort` is one of `allowed`
// (the caller maps each to its SQL or comparison; URL text never reaches SQL); else the first.
struct Sort {
  std::string column;
  bool descending = false;
};
Sort read_sort(const std::string& sort, const std::string& direction,
               const std::vector<std::string>& allowed);
// The URL query part of a sort: "tri=nom&sens=asc".
std::string sort_query(const Sort& s);

struct Column {
  std::string key;    // its `tri` value; empty: not sortable
  std::string label;  // the header's text, translated
  std::string cell_class;
};
// One map per column: header_label, header_class, and when sortable sort_href (the list sorted by
// it: ascending, or descending when it is already sorted ascending, from the first page),
// sort_arrow ("▲"/"▼" on the sorted one, "↕" on the others), sort_aria ("ascending"/"descending",
// the sorted one's aria-sort). Keys are unique so that mustache never finds an outer value.
mstch::array sort_headers(const std::vector<Column>& columns, const Sort& current,
                          const std::function<std::string(const Sort&)>& href);

// The pager of a list of `total` rows, `size` a page, on `page` (1-based, clamped): page_range
// ("1–50 sur 1 234"), previous_href, next_href, page_numbers (page_number, page_href, is_current,
// or is_gap: the first, the last and two around the current one), has_pages.
mstch::map pager(const std::string& lang, std::int64_t page, std::int64_t size, std::int64_t total,
                 const std::function<std::string(std::int64_t)>& href);
// The page the URL asks for (`page`), at least 1.
std::int64_t page_of(const std::optional<std::string>& value);

// A CSV file to download: `body` saved as `filename`, never cached.
http::Response csv_download(std::string body, const std::string& filename);

// One CSV line (fields quoted as csv::field does, CRLF), appended.
void csv_line(std::string& out, const std::vector<std::string>& fields);

}  // namespace sgee::listing
