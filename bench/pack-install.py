#!/usr/bin/env python3
"""niso pack/install vs tar+zstd on the same tree, same run, several rounds; prints medians and ratios.

Usage: bench/pack-install.py [--rounds 5] [--files 20000] [--large-mb 90]
Needs a built niso (mvn -q package -DskipTests). Writes only under a temp dir it removes."""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
NISO = os.path.join(HERE, "..", "bin", "niso")

def timed(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--large-mb", type=int, default=90)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="niso-bench-")
    try:
        tree = os.path.join(work, "tree")
        subprocess.run([sys.executable, os.path.join(HERE, "gen-tree.py"), tree, "--files", str(a.files),
                        "--large-mb", str(a.large_mb)], check=True)
        nbytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs)
        nfiles = sum(len(fs) for _, _, fs in os.walk(tree))
        print(f"tree: {nfiles} files, {nbytes / 1e6:.1f} MB; rounds: {a.rounds}; cores: {os.cpu_count()}")
        out = os.path.join(work, "out"); os.makedirs(out)
        tarzst = os.path.join(work, "tree.tar.zst")
        res = {k: [] for k in ("niso_pack", "tar_zstd", "niso_install", "zstd_tar_x")}
        niso_file = None
        for r in range(a.rounds):
            # Alternate which side goes first so cache warmth and noise favour neither.
            order = ["niso", "base"] if r % 2 == 0 else ["base", "niso"]
            for side in order:
                if side == "niso":
                    shutil.rmtree(out); os.makedirs(out)
                    res["niso_pack"].append(timed([NISO, "pack", tree, "--output", out]))
                    niso_file = os.path.join(out, os.listdir(out)[0])
                else:
                    res["tar_zstd"].append(timed(f"tar -cf - . | zstd -3 -T0 -q -f -o {tarzst}",
                                                 shell=True, cwd=tree))
            for side in order:
                if side == "niso":
                    root = os.path.join(work, f"root{r}")
                    res["niso_install"].append(timed([NISO, "install", niso_file, "--root", root,
                                                      "--allow-unsigned"]))
                    shutil.rmtree(root)
                else:
                    dest = os.path.join(work, f"x{r}"); os.makedirs(dest)
                    res["zstd_tar_x"].append(timed(f"zstd -dc {tarzst} | tar -x -C {dest}", shell=True))
                    shutil.rmtree(dest)
        med = {k: statistics.median(v) for k, v in res.items()}
        size_niso, size_base = os.path.getsize(niso_file), os.path.getsize(tarzst)
        print(f"{'measure':<28}{'median s':>10}   all rounds")
        for k, v in res.items():
            print(f"{k:<28}{med[k]:>10.3f}   " + " ".join(f"{x:.3f}" for x in v))
        print(f"pack ratio    niso/tar|zstd      = {med['niso_pack'] / med['tar_zstd']:.2f}x (target <= 1.00)")
        print(f"install ratio niso/zstd|tar -x   = {med['niso_install'] / med['zstd_tar_x']:.2f}x (target <= 1.20)")
        print(f"size ratio    .niso/.tar.zst     = {size_niso / size_base:.4f}x (target <= 1.01)"
              f"  ({size_niso} vs {size_base} bytes)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
