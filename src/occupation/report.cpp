#include "occupation/report.hpp"

#include <xlsxwriter.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "occupation/rules.hpp"
#include "platform/csv.hpp"
#include "platform/i18n.hpp"

namespace sgee::occupation {

using nlohmann::json;

std::vector<OrgResult> compute(db::Connection& c, const store::Component& component, Date from,
                               Date to, bool warnings) {
  auto children = store::children(c, component);
  std::vector<OrgResult> out;
  std::map<std::int64_t, size_t> index;
  for (const auto& org : component.orgs) {
    index[org.id] = out.size();
    out.push_back({org, Report(from, to), {}});
  }
  std::vector<Calendar> calendars;
  for (const auto& org : component.orgs)
    calendars.emplace_back(from, to, store::closing_days(c, org.id, from, to));
  std::vector<bool> planned(children.size(), false);
  for (size_t i = 0; i < children.size(); ++i) {
    auto it = index.find(children[i].org);
    if (it == index.end()) continue;  // a BC's dossier of an RSGE no longer the BC's
    planned[i] = add_dossier(out[it->second].report, children[i].dossier, calendars[it->second]);
  }
  if (warnings) {
    // OCC-05 is a child's: the dossiers of one child (shared custody: one per parent) count
    // together, and a warning is listed once, with the first of them planned in the range.
    std::map<std::string, std::vector<size_t>> same_child;
    for (size_t i = 0; i < children.size(); ++i)
      if (!children[i].child_key.empty()) same_child[children[i].child_key].push_back(i);
    std::set<std::string> done;
    for (size_t i = 0; i < children.size(); ++i) {
      const auto& ch = children[i];
      if (!planned[i] || (!ch.child_key.empty() && !done.insert(ch.child_key).second)) continue;
      std::vector<const csg::Dossier*> dossiers = {&ch.dossier};
      std::vector<std::string> others;
      if (!ch.child_key.empty())
        for (size_t k : same_child[ch.child_key])
          if (k != i) dossiers.push_back(&children[k].dossier), others.push_back(children[k].ref);
      for (const auto& w : limits_of(dossiers, from, to))
        out[index[ch.org]].warnings.push_back({ch.ref, ch.surname, ch.given_name, others, w});
    }
  }
  for (size_t i = 0; i < out.size(); ++i) close_report(out[i].report, calendars[i]);
  return out;
}

std::vector<Row> rows_of(const OrgResult& r) {
  std::vector<Row> rows;
  const auto& rep = r.report;
  for (int m = 0; m < rep.months.count; ++m) {
    std::string month = dates::format(rep.months.first[static_cast<size_t>(m)]).substr(0, 7);
    std::int64_t open = rep.open_half_periods[static_cast<size_t>(m)];
    Row all{month, "all", "total", {}, open, std::nullopt};
    std::int64_t places = 0;
    bool places_known = r.org.places_total.has_value();
    if (places_known) places = *r.org.places_total;
    for (int g = 0; g < kAgeGroups; ++g) {
      auto age = static_cast<AgeGroup>(g);
      std::optional<std::int64_t> group_places =
          g < 3 && r.org.kind == "installation" ? r.org.places[g] : std::nullopt;
      if (group_places) places_known = true, places += *group_places;
      Row total{month, name_of(age), "total", {}, open, std::nullopt};
      if (group_places) total.capacity = capacity(*group_places, open);
      size_t first = rows.size();
      for (int k = 0; k < kCategories; ++k) {
        const auto& f = rep.cell(m, age, static_cast<Category>(k));
        if (f == Figures{}) continue;
        rows.push_back({month, name_of(age), code_of(static_cast<Category>(k)), f, open, {}});
        total.figures += f;
      }
      if (rows.size() > first || total.capacity.value_or(0) > 0) rows.push_back(total);
      all.figures += total.figures;
    }
    if (places_known) all.capacity = capacity(places, open);
    rows.push_back(all);
  }
  return rows;
}

namespace {

double days(std::int64_t halves) {
  return static_cast<double>(halves) / 2.0;
}

std::string rate_text(const Row& row) {
  if (!row.capacity || *row.capacity == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", rate(row.figures.open, *row.capacity));
  return buf;
}

const char* kColumns[] = {"organization",
                          "name",
                          "kind",
                          "bc",
                          "month",
                          "age_group",
                          "category",
                          "planned_days",
                          "open_days",
                          "planned_closure_days",
                          "unpaid_closure_days",
                          "child_days",
                          "open_half_periods",
                          "capacity_days",
                          "occupancy_rate"};

// A row's words in `lang` (kind, age group, category and its label); the API's codes when "".
struct Words {
  std::string lang;
  std::string kind(const std::string& k) const {
    return lang.empty() ? k : i18n::t(lang, "occ.kind." + k);
  }
  std::string age(const std::string& a) const {
    if (lang.empty()) return a;
    return a == "all" ? i18n::t(lang, "occ.all_ages") : i18n::t(lang, "occupation.age_" + a);
  }
  std::string category(const std::string& c) const {
    return lang.empty() || c != "total" ? c : i18n::t(lang, "occ.total");
  }
  std::string category_label(const std::string& c) const {
    return c == "total" ? "" : i18n::t(lang, "occupation.cat_" + c);
  }
  // The headings: the codes, or the language's words with the category's label after its code.
  std::vector<std::string> heads() const {
    std::vector<std::string> out;
    for (const char* col : kColumns) {
      out.push_back(lang.empty() ? col : i18n::t(lang, std::string("occ.col.") + col));
      if (!lang.empty() && std::string(col) == "category")
        out.push_back(i18n::t(lang, "occ.col.category_label"));
    }
    return out;
  }
};

class CsvWriter final : public Writer {
 public:
  CsvWriter(std::ostream& out, const std::string& lang) : out_(out), words_{lang} {
    auto heads = words_.heads();
    for (size_t i = 0; i < heads.size(); ++i) out_ << (i ? "," : "") << csv::field(heads[i]);
    out_ << "\r\n";
  }
  void add(const OrgResult& r) override {
    for (const auto& row : rows_of(r)) {
      const auto& f = row.figures;
      out_ << r.org.number << ',' << csv::field(r.org.name) << ','
           << csv::field(words_.kind(r.org.kind)) << ',' << r.org.bc_number << ',' << row.month
           << ',' << csv::field(words_.age(row.age)) << ','
           << csv::field(words_.category(row.category));
      if (!words_.lang.empty()) out_ << ',' << csv::field(words_.category_label(row.category));
      out_ << ',' << days_text(f.planned) << ',' << days_text(f.open) << ','
           << days_text(f.planned_closure) << ',' << days_text(f.unpaid_closure) << ','
           << f.child_days << ',' << row.open_half_periods << ','
           << (row.capacity ? days_text(*row.capacity) : "") << ',' << rate_text(row) << "\r\n";
    }
  }
  void finish() override { out_.flush(); }

 private:
  std::ostream& out_;
  Words words_;
};

json figures_json(const Figures& f) {
  return {{"planned_days", days(f.planned)},
          {"open_days", days(f.open)},
          {"planned_closure_days", days(f.planned_closure)},
          {"unpaid_closure_days", days(f.unpaid_closure)},
          {"child_days", f.child_days}};
}

json warning_json(const ChildWarning& w) {
  return {{"dossier", w.ref},
          {"surname", w.surname},
          {"given_name", w.given_name},
          {"other_dossiers", w.other_refs},
          {"rule", "OCC-05"},
          {"limit", w.limit.kind == LimitWarning::year ? "261_days_per_reference_year"
                                                       : "20_days_per_4_weeks"},
          {"start", dates::format(w.limit.start)},
          {"end", dates::format(w.limit.end)},
          {"planned_days", days(w.limit.halves)}};
}

class JsonWriter final : public Writer {
 public:
  JsonWriter(std::ostream& out, Date from, Date to) : out_(out) {
    out_ << "{\"from\":\"" << dates::format(from) << "\",\"to\":\"" << dates::format(to)
         << "\",\"organizations\":[";
  }
  void add(const OrgResult& r) override {
    json rows = json::array();
    for (const auto& row : rows_of(r)) {
      json j = figures_json(row.figures);
      j["month"] = row.month;
      j["age_group"] = row.age;
      j["category"] = row.category;
      j["open_half_periods"] = row.open_half_periods;
      if (row.capacity) {
        j["capacity_days"] = days(*row.capacity);
        j["occupancy_rate"] = rate(row.figures.open, *row.capacity);
      }
      rows.push_back(std::move(j));
    }
    json warnings = json::array();
    for (const auto& w : r.warnings) warnings.push_back(warning_json(w));
    json org = {{"number", r.org.number},  {"name", r.org.name},
                {"kind", r.org.kind},      {"children", r.report.children},
                {"rows", std::move(rows)}, {"warnings", std::move(warnings)}};
    if (!r.org.bc_number.empty()) org["bc"] = r.org.bc_number;
    out_ << (first_ ? "" : ",") << org.dump();
    first_ = false;
  }
  void finish() override { out_ << "]}\n", out_.flush(); }

 private:
  std::ostream& out_;
  bool first_ = true;
};

class XlsxWriter final : public Writer {
 public:
  XlsxWriter(const std::string& path, const std::string& lang)
      : path_(path), words_{lang.empty() ? "fr" : lang} {
    wb_ = workbook_new(path.c_str());
    if (!wb_) throw std::runtime_error(path + ": cannot write the file");
    const auto& l = words_.lang;
    sheet_ = workbook_add_worksheet(wb_, i18n::t(l, "occ.sheet.occupation").c_str());
    warnings_ = workbook_add_worksheet(wb_, i18n::t(l, "occ.sheet.warnings").c_str());
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    rate_ = workbook_add_format(wb_);
    format_set_num_format(rate_, "0.0%");
    auto heads = words_.heads();
    for (size_t k = 0; k < heads.size(); ++k)
      worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(k), heads[k].c_str(), bold_);
    lxw_col_t k = 0;
    for (const char* col : {"organization", "dossier", "surname", "given_name", "limit", "start",
                            "end", "planned_days"})
      worksheet_write_string(warnings_, 0, k++, i18n::t(l, std::string("occ.col.") + col).c_str(),
                             bold_);
  }
  ~XlsxWriter() override {
    if (wb_) workbook_close(wb_);
  }
  void add(const OrgResult& r) override {
    const std::string kind = words_.kind(r.org.kind);
    for (const auto& row : rows_of(r)) {
      ++row_;
      const auto& f = row.figures;
      const std::string texts[] = {r.org.number,
                                   r.org.name,
                                   kind,
                                   r.org.bc_number,
                                   row.month,
                                   words_.age(row.age),
                                   words_.category(row.category),
                                   words_.category_label(row.category)};
      for (lxw_col_t k = 0; k < 8; ++k)
        worksheet_write_string(sheet_, row_, k, texts[k].c_str(), nullptr);
      double values[] = {days(f.planned),
                         days(f.open),
                         days(f.planned_closure),
                         days(f.unpaid_closure),
                         static_cast<double>(f.child_days),
                         static_cast<double>(row.open_half_periods)};
      for (lxw_col_t k = 0; k < 6; ++k)
        worksheet_write_number(sheet_, row_, 8 + k, values[k], nullptr);
      if (row.capacity) {
        worksheet_write_number(sheet_, row_, 14, days(*row.capacity), nullptr);
        if (*row.capacity > 0)
          worksheet_write_number(sheet_, row_, 15, rate(f.open, *row.capacity), rate_);
      }
    }
    for (const auto& w : r.warnings) {
      ++warning_row_;
      const std::string limit = i18n::t(
          words_.lang, w.limit.kind == LimitWarning::year ? "occ.limit.year" : "occ.limit.weeks");
      const std::string start = dates::format(w.limit.start), end = dates::format(w.limit.end);
      const std::string* texts[] = {&r.org.number, &w.ref, &w.surname, &w.given_name,
                                    &limit,        &start, &end};
      for (lxw_col_t k = 0; k < 7; ++k)
        worksheet_write_string(warnings_, warning_row_, k, texts[k]->c_str(), nullptr);
      worksheet_write_number(warnings_, warning_row_, 7, days(w.limit.halves), nullptr);
    }
  }
  void finish() override {
    auto err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR)
      throw std::runtime_error(path_ + ": cannot write the file (" + lxw_strerror(err) + ")");
  }

 private:
  std::string path_;
  Words words_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet *sheet_ = nullptr, *warnings_ = nullptr;
  lxw_format *bold_ = nullptr, *rate_ = nullptr;
  lxw_row_t row_ = 0, warning_row_ = 0;
};

}  // namespace

std::string days_text(std::int64_t halves, char decimal) {
  return std::to_string(halves / 2) + (halves % 2 ? std::string{decimal, '5'} : "");
}

std::unique_ptr<Writer> make_writer(Format f, std::ostream& out, const std::string& path, Date from,
                                    Date to, const std::string& lang) {
  switch (f) {
    case Format::csv: return std::make_unique<CsvWriter>(out, lang);
    case Format::json: return std::make_unique<JsonWriter>(out, from, to);
    case Format::xlsx: return std::make_unique<XlsxWriter>(path, lang);
  }
  return nullptr;
}

void write_csv(std::ostream& out, const std::vector<std::string>& heads, const Table& rows) {
  for (size_t i = 0; i < heads.size(); ++i) out << (i ? "," : "") << csv::field(heads[i]);
  out << "\r\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv::field(row[i].text);
    out << "\r\n";
  }
}

void write_xlsx(const std::string& path, const std::string& sheet,
                const std::vector<std::string>& heads, const Table& rows) {
  auto* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error(path + ": cannot write the file");
  auto* ws = workbook_add_worksheet(wb, sheet.c_str());
  auto* bold = workbook_add_format(wb);
  format_set_bold(bold);
  auto* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");
  for (size_t k = 0; k < heads.size(); ++k)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(k), heads[k].c_str(), bold);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t k = 0; k < rows[r].size(); ++k) {
      const auto& cell = rows[r][k];
      auto row = static_cast<lxw_row_t>(r + 1);
      auto col = static_cast<lxw_col_t>(k);
      if (cell.number)
        worksheet_write_number(ws, row, col, *cell.number, cell.percent ? percent : nullptr);
      else
        worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
    }
  auto err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    throw std::runtime_error(path + ": cannot write the file (" + lxw_strerror(err) + ")");
}

}  // namespace sgee::occupation
