#!/usr/bin/env python3
"""CPU (user + sys of the command and everything it waited for) and wall time of shell commands, run in
alternating order for ROUNDS rounds so that two builds see the same machine; medians, and the median of each
round's CPU ratio to the first command's. Used by cli-cpu.sh.

    cpu-ab.py ROUNDS 'COMMAND A' 'COMMAND B' ...

A command written 'PREPARE :: COMMAND' runs PREPARE first, untimed (e.g. removing the package the command
installs again).
"""
import resource
import statistics
import subprocess
import sys
import time


def main():
    rounds = int(sys.argv[1])
    commands = sys.argv[2:]
    cpu = {c: [] for c in commands}
    wall = {c: [] for c in commands}
    for i in range(rounds):
        for c in commands if i % 2 == 0 else list(reversed(commands)):
            prepare, _, measured = c.rpartition(" :: ")
            if prepare:
                subprocess.run(prepare, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.monotonic()
            subprocess.run(measured, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            t1 = time.monotonic()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append((r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime))
            wall[c].append(t1 - t0)
    # Paired: each round runs every command back to back, so the ratio of a round's two runs cancels what the
    # machine did meanwhile; the median of those ratios is steadier than the ratio of the medians.
    first = commands[0]
    for c in commands:
        ratio = statistics.median(a / b for a, b in zip(cpu[c], cpu[first]))
        print(f"cpu {statistics.median(cpu[c]) * 1000:6.0f} ms   wall {statistics.median(wall[c]) * 1000:6.0f} ms"
              f"   cpu/first {ratio:5.2f}   {c}")


if __name__ == "__main__":
    main()
