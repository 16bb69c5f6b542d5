#!/usr/bin/env bash
# The load benchmark (bench/load.py) drives wrk, Debian's HTTP load generator: find it or install it.
set -euo pipefail
if command -v wrk >/dev/null; then exit 0; fi
echo "wrk absent : installation du paquet Debian « wrk »…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
else
  echo "ERREUR : wrk est requis par bench/load.py ; installez le paquet « wrk »." >&2
  exit 1
fi
command -v wrk >/dev/null || { echo "ERREUR : l'installation de wrk a échoué." >&2; exit 1; }
