#!/usr/bin/env python3
"""Check that every C code block of docs/driver.md is a verbatim excerpt of a
file that is compiled (sw/driver/examples/*.c, sw/driver/include/*.h), so the
programmer's guide cannot drift from code that builds. Whitespace runs are
compared as one space; blank lines are ignored.

    check_doc_snippets.py [DOC] [SOURCE...]
"""
import glob
import re
import sys


def norm(line):
    return re.sub(r"\s+", " ", line.strip())


def lines_of(text):
    return [norm(l) for l in text.splitlines() if l.strip()]


def contains(hay, needle):
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def main(argv):
    doc = argv[1] if len(argv) > 1 else "docs/driver.md"
    srcs = argv[2:] or sorted(glob.glob("sw/driver/examples/*.c") + glob.glob("sw/driver/include/*.h"))
    text = open(doc, encoding="utf-8").read()
    blocks = re.findall(r"^```c\n(.*?)^```", text, re.S | re.M)
    bodies = {s: lines_of(open(s, encoding="utf-8").read()) for s in srcs}
    bad = 0
    for i, b in enumerate(blocks, 1):
        want = lines_of(b)
        if not any(contains(body, want) for body in bodies.values()):
            bad += 1
            print(f"{doc}: C block {i} (starting '{want[0] if want else ''}') is not an excerpt "
                  f"of any of {len(srcs)} source files")
    print(f"{doc}: {len(blocks)} C blocks, {bad} not found in the sources")
    return 1 if bad or not blocks else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
