#!/usr/bin/env python3
"""Make the "new" side of a benchmark pair from a schema gen_schema.py wrote.

    tools/bench/mutate_schema.py OLD.sql > NEW.sql

Deterministic edits a real change set would make, spread over the schema: of
every ten tables, one gains a column, one widens a varchar (binary coercible),
one loses its first index, one gains an index, one gets a NOT NULL column made
nullable; every fifth view is dropped; every enum gains a label at the end.
Standard library only.
"""

import re
import sys


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    out = []
    table = -1
    view = -1
    skip_index_of = None
    for stmt in re.split(r"(?<=;)\n", text):
        body = stmt.strip()
        m = re.match(r"(?:--[^\n]*\n|\s)*CREATE TABLE (\S+) \(", body)
        if m:
            table += 1
            name = m.group(1)
            k = table % 10
            if k == 0:
                stmt = stmt.replace(" (\n", " (\n    mutated_note text,\n", 1)
            elif k == 3:
                stmt = re.sub(r"varchar\((\d+)\)", lambda v: "varchar(%d)" % (int(v.group(1)) + 16), stmt, count=1)
            elif k == 5:
                skip_index_of = name
            elif k == 7:
                short = name.split(".")[-1][:50]
                stmt = stmt + "\nCREATE INDEX %s_mx ON %s (id DESC);" % (short, name)
            elif k == 9:
                stmt = re.sub(r"(\n    (?!id )\w+ (?:text|integer|boolean|date)) NOT NULL", r"\1", stmt, count=1)
            out.append(stmt)
            continue
        if body.startswith("CREATE INDEX") and skip_index_of and (" ON %s " % skip_index_of) in body:
            skip_index_of = None
            continue
        if body.startswith("CREATE VIEW") or "\nCREATE VIEW" in body:
            view += 1
            if view % 5 == 0:
                continue
        if "AS ENUM (" in body:
            stmt = re.sub(r"\);$", ", 'mutated');", stmt)
        out.append(stmt)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
