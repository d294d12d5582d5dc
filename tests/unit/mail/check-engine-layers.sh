#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The mail engine's files form layers, each using only those below it:
#
#   1. cartable-mail-error, cartable-folder-role
#   2. cartable-store-state        (per-store lock, offline journal)
#   3. cartable-mail-session       (accounts, connections)
#   4. cartable-mail-actions
#   5. cartable-folder-tree
#
# A file that includes a header of a layer above its own brings back the
# cycle that once tied the folder tree, the actions and the session
# together; this test names the line.

set -eu

srcdir=${1:?usage: check-engine-layers.sh SOURCE_ROOT}
cd "$srcdir/src/engine/mail"

layer_of () {
  case "$1" in
    cartable-mail-error*|cartable-folder-role*) echo 1 ;;
    cartable-store-state*) echo 2 ;;
    cartable-mail-session*) echo 3 ;;
    cartable-mail-actions*) echo 4 ;;
    cartable-folder-tree*) echo 5 ;;
    *) echo 0 ;;
  esac
}

status=0
for file in cartable-mail-error.* cartable-folder-role.* cartable-store-state* \
            cartable-mail-session* cartable-mail-actions* cartable-folder-tree.*; do
  own=$(layer_of "$file")
  for header in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
    used=$(layer_of "$(basename "$header")")
    if [ "$used" -gt "$own" ]; then
      echo "src/engine/mail/$file (layer $own) includes $header (layer $used)"
      status=1
    fi
  done
done

if [ "$status" -eq 0 ]; then
  echo "mail engine layers respected"
fi
exit "$status"
