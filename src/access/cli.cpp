#include "access/cli.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "access/rules.hpp"
#include "access/store.hpp"
#include "platform/csv.hpp"
#include "platform/db/db.hpp"
#include "platform/mail.hpp"
#include "platform/text.hpp"

namespace sgee::access {
namespace {

void require_number(const std::string& flag, const std::string& value) {
  if (!valid_org_number(value))
    throw std::invalid_argument(flag + ": expected 8 digits, got '" + value + "'");
}

void require_places(const std::string& flag, std::int64_t value) {
  if (value < 0 || value > 10000)
    throw std::invalid_argument(flag + ": expected a number of places from 0 to 10000");
}

void require_region(const std::string& value) {
  if (!value.empty() && !valid_region(value))
    throw std::invalid_argument("--region: expected an administrative region from 01 to 17, got '" +
                                value + "'");
}

// Runs `body` in one write transaction; a store refusal becomes a one-line failure.
template <typename F>
int in_transaction(const std::string& db_url, F body) {
  auto c = db::connect(db_url);
  db::Transaction tx(*c);
  try {
    body(*c);
  } catch (const store::Refused& e) {
    throw std::runtime_error(e.what());
  }
  tx.commit();
  return 0;
}

Organization parent_of_kind(db::Connection& c, const std::string& number, OrgKind kind) {
  auto p = store::organization_by_number(c, number);
  if (!p || p->kind != kind)
    throw std::runtime_error(std::string(to_string(kind)) + " " + number + " not found");
  return *p;
}

}  // namespace

void add_commands(CLI::App& root, cli::Registry& registry) {
  auto* org = root.add_subcommand("org", "Organizations: divisions, installations, BCs, RSGE");
  org->require_subcommand(1);

  struct OrgFlags {
    std::string number, name, legal_form, neq, division, bc, kind, region;
    std::int64_t p0 = 0, p18 = 0, pschool = 0, places = 0;
  };
  auto f = std::make_shared<OrgFlags>();

  auto* div =
      org->add_subcommand("add-division", "Add a division (a legal entity running installations)");
  div->add_option("--number", f->number, "8-digit division number")->required();
  div->add_option("--name", f->name, "Name")->required();
  div->add_option("--legal-form", f->legal_form, "sole | corporation | nonprofit | partnership")
      ->required()
      ->check(CLI::IsMember({"sole", "corporation", "nonprofit", "partnership"}));
  div->add_option("--neq", f->neq, "Québec enterprise number (10 digits)");
  registry.add(div, [&registry, f] {
    require_number("--number", f->number);
    if (!f->neq.empty() && !valid_neq(f->neq))
      throw std::invalid_argument("--neq: expected 10 digits");
    return in_transaction(registry.db_url, [&](db::Connection& c) {
      Organization o;
      o.kind = OrgKind::division;
      o.number = f->number;
      o.name = f->name;
      o.legal_form = f->legal_form;
      if (!f->neq.empty()) o.neq = f->neq;
      store::add_organization(c, o);
      std::cout << "division " << o.number << " added\n";
    });
  });

  auto* inst = org->add_subcommand("add-installation", "Add an installation of a division");
  inst->add_option("--division", f->division, "Its division's number")->required();
  inst->add_option("--number", f->number, "8-digit installation number")->required();
  inst->add_option("--name", f->name, "Name")->required();
  inst->add_option("--kind", f->kind, "CPE | GS | GNS")
      ->required()
      ->check(CLI::IsMember({"CPE", "GS", "GNS"}));
  inst->add_option("--places-0-17", f->p0, "Permit places, 0-17 months");
  inst->add_option("--places-18-59", f->p18, "Permit places, 18-59 months");
  inst->add_option("--places-school", f->pschool, "Permit places, school age");
  inst->add_option("--region", f->region, "Administrative region, 01 to 17");
  registry.add(inst, [&registry, f] {
    require_number("--division", f->division);
    require_number("--number", f->number);
    require_places("--places-0-17", f->p0);
    require_places("--places-18-59", f->p18);
    require_places("--places-school", f->pschool);
    require_region(f->region);
    return in_transaction(registry.db_url, [&](db::Connection& c) {
      Organization o;
      o.kind = OrgKind::installation;
      o.parent_id = parent_of_kind(c, f->division, OrgKind::division).id;
      o.number = f->number;
      o.name = f->name;
      o.installation_kind = f->kind;
      o.places_0_17 = f->p0;
      o.places_18_59 = f->p18;
      o.places_school = f->pschool;
      if (!f->region.empty()) o.region = f->region;
      store::add_organization(c, o);
      std::cout << "installation " << o.number << " added\n";
    });
  });

  auto* bc = org->add_subcommand("add-bc", "Add a bureau coordonnateur");
  bc->add_option("--division", f->division, "Its division's number")->required();
  bc->add_option("--number", f->number, "8-digit BC number")->required();
  bc->add_option("--name", f->name, "Name")->required();
  bc->add_option("--region", f->region, "Administrative region, 01 to 17");
  registry.add(bc, [&registry, f] {
    require_number("--division", f->division);
    require_number("--number", f->number);
    require_region(f->region);
    return in_transaction(registry.db_url, [&](db::Connection& c) {
      Organization o;
      o.kind = OrgKind::bc;
      o.parent_id = parent_of_kind(c, f->division, OrgKind::division).id;
      o.number = f->number;
      o.name = f->name;
      if (!f->region.empty()) o.region = f->region;
      store::add_organization(c, o);
      std::cout << "bc " << o.number << " added\n";
    });
  });

  auto* rsge =
      org->add_subcommand("add-rsge", "Add a home-based provider (RSGE) recognized by a BC");
  rsge->add_option("--bc", f->bc, "Its BC's number")->required();
  rsge->add_option("--number", f->number, "8-digit RSGE number")->required();
  rsge->add_option("--name", f->name, "Name")->required();
  rsge->add_option("--places", f->places, "Recognized places (at most 6, or 9 with an assistant)");
  rsge->add_option("--region", f->region, "Administrative region, 01 to 17");
  registry.add(rsge, [&registry, f] {
    require_number("--bc", f->bc);
    require_number("--number", f->number);
    if (f->places < 0 || f->places > 9) throw std::invalid_argument("--places: expected 0 to 9");
    require_region(f->region);
    return in_transaction(registry.db_url, [&](db::Connection& c) {
      Organization o;
      o.kind = OrgKind::rsge;
      o.parent_id = parent_of_kind(c, f->bc, OrgKind::bc).id;
      o.number = f->number;
      o.name = f->name;
      o.places = f->places;
      o.recognition_status = "recognized";
      if (!f->region.empty()) o.region = f->region;
      store::add_organization(c, o);
      std::cout << "rsge " << o.number << " added\n";
    });
  });

  auto* list = org->add_subcommand("list", "One line per organization");
  registry.add(list, [&registry] {
    auto c = db::connect(registry.db_url);
    auto all = store::organizations(*c);
    std::map<std::int64_t, std::string> numbers;
    for (const auto& o : all) numbers[o.id] = o.number;
    for (const auto& o : all) {
      std::cout << to_string(o.kind) << "\t" << (o.number.empty() ? "-" : o.number) << "\t"
                << o.name;
      if (o.parent_id) std::cout << "\tparent=" << numbers[*o.parent_id];
      if (o.installation_kind) std::cout << "\tkind=" << *o.installation_kind;
      if (o.places_0_17 || o.places_18_59 || o.places_school)
        std::cout << "\tplaces=" << o.places_0_17.value_or(0) << "/" << o.places_18_59.value_or(0)
                  << "/" << o.places_school.value_or(0);
      if (o.places) std::cout << "\tplaces=" << *o.places;
      std::cout << "\n";
    }
    return 0;
  });

  auto* import = cli::group(root, "import", "Import a reference file (CSV with a header row)");
  auto* enterprises = import->add_subcommand(
      "enterprises",
      "The enterprise register: neq,name,legal_form,officer_surname,officer_given_name,"
      "officer_role,assessment_number,invitation_code (the last two: the secrets that prove "
      "control of the entity, stored hashed; may be empty; files without them are still read)");
  auto file = std::make_shared<std::string>();
  enterprises->add_option("FILE", *file, "CSV file")->required()->check(CLI::ExistingFile);
  registry.add(enterprises, [&registry, file] {
    std::ifstream in(*file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::vector<std::string> old_header = {
        "neq", "name", "legal_form", "officer_surname", "officer_given_name", "officer_role"};
    auto header = old_header;
    header.insert(header.end(), {"assessment_number", "invitation_code"});
    std::vector<store::EnterpriseRow> rows;
    auto on_record = [&](const std::vector<std::string>& f, size_t) -> std::optional<std::string> {
      if (!valid_neq(f[0])) return "neq: expected 10 digits, got '" + f[0] + "'";
      if (text::trim(f[1]).empty()) return std::string("name: required");
      if (!legal_form_from(f[2]))
        return "legal_form: expected sole, corporation, nonprofit or partnership, got '" + f[2] +
               "'";
      if (text::trim(f[3]).empty() || text::trim(f[4]).empty())
        return std::string("officer_surname and officer_given_name: required");
      store::EnterpriseRow row{f[0], f[1], f[2], f[3], f[4], f[5], "", ""};
      if (f.size() > 6) {
        row.assessment_number = std::string(text::trim(f[6]));
        row.invitation_code = std::string(text::trim(f[7]));
        if (!row.assessment_number.empty() && !valid_assessment_number(row.assessment_number))
          return std::string("assessment_number: expected 6 to 12 digits");
        if (!row.invitation_code.empty() && !valid_invitation_code(row.invitation_code))
          return std::string("invitation_code: expected 8 letters or digits");
      }
      rows.push_back(std::move(row));
      return std::nullopt;
    };
    auto error = csv::read(ss.str(), header, on_record);
    if (error && error->line == 1) {  // a file from before the secrets: no secret on file
      rows.clear();
      if (auto old = csv::read(ss.str(), old_header, on_record); !old || old->line != 1)
        error = old;
    }
    if (error)
      throw std::runtime_error(*file + ":" + std::to_string(error->line) + ": " + error->reason);
    in_transaction(registry.db_url,
                   [&](db::Connection& c) { store::replace_enterprises(c, rows); });
    std::cout << "imported " << rows.size() << " officer rows from " << *file << "\n";
    return 0;
  });

  auto* code = root.add_subcommand("access-code", "Sync API access codes");
  code->require_subcommand(1);
  auto* issue =
      code->add_subcommand("issue", "Issue a code for an installation or a BC; prints it alone");
  auto number = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>("sgee access-code issue");
  issue->add_option("--installation", *number, "Installation (or BC) number")->required();
  issue->add_option("--label", *label, "What the code is for");
  registry.add(issue, [&registry, number, label] {
    require_number("--installation", *number);
    std::string printed;
    in_transaction(registry.db_url, [&](db::Connection& c) {
      auto o = store::organization_by_number(c, *number);
      if (!o || (o->kind != OrgKind::installation && o->kind != OrgKind::bc))
        throw std::runtime_error("installation or BC " + *number + " not found");
      printed = store::issue_access_code(c, o->id, *label, std::nullopt).code;
    });
    std::cout << printed << "\n";
    return 0;
  });

  auto* mail = root.add_subcommand("mail", "E-mail from the outbox");
  mail->require_subcommand(1);
  auto* send = mail->add_subcommand(
      "send", "Deliver the outbox's unsent messages over SMTP; exits 1 if any is refused");
  struct MailFlags {
    std::string smtp, from = "sgee <no-reply@sgee.localhost>";
    int limit = 1000, max_attempts = 5;
  };
  auto m = std::make_shared<MailFlags>();
  send->add_option("--smtp", m->smtp, "smtp://host[:port] or smtps://host[:port]")
      ->required()
      ->envname("SGEE_SMTP");
  send->add_option("--from", m->from, "Sender, e.g. 'sgee <no-reply@example.org>'")
      ->envname("SGEE_MAIL_FROM");
  send->add_option("--limit", m->limit, "At most this many messages per run")
      ->check(CLI::Range(1, 100000));
  send->add_option("--max-attempts", m->max_attempts, "Give up on a message after this many")
      ->check(CLI::Range(1, 100));
  registry.add(send, [&registry, m] {
    mail::SmtpSender sender(m->smtp);
    auto c = db::connect(registry.db_url);
    int sent = 0, refused = 0;
    for (const auto& msg : store::unsent_mail(*c, m->max_attempts, m->limit)) {
      // Marked one by one: what went stays sent if a later message fails or the run stops.
      if (auto error = sender.send({m->from, msg.to, msg.subject, msg.body})) {
        store::mark_mail_failed(*c, msg.id, *error);
        std::cerr << "message " << msg.id << " to " << msg.to << " refused: " << *error << "\n";
        ++refused;
      } else {
        store::mark_mail_sent(*c, msg.id);
        ++sent;
      }
    }
    std::cout << "sent " << sent << ", refused " << refused << "\n";
    return refused ? 1 : 0;
  });
}

}  // namespace sgee::access
