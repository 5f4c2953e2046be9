#!/usr/bin/env python3
"""Generates docs/runtime-api.md: every CUDA runtime function Tongxin
declares and its status, from the headers and the runtime sources.

The declarations are read from include/cuda_runtime_api.h (following the
headers it includes, tongxin/runtime_api_*.h) and include/cuda_profiler_api.h;
each function's group is the section banner (//===--- Name ---===//) it is
declared under. Its status comes from where runtime/ defines it:

  runtime/api/NotSupported.cpp           not supported (cudaErrorNotSupported)
  elsewhere                              implemented
  elsewhere, after a comment
  "// tx-api: partial: <reason>"         partial: <reason>

docs/cuda-12.9-runtime-functions.txt lists the functions of CUDA 12.9's
runtime API (cuda_runtime_api.h and cuda_profiler_api.h), one per line;
each must be declared, and each declared function must be defined.

  python3 scripts/runtime-api-table.py          rewrite docs/runtime-api.md
  python3 scripts/runtime-api-table.py --check  fail if it is out of date,
                                                or a function is missing
  python3 scripts/runtime-api-table.py --tsv F  write F instead: one line
      per function, "name<TAB>supported|partial|unsupported<TAB>note", the
      table txmigrate (the migration report) reads; device functions of
      include/ with a "tx-api: partial:" comment are in it too
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
HEADERS = ["cuda_runtime_api.h", "cuda_profiler_api.h"]
RUNTIME = ROOT / "runtime"
NOT_SUPPORTED = RUNTIME / "api" / "NotSupported.cpp"
REFERENCE = ROOT / "docs" / "cuda-12.9-runtime-functions.txt"
OUTPUT = ROOT / "docs" / "runtime-api.md"

BANNER = re.compile(r"^//===--- (.+?) -*===//$", re.M)
INCLUDE_LINE = re.compile(r'^#\s*include\s+"([^"]+)"', re.M)
# A declaration: __host__, a return type, the name, an opening parenthesis.
DECLARATION = re.compile(r"\b__host__\b[^;{}()#]*?\b(cuda\w+)\s*\(")
# A definition starts at column 0: an optional return type, then the name.
DEFINITION = re.compile(r"^(?![\s#/])(?:[^\n(;={}]*?[\s*&])?(cuda\w+)\s*\(", re.M)
PARTIAL = "tx-api: partial:"

NOT_SUPPORTED_STATUS = "not supported (cudaErrorNotSupported)"


class Declaration:
    def __init__(self, name, group, header):
        self.name = name
        self.group = group
        self.header = header


def rel(path):
    return path.relative_to(ROOT).as_posix()


def read_declarations(header, seen, out):
    """Appends the declarations of header, and of the headers it includes
    where it includes them, in order."""
    if header in seen or not header.is_file():
        return
    seen.add(header)
    text = header.read_text()
    events = []
    for m in BANNER.finditer(text):
        events.append((m.start(), "banner", m.group(1)))
    for m in INCLUDE_LINE.finditer(text):
        events.append((m.start(), "include", m.group(1)))
    # Preprocessor lines hold no declarations (but host_defines.h's macros
    # mention __host__).
    code = re.sub(r"^#.*$", lambda m: " " * len(m.group(0)), text, flags=re.M)
    code = re.sub(r"//[^\n]*", lambda m: " " * len(m.group(0)), code)
    for m in DECLARATION.finditer(code):
        events.append((m.start(), "declaration", m.group(1)))
    group = None
    for _, kind, value in sorted(events, key=lambda e: e[0]):
        if kind == "banner":
            group = value
        elif kind == "include":
            read_declarations(INCLUDE / value, seen, out)
        else:
            out.append(Declaration(value, group or "Other", rel(header)))


def declared_functions():
    found, seen = [], set()
    for header in HEADERS:
        read_declarations(INCLUDE / header, seen, found)
    unique, names = [], set()
    for d in found:
        if d.name not in names:
            names.add(d.name)
            unique.append(d)
    return unique


def matching_paren(text, open_at):
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def partial_reason(lines, line_index):
    """The reason of a "tx-api: partial:" comment right above the definition
    starting on lines[line_index] (its return type may sit on the line
    before), or None."""
    i = line_index - 1
    if i >= 0 and lines[i].strip() and not lines[i].startswith("//") and (
            lines[i].rstrip()[-1] not in ";{})"):
        i -= 1  # The return type, on a line of its own.
    comment = []
    while i >= 0 and lines[i].startswith("//"):
        comment.insert(0, lines[i][2:].strip())
        i -= 1
    text = " ".join(comment)
    at = text.find(PARTIAL)
    if at < 0:
        return None
    return text[at + len(PARTIAL):].strip()


def definitions():
    """name -> list of (file, status) for every cuda* function runtime/
    defines."""
    found = {}
    for source in sorted(RUNTIME.rglob("*.cpp")):
        text = source.read_text()
        lines = text.split("\n")
        for m in DEFINITION.finditer(text):
            close = matching_paren(text, m.end() - 1)
            if close < 0:
                continue
            rest = text[close + 1:].lstrip()
            if not rest.startswith("{"):
                continue  # A declaration or a call.
            if source == NOT_SUPPORTED:
                status = NOT_SUPPORTED_STATUS
            else:
                reason = partial_reason(lines, text.count("\n", 0, m.start()))
                status = "partial: " + reason if reason else "implemented"
            found.setdefault(m.group(1), []).append((rel(source), status))
    return found


def reference_functions():
    names = []
    for line in REFERENCE.read_text().splitlines():
        line = line.strip()
        if line:
            names.append(line)
    return names


def render(declared, defined):
    statuses = {}
    for d in declared:
        places = defined.get(d.name)
        statuses[d.name] = places[0][1] if places else "not defined"
    counts = {"implemented": 0, "partial": 0, "not supported": 0}
    for status in statuses.values():
        if status == "implemented":
            counts["implemented"] += 1
        elif status.startswith("partial"):
            counts["partial"] += 1
        elif status == NOT_SUPPORTED_STATUS:
            counts["not supported"] += 1

    out = []
    out.append("# CUDA Runtime API coverage")
    out.append("")
    out.append(
        "Every CUDA 12.9 Runtime API function Tongxin declares, and what it "
        "does. Generated by `scripts/runtime-api-table.py` from the "
        "declarations in `include/cuda_runtime_api.h` (and the "
        "`include/tongxin/runtime_api_*.h` headers it includes) and "
        "`include/cuda_profiler_api.h`, and from where `runtime/` defines "
        "each function; the groups are the headers' section banners. Do not "
        "edit it by hand: regenerate it with "
        "`python3 scripts/runtime-api-table.py`. Its `--check` mode, run by "
        "ctest, fails when this file is out of date, when a function of "
        "CUDA 12.9's runtime API (`docs/cuda-12.9-runtime-functions.txt`) is "
        "not declared, or when a declared function is not defined.")
    out.append("")
    out.append(
        "Status: *implemented*; *partial* (works, within the limit given); "
        "*not supported*: returns `cudaErrorNotSupported` (also what "
        "`cudaGetLastError` then reports) and clears its out-parameters; "
        "`docs/limitations.md` says why.")
    out.append("")
    out.append(
        "%d functions: %d implemented, %d partial, %d not supported." %
        (len(declared), counts["implemented"], counts["partial"],
         counts["not supported"]))
    groups = []
    for d in declared:
        if d.group not in groups:
            groups.append(d.group)
    for group in groups:
        members = [d for d in declared if d.group == group]
        headers = sorted({d.header for d in members})
        out.append("")
        out.append("## %s" % group)
        out.append("")
        out.append("Declared in %s." %
                   ", ".join("`%s`" % h for h in headers))
        out.append("")
        out.append("| Function | Status |")
        out.append("|---|---|")
        for d in members:
            out.append("| `%s` | %s |" % (d.name, statuses[d.name]))
    return "\n".join(out) + "\n", counts


def header_partials():
    """(name, reason) for each function of include/ whose definition has a
    "tx-api: partial:" comment above it (device functions)."""
    found = []
    for header in sorted(INCLUDE.rglob("*.h")):
        lines = header.read_text().split("\n")
        for i, line in enumerate(lines):
            if PARTIAL not in line:
                continue
            comment = [line.split(PARTIAL, 1)[1].strip()]
            j = i + 1
            while j < len(lines) and lines[j].startswith("//"):
                comment.append(lines[j][2:].strip())
                j += 1
            m = re.search(r"(\w+)\s*\(", lines[j]) if j < len(lines) else None
            if m:
                found.append((m.group(1), " ".join(comment)))
    return found


def write_tsv(path, declared, defined):
    lines = ["%s\tpartial\t%s" % item for item in header_partials()]
    for d in declared:
        places = defined.get(d.name)
        status = places[0][1] if places else "not defined"
        if status == "implemented":
            lines.append("%s\tsupported\t" % d.name)
        elif status.startswith("partial: "):
            lines.append("%s\tpartial\t%s" % (d.name, status[9:]))
        else:
            lines.append("%s\tunsupported\t%s" % (d.name, status))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true",
        help="do not write; fail if docs/runtime-api.md is out of date")
    parser.add_argument("--tsv", metavar="FILE",
                        help="write the status table for txmigrate to FILE")
    args = parser.parse_args()

    declared = declared_functions()
    defined = definitions()
    if args.tsv:
        write_tsv(args.tsv, declared, defined)
        return 0
    names = {d.name for d in declared}
    problems = []
    for name in reference_functions():
        if name not in names:
            problems.append("%s: a CUDA 12.9 runtime function, not declared" %
                            name)
    for d in declared:
        places = defined.get(d.name, [])
        if not places:
            problems.append("%s (%s): declared, not defined in runtime/" %
                            (d.name, d.header))
        elif len(places) > 1:
            problems.append("%s: defined more than once: %s" %
                            (d.name, ", ".join(p for p, _ in places)))

    text, counts = render(declared, defined)
    if args.check:
        current = OUTPUT.read_text() if OUTPUT.is_file() else ""
        if current != text:
            problems.append(
                "%s is out of date: run python3 scripts/runtime-api-table.py"
                % rel(OUTPUT))
    else:
        OUTPUT.write_text(text)
        print("wrote %s: %d functions, %d implemented, %d partial, "
              "%d not supported" %
              (rel(OUTPUT), len(declared), counts["implemented"],
               counts["partial"], counts["not supported"]))
    for problem in problems:
        print("runtime-api-table: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
