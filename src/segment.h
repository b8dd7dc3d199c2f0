// Internal stage behind plancli/parse.h: decoded text → Layout of lines and table runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout.h"

namespace plancli {

struct Folding;

// How a table was flattened to text.
enum class RunKind {
  PipeRows,    // one row per line, cells between |, Markdown tables too
  PipeStream,  // one cell per line, lines holding only | between cells
  TabRows,     // one row per line, cells between tabs
  TabCells,    // one cell per tab-indented line, blank line between rows
  LineCells,   // one cell per line, no tabs or pipes, after a header of one word per line
};

struct Run {
  RunKind kind;
  size_t first;  // line indices, inclusive
  size_t last;
};

// Splits text into lines (residue stripped) and finds the table-like runs.
std::vector<std::string> split_lines(std::string_view text);
std::vector<Run> find_runs(const std::vector<std::string>& lines, const Folding& folding);

// The whole reading step for plain text: lines outside runs become Line
// blocks, each run is rebuilt into a Table (tables.h).
// `folding` lets header words of a traditional document (工作任務) match.
// Takes the lines by value: lines outside tables move into their blocks.
Layout segment(std::vector<std::string> lines, const Folding& folding);

}  // namespace plancli
