#!/usr/bin/env bash
# Sightline's main job on a fresh machine (`npm run demo`): install and build, start the local stack, seed the demo
# estate, audit it with a worker, then serve the GraphQL API and print a sample "who can reach PII" query.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "demo: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "demo: building (tsc)"
npm run --silent build
bash stack/stack.sh up
eval "$(bash stack/stack.sh env)"
exec node bin/sightline.js demo --no-stack
