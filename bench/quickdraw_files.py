#!/usr/bin/env python3
"""Writes Quick, Draw!-sized simplified ndjson class files for the scale benchmarks (BENCHMARKS.md).

Each class file holds DRAWINGS drawings (a real class has about 70 000 in its training split) of
random strokes in 0..255 (4-7 strokes of 6-20 points, about 55 points a drawing, like the real
median). Deterministic: the same arguments give the same files.

    python3 bench/quickdraw_files.py --classes 10 --drawings 70000 --out /tmp/qd10
"""
import argparse
import json
import os
import random


def drawing(rng):
    strokes = []
    for _ in range(rng.randint(4, 7)):
        n = rng.randint(6, 20)
        x, y = rng.randint(0, 255), rng.randint(0, 255)
        xs, ys = [], []
        for _ in range(n):
            x = min(255, max(0, x + rng.randint(-25, 25)))
            y = min(255, max(0, y + rng.randint(-25, 25)))
            xs.append(x)
            ys.append(y)
        strokes.append([xs, ys])
    return strokes


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--classes", type=int, default=1)
    p.add_argument("--drawings", type=int, default=70000)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for c in range(a.classes):
        rng = random.Random(a.seed * 100003 + c)
        word = "class%03d" % c
        path = os.path.join(a.out, word + ".ndjson")
        with open(path, "w") as f:
            for i in range(a.drawings):
                f.write(json.dumps({"word": word, "countrycode": "US", "timestamp": "2017-03-01 00:00:00.0 UTC",
                                    "recognized": True, "key_id": str(c * 10**9 + i), "drawing": drawing(rng)},
                                   separators=(",", ":")) + "\n")
        print(path)


if __name__ == "__main__":
    main()
