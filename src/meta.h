// Internal stage behind plancli/parse.h: title, issuer, date, 文号, 索引号, plan year;
// where the plan starts (after a covering notice) and ends (before a signature).
#pragma once

#include <string_view>
#include <vector>

#include "layout.h"
#include "normalize.h"
#include "plancli/document.h"

namespace plancli {

// Where the plan sits among the layout's blocks.
struct Frame {
  size_t plan_begin = 0;  // first block of the plan (after a 关于印发…的通知 and its signature)
  size_t plan_end = 0;    // one past the last block (a closing signature is outside)
  bool notice = false;    // a covering notice stands in front
};

// `lines[i]` is the folded text of layout.blocks[i] (empty for tables).
Meta read_meta(const Layout& layout, const std::vector<Text>& lines, const Folding& folding, Frame* frame);

// Page furniture and notice parts that are never tasks: 索引号 / 发布时间 /
// 浏览次数 / 【字体】 / 公开方式 / 附件： lines, an addressee line (各县、市、区人民政府,…:).
bool is_furniture(std::string_view key);

}  // namespace plancli
