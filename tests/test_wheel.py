"""A wheel carries everything a build needs: installed outside the checkout, it builds
the sample briefs into the same site, byte for byte, as the checkout does."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = ("generator", "site_templates", "pyproject.toml", "README.md")


def tree_digest(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    finished = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_a_wheel_installed_outside_the_checkout_builds_the_same_site(tmp_path):
    source = tmp_path / "source"  # pip wheel writes build/ and egg-info into the tree it builds
    for name in SHIPPED:
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy2
        copy(PROJECT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if name == "generator" else {}))
    run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(tmp_path / "dist"), "-q"], source)
    wheel = next((tmp_path / "dist").glob("briefing-*.whl"))

    # A fresh environment with the wheel alone; its dependencies are this one's, reached by a
    # path line (which, unlike an editable install's hook, cannot import the checkout).
    fresh = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], tmp_path)
    fresh_python = fresh / "bin" / "python"
    fresh_site = Path(subprocess.check_output([fresh_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    run([sys.executable, "-m", "pip", "--python", str(fresh_python), "install", "--no-deps", "-q", str(wheel)], tmp_path)
    (fresh_site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    newsroom = tmp_path / "newsroom"  # a repository of briefs, with no briefing source in it
    shutil.copytree(PROJECT / "briefs", newsroom / "briefs")
    shutil.copy2(PROJECT / "mkdocs.yml", newsroom / "mkdocs.yml")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "SITE_URL")}
    located = subprocess.check_output([fresh_python, "-c", "import generator.config.options as o; print(o.TEMPLATES_DIR)"], cwd=newsroom, env=env, text=True)
    assert Path(located.strip()).is_relative_to(fresh_site), "the wheel's own templates are used"
    run([str(fresh / "bin" / "briefing"), "build", "--strict", "--out", str(tmp_path / "from-wheel")], newsroom, env)

    checkout = tmp_path / "checkout"
    shutil.copytree(newsroom, checkout)
    run([sys.executable, "-m", "generator", "build", "--strict", "--out", str(tmp_path / "from-checkout")], checkout,
        {**env, "PYTHONPATH": str(PROJECT)})

    from_wheel, from_checkout = tree_digest(tmp_path / "from-wheel"), tree_digest(tmp_path / "from-checkout")
    assert len(from_wheel) > 50
    assert from_wheel == from_checkout
