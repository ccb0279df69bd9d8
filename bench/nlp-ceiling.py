#!/usr/bin/env python3
"""How far can the issue's own kind of model go? A feasibility probe for the comparison in
docs/nlp.md ("The ceiling of bag-of-words models").

For one prepared set (train.jsonl and test.jsonl, as bench/nlp-spb-prepare.py writes them) it fits
the issue's two baselines and variants of them, and scores every variant on the TEST file. Choosing
the best variant by its test score is deliberately an oracle: it is no way to pick settings (that is
bench/nlp-dev.ts, on a validation split), but an upper bound of what those settings could reach.
If even the oracle's best is well short of 1.05 x the baseline, no tuning of a linear model on these
features reaches the target.

Variants: LinearSVC C in {0.05 ... 2} and LogisticRegression C in {1 ... 100} (balanced weights);
other n-gram ranges (words 1-3 + characters 1-6, words 1-2 + characters 2-6, words alone + characters
2-5); the logistic probabilities averaged with the SVM's softmaxed scores and with a cosine k-nearest-
neighbour vote (best weight and temperature by the test score). Debian's python3-sklearn.

Usage: /usr/bin/python3 bench/nlp-ceiling.py DIR [DIR ...]   (prints one JSON line per DIR)
"""
import json
import sys
import warnings

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import LabelEncoder, normalize
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore")


def read(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def vectoriser(words, chars):
    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=words, sublinear_tf=True, min_df=2)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=chars, sublinear_tf=True, min_df=2)),
    ])


def softmax(scores, temperature):
    z = scores / temperature
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def knn_votes(train_matrix, test_matrix, train_labels, classes, k):
    """Each test text's k most similar training texts (cosine), votes weighted by similarity and
    divided by the square root of the label's size (so that large labels do not win by number)."""
    similarity = (normalize(test_matrix) @ normalize(train_matrix).T).toarray()
    nearest = np.argsort(-similarity, axis=1)[:, :k]
    sizes = np.bincount(train_labels, minlength=classes).astype(float) ** 0.5
    votes = np.zeros((test_matrix.shape[0], classes))
    for row, neighbours in enumerate(nearest):
        for j in neighbours:
            votes[row, train_labels[j]] += similarity[row, j] / sizes[train_labels[j]]
    return votes / (votes.sum(axis=1, keepdims=True) + 1e-12)


def probe(folder):
    train, test = read(f"{folder}/train.jsonl"), read(f"{folder}/test.jsonl")
    encoder = LabelEncoder().fit([r["label"] for r in train])
    known = set(encoder.classes_)
    y_train = encoder.transform([r["label"] for r in train])
    # a test label never seen in training counts as a class no variant can predict (as sklearn's
    # macro-F1 in bench/nlp-baseline.py counts it)
    y_test = np.array([encoder.transform([r["label"]])[0] if r["label"] in known else -1 for r in test])
    x_train, x_test = [r["text"] for r in train], [r["text"] for r in test]

    def f1(predicted):
        return round(float(f1_score(y_test, predicted, average="macro")), 4)

    out = {}
    features = vectoriser((1, 2), (2, 5))
    a, b = features.fit_transform(x_train), features.transform(x_test)
    for c in (0.05, 0.1, 0.2, 0.5, 1, 2):
        out[f"LinearSVC C {c}"] = f1(LinearSVC(C=c, class_weight="balanced").fit(a, y_train).predict(b))
    probabilities = None
    for c in (1, 3, 10, 30, 100):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000).fit(a, y_train)
        out[f"LogisticRegression C {c}"] = f1(model.predict(b))
        if c == 10:
            probabilities = model.predict_proba(b)
    baseline = max(out["LinearSVC C 0.5"], out["LogisticRegression C 10"])
    svm_scores = LinearSVC(C=0.5, class_weight="balanced").fit(a, y_train).decision_function(b)
    out["LR + SVM blend, best by test"] = max(
        f1(((1 - w) * probabilities + w * softmax(svm_scores, t)).argmax(axis=1))
        for t in (0.1, 0.2, 0.4)
        for w in (0.2, 0.4, 0.6)
    )
    classes = len(encoder.classes_)
    out["LR + kNN blend, best by test"] = max(
        f1(((1 - w) * probabilities + w * knn_votes(a, b, y_train, classes, k)).argmax(axis=1))
        for k in (5, 10, 20)
        for w in (0.1, 0.2, 0.3, 0.5)
    )
    for name, words, chars in (
        ("words 1-3 + chars 1-6", (1, 3), (1, 6)),
        ("words 1-2 + chars 2-6", (1, 2), (2, 6)),
        ("words 1 + chars 2-5", (1, 1), (2, 5)),
    ):
        features = vectoriser(words, chars)
        a2, b2 = features.fit_transform(x_train), features.transform(x_test)
        out[f"{name}, LinearSVC C 0.5"] = f1(LinearSVC(C=0.5, class_weight="balanced").fit(a2, y_train).predict(b2))
        out[f"{name}, LogisticRegression C 10"] = f1(
            LogisticRegression(C=10, class_weight="balanced", max_iter=1000).fit(a2, y_train).predict(b2)
        )
    best = max(out, key=out.get)
    print(json.dumps({
        "set": folder.rstrip("/").split("/")[-1],
        "baseline": baseline,
        "target": round(baseline * 1.05, 4),
        "bestByTest": {"variant": best, "macroF1": out[best], "ratio": round(out[best] / baseline, 3)},
        "variants": out,
    }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    for directory in sys.argv[1:]:
        probe(directory)
