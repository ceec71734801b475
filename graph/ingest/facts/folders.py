"""Which facts files a folder holds: `deedgraph load DIR` loads them all, as one load."""

from __future__ import annotations

from pathlib import Path

from graph.errors import LoadError, Problem

# The project's naming: seeds/000_28cd22a57464658d.facts.yaml. Other YAML in a folder (the
# seeds' resolution/*.yaml rulebooks, a docker-compose.yml) is not facts and is left alone.
SUFFIXES = (".facts.yaml", ".facts.yml", ".facts.json")


def is_facts_file(path: Path) -> bool:
    return path.name.endswith(SUFFIXES) and path.is_file()


def in_folder(folder: Path) -> list[Path]:
    """Every facts file under the folder and its subfolders (hidden ones skipped), sorted by
    their path inside it, so the same folder always loads in the same order."""
    found = [
        path
        for path in folder.rglob("*")
        if is_facts_file(path)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def facts_files(paths: list[Path]) -> list[Path]:
    """Files as given, folders as the facts files they hold; a folder holding none is a
    problem (LoadError naming it), as is a file given twice (it would load twice)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = in_folder(path)
            if not found:
                named = ", ".join("*" + suffix for suffix in SUFFIXES)
                problems.append(Problem(str(path), None, "", f"the folder holds no {named} file"))
            files.extend(found)
        else:
            files.append(path)
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key in seen:
            problems.append(Problem(str(path), None, "", "given more than once"))
        seen.add(key)
    if problems:
        raise LoadError(problems)
    return files
