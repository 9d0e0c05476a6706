#!/usr/bin/env python3
"""CPU (user + sys of the command and everything it waited for) and wall time of shell commands, run in
alternating order for ROUNDS rounds so that two builds see the same machine; medians. Used by cli-cpu.sh.

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
    for c in commands:
        print(f"cpu {statistics.median(cpu[c]) * 1000:6.0f} ms   wall {statistics.median(wall[c]) * 1000:6.0f} ms   {c}")


if __name__ == "__main__":
    main()
