#!/usr/bin/env bash
# The reliability suite (issue 7): crashes, a database outage, two server processes, fuzzing, sustained
# load — against real server processes on the embedded database and on the PostgreSQL server at
# 127.0.0.1:5432. Options are passed on: e.g. `npm run test:reliability -- --only crash --kills 10`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/reliability/run.ts "$@"
