#!/usr/bin/env bash
# The multi-process tests need Redis (shared cache, rate limits and task queue): find the server on
# 127.0.0.1:6379 or start one; install Debian's redis-server when it is missing and we can; fail loudly otherwise.
set -euo pipefail
HOST=${REDIS_HOST_TEST:-127.0.0.1}
PORT=${REDIS_PORT_TEST:-6379}
ready() { redis-cli -h "$HOST" -p "$PORT" ping 2>/dev/null | grep -q PONG; }
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "Redis absent : installation du paquet Debian « redis-server »…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  elif sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "ERREUR : Redis (redis-server, redis-cli) est requis par les tests multi-processus ; installez le paquet « redis-server »." >&2
    exit 1
  fi
fi
if ! ready; then
  echo "Redis ne répond pas sur $HOST:$PORT : tentative de démarrage…"
  if [ "$HOST" = "127.0.0.1" ] || [ "$HOST" = "localhost" ]; then
    # A local server of our own, in the background, without persistence (test data only).
    redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes --save "" --appendonly no \
      --logfile /tmp/maillage-redis-test.log >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 20); do ready && break; sleep 0.5; done
fi
if ! ready; then
  echo "ERREUR : Redis est injoignable sur $HOST:$PORT ; les tests multi-processus en ont besoin." >&2
  exit 1
fi
echo "Redis prêt sur $HOST:$PORT."
