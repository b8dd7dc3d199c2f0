// Rebuilds tables flattened to text and finds what each column holds.
// Tested by tests/tables_test.cc.
//
// Layouts (all seen in real documents): one row per line between | (seed
// 004, Markdown); one cell per line with lines of | between cells and a 序号
// column the header lacks (corpus d02); tab-indented cells, blank line between
// rows, merged cells left empty, a deadline cell after two blank lines (seed
// 000); tab-separated rows.
//
// Hard cases: rows whose merged first cell is simply missing so the rest
// shift left (`4.及时反馈… | 局主办科室 | |` under a row that began with the
// task name): aligned by content, not position.
#include "tables.h"

#include <re2/re2.h>

#include <algorithm>

#include "deadlines.h"
#include "normalize.h"
#include "numbering.h"
#include "units.h"

namespace plancli {
namespace {

std::vector<std::string> split_cells(std::string_view line, char sep, bool drop_outer) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(sep, start);
    if (end == std::string_view::npos) end = line.size();
    cells.emplace_back(trim(line.substr(start, end - start)));
    start = end + 1;
  }
  if (drop_outer) {
    std::string_view t = trim(line);
    if (!t.empty() && t.back() == sep && !cells.empty() && cells.back().empty()) cells.pop_back();
    if (!t.empty() && t.front() == sep && !cells.empty() && cells.front().empty())
      cells.erase(cells.begin());
  }
  return cells;
}

bool is_markdown_rule(const std::vector<std::string>& cells) {
  if (cells.empty()) return false;
  for (const auto& c : cells) {
    if (c.empty()) return false;
    for (char ch : c)
      if (ch != '-' && ch != ':' && ch != ' ') return false;
  }
  return true;
}

bool is_header_cells(const std::vector<std::string>& keys) {
  int known = 0;
  for (const auto& k : keys) {
    if (k.empty()) continue;
    if (cp_count(k) > 14) return false;
    if (header_role(k) != ColumnRole::Other) ++known;
  }
  return known >= 2;
}

Block table_block(Table t) {
  Block b;
  b.kind = Block::Kind::Table;
  b.line = t.rows.empty() ? 0 : t.rows.front().line;
  t.line = b.line;
  b.table = std::move(t);
  return b;
}

Block line_block(const Cell& c) {
  Block b;
  b.kind = Block::Kind::Line;
  b.text = c.text;
  b.line = c.line;
  return b;
}

std::vector<Block> rebuild_pipe_rows(const Run& run, const std::vector<std::string>& lines) {
  Table t;
  // Markdown rows open with | as well as close with it; elsewhere a leading
  // | stands for an empty first cell (a merged task name)
  bool markdown = true;
  for (size_t i = run.first; i <= run.last; ++i) {
    std::string_view l = trim(lines[i]);
    if (l.find('|') != std::string_view::npos && l.front() != '|') markdown = false;
  }
  for (size_t i = run.first; i <= run.last; ++i) {
    if (trim(lines[i]).empty()) continue;
    std::vector<std::string> cells = split_cells(lines[i], '|', true);
    if (!markdown && trim(lines[i]).front() == '|') cells.insert(cells.begin(), "");
    if (is_markdown_rule(cells)) continue;
    Row r;
    r.line = static_cast<int>(i) + 1;
    for (auto& c : cells) r.cells.push_back({std::move(c), r.line});
    t.rows.push_back(std::move(r));
  }
  return {table_block(std::move(t))};
}

std::vector<Block> rebuild_tab_rows(const Run& run, const std::vector<std::string>& lines) {
  Table t;
  for (size_t i = run.first; i <= run.last; ++i) {
    Row r;
    r.line = static_cast<int>(i) + 1;
    std::vector<std::string> cells = split_cells(lines[i], '\t', false);
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    for (auto& c : cells) r.cells.push_back({std::move(c), r.line});
    if (!r.cells.empty()) t.rows.push_back(std::move(r));
  }
  return {table_block(std::move(t))};
}

// Appends a continuation line to a cell: CJK text joins without a break.
void continue_cell(Cell& c, std::string_view more) {
  std::string_view m = trim(more);
  if (m.empty()) return;
  if (!c.text.empty()) {
    unsigned char last = c.text.back(), first = m.front();
    if (last < 0x80 && first < 0x80 && std::isalnum(last) && std::isalnum(first)) c.text += ' ';
  }
  c.text.append(m);
}

bool is_heading_cell(const std::string& text, const Folding& folding) {
  Text t = fold(text, folding);
  auto m = read_marker(t);
  return m && is_heading_family(m->family);
}

// Rows from groups of cells (a blank line between groups): the header is the
// first group of header words; an incomplete group takes the groups after it
// until it is full (a deadline cell after two blank lines).
std::vector<Block> rows_from_groups(std::vector<std::vector<Cell>> groups, const Folding& folding) {
  // the header is the first group of header words
  size_t header = groups.size();
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::string> keys;
    for (const auto& c : groups[g]) keys.push_back(fold_key(c.text, folding));
    if (is_header_cells(keys)) {
      header = g;
      break;
    }
  }
  std::vector<Block> out;
  if (header == groups.size()) {  // tab-indented paragraphs of prose, not a table
    for (const auto& g : groups)
      for (const auto& c : g) out.push_back(line_block(c));
    return out;
  }
  size_t width = groups[header].size();
  size_t g0 = header;
  for (size_t g = 0; g < g0; ++g)
    for (const auto& c : groups[g]) out.push_back(line_block(c));
  // 3. rows: an incomplete group takes the groups after it until it is full
  Table t;
  for (size_t g = g0; g < groups.size(); ++g) {
    Row r;
    r.cells = groups[g];
    r.line = r.cells.front().line;
    bool heading = r.cells.size() == 1 && is_heading_cell(r.cells[0].text, folding);
    while (width && !heading && r.cells.size() < width && g + 1 < groups.size() &&
           r.cells.size() + groups[g + 1].size() <= width &&
           !(groups[g + 1].size() == 1 && is_heading_cell(groups[g + 1][0].text, folding))) {
      ++g;
      r.cells.insert(r.cells.end(), groups[g].begin(), groups[g].end());
    }
    t.rows.push_back(std::move(r));
  }
  out.push_back(table_block(std::move(t)));
  return out;
}


std::vector<Block> rebuild_tab_cells(const Run& run, const std::vector<std::string>& lines, const Folding& folding) {
  // 1. groups of cells between blank lines
  std::vector<std::vector<Cell>> groups(1);
  for (size_t i = run.first; i <= run.last; ++i) {
    const std::string& l = lines[i];
    bool tab = !l.empty() && (l.front() == '\t' || l.find('\t') != std::string::npos);
    if (trim(l).empty() && !tab) {
      if (!groups.back().empty()) groups.emplace_back();
      continue;
    }
    if (tab) {
      groups.back().push_back({std::string(trim(l)), static_cast<int>(i) + 1});
    } else if (!groups.back().empty()) {
      continue_cell(groups.back().back(), l);
    } else {
      groups.back().push_back({std::string(trim(l)), static_cast<int>(i) + 1});
    }
  }
  if (groups.back().empty()) groups.pop_back();
  return rows_from_groups(std::move(groups), folding);
}

// One cell per line with | lines between: split the stream into cells, then
// into rows, at a 序号 sequence (1, 2, 3, …) when there is one, else by the
// header's width.
std::vector<Block> rows_from_stream(const std::vector<Cell>& cells, const Folding& folding) {
  Table t;
  size_t header_len = 0;
  while (header_len < cells.size() && cp_count(cells[header_len].text) <= 14 &&
         header_role(fold_key(cells[header_len].text, folding)) != ColumnRole::Other)
    ++header_len;
  if (header_len < 2) {  // no header: a key-value strip such as 发布单位 | … |
    Row r;
    r.cells = cells;
    r.line = cells.empty() ? 0 : cells.front().line;
    if (!r.cells.empty()) t.rows.push_back(std::move(r));
    return {table_block(std::move(t))};
  }
  Row head;
  head.line = cells.front().line;
  head.cells.assign(cells.begin(), cells.begin() + header_len);
  // anchors: cells that count 1, 2, 3, …
  std::vector<size_t> anchors;
  for (size_t i = header_len; i < cells.size(); ++i)
    if (is_item_number(cells[i].text) && std::stoi(cells[i].text) == static_cast<int>(anchors.size()) + 1)
      anchors.push_back(i);
  bool header_has_number = false;
  size_t name_col = header_len, post = 0;
  for (size_t c = 0; c < header_len; ++c) {
    ColumnRole role = header_role(fold_key(head.cells[c].text, folding));
    if (role == ColumnRole::Number) header_has_number = true;
    else if (role == ColumnRole::Name && name_col == header_len) name_col = c;
    else ++post;
  }
  if (anchors.size() >= 2 && !header_has_number && name_col == 0) {
    head.cells.insert(head.cells.begin() + 1, Cell{"序号", head.line});
    t.rows.push_back(head);
    size_t prefix_begin = header_len;
    for (size_t a = 0; a < anchors.size(); ++a) {
      size_t end = a + 1 < anchors.size() ? anchors[a + 1] : cells.size();
      size_t post_end = std::min(end, anchors[a] + 1 + post);
      Row r;
      r.line = cells[anchors[a]].line;
      Cell name{"", r.line};
      if (anchors[a] > prefix_begin) {
        name = cells[prefix_begin];
        for (size_t k = prefix_begin + 1; k < anchors[a]; ++k) continue_cell(name, cells[k].text);
        r.line = name.line;
      }
      r.cells.push_back(name);
      for (size_t k = anchors[a]; k < post_end; ++k) r.cells.push_back(cells[k]);
      t.rows.push_back(std::move(r));
      prefix_begin = post_end;
    }
  } else {
    t.rows.push_back(head);
    for (size_t i = header_len; i < cells.size(); i += header_len) {
      Row r;
      r.line = cells[i].line;
      for (size_t k = i; k < std::min(cells.size(), i + header_len); ++k) r.cells.push_back(cells[k]);
      t.rows.push_back(std::move(r));
    }
  }
  return {table_block(std::move(t))};
}

std::vector<Block> rebuild_pipe_stream(const Run& run, const std::vector<std::string>& lines, const Folding& folding) {
  std::vector<Cell> cells;
  for (size_t i = run.first; i <= run.last; ++i) {
    std::vector<std::string> parts = split_cells(lines[i], '|', false);
    for (size_t p = 0; p < parts.size(); ++p) {
      if (parts[p].empty()) continue;
      cells.push_back({parts[p], static_cast<int>(i) + 1});
    }
  }
  return rows_from_stream(cells, folding);
}

// One cell per line, no tabs or pipes (a Word or web table copied as
// text): rows by blank lines when the copy kept them, else by the 序号
// sequence or the header's width.
std::vector<Block> rebuild_line_cells(const Run& run, const std::vector<std::string>& lines, const Folding& folding) {
  std::vector<std::vector<Cell>> groups(1);
  for (size_t i = run.first; i <= run.last; ++i) {
    std::string_view l = trim(lines[i]);
    if (l.empty()) {
      if (!groups.back().empty()) groups.emplace_back();
      continue;
    }
    groups.back().push_back({std::string(l), static_cast<int>(i) + 1});
  }
  if (groups.back().empty()) groups.pop_back();
  if (groups.size() > 2) return rows_from_groups(std::move(groups), folding);
  std::vector<Cell> stream;
  for (auto& g : groups) stream.insert(stream.end(), g.begin(), g.end());
  return rows_from_stream(stream, folding);
}

}  // namespace

std::vector<Block> rebuild_table(const Run& run, const std::vector<std::string>& lines, const Folding& folding) {
  switch (run.kind) {
    case RunKind::PipeRows: return rebuild_pipe_rows(run, lines);
    case RunKind::PipeStream: return rebuild_pipe_stream(run, lines, folding);
    case RunKind::TabRows: return rebuild_tab_rows(run, lines);
    case RunKind::TabCells: return rebuild_tab_cells(run, lines, folding);
    case RunKind::LineCells: return rebuild_line_cells(run, lines, folding);
  }
  return {};
}

// Header words, each with the real header it was written for.
ColumnRole header_role(std::string_view key, UnitRole* unit_role) {
  struct Rule {
    std::string_view word;
    ColumnRole role;
    UnitRole unit_role;
  };
  using C = ColumnRole;
  using U = UnitRole;
  static const Rule kRules[] = {
      {"序号", C::Number, U::Responsible},          // 序号 | 民生实事 | 责任单位 | 完成时限
      {"编号", C::Number, U::Responsible},
      {"领导", C::Person, U::Responsible},          // 分管领导, 牵头领导
      {"牵头责任单位", C::Units, U::Lead},          // 牵头责任单位
      {"牵头单位", C::Units, U::Lead},
      {"牵头部门", C::Units, U::Lead},
      {"主办单位", C::Units, U::Lead},
      {"承办单位", C::Units, U::Lead},
      {"配合单位", C::Units, U::Support},
      {"配合部门", C::Units, U::Support},
      {"协办单位", C::Units, U::Support},
      {"协同责任单位", C::Units, U::Support},
      {"配合责任单位", C::Units, U::Support},
      {"责任单位", C::Units, U::Responsible},       // 工作任务 | 具体要求 | 责任单位
      {"落实单位", C::Units, U::Responsible},       // 落实单位（部门）
      {"责任科室", C::Units, U::Responsible},
      {"责任部门", C::Units, U::Responsible},
      {"负责科室", C::Units, U::Responsible},
      {"负责单位", C::Units, U::Responsible},
      {"责任处室", C::Units, U::Responsible},
      {"责任主体", C::Units, U::Responsible},
      {"主责单位", C::Units, U::Responsible},
      {"主责部门", C::Units, U::Responsible},
      {"实施主体", C::Units, U::Responsible},
      {"实施单位", C::Units, U::Responsible},
      {"部门分工", C::Units, U::Responsible},
      {"完成时间", C::Deadline, U::Responsible},    // 完成时间
      {"完成时限", C::Deadline, U::Responsible},
      {"时限要求", C::Deadline, U::Responsible},
      {"时间节点", C::Deadline, U::Responsible},
      {"完成期限", C::Deadline, U::Responsible},
      {"时间要求", C::Deadline, U::Responsible},
      {"进度安排", C::Deadline, U::Responsible},
      {"时间安排", C::Deadline, U::Responsible},
      {"进度要求", C::Deadline, U::Responsible},
      {"时限", C::Deadline, U::Responsible},          // 推进时限
      {"具体要求", C::Requirement, U::Responsible},  // 具体要求
      {"主要内容", C::Requirement, U::Responsible},
      {"工作措施", C::Requirement, U::Responsible},
      {"具体措施", C::Requirement, U::Responsible},
      {"任务要求", C::Requirement, U::Responsible},
      {"工作内容", C::Requirement, U::Responsible},  // 重点任务 | 工作内容 | 负责科室
      {"内容与要求", C::Requirement, U::Responsible},
      {"具体内容", C::Requirement, U::Responsible},
      {"具体任务", C::Requirement, U::Responsible},
      {"建设内容", C::Requirement, U::Responsible},
      {"规模及内容", C::Requirement, U::Responsible},
      {"民生实事", C::Requirement, U::Responsible},
      {"重点工作任务", C::Name, U::Responsible},
      {"重点工作", C::Requirement, U::Responsible},  // 承担的重点工作
      {"任务内容", C::Requirement, U::Responsible},
      {"具体工作", C::Requirement, U::Responsible},
      {"举措", C::Requirement, U::Responsible},      // 工作举措, 主要举措
      {"措施", C::Requirement, U::Responsible},
      {"工作目标", C::Requirement, U::Responsible},
      {"工作任务", C::Name, U::Responsible},
      {"重点任务", C::Name, U::Responsible},
      {"主要任务", C::Name, U::Responsible},
      {"目标任务", C::Name, U::Responsible},
      {"任务名称", C::Name, U::Responsible},
      {"项目名称", C::Name, U::Responsible},
      {"工作事项", C::Name, U::Responsible},
      {"工作要求", C::Name, U::Responsible},
      {"任务", C::Name, U::Responsible},
  };
  for (const Rule& r : kRules) {
    if (contains(key, r.word)) {
      if (unit_role) *unit_role = r.unit_role;
      return r.role;
    }
  }
  return ColumnRole::Other;
}

// Both measure what they found in the cell's own characters against the
// cell's raw text (names and phrases are given as written).
bool looks_like_units(const Text& t) {
  if (t.key.empty() || cp_count(t.key) > 80) return false;
  Units u = parse_unit_list(t, 0, t.key.size(), UnitRole::Responsible, {});
  if (u.empty()) return false;
  size_t covered = 0;
  for (const auto* list : {&u.lead, &u.support, &u.responsible})
    for (const auto& name : *list) covered += name.size();
  return covered * 2 >= squeeze(t.raw).size();
}

bool looks_like_deadline(const Text& t) {
  if (t.key.empty() || cp_count(t.key) > 30) return false;
  // the phrases must make most of the cell: 2021年底前，市、区政府网站… is a requirement
  size_t covered = 0;
  for (const auto& d : find_deadlines(t, DeadlineMode::Cell, std::nullopt)) covered += d.text.size();
  return covered * 2 >= squeeze(t.raw).size();
}

namespace {

enum class Shape { Empty, Number, Heading, Item, Units, Deadline, Long, Short };

Shape shape_of_cell(const Cell& c, const Folding& folding) {
  if (c.text.empty()) return Shape::Empty;
  const Text& t = c.folded(folding);
  if (is_item_number(t.key)) return Shape::Number;
  if (auto m = read_marker(t)) {
    if (is_heading_family(m->family)) return Shape::Heading;
    return Shape::Item;
  }
  if (looks_like_deadline(t)) return Shape::Deadline;
  if (looks_like_units(t)) return Shape::Units;
  size_t n = cp_count(t.key);
  return n > 30 || contains(t.key, "。") ? Shape::Long : Shape::Short;
}

int fit(Shape s, ColumnRole role) {
  switch (role) {
    case ColumnRole::Number: return s == Shape::Number ? 4 : -4;
    case ColumnRole::Name:
      return s == Shape::Heading ? 3 : s == Shape::Short ? 1 : s == Shape::Item ? -2 : s == Shape::Long ? 0 : -2;
    case ColumnRole::Requirement:
      return s == Shape::Item ? 3 : s == Shape::Long ? 2 : s == Shape::Short ? 0 : s == Shape::Heading ? 0 : -3;
    case ColumnRole::Units: return s == Shape::Units ? 3 : s == Shape::Short ? 0 : -2;
    case ColumnRole::Deadline: return s == Shape::Deadline ? 3 : -2;
    default: return 0;
  }
}

}  // namespace

TableModel analyze_table(const Table& table, const Folding& folding) {
  TableModel m;
  for (size_t r = 0; r < std::min<size_t>(table.rows.size(), 3); ++r) {
    std::vector<std::string> keys;
    for (const auto& c : table.rows[r].cells) keys.push_back(c.folded(folding).key);
    if (is_header_cells(keys)) {
      m.header_row = static_cast<int>(r);
      for (const auto& k : keys) {
        Column col;
        col.header = k;
        col.role = header_role(k, &col.unit_role);
        m.columns.push_back(col);
      }
      // a header cell that is empty because the last | closed the row
      while (!m.columns.empty() && m.columns.back().header.empty()) m.columns.pop_back();
      return m;
    }
  }
  // No header: infer each column from what most of its cells hold.
  size_t width = 0;
  for (const auto& r : table.rows) width = std::max(width, r.cells.size());
  m.columns.resize(width);
  for (size_t c = 0; c < width; ++c) {
    int count[8] = {};
    for (const auto& r : table.rows)
      if (c < r.cells.size()) ++count[static_cast<int>(shape_of_cell(r.cells[c], folding))];
    auto n = [&](Shape s) { return count[static_cast<int>(s)]; };
    int filled = 0;
    for (int k = 1; k < 8; ++k) filled += count[k];
    if (!filled) continue;
    if (n(Shape::Number) * 2 > filled) m.columns[c].role = ColumnRole::Number;
    else if (n(Shape::Units) * 2 > filled) m.columns[c].role = ColumnRole::Units;
    else if (n(Shape::Deadline) * 2 > filled) m.columns[c].role = ColumnRole::Deadline;
    else if ((n(Shape::Item) + n(Shape::Long)) * 2 > filled) m.columns[c].role = ColumnRole::Requirement;
    else if (n(Shape::Heading) + n(Shape::Short) > 0) m.columns[c].role = ColumnRole::Name;
  }
  return m;
}

std::vector<int> align_row(const Row& row, const TableModel& model, const Folding& folding) {
  std::vector<int> result(row.cells.size(), -1);
  std::vector<size_t> idx;
  for (size_t i = 0; i < row.cells.size(); ++i)
    if (!row.cells[i].text.empty()) idx.push_back(i);
  size_t m = idx.size(), n = model.columns.size();
  if (m == 0 || n == 0) return result;
  if (m == n && idx.back() == n - 1) {  // a full row: every cell in its place
    for (size_t i = 0; i < m; ++i) result[i] = static_cast<int>(i);
    return result;
  }
  std::vector<Shape> shapes;
  shapes.reserve(m);
  for (size_t i : idx) shapes.push_back(shape_of_cell(row.cells[i], folding));
  // best(i, j): best score placing cells [i..m) into columns [j..n); one
  // flat table each (a vector per row cost an allocation per cell)
  constexpr double kNone = -1e9;
  const size_t w = n + 1;
  std::vector<double> best_v((m + 1) * w, kNone);
  std::vector<int> choice_v((m + 1) * w, -2);
  auto best = [&](size_t i, size_t j) -> double& { return best_v[i * w + j]; };
  auto choice = [&](size_t i, size_t j) -> int& { return choice_v[i * w + j]; };
  for (size_t j = 0; j <= n; ++j) best(m, j) = 0;
  for (size_t i = m; i-- > 0;) {
    for (size_t j = n + 1; j-- > 0;) {
      // leave cell i out (a heading cell beyond the columns, or a stray)
      double skip = best(i + 1, j) + (shapes[i] == Shape::Heading ? -1.0 : -5.0);
      best(i, j) = skip;
      choice(i, j) = -1;
      if (j < n) {
        double place = fit(shapes[i], model.columns[j].role) + (idx[i] == j ? 0.5 : 0.0) + best(i + 1, j + 1);
        if (place >= best(i, j)) {
          best(i, j) = place;
          choice(i, j) = static_cast<int>(j);
        }
        if (best(i, j + 1) > best(i, j)) {  // column j left empty
          best(i, j) = best(i, j + 1);
          choice(i, j) = -2;
        }
      }
    }
  }
  size_t i = 0, j = 0;
  while (i < m) {
    int c = choice(i, j);
    if (c == -2) { ++j; continue; }
    if (c == -1) { ++i; continue; }
    result[idx[i]] = c;
    ++i;
    j = static_cast<size_t>(c) + 1;
  }
  return result;
}

}  // namespace plancli
