// SHA-256 (FIPS 180-4) for source.sha256, so a user can tie an output to the
// exact bytes it came from. OpenSSL's libcrypto does it with the CPU's SHA
// instructions where there are some (SHA-NI, ARMv8): about ten times fewer
// cycles than the portable C++ this file held, which was 8% of a parse.
// Tested by tests/decode_test.cc against the FIPS test vectors.
#include "sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace plancli {

std::string sha256_hex(std::string_view data) {
  // fetched once: an implicit fetch on every call costs a provider lookup
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!md || !EVP_Digest(data.data(), data.size(), digest, &len, md, nullptr)) return {};
  static const char kHex[] = "0123456789abcdef";
  std::string hex(2 * len, '0');
  for (unsigned int i = 0; i < len; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace plancli
