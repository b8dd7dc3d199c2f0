// Printers: the contract's JSON, NDJSON records, RFC 4180 CSV, TSV, Markdown, the terminal table.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <iterator>

#include "plancli/emit.h"
#include "plancli/parse.h"

using namespace plancli;

namespace {

Document sample() {
  Document d;
  d.source.path = "notice.txt";
  d.source.encoding = "UTF-8";
  d.meta.title = "江门市卫生健康局2021年政务公开工作要点分工方案";
  d.meta.year = 2021;
  Task t;
  t.id = "T1";
  t.path = {"七", "15"};
  t.title = "切实增强回应关切效果";
  t.text = "认真做好政务舆情(政务新媒体后台留言)和“省长留言信箱”\"12345\",热线\n办理工作。";
  t.units.lead = {"局宣教科", "办公室"};
  t.units.support = {"各科室"};
  t.deadlines = {{"每月至少更新2条", DeadlineKind::Recurring, std::nullopt, "month"},
                 {"2021年12月30日前", DeadlineKind::By, "2021-12-30", ""}};
  t.line = 19;
  d.tasks.push_back(t);
  return d;
}

}  // namespace

TEST_CASE("json: the contract's fields, in its order") {
  auto j = to_json(sample());
  CHECK(j["plancli"] == 1);
  CHECK(j["meta"]["date"].is_null());
  CHECK(j["meta"]["year"] == 2021);
  auto& t = j["tasks"][0];
  CHECK(t["units"]["lead"] == nlohmann::ordered_json::array({"局宣教科", "办公室"}));
  CHECK(t["deadlines"][0]["kind"] == "recurring");
  CHECK(t["deadlines"][0]["every"] == "month");
  CHECK(t["deadlines"][1].contains("every") == false);
  std::vector<std::string> keys;
  for (auto& [k, v] : t.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"id", "path", "title", "text", "units", "deadlines", "line"});
}

TEST_CASE("json and ndjson are valid JSON laid out as nlohmann lays out the same data, for every seed") {
  for (const char* seed : {"000_0568e64cad98038c", "001_78747d025de2c341", "002_fd6c197cfa85b248",
                           "003_c51c94b057090dae", "004_d0b04d23b1f4c58e"}) {
    INFO(seed);
    std::ifstream in(std::string(PLANCLI_TESTDATA) + "/seeds/" + seed + ".txt", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    Document d = parse(bytes).doc;
    std::string json = emit(d, Format::Json);
    CHECK(nlohmann::ordered_json::parse(json).dump(2) == json);
    std::string nd = emit(d, Format::Ndjson);
    size_t lines = 0;
    for (size_t start = 0, end; (end = nd.find('\n', start)) != std::string::npos; start = end + 1, ++lines) {
      std::string line = nd.substr(start, end - start);
      CHECK(nlohmann::ordered_json::parse(line).dump() == line);
    }
    CHECK(lines == d.tasks.size());
  }
  Document s = sample();
  s.tasks[0].text = std::string("tab\tquote\"back\\slash\x01ctl");
  std::string json = emit(s, Format::Json);
  CHECK(nlohmann::ordered_json::parse(json)["tasks"][0]["text"] == s.tasks[0].text);
  CHECK(nlohmann::ordered_json::parse(json).dump(2) == json);
}

TEST_CASE("ndjson: one line per task with doc and meta copied in") {
  std::string out = emit(sample(), Format::Ndjson);
  REQUIRE(std::count(out.begin(), out.end(), '\n') == 1);
  auto j = nlohmann::json::parse(out);
  CHECK(j["doc"] == "notice.txt");
  CHECK(j["meta"]["year"] == 2021);
  CHECK(j["id"] == "T1");
  CHECK(j["line"] == 19);
}

TEST_CASE("csv: RFC 4180 quoting, lists joined with ；") {
  CHECK(emit_header(Format::Csv) == "doc,id,path,title,text,lead,support,responsible,deadline,deadline_kind,line\r\n");
  std::string row = emit(sample(), Format::Csv);
  CHECK(row ==
        "notice.txt,T1,七/15,切实增强回应关切效果,"
        "\"认真做好政务舆情(政务新媒体后台留言)和“省长留言信箱”\"\"12345\"\",热线\n办理工作。\","
        "局宣教科；办公室,各科室,,每月至少更新2条；2021-12-30,recurring；by,19\r\n");
}

TEST_CASE("tsv and md keep one record per line") {
  std::string tsv = emit(sample(), Format::Tsv);
  CHECK(std::count(tsv.begin(), tsv.end(), '\n') == 1);
  CHECK(std::count(tsv.begin(), tsv.end(), '\t') == 10);
  std::string md = emit(sample(), Format::Md);
  CHECK(md.find("<br>") != std::string::npos);
  CHECK(md.rfind("| notice.txt | T1 | 七/15 |", 0) == 0);
}

TEST_CASE("table: CJK text wrapped by display width, colour only when asked") {
  EmitOptions o;
  o.width = 80;
  std::string plain = emit(sample(), Format::Table, o);
  CHECK(plain.find("\x1b[") == std::string::npos);
  CHECK(plain.find("局宣教科(牵头)") != std::string::npos);
  o.color = true;
  CHECK(emit(sample(), Format::Table, o).find("\x1b[1m") != std::string::npos);
  // every row line fits the width (a CJK character takes two columns)
  o.color = false;
  for (int width : {80, 100, 120, 160}) {
    o.width = width;
    std::string table = emit(sample(), Format::Table, o);
    size_t lines = 0, start = table.find('\n') + 1;  // after the title line
    for (size_t end; (end = table.find('\n', start)) != std::string::npos; start = end + 1, ++lines) {
      std::string_view line(table.data() + start, end - start);
      int columns = 0;
      for (size_t i = 0; i < line.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(line[i]);
        if (b < 0x80) columns += 1;
        else if (b == 0xE2) columns += 1;  // “ ” (East Asian ambiguous: one column, as the table counts it)
        else if (b >= 0xE3) columns += 2;  // the sample's CJK characters and full-width punctuation
      }
      INFO(width << ": " << line);
      CHECK(columns <= width);
    }
    CHECK(lines > 2);
  }
}

TEST_CASE("table: no wrapped line starts with closing punctuation") {
  Document d = sample();
  d.tasks[0].text = "做好政策解读、回应关切、舆情处置、平台建设、信息发布、公开目录、年度报告、依申请公开等工作。"
                    "完善机制（规范流程）、健全制度，强化监督。";
  d.tasks[0].units.responsible = {"市发展改革委", "市财政局", "市教育局", "市公安局", "市民政局"};
  EmitOptions o;
  for (int width = 60; width <= 160; ++width) {  // breaks at every place in the text
    o.width = width;
    std::string table = emit(d, Format::Table, o);
    for (size_t start = table.find('\n') + 1, end; (end = table.find('\n', start)) != std::string::npos;
         start = end + 1) {
      std::string line = table.substr(start, end - start);
      for (size_t at = 0; at < line.size();) {  // each cell of the row line
        size_t bar = line.find(" | ", at);
        std::string cell = line.substr(at, bar == std::string::npos ? std::string::npos : bar - at);
        size_t first = cell.find_first_not_of(' ');
        if (first != std::string::npos) {
          INFO(width << ": [" << cell << "]");
          for (const char* mark : {"、", "。", "，", "）", "；"}) CHECK(cell.compare(first, strlen(mark), mark) != 0);
        }
        if (bar == std::string::npos) break;
        at = bar + 3;
      }
    }
  }
}

TEST_CASE("an error record stands in for a failed input") {
  CHECK(emit_error("bad.txt", "binary input", Format::Ndjson) == "{\"doc\":\"bad.txt\",\"error\":\"binary input\"}\n");
}
