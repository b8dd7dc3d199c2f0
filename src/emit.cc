// Printers for a finished Document. Tested by tests/emit_test.cc and
// tests/e2e.py (CSV read back with Python's csv module, NDJSON line by line,
// JSON against docs/schema.json).
//
// Hard cases: CSV fields with quotes, commas and line breaks (RFC 4180);
// CJK text in the terminal table wrapped by display width, not bytes.
#include "plancli/emit.h"

#include <unicode/uchar.h>

#include <fmt/format.h>

#include "normalize.h"

namespace plancli {
namespace {

using ojson = nlohmann::ordered_json;

ojson opt(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }

ojson units_json(const Units& u) {
  return ojson{{"lead", u.lead}, {"support", u.support}, {"responsible", u.responsible}};
}

ojson deadline_json(const Deadline& d) {
  ojson j{{"text", d.text}, {"kind", to_string(d.kind)}, {"date", opt(d.date)}};
  if (d.kind == DeadlineKind::Recurring) j["every"] = d.every;
  return j;
}

ojson meta_json(const Meta& m) {
  return ojson{{"title", opt(m.title)},
               {"issuer", opt(m.issuer)},
               {"date", opt(m.date)},
               {"year", m.year ? ojson(*m.year) : ojson(nullptr)},
               {"doc_number", opt(m.doc_number)},
               {"index_number", opt(m.index_number)}};
}

ojson section_json(const Section& s) {
  ojson kids = ojson::array();
  for (const auto& c : s.sections) kids.push_back(section_json(c));
  return ojson{{"number", s.number}, {"level", s.level}, {"title", s.title}, {"line", s.line}, {"sections", kids}};
}

ojson task_json(const Task& t) {
  ojson deadlines = ojson::array();
  for (const auto& d : t.deadlines) deadlines.push_back(deadline_json(d));
  ojson j{{"id", t.id},
          {"path", t.path},
          {"title", opt(t.title)},
          {"text", t.text},
          {"units", units_json(t.units)},
          {"deadlines", deadlines},
          {"line", t.line}};
  if (!t.source_ref.empty()) j["source_ref"] = t.source_ref;
  return j;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
  return out;
}

std::string deadline_texts(const Task& t) {
  std::vector<std::string> v;
  for (const auto& d : t.deadlines) v.push_back(d.date ? *d.date : d.text);
  return join(v, "；");
}

std::string deadline_kinds(const Task& t) {
  std::vector<std::string> v;
  for (const auto& d : t.deadlines) v.push_back(to_string(d.kind));
  return join(v, "；");
}

const char* const kColumns[] = {"doc", "id", "path", "title", "text", "lead", "support",
                                "responsible", "deadline", "deadline_kind", "line"};

std::vector<std::string> task_row(const Document& doc, const Task& t) {
  return {doc.source.path, t.id, join(t.path, "/"), t.title.value_or(""), t.text,
          join(t.units.lead, "；"), join(t.units.support, "；"), join(t.units.responsible, "；"),
          deadline_texts(t), deadline_kinds(t), std::to_string(t.line)};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string tsv_field(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string md_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

int display_width(char32_t c) {
  int w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

// Splits s into lines of at most `width` display columns.
std::vector<std::string> wrap(const std::string& s, int width) {
  std::vector<std::string> lines(1);
  int used = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = next_cp(s, i);
    int w = display_width(c);
    if (used + w > width && used > 0) {
      lines.emplace_back();
      used = 0;
    }
    lines.back().append(s, start, i - start);
    used += w;
  }
  return lines;
}

std::string pad(const std::string& s, int width) {
  int used = 0;
  for (size_t i = 0; i < s.size();) used += display_width(next_cp(s, i));
  return s + std::string(std::max(0, width - used), ' ');
}

std::string table(const Document& doc, const EmitOptions& o) {
  // id | path | task | units | deadline
  int w_id = 5, w_path = 10, w_units = 24, w_dead = 16;
  int w_task = std::max(20, o.width - w_id - w_path - w_units - w_dead - 4 * 3);
  std::string out;
  auto bold = [&](const std::string& s) { return o.color ? "\x1b[1m" + s + "\x1b[0m" : s; };
  std::string title = doc.meta.title.value_or(doc.source.path);
  out += bold(title) + "\n";
  out += pad("id", w_id) + " | " + pad("path", w_path) + " | " + pad("task", w_task) + " | " +
         pad("units", w_units) + " | " + pad("deadline", w_dead) + "\n";
  for (const auto& t : doc.tasks) {
    std::string task = t.title ? *t.title + "：" + t.text : t.text;
    std::vector<std::string> units;
    for (const auto& u : t.units.lead) units.push_back(u + "(牵头)");
    for (const auto& u : t.units.support) units.push_back(u + "(配合)");
    for (const auto& u : t.units.responsible) units.push_back(u);
    auto c1 = wrap(t.id, w_id), c2 = wrap(join(t.path, "/"), w_path), c3 = wrap(task, w_task),
         c4 = wrap(join(units, "、"), w_units), c5 = wrap(deadline_texts(t), w_dead);
    size_t n = std::max({c1.size(), c2.size(), c3.size(), c4.size(), c5.size()});
    for (size_t i = 0; i < n; ++i) {
      auto at = [&](const std::vector<std::string>& c) { return i < c.size() ? c[i] : std::string(); };
      out += pad(at(c1), w_id) + " | " + pad(at(c2), w_path) + " | " + pad(at(c3), w_task) + " | " +
             pad(at(c4), w_units) + " | " + pad(at(c5), w_dead) + "\n";
    }
  }
  return out;
}

}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "json") return Format::Json;
  if (name == "ndjson" || name == "jsonl") return Format::Ndjson;
  if (name == "csv") return Format::Csv;
  if (name == "tsv") return Format::Tsv;
  if (name == "table") return Format::Table;
  if (name == "md" || name == "markdown") return Format::Md;
  return std::nullopt;
}

ojson to_json(const Document& doc) {
  ojson sections = ojson::array(), tasks = ojson::array(), diags = ojson::array();
  for (const auto& s : doc.sections) sections.push_back(section_json(s));
  for (const auto& t : doc.tasks) tasks.push_back(task_json(t));
  for (const auto& d : doc.diagnostics)
    diags.push_back(ojson{{"level", d.level}, {"code", d.code}, {"line", d.line}, {"message", d.message}});
  return ojson{{"plancli", 1},
               {"source", ojson{{"path", doc.source.path}, {"format", doc.source.format},
                                {"encoding", doc.source.encoding}, {"sha256", doc.source.sha256}}},
               {"meta", meta_json(doc.meta)},
               {"sections", sections},
               {"tasks", tasks},
               {"diagnostics", diags}};
}

ojson task_record(const Document& doc, const Task& task) {
  ojson j{{"doc", doc.source.path}, {"meta", meta_json(doc.meta)}};
  ojson fields = task_json(task);
  for (auto& [k, v] : fields.items()) j[k] = v;
  return j;
}

std::string emit_header(Format format) {
  std::vector<std::string> cols(std::begin(kColumns), std::end(kColumns));
  switch (format) {
    case Format::Csv: return join(cols, ",") + "\r\n";
    case Format::Tsv: return join(cols, "\t") + "\n";
    case Format::Md: {
      std::string rule;
      for (size_t i = 0; i < cols.size(); ++i) rule += "|---";
      return "| " + join(cols, " | ") + " |\n" + rule + "|\n";
    }
    default: return "";
  }
}

std::string emit(const Document& doc, Format format, const EmitOptions& options) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  std::string out;
  switch (format) {
    case Format::Json: return to_json(doc).dump(2, ' ', false, kReplace);
    case Format::Ndjson: {
      // {"doc":…,"meta":…, then the task's own fields: the head is the same for every task
      ojson head{{"doc", doc.source.path}, {"meta", meta_json(doc.meta)}};
      std::string prefix = head.dump(-1, ' ', false, kReplace);
      prefix.pop_back();  // the closing }
      for (const auto& t : doc.tasks) {
        std::string body = task_json(t).dump(-1, ' ', false, kReplace);
        out += prefix + "," + body.substr(1) + "\n";
      }
      return out;
    }
    case Format::Csv:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(csv_field(f));
        out += join(row, ",") + "\r\n";
      }
      return out;
    case Format::Tsv:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(tsv_field(f));
        out += join(row, "\t") + "\n";
      }
      return out;
    case Format::Md:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(md_field(f));
        out += "| " + join(row, " | ") + " |\n";
      }
      return out;
    case Format::Table: return table(doc, options);
  }
  return out;
}

std::string emit_error(std::string_view path, std::string_view error, Format format) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  ojson j{{"doc", path}, {"error", error}};
  if (format == Format::Ndjson) return j.dump(-1, ' ', false, kReplace) + "\n";
  if (format == Format::Json) return j.dump(2, ' ', false, kReplace);
  return "";
}

}  // namespace plancli
