#!/usr/bin/env python3
"""Generates a node_modules-like tree, deterministically (fixed seed): many small text-ish files
plus a few large ones. Usage: gen-tree.py DIR [--files 20000] [--large-mb 90]"""
import argparse, os, random

WORDS = ("function return const let var module exports require this prototype undefined null true false "
         "if else for while switch case break new typeof instanceof object string number async await "
         "promise resolve reject callback error value key index length push map filter reduce").split()

def text(rng, size):
    out, n = [], 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))) + ";\n"
        out.append(line); n += len(line)
    return "".join(out)[:size].encode()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir"); ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--large-mb", type=int, default=90)
    a = ap.parse_args()
    rng = random.Random(20261126)
    root = a.dir
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "manifest.toml"), "w") as f:
        f.write('[package]\nname = "bench-app"\nversion = "1.0.0"\n\n[binary]\nentrypoint = "node"\n'
                'args = ["server.js"]\n\n[runtime]\nuse = "nodejs:20"\n')
    with open(os.path.join(root, "server.js"), "w") as f:
        f.write("require('http').createServer((q, s) => s.end('ok')).listen(8080);\n")
    small = a.files - 4
    for i in range(small):
        pkg = f"node_modules/pkg-{i // 40:04d}"
        sub = "lib" if i % 3 else "dist"
        d = os.path.join(root, pkg, sub)
        os.makedirs(d, exist_ok=True)
        size = int(rng.lognormvariate(7.6, 1.0))  # median ~2 KB, long tail
        with open(os.path.join(d, f"file-{i % 40:02d}.js"), "wb") as f:
            f.write(text(rng, min(size, 200_000)))
    # A few large files: half text, half incompressible (like bundled native binaries).
    per = a.large_mb * 1024 * 1024 // 3
    for j in range(3):
        d = os.path.join(root, "node_modules", f"big-{j}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "blob.bin"), "wb") as f:
            f.write(text(rng, per // 2))
            f.write(os.urandom(per - per // 2) if j else rng.randbytes(per - per // 2))

if __name__ == "__main__":
    main()
