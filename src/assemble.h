// Internal stage behind plancli/parse.h: layout + frame → sections and tasks.
#pragma once

#include <vector>

#include "layout.h"
#include "meta.h"
#include "normalize.h"
#include "plancli/document.h"

namespace plancli {

// Builds doc.sections and doc.tasks (with units and deadlines) from the plan
// blocks of `layout`, per the contract's "What is a task". Uses doc.meta.year
// for deadline dates; appends numbering diagnostics to doc.diagnostics.
// `lines[i]` is the folded text of layout.blocks[i] (empty for tables); it
// is consumed: each line is released once the tasks it can feed are made,
// so a long plan is not held whole next to its tasks.
void assemble(const Layout& layout, std::vector<Text>& lines, const Frame& frame, const Folding& folding,
              Document& doc);

}  // namespace plancli
