// plancli: Chinese government plan documents → sections, tasks, units, deadlines.
//
//   plancli::ParseOptions opts;  opts.path = "notice.txt";
//   plancli::ParseResult r = plancli::parse(bytes, opts);
//   if (r.ok()) std::cout << plancli::to_json(r.doc).dump(2);   // emit.h
//
// parse() is a pure function of its arguments: safe to call from many threads.
#pragma once

#include <string>
#include <string_view>

#include "plancli/document.h"

namespace plancli {

struct ParseOptions {
  // Shown as source.path and in diagnostics. Default: empty.
  std::string path;
  // Force an input encoding by ICU converter name ("GB18030", "UTF-16LE", ...).
  // Default: empty, meaning detect (BOM, UTF-8 validity, else GB18030).
  std::string encoding;
  // Collect time spent per stage into ParseResult::stats. Default: false.
  bool stats = false;
};

struct StageTime {
  std::string stage;
  double ms = 0;
};

// A parse either yields a Document (possibly with diagnostics) or, for input
// that cannot be a document at all (binary data, an unknown --encoding), an
// error message and no document.
struct ParseResult {
  Document doc;
  std::string error;
  std::vector<StageTime> stats;
  bool ok() const { return error.empty(); }
};

ParseResult parse(std::string_view bytes, const ParseOptions& options = {});
// The same, taking the input buffer: it becomes the decoded text when it is
// UTF-8 already, and is freed once decoded otherwise, so a large input is not
// held twice while it is parsed. `bytes` is left empty.
ParseResult parse_buffer(std::string&& bytes, const ParseOptions& options = {});

// Whether ICU has a converter by this name (for ParseOptions::encoding), so a
// caller can refuse a misspelt name once instead of failing every input.
bool known_encoding(const std::string& name);

}  // namespace plancli
