#!/usr/bin/env python3
"""End-to-end tests of the real plancli binary: formats, batches, bad input,
exit codes, the records mode, and testdata/e2e/<case>/ expected outputs.

Usage: e2e.py --plancli BIN --testdata DIR
Prints one line per check and closes with 'N passed, N failed'.
"""
import argparse, csv, io, json, os, re, shutil, stat, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok or not detail else f"\n     {detail}"))


def run(args, stdin=None, cwd=None, env=None):
    r = subprocess.run([BIN] + args, input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120)
    return r.returncode, r.stdout, r.stderr


# A small JSON Schema validator for the keywords docs/schema.json uses.
def validate(inst, schema, root, path="$"):
    errors = []
    if "$ref" in schema:
        ref = schema["$ref"].split("/")[-1]
        return validate(inst, root["$defs"][ref], root, path)
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        pytypes = {"object": dict, "array": list, "string": str, "integer": int, "null": type(None)}
        if not any(isinstance(inst, pytypes[t]) and not (t == "integer" and isinstance(inst, bool)) for t in types):
            return [f"{path}: {inst!r} is not {types}"]
    if "const" in schema and inst != schema["const"]:
        errors.append(f"{path}: not {schema['const']!r}")
    if "enum" in schema and inst not in schema["enum"]:
        errors.append(f"{path}: {inst!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(inst, str) and not re.search(schema["pattern"], inst):
        errors.append(f"{path}: {inst!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(inst, int) and inst < schema["minimum"]:
        errors.append(f"{path}: below minimum")
    if isinstance(inst, dict):
        for k in schema.get("required", []):
            if k not in inst:
                errors.append(f"{path}: missing {k}")
        for k, sub in schema.get("properties", {}).items():
            if k in inst:
                errors += validate(inst[k], sub, root, f"{path}.{k}")
    if isinstance(inst, list) and "items" in schema:
        for i, x in enumerate(inst):
            errors += validate(x, schema["items"], root, f"{path}[{i}]")
    return errors


def seeds():
    d = os.path.join(TESTDATA, "seeds")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))


def test_schema():
    code, out, _ = run(["schema"])
    schema = json.loads(out)
    with open(os.path.join(ROOT, "docs", "schema.json"), encoding="utf-8") as f:
        check("docs/schema.json is what `plancli schema` prints", json.load(f) == schema)
    for s in seeds() + [os.path.join(TESTDATA, "corpus", f"d0{i}.txt") for i in range(1, 6)]:
        code, out, err = run(["parse", s])
        doc = json.loads(out)
        errs = validate(doc, schema, schema)
        check(f"json of {os.path.basename(s)} is valid against the schema", code == 0 and not errs, "; ".join(errs[:3]))


def test_formats():
    files = seeds()
    code, out, _ = run(["parse", "-f", "json"] + files)
    docs = json.loads(out)
    check("several inputs give a JSON array in input order",
          code == 0 and isinstance(docs, list) and [d["source"]["path"] for d in docs] == files)
    ntasks = sum(len(d["tasks"]) for d in docs)
    code, out, _ = run(["parse", "-f", "ndjson"] + files)
    lines = out.decode("utf-8").splitlines()
    recs = [json.loads(l) for l in lines]
    check("ndjson: one valid JSON task per line with doc and meta", code == 0 and len(recs) == ntasks and
          all("doc" in r and "meta" in r and "units" in r for r in recs))
    code, out, _ = run(["parse", "-f", "csv"] + files)
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    want = ["doc", "id", "path", "title", "text", "lead", "support", "responsible", "deadline", "deadline_kind", "line"]
    check("csv: the contract's columns, one row per task, read back by a CSV parser",
          code == 0 and rows[0] == want and len(rows) == ntasks + 1 and all(len(r) == len(want) for r in rows))
    t004 = [d for d in docs if d["source"]["path"].endswith("004_d0b04d23b1f4c58e.txt")][0]["tasks"]
    r15 = [r for r in rows if r[1] == "T15" and r[0].endswith("004_d0b04d23b1f4c58e.txt")][0]
    check("csv: unit lists joined with ；, path with /", r15[5] == "；".join(t004[14]["units"]["lead"]) and r15[2] == "七/15")
    code, out, _ = run(["parse", "-f", "csv", "--bom", files[0]])
    check("csv --bom starts with a UTF-8 BOM", out.startswith(b"\xef\xbb\xbf"))
    code, out, _ = run(["parse", "-f", "tsv", files[0]])
    check("tsv: a header and tab-separated rows", code == 0 and out.decode().splitlines()[0].split("\t") == want)
    code, out, _ = run(["parse", "-f", "md", files[0]])
    check("md: a Markdown table", code == 0 and out.decode().startswith("| doc | id |") and "|---|" in out.decode())
    env = dict(os.environ, NO_COLOR="1")
    r = subprocess.run([BIN, "parse", "-f", "table", files[4]], capture_output=True, env=env)
    check("table: readable, no colour when not a TTY", r.returncode == 0 and b"\x1b[" not in r.stdout and "局政法科".encode() in r.stdout)


def test_batch_errors():
    tmp = tempfile.mkdtemp(prefix="plancli-e2e-")
    try:
        good = seeds()[4]
        binary = os.path.join(tmp, "binary.txt")
        with open(binary, "wb") as f:
            f.write(bytes(range(256)) * 8)
        truncated = os.path.join(tmp, "truncated.txt")
        with open(good, "rb") as f:
            data = f.read()
        with open(truncated, "wb") as f:
            f.write(data[:1001])  # cut inside a character
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "w").close()
        missing = os.path.join(tmp, "missing.txt")
        inputs = [good, binary, truncated, empty, missing, tmp]
        code, out, err = run(["parse", "-f", "ndjson"] + inputs)
        lines = [json.loads(l) for l in out.decode().splitlines()]
        errors = [l for l in lines if "error" in l]
        check("a batch with bad inputs exits 1", code == 1)
        check("every bad input gets an error record in ndjson",
              sorted(e["doc"] for e in errors) == sorted([binary, missing, tmp]), str(errors))
        check("the good, the truncated and the empty inputs are still converted",
              any(l.get("doc") == good for l in lines) and any(l.get("doc") == truncated for l in lines))
        msgs = err.decode().splitlines()
        check("each failure is one line on stderr naming the file",
              all(any(m.startswith(f"plancli: {p}: ") for m in msgs) for p in (binary, missing, tmp)), err.decode())
        code, out, err = run(["parse", truncated])
        doc = json.loads(out)
        check("a cut UTF-8 file parses with an invalid-bytes diagnostic",
              code == 0 and any(d["code"] == "invalid-bytes" for d in doc["diagnostics"]))
        code, out, err = run(["parse", empty])
        check("an empty file gives a document with no tasks and a diagnostic",
              code == 0 and json.loads(out)["tasks"] == [] and json.loads(out)["diagnostics"][0]["code"] == "empty-input")
        code, out, err = run(["parse", "-f", "json", good, binary])
        arr = json.loads(out)
        check("a JSON batch holds an error object in place of a failed input",
              code == 1 and len(arr) == 2 and arr[1] == {"doc": binary, "error": arr[1]["error"]})
    finally:
        shutil.rmtree(tmp)


def test_outputs_and_order():
    tmp = tempfile.mkdtemp(prefix="plancli-e2e-")
    try:
        files = seeds()
        target = os.path.join(tmp, "all.ndjson")
        code, _, _ = run(["parse", "-f", "ndjson", "-o", target] + files)
        code2, direct, _ = run(["parse", "-f", "ndjson"] + files)
        with open(target, "rb") as f:
            check("-o writes the same bytes as stdout, and no temporary file is left",
                  code == 0 and f.read() == direct and os.listdir(tmp) == ["all.ndjson"])
        nowhere = os.path.join(tmp, "missing", "all.json")
        code, _, err = run(["parse", "-o", nowhere, files[0]])
        check("-o into a missing directory: exit 1, one line naming the output and the reason",
              code == 1 and err.decode() == f"plancli: cannot write {nowhere}: No such file or directory\n", err)
        outdir = os.path.join(tmp, "out")
        code, _, _ = run(["parse", "--out-dir", outdir] + files)
        names = sorted(os.listdir(outdir))
        check("--out-dir writes one output per input with the same base name",
              code == 0 and names == sorted(os.path.basename(f)[:-4] + ".json" for f in files))
        # two files of one name in two directories: -r keeps the tree; named
        # directly, the second would overwrite the first, so it fails instead
        for sub, f in (("a", files[0]), ("b", files[1])):
            os.makedirs(os.path.join(tmp, "same", sub))
            shutil.copy(f, os.path.join(tmp, "same", sub, "plan.txt"))
        mirrored = os.path.join(tmp, "mirrored")
        code, _, _ = run(["parse", "--out-dir", mirrored, "-r", os.path.join(tmp, "same")])
        outs = {}
        for sub in ("a", "b"):
            with open(os.path.join(mirrored, sub, "plan.json"), encoding="utf-8") as fh:
                outs[sub] = json.load(fh)["source"]["path"]
        check("--out-dir with -r keeps the directory tree",
              code == 0 and outs == {s: os.path.join(tmp, "same", s, "plan.txt") for s in ("a", "b")})
        flat = os.path.join(tmp, "flat")
        first, second = (os.path.join(tmp, "same", s, "plan.txt") for s in ("a", "b"))
        code, _, err = run(["parse", "--out-dir", flat, first, second])
        with open(os.path.join(flat, "plan.json"), encoding="utf-8") as fh:
            kept = json.load(fh)["source"]["path"]
        check("--out-dir: an input whose output another already takes fails, and nothing is overwritten",
              code == 1 and kept == first and os.listdir(flat) == ["plan.json"] and
              err.decode().count("\n") == 1 and second in err.decode() and first in err.decode())
        many = files * 8
        _, one, _ = run(["parse", "-f", "ndjson", "-j", "1"] + many)
        _, four, _ = run(["parse", "-f", "ndjson", "-j", "4"] + many)
        check("output order follows input order whatever -j", one == four and len(one) > 0)
        lst = os.path.join(tmp, "list")
        with open(lst, "wb") as f:
            f.write(b"\0".join(x.encode() for x in files))
        _, via_list, _ = run(["parse", "-f", "ndjson", "--files-from", lst])
        check("--files-from reads a NUL-separated list", via_list == direct)
        d = os.path.join(tmp, "tree", "sub")
        os.makedirs(d)
        for f in files[:2]:
            shutil.copy(f, d)
        code, out, _ = run(["parse", "-f", "ndjson", "-r", os.path.join(tmp, "tree")])
        check("-r converts the files in a directory", code == 0 and len(out.splitlines()) > 10)
        with open(files[4], "rb") as f:
            code, out, _ = run(["parse", "-"], stdin=f.read())
        check("- reads standard input", code == 0 and json.loads(out)["source"]["path"] == "<stdin>")
    finally:
        shutil.rmtree(tmp)


def test_records():
    recs = []
    for i, f in enumerate(seeds()):
        with open(f, encoding="utf-8") as fh:
            recs.append(json.dumps({"id": f"r{i}", "text": fh.read()}, ensure_ascii=False))
    recs.insert(2, "{not json")
    code, out, err = run(["parse", "--records", "-j", "2"], stdin=("\n".join(recs) + "\n").encode())
    lines = [json.loads(l) for l in out.decode().splitlines()]
    check("records mode: one line per record, in order, nothing else on stdout",
          len(lines) == 6 and [l.get("id") for l in lines] == ["r0", "r1", None, "r2", "r3", "r4"])
    check("records mode: a bad record is an error line and exit 1",
          code == 1 and "error" in lines[2] and "doc" in lines[0] and len(lines[0]["doc"]["tasks"]) == 30)
    odd = ['{"id": "no-text"}', '{"text": "一、公开目录（市政府办公室牵头）"}', '{"id": 7, "text": 5}',
           '{"id": 8, "text": "\\udc00"}']
    code, out, _ = run(["parse", "--records"], stdin=("\n".join(odd) + "\n").encode())
    lines = [json.loads(l) for l in out.decode().splitlines()]
    check("records mode: an error line keeps the record's id",
          code == 1 and lines[0] == {"id": "no-text", "error": lines[0]["error"]} and lines[2]["id"] == 7)
    check("records mode: a record with no id is named by its line",
          lines[1]["id"] is None and lines[1]["doc"]["source"]["path"] == "<record at line 2>")
    check("records mode: a line that is not JSON says so, without the JSON reader's tag",
          lines[3]["error"].startswith("line 4: not a JSON record: ") and "[json.exception" not in lines[3]["error"])


def test_usage():
    code, _, err = run(["parse", "--format", "xml", seeds()[0]])
    check("an unknown format is a usage error (exit 2)", code == 2 and b"unknown format" in err)
    code, _, err = run(["parse", "--no-such-flag"])
    check("an unknown flag is a usage error (exit 2) in one line",
          code == 2 and err.startswith(b"plancli: ") and b"--no-such-flag" in err and err.count(b"\n") == 1, err)
    code, out, err = run(["parse", "--encoding", "foo"] + seeds())
    check("an unknown --encoding is one usage error (exit 2), not a failure of every input",
          code == 2 and out == b"" and err.count(b"\n") == 1 and b"unknown encoding 'foo'" in err, err)
    code, _, err = run(["parse", "-j", "-1", seeds()[0]])
    check("a bad -j says its range in one line (exit 2)",
          code == 2 and err == b"plancli: --jobs: Value -1 not in range 0 to 4096 (see --help)\n", err)
    code, out, _ = run(["--help"])
    check("--help documents EXIT STATUS", code == 0 and b"EXIT STATUS" in out)
    code, out, _ = run(["--version"])
    check("--version prints the version", code == 0 and out.startswith(b"plancli "))
    p = subprocess.Popen([BIN, "parse", "-f", "ndjson"] + seeds() * 20, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    code = p.wait()
    check("a closed pipe ends the run quietly", code in (0, 1) and b"error" not in err.lower(), err.decode()[:200])


def run_on_tty(args, stream="stderr", columns=None, env=None):
    """Runs plancli with stderr (or stdout) on a pseudo-terminal of `columns`
    columns; returns (code, what it drew there, seconds taken)."""
    import fcntl, pty, struct, termios, threading, time
    master, slave = pty.openpty()
    if columns:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    drawn = bytearray()

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    start = time.monotonic()
    where = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: slave}
    r = subprocess.run([BIN] + args, stdout=where["stdout"], stderr=where["stderr"], env=env, timeout=120)
    took = time.monotonic() - start
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return r.returncode, bytes(drawn), took


def test_progress():
    many = seeds() * 40  # 200 inputs
    code, drawn, took = run_on_tty(["parse", "-j", "1", "-f", "ndjson"] + many)
    draws = drawn.count(b"\r[")
    check("progress on a terminal: the last count is drawn, then the line is cleared",
          code == 0 and b"[200/200] 100%" in drawn and drawn.endswith(b"\r\x1b[K"), repr(drawn[-80:]))
    # at most ten redraws a second, and the first and last: never one per file
    check("progress on a terminal: redrawn at most ten times a second",
          2 <= draws <= 3 + 10 * took and draws < 200, f"{draws} draws in {took:.2f} s")
    code, drawn, _ = run_on_tty(["parse", "-q", "-f", "ndjson"] + many)
    check("progress: --quiet draws nothing", code == 0 and drawn == b"")
    code, drawn, _ = run_on_tty(["parse", "-j", "1", "-f", "ndjson"] + many + ["/nonexistent.txt"])
    text = drawn.decode()
    check("progress: a failure's message takes the line, and the count shows the failure",
          code == 1 and "\r\x1b[Kplancli: /nonexistent.txt: no such file\r\n" in text and "1 failed" in text,
          repr(text[-160:]))  # (a terminal writes \n as \r\n)


def test_unreadable_directory():
    # -r meets a directory it may not read: an error record for it, the rest converted
    tmp = tempfile.mkdtemp(prefix="plancli-e2e-")
    try:
        for sub, f in (("open", seeds()[1]), ("closed", seeds()[2])):
            os.makedirs(os.path.join(tmp, "tree", sub))
            shutil.copy(f, os.path.join(tmp, "tree", sub, "plan.txt"))
        for d in (tmp, os.path.join(tmp, "tree"), os.path.join(tmp, "tree", "open")):
            os.chmod(d, 0o755)
        os.chmod(os.path.join(tmp, "tree", "open", "plan.txt"), 0o644)
        closed = os.path.join(tmp, "tree", "closed")
        os.chmod(closed, 0)
        as_nobody, binary = None, BIN
        if os.geteuid() == 0:  # root reads everything: run as nobody, a copy nobody may run
            def as_nobody():
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            binary = os.path.join(tmp, "plancli")
            shutil.copy(BIN, binary)
            os.chmod(binary, 0o755)
        r = subprocess.run([binary, "parse", "-r", "-f", "ndjson", os.path.join(tmp, "tree")],
                           capture_output=True, preexec_fn=as_nobody, timeout=60)
        lines = [json.loads(l) for l in r.stdout.decode().splitlines()]
        check("-r: a directory it cannot read is an error record, the rest is converted",
              r.returncode == 1 and lines[0] == {"doc": closed, "error": lines[0]["error"]} and
              "cannot read the directory" in lines[0]["error"] and len(lines) == 11 and
              r.stderr.decode().startswith(f"plancli: {closed}: cannot read the directory"), r.stderr)
        # with --out-dir, the unreadable directory takes no output name: a
        # file named like it (closed.txt → closed.json) is still converted
        shutil.copy(seeds()[3], closed + ".txt")
        os.chmod(closed + ".txt", 0o644)
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        os.chmod(out, 0o777)
        r = subprocess.run([binary, "parse", "-r", "--out-dir", out, os.path.join(tmp, "tree")],
                           capture_output=True, preexec_fn=as_nobody, timeout=60)
        check("-r --out-dir: an unreadable directory does not take the output name of a file like it",
              r.returncode == 1 and sorted(os.listdir(out)) == ["closed.json", "open"] and
              r.stderr.decode().count("\n") == 1, r.stderr)
    finally:
        os.chmod(os.path.join(tmp, "tree", "closed"), 0o755)
        shutil.rmtree(tmp)


def test_reader_gone():
    # | head -1: once the reader has closed the pipe, the inputs left are not converted
    many = seeds() * 400
    p = subprocess.Popen([BIN, "parse", "-j", "2", "-f", "ndjson", "--stats"] + many,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    code = p.wait(timeout=120)
    converted = err.count(b"plancli: stats ")
    check("a closed stdout ends the batch: the inputs left are not converted",
          json.loads(first)["doc"] == many[0] and converted < len(many) // 4 and code == 0,
          f"{converted} of {len(many)} converted, exit {code}")


def display_width(line):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_table_width():
    code, drawn, _ = run_on_tty(["parse", "-f", "table", seeds()[0]], "stdout", columns=80,
                                env=dict(os.environ, NO_COLOR="1"))
    rows = drawn.decode().replace("\r\n", "\n").splitlines()[1:]  # after the title
    check("table on an 80-column terminal: every row line fits it",
          code == 0 and len(rows) > 30 and max(map(display_width, rows)) <= 80,
          f"widest {max(map(display_width, rows), default=0)}")
    no_columns = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    code, out, _ = run(["parse", "-f", "table", seeds()[0]], env=no_columns)
    rows = out.decode().splitlines()[1:]
    check("table in a pipe: 120 columns", code == 0 and 100 < max(map(display_width, rows)) <= 120)
    code, out, _ = run(["parse", "-f", "table", seeds()[0]], env=dict(no_columns, COLUMNS="90"))
    rows = out.decode().splitlines()[1:]
    check("table in a pipe: $COLUMNS when it is set", code == 0 and 80 < max(map(display_width, rows)) <= 90)


def test_no_input_at_a_prompt():
    import pty
    master, slave = pty.openpty()
    try:
        r = subprocess.run([BIN, "parse"], stdin=slave, capture_output=True, timeout=20)
    finally:
        os.close(slave)
        os.close(master)
    check("parse with no input at a terminal: a usage error, not a wait for typing",
          r.returncode == 2 and r.stderr.startswith(b"plancli: no input:") and r.stdout == b"", r.stderr)
    with open(seeds()[1], "rb") as f:
        code, out, _ = run(["parse", "-f", "ndjson"], stdin=f.read())
    check("parse with no input named reads a pipe on standard input", code == 0 and len(out.splitlines()) == 10)


def test_cases():
    root = os.path.join(TESTDATA, "e2e")
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        code, out, err = run(["parse", "input.txt"], cwd=d)
        got = json.loads(out)
        with open(os.path.join(d, "expected.json"), encoding="utf-8") as f:
            want = json.load(f)
        got["source"].pop("sha256")
        want["source"].pop("sha256", None)
        check(f"testdata/e2e/{case}", got == want, "output differs from expected.json")


def main():
    global BIN, TESTDATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--plancli", required=True)
    ap.add_argument("--testdata", required=True)
    a = ap.parse_args()
    BIN, TESTDATA = os.path.abspath(a.plancli), a.testdata
    for t in (test_schema, test_formats, test_batch_errors, test_outputs_and_order, test_progress,
              test_unreadable_directory, test_reader_gone, test_table_width, test_no_input_at_a_prompt, test_records, test_usage, test_cases):
        try:
            t()
        except Exception as e:  # a crash in a check is that check's failure
            check(t.__name__, False, repr(e))
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
