// Tables flattened to text: every layout from a real snippet, rows, titles,
// paths and cells asserted through the whole parse; columns reordered.
#include <catch2/catch.hpp>

#include "normalize.h"
#include "plancli/parse.h"
#include "segment.h"
#include "tables.h"

using namespace plancli;

namespace {

Document doc_of(const std::string& text) {
  ParseResult r = parse(text);
  REQUIRE(r.ok());
  return r.doc;
}

std::string path_of(const Task& t) {
  std::string s;
  for (auto& p : t.path) s += (s.empty() ? "" : "/") + p;
  return s;
}

// Seed 004: rows between |, a merged task cell simply missing so the rest shift left.
const char* kPipeRows =
    "江门市卫生健康局2021年政务公开工作要点分工方案\n"
    "工作任务 | 具体要求 | 责任科室 |\n"
    "三、做好政府网站专栏信息公开 | 3.每年至少更新一次“开放江门”数据集。 | 局规划科 |\n"
    "4.及时反馈网民对调查征集信息的意见。 | 局主办科室 | |\n"
    "四、做好常态化疫情防控信息公开 | 5.设立专栏,重点围绕散发疫情、隔离管控、流调溯源、精准防控、假期人员流动等发布权威信息(专栏每月至少更新2条信息)。 | 局防控办主办、各工作组协办 |\n"
    "6.扎实做好疫苗接种信息公开和舆论引导工作。 | 局疾控科 | |\n";

// Seed 000: one tab-indented cell per line, blank line between rows, a merged
// task cell left empty, the header broken over two lines, a deadline cell
// after two blank lines.
const char* kTabCells =
    "附件\n"
    "\t广州市医疗保障局2021年度政务公开\n"
    "工作要点分工方案\n"
    "\n"
    "\t工作任务\n\t具体要求\n\t落实单位\n（部门）\n\t完成时间\n"
    "\n"
    "\t三、紧扣强基础抓基层深化政务公开\n"
    "\n"
    "\t完善政务公开平台\n"
    "\t不断完善政府网站集约化建设，构建网上政府的数据底座。\n"
    "\t基层服务处、医保中心牵头，机关各处室、医保中心、医救中心配合。\n"
    "\n\n"
    "\t2021年12月30日\n"
    "\n"
    "\t\n"
    "\t不断完善政务新媒体监管机制，有序开展清理整合。\n"
    "\t局办公室牵头，机关各处室、局属各单位配合。\n"
    "\t2021年12月30日前\n";

// Corpus d02: each cell on its own line, lines of | between cells, a 序号 column the header lacks.
const char* kPipeStream =
    "工作任务\n|\n具体要求\n|\n责任科室\n|\n时限要求\n|\n"
    "强化行政规范性文件集中规范公开\n|\n1\n|\n对行政规范性文件进行全面清理,并向社会公布现行有效行政规范性文件目录。\n|\n办公室\n|\n年底前\n|\n"
    "做好主动公开基础工作\n|\n2\n|\n严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容。\n|\n各科室\n|\n持续推进\n|\n"
    "3\n|\n规范做好政府信息公开工作年度报告编制发布工作。\n|\n办公室\n|\n持续推进\n|\n";

}  // namespace

TEST_CASE("rows between | with a missing merged cell realigned by content (seed 004)") {
  Document d = doc_of(kPipeRows);
  REQUIRE(d.tasks.size() == 4);
  CHECK(path_of(d.tasks[0]) == "三/3");
  CHECK(d.tasks[0].title == "做好政府网站专栏信息公开");
  CHECK(d.tasks[0].text == "每年至少更新一次“开放江门”数据集。");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"局规划科"});
  CHECK(path_of(d.tasks[1]) == "三/4");
  CHECK(d.tasks[1].title == "做好政府网站专栏信息公开");  // the merged name repeats
  CHECK(d.tasks[1].units.responsible == std::vector<std::string>{"局主办科室"});
  CHECK(d.tasks[2].units.lead == std::vector<std::string>{"局防控办"});
  CHECK(d.tasks[2].units.support == std::vector<std::string>{"各工作组"});
  CHECK(path_of(d.tasks[3]) == "四/6");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].number == "三");
  CHECK(d.sections[0].title == "做好政府网站专栏信息公开");
}

TEST_CASE("tab-indented cells, blank lines between rows (seed 000)") {
  Document d = doc_of(kTabCells);
  CHECK(d.meta.title == "广州市医疗保障局2021年度政务公开工作要点分工方案");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].title == "完善政务公开平台");
  CHECK(path_of(d.tasks[0]) == "三");
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"基层服务处", "医保中心"});
  CHECK(d.tasks[0].units.support == std::vector<std::string>{"机关各处室", "医救中心"});
  REQUIRE(d.tasks[0].deadlines.size() == 1);  // the cell after two blank lines
  CHECK(d.tasks[0].deadlines[0].kind == DeadlineKind::By);
  CHECK(d.tasks[0].deadlines[0].date == "2021-12-30");
  CHECK(d.tasks[1].title == "完善政务公开平台");  // the empty cell repeats the name above
  CHECK(d.tasks[1].text == "不断完善政务新媒体监管机制，有序开展清理整合。");
  CHECK(d.sections.size() == 1);
}

TEST_CASE("cells between | lines with a 序号 column the header lacks (corpus d02)") {
  Document d = doc_of(kPipeStream);
  REQUIRE(d.tasks.size() == 3);
  CHECK(path_of(d.tasks[0]) == "1");
  CHECK(d.tasks[0].title == "强化行政规范性文件集中规范公开");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"办公室"});
  REQUIRE(d.tasks[0].deadlines.size() == 1);
  CHECK(d.tasks[0].deadlines[0].kind == DeadlineKind::By);
  CHECK(path_of(d.tasks[2]) == "3");
  CHECK(d.tasks[2].title == "做好主动公开基础工作");
  CHECK(d.tasks[2].deadlines[0].kind == DeadlineKind::Ongoing);
}

TEST_CASE("labelled lines under a numbered item are its cells (corpus d01, d05)") {
  Document d = doc_of(
      "一、经济社会发展的主要预期目标\n"
      "1.努力实现地区生产总值增长6.2%左右。\n\n牵头单位:区发改局\n\n责任单位:立山经济开发区,全区经济运行各专班\n"
      "2.地区生产总值增长6%以上。\n分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。\n完成时限:2021年底前\n");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].title == "努力实现地区生产总值增长6.2%左右");
  CHECK(d.tasks[0].text == "努力实现地区生产总值增长6.2%左右。");
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"区发改局"});
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"立山经济开发区", "全区经济运行各专班"});
  CHECK(d.tasks[1].units.lead == std::vector<std::string>{"省发展改革委"});
  CHECK(d.tasks[1].units.support == std::vector<std::string>{"各地", "各部门"});
  REQUIRE(d.tasks[1].deadlines.size() == 1);
  CHECK(d.tasks[1].deadlines[0].date == "2021-12-31");  // the cell says its year
  CHECK(path_of(d.tasks[1]) == "一/2");
}

TEST_CASE("a labelled requirement under an item is its text, without the label") {
  Document d = doc_of("一、重点任务\n1.加强政策解读\n主要内容：围绕重大政策开展解读。\n责任单位：市政府办公室\n完成时限：2022年6月底前\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].path == std::vector<std::string>{"一", "1"});
  CHECK(d.tasks[0].text == "围绕重大政策开展解读。");
  CHECK(d.tasks[0].title == "加强政策解读");
  CHECK(d.tasks[0].units.responsible == std::vector<std::string>{"市政府办公室"});
  REQUIRE(d.tasks[0].deadlines.size() == 1);
  CHECK(d.tasks[0].deadlines[0].kind == DeadlineKind::By);
}

TEST_CASE("people under an item are no units and no text") {
  Document d = doc_of("一、重点任务\n1.地区生产总值增长6%以上。\n分管副市长：张三\n联系人：李四\n牵头单位：市发展改革委\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].text == "地区生产总值增长6%以上。");
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"市发展改革委"});
  CHECK(d.tasks[0].units.responsible.empty());
}

TEST_CASE("tab-separated rows and Markdown pipe tables") {
  Document tab = doc_of(
      "序号\t工作任务\t责任单位\t完成时限\n"
      "1\t建成县残疾人综合服务中心。\t县残联\t5月底前动工\n"
      "2\t做好惠民惠农政策公开。\t县财政局、县农业农村局\t长期坚持\n");
  REQUIRE(tab.tasks.size() == 2);
  CHECK(path_of(tab.tasks[0]) == "1");
  CHECK(tab.tasks[0].units.responsible == std::vector<std::string>{"县残联"});
  CHECK(tab.tasks[0].deadlines[0].kind == DeadlineKind::By);
  CHECK(tab.tasks[1].deadlines[0].kind == DeadlineKind::Ongoing);
  Document md = doc_of(
      "| 工作任务 | 具体要求 | 责任部门 |\n"
      "|---|---|---|\n"
      "| 一、做好各类规划主动公开。 | 1.主动公开“十四五”规划纲要、各项规划、政策解读等相关信息。 | 办公室牵头,其他股室及属下单位配合 |\n");
  REQUIRE(md.tasks.size() == 1);
  CHECK(path_of(md.tasks[0]) == "一/1");
  CHECK(md.tasks[0].title == "做好各类规划主动公开");
  CHECK(md.tasks[0].units.lead == std::vector<std::string>{"办公室"});
  CHECK(md.tasks[0].units.support == std::vector<std::string>{"其他股室及属下单位"});
}

TEST_CASE("a table whose columns come in another order, with header synonyms") {
  Document d = doc_of(
      "责任单位 | 完成时间 | 工作内容 | 重点任务\n"
      "局办公室牵头,各科室配合 | 2021年12月30日前 | 规范做好政府信息公开工作年度报告编制发布工作。 | 做好年报工作\n"
      "局财务科 | 长期推进 | 推进本机关预算、决算及相关报表公开。 | 做好财政信息公开\n");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].title == "做好年报工作");
  CHECK(d.tasks[0].text == "规范做好政府信息公开工作年度报告编制发布工作。");
  CHECK(d.tasks[0].units.lead == std::vector<std::string>{"局办公室"});
  CHECK(d.tasks[0].units.support == std::vector<std::string>{"各科室"});
  REQUIRE(d.tasks[0].deadlines.size() == 1);
  CHECK(d.tasks[0].deadlines[0].kind == DeadlineKind::By);
  CHECK(d.tasks[1].units.responsible == std::vector<std::string>{"局财务科"});
  CHECK(d.tasks[1].deadlines[0].kind == DeadlineKind::Ongoing);
}

TEST_CASE("a numbered task name: the number ends the path, the title goes without it") {
  Document d = doc_of(
      "工作任务 | 具体措施 | 责任单位\n"
      "1.加强政策解读 | 围绕重大政策开展解读。 | 市政府办公室\n"
      "2.做好政策咨询 | 畅通咨询渠道。 | 市政务服务局\n");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].title == "加强政策解读");
  CHECK(path_of(d.tasks[1]) == "2");
}

TEST_CASE("rows between | with section headings on lines of their own and a leading empty cell") {
  Document d = doc_of(
      "工作任务 | 具体要求 | 落实单位（部门） | 完成时间 |\n"
      "一、紧扣宏观政策落地见效深化政务公开\n"
      "持续加强重大政策发布解读 | 围绕“六稳”工作提升信息发布规范化水平。 | 局办公室牵头，机关各处室配合。 | 长期推进 |\n"
      " | 完善常态化宣传机制，拓宽宣传渠道。 | 局办公室牵头，机关各处室配合。 | 长期推进 |\n"
      "二、紧扣强基础抓基层深化政务公开\n"
      "做好政务信息管理工作 | 及时更新行政法规文本。 | 规划财务和法规处牵头 | 2021年12月30日前 |\n");
  REQUIRE(d.tasks.size() == 3);
  CHECK(path_of(d.tasks[1]) == "一");
  CHECK(d.tasks[1].title == "持续加强重大政策发布解读");
  CHECK(d.tasks[1].text == "完善常态化宣传机制，拓宽宣传渠道。");
  CHECK(path_of(d.tasks[2]) == "二");
  CHECK(d.sections.size() == 2);
}

TEST_CASE("a table cut in two goes on with the columns of the first part") {
  Document d = doc_of(
      "工作任务 | 具体要求 | 责任单位 | 完成时限\n"
      "加强政策解读 | 围绕重大政策开展解读。 | 市政府办公室 | 长期坚持\n"
      "第 1 页 共 2 页\n"
      "做好政策咨询 | 畅通政策咨询渠道，及时回应关切。 | 市政务服务局 | 2022年6月底前\n");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[1].title == "做好政策咨询");
  CHECK(d.tasks[1].units.responsible == std::vector<std::string>{"市政务服务局"});
  REQUIRE(d.tasks[1].deadlines.size() == 1);
  CHECK(d.tasks[1].deadlines[0].kind == DeadlineKind::By);
}

TEST_CASE("a metadata strip (发布单位 | … |) above a notice gives no task (corpus d05)") {
  Document d = doc_of(
      "发布单位 |\n广东省人民政府\n|\n发布文号 | 粤府〔2021〕22号 |\n发布日期 | 2021-03-29 | 生效日期 | 2021-03-29 |\n"
      "各地级以上市人民政府,省政府各部门、各直属机构:\n");
  CHECK(d.tasks.empty());
  CHECK(d.meta.doc_number == "粤府〔2021〕22号");
}

TEST_CASE("one cell per line without tabs or pipes, with and without blank lines between rows") {
  const char* with_blanks =
      "某局2022年政务公开重点任务分解表\n序号\n工作任务\n具体要求\n责任单位\n完成时限\n\n"
      "1\n加强政策解读\n围绕重大政策开展解读。\n局办公室牵头，各科室配合\n长期坚持\n\n"
      "2\n做好政策咨询\n畅通咨询渠道。\n局政务服务科\n2022年6月底前\n";
  const char* without_blanks =
      "序号\n工作任务\n具体要求\n责任单位\n完成时限\n"
      "1\n加强政策解读\n围绕重大政策开展解读。\n局办公室牵头，各科室配合\n长期坚持\n"
      "2\n做好政策咨询\n畅通咨询渠道。\n局政务服务科\n2022年6月底前\n";
  for (const char* text : {with_blanks, without_blanks}) {
    Document d = doc_of(text);
    REQUIRE(d.tasks.size() == 2);
    CHECK(path_of(d.tasks[0]) == "1");
    CHECK(d.tasks[0].title == "加强政策解读");
    CHECK(d.tasks[0].units.lead == std::vector<std::string>{"局办公室"});
    CHECK(d.tasks[1].text == "畅通咨询渠道。");
    REQUIRE(d.tasks[1].deadlines.size() == 1);
    CHECK(d.tasks[1].deadlines[0].kind == DeadlineKind::By);
  }
}

TEST_CASE("header words name column roles") {
  UnitRole role = UnitRole::Responsible;
  CHECK(header_role("工作任务") == ColumnRole::Name);
  CHECK(header_role("具体要求") == ColumnRole::Requirement);
  CHECK(header_role("落实单位(部门)", &role) == ColumnRole::Units);
  CHECK(header_role("牵头单位", &role) == ColumnRole::Units);
  CHECK(role == UnitRole::Lead);
  CHECK(header_role("配合单位", &role) == ColumnRole::Units);
  CHECK(role == UnitRole::Support);
  CHECK(header_role("完成时限") == ColumnRole::Deadline);
  CHECK(header_role("时间节点") == ColumnRole::Deadline);
  CHECK(header_role("序号") == ColumnRole::Number);
  CHECK(header_role("分管领导") == ColumnRole::Person);
  CHECK(header_role("备注") == ColumnRole::Other);
  CHECK(header_role("主责部门") == ColumnRole::Units);
  CHECK(header_role("推进时限") == ColumnRole::Deadline);
  CHECK(header_role("重点工作任务") == ColumnRole::Name);
  CHECK(header_role("任务内容") == ColumnRole::Requirement);
  CHECK(header_role("主要举措") == ColumnRole::Requirement);
}

TEST_CASE("runs: which lines form which kind of table") {
  std::vector<std::string> lines = {"标题", "a | b | c", "d | e | f", "", "\t甲", "\t乙", "", "x\ty\tz", "u\tv\tw", "正文"};
  auto runs = find_runs(lines, Folding{});
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].kind == RunKind::PipeRows);
  CHECK(runs[0].first == 1);
  CHECK(runs[0].last == 2);
  CHECK(runs[1].kind == RunKind::TabCells);
  CHECK(runs[2].kind == RunKind::TabRows);
  CHECK(runs[2].last == 8);
}
