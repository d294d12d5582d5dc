#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The engine and the command line never include the UI toolkit. Meson's
# configure step already makes such an include impossible to compile (the
# headers are not on the engine's include path); this test names the
# offending line when someone tries.

set -eu

srcdir=${1:?usage: check-layering.sh SOURCE_ROOT}
cd "$srcdir"

offenders=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk/|gdk/|gsk/|adwaita|webkit/|jsc/)' \
              src/engine src/cli || true)

if [ -n "$offenders" ]; then
  echo "src/engine and src/cli must not include GTK, libadwaita or WebKit:"
  echo "$offenders"
  exit 1
fi

# And the UI never reaches around the engine for its own protocol stacks,
# nor for the evolution-data-server clients the engine wraps.
offenders=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](camel/|libsoup/|libedata-|libedataserver/|libecal/|libebook/)' \
              src/ui || true)
if [ -n "$offenders" ]; then
  echo "src/ui talks to servers only through the engine:"
  echo "$offenders"
  exit 1
fi

# The engine's public headers (every header not named *-private.h) hide
# Camel and evolution-data-server: what includes them, the UI and the
# command line, works with the engine's own types. Private headers are for
# the engine's files and its tests.
offenders=$(find src/engine -name '*.h' ! -name '*-private.h' -print0 \
              | xargs -0 grep -nE '#[[:space:]]*include[[:space:]]*[<"](camel/|libedata-|libedataserver/|libecal/|libebook/)' \
              || true)
if [ -n "$offenders" ]; then
  echo "public engine headers must not include Camel or evolution-data-server (use a *-private.h header):"
  echo "$offenders"
  exit 1
fi

# Views, dialogs and composers do not call their window upward (toasts go
# through the nearest overlay): only the application and the window itself
# know the window.
offenders=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"]([^">]*/)?cartable-window\.h[">]' src/ui \
              | grep -vE '^src/ui/shell/cartable-(application|window)\.c:' || true)
if [ -n "$offenders" ]; then
  echo "only the application and the window include cartable-window.h:"
  echo "$offenders"
  exit 1
fi

echo "layering respected"
