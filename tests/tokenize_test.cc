// Typed tokens by ICU character properties.
#include <catch2/catch.hpp>

#include "tokenize.h"

using namespace plancli;

TEST_CASE("a numbered line splits into typed tokens with offsets") {
  auto toks = tokenize("(十二)加强队伍建设,年内组织1次培训。");
  std::vector<TokenType> types;
  for (auto& t : toks) types.push_back(t.type);
  std::vector<TokenType> want = {TokenType::Open, TokenType::Numeral, TokenType::Close, TokenType::Cjk,
                                 TokenType::ListPunct, TokenType::Cjk, TokenType::Number, TokenType::Cjk,
                                 TokenType::SentPunct};
  CHECK(types == want);
  CHECK(toks[1].text == "十二");
  CHECK(toks[3].begin == std::string("(十二)").size());
}

TEST_CASE("brackets of every width, separators, circled numbers") {
  for (std::string open : {"(", "〔", "【", "《", "“"}) CHECK(tokenize(open)[0].type == TokenType::Open);
  for (std::string close : {")", "〕", "】", "》", "”"}) CHECK(tokenize(close)[0].type == TokenType::Close);
  CHECK(tokenize("\t")[0].type == TokenType::Separator);
  CHECK(tokenize("|")[0].type == TokenType::Separator);
  CHECK(tokenize("③")[0].type == TokenType::Circled);
  CHECK(tokenize("、")[0].type == TokenType::ListPunct);
  CHECK(tokenize("．")[0].type == TokenType::Dot);
}

TEST_CASE("Chinese numerals, with 〇 十 百 两") {
  CHECK(chinese_numeral_value("一") == 1);
  CHECK(chinese_numeral_value("十") == 10);
  CHECK(chinese_numeral_value("十四") == 14);
  CHECK(chinese_numeral_value("二十") == 20);
  CHECK(chinese_numeral_value("二十三") == 23);
  CHECK(chinese_numeral_value("一百零五") == 105);
  CHECK(chinese_numeral_value("两") == 2);
  CHECK(chinese_numeral_value("〇") == 0);
  CHECK(chinese_numeral_value("甲") == -1);
  CHECK(tokenize("二〇二一")[0].type == TokenType::Numeral);
}
