#!/usr/bin/env bash
# Build the packaged app into dist/crmdesk/ (executable: dist/crmdesk/crmdesk), one folder.
#
#   packaging/build-linux.sh            # build, then run packaging/smoke.sh on the result
#   packaging/build-linux.sh --no-smoke # build only
#
# Runs in the active virtual environment (or .venv/ beside the project when none is active),
# installs the `package` extra (PyInstaller) into it if missing, renders the icons if they are
# missing, and builds with packaging/crmdesk.spec. Work files go to build/pyinstaller/.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=1
for arg in "$@"; do
  case "$arg" in
    --no-smoke) smoke=0 ;;
    *) echo "build-linux.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ -z "${VIRTUAL_ENV:-}" ] && [ -x .venv/bin/python ]; then
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python3 -c 'import crmdesk, PySide6' 2>/dev/null || python3 -m pip install -q -e .
python3 -c 'import PyInstaller' 2>/dev/null || python3 -m pip install -q -e '.[package]'

if [ ! -f crmdesk/resources/icons/crmdesk-512.png ]; then
  QT_QPA_PLATFORM=offscreen python3 packaging/make-icons.py
fi

start=$(date +%s)
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/crmdesk.spec
end=$(date +%s)

test -x dist/crmdesk/crmdesk
echo "build-linux.sh: built dist/crmdesk in $((end - start)) s;" \
  "$(du -sh dist/crmdesk | cut -f1), $(find dist/crmdesk -type f | wc -l) files"

if [ "$smoke" = 1 ]; then
  exec packaging/smoke.sh
fi
