// Normalizes deadline phrases against the plan year. Tested by
// tests/deadlines_test.cc.
//
// Hard cases: 年底前 (by 12-31) but 年底逐一对账 (on); 上半年 (by 06-30);
// 出台后30日内 (within); 2021年9月25日前、12月30日前 (two, the second takes the
// year of the first); 4月15日、7月15日前 (one 前 covers the list); 每年3月31日前
// (recurring); 年内持续推进 (one `by`, not also ongoing); 从2022年3月起, 截至2021年底,
// 2020年以来 and 《2021年工作要点》 (no deadline); 未按时完成 (no as_required);
// 次年3月份 (plan year + 1); 2月30日 (a diagnostic, never a crash).
#include "deadlines.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "tokenize.h"

namespace plancli {

using namespace std::string_view_literals;
namespace {

struct Span {
  size_t b, e;
};


int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// One date or period as written.
struct DateExpr {
  Span span;
  int year = 0;          // explicit year, 0 if none
  int year_offset = -1;  // 次年 → 1, 今年 → 0, -1 if not said
  int month = 0;
  int day = 0;
  std::string_view part;  // 上旬 中旬 下旬 底 末 年底 年内 上半年 … or "quarter" (static or in the key)
  int quarter = 0;
  bool range = false;
  bool has_year() const { return year || year_offset >= 0; }
  bool year_only() const { return year && !month && part.empty() && !quarter; }
};

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// The number of ASCII digits at key[i], at most `max`.
size_t digits_at(std::string_view key, size_t i, size_t max) {
  size_t n = 0;
  while (n < max && i + n < key.size() && is_digit(key[i + n])) ++n;
  return n;
}

// The first of `words` at key[i], or an empty view.
template <typename Words>
std::string_view word_at(std::string_view key, size_t i, const Words& words) {
  std::string_view rest = key.substr(std::min(i, key.size()));
  for (std::string_view w : words)
    if (starts_with(rest, w)) return w;
  return {};
}
std::string_view word_at(std::string_view key, size_t i, std::initializer_list<std::string_view> words) {
  return word_at<std::initializer_list<std::string_view>>(key, i, words);
}

bool has_at(std::string_view key, size_t i, std::string_view w) {
  return i <= key.size() && starts_with(key.substr(i), w);
}

// An optional space at key[j]: the position after it.
size_t skip_space(std::string_view key, size_t j) { return j < key.size() && key[j] == ' ' ? j + 1 : j; }

int number_of(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// A count as written: digits, or Chinese numerals (三季度).
int parse_count(std::string_view s) {
  if (!s.empty() && is_digit(s[0])) return number_of(s);
  return chinese_numeral_value(s);
}

// The character at key[i] and its byte length in *len (0 and 0 past the
// end), the usual 3-byte one decoded inline.
[[gnu::always_inline]] inline char32_t char_at(std::string_view key, size_t i, size_t* len) {
  if (i >= key.size()) {
    *len = 0;
    return 0;
  }
  unsigned b = static_cast<unsigned char>(key[i]);
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  if ((b & 0xF0) == 0xE0 && i + 3 <= key.size()) {
    *len = 3;
    return decode3(reinterpret_cast<const unsigned char*>(key.data()) + i);
  }
  size_t j = i;
  char32_t c = next_cp(key, j);
  *len = j - i;
  return c;
}

bool is_quarter_digit(char32_t q) {
  return q == U'一' || q == U'二' || q == U'三' || q == U'四' || (q >= '1' && q <= '4');
}

}  // namespace

// The date grammar, read by hand (one regex engine call costs more than
// reading a whole date here); tests/deadlines_test.cc holds it as a regex
// and checks the two agree:
//   [ 次年|明年|今年|当年|本年 | \d{4} ?年(度)? ]
//   [ \d{1,2} ?月(份)? [ \d{1,2} ?[日号] | 上旬|中旬|下旬|底|末|初|内 ]
//   | 年底|年末|底|末|年内|年度内|上半年|下半年|内
//   | 第?[一二三四1-4]季度(末|底)? ]
// An optional part is taken when it is there, and alternatives are tried in
// the order written, as a regex's leftmost-first match takes them.
DateMatch match_date(std::string_view key, size_t pos) {
  DateMatch m;
  size_t i = pos;
  if (std::string_view w = word_at(key, i, {"次年", "明年", "今年", "当年", "本年"}); !w.empty()) {
    m.rel = w;
    i += w.size();
  } else if (digits_at(key, i, 4) == 4) {
    size_t j = skip_space(key, i + 4);
    if (has_at(key, j, "年")) {
      m.year = key.substr(i, 4);
      i = j + 3;
      if (has_at(key, i, "度")) i += 3;
    }
  }
  // a month, a period of the year, or a quarter
  if (size_t n = digits_at(key, i, 2)) {
    size_t j = skip_space(key, i + n);
    if (has_at(key, j, "月")) {
      m.month = key.substr(i, n);
      i = j + 3;
      if (has_at(key, i, "份")) i += 3;
      if (size_t d = digits_at(key, i, 2)) {
        size_t k = skip_space(key, i + d);
        if (has_at(key, k, "日") || has_at(key, k, "号")) {
          m.day = key.substr(i, d);
          i = k + 3;
        }
      }
      if (m.day.empty()) {
        m.month_part = word_at(key, i, {"上旬", "中旬", "下旬", "底", "末", "初", "内"});
        i += m.month_part.size();
      }
      m.len = i - pos;
      return m;
    }
  }
  m.part = word_at(key, i, {"年底", "年末", "底", "末", "年内", "年度内", "上半年", "下半年", "内"});
  if (!m.part.empty()) {
    m.len = i + m.part.size() - pos;
    return m;
  }
  size_t j = has_at(key, i, "第") ? i + 3 : i;
  size_t len = 0;
  if (is_quarter_digit(char_at(key, j, &len)) && has_at(key, j + len, "季度")) {
    m.quarter = key.substr(j, len);
    i = j + len + 6;
    m.quarter_part = word_at(key, i, {"末", "底"});
    i += m.quarter_part.size();
  }
  m.len = i - pos;
  return m;
}

// \d{4} ?[-—~～至到] ?\d{4} ?年 at key[pos]: its length (0 if none) and the
// second year in *to.
size_t match_year_range(std::string_view key, size_t pos, std::string_view* to) {
  if (digits_at(key, pos, 4) < 4) return 0;
  size_t i = skip_space(key, pos + 4), len = 0;
  char32_t c = char_at(key, i, &len);
  if (c != '-' && c != U'—' && c != '~' && c != U'～' && c != U'至' && c != U'到') return 0;
  i = skip_space(key, i + len);
  if (digits_at(key, i, 4) < 4) return 0;
  *to = key.substr(i, 4);
  i = skip_space(key, i + 4);
  if (!has_at(key, i, "年")) return 0;
  return i + 3 - pos;
}

// Where a date may start, at or after pos (npos if nowhere): 次年 明年 今年
// 当年 本年, \d{4} ?[年-—~～至到], \d{1,2} ?月, 年底 年末 年内 年度内 上半年
// 下半年, 第?[一二三四1-4]季度 — the leftmost place one regex search over
// these alternatives would find.
size_t next_date_start(std::string_view key, size_t pos) {
  static const TailSet starts(U"次明今当本年上下第一二三四");  // the switch's characters
  const size_t n = key.size();
  for (size_t i = pos; i < n;) {
    unsigned char b = static_cast<unsigned char>(key[i]);
    if (b < 0x80) {
      if (is_digit(b)) {
        size_t d = digits_at(key, i, 4), len = 0;
        if (d == 4) {
          char32_t c = char_at(key, skip_space(key, i + 4), &len);
          if (c == U'年' || c == '-' || c == U'—' || c == '~' || c == U'～' || c == U'至' || c == U'到') return i;
        }
        if (d >= 2 && has_at(key, skip_space(key, i + 2), "月")) return i;
        if (has_at(key, skip_space(key, i + 1), "月")) return i;
        if (b >= '1' && b <= '4' && has_at(key, i + 1, "季度")) return i;
      }
      ++i;
      continue;
    }
    size_t len = 3;
    char32_t c;
    if ((b & 0xF0) == 0xE0 && i + 3 <= n) {  // the usual CJK character, decoded inline
      if (!starts.may_hold(reinterpret_cast<const unsigned char*>(key.data()) + i)) {
        i += 3;
        continue;
      }
      c = decode3(reinterpret_cast<const unsigned char*>(key.data()) + i);
    } else {
      c = char_at(key, i, &len);
    }
    size_t after = i + len;
    switch (c) {
      case U'次': case U'明': case U'今': case U'当': case U'本':
        if (has_at(key, after, "年")) return i;
        break;
      case U'年':
        if (has_at(key, after, "底") || has_at(key, after, "末") || has_at(key, after, "内") ||
            has_at(key, after, "度内"))
          return i;
        break;
      case U'上': case U'下':
        if (has_at(key, after, "半年")) return i;
        break;
      case U'第': {
        size_t l2 = 0;
        if (is_quarter_digit(char_at(key, after, &l2)) && has_at(key, after + l2, "季度")) return i;
        break;
      }
      case U'一': case U'二': case U'三': case U'四':
        if (has_at(key, after, "季度")) return i;
        break;
      default: break;
    }
    i = after;
  }
  return std::string_view::npos;
}

namespace {

// The first position at or after pos where match(i, c) gives a match.
template <typename F>
RuleMatch first_match(std::string_view key, size_t pos, F match) {
  for (size_t i = pos, len = 0; i < key.size(); i += len) {
    char32_t c = char_at(key, i, &len);
    RuleMatch m = match(i, c);
    if (m.b != std::string_view::npos) return m;
  }
  return {};
}

bool is_numeral(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'两': case U'三': case U'四': case U'五': case U'六': case U'七':
    case U'八': case U'九': case U'十':
      return true;
    default:
      return false;
  }
}

// A count at key[i]: all its digits, or all its numerals (一 … 十, 两); its end.
size_t count_end(std::string_view key, size_t i) {
  size_t len = 0;
  if (i < key.size() && is_digit(key[i])) {
    while (i < key.size() && is_digit(key[i])) ++i;
    return i;
  }
  while (i < key.size() && is_numeral(char_at(key, i, &len))) i += len;
  return i;
}

// A lazy run of 1 (or 0) to `max` characters that are not in `stops`,
// followed by `tail`: the end of the tail, or 0.
size_t lazy_run_then(std::string_view key, size_t i, size_t min, size_t max, std::u32string_view stops,
                     std::string_view tail) {
  for (size_t k = 0;; ++k) {
    if (k >= min && has_at(key, i, tail)) return i + tail.size();
    if (k == max || i >= key.size()) return 0;
    size_t len = 0;
    if (stops.find(char_at(key, i, &len)) != std::u32string_view::npos) return 0;
    i += len;
  }
}

constexpr auto npos = std::string_view::npos;

}  // namespace

// 每(年度|年|季度|月|周|星期) | 按(季度|月|周)[^份度]: the match ends after the
// period (the character after 按… is looked at, not taken).
RuleMatch match_recurring(std::string_view key, size_t pos) {
  return first_match(key, pos, [&](size_t i, char32_t c) -> RuleMatch {
    if (c == U'每') {
      std::string_view p = word_at(key, i + 3, {"年度", "年", "季度", "月", "周", "星期"});
      if (!p.empty()) return {i, i + 3 + p.size(), p};
    } else if (c == U'按') {
      std::string_view p = word_at(key, i + 3, {"季度", "月", "周"});
      size_t after = i + 3 + p.size(), len = 0;
      if (!p.empty() && after < key.size()) {
        char32_t next = char_at(key, after, &len);
        if (next != U'份' && next != U'度') return {i, after, p};
      }
    }
    return {};
  });
}

// (至少|不少于|不低于)? [^,。;:、]{0,8}? (\d+|[一二两三四五六七八九十]+) (次|条|期|篇|个|批|轮)
// anchored at pos: the end of the count, or 0.
size_t match_count(std::string_view key, size_t pos) {
  size_t i = pos + word_at(key, pos, {"至少", "不少于", "不低于"}).size();
  for (size_t k = 0;; ++k) {
    size_t e = count_end(key, i);
    if (e > i && !word_at(key, e, {"次", "条", "期", "篇", "个", "批", "轮"}).empty()) return e + 3;
    if (k == 8 || i >= key.size()) return 0;
    size_t len = 0;
    char32_t c = char_at(key, i, &len);
    if (c == ',' || c == U'。' || c == ';' || c == ':' || c == U'、') return 0;
    i += len;
  }
}

// (\d{1,3}|[一二两三四五六七八九十]+)(个工作日|…|年)(内|以内): 10个工作日内, 三个月内.
RuleMatch match_within(std::string_view key, size_t pos) {
  return first_match(key, pos, [&](size_t i, char32_t c) -> RuleMatch {
    if (!is_digit(c) && !is_numeral(c)) return {};
    size_t e = count_end(key, i);
    if (c < 0x80 && e - i > 3) return {};  // \d{1,3}: a longer number matches only at its last three digits
    std::string_view unit = word_at(key, e, {"个工作日", "个自然日", "工作日", "自然日", "日", "天", "个月", "个星期",
                                            "周", "个小时", "小时", "年"});
    if (unit.empty()) return {};
    e += unit.size();
    std::string_view in = word_at(key, e, {"内", "以内"});
    if (in.empty()) return {};
    return {i, e + in.size(), {}};
  });
}

// 与[^,。;、]{1,20}?同步发布 | 收到[^,。;]{1,20}?当日
RuleMatch match_sync(std::string_view key, size_t pos) {
  return first_match(key, pos, [&](size_t i, char32_t c) -> RuleMatch {
    size_t e = 0;
    if (c == U'与') e = lazy_run_then(key, i + 3, 1, 20, U",。;、", "同步发布");
    else if (c == U'收' && has_at(key, i + 3, "到")) e = lazy_run_then(key, i + 6, 1, 20, U",。;", "当日");
    if (!e) return {};
    return {i, e, {}};
  });
}

// 长期推进 | 持续推进 | 长期坚持 | 常态化推进
RuleMatch match_ongoing(std::string_view key, size_t pos) {
  return first_match(key, pos, [&](size_t i, char32_t c) -> RuleMatch {
    if (c != U'长' && c != U'持' && c != U'常') return {};
    std::string_view w = word_at(key, i, {"长期推进", "持续推进", "长期坚持", "常态化推进"});
    if (w.empty()) return {};
    return {i, i + w.size(), {}};
  });
}

// (按要求|按时)(高质量|保质保量|…)?(推进|开展|…|办结): 按要求推进, 按时高质量完成.
RuleMatch match_required(std::string_view key, size_t pos) {
  static constexpr std::string_view kAdverbs[] = {
      "高质量", "保质保量", "认真", "及时", "全面", "准确", "规范", "足额", "如实", "严格", "有序"};
  static constexpr std::string_view kVerbs[] = {
      "推进", "开展", "公开", "发布", "完成", "报送", "公布", "提交", "上报", "落实", "更新", "办理",
      "答复", "做好", "编制", "填报", "整改", "进驻", "录入", "归集", "启动", "报告", "召开", "组织",
      "印发", "出台", "兑现", "披露", "执行", "实施", "建设", "举办", "调整", "清理", "审查", "办结"};
  return first_match(key, pos, [&](size_t i, char32_t c) -> RuleMatch {
    if (c != U'按') return {};
    std::string_view head = word_at(key, i, {"按要求", "按时"});
    if (head.empty()) return {};
    size_t j = i + head.size();
    // an adverb, when one is there and a verb follows it; else the verb right away
    for (std::string_view adverb : kAdverbs) {
      if (!has_at(key, j, adverb)) continue;
      std::string_view verb = word_at(key, j + adverb.size(), kVerbs);
      if (!verb.empty()) return {i, j + adverb.size() + verb.size(), {}};
    }
    std::string_view verb = word_at(key, j, kVerbs);
    if (verb.empty()) return {};
    return {i, j + verb.size(), {}};
  });
}

namespace {

std::optional<DateExpr> date_at(std::string_view key, size_t pos) {
  if (pos >= key.size()) return std::nullopt;
  if (pos > 0 && is_digit(key[pos - 1])) return std::nullopt;
  if (pos > 0 && key[pos - 1] == '.') return std::nullopt;
  DateExpr d;
  std::string_view to;
  if (size_t len = match_year_range(key, pos, &to)) {
    d.span = {pos, pos + len};
    d.year = number_of(to);
    d.range = true;
    return d;
  }
  DateMatch m = match_date(key, pos);
  if (!m.len) return std::nullopt;
  if (!m.rel.empty()) d.year_offset = (m.rel == "次年" || m.rel == "明年") ? 1 : 0;
  if (!m.year.empty()) d.year = number_of(m.year);
  if (!m.month.empty()) d.month = number_of(m.month);
  if (!m.day.empty()) d.day = number_of(m.day);
  if (!m.month_part.empty()) d.part = m.month_part;
  if (!m.part.empty()) d.part = m.part;
  if (!m.quarter.empty()) {
    d.quarter = parse_count(m.quarter);
    d.part = "quarter";
  }
  // a relative year word alone (今年) is no date
  if (!d.year && !d.month && d.part.empty() && !d.quarter) return std::nullopt;
  // "底" / "末" / "内" alone need a year or month before them
  if (!d.year && d.year_offset < 0 && !d.month && (d.part == "底" || d.part == "末" || d.part == "内"))
    return std::nullopt;
  if (d.part == "内" && !d.month) d.part = "年内";  // 2021年内
  d.span = {pos, pos + m.len};
  return d;
}

// ISO date of the end of the expression, or nullopt if no year or impossible.
std::optional<std::string> resolve(const DateExpr& d, std::optional<int> year, bool* impossible) {
  *impossible = false;
  if (!year) return std::nullopt;
  int y = *year, m = 12, day = 31;
  if (d.quarter) {
    if (d.quarter < 1 || d.quarter > 4) { *impossible = true; return std::nullopt; }
    m = d.quarter * 3;
    day = days_in_month(y, m);
  } else if (d.month) {
    m = d.month;
    if (m < 1 || m > 12) { *impossible = true; return std::nullopt; }
    if (d.day) {
      day = d.day;
      if (day < 1 || day > days_in_month(y, m)) { *impossible = true; return std::nullopt; }
    } else if (d.part == "上旬" || d.part == "初") {
      day = 10;
    } else if (d.part == "中旬") {
      day = 20;
    } else {
      day = days_in_month(y, m);
    }
  } else if (d.part == "上半年") {
    m = 6;
    day = 30;
  }
  if (y < 0 || y > 9999) return fmt::format("{:04d}-{:02d}-{:02d}", y, m, day);
  std::string iso = "0000-00-00";  // by hand: fmt's parse of the format cost ~1,800 instructions a date
  for (int k = 3, v = y; k >= 0; --k, v /= 10) iso[k] = static_cast<char>('0' + v % 10);
  iso[5] = static_cast<char>('0' + m / 10);
  iso[6] = static_cast<char>('0' + m % 10);
  iso[8] = static_cast<char>('0' + day / 10);
  iso[9] = static_cast<char>('0' + day % 10);
  return iso;
}

struct Found {
  Span span;
  Deadline d;
};

// What the families have found so far. A span is added only where it
// overlaps none found before (the recurring family, which comes first, finds
// its own one after another), so the spans do not overlap, and in the order
// of their starts they are in the order of their ends too: one binary search
// answers whether a new span overlaps any. (A scan of them all made a text
// of thousands of dates quadratic.) Should two ever overlap, the answer falls
// back to that scan.
class FoundList {
 public:
  bool overlaps(Span s) const {
    if (!disjoint_) {
      for (const auto& f : items_)
        if (s.b < f.span.e && f.span.b < s.e) return true;
      return false;
    }
    // the last span that starts before s ends: the one that reaches furthest
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), s.e, [](const Span& f, size_t e) { return f.b < e; });
    return it != sorted_.begin() && s.b < std::prev(it)->e;
  }
  void push_back(Found f) {
    auto at = std::upper_bound(sorted_.begin(), sorted_.end(), f.span.b,
                               [](size_t b, const Span& g) { return b < g.b; });
    auto touches = [&](const Span& g) { return f.span.b < g.e && g.b < f.span.e; };
    if ((at != sorted_.begin() && touches(*std::prev(at))) || (at != sorted_.end() && touches(*at))) disjoint_ = false;
    sorted_.insert(at, f.span);
    items_.push_back(std::move(f));
  }
  std::vector<Found>& items() { return items_; }

 private:
  std::vector<Found> items_;  // in the order found
  std::vector<Span> sorted_;  // their spans by start
  bool disjoint_ = true;
};

// Ranges of the key inside 《…》: cited titles hold no deadlines.
std::vector<Span> cited_titles(std::string_view key) {
  std::vector<Span> out;
  size_t pos = 0;
  while ((pos = key.find("《", pos)) != std::string_view::npos) {
    size_t end = key.find("》", pos);
    if (end == std::string_view::npos) break;
    out.push_back({pos, end + 3});
    pos = end + 3;
  }
  return out;
}

std::string text_of(const Text& t, Span s) { return squeeze(t.slice(s.b, s.e)); }

void add(FoundList& found, const Text& t, Span s, DeadlineKind kind,
         std::optional<std::string> date = std::nullopt, std::string every = "") {
  Deadline d;
  d.text = text_of(t, s);
  d.kind = kind;
  d.date = std::move(date);
  d.every = std::move(every);
  found.push_back({s, std::move(d)});
}

// 每年至少听取1次, 专栏每月至少更新2条, 每月28日前, 每季度
void find_recurring(const Text& t, size_t from, FoundList& found) {
  std::string_view key = t.key;
  size_t pos = from;
  for (RuleMatch m; (m = match_recurring(key, pos)).b != npos;) {
    size_t b = m.b, e = m.e;
    std::string every = m.period == "年" || m.period == "年度" ? "year" : m.period == "季度" ? "quarter"
                        : m.period == "月"                     ? "month"
                                                               : "week";
    if (auto d = date_at(key, e)) {  // 每年3月31日前: the date belongs to the period
      e = d->span.e;
      for (std::string_view suf : {"之前"sv, "以前"sv, "前"sv})
        if (starts_with(key.substr(e), suf)) { e += suf.size(); break; }
    } else if (size_t c = match_count(key, e)) {  // 每年至少听取1次
      e = c;
    }
    add(found, t, {b, e}, DeadlineKind::Recurring, std::nullopt, every);
    // a list of dates after 每年: 每年3月31日前、6月30日前
    while (starts_with(key.substr(e), "、")) {
      auto d = date_at(key, e + 3);
      if (!d || !d->month) break;
      size_t ne = d->span.e;
      for (std::string_view suf : {"之前"sv, "以前"sv, "前"sv})
        if (starts_with(key.substr(ne), suf)) { ne += suf.size(); break; }
      add(found, t, {e + 3, ne}, DeadlineKind::Recurring, std::nullopt, every);
      e = ne;
    }
    pos = e;
  }
}

// 决策文件出台后的10个工作日内, 收到…之日起3个月内, 十日内, 与…同步发布, 收到…当日
void find_within(const Text& t, size_t from, size_t sync_from, FoundList& found) {
  // 3个月内 is relative; 3月内 is the month itself (a date)
  std::string_view key = t.key;
  size_t pos = from;
  for (RuleMatch m; pos < key.size() && (m = match_within(key, pos)).b != npos;) {
    size_t b = m.b, e = m.e;
    pos = e;
    if (b > 0 && key[b - 1] >= '0' && key[b - 1] <= '9') continue;
    // the event before the count: back to 在 / 于 or the clause start
    size_t s = b;
    std::string_view before = key.substr(0, b);
    // 信息形成后,20个工作日内: the event may stand before a comma
    if (ends_with(before, "后,")) before.remove_suffix(1);
    if (ends_with(before, "后") || ends_with(before, "起") || ends_with(before, "的") ||
        ends_with(before, "后的")) {
      size_t cut = 0;
      for (std::string_view stop : {","sv, "。"sv, ";"sv, ":"sv, "在"sv, "于"sv}) {
        size_t k = before.rfind(stop);
        if (k != std::string_view::npos) cut = std::max(cut, k + stop.size());
      }
      s = cut;
    }
    add(found, t, {s, e}, DeadlineKind::Within);
  }
  pos = sync_from;
  for (RuleMatch m; pos < key.size() && (m = match_sync(key, pos)).b != npos;) {
    size_t b = m.b, e = m.e;
    pos = e;
    if (!found.overlaps({b, e})) add(found, t, {b, e}, DeadlineKind::Within);
  }
}

// 长期推进, 持续推进, 长期坚持, 常态化推进; 按要求推进, 按时高质量完成
void find_fixed(const Text& t, size_t ongoing_from, size_t required_from, FoundList& found) {
  std::string_view key = t.key;
  size_t pos = ongoing_from;
  for (RuleMatch m; pos < key.size() && (m = match_ongoing(key, pos)).b != npos;) {
    pos = m.e;
    if (!found.overlaps({m.b, m.e})) add(found, t, {m.b, m.e}, DeadlineKind::Ongoing);
  }
  pos = required_from;
  for (RuleMatch m; pos < key.size() && (m = match_required(key, pos)).b != npos;) {
    pos = m.e;
    std::string_view before = key.substr(0, m.b);
    if (ends_with(before, "未") || ends_with(before, "不") || ends_with(before, "没") ||
        ends_with(before, "没有") || ends_with(before, "无"))
      continue;
    if (!found.overlaps({m.b, m.e})) add(found, t, {m.b, m.e}, DeadlineKind::AsRequired);
  }
}

bool in_any(const std::vector<Span>& spans, size_t pos) {
  for (const auto& s : spans)
    if (pos >= s.b && pos < s.e) return true;
  return false;
}

bool is_clause_start(std::string_view before) {
  if (before.empty()) return true;
  for (std::string_view p : {","sv, "。"sv, ";"sv, ":"sv, "("sv, ")"sv, "从"sv, "在"sv, "于"sv, "到"sv, "至"sv, "、"sv})
    if (ends_with(before, p)) return true;
  return false;
}

// A group of dates joined by 、 和 及 至, with what stands before and after it.
// `from`: no date starts before it (back to a character's start here). The
// dates are appended to `out`.
void find_dates(const Text& t, size_t from, DeadlineMode mode, std::optional<int> plan_year,
                std::vector<Found>& out, std::vector<Diagnostic>* diags, int line) {
  const std::string& key = t.key;
  std::string_view k(key);
  std::vector<Span> cited = cited_titles(k);
  std::vector<DateExpr> list;  // one group's dates and their own suffixes,
  std::vector<std::string_view> own_suffix;  // kept across groups
  while (from > 0 && from < key.size() && (static_cast<unsigned char>(key[from]) & 0xC0) == 0x80) --from;
  for (size_t pos = from; pos < key.size();) {
    pos = next_date_start(k, pos);
    if (pos == std::string_view::npos) break;
    if (in_any(cited, pos)) {
      next_cp(k, pos);
      continue;
    }
    auto first = date_at(k, pos);
    if (!first) {
      next_cp(k, pos);
      continue;
    }
    // the list: date (、|和|及|与) date …; a range: date 至 date
    list.assign(1, *first);
    size_t end = first->span.e;
    own_suffix.clear();
    auto suffix_at = [&](size_t e) { return word_at(k, e, {"之前", "以前", "为止", "前"}); };
    own_suffix.push_back(suffix_at(end));
    end += own_suffix.back().size();
    while (true) {
      std::string_view rest = k.substr(end);
      size_t sep = 0;
      bool range = false;
      for (std::string_view s : {"、"sv, "和"sv, "及"sv, "与"sv, ","sv}) if (starts_with(rest, s)) sep = s.size();
      for (std::string_view s : {"至"sv, "到"sv, "-"sv, "—"sv, "~"sv}) if (starts_with(rest, s)) { sep = s.size(); range = true; }
      if (!sep) break;
      auto next = date_at(k, end + sep);
      if (!next || (!next->month && !next->has_year() && next->part.empty())) break;
      if (!range && sep == 1 && !next->month && !next->day) break;  // ",2022年" starts a new clause
      if (!range && sep == 1) {  // a comma joins only dates of the same kind: 9月25日前,12月30日前
        if (own_suffix.back().empty()) break;
      }
      if (range) {
        DateExpr& last = list.back();
        DateExpr merged = *next;
        if (!merged.year && merged.year_offset < 0) { merged.year = last.year; merged.year_offset = last.year_offset; }
        if (!merged.month && merged.day) merged.month = last.month;
        merged.span = {last.span.b, next->span.e};
        merged.range = true;
        last = merged;
        end = next->span.e;
        own_suffix.back() = suffix_at(end);
        end += own_suffix.back().size();
        continue;
      }
      list.push_back(*next);
      end = next->span.e;
      own_suffix.push_back(suffix_at(end));
      end += own_suffix.back().size();
    }
    size_t group_b = list.front().span.b;
    std::string_view before = k.substr(0, group_b);
    std::string_view after = k.substr(end);
    pos = end;
    // not deadlines: a start, a cut-off of figures, a past period or event
    if (ends_with(before, "截至") || ends_with(before, "截止") || ends_with(before, "截止到") ||
        ends_with(before, "已经") || ends_with(before, "已于") || ends_with(before, "已"))
      continue;
    if (starts_with(after, "以来") || starts_with(after, "起") || starts_with(after, "开始") ||
        starts_with(after, "以后") || starts_with(after, "之后") || starts_with(after, "后") ||
        starts_with(after, "以前的") || starts_with(after, "度"))
      continue;
    // a past event named by its date: 2021年3月印发的…, 年初召开的…
    std::string_view verb = word_at(after, 0, {"印发", "发布", "出台", "颁布", "召开", "通过", "制定", "修订", "公布", "施行", "开展"});
    if (!verb.empty() && has_at(after, verb.size(), "的")) continue;
    bool to_before = ends_with(before, "到") || ends_with(before, "至");
    bool done_after = has_at(after, word_at(after, 0, {"基本", "全面", "全部", "逐步", "如期", "全力", "确保"}).size(), "完成");
    std::string_view last_suffix = own_suffix.back();
    std::optional<int> list_year;
    for (size_t i = 0; i < list.size(); ++i) {
      const DateExpr& d = list[i];
      bool limit = !own_suffix[i].empty() || !last_suffix.empty() || to_before || done_after || d.part == "内" ||
                   d.part == "年内" || d.part == "年度内" || d.part == "上半年" || d.part == "下半年";
      // 2020年度 names a year's worth of something (2020年度报告), not a time
      if (d.year_only() && mode == DeadlineMode::Prose && !limit &&
          ends_with(k.substr(d.span.b, d.span.e - d.span.b), "年度"))
        continue;
      if (d.year_only() && !d.range && mode == DeadlineMode::Prose && !limit) {
        // a bare year counts only where it opens a clause: 2022年新建基站2600个
        if (!is_clause_start(before) || starts_with(after, "的") || starts_with(after, "是")) continue;
      }
      DeadlineKind kind = (mode == DeadlineMode::Cell || limit) ? DeadlineKind::By : DeadlineKind::On;
      std::optional<int> year;
      if (d.year) year = d.year;
      else if (d.year_offset >= 0 && plan_year) year = *plan_year + d.year_offset;
      else if (list_year) year = list_year;
      else year = plan_year;
      if (d.year) list_year = d.year;
      bool impossible = false;
      std::optional<std::string> date = resolve(d, year, &impossible);
      if (impossible && diags)
        diags->push_back({"warning", "impossible-date", line,
                          fmt::format("'{}' is no calendar date", text_of(t, d.span))});
      size_t b = d.span.b, e = d.span.e + own_suffix[i].size();
      if (i == 0 && to_before) b -= 3;  // 到 / 至 are one CJK character
      // 年内持续推进 is one limit, not also ongoing
      if (d.part == "年内" && starts_with(k.substr(e), "持续推进")) e += std::string_view("持续推进").size();
      out.push_back({{b, e}, Deadline{text_of(t, {b, e}), kind, date, ""}});
    }
  }
}

}  // namespace

namespace {

// One pass over a text tells which rule families can match at all; most
// task texts hold no date, period or fixed phrase and stop here. Each
// family's phrases hold a character pair that the scan below looks for (a
// superset of the phrases: the family's own rules then decide), which costs
// a few instructions a character where an RE2::Set cost ~30 a byte.
//   recurring  每年 每季度 每月 每周 每星期 按季度 按月 按周
//   within     10个工作日内 30日以内 6个月内 同步发布 当日
//   dates      2021年 2021-2023 9月 次年 明年 今年 当年 本年 年底 年末 年内
//              年度内 上半年 下半年 第三季度 四季度
//   fixed      长期推进 长期坚持 持续推进 常态化推进 按要求 按时
struct Triggers {
  // where each family's phrases may start at the earliest; npos: nowhere
  static constexpr size_t kNone = std::string_view::npos;
  size_t recurring = kNone, within = kNone, sync = kNone, dates = kNone, ongoing = kNone, required = kNone;
  bool any() const {
    return recurring != kNone || within != kNone || sync != kNone || dates != kNone || ongoing != kNone ||
           required != kNone;
  }
  static void mark(size_t& family, bool hit, size_t at) {
    if (hit && family == kNone) family = at;
  }
};

// The characters the switch below looks at.
const TailSet& trigger_chars() {
  static const TailSet set(U"每按内同当年月季—至到长持常");
  return set;
}

// The character that ends just before key byte `at` (0 at the start).
char32_t cp_before(std::string_view key, size_t at) {
  if (at == 0) return 0;
  size_t len = 0;
  if (at >= 3 && (static_cast<unsigned char>(key[at - 3]) & 0xF0) == 0xE0) return char_at(key, at - 3, &len);
  size_t k = at - 1;
  while (k > 0 && (static_cast<unsigned char>(key[k]) & 0xC0) == 0x80) --k;
  return next_cp(key, k);
}

// Where a count ending before the 内 at key byte `at` may start: 18 bytes
// back (以, a unit of up to four characters, three digits), then further
// back over a run of digits or numerals.
size_t count_from(std::string_view key, size_t at) {
  size_t from = at > 18 ? at - 18 : 0;
  while (from > 0 && (static_cast<unsigned char>(key[from]) & 0xC0) == 0x80) --from;
  while (from > 0) {
    char32_t c = cp_before(key, from);
    if (!is_digit(c) && !is_numeral(c)) break;
    from -= c < 0x80 ? 1 : 3;
  }
  return from;
}

// What a trigger character at key[at, after) says, from its neighbours. A
// family's phrase starts at its trigger character (每年, 按时, 长期推进), a
// date at most 15 bytes before it (2021-2022年: the 年), a count at most 18
// bytes and its run of numerals before its 内 (一百八十个工作日以内), a sync
// phrase anywhere before it (收到申请当日).
void trigger_at(std::string_view key, size_t at, size_t after, char32_t c, Triggers& t) {
  char32_t prev = cp_before(key, at);
  size_t len = 0;
  char32_t next = after < key.size() ? char_at(key, after, &len) : 0;
  // a digit (or a digit and a space) before 年 月 - 至 …
  bool after_digit = is_digit(prev) || (prev == ' ' && is_digit(cp_before(key, at - 1)));
  size_t date_from = at > 15 ? at - 15 : 0;
  switch (c) {
    case U'每':
      Triggers::mark(t.recurring, next == U'年' || next == U'季' || next == U'月' || next == U'周' || next == U'星', at);
      break;
    case U'按':
      Triggers::mark(t.recurring, next == U'季' || next == U'月' || next == U'周', at);
      Triggers::mark(t.required, next == U'要' || next == U'时', at);
      break;
    case U'内':
      // count_from walks back: only for the first 内 that is a trigger (not 国内, 内容)
      if (t.within == Triggers::kNone && (prev == U'日' || prev == U'天' || prev == U'月' || prev == U'期' ||
                                          prev == U'周' || prev == U'时' || prev == U'年' || prev == U'以'))
        t.within = count_from(key, at);
      break;
    case U'同': Triggers::mark(t.sync, next == U'步', 0); break;
    case U'当': Triggers::mark(t.sync, next == U'日', 0); break;
    case U'年':
      Triggers::mark(t.dates,
                     after_digit || prev == U'次' || prev == U'明' || prev == U'今' || prev == U'当' || prev == U'本' ||
                         prev == U'半' || next == U'底' || next == U'末' || next == U'内' || next == U'度',
                     date_from);
      break;
    case U'月': Triggers::mark(t.dates, after_digit, date_from); break;
    case U'季':
      Triggers::mark(t.dates,
                     next == U'度' && (prev == U'一' || prev == U'二' || prev == U'三' || prev == U'四' ||
                                       (prev >= '1' && prev <= '4')),
                     date_from);
      break;
    case '-': case U'—': case '~': case U'至': case U'到': Triggers::mark(t.dates, after_digit, date_from); break;
    case U'长': Triggers::mark(t.ongoing, next == U'期', at); break;
    case U'持': Triggers::mark(t.ongoing, next == U'续', at); break;
    case U'常': Triggers::mark(t.ongoing, next == U'态', at); break;
    default: break;
  }
}

// The key is well-formed UTF-8 (fold makes it), so the loop decodes the
// usual 3-byte character without checking its continuation bytes; a
// malformed key could only give wrong characters, never a read past its end.
Triggers triggers_of(std::string_view key) {
  const TailSet& chars = trigger_chars();
  Triggers t;
  const auto* base = reinterpret_cast<const unsigned char*>(key.data());
  const size_t n = key.size();
  size_t i = 0;
  // while a 3-byte character fits: its trailing bytes need no bounds check
  while (i + 3 <= n) {
    unsigned b = base[i];
    if ((b & 0xF0) == 0xE0) {
      do {  // a run of 3-byte characters, the common case, in a loop of its own
        if (chars.may_hold(base + i)) {
          b = base[i];
          trigger_at(key, i, i + 3, decode3(base + i), t);
        }
        i += 3;
      } while (i + 3 <= n && (base[i] & 0xF0) == 0xE0);
    } else if (b < 0x80) {
      if (b == '-' || b == '~') trigger_at(key, i, i + 1, b, t);
      ++i;
    } else {
      i += b >= 0xF0 ? 4 : b >= 0xC0 ? 2 : 1;
    }
  }
  for (; i < n; ++i)  // the last one or two bytes ('-' and '~' are never part of a longer character)
    if (base[i] == '-' || base[i] == '~') trigger_at(key, i, i + 1, base[i], t);
  return t;
}

}  // namespace

std::vector<Deadline> find_deadlines(const Text& t, DeadlineMode mode, std::optional<int> plan_year,
                                     std::vector<Diagnostic>* diagnostics, int line) {
  Triggers hits = triggers_of(t.key);
  if (!hits.any()) return {};
  FoundList found;
  if (hits.recurring != Triggers::kNone) find_recurring(t, hits.recurring, found);
  if (hits.within != Triggers::kNone || hits.sync != Triggers::kNone) find_within(t, hits.within, hits.sync, found);
  // 年内持续推进: the period claims the phrase before the fixed phrases look
  std::vector<Found> dates;
  if (hits.dates != Triggers::kNone) find_dates(t, hits.dates, mode, plan_year, dates, diagnostics, line);
  for (auto& d : dates)
    if (!found.overlaps(d.span)) found.push_back(std::move(d));
  if (hits.ongoing != Triggers::kNone || hits.required != Triggers::kNone)
    find_fixed(t, hits.ongoing, hits.required, found);
  auto by_start = [](const Found& a, const Found& b) { return a.span.b < b.span.b; };
  std::vector<Found>& all = found.items();
  if (!std::is_sorted(all.begin(), all.end(), by_start)) std::stable_sort(all.begin(), all.end(), by_start);
  std::vector<Deadline> out;
  out.reserve(all.size());
  for (auto& f : all) out.push_back(std::move(f.d));
  return out;
}

}  // namespace plancli
