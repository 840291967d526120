#!/bin/sh
# Trains the JDK 25 AOT caches of the service laid out by bin/package-aot, one per role given:
#   train-aot-caches.sh DIR ROLE...    writes DIR/app-ROLE.aot for each ROLE
# Dockerfile.jvm-aot runs it in the image (DIR /deployments); AotLayoutIT runs it on the build's
# target/aot-app/. DIR must be the absolute path the jar runs from: a cache records the jar's
# path and the JVM refuses it anywhere else (trained as a relative "quarkus-run.jar", it was
# refused at run time: "shared class paths mismatch").
#
# Each training run is a real start with the knative profile, which needs no database or broker
# to start (no Flyway or JDBC at start, connections opened on first use, no Kafka consumer, lazy
# producers): start, a liveness check, SIGTERM; the JVM writes the cache as it exits. The query
# role also gets a query (answered 503 without a database, but through most of the query path):
# its first query came about 40 to 70 ms sooner after ready, with 5 MB less RSS (bench/README.md).
# No training run writes or sends: the command role's cache, trained on a command too, got its
# first command 140 ms sooner but was ready about 90 ms later (a cache loads all its classes at
# start), and a command needs a token the image cannot sign. So what the first command and the
# relay's first send (its producer) load comes from the jar then.
# TRAINING_PORT (default 8080) is the port the training runs listen on.
set -eu
[ $# -ge 2 ] || { echo "usage: train-aot-caches.sh DIR ROLE..." >&2; exit 2; }
dir=$1
shift
case "$dir" in /*) ;; *) echo "train-aot-caches.sh: DIR must be an absolute path, not $dir" >&2; exit 2 ;; esac
port=${TRAINING_PORT:-8080}

for role in "$@"; do
  log=/tmp/training-$role.log
  cache=$dir/app-$role.aot
  rm -f "$cache"
  QUARKUS_PROFILE=prod,knative LISTINGS_ROLE=$role QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:1/training KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
    java -XX:AOTCacheOutput="$cache" -jar "$dir/quarkus-run.jar" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "started in" "$log" && break; sleep 0.5; done
  grep -q "started in" "$log" || { cat "$log"; kill "$pid" 2> /dev/null; exit 1; }
  curl -s -o /dev/null "localhost:$port/q/health/live" || true
  [ "$role" != query ] || curl -s -o /dev/null "localhost:$port/listings?limit=1" || true
  kill -TERM "$pid"
  wait "$pid" || true
  [ -s "$cache" ] || { cat "$log"; exit 1; }
  echo "trained $cache"
done
