"""Fit the same-fact score of `framing.paraphrase` on MSRP train, and print its weights.

    PYTHONPATH=src .venv/bin/python benchmarks/fit_paraphrase.py [PAIRS_TSV]

PAIRS_TSV defaults to ../shared/benchmarks/msrp/train.tsv (the development half; the test
half is never read). A logistic regression over `pair_features` (standardised, L2 penalty)
is cross-validated (5 folds, accuracy and F1 of the paraphrase class at `SAME_SCORE`), then
fitted on all pairs; the weights are printed on the raw feature scale, as numbers to paste
into `paraphrase.WEIGHTS` and `paraphrase.INTERCEPT`. No text of the pairs is written out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from framing import paraphrase

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "benchmarks" / "msrp" / "train.tsv"
#: Inverse strength of the L2 penalty on the standardised features.
PENALTY_C = 1.0


def read_pairs(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(features, gold) of the pairs of an MSRP tsv (quality, id1, id2, sentence1, sentence2)."""
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8-sig")]
    rows = [row for row in rows if len(row) >= 5 and row[0] in ("0", "1")]
    profiles = [paraphrase.profile(row[3]) for row in rows]
    profiles += [paraphrase.profile(row[4]) for row in rows]
    pairs = np.arange(len(rows))
    features = paraphrase.pair_features(profiles, pairs, pairs + len(rows))
    return features, np.array([row[0] == "1" for row in rows])


def accuracy_f1(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """Accuracy, and F1 of the positive class."""
    hits = int((predicted & gold).sum())
    return float((predicted == gold).mean()), 2 * hits / max(1, predicted.sum() + gold.sum())


def model() -> Pipeline:
    """Standardised features into an L2-penalised logistic regression."""
    return make_pipeline(StandardScaler(), LogisticRegression(C=PENALTY_C, max_iter=10_000))


def fit(features: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic weights and intercept on the raw feature scale."""
    fitted = model().fit(features, gold)
    scaler, logistic = fitted[0], fitted[1]
    weights = logistic.coef_[0] / scaler.scale_
    return weights, float(logistic.intercept_[0] - weights @ scaler.mean_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=TRAIN)
    args = parser.parse_args()
    features, gold = read_pairs(args.pairs)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    probability = cross_val_predict(model(), features, gold, cv=folds, method="predict_proba")
    accuracy, f1 = accuracy_f1(probability[:, 1] >= paraphrase.SAME_SCORE, gold)
    print(f"{len(gold)} pairs; 5-fold cross-validated accuracy {accuracy:.3f}, F1 {f1:.3f}")
    weights, intercept = fit(features, gold)
    print("WEIGHTS = np.array(\n    [")
    for weight, name in zip(weights, paraphrase.FEATURE_NAMES, strict=True):
        print(f"        {weight:.4f},  # {name}")
    print(f"    ]\n)\nINTERCEPT = {intercept:.4f}")


if __name__ == "__main__":
    main()
