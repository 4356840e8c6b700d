# Replaces PyInstaller's hook for PySide6.QtQml in crmdesk's build (hooks in the spec's hookspath
# win over the built-in ones). The built-in hook copies Qt's whole qml/ folder (about 2,400 files:
# Quick 3D, Charts, Multimedia, Location, ... and the libraries they pull in). crmdesk writes no
# QML: QtQml and QtQuick only come in as libraries QtWebEngine links against, and a BAT preview
# traced with QML_IMPORT_TRACE=1 imports no QML module and loads no qml/ plugin. So: the
# libraries, not the qml/ folder.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
