// Internal, behind plancli/parse.h: SHA-256 of the input bytes for source.sha256.
#pragma once

#include <string>
#include <string_view>

namespace plancli {

// Lower-case hex digest (FIPS 180-4).
std::string sha256_hex(std::string_view data);
// The same; `portable` skips the CPU's SHA instructions (for tests).
std::string sha256_hex(std::string_view data, bool portable);

}  // namespace plancli
