#!/usr/bin/env bash
# Runs every test file. Node 20 does not expand globs itself, so the shell does.
set -euo pipefail
shopt -s globstar nullglob
cd "$(dirname "$0")/.."
files=(test/**/*.test.ts)
exec node --import tsx --test --test-concurrency=2 "$@" "${files[@]}"
