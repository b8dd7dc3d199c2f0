#!/usr/bin/env python3
"""Accuracy gate: scores the real binary against the gold files in testdata/
with tests/score.py (a copy of shared/eval/score.py) and the short real cases
with tests/score-cases.py, and fails when a metric falls below
testdata/thresholds.json. Prints the scorer's tables and 'N passed, N failed'.
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plancli", required=True)
    ap.add_argument("--testdata", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.testdata, "thresholds.json"), encoding="utf-8") as f:
        limits = json.load(f)
    passed = failed = 0
    groups = {"seeds": ("seeds", "gold/seeds"), "corpus": ("corpus", "gold/corpus"),
              "variants": ("variants", "variants/gold")}
    for group, (docs, gold) in groups.items():
        args = [sys.executable, os.path.join(HERE, "score.py"), "--plancli", a.plancli,
                "--docs", os.path.join(a.testdata, docs), "--gold", os.path.join(a.testdata, gold)]
        print(subprocess.run(args + ["--verbose"], capture_output=True, text=True).stdout)
        res = json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True, check=True).stdout)
        for doc, want in limits[group].items():
            got = res["documents"].get(doc)
            for metric, floor in want.items():
                ok = got is not None and got[metric] >= floor - 1e-9
                passed += ok
                failed += not ok
                if not ok:
                    print(f"FAIL {group}/{doc} {metric}: {got and got[metric]} < {floor}")
    cases = subprocess.run([sys.executable, os.path.join(HERE, "score-cases.py"), "--plancli", a.plancli,
                            "--deadlines", os.path.join(a.testdata, "cases", "deadline-sentences.tsv"),
                            "--units", os.path.join(a.testdata, "cases", "unit-snippets.tsv")],
                           capture_output=True, text=True).stdout
    print(cases)
    for name, floor in limits["cases"].items():
        m = re.search(rf"^{name}: .*?F1 ([0-9.]+)", cases, re.M)
        ok = m is not None and float(m.group(1)) >= floor - 1e-9
        passed += ok
        failed += not ok
        if not ok:
            print(f"FAIL cases {name}: {m and m.group(1)} < {floor}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
