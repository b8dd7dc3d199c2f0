// Reads document metadata from the head, the signature and a web page's
// field table. Tested by tests/meta_test.cc.
//
// Hard cases: a title broken over two lines (立山区政府2023年重点工作 /
// 任务分解和责任分工方案); the plan's title after a 关于印发…的通知 and its
// signature; 发文日期 wins over the signature date, but a page's 发布日期 /
// 发布时间 is no issue date; a 文号 the text merely cites (…(鲁政办发〔2021〕5号)
// 精神) is not the document's own; 索 引 号 with spaces inside the label.
#include "meta.h"

#include <re2/re2.h>

#include <fmt/format.h>

#include <algorithm>

#include "numbering.h"
#include "tokenize.h"
#include "units.h"

namespace plancli {

using namespace std::string_view_literals;
namespace {


const RE2& doc_number_re() {
  static const RE2 re("([\\p{Han}]{1,12}[〔\\[【(]\\d{4}[〕\\]】)]\\s?\\d{1,5}\\s?号)");
  return re;
}

// Field labels of web copies and document heads, longest first.
constexpr std::string_view kFieldLabels[] = {
    "索引号",   "发布机构", "发文机关", "发文日期", "成文日期",   "发文字号", "发布文号",
    "文号",     "关键词",   "主题分类", "公开方式", "发布时间",   "发布日期", "生效日期",
    "信息来源", "来源",     "组配分类", "发布单位", "有效性状态", "有效性",   "废止日期",
    "体裁分类", "公文种类", "浏览次数", "生成日期", "公开时限",   "公开范围", "属性",
    "备注",     "时间",     "分类"};

std::string_view label_at(std::string_view key, size_t pos) {
  for (std::string_view l : kFieldLabels)
    if (starts_with(key.substr(pos), l)) return l;
  return {};
}

struct Fields {
  std::optional<std::string> index_number, doc_number, date, issuer;
};

std::optional<std::string> iso_date(std::string_view key) {
  static const RE2 re("(\\d{4})\\s?[年\\-/.]\\s?(\\d{1,2})\\s?[月\\-/.]\\s?(\\d{1,2})");
  int y, m, d;
  if (!RE2::PartialMatch(key, re, &y, &m, &d) || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

void take_field(std::string_view label, std::string_view value, Fields& f) {
  value = trim(value);
  if (value.empty()) return;
  if (label == "索引号" && !f.index_number) {
    static const RE2 id("([0-9A-Za-z][0-9A-Za-z/\\-_.]*)");
    std::string v;
    if (RE2::PartialMatch(value, id, &v)) f.index_number = v;
  } else if ((label == "文号" || label == "发文字号" || label == "发布文号") && !f.doc_number) {
    std::string v;
    if (RE2::PartialMatch(value, doc_number_re(), &v)) f.doc_number = squeeze(v);
  } else if ((label == "发文日期" || label == "成文日期") && !f.date) {
    f.date = iso_date(value);
  } else if ((label == "发布机构" || label == "信息来源" || label == "发文机关" || label == "发布单位") && !f.issuer) {
    std::string v = squeeze(value);
    if (is_unit_name(v)) f.issuer = v;
  }
}

// "索引号:X 发布机构:Y" on one line: values run to the next label.
void fields_of_line(std::string_view key, Fields& f) {
  std::vector<std::pair<size_t, std::string_view>> labels;  // position after the colon, label
  // each colon and bar in turn, found by memchr (find_first_of would call
  // memchr once per byte of the line)
  constexpr size_t npos = std::string_view::npos;
  for (size_t colon = key.find(':'), bar = key.find('|'); colon != npos || bar != npos;) {
    size_t i = std::min(colon, bar);
    if (i == colon) colon = key.find(':', i + 1);
    else bar = key.find('|', i + 1);
    for (std::string_view lv : kFieldLabels) {
      if (i >= lv.size() && key.substr(i - lv.size(), lv.size()) == lv) {
        labels.push_back({i + 1, lv});
        break;
      }
    }
  }
  for (size_t k = 0; k < labels.size(); ++k) {
    size_t end = k + 1 < labels.size() ? labels[k + 1].first - labels[k + 1].second.size() - 1 : key.size();
    take_field(labels[k].second, key.substr(labels[k].first, end - labels[k].first), f);
  }
}

void fields_of_table(const Table& t, const Folding& folding, Fields& f) {
  std::vector<std::string> cells;
  // a field strip (索引号 | … | 发布机构 | …) is a few rows at most; a task table is no field table
  if (t.rows.size() > 8) return;
  for (const auto& r : t.rows)
    for (const auto& c : r.cells)
      if (!c.text.empty()) cells.push_back(c.folded(folding).key);
  for (size_t i = 0; i + 1 < cells.size(); ++i) {
    std::string label = cells[i];
    while (!label.empty() && label.back() == ':') label.pop_back();
    std::string_view l = label_at(label, 0);
    if (!l.empty() && l.size() == label.size()) take_field(l, cells[i + 1], f);
  }
}

bool is_date_line(std::string_view key, std::optional<std::string>* iso) {
  static const RE2 re("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
  static const RE2 cn("([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日");
  // both patterns end with 日 and are at most 36 bytes: most lines are
  // turned away before a regex runs
  if (key.size() > 36 || !ends_with(key, "日")) return false;
  int y, m, d;
  if (RE2::FullMatch(key, re, &y, &m, &d)) {
    if (iso) *iso = fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
    return true;
  }
  std::string ys, ms, ds;
  if (RE2::FullMatch(key, cn, &ys, &ms, &ds)) {
    static const std::u32string kDigits = U"〇一二三四五六七八九";
    int year = 0;
    for (size_t i = 0; i < ys.size();) {
      char32_t c = next_cp(ys, i);
      size_t v = c == U'零' ? 0 : kDigits.find(c);
      year = year * 10 + static_cast<int>(v);
    }
    if (iso) *iso = fmt::format("{:04d}-{:02d}-{:02d}", year, chinese_numeral_value(ms), chinese_numeral_value(ds));
    return true;
  }
  return false;
}

bool is_org_line(std::string_view key) {
  if (key.empty() || cp_count(key) > 30) return false;
  static const RE2 punct("[,。;:!?《》“”\"]");
  if (RE2::PartialMatch(key, punct)) return false;
  if (starts_with(key, "各")) return false;
  return is_unit_name(key);
}

struct Signature {
  size_t first_block, date_block;
  std::string issuer;
  std::optional<std::string> date;
};

// Org lines directly above a date line (blank lines between allowed).
std::vector<Signature> find_signatures(const Layout& layout, const std::vector<std::string_view>& keys,
                                       const std::vector<Text>& lines) {
  std::vector<Signature> out;
  for (size_t i = 0; i < keys.size(); ++i) {
    std::optional<std::string> iso;
    if (!is_date_line(keys[i], &iso)) continue;
    std::vector<std::string> orgs;
    size_t first = i;
    for (size_t j = i; j-- > 0 && orgs.size() < 4;) {
      if (layout.blocks[j].kind != Block::Kind::Line) break;
      if (keys[j].empty()) continue;
      if (!is_org_line(keys[j])) break;
      orgs.insert(orgs.begin(), squeeze(lines[j].raw));
      first = j;
    }
    if (orgs.empty()) continue;
    std::string issuer;
    for (const auto& o : orgs) issuer += (issuer.empty() ? "" : "、") + o;
    out.push_back({first, i, issuer, iso});
  }
  return out;
}

// 要点 方案 意见 … at the end (a word list: an end-anchored regex still
// reads the whole line).
bool has_doc_type_suffix(std::string_view key) {
  for (std::string_view w : {"要点"sv, "方案"sv, "意见"sv, "通知"sv, "计划"sv, "清单"sv, "分解表"sv, "任务表"sv, "办法"sv, "细则"sv, "安排"sv,
                             "规划"sv, "决定"sv, "台账"sv, "责任表"sv, "分工表"sv, "任务书"sv, "报告"sv, "纲要"sv})
    if (ends_with(key, w)) return true;
  return false;
}

std::string strip_trailing_doc_number(std::string_view key_or_raw) {
  static const RE2 tail("^(.*?)\\s*[(（\\[【]?[\\p{Han}]{1,12}[〔\\[【(]\\d{4}[〕\\]】)]\\s?\\d{1,5}\\s?号[)）\\]】]?\\s*$");
  std::string head;
  // the pattern holds 号: most titles (…方案, …要点) never reach the regex
  if (contains(key_or_raw, "号") && RE2::FullMatch(key_or_raw, tail, &head)) return head;
  return std::string(key_or_raw);
}

bool title_like(std::string_view key) {
  // cheap first: a title ends with its kind of document, a 文号 or a note in brackets
  if (!has_doc_type_suffix(key) && !ends_with(key, ")") && !ends_with(key, "号") && !ends_with(key, "〕") &&
      !ends_with(key, "】"))
    return false;
  std::string k = strip_trailing_doc_number(key);
  // …三年行动方案(2021—2023年), …办法(试行): judge the title before the note
  static const RE2 note("^(.+?)\\([^()]{1,20}\\)$");
  std::string head;
  if (ends_with(k, ")") && RE2::FullMatch(k, note, &head) && has_doc_type_suffix(head)) k = head;
  size_t n = cp_count(k);
  if (n < 8 || n > 90) return false;
  // sentences and breadcrumbs (首页 > 政务公开 > 工作要点) are no titles
  static const RE2 punct("[,。;:!?>»|]|首页|当前位置");
  if (RE2::PartialMatch(k, punct)) return false;
  return has_doc_type_suffix(k);
}

bool title_fragment(std::string_view key) {
  size_t n = cp_count(key);
  if (n < 4 || n > 40) return false;
  static const RE2 punct("[,。;:!?()、]");
  if (RE2::PartialMatch(key, punct)) return false;
  static const RE2 year_or_about("\\d{4}年|关于");
  return RE2::PartialMatch(key, year_or_about);
}

bool is_heading_line(const Block& b, const Text& t) {
  if (b.kind != Block::Kind::Line) return b.kind == Block::Kind::Table;
  auto m = read_marker(t);
  return m && (is_heading_family(m->family) || m->family == MarkerFamily::ArabicDot);
}

// Key bytes of a leading 附件： / 附件1： (0 when there is none).
size_t attachment_prefix(std::string_view key) {
  static const RE2 re("^(附件\\d*:)");
  re2::StringPiece m;
  return RE2::PartialMatch(key, re, &m) ? m.size() : 0;
}

std::optional<std::string> find_title(const Layout& layout, const std::vector<std::string_view>& keys,
                                      const std::vector<Text>& lines, size_t from, size_t to) {
  size_t prev = SIZE_MAX;  // last non-blank line block
  for (size_t i = from; i < to && i < keys.size(); ++i) {
    const Block& b = layout.blocks[i];
    if (b.kind != Block::Kind::Line) {
      prev = SIZE_MAX;
      continue;
    }
    if (keys[i].empty()) continue;
    if (is_heading_line(b, lines[i])) break;
    // 附件1：某市2021年政务公开工作任务分解表
    if (size_t att = attachment_prefix(keys[i]); att && title_like(keys[i].substr(att))) {
      const Text& t = lines[i];
      return strip_trailing_doc_number(squeeze(t.slice(att, t.key.size())));
    }
    if (title_like(keys[i])) {
      std::string raw = squeeze(lines[i].raw);
      bool continues = prev != SIZE_MAX && title_fragment(keys[prev]) && !title_fragment(keys[i]) &&
                       !is_org_line(keys[prev]);
      if (continues) raw = squeeze(lines[prev].raw) + raw;
      return strip_trailing_doc_number(raw);
    }
    prev = i;
  }
  return std::nullopt;
}

std::optional<std::string> issuer_from_title(std::string_view title) {
  static const RE2 about("^(.+?)关于");
  static const RE2 year("^(.+?)\\d{4}年");
  std::string head;
  if (RE2::PartialMatch(title, about, &head) || RE2::PartialMatch(title, year, &head)) {
    if (is_unit_name(head)) return head;
  }
  return std::nullopt;
}

}  // namespace

bool is_furniture(std::string_view key) {
  // the page's own lines, each a pattern for the start of a line
  static constexpr std::string_view kFurniture[] = {
      "索引号", "发布时间", "发布日期", "浏览次数", "访问次数", "【字体", "字体[:：]", "公开方式", "关键词",
      "主题分类", "发布机构", "发文日期", "信息来源", "来源[:：]", "时间[:：]", "文号[:：]", "打印", "关闭",
      "返回", "分享", "附件[:：\\d]", "附件$", "核心提示", "全文$", "\\(此件", "此件公开", "\\(此页",
      "扫一扫", "相关链接", "责任编辑"};
  static const RE2 re([] {
    std::string alternatives;
    for (std::string_view p : kFurniture) (alternatives += alternatives.empty() ? "" : "|") += p;
    return "^(?:" + alternatives + ")";
  }());
  // The regex runs on every line of the body; a line whose first character
  // starts no pattern (most) is turned away before it.
  static const std::vector<char32_t> kFirst = [] {
    std::vector<char32_t> v;
    for (std::string_view p : kFurniture) {
      size_t i = p[0] == '\\' ? 1 : 0;  // an escaped ( is a ( in the text
      v.push_back(next_cp(p, i));
    }
    return v;
  }();
  size_t at = 0;
  char32_t first = key.empty() ? 0 : next_cp(key, at);
  if (std::find(kFirst.begin(), kFirst.end(), first) != kFirst.end() && RE2::PartialMatch(key, re)) return true;
  // an addressee line: 局机关各处室（单位）：/ 各县、市、区人民政府,…:
  // (各级各部门要做好以下工作: opens a list of requirements and stays)
  static const RE2 verb("要|应|请|须|做好|如下|以下");
  if (ends_with(key, ":") && cp_count(key) < 120 && !contains(key, "。") &&
      contains(key, "各") && !RE2::PartialMatch(key, verb))
    return true;
  return false;
}

Meta read_meta(const Layout& layout, const std::vector<Text>& lines, const Folding& folding, Frame* frame) {
  Meta meta;
  std::vector<std::string_view> keys;  // views of the folded lines' keys
  keys.reserve(layout.blocks.size());
  for (const auto& t : lines) keys.push_back(t.key);
  Frame fr;
  fr.plan_end = layout.blocks.size();

  // First heading: the end of the head.
  size_t first_heading = layout.blocks.size();
  for (size_t i = 0; i < layout.blocks.size(); ++i)
    if (is_heading_line(layout.blocks[i], lines[i])) { first_heading = i; break; }

  Fields f;
  for (size_t i = 0; i < layout.blocks.size(); ++i) {
    const Block& b = layout.blocks[i];
    if (b.kind == Block::Kind::Table) fields_of_table(b.table, folding, f);
    else if (i < first_heading + 5 || i + 10 > layout.blocks.size()) fields_of_line(keys[i], f);
  }

  // A covering notice: 关于印发…的通知 near the top, or 现将《…》印发给你们.
  static const RE2 notice_title("印发.{0,120}的通知");
  static const RE2 notice_body("现将.{0,120}印发给你们|印发给你们");
  size_t notice_at = SIZE_MAX;
  for (size_t i = 0; i < std::min(first_heading + 1, layout.blocks.size()); ++i) {
    if (keys[i].empty()) continue;
    if (!contains(keys[i], "印发")) continue;  // both patterns hold it: no regex call for most lines
    if (RE2::PartialMatch(keys[i], notice_title) || RE2::PartialMatch(keys[i], notice_body)) {
      notice_at = i;
      break;
    }
  }
  std::vector<Signature> sigs = find_signatures(layout, keys, lines);
  const Signature* notice_sig = nullptr;
  if (notice_at != SIZE_MAX) {
    fr.notice = true;
    for (const auto& s : sigs)
      if (s.date_block > notice_at) { notice_sig = &s; break; }
    bool heading_after_sig = false;
    for (size_t i = notice_sig ? notice_sig->date_block + 1 : 0; notice_sig && i < layout.blocks.size(); ++i)
      if (is_heading_line(layout.blocks[i], lines[i])) { heading_after_sig = true; break; }
    // the plan's own title between the notice and its signature: the plan
    // stands inside the notice and the signature closes both
    size_t inner_title = SIZE_MAX;
    for (size_t i = notice_at + 1; notice_sig && !heading_after_sig && i < notice_sig->first_block; ++i) {
      if (is_heading_line(layout.blocks[i], lines[i])) break;
      std::string_view k = keys[i].substr(attachment_prefix(keys[i]));
      if (!k.empty() && title_like(k) && !RE2::PartialMatch(k, notice_title)) { inner_title = i; break; }
    }
    if (inner_title != SIZE_MAX) {
      fr.plan_begin = inner_title;
      fr.plan_end = notice_sig->first_block;
    } else if (notice_sig) {
      fr.plan_begin = notice_sig->date_block + 1;
    } else {
      // a web copy that drops the signature: the plan starts at its own
      // title, else after the sentence that hands it out (印发给你们)
      fr.plan_begin = layout.blocks.size();
      size_t handed = notice_at;
      for (size_t i = notice_at; i < layout.blocks.size() && i < notice_at + 8; ++i)
        if (RE2::PartialMatch(keys[i], notice_body)) { handed = i; break; }
      for (size_t i = notice_at + 1; i < layout.blocks.size(); ++i) {
        if (!keys[i].empty() && title_like(keys[i]) && !RE2::PartialMatch(keys[i], notice_title)) {
          fr.plan_begin = i;
          break;
        }
        if (is_heading_line(layout.blocks[i], lines[i]) && i > handed) {
          fr.plan_begin = handed + 1;
          break;
        }
      }
    }
  }
  // A closing signature after the plan body ends it.
  for (const auto& s : sigs)
    if (s.first_block >= fr.plan_begin && s.first_block > first_heading && s.first_block < fr.plan_end) {
      fr.plan_end = s.first_block;
      break;
    }

  // Title: the plan's own, else the notice's.
  meta.title = find_title(layout, keys, lines, fr.plan_begin, fr.plan_end);
  if (!meta.title && notice_at != SIZE_MAX) {
    meta.title = find_title(layout, keys, lines, 0, notice_at + 1);
    if (!meta.title && title_like(keys[notice_at])) meta.title = strip_trailing_doc_number(squeeze(lines[notice_at].raw));
  }
  if (!meta.title && fr.plan_begin > 0 && notice_at == SIZE_MAX)
    meta.title = find_title(layout, keys, lines, 0, fr.plan_end);

  // Issuer: signature, then the title's opening body, then the page field.
  const Signature* sig = notice_sig ? notice_sig : (sigs.empty() ? nullptr : &sigs.front());
  if (sig) meta.issuer = sig->issuer;
  if (!meta.issuer && meta.title) meta.issuer = issuer_from_title(*meta.title);
  if (!meta.issuer && notice_at != SIZE_MAX) meta.issuer = issuer_from_title(squeeze(lines[notice_at].raw));
  if (!meta.issuer) meta.issuer = f.issuer;

  meta.date = f.date;
  if (!meta.date && sig) meta.date = sig->date;
  meta.index_number = f.index_number;

  // 文号: a field, a line of its own in the head, or the end of a title line.
  meta.doc_number = f.doc_number;
  for (size_t i = 0; !meta.doc_number && i < std::min(first_heading, layout.blocks.size()); ++i) {
    // both patterns hold 号: a head line without it needs no regex
    if (!contains(keys[i], "号")) continue;
    std::string v;
    std::string_view k = keys[i];
    if (k.size() > 2 && (k.front() == '(' || starts_with(k, "["))) k = k.substr(1);
    static const RE2 leading("^" + doc_number_re().pattern());
    static const RE2 trailing(doc_number_re().pattern() + "\\)?$");
    if (RE2::PartialMatch(k, leading, &v) &&
        (cp_count(k) <= cp_count(v) + 2 || title_like(keys[i]) || k.find("关于") != std::string::npos))
      meta.doc_number = squeeze(v);
    else if (title_like(keys[i]) && RE2::PartialMatch(keys[i], trailing, &v))
      meta.doc_number = squeeze(v);
  }

  // Plan year: the title, else the date, else the 文号.
  // 2021年…; a multi-year plan (2021—2023年) is dated by its first year
  static const RE2 year_re("((?:19|20)\\d{2})(?:年|\\s?[-—~～至到]\\s?(?:19|20)\\d{2}年)");
  int y;
  if (meta.title && RE2::PartialMatch(*meta.title, year_re, &y)) meta.year = y;
  else if (meta.date) meta.year = std::stoi(meta.date->substr(0, 4));
  else if (static const RE2 num_year("[〔\\[【(]((?:19|20)\\d{2})[〕\\]】)]");
           meta.doc_number && RE2::PartialMatch(*meta.doc_number, num_year, &y))
    meta.year = y;

  if (frame) *frame = fr;
  return meta;
}

}  // namespace plancli
