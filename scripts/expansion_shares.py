#!/usr/bin/env python3
"""What the derives write for one area of msgraph-intune, by kind: lines of the expanded crate
attributed to the item that holds them (the Deserialize impl, the patch's setters, the builder,
the standard derives...). Lines are a proxy for the compiler's front-end work, which is where
msgraph-intune's build time goes (it has next to no code generation).

    RUSTC_BOOTSTRAP=1 cargo rustc -q -p msgraph-intune --features device-config-windows \
        --target-dir /tmp/expand -- -Zunpretty=expanded > /tmp/expanded.rs
    python3 scripts/expansion_shares.py /tmp/expanded.rs
"""
import collections
import re
import sys

# First match wins: the header of an item (its first line) decides its kind.
KINDS = [
    (r"Serialize for \w+Patch\b", "patch: Serialize"),
    (r"Serialize for", "Serialize"),
    (r"Deserialize<'de> for|impl<'de>", "Deserialize (and its visitors)"),
    (r"impl\s+\w+Patch\s*\{", "patch: between and setters"),
    (r"struct \w+Patch\b|for \w+Patch\b", "patch: struct and derives"),
    (r"\bCreate[A-Z]\w*|mod __create", "create builder"),
    (r"(for|enum) \w+Property\b", "property enum and derives"),
    (r"(for|enum) \w+Navigation\b", "navigation enum and derives"),
    (r"PropertyNames for", "property names (the reader's match)"),
    (r"::(PartialEq|Clone|Debug|Default|Hash|Eq|Copy) for", "std derives of models"),
    (r"^(pub )?(enum|struct)\b", "type declarations"),
    (r"^impl\s+\w+\s*\{", "inherent impls (get, list, operations)"),
    (r"^impl\b", "other trait impls"),
]


def kind_of(line):
    for pattern, kind in KINDS:
        if re.search(pattern, line):
            return kind
    return None


def main(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    open_items, depth = [], 0
    shares = collections.Counter()
    for line in lines:
        text = line.strip()
        kind = kind_of(text) if text and not text.startswith(("#", "//")) else None
        if kind:
            open_items.append((kind, depth))
        shares[open_items[-1][0] if open_items else "modules, uses, docs"] += 1
        depth += line.count("{") - line.count("}")
        while open_items and depth <= open_items[-1][1] and text.endswith(("}", ";", "},")):
            open_items.pop()
    total = sum(shares.values())
    print(f"| kind | lines | share |\n|---|---:|---:|")
    for kind, count in shares.most_common():
        print(f"| {kind} | {count:,} | {100 * count / total:.1f} % |")
    print(f"| all | {total:,} | |")


if __name__ == "__main__":
    main(sys.argv[1])
