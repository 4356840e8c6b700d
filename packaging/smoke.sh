#!/usr/bin/env bash
# Smoke test of the packaged app (dist/crmdesk/crmdesk, or the executable given as $1), offscreen.
#
#   packaging/smoke.sh [path/to/crmdesk]
#
# It runs the frozen program only (no Python from the venv inside it), in a throw-away HOME so
# the user's workspace, settings and keyring are never touched, and checks:
#   1. the bundle holds what crmdesk reads as files: QtWebEngineProcess, its resources and
#      locales, the Alembic migrations (env.py, script.py.mako, versions/), the .qm translation,
#      the Inter fonts, the checks data, the icons;
#   2. `crmdesk --version`;
#   3. `crmdesk --quit-when-ready` on a new workspace: Alembic creates it from the migration
#      files, the window paints its first view (the welcome page) and the program exits 0;
#   4. `crmdesk demo --out FILE`, then `--db FILE --quit-when-ready` on it (the calendar);
#   5. `crmdesk check` on an email (lxml, the caniemail data);
#   6. `crmdesk campaign add` then `crmdesk bat import FILE --campaign ID`;
#   7. `crmdesk export-recap` of that campaign (QtWebEngine prints it, matplotlib draws): the PDF
#      is read back with pdftotext (or pypdf) and must name the campaign and its client;
#   8. a BAT preview: `crmdesk --db FILE --open-bat ID --quit-when-ready` when the program has
#      that option; until it does, the step says SKIP (no other command opens a preview).
# Exit status 0 when every step passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

APP="${1:-dist/crmdesk/crmdesk}"
[ -x "$APP" ] || { echo "smoke.sh: $APP is not an executable (run packaging/build-linux.sh)" >&2; exit 1; }
APP="$(cd "$(dirname "$APP")" && pwd)/$(basename "$APP")"
BUNDLE="$(dirname "$APP")"
# PyInstaller >= 6 puts everything but the executable in _internal/.
INTERNAL="$BUNDLE/_internal"
[ -d "$INTERNAL" ] || INTERNAL="$BUNDLE"
TIMEOUT="${SMOKE_TIMEOUT:-180}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/crmdesk-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
export QT_QPA_PLATFORM=offscreen
if [ "$(id -u)" = 0 ]; then
  export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:-} --no-sandbox"
fi
export LANG="${SMOKE_LANG:-C.UTF-8}"
# No keyring daemon here: keyring's null backend instead of a D-Bus wait.
export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring

failures=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
skip() { printf 'SKIP  %s\n' "$*"; }

# run NAME CMD...: runs CMD with a timeout, output in $WORK/NAME.log, prints the time taken.
run() {
  local name="$1"; shift
  local start end status
  start=$(date +%s.%N)
  timeout "$TIMEOUT" "$@" >"$WORK/$name.log" 2>&1
  status=$?
  end=$(date +%s.%N)
  LAST_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  if [ "$status" != 0 ]; then
    echo "----- $name: exit $status after ${LAST_SECONDS}s; its output:"
    tail -n 40 "$WORK/$name.log"
    echo "-----"
  fi
  return "$status"
}

# 1. The files crmdesk and QtWebEngine read at run time.
missing=()
for wanted in \
  "PySide6/Qt/libexec/QtWebEngineProcess" \
  "PySide6/Qt/resources/qtwebengine_resources.pak" \
  "PySide6/Qt/resources/icudtl.dat" \
  "PySide6/Qt/translations/qtwebengine_locales/en-US.pak" \
  "PySide6/Qt/translations/qtwebengine_locales/fr.pak" \
  "PySide6/Qt/plugins/platforms/libqoffscreen.so" \
  "PySide6/Qt/plugins/imageformats/libqsvg.so" \
  "crmdesk/core/migrations/env.py" \
  "crmdesk/core/migrations/script.py.mako" \
  "crmdesk/core/migrations/versions/0001_initial.py" \
  "crmdesk/resources/translations/crmdesk_fr.qm" \
  "crmdesk/resources/fonts/Inter-Regular.ttf" \
  "crmdesk/resources/checks/caniemail.json" \
  "crmdesk/resources/templates/recap.html" \
  "crmdesk/resources/checklist_template.json" \
  "crmdesk/resources/brief_templates.json" \
  "crmdesk/resources/icons/crmdesk.svg" \
  "crmdesk/resources/icons/crmdesk-256.png"; do
  [ -e "$INTERNAL/$wanted" ] || missing+=("$wanted")
done
migrations_here=$(find "$INTERNAL/crmdesk/core/migrations/versions" -name '0*.py' 2>/dev/null | wc -l)
migrations_there=$(find crmdesk/core/migrations/versions -name '0*.py' 2>/dev/null | wc -l)
if [ "${#missing[@]}" = 0 ] && [ "$migrations_here" = "$migrations_there" ]; then
  pass "bundle files: QtWebEngine process/resources/locales, $migrations_here migrations, resources"
else
  fail "bundle files missing: ${missing[*]:-} (migrations: $migrations_here of $migrations_there)"
fi

# 2. --version
if run version "$APP" --version && grep -q '^crmdesk ' "$WORK/version.log"; then
  pass "--version: $(head -n 1 "$WORK/version.log") (${LAST_SECONDS}s)"
else
  fail "--version"
fi

# 3. The window on a new workspace (created by Alembic from the bundled migration files).
if run first-start "$APP" --quit-when-ready \
  && [ -n "$(find "$XDG_DATA_HOME" -name 'workspace.sqlite' -size +0 2>/dev/null)" ]; then
  pass "--quit-when-ready on a new workspace: created and painted (${LAST_SECONDS}s)"
else
  fail "--quit-when-ready on a new workspace"
fi

# 4. The demo workspace, then the window on it.
DB="$WORK/demo.sqlite"
if run demo "$APP" demo --out "$DB" && [ -s "$DB" ]; then
  pass "demo --out: $(head -n 1 "$WORK/demo.log") (${LAST_SECONDS}s)"
else
  fail "demo --out"
fi
if run demo-window "$APP" --db "$DB" --quit-when-ready; then
  pass "--db demo --quit-when-ready: the calendar painted (${LAST_SECONDS}s)"
else
  fail "--db demo --quit-when-ready"
fi

# 5-6. An email checked, then imported as a BAT round of a new campaign.
EMAIL="$WORK/bat.html"
cat >"$EMAIL" <<'HTML'
<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Smoke BAT</title></head>
<body style="margin:0;background:#f4f4f4">
<div style="display:none">Le BAT du smoke test, en une ligne.</div>
<table role="presentation" width="600" align="center" style="background:#ffffff;font-family:Arial,sans-serif">
<tr><td style="padding:24px"><h1 style="color:#1e3a8a">Bonjour,</h1>
<p>Voici le BAT du smoke test.</p>
<p><a href="https://example.com/offre?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=smoke">Voir l'offre</a></p>
<p><a href="https://example.com/desinscription">Se désinscrire</a></p>
</td></tr></table></body></html>
HTML
if run check "$APP" check "$EMAIL" --format json && grep -q 'compatibility.caniemail' "$WORK/check.log"; then
  pass "check: findings include the caniemail data (${LAST_SECONDS}s)"
else
  fail "check (no caniemail finding)"
fi
CLIENT="Cycles Aubrac"
CAMPAIGN=""
if run campaign "$APP" campaign add --db "$DB" --client "$CLIENT" --name "Smoke test" \
  --send "2030-09-03 10:00"; then
  CAMPAIGN="$(grep -Eo '^[0-9]+' "$WORK/campaign.log" | tail -n 1)"
fi
if [ -n "$CAMPAIGN" ]; then
  pass "campaign add: id $CAMPAIGN"
else
  fail "campaign add (demo client “$CLIENT”)"
  CAMPAIGN=1
fi
if run bat "$APP" bat import "$EMAIL" --db "$DB" --campaign "$CAMPAIGN" \
  && grep -q 'BAT 1' "$WORK/bat.log"; then
  pass "bat import: $(head -n 1 "$WORK/bat.log") (${LAST_SECONDS}s)"
else
  fail "bat import"
fi

# 7. The recap PDF, read back.
PDF="$WORK/recap.pdf"
pdf_text() {
  if command -v pdftotext >/dev/null; then
    pdftotext -layout "$1" -
  elif [ -x .venv/bin/python ] && .venv/bin/python -c 'import pypdf' 2>/dev/null; then
    .venv/bin/python -c 'import sys, pypdf; print("\n".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))' "$1"
  else
    echo "smoke.sh: neither pdftotext nor pypdf to read the PDF" >&2
    return 1
  fi
}
if run recap "$APP" export-recap --db "$DB" --campaign "$CAMPAIGN" --out "$PDF" --lang fr \
  && [ -s "$PDF" ] && head -c 5 "$PDF" | grep -q '%PDF-'; then
  text="$(pdf_text "$PDF")"
  pages="$(printf '%s' "$text" | tr -cd '\f' | wc -c)"
  if printf '%s' "$text" | grep -q 'Smoke test' && printf '%s' "$text" | grep -q "$CLIENT"; then
    pass "export-recap: $(( $(stat -c %s "$PDF") / 1024 )) KB, ${pages} page(s), names the campaign and client (${LAST_SECONDS}s)"
  else
    fail "export-recap: the PDF does not name “Smoke test” and “$CLIENT”"
  fi
else
  fail "export-recap"
fi

# 8. A BAT preview (QtWebEngine in a window), when the program can be asked for one.
if run help "$APP" --help && grep -q -- '--open-bat' "$WORK/help.log"; then
  if run preview "$APP" --db "$DB" --open-bat "$CAMPAIGN" --quit-when-ready; then
    pass "--open-bat $CAMPAIGN --quit-when-ready: the BAT preview painted (${LAST_SECONDS}s)"
  else
    fail "--open-bat $CAMPAIGN --quit-when-ready"
  fi
else
  skip "BAT preview: this build has no --open-bat option (the PDF above did run QtWebEngine)"
fi

if [ "$failures" = 0 ]; then
  echo "smoke.sh: all checks passed ($APP)"
  exit 0
fi
echo "smoke.sh: $failures check(s) failed ($APP)"
exit 1
