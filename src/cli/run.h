// Runs the parse subcommand over a batch of inputs, and the records mode.
#pragma once

#include "cli/args.h"

namespace plancli::cli {

int run_parse(const CliArgs& args);    // returns an ExitStatus
int run_records(const CliArgs& args);  // NDJSON {"id","text"} on stdin → one result line each

}  // namespace plancli::cli
