#!/usr/bin/env python3
"""Prepares a notebook for a headless run and checks the executed result.

prepare IN OUT PACKAGES VERSION: copy IN to OUT, pointing `#i "nuget: …"` at PACKAGES and `#r "nuget: SsNotebook…"`
at VERSION.
execute IN OUT CWD: run IN on the .net-csharp kernel with CWD as the kernel's working directory (so a notebook's
relative paths work as when it is opened from its own folder) and write OUT, even when a cell fails (the cells run
so far keep their outputs, which shows what went wrong).
check NOTEBOOK: every code cell must have run without error, except cells tagged `raises-exception`, which must
have failed; a cell's metadata `ssnotebook.expect` lists strings its outputs must contain, `ssnotebook.reject`
strings they must not.
"""
import json
import re
import sys
import traceback


def prepare(source, target, packages, version):
    with open(source, encoding="utf-8") as f:
        notebook = json.load(f)
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        text = "".join(cell["source"])
        text = re.sub(r'^#i "nuget:[^"]*"', f'#i "nuget: {packages}"', text, flags=re.M)
        text = re.sub(r'^#r "nuget: ?SsNotebook[^"]*"', f'#r "nuget: SsNotebook, {version}"', text, flags=re.M)
        cell["source"] = text.splitlines(keepends=True)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(notebook, f, indent=1, ensure_ascii=False)


def execute(source, target, cwd):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name=".net-csharp", resources={"metadata": {"path": cwd}})
    try:
        client.execute()
        return True
    except CellExecutionError as error:
        print(f"FAILED: {source}: a cell failed unexpectedly:\n{str(error)[-3000:]}")
    except Exception:  # a dead kernel or a timeout: report it the same way, and keep the partial notebook
        print(f"FAILED: {source}: execution stopped:\n{traceback.format_exc()[-3000:]}")
    finally:
        nbformat.write(notebook, target)
    return False


def output_text(output):
    parts = []
    if "text" in output:
        parts.append("".join(output["text"]))
    for value in output.get("data", {}).values():
        parts.append("".join(value) if isinstance(value, list) else json.dumps(value))
    if output.get("output_type") == "error":
        parts.append(output.get("ename", "") + ": " + output.get("evalue", ""))
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def check(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        label = f"cell {index} ({''.join(cell['source']).splitlines()[0] if cell['source'] else ''})"
        outputs = cell.get("outputs", [])
        text = "\n".join(output_text(o) for o in outputs)
        errored = any(o.get("output_type") == "error" for o in outputs)
        expects_error = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        if errored and not expects_error:
            problems.append(f"{label}: unexpected error: {text[:2000]}")
        if expects_error and not errored:
            problems.append(f"{label}: expected an error")
        expectations = cell.get("metadata", {}).get("ssnotebook", {})
        for expected in expectations.get("expect", []):
            if expected not in text:
                problems.append(f"{label}: missing expected output {expected!r}")
        for rejected in expectations.get("reject", []):
            if rejected in text:
                problems.append(f"{label}: output must not contain {rejected!r}")
    for problem in problems:
        print("FAILED: " + path + ": " + problem)
    return not problems


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(*sys.argv[2:6])
    elif sys.argv[1] == "execute":
        sys.exit(0 if execute(*sys.argv[2:5]) else 1)
    elif sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    else:
        sys.exit(f"usage: {sys.argv[0]} prepare IN OUT PACKAGES VERSION | execute IN OUT CWD | check NOTEBOOK")
