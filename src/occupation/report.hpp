#pragma once
// Occupation reports (issue 5): an organization's figures as rows (month × age group × category,
// with each age group's and each month's totals, capacity and occupancy rate), computed over a
// component, and written as CSV, JSON or XLSX. The web pages and `sgee occupation` use the same.
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "occupation/store.hpp"

namespace sgee::occupation {

// A child over the limits of OCC-05.
struct ChildWarning {
  std::string ref, surname, given_name;
  std::vector<std::string> other_refs;  // the child's other dossiers counted with it
  LimitWarning limit;
};

// One organization's figures over the range.
struct OrgResult {
  store::Org org;
  Report report;
  std::vector<ChildWarning> warnings;
};

// Computes a component's organizations over [from, to] (OCC-01…06): reads its dossiers and
// closing days, runs the engine; `warnings` adds OCC-05 per child.
std::vector<OrgResult> compute(db::Connection& c, const store::Component& component, Date from,
                               Date to, bool warnings);

// A report row. `age` is an age group's name or "all"; `category` a category code or "total".
// Capacity (half-periods) is on total rows whose places are known.
struct Row {
  std::string month;  // YYYY-MM
  std::string age, category;
  Figures figures;
  std::int64_t open_half_periods = 0;
  std::optional<std::int64_t> capacity;
};
std::vector<Row> rows_of(const OrgResult& r);

// Half-periods as days ("12", "12.5"; `decimal` ',' for French pages).
std::string days_text(std::int64_t halves, char decimal = '.');

// Writers. Days are half-periods ÷ 2.
enum class Format { csv, json, xlsx };
class Writer {
 public:
  virtual ~Writer() = default;
  virtual void add(const OrgResult& r) = 0;
  virtual void finish() = 0;
};
// CSV and JSON to a stream; XLSX to a file (libxlsxwriter writes the file at finish()).
// `lang` "fr" or "en": headings and values (kind, age group, category) in words of that language;
// "" (the command's default): the CSV keeps the API's codes, the XLSX is in French.
std::unique_ptr<Writer> make_writer(Format f, std::ostream& out, const std::string& path, Date from,
                                    Date to, const std::string& lang);

// A table as shown on a page (the ministry's network view), for download: each cell's text (the
// CSV's, numbers with a decimal point) and, for a number, its value (the XLSX's).
struct TableCell {
  std::string text;
  std::optional<double> number;
  bool percent = false;  // a rate: a fraction, shown as a percentage in the XLSX
};
using Table = std::vector<std::vector<TableCell>>;
void write_csv(std::ostream& out, const std::vector<std::string>& heads, const Table& rows);
void write_xlsx(const std::string& path, const std::string& sheet,
                const std::vector<std::string>& heads, const Table& rows);

}  // namespace sgee::occupation
