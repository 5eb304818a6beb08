"""The baseline a user would write for a quality scan: open each photo,
let Pillow decode it at a reduced scale (draft: libjpeg's DCT scaling to
about 64 pixels), then with numpy: luminance percentiles, a Laplacian
sharpness, entropy, colourfulness, and the 64-bit pHash (32x32, 2-D DCT,
top-left 8x8 against their median) and dHash (9x8).  The results go to
SQLite; the pHashes also to HASHES.npy (uint64) for pillow_neardup.py.
It does not hash the file bytes nor validate the file with a full decode,
which maskcat scan does.
Usage: pillow_scan.py LISTFILE DB [HASHES.npy]"""
import sqlite3
import sys

import numpy as np
from PIL import Image

N = 32
k = np.arange(N)
DCT = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * N))
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)
WEIGHTS = (1 << np.arange(63, -1, -1, dtype=np.uint64))


def bits64(b):
    return int(np.bitwise_or.reduce(WEIGHTS[b.ravel()]))


def measure(path):
    with Image.open(path) as im:
        im.draft("RGB", (64, 64))
        im = im.convert("RGB")
        im.thumbnail((64, 64), Image.BOX)
        a = np.asarray(im, dtype=np.float32)
    lum = a @ LUMA / 255.0
    p1, p99 = np.percentile(lum, [1, 99])
    lap = (4 * lum[1:-1, 1:-1] - lum[:-2, 1:-1] - lum[2:, 1:-1]
           - lum[1:-1, :-2] - lum[1:-1, 2:])
    sd = float(lap.std()) if lap.size else 0.0
    hist = np.bincount((lum * 255).astype(np.uint8).ravel(), minlength=256)
    p = hist[hist > 0] / lum.size
    entropy = float(-(p * np.log2(p)).sum() / 8)
    colour = float((a.max(axis=2) - a.min(axis=2)).mean() / 255)
    grey = Image.fromarray((lum * 255).astype(np.uint8))
    g = np.asarray(grey.resize((N, N), Image.BOX), dtype=np.float64)
    low = (DCT @ g @ DCT.T)[:8, :8].ravel()
    phash = bits64(low > np.median(low))
    d = np.asarray(grey.resize((9, 8), Image.BOX), dtype=np.int16)
    dhash = bits64(d[:, 1:] > d[:, :-1])
    return (path, float(p1), float(p99), sd / (sd + 0.08), entropy, colour,
            "%016x" % phash, "%016x" % dhash), phash


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: pillow_scan.py LISTFILE DB [HASHES.npy]")
    with open(sys.argv[1]) as f:
        paths = [l.rstrip("\n") for l in f if l.strip()]
    rows, hashes = [], []
    for p in paths:
        r, h = measure(p)
        rows.append(r)
        hashes.append(h)
    db = sqlite3.connect(sys.argv[2])
    db.execute("CREATE TABLE IF NOT EXISTS measures (path TEXT PRIMARY KEY,"
               " p1 REAL, p99 REAL, sharpness REAL, entropy REAL,"
               " colour REAL, phash TEXT, dhash TEXT)")
    db.executemany("INSERT OR REPLACE INTO measures VALUES (?,?,?,?,?,?,?,?)",
                   rows)
    db.commit()
    if len(sys.argv) == 4:
        np.save(sys.argv[3], np.array(hashes, dtype=np.uint64))
    print(len(rows), "files")


if __name__ == "__main__":
    main()
