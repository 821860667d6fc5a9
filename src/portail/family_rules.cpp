#include "portail/family_rules.hpp"

#include "platform/text.hpp"

namespace sgee::portail {

namespace {

constexpr unsigned kBase = 31;          // kConfirmationAlphabet.size(), a prime
constexpr unsigned kInverseOfTen = 28;  // 10 · 28 = 280 = 9 · 31 + 1
static_assert(kConfirmationAlphabet.size() == kBase);
static_assert(10 * kInverseOfTen % kBase == 1);

int value_of(char ch) {
  auto at = kConfirmationAlphabet.find(ch);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

size_t length(std::string_view s) {
  return text::code_points(s).size();
}

void name_rule(std::vector<FieldError>& out, const std::string& field, const std::string& value) {
  if (value.empty())
    out.push_back({field, "family.err.required"});
  else if (length(value) > kMaxNameLength)
    out.push_back({field, "family.err.name_too_long"});
}

}  // namespace

bool looks_like_email(std::string_view e) {
  auto at = e.find('@');
  return at != std::string_view::npos && at > 0 && e.find('@', at + 1) == std::string_view::npos &&
         e.find('.', at) != std::string_view::npos && e.back() != '.' &&
         e.find(' ') == std::string_view::npos && e.size() <= kMaxEmailLength;
}

std::optional<char> confirmation_check_char(std::string_view first9) {
  if (first9.size() != kConfirmationLength - 1) return std::nullopt;
  unsigned sum = 0;
  for (size_t i = 0; i < first9.size(); ++i) {
    int v = value_of(first9[i]);
    if (v < 0) return std::nullopt;
    sum = (sum + static_cast<unsigned>(i + 1) * static_cast<unsigned>(v)) % kBase;
  }
  // The last character weighs 10: 10 · v ≡ -sum, so v = -sum · 10⁻¹.
  unsigned check = (kBase - sum) % kBase * kInverseOfTen % kBase;
  return kConfirmationAlphabet[check];
}

std::optional<std::string> confirmation_number_from(std::span<const unsigned char> random) {
  std::string out;
  for (unsigned char b : random) {
    if (out.size() == kConfirmationLength - 1) break;
    if (b >= 256 / kBase * kBase) continue;  // 248…255 would favour the first 8 characters
    out += kConfirmationAlphabet[b % kBase];
  }
  if (out.size() != kConfirmationLength - 1) return std::nullopt;
  out += *confirmation_check_char(out);
  return out;
}

std::string normalized_confirmation_number(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    out += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  return out;
}

bool valid_confirmation_number(std::string_view number) {
  if (number.size() != kConfirmationLength) return false;
  auto check = confirmation_check_char(number.substr(0, kConfirmationLength - 1));
  return check && *check == number.back();
}

std::optional<std::string> normalized_phone(std::string_view typed) {
  std::string digits;
  for (char ch : typed) {
    if (ch >= '0' && ch <= '9')
      digits += ch;
    else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')' && ch != '+')
      return std::nullopt;
  }
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  // North American numbers: area code and exchange do not start with 0 or 1.
  if (digits.size() != 10 || digits[0] < '2' || digits[3] < '2') return std::nullopt;
  return digits;
}

std::string phone_text(std::string_view d) {
  if (d.size() != 10) return std::string(d);
  return std::string(d.substr(0, 3)) + " " + std::string(d.substr(3, 3)) + "-" +
         std::string(d.substr(6));
}

std::vector<FieldError> family_errors(const FamilyInput& f) {
  std::vector<FieldError> out;
  name_rule(out, "parent1_surname", f.parent1_surname);
  name_rule(out, "parent1_given_name", f.parent1_given_name);
  // A second parent is optional; once one of the fields is filled, both names are needed.
  bool second =
      !f.parent2_surname.empty() || !f.parent2_given_name.empty() || !f.parent2_email.empty();
  if (second) {
    name_rule(out, "parent2_surname", f.parent2_surname);
    name_rule(out, "parent2_given_name", f.parent2_given_name);
    if (!f.parent2_email.empty() && !looks_like_email(f.parent2_email))
      out.push_back({"parent2_email", "family.err.email"});
  }
  if (f.civic_number.empty() || f.street.empty() || f.municipality.empty())
    out.push_back({"address", "family.err.address_required"});
  else if (length(f.civic_number) > 10 || length(f.street) > 100 || length(f.municipality) > 100)
    out.push_back({"address", "family.err.address_unknown"});
  if (!f.postal_code.empty() && !text::valid_postal_code(f.postal_code))
    out.push_back({"postal_code", "family.err.postal_code"});
  if (f.phone.empty())
    out.push_back({"phone", "family.err.required"});
  else if (!normalized_phone(f.phone))
    out.push_back({"phone", "family.err.phone"});
  if (f.language != "fr" && f.language != "en") out.push_back({"language", "family.err.language"});
  return out;
}

std::string schedule_text(const WeekMasks& week) {
  std::string out;
  for (size_t d = 0; d < week.size(); ++d) {
    if (d) out += ',';
    out += std::to_string(week[d]);
  }
  return out;
}

std::optional<WeekMasks> parse_schedule(std::string_view s) {
  auto parts = text::split(s, ',');
  WeekMasks week{};
  if (parts.size() != week.size()) return std::nullopt;
  for (size_t d = 0; d < week.size(); ++d) {
    auto v = text::to_int(parts[d]);
    if (!v || *v < 0 || *v > 63) return std::nullopt;
    week[d] = static_cast<std::uint8_t>(*v);
  }
  return week;
}

std::vector<FieldError> child_errors(const ChildInput& ch, dates::Date today) {
  std::vector<FieldError> out;
  name_rule(out, "surname", ch.surname);
  name_rule(out, "given_name", ch.given_name);
  auto born = dates::parse(ch.birth_date);
  if (ch.birth_date.empty())
    out.push_back({"birth_date", "family.err.required"});
  else if (!born)
    out.push_back({"birth_date", "family.err.date"});
  else if (*born > today)
    out.push_back({"birth_date", "family.err.birth_future"});
  if (ch.sex != "F" && ch.sex != "M" && ch.sex != "X") out.push_back({"sex", "family.err.sex"});
  if (ch.special_needs && length(ch.special_needs_text) > kMaxSpecialNeedsLength)
    out.push_back({"special_needs_text", "family.err.text_too_long"});
  auto start = dates::parse(ch.desired_start);
  if (ch.desired_start.empty())
    out.push_back({"desired_start", "family.err.required"});
  else if (!start)
    out.push_back({"desired_start", "family.err.date"});
  else if (born && *born <= today && *start < *born)  // a future birth date has its message
    out.push_back({"desired_start", "family.err.start_before_birth"});
  bool any = false;
  for (auto m : ch.schedule) any = any || m != 0;
  if (!any) out.push_back({"schedule", "family.err.schedule_empty"});
  return out;
}

}  // namespace sgee::portail
