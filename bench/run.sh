#!/usr/bin/env bash
# Hookline benchmarks: builds if needed, starts the platform (API + worker, -Xmx512m) against a fresh
# PostgreSQL database and Redis key space on this machine (or dev mode's embedded servers when they are absent),
# runs the load scenarios and the JMH micro-benchmarks, prints a table and ends with one `summary:` line.
#
#   bench/run.sh [--quick] [--jfr] [--no-jmh] [--docs] [--only=e2e,fleet500,burst100,delivery1,ingest,batch,raw,delivery,latency500,latency2000]
#                [--workers=N] [--own-redis] [--warmup=SECONDS] [--tracing]
#     --quick   short scenarios (under 4 minutes); the full run takes under 20
#     --jfr     record the platform with JDK Flight Recorder and print where its CPU time went
#     --no-jmh  skip the micro-benchmarks
#     --docs    copy the chart to docs/benchmarks.png
#     --only=…  run only these scenarios (for working on one; the summary then has n/a for the others)
#     --workers=N  the platform serves the API only, and N worker processes (`hookline.jar worker`, -Xmx512m
#               each) deliver; their CPU is a group of its own (docs/operations/capacity.md)
#     --own-redis  a redis-server of the platform's own on a free port (redis-server on PATH), so the delivery
#               scenario can count Redis commands per delivery from INFO commandstats
#     --warmup=S   S seconds of JIT warm-up instead of the plan's (0 for a smoke test of the script itself)
#     --tracing    OpenTelemetry tracing on, exported over OTLP/HTTP to a sink on loopback that drops the spans
#                  (`hookline-bench.jar otlp-sink`), to measure what tracing costs against a run without it
#   --workers and --own-redis need the machine's PostgreSQL and Redis (not dev mode).
#   HOOKLINE_BENCH_JAVA_OPTS='-Dk=v …' adds JVM options to the platform's JVM (a setting by Dropwizard's -Ddw.…, to
#   compare one build with two settings: -Ddw.delivery.perEndpointInFlight=20)
#   HOOKLINE_BENCH_APP_JAR=path runs that platform jar instead of server/target/hookline.jar (to compare two builds
#   in alternating runs on one machine; the benchmark jar stays this checkout's)
#
# Every request goes to 127.0.0.1. Results land in bench/target/results/<run>/.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=; JFR=; JMH=1; DOCS=; ONLY=(); WORKERS=0; OWN_REDIS=; WARMUP=(); TRACING=
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=--quick ;;
    --jfr) JFR=1 ;;
    --no-jmh) JMH= ;;
    --docs) DOCS=1 ;;
    --only=*) ONLY=(--only "${arg#--only=}") ;;
    --workers=*) WORKERS="${arg#--workers=}" ;;
    --own-redis) OWN_REDIS=1 ;;
    --warmup=*) WARMUP=(--warmup "${arg#--warmup=}") ;;
    --tracing) TRACING=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    answers 127.0.0.1 "$p" || { echo "$p"; return; }
  done
  echo "no free port found" >&2; exit 1
}

BENCH_JAR=bench/target/hookline-bench.jar
APP_JAR=${HOOKLINE_BENCH_APP_JAR:-server/target/hookline.jar}
if [[ ! -f $APP_JAR || ! -f $BENCH_JAR ]] \
   || [[ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$BENCH_JAR" -type f -print -quit)" ]]; then
  echo "bench: building (mvnw package -DskipTests)"
  ./mvnw -q -B -ntp -pl server,bench -am package -DskipTests
fi

RUN_ID="$(date +%Y%m%d-%H%M%S)-$RANDOM"
OUT="bench/target/results/$RUN_ID"
mkdir -p "$OUT"
HTTP_PORT=$(free_port); ADMIN_PORT=$(free_port)
while [[ $ADMIN_PORT == "$HTTP_PORT" ]]; do ADMIN_PORT=$(free_port); done
ADMIN_KEY="hl_admin_bench_$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"

export HOOKLINE_HTTP_HOST=127.0.0.1 HOOKLINE_HTTP_PORT=$HTTP_PORT HOOKLINE_ADMIN_PORT=$ADMIN_PORT
export HOOKLINE_ADMIN_KEY=$ADMIN_KEY HOOKLINE_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
export HOOKLINE_ALLOW_PRIVATE_NETWORKS=true HOOKLINE_ALLOW_INSECURE_URLS=true  # the receiver is on loopback
# The per-key rate limit (default 1,000/s) would cap what the load clients can send: measure the platform instead.
export HOOKLINE_REQUESTS_PER_SECOND_PER_KEY=10000000 HOOKLINE_BURST_PER_KEY=10000000

DB=; KEY_PREFIX=; JDBC_ARGS=()
if answers 127.0.0.1 5432 && answers 127.0.0.1 6379 && command -v psql >/dev/null; then
  MODE=server
  DB="hookline_bench_$(echo "$RUN_ID" | tr -c 'a-z0-9\n' '_')"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
  KEY_PREFIX="hookline-bench-$RUN_ID:"
  export HOOKLINE_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" HOOKLINE_DATABASE_USER=postgres
  export HOOKLINE_REDIS_URL="redis://127.0.0.1:6379/15" HOOKLINE_REDIS_KEY_PREFIX="$KEY_PREFIX"
  JDBC_ARGS=(--jdbc "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres")
  echo "bench: database $DB, Redis db 15 prefix $KEY_PREFIX"
else
  MODE=dev
  export HOOKLINE_DEV_HOME="$PWD/$OUT/dev"
  unset HOOKLINE_DATABASE_URL HOOKLINE_REDIS_URL
  echo "bench: no PostgreSQL/Redis on 127.0.0.1: dev mode's embedded servers in $HOOKLINE_DEV_HOME"
  if [[ $WORKERS -gt 0 || -n $OWN_REDIS ]]; then
    echo "bench: --workers and --own-redis need PostgreSQL and Redis on 127.0.0.1 (and psql)" >&2; exit 2
  fi
fi

REDIS_PID=; REDIS_ARGS=()
if [[ -n $OWN_REDIS ]]; then
  command -v redis-server >/dev/null || { echo "bench: --own-redis needs redis-server on PATH" >&2; exit 2; }
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do answers 127.0.0.1 "$REDIS_PORT" && break; sleep 0.1; done
  export HOOKLINE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  REDIS_ARGS=(--redis "127.0.0.1:$REDIS_PORT")
  echo "bench: Redis of its own on 127.0.0.1:$REDIS_PORT"
fi
if [[ $WORKERS -gt 0 ]]; then
  export HOOKLINE_WORKER_ENABLED=false # the platform serves the API; the worker processes deliver
fi

SINK_PID=
if [[ -n $TRACING ]]; then
  SINK_PORT=$(free_port)
  java -Xmx128m -jar "$BENCH_JAR" otlp-sink "$SINK_PORT" >"$OUT/otlp-sink.log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 100); do answers 127.0.0.1 "$SINK_PORT" && break; sleep 0.1; done
  export HOOKLINE_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT"
  echo "bench: tracing on, spans exported to the sink on 127.0.0.1:$SINK_PORT"
else
  unset HOOKLINE_OTLP_ENDPOINT
fi

JAVA_OPTS=(-Xmx512m ${HOOKLINE_BENCH_JAVA_OPTS:-} -Xlog:gc,safepoint:file="$OUT/gc.log":utctime,uptime)
[[ -n $JFR ]] && JAVA_OPTS+=(-XX:StartFlightRecording=filename="$OUT/platform.jfr",settings=profile)
if [[ $MODE == server ]]; then
  java "${JAVA_OPTS[@]}" -jar "$APP_JAR" server config/hookline.yml >"$OUT/platform.log" 2>&1 &
else
  java "${JAVA_OPTS[@]}" -jar "$APP_JAR" dev >"$OUT/platform.log" 2>&1 &
fi
PLATFORM_PID=$!

WORKER_PIDS=()
stop_workers() {
  for pid in "${WORKER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${WORKER_PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  WORKER_PIDS=()
}
stop_platform() {
  if [[ -n ${PLATFORM_PID:-} ]] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$PLATFORM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PLATFORM_PID" 2>/dev/null || true
  fi
  PLATFORM_PID=
}
cleanup() {
  stop_workers
  stop_platform
  if [[ -n $REDIS_PID ]]; then kill -TERM "$REDIS_PID" 2>/dev/null || true; fi
  if [[ -n $SINK_PID ]]; then kill -TERM "$SINK_PID" 2>/dev/null || true; fi
  if [[ -n $DB ]]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  fi
  if [[ -n $KEY_PREFIX ]] && command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 -n 15 --scan --pattern "${KEY_PREFIX}*" | xargs -r redis-cli -h 127.0.0.1 -n 15 del >/dev/null || true
  fi
}
trap cleanup EXIT

echo "bench: starting the platform on 127.0.0.1:$HTTP_PORT (admin $ADMIN_PORT), log in $OUT/platform.log"
for _ in $(seq 1 600); do
  answers 127.0.0.1 "$HTTP_PORT" && break
  kill -0 "$PLATFORM_PID" 2>/dev/null || { echo "bench: the platform exited:" >&2; tail -30 "$OUT/platform.log" >&2; exit 1; }
  sleep 0.2
done
answers 127.0.0.1 "$HTTP_PORT" || { echo "bench: the platform did not start in 120 s" >&2; exit 1; }

for i in $(seq 1 "$WORKERS"); do
  HOOKLINE_WORKER_ENABLED=true HOOKLINE_ADMIN_PORT=$(free_port) \
    java -Xmx512m -Xlog:gc,safepoint:file="$OUT/worker-$i-gc.log":utctime,uptime \
    -jar "$APP_JAR" worker config/hookline.yml >"$OUT/worker-$i.log" 2>&1 &
  WORKER_PIDS+=($!)
done
for i in $(seq 1 "$WORKERS"); do
  for _ in $(seq 1 600); do grep -qs "delivery worker started" "$OUT/worker-$i.log" && break; sleep 0.2; done
  grep -qs "delivery worker started" "$OUT/worker-$i.log" \
    || { echo "bench: worker $i did not start:" >&2; tail -30 "$OUT/worker-$i.log" >&2; exit 1; }
done
[[ $WORKERS -gt 0 ]] && echo "bench: $WORKERS worker processes: ${WORKER_PIDS[*]}"
WORKER_ARGS=()
if [[ $WORKERS -gt 0 ]]; then WORKER_ARGS=(--worker-pids "$(IFS=,; echo "${WORKER_PIDS[*]}")"); fi

echo "bench: machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB memory; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -Xlog:gc,safepoint:file="$OUT/bench-gc.log":utctime,uptime -jar "$BENCH_JAR" scenarios --api "http://127.0.0.1:$HTTP_PORT" --admin "http://127.0.0.1:$ADMIN_PORT" \
  --admin-key "$ADMIN_KEY" "${JDBC_ARGS[@]}" --platform-pid "$PLATFORM_PID" "${WORKER_ARGS[@]}" "${REDIS_ARGS[@]}" \
  --out "$OUT" --chart "$OUT/benchmarks.png" $QUICK "${ONLY[@]}" "${WARMUP[@]}" | tee "$OUT/scenarios.txt"
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_workers
stop_platform

if [[ -n $JFR ]]; then
  echo; echo "bench: where the platform's CPU time went (JFR, $OUT/platform.jfr)"
  java -jar "$BENCH_JAR" jfr-top "$OUT/platform.jfr" | tee "$OUT/jfr-top.txt"
fi
if [[ -n $JMH ]]; then
  echo; echo "bench: JMH micro-benchmarks"
  if [[ -n $QUICK ]]; then JMH_ARGS=(-f 1 -wi 1 -i 1 -w 1s -r 1s); else JMH_ARGS=(-f 1 -wi 2 -i 3 -w 1s -r 2s); fi
  java -jar "$BENCH_JAR" jmh "${JMH_ARGS[@]}" -rf text -rff "$OUT/jmh.txt" >"$OUT/jmh.log" 2>&1
  cat "$OUT/jmh.txt"
fi
[[ -n $DOCS ]] && cp "$OUT/benchmarks.png" docs/benchmarks.png
echo "bench: results in $OUT"
tail -1 "$OUT/results.md"
