#pragma once
// The family file's SQL (tables family_files, portail_children, portail_choices of migration
// 0013). Every read and change of a child or a choice takes the family's id as well, so that a
// parent reaches only the rows of their own file: another family's child id finds nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "portail/family_rules.hpp"

namespace sgee::portail::family_store {

// An address of the reference (the same as the dossier form's autocomplete), with its position.
struct HomeAddress {
  std::string civic_number, street, municipality, postal_code;
  std::optional<double> latitude, longitude;
};
// The reference's address with this civic number, street and municipality (accents and case
// ignored), if there is one.
std::optional<HomeAddress> reference_address(db::Connection& c, const std::string& civic_number,
                                             const std::string& street,
                                             const std::string& municipality);

struct Family {
  std::int64_t id = 0, user_id = 0;
  std::string parent1_surname, parent1_given_name;
  std::string parent2_surname, parent2_given_name, parent2_email;  // "" when none
  HomeAddress address;
  std::string phone, language;  // phone: 10 digits
};
std::optional<Family> family_of_user(db::Connection& c, std::int64_t user_id);
// Creates the user's file or updates it (`f.id` 0: create); returns its id.
std::int64_t save_family(db::Connection& c, const Family& f);
// Deletes the file, its children and their choices; returns how many children and choices went.
struct Deleted {
  std::int64_t children = 0, choices = 0;
};
Deleted delete_family(db::Connection& c, std::int64_t family_id);

struct Child {
  std::int64_t id = 0, family_id = 0;
  std::string confirmation_number;
  ChildInput data;           // schedule parsed; special_needs_text "" when none
  std::int64_t choices = 0;  // how many providers chosen (children_of only)
};
// The file's children, in the order they were added, with their number of choices.
std::vector<Child> children_of(db::Connection& c, std::int64_t family_id);
// One child of this family; nullopt for another family's child.
std::optional<Child> child(db::Connection& c, std::int64_t family_id, std::int64_t child_id);
// Adds a child with a new confirmation number (random, retried on the rare collision); returns
// its id and number.
Child add_child(db::Connection& c, std::int64_t family_id, const ChildInput& data);
void update_child(db::Connection& c, std::int64_t family_id, std::int64_t child_id,
                  const ChildInput& data);
// Withdraws the child and its choices; false when it is not this family's.
bool delete_child(db::Connection& c, std::int64_t family_id, std::int64_t child_id);

// A provider a parent may choose: an installation (CPE, GS, GNS) or an RSGE whose fiche is
// published.
struct Provider {
  std::int64_t id = 0;
  std::string number, name, kind, installation_kind;  // kind: "installation" | "rsge"
  std::string municipality;
};
// Not an RSGE suspended today (POR-06: until the days before her return her BC chose).
std::optional<Provider> choosable_provider(db::Connection& c, const std::string& number);

struct Choice {
  Provider provider;
  bool share_special_needs = false;
  std::string chosen_at;
};
std::vector<Choice> choices_of(db::Connection& c, std::int64_t child_id);
// Which of the family's children chose this provider, and with the special needs shared or not.
std::vector<std::pair<std::int64_t, bool>> choosers(db::Connection& c, std::int64_t family_id,
                                                    std::int64_t organization_id);
// Adds or updates the child's choice (the child must be checked as the family's by the caller).
void set_choice(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                bool share_special_needs, const std::string& now);
bool remove_choice(db::Connection& c, std::int64_t child_id, std::int64_t organization_id);

}  // namespace sgee::portail::family_store
