#!/usr/bin/env python3
"""Builds the fixed train/test split of KZgovData used to compare our classifier with a baseline.

Source: https://github.com/AdilzhanB/KZgovData (MIT licence, (c) 2025 Adilzhan Baidalin),
file data.json at commit c48ec2c8be0ce83c3f5c167978d28acf1aa8d47c: 1,200 citizen complaints to
Kazakhstan's akimats, each in Kazakh and Russian, with a category (10 classes) and an urgency.

Usage: python3 bench/nlp-kzgov-prepare.py path/to/data.json /tmp/murojaat-kzgov
(the data set is not committed to this repository; see docs/nlp.md for how to obtain data.json)

Both language versions of a complaint become separate examples. Rows repeat (the set marks 513
as duplicates), so rows are grouped by their Russian text and whole groups go to one side of the
split: 20 % of groups, chosen by a hash of the text, are the test set. Nothing else is random.
"""
import hashlib
import json
import os
import sys
from collections import defaultdict


def main(source: str, out_dir: str) -> None:
    os.makedirs(out_dir, exist_ok=True)
    rows = json.load(open(source, encoding="utf-8"))
    groups = defaultdict(list)
    for row in rows:
        groups[" ".join(row["text_ru"].split()).lower()].append(row)
    files = {
        name: open(f"{out_dir}/{name}.jsonl", "w", encoding="utf-8")
        for name in ("train", "test", "urgency-train", "urgency-test")
    }
    counts = defaultdict(int)
    for key in sorted(groups):
        side = "test" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 5 == 0 else "train"
        for row in groups[key]:
            for text in (row["text_ru"], row["text_kz"]):
                for task, label in (("", row["category"]), ("urgency-", row["urgency"])):
                    files[task + side].write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")
                    counts[task + side] += 1
    for f in files.values():
        f.close()
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
