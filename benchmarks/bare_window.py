"""The floor for start-up: a process that only opens a bare PySide6 window and quits."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
