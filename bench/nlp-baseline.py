#!/usr/bin/env python3
"""Baseline for the classifier comparison: TF-IDF (word 1-2 grams + character 2-5 grams within
word boundaries, sublinear tf) and logistic regression, with C chosen by 5-fold cross-validation
on the training file only. Debian's python3-sklearn (apt-get install -y python3-sklearn).

Usage: /usr/bin/python3 bench/nlp-baseline.py TRAIN.jsonl TEST.jsonl
Prints one JSON object: {"n", "accuracy", "macroF1", "C", "trainSeconds"}.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline


def read(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def main(train_path, test_path):
    x_train, y_train = read(train_path)
    x_test, y_test = read(test_path)
    features = FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)),
    ])
    pipeline = Pipeline([
        ("tfidf", features),
        ("lr", LogisticRegression(max_iter=3000, class_weight="balanced")),
    ])
    search = GridSearchCV(
        pipeline,
        {"lr__C": [1, 10, 100]},
        scoring="f1_macro",
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
        n_jobs=1,
    )
    started = time.time()
    search.fit(x_train, y_train)
    seconds = time.time() - started
    predicted = search.predict(x_test)
    print(json.dumps({
        "n": len(y_test),
        "accuracy": round(accuracy_score(y_test, predicted), 4),
        "macroF1": round(f1_score(y_test, predicted, average="macro"), 4),
        "C": search.best_params_["lr__C"],
        "trainSeconds": round(seconds, 1),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
