// The one list of exit codes; documented under EXIT STATUS in --help and the README.
#pragma once

namespace plancli::cli {

enum ExitStatus : int {
  kExitOk = 0,          // every input converted (diff: no differences)
  kExitSomeFailed = 1,  // at least one input failed, the others were converted (diff: differences)
  kExitUsage = 2,       // bad arguments or options (diff: trouble)
};

}  // namespace plancli::cli
