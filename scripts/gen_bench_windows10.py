#!/usr/bin/env python3
"""Regenerates the windows10GeneralConfiguration data of the run-time benches from the model.

Reads graph-intune/src/device_config_windows/windows10_general_configuration.rs (and the
enum and complex-type files it uses) and writes:

- bench/data/windows10_general_configuration.json: one object with every property set to a
  plausible value, in field order, `@odata.type` first (the bytes every serializer must write);
- bench/src/windows10_fields.rs: the field list of the hand-written baseline, as one
  `manual_model!` invocation (same Rust field types as the model, Graph names spelled out),

Run it after the model changes: `python3 scripts/gen_bench_windows10.py`. The bench's tests
check that the derive, the baseline and the JSON document still agree byte for byte.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "graph-intune", "src")
ENTITY = os.path.join(MODELS, "device_config_windows", "windows10_general_configuration.rs")
FIELD_RE = re.compile(r"^\s+pub (\w+): (.+),$")
DOC_RE = re.compile(r"^\s+/// `([^`]+)`")


def snake(pascal):
    out = []
    for i, ch in enumerate(pascal):
        if ch.isupper() and i > 0:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def find_type_file(name):
    # `AnyX` is the generated enum over a polymorphic type and its derived types; the value
    # written for it is an `X` itself.
    if name.startswith("Any") and not any(
        snake(name) + ".rs" in files for _, _, files in os.walk(MODELS)
    ):
        name = name[len("Any") :]
    wanted = snake(name) + ".rs"
    for dirpath, _, files in os.walk(MODELS):
        if wanted in files:
            return os.path.join(dirpath, wanted)
    sys.exit(f"no file for type {name} ({wanted})")


def read_fields(path):
    """(rust name, rust type, graph name) of each field but the additional-properties one."""
    fields, graph_name = [], None
    for line in open(path, encoding="utf-8"):
        doc = DOC_RE.match(line)
        if doc:
            graph_name = doc.group(1)
            continue
        field = FIELD_RE.match(line)
        if field and field.group(2) != "AdditionalProperties":
            fields.append((field.group(1), field.group(2), graph_name))
            graph_name = None
    return fields


def enum_members(name):
    """The Graph names of an enum's members, read from each variant's doc line."""
    text = open(find_type_file(name), encoding="utf-8").read()
    body = text[text.index("pub enum") :]
    members, documented = [], None
    for line in body.splitlines()[1:]:
        line = line.strip()
        found = re.match(r"/// `([^`]+)`\.$", line)
        if found:
            documented = found.group(1)
            continue
        if re.match(r"^[A-Z]\w*,$", line) and documented:
            members.append(documented)
        documented = None
        if line == "}" or line == "#[graph(other)]":
            break
    return members


def odata_type(path):
    return "#" + re.search(r'odata_type = "([^"]+)"', open(path, encoding="utf-8").read()).group(1)


def words(graph_name):
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", graph_name)
    return spaced[0].upper() + spaced[1:]


def value_for(rust_type, graph_name, index):
    optional = re.fullmatch(r"Option<(.+)>", rust_type)
    return value_of(optional.group(1) if optional else rust_type, graph_name, index)


def value_of(inner, graph_name, index):
    if inner == "bool":
        return index % 3 != 0
    if inner == "i32":
        if graph_name.endswith("Percentage"):
            return 30 + index % 60
        return 1 + (index * 7) % 365
    if inner == "String":
        if "EndPoint" in graph_name or "Url" in graph_name or "Authority" in graph_name:
            return f"https://{graph_name.lower()}.contoso.com/"
        return f"{words(graph_name)} value"
    if inner == "Vec<String>":
        return [f"{words(graph_name)} value {n}" for n in (1, 2)]
    if inner == "DateTimeOffset":
        return f"2017-01-01T00:0{index % 10}:{index % 60:02}.{index:07}-08:00"
    if inner == "TimeOfDay":
        return f"{index % 24:02}:58:24.7240000"
    if inner == "Binary":
        return "YmluYXJ5IHZhbHVl"
    items = re.fullmatch(r"Vec<(.+)>", inner)
    if items:
        return [value_of(items.group(1), graph_name, index + n) for n in (0, 1)]
    flags = re.fullmatch(r"Flags<(\w+)>", inner)
    if flags:
        return ",".join(enum_members(flags.group(1))[1:3])
    path = find_type_file(inner)
    text = open(path, encoding="utf-8").read()
    if "GraphEnum)]" in text:
        members = enum_members(inner)
        return members[(index % (len(members) - 1)) + 1] if len(members) > 1 else members[0]
    value = {"@odata.type": odata_type(path)}
    for nested_index, (_, nested_type, nested_name) in enumerate(read_fields(path)):
        value[nested_name] = value_for(nested_type, nested_name, index + nested_index)
    return value


def main():
    fields = read_fields(ENTITY)
    document = {"@odata.type": odata_type(ENTITY)}
    for index, (rust_name, rust_type, graph_name) in enumerate(fields):
        document[graph_name] = value_for(rust_type, graph_name, index)
    document["id"] = "e71fa706-a706-e71f-06a7-1fe706a71fe7"
    document["displayName"] = "Display Name value"
    data = os.path.join(ROOT, "bench", "data", "windows10_general_configuration.json")
    with open(data, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
        out.write("\n")

    lines = [
        "// Generated by `python3 scripts/gen_bench_windows10.py` from the msgraph-intune model. Do not edit by hand.",
        "",
        "manual_model! {",
        "    /// `windows10GeneralConfiguration` written without the derive: hand-written `Serialize`,",
        "    /// `#[derive(serde::Deserialize)]` with the tag checked, the model's field types.",
        f'    ManualWindows10GeneralConfiguration = "{odata_type(ENTITY)}" {{',
    ]
    for rust_name, rust_type, graph_name in fields:
        inner = re.fullmatch(r"Option<(.+)>", rust_type).group(1)
        lines.append(f'        {rust_name}: {inner} = "{graph_name}",')
    lines += ["    }", "}", ""]
    with open(os.path.join(ROOT, "bench", "src", "windows10_fields.rs"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    print(f"{len(fields)} properties written")


if __name__ == "__main__":
    main()
