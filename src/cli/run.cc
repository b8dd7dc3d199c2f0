// The batch driver: reads inputs, parses them on -j workers, writes results
// in input order, turns every failure into an error record and an exit code.
// No extraction logic lives here. Tested by tests/e2e.py.
#include "cli/run.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "cli/exit_status.h"

namespace plancli::cli {
namespace fs = std::filesystem;

namespace {

struct Outcome {
  std::string path;
  std::optional<Document> doc;
  std::string text;  // the document in the output format, made on the worker
  std::vector<StageTime> stats;
  std::string error;
};

// Reads the whole of fd: sized by fstat for a regular file, in chunks for a
// pipe. (std::istreambuf_iterator spent 40 instructions a byte.) `known` is
// fd's fstat when the caller has it already.
bool read_fd(int fd, std::string& data, const struct stat* known = nullptr) {
  struct stat st {};
  size_t have = 0;
  data.clear();
  bool have_stat = known ? (st = *known, true) : fstat(fd, &st) == 0;
  if (have_stat && S_ISREG(st.st_mode) && st.st_size > 0) data.resize(static_cast<size_t>(st.st_size) + 1);
  for (;;) {
    if (have == data.size()) data.resize(std::max<size_t>(data.size() * 2, 65536));
    ssize_t n = ::read(fd, data.data() + have, data.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  data.resize(have);
  return true;
}

bool read_file(const std::string& path, std::string& data, std::string& error) {
  static const char* kDirectory = "is a directory (use -r to convert the files in it)";
  // open, then one fstat says both "a directory" and the size to read
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int open_errno = errno;
    std::error_code ec;
    if (fs::is_directory(path, ec)) error = kDirectory;  // one that may not be opened
    else if (open_errno == ENOENT) error = "no such file";
    else if (open_errno == EACCES) error = "cannot be read (permission denied)";
    else error = std::strerror(open_errno);
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = kDirectory;
    return false;
  }
  bool ok = read_fd(fd, data, &st);
  int read_errno = errno;
  ::close(fd);
  if (!ok) {
    error = std::string("read error: ") + std::strerror(read_errno);
    return false;
  }
  return true;
}

Outcome convert(const Input& input, const std::string* stdin_data, const ParseOptions& base) {
  Outcome o;
  o.path = input.path;
  std::string data;
  if (input.path == "-") {
    data = stdin_data ? *stdin_data : std::string();
  } else if (!read_file(input.path, data, o.error)) {
    return o;
  }
  ParseOptions opts = base;
  opts.path = input.path == "-" ? "<stdin>" : input.path;
  try {
    ParseResult r = parse_buffer(std::move(data), opts);
    if (!r.ok()) {
      o.error = r.error;
      return o;
    }
    o.stats = std::move(r.stats);
    o.doc = std::move(r.doc);
  } catch (const std::exception& e) {  // a bug, reported as this input's failure
    o.error = std::string("internal error: ") + e.what();
  }
  return o;
}

// Writes to a stream; remembers a closed pipe so the batch can end quietly.
class Sink {
 public:
  explicit Sink(std::FILE* f) : f_(f) {}
  bool write(std::string_view s) {
    if (broken_) return false;
    if (!s.empty() && std::fwrite(s.data(), 1, s.size(), f_) != s.size()) broken_ = true;
    return !broken_;
  }
  bool flush() {
    if (!broken_ && std::fflush(f_) != 0) broken_ = true;
    return !broken_;
  }
  bool broken() const { return broken_; }

 private:
  std::FILE* f_;
  bool broken_ = false;
};

// Writes `data` to `path` through a temporary file and a rename, so an
// interrupted run never leaves a half-written output.
bool write_atomic(const fs::path& path, const std::string& data, std::string& error) {
  fs::path tmp = path;
  tmp += fmt::format(".tmp{}", ::getpid());
  {
    // the message names the output asked for, not the temporary file beside it
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = fmt::format("cannot write {}: {}", path.string(), errno ? std::strerror(errno) : "cannot open");
      return false;
    }
    out << data;
    out.flush();
    if (!out) {
      error = fmt::format("cannot write {}: {}", path.string(), errno ? std::strerror(errno) : "write failed");
      out.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    error = "cannot rename to " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

std::string extension(Format f) {
  switch (f) {
    case Format::Json: return ".json";
    case Format::Ndjson: return ".ndjson";
    case Format::Csv: return ".csv";
    case Format::Tsv: return ".tsv";
    case Format::Table: return ".txt";
    case Format::Md: return ".md";
  }
  return ".out";
}

// Runs `work(i)` for i in [0, n) on `jobs` threads and hands each result to
// `ready(i, result)` in index order, as soon as it and all before it are done.
template <typename R, typename Work, typename Ready>
void ordered_parallel(size_t n, int jobs, Work work, Ready ready) {
  if (jobs <= 1 || n <= 1) {  // one at a time: no thread, no hand-over per input
    for (size_t i = 0; i < n; ++i) ready(i, work(i));
    return;
  }
  // jobs - 1 threads work; the calling thread writes results in order and,
  // while the next one is not ready, takes inputs itself instead of waiting
  // (jobs threads in all, no idle writer competing for a core)
  std::vector<std::optional<R>> results(n);
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  auto run_one = [&](size_t i) {
    R r = work(i);
    std::lock_guard<std::mutex> lock(mu);
    results[i] = std::move(r);
    cv.notify_all();
  };
  auto worker = [&] {
    for (size_t i; (i = next++) < n;) run_one(i);
  };
  std::vector<std::thread> threads;
  int t = std::max(1, std::min<int>(jobs - 1, static_cast<int>(n) - 1));
  for (int k = 0; k < t; ++k) threads.emplace_back(worker);
  for (size_t w = 0; w < n; ++w) {
    std::unique_lock<std::mutex> lock(mu);
    while (!results[w].has_value()) {
      if (size_t i = next++; i < n) {
        lock.unlock();
        run_one(i);
        lock.lock();
      } else {
        cv.wait(lock, [&] { return results[w].has_value(); });
      }
    }
    R r = std::move(*results[w]);
    results[w].reset();
    lock.unlock();
    ready(w, std::move(r));
  }
  for (auto& th : threads) th.join();
}

// With --out-dir: where each input's output goes. An input whose output an
// earlier input already takes gets that as its error (no output is written
// over another: nothing is lost without a word); an input that fails anyway
// (an unreadable directory) takes no output name from a real one.
std::vector<fs::path> plan_outputs(std::vector<Input>& inputs, const fs::path& dir, Format format) {
  std::vector<fs::path> paths(inputs.size());
  std::unordered_map<std::string, size_t> taken;  // output → the input that writes it
  for (size_t i = 0; i < inputs.size(); ++i) {
    Input& in = inputs[i];
    if (!in.error.empty()) continue;
    fs::path name = in.path == "-" ? fs::path("stdin")
                    : in.out_name.empty() ? fs::path(in.path).filename()
                                          : fs::path(in.out_name);
    name.replace_extension(extension(format));
    paths[i] = dir / name;
    auto [at, fresh] = taken.emplace(paths[i].lexically_normal().string(), i);
    if (!fresh)
      in.error = fmt::format("output {} is already that of {} (rename one, or convert their directory "
                             "with -r, which keeps its tree)",
                             paths[i].string(), inputs[at->second].path);
  }
  return paths;
}

// The table's width: the terminal's when stdout is one, else $COLUMNS, else 120.
int table_width() {
  struct winsize ws {};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0) return std::atoi(columns);
  return 120;
}

int default_jobs(int jobs) {
  if (jobs > 0) return jobs;
  unsigned hc = std::thread::hardware_concurrency();
  return hc ? static_cast<int>(hc) : 1;
}

// The progress line on a terminal's stderr: redrawn at most ten times a
// second (a redraw per file made a batch of small files half again as slow
// on a terminal), and always for the last file.
class ProgressBar {
 public:
  explicit ProgressBar(size_t total) : total_(total) {}
  void update(size_t done, int failed, bool now_anyway = false) {
    auto now = std::chrono::steady_clock::now();
    if (!now_anyway && done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    fmt::print(stderr, "\r[{}/{}] {}%{}\x1b[K", done, total_, done * 100 / total_,
               failed ? fmt::format(", {} failed", failed) : std::string());
  }
  void clear() { fmt::print(stderr, "\r\x1b[K"); }

 private:
  size_t total_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

void print_stats(const Outcome& o) {
  std::string line = fmt::format("plancli: stats {}:", o.path);
  double total = 0;
  for (const auto& s : o.stats) {
    line += fmt::format(" {} {:.3f}ms", s.stage, s.ms);
    total += s.ms;
  }
  fmt::print(stderr, "{} total {:.3f}ms\n", line, total);
}

}  // namespace

int run_parse(const CliArgs& args) {
  ParsePlan plan = to_parse_plan(args);
  // `plancli parse` alone at a prompt would wait for a document to be typed
  if (plan.error.empty() && plan.stdin_implied && isatty(STDIN_FILENO))
    plan.error = "no input: give files or directories (-r), --files-from LIST, or - to read standard input";
  if (!plan.error.empty()) {
    fmt::print(stderr, "plancli: {}\n", plan.error);
    return kExitUsage;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::optional<std::string> stdin_data;
  for (const auto& in : plan.inputs)
    if (in.path == "-" && !stdin_data) { stdin_data.emplace(); read_fd(0, *stdin_data); }
  if (!args.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    if (ec) {
      fmt::print(stderr, "plancli: cannot create --out-dir {}: {}\n", args.out_dir, ec.message());
      return kExitUsage;
    }
  }
  EmitOptions eopts;
  eopts.color = plan.format == Format::Table && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  if (plan.format == Format::Table) eopts.width = table_width();
  bool progress = !args.quiet && isatty(STDERR_FILENO) && plan.inputs.size() >= 20;
  bool to_file = !args.output.empty();
  std::string file_buf;
  Sink out(stdout);
  auto put = [&](std::string_view s) { return to_file ? (file_buf.append(s), true) : out.write(s); };

  const size_t n = plan.inputs.size();
  bool json_array = plan.format == Format::Json && n > 1 && args.out_dir.empty();
  std::string header = emit_header(plan.format);
  if (args.bom && (plan.format == Format::Csv || plan.format == Format::Tsv)) header = "\xEF\xBB\xBF" + header;
  if (args.out_dir.empty()) {
    put(header);
    if (json_array) put("[\n");
  }
  std::vector<fs::path> outputs;  // with --out-dir, each input's
  if (!args.out_dir.empty()) outputs = plan_outputs(plan.inputs, args.out_dir, plan.format);
  int failed = 0;
  size_t done = 0, written = 0;
  ProgressBar bar(n);
  // the reader of stdout went away (| head): the inputs not yet converted are
  // left, as nothing can be written for them
  std::atomic<bool> reader_gone{false};
  ordered_parallel<Outcome>(
      n, default_jobs(args.jobs),
      [&](size_t i) {
        if (reader_gone) return Outcome{};
        if (!plan.inputs[i].error.empty()) {  // fails before it is read: an unreadable directory, an output clash
          Outcome o;
          o.path = plan.inputs[i].path;
          o.error = plan.inputs[i].error;
          return o;
        }
        Outcome o = convert(plan.inputs[i], stdin_data ? &*stdin_data : nullptr, plan.options);
        if (o.doc) {  // format on the worker too: the writer thread only writes
          o.text = emit(*o.doc, plan.format, eopts);
          o.doc->tasks = {};  // freed: only the text is written (clear() would keep the capacity)
          o.doc->sections = {};
        }
        return o;
      },
      [&](size_t i, Outcome o) {
        if (out.broken()) reader_gone = true;
        if (reader_gone) return;
        ++done;
        if (args.stats && o.doc) print_stats(o);
        if (!o.doc) {
          ++failed;
          // the message takes the progress line's place; the line is drawn again below it
          fmt::print(stderr, "{}plancli: {}: {}\n", progress ? "\r\x1b[K" : "", o.path, o.error);
          if (progress) bar.update(done, failed, true);
          if (plan.format == Format::Ndjson && args.out_dir.empty()) put(emit_error(o.path, o.error, plan.format));
          if (json_array) put(std::string(written++ ? ",\n" : "") + emit_error(o.path, o.error, plan.format));
          return;
        }
        if (progress) bar.update(done, failed);
        std::string& text = o.text;
        if (!args.out_dir.empty()) {
          const fs::path& target = outputs[i];
          std::string err;
          std::string body = header + text + (plan.format == Format::Json ? "\n" : "");
          std::error_code ec;
          if (!plan.inputs[i].out_name.empty()) fs::create_directories(target.parent_path(), ec);
          if (ec) {
            ++failed;
            fmt::print(stderr, "plancli: {}: cannot create {}: {}\n", o.path, target.parent_path().string(), ec.message());
          } else if (!write_atomic(target, body, err)) {
            ++failed;
            fmt::print(stderr, "plancli: {}: {}\n", o.path, err);
          }
          return;
        }
        // the separator goes out on its own: the text is not copied to join it
        if (json_array && written++) put(",\n");
        put(text);
        if (!json_array && plan.format == Format::Json) put("\n");
      });
  if (progress) bar.clear();
  if (json_array) put("\n]\n");
  if (to_file) {
    std::string err;
    if (!write_atomic(args.output, file_buf, err)) {
      fmt::print(stderr, "plancli: {}\n", err);
      return kExitSomeFailed;
    }
  }
  out.flush();
  return failed ? kExitSomeFailed : kExitOk;
}

int run_records(const CliArgs& args) {
  if (std::string error = encoding_error(args); !error.empty()) {
    fmt::print(stderr, "plancli: {}\n", error);
    return kExitUsage;
  }
  std::signal(SIGPIPE, SIG_IGN);
  Sink out(stdout);
  ParseOptions base;
  base.encoding = args.encoding;
  int jobs = default_jobs(args.jobs);
  const size_t window = 256 * static_cast<size_t>(jobs);
  int failed = 0;
  std::string line;
  bool eof = false;
  size_t line_no = 0;
  while (!eof && !out.broken()) {
    std::vector<std::pair<size_t, std::string>> batch;
    while (batch.size() < window) {
      if (!std::getline(std::cin, line)) {
        eof = true;
        break;
      }
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      batch.push_back({line_no, line});
    }
    ordered_parallel<std::string>(
        batch.size(), jobs,
        [&](size_t i) -> std::string {
          using ojson = nlohmann::ordered_json;
          ojson rec;
          ojson id = nullptr;
          try {
            rec = ojson::parse(batch[i].second);
            // the id first: an error record answers to it too
            if (rec.is_object() && rec.contains("id")) id = rec["id"];
            if (!rec.is_object() || !rec.contains("text") || !rec["text"].is_string())
              throw std::runtime_error("a record needs a string field \"text\"");
            ParseOptions opts = base;
            opts.path = id.is_string() ? id.get<std::string>()
                        : id.is_null() ? fmt::format("<record at line {}>", batch[i].first)
                                       : id.dump();
            ParseResult r = parse_buffer(rec["text"].get<std::string>(), opts);
            if (!r.ok()) throw std::runtime_error(r.error);
            return ojson{{"id", id}, {"doc", to_json(r.doc)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
          } catch (const nlohmann::json::exception& e) {
            // "[json.exception.parse_error.101] parse error at …": the reader's own words, less its tag
            std::string_view what = e.what();
            if (size_t tag = what.find("] "); what.starts_with("[json.exception.") && tag != what.npos)
              what.remove_prefix(tag + 2);
            std::string msg = fmt::format("line {}: not a JSON record: {}", batch[i].first, what);
            return "\x01" + ojson{{"id", id}, {"error", msg}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
          } catch (const std::exception& e) {
            std::string msg = fmt::format("line {}: {}", batch[i].first, e.what());
            return "\x01" + ojson{{"id", id}, {"error", msg}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
          }
        },
        [&](size_t, std::string s) {
          if (!s.empty() && s[0] == '\x01') {
            ++failed;
            s.erase(0, 1);
          }
          out.write(s);
        });
  }
  out.flush();
  return failed ? kExitSomeFailed : kExitOk;
}

}  // namespace plancli::cli
