#!/usr/bin/env bash
# The suite must also run on PostgreSQL: find the server on 127.0.0.1:5432 or start it; fail loudly otherwise.
set -euo pipefail
HOST=${PGHOST_TEST:-127.0.0.1}
PORT=${PGPORT_TEST:-5432}
ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }
if ! command -v pg_isready >/dev/null; then
  echo "ERREUR : les outils PostgreSQL (pg_isready) sont introuvables ; installez PostgreSQL 13 ou plus récent." >&2
  exit 1
fi
if ! ready; then
  echo "PostgreSQL ne répond pas sur $HOST:$PORT : tentative de démarrage…"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
  fi
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
if ! ready; then
  echo "ERREUR : PostgreSQL est injoignable sur $HOST:$PORT ; la suite doit aussi passer sur PostgreSQL." >&2
  exit 1
fi
missing=$(psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atc \
  "select string_agg(n, ',') from unnest(array['unaccent','pg_trgm']) n where n not in (select name from pg_available_extensions)")
if [ -n "$missing" ]; then
  echo "ERREUR : extensions PostgreSQL manquantes : $missing (paquet postgresql-contrib)." >&2
  exit 1
fi
echo "PostgreSQL prêt sur $HOST:$PORT."
