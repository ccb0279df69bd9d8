#!/usr/bin/env python3
"""Time-split sets of real Russian citizens' appeals for the classifier comparison (docs/nlp.md).

Source: the raw appeals of St Petersburg's public reporting portal ("Наш Санкт-Петербург"), as published
in https://github.com/Timmy-Max/Appeals-to-Housing-and-Communal-Services at commit f639e6e0
(data/raw/src_files, one JSON file per appeal, 59,889 appeals from October 2020 to April 2021; personal
data already masked with X by the publisher). The repository states no licence, so the data is not
kept here; extract it with
  git archive f639e6e0 data/raw/src_files | tar -x -C /tmp/spb      (in a clone of that repository)
then
  /usr/bin/python3 bench/nlp-spb-prepare.py /tmp/spb/data/raw/src_files /tmp/murojaat-spb

Text = the applicant's first message with masked spans removed; labels are the portal's own
classification made by the moderators. Every set is split by the message date: training on an earlier
period, testing on a later one (nothing is random). Sets (each a folder with train.jsonl / test.jsonl):
  category       15 categories; train 2021-01-01..2021-02-28, test 2021-04-01..2021-04-30
  reason         the 40 most frequent reasons of the training period; train 2020-12-01..2021-02-28
                 (latest 30,000), test 2021-04-01..2021-04-30
  reason-small   reasons outside the largest category ("Благоустройство": street and yard upkeep, i.e. the
                 building's own problems) with at least 5 training examples;
                 train 2021-02-20..2021-02-28, test 2021-04-01..2021-04-30
"""
import collections
import json
import os
import sys


def load(source):
    rows = []
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name), encoding="utf-8") as handle:
            appeal = json.load(handle)
        petitions = [item for item in appeal.get("feed", []) if item.get("widget") == "public.petition"]
        if not petitions:
            continue
        first = min(petitions, key=lambda item: item["payload"]["dt"])["payload"]
        body = first.get("body")
        if isinstance(body, list):
            text = " ".join(part.get("text", "") for part in body if part.get("typeof") == 1)
        else:
            text = str(body or "")
        text = " ".join(text.split())
        reason = appeal.get("reason") or {}
        category = (reason.get("category") or {}).get("name")
        if len(text) < 3 or not category or not reason.get("name"):
            continue
        rows.append({"id": appeal["id"], "date": first["dt"], "text": text,
                     "category": category, "reason": reason["name"]})
    rows.sort(key=lambda row: (row["date"], row["id"]))
    return rows


def between(rows, start, end):
    return [row for row in rows if start <= row["date"][:10] <= end]


def write(folder, train, test, field):
    os.makedirs(folder, exist_ok=True)
    for name, subset in (("train.jsonl", train), ("test.jsonl", test)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            for row in subset:
                out.write(json.dumps({"text": row["text"], "label": row[field], "date": row["date"][:10]},
                                     ensure_ascii=False) + "\n")
    print(folder, "train", len(train), "test", len(test), "labels", len({row[field] for row in train}))


def main(source, target):
    rows = load(source)
    test_period = between(rows, "2021-04-01", "2021-04-30")

    train = between(rows, "2021-01-01", "2021-02-28")
    labels = {row["category"] for row in train}
    write(os.path.join(target, "category"), train, [r for r in test_period if r["category"] in labels], "category")

    period = between(rows, "2020-12-01", "2021-02-28")
    top = {reason for reason, _ in collections.Counter(row["reason"] for row in period).most_common(40)}
    train = [row for row in period if row["reason"] in top][-30000:]
    write(os.path.join(target, "reason"), train, [r for r in test_period if r["reason"] in top], "reason")

    building = [row for row in rows if row["category"] != "Благоустройство"]
    period = between(building, "2021-02-20", "2021-02-28")
    counts = collections.Counter(row["reason"] for row in period)
    kept = {reason for reason, count in counts.items() if count >= 5}
    train = [row for row in period if row["reason"] in kept]
    test = [row for row in between(building, "2021-04-01", "2021-04-30") if row["reason"] in kept]
    write(os.path.join(target, "reason-small"), train, test, "reason")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
