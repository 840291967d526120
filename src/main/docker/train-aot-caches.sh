#!/bin/sh
# Trains the JDK 25 AOT caches of the service laid out by bin/package-aot, one per role given:
#   train-aot-caches.sh DIR ROLE...    writes DIR/app-ROLE.aot for each ROLE (query or command)
# Dockerfile.jvm-aot runs it in the image (DIR /deployments); AotLayoutIT runs it on the build's
# target/aot-app/. DIR must be the absolute path the jar runs from: a cache records the jar's
# path and the JVM refuses it anywhere else (trained as a relative "quarkus-run.jar", it was
# refused at run time: "shared class paths mismatch").
#
# Each training run is a real start with the knative profile, which needs no database or broker
# to start (no Flyway or JDBC at start, connections opened on first use, no Kafka consumer, lazy
# producers): start, a liveness check, the role's first request, SIGTERM; the JVM writes the cache
# as it exits. Without a database that request answers 503 database-unavailable, but only after
# going through most of its path (for a command: the bearer token's check, the body, the handler,
# the write session), which is what the cache then holds: the query role's first query came about
# 40 to 70 ms sooner after ready, with 5 MB less RSS; the command role's first command about
# 160 ms sooner, with 12 MB less RSS, for about 20 ms more to ready (bench/README.md). The
# training fails if the request answers anything else: a cache trained on a 401 or a 404 would
# quietly lose what it is for. What the first successful write and the relay's first send (its
# Kafka producer) load comes from the jar then.
# The command is signed for training only: aot-training.jwt, signed by a key pair made for it whose
# private half was destroyed once the token was signed; only the training run trusts its public
# half (aot-training-jwt-public.pem), through its own environment. No deployment configures it.
# TRAINING_PORT (default 8080) is the port the training runs listen on.
set -eu
[ $# -ge 2 ] || { echo "usage: train-aot-caches.sh DIR ROLE..." >&2; exit 2; }
dir=$1
shift
case "$dir" in /*) ;; *) echo "train-aot-caches.sh: DIR must be an absolute path, not $dir" >&2; exit 2 ;; esac
port=${TRAINING_PORT:-8080}
for role in "$@"; do
  case "$role" in query|command) ;; *) echo "train-aot-caches.sh: ROLE must be query or command, not $role" >&2; exit 2 ;; esac
done

here=$(cd "$(dirname "$0")" && pwd)
token=$(cat "$here/aot-training.jwt")

# The role's first request as a client sends it, printing the HTTP status (000: no answer).
first_request() {
  case "$1" in
    query) curl -s -o /dev/null -w '%{http_code}' "localhost:$port/listings?limit=1" ;;
    command) curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"title":"Kettle","description":"Steel","category":"kitchen","price":{"amount":"30.00","currency":"EUR"}}' \
        "localhost:$port/listings" ;;
  esac
}

for role in "$@"; do
  log=/tmp/training-$role.log
  cache=$dir/app-$role.aot
  rm -f "$cache"
  QUARKUS_PROFILE=prod,knative LISTINGS_ROLE=$role QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:1/training KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$here/aot-training-jwt-public.pem" MP_JWT_VERIFY_ISSUER=listings-aot-training MP_JWT_VERIFY_AUDIENCES=listings \
    java -XX:AOTCacheOutput="$cache" -jar "$dir/quarkus-run.jar" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "started in" "$log" && break; sleep 0.5; done
  grep -q "started in" "$log" || { cat "$log"; kill "$pid" 2> /dev/null; exit 1; }
  curl -s -o /dev/null "localhost:$port/q/health/live" || true
  status=$(first_request "$role" || true)
  if [ "$status" != 503 ]; then
    echo "train-aot-caches.sh: the $role role's training request answered $status, not 503 database-unavailable" >&2
    cat "$log"; kill "$pid" 2> /dev/null; exit 1
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  [ -s "$cache" ] || { cat "$log"; exit 1; }
  echo "trained $cache"
done
