#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The French translation is complete at every commit:
#  - every file with translatable strings is listed in po/POTFILES.in,
#  - every string extracted from those files has a French translation in
#    po/fr.po, none fuzzy, and msgfmt --check accepts the catalogue.

set -eu

srcdir=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$srcdir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d' | sort > "$work/listed"

while read -r file; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done < "$work/listed"

# Files that hold translatable strings. Test sources translate nothing.
{
  grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' src data --include='*.ui' || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml.in 2>/dev/null || true
} | sort -u > "$work/found"

missing=$(comm -23 "$work/found" "$work/listed")
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are missing from po/POTFILES.in:"
  echo "$missing"
  status=1
fi

xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
  --package-name=cartable -f "$work/listed" -o "$work/cartable.pot"

msgfmt --check --statistics -o /dev/null po/fr.po
msgmerge --quiet --no-fuzzy-matching po/fr.po "$work/cartable.pot" -o "$work/fr.po"

untranslated=$(msgattrib --untranslated --no-obsolete "$work/fr.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/fr.po" | grep -c '^msgid ' || true)

# msgattrib prints the header entry too when anything is selected.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))

if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/fr.po: $untranslated untranslated and $fuzzy fuzzy strings:"
  msgattrib --untranslated --no-obsolete "$work/fr.po" | grep -A1 '^msgid ' | grep -v '^--' || true
  msgattrib --only-fuzzy --no-obsolete "$work/fr.po" | grep -A1 '^msgid ' | grep -v '^--' || true
  status=1
else
  total=$(msgattrib --translated --no-obsolete "$work/fr.po" | grep -c '^msgid ' || true)
  echo "po/fr.po: all $((total - 1)) strings translated"
fi

exit $status
