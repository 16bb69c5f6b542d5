#!/usr/bin/env bash
# The catalogue tests extract messages with GNU gettext (xgettext, msgmerge, msgfmt), as does
# `make messages`. Serving the site needs none of it: the compiled catalogue is committed.
set -euo pipefail
if command -v xgettext >/dev/null && command -v msgfmt >/dev/null; then exit 0; fi
echo "GNU gettext absent : installation du paquet Debian « gettext »…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
else
  echo "ERREUR : GNU gettext (xgettext, msgfmt) est requis pour les tests ; installez le paquet « gettext »." >&2
  exit 1
fi
command -v xgettext >/dev/null || { echo "ERREUR : l'installation de gettext a échoué." >&2; exit 1; }
