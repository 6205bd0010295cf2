"""Frames from the user's own codebook: a classifier trained on articles people have coded.

The lexicon counts words; coders judge whole articles. When a team has coded some articles
with its own frames, `framing train-frames CODED.csv` fits one TF-IDF + logistic-regression
classifier per frame (scikit-learn), reports cross-validated precision and recall per frame,
and saves the model where the user says; `framing analyze --frames MODEL` then decides each
article's frames with it and writes the same tables as the lexicon does. Evidence sentences
are the article's sentences the classifier scores highest for the frame, with the n-grams
that weigh most for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from framing.frames import DECISION_COLUMNS, HIT_COLUMNS

#: Folds of the cross-validation `train` reports.
FOLDS = 5
#: Candidate probabilities from which an article carries a frame; `train` picks one per frame.
THRESHOLDS = np.round(np.arange(0.1, 0.91, 0.05), 2)
#: The n-grams of a sentence shown as what made it evidence.
EVIDENCE_NGRAMS = 3
#: Columns of the cross-validation report.
REPORT_COLUMNS = ("frame", "n_coded", "precision", "recall", "f1")


@dataclass
class FrameModel:
    """A fitted classifier, the frames it decides (in the order of its outputs) and, per
    frame, the probability from which an article carries it."""

    pipeline: Pipeline
    frames: tuple[str, ...]
    thresholds: tuple[float, ...]


def _pipeline() -> Pipeline:
    """TF-IDF of words and word pairs, one balanced logistic regression per frame."""
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english"
                ),
            ),
            (
                "classify",
                OneVsRestClassifier(
                    LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
                ),
            ),
        ]
    )


def coded_key(coded: pd.DataFrame, where: str) -> str:
    """The column naming the coded articles: doc_id, else file, else the text itself."""
    key = next((c for c in ("doc_id", "file", "text") if c in coded.columns), None)
    if key is None:
        raise ValueError(f"{where}: needs a doc_id, file or text column")
    return key


def coded_matrix(coded: pd.DataFrame, texts: pd.Series, where: str) -> pd.DataFrame:
    """The coded frames as a 0/1 table, one row per text (index of `texts`), one column a frame.

    `coded` is long (a `frame` column, one row per article and frame; articles without a row
    have no frame) or wide (one 0/1 column per frame), keyed by the index of `texts`.
    """
    keys = coded[coded_key(coded, where)].astype(str).str.strip()
    if "frame" in coded.columns:
        long = pd.DataFrame({"key": keys, "frame": coded["frame"].astype(str).str.strip()})
        long = long[long["frame"] != ""]
        wide = pd.crosstab(long["key"], long["frame"]).clip(upper=1)
    else:
        columns = [c for c in coded.columns if c not in ("doc_id", "file", "text")]
        if not columns:
            raise ValueError(f"{where}: needs a frame column, or one 0/1 column per frame")
        wide = coded[columns].apply(pd.to_numeric, errors="coerce").set_axis(keys)
        if wide.isna().any().any() or not wide.isin([0, 1]).all().all():
            raise ValueError(f"{where}: the frame columns must hold 0 or 1")
        wide = wide.groupby(level=0).max()
    unknown = sorted(set(wide.index) - set(texts.index))
    if unknown:
        raise ValueError(f"{where}: {len(unknown)} coded articles have no text, e.g. {unknown[0]}")
    if wide.shape[1] == 0:
        raise ValueError(f"{where}: no frame is coded")
    return wide.reindex(texts.index).fillna(0).astype(int)


def _probabilities(texts: list[str], labels: np.ndarray, folds: int) -> np.ndarray:
    """Cross-validated probabilities of every frame for every text."""
    split = KFold(n_splits=folds, shuffle=True, random_state=0)
    return cross_val_predict(_pipeline(), texts, labels, cv=split, method="predict_proba")


def _thresholds(probabilities: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per frame, the candidate threshold with the best F1 on these (held-out) probabilities.

    Rare frames get low probabilities from a linear model, so one threshold for all frames
    would never find them.
    """
    best = []
    for index in range(labels.shape[1]):
        gold = labels[:, index].astype(bool)
        scores = []
        for threshold in THRESHOLDS:
            found = probabilities[:, index] >= threshold
            tp = int((gold & found).sum())
            scores.append(2 * tp / max(1, int(gold.sum() + found.sum())))
        best.append(float(THRESHOLDS[int(np.argmax(scores))]))
    return np.array(best)


def train(texts: pd.Series, coded: pd.DataFrame) -> tuple[FrameModel, pd.DataFrame]:
    """Fit the classifier on all coded texts and report its cross-validated quality.

    Args:
        texts: one article text per row.
        coded: 0/1 frames per row of `texts` (from `coded_matrix`).

    Returns:
        (model, report): report has one row per frame and a last row "micro" (all frames
        pooled): frame, n_coded, precision, recall, f1, from FOLDS-fold cross-validation.
    """
    labels = coded.to_numpy()
    if len(texts) < FOLDS or (labels.sum(axis=0) < 2).any():
        raise ValueError(
            f"too few coded articles: need at least {FOLDS} articles and two of each frame"
        )
    documents = texts.tolist()
    # Nested: thresholds are chosen inside each training fold, so the report is honest.
    predicted = np.zeros(labels.shape, bool)
    for train_rows, test_rows in KFold(n_splits=FOLDS, shuffle=True, random_state=0).split(
        documents
    ):
        fold_texts = [documents[i] for i in train_rows]
        inner = _thresholds(
            _probabilities(fold_texts, labels[train_rows], FOLDS - 1), labels[train_rows]
        )
        fitted = _pipeline().fit(fold_texts, labels[train_rows])
        predicted[test_rows] = fitted.predict_proba([documents[i] for i in test_rows]) >= inner
    thresholds = _thresholds(_probabilities(documents, labels, FOLDS), labels)
    rows = []
    for index, frame in enumerate([*coded.columns, "micro"]):
        gold = labels[:, index] if frame != "micro" else labels.ravel()
        found = predicted[:, index] if frame != "micro" else predicted.ravel()
        tp = int((gold & found).sum())
        precision = tp / max(1, int(found.sum()))
        recall = tp / max(1, int(gold.sum()))
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        rows.append((frame, int(gold.sum()), precision, recall, f1))
    pipeline = _pipeline().fit(documents, labels)
    model = FrameModel(pipeline, tuple(map(str, coded.columns)), tuple(thresholds))
    return model, pd.DataFrame(rows, columns=list(REPORT_COLUMNS))


def save(model: FrameModel, path: str | Path) -> Path:
    """Write the model (a joblib file) where the user says."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, target)
    return target


def load(path: str | Path) -> FrameModel:
    """Read a model `save` wrote; a one-line error when the file is not one."""
    source = Path(path)
    try:
        model = joblib.load(source)
    except FileNotFoundError:
        raise ValueError(f"{source}: no such frame model") from None
    except Exception as error:  # joblib raises many kinds on a file that is not its own
        raise ValueError(f"{source}: not a frame model written by train-frames ({error})") from None
    if not isinstance(model, FrameModel):
        raise ValueError(f"{source}: not a frame model written by train-frames")
    return model


def article_decisions(sentences: pd.DataFrame, model: FrameModel) -> pd.DataFrame:
    """Each article's probability of each frame and the decision: doc_id, frame, score, present."""
    texts = sentences.groupby("doc_id", sort=False)["text"].apply(lambda t: " ".join(map(str, t)))
    if texts.empty:
        return pd.DataFrame(columns=list(DECISION_COLUMNS))
    probabilities = model.pipeline.predict_proba(texts.tolist())
    table = pd.DataFrame(probabilities, index=texts.index, columns=list(model.frames))
    long = table.stack().rename("score").reset_index()
    long.columns = ["doc_id", "frame", "score"]
    limits = long["frame"].map(dict(zip(model.frames, model.thresholds, strict=True)))
    return long.assign(present=long["score"] >= limits)[list(DECISION_COLUMNS)]


def sentence_frames(sentences: pd.DataFrame, model: FrameModel) -> pd.DataFrame:
    """The `sentence_frames` rows of a trained model: sentences it scores as carrying a frame.

    hits is the sentence's probability, matched the n-grams of the sentence that weigh most
    for the frame.
    """
    if sentences.empty:
        return pd.DataFrame(columns=list(HIT_COLUMNS))
    tfidf = model.pipeline.named_steps["tfidf"]
    classify = model.pipeline.named_steps["classify"]
    features = tfidf.transform(sentences["text"].astype(str).tolist())
    probabilities = classify.predict_proba(features)
    names = tfidf.get_feature_names_out()
    quote = (
        sentences["is_quote"].astype(bool).to_numpy()
        if "is_quote" in sentences.columns
        else np.zeros(len(sentences), bool)
    )
    rows = []
    for index, frame in enumerate(model.frames):
        coefficients = classify.estimators_[index].coef_.ravel()
        limit = model.thresholds[index]
        for position in np.flatnonzero(probabilities[:, index] >= limit):
            row = features[position]
            weights = row.data * coefficients[row.indices]
            top = row.indices[np.argsort(-weights)[:EVIDENCE_NGRAMS]]
            rows.append(
                (
                    sentences["doc_id"].iloc[position],
                    sentences["outlet"].iloc[position],
                    int(sentences["sent_id"].iloc[position]),
                    frame,
                    round(float(probabilities[position, index]), 4),
                    "|".join(names[top]),
                    bool(quote[position]),
                )
            )
    table = pd.DataFrame(rows, columns=list(HIT_COLUMNS))
    return table.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
