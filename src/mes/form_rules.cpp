#include "mes/form_rules.hpp"

#include <sodium.h>

#include <algorithm>
#include <utility>

#include "platform/text.hpp"

namespace sgee::mes {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

Note note(std::string key, std::string field, Params params = {}) {
  return Note{std::move(key), std::move(params), std::move(field)};
}

Field read_only(std::string id) {
  Field f;
  f.id = std::move(id);
  f.section = Section::identity;
  f.type = FieldType::read_only;
  return f;
}

Field field(std::string id, Section s, FieldType t, bool required, std::size_t max_length = 0) {
  Field f;
  f.id = std::move(id);
  f.section = s;
  f.type = t;
  f.required = required;
  f.max_length = max_length;
  return f;
}

std::vector<Field> make_form_fields() {
  std::vector<Field> v;
  // Section 1: « Les informations concernant l'enfant proviennent du Portail … Les informations
  // concernant le SGEE proviennent du système CAFE » (here: the register).
  for (const char* id :
       {"identity.child_name", "identity.child_birth_date", "identity.confirmation_number",
        "identity.provider_name", "identity.provider_number", "identity.provider_kind",
        "identity.provider_address"})
    v.push_back(read_only(id));
  // Section 2: « les détails liés à la fréquentation », « la déficience et/ou les incapacités
  // fonctionnelles et/ou comportementales », « si un plan d'intégration est appliqué ».
  const auto S = Section::situation;
  v.push_back(field("situation.attendance_start", S, FieldType::date, true));
  Field days = field("situation.days_per_week", S, FieldType::integer, true);
  days.min = 1;
  days.max = 7;
  v.push_back(days);
  v.push_back(field("situation.schedule", S, FieldType::text, true, kMaxShortText));
  for (const char* id : {"situation.impairment", "situation.functional_incapacities",
                         "situation.behavioural_incapacities"}) {
    Field f = field(id, S, FieldType::textarea, false, kMaxLongText);
    f.group = "situation.description";
    v.push_back(f);
  }
  v.push_back(field("situation.integration_plan", S, FieldType::yes_no, true));
  Field plan_date = field("situation.integration_plan_date", S, FieldType::date, false);
  plan_date.required_if = {"situation.integration_plan", "yes"};
  plan_date.not_after_today = true;
  v.push_back(plan_date);
  // Section 3, per sub-section.
  for (const auto& sub : needs_subsections()) {
    const std::string p = "needs." + sub + ".";
    Field ex = field(p + "exceptional", Section::needs, FieldType::yes_no, true);
    ex.subsection = sub;
    v.push_back(ex);
    for (const char* name : {"difficulty", "support"}) {
      Field f = field(p + name, Section::needs, FieldType::textarea, false, kMaxLongText);
      f.subsection = sub;
      f.required_if = {p + "exceptional", "yes"};
      v.push_back(f);
    }
  }
  // Summary: the hours are computed (MES-06); a free note.
  Field hours = read_only("summary.hours");
  hours.section = Section::summary;
  v.push_back(hours);
  v.push_back(field("summary.note", Section::summary, FieldType::textarea, false, kMaxLongText));
  return v;
}

std::vector<Field> make_moment_fields() {
  const auto T = Section::typical_day;
  return {field("typical_day.moment.start", T, FieldType::time, true),
          field("typical_day.moment.end", T, FieldType::time, true),
          field("typical_day.moment.transition", T, FieldType::yes_no, true),
          field("typical_day.moment.label", T, FieldType::text, true, kMaxShortText),
          field("typical_day.moment.needs", T, FieldType::textarea, true, kMaxLongText),
          field("typical_day.moment.actions", T, FieldType::textarea, true, kMaxLongText)};
}

bool blank(std::string_view v) {
  return text::trim(v).empty();
}

// The notes for one typed value of field `f` (reported as `id`).
void check_value(const Field& f, const std::string& id, const std::string& value, bool required,
                 Date today, std::vector<Note>& out) {
  const Params label = {{"label", f.label_key()}};
  if (blank(value)) {
    if (required) out.push_back(note("mes.form.required", id, label));
    return;
  }
  const std::string_view v = text::trim(value);
  switch (f.type) {
    case FieldType::read_only: return;
    case FieldType::text:
    case FieldType::textarea:
      if (!text::valid_utf8(value))
        out.push_back(note("mes.form.bad_text", id, label));
      else if (text::code_points(value).size() > f.max_length)
        out.push_back(note("mes.form.too_long", id,
                           {{"label", f.label_key()}, {"max", std::to_string(f.max_length)}}));
      return;
    case FieldType::date: {
      auto d = dates::parse(v);
      if (!d)
        out.push_back(note("mes.form.bad_date", id, label));
      else if (f.not_after_today && *d > today)
        out.push_back(note("mes.form.date_in_future", id, label));
      return;
    }
    case FieldType::integer: {
      auto n = text::to_int(v);
      if (!n || *n < f.min || *n > f.max)
        out.push_back(note("mes.form.bad_number", id,
                           {{"label", f.label_key()},
                            {"min", std::to_string(f.min)},
                            {"max", std::to_string(f.max)}}));
      return;
    }
    case FieldType::yes_no:
      if (v != "yes" && v != "no") out.push_back(note("mes.form.bad_choice", id, label));
      return;
    case FieldType::time:
      if (!time_minutes(v)) out.push_back(note("mes.form.bad_time", id, label));
      return;
  }
}

std::string moment_value(const Moment& m, std::string_view name) {
  if (name == "start") return m.start;
  if (name == "end") return m.end;
  if (name == "transition") return m.transition;
  if (name == "label") return m.label;
  if (name == "needs") return m.needs;
  return m.actions;
}

std::string moment_id(std::size_t n, std::string_view name) {
  return "typical_day.moments." + std::to_string(n) + "." + std::string(name);
}

std::string_view moment_name(const Field& f) {
  return std::string_view(f.id).substr(std::string_view("typical_day.moment.").size());
}

std::string two_digits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

const std::vector<Section>& form_sections() {
  static const std::vector<Section> v = {Section::identity, Section::situation, Section::needs,
                                         Section::typical_day, Section::summary};
  return v;
}

const std::vector<Section>& all_sections() {
  static const std::vector<Section> v = {Section::identity, Section::situation,
                                         Section::needs,    Section::typical_day,
                                         Section::summary,  Section::documents};
  return v;
}

std::string_view to_string(Section s) {
  switch (s) {
    case Section::identity: return "identity";
    case Section::situation: return "situation";
    case Section::needs: return "needs";
    case Section::typical_day: return "typical_day";
    case Section::summary: return "summary";
    case Section::documents: return "documents";
  }
  return "identity";
}

std::optional<Section> section_from(std::string_view s) {
  for (auto x : all_sections())
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string section_key(Section s) {
  return "mes.section." + std::string(to_string(s));
}

std::optional<Section> section_of(std::string_view field_id) {
  return section_from(field_id.substr(0, field_id.find('.')));
}

const std::vector<std::string>& needs_subsections() {
  static const std::vector<std::string> v = {"care", "mobility", "communication", "social",
                                             "behaviour"};
  return v;
}

const std::vector<Field>& form_fields() {
  static const std::vector<Field> v = make_form_fields();
  return v;
}

const std::vector<Field>& moment_fields() {
  static const std::vector<Field> v = make_moment_fields();
  return v;
}

const Field* find_field(std::string_view id) {
  for (const auto& f : form_fields())
    if (f.id == id) return &f;
  for (const auto& f : moment_fields())
    if (f.id == id) return &f;
  return nullptr;
}

std::vector<const Field*> fields_of(Section s) {
  std::vector<const Field*> out;
  for (const auto& f : form_fields())
    if (f.section == s) out.push_back(&f);
  if (s == Section::typical_day)
    for (const auto& f : moment_fields()) out.push_back(&f);
  return out;
}

std::vector<Note> check_section(Section s, const Answers& a, Date today) {
  std::vector<Note> out;
  if (s == Section::typical_day) {
    if (a.moments.empty()) out.push_back(note("mes.form.no_moment", "typical_day"));
    if (a.moments.size() > kMaxMoments)
      out.push_back(
          note("mes.form.too_many_moments", "typical_day", {{"max", std::to_string(kMaxMoments)}}));
    for (std::size_t i = 0; i < a.moments.size(); ++i) {
      const Moment& m = a.moments[i];
      for (const auto& f : moment_fields()) {
        auto name = moment_name(f);
        check_value(f, moment_id(i + 1, name), moment_value(m, name), f.required, today, out);
      }
      auto from = time_minutes(text::trim(m.start)), to = time_minutes(text::trim(m.end));
      if (from && to && *to <= *from)
        out.push_back(note("mes.form.end_before_start", moment_id(i + 1, "end"),
                           {{"label", "mes.field.typical_day.moment.end"}}));
    }
    return out;
  }
  std::vector<std::string> groups_seen;
  for (const auto& f : form_fields()) {
    if (f.section != s || f.type == FieldType::read_only) continue;
    bool required = f.required;
    if (f.required_if) required = text::trim(a.get(f.required_if->first)) == f.required_if->second;
    check_value(f, f.id, a.get(f.id), required, today, out);
    if (!f.group.empty() &&
        std::find(groups_seen.begin(), groups_seen.end(), f.group) == groups_seen.end()) {
      groups_seen.push_back(f.group);
      bool any = std::any_of(form_fields().begin(), form_fields().end(), [&](const Field& g) {
        return g.group == f.group && !blank(a.get(g.id));
      });
      if (!any)
        out.push_back(
            note("mes.form.one_of_required", f.group, {{"group", "mes.group." + f.group}}));
    }
  }
  if (s == Section::needs) {
    bool any = std::any_of(needs_subsections().begin(), needs_subsections().end(),
                           [&](const std::string& sub) {
                             return text::trim(a.get("needs." + sub + ".exceptional")) == "yes";
                           });
    // Only once every sub-section is answered: a page half filled says « required » first.
    bool all_answered = std::none_of(
        needs_subsections().begin(), needs_subsections().end(),
        [&](const std::string& sub) { return blank(a.get("needs." + sub + ".exceptional")); });
    if (!any && all_answered) out.push_back(note("mes.form.no_exceptional_need", "needs"));
  }
  return out;
}

std::vector<Note> check_form(const Answers& a, Date today) {
  std::vector<Note> out;
  for (auto s : form_sections()) {
    auto part = check_section(s, a, today);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::optional<int> time_minutes(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

int union_minutes(const std::vector<Moment>& moments) {
  std::vector<std::pair<int, int>> spans;
  for (const auto& m : moments) {
    auto from = time_minutes(text::trim(m.start)), to = time_minutes(text::trim(m.end));
    if (from && to && *from < *to) spans.emplace_back(*from, *to);
  }
  std::sort(spans.begin(), spans.end());
  int total = 0, cur_from = -1, cur_to = -1;
  for (const auto& [from, to] : spans) {
    if (from > cur_to) {
      total += cur_to - cur_from;
      cur_from = from;
      cur_to = to;
    } else {
      cur_to = std::max(cur_to, to);
    }
  }
  return total + (cur_to - cur_from);
}

std::vector<std::pair<std::string, std::string>> duration_params(const std::string& prefix,
                                                                 int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  return {{prefix + "_fr", std::to_string(h) + " h" + (m ? " " + two_digits(m) : "")},
          {prefix + "_en", std::to_string(h) + ":" + two_digits(m)}};
}

int requested_minutes(RequestType t, const std::vector<Moment>& moments,
                      std::optional<int> granted_before) {
  if (t == RequestType::renewal_without_changes && granted_before) return *granted_before;
  return union_minutes(moments);
}

std::vector<Note> check_hours(RequestType t, const std::vector<Moment>& moments,
                              std::optional<int> granted_before) {
  std::vector<Note> out;
  const int asked = union_minutes(moments);
  if (asked > kMaxMinutesPerDay) {
    Note n = note("mes.hours.over_max", "typical_day", duration_params("hours", asked));
    n.params.push_back({"max", std::to_string(kMaxMinutesPerDay / 60)});
    out.push_back(n);
  }
  if (t == RequestType::renewal_without_changes && granted_before && !moments.empty() &&
      asked != *granted_before) {
    Note n = note("mes.hours.renewal_differs", "typical_day", duration_params("hours", asked));
    auto g = duration_params("granted", *granted_before);
    n.params.insert(n.params.end(), g.begin(), g.end());
    out.push_back(n);
  }
  return out;
}

Answers prefill(RequestType t, const std::optional<Answers>& renewed) {
  Answers a;
  if ((t != RequestType::renewal_without_changes && t != RequestType::renewal_with_changes) ||
      !renewed)
    return a;
  for (const auto& [id, value] : renewed->fields) {
    const Field* f = find_field(id);
    if (f && f->type != FieldType::read_only) a.fields[id] = value;
  }
  a.moments = renewed->moments;
  return a;
}

std::map<std::string, std::string> flatten(const Answers& a) {
  std::map<std::string, std::string> out;
  for (const auto& [id, value] : a.fields)
    if (!value.empty()) out[id] = value;
  for (std::size_t i = 0; i < a.moments.size(); ++i)
    for (const auto& f : moment_fields()) {
      auto name = moment_name(f);
      auto value = moment_value(a.moments[i], name);
      if (!value.empty()) out[moment_id(i + 1, name)] = value;
    }
  return out;
}

std::vector<SectionChanges> diff(const Answers& before, const Answers& after) {
  const auto b = flatten(before), c = flatten(after);
  std::map<std::string, FieldChange> changes;  // by id
  for (const auto& [id, v] : b) {
    auto it = c.find(id);
    if (it == c.end())
      changes[id] = {id, v, ""};
    else if (it->second != v)
      changes[id] = {id, v, it->second};
  }
  for (const auto& [id, v] : c)
    if (!b.count(id)) changes[id] = {id, "", v};
  std::vector<SectionChanges> out;
  for (auto s : form_sections()) {
    SectionChanges sc{s, {}};
    for (const auto& [id, ch] : changes)
      if (section_of(id) == s) sc.changes.push_back(ch);
    if (!sc.changes.empty()) out.push_back(std::move(sc));
  }
  return out;
}

std::vector<SectionChanges> changes_since_last_transmission(const std::vector<Version>& versions) {
  const Version* last = nullptr;
  const Version* before = nullptr;
  for (const auto& v : versions) {
    if (!last || v.number > last->number) {
      before = last;
      last = &v;
    } else if (!before || v.number > before->number) {
      before = &v;
    }
  }
  if (!last || !before) return {};
  return diff(before->answers, last->answers);
}

std::string content_hash(RequestType t, const Answers& a, const std::vector<Attachment>& files) {
  // Each item as "<length>:<bytes>" so that no value can imitate a separator.
  std::string canon;
  auto add = [&](std::string_view s) {
    canon += std::to_string(s.size());
    canon += ':';
    canon += s;
  };
  add("mes-content-v1");
  add(to_string(t));
  for (const auto& [id, value] : flatten(a)) {
    add(id);
    add(value);
  }
  std::vector<std::pair<std::string, std::string>> f;
  for (const auto& x : files) f.emplace_back(x.nature, x.sha256);
  std::sort(f.begin(), f.end());
  add("files");
  for (const auto& [nature, sha] : f) {
    add(nature);
    add(sha);
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
  return text::hex(out, sizeof out);
}

}  // namespace sgee::mes
