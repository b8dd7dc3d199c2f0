// Internal stage behind plancli/parse.h: layout + frame → sections and tasks.
#pragma once

#include "layout.h"
#include "meta.h"
#include "normalize.h"
#include "plancli/document.h"

namespace plancli {

// Builds doc.sections and doc.tasks (with units and deadlines) from the plan
// blocks of `layout`, per the contract's "What is a task". Uses doc.meta.year
// for deadline dates; appends numbering diagnostics to doc.diagnostics.
void assemble(const Layout& layout, const Frame& frame, const Folding& folding, Document& doc);

}  // namespace plancli
