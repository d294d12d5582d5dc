#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# cartable-cli's dispatcher: usage, version, unknown commands, accounts.

set -u
cli=${1:?usage: test-cli.sh CARTABLE_CLI}
fail=0

check () {
  description=$1; shift
  if "$@"; then echo "ok - $description"; else echo "not ok - $description"; fail=1; fi
}

out=$("$cli" --version); rc=$?
check "--version exits 0" [ $rc -eq 0 ]
check "--version names the program" sh -c "echo '$out' | grep -q '^cartable [0-9]'"

"$cli" >/dev/null 2>&1; rc=$?
check "no command is a usage error (2)" [ $rc -eq 2 ]

err=$("$cli" frobnicate 2>&1 >/dev/null); rc=$?
check "unknown command exits 2" [ $rc -eq 2 ]
check "unknown command is named" sh -c "echo \"$err\" | grep -q frobnicate"

out=$("$cli" accounts); rc=$?
check "accounts with none set up exits 0" [ $rc -eq 0 ]
check "accounts says none is set up" [ -n "$out" ]

mkdir -p "$XDG_CONFIG_HOME/cartable"
printf '[account mdurand]\nidentifier=mdurand\nemail=marie.durand@ac-normandie.fr\n' \
  > "$XDG_CONFIG_HOME/cartable/accounts.ini"
out=$("$cli" accounts); rc=$?
check "accounts lists the configured account" sh -c "echo '$out' | grep -q '^mdurand	mdurand	marie.durand@ac-normandie.fr$'"

"$cli" accounts extra >/dev/null 2>&1; rc=$?
check "accounts rejects arguments" [ $rc -eq 2 ]

exit $fail
