// Turns the plan's lines and tables into the section tree and the task list.
// Tested by tests/parse_test.cc and tests/tables_test.cc (what is a task, through
// parse()) and, end to end, tests/accuracy.py.
//
// Rules (shared/spec/CONTRACT.md, "What is a task"): table rows that carry a
// requirement are tasks, a merged name cell repeats the name above; the
// deepest numbered prose items are tasks; a heading with no numbered children
// makes one task per body paragraph; a heading's own paragraph is a task only
// when it assigns units; several unit parentheticals in one item split it; a
// numbered item followed by labelled lines (牵头单位：… 完成时限：…) is one task
// with those cells. Framing sections (总体要求, 指导思想, …) give no task
// unless units are assigned.
#include "assemble.h"

#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <map>

#include "deadlines.h"
#include "numbering.h"
#include "tables.h"
#include "units.h"

namespace plancli {

using namespace std::string_view_literals;
namespace {


// Key bytes [kb, ke) of an already folded text (a line of lines_, or a table
// cell folded once): items and paragraphs point into the folded lines
// instead of copying or folding them again.
struct Span {
  const Text* src = nullptr;
  size_t kb = 0, ke = 0;
  std::string_view key() const { return std::string_view(src->key).substr(kb, ke - kb); }
  // The raw text behind key bytes [kb + from, kb + to) of the span, trimmed.
  std::string_view raw(size_t from = 0, size_t to = std::string::npos) const {
    return src->slice(kb + from, kb + std::min(to, ke - kb));
  }
};

// The text behind spans joined in order, with where each span starts in it.
Text join(const std::vector<Span>& parts, std::vector<size_t>* starts = nullptr) {
  Text t;
  for (const Span& p : parts) {
    if (starts) starts->push_back(t.raw.size());
    append_text(t, *p.src, p.kb, p.ke);
  }
  if (t.map.empty()) t.map.push_back(0);
  return t;
}
Text materialize(Span s) { return join({s}); }

struct Para {
  std::vector<Span> parts;  // a line, and the lines that continue it
  int line;
  bool requirement = false;  // a labelled requirement (主要内容：…), label dropped
};

struct LabelLine {
  std::string label;  // folded key of the label
  std::string value;  // raw value
  int line;
};

// A numbered item of the plan: a prose marker line or a table heading cell.
struct Item {
  Marker marker;
  int level = 1;
  int line = 0;
  int parent = -1;
  Span text;  // the text after the marker (read until the item's tasks are made)
  std::string title;  // as a section: the text to the first 。, made when the item opens
  bool framing = false;  // it or an enclosing item is 总体要求, 指导思想, …
  bool heading_only = false;
  bool has_children = false;
  std::vector<Para> paras;
  std::vector<LabelLine> labels;
};

// What the task list is made of, in document order.
struct Entry {
  int item = -1;             // an item whose tasks are decided once the tree is known
  std::optional<Task> task;  // or a ready task (a table row)
};

std::string strip_trailing_punct(std::string s) {
  static const std::string_view kPunct[] = {"。", "；", ";", "，", ",", "、", "：", ":", ".", " "};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (auto p : kPunct)
      if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
        s.resize(s.size() - p.size());
        changed = true;
      }
  }
  return s;
}

std::string strip_leading_punct(std::string s) {
  static const std::string_view kPunct[] = {"。", "；", ";", "，", ",", "、", "：", ":", ")", "）"};
  // how far the marks run, then one erase (one erase a mark moved the rest
  // of the text each time: quadratic in a run of thousands)
  size_t from = 0;
  for (bool more = true; more;) {
    more = false;
    for (auto p : kPunct)
      if (starts_with(std::string_view(s).substr(from), p)) {
        from += p.size();
        more = true;
      }
  }
  s.erase(0, from);
  return s;
}

// The lead phrase: the first sentence (to 。 ； ： or the end) when it holds no
// ， , ；.
std::optional<std::string> lead_phrase(const Text& t) {
  size_t end = t.key.size();
  for (std::string_view stop : {"。"sv, ";"sv, ":"sv}) {
    size_t k = find_in(t.key, stop);
    if (k != std::string::npos) end = std::min(end, k);
  }
  std::string_view first = std::string_view(t.key).substr(0, end);
  if (first.empty() || first.find(',') != std::string_view::npos || first.find(';') != std::string_view::npos)
    return std::nullopt;
  std::string title = strip_trailing_punct(squeeze(t.slice(0, end)));
  if (title.empty()) return std::nullopt;
  return title;
}

bool is_heading_only(std::string_view k) {
  if (k.empty()) return true;
  if (cp_count(k) > 60) return false;
  size_t stop = find_in(k, "。");
  if (stop != std::string_view::npos && stop + 3 < k.size()) return false;
  return k.find(';') == std::string_view::npos;
}

bool is_framing(std::string_view title_key) {
  for (std::string_view w : {"指导思想"sv, "总体要求"sv, "工作目标"sv, "总体目标"sv, "主要目标"sv, "基本原则"sv, "工作原则"sv, "目标要求"sv})
    if (contains(title_key, w)) return true;
  return false;
}

// 牵头单位：区发改局 / 完成时限：… / 分管省领导：林克庆
std::optional<LabelLine> read_label_line(const Text& t, int line) {
  size_t colon = t.key.find(':');
  if (colon == std::string::npos || colon == 0 || cp_count(std::string_view(t.key).substr(0, colon)) > 10)
    return std::nullopt;
  std::string label = t.key.substr(0, colon);
  bool person = false;
  if (!label_role(label, &person) && !person && !is_deadline_label(label)) return std::nullopt;
  std::string value(t.slice(colon + 1, t.key.size()));
  // "牵头单位: | 市城市管理综合执法局 |"
  std::string clean;
  for (char c : value)
    if (c != '|') clean += c;
  return LabelLine{label, std::string(trim(clean)), line};
}

class Assembler {
 public:
  Assembler(const Layout& layout, std::vector<Text>& lines, const Frame& frame, const Folding& folding,
            Document& doc)
      : layout_(layout), lines_(lines), frame_(frame), folding_(folding), doc_(doc) {}

  void run() {
    find_convention();
    // room for what most plans give; reserved pages never written stay free
    doc_.tasks.reserve(layout_.blocks.size() / 2 + 16);
    for (size_t i = frame_.plan_begin; i < frame_.plan_end && i < layout_.blocks.size(); ++i) {
      block_ = i;
      const Block& b = layout_.blocks[i];
      if (b.kind == Block::Kind::Table) add_table(b.table);
      else add_line(b, lines_[i]);
    }
    emit_tasks(entries_.size());
    emit_sections();
    check_numbering();
  }

 private:
  const Layout& layout_;
  std::vector<Text>& lines_;  // freed line by line once no task can need them
  const Frame& frame_;
  const Folding& folding_;
  Document& doc_;
  LevelMap levels_;
  std::vector<Item> items_;
  std::vector<int> stack_;  // open items, outermost first
  std::vector<Entry> entries_;
  size_t emitted_ = 0;  // entries_[0, emitted_) have given their tasks
  size_t block_ = 0;    // the block being read
  size_t freed_ = 0;    // lines_[0, freed_) are released
  std::optional<TableModel> last_model_;  // columns of the last table with a header
  int convention_line_ = INT32_MAX;
  int prev_line_ = -1;  // line of the last paragraph line taken
  bool seen_heading_ = false;

  void find_convention() {
    for (size_t i = frame_.plan_begin; i < frame_.plan_end && i < layout_.blocks.size(); ++i) {
      const Block& b = layout_.blocks[i];
      if (b.kind == Block::Kind::Line && states_lead_convention(lines_[i].key)) {
        convention_line_ = b.line;
        return;
      }
    }
  }

  UnitConvention convention_at(int line) const { return UnitConvention{line >= convention_line_}; }

  int open_item(const Marker& m, Span rest, int line) {
    int level = levels_.level_of(m.family);
    while (!stack_.empty() && items_[stack_.back()].level >= level) stack_.pop_back();
    Item it;
    it.marker = m;
    it.level = level;
    it.line = line;
    it.parent = stack_.empty() ? -1 : stack_.back();
    it.text = rest;
    it.heading_only = is_heading_only(rest.key());
    std::string_view k = rest.key();
    size_t first = std::min(find_in(k, "。"), k.size());  // the first sentence
    it.framing = is_framing(k.substr(0, first)) || (it.parent >= 0 && items_[it.parent].framing);
    it.title = strip_trailing_punct(squeeze(rest.raw(0, first)));
    if (it.parent >= 0) items_[it.parent].has_children = true;
    items_.push_back(std::move(it));
    int idx = static_cast<int>(items_.size()) - 1;
    stack_.push_back(idx);
    seen_heading_ = true;
    return idx;
  }

  std::vector<std::string> open_path() const {
    std::vector<std::string> p;
    for (int i : stack_) p.push_back(items_[i].marker.number);
    return p;
  }

  void add_line(const Block& b, const Text& t) {
    if (t.key.empty() || is_furniture(t.key)) return;
    if (auto m = read_marker(t)) {
      int idx = open_item(*m, Span{&t, m->key_end, t.key.size()}, b.line);
      // every entry before this one is complete now (only the newest item
      // takes paragraphs, labels and children): its tasks can be made and
      // the lines behind them let go
      emit_tasks(entries_.size());
      release_lines_before(block_);
      entries_.push_back({idx, std::nullopt});
      return;
    }
    if (stack_.empty()) return;  // preamble before the first heading
    Item& cur = items_[stack_.back()];
    if (auto label = read_label_line(t, b.line)) {
      cur.labels.push_back(*label);
      return;
    }
    // a line broken mid-sentence (it ends with ， 、 or an open bracket) continues
    if (!cur.paras.empty() && cur.paras.back().line == prev_line_ && ends_mid_sentence(cur.paras.back().parts.back().key())) {
      cur.paras.back().parts.push_back(Span{&t, 0, t.key.size()});
      prev_line_ = b.line;
      return;
    }
    bool requirement = false;
    Span text = requirement_text(t, &requirement);
    cur.paras.push_back({{text}, b.line, requirement});
    prev_line_ = b.line;
  }

  // 主要内容：… / 具体措施：… under an item: the requirement itself, without its label
  static Span requirement_text(const Text& t, bool* labelled) {
    size_t colon = t.key.find(':');
    *labelled = colon != std::string::npos && colon > 0 && cp_count(std::string_view(t.key).substr(0, colon)) <= 6 &&
                header_role(std::string_view(t.key).substr(0, colon)) == ColumnRole::Requirement;
    return Span{&t, *labelled ? colon + 1 : 0, t.key.size()};
  }

  // On a key: ， and （ are folded to , and (.
  static bool ends_mid_sentence(std::string_view k) {
    for (std::string_view end : {","sv, "、"sv, "("sv, "“"sv, "《"sv})
      if (ends_with(k, end)) return true;
    return false;
  }

  // ---- tables ----

  bool is_field_table(const Table& t) const {
    for (const auto& r : t.rows)
      for (const auto& c : r.cells) {
        const std::string& k = c.folded(folding_).key;
        if (starts_with(k, "索引号") || starts_with(k, "发布单位") || starts_with(k, "发布文号") ||
            starts_with(k, "发布机构") || starts_with(k, "公开方式") || starts_with(k, "发文日期"))
          return true;
      }
    return false;
  }

  void add_table(const Table& table) {
    if (table.rows.empty() || is_field_table(table)) return;
    TableModel model = analyze_table(table, folding_);
    // a table cut in two (a page break, a note between its rows) goes on
    // with the columns of the part before it
    size_t width = 0;
    for (const auto& r : table.rows) width = std::max(width, r.cells.size());
    if (model.header_row < 0 && last_model_ && width <= last_model_->columns.size() + 1 && width > 1) {
      model = *last_model_;
      model.header_row = -1;  // this part has no header row of its own
    } else if (model.header_row >= 0) {
      last_model_ = model;
    }
    bool useful = false;
    for (const auto& c : model.columns)
      useful |= c.role == ColumnRole::Requirement || c.role == ColumnRole::Name || c.role == ColumnRole::Units;
    if (!useful) return;
    std::optional<std::string> carried;
    for (size_t r = model.header_row + 1; r < table.rows.size(); ++r) add_row(table.rows[r], model, carried);
  }

  // A name cell that reads as a requirement: sentences, not a heading.
  bool name_is_sentence(const Cell& c) const {
    const std::string& k = c.folded(folding_).key;
    return cp_count(k) > 30 && (k.find(',') != std::string::npos || find_in(k, "。") + 3 < k.size());
  }

  int heading_cell(const Cell& c) {
    const Text& t = c.folded(folding_);
    auto m = read_marker(t);
    if (!m || !is_heading_family(m->family)) return -1;
    int idx = open_item(*m, Span{&t, m->key_end, t.key.size()}, c.line);
    items_[idx].heading_only = true;
    return idx;
  }

  void add_row(const Row& row, const TableModel& model, std::optional<std::string>& carried) {
    std::vector<const Cell*> filled;
    for (const auto& c : row.cells)
      if (!c.text.empty()) filled.push_back(&c);
    if (filled.empty()) return;
    if (filled.size() == 1 && heading_cell(*filled[0]) >= 0) {
      carried.reset();
      return;
    }
    std::vector<int> cols = align_row(row, model, folding_);
    const Cell *name = nullptr, *req = nullptr, *number = nullptr, *deadline = nullptr;
    std::vector<std::pair<const Cell*, UnitRole>> unit_cells;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const Cell& c = row.cells[i];
      if (c.text.empty()) continue;
      if (cols[i] < 0) {
        heading_cell(c);  // a heading cell beyond the columns: 一、… | (一)… | 1 | …
        continue;
      }
      const Column& col = model.columns[cols[i]];
      switch (col.role) {
        case ColumnRole::Name: if (!name) name = &c; break;
        case ColumnRole::Requirement: if (!req) req = &c; break;
        case ColumnRole::Number: if (!number) number = &c; break;
        case ColumnRole::Deadline: if (!deadline) deadline = &c; break;
        case ColumnRole::Units: unit_cells.push_back({&c, col.unit_role}); break;
        default: break;
      }
    }
    Task task;
    task.line = row.line;
    std::string name_number;  // 1.做好… in the task column
    if (name) {
      const Text& t = name->folded(folding_);
      std::string title = name->text;
      if (heading_cell(*name) >= 0) {
        auto m = read_marker(t);
        title = std::string(t.slice(m->key_end, t.key.size()));
      } else if (auto m = read_marker(t)) {
        title = std::string(t.slice(m->key_end, t.key.size()));
        name_number = m->number;
      }
      carried = strip_trailing_punct(squeeze(title));
    }
    bool has_req_col = std::any_of(model.columns.begin(), model.columns.end(),
                                   [](const Column& c) { return c.role == ColumnRole::Requirement; });
    // no requirement cell: the name cell is the requirement (a table of one
    // text column, or a row whose requirement sits in the task column)
    const Cell* body = req ? req : name;
    if (!body || (!req && has_req_col && !name_is_sentence(*name))) return;
    const Text& bt = body->folded(folding_);
    std::string own_number;
    size_t text_from = 0;
    if (body == name) {
      if (auto m = read_marker(bt)) text_from = m->key_end;
      if (has_req_col) task.title = lead_phrase(sub_text(bt, text_from, bt.key.size()));
    }
    if (body == req) {
      if (auto m = read_marker(bt); m && (m->family == MarkerFamily::ArabicDot || m->family == MarkerFamily::ArabicParen ||
                                          m->family == MarkerFamily::Circled || m->family == MarkerFamily::ArabicHalf)) {
        levels_.level_of(m->family);
        own_number = m->number;
        text_from = m->key_end;
      }
    }
    if (number) own_number = std::string(trim(number->text));
    if (own_number.empty()) own_number = name_number;
    task.text = squeeze(bt.slice(text_from, bt.key.size()));
    if (task.text.empty()) return;
    if (body != name || !has_req_col) task.title = carried;
    task.path = open_path();
    if (!own_number.empty()) task.path.push_back(own_number);
    UnitConvention conv = convention_at(row.line);
    for (auto& [cell, role] : unit_cells) {
      const Text& ct = cell->folded(folding_);
      merge_units(task.units, parse_unit_list(ct, 0, ct.key.size(), role, conv));
    }
    if (deadline) {
      task.deadlines = find_deadlines(deadline->folded(folding_), DeadlineMode::Cell, doc_.meta.year,
                                      &doc_.diagnostics, deadline->line);
    } else {
      task.deadlines = find_deadlines(bt, DeadlineMode::Prose, doc_.meta.year, &doc_.diagnostics, row.line);
    }
    if (!stack_.empty()) items_[stack_.back()].has_children = true;
    entries_.push_back({-1, std::move(task)});
  }

  // ---- prose items → tasks ----

  std::vector<std::string> item_path(int idx) const {
    std::vector<std::string> p;
    for (int i = idx; i >= 0; i = items_[i].parent) p.insert(p.begin(), items_[i].marker.number);
    return p;
  }

  // The item's body: its text and paragraphs, with where each part starts.
  struct Body {
    Text t;
    std::vector<std::pair<size_t, int>> starts;  // raw offset → line
    int line_at(size_t off) const {
      int line = starts.front().second;
      for (auto& [o, l] : starts)
        if (o <= off) line = l;
      return line;
    }
  };

  // Spans joined into one body; each span's line is `lines[i]`.
  static Body make_body(const std::vector<Span>& parts, const std::vector<int>& lines) {
    Body b;
    std::vector<size_t> offs;
    b.t = join(parts, &offs);
    for (size_t i = 0; i < parts.size(); ++i) b.starts.push_back({offs[i], lines[i]});
    return b;
  }
  static Body make_body(const Para& p) { return make_body(p.parts, std::vector<int>(p.parts.size(), p.line)); }

  void apply_labels(const std::vector<LabelLine>& labels, Task& task, bool& has_deadline_label) {
    for (const auto& l : labels) {
      if (is_deadline_label(l.label)) {
        auto d = find_deadlines(fold(l.value, folding_), DeadlineMode::Cell, doc_.meta.year, &doc_.diagnostics, l.line);
        task.deadlines.insert(task.deadlines.end(), d.begin(), d.end());
        has_deadline_label = true;
        continue;
      }
      bool person = false;
      auto role = label_role(l.label, &person);
      if (role) merge_units(task.units, parse_unit_list(l.value, *role, folding_, convention_at(l.line)));
    }
  }

  // f(item) for the items of `items` (in text order, by kb) that lie inside
  // key range [b, e), going on from *at: chunks come in text order too, so
  // each list is walked once for all of them, not once a chunk (a body of
  // 44,000 parentheticals on one line took 4.4 s).
  template <typename T, typename F>
  static void each_inside(const std::vector<T>& items, size_t& at, size_t b, size_t e, F&& f) {
    while (at < items.size() && items[at].kb < b) ++at;
    for (; at < items.size() && items[at].kb < e; ++at)
      if (items[at].ke <= e) f(items[at]);
  }

  // One task per chunk closed by a unit parenthetical.
  void body_tasks(const Body& body, std::vector<std::string> path, std::optional<std::string> title,
                  const std::vector<LabelLine>& labels, std::vector<Task>& out) {
    const Text& t = body.t;
    UnitConvention conv = convention_at(body.starts.front().second);
    std::vector<UnitParenthetical> parens = find_unit_parentheticals(t, conv);
    std::vector<std::pair<size_t, size_t>> chunks;  // key ranges
    size_t from = 0;
    for (const auto& p : parens) {
      // a parenthetical closes a task where a sentence ends; one followed by
      // a comma names the units of the sentence it stands in
      std::string_view after = std::string_view(t.key).substr(p.ke);
      bool closes = after.empty() || after.substr(0, 3) == "。" || after.front() == ';' || after.front() == ')' ||
                    after.front() == '|';
      if (!closes) continue;
      size_t end = p.ke;  // the sentence end after the parenthetical stays with it
      for (std::string_view stop : {"。"sv, ";"sv})
        if (std::string_view(t.key).substr(end, stop.size()) == stop) end += stop.size();
      chunks.push_back({from, end});
      from = end;
    }
    if (from < t.key.size() || chunks.empty()) chunks.push_back({from, t.key.size()});
    std::vector<InlineLabel> labels_inline = find_inline_labels(t, conv);
    size_t next_paren = 0, next_label = 0;  // both lists run in text order, as the chunks do
    for (auto [b, e] : chunks) {
      Task task;
      // text: the chunk without its unit parentheticals and labelled sentences
      std::vector<std::pair<size_t, size_t>> cut;
      each_inside(parens, next_paren, b, e, [&](const UnitParenthetical& p) {
        cut.push_back({p.kb, p.ke});
        merge_units(task.units, p.units);
      });
      std::vector<std::pair<size_t, size_t>> deadline_cells;
      each_inside(labels_inline, next_label, b, e, [&](const InlineLabel& l) {
        cut.push_back({l.kb, l.ke});
        merge_units(task.units, l.units);
        if (is_deadline_label(l.label)) deadline_cells.push_back({l.value_kb, l.ke});
      });
      std::sort(cut.begin(), cut.end());
      std::string text;
      Text dl_text;  // the chunk less deadline cells, for prose deadlines
      size_t cur = b, dcur = b;
      for (auto [cb, ce] : cut) {
        if (cb < cur) continue;
        text += t.slice(cur, cb);
        cur = ce;
      }
      text += t.slice(cur, e);
      if (!deadline_cells.empty()) {
        for (auto [cb, ce] : deadline_cells) {
          append_text(dl_text, t, dcur, cb);
          dcur = ce;
        }
        append_text(dl_text, t, dcur, e);
      }
      task.text = strip_leading_punct(squeeze(text));
      if (cp_count(task.text) < 4 && task.units.empty()) continue;  // a stray 。 after the last parenthetical
      if (task.text.empty()) continue;
      task.line = body.line_at(t.raw_offset(b));
      task.path = path;
      task.title = title;
      Text chunk = sub_text(t, b, e);
      merge_units(task.units, find_unit_clauses(chunk, conv));
      bool has_deadline_label = false;
      apply_labels(labels, task, has_deadline_label);
      for (auto [cb, ce] : deadline_cells) {
        auto d = find_deadlines(sub_text(t, cb, ce), DeadlineMode::Cell, doc_.meta.year,
                                &doc_.diagnostics, task.line);
        task.deadlines.insert(task.deadlines.end(), d.begin(), d.end());
        has_deadline_label = true;
      }
      if (!has_deadline_label)
        task.deadlines = find_deadlines(deadline_cells.empty() ? chunk : dl_text, DeadlineMode::Prose,
                                        doc_.meta.year, &doc_.diagnostics, task.line);
      out.push_back(std::move(task));
    }
  }

  // Paragraphs that hold nothing but a unit parenthetical, such as a line
  // （责任单位：市政府办公室） under （一）加强政策解读。, belong to the item.
  bool only_unit_paras(const Item& it) const {
    for (const auto& p : it.paras) {
      Text t = join(p.parts);
      auto parens = find_unit_parentheticals(t, {});
      size_t covered = 0;
      for (const auto& x : parens) covered += x.ke - x.kb;
      if (parens.empty() || covered + 3 < t.key.size()) return false;
    }
    return true;
  }

  std::vector<Task> item_tasks(int idx) {
    const Item& it = items_[idx];
    std::vector<Task> out;
    std::vector<std::string> path = item_path(idx);
    if (it.has_children) {
      // a heading's own paragraph (or its own text after the title) is a
      // task only when it assigns units
      if (!it.heading_only) {
        std::vector<Task> ts;
        Body own = make_body({it.text}, {it.line});
        body_tasks(own, path, lead_phrase(own.t), {}, ts);
        for (auto& t : ts)
          if (!t.units.empty()) out.push_back(std::move(t));
      }
      for (const auto& p : it.paras) {
        std::vector<Task> ts;
        body_tasks(make_body(p), path, std::nullopt, {}, ts);
        for (auto& t : ts)
          if (!t.units.empty()) out.push_back(std::move(t));
      }
      return out;
    }
    // the item names the task, labelled lines give its requirement and units,
    // as the cells of a table row would
    bool requirement_cells = !it.paras.empty() && std::all_of(it.paras.begin(), it.paras.end(),
                                                              [](const Para& p) { return p.requirement; });
    std::vector<Span> parts;  // the paragraphs' spans in order, each with its paragraph's line
    std::vector<int> part_lines;
    for (const auto& p : it.paras)
      for (const Span& sp : p.parts) {
        parts.push_back(sp);
        part_lines.push_back(p.line);
      }
    if (it.heading_only && requirement_cells) {
      Body body = make_body(parts, part_lines);
      std::string name = strip_trailing_punct(squeeze(it.text.raw()));
      body_tasks(body, path, name.empty() ? std::nullopt : std::optional<std::string>(name), it.labels, out);
      for (auto& t : out) t.line = it.line;
      return out;
    }
    if (it.heading_only && !it.paras.empty() && !only_unit_paras(it)) {
      for (const auto& p : it.paras) body_tasks(make_body(p), path, std::nullopt, it.labels, out);
      return out;
    }
    if (it.heading_only && it.paras.empty() && it.labels.empty() && it.level == 1) return out;
    parts.insert(parts.begin(), it.text);
    part_lines.insert(part_lines.begin(), it.line);
    Body body = make_body(parts, part_lines);
    if (body.t.key.empty()) return out;
    body_tasks(body, path, lead_phrase(materialize(it.text)), it.labels, out);
    return out;
  }

  // Makes the tasks of entries_[emitted_, upto), in document order.
  void emit_tasks(size_t upto) {
    for (; emitted_ < upto; ++emitted_) {
      Entry& e = entries_[emitted_];
      if (e.item < 0) {
        add_task(std::move(*e.task));
        e.task.reset();
        continue;
      }
      bool framing = items_[e.item].framing;
      for (auto& t : item_tasks(e.item))
        if (!framing || !t.units.empty()) add_task(std::move(t));
    }
  }

  void add_task(Task t) {
    t.id = "T" + std::to_string(doc_.tasks.size() + 1);
    doc_.tasks.push_back(std::move(t));
  }

  // Lines before `block` are read by no task still to be made once the
  // entries before it have given theirs: their texts are released.
  void release_lines_before(size_t block) {
    for (; freed_ < block && freed_ < lines_.size(); ++freed_) {
      Text& t = lines_[freed_];
      std::string().swap(t.raw);  // assigning an empty string would keep the buffer
      std::string().swap(t.key);
      std::vector<uint32_t>().swap(t.map);
    }
  }

  // ---- sections ----

  // A heading: it has numbered children or rows, it stands at the top level,
  // or its paragraphs are its tasks. A one-sentence leaf item is a task.
  bool is_section(const Item& it) const {
    return it.has_children || it.level == 1 || (it.heading_only && !it.paras.empty());
  }

  Section section_of(int idx) const {
    const Item& it = items_[idx];
    Section s;
    s.number = it.marker.number;
    s.level = it.level;
    s.line = it.line;
    s.title = it.title;
    return s;
  }

  void emit_sections() {
    std::map<int, std::vector<int>> children;  // section parent → section children
    std::vector<int> roots;
    for (int i = 0; i < static_cast<int>(items_.size()); ++i) {
      if (!is_section(items_[i])) continue;
      int p = items_[i].parent;
      while (p >= 0 && !is_section(items_[p])) p = items_[p].parent;
      (p < 0 ? roots : children[p]).push_back(i);
    }
    std::function<Section(int)> build = [&](int i) {
      Section s = section_of(i);
      for (int c : children[i]) s.sections.push_back(build(c));
      return s;
    };
    for (int r : roots) doc_.sections.push_back(build(r));
  }

  // Sibling markers are checked per parent and family; a list that goes on
  // counting from the one before it (1. 2. under （一）, 3. under （二）) is fine.
  void check_numbering() {
    std::map<std::pair<int, int>, std::vector<SiblingMarker>> groups;  // (parent, family)
    std::vector<std::pair<int, int>> order;
    for (const auto& it : items_) {
      std::pair<int, int> key{it.parent, static_cast<int>(it.marker.family)};
      if (!groups.count(key)) order.push_back(key);
      groups[key].push_back({it.marker.value, it.marker.number, it.line});
    }
    std::map<int, int> last_of_family;  // family → last value of the previous group
    for (const auto& key : order) {
      auto& sib = groups[key];
      auto prev = last_of_family.find(key.second);
      bool counts_on = prev != last_of_family.end() && sib.front().value == prev->second + 1;
      check_sequence(sib, doc_.diagnostics, counts_on ? sib.front().value : 1);
      last_of_family[key.second] = sib.back().value;
    }
  }
};

}  // namespace

void assemble(const Layout& layout, std::vector<Text>& lines, const Frame& frame, const Folding& folding,
              Document& doc) {
  Assembler(layout, lines, frame, folding, doc).run();
}

}  // namespace plancli
