// libFuzzer target for the whole pipeline: any bytes in, never a crash.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DPLANCLI_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_parse
//   mkdir -p /tmp/fuzz-parse   (libFuzzer writes new inputs into the first
//   directory it is given: never a directory of the repository)
//   build-fuzz/fuzz_parse -max_total_time=60 /tmp/fuzz-parse testdata/seeds testdata/corpus
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plancli/emit.h"
#include "plancli/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  plancli::ParseResult r = plancli::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.ok()) (void)plancli::emit(r.doc, plancli::Format::Csv);
  return 0;
}
