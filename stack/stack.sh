#!/usr/bin/env bash
# Sightline's local stack without Docker: Neo4j 5.26 Community (embedded, from Maven Central), the Temporal dev server
# (built with `go install`) and moto (S3 and IAM, from PyPI). Everything is installed from package registries on first
# use and cached per user, so a fresh clone on the same machine (CI) starts in seconds and a new machine fills the
# cache once.
#
#   stack/stack.sh install [service...]   download/build what the services need (idempotent)
#   stack/stack.sh up      [service...]   install, start and wait until each service really answers
#   stack/stack.sh down    [service...]   stop (SIGTERM, then SIGKILL after a grace period)
#   stack/stack.sh status  [service...]   running/ready per service
#   stack/stack.sh env                    `export` lines for the app (names as in cli/config.ts)
#   stack/stack.sh logs    [service...]   tail of each service's log
# Services: neo4j temporal moto (default: all).
#
# Environment: SIGHTLINE_STACK_DIR (runtime state; default <repo>/.stack), XDG_CACHE_HOME, NEO4J_BOLT_PORT (7687),
# TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_UI=1 (serve the Web UI), MOTO_PORT (5000),
# NEO4J_PASSWORD (sightline-dev-password), SIGHTLINE_STACK_TIMEOUT (readiness wait per service, seconds; 300),
# NEO4J_PAGECACHE (Neo4j page cache in MiB; 512) and NEO4J_HEAP (JVM maximum heap, as for -Xmx; 1g): raise both only
# for a store larger than the page cache, e.g. the API latency benchmark's organisation graph (2.1 GB on disk):
# `NEO4J_PAGECACHE=2560 NEO4J_HEAP=2g stack/stack.sh up neo4j`. They apply when Neo4j starts.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/sightline"
STACK_DIR="${SIGHTLINE_STACK_DIR:-$REPO_DIR/.stack}"
LOG_DIR="$STACK_DIR/logs"

NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MOTO_PORT="${MOTO_PORT:-5000}"
NEO4J_PASSWORD="${NEO4J_PASSWORD:-sightline-dev-password}"
READY_TIMEOUT="${SIGHTLINE_STACK_TIMEOUT:-300}"
NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-512}"
NEO4J_HEAP="${NEO4J_HEAP:-1g}"
[[ "$NEO4J_PAGECACHE" =~ ^[0-9]+$ ]] || { printf 'stack: error: NEO4J_PAGECACHE must be a number of MiB, got %s\n' "$NEO4J_PAGECACHE" >&2; exit 1; }
[[ "$NEO4J_HEAP" =~ ^[0-9]+[kmgKMG]?$ ]] || { printf 'stack: error: NEO4J_HEAP must be a JVM size such as 1g, got %s\n' "$NEO4J_HEAP" >&2; exit 1; }

TEMPORAL_CLI_VERSION="v1.5.1"
MOTO_VERSION="5.1.22"
ALL_SERVICES=(neo4j temporal moto)

say() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

need() {
  local cmd="$1" fix="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not installed or not on PATH. Fix: $fix"
}

# Installs into the cache are serialised per service, so two clones starting at once do not build the same thing twice
# or see half-written files.
with_lock() {
  local name="$1"; shift
  mkdir -p "$CACHE_DIR"
  (
    flock 9
    "$@"
  ) 9>"$CACHE_DIR/.$name.lock"
}

# ---------------------------------------------------------------------------------------------------------- neo4j
# The cache key is the content of the pom and the launcher, so editing either builds a fresh, separate install.
neo4j_home() {
  local key
  key="$(cat "$REPO_DIR/stack/neo4j/pom.xml" "$REPO_DIR/stack/neo4j/SightlineNeo4j.java" | sha256sum | cut -c1-12)"
  printf '%s/neo4j/%s' "$CACHE_DIR" "$key"
}

install_neo4j_locked() {
  local home; home="$(neo4j_home)"
  [[ -f "$home/classes/SightlineNeo4j.class" ]] && return 0
  need java "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)"
  need javac "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)"
  need mvn "install Maven (Debian: apt-get install maven)"
  local tmp="$home.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp/lib" "$tmp/classes" "$CACHE_DIR/logs"
  say "neo4j: resolving org.neo4j:neo4j from Maven Central into $CACHE_DIR/m2 (first time only, about a minute)"
  if ! mvn -q -B -f "$REPO_DIR/stack/neo4j/pom.xml" -Dmaven.repo.local="$CACHE_DIR/m2" \
      dependency:copy-dependencies -DoutputDirectory="$tmp/lib" >"$CACHE_DIR/logs/neo4j-mvn.log" 2>&1; then
    tail -n 30 "$CACHE_DIR/logs/neo4j-mvn.log" >&2
    rm -rf "$tmp"
    die "neo4j: Maven could not resolve the jars (log: $CACHE_DIR/logs/neo4j-mvn.log). Fix: check that Maven Central is reachable, then run 'stack/stack.sh install neo4j' again"
  fi
  javac -d "$tmp/classes" -cp "$tmp/lib/*" "$REPO_DIR/stack/neo4j/SightlineNeo4j.java" \
    || { rm -rf "$tmp"; die "neo4j: javac failed on stack/neo4j/SightlineNeo4j.java. Fix: make sure 'javac -version' is 17"; }
  rm -rf "$home"; mv "$tmp" "$home"
  say "neo4j: installed in $home"
}

start_neo4j() {
  local home; home="$(neo4j_home)"
  mkdir -p "$STACK_DIR/neo4j"
  NEO4J_PASSWORD="$NEO4J_PASSWORD" setsid nohup java -Xms256m -Xmx"$NEO4J_HEAP" -Dsightline.pagecacheMiB="$NEO4J_PAGECACHE" -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$home/classes:$home/lib/*" SightlineNeo4j "$STACK_DIR/neo4j" "$NEO4J_BOLT_PORT" \
    >>"$LOG_DIR/neo4j.log" 2>&1 </dev/null &
  echo $! >"$STACK_DIR/neo4j.pid"
}

wait_neo4j() {
  [[ -d "$REPO_DIR/node_modules/neo4j-driver" ]] \
    || die "neo4j: the readiness check needs neo4j-driver. Fix: run 'npm ci' in $REPO_DIR"
  NEO4J_PASSWORD="$NEO4J_PASSWORD" node "$REPO_DIR/stack/wait-neo4j.mjs" "bolt://127.0.0.1:$NEO4J_BOLT_PORT" neo4j \
    "$READY_TIMEOUT" "$(cat "$STACK_DIR/neo4j.pid")" >>"$LOG_DIR/neo4j.ready.log" 2>&1
}

probe_neo4j() {
  NEO4J_PASSWORD="$NEO4J_PASSWORD" node "$REPO_DIR/stack/wait-neo4j.mjs" "bolt://127.0.0.1:$NEO4J_BOLT_PORT" neo4j 3 \
    >/dev/null 2>&1
}

fix_neo4j() {
  echo "check 'java -version' is 17 and port $NEO4J_BOLT_PORT is free (or set NEO4J_BOLT_PORT); if the store is damaged, 'stack/stack.sh down neo4j && rm -rf $STACK_DIR/neo4j' starts an empty database"
}

# ------------------------------------------------------------------------------------------------------- temporal
temporal_bin() { printf '%s/bin/temporal' "$CACHE_DIR"; }

install_temporal_locked() {
  [[ -x "$(temporal_bin)" ]] && return 0
  need go "install Go 1.22 or newer (https://go.dev/doc/install or Debian: apt-get install golang)"
  mkdir -p "$CACHE_DIR/bin" "$CACHE_DIR/logs"
  say "temporal: building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (first time only, several minutes on 2 cores)"
  # Tags from v1.6.0 carry a replace directive that `go install pkg@version` refuses; v1.5.1 is the newest that builds.
  if ! GOBIN="$CACHE_DIR/bin.tmp.$$" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
      >"$CACHE_DIR/logs/temporal-go-install.log" 2>&1; then
    tail -n 30 "$CACHE_DIR/logs/temporal-go-install.log" >&2
    rm -rf "$CACHE_DIR/bin.tmp.$$"
    die "temporal: go install failed (log: $CACHE_DIR/logs/temporal-go-install.log). Fix: check that the Go module proxy is reachable (go env GOPROXY) and run 'stack/stack.sh install temporal' again"
  fi
  mv "$CACHE_DIR/bin.tmp.$$/temporal" "$(temporal_bin)"
  rm -rf "$CACHE_DIR/bin.tmp.$$"
  say "temporal: installed $(temporal_bin)"
}

start_temporal() {
  local ui=(--headless)
  [[ "${TEMPORAL_UI:-0}" == "1" ]] && ui=()
  # SQLite file: workflow histories and schedules survive a restart of the stack.
  setsid nohup "$(temporal_bin)" server start-dev "${ui[@]}" --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
    --ui-port "$TEMPORAL_UI_PORT" --db-filename "$STACK_DIR/temporal.db" --log-level warn \
    >>"$LOG_DIR/temporal.log" 2>&1 </dev/null &
  echo $! >"$STACK_DIR/temporal.pid"
}

probe_temporal() {
  "$(temporal_bin)" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" --command-timeout 3s 2>/dev/null \
    | grep -q SERVING
}

wait_temporal() { wait_until temporal probe_temporal; }

fix_temporal() {
  echo "check port $TEMPORAL_PORT is free (or set TEMPORAL_PORT); if the database is damaged, 'stack/stack.sh down temporal && rm -f $STACK_DIR/temporal.db*' starts empty; to rebuild the binary, delete $(temporal_bin)"
}

# ----------------------------------------------------------------------------------------------------------- moto
moto_venv() { printf '%s/moto-venv' "$CACHE_DIR"; }

moto_installed() {
  local venv; venv="$(moto_venv)"
  [[ -x "$venv/bin/moto_server" ]] && [[ "$("$venv/bin/python" -c \
    'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null)" == "$MOTO_VERSION" ]]
}

install_moto_locked() {
  moto_installed && return 0
  need python3 "install Python 3.9+ with venv (Debian: apt-get install python3 python3-venv)"
  local venv; venv="$(moto_venv)"
  mkdir -p "$CACHE_DIR/logs"
  say "moto: installing moto[server]==$MOTO_VERSION from PyPI into $venv (first time only)"
  rm -rf "$venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --disable-pip-version-check -q \
      "moto[server]==$MOTO_VERSION"; } >"$CACHE_DIR/logs/moto-pip.log" 2>&1; then
    tail -n 30 "$CACHE_DIR/logs/moto-pip.log" >&2
    rm -rf "$venv"
    die "moto: pip install failed (log: $CACHE_DIR/logs/moto-pip.log). Fix: check python3 -m venv works (Debian: apt-get install python3-venv) and PyPI is reachable"
  fi
  say "moto: installed in $venv"
}

start_moto() {
  setsid nohup "$(moto_venv)/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT" \
    >>"$LOG_DIR/moto.log" 2>&1 </dev/null &
  echo $! >"$STACK_DIR/moto.pid"
}

# An unsigned ListBuckets: moto answers 200 with ListAllMyBucketsResult once its S3 backend serves requests.
probe_moto() {
  curl -fsS --max-time 3 "http://127.0.0.1:$MOTO_PORT/" 2>/dev/null | grep -q ListAllMyBucketsResult
}

wait_moto() { wait_until moto probe_moto; }

fix_moto() {
  echo "check port $MOTO_PORT is free (or set MOTO_PORT); to reinstall, 'rm -rf $(moto_venv) && stack/stack.sh install moto'"
}

# --------------------------------------------------------------------------------------------------------- common
port_of() {
  case "$1" in
    neo4j) echo "$NEO4J_BOLT_PORT" ;;
    temporal) echo "$TEMPORAL_PORT" ;;
    moto) echo "$MOTO_PORT" ;;
  esac
}

# What the service's command line must contain, so a recycled pid of some other program never counts as ours.
marker_of() {
  case "$1" in
    neo4j) echo "SightlineNeo4j" ;;
    temporal) echo "start-dev" ;;
    moto) echo "moto_server" ;;
  esac
}

pid_of() {
  local file="$STACK_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(marker_of "$1")" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_until() {
  local service="$1" probe="$2" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    pid_of "$service" >/dev/null || return 2
    "$probe" && return 0
    sleep 1
  done
  return 1
}

# Prints the service, its log (with its tail) and a fix; FIX overrides the service's usual advice.
report_failure() {
  local service="$1" why="$2" fix="${3:-}" log="$LOG_DIR/$1.log"
  {
    echo "stack: error: $service $why"
    if [[ -s "$log" ]]; then
      echo "stack: log file: $log"
      echo "----- last 40 lines of $log -----"
      tail -n 40 "$log"
      echo "-----"
    fi
    if [[ "$service" == neo4j ]]; then
      [[ -s "$LOG_DIR/neo4j.ready.log" ]] && echo "stack: readiness check: $(tail -n 1 "$LOG_DIR/neo4j.ready.log")"
      [[ -f "$STACK_DIR/neo4j/logs/debug.log" ]] && echo "stack: Neo4j's own log: $STACK_DIR/neo4j/logs/debug.log"
    fi
    echo "stack: fix: ${fix:-$(fix_"$service")}"
  } >&2
}

up_one() {
  local service="$1" pid port start=$SECONDS rc=0
  if pid="$(pid_of "$service")"; then
    if "probe_$service"; then
      say "$service: already running (pid $pid, port $(port_of "$service")), nothing to do"
      return 0
    fi
  else
    port="$(port_of "$service")"
    if port_open "$port"; then
      report_failure "$service" "cannot start: port $port on 127.0.0.1 is already taken by another process" \
        "stop whatever listens on $port, or choose another port (NEO4J_BOLT_PORT, TEMPORAL_PORT, MOTO_PORT)"
      return 1
    fi
    # up_one runs under `||`, where bash ignores set -e: every step checks its own status.
    with_lock "$service" "install_${service}_locked" || return 1
    start=$SECONDS
    "start_$service" || { report_failure "$service" "could not be launched"; return 1; }
    pid="$(cat "$STACK_DIR/$service.pid")"
    say "$service: started (pid $pid, port $port), waiting until it answers"
  fi
  "wait_$service" || rc=$?
  if [[ "$rc" == 2 && -n "${port:-}" ]]; then
    # Seen once on a loaded machine: the Temporal dev server stopped right after start-up. One fresh start is cheap,
    # and a service that dies twice is reported with its log as before.
    say "$service: exited before it became ready; starting it once more (log: $LOG_DIR/$service.log)"
    rc=0
    "start_$service" || { report_failure "$service" "could not be launched"; return 1; }
    "wait_$service" || rc=$?
  fi
  case "$rc" in
    0) say "$service: ready after $((SECONDS - start))s" ;;
    2) report_failure "$service" "exited before it became ready"; return 1 ;;
    *) report_failure "$service" "did not become ready within ${READY_TIMEOUT}s"; return 1 ;;
  esac
}

down_one() {
  local service="$1" pid
  if ! pid="$(pid_of "$service")"; then
    rm -f "$STACK_DIR/$service.pid"
    say "$service: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$service: still running after 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STACK_DIR/$service.pid"
  say "$service: stopped (pid $pid)"
}

status_one() {
  local service="$1" pid
  if pid="$(pid_of "$service")"; then
    if "probe_$service"; then
      say "$service: ready (pid $pid, port $(port_of "$service"))"
    else
      say "$service: running but not answering (pid $pid, port $(port_of "$service")); log: $LOG_DIR/$service.log"
      return 1
    fi
  else
    say "$service: stopped"
    return 1
  fi
}

print_env() {
  local q
  for kv in \
    "NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT" \
    "NEO4J_USER=neo4j" \
    "NEO4J_PASSWORD=$NEO4J_PASSWORD" \
    "TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT" \
    "AWS_ENDPOINT_URL=http://127.0.0.1:$MOTO_PORT" \
    "AWS_ACCESS_KEY_ID=test" \
    "AWS_SECRET_ACCESS_KEY=test" \
    "AWS_REGION=us-east-1"; do
    printf -v q '%q' "${kv#*=}"
    printf 'export %s=%s\n' "${kv%%=*}" "$q"
  done
}

services_from_args() {
  if (($# == 0)); then
    printf '%s\n' "${ALL_SERVICES[@]}"
    return
  fi
  local s
  for s in "$@"; do
    case "$s" in
      neo4j | temporal | moto) echo "$s" ;;
      *) die "unknown service '$s' (services: ${ALL_SERVICES[*]})" ;;
    esac
  done
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  local services s failed=0
  case "$cmd" in
    install)
      mapfile -t services < <(services_from_args "$@")
      for s in "${services[@]}"; do with_lock "$s" "install_${s}_locked"; done
      say "installed: ${services[*]} (cache: $CACHE_DIR)"
      ;;
    up)
      mapfile -t services < <(services_from_args "$@")
      mkdir -p "$STACK_DIR" "$LOG_DIR"
      for s in "${services[@]}"; do up_one "$s" || failed=1; done
      ((failed == 0)) || exit 1
      ;;
    down)
      mapfile -t services < <(services_from_args "$@")
      # Reverse order: clients of the graph and of Temporal go away before what they depend on.
      for ((i = ${#services[@]} - 1; i >= 0; i--)); do down_one "${services[i]}"; done
      ;;
    status)
      mapfile -t services < <(services_from_args "$@")
      for s in "${services[@]}"; do status_one "$s" || failed=1; done
      exit "$failed"
      ;;
    env) print_env ;;
    logs)
      mapfile -t services < <(services_from_args "$@")
      for s in "${services[@]}"; do
        echo "===== $LOG_DIR/$s.log"
        tail -n 50 "$LOG_DIR/$s.log" 2>/dev/null || echo "(no log yet)"
      done
      ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 64 ;;
  esac
}

main "$@"
