// Internal stage behind plancli/parse.h: deadline phrases → Deadline{kind, date}.
#pragma once

#include <optional>
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

}  // namespace plancli
