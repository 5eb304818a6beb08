"""The baseline a user would write for a near-duplicate search: load the
64-bit pHashes (from pillow_scan.py), compare every pair with numpy (XOR,
then a popcount through a 256-entry byte table, a block of rows at a
time against the rows after them), keep the pairs within D bits and join
them into clusters with a union-find.  One hash per image: no mirrored
hashes, no second hash, no confirmation.
Usage: pillow_neardup.py HASHES.npy [D] (D: distance, default 3).
Prints "N images, P pairs, C clusters"."""
import sys

import numpy as np

BLOCK = 256
POP8 = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def find(up, i):
    while up[i] != i:
        up[i] = up[up[i]]
        i = up[i]
    return i


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: pillow_neardup.py HASHES.npy [D]")
    h = np.load(sys.argv[1]).astype(np.uint64)
    t = int(sys.argv[2]) if len(sys.argv) == 3 else 3
    n = len(h)
    up = list(range(n))
    pairs = 0
    for i in range(0, n, BLOCK):
        a = h[i:i + BLOCK]
        x = (a[:, None] ^ h[None, i:]).view(np.uint8)
        d = POP8[x].reshape(len(a), n - i, 8).sum(axis=2, dtype=np.uint8)
        r, c = np.nonzero(d <= t)
        keep = c > r                    # each pair once, not with itself
        for ra, cb in zip(r[keep] + i, c[keep] + i):
            pairs += 1
            fa, fb = find(up, ra), find(up, cb)
            if fa != fb:
                up[max(fa, fb)] = min(fa, fb)
    roots = {}
    for i in range(n):
        f = find(up, i)
        roots[f] = roots.get(f, 0) + 1
    clusters = sum(1 for v in roots.values() if v > 1)
    print("%d images, %d pairs, %d clusters" % (n, pairs, clusters))


if __name__ == "__main__":
    main()
