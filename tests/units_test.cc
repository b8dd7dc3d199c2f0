// Units by role: real phrasings from the seeds, the corpus and other pages.
// Rows live in testdata/rules/units.tsv (from the gold files) and
// testdata/cases/unit-snippets.tsv; every failing row is reported.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <re2/re2.h>

#include <random>
#include <set>

#include "plancli/parse.h"
#include "testdata.h"
#include "units.h"

using namespace plancli;
using namespace plancli::testing;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

Pairs pairs_of(const Units& u) {
  Folding none;
  Pairs p;
  for (auto& n : u.lead) p.insert({"lead", fold_key(n, none)});
  for (auto& n : u.support) p.insert({"support", fold_key(n, none)});
  for (auto& n : u.responsible) p.insert({"responsible", fold_key(n, none)});
  return p;
}

Pairs pairs_of(const nlohmann::json& j) {
  Folding none;
  Pairs p;
  for (const char* role : {"lead", "support", "responsible"})
    for (auto& n : j.value(role, nlohmann::json::array())) p.insert({role, fold_key(n.get<std::string>(), none)});
  return p;
}

std::string show(const Pairs& p) {
  std::string s;
  for (auto& [r, n] : p) s += r + ":" + n + " ";
  return s;
}

Units units_of_tasks(const std::string& plan) {
  ParseResult r = parse(plan);
  Units all;
  for (auto& t : r.doc.tasks) merge_units(all, t.units);
  return all;
}

// The same small plans shared/eval/score-cases.py builds around a snippet.
std::string unit_plan(const std::string& snippet, const std::string& layout) {
  if (layout == "prose") return "工作要点\n一、重点任务\n1." + snippet + "\n";
  size_t bar = snippet.find(" || ");
  if (bar != std::string::npos)
    return "工作任务分解表\n" + snippet.substr(0, bar) + "\n" + snippet.substr(bar + 4) + "\n";
  static const char* kLabels[] = {"牵头", "牽頭", "责任", "責任", "主办", "主辦", "配合", "协办", "協辦",
                                  "承办", "承辦", "部门分工", "牵头领导", "牽頭領導", "协同", "協同", "参与", "參與"};
  for (const char* l : kLabels)
    if (snippet.rfind(l, 0) == 0) return "工作要点\n一、重点任务\n1.做好相关工作。\n" + snippet + "\n";
  return "工作任务分解表\n序号 | 工作任务 | 责任单位\n1 | 做好相关工作 | " + snippet + "\n";
}

}  // namespace

TEST_CASE("unit phrasings from the seeds and the corpus (testdata/rules/units.tsv)") {
  auto rows = read_tsv(testdata("rules/units.tsv"));
  REQUIRE(rows.size() >= 60);
  int failures = 0;
  for (auto& row : rows) {
    const std::string& phrase = row["phrase"];
    Folding f = make_folding(phrase);
    Units got;
    if (row["layout"] == "cell") {
      got = parse_unit_list(phrase, UnitRole::Responsible, f);
    } else if (row["layout"] == "prose") {
      Text t = fold(phrase, f);
      for (auto& p : find_unit_parentheticals(t, {})) merge_units(got, p.units);
      merge_units(got, find_unit_clauses(t, {}));
    } else {
      std::string lines = phrase;
      for (size_t k; (k = lines.find("\\n")) != std::string::npos;) lines.replace(k, 2, "\n");
      got = units_of_tasks("工作要点\n一、重点任务\n1.做好相关工作。\n" + lines + "\n");
    }
    Pairs want = pairs_of(nlohmann::json::parse(row["units"]));
    if (pairs_of(got) != want) {
      ++failures;
      UNSCOPED_INFO(row["source"] << ": " << phrase << "\n   want " << show(want) << "\n   got  " << show(pairs_of(got)));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("unit snippets from other pages (testdata/cases/unit-snippets.tsv)") {
  auto rows = read_tsv(testdata("cases/unit-snippets.tsv"));
  REQUIRE(rows.size() >= 30);
  int failures = 0;
  for (auto& row : rows) {
    Units got = units_of_tasks(unit_plan(row["snippet"], row["layout"]));
    Pairs want = pairs_of(nlohmann::json::parse(unquote_tsv(row["units"])));
    if (pairs_of(got) != want) {
      ++failures;
      UNSCOPED_INFO(row["snippet"] << "\n   want " << show(want) << "\n   got  " << show(pairs_of(got)));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("unit rules, one real phrase each") {
  Folding none;
  auto cell = [&](const char* s) { return pairs_of(parse_unit_list(s, UnitRole::Responsible, none)); };
  SECTION("three roles in one cell (seed 000)") {
    CHECK(cell("基层服务处牵头，医保中心、医救中心落实，机关各处室配合。") ==
          Pairs{{"lead", "基层服务处"}, {"responsible", "医保中心"}, {"responsible", "医救中心"}, {"support", "机关各处室"}});
  }
  SECTION("主办 inside a name is no role (seed 004)") {
    CHECK(cell("局主办科室") == Pairs{{"responsible", "局主办科室"}});
  }
  SECTION("a role word in brackets after one name") {
    CHECK(cell("市发展改革委（牵头）、市财政局、市统计局") ==
          Pairs{{"lead", "市发展改革委"}, {"responsible", "市财政局"}, {"responsible", "市统计局"}});
    CHECK(cell("市财政局、市发展改革委（牵头），市统计局配合") ==
          Pairs{{"responsible", "市财政局"}, {"lead", "市发展改革委"}, {"support", "市统计局"}});
  }
  SECTION("【】 brackets close a task like parentheses") {
    auto ps = find_unit_parentheticals(fold("做好预决算公开。【责任单位：市财政局】", none), {});
    REQUIRE(ps.size() == 1);
    CHECK(pairs_of(ps[0].units) == Pairs{{"responsible", "市财政局"}});
  }
  SECTION("a unit goes to one role: its first") {
    CHECK(cell("基层服务处、医保中心牵头，机关各处室、医保中心、医救中心配合。") ==
          Pairs{{"lead", "基层服务处"}, {"lead", "医保中心"}, {"support", "机关各处室"}, {"support", "医救中心"}});
  }
  SECTION("等部门 and 等有关单位 trimmed") {
    CHECK(cell("市发展改革委、市自然资源和规划局等部门分工负责") ==
          Pairs{{"responsible", "市发展改革委"}, {"responsible", "市自然资源和规划局"}});
    CHECK(cell("区财政局、区水务局等有关单位配合") == Pairs{{"support", "区财政局"}, {"support", "区水务局"}});
    CHECK(cell("市发展改革委、市财政局等8个部门负责") ==
          Pairs{{"responsible", "市发展改革委"}, {"responsible", "市财政局"}});
  }
  SECTION("an administrative enumeration is one unit") {
    CHECK(cell("各县、市、区政府负责") == Pairs{{"responsible", "各县、市、区政府"}});
    CHECK(cell("各州、市人民政府负责") == Pairs{{"responsible", "各州、市人民政府"}});
    CHECK(cell("各县(市、区)政府负责") == Pairs{{"responsible", "各县(市、区)政府"}});
    CHECK(cell("立山经济开发区,各街道、区直各部门") ==
          Pairs{{"responsible", "立山经济开发区"}, {"responsible", "各街道"}, {"responsible", "区直各部门"}});
  }
  SECTION("bare role words as labels") {
    CHECK(cell("牵头：市财政局；配合：各县区政府") == Pairs{{"lead", "市财政局"}, {"support", "各县区政府"}});
  }
  SECTION("two labels on one line, separated by spaces only") {
    Units u = parse_unit_list("牵头单位：区发改局    责任单位：各街道、区直各部门", UnitRole::Responsible, none);
    CHECK(pairs_of(u) == Pairs{{"lead", "区发改局"}, {"responsible", "各街道"}, {"responsible", "区直各部门"}});
  }
  SECTION("a person is no unit, and neither is a label of no role") {
    Units u = parse_unit_list("牵头单位:市农业农村局;责任单位:市公园城市局;数据提供单位:市统计局", UnitRole::Responsible, none);
    CHECK(pairs_of(u) == Pairs{{"lead", "市农业农村局"}, {"responsible", "市公园城市局"}});
    CHECK(cell("分管省领导:林克庆").empty());
  }
  SECTION("the stated convention: the first unit of a list leads") {
    UnitConvention first{true};
    CHECK(pairs_of(parse_unit_list("国家中医药局、国家发展改革委负责", UnitRole::Responsible, none, first)) ==
          Pairs{{"lead", "国家中医药局"}, {"responsible", "国家发展改革委"}});
    CHECK(states_lead_convention("列第一位者为牵头单位,下同"));
    CHECK(states_lead_convention("排名第一的为牵头单位"));
    CHECK_FALSE(states_lead_convention("无牵头单位的,责任单位即为牵头单位,下同"));
    // stated inside the parenthetical itself, in each of its wordings (the
    // statement names no unit, and the first unit before it leads)
    for (const char* said : {"列第一位的为牵头单位", "排名第一的为牵头单位", "排在首位的为牵头单位"}) {
      INFO(said);
      auto ps = find_unit_parentheticals(fold(std::string("加强监管(市场监管局、市公安局负责。") + said + ")。", none), {});
      REQUIRE(ps.size() == 1);
      CHECK(pairs_of(ps[0].units) == Pairs{{"lead", "市场监管局"}, {"responsible", "市公安局"}});
    }
  }
  SECTION("parentheticals that name no unit stay text") {
    for (const char* s : {"做好历史规划(计划)的归集整理。", "系统清理政策性文件(2016年以后制定的),集中公开。",
                          "精准传达政策意图(政策文件和解读资料需添加咨询方式)。", "发布权威信息(专栏每月至少更新2条信息)。"}) {
      INFO(s);
      CHECK(find_unit_parentheticals(fold(s, none), {}).empty());
    }
  }
  SECTION("由 clauses") {
    CHECK(pairs_of(find_unit_clauses(fold("由市司法局牵头,开展专项检查。", none), {})) == Pairs{{"lead", "市司法局"}});
    CHECK(pairs_of(find_unit_clauses(fold("由省经贸委承办,省公安厅协办。", none), {})) ==
          Pairs{{"lead", "省经贸委"}, {"support", "省公安厅"}});
    CHECK(find_unit_clauses(fold("由区政府督查室跟进督办。", none), {}).empty());
    CHECK(find_unit_clauses(fold("由市政府授权市工商质监局公布市级《目录》。", none), {}).empty());
  }
}

// The role phrase search is read by hand; the same list as one regex
// alternation (what it was first written as) must find the same phrase at
// every position of random strings made of role words and their pieces.
TEST_CASE("the hand-read role phrase search agrees with its regex form") {
  std::string alternation;
  for (std::string_view p : role_phrases()) alternation += (alternation.empty() ? "" : "|") + std::string(p);
  const RE2 re("(" + alternation + ")");
  REQUIRE(re.ok());
  std::vector<std::string> pieces;
  for (std::string_view p : role_phrases()) {
    pieces.emplace_back(p);
    pieces.emplace_back(p.substr(0, 3));  // its first character alone
  }
  for (const char* p : {"市", "局", "、", ",", "(", ")", "职责", "分工", "按", "依", "x", "1", "单位", "工作"})
    pieces.emplace_back(p);
  std::mt19937 rng(26112026);
  int checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      if (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;
      for (size_t end : {s.size(), s.size() > 3 ? s.size() - 3 : s.size()}) {
        if (end < pos) continue;
        INFO(s << " at " << pos << " to " << end);
        re2::StringPiece input(s.data(), end), m;
        RolePhraseMatch got = next_role_phrase(s, pos, end);
        if (re.Match(input, pos, end, RE2::UNANCHORED, &m, 1)) {
          CHECK(got.b == static_cast<size_t>(m.data() - s.data()));
          CHECK(got.e == got.b + m.size());
        } else {
          CHECK(got.b == std::string_view::npos);
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 100000);
}

// The i-th of 1,600 unit names that differ (市 + two characters + 局).
static std::string distinct_unit(int i) {
  static const char* const kChars[] = {"安", "北", "昌", "德", "恩", "丰", "广", "海", "吉", "江", "开", "兰", "明", "南",
                                       "平", "青", "荣", "山", "泰", "文", "新", "阳", "云", "长", "中", "东", "西", "华",
                                       "金", "林", "宁", "庆", "瑞", "顺", "天", "武", "兴", "永", "玉", "正"};
  return std::string("市") + kChars[i % 40] + kChars[i / 40 % 40] + "局";
}

// A sentence of a thousand 由 clauses (a text that lost its full stops):
// each 由 still opens its own clause, so no unit is lost to the limit on how
// far one 由 clause is read.
TEST_CASE("a sentence of a thousand 由 clauses") {
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "由" + distinct_unit(i) + "负责,";
  Units u = find_unit_clauses(fold(s, Folding{}), {});
  REQUIRE(u.responsible.size() == 1000);
  CHECK(u.responsible.front() == distinct_unit(0));
  CHECK(u.responsible.back() == distinct_unit(999));
  CHECK(u.lead.empty());
  // each 由 clause still ends at its own sentence's 。 or ; (the ends are
  // looked for again only once passed)
  Units ends = find_unit_clauses(fold("由市财政局负责,市审计局配合。由市教育局负责;由市民政局牵头,市卫健委配合", Folding{}), {});
  CHECK(pairs_of(ends) == Pairs{{"responsible", "市财政局"}, {"support", "市审计局"}, {"responsible", "市教育局"},
                                {"lead", "市民政局"}, {"support", "市卫健委"}});
}
