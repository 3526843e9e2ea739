#!/usr/bin/env bash
# Prints the directory cargo-deny should use as its advisory `db-path`.
#
# CARGO_DENY_ADVISORY_DB wins when set (a copy kept current by `cargo deny fetch db`). Otherwise the
# vendored snapshot (vendor/README.md) is unpacked once into target/advisory-dbs as the git
# checkout cargo-deny expects: cargo-deny reads the checkout's HEAD commit date to judge staleness,
# so the commit carries the snapshot's real date, not today's.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${CARGO_DENY_ADVISORY_DB:-}" ]]; then
  echo "$CARGO_DENY_ADVISORY_DB"
  exit 0
fi

ADVISORY_DB_COMMIT=bf5c0d245a92671908518d7e765914d437954ed6
ADVISORY_DB_DATE=2026-08-21T08:28:40+02:00
tarball=vendor/rustsec-advisory-db.tar.gz
root=target/advisory-dbs
# cargo-deny names the checkout after a hash of the URL in deny.toml's db-urls
# (https://github.com/rustsec/advisory-db).
checkout="$root/advisory-db-3157b0e258782691"
stamp="$checkout/.snapshot-$ADVISORY_DB_COMMIT"

if [[ ! -f "$stamp" ]]; then
  rm -rf "$checkout"
  mkdir -p "$checkout"
  tar -xzf "$tarball" -C "$checkout"
  git -C "$checkout" init -q
  git -C "$checkout" add -A
  GIT_AUTHOR_DATE="$ADVISORY_DB_DATE" GIT_COMMITTER_DATE="$ADVISORY_DB_DATE" \
    git -C "$checkout" -c user.name=snapshot -c user.email=snapshot@localhost -c commit.gpgsign=false \
    commit -q -m "rustsec/advisory-db $ADVISORY_DB_COMMIT"
  touch "$stamp"
  echo "advisory db: unpacked snapshot $ADVISORY_DB_COMMIT ($ADVISORY_DB_DATE) into $checkout" >&2
fi
echo "$root"
