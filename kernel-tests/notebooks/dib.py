#!/usr/bin/env python3
"""Keeps each notebook's .dib twin (the Polyglot Notebooks text format) in step with its .ipynb, the source.

    dib.py write NOTEBOOK.ipynb...   writes NOTEBOOK.dib next to each notebook
    dib.py check NOTEBOOK.ipynb...   exit status 1 (with a FAILED line) when a .dib is missing or out of date

A .dib is a `#!meta` cell with the notebook's polyglot_notebook metadata, then each cell as `#!markdown` or
`#!KERNEL` (the cell's polyglot_notebook.kernelName, csharp by default), a blank line and its source.
"""
import json
import os
import sys


def to_dib(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    meta = notebook.get("metadata", {}).get("polyglot_notebook", {})
    parts = ["#!meta\n\n" + json.dumps(meta, separators=(",", ":"), ensure_ascii=False) + "\n"]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            kernel = "markdown"
        else:
            kernel = cell.get("metadata", {}).get("polyglot_notebook", {}).get("kernelName", "csharp")
        parts.append(f"#!{kernel}\n\n" + "".join(cell["source"]).rstrip("\n") + "\n")
    return "\n".join(parts)


def main(mode, notebooks):
    status = 0
    for notebook in notebooks:
        twin = os.path.splitext(notebook)[0] + ".dib"
        text = to_dib(notebook)
        if mode == "write":
            with open(twin, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            current = open(twin, encoding="utf-8").read() if os.path.exists(twin) else None
            if current != text:
                print(f"FAILED: {twin} is {'missing' if current is None else 'out of date'}: "
                      f"run kernel-tests/notebooks/dib.py write {notebook}")
                status = 1
    return status


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(f"usage: {sys.argv[0]} write|check NOTEBOOK.ipynb...")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
