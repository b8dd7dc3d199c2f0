// Printers: the contract's JSON, NDJSON records, RFC 4180 CSV, TSV, Markdown, the terminal table.
#include <catch2/catch.hpp>

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
}

TEST_CASE("an error record stands in for a failed input") {
  CHECK(emit_error("bad.txt", "binary input", Format::Ndjson) == "{\"doc\":\"bad.txt\",\"error\":\"binary input\"}\n");
}
