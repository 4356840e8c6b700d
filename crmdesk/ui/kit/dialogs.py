"""Small dialogs every window asks the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_for_file(
    parent: QWidget,
    title: str,
    filters: str,
    then: Callable[[Path], None],
    *,
    save_suffix: str | None = None,
) -> QFileDialog:
    """A file dialog that does not block the event loop, so the window keeps painting and a
    test can answer it as a user would; ``then`` gets the path chosen. ``save_suffix`` makes it
    a Save dialog adding that suffix when none is typed."""
    dialog = QFileDialog(parent, title)
    dialog.setNameFilter(filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save_suffix is not None:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(save_suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()
    return dialog
