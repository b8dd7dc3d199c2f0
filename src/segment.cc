// Splits decoded text into lines and finds where a table was flattened into
// them: pipe rows, pipe-separated cell streams, tab rows, tab-indented cells.
// Tested by tests/tables_test.cc (runs) and, through parse(), tests/parse_test.cc.
//
// Hard cases: a header cell broken over two lines (落实单位 / （部门）) in the
// tab-indented layout; a web copy whose cells sit between lines holding only
// "|"; a metadata table (发布单位 | … |) above a prose notice.
#include "segment.h"

#include "normalize.h"
#include "numbering.h"
#include "tables.h"

namespace plancli {
namespace {

enum class LineShape { Blank, Text, PipeRow, PipeOnly, PipeEnd, TabCell, TabRow };

size_t count_nonempty_fields(std::string_view s, char sep) {
  size_t n = 0, start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    if (!trim(s.substr(start, end - start)).empty()) ++n;
    start = end + 1;
  }
  return n;
}

LineShape shape_of(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return line.find('\t') != std::string_view::npos ? LineShape::TabCell : LineShape::Blank;
  if (t == "|") return LineShape::PipeOnly;
  if (t.find('|') != std::string_view::npos) {
    // "牵头单位: | 市城市管理综合执法局 |" is a labelled line, not a table row
    std::string_view first = trim(t.substr(0, t.find('|')));
    if (!first.empty() && (first.back() == ':' || (first.size() >= 3 && first.substr(first.size() - 3) == "：")) &&
        count_nonempty_fields(t, '|') <= 2)
      return LineShape::Text;
    size_t cells = count_nonempty_fields(t, '|');
    if (cells >= 2 || t.front() == '|') return LineShape::PipeRow;
    if (t.back() == '|') return LineShape::PipeEnd;  // "发布单位 |": a cell, then a separator
  }
  if (line.front() == '\t' || (line.find('\t') != std::string_view::npos && line.find_first_not_of(" \t") == line.find('\t') + 1)) {
    if (count_nonempty_fields(line, '\t') <= 1) return LineShape::TabCell;
  }
  if (count_nonempty_fields(line, '\t') >= 2) return LineShape::TabRow;
  return LineShape::Text;
}

// A short line opening with 一、 （一） or 第一章: a heading candidate.
bool is_heading_line(const std::string& line) {
  static const Folding kNone;
  if (cp_count(line) > 60) return false;
  Text t = fold(line, kNone);
  auto m = read_marker(t);
  return m && is_heading_family(m->family);
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(strip_residue(text.substr(start, end - start)));
    start = end + 1;
    if (end == text.size()) break;
  }
  if (!lines.empty() && lines.back().empty() && !text.empty() && text.back() == '\n') lines.pop_back();
  return lines;
}

// Lines i, i+1, … that each hold one header word (工作任务 / 具体要求 / 责任单位):
// how many, or 0 when fewer than three.
size_t header_lines_at(const std::vector<std::string>& lines, size_t i, const Folding& folding) {
  size_t k = i;
  while (k < lines.size()) {
    if (lines[k].size() > 3 * 14) break;  // a header word is short: skip folding long lines
    std::string key = fold_key(lines[k], folding);
    if (key.empty() || cp_count(key) > 10 || header_role(key) == ColumnRole::Other) break;
    ++k;
  }
  return k - i >= 3 ? k - i : 0;
}

std::vector<Run> find_runs(const std::vector<std::string>& lines, const Folding& folding) {
  std::vector<LineShape> shape;
  shape.reserve(lines.size());
  for (const auto& l : lines) shape.push_back(shape_of(l));
  auto is_pipe = [&](size_t i) {
    return i < shape.size() && (shape[i] == LineShape::PipeOnly || shape[i] == LineShape::PipeEnd ||
                                shape[i] == LineShape::PipeRow);
  };
  std::vector<Run> runs;
  size_t n = lines.size();
  for (size_t i = 0; i < n;) {
    LineShape s = shape[i];
    // A stream region: cells between lines holding only "|".
    bool stream_start = s == LineShape::PipeOnly || s == LineShape::PipeEnd ||
                        (s == LineShape::Text && i + 1 < n && shape[i + 1] == LineShape::PipeOnly);
    if (stream_start) {
      size_t j = i;
      bool has_only = false;
      while (j < n) {
        LineShape t = shape[j];
        bool text_cell = t == LineShape::Text && ((j > 0 && is_pipe(j - 1)) || is_pipe(j + 1));
        if (!(is_pipe(j) || text_cell)) break;
        has_only |= t == LineShape::PipeOnly;
        ++j;
      }
      if (has_only) {
        runs.push_back({RunKind::PipeStream, i, j - 1});
        i = j;
        continue;
      }
    }
    if (s == LineShape::Text) {
      if (header_lines_at(lines, i, folding)) {
        // a header of one word per line: the table runs to the end of the text
        runs.push_back({RunKind::LineCells, i, n - 1});
        break;
      }
    }
    if (s == LineShape::PipeRow) {
      // the table goes on over blank lines and section headings between its
      // rows (一、… written across the table, outside the pipes)
      size_t j = i, last = i;
      while (j < n) {
        if (shape[j] == LineShape::PipeRow) {
          last = j++;
          continue;
        }
        if (shape[j] == LineShape::Blank || is_heading_line(lines[j])) {
          ++j;
          continue;
        }
        break;
      }
      runs.push_back({RunKind::PipeRows, i, last});
      i = last + 1;
      continue;
    }
    if (s == LineShape::TabRow) {
      size_t j = i;
      while (j < n && (shape[j] == LineShape::TabRow || shape[j] == LineShape::TabCell)) ++j;
      if (j - i >= 2) {
        runs.push_back({RunKind::TabRows, i, j - 1});
        i = j;
        continue;
      }
    }
    if (s == LineShape::TabCell) {
      // tab-indented cells, blank lines between rows, unindented lines that
      // directly follow a cell continue it
      size_t j = i, last = i;
      while (j < n) {
        LineShape t = shape[j];
        if (t == LineShape::TabCell) {
          last = j;
        } else if (t == LineShape::Blank) {
        } else if (t == LineShape::Text && j > 0 && shape[j - 1] != LineShape::Blank && j - 1 >= i) {
          last = j;
        } else {
          break;
        }
        ++j;
      }
      runs.push_back({RunKind::TabCells, i, last});
      i = last + 1;
      continue;
    }
    ++i;
  }
  return runs;
}

Layout segment(std::vector<std::string> lines, const Folding& folding) {
  Layout layout;
  std::vector<Run> runs = find_runs(lines, folding);
  size_t next = 0;
  auto add_lines = [&](size_t upto) {
    for (; next < upto; ++next) {
      Block b;
      b.kind = Block::Kind::Line;
      b.text = std::move(lines[next]);  // a table run reads only its own lines
      b.line = static_cast<int>(next) + 1;
      layout.blocks.push_back(std::move(b));
    }
  };
  for (const Run& run : runs) {
    add_lines(run.first);
    for (Block& b : rebuild_table(run, lines, folding)) layout.blocks.push_back(std::move(b));
    next = run.last + 1;
  }
  add_lines(lines.size());
  return layout;
}

}  // namespace plancli
