#!/usr/bin/env bash
# npm test: installs what the tests need (npm packages, Debian's Chromium when no browser is
# found), then runs typecheck, lint (no warnings), format check, unit tests (Vitest, Node),
# the production build and the e2e suite (Playwright, on WASM and on WebGPU). Every stage runs
# even if an earlier one failed; the last line is "N passed, M failed" over unit + e2e tests
# (a failed typecheck/lint/format/build stage counts as one failure).
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json test-results/stages.txt test-results/summary.txt

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm packages"
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

bash scripts/ensure-chromium.sh

stage() {
  local name=$1
  shift
  echo "== $name: $*"
  if "$@"; then echo "$name ok" >>test-results/stages.txt; else echo "$name failed" >>test-results/stages.txt; fi
}

stage typecheck npx tsc --noEmit -p .
stage lint npx eslint . --max-warnings 0
stage format npx prettier --check .
stage unit npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
stage build npx vite build
if grep -q "build ok" test-results/stages.txt; then
  CI=1 stage e2e npx playwright test
fi

node scripts/test-summary.mjs | tee test-results/summary.txt
! grep -q failed test-results/stages.txt
