#!/bin/sh
# A scripted driver install rehearsed on a simulated Windows 11 x64 machine, and the classic "why won't
# my driver load": add a device, build a test-signed package, see the install refused, trust the
# certificate, see Code 52, turn on Test Mode, inspect status and registry, update, remove.
#
#   examples/scripted-install/walkthrough.sh WORKDIR ECHO.SYS
#
# WORKDIR is created (it must not exist); ECHO.SYS is an amd64 kernel driver to package with
# examples/echo/echo.inf. DRVKIT, PNPUTIL and DEVCON name the executables (default: on PATH).
set -eu
DRVKIT=${DRVKIT:-drvkit}
PNPUTIL=${PNPUTIL:-pnputil}
DEVCON=${DEVCON:-devcon}
WORK=${1:?usage: walkthrough.sh WORKDIR ECHO.SYS}
SYS=${2:?usage: walkthrough.sh WORKDIR ECHO.SYS}
HERE=$(cd "$(dirname "$0")" && pwd)

step() { printf '\n== %s\n' "$*"; }
show() { tool=$1; shift; printf '$ %s %s\n' "${tool##*/}" "$*"; }
run() { show "$@"; "$@"; }
quiet() { show "$@"; "$@" >/dev/null; }
# pnputil and devcon exit with Windows codes (a shell sees the low 8 bits); show them instead of stopping.
try() { show "$@"; set +e; "$@" 2>&1; code=$?; set -e; printf '[exit %s]\n' "$code"; }

mkdir "$WORK"
mkdir "$WORK/src"
cp "$HERE/../echo/echo.inf" "$WORK/src/echo.inf"
cp "$SYS" "$WORK/src/echo.sys"
cd "$WORK"
export DRVKIT_SANDBOX="$WORK/machine"

step "A fresh Windows 11 x64 machine (Secure Boot on) and a device without a driver"
quiet "$DRVKIT" sandbox init machine --machine win11-24h2-x64
run "$DRVKIT" sandbox device add --hardware-id 'Root\Echo' --description 'Echo device'
try "$PNPUTIL" /enum-devices /ids

step "Build and sign the package with a test certificate"
quiet "$DRVKIT" cert create --subject 'CN=Contoso Test Signing, O=Contoso' --cert-out test.pem --key-out test.key --days 30 --key-bits 2048
run "$DRVKIT" package build src/echo.inf --arch amd64 -o pkg1 --sign --cert test.pem --key test.key

step "Why won't it install? The machine does not trust the test certificate"
try "$PNPUTIL" /add-driver pkg1/echo.inf /install
try "$DRVKIT" policy check pkg1 --machine win11-24h2-x64

step "Trust the certificate (certutil -addstore Root and TrustedPublisher): it installs, but does not load"
run "$DRVKIT" sandbox trust test.pem --store Root
run "$DRVKIT" sandbox trust test.pem --store TrustedPublisher
try "$PNPUTIL" /add-driver pkg1/echo.inf /install
try "$DEVCON" status 'Root\Echo'

step "Test-signed kernel drivers load only in Test Mode, which Secure Boot forbids"
try "$DRVKIT" sandbox bcdedit /set testsigning on
quiet "$DRVKIT" sandbox machine --secure-boot off
run "$DRVKIT" sandbox bcdedit /set testsigning on
run "$DRVKIT" sandbox reboot
try "$DEVCON" status 'Root\Echo'
run "$DRVKIT" reg query 'HKLM\SYSTEM\CurrentControlSet\Services\Echo'

step "Update to version 1.1 (a newer DriverVer wins the ranking)"
sed 's|^DriverVer *=.*|DriverVer   = 11/24/2026,1.1.0.0|' src/echo.inf > src/echo.new
mv src/echo.new src/echo.inf
run "$DRVKIT" package build src/echo.inf --arch amd64 -o pkg2 --sign --cert test.pem --key test.key
try "$PNPUTIL" /add-driver pkg2/echo.inf /install
try "$DEVCON" drivernodes 'Root\Echo'
try "$PNPUTIL" /enum-drivers

step "Remove: the newer package (the device falls back to 1.0), the device, the old package"
try "$PNPUTIL" /delete-driver oem1.inf
try "$PNPUTIL" /delete-driver oem1.inf /uninstall
try "$DEVCON" status 'Root\Echo'
try "$DEVCON" remove 'Root\Echo'
try "$PNPUTIL" /delete-driver oem0.inf
try "$PNPUTIL" /enum-drivers
