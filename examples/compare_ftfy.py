#!/usr/bin/env python3
"""Scores Python ftfy's fix_encoding on the cases of tilmech's multilingual mojibake suite.

    tilmech eval encoding --dump cases.jsonl
    python3 examples/compare_ftfy.py cases.jsonl

Prints, per damage, the cases ftfy restores exactly, then the totals (negatives apart), in the
same terms as `tilmech eval encoding`. Needs `pip install ftfy`.
"""
import collections
import json
import sys

import ftfy


def main(path):
    rows = collections.OrderedDict()
    for line in open(path, encoding="utf-8"):
        case = json.loads(line)
        ok = ftfy.fix_encoding(case["damaged"]) == case["expected"]
        row = rows.setdefault(case["damage"], [0, 0])
        row[0] += 1
        row[1] += ok
    print("| damage | cases | ftfy restored % |\n|---|---:|---:|")
    for damage, (n, ok) in rows.items():
        print(f"| {damage} | {n} | {100 * ok / n:.1f} |")
    damaged = [r for d, r in rows.items() if d != "negative"]
    n, ok = sum(r[0] for r in damaged), sum(r[1] for r in damaged)
    neg = rows.get("negative", [0, 0])
    print(f"\n{n} damaged texts, {100 * ok / max(n, 1):.2f}% restored exactly by ftfy {ftfy.__version__}")
    print(f"{neg[0]} negatives, {neg[0] - neg[1]} changed")


if __name__ == "__main__":
    main(sys.argv[1])
