// Every marker family, non-markers, levels by first appearance, sequence checks.
#include <catch2/catch.hpp>

#include "normalize.h"
#include "numbering.h"

using namespace plancli;

namespace {

struct MarkerCase {
  const char* line;
  bool is_marker;
  MarkerFamily family;
  int value;
  const char* number;  // as written, trailing 、 . ． dropped
  const char* rest;    // the text after the marker
};

const MarkerCase kCases[] = {
    {"一、进一步做好政务公开基础工作", true, MarkerFamily::CnComma, 1, "一", "进一步做好政务公开基础工作"},
    {"十四、狠抓任务落实。", true, MarkerFamily::CnComma, 14, "十四", "狠抓任务落实。"},
    {"一．加强组织领导", true, MarkerFamily::CnComma, 1, "一", "加强组织领导"},
    {"（一）规范开展政府信息公开。准确把握", true, MarkerFamily::CnParen, 1, "（一）", "规范开展政府信息公开。准确把握"},
    {"(三)进一步优化政务公开标准化目录。", true, MarkerFamily::CnParen, 3, "(三)", "进一步优化政务公开标准化目录。"},
    {"（十一）开展政府开放日活动。", true, MarkerFamily::CnParen, 11, "（十一）", "开展政府开放日活动。"},
    {"1.加强行政执法信息公开。", true, MarkerFamily::ArabicDot, 1, "1", "加强行政执法信息公开。"},
    {"16. 建立舆情回应台账管理制度", true, MarkerFamily::ArabicDot, 16, "16", "建立舆情回应台账管理制度"},
    {"１．全面实施行政许可事项清单管理", true, MarkerFamily::ArabicDot, 1, "１", "全面实施行政许可事项清单管理"},
    {"2、开展非法金融活动专项整治", true, MarkerFamily::ArabicDot, 2, "2", "开展非法金融活动专项整治"},
    {"20.2021年11月20日前完成主动公开", true, MarkerFamily::ArabicDot, 20, "20", "2021年11月20日前完成主动公开"},
    {"(2)完善企业登记全程电子化。", true, MarkerFamily::ArabicParen, 2, "(2)", "完善企业登记全程电子化。"},
    {"（1）推行网上申请", true, MarkerFamily::ArabicParen, 1, "（1）", "推行网上申请"},
    {"①建立健全公开属性定期审查机制", true, MarkerFamily::Circled, 1, "①", "建立健全公开属性定期审查机制"},
    {"第一章 总则", true, MarkerFamily::Chapter, 1, "第一章", "总则"},
    {"第二部分 重点任务", true, MarkerFamily::Chapter, 2, "第二部分", "重点任务"},
    {"第十条 各单位应当", true, MarkerFamily::Article, 10, "第十条", "各单位应当"},
    {"3)做好统计", true, MarkerFamily::ArabicHalf, 3, "3)", "做好统计"},
    // no markers
    {"6.2%左右的增长", false, MarkerFamily::CnComma, 0, "", ""},
    {"2021年政务公开工作要点", false, MarkerFamily::CnComma, 0, "", ""},
    {"一是加强组织领导", false, MarkerFamily::CnComma, 0, "", ""},
    {"12345政务服务便民热线", false, MarkerFamily::CnComma, 0, "", ""},
    {"（部门）", false, MarkerFamily::CnComma, 0, "", ""},
    {"第一时间向上级备案", false, MarkerFamily::CnComma, 0, "", ""},
};

}  // namespace

TEST_CASE("numbering markers of every family") {
  Folding none;
  for (const auto& c : kCases) {
    INFO(c.line);
    Text t = fold(c.line, none);
    auto m = read_marker(t);
    REQUIRE(m.has_value() == c.is_marker);
    if (!m) continue;
    CHECK(m->family == c.family);
    CHECK(m->value == c.value);
    CHECK(m->number == c.number);
    CHECK(squeeze(t.slice(m->key_end, t.key.size())) == squeeze(c.rest));
  }
}

TEST_CASE("levels follow the order families first appear") {
  LevelMap a;  // seed 002: 一、 then （一）…（十四） straight across
  CHECK(a.level_of(MarkerFamily::CnComma) == 1);
  CHECK(a.level_of(MarkerFamily::CnParen) == 2);
  CHECK(a.level_of(MarkerFamily::CnComma) == 1);
  LevelMap b;  // a document that starts at （一） and skips 一、
  CHECK(b.level_of(MarkerFamily::CnParen) == 1);
  CHECK(b.level_of(MarkerFamily::ArabicDot) == 2);
}

TEST_CASE("numbering gaps, repeats and disorder are diagnostics (seed 001)") {
  std::vector<Diagnostic> d;
  // 一 二 三 四 七 六 at the top; （一）（三） under 二
  check_sequence({{1, "一", 5}, {2, "二", 9}, {3, "三", 15}, {4, "四", 21}, {7, "七", 27}, {6, "六", 33}}, d);
  check_sequence({{1, "(一)", 11}, {3, "(三)", 13}}, d);
  check_sequence({{1, "1", 3}, {1, "1", 4}}, d);
  REQUIRE(d.size() == 4);
  CHECK(d[0].code == "numbering-gap");
  CHECK(d[0].line == 27);
  CHECK(d[0].message == "五、六 missing between 四 and 七");
  CHECK(d[1].code == "numbering-order");
  CHECK(d[1].line == 33);
  CHECK(d[2].code == "numbering-gap");
  CHECK(d[2].message == "(二) missing between (一) and (三)");
  CHECK(d[3].code == "numbering-repeat");
}
