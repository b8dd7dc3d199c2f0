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
// `lines[i]` is the folded text of layout.blocks[i] (empty for tables).
void assemble(const Layout& layout, const std::vector<Text>& lines, const Frame& frame, const Folding& folding,
              Document& doc);

}  // namespace plancli
