#!/usr/bin/env bash
# The whole Sightline test suite on a fresh clone: install, build, start a private stack, run the unit and integration
# projects, stop the stack. `npm test` and .ci/run run this. The last line it prints is always
#   sightline tests: N passed, M failed[, K skipped]
# and it exits non-zero when anything failed or when no test ran at all.
#
# The stack runs in <repo>/.stack/test on its own ports (override with SIGHTLINE_TEST_NEO4J_BOLT_PORT,
# SIGHTLINE_TEST_TEMPORAL_PORT, SIGHTLINE_TEST_TEMPORAL_UI_PORT, SIGHTLINE_TEST_MOTO_PORT), so a developer's running
# stack on the default ports is never touched. It starts from empty data every run, and exports SIGHTLINE_TEST_STACK=1
# so destructive tests (moto reset, Neo4j wipe) know they are on this private stack.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

export SIGHTLINE_STACK_DIR="$REPO_DIR/.stack/test"
export NEO4J_BOLT_PORT="${SIGHTLINE_TEST_NEO4J_BOLT_PORT:-17687}"
export TEMPORAL_PORT="${SIGHTLINE_TEST_TEMPORAL_PORT:-17233}"
export TEMPORAL_UI_PORT="${SIGHTLINE_TEST_TEMPORAL_UI_PORT:-18233}"
export MOTO_PORT="${SIGHTLINE_TEST_MOTO_PORT:-15000}"
LOG_DIR="$SIGHTLINE_STACK_DIR/logs"
REPORT_DIR="$SIGHTLINE_STACK_DIR/reports"
STACK="$REPO_DIR/stack/stack.sh"

step() { printf '\n== %s\n' "$*"; }

# Every exit path ends with the summary line; nothing may print after it.
summary_and_exit() {
  local passed="$1" failed="$2" skipped="$3" code="$4"
  stop_stack
  local line="sightline tests: $passed passed, $failed failed"
  ((skipped > 0)) && line+=", $skipped skipped"
  SUMMARY_PRINTED=1
  echo "$line"
  exit "$code"
}

# shellcheck disable=SC2317 # called by the EXIT trap
# An unexpected failure (set -e) still stops the stack and still ends with a summary line that counts as a failure.
on_exit() {
  local code=$?
  ((SUMMARY_PRINTED == 1)) && return
  stop_stack
  echo "test-all: stopped unexpectedly (exit $code)" >&2
  echo "sightline tests: 0 passed, 1 failed"
  exit $((code == 0 ? 1 : code))
}

abort() {
  echo "test-all: error: $*" >&2
  summary_and_exit 0 1 0 1
}

STACK_STARTED=0
SUMMARY_PRINTED=0
stop_stack() {
  if ((STACK_STARTED == 1)); then
    STACK_STARTED=0
    "$STACK" down >>"$LOG_DIR/stack-down.log" 2>&1 || echo "test-all: stopping the stack failed, see $LOG_DIR/stack-down.log" >&2
  fi
}
trap on_exit EXIT
trap 'echo "test-all: interrupted" >&2; exit 130' INT TERM

check_tool() {
  local cmd="$1" fix="$2"
  command -v "$cmd" >/dev/null 2>&1 || abort "'$cmd' is required but not on PATH. Fix: $fix"
}

check_prerequisites() {
  step "checking tools"
  check_tool node "install Node.js 20.19+ (https://nodejs.org or Debian/NodeSource packages)"
  check_tool npm "install npm with Node.js 20.19+"
  check_tool java "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)"
  check_tool javac "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)"
  check_tool mvn "install Maven (Debian: apt-get install maven)"
  check_tool go "install Go 1.22+ (https://go.dev/doc/install)"
  check_tool python3 "install Python 3.9+ with venv (Debian: apt-get install python3 python3-venv)"
  check_tool curl "install curl (Debian: apt-get install curl)"
  check_tool flock "install util-linux (Debian: apt-get install util-linux)"
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    || abort "Node.js 20.19+ is required, found $(node --version)"
  local java_major
  java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${java_major:-0}" -ge 17 ]] 2>/dev/null || abort "Java 17+ is required for Neo4j 5.26, found '${java_major:-none}' (java -version)"
  echo "node $(node --version), java $java_major, $(go version | cut -d' ' -f3), $(python3 --version)"
}

# npm ci wipes node_modules, so skip it when the installed tree came from this exact lock file.
install_dependencies() {
  step "npm ci"
  local stamp="node_modules/.sightline-lock.sha256" want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "node_modules matches package-lock.json, skipping npm ci"
    return
  fi
  if ! npm ci --no-audit --no-fund --loglevel=warn >"$LOG_DIR/npm-ci.log" 2>&1; then
    tail -n 40 "$LOG_DIR/npm-ci.log" >&2
    abort "npm ci failed (log: $LOG_DIR/npm-ci.log)"
  fi
  echo "$want" >"$stamp"
  echo "installed (log: $LOG_DIR/npm-ci.log)"
}

# A failed build counts as one failure but the tests still run (vitest compiles TypeScript itself), so one type
# error does not hide every other result.
BUILD_FAILED=0
build() {
  step "npm run build"
  if ! npm run build 2>&1 | tee "$LOG_DIR/build.log"; then
    echo "test-all: npm run build failed (log: $LOG_DIR/build.log); running the tests anyway" >&2
    BUILD_FAILED=1
  fi
}

start_stack() {
  step "starting the test stack in $SIGHTLINE_STACK_DIR (neo4j :$NEO4J_BOLT_PORT, temporal :$TEMPORAL_PORT, moto :$MOTO_PORT)"
  STACK_STARTED=1
  "$STACK" down >/dev/null 2>&1 || true
  rm -rf "$SIGHTLINE_STACK_DIR/neo4j" "$SIGHTLINE_STACK_DIR"/temporal.db*
  # stack.sh prints the failing service, its log tail and a fix on failure.
  "$STACK" up || abort "the test stack did not come up (logs: $LOG_DIR)"
  eval "$("$STACK" env)"
  # Tests that reset moto or wipe Neo4j refuse to run unless they see this: only this private stack may be wiped.
  export SIGHTLINE_TEST_STACK=1
}

# Runs one vitest project; its JSON report is read afterwards, so a failing project does not stop the other.
run_project() {
  local project="$1"
  step "vitest --project $project"
  rm -f "$REPORT_DIR/$project.json"
  set +e
  npx vitest run --project "$project" --passWithNoTests --reporter=default --reporter=json \
    --outputFile.json="$REPORT_DIR/$project.json" 2>&1 | tee "$LOG_DIR/vitest-$project.log"
  local code="${PIPESTATUS[0]}"
  set -e
  echo "$code" >"$REPORT_DIR/$project.exit"
}

# Prints "passed failed skipped" summed over the JSON reports. A file that failed to load has no test results of its
# own, so it counts as one failure; a project that exited non-zero without any report counts as one failure too.
count_results() {
  node - "$REPORT_DIR" unit integration <<'EOF'
const fs = require("node:fs");
const path = require("node:path");
const [dir, ...projects] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
for (const project of projects) {
  const exitCode = Number(fs.readFileSync(path.join(dir, `${project}.exit`), "utf8").trim());
  let report;
  try {
    report = JSON.parse(fs.readFileSync(path.join(dir, `${project}.json`), "utf8"));
  } catch {
    failed += 1;
    console.error(`test-all: vitest project ${project} wrote no JSON report (exit ${exitCode})`);
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  const unloaded = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  );
  for (const file of unloaded) console.error(`test-all: ${file.name} failed outside any test: ${file.message}`);
  failed += unloaded.length;
  if (exitCode !== 0 && report.numFailedTests === 0 && unloaded.length === 0) {
    failed += 1;
    console.error(`test-all: vitest project ${project} exited ${exitCode} without a failing test (see its log)`);
  }
}
console.log(`${passed} ${failed} ${skipped}`);
EOF
}

main() {
  mkdir -p "$LOG_DIR" "$REPORT_DIR"
  check_prerequisites
  install_dependencies
  build
  start_stack
  run_project unit
  run_project integration
  local passed failed skipped
  read -r passed failed skipped < <(count_results) || abort "could not read the vitest reports in $REPORT_DIR"
  if ((BUILD_FAILED == 1)); then
    echo "test-all: npm run build failed, counted as one failure (log: $LOG_DIR/build.log)" >&2
    failed=$((failed + 1))
  fi
  if ((failed > 0)); then
    echo "test-all: failures above; stack logs in $LOG_DIR" >&2
    # A service that died mid-run explains many failures at once: show its log tail.
    "$STACK" status >&2 || "$STACK" logs >&2 || true
    summary_and_exit "$passed" "$failed" "$skipped" 1
  fi
  if ((passed == 0)); then
    echo "test-all: no test ran" >&2
    summary_and_exit 0 0 "$skipped" 1
  fi
  summary_and_exit "$passed" "$failed" "$skipped" 0
}

main "$@"
