#!/usr/bin/env python3
"""Phase shares of a trial from a JFR recording's execution samples.

Usage:
  java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    -XX:StartFlightRecording=filename=run.jfr,settings=profile,jdk.ExecutionSample#period=1ms \
    -jar target/firedrill.jar run MODEL --trials 6M --threads 1 --charts none --out /tmp/p
  jfr print --events jdk.ExecutionSample --stack-depth 80 run.jfr > run.txt
  benchmarks/phases.py run.txt

Counts the samples whose stack holds TrialRunner.runTrials (the worker's trials) and puts each in
one phase by its stack: statistics (outside Kernel.run, or in RunStats.recordOutage), the hazard
phase (Kernel.sampleHazards; "event queue" when in EventQueue.build), the sweep (Kernel.sweep or
the rounds of repairs), or the rest of Kernel.run. Also the share of samples whose top frame draws
random numbers (StreamKeys, TrialStream, Commons RNG's samplers, HazardDraws.sample; a JDK method
at the top, such as Long.rotateLeft, counts for the first caller outside the JDK), and the top
self-time methods of each phase.
"""
import collections
import re
import sys

RANDOM = ("StreamKeys", "TrialStream", "commons.rng", "HazardDraws.sample", "DrawCounts")


def main(path):
    text = open(path, encoding="utf-8").read()
    phases = collections.Counter()
    top_self = collections.Counter()
    random_numbers = 0
    n = 0
    for event in text.split("jdk.ExecutionSample"):
        frames = re.findall(r"^\s+([\w.$]+\.[\w$<>]+)\(", event, re.M)
        if not frames or not any("runTrials" in f for f in frames):
            continue
        n += 1
        top = frames[0]
        # A JDK method at the top (Long.rotateLeft, Math.multiplyHigh) counts for its caller.
        caller = next((f for f in frames if not f.startswith("java.")), top)
        if any(r in caller for r in RANDOM):
            random_numbers += 1
        stack = " ".join(frames)
        if "recordOutage" in stack or "Kernel.run" not in stack:
            phase = "statistics"
        elif "Kernel.sampleHazards" in stack:
            phase = "hazards, event queue" if "EventQueue.build" in stack else "hazards"
        elif "Kernel.sweep" in stack or "settleRepairs" in stack:
            phase = "sweep"
        else:
            phase = "rest of Kernel.run"
        phases[phase] += 1
        top_self[(phase, ".".join(top.split(".")[-2:]))] += 1
    if n == 0:
        sys.exit(f"{path}: no sample in TrialRunner.runTrials")
    print(f"{path}: {n} samples in the trials")
    for phase, count in phases.most_common():
        print(f"  {phase:24s} {100 * count / n:5.1f} %")
    print(f"  random numbers (keys, streams, samplers at the top) {100 * random_numbers / n:5.1f} %")
    for phase in ("hazards", "sweep", "statistics"):
        tops = [f"{m} {100 * c / n:.1f}" for (p, m), c in top_self.most_common() if p == phase][:6]
        print(f"  top self time, {phase}: " + ", ".join(tops))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: benchmarks/phases.py RECORDING.txt")
    main(sys.argv[1])
