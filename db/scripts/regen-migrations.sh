#!/usr/bin/env bash
# Rebuilds the migrations from scratch: the generated schema (0000) then the hand-written SQL
# drizzle-kit cannot express (triggers, functions) from src/custom-sql/*.sql (0001).
# ONLY for migrations that have never landed on main; once landed, migrations are append-only
# and new changes use `pnpm db:generate`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf migrations
npx drizzle-kit generate --name init
if compgen -G "src/custom-sql/*.sql" >/dev/null; then
  npx drizzle-kit generate --custom --name rules
  custom=$(ls migrations/0001_*.sql)
  cat src/custom-sql/*.sql >"$custom"
fi
ls migrations
