"""The baseline a user would write for an import: walk the base layout,
read each photo, hash its bytes, decode it fully with Pillow, and store
the rows in SQLite.  Usage: pillow_import.py LISTFILE DB"""
import hashlib
import sqlite3
import sys

from PIL import Image

paths = [l.rstrip("\n") for l in open(sys.argv[1])]
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE IF NOT EXISTS images (path TEXT PRIMARY KEY,"
           " bytes INT, hash TEXT, format TEXT, width INT, height INT)")
rows = []
for p in paths:
    with open(p, "rb") as f:
        data = f.read()
    h = hashlib.blake2b(data, digest_size=8).hexdigest()
    with Image.open(p) as im:
        im.load()
        rows.append((p, len(data), h, im.format, im.width, im.height))
db.executemany("INSERT OR REPLACE INTO images VALUES (?,?,?,?,?,?)", rows)
db.commit()
print(len(rows), "files")
