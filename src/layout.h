// Internal, behind plancli/parse.h: the model between reading and extraction.
//
// A reader turns its input into a Layout: lines of text and tables of real
// cells, each with its source position. The text reader rebuilds tables from
// their flattened forms (segment + tables); a .docx/.html reader would fill
// the same structs directly, and the stages after it would not change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "normalize.h"

namespace plancli {

struct Cell {
  std::string text;  // the cell's text as written, line breaks joined
  int line = 0;      // 1-based line (or reader position) where the cell starts

  Cell() = default;
  // {text, line}: a constructor, so that brace initialisation does not leave
  // the cache below to clang's missing-field-initializers warning
  Cell(std::string text_, int line_) : text(std::move(text_)), line(line_) {}

  // The cell's text folded for matching, computed on first use and kept:
  // header detection, column alignment, meta and the task rules all read
  // the same cells. A document has one Folding, so the first one asked wins.
  const Text& folded(const Folding& folding) const {
    if (!folded_cache) folded_cache = fold(text, folding);
    return *folded_cache;
  }
  mutable std::optional<Text> folded_cache;  // behind folded(); empty until then
};

struct Row {
  std::vector<Cell> cells;
  int line = 0;
};

struct Table {
  std::vector<Row> rows;
  int line = 0;
};

struct Block {
  enum class Kind { Line, Table };
  Kind kind = Kind::Line;
  std::string text;  // Kind::Line: the line, converter residue removed; the fold stage
                     // moves it into the line's Text (parse.cc), read it there after
  int line = 0;
  Table table;       // Kind::Table
};

struct Layout {
  std::vector<Block> blocks;
};

}  // namespace plancli
