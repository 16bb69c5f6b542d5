#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright never downloads a browser here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium absent : installation du paquet Debian « chromium »…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "ERREUR : /usr/bin/chromium est requis pour les tests de navigateur ; installez le paquet « chromium »." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ERREUR : l'installation de Chromium a échoué." >&2; exit 1; }
