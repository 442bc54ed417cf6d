#!/usr/bin/env python3
"""Reads a Swift Testing event stream (`swift test --event-stream-output-path F
--event-stream-version 0`) and prints the slowest tests with their share of the whole run:

    scripts/test-durations.py EVENTS.jsonl [--top N]

A test's time runs from its `testStarted` to its `testEnded` event; the run's from `runStarted`
to `runEnded`. The last line reads `slowest test: NAME N s of the run's M s (P%)`. In a parallel
run a test's time includes waiting for the shared threads; `make test-times` runs the suite one
test at a time, so there it is the test's own. It reports and never fails on time: speed targets
live in the benchmarks.
"""
import argparse
import json
import os
import sys


def read_events(path):
    """The event payloads and the display names of the tests (functions only), by test id."""
    events, names = [], {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            payload = record.get("payload", {})
            if record.get("kind") == "test" and payload.get("kind") == "function":
                names[payload["id"]] = payload.get("displayName") or payload.get("name")
            elif record.get("kind") == "event":
                events.append(payload)
    return events, names


def durations(events, names):
    """(seconds, name) of every test function, and the run's seconds."""
    started, run = {}, {}
    result = []
    for event in events:
        kind, at = event["kind"], event["instant"]["absolute"]
        if kind in ("runStarted", "runEnded"):
            run[kind] = at
        elif kind == "testStarted" and event.get("testID") in names:
            started[event["testID"]] = at
        elif kind == "testEnded" and event.get("testID") in started:
            result.append((at - started.pop(event["testID"]), names[event["testID"]]))
    total = run.get("runEnded", 0) - run.get("runStarted", 0)
    return sorted(result, reverse=True), total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(args.events):
        print("slowest test: no event stream (the test command wrote none)")
        return 0
    tests, total = durations(*read_events(args.events))
    if not tests or total <= 0:
        print("slowest test: no test ran")
        return 0
    for seconds, name in tests[1:args.top][::-1]:
        print(f"  {seconds:8.1f} s  {name}")
    seconds, name = tests[0]
    print(f"slowest test: {name} {seconds:.1f} s of the run's {total:.1f} s ({100 * seconds / total:.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
