#!/usr/bin/env bash
# Builds the Debian package with cpack, unpacks it into a scratch folder and runs the
# unpacked program: the package must hold a working omupgrade, its desktop file, icon and
# metainfo, and depend on the SQL driver plugins it loads at run time and the libraries it
# links (libcrypto, MariaDB Connector/C).
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build_dir" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/omupgrade_*_amd64.deb)
fields=$(dpkg-deb -f "$deb" Package Depends)
grep -q '^Package: omupgrade$' <<<"$fields" || { echo "wrong package name: $fields"; exit 1; }
for dep in libqt6sql6-mysql libqt6sql6-psql libyaml-cpp libssl3 libmariadb3 libpq5; do
    grep -q "$dep" <<<"$fields" || { echo "Depends lacks $dep: $fields"; exit 1; }
done
dpkg-deb -x "$deb" "$work/root"
for file in usr/bin/omupgrade usr/share/applications/io.github.omupgrade.omupgrade.desktop \
    usr/share/metainfo/io.github.omupgrade.omupgrade.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/omupgrade.svg usr/share/icons/hicolor/256x256/apps/omupgrade.png; do
    [ -s "$work/root/$file" ] || { echo "package lacks $file"; exit 1; }
done
grep -q '^Exec=omupgrade$' "$work/root/usr/share/applications/io.github.omupgrade.omupgrade.desktop"
version=$("$work/root/usr/bin/omupgrade" --version)
[[ $version =~ ^omupgrade\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "unexpected --version output: $version"; exit 1; }
echo "package ok: $(basename "$deb"), $version"
