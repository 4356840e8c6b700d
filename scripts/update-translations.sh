#!/bin/sh
# Refresh the UI's translation catalogues from the source, then compile them for the app.
#
#   scripts/update-translations.sh [DIR]
#
# Extracts every translatable string of crmdesk/ui and crmdesk/render (all .py files,
# recursively: the windows, and the charts and reports the CLI prints too) into
# DIR/crmdesk_<lang>.ts, keeping the translations already made and dropping the strings the
# code no longer has, then compiles DIR/crmdesk_<lang>.qm beside it. DIR defaults to
# crmdesk/resources/translations, where both files are committed (the .qm ships in the wheel).
# New or changed strings come out marked unfinished: translate them (Qt Linguist, or the XML),
# run this again, and tests/ui/test_translations.py passes.
#
# Needs pyside6-lupdate and pyside6-lrelease on PATH (the activated venv has them).
set -eu

LANGUAGES="fr"

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/crmdesk/resources/translations"}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for lang in $LANGUAGES; do
    name="crmdesk_$lang"
    (cd "$root/crmdesk" && pyside6-lupdate -silent -extensions py -recursive -no-obsolete \
        -locations relative -source-language en -target-language "$lang" \
        ui render -ts "$out/$name.ts")
    pyside6-lrelease -silent "$out/$name.ts" -qm "$out/$name.qm"
    echo "$out/$name.ts -> $name.qm"
done
