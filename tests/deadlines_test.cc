// Deadline phrases → kinds and dates: real sentences from the seeds, the
// corpus and other pages, plus one row per rule of the contract.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <random>

#include "deadlines.h"
#include "plancli/parse.h"
#include "testdata.h"

using namespace plancli;
using namespace plancli::testing;

namespace {

using Pairs = std::vector<std::string>;

std::string pair_of(const std::string& kind, const std::optional<std::string>& date, const std::string& every) {
  return kind + "/" + date.value_or("null") + (every.empty() ? "" : "/" + every);
}

Pairs pairs_of(const std::vector<Deadline>& ds) {
  Pairs p;
  for (auto& d : ds) p.push_back(pair_of(to_string(d.kind), d.date, d.kind == DeadlineKind::Recurring ? d.every : ""));
  std::sort(p.begin(), p.end());
  return p;
}

Pairs pairs_of(const nlohmann::json& j) {
  Pairs p;
  for (auto& d : j)
    p.push_back(pair_of(d["kind"], d["date"].is_null() ? std::nullopt : std::optional<std::string>(d["date"]),
                        d.value("every", "")));
  std::sort(p.begin(), p.end());
  return p;
}

std::string show(const Pairs& p) {
  std::string s;
  for (auto& x : p) s += x + " ";
  return s;
}

std::vector<Deadline> run(const std::string& phrase, DeadlineMode mode, std::optional<int> year) {
  Folding f = make_folding(phrase);
  return find_deadlines(fold(phrase, f), mode, year);
}

struct Row {
  const char* phrase;
  int year;  // 0: unknown
  DeadlineMode mode;
  std::vector<std::string> want;  // kind/date[/every], sorted
  const char* source;
};

constexpr DeadlineMode P = DeadlineMode::Prose, C = DeadlineMode::Cell;

// One row per rule of shared/spec/CONTRACT.md, each with the real phrase it names.
const Row kRules[] = {
    {"2021年12月30日前", 2021, C, {"by/2021-12-30"}, "seed 000"},
    {"2021年12月30日", 2021, C, {"by/2021-12-30"}, "a bare date in a deadline cell is by"},
    {"8月组织开展主题活动", 2023, P, {"on/2023-08-31"}, "seed 001"},
    {"年底前完成清理", 2021, P, {"by/2021-12-31"}, "contract"},
    {"年底逐一对账", 2021, P, {"on/2021-12-31"}, "contract"},
    {"6月底前上线运行", 2021, P, {"by/2021-06-30"}, "contract"},
    {"5月底前实现我区中介超市上线运行", 2016, P, {"by/2016-05-31"}, "kmgd.gov.cn"},
    {"上半年完成", 2022, P, {"by/2022-06-30"}, "contract"},
    {"下半年开展评估", 2022, P, {"by/2022-12-31"}, "contract"},
    {"年内至少举办1次政府开放日活动", 2022, P, {"by/2022-12-31"}, "seed 002"},
    {"第三季度末前完成", 2022, P, {"by/2022-09-30"}, "quarter"},
    {"二季度组织开展", 2022, P, {"on/2022-06-30"}, "quarter"},
    {"3月上旬报送", 2022, P, {"on/2022-03-10"}, "上旬 the 10th"},
    {"3月中旬前报送", 2022, P, {"by/2022-03-20"}, "中旬 the 20th"},
    {"2月下旬前报送", 2024, P, {"by/2024-02-29"}, "下旬 the month's last day"},
    {"4月前完成", 2022, P, {"by/2022-04-30"}, "X月前 the last day of month X"},
    {"次年3月底前", 2021, P, {"by/2022-03-31"}, "次年 plan year + 1"},
    {"2021年9月25日前、12月30日前", 2021, C, {"by/2021-09-25", "by/2021-12-30"}, "seed 000"},
    {"于4月15日、7月15日前报送", 2021, P, {"by/2021-04-15", "by/2021-07-15"}, "one 前 covers the list"},
    {"于6月底和7月底报送", 2021, P, {"on/2021-06-30", "on/2021-07-31"}, "contract"},
    {"7月3日至7月15日集中开展", 2021, P, {"on/2021-07-15"}, "a range is dated at its end"},
    {"到2025年", 2021, P, {"by/2025-12-31"}, "到 before a year"},
    {"2016年基本完成", 2015, P, {"by/2016-12-31"}, "完成 right after"},
    {"6月底完成", 2021, P, {"by/2021-06-30"}, "完成 right after"},
    {"2022年新建基站2600个", 2022, P, {"on/2022-12-31"}, "a year opening a clause"},
    {"决策文件出台后的10个工作日内", 2022, P, {"within/null"}, "seed 002"},
    {"出台后30日内公开", 2021, P, {"within/null"}, "contract"},
    {"与政策文件同步发布", 2021, P, {"within/null"}, "contract"},
    {"收到申请当日登记", 2021, P, {"within/null"}, "contract"},
    {"长期推进", 2021, C, {"ongoing/null"}, "seed 000"},
    {"持续推进“一网通办”", 2021, P, {"ongoing/null"}, "contract"},
    {"长期坚持", 2021, P, {"ongoing/null"}, "contract"},
    {"常态化推进", 2021, P, {"ongoing/null"}, "contract"},
    {"按要求推进", 2021, C, {"as_required/null"}, "seed 000"},
    {"按时高质量完成", 2021, P, {"as_required/null"}, "contract"},
    {"每年至少听取1次", 2021, P, {"recurring/null/year"}, "seed 004"},
    {"专栏每月至少更新2条信息", 2021, P, {"recurring/null/month"}, "seed 004"},
    {"每季度报送进展", 2021, P, {"recurring/null/quarter"}, "contract"},
    {"每周更新", 2021, P, {"recurring/null/week"}, "contract"},
    {"(国务院各部门分别负责,年内持续推进)", 2020, P, {"by/2020-12-31"}, "corpus d04"},
    {"12月30日前", 0, P, {"by/null"}, "unknown plan year: kind kept, date null"},
    {"在2021年内完成清理", 2021, P, {"by/2021-12-31"}, "Y年内 is 年内"},
    {"要在3月内完成清理", 2021, P, {"by/2021-03-31"}, "N月内 is the month, not relative"},
    {"承办单位须在3个月内答复完毕", 0, P, {"within/null"}, "N个月内 is relative"},
    {"按季度报送进展情况", 2021, P, {"recurring/null/quarter"}, "按季度"},
    {"按月份统计数据", 2021, P, {}, "按月份 is no period"},
    // no deadlines
    {"从2022年3月起施行", 2022, P, {}, "a start"},
    {"自2021年1月1日开始", 2021, P, {}, "a start"},
    {"截至2021年底", 2021, P, {}, "a cut-off of figures"},
    {"2020年以来", 2021, P, {}, "a past period"},
    {"对上一年度工作要点落实情况开展回头看", 2021, P, {}, "seed 004"},
    {"认真落实《2021年工作要点》", 2021, P, {}, "a cited title"},
    {"未按时进驻的", 2021, P, {}, "negated"},
    {"按照要求做好", 2021, P, {}, "按照要求 is none"},
    {"及时、适时、定期、限期、按期、逐步、不断推进", 2021, P, {}, "vague words"},
    {"持续实施、继续推进、不断深化", 2021, P, {}, "near-synonyms are no deadline"},
    {"做好2022年局政府信息公开年报编制工作", 2022, P, {}, "seed 002: a year inside a noun phrase"},
    {"推动政府开放活动常态化", 2023, P, {}, "seed 001: 常态化 alone"},
    {"根据2021年3月印发的实施意见", 2021, P, {}, "a past event named by its date"},
    {"2020年度政府信息公开工作年度报告要按要求发布", 2021, P, {"as_required/null"}, "YYYY年度 is no time"},
};

}  // namespace

TEST_CASE("deadline rules of the contract, one real phrase each") {
  int failures = 0;
  for (const Row& r : kRules) {
    std::optional<int> year = r.year ? std::optional<int>(r.year) : std::nullopt;
    Pairs got = pairs_of(run(r.phrase, r.mode, year));
    Pairs want = r.want;
    std::sort(want.begin(), want.end());
    if (got != want) {
      ++failures;
      UNSCOPED_INFO(r.source << ": " << r.phrase << "\n   want " << show(want) << "\n   got  " << show(got));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("deadline phrasings from the seeds and the corpus (testdata/rules/deadlines.tsv)") {
  auto rows = read_tsv(testdata("rules/deadlines.tsv"));
  REQUIRE(rows.size() >= 40);
  int failures = 0;
  for (auto& row : rows) {
    DeadlineMode mode = row["mode"] == "cell" ? DeadlineMode::Cell : DeadlineMode::Prose;
    Pairs got = pairs_of(run(row["phrase"], mode, std::stoi(row["plan_year"])));
    Pairs want = pairs_of(nlohmann::json::parse(row["deadlines"]));
    if (got != want) {
      ++failures;
      UNSCOPED_INFO(row["source"] << ": " << row["phrase"] << "\n   want " << show(want) << "\n   got  " << show(got));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("deadline sentences from other pages (testdata/cases/deadline-sentences.tsv)") {
  auto rows = read_tsv(testdata("cases/deadline-sentences.tsv"));
  REQUIRE(rows.size() >= 30);
  int failures = 0;
  for (auto& row : rows) {
    std::string year = row["plan_year"].empty() ? "" : row["plan_year"] + "年";
    ParseResult r = parse(year + "工作要点\n一、重点任务\n1." + row["sentence"] + "\n");
    std::vector<Deadline> all;
    for (auto& t : r.doc.tasks) all.insert(all.end(), t.deadlines.begin(), t.deadlines.end());
    Pairs want = pairs_of(nlohmann::json::parse(unquote_tsv(row["deadlines"])));
    if (pairs_of(all) != want) {
      ++failures;
      UNSCOPED_INFO(row["sentence"] << "\n   want " << show(want) << "\n   got  " << show(pairs_of(all)));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("an impossible date is a diagnostic, not a crash") {
  std::vector<Diagnostic> diags;
  Folding none;
  auto d = find_deadlines(fold("2021年2月30日前完成", none), DeadlineMode::Prose, 2021, &diags, 7);
  REQUIRE(d.size() == 1);
  CHECK(d[0].kind == DeadlineKind::By);
  CHECK_FALSE(d[0].date.has_value());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "impossible-date");
  CHECK(diags[0].line == 7);
}

TEST_CASE("deadline text is the phrase as written") {
  auto d = run("到2019年12月底,实现互联互通", DeadlineMode::Prose, 2019);
  REQUIRE(d.size() == 1);
  CHECK(d[0].text == "到2019年12月底");
  auto t = run("2021年年底前，系统清理", DeadlineMode::Prose, 2021);
  REQUIRE(t.size() == 1);
  CHECK(t[0].text == "2021年年底前");
}

// The date grammar is read by hand in src/deadlines.cc; these are the same
// grammar as regexes (what the rules were first written as). On random
// strings of the grammar's own pieces the two must agree at every position.
TEST_CASE("the hand-read date grammar agrees with its regex form") {
  const RE2 date_re(
      "(?:(次年|明年|今年|当年|本年)|(\\d{4}) ?年(?:度)?)?"
      "(?:(\\d{1,2}) ?月份?(?:(\\d{1,2}) ?[日号]|(上旬|中旬|下旬|底|末|初|内))?"
      "|(年底|年末|底|末|年内|年度内|上半年|下半年|内)"
      "|第?([一二三四1-4])季度(末|底)?)?");
  const RE2 start_re(
      "次年|明年|今年|当年|本年|\\d{4} ?[年\\-—~～至到]|\\d{1,2} ?月|年底|年末|年内|年度内|上半年|下半年|第?[一二三四1-4]季度");
  const RE2 range_re("(\\d{4}) ?[-—~～至到] ?(\\d{4}) ?年");
  REQUIRE(date_re.ok());
  REQUIRE(start_re.ok());
  const std::vector<std::string> pieces = {
      "0", "1", "2", "3", "4", "5", "9", "2021", "12", " ", "年", "月", "日", "号", "度", "份", "底", "末", "初",
      "内", "上旬", "中旬", "下旬", "上", "下", "半", "第", "一", "二", "三", "四", "季", "季度", "次", "明", "今",
      "当", "本", "至", "到", "-", "—", "~", "～", "前", "、", "完成", "x", "。"};
  std::mt19937 rng(20261126);
  int checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    re2::StringPiece input(s), g[9];
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      if (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;
      INFO(s << " at " << pos);
      // the date at pos
      bool ok = date_re.Match(input, pos, s.size(), RE2::ANCHOR_START, g, 9);
      REQUIRE(ok);
      DateMatch m = match_date(s, pos);
      auto sv = [](const re2::StringPiece& p) { return std::string(p.data() ? p.data() : "", p.size()); };
      CHECK(m.len == g[0].size());
      CHECK(std::string(m.rel) == sv(g[1]));
      CHECK(std::string(m.year) == sv(g[2]));
      CHECK(std::string(m.month) == sv(g[3]));
      CHECK(std::string(m.day) == sv(g[4]));
      CHECK(std::string(m.month_part) == sv(g[5]));
      CHECK(std::string(m.part) == sv(g[6]));
      CHECK(std::string(m.quarter) == sv(g[7]));
      CHECK(std::string(m.quarter_part) == sv(g[8]));
      // a year range at pos
      std::string_view to;
      size_t len = match_year_range(s, pos, &to);
      bool range = range_re.Match(input, pos, s.size(), RE2::ANCHOR_START, g, 3);
      CHECK(len == (range ? g[0].size() : 0));
      if (range) CHECK(std::string(to) == sv(g[2]));
      // the next place a date may start
      size_t want = start_re.Match(input, pos, s.size(), RE2::UNANCHORED, g, 1)
                        ? static_cast<size_t>(g[0].data() - s.data())
                        : std::string_view::npos;
      CHECK(next_date_start(s, pos) == want);
      ++checked;
    }
  }
  CHECK(checked > 100000);
}

// The other families' phrase matchers against the regexes they were first
// written as, on random strings of their own pieces.
TEST_CASE("the hand-read rule families agree with their regex form") {
  const RE2 recurring("每(年度|年|季度|月|周|星期)|按(季度|月|周)[^份度]");
  const RE2 count("(?:至少|不少于|不低于)?[^,。;:、]{0,8}?(?:\\d+|[一二两三四五六七八九十]+)(?:次|条|期|篇|个|批|轮)");
  const RE2 within(
      "(\\d{1,3}|[一二两三四五六七八九十]+)(个工作日|个自然日|工作日|自然日|日|天|个月|个星期|周|个小时|小时|年)(?:内|以内)");
  const RE2 sync("与[^,。;、]{1,20}?同步发布|收到[^,。;]{1,20}?当日");
  const RE2 ongoing("长期推进|持续推进|长期坚持|常态化推进");
  const RE2 required(
      "(?:按要求|按时)(?:高质量|保质保量|认真|及时|全面|准确|规范|足额|如实|严格|有序)?"
      "(?:推进|开展|公开|发布|完成|报送|公布|提交|上报|落实|更新|办理|答复|做好|编制|填报|整改|进驻|"
      "录入|归集|启动|报告|召开|组织|印发|出台|兑现|披露|执行|实施|建设|举办|调整|清理|审查|办结)");
  const std::vector<std::string> pieces = {
      "每", "按", "年", "年度", "季度", "季", "月", "份", "度", "周", "星期", "至少", "不少于", "不低于", "1", "12",
      "2021", "一", "两", "十", "三", "次", "条", "个", "轮", ",", "。", ";", ":", "、", "个工作日", "工作日", "日",
      "天", "个月", "小时", "内", "以内", "以", "与", "收到", "收", "到", "同步发布", "同步", "当日", "当", "长期",
      "推进", "持续", "坚持", "常态化", "要求", "按要求", "按时", "高质量", "及时", "完成", "报送", "报", "公开",
      "x", "文件", "申请", "更新"};
  std::mt19937 rng(112026);
  auto sv = [](const re2::StringPiece& p) { return std::string(p.data() ? p.data() : "", p.size()); };
  auto leftmost = [&](const RE2& re, const std::string& s, size_t pos, re2::StringPiece* g, int n) -> RuleMatch {
    RuleMatch m;
    if (re.Match(re2::StringPiece(s), pos, s.size(), RE2::UNANCHORED, g, n)) {
      m.b = static_cast<size_t>(g[0].data() - s.data());
      m.e = m.b + g[0].size();
    }
    return m;
  };
  int checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 10);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      if (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;
      INFO(s << " at " << pos);
      re2::StringPiece g[3];
      RuleMatch want = leftmost(recurring, s, pos, g, 3), got = match_recurring(s, pos);
      CHECK(got.b == want.b);
      if (want.b != std::string_view::npos) {
        // the match ends after the period: 按月报送 takes 按月
        size_t e = g[1].empty() ? static_cast<size_t>(g[2].data() + g[2].size() - s.data()) : want.e;
        CHECK(got.e == e);
        CHECK(std::string(got.period) == (g[1].empty() ? sv(g[2]) : sv(g[1])));
      }
      size_t c = count.Match(re2::StringPiece(s), pos, s.size(), RE2::ANCHOR_START, g, 1) ? pos + g[0].size() : 0;
      CHECK(match_count(s, pos) == c);
      for (auto [re, fn] : {std::pair{&within, &match_within}, std::pair{&sync, &match_sync},
                            std::pair{&ongoing, &match_ongoing}, std::pair{&required, &match_required}}) {
        RuleMatch w = leftmost(*re, s, pos, g, 1), m = fn(s, pos);
        CHECK(m.b == w.b);
        if (w.b != std::string_view::npos) CHECK(m.e == w.e);
      }
      ++checked;
    }
  }
  CHECK(checked > 100000);
}

// Thousands of phrases in one text: every one found, in order, including a
// phrase of another family after them (the overlap test between families
// answers by binary search now; a wrong answer would drop or double some).
TEST_CASE("a text of thousands of deadline phrases") {
  std::string s;
  for (int i = 0; i < 3000; ++i) s += "2023年" + std::to_string(1 + i % 12) + "月底前,";
  s += "每季度更新。持续推进。";
  auto ds = find_deadlines(fold(s, Folding{}), DeadlineMode::Prose, 2023);
  REQUIRE(ds.size() == 3002);
  for (int i = 0; i < 3000; ++i) {
    INFO(i);
    CHECK(ds[i].kind == DeadlineKind::By);
    CHECK(ds[i].text == "2023年" + std::to_string(1 + i % 12) + "月底前");
  }
  CHECK(ds[3000].kind == DeadlineKind::Recurring);
  CHECK(ds[3001].kind == DeadlineKind::Ongoing);
}
