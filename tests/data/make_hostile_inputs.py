#!/usr/bin/env python3
"""Writes the crafted files that once crashed HebbLab, ate its memory or gave silent nonsense (issue "Hardening"), for
the command line's regression tests in tests/CMakeLists.txt:

    flags2.hebbmodel     a valid model with its flags byte (12) set to 0x02: optimizer state without compile settings
    nan.hebbmodel        the same model with a NaN as its first weight
    dense80.hebbmodel    80 bytes: Input(16384), Dense(16383), no weights (2.1 GB of weights before the limit)
    linear.hebbmodel     Input(28, 28, 1), Flatten, Dense(10) without softmax, small weights
    big.png              a real 20000 x 20000 grey PNG (389 KB; 400 M pixels)
    truncated.pgm        a 28 x 28 PGM with 400 of its 784 pixels
    maxval0.pgm          a 28 x 28 PGM whose maxval is 0
    digit.pgm            a valid 28 x 28 PGM (black)
    wide.txt             a 1000 x 1000 pattern
    bom_cr.txt           two 3 x 3 patterns after a UTF-8 byte-order mark, lines ending in CR only

usage: make_hostile_inputs.py OUTDIR MODEL   (MODEL: a valid compiled model file, e.g. assets/models/lecture.hebbmodel)
"""
import os
import struct
import sys
import zlib


def u32(v):
    return struct.pack('<I', v)


def layer(type_code, activation, units=0):
    """A 52-byte layer record (model_file.h): type, activation, padding, 7 size fields, units, rate."""
    return (u32(type_code) + u32(activation) + u32(0) + b''.join(u32(v) for v in (0, 1, 1, 1, 1, 2, 2)) + u32(units) +
            struct.pack('<d', 0.0))


def tensor(dims, values):
    return u32(len(dims)) + b''.join(u32(d) for d in dims) + b''.join(struct.pack('<f', v) for v in values)


def png_chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def main():
    out, model_path = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)

    def write(name, data):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)

    model = bytearray(open(model_path, 'rb').read())
    flags2 = bytearray(model)
    flags2[12] = 0x02
    write('flags2.hebbmodel', flags2)
    # The first weight follows the header: magic, version, flags, input rank and 3 dims, layer count, the layer records,
    # then the first tensor's rank and 4 dims.
    layers = struct.unpack_from('<I', model, 32)[0]
    first = 36 + 52 * layers + 4 + 16
    nan = bytearray(model)
    nan[first:first + 4] = struct.pack('<f', float('nan'))
    write('nan.hebbmodel', nan)

    header = b'HEBBLABM' + u32(1) + u32(0)
    write('dense80.hebbmodel', header + u32(1) + u32(16384) + u32(1) + layer(5, 0, 16383))
    kernel = [((i * 7919) % 101 - 50) / 5000.0 for i in range(784 * 10)]
    write('linear.hebbmodel', header + u32(3) + u32(28) + u32(28) + u32(1) + u32(2) + layer(4, 0) + layer(5, 0, 10) +
          tensor([784, 10], kernel) + tensor([10], [0.0] * 10))

    side = 20000
    packer = zlib.compressobj(9)
    row = b'\0' * (side + 1)  # filter byte 0, then the row
    data = b''.join(packer.compress(row) for _ in range(side)) + packer.flush()
    write('big.png', b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', struct.pack('>IIBBBBB', side, side, 8, 0, 0, 0, 0)) +
          png_chunk(b'IDAT', data) + png_chunk(b'IEND', b''))
    write('truncated.pgm', b'P5 28 28 255\n' + b'\x80' * 400)
    write('maxval0.pgm', b'P5 28 28 0\n' + b'\x80' * 784)
    write('digit.pgm', b'P5 28 28 255\n' + b'\0' * 784)
    write('wide.txt', (b'X' * 1000 + b'\n') * 1000)
    write('bom_cr.txt', b'\xef\xbb\xbf# A\rXOX\rOXO\rXOX\r\r# B\rOOO\rXXX\rOOO\r')


if __name__ == '__main__':
    main()
