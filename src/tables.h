// Internal stage behind plancli/parse.h: table runs → rows of real cells; column roles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout.h"
#include "plancli/document.h"
#include "segment.h"

namespace plancli {

struct Folding;

// Rebuilds the rows and cells of one run. Tab-indented single cells before a
// header (a title broken over lines) come back as Line blocks.
std::vector<Block> rebuild_table(const Run& run, const std::vector<std::string>& lines, const Folding& folding);

enum class ColumnRole { Other, Number, Name, Requirement, Units, Deadline, Person };

struct Column {
  ColumnRole role = ColumnRole::Other;
  UnitRole unit_role = UnitRole::Responsible;  // Units columns: 牵头单位 → Lead, 配合单位 → Support
  std::string header;
};

// Column roles from the header words (工作任务, 具体要求, 责任单位, 完成时限, 序号,
// and their synonyms); header_row is -1 when the table has no header row.
struct TableModel {
  std::vector<Column> columns;
  int header_row = -1;
};

ColumnRole header_role(std::string_view key, UnitRole* unit_role = nullptr);
TableModel analyze_table(const Table& table, const Folding& folding);

// Assigns the non-empty cells of a data row to columns in order, by what the
// cells contain, so a row whose merged first cell is missing (the rest shifted
// left) still lands right. Result[i] is the column of cell i, or -1.
std::vector<int> align_row(const Row& row, const TableModel& model, const Folding& folding);

// Cell content shapes used to align rows and infer columns without a header.
bool looks_like_units(const Text& cell);
bool looks_like_deadline(const Text& cell);

}  // namespace plancli
