// Internal stage behind plancli/parse.h: numbering markers, levels, sequence checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plancli/document.h"

namespace plancli {

struct Text;

// Marker families, told apart by shape; a document assigns them levels in
// order of first appearance (infer_levels).
enum class MarkerFamily {
  Chapter,      // 第一章 第一部分 第一节
  Article,      // 第一条
  CnComma,      // 一、
  CnParen,      // （一） (一) 〔一〕
  ArabicDot,    // 1. 1、 １．
  ArabicParen,  // (1) （1）
  ArabicHalf,   // 1)
  Circled,      // ①
};

struct Marker {
  MarkerFamily family;
  int value = 0;         // 1 for 一 / (1) / ①
  std::string number;    // as written, without trailing 、 . ． and spaces
  size_t key_end = 0;    // key bytes the marker takes, trailing punctuation and spaces included
};

// Reads a marker at the start of a folded line. `t` gives the raw spelling.
std::optional<Marker> read_marker(const Text& t);

// One to three ASCII digits: an item number (1, 12, 120) or a 序号 cell;
// a longer run is a year or a figure.
inline bool is_item_number(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Markers that head a section rather than number an item in a list:
// 一、 （一） 第一章. (1. (1) ① number items.)
inline bool is_heading_family(MarkerFamily f) {
  return f == MarkerFamily::CnComma || f == MarkerFamily::CnParen || f == MarkerFamily::Chapter;
}

// Levels by first appearance: the first family seen is level 1, and so on.
struct LevelMap {
  std::vector<MarkerFamily> order;
  int level_of(MarkerFamily f);  // assigns the next level to a new family
};

// Appends numbering-gap / numbering-repeat / numbering-order diagnostics for
// one list of sibling markers (values in document order).
struct SiblingMarker {
  int value;
  std::string number;
  int line;
};
// `first` is the number the list should start at (1, or one past the list
// before it when a document counts on across sections).
void check_sequence(const std::vector<SiblingMarker>& siblings, std::vector<Diagnostic>& out, int first = 1);

}  // namespace plancli
