#!/usr/bin/env bash
# The diagnostic PDF is made offline by WeasyPrint, which lays text out with Pango (system library)
# and subsets its fonts with HarfBuzz's subsetter (without it, WeasyPrint falls back with a
# deprecation warning, which the test suite treats as an error).
set -euo pipefail
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
libs=$(ldconfig -p 2>/dev/null || true)
if grep -q "libpango-1.0.so" <<<"$libs" && grep -q "libpangoft2-1.0.so" <<<"$libs" && grep -q "libharfbuzz-subset.so" <<<"$libs"; then exit 0; fi
echo "Pango ou HarfBuzz absent : installation des paquets Debian « $PACKAGES »…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
else
  echo "ERREUR : Pango et HarfBuzz ($PACKAGES) sont requis pour le PDF des diagnostics ; installez ces paquets." >&2
  exit 1
fi
ldconfig -p | grep -q "libpango-1.0.so" || { echo "ERREUR : l'installation de Pango a échoué." >&2; exit 1; }
