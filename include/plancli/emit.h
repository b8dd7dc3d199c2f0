// Printers: a finished Document → json / ndjson / csv / tsv / table / md.
// Printers never parse; they know no rule.
//
//   std::cout << plancli::emit(doc, plancli::Format::Json);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plancli/document.h"

namespace plancli {

enum class Format { Json, Ndjson, Csv, Tsv, Table, Md };

// "json", "ndjson", "csv", "tsv", "table", "md"; nullopt otherwise.
std::optional<Format> format_from_name(std::string_view name);

struct EmitOptions {
  bool color = false;  // table: ANSI colour (the CLI sets it only on a TTY without NO_COLOR)
  int width = 120;     // table: terminal width in columns
};

// The contract's document object.
nlohmann::ordered_json to_json(const Document& doc);
// One task object with `doc` and `meta` copied in (ndjson).
nlohmann::ordered_json task_record(const Document& doc, const Task& task);

// The header line(s) a format prints once before all documents (csv, tsv, md); may be empty.
std::string emit_header(Format format);
// One document in `format`: a JSON object (no trailing newline), NDJSON task
// lines, CSV/TSV/Markdown rows, or a terminal table.
std::string emit(const Document& doc, Format format, const EmitOptions& options = {});
// The record that stands in for an input that failed: {"doc": …, "error": …} in ndjson.
std::string emit_error(std::string_view path, std::string_view error, Format format);

}  // namespace plancli
