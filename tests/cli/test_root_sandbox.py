"""Run as root (a fresh VM, a container), crmdesk starts QtWebEngine without Chromium's sandbox
by itself, says so in its log, and prints the recap instead of dying at the first page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() != 0,
    reason="not running as root: Chromium keeps its sandbox and nothing is to be done",
)


def test_as_root_a_recap_prints_without_being_told_about_the_sandbox(
    demo_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QTWEBENGINE_CHROMIUM_FLAGS", "QTWEBENGINE_DISABLE_SANDBOX")
    }
    env.update(QT_QPA_PLATFORM="offscreen", CRMDESK_DATA_DIR=str(data_dir), LANG="fr_FR.UTF-8")
    out = tmp_path / "recap.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "export-recap", "--db", str(demo_path)]
        + ["--campaign", "1", "--out", str(out), "--today", "2026-11-23"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(out).pages) >= 1
    log = (data_dir / "logs" / "crmdesk.log").read_text(encoding="utf-8")
    assert "Running as root: QtWebEngine starts without Chromium's sandbox" in log
