#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The mail engine's files form layers, each using only those below it:
#
#   1. cartable-mail-error, cartable-folder-role, cartable-outbox-state,
#      cartable-audio-duration
#   2. cartable-store-state        (per-store lock, offline journal),
#      cartable-outbox-util, cartable-outbox-probe
#   3. cartable-mail-session       (accounts, connections),
#      cartable-outbox-store       (the outbox on disk)
#   4. cartable-mail-actions, cartable-outbox-item
#   5. cartable-folder-tree
#   6. cartable-message, cartable-message-list
#   7. cartable-mail-search
#   8. cartable-mail-folder        (what the interface uses)
#   9. cartable-outbox             (the object and its worker)
#
# A class split over several files (its -private.h header, its .c files)
# is one unit. A file that includes a header of a layer above its own
# brings back the cycles that once tied the folder tree, the actions and
# the session together, or the outbox and its store; this test names the
# line.

set -eu

srcdir=${1:?usage: check-engine-layers.sh SOURCE_ROOT}
cd "$srcdir/src/engine/mail"

layer_of () {
  case "$1" in
    cartable-mail-error[.-]*|cartable-folder-role[.-]*|cartable-outbox-state[.-]*|cartable-audio-duration[.-]*) echo 1 ;;
    cartable-store-state[.-]*|cartable-outbox-util[.-]*|cartable-outbox-probe[.-]*) echo 2 ;;
    cartable-mail-session[.-]*|cartable-outbox-store[.-]*) echo 3 ;;
    cartable-mail-actions[.-]*|cartable-outbox-item[.-]*) echo 4 ;;
    cartable-folder-tree[.-]*) echo 5 ;;
    cartable-message[.-]*|cartable-message-list[.-]*) echo 6 ;;
    cartable-mail-search[.-]*) echo 7 ;;
    cartable-mail-folder[.-]*) echo 8 ;;
    cartable-outbox[.-]*) echo 9 ;;
    *) echo 0 ;;
  esac
}

status=0
for file in *.c *.h; do
  own=$(layer_of "$file")
  [ "$own" -gt 0 ] || continue
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
