// Internal stage behind plancli/parse.h: deadline phrases → Deadline{kind, date}.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "normalize.h"
#include "plancli/document.h"

namespace plancli {

enum class DeadlineMode {
  Prose,  // running text: a date is `by` only when stated as a limit, else `on`
  Cell,   // a deadline cell or labelled line: every bare date or period is `by`
};

// Finds the deadlines of one text in order. A year left out is `plan_year`
// (a date stays null when that is unknown). Impossible dates (2月30日) keep
// their kind, get a null date and a diagnostic at `line`.
std::vector<Deadline> find_deadlines(const Text& t, DeadlineMode mode, std::optional<int> plan_year,
                                     std::vector<Diagnostic>* diagnostics = nullptr, int line = 0);

// The date grammar behind find_deadlines, exposed for its tests. A date or
// period read at key[pos]: its byte length (0 if none) and its parts as
// written, each empty when absent.
struct DateMatch {
  size_t len = 0;
  std::string_view rel, year, month, day, month_part, part, quarter, quarter_part;
};
DateMatch match_date(std::string_view key, size_t pos);
// YYYY至YYYY年 at key[pos]: its length (0 if none), the second year in *to.
size_t match_year_range(std::string_view key, size_t pos, std::string_view* to);
// The first position at or after pos where a date may start (npos if none).
size_t next_date_start(std::string_view key, size_t pos);

// The other rule families' phrases, each the leftmost match at or after pos
// (b is npos when there is none); tests/deadlines_test.cc holds each as the
// regex it was first written as.
struct RuleMatch {
  size_t b = std::string_view::npos, e = 0;
  std::string_view period;  // recurring: 年 年度 季度 月 周 星期
};
RuleMatch match_recurring(std::string_view key, size_t pos);
RuleMatch match_within(std::string_view key, size_t pos);
RuleMatch match_sync(std::string_view key, size_t pos);
RuleMatch match_ongoing(std::string_view key, size_t pos);
RuleMatch match_required(std::string_view key, size_t pos);
// The count after a period, anchored at pos (至少1次, 更新2条): its end, or 0.
size_t match_count(std::string_view key, size_t pos);

}  // namespace plancli
