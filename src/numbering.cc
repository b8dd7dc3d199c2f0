// Recognizes numbering markers (一、 （一） 1. (1) ① 第一章 …) and assigns
// levels by family in order of first appearance, so a document that starts at
// （一）, skips a level, or numbers （一）…（十四） straight across its 一、
// sections still nests. Tested by tests/numbering_test.cc.
//
// Hard cases: "6.2%" and "2021.5" are no markers (a digit follows the dot);
// "2021年" is none; "16. 建立" has a space after the dot; "一是" is none.
#include "numbering.h"

#include <fmt/format.h>

#include "normalize.h"
#include "tokenize.h"

namespace plancli {
namespace {

// Skips spaces (already gone from keys) and returns the byte after the marker.
size_t after_marker(const std::vector<Token>& toks, size_t k) {
  return k < toks.size() ? toks[k].begin : (toks.empty() ? 0 : toks.back().end);
}

std::string written(const Text& t, size_t key_end) {
  std::string s = squeeze(t.slice(0, key_end));
  // drop trailing 、 . ． and spaces
  while (!s.empty()) {
    if (s.back() == '.' || s.back() == ' ') { s.pop_back(); continue; }
    if (s.size() >= 3 && (s.compare(s.size() - 3, 3, "、") == 0 || s.compare(s.size() - 3, 3, "．") == 0)) {
      s.resize(s.size() - 3);
      continue;
    }
    break;
  }
  return s;
}

}  // namespace

std::optional<Marker> read_marker(const Text& t) {
  std::string_view key = t.key;
  if (key.empty()) return std::nullopt;
  // Every marker below starts with 第, ( or 〔, a circled number, a Chinese
  // numeral or a digit: any other first character is no marker, and most
  // lines and cells are turned away here without being tokenized.
  size_t first_end = 0;
  char32_t first = next_cp(key, first_end);
  if (!(first == U'第' || first == '(' || first == 0x3014 || (first >= 0x2460 && first <= 0x2473) ||
        (first >= '0' && first <= '9') || is_chinese_numeral(first)))
    return std::nullopt;
  // Only the first few tokens matter.
  // one buffer per thread: this runs on every line and every cell
  thread_local std::vector<Token> toks;
  tokenize_into(key.substr(0, std::min<size_t>(key.size(), 40)), toks);
  if (toks.empty()) return std::nullopt;
  Marker m;
  size_t k = 0;
  auto is = [&](size_t i, TokenType ty) { return i < toks.size() && toks[i].type == ty; };
  auto text_is = [&](size_t i, std::string_view s) { return i < toks.size() && toks[i].text == s; };
  auto finish = [&](MarkerFamily f, int value, size_t next) -> std::optional<Marker> {
    if (value <= 0) return std::nullopt;
    m.family = f;
    m.value = value;
    m.key_end = after_marker(toks, next);
    // a marker alone on a line, or followed by text
    m.number = written(t, m.key_end);
    return m;
  };
  // 第一章 / 第一部分 / 第一条 / 第一节
  if (toks[0].type == TokenType::Cjk && toks[0].text == "第" && is(1, TokenType::Numeral) &&
      is(2, TokenType::Cjk)) {
    std::string_view unit = toks[2].text;
    int v = chinese_numeral_value(toks[1].text);
    MarkerFamily f = MarkerFamily::Chapter;
    size_t cut = 0;
    if (unit.substr(0, 3) == "条") { f = MarkerFamily::Article; cut = 3; }
    else if (unit.substr(0, 3) == "章" || unit.substr(0, 3) == "节") cut = 3;
    else if (unit.substr(0, 6) == "部分") cut = 6;
    if (!cut) return std::nullopt;
    m.family = f;
    m.value = v;
    m.key_end = toks[2].begin + cut;
    if (m.key_end < key.size() && (key[m.key_end] == ' ' )) ++m.key_end;
    if (key.substr(m.key_end, 3) == "、" ) m.key_end += 3;
    m.number = written(t, m.key_end);
    if (v <= 0) return std::nullopt;
    return m;
  }
  // （一） (1) 〔一〕
  if (toks[0].type == TokenType::Open && (toks[0].text == "(" || toks[0].text == "〔") &&
      (is(1, TokenType::Numeral) || is(1, TokenType::Number)) && is(2, TokenType::Close)) {
    bool cn = toks[1].type == TokenType::Numeral;
    if (!cn && !is_item_number(toks[1].text)) return std::nullopt;
    int v = cn ? chinese_numeral_value(toks[1].text) : std::stoi(std::string(toks[1].text));
    k = 3;
    if (is(k, TokenType::ListPunct) && text_is(k, "、")) ++k;
    else if (is(k, TokenType::Dot)) ++k;
    if (is(k, TokenType::Space)) ++k;
    return finish(cn ? MarkerFamily::CnParen : MarkerFamily::ArabicParen, v, k);
  }
  if (toks[0].type == TokenType::Circled) {
    size_t i = 0;
    char32_t c = next_cp(toks[0].text, i);
    k = 1;
    if (is(k, TokenType::ListPunct) && text_is(k, "、")) ++k;
    else if (is(k, TokenType::Dot)) ++k;
    if (is(k, TokenType::Space)) ++k;
    return finish(MarkerFamily::Circled, static_cast<int>(c - 0x2460 + 1), k);
  }
  // 一、
  if (toks[0].type == TokenType::Numeral &&
      ((is(1, TokenType::ListPunct) && text_is(1, "、")) || (is(1, TokenType::Dot) && !is(2, TokenType::Numeral)))) {
    k = 2;
    if (is(k, TokenType::Space)) ++k;
    return finish(MarkerFamily::CnComma, chinese_numeral_value(toks[0].text), k);
  }
  // 1. 1、 1)
  if (toks[0].type == TokenType::Number && is_item_number(toks[0].text)) {
    int v = std::stoi(std::string(toks[0].text));
    // "20.2021年11月20日前完成…": a year may follow the dot, a decimal digit may not
    bool year_next = is(2, TokenType::Number) && toks[2].text.size() == 4 && toks.size() > 3 &&
                     toks[3].text.substr(0, 3) == "年";
    if ((is(1, TokenType::Dot) && (!is(2, TokenType::Number) || year_next)) ||
        (is(1, TokenType::ListPunct) && text_is(1, "、"))) {
      k = 2;
      if (is(k, TokenType::Space)) ++k;
      return finish(MarkerFamily::ArabicDot, v, k);
    }
    if (is(1, TokenType::Close) && text_is(1, ")")) {
      k = 2;
      if (is(k, TokenType::Space)) ++k;
      return finish(MarkerFamily::ArabicHalf, v, k);
    }
  }
  return std::nullopt;
}

int LevelMap::level_of(MarkerFamily f) {
  for (size_t i = 0; i < order.size(); ++i)
    if (order[i] == f) return static_cast<int>(i) + 1;
  order.push_back(f);
  return static_cast<int>(order.size());
}

namespace {

std::string chinese_numeral(int v) {
  static const char* kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (v < 10) return kDigits[v];
  if (v < 20) return std::string("十") + (v % 10 ? kDigits[v % 10] : "");
  if (v < 100) return std::string(kDigits[v / 10]) + "十" + (v % 10 ? kDigits[v % 10] : "");
  return std::to_string(v);
}

// The marker `number` rewritten with another value in the same style:
// （一） → （二）, 12 → 13, ① → ②.
std::string renumber(const std::string& number, int value) {
  size_t i = 0, b = std::string::npos, e = 0;
  bool cn = false;
  while (i < number.size()) {
    size_t at = i;
    char32_t c = next_cp(number, i);
    bool digit = c >= '0' && c <= '9', numeral = is_chinese_numeral(c);
    if ((digit || numeral) && (b == std::string::npos || e == at)) {
      if (b == std::string::npos) b = at;
      e = i;
      cn = numeral;
    } else if (b != std::string::npos) {
      break;
    }
  }
  if (b == std::string::npos) {
    size_t k = 0;
    char32_t c = next_cp(number, k);
    if (c >= 0x2460 && c <= 0x2473 && value >= 1 && value <= 20) {
      std::string out;
      append_cp(out, 0x2460 + value - 1);
      return out;
    }
    return std::to_string(value);
  }
  return number.substr(0, b) + (cn ? chinese_numeral(value) : std::to_string(value)) + number.substr(e);
}

}  // namespace

void check_sequence(const std::vector<SiblingMarker>& sib, std::vector<Diagnostic>& out, int first) {
  for (size_t i = 0; i < sib.size(); ++i) {
    int expected = i == 0 ? first : sib[i - 1].value + 1;
    const SiblingMarker& s = sib[i];
    if (s.value == expected) continue;
    if (i > 0 && s.value == sib[i - 1].value) {
      out.push_back({"warning", "numbering-repeat", s.line,
                     fmt::format("{} repeats the number before it", s.number)});
    } else if (i > 0 && s.value < expected) {
      out.push_back({"warning", "numbering-order", s.line,
                     fmt::format("{} comes after {}", s.number, sib[i - 1].number)});
    } else if (s.value > expected) {
      std::string missing;
      int count = s.value - expected;
      if (count <= 3) {
        for (int v = expected; v < s.value; ++v) missing += (missing.empty() ? "" : "、") + renumber(s.number, v);
      } else {
        missing = fmt::format("{} numbers", count);
      }
      out.push_back({"warning", "numbering-gap", s.line,
                     i == 0 ? fmt::format("numbering starts at {}", s.number)
                            : fmt::format("{} missing between {} and {}", missing, sib[i - 1].number, s.number)});
    }
  }
}

}  // namespace plancli
