#!/usr/bin/env bash
# The diagnostic PDF is made offline by WeasyPrint, which lays text out with Pango (system library).
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" && ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so"; then exit 0; fi
echo "Pango absent : installation des paquets Debian « libpango-1.0-0 libpangoft2-1.0-0 »…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
else
  echo "ERREUR : Pango (libpango-1.0-0, libpangoft2-1.0-0) est requis pour le PDF des diagnostics ; installez ces paquets." >&2
  exit 1
fi
ldconfig -p | grep -q "libpango-1.0.so" || { echo "ERREUR : l'installation de Pango a échoué." >&2; exit 1; }
