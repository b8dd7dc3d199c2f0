// Finds units by role in unit cells, labelled lines, closing parentheticals
// and 由… clauses. Tested by tests/units_test.cc.
//
// Hard cases: 基层服务处牵头，医保中心、医救中心落实，机关各处室配合 (three roles
// in one cell); 局主办科室 (主办 inside a name is no role); 各县、市、区政府 and
// 各县(市、区)政府 (one unit each); …等部门分工负责 (等部门 trimmed); a person
// (分管省领导：林克庆) is no unit; (列第一位者为牵头单位，下同) makes the first
// unit of every later list lead.
#include "units.h"

#include <re2/re2.h>

#include <algorithm>

namespace plancli {

using namespace std::string_view_literals;
namespace {

struct RolePhrase {
  std::string_view phrase;  // simplified, as matched on the folded key
  UnitRole role;
  const char* example;  // the real phrase it was written for
};

constexpr UnitRole L = UnitRole::Lead, S = UnitRole::Support, R = UnitRole::Responsible;

// Where one phrase begins another, the longer comes first: the search takes
// the leftmost phrase and, there, the first listed.
const RolePhrase kRolePhrases[] = {
    {"按照职责分工负责", R, "其他有关部门和单位按照职责分工负责"},
    {"按职责分工负责", R, "市级各有关部门及各县市区政府按职责分工负责"},
    {"按职责分工落实", R, "各区政府按职责分工落实"},
    {"依职责分工负责", R, "各部门依职责分工负责"},
    {"依职责落实", R, "局办公室、规划财务法规处依职责落实"},
    {"依职责负责", R, "各处室依职责负责"},
    {"按职责负责", R, "各单位按职责负责"},
    {"按职责落实", R, "各单位按职责落实"},
    {"牵头负责", L, "(市工商质监局牵头负责)"},
    {"牵头落实", L, "市政务服务数据管理局牵头落实"},
    {"总牵头", L, "市政府办公室总牵头"},
    {"牵头", L, "(市医保局牵头)"},
    {"主办", L, "局宣教科、办公室主办,各科室协办"},
    {"承办", L, "由省经贸委承办"},
    {"配合落实", S, "各科室配合落实"},
    {"配合", S, "机关各处室、局属各单位配合"},
    {"协办", S, "局防控办主办、各工作组协办"},
    {"协助", S, "各区协助"},
    {"协同", S, "市场监管局协同"},
    {"参与", S, "各相关单位参与"},
    {"分工负责", R, "(…市自然资源和规划局等部门分工负责)"},
    {"分别负责", R, "(国务院各部门分别负责,年内持续推进)"},
    {"共同负责", R, "市财政局、市税务局共同负责"},
    {"具体负责", R, "各县区具体负责"},
    {"负责落实", R, "市政府各有关部门,各县市区人民政府、功能区管委会负责落实"},
    {"参照落实", R, "各镇(街)参照落实"},
    {"抓好落实", R, "各地抓好落实"},
    {"负责", R, "(市政府各部门负责)"},
    {"落实", R, "基层服务处牵头，医保中心、医救中心落实"},
};

// What may follow a role word when it is no role at all: 主办科室, 牵头单位,
// 负责同志, 落实情况, 牵头抓总.
bool blocked_after(std::string_view rest) {
  static const std::string_view kNext[] = {"单位", "部门", "科室", "处室", "领导", "同志", "人", "责任", "机制",
                                "作用", "职责", "抓总", "任务", "工作", "的", "情况", "到位", "者",
                                "制", "主体", "中", "好", "不"};
  for (std::string_view n : kNext)
    if (rest.substr(0, n.size()) == n) return true;
  return false;
}

struct Span {
  size_t b, e;
};


// Splits key[b,e) into clauses at , ; 。 outside brackets (not at 、).
std::vector<Span> split_clauses(std::string_view key, size_t b, size_t e) {
  std::vector<Span> parts;
  parts.reserve(8);
  int depth = 0;
  size_t start = b;
  for (size_t i = b; i < e;) {
    size_t at = i;
    char32_t c = next_cp(key, i);
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0 && (c == ',' || c == ';' || c == 0x3002)) {
      parts.push_back({start, at});
      start = i;
    }
  }
  parts.push_back({start, e});
  return parts;
}

// Short fixed patterns on names are written out by hand: one RE2 call costs
// about a thousand instructions before it reads a byte, and these run on
// every candidate name.

// Drops `p` from the front of k if it is there.
bool eat(std::string_view& k, std::string_view p) {
  if (!starts_with(k, p)) return false;
  k.remove_prefix(p.size());
  return true;
}

// One level of administration: 县 市 区 州 盟 旗 乡 镇, or 街道.
bool eat_admin_level(std::string_view& k) {
  for (std::string_view w : {"县"sv, "市"sv, "区"sv, "州"sv, "盟"sv, "旗"sv, "乡"sv, "镇"sv})
    if (eat(k, w)) return true;
  return eat(k, "街道");
}

// 各县、市、区政府 / 各州、市人民政府 / 各乡镇、街道 / 相关市、县政府: one unit.
// The head is (各|相关|有关)? followed by one to three levels: 各县, 各乡镇.
bool admin_head(std::string_view k) {
  // at most 相关 and three levels (相关街道街道街道 is 24 bytes), ending in a level:
  // most names (市医保局) stop here
  if (k.size() > 24 || !(ends_with(k, "县") || ends_with(k, "市") || ends_with(k, "区") || ends_with(k, "州") ||
                         ends_with(k, "盟") || ends_with(k, "旗") || ends_with(k, "乡") || ends_with(k, "镇") ||
                         ends_with(k, "道")))
    return false;
  eat(k, "各") || eat(k, "相关") || eat(k, "有关");
  int levels = 0;
  while (levels < 3 && eat_admin_level(k)) ++levels;
  return levels > 0 && k.empty();
}
// A tail is one level, or 乡镇, and then 人民政府 or 政府 or nothing: 市, 区政府.
bool admin_tail(std::string_view k) {
  if (!eat(k, "乡镇") && !eat_admin_level(k)) return false;
  eat(k, "人民政府") || eat(k, "政府");
  return k.empty();
}

bool is_edge(char32_t c) {
  return c == ' ' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\'' || c == 0x3001 || c == 0x3002 ||
         c == 0x201C || c == 0x201D;
}

// Whether the byte can be the first (last) byte of an edge character: ASCII
// ones, 、 。 (E3 80 8x) and “ ” (E2 80 9x). Most names pass this at once.
inline bool may_start_edge(unsigned char b) {
  return b == ' ' || b == ',' || b == ';' || b == ':' || b == '"' || b == '\'' || b == 0xE2 || b == 0xE3;
}
inline bool may_end_edge(unsigned char b) {
  return b == ' ' || b == ',' || b == ';' || b == ':' || b == '"' || b == '\'' || b == 0x81 || b == 0x82 ||
         b == 0x9C || b == 0x9D;
}

// Drops spaces, list and sentence punctuation and quotes at both ends.
void trim_span(std::string_view key, Span& s) {
  if (s.b >= s.e || (!may_start_edge(static_cast<unsigned char>(key[s.b])) &&
                     !may_end_edge(static_cast<unsigned char>(key[s.e - 1]))))
    return;
  while (s.b < s.e) {
    size_t k = s.b;
    if (!is_edge(next_cp(key, k))) break;
    s.b = k;
  }
  while (s.b < s.e) {
    size_t k = s.e - 1;
    while (k > s.b && (static_cast<unsigned char>(key[k]) & 0xC0) == 0x80) --k;
    size_t j = k;
    if (!is_edge(next_cp(key, j))) break;
    s.e = k;
  }
}

// Drops connectors before a name and 等部门 / 等有关单位 after it.
void clean_span(std::string_view key, Span& s) {
  trim_span(key, s);
  for (std::string_view p : {"由"sv, "请"sv, "以及"sv, "及"sv, "和"sv, "并"sv}) {
    if (s.e - s.b > p.size() + 3 && starts_with(key.substr(s.b, s.e - s.b), p)) {
      s.b += p.size();
      break;
    }
  }
  // 等部门, 等有关单位, 等市相关部门, 等8个部门, 等部门和单位
  bool has_deng = contains(key.substr(s.b, s.e - s.b), "等");
  static const RE2 deng(
      "(.+?)等(?:\\d+|[两三四五六七八九十]+)?个?(?:[有相]关|市|省|区|县|各|其他)*(?:部门|单位|机构|地区|方面|地方)?"
      "(?:[和及](?:部门|单位|机构))?");
  re2::StringPiece whole(key.data() + s.b, s.e - s.b), head;
  if (has_deng && RE2::FullMatch(whole, deng, &head)) s.e = s.b + head.size();
  trim_span(key, s);
  std::string_view k = key.substr(s.b, s.e - s.b);
  if (k.size() > 1 && k.back() == ')' && k.find('(') == std::string_view::npos) --s.e;
  if (k.size() > 1 && k.front() == '(' && k.find(')') == std::string_view::npos) ++s.b;
  if (ends_with(k, "】") && k.find("【") == std::string_view::npos) s.e -= 3;
  if (starts_with(k, "【") && k.find("】") == std::string_view::npos) s.b += 3;
  trim_span(key, s);
}

std::string name_from(const Text& t, Span s) { return squeeze(trim(t.slice(s.b, s.e))); }

void add_unit(Units& u, UnitRole role, std::string name) {
  for (auto* list : {&u.lead, &u.support, &u.responsible})
    if (std::find(list->begin(), list->end(), name) != list->end()) return;
  (role == UnitRole::Lead ? u.lead : role == UnitRole::Support ? u.support : u.responsible)
      .push_back(std::move(name));
}

// The parts of key[b,e) between 、 , ; 。 : outside brackets, one at a time
// (the last may be empty); trimmed unless asked not to.
class PartSplitter {
 public:
  PartSplitter(std::string_view key, size_t b, size_t e, bool trim = true)
      : key_(key), i_(b), start_(b), e_(e), trim_(trim) {}
  bool next(Span& out) {
    if (done_) return false;
    while (i_ < e_) {
      size_t at = i_;
      char32_t c = next_cp(key_, i_);
      if (c == '(' || c == 0x3010 || c == 0x3014) ++depth_;
      else if ((c == ')' || c == 0x3011 || c == 0x3015) && depth_ > 0) --depth_;
      else if (depth_ == 0 && (c == 0x3001 || c == ',' || c == ';' || c == 0x3002 || c == ':')) {
        out = {start_, at};
        start_ = i_;
        if (trim_) trim_span(key_, out);
        return true;
      }
    }
    out = {start_, e_};
    if (trim_) trim_span(key_, out);
    done_ = true;
    return true;
  }

 private:
  std::string_view key_;
  size_t i_, start_, e_;
  bool trim_;
  int depth_ = 0;
  bool done_ = false;
};

// Names in key[b,e): split, admin enumerations joined, each cleaned and
// checked; f(span) for each, until it returns true (then so does each_name).
template <typename F>
bool each_name(std::string_view key, size_t b, size_t e, F&& f) {
  auto view = [&](Span s) { return key.substr(s.b, s.e - s.b); };
  PartSplitter parts(key, b, e);
  Span next;
  bool more = parts.next(next);
  while (more) {
    Span s = next;
    more = parts.next(next);
    if (admin_head(view(s))) {
      while (more && admin_tail(view(next))) {
        s.e = next.e;
        more = parts.next(next);
      }
    }
    if (s.e - s.b > 3 * 60) continue;  // a sentence, not a name (names stay under 40 characters)
    clean_span(key, s);
    if (s.b < s.e && is_unit_name(view(s)) && f(s)) return true;
  }
  return false;
}

bool has_name(std::string_view key, size_t b, size_t e) {
  return each_name(key, b, e, [](Span) { return true; });
}

// Role phrases in key[b,e), each as (begin, end, role), skipping blocked ones.
struct RoleHit {
  size_t b, e;
  UnitRole role;
  bool bracketed = false;  // 市发展改革委（牵头）: the role word alone in brackets after one name
};
// The first role phrase in key[pos,e) that is not blocked by what follows it.
RolePhraseMatch next_role_hit(std::string_view key, size_t pos, size_t e) {
  // past a blocked one by its first character: every role phrase starts with a 3-byte one
  for (RolePhraseMatch m; (m = next_role_phrase(key, pos, e)).b != std::string_view::npos; pos = m.b + 3)
    if (!blocked_after(key.substr(m.e, e - m.e))) return m;
  return {};
}

std::vector<RoleHit> role_hits(std::string_view key, size_t b, size_t e) {
  std::vector<RoleHit> hits;
  size_t pos = b;
  for (RolePhraseMatch m; (m = next_role_hit(key, pos, e)).b != std::string_view::npos;) {
    RoleHit h{m.b, m.e, m.role};
    if (m.b > b && key[m.b - 1] == '(' && m.e < e && key[m.e] == ')') {
      h.bracketed = true;
      h.b = m.b - 1;
      h.e = m.e + 1;
    }
    hits.push_back(h);
    pos = h.e;
  }
  return hits;
}

void add_names(const Text& t, size_t b, size_t e, UnitRole role, Units& out) {
  each_name(t.key, b, e, [&](Span s) {
    add_unit(out, role, name_from(t, s));
    return false;
  });
}

// Whether key[b,e) holds a role phrase role_hits would give.
bool has_role_hit(std::string_view key, size_t b, size_t e) {
  return next_role_hit(key, b, e).b != std::string_view::npos;
}

// Units of one label-free segment: names before each role phrase take its role.
void parse_segment(const Text& t, size_t b, size_t e, UnitRole default_role, Units& out) {
  const std::string& key = t.key;
  size_t cut = b;
  bool first = true;
  for (const RoleHit& h : role_hits(key, b, e)) {
    // Before the first role phrase, only its own clause takes its role: in
    // (各县市区政府、功能区管委,市市场监管局牵头) the first clause is a bare list.
    // After a role phrase, every unit up to the next one takes the next role:
    // 局办公室牵头，规法处、医保中心，机关各处室配合.
    size_t from = cut;
    if (h.bracketed) {
      // only the name right before the brackets takes the role; the names
      // before it are a bare list
      PartSplitter parts(key, cut, h.b, false);
      for (Span p; parts.next(p);) from = p.b;  // the last part's start
      add_names(t, cut, from, default_role, out);
      add_names(t, from, h.b, h.role, out);
      cut = h.e;
      first = false;
      continue;
    }
    if (first) {
      std::vector<Span> clauses = split_clauses(key, cut, h.b);
      if (clauses.size() > 1) {
        from = clauses.back().b;
        add_names(t, cut, from, default_role, out);
      }
      first = false;
    }
    add_names(t, from, h.b, h.role, out);
    cut = h.e;
  }
  add_names(t, cut, e, default_role, out);
}

void apply_convention(Units& u, const UnitConvention& conv) {
  if (!conv.first_is_lead || !u.lead.empty() || u.responsible.empty()) return;
  u.lead.push_back(u.responsible.front());
  u.responsible.erase(u.responsible.begin());
}

bool is_label_word(std::string_view label) {
  for (std::string_view end : {"单位"sv, "部门"sv, "科室"sv, "处室"sv, "分工"sv, "主体"sv, "领导"sv, "人"sv, "机构"sv, "单位名称"sv})
    if (ends_with(label, end)) return true;
  return false;
}

}  // namespace

RolePhraseMatch next_role_phrase(std::string_view key, size_t pos, size_t end) {
  static const TailSet firsts = [] {
    std::u32string chars;
    for (const auto& r : kRolePhrases) {
      size_t i = 0;
      chars += next_cp(r.phrase, i);
    }
    return TailSet(chars);
  }();
  const auto* base = reinterpret_cast<const unsigned char*>(key.data());
  end = std::min(end, key.size());
  for (size_t i = pos; i + 3 <= end;) {
    unsigned b = base[i];
    if ((b & 0xF0) == 0xE0) {
      if (firsts.may_hold(base + i)) {
        std::string_view rest = key.substr(i, end - i);
        for (const auto& r : kRolePhrases)
          if (starts_with(rest, r.phrase)) return {i, i + r.phrase.size(), r.role};
      }
      i += 3;
    } else {
      i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xC0 ? 2 : 1;
    }
  }
  return {};
}

std::vector<std::string_view> role_phrases() {
  std::vector<std::string_view> out;
  for (const auto& r : kRolePhrases) out.push_back(r.phrase);
  return out;
}

bool states_lead_convention(std::string_view key) {
  // the pattern ends with 牵头 and holds 第一 or 首位
  if (!contains(key, "牵头") || (!contains(key, "第一") && !contains(key, "首位")))
    return false;
  static const RE2 re("(?:列|排名|排序|排)(?:在)?(?:第一位|第一|首位)(?:者|的)?(?:单位|部门)?(?:为|是)牵头");
  return RE2::PartialMatch(key, re);
}

std::optional<UnitRole> label_role(std::string_view label, bool* person) {
  if (person) *person = false;
  // a person: 分管省领导, 分管副市长, 责任人, 联系人
  static const RE2 person_re("(?:领导|市长|区长|县长|省长|主任|书记|局长|厅长|负责人|联系人|责任人|同志|人)$");
  if (contains(label, "领导") || RE2::PartialMatch(label, person_re)) {
    if (person) *person = true;
    return std::nullopt;
  }
  // a bare role word as a label: 牵头：市财政局；配合：各县区
  for (const auto& r : kRolePhrases)
    if (label == r.phrase || label == "责任") return label == "责任" ? UnitRole::Responsible : r.role;
  if (!is_label_word(label)) return std::nullopt;
  for (std::string_view w : {"牵头"sv, "主办"sv, "承办"sv})
    if (contains(label, w)) return UnitRole::Lead;
  for (std::string_view w : {"配合"sv, "协办"sv, "协同"sv, "协助"sv, "参与"sv})
    if (contains(label, w)) return UnitRole::Support;
  for (std::string_view w : {"责任"sv, "负责"sv, "落实"sv, "分工"sv, "实施"sv, "主责"sv})
    if (contains(label, w)) return UnitRole::Responsible;
  return std::nullopt;
}

namespace {

// What a unit's name ends with: 市医保局, 市委宣传部, 区政务服务中心, 各县区.
constexpr std::string_view kUnitSuffixes[] = {
    "局", "委", "办", "厅", "部", "院", "室", "处", "科", "中心", "政府", "单位", "部门", "区", "县", "市",
    "州", "旗", "盟", "街道", "乡镇", "镇", "乡", "街", "会", "组", "所", "站", "队", "专班", "公司", "集团",
    "管委", "办事处", "馆", "校", "社", "行", "署", "司", "联", "协", "台", "团", "庭", "机关", "机构", "企业",
    "园", "党委", "党组", "医院", "法院", "检察院", "分局", "总局", "支队", "大队", "总队", "基地", "小组",
    "窗口", "各地", "地区", "办公室", "海关", "银行", "口岸"};

bool has_unit_suffix(std::string_view k) {
  // the suffixes by their last character, sorted once from the table above
  // (a binary search: a hash map's modulo cost more)
  using Entry = std::pair<char32_t, std::string_view>;
  static const std::vector<Entry> by_last = [] {
    std::vector<Entry> v;
    for (std::string_view s : kUnitSuffixes) {
      size_t i = s.size() - 3;
      v.push_back({next_cp(s, i), s});
    }
    std::stable_sort(v.begin(), v.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    return v;
  }();
  if (k.size() < 3) return false;
  size_t i = k.size() - 3;
  char32_t last = next_cp(k, i);
  auto it = std::lower_bound(by_last.begin(), by_last.end(), last,
                             [](const Entry& e, char32_t c) { return e.first < c; });
  for (; it != by_last.end() && it->first == last; ++it)
    if (ends_with(k, it->second)) return true;
  return false;
}

// Words and characters a name never holds: 的 要 将 是 对, dates, book
// titles, quotes, digits, %.
bool has_non_name_char(std::string_view k) {
  for (size_t i = 0; i < k.size();) {
    char32_t c = next_cp(k, i);
    switch (c) {
      case U'的': case U'要': case U'将': case U'是': case U'对': case U'年': case U'月': case U'日':
      case U'《': case U'》': case U'"': case U'“': case U'”': case U'%':
        return true;
      default:
        if (c >= '0' && c <= '9') return true;
    }
  }
  return false;
}

}  // namespace

bool is_unit_name(std::string_view key) {
  size_t n = cp_count(key);
  if (n < 2 || n > 40) return false;
  if (has_non_name_char(key)) return false;
  for (std::string_view p : {"包括"sv, "含"sv, "如"sv, "即"sv, "指"sv, "除"sv, "其中"sv, "其他有关"sv, "各项"sv, "有关工作"sv, "相关工作"sv})
    if (starts_with(key, p)) return false;  // 包括… 其中… : an explanation, not a name
  std::string_view k = key;
  if (ends_with(k, ")")) {  // 各镇(街), 各县(市、区): judge the part before
    size_t open = k.rfind('(');
    if (open != std::string_view::npos && open > 0) k = k.substr(0, open);
  }
  // 市、区 is no name on its own (every character one of 县市区州盟旗乡镇街道、);
  // 各乡镇、街道 is
  bool only_admin = !k.empty();
  for (size_t i = 0; i < k.size() && only_admin;) {
    switch (next_cp(k, i)) {
      case U'县': case U'市': case U'区': case U'州': case U'盟': case U'旗': case U'乡': case U'镇':
      case U'街': case U'道': case U'、':
        break;
      default:
        only_admin = false;
    }
  }
  if (only_admin) return false;
  if (starts_with(k, "各") && cp_count(k) <= 12) return true;
  return has_unit_suffix(k);
}

void merge_units(Units& into, const Units& from) {
  for (const auto& n : from.lead) add_unit(into, UnitRole::Lead, n);
  for (const auto& n : from.support) add_unit(into, UnitRole::Support, n);
  for (const auto& n : from.responsible) add_unit(into, UnitRole::Responsible, n);
}

void merge_units(Units& into, Units&& from) {
  if (into.empty()) {  // from holds no unit twice (add_unit made it): nothing to check
    into = std::move(from);
    return;
  }
  for (auto& n : from.lead) add_unit(into, UnitRole::Lead, std::move(n));
  for (auto& n : from.support) add_unit(into, UnitRole::Support, std::move(n));
  for (auto& n : from.responsible) add_unit(into, UnitRole::Responsible, std::move(n));
}

Units parse_unit_list(const Text& t, size_t kb, size_t ke, UnitRole default_role,
                      const UnitConvention& conv) {
  const std::string& key = t.key;
  ke = std::min(ke, key.size());
  Units out;
  UnitConvention local = conv;
  // Labels (牵头单位: … 责任单位: …) split the text into segments.
  size_t seg_b = kb;
  UnitRole seg_role = default_role;
  bool seg_skip = false;
  for (size_t i = kb; i < ke; ++i) {
    if (key[i] != ':') continue;
    size_t lb = i;
    while (lb > seg_b) {  // back to the previous separator
      size_t k = lb - 1;
      while (k > seg_b && (static_cast<unsigned char>(key[k]) & 0xC0) == 0x80) --k;
      size_t kk = k;
      char32_t c = next_cp(key, kk);
      if (c == ';' || c == ',' || c == 0x3002 || c == '(' || c == 0x3001 || c == '|') break;
      lb = k;
    }
    std::string_view label = std::string_view(key).substr(lb, i - lb);
    // "牵头单位：区发改局  责任单位：各街道": spaces are gone from the key, so
    // the label is the label-shaped end of what stands before the colon
    static const RE2 label_tail(
        "((?:牵头|配合|协办|主办|承办|参与|协同|协助|落实|实施|主责|责任|分管|数据提供|联系)*"
        "(?:单位|部门|科室|处室|主体|领导|人)|部门分工)$");
    re2::StringPiece tail;
    if (RE2::PartialMatch(label, label_tail, &tail) && tail.size() < label.size() &&
        label_role(std::string_view(tail.data(), tail.size()))) {
      lb = i - tail.size();
      label = std::string_view(key).substr(lb, i - lb);
    }
    bool person = false;
    auto role = label_role(label, &person);
    if (!role && !person && !is_label_word(label)) continue;  // a colon in running text
    if (!seg_skip) parse_segment(t, seg_b, lb, seg_role, out);
    seg_b = i + 1;
    seg_role = role.value_or(UnitRole::Responsible);
    seg_skip = !role;  // a person, or a label of no unit role (数据提供单位)
  }
  if (!seg_skip) parse_segment(t, seg_b, ke, seg_role, out);
  if (states_lead_convention(std::string_view(key).substr(kb, ke - kb))) local.first_is_lead = true;
  apply_convention(out, local);
  return out;
}

Units parse_unit_list(std::string_view raw, UnitRole default_role, const Folding& folding,
                      const UnitConvention& conv) {
  Text t = fold(raw, folding);
  return parse_unit_list(t, 0, t.key.size(), default_role, conv);
}

namespace {

bool deadline_clause(std::string_view k) {
  static const RE2 re("年内|年底|年末|持续推进|长期|常态化|按要求|按时|前|月|季度|上半年|下半年|下同|每年|每月");
  return RE2::PartialMatch(k, re);
}

// Is the parenthetical content key[b,e) a statement of who does the task?
bool unit_content(const Text& t, size_t b, size_t e, const UnitConvention& conv, Units& units) {
  const std::string& key = t.key;
  std::string_view content = std::string_view(key).substr(b, e - b);
  static const RE2 conv_re("((?:列|排名|排序|排)(?:在)?(?:第一位|第一|首位))");
  UnitConvention local = conv;
  re2::StringPiece m;
  // every way of saying it holds 第一 or 首位: most contents need no regex
  if ((contains(content, "第一") || contains(content, "首位")) && RE2::PartialMatch(content, conv_re, &m)) {
    // the convention sentence itself names no unit: stop before it
    size_t at = m.data() - key.data();
    size_t stop = std::string_view(key).substr(b, at - b).rfind("。");
    size_t comma = std::string_view(key).substr(b, at - b).rfind(",");
    if (stop == std::string_view::npos) stop = comma;
    e = stop == std::string_view::npos ? b : b + stop;
    local.first_is_lead = states_lead_convention(content) || local.first_is_lead;
  }
  // every clause must name units or a time: (…负责，年内持续推进); checked
  // first, as it turns away most brackets ((一), (试行), (2021年)) cheaply
  for (Span c : split_clauses(key, b, e)) {
    std::string_view ck = std::string_view(key).substr(c.b, c.e - c.b);
    if (ck.empty()) continue;
    if (ck.find(':') != std::string_view::npos) continue;
    if (has_role_hit(key, c.b, c.e) || has_name(key, c.b, c.e)) continue;
    if (deadline_clause(ck)) continue;
    return false;
  }
  units = parse_unit_list(t, b, e, UnitRole::Responsible, local);
  return !units.empty();
}

}  // namespace

std::vector<UnitParenthetical> find_unit_parentheticals(const Text& t, const UnitConvention& conv) {
  std::vector<UnitParenthetical> out;
  const std::string& key = t.key;
  static const std::string_view kOpenB = "【", kCloseB = "】";
  // (…) and 【…】 (【责任单位：…】): the next of each, found by memchr and
  // find_in, looked for again once passed
  size_t paren = key.find('('), bracket = find_in(key, kOpenB);
  for (size_t i = 0; i < key.size(); ++i) {
    if (paren != std::string::npos && paren < i) paren = key.find('(', i);
    if (bracket != std::string::npos && bracket < i) bracket = find_in(key, kOpenB, i);
    i = std::min(paren, bracket);
    if (i >= key.size()) break;
    bool square = i == bracket;
    size_t open_len = square ? 3 : 1, close_len = open_len;
    int depth = 0;
    size_t j = i;
    if (square) {
      j = key.find(kCloseB, i);
      if (j == std::string::npos) break;
    } else {
      for (; j < key.size(); ++j) {
        if (key[j] == '(') ++depth;
        else if (key[j] == ')' && --depth == 0) break;
      }
      if (j >= key.size()) break;
    }
    // closing: at the end, or before punctuation
    std::string_view after = std::string_view(key).substr(j + close_len);
    // (各县(市、区)… is a gloss inside a name, not a closing parenthetical)
    bool closing = after.empty() || starts_with(after, "。") || starts_with(after, ";") ||
                   starts_with(after, ",") || starts_with(after, ".") || starts_with(after, ")") ||
                   starts_with(after, "|");
    Units units;
    if (closing && unit_content(t, i + open_len, j, conv, units)) out.push_back({i, j + close_len, units});
    i = j + close_len - 1;
  }
  return out;
}

bool is_deadline_label(std::string_view label) {
  static const RE2 re("完成时限|完成时间|时限要求|时间节点|完成期限|时间要求|时限|进度安排");
  return RE2::PartialMatch(label, re);
}

std::vector<InlineLabel> find_inline_labels(const Text& t, const UnitConvention& conv) {
  std::vector<InlineLabel> out;
  const std::string& key = t.key;
  if (key.find(':') == std::string::npos) return out;  // a label ends with a colon
  int depth = 0;
  size_t sentence = 0;  // where the current sentence starts
  for (size_t i = 0; i < key.size();) {
    size_t at = i;
    char32_t c = next_cp(key, i);
    if (c == '(' || c == 0x3010) ++depth;
    else if ((c == ')' || c == 0x3011) && depth > 0) --depth;
    else if (depth == 0 && (c == 0x3002 || c == ';')) sentence = i;
    else if (depth == 0 && c == ':' && at > sentence && at - sentence <= 3 * 10) {
      std::string label = key.substr(sentence, at - sentence);
      bool person = false;
      auto role = label_role(label, &person);
      if (!role && !person && !is_deadline_label(label)) continue;
      // the value runs to the sentence end
      size_t end = i;
      int d = 0;
      while (end < key.size()) {
        size_t k = end;
        char32_t e = next_cp(key, k);
        if (e == '(') ++d;
        else if (e == ')' && d > 0) --d;
        else if (d == 0 && (e == 0x3002 || e == ';')) break;
        end = k;
      }
      InlineLabel l;
      l.kb = sentence;
      l.value_kb = i;
      l.label = label;
      if (role) l.units = parse_unit_list(t, i, end, *role, conv);
      // the sentence end goes with the label
      if (end < key.size()) end += key[end] == ';' ? 1 : 3;
      l.ke = end;
      out.push_back(std::move(l));
      i = end;
      sentence = end;
    }
  }
  return out;
}

Units find_unit_clauses(const Text& t, const UnitConvention& conv) {
  Units out;
  const std::string& key = t.key;
  size_t pos = 0;
  size_t stop = 0, semi = 0;  // the next 。 and ; at or after a 由 (npos: none)
  while ((pos = find_in(key, "由", pos)) != std::string::npos) {
    size_t start = pos + 3;
    pos = start;
    if (starts_with(std::string_view(key).substr(start), "于") ||
        starts_with(std::string_view(key).substr(start), "此"))
      continue;
    // the sentence's end: the next 。 or ;, each looked for again only once
    // passed (a search from every 由 to a far end was quadratic too)
    if (stop < start) stop = find_in(key, "。", start);
    if (semi < start) semi = key.find(';', start);
    size_t end = std::min(stop, semi);
    if (end == std::string::npos) end = key.size();
    // A 由 clause names its units within a few dozen characters (80 at most
    // in the seeds, corpus and cases); looking no further than 200 keeps a
    // sentence of thousands of 由 clauses (a text that lost its full stops)
    // from being read again from each 由: that was quadratic.
    constexpr size_t kMaxRun = 3 * 200;
    if (end - start > kMaxRun) {
      end = start + kMaxRun;
      while (end > start && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) --end;  // a character's start
    }
    // clauses of "names + role phrase", the first right after 由
    Units found;
    for (Span c : split_clauses(key, start, end)) {
      auto hits = role_hits(key, c.b, c.e);
      if (hits.empty()) break;
      std::string_view tail = std::string_view(key).substr(hits.back().e, c.e - hits.back().e);
      if (!has_name(key, c.b, hits.front().b) || cp_count(tail) > 4) break;
      Units u = parse_unit_list(t, c.b, hits.back().e, UnitRole::Responsible, {});
      merge_units(found, std::move(u));
    }
    apply_convention(found, conv);
    merge_units(out, std::move(found));
  }
  return out;
}

}  // namespace plancli
