"""The conda environment.yml and pyproject.toml name the same packages at the same versions."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^\s*-\s+([A-Za-z0-9_.\-]+(?:\[[^\]]+\])?==[^\s#]+)\s*$")


def _normalise(requirement: str) -> str:
    name, version = requirement.split("==")
    return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}"


def pyproject_pins() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pins.extend(extra)
    return {_normalise(pin) for pin in pins}


def environment_pins() -> set[str]:
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    return {_normalise(m.group(1)) for line in lines if (m := PIN.match(line))}


def test_every_pyproject_pin_is_exact():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert all("==" in pin for pin in project["dependencies"])


def test_environment_yml_matches_pyproject():
    assert environment_pins() == pyproject_pins()


def test_environment_yml_pins_python_311():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^name: framing$", text, re.MULTILINE)
    assert re.search(r"^\s*-\s+python=3\.11\s*$", text, re.MULTILINE)
