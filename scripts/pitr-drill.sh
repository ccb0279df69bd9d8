#!/usr/bin/env bash
# Point-in-time recovery drill for a PostgreSQL server (docs/operations.md, "Point-in-time recovery").
#
# On throwaway clusters of Debian's PostgreSQL (/usr/lib/postgresql/<version>/bin) on loopback ports, never
# the machine's own server: a primary with WAL archiving (archive_command), Murojaat's schema and seeded
# appeals, a base backup (pg_basebackup), more work after it, then a mistake (every appeal truncated).
# Recovery copies the base backup, replays the archived WAL up to recovery_target_time (just before the
# mistake) and promotes; the script then checks the appeals, the staff account made after the base backup,
# and the audit chain (`murojaat audit verify`). Exit code 0 only when all of that holds.
#
# Usage: scripts/pitr-drill.sh [APPEALS]   (default 300; run from the project folder, as root or a user
# that may run PostgreSQL's binaries)
set -euo pipefail

APPEALS="${1:-300}"
PROJECT="$(cd "$(dirname "$0")/.." && pwd)"
NODE="$PROJECT/node_modules/.bin/node"
BIN=""
for version in 17 16 15; do
  if [ -x "/usr/lib/postgresql/$version/bin/pg_ctl" ]; then BIN="/usr/lib/postgresql/$version/bin"; break; fi
done
[ -n "$BIN" ] || { echo "No Debian PostgreSQL under /usr/lib/postgresql" >&2; exit 2; }

ROOT="$(mktemp -d /tmp/murojaat-pitr-XXXXXX)"
chmod 755 "$ROOT"
ARCHIVE="$ROOT/wal-archive"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() { "$NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PRIMARY_PORT="$(free_port)"
RECOVERED_PORT="$(free_port)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$ROOT"
as_pg mkdir -p "$ARCHIVE"

cleanup() {
  as_pg "$BIN/pg_ctl" -D "$ROOT/primary" -m immediate -w stop >/dev/null 2>&1 || true
  as_pg "$BIN/pg_ctl" -D "$ROOT/recovered" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$ROOT"
}
trap cleanup EXIT

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
psql_at() { as_pg "$BIN/psql" -X -q -At -h 127.0.0.1 -p "$1" -U postgres -d murojaat -c "$2"; }

step "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}'): primary on 127.0.0.1:$PRIMARY_PORT, WAL archived to $ARCHIVE"
as_pg "$BIN/initdb" -D "$ROOT/primary" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat <<CONF | as_pg tee "$ROOT/primary/postgresql.auto.conf" >/dev/null
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$ROOT'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $ARCHIVE/%f && cp %p $ARCHIVE/%f'
archive_timeout = 60
CONF
as_pg "$BIN/pg_ctl" -D "$ROOT/primary" -l "$ROOT/primary.log" -w start >/dev/null
as_pg "$BIN/psql" -X -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -c 'create database murojaat'

export DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/murojaat"
export DATA_DIR="$ROOT/data"
MUROJAAT_DATA_KEY="$("$NODE" -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
export MUROJAAT_DATA_KEY
murojaat() { (cd "$PROJECT" && "$NODE" bin/murojaat.js "$@" 2> >(grep -v 'rewrite the audit log' >&2)); }

step "Murojaat's schema and $APPEALS seeded appeals on the primary"
murojaat seed --appeals "$APPEALS" --seed 7 | tail -1
BEFORE_BASE="$(psql_at "$PRIMARY_PORT" 'select count(*) from appeals')"

step "Base backup (pg_basebackup, WAL streamed alongside)"
as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$ROOT/base" -X stream -c fast
du -sh "$ROOT/base" | awk '{print "base backup: " $1}'

step "Work after the base backup: a staff account (and its audit entry)"
murojaat users create --login drill.clerk --role clerk --unit IIV-1726266-APP --password-stdin <<<'drill password long enough'
AUDIT_GOOD="$(psql_at "$PRIMARY_PORT" 'select count(*) from audit_log')"
sleep 1
TARGET="$(psql_at "$PRIMARY_PORT" "select to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
sleep 1
echo "recovery target: $TARGET (audit entries then: $AUDIT_GOOD)"

step "The mistake: every appeal truncated, the WAL segment closed and archived"
psql_at "$PRIMARY_PORT" 'truncate appeals cascade'
echo "appeals on the primary now: $(psql_at "$PRIMARY_PORT" 'select count(*) from appeals')"
psql_at "$PRIMARY_PORT" 'select pg_switch_wal()' >/dev/null
for _ in $(seq 1 30); do
  [ "$(psql_at "$PRIMARY_PORT" 'select last_failed_wal is null and archived_count > 0 from pg_stat_archiver')" = t ] && break
  sleep 1
done
as_pg "$BIN/pg_ctl" -D "$ROOT/primary" -m fast -w stop >/dev/null
echo "archived WAL segments: $(find "$ARCHIVE" -type f | wc -l)"

step "Recovery: base backup + archived WAL up to the target, then promote (127.0.0.1:$RECOVERED_PORT)"
as_pg cp -a "$ROOT/base" "$ROOT/recovered"
cat <<CONF | as_pg tee -a "$ROOT/recovered/postgresql.auto.conf" >/dev/null
port = $RECOVERED_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$ROOT'
archive_mode = off
restore_command = 'cp $ARCHIVE/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
CONF
as_pg touch "$ROOT/recovered/recovery.signal"
STARTED=$(date +%s)
as_pg "$BIN/pg_ctl" -D "$ROOT/recovered" -l "$ROOT/recovered.log" -w -t 120 start >/dev/null
for _ in $(seq 1 60); do
  [ "$(psql_at "$RECOVERED_PORT" 'select pg_is_in_recovery()')" = f ] && break
  sleep 1
done
echo "recovered and promoted in $(( $(date +%s) - STARTED )) s"
grep -E 'recovery stopping|consistent recovery|archive recovery complete' "$ROOT/recovered.log" | sed 's/^/  log: /' || true

step "Checks"
export DATABASE_URL="postgres://postgres@127.0.0.1:$RECOVERED_PORT/murojaat"
APPEALS_NOW="$(psql_at "$RECOVERED_PORT" 'select count(*) from appeals')"
CLERK="$(psql_at "$RECOVERED_PORT" "select count(*) from users where login = 'drill.clerk'")"
AUDIT_NOW="$(psql_at "$RECOVERED_PORT" 'select count(*) from audit_log')"
echo "appeals: $APPEALS_NOW (before the base backup: $BEFORE_BASE); account made after it: $CLERK; audit entries: $AUDIT_NOW (at the target: $AUDIT_GOOD)"
murojaat audit verify
[ "$APPEALS_NOW" = "$BEFORE_BASE" ] && [ "$CLERK" = 1 ] && [ "$AUDIT_NOW" = "$AUDIT_GOOD" ] || {
  echo 'PITR drill FAILED' >&2
  exit 1
}
echo 'PITR drill passed: the appeals came back, with the work done after the base backup and an intact audit chain.'
