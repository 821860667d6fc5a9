#include "occupation/cli.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "occupation/report.hpp"
#include "platform/db/db.hpp"

namespace sgee::occupation {

namespace {

struct Options {
  std::string installation, bc, from, to, format, out, lang;
  bool all = false, no_warnings = false, progress = false;
};

Date date_option(const std::string& text, const char* name) {
  auto d = dates::parse(text);
  if (!d)
    throw std::invalid_argument(std::string(name) + ": expected a date YYYY-MM-DD, got '" + text +
                                "'");
  return *d;
}

int run(const std::string& db_url, const Options& o) {
  int scopes = !o.installation.empty() + !o.bc.empty() + o.all;
  if (scopes != 1)
    throw std::invalid_argument("give exactly one of --installation N, --bc N or --all");
  Date from = date_option(o.from, "--from"), to = date_option(o.to, "--to");
  if (to < from) throw std::invalid_argument("--to: must be on or after --from");
  if (dates::days_between(from, to) > 366 * 10)
    throw std::invalid_argument("--to: at most 10 years after --from");
  store::Scope scope;
  if (o.all) scope.kind = store::Scope::all;
  if (!o.installation.empty()) scope = {store::Scope::installation, o.installation};
  if (!o.bc.empty()) scope = {store::Scope::bc, o.bc};
  Format format = o.format == "csv"    ? Format::csv
                  : o.format == "json" ? Format::json
                                       : Format::xlsx;

  auto c = db::connect(db_url);
  auto components = store::components(*c, scope);  // std::invalid_argument: unknown number
  std::ofstream file;
  if (format != Format::xlsx) {
    file.open(o.out, std::ios::binary);
    if (!file) throw std::runtime_error(o.out + ": cannot write the file");
  }
  auto writer = make_writer(format, file, o.out, from, to, o.lang);
  bool bar = o.progress || (components.size() > 1 && isatty(STDERR_FILENO));
  if (bar) cli::progress_bar(0, components.size());
  std::int64_t orgs = 0, children = 0;
  for (size_t i = 0; i < components.size(); ++i) {
    for (const auto& r : compute(*c, components[i], from, to, !o.no_warnings)) {
      writer->add(r);
      ++orgs;
      children += r.report.children;
    }
    if (bar && (i + 1 == components.size() || (i + 1) % 16 == 0))
      cli::progress_bar(i + 1, components.size());
  }
  writer->finish();
  if (file.is_open() && !file) throw std::runtime_error(o.out + ": cannot write the file");
  std::cerr << "occupation: " << orgs << " organization(s), " << children
            << " child(ren) with planned occupation, " << dates::format(from) << " to "
            << dates::format(to) << " -> " << o.out << "\n";
  return 0;
}

}  // namespace

void add_commands(CLI::App& root, cli::Registry& registry) {
  static Options o;
  auto* cmd = root.add_subcommand(
      "occupation", "Occupation figures (OCC-01…06) of an installation, a BC's RSGE, or all");
  cmd->add_option("--installation", o.installation, "An installation's number");
  cmd->add_option("--bc", o.bc, "A BC's number: one set of figures per RSGE");
  cmd->add_flag("--all", o.all, "Every installation and RSGE");
  cmd->add_option("--from", o.from, "First day (YYYY-MM-DD)")->required();
  cmd->add_option("--to", o.to, "Last day (YYYY-MM-DD)")->required();
  cmd->add_option("--format", o.format, "csv, xlsx or json")
      ->required()
      ->check(CLI::IsMember({"csv", "xlsx", "json"}));
  cmd->add_option("--out", o.out, "The file to write")->required();
  cmd->add_option(
         "--lang", o.lang,
         "Headings and values in words, fr or en (the web's downloads); without it the CSV "
         "keeps the API's codes and the XLSX is in French")
      ->check(CLI::IsMember({"fr", "en"}));
  cmd->add_flag("--no-warnings", o.no_warnings, "Leave out the OCC-05 limits per child");
  cmd->add_flag("--progress", o.progress, "Show the progress bar even when not on a terminal");
  registry.add(cmd, [&registry] { return run(registry.db_url, o); });
}

}  // namespace sgee::occupation
