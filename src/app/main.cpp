#include "app/commands.hpp"

int main(int argc, char** argv) {
  return sgee::app::run_cli(argc, argv);
}
