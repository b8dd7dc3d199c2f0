// Metadata of every seed and corpus document against its gold file, and the
// head/signature rules one by one.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <random>

#include "meta.h"
#include "plancli/parse.h"
#include "testdata.h"

using namespace plancli;
using namespace plancli::testing;

namespace {

const char* const kDocs[] = {"seeds/000_0568e64cad98038c", "seeds/001_78747d025de2c341",
                             "seeds/002_fd6c197cfa85b248", "seeds/003_c51c94b057090dae",
                             "seeds/004_d0b04d23b1f4c58e", "corpus/d01", "corpus/d02",
                             "corpus/d03", "corpus/d04", "corpus/d05"};

std::string gold_path(const std::string& doc) {
  size_t slash = doc.find('/');
  return testdata("gold/" + doc.substr(0, slash) + doc.substr(slash) + ".json");
}

nlohmann::json opt(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }

}  // namespace

TEST_CASE("meta of every seed and corpus document matches its gold") {
  for (const char* doc : kDocs) {
    INFO(doc);
    ParseResult r = parse(read_file(testdata(std::string(doc) + ".txt")));
    REQUIRE(r.ok());
    auto gold = nlohmann::json::parse(read_file(gold_path(doc)))["meta"];
    const Meta& m = r.doc.meta;
    CHECK(opt(m.title) == gold["title"]);
    CHECK(opt(m.issuer) == gold["issuer"]);
    CHECK(opt(m.date) == gold["date"]);
    CHECK((m.year ? nlohmann::json(*m.year) : nlohmann::json(nullptr)) == gold["year"]);
    CHECK(opt(m.doc_number) == gold["doc_number"]);
    CHECK(opt(m.index_number) == gold["index_number"]);
  }
}

TEST_CASE("the sections of every seed match the gold's level-1 headings") {
  for (const char* doc : kDocs) {
    INFO(doc);
    ParseResult r = parse(read_file(testdata(std::string(doc) + ".txt")));
    auto gold = nlohmann::json::parse(read_file(gold_path(doc)))["sections"];
    std::vector<std::pair<std::string, std::string>> want, got;
    for (auto& s : gold) want.push_back({s["number"], s["title"]});
    for (auto& s : r.doc.sections) {
      std::string title = s.title;
      got.push_back({s.number, title});
    }
    // the gold writes （一） where the document does; compare as the scorer does
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].first == want[i].first);
      std::string g = got[i].second, w = want[i].second;
      while (!w.empty() && (w.back() == '.' || w.compare(w.size() >= 3 ? w.size() - 3 : 0, 3, "。") == 0))
        w.resize(w.back() == '.' ? w.size() - 1 : w.size() - 3);
      CHECK(g == w);
    }
  }
}

TEST_CASE("meta rules, one real head each") {
  SECTION("a title broken over two lines after a covering notice's signature (corpus d01)") {
    Meta m = parse("立山区人民政府关于印发立山区政府2023年重点工作任务分解和责任分工方案的通知\n"
                   "各街道办事处:\n现将方案印发给你们,请认真贯彻落实。\n立山区人民政府\n\n2023年3月28日\n\n(此件公开发布)\n\n"
                   "立山区政府2023年重点工作\n\n任务分解和责任分工方案\n\n一、主要预期目标\n1.固定资产投资增长15%左右。\n")
                 .doc.meta;
    CHECK(m.title == "立山区政府2023年重点工作任务分解和责任分工方案");
    CHECK(m.issuer == "立山区人民政府");
    CHECK(m.date == "2023-03-28");
    CHECK(m.year == 2023);
  }
  SECTION("发文日期 wins over the signature date; 发布时间 is no issue date (seed 001)") {
    Meta m = parse("索引号: 00001434-9/2023-00000066 发布机构: 区医疗保障局\n发文日期: 2023年06月15日 文 号: /\n"
                   "嘉定区医疗保障局2023年政务公开工作要点\n发布时间:2023-07-05 浏览次数:\n一、做好平台维护\n"
                   "落实专人负责信息发布。\n 嘉定区医疗保障局\n\n2022年6月15日\n")
                 .doc.meta;
    CHECK(m.date == "2023-06-15");
    CHECK(m.index_number == "00001434-9/2023-00000066");
    CHECK(m.issuer == "嘉定区医疗保障局");
    CHECK_FALSE(m.doc_number.has_value());
  }
  SECTION("a 文号 the text merely cites is not the document's own (seed 003)") {
    Meta m = parse("各县、市、区人民政府:\n根据《山东省人民政府办公厅关于印发2021年山东省政务公开工作要点的通知》(鲁政办发〔2021〕5号)精神,通知如下:\n"
                   "一、不断加大主动公开力度\n(一)推进重大战略信息公开(市发展改革委负责)。\n泰安市人民政府办公室\n2021年4月29日\n")
                 .doc.meta;
    CHECK_FALSE(m.doc_number.has_value());
    CHECK_FALSE(m.title.has_value());
    CHECK(m.issuer == "泰安市人民政府办公室");
    CHECK(m.year == 2021);
  }
  SECTION("a breadcrumb is no title") {
    Meta m = parse("首页 > 政务公开 > 政务公开工作要点\n某区2022年政务公开工作要点\n一、重点任务\n（一）加强解读（区政府办公室负责）。\n")
                 .doc.meta;
    CHECK(m.title == "某区2022年政务公开工作要点");
  }
  SECTION("a title with a trailing note; a multi-year plan is dated by its first year") {
    Meta m = parse("某市优化营商环境三年行动方案（2021—2023年）\n一、重点任务\n（一）深化改革（市政务服务局牵头）。\n").doc.meta;
    CHECK(m.title == "某市优化营商环境三年行动方案（2021—2023年）");
    CHECK(m.year == 2021);
  }
  SECTION("issuer from the title, year from the 文号 (corpus d04)") {
    Meta m = parse("国务院关于落实《政府工作报告》重点工作部门分工的意见\n国发〔2020〕6号\n"
                   "一、落实2020年发展主要目标\n(一)总体要求。\n1.做好工作(国务院各部门分别负责)。\n")
                 .doc.meta;
    CHECK(m.issuer == "国务院");
    CHECK(m.doc_number == "国发〔2020〕6号");
    CHECK(m.year == 2020);
    CHECK_FALSE(m.date.has_value());
  }
}

// is_furniture turns a line away by its first character before its regex
// runs; the regex alone (restated here as the oracle) must agree on lines
// made of the patterns' own pieces and their neighbours.
TEST_CASE("is_furniture: the first-character test never turns away a line the regex takes") {
  static const RE2 oracle(
      "^(?:索引号|发布时间|发布日期|浏览次数|访问次数|【字体|字体[:：]|公开方式|关键词|主题分类|发布机构|发文日期|"
      "信息来源|来源[:：]|时间[:：]|文号[:：]|打印|关闭|返回|分享|附件[:：\\d]|附件$|核心提示|全文$|"
      "\\(此件|此件公开|\\(此页|扫一扫|相关链接|责任编辑)");
  REQUIRE(oracle.ok());
  const std::vector<std::string> pieces = {
      "索引号", "发布", "时间", "日期", "浏览", "访问", "次数", "【", "字体", ":", "：", "公开", "方式", "关键词",
      "主题", "分类", "机构", "发文", "信息", "来源", "文号", "打印", "关闭", "返回", "分享", "附件", "1", "核心",
      "提示", "全文", "(", "此件", "此页", "扫一扫", "相关", "链接", "责任", "编辑", "x", "。", "一、", "各"};
  std::mt19937 rng(20261126);
  int taken = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int i = 0, n = 1 + static_cast<int>(rng() % 4); i < n; ++i) s += pieces[rng() % pieces.size()];
    if (s.back() == ':' && s.find("各") != std::string::npos) continue;  // the addressee rule, not this one
    INFO(s);
    bool want = RE2::PartialMatch(s, oracle);
    CHECK(is_furniture(s) == want);
    taken += want;
  }
  CHECK(taken > 2000);  // the pieces make furniture often enough to test the test
  CHECK(is_furniture("(此件公开发布)"));
  CHECK(is_furniture("附件"));
  CHECK_FALSE(is_furniture("一、公开目录"));
}
