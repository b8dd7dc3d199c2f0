// The whole pipeline through parse(): what is a task, encodings, bad input.
#include <catch2/catch.hpp>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "plancli/emit.h"
#include "plancli/parse.h"
#include "testdata.h"

using namespace plancli;
using namespace plancli::testing;

namespace {

std::string encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
  ucnv_close(conv);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string without_source(const Document& d) {
  auto j = to_json(d);
  j.erase("source");
  return j.dump();
}

}  // namespace

TEST_CASE("GB18030 and UTF-16 copies of every seed give the same document but its source") {
  for (const char* seed : {"000_0568e64cad98038c", "001_78747d025de2c341", "002_fd6c197cfa85b248",
                           "003_c51c94b057090dae", "004_d0b04d23b1f4c58e"}) {
    INFO(seed);
    std::string utf8 = read_file(testdata(std::string("seeds/") + seed + ".txt"));
    ParseResult a = parse(utf8);
    ParseResult gb = parse(encode(utf8, "GB18030"));
    ParseResult le = parse("\xFF\xFE" + encode(utf8, "UTF-16LE"));
    REQUIRE(gb.ok());
    REQUIRE(le.ok());
    CHECK(gb.doc.source.encoding == "GB18030");
    CHECK(le.doc.source.encoding == "UTF-16LE");
    CHECK(without_source(gb.doc) == without_source(a.doc));
    CHECK(without_source(le.doc) == without_source(a.doc));
  }
}

// The shape of a document: each task's path, unit counts by role, deadlines, whether it has a title.
std::vector<std::string> shape_of(const Document& d) {
  std::vector<std::string> out;
  for (const auto& t : d.tasks) {
    std::string s;
    for (auto& p : t.path) s += p + "/";
    s += " " + std::to_string(t.units.lead.size()) + std::to_string(t.units.support.size()) +
         std::to_string(t.units.responsible.size());
    for (auto& x : t.deadlines) s += std::string(" ") + to_string(x.kind) + ":" + x.date.value_or("-");
    s += t.title ? " titled" : "";
    out.push_back(s);
  }
  return out;
}

TEST_CASE("traditional-character copies of every seed give the same tasks") {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> s2t(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  REQUIRE(U_SUCCESS(status));
  for (const char* seed : {"000_0568e64cad98038c", "001_78747d025de2c341", "002_fd6c197cfa85b248",
                           "003_c51c94b057090dae", "004_d0b04d23b1f4c58e"}) {
    INFO(seed);
    std::string simplified = read_file(testdata(std::string("seeds/") + seed + ".txt"));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(simplified);
    s2t->transliterate(u);
    std::string traditional;
    u.toUTF8String(traditional);
    REQUIRE(traditional != simplified);
    Document a = parse(simplified).doc, b = parse(traditional).doc;
    CHECK(shape_of(b) == shape_of(a));
    CHECK(b.meta.year == a.meta.year);
    CHECK(b.meta.title.has_value() == a.meta.title.has_value());
  }
}

TEST_CASE("a heading with no numbered children makes one task per paragraph (seed 001)") {
  Document d = parse("2023年政务公开工作要点\n总体要求是:以公开促落实。主要工作如下:\n"
                     "一、进一步提升依申请办理质效\n依托平台完善依申请件全量管理。\n\n严格落实法定职责,依法依规做好依申请答复。\n"
                     "二、进一步深化主动公开标准化工作\n(一)严格执行政府信息公开审查制度。健全完善公开属性认定流程。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 3);
  CHECK(d.tasks[0].path == std::vector<std::string>{"一"});
  CHECK_FALSE(d.tasks[0].title.has_value());
  CHECK(d.tasks[1].text == "严格落实法定职责,依法依规做好依申请答复。");
  CHECK(d.tasks[2].path == std::vector<std::string>{"二", "(一)"});
  CHECK(d.tasks[2].title == "严格执行政府信息公开审查制度");
}

TEST_CASE("several unit parentheticals in one item split it (seed 003)") {
  Document d = parse("一、不断加大主动公开力度\n"
                     "(一)推进重大战略信息公开。主动公开专项规划(各县市区政府,市发展改革委等部门分工负责)。"
                     "做好开发区改革举措的公开(市委编办、各功能区管委负责)。抓好区域协调发展信息公开。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 3);
  CHECK(d.tasks[0].text == "推进重大战略信息公开。主动公开专项规划。");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"各县市区政府", "市发展改革委"});
  CHECK(d.tasks[1].text == "做好开发区改革举措的公开。");
  CHECK(d.tasks[1].title == "推进重大战略信息公开");
  CHECK(d.tasks[1].path == std::vector<std::string>{"一", "(一)"});
  CHECK(d.tasks[2].units.empty());
}

TEST_CASE("a unit parenthetical inside a sentence names its units without splitting it") {
  Document d = parse("一、重点任务\n(一)加强政策解读(市政府办公室牵头),做好政策咨询(市政务服务局负责)。\n").doc;
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].text == "加强政策解读,做好政策咨询。");
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市政府办公室"});
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"市政务服务局"});
}

TEST_CASE("a unit parenthetical on its own line belongs to the item above") {
  Document d = parse("一、加强政策解读\n（一）做好重大政策解读。\n（责任单位：市政府办公室）\n（二）做好政策咨询。\n").doc;
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].title == "做好重大政策解读");
  CHECK(d.tasks[0].text == "做好重大政策解读。");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"市政府办公室"});
}

TEST_CASE("labelled sentences inside an item are its cells") {
  Document d = parse("2022年政务公开工作要点\n一、深化重点领域信息公开\n"
                     "1.做好规划信息公开。及时公开“十四五”规划实施情况。责任单位：市发展改革委，各县区政府。完成时限：2022年12月。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].text == "做好规划信息公开。及时公开“十四五”规划实施情况。");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"市发展改革委", "各县区政府"});
  REQUIRE(d.tasks[0].deadlines.size() == 1);
  CHECK(d.tasks[0].deadlines[0].kind == DeadlineKind::By);  // a bare date under 完成时限 is a limit
  CHECK(d.tasks[0].deadlines[0].date == "2022-12-31");
}

TEST_CASE("a heading's own text is a task when it assigns units") {
  Document d = parse("一、重点任务\n（一）加强政策解读。由市政府办公室牵头，建立解读机制。\n1.做好重大政策解读。\n2.做好政策咨询。\n").doc;
  REQUIRE(d.tasks.size() == 3);
  CHECK(d.tasks[0].path == std::vector<std::string>{"一", "（一）"});
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市政府办公室"});
  CHECK(d.tasks[1].path == std::vector<std::string>{"一", "（一）", "1"});
}

TEST_CASE("framing sections give no task unless they assign units") {
  Document d = parse("一、总体要求\n以习近平新时代中国特色社会主义思想为指导,全面推进政务公开。\n"
                     "二、重点任务\n(一)加强政策解读(市政府办公室牵头)。\n"
                     "三、工作目标\n(一)地区生产总值增长6%左右(市发展改革委负责)。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市政府办公室"});
  CHECK(d.tasks[1].path == std::vector<std::string>{"三", "(一)"});
  CHECK(d.sections.size() == 3);
}

TEST_CASE("a covering notice's own items are no tasks; a notice without its plan has none") {
  Document with = parse("关于印发2022年政务公开工作要点的通知\n各处室:\n现将要点印发给你们。\n一、提高认识\n二、按时报送\n"
                        "吉林省医疗保障局办公室\n2022年8月25日\n2022年吉林省医疗保障局政务公开工作要点\n"
                        "一、做好基础工作\n(一)规范开展政府信息公开。准确把握公开要求。\n")
                      .doc;
  REQUIRE(with.tasks.size() == 1);
  CHECK(with.tasks[0].path == std::vector<std::string>{"一", "(一)"});
  CHECK(with.meta.title == "2022年吉林省医疗保障局政务公开工作要点");
  Document only = parse("关于印发2022年政务公开工作要点的通知\n各处室:\n现将要点印发给你们。\n一、提高认识\n二、按时报送\n"
                        "吉林省医疗保障局办公室\n2022年8月25日\n")
                      .doc;
  CHECK(only.tasks.empty());
  CHECK(only.meta.title == "关于印发2022年政务公开工作要点的通知");
}

TEST_CASE("a web copy of a notice without its signature: the plan starts at its own title") {
  Document d = parse("关于印发2022年政务公开工作要点的通知\n各处室:\n现将《2022年政务公开工作要点》印发给你们,请认真贯彻执行。\n"
                     "2022年吉林省医疗保障局政务公开工作要点\n一、做好基础工作\n(一)规范开展政府信息公开。准确把握公开要求，\n"
                     "综合考虑公开效果。\n(二)加强平台维护。\n")
                   .doc;
  CHECK(d.meta.title == "2022年吉林省医疗保障局政务公开工作要点");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].text == "规范开展政府信息公开。准确把握公开要求，综合考虑公开效果。");
}

TEST_CASE("a plan inside its covering notice, the signature after both") {
  Document d = parse("关于印发某县2022年政务公开工作要点的通知\n各乡镇人民政府，县直各部门：\n现将《某县2022年政务公开工作要点》印发给你们，请认真贯彻执行。\n"
                     "附件：某县2022年政务公开工作要点\n一、推进决策公开\n（一）完善决策目录。（县司法局负责）\n"
                     "某县人民政府办公室\n2022年3月1日\n")
                   .doc;
  CHECK(d.meta.title == "某县2022年政务公开工作要点");
  CHECK(d.meta.issuer == "某县人民政府办公室");
  CHECK(d.meta.date == "2022-03-01");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"县司法局"});
}

TEST_CASE("tab-indented prose without a table header stays prose") {
  Document d = parse("\t2021年政务公开工作要点\n\t一、加强政策解读\n\t（一）做好重大政策解读。围绕中心工作开展解读（市政府办公室牵头）。\n"
                     "\t（二）做好政策咨询。畅通咨询渠道。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].path == std::vector<std::string>{"一", "（一）"});
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市政府办公室"});
  CHECK(d.meta.title == "2021年政务公开工作要点");
}

TEST_CASE("a convention the document states holds from there on") {
  Document d = parse("工作要点\n(列第一位者为牵头单位,下同)\n一、重点任务\n1.加强监管(市场监管局、市公安局负责)。\n"
                     "2.提升服务(市政务服务局负责)。\n")
                   .doc;
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市场监管局"});
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"市公安局"});
  CHECK(d.tasks[1].units.lead == std::vector<std::string>{"市政务服务局"});
}

TEST_CASE("numbering anomalies of seed 001 are diagnostics") {
  Document d = parse(read_file(testdata("seeds/001_78747d025de2c341.txt"))).doc;
  std::vector<std::string> messages;
  for (auto& x : d.diagnostics)
    if (x.code.rfind("numbering", 0) == 0) messages.push_back(x.code + ": " + x.message);
  CHECK(std::find(messages.begin(), messages.end(), "numbering-gap: (二) missing between (一) and (三)") != messages.end());
  CHECK(std::find(messages.begin(), messages.end(), "numbering-gap: 五、六 missing between 四 and 七") != messages.end());
  CHECK(std::find(messages.begin(), messages.end(), "numbering-order: 六 comes after 七") != messages.end());
}

TEST_CASE("items numbered on across sections are no numbering gap") {
  Document d = parse("一、重点任务\n（一）围绕稳经济加强公开。\n1.加强政策解读。\n2.做好预决算公开。\n"
                     "（二）围绕民生加强公开。\n3.推进教育信息公开。\n5.推进医疗信息公开。\n").doc;
  std::vector<std::string> messages;
  for (auto& x : d.diagnostics) messages.push_back(x.message);
  CHECK(messages == std::vector<std::string>{"4 missing between 3 and 5"});
  REQUIRE(d.tasks.size() == 4);
  CHECK(d.tasks[2].path == std::vector<std::string>{"一", "（二）", "3"});
}

TEST_CASE("a paragraph that opens a list is no addressee line") {
  Document d = parse("一、保障措施\n各级各部门要重点做好以下工作：\n").doc;
  REQUIRE(d.tasks.size() == 1);
  Document addressed = parse("关于做好2022年政务公开工作的通知\n各县（市、区）人民政府，市政府各部门：\n一、重点任务\n（一）加强解读。\n").doc;
  REQUIRE(addressed.tasks.size() == 1);
  CHECK(addressed.tasks[0].text == "加强解读。");
}

TEST_CASE("a gloss such as 各县（市、区） is no unit parenthetical") {
  Document d = parse("一、保障措施\n各县（市、区）、各部门要加强组织领导，确保各项任务落实到位。\n").doc;
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].units.empty());
  CHECK(d.tasks[0].text == "各县（市、区）、各部门要加强组织领导，确保各项任务落实到位。");
}

TEST_CASE("bad input: binary is an error, empty and undecodable bytes are diagnostics") {
  ParseResult bin = parse(std::string("\x00\x01\x02\x03\x00\x00\xFF\xFE\x00", 9) + std::string(64, '\x02'));
  CHECK_FALSE(bin.ok());
  ParseResult empty = parse("");
  REQUIRE(empty.ok());
  CHECK(empty.doc.tasks.empty());
  CHECK(empty.doc.diagnostics.at(0).code == "empty-input");
  ParseResult bad = parse("一、重点任务\n1.加强\xFF管理。\n");
  REQUIRE(bad.ok());
  REQUIRE(bad.doc.tasks.size() == 1);
  CHECK(bad.doc.diagnostics.at(0).code == "invalid-bytes");
}

TEST_CASE("stats name every stage once") {
  ParseOptions o;
  o.stats = true;
  ParseResult r = parse(read_file(testdata("seeds/004_d0b04d23b1f4c58e.txt")), o);
  std::vector<std::string> stages;
  for (auto& s : r.stats) stages.push_back(s.stage);
  CHECK(stages == std::vector<std::string>{"sha256", "decode", "normalize", "segment", "fold", "meta", "assemble"});
}

TEST_CASE("parse_buffer gives what parse gives, for UTF-8, a BOM, GB18030 and binary input") {
  std::string utf8 = "一、重点任务\n（一）加强政策解读（市政府办公室牵头）。\n";
  for (std::string input : {utf8, "\xEF\xBB\xBF" + utf8, encode(utf8, "GB18030"), std::string("\x00\x01\x02", 3)}) {
    ParseResult a = parse(input);
    std::string buffer = input;
    ParseResult b = parse_buffer(std::move(buffer));
    CHECK(a.error == b.error);
    CHECK(a.doc.source.sha256 == b.doc.source.sha256);
    CHECK(a.doc.source.encoding == b.doc.source.encoding);
    CHECK(shape_of(a.doc) == shape_of(b.doc));
    CHECK(a.doc.tasks.size() == b.doc.tasks.size());
  }
}

// The i-th of 1,600 unit names that differ (市 + two characters + 局).
static std::string distinct_unit(int i) {
  static const char* const kChars[] = {"安", "北", "昌", "德", "恩", "丰", "广", "海", "吉", "江", "开", "兰", "明", "南",
                                       "平", "青", "荣", "山", "泰", "文", "新", "阳", "云", "长", "中", "东", "西", "华",
                                       "金", "林", "宁", "庆", "瑞", "顺", "天", "武", "兴", "永", "玉", "正"};
  return std::string("市") + kChars[i % 40] + kChars[i / 40 % 40] + "局";
}

// One item whose body holds 1,600 sentences with a unit parenthetical
// each: one task per sentence, each with its own unit (the parentheticals of
// a chunk are now found by walking both lists once, not all of them per
// chunk), and the closing marks a split leaves in front are dropped.
TEST_CASE("an item of 1,600 unit parentheticals") {
  std::string body = "一、重点任务\n1.";
  for (int i = 0; i < 1600; ++i) body += "做好第" + std::to_string(i) + "项公开(" + distinct_unit(i) + "负责)。";
  Document d = parse(body).doc;
  REQUIRE(d.tasks.size() == 1600);
  for (int i : {0, 1, 999, 1599}) {
    INFO(i);
    CHECK(d.tasks[i].text == "做好第" + std::to_string(i) + "项公开。");
    CHECK(d.tasks[i].units.responsible == std::vector<std::string>{distinct_unit(i)});
  }
  Document marks = parse("一、重点任务\n1." + std::string(3000 * 3, ')') + "做好公开(市政府办公室负责)。").doc;
  REQUIRE(marks.tasks.size() == 1);
  CHECK(marks.tasks[0].text == "做好公开。");
}
