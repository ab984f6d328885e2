#!/usr/bin/env python3
"""Writes a small generated IDX data set for the command line's tests, the way MNIST is distributed:

    OUTDIR/train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz   (gzipped, as MNIST's site ships them)
    OUTDIR/t10k-images-idx3-ubyte      t10k-labels-idx1-ubyte       (raw)
    OUTDIR/sample-K.pgm                one more image of each class K, for `hebblab predict`

Grey SIDE x SIDE images of K classes (default 3 classes, 16 x 16, 300 training and 60 test images): class k is a
bright bar on a dark, noisy background, horizontal for k % 3 == 0, vertical for 1 and diagonal for 2, at a random
place. Labels go round 0, 1, ..., K-1, so the largest label is K - 1 (`--classes 11` makes a set HebbLab refuses).
Deterministic: the same arguments write the same bytes (its own generator, and gzip without a time stamp).

usage: make_idx_set.py OUTDIR [--classes K] [--side S] [--train N] [--test M] [--seed S]
"""
import argparse
import gzip
import os
import struct


class Rng:
    """64-bit LCG (Knuth's MMIX constants), its high bits: the same numbers on every Python."""

    def __init__(self, seed):
        self.state = (seed * 2862933555777941757 + 3037000493) % 2**64

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % n


def image(label, side, rng):
    pixels = [[rng.below(60) for _ in range(side)] for _ in range(side)]
    kind = label % 3
    offset = rng.below(side - 4) + 1  # where the bar lies
    for a in range(side):
        for t in range(2):  # two pixels thick
            if kind == 0:
                r, c = offset + t, a
            elif kind == 1:
                r, c = a, offset + t
            else:
                r, c = a, a + t + (offset - side // 2) // 2
            if 0 <= r < side and 0 <= c < side:
                pixels[r][c] = 170 + rng.below(86)
    return bytes(v for row in pixels for v in row)


def idx(dims, values):
    return bytes([0, 0, 0x08, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + values


def write(path, data, packed):
    with open(path, "wb") as f:
        if packed:
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as z:
                z.write(data)
        else:
            f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("--classes", type=int, default=3)
    parser.add_argument("--side", type=int, default=16)
    parser.add_argument("--train", type=int, default=300)
    parser.add_argument("--test", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    a = parser.parse_args()
    if not 1 <= a.classes <= 256 or a.side < 6:
        parser.error("--classes must be 1..256 and --side at least 6")
    os.makedirs(a.outdir, exist_ok=True)
    rng = Rng(a.seed)
    for prefix, count, packed in (("train", a.train, True), ("t10k", a.test, False)):
        labels = [i % a.classes for i in range(count)]
        images = b"".join(image(k, a.side, rng) for k in labels)
        suffix = ".gz" if packed else ""
        write(os.path.join(a.outdir, prefix + "-images-idx3-ubyte" + suffix), idx([count, a.side, a.side], images),
              packed)
        write(os.path.join(a.outdir, prefix + "-labels-idx1-ubyte" + suffix), idx([count], bytes(labels)), packed)
    for k in range(a.classes):
        with open(os.path.join(a.outdir, "sample-%d.pgm" % k), "wb") as f:
            f.write(b"P5\n%d %d\n255\n" % (a.side, a.side) + image(k, a.side, rng))


if __name__ == "__main__":
    main()
