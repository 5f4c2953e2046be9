#!/usr/bin/env python3
"""Runs timeline.cu under TONGXIN_TRACE and checks the trace it writes.

The file must be a well-formed Chrome trace-event JSON; every event a
complete one (begin and duration) on a named track; each stream's events
in the order the program queued them and never overlapping; and kernels,
copies, fills, host functions and synchronisations carry what they did.

Usage: validate_trace.py <txcc> <timeline.cu> <work directory>
"""

import json
import os
import subprocess
import sys


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def build_and_run(txcc, source, work):
    os.makedirs(work, exist_ok=True)
    program = os.path.join(work, "timeline")
    trace = os.path.join(work, "timeline.json")
    if os.path.exists(trace):
        os.remove(trace)
    subprocess.run([txcc, "-O2", source, "-o", program], check=True)
    env = dict(os.environ, TONGXIN_TRACE=trace, TONGXIN_DEVICES="cpu")
    run = subprocess.run([program], env=env, capture_output=True, text=True)
    if run.returncode != 0 or "PASS" not in run.stdout:
        fail("the program failed: " + run.stdout + run.stderr)
    with open(trace) as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as error:
            fail("the trace is not JSON: %s" % error)


def check_events(events):
    names = {}
    for e in events:
        if e.get("ph") == "M":
            names[(e["pid"], e.get("tid"))] = e["args"]["name"]
            continue
        if e.get("ph") != "X":
            fail("an event is not a complete event: %r" % e)
        for key in ("name", "cat", "ts", "dur", "pid", "tid", "args"):
            if key not in e:
                fail("an event lacks %s: %r" % (key, e))
        if e["ts"] < 0 or e["dur"] < 0:
            fail("an event has a negative time: %r" % e)
        if (e["pid"], None) not in names or (e["pid"], e["tid"]) not in names:
            fail("an event's track has no name: %r" % e)
    return [e for e in events if e.get("ph") == "X"]


def tracks(events):
    by_track = {}
    for e in events:
        by_track.setdefault((e["pid"], e["tid"]), []).append(e)
    for track, items in by_track.items():
        for before, after in zip(items, items[1:]):
            if after["ts"] < before["ts"] + before["dur"] - 0.001:
                fail("events overlap on track %r: %s, %s" %
                     (track, before["name"], after["name"]))
    return by_track


def sequence(items):
    return [e["name"] for e in items if e["cat"] != "synchronize"]


def main():
    txcc, source, work = sys.argv[1:4]
    trace = build_and_run(txcc, source, work)
    if trace.get("displayTimeUnit") != "ns":
        fail("displayTimeUnit is not ns")
    events = check_events(trace["traceEvents"])
    by_track = tracks(events)

    device_tracks = {t: items for t, items in by_track.items() if t[0] != 0}
    # The default stream, then the two user streams in creation order
    # (stream ids grow).
    ordered = sorted(device_tracks.items(), key=lambda kv: kv[0][1])
    if len(ordered) != 3:
        fail("expected three stream tracks, got %r" %
             [(t, sequence(i)) for t, i in ordered])
    expected = [
        ["memset", "produce(float*, int)", "memcpy DtoD", "memcpy DtoH"],
        ["void scale<2>(float*, int)", "void scale<3>(float*, int)",
         "host function", "sumInto(float const*, int, unsigned long long*)"],
        ["produce(float*, int)", "memcpy DtoH"],
    ]
    for (track, items), want in zip(ordered, expected):
        if sequence(items) != want:
            fail("track %r holds %r, expected %r" % (track, sequence(items),
                                                     want))

    kernels = [e for e in events if e["cat"] == "kernel"]
    scale3 = next(e for e in kernels if e["name"].startswith("void scale<3>"))
    want = {"grid": [1024, 1, 1], "block": [64, 1, 1],
            "dynamic_shared_bytes": 256}
    for key, value in want.items():
        if scale3["args"].get(key) != value:
            fail("scale<3>'s %s is %r, expected %r" %
                 (key, scale3["args"].get(key), value))
    for e in kernels:
        for key in ("device", "stream", "mangled", "static_shared_bytes"):
            if key not in e["args"]:
                fail("kernel %s lacks %s" % (e["name"], key))
    copies = [e for e in events if e["cat"] == "memcpy"]
    if sorted(e["args"]["bytes"] for e in copies) != [8, 262144, 262144]:
        fail("copy sizes %r" % [e["args"]["bytes"] for e in copies])
    fills = [e for e in events if e["cat"] == "memset"]
    if [e["args"]["bytes"] for e in fills] != [8]:
        fail("fill sizes %r" % [e["args"] for e in fills])
    waits = sorted(e["name"] for e in by_track.get((0, 1), []))
    if waits != ["cudaDeviceSynchronize", "cudaStreamSynchronize"]:
        fail("host thread 1 waited in %r" % waits)
    print("PASS")


if __name__ == "__main__":
    main()
