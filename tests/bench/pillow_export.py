"""The baseline a user would write for an export: for each photo, apply
its EXIF orientation, take the centred square and resize it to 224x224
(ImageOps.fit), and save it as a quality-90 JPEG, on a process pool.
Usage: pillow_export.py [--jobs N] LISTFILE OUTDIR (one path per line;
N processes, default os.cpu_count()).  Writes OUTDIR/<n>.jpg (n: the
line number from 0) and prints "N files"."""
import os
import sys
from multiprocessing import Pool

from PIL import Image, ImageOps

SIZE = (224, 224)
out_dir = None


def init(d):
    global out_dir
    out_dir = d


def export(item):
    n, p = item
    with Image.open(p) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
        ImageOps.fit(im, SIZE).save(os.path.join(out_dir, "%d.jpg" % n),
                                    quality=90)


def main():
    args = sys.argv[1:]
    jobs = os.cpu_count() or 1
    if len(args) == 4 and args[0] == "--jobs":
        jobs = int(args[1])
        args = args[2:]
    if len(args) != 2:
        sys.exit("usage: pillow_export.py [--jobs N] LISTFILE OUTDIR")
    with open(args[0]) as f:
        paths = [l.rstrip("\n") for l in f if l.strip()]
    os.makedirs(args[1], exist_ok=True)
    with Pool(jobs, initializer=init, initargs=(args[1],)) as pool:
        for _ in pool.imap_unordered(export, enumerate(paths), chunksize=64):
            pass
    print(len(paths), "files")


if __name__ == "__main__":
    main()
