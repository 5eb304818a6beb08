"""The baseline a user would write for a label audit of the base layout:
labels from the paths; features with Pillow and numpy on a process Pool
of JOBS (each photo decoded at a reduced scale with draft(), the face
region x 15-85%, y 5-65% cut, a 12x12 grey copy and a 6x6 grid of RGB
means: 252 values); then per task (mask state, gender, age bin)
out-of-fold probabilities from scikit-learn: StandardScaler +
LogisticRegression (C=0.01: regularised, as maskcat's model is; the
default 100 lbfgs iterations) in cross_val_predict with GroupKFold(5)
on the persons, on JOBS processes.  Without scikit-learn, the same folds with a
numpy softmax regression (full-batch gradient descent).  Flags a label
when the out-of-fold prediction is another class and the label's
probability is under its class's mean (cleanlab's per-class threshold),
per photo.
Usage: pillow_audit.py LISTFILE [JOBS]
Prints "N photos, features X s, training Y s, out-of-fold accuracy ..."."""
import os
import sys
import time
import warnings
from multiprocessing import Pool

import numpy as np
from PIL import Image


def labels(path):
    person, name = path.split("/")[-2:]
    _, gender, _, age = person.split("_")[:4]
    stem = name.rsplit(".", 1)[0]
    mask = 0 if stem.startswith("mask") else 1 if stem == "incorrect_mask" else 2
    age = int(age)
    return person, (mask, 0 if gender == "male" else 1,
                    0 if age < 30 else 1 if age < 60 else 2)


def features(path):
    with Image.open(path) as im:
        im.draft("RGB", (im.width // 3, im.height // 3))
        im = im.convert("RGB")
        w, h = im.size
        face = im.crop((int(0.15 * w), int(0.05 * h), int(0.85 * w),
                        int(0.65 * h)))
    grey = np.asarray(face.convert("L").resize((12, 12), Image.BOX),
                      dtype=np.float32).ravel() / 255
    grid = np.asarray(face.resize((6, 6), Image.BOX),
                      dtype=np.float32).ravel() / 255
    return np.concatenate([grey, grid])


def oof_numpy(x, y, groups, nclass, folds=5, steps=300, lr=0.5, l2=1e-3):
    """Softmax regression, full-batch gradient descent, group folds."""
    uniq = np.unique(groups)
    fold_of = {g: i % folds for i, g in enumerate(np.random.default_rng(0)
                                                    .permutation(uniq))}
    fold = np.array([fold_of[g] for g in groups])
    prob = np.zeros((len(y), nclass))
    for k in range(folds):
        tr, te = fold != k, fold == k
        mu, sd = x[tr].mean(0), x[tr].std(0) + 1e-6
        a, b = (x[tr] - mu) / sd, (x[te] - mu) / sd
        onehot = np.eye(nclass)[y[tr]]
        w = np.zeros((x.shape[1], nclass))
        bias = np.zeros(nclass)
        for _ in range(steps):
            z = a @ w + bias
            z -= z.max(1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(1, keepdims=True)
            g = (p - onehot) / len(a)
            w -= lr * (a.T @ g + l2 * w)
            bias -= lr * g.sum(0)
        z = b @ w + bias
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        prob[te] = p / p.sum(1, keepdims=True)
    return prob


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: pillow_audit.py LISTFILE [JOBS]")
    jobs = int(sys.argv[2]) if len(sys.argv) == 3 else (os.cpu_count() or 1)
    with open(sys.argv[1]) as f:
        paths = [l.rstrip("\n") for l in f if l.strip()]
    t0 = time.monotonic()
    # lbfgs's ConvergenceWarning, here and in joblib's worker processes
    warnings.filterwarnings("ignore")
    os.environ["PYTHONWARNINGS"] = "ignore"
    with Pool(jobs) as pool:
        x = np.stack(pool.map(features, paths, chunksize=64))
    lab = [labels(p) for p in paths]
    groups = np.array([g for g, _ in lab])
    ys = np.array([l for _, l in lab])
    t1 = time.monotonic()
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        model = "scikit-learn LogisticRegression"
    except ImportError:
        model = "numpy softmax regression"
    acc, flagged = [], []
    for task, nclass in ((0, 3), (1, 2), (2, 3)):
        y = ys[:, task]
        if model.startswith("scikit"):
            clf = make_pipeline(StandardScaler(),
                                LogisticRegression(C=0.01))
            prob = cross_val_predict(clf, x, y, groups=groups,
                                     cv=GroupKFold(5), n_jobs=jobs,
                                     method="predict_proba")
        else:
            prob = oof_numpy(x, y, groups, nclass)
        acc.append(float((prob.argmax(1) == y).mean()))
        self_conf = prob[np.arange(len(y)), y]
        thr = np.array([self_conf[y == c].mean() if (y == c).any() else 0
                        for c in range(nclass)])
        flagged.append(int(((self_conf < thr[y]) &
                            (prob.argmax(1) != y)).sum()))
    t2 = time.monotonic()
    print("%d photos of %d persons, features %.2f s, training %.2f s (%s),"
          " out-of-fold accuracy mask %.3f gender %.3f age %.3f,"
          " flagged %d %d %d" % (len(paths), len(set(groups)), t1 - t0,
                                  t2 - t1, model, *acc, *flagged))


if __name__ == "__main__":
    main()
