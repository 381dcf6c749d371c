#!/usr/bin/env python3
"""Prints the suite's one summary line, "N passed, N failed", from meson's
testlog.json. A doctest binary counts its test cases; any other test counts
as one."""
import json
import re
import sys

DOCTEST = re.compile(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")

passed = failed = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        t = json.loads(line)
        ok = t.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
        m = DOCTEST.findall(t.get("stdout", "") or "")
        if m:
            _, p, fl = (int(x) for x in m[-1])
            passed += p
            failed += fl
            if not ok and fl == 0:
                failed += 1  # crashed or failed outside a test case (sanitizer, exit code)
        elif ok:
            passed += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed")
