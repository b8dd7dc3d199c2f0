// The front door: parse(bytes, options) runs each stage once, in order.
// Tested end to end by tests/parse_test.cc and tests/accuracy.py.
#include "plancli/parse.h"

#include <chrono>

#include "assemble.h"
#include "decode.h"
#include "layout.h"
#include "meta.h"
#include "normalize.h"
#include "segment.h"
#include "sha256.h"

namespace plancli {
namespace {

// Times one stage when asked to; otherwise just runs it.
template <typename F>
auto timed(ParseResult& r, bool on, const char* stage, F&& f) {
  auto start = std::chrono::steady_clock::now();
  auto finish = [&] {
    if (on)
      r.stats.push_back({stage, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()});
  };
  if constexpr (std::is_void_v<decltype(f())>) {
    f();
    finish();
  } else {
    auto v = f();
    finish();
    return v;
  }
}

// Each line's text moves into its folded Text (lines[i].raw): one copy of
// the document's lines, not two.
std::vector<Text> fold_lines(Layout& layout, const Folding& folding) {
  std::vector<Text> lines(layout.blocks.size());
  for (size_t i = 0; i < layout.blocks.size(); ++i)
    if (layout.blocks[i].kind == Block::Kind::Line) lines[i] = fold_owned(std::move(layout.blocks[i].text), folding);
  return lines;
}

}  // namespace

const char* to_string(UnitRole role) {
  switch (role) {
    case UnitRole::Lead: return "lead";
    case UnitRole::Support: return "support";
    case UnitRole::Responsible: return "responsible";
  }
  return "responsible";
}

const char* to_string(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::By: return "by";
    case DeadlineKind::On: return "on";
    case DeadlineKind::Within: return "within";
    case DeadlineKind::Ongoing: return "ongoing";
    case DeadlineKind::AsRequired: return "as_required";
    case DeadlineKind::Recurring: return "recurring";
  }
  return "by";
}

namespace {

// `owned`, when given, is the buffer behind `bytes`: decoding takes it over.
ParseResult run(std::string_view bytes, std::string* owned, const ParseOptions& options) {
  ParseResult r;
  bool st = options.stats;
  Document& doc = r.doc;
  doc.source.path = options.path;
  doc.source.sha256 = timed(r, st, "sha256", [&] { return sha256_hex(bytes); });
  // bytes → UTF-8 text
  Decoded dec = timed(r, st, "decode", [&] {
    return owned ? decode_owned(std::move(*owned), options.encoding) : decode(bytes, options.encoding);
  });
  bytes = {};  // with `owned`, the buffer now belongs to the decoded text
  if (!dec.error.empty()) {
    r.error = dec.error;
    return r;
  }
  doc.source.encoding = dec.encoding;
  doc.diagnostics = std::move(dec.diagnostics);
  // whether the document has traditional characters to fold for matching
  Folding folding = timed(r, st, "normalize", [&] { return make_folding(dec.text); });
  // lines → lines and rebuilt tables
  Layout layout = timed(r, st, "segment", [&] { return segment(split_lines(dec.text), folding); });
  std::string().swap(dec.text);  // the blocks hold the text from here on
  // each line's matching key, folded once
  std::vector<Text> lines = timed(r, st, "fold", [&] { return fold_lines(layout, folding); });
  // title, issuer, dates, 文号, 索引号; where the plan starts and ends
  Frame frame;
  doc.meta = timed(r, st, "meta", [&] { return read_meta(layout, lines, folding, &frame); });
  // sections and tasks, with units and deadlines
  timed(r, st, "assemble", [&] { assemble(layout, lines, frame, folding, doc); });
  return r;
}

}  // namespace

ParseResult parse(std::string_view bytes, const ParseOptions& options) { return run(bytes, nullptr, options); }

ParseResult parse_buffer(std::string&& bytes, const ParseOptions& options) {
  std::string_view view = bytes;
  return run(view, &bytes, options);
}

}  // namespace plancli
