#!/usr/bin/env bash
# CI: @latchkey/guard as a service gets it. `npm pack` of packages/guard,
# installed into an empty project (npm adds the NestJS peers), must load and
# must bring no ORM, database driver or Redis client.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build:guard >/dev/null
project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
tarball=$(npm pack --silent --workspace @latchkey/guard --pack-destination "$project" | tail -1)
cd "$project"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --prefer-offline "./${tarball}" >/dev/null
node -e "require('reflect-metadata'); require('@latchkey/guard')"
status=0
for forbidden in typeorm mysql2 better-sqlite3 ioredis; do
  if [ -e "node_modules/${forbidden}" ]; then
    echo "check-guard-package: installing @latchkey/guard brought ${forbidden}:" >&2
    npm ls "${forbidden}" >&2 || true
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "check-guard-package: ${tarball} installs without typeorm, mysql2, better-sqlite3 or ioredis"
exit "$status"
