#!/usr/bin/env python3
"""Attributes the code section of a wasm file to crates, using its name section.

Usage: bench/wasm-breakdown.py FILE.wasm [--top N] [--grep REGEX]

Needs a build that kept function names (see README, "Performance": a release build with
`wasm-opt -Oz -g`, or the raw rustc output before wasm-bindgen). Prints bytes of function bodies
per crate (the first path segment of the demangled name, generic arguments ignored), per section,
and the largest functions. Standard library only.
"""
import os
import re
import sys
from collections import defaultdict


APP = os.environ.get("APP_CRATE", "lumo_portal")


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = leb(data, pos + 1)
        yield sid, body, body + size
        pos = body + size


def read_name(data, pos):
    n, pos = leb(data, pos)
    return data[pos:pos + n].decode("utf-8", "replace"), pos + n


def demangle(name):
    """Legacy Rust mangling (_ZN...E) to a path; v0 and C names pass through."""
    if name.startswith("_ZN"):
        pos, parts = 3, []
        while pos < len(name) and name[pos].isdigit():
            m = re.match(r"\d+", name[pos:])
            n = int(m.group())
            pos += len(m.group())
            parts.append(name[pos:pos + n])
            pos += n
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        path = "::".join(parts)
        for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"),
                           ("$C$", ","), ("$u7b$", "{"), ("$u7d$", "}"), ("$BP$", "*"),
                           ("$u5b$", "["), ("$u5d$", "]"), ("$u27$", "'"), ("$LP$", "("),
                           ("$RP$", ")"), ("..", "::"), ("$u3b$", ";"), ("$u2b$", "+"),
                           ("$u22$", '"'), ("$u7e$", "~"), ("$u3d$", "=")):
            path = path.replace(code, char)
        return path
    return name


def crate_of(path):
    """The crate a function belongs to: for `<A as B>::f`, the crate of A (the implementor)."""
    p = path.lstrip("<&*")
    if p.startswith("mut "):
        p = p[4:]
    if p.startswith("dyn "):
        p = p[4:]
    if p.startswith("["):
        p = p[1:]
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", p)  # v0 names read crate[hash]::path
    return m.group() if m else "?"


def main():
    args = sys.argv[1:]
    top = 30
    grep = None
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    if "--grep" in args:
        i = args.index("--grep")
        grep = re.compile(args[i + 1])
        del args[i:i + 2]
    data = open(args[0], "rb").read()
    imported = 0
    bodies = []
    names = {}
    section_sizes = defaultdict(int)
    for sid, start, end in sections(data):
        label = {0: "custom", 1: "type", 2: "import", 3: "function", 5: "memory", 6: "global",
                 7: "export", 9: "elem", 10: "code", 11: "data"}.get(sid, str(sid))
        if sid == 0:
            cname, _ = read_name(data, start)
            label = f"custom:{cname}"
        section_sizes[label] += end - start
        if sid == 2:
            count, pos = leb(data, start)
            for _ in range(count):
                _, pos = read_name(data, pos)
                _, pos = read_name(data, pos)
                kind = data[pos]
                pos += 1
                if kind == 0:
                    _, pos = leb(data, pos)
                    imported += 1
                elif kind == 1:
                    pos += 1
                    flags, pos = leb(data, pos)
                    _, pos = leb(data, pos)
                    if flags & 1:
                        _, pos = leb(data, pos)
                elif kind == 2:
                    flags, pos = leb(data, pos)
                    _, pos = leb(data, pos)
                    if flags & 1:
                        _, pos = leb(data, pos)
                elif kind == 3:
                    pos += 2
        elif sid == 10:
            count, pos = leb(data, start)
            for _ in range(count):
                size, body = leb(data, pos)
                bodies.append(body + size - pos)
                pos = body + size
        elif sid == 0:
            cname, pos = read_name(data, start)
            if cname == "name":
                while pos < end:
                    sub = data[pos]
                    size, body = leb(data, pos + 1)
                    if sub == 1:
                        count, p = leb(data, body)
                        for _ in range(count):
                            idx, p = leb(data, p)
                            nm, p = read_name(data, p)
                            names[idx] = nm
                    pos = body + size
    print(f"{args[0]}: {len(data):,} bytes")
    for label, size in sorted(section_sizes.items(), key=lambda kv: -kv[1]):
        print(f"  section {label:<28} {size:>10,}")
    if not names:
        print("no name section: build with names kept (wasm-opt -g) for a per-crate breakdown")
        return
    per_crate = defaultdict(int)
    per_crate_n = defaultdict(int)
    funcs = []
    total = sum(bodies)
    for i, size in enumerate(bodies):
        path = demangle(names.get(imported + i, f"func{imported + i}"))
        funcs.append((size, path))
        crate = crate_of(path)
        per_crate[crate] += size
        per_crate_n[crate] += 1
    # Generic instances: a function whose name mentions the app's own code (a closure, a
    # component) was instantiated for it, whatever crate the generic code lives in.
    per_module = defaultdict(int)
    for size, path in funcs:
        m = re.search(APP + r"(?:\[[0-9a-f]+\])?::((?:[a-z_0-9]+::){0,2})", path)
        if m:
            mod = "::".join(x for x in m.group(1).split("::")[:2] if x and not x.startswith("__"))
            per_module[mod or "(root)"] += size
    print(f"\ncode: {len(bodies):,} functions, {total:,} bytes; by crate (implementor):")
    for crate, size in sorted(per_crate.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {crate:<28} {size:>10,} {100 * size / total:5.1f}%  {per_crate_n[crate]:>6} fns")
    if per_module:
        app_total = sum(per_module.values())
        print(f"\nfunctions naming {APP} (its code and generic code instantiated for it): "
              f"{app_total:,} bytes, {100 * app_total / total:.1f}%; by module:")
        for mod, size in sorted(per_module.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {mod:<40} {size:>10,}")
    if grep:
        sel = [(s, p) for s, p in funcs if grep.search(p)]
        print(f"\nmatching {grep.pattern!r}: {len(sel)} fns, {sum(s for s, _ in sel):,} bytes")
        funcs = sel
    print(f"\nlargest functions:")
    for size, path in sorted(funcs, reverse=True)[:top]:
        print(f"  {size:>8,}  {path[:150]}")


if __name__ == "__main__":
    main()
