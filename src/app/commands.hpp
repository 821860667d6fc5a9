#pragma once
// The `sgee` command line (spec/cli.md): parses, runs, returns the exit code
// (0 success, 1 failure with one line on stderr, 2 usage error).
namespace sgee::app {
int run_cli(int argc, char** argv);
}
