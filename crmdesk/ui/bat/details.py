"""What the BAT window's side tabs say about a round: where it comes from, any approval over
open errors, the findings of the import checks, what the preview neutralised and the
personalisation tags."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
)

from crmdesk.core.bat import rounds
from crmdesk.core.bat.rounds import RoundView
from crmdesk.core.checks.model import Severity
from crmdesk.ui.bat.labels import BatLabels, notice_text
from crmdesk.ui.kit.formats import language, local_text
from crmdesk.ui.kit.styles import SEVERITY_COLOURS, bad_colour
from crmdesk.ui.labels import severity_label


def override_info(view: RoundView) -> str:
    """Who approved the round over which open errors, and when; empty without an override.

    Said in the round's details, not only in a tooltip: the operator accepted those errors
    under their name and must be able to point at it later."""
    if not view.override_findings:
        return ""
    when = local_text(view.decided_at) if view.decided_at is not None else "—"
    lang = language()
    lines = [
        BatLabels()
        .overridden(len(view.override_findings))
        .replace("%1", view.decided_by or "—")
        .replace("%2", when)
    ]
    lines += ["• " + f.message(lang) for f in view.override_findings]
    return "\n".join(lines)


def round_info(view: RoundView) -> str:
    """Where the round comes from, who imported it and when, its test sends and any approval
    over open errors."""
    info = QCoreApplication.translate("BatWindow", "Imported from “%1” by %2 on %3.").replace(
        "%1", view.source_name
    )
    info = info.replace("%2", view.created_by or "—").replace("%3", local_text(view.created_at))
    for send in view.sends:
        info += "\n" + QCoreApplication.translate(
            "BatWindow", "Sent as a test to %1 on %2."
        ).replace("%1", ", ".join(send.recipients)).replace("%2", local_text(send.sent_at))
    override = override_info(view)
    if override:
        info += "\n" + override
    return info


class _WrappedRows(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's current width.

    A tree lays its rows out one line high even with word wrap on, so a finding in a side
    panel was cut to "The required mention “Vous recevez cet e-…"; here the whole message is
    read where it stands, and the row grows again when the panel is narrowed."""

    PADDING = 6

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 2 * self.PADDING
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if width <= 0 or not text:
            return hint
        bounds = self.tree.fontMetrics().boundingRect(
            QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, str(text)
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + self.PADDING))


def wrap_rows(tree: QTreeWidget) -> None:
    """Let the tree's rows wrap their text, and lay them out again when a column is resized."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(_WrappedRows(tree))
    tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())


def add_findings(tree: QTreeWidget, view: RoundView) -> None:
    """One row per finding of the import checks, errors first (the caller cleared the tree)."""
    lang = language()
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for finding in sorted(view.findings, key=lambda f: (order[f.severity], f.line or 0)):
        row = QTreeWidgetItem(
            [severity_label(finding.severity), finding.message(lang), str(finding.line or "")]
        )
        row.setForeground(0, QColor(SEVERITY_COLOURS[finding.severity]))
        row.setToolTip(1, finding.message(lang))
        tree.addTopLevelItem(row)


def show_safety(browser: QTextBrowser, view: RoundView) -> None:
    """What the preview neutralised in the email, and what it never lets through."""
    if view.notices:
        lines = "".join(f"<li>{_escape(notice_text(n))}</li>" for n in view.notices)
        browser.setHtml(
            "<p>"
            + _escape(QCoreApplication.translate("BatWindow", "The preview neutralised:"))
            + f"</p><ul>{lines}</ul>"
        )
    else:
        browser.setHtml(
            "<p>"
            + _escape(
                QCoreApplication.translate(
                    "BatWindow", "Nothing active in this email: no script, frame or form."
                )
            )
            + "</p>"
        )
    browser.append(
        QCoreApplication.translate(
            "BatWindow",
            "JavaScript is off; the preview reads only this round's files and blocks"
            " remote requests until you allow them.",
        )
    )


def tags_html(page: rounds.PreviewPage) -> str:
    """The personalisation tags of the email: not filled by the persona, filled, left to the ESP."""
    parts = []
    if page.unfilled:
        items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.unfilled)
        parts.append(
            f"<p style='color:{bad_colour()}'><b>"
            + _escape(QCoreApplication.translate("BatWindow", "Not filled by this persona:"))
            + f"</b>"
            f"</p><ul>{items}</ul>"
        )
    if page.filled:
        items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.filled)
        parts.append(
            "<p><b>"
            + _escape(QCoreApplication.translate("BatWindow", "Filled:"))
            + f"</b></p><ul>{items}</ul>"
        )
    if page.system:
        items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.system)
        parts.append(
            "<p><b>"
            + _escape(QCoreApplication.translate("BatWindow", "Filled by the ESP when sending:"))
            + f"</b></p><ul>{items}</ul>"
        )
    if not parts:
        parts.append(
            "<p>"
            + _escape(
                QCoreApplication.translate("BatWindow", "No personalisation tag in this email.")
            )
            + "</p>"
        )
    return "".join(parts)
