// Internal stage behind plancli/parse.h: one line → typed tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace plancli {

enum class TokenType {
  Cjk,         // a run of Han characters (not numerals)
  Number,      // a run of ASCII digits (after folding)
  Numeral,     // a run of Chinese numerals: 一二三…十百〇零两
  Circled,     // ① … ⑳
  Open,        // ( 〔 【 《 “ and every other opening bracket
  Close,       // ) 〕 】 》 ” …
  ListPunct,   // 、 , ，
  SentPunct,   // 。 ; ； : ： ! ?
  Dot,         // . ．(a numbering or decimal dot)
  Separator,   // tab or |
  Space,
  Other,       // latin letters, symbols
};

struct Token {
  TokenType type;
  size_t begin;  // byte offsets into the tokenized string
  size_t end;
  std::string_view text;
};

// Splits by ICU character properties; adjacent characters of one type form
// one token, except brackets and punctuation, which are one token each.
std::vector<Token> tokenize(std::string_view s);
// The same into `out` (cleared first), so a caller that tokenizes every line
// can keep one buffer.
void tokenize_into(std::string_view s, std::vector<Token>& out);

bool is_chinese_numeral(char32_t c);
// 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; -1 if not a numeral.
int chinese_numeral_value(std::string_view s);

}  // namespace plancli
