// Turns CliArgs into a ParsePlan: inputs expanded, format resolved.
#include "cli/args.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace plancli::cli {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> read_list(const std::string& from, std::string* error) {
  std::string data;
  if (from == "-") {
    data.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(from, std::ios::binary);
    if (!in) {
      *error = "cannot read --files-from " + from;
      return {};
    }
    data.assign(std::istreambuf_iterator<char>(in), {});
  }
  char sep = data.find('\0') != std::string::npos ? '\0' : '\n';
  std::vector<std::string> out;
  size_t start = 0;
  while (start < data.size()) {
    size_t end = data.find(sep, start);
    if (end == std::string::npos) end = data.size();
    std::string item = data.substr(start, end - start);
    if (sep == '\n' && !item.empty() && item.back() == '\r') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

bool is_document_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".csv" || ext == ".tsv" || ext == "";
}

// The document files under `dir`, named from `root` for --out-dir; a
// directory that cannot be read becomes an input with its error, so that no
// part of the tree is left out without a word. Symbolic links to
// directories are not followed (no cycles).
void walk(const fs::path& root, const fs::path& dir, std::vector<Input>& found) {
  auto unreadable = [&](const std::error_code& ec) {
    found.push_back({dir.string(), {}, "cannot read the directory: " + ec.message()});
  };
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return unreadable(ec);
  std::vector<fs::path> subdirs;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return unreadable(ec);
    std::error_code entry_ec;
    const fs::path& p = it->path();
    if (it->is_directory(entry_ec)) {
      if (!it->is_symlink(entry_ec)) subdirs.push_back(p);
    } else if (it->is_regular_file(entry_ec) && is_document_file(p)) {
      found.push_back({p.string(), p.lexically_relative(root).string(), {}});
    }
  }
  for (const auto& sub : subdirs) walk(root, sub, found);
}

}  // namespace

std::string encoding_error(const CliArgs& a) {
  if (a.encoding.empty() || known_encoding(a.encoding)) return "";
  return "unknown encoding '" + a.encoding + "' (an ICU converter name: GB18030, GBK, Big5, UTF-16LE, …)";
}

ParsePlan to_parse_plan(const CliArgs& a) {
  ParsePlan plan;
  auto fmt = format_from_name(a.format);
  if (!fmt) {
    plan.error = "unknown format '" + a.format + "' (json, ndjson, csv, tsv, table, md)";
    return plan;
  }
  plan.format = *fmt;
  plan.options.encoding = a.encoding;
  plan.options.stats = a.stats;
  std::vector<std::string> names = a.inputs;
  if (!a.files_from.empty()) {
    auto more = read_list(a.files_from, &plan.error);
    if (!plan.error.empty()) return plan;
    names.insert(names.end(), more.begin(), more.end());
  }
  if (names.empty() && a.files_from.empty()) {
    names.push_back("-");
    plan.stdin_implied = true;
  }
  for (const auto& n : names) {
    std::error_code ec;
    if (n != "-" && fs::is_directory(n, ec)) {
      if (!a.recursive) {
        plan.inputs.push_back({n, {}, {}});  // reported as an error for that input
        continue;
      }
      std::vector<Input> found;
      walk(n, n, found);
      std::sort(found.begin(), found.end(), [](const Input& x, const Input& y) { return x.path < y.path; });
      for (auto& f : found) plan.inputs.push_back(std::move(f));
      continue;
    }
    plan.inputs.push_back({n, {}, {}});
  }
  if (!a.output.empty() && !a.out_dir.empty()) plan.error = "give -o or --out-dir, not both";
  if (plan.error.empty()) plan.error = encoding_error(a);
  return plan;
}

}  // namespace plancli::cli
