// The CLI's arguments: CLI11 fills a plain CliArgs (lowargs); to_parse_plan
// turns it into ParseOptions and the list of inputs (hiargs).
#pragma once

#include <string>
#include <vector>

#include "plancli/emit.h"
#include "plancli/parse.h"

namespace plancli::cli {

struct CliArgs {
  std::vector<std::string> inputs;  // files, directories (with -r), "-" for stdin
  std::string format = "json";
  std::string files_from;           // a list of inputs, one per line or NUL-separated; "-" = stdin
  bool recursive = false;
  std::string output;               // -o FILE
  std::string out_dir;              // --out-dir DIR
  int jobs = 0;                     // 0: number of cores
  bool quiet = false;
  bool bom = false;
  bool records = false;             // Hadoop/Spark mapper mode
  bool stats = false;
  std::string encoding;
};

struct Input {
  std::string path;  // "-" for stdin
  // With --out-dir, the output's name before its extension: the path below
  // the directory for a file found by -r (the tree is mirrored), else empty
  // (the file's own name).
  std::string out_name;
  // An input that is known to fail before it is read (a directory -r could
  // not read, an --out-dir name another input takes): its error record.
  std::string error;
};

struct ParsePlan {
  std::vector<Input> inputs;
  Format format = Format::Json;
  ParseOptions options;
  std::string error;  // a usage error, when non-empty
  bool stdin_implied = false;  // no input was named: standard input is read
};

// Expands directories (-r), --files-from and defaults into the inputs.
ParsePlan to_parse_plan(const CliArgs& args);
// The usage error for an --encoding ICU does not know, else empty.
std::string encoding_error(const CliArgs& args);

}  // namespace plancli::cli
