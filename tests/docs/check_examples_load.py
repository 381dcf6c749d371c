#!/usr/bin/env python3
"""Checks that every TOML example of the docs loads with pgkeel itself.

Usage: check_examples_load.py PGKEEL_BIN ROOT_DIR

Every ```toml fenced block of ROOT_DIR/docs/*.md is written, on its own, to a
temporary .toml file and loaded with `PGKEEL_BIN inspect --from FILE --format json`,
which must exit 0: an example that only makes sense next to another one must declare
what it uses. (Error examples and shell commands are plain ``` blocks and are skipped.)

Prints `ok docs/<file>.md block N (line L)` or `FAIL ...` with pgkeel's error output
per block (its messages name the block's own lines; L is the opening fence, so block
line 1 is document line L + 1), then the counts; exits 1 on any failure.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 60


def toml_blocks(markdown):
    """(line of the opening fence, text) of every ```toml fenced block; text is None
    when the fence is never closed. Same rules as check_json_schema.py."""
    blocks, current, start, fence = [], None, 0, ""
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if current is None:
            if re.fullmatch(r"(```|~~~)\s*toml\b.*", stripped):
                current, start, fence = [], number, stripped[:3]
        elif stripped.startswith(fence) and stripped.strip("`~") == "":
            blocks.append((start, "".join(current)))
            current = None
        else:
            current.append(line)
    if current is not None:
        blocks.append((start, None))
    return blocks


def indent(text):
    return "".join("    " + line for line in text.strip().splitlines(keepends=True))


def main(argv):
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    pgkeel, root = Path(argv[1]), Path(argv[2])
    if not pgkeel.is_file():
        print(f"FAIL pgkeel binary {pgkeel}: not found", file=sys.stderr)
        return 2

    failures = n_blocks = n_docs = 0
    with tempfile.TemporaryDirectory(prefix="pgkeel-doc-examples-") as tmp:
        for doc in sorted((root / "docs").glob("*.md")):
            blocks = toml_blocks(doc.read_text(encoding="utf-8"))
            n_docs += 1 if blocks else 0
            rel = doc.relative_to(root).as_posix()
            for i, (line, text) in enumerate(blocks, start=1):
                n_blocks += 1
                what = f"{rel} block {i} (line {line})"
                if text is None:
                    failures += 1
                    print(f"FAIL {what}: unterminated code fence")
                    continue
                path = Path(tmp) / f"{doc.stem}-block{i}.toml"
                path.write_text(text, encoding="utf-8")
                try:
                    run = subprocess.run([str(pgkeel), "inspect", "--from", str(path), "--format", "json"],
                                         capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    failures += 1
                    print(f"FAIL {what}: pgkeel did not finish in {TIMEOUT_SECONDS} s")
                    continue
                if run.returncode == 0:
                    print(f"ok {what}")
                else:
                    failures += 1
                    output = run.stderr.strip() or run.stdout.strip() or "(no output)"
                    print(f"FAIL {what}: exit {run.returncode}; block line 1 is document line {line + 1}")
                    print(indent(output))

    print(f"loaded {n_blocks} toml blocks in {n_docs} docs files: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
