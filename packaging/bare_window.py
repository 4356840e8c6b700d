"""The yardstick for start-up times: an empty QMainWindow that quits on its first paint."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: TID251 (the yardstick)

app = QApplication(sys.argv)
class Window(QMainWindow):
    def paintEvent(self, event):  # noqa: N802
        super().paintEvent(event)
        QTimer.singleShot(0, app.quit)
window = Window()
window.show()
sys.exit(app.exec())
