#!/usr/bin/env bash
# Start-up times, offscreen, median of N runs (default 5) after one untimed warm-up each:
#   bare      an empty QMainWindow quitting on its first paint (packaging/bare_window.py),
#             run by the venv's Python;
#   venv      the venv's `crmdesk --quit-when-ready`;
#   bundle    `dist/crmdesk/crmdesk --quit-when-ready`;
# each on an empty workspace (the welcome page) and, for crmdesk, on the demo (the calendar).
#   packaging/measure-startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5}"
PY=.venv/bin/python
VENV_APP=.venv/bin/crmdesk
APP=dist/crmdesk/crmdesk

WORK="$(mktemp -d "${TMPDIR:-/tmp}/crmdesk-startup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CONFIG_HOME="$WORK/home/.config"
export XDG_CACHE_HOME="$WORK/home/.cache" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
[ "$(id -u)" = 0 ] && export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
"$APP" demo --out "$WORK/demo.sqlite" >/dev/null

median() {  # median of N timed runs of "$@", in seconds
  "$@" >/dev/null 2>&1 || { echo "measure: $* failed" >&2; exit 1; }  # warm-up
  local times=()
  for _ in $(seq "$N"); do
    local a b
    a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N)
    times+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' | tr '\n' ' '
  echo "  (runs: ${times[*]})"
}

echo "median of $N runs, seconds"
printf 'bare window (venv python)        '; median "$PY" packaging/bare_window.py
printf 'venv crmdesk, empty workspace    '; median "$VENV_APP" --quit-when-ready
printf 'bundle crmdesk, empty workspace  '; median "$APP" --quit-when-ready
printf 'venv crmdesk, demo workspace     '; median "$VENV_APP" --db "$WORK/demo.sqlite" --quit-when-ready
printf 'bundle crmdesk, demo workspace   '; median "$APP" --db "$WORK/demo.sqlite" --quit-when-ready
