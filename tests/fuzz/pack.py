#!/usr/bin/env python3
"""Write one fuzz input of several files (tests/fuzz/fuzz_util.h): HEAD, then each NAME=FILE after a line
'@@file NAME'. HEAD is a file, or text after 'text:' (a job's kind and configuration: 'text:train\\nepochs=1').

  tests/fuzz/pack.py OUT HEAD [NAME=FILE ...]
"""
import sys


def read(spec):
    if spec.startswith('text:'):
        return spec[5:].encode().decode('unicode_escape').encode('latin-1')
    with open(spec, 'rb') as f:
        return f.read()


def main(out, head, *files):
    data = read(head)
    for item in files:
        name, path = item.split('=', 1)
        data += b'\n@@file ' + name.encode() + b'\n' + read(path)
    with open(out, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
