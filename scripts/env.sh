#!/usr/bin/env bash
# One configuration source for the Makefile and the scripts, with the precedence the CLI's
# Settings uses: the process environment (when non-empty) wins over .env.local, which wins over
# .env.dev, which wins over the built-in default.
#
#   source scripts/env.sh; envval NAME [DEFAULT]      in a script
#   scripts/env.sh NAME [DEFAULT]                     prints the value (for the Makefile)
#   scripts/env.sh database-url dev|test             prints the database URL the CLI would use
#
# The files are read from STRIPE_OLTP_ENV_DIR (default: the checkout's root). Values are taken
# literally (no ${…} expansion); a surrounding pair of quotes and an `export ` prefix are dropped.

_env_root="${STRIPE_OLTP_ENV_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# The value of NAME in the dotenv file $2, or nothing.
_env_file_value() { # name file
  [ -f "$2" ] || return 0
  sed -nE "s/^[[:space:]]*(export[[:space:]]+)?$1[[:space:]]*=[[:space:]]*(.*)$/\2/p" "$2" | tail -n 1 \
    | sed -E 's/[[:space:]]+$//; s/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/'
}

# Prints the value of NAME: environment (non-empty) > .env.local > .env.dev > DEFAULT.
envval() { # name [default]
  local name="$1" default="${2:-}" value
  value="${!name:-}"
  [ -n "$value" ] || value="$(_env_file_value "$name" "$_env_root/.env.local")"
  [ -n "$value" ] || value="$(_env_file_value "$name" "$_env_root/.env.dev")"
  echo "${value:-$default}"
}

# Prints the URL of the dev or test database: DATABASE_URL / TEST_DATABASE_URL when set, else
# composed from PG_USER and PG_DEV_PORT/PG_DEV_DB or PG_TEST_PORT/PG_TEST_DB, as the CLI does.
database_url() { # dev|test
  local explicit
  if [ "$1" = "test" ]; then
    explicit="$(envval TEST_DATABASE_URL)"
    [ -n "$explicit" ] && { echo "$explicit"; return; }
    echo "postgres://$(envval PG_USER stripe)@127.0.0.1:$(envval PG_TEST_PORT 5435)/$(envval PG_TEST_DB stripe_db_test)"
  else
    explicit="$(envval DATABASE_URL)"
    [ -n "$explicit" ] && { echo "$explicit"; return; }
    echo "postgres://$(envval PG_USER stripe)@127.0.0.1:$(envval PG_DEV_PORT 5434)/$(envval PG_DEV_DB stripe_db_dev)"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    "") echo "usage: scripts/env.sh NAME [DEFAULT] | database-url dev|test" >&2; exit 2 ;;
    database-url) database_url "${2:-dev}" ;;
    *) envval "$1" "${2:-}" ;;
  esac
fi
