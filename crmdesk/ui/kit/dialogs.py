"""Small dialogs every window asks the same way, and how a window lets go of one.

A slot connected to a dialog's signal lives in the C++ connection, where Python's collector
cannot see it. A lambda over ``self`` there is a strong reference to the window: when it is the
window's last one (a window nobody keeps any more), deleting the dialog frees the lambda, the
window's wrapper with it, and Qt deletes the window, and the dialog still being deleted, a
second time: a crash. So the slots below hold the window weakly.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog, QWidget


def forget(owner: QObject, attribute: str) -> Callable[..., None]:
    """A slot that sets ``owner.<attribute>`` (a dialog, while it is open) back to None: for a
    dialog's ``finished`` or ``destroyed``."""
    kept = weakref.ref(owner)

    def clear(*_args: object) -> None:
        window = kept()
        if window is not None:
            setattr(window, attribute, None)

    return clear


def weakly(method: Callable[..., object], *given: object) -> Callable[..., None]:
    """A window's method as a slot of its dialog, the window held weakly; ``given`` go first,
    then the signal's own arguments."""
    held = weakref.WeakMethod(method)

    def call(*args: object) -> None:
        bound = held()
        if bound is not None:
            bound(*given, *args)

    return call


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
    from PySide6.QtWidgets import QFileDialog  # not on the first paint's path

    dialog = QFileDialog(parent, title)
    dialog.setNameFilter(filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save_suffix is not None:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(save_suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chosen = weakly(then) if isinstance(then, MethodType) else then
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog
