"""A non-editable install finds its resources: translations and migrations travel in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_translations_and_migrations_and_runs_from_them(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", tmp_path],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("crmdesk-*.whl"))
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(unpacked)
    assert "crmdesk/resources/translations/crmdesk_fr.qm" in names
    assert "crmdesk/core/migrations/script.py.mako" in names
    assert any(n.startswith("crmdesk/core/migrations/versions/0001") for n in names)

    env = {
        **os.environ,
        "PYTHONPATH": str(unpacked),
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(tmp_path / "data"),
    }
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import crmdesk, crmdesk.ui.application as a; "
            "print(crmdesk.__file__); print((a.RESOURCES / 'translations').is_dir())",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the source tree, which would shadow the wheel
        timeout=60,
    )
    location, has_translations = probe.stdout.split()
    assert Path(location).is_relative_to(unpacked)  # not the source tree
    assert has_translations == "True"

    workspace = tmp_path / "fresh.sqlite"
    started = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(workspace), "--quit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert workspace.stat().st_size > 0  # migrated by the scripts inside the wheel
