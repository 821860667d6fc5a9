#pragma once
// How modules add commands to `sgee`: they declare CLI11 subcommands and say what to run when one
// is chosen. Exit codes (spec/cli.md): throw std::invalid_argument for a usage error (exit 2) and
// any other exception for a failure (exit 1); its what() is the one line printed.
#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace sgee::cli {

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

// A command group shared by modules (`sgee import …`): the existing one, or a new one.
inline CLI::App* group(CLI::App& root, const std::string& name, const std::string& description) {
  for (auto* sub : root.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  auto* g = root.add_subcommand(name, description);
  g->require_subcommand(1);
  return g;
}

struct Registry {
  const std::string& db_url;  // --db, filled when parsing
  std::vector<Command> commands;

  void add(CLI::App* app, std::function<int()> run) { commands.push_back({app, std::move(run)}); }
};

// A progress bar on standard error, "[#####.....] done/total", redrawn in place; a new line at the
// end.
inline void progress_bar(size_t done, size_t total) {
  const int width = 30;
  int filled = total ? static_cast<int>(done * width / total) : width;
  std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '#')
            << std::string(static_cast<size_t>(width - filled), '.') << "] " << done << "/" << total
            << std::flush;
  if (done == total) std::cerr << "\n";
}

}  // namespace sgee::cli
