#pragma once
// The parents' family file (issue 14, POR-01): pure rules, no database, no HTTP, no clock.
// - the children's confirmation numbers (numéro de confirmation d'inscription): 10 characters
//   of an alphabet without look-alikes, 9 drawn at random and a check character;
// - what a family file and a child (with its request) must hold, each refusal naming its field.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/date.hpp"

namespace sgee::portail {

// ---------------------------------------------------------------------------------------------
// Confirmation numbers. 31 characters: digits and capital letters without 0 O 1 I L (read aloud
// or copied from paper, none can be taken for another). Position i (0…9) weighs i + 1; the
// weighted sum of the 10 values is 0 modulo 31 (a prime), so changing any one character, or
// swapping two neighbours, always breaks it. The 9 random characters give 31^9 ≈ 2.6·10^13
// numbers (44 bits): guessing one of the ~30,000 in use is a chance in 10^9.
inline constexpr std::string_view kConfirmationAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr size_t kConfirmationLength = 10;

// The check character for the first 9 characters (all from the alphabet); nullopt otherwise.
std::optional<char> confirmation_check_char(std::string_view first9);
// A number from random bytes (the CSPRNG's): each byte below 248 gives one character (byte % 31,
// unbiased), the others are skipped. nullopt when the bytes run out before 9 characters (with
// 32 bytes, a chance below 10^-30).
std::optional<std::string> confirmation_number_from(std::span<const unsigned char> random);
// What a person typed, as stored: spaces and hyphens dropped, letters in capitals.
std::string normalized_confirmation_number(std::string_view typed);
// 10 characters of the alphabet whose check character is right (give it normalized).
bool valid_confirmation_number(std::string_view number);

// ---------------------------------------------------------------------------------------------
// A refusal: the form field it is about and the i18n key of the rule ("family.err.required").
struct FieldError {
  std::string field, key;
  bool operator==(const FieldError&) const = default;
};

inline constexpr size_t kMaxNameLength = 50;           // surnames and given names
inline constexpr size_t kMaxSpecialNeedsLength = 500;  // the short text about special needs
inline constexpr size_t kMaxEmailLength = 254;

// The family file as typed (fields trimmed by the caller). The address is checked against the
// reference by the store; here only that its parts are there.
struct FamilyInput {
  std::string parent1_surname, parent1_given_name;
  std::string parent2_surname, parent2_given_name, parent2_email;  // all empty: no second parent
  std::string civic_number, street, municipality, postal_code;
  std::string phone, language;
};
// The phone as stored: its 10 digits ("4185551234"), a leading 1 dropped; nullopt when it is not
// a North American number.
std::optional<std::string> normalized_phone(std::string_view typed);
// "418 555-1234" for a stored phone.
std::string phone_text(std::string_view digits);
std::vector<FieldError> family_errors(const FamilyInput& f);
// One "@", a dot after it, no space, at most kMaxEmailLength bytes.
bool looks_like_email(std::string_view e);

// The days of the request's schedule (Monday first), each a mask of csg's six half-periods.
using WeekMasks = std::array<std::uint8_t, 7>;
// "3,3,3,3,3,0,0" and back; nullopt for anything else (a bad count, a mask above 63).
std::string schedule_text(const WeekMasks& week);
std::optional<WeekMasks> parse_schedule(std::string_view s);

// A child and its request as typed.
struct ChildInput {
  std::string surname, given_name, birth_date, sex;  // sex: F, M or X
  bool special_needs = false;
  std::string special_needs_text;
  std::string desired_start;
  WeekMasks schedule{};
  bool accept_partial = false, accept_replacement = false;
  // The admission priorities the parent says apply (codes of the ministry's list, table
  // priority_criteria; never "special_needs", the child's own flag above). Issue 15.
  std::vector<std::string> priority_criteria;
};
// POR-01: names, a real birth date that is not after `today` (born or adopted), a sex, a short
// special needs text, a desired start date that is a real date not before the birth date, and at
// least one half-period.
std::vector<FieldError> child_errors(const ChildInput& ch, dates::Date today);

}  // namespace sgee::portail
