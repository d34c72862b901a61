#!/usr/bin/env python3
"""Records the structure of the real gcloud's `--help` manual pages for the simulated gcloud.

Writes Sources/Shell/GCloud/GCloudHelpPages.swift: for each command the course uses, its sections in order.
NAME, SYNOPSIS, GCLOUD WIDE FLAGS and NOTES are mirrored; flag and argument lists keep every flag's signature
and only the first sentence of its description (long prose is not copied); AVAILABLE PROPERTIES keeps the
properties the simulation knows. DESCRIPTION and EXAMPLES are written in our own words in GCloudHelp.swift
(recorded here as nil). Run: python3 Tests/Oracles/record_gcloud_help.py (needs gcloud; works offline).
"""
import os, re, subprocess, tempfile, textwrap, pathlib

COMMANDS = ["config set", "config get", "config get-value", "config unset", "config list",
            "container clusters create", "container clusters list", "container clusters describe",
            "container clusters get-credentials", "container clusters delete", "container clusters resize",
            "container clusters update", "container node-pools create", "container node-pools list",
            "container node-pools describe", "container node-pools delete", "container get-server-config",
            "compute instances list"]
OURS = {"DESCRIPTION", "EXAMPLES"}
MIRRORED = {"NAME", "SYNOPSIS", "GCLOUD WIDE FLAGS", "NOTES"}
KNOWN_PROPERTIES = {"core": ["account", "disable_prompts", "project", "verbosity"], "compute": ["region", "zone"],
                    "container": ["cluster", "use_application_default_credentials"]}
SENTENCE_END = re.compile(r"(\S+)\.(?=\s+[A-Z(])")


def first_sentence(text):
    for m in SENTENCE_END.finditer(text):
        if m.group(1).lower() not in ("e.g", "i.e", "etc", "vs", "(e.g", "(i.e"):
            return text[: m.end()]
    return text


def wrap(text, indent):
    return textwrap.wrap(text, width=80 - indent, break_long_words=False, break_on_hyphens=False) or [""]


def sections(page):
    out, name, body = [], None, []
    for line in page.split("\n"):
        if re.fullmatch(r"[A-Z][A-Z ]*", line):
            if name: out.append((name, body))
            name, body = line, []
        elif name:
            body.append(line)
    if name: out.append((name, body))
    return [(n, "\n".join(b).rstrip("\n")) for n, b in out]


def paragraphs(body):
    """(indent, [lines]) runs of non-blank lines with the same indentation."""
    runs = []
    for line in body.split("\n"):
        if not line.strip():
            runs.append(None); continue
        ind = len(line) - len(line.lstrip(" "))
        if runs and runs[-1] is not None and runs[-1][0] == ind:
            runs[-1][1].append(line.strip())
        else:
            runs.append((ind, [line.strip()]))
    return runs


def trim_flags(body):
    """Keeps item signatures (odd indent: 5, 7, 9 …) and the first sentence of each item's first paragraph."""
    out, expect_desc = [], None
    for run in paragraphs(body):
        if run is None: continue
        ind, lines = run
        if ind % 2 == 1:
            signature = re.fullmatch(r"--\S+(, -\w \S+)?(; default=\S+)?", lines[0]) is not None
            positional = re.match(r"[A-Z\[]", lines[0]) and ind <= 5 and not lines[0].endswith(":") \
                and " " not in lines[0].split("=")[0].strip("[]. ")
            label = lines[-1].endswith(":") and not lines[0].startswith(("$", "--"))
            if not (signature or positional or label):
                continue  # code of an example, or prose at an item's indent
            if out: out.append("")
            if signature or positional:
                out += [" " * ind + l for l in lines]
                expect_desc = ind + 3
            else:
                out += [" " * ind + l for l in wrap(first_sentence(" ".join(lines)), ind)]
                expect_desc = None
        elif ind == expect_desc:
            out += [" " * ind + l for l in wrap(first_sentence(" ".join(lines)), ind)]
            expect_desc = None
    return "\n".join(out)


def trim_properties(body):
    out, section, prop = [], None, None
    for run in paragraphs(body):
        if run is None: continue
        ind, lines = run
        if ind == 5:
            section = lines[0]
            if section in KNOWN_PROPERTIES: out.append("     " + section)
            prop = None
        elif ind == 9 and section in KNOWN_PROPERTIES:
            prop = lines[0] if lines[0] in KNOWN_PROPERTIES[section] else None
            if prop:
                if out[-1].strip() != section: out.append("")
                out.append("         " + prop)
        elif ind == 12 and prop:
            out += ["            " + l for l in wrap(first_sentence(" ".join(lines)), 12)]
            prop = None
    return "\n".join(out)


def record(cmd, config):
    env = dict(os.environ, PAGER="cat", CLOUDSDK_CONFIG=config, CLOUDSDK_CORE_DISABLE_USAGE_REPORTING="true",
               CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK="true", TERM="dumb")
    raw = subprocess.run(["gcloud"] + cmd.split() + ["--help"], env=env, capture_output=True, text=True).stdout
    page = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    result = []
    for name, body in sections(page):
        if name in OURS: result.append((name, None))
        elif name in MIRRORED: result.append((name, body))
        elif name == "AVAILABLE PROPERTIES": result.append((name, trim_properties(body)))
        else: result.append((name, trim_flags(body)))
    return result


def swift_string(s):
    return '"""\n' + s.replace("\\", "\\\\") + '\n"""'


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as config:
        pages = {cmd: record(cmd, config) for cmd in COMMANDS}
    lines = ["// Generated by Tests/Oracles/record_gcloud_help.py from the real gcloud's `--help` pages: regenerate, do not edit.",
             "// Sections in order; flag lists keep each flag's signature and the first sentence of its description.",
             "// nil bodies (DESCRIPTION, EXAMPLES) are ours, in GCloudHelp.swift.", "",
             "enum GCloudHelpPages {", "    static let pages: [String: [(String, String?)]] = ["]
    for cmd in COMMANDS:
        lines.append(f'        "{cmd}": [')
        for name, body in pages[cmd]:
            lines.append(f'            ("{name}", {"nil" if body is None else swift_string(body)}),')
        lines.append("        ],")
    lines += ["    ]", "}", ""]
    (root / "Sources/Shell/GCloud/GCloudHelpPages.swift").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
