#!/usr/bin/env bash
# Build the arm64 one-folder app and .deb on an x86-64 machine, under qemu user emulation, and run
# the frozen self-test there. Slow (tens of minutes): run on demand, not in CI.
#
#   sudo packaging/linux/build_arm64.sh [WORKDIR]      # default WORKDIR: build/arm64
#
# Needs root and Debian's debootstrap, qemu-user-static and binfmt-support
# (apt-get install debootstrap qemu-user-static binfmt-support). Steps:
#   1. mount binfmt_misc and register qemu-aarch64 (fix-binary, so it works inside a chroot);
#   2. debootstrap an arm64 Debian 12 into WORKDIR/root (kept between runs);
#   3. copy this commit (git archive HEAD) into it, install the hash-pinned build requirements
#      (packaging/requirements-build-arm64.txt: as requirements-build.txt, but PySide6 6.8.0.2, the
#      last with aarch64 wheels for glibc < 2.39) in a venv, build with packaging/build.py;
#   4. run the frozen self-test under emulation, wrap the .deb with build_deb.py --arch arm64;
#   5. print the .deb's path, its size and the time each step took.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$here/build/arm64}
root=$work/root
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 1; }
t0=$(date +%s); step() { echo "== $(($(date +%s) - t0)) s: $*"; }

step "binfmt_misc and qemu-aarch64"
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    update-binfmts --enable qemu-aarch64 2>/dev/null || update-binfmts --import qemu-aarch64
fi
grep -q '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 || echo "warning: qemu-aarch64 is registered without the F flag; the chroot needs /usr/bin/qemu-aarch64-static inside" >&2

if [ ! -x "$root/usr/bin/python3" ]; then
    step "debootstrap arm64 $suite (first run only)"
    mkdir -p "$root"
    debootstrap --arch=arm64 --variant=minbase \
        --include=python3,python3-venv,python3-pip,libpython3.11,ca-certificates,dpkg-dev,binutils,libgl1,libegl1,libfontconfig1,libglib2.0-0,libdbus-1-3,libxkbcommon0 \
        "$suite" "$root" "$mirror"
fi
cp /usr/bin/qemu-aarch64-static "$root/usr/bin/" 2>/dev/null || true
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
for f in /etc/pip.conf /etc/resolv.conf; do [ -e "$f" ] && cp "$f" "$root$f" || true; done

step "copy this commit"
rm -rf "$root/src" && mkdir -p "$root/src"
git -C "$here" archive HEAD | tar -x -C "$root/src"
commit_time=$(git -C "$here" log -1 --format=%ct)

mount --bind /proc "$root/proc"; mount --rbind /dev "$root/dev"  # rbind: /dev/pts for the emulated devices
trap 'umount "$root/proc"; umount -R "$root/dev" 2>/dev/null || true' EXIT
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    QT_QPA_PLATFORM=offscreen SOURCE_DATE_EPOCH="$commit_time" "$@"; }

step "system packages the build needs (PyInstaller needs the shared libpython)"
in_root apt-get -qq install -y --no-install-recommends libpython3.11 binutils >/dev/null

step "build requirements (hash-pinned) in /venv"
[ -x "$root/venv/bin/python" ] || in_root python3 -m venv /venv
in_root /venv/bin/pip install -q --require-hashes -r /src/packaging/requirements-build-arm64.txt
in_root /venv/bin/pip install -q --no-deps /src

step "PyInstaller one-folder build"
in_root /bin/sh -c "cd /src && /venv/bin/python packaging/build.py"

step "frozen self-test under emulation"
in_root /src/dist/workstation/workstation --self-test

step ".deb"
deb=$(in_root /bin/sh -c "cd /src && /venv/bin/python packaging/linux/build_deb.py --arch arm64" | tail -1)
mkdir -p "$here/dist"
cp "$root$deb" "$here/dist/"
size_mb=$(du -sm "$root/src/dist/workstation" | cut -f1)
step "done: $here/dist/$(basename "$deb") ($(du -h "$root$deb" | cut -f1) package, ${size_mb} MB folder)"
