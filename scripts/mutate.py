#!/usr/bin/env python3
"""Mutation catalog runner: breaks one documented promise at a time in a scratch copy of the
tree and checks that the tests named for it fail.

    scripts/mutate.py [--only NAME[,NAME…]] [--list] [--keep]
    scripts/mutate.py --validate [--catalog FILE]

`--validate` builds nothing: it checks that every entry names an existing file in which its text
occurs exactly once, has a unique name and a test filter, and says which entries do not.

Each entry of scripts/mutations.json names the promise it breaks, the source file, an exact text
that must occur once in it, its replacement, and a `swift test --filter` expression for the tests
that must catch it. The scratch copy lives in .build-mutate/tree (git-ignored) and keeps its build
between runs, so each mutation costs an incremental build and the named tests. The last line is
`mutations: K of N caught`; a survivor, or an entry whose text no longer occurs, is named and
makes the exit status 1.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(ROOT, "scripts", "mutations.json")
SCRATCH = os.path.join(ROOT, ".build-mutate", "tree")
COPIED = ["Package.swift", "Sources", "Plugins", "Tests", "migrations", "fixtures", "scripts", ".env.dev"]


def sync_file(source, target):
    """Copies `source` over `target` when their bytes differ (times kept, so nothing else rebuilds)."""
    if os.path.exists(target):
        with open(source, "rb") as a, open(target, "rb") as b:
            if a.read() == b.read():
                return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(source, target)


def copy_link(source, target):
    """Makes `target` the same symbolic link as `source` (Sources/BundledFiles/migrations)."""
    if os.path.islink(target) and os.readlink(target) == os.readlink(source):
        return
    if os.path.lexists(target):
        os.remove(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.symlink(os.readlink(source), target)


def sync_tree():
    """Makes the scratch copy's sources equal to the checkout's (its .build stays)."""
    os.makedirs(SCRATCH, exist_ok=True)
    for name in COPIED:
        source = os.path.join(ROOT, name)
        target = os.path.join(SCRATCH, name)
        if not os.path.isdir(source):
            sync_file(source, target)
            continue
        wanted = set()
        for folder, dirs, files in os.walk(source):
            for link in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                copy_link(os.path.join(folder, link), os.path.join(target, os.path.relpath(os.path.join(folder, link), source)))
            for file in files:
                relative = os.path.relpath(os.path.join(folder, file), source)
                wanted.add(relative)
                sync_file(os.path.join(source, relative), os.path.join(target, relative))
        for folder, _, files in os.walk(target):
            for file in files:
                relative = os.path.relpath(os.path.join(folder, file), target)
                if relative not in wanted:
                    os.remove(os.path.join(target, relative))


def test_environment():
    """The process environment with TEST_DATABASE_URL set as `make test` sets it, so the
    database tests run instead of being skipped."""
    env = dict(os.environ)
    if not env.get("TEST_DATABASE_URL"):
        url = subprocess.run([os.path.join(ROOT, "scripts", "env.sh"), "database-url", "test"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        env["TEST_DATABASE_URL"] = url
    return env


TEST_TIMEOUT = 900


def run(command, log, timeout=None):
    """Runs `command` in the scratch copy; a run past `timeout` seconds is stopped and counts as failed."""
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=SCRATCH, stdout=out, stderr=subprocess.STDOUT, env=test_environment(),
                                   start_new_session=True)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            out.write(f"\nmutate: stopped after {timeout} s\n")
            return 124


def apply(mutation):
    path = os.path.join(SCRATCH, mutation["file"])
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    count = text.count(mutation["find"])
    if count != 1:
        return f"the text to replace occurs {count} times in {mutation['file']} (the catalog entry is stale)"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(mutation["find"], mutation["replace"]))
    return None


REQUIRED = ("name", "section", "promise", "file", "find", "replace", "tests")


def problems_of(catalog):
    """(entry name, what makes it unusable) for entries of `catalog`, checked against the checkout (no build)."""
    problems, seen = [], set()
    for index, mutation in enumerate(catalog):
        name = mutation.get("name", f"entry {index + 1}")
        missing = [key for key in REQUIRED if key not in mutation or (key != "replace" and not mutation[key])]
        if missing:
            problems.append((name, f"lacks {', '.join(missing)}"))
            continue
        if name in seen:
            problems.append((name, "the name is used twice"))
        seen.add(name)
        if mutation["find"] == mutation["replace"]:
            problems.append((name, "the replacement changes nothing"))
        path = os.path.join(ROOT, mutation["file"])
        if not os.path.isfile(path):
            problems.append((name, f"{mutation['file']} does not exist"))
            continue
        with open(path, encoding="utf-8") as handle:
            count = handle.read().count(mutation["find"])
        if count != 1:
            problems.append((name, f"the text to replace occurs {count} times in {mutation['file']}"))
    return problems


def validate(catalog):
    """Prints each unusable entry and a verdict line; 0 when every entry can be applied."""
    problems = problems_of(catalog)
    for name, problem in problems:
        print(f"mutate: {name}: {problem}")
    print(f"mutations: {len(catalog) - len({name for name, _ in problems})} of {len(catalog)} entries usable")
    return 0 if not problems else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated mutation names")
    parser.add_argument("--list", action="store_true", help="list the catalog and exit")
    parser.add_argument("--validate", action="store_true", help="check every entry against the checkout, build nothing")
    parser.add_argument("--catalog", default=CATALOG, help="the catalog to read (default: scripts/mutations.json)")
    args = parser.parse_args()
    with open(args.catalog, encoding="utf-8") as handle:
        catalog = json.load(handle)
    if args.validate:
        return validate(catalog)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {m["name"] for m in catalog}
        if unknown:
            sys.exit(f"mutate: unknown mutation(s): {', '.join(sorted(unknown))}")
        catalog = [m for m in catalog if m["name"] in wanted]
    if args.list:
        for m in catalog:
            print(f"{m['name']:<44} [{m['section']}] {m['promise']}")
        return 0
    logs = os.path.join(ROOT, ".build-mutate", "logs")
    os.makedirs(logs, exist_ok=True)
    sync_tree()
    print("mutate: building the unmutated scratch copy", flush=True)
    if run(["swift", "build", "--build-tests"], os.path.join(logs, "baseline-build.log")) != 0:
        sys.exit("mutate: the unmutated tree does not build; see .build-mutate/logs/baseline-build.log")
    caught, problems = 0, []
    for mutation in catalog:
        name = mutation["name"]
        sync_tree()
        problem = apply(mutation)
        if problem:
            problems.append(f"{name}: {problem}")
            print(f"  STALE    {name}: {problem}", flush=True)
            continue
        build_log = os.path.join(logs, f"{name}.build.log")
        if run(["swift", "build", "--build-tests"], build_log) != 0:
            problems.append(f"{name}: the mutated tree does not build (see {build_log})")
            print(f"  NOBUILD  {name}", flush=True)
            continue
        test_log = os.path.join(logs, f"{name}.test.log")
        status = run(["swift", "test", "--skip-build", "--filter", mutation["tests"]], test_log, timeout=TEST_TIMEOUT)
        with open(test_log, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
            ran = "Test run with 0 tests" not in text and "TEST_DATABASE_URL is unset" not in text
        if status != 0 and ran:
            caught += 1
            print(f"  caught   {name}", flush=True)
        else:
            problems.append(f"{name}: SURVIVED — {mutation['promise']} (tests: {mutation['tests']})")
            print(f"  SURVIVED {name}", flush=True)
    sync_tree()
    for problem in problems:
        print(f"mutate: {problem}")
    print(f"mutations: {caught} of {len(catalog)} caught")
    return 0 if caught == len(catalog) else 1


if __name__ == "__main__":
    sys.exit(main())
