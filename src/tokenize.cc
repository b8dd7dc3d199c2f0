// Splits a line into typed tokens using ICU character properties, for the
// numbering recognizer and the rule sets. Tested by tests/tokenize_test.cc.
//
// Hard cases: 〇 and 两 are numerals; ① is its own type; full-width
// brackets arrive folded to ASCII but 〔 【 《 stay and are brackets too.
#include "tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "normalize.h"

namespace plancli {

bool is_chinese_numeral(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八':
    case U'九': case U'十': case U'百': case U'千': case U'〇': case U'零': case U'两':
      return true;
    default:
      return false;
  }
}

int chinese_numeral_value(std::string_view s) {
  static const std::u32string kDigits = U"〇一二三四五六七八九";
  int total = 0, current = 0;
  bool any = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = next_cp(s, i);
    any = true;
    if (c == U'零') { current = 0; continue; }
    if (c == U'两') { current = 2; continue; }
    size_t d = kDigits.find(c);
    if (d != std::u32string::npos) { current = static_cast<int>(d); continue; }
    int unit = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
    if (!unit) return -1;
    total += (current ? current : 1) * unit;
    current = 0;
  }
  return any ? total + current : -1;
}

static TokenType classify(char32_t c) {
  if (c == '\t' || c == '|') return TokenType::Separator;
  if (is_space_cp(c)) return TokenType::Space;
  if (c >= '0' && c <= '9') return TokenType::Number;
  if (c >= 0x2460 && c <= 0x2473) return TokenType::Circled;
  if (is_chinese_numeral(c)) return TokenType::Numeral;
  // the CJK Unified Ideographs block is all Han letters: no ICU look-up
  if (c >= 0x4E00 && c <= 0x9FFF) return TokenType::Cjk;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return TokenType::Other;
  if (c == '.' || c == 0xFF0E) return TokenType::Dot;
  if (c == 0x3001 || c == ',' || c == 0xFF0C) return TokenType::ListPunct;
  if (c == 0x3002 || c == ';' || c == ':' || c == 0xFF1B || c == 0xFF1A || c == '!' || c == '?' ||
      c == 0xFF01 || c == 0xFF1F)
    return TokenType::SentPunct;
  int8_t cat = u_charType(static_cast<UChar32>(c));
  if (cat == U_START_PUNCTUATION || cat == U_INITIAL_PUNCTUATION) return TokenType::Open;
  if (cat == U_END_PUNCTUATION || cat == U_FINAL_PUNCTUATION) return TokenType::Close;
  UErrorCode err = U_ZERO_ERROR;
  if (uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_HAN) return TokenType::Cjk;
  return TokenType::Other;
}

static bool joins(TokenType t) {
  return t == TokenType::Cjk || t == TokenType::Number || t == TokenType::Numeral ||
         t == TokenType::Space || t == TokenType::Other;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  tokenize_into(s, out);
  return out;
}

void tokenize_into(std::string_view s, std::vector<Token>& out) {
  out.clear();
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    TokenType t = classify(next_cp(s, i));
    if (joins(t)) {
      while (i < s.size()) {
        size_t k = i;
        if (classify(next_cp(s, k)) != t) break;
        i = k;
      }
    }
    out.push_back({t, start, i, s.substr(start, i - start)});
  }
}

}  // namespace plancli
