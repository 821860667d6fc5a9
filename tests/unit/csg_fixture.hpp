#pragma once
// Shared fixture of the registry's rule tests (src/csg/rules.hpp): a complete, valid dossier that
// gives no finding, the context it is checked in, and helpers to run table-driven cases on
// modified copies of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "csg/model.hpp"
#include "csg/rules.hpp"
#include "platform/date.hpp"

namespace sgee::csg {

// gtest prints findings readably in failure messages.
inline void PrintTo(const Finding& f, std::ostream* os) {
  *os << "{" << f.code << ", " << f.field;
  if (!f.agreement.empty()) *os << ", agreement " << f.agreement;
  *os << "}";
}

}  // namespace sgee::csg

namespace sgee::test {

inline csg::Date ymd(int y, unsigned m, unsigned d) {
  return dates::from_ymd(y, m, d);
}

inline constexpr std::uint8_t kDay = csg::kAm | csg::kPm;  // a full day: Jour P1 + Jour P2

// A one-week pattern: `mask` Monday to Friday, nothing on the weekend.
inline csg::Schedule weekdays(std::uint8_t mask = kDay) {
  return csg::Schedule{1, {mask, mask, mask, mask, mask, 0, 0}};
}

// A pattern made of the given weeks (each 7 masks, Monday first).
inline csg::Schedule pattern(const std::vector<std::vector<std::uint8_t>>& weeks) {
  csg::Schedule s;
  s.weeks = static_cast<int>(weeks.size());
  for (const auto& w : weeks) s.days.insert(s.days.end(), w.begin(), w.end());
  return s;
}

// `text` repeated `n` times (names counted in characters: "é" is one).
inline std::string repeat(const std::string& text, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += text;
  return s;
}

inline csg::Agreement agreement(const std::string& ref, csg::Date start, csg::Date end) {
  csg::Agreement a;
  a.ref = ref;
  a.start = start;
  a.end = end;
  a.is_signed = true;
  a.schedule = weekdays();
  return a;
}

// A complete and valid dossier: check_dossier finds nothing in it.
inline csg::Dossier csg_valid_dossier() {
  csg::Dossier d;
  d.ref = "D-0001";
  d.child.surname = "Bégin";
  d.child.given_name = "Léo";
  d.child.sex = csg::Sex::M;
  d.child.birth_date = ymd(2022, 4, 10);
  d.child.born_outside_quebec = false;
  d.child.nirec = "1202204101002";
  d.guardian.surname = "Bégin";
  d.guardian.given_name = "André";
  d.guardian.role = csg::Role::father;
  d.guardian.address.civic_number = "1234";
  d.guardian.address.street = "rue des Érables";
  d.guardian.address.municipality = "Québec";
  d.guardian.address.postal_code = "G1G 1G1";
  d.age_brackets = {{csg::Bracket::infant, ymd(2022, 4, 10)},
                    {csg::Bracket::toddler, ymd(2023, 10, 10)}};
  d.agreements = {agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31))};
  return d;
}

// Today is 2026-11-23; nothing else is known (no civil registry, no address reference, no stored
// version, no other dossier, no reservations).
inline csg::Context csg_context() {
  csg::Context c;
  c.today = ymd(2026, 11, 23);
  return c;
}

// The codes of the findings, in order.
inline std::vector<std::string> codes(const std::vector<csg::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

// The (code, field) pairs of the findings, in order.
inline std::vector<std::pair<std::string, std::string>> code_fields(
    const std::vector<csg::Finding>& findings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : findings) out.emplace_back(f.code, f.field);
  return out;
}

inline bool has_code(const std::vector<csg::Finding>& findings, const std::string& code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const csg::Finding& f) { return f.code == code; });
}

// The findings in a fixed order, to compare them as a multiset.
inline std::vector<csg::Finding> sorted(std::vector<csg::Finding> findings) {
  std::sort(findings.begin(), findings.end(), [](const csg::Finding& a, const csg::Finding& b) {
    return std::tie(a.code, a.field, a.agreement) < std::tie(b.code, b.field, b.agreement);
  });
  return findings;
}

// What a case modifies: the dossier, its context, and a stored version (the baseline until the
// case changes it; ctx.stored points to it only when the case says so).
struct Fixture {
  csg::Dossier d = csg_valid_dossier();
  csg::Context ctx = csg_context();
  csg::Dossier stored = csg_valid_dossier();
  void use_stored() { ctx.stored = &stored; }
};

struct Case {
  std::string label;
  std::function<void(Fixture&)> change;
  std::vector<csg::Finding> want;  // every finding of the checked group, in any order
};

using Check = std::vector<csg::Finding> (*)(const csg::Dossier&, const csg::Context&);

// Runs each case on a fresh copy of the baseline: the group's findings must be exactly `want`.
inline void run_cases(Check check, const std::vector<Case>& cases) {
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    Fixture f;
    tc.change(f);
    EXPECT_EQ(sorted(check(f.d, f.ctx)), sorted(tc.want));
  }
}

}  // namespace sgee::test
