#!/usr/bin/env python3
"""niso pack/install vs tar+zstd on the same tree, same run, several rounds; prints medians and ratios.

Usage: bench/pack-install.py [--rounds 5] [--files 20000] [--large-mb 90] [--compare OTHER_NISO]
Needs a built niso (mvn -q package -DskipTests). Writes only under a temp dir it removes.
--compare also times another niso launcher (e.g. an older build's target/dist/bin/niso) in the same rounds.
Prints CPU seconds (user+sys of the command and its children) next to wall time: on a shared, loaded
machine the CPU a command needs is steadier than its wall time."""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
NISO = os.path.join(HERE, "..", "bin", "niso")

CPU = {}

def timed(cmd, key=None, **kw):
    before = os.times()
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    wall = time.perf_counter() - t
    after = os.times()
    if key:
        CPU.setdefault(key, []).append(after.children_user + after.children_system
                                       - before.children_user - before.children_system)
    return wall

LOAD0 = " ".join(open("/proc/loadavg").read().split()[:3])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--large-mb", type=int, default=90)
    ap.add_argument("--compare", help="another niso launcher to time in the same rounds")
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
        keys = ["niso_pack", "tar_zstd", "niso_install", "zstd_tar_x"]
        if a.compare:
            keys += ["other_pack", "other_install"]
        res = {k: [] for k in keys}
        niso_file = None
        for r in range(a.rounds):
            # Alternate which side goes first so cache warmth and noise favour neither.
            order = ["niso", "base"] if r % 2 == 0 else ["base", "niso"]
            if a.compare:
                order.insert(1, "other")
            for side in order:
                if side in ("niso", "other"):
                    shutil.rmtree(out); os.makedirs(out)
                    exe = NISO if side == "niso" else a.compare
                    key = "niso_pack" if side == "niso" else "other_pack"
                    res[key].append(timed([exe, "pack", tree, "--output", out], key))
                    if side == "niso":
                        niso_file = os.path.join(out, os.listdir(out)[0])
                        kept = os.path.join(work, "kept.niso")
                        shutil.copyfile(niso_file, kept)
                else:
                    res["tar_zstd"].append(timed(f"tar -cf - . | zstd -3 -T0 -q -f -o {tarzst}",
                                                 "tar_zstd", shell=True, cwd=tree))
            niso_file = os.path.join(work, "kept.niso")
            for side in order:
                if side in ("niso", "other"):
                    root = os.path.join(work, f"root{r}")
                    exe = NISO if side == "niso" else a.compare
                    key = "niso_install" if side == "niso" else "other_install"
                    res[key].append(timed([exe, "install", niso_file, "--root", root, "--allow-unsigned"], key))
                    shutil.rmtree(root)
                else:
                    dest = os.path.join(work, f"x{r}"); os.makedirs(dest)
                    res["zstd_tar_x"].append(timed(f"zstd -dc {tarzst} | tar -x -C {dest}", "zstd_tar_x",
                                                   shell=True))
                    shutil.rmtree(dest)
        med = {k: statistics.median(v) for k, v in res.items()}
        size_niso, size_base = os.path.getsize(niso_file), os.path.getsize(tarzst)
        cpu = {k: statistics.median(v) for k, v in CPU.items()}
        print(f"load average before: {LOAD0}, after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
        print(f"{'measure':<16}{'median s':>10}{'cpu s':>8}   all rounds (wall s)")
        for k, v in res.items():
            print(f"{k:<16}{med[k]:>10.3f}{cpu[k]:>8.2f}   " + " ".join(f"{x:.3f}" for x in v))
        print(f"pack ratio    niso/tar|zstd      = {med['niso_pack'] / med['tar_zstd']:.2f}x (target <= 1.00);"
              f" cpu {cpu['niso_pack'] / cpu['tar_zstd']:.2f}x")
        if a.compare:
            print(f"pack ratio    other/tar|zstd     = {med['other_pack'] / med['tar_zstd']:.2f}x;"
                  f" cpu {cpu['other_pack'] / cpu['tar_zstd']:.2f}x   (--compare {a.compare})")
            print(f"install ratio other/zstd|tar -x  = {med['other_install'] / med['zstd_tar_x']:.2f}x;"
                  f" cpu {cpu['other_install'] / cpu['zstd_tar_x']:.2f}x")
        print(f"install ratio niso/zstd|tar -x   = {med['niso_install'] / med['zstd_tar_x']:.2f}x (target <= 1.20);"
              f" cpu {cpu['niso_install'] / cpu['zstd_tar_x']:.2f}x")
        print(f"size ratio    .niso/.tar.zst     = {size_niso / size_base:.4f}x (target <= 1.01)"
              f"  ({size_niso} vs {size_base} bytes)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
