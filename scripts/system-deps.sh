#!/bin/sh
# The system libraries Qt and QtWebEngine load on Debian/Ubuntu, a font, Xvfb and poppler.
# A bare machine has no X, EGL, NSS or fonts. Installs only what is missing; elsewhere it does
# nothing (macOS and Windows wheels of PySide6 carry what they need).
set -eu
command -v dpkg-query >/dev/null 2>&1 || exit 0
packages="libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 libxrender1 libxi6 libxrandr2 libxcomposite1
  libxdamage1 libxtst6 libxkbfile1 libnss3 libnspr4 libasound2 libdrm2 libgbm1
  fonts-dejavu-core xvfb poppler-utils"
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "Installing system packages:$missing"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
