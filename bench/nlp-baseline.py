#!/usr/bin/env python3
"""Baselines for the classifier comparison (docs/nlp.md), exactly as the issue states them:
TF-IDF of word 1-2 grams + character 2-5 grams within word boundaries (char_wb), sublinear tf,
min_df 2, lowercase; then LinearSVC (C 0.5) and LogisticRegression (C 10), both with balanced class
weights. The features are computed once and both models fitted on them. Debian's python3-sklearn
(apt-get install -y python3-sklearn).

Usage: /usr/bin/python3 bench/nlp-baseline.py TRAIN.jsonl TEST.jsonl
Prints one JSON line: {"svm": {...}, "lr": {...}}, each {"n", "accuracy", "macroF1", "trainSeconds"}
(trainSeconds includes fitting the vectoriser).
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC


def read(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def main(train_path, test_path):
    x_train, y_train = read(train_path)
    x_test, y_test = read(test_path)
    features = FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])
    started = time.time()
    train_matrix = features.fit_transform(x_train)
    vectorise_seconds = time.time() - started
    test_matrix = features.transform(x_test)
    out = {}
    for name, model in (
        ("svm", LinearSVC(C=0.5, class_weight="balanced")),
        ("lr", LogisticRegression(C=10, class_weight="balanced", max_iter=1000)),
    ):
        started = time.time()
        model.fit(train_matrix, y_train)
        seconds = time.time() - started + vectorise_seconds
        predicted = model.predict(test_matrix)
        out[name] = {
            "n": len(y_test),
            "accuracy": round(accuracy_score(y_test, predicted), 4),
            "macroF1": round(f1_score(y_test, predicted, average="macro"), 4),
            "trainSeconds": round(seconds, 1),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
