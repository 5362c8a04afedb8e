#!/usr/bin/env bash
# The compatibility matrix: the package's checks and its whole test suite on each
# supported combination of Python, Django and Wagtail.
#
#   scripts/matrix.sh                          every combination, one after the other
#   scripts/matrix.sh py313-django61-wagtail8  only the ones named
#   scripts/matrix.sh --list                   the combinations and what they pin
#
# Each combination gets its own virtualenv, .matrix/<name>/ (kept between runs and
# brought up to date; MATRIX_FRESH=1 makes it anew), with the package installed as
# `make install` does (`pip install -e ".[dev,production]"`: the suite tests the
# production settings too) under the combination's constraints. The versions it prints
# are read back from that virtualenv, and a combination that got another Python, Django
# or Wagtail series than its name says fails. Then `make check` (Django's checks and
# `makemigrations --check`) and `make test` (the whole suite) with that virtualenv, on
# SQLite in memory (DATABASE_URL is ignored). The browser tests run only where Chromium
# and Playwright are there; otherwise they are skipped, and each combination says so.
#
# The first failing combination stops the run (MATRIX_KEEP_GOING=1 runs the rest all the
# same); the exit status is non-zero if any failed. A summary table ends the output; each
# combination's full output is in .matrix/<name>.log.
#
# Interpreters: PYTHON311, PYTHON312, PYTHON313 name them; without one, the newest
# pyenv build of that version ($PYENV_ROOT/versions/3.13*/bin/python3), then python3.13 on
# PATH. pytest's options: MATRIX_PYTEST_ARGS (default "-n 2").
set -euo pipefail
cd "$(dirname "$0")/.."

MATRIX_DIR=.matrix
MATRIX_PYTEST_ARGS=${MATRIX_PYTEST_ARGS:--n 2}
PYENV_ROOT=${PYENV_ROOT:-$HOME/.pyenv}
export PIP_DISABLE_PIP_VERSION_CHECK=1

# name|Python|Django series|Wagtail series|pip constraints, ';' between them. The newest
# Wagtail 7 on the oldest Python and Django; the oldest Wagtail that setup.cfg allows; the
# newest of all. Every series is a range, so a rerun picks up its latest release.
COMBINATIONS=(
    "py311-django52-wagtail7|3.11|5.2|7|Django>=5.2,<5.3;wagtail>=7.0,<8.0;wagtail-modeladmin>=2.1,<3.0"
    "py312-django52-wagtail70|3.12|5.2|7.0|Django>=5.2,<5.3;wagtail>=7.0,<7.1;wagtail-modeladmin>=2.1,<3.0"
    "py313-django61-wagtail8|3.13|6.1|8|Django>=6.1,<6.2;wagtail>=8.0,<9.0;wagtail-modeladmin>=2.1,<3.0"
)

field() { # field <combination> <index>: one '|'-separated field of a combination
    local parts
    IFS='|' read -r -a parts <<<"$1"
    printf '%s' "${parts[$2]}"
}

find_combination() {
    local combination
    for combination in "${COMBINATIONS[@]}"; do
        if [ "$(field "$combination" 0)" = "$1" ]; then
            printf '%s' "$combination"
            return 0
        fi
    done
    return 1
}

find_python() { # find_python 3.13: the interpreter to use for that version
    local version=$1 variable candidate
    variable="PYTHON${version/./}"
    if [ -n "${!variable:-}" ]; then
        command -v "${!variable}" >/dev/null 2>&1 || {
            echo "$variable=${!variable} is not an executable Python" >&2
            return 1
        }
        printf '%s' "${!variable}"
        return 0
    fi
    candidate=$(
        shopt -s nullglob
        printf '%s\n' "$PYENV_ROOT"/versions/"$version".*/bin/python3 | sort -V | tail -n 1
    )
    if [ -z "$candidate" ]; then
        candidate=$(command -v "python$version" || true)
    fi
    if [ -z "$candidate" ]; then
        echo "Python $version not found: no $PYENV_ROOT/versions/$version.*/bin/python3 and no" \
            "python$version on PATH. Install it (pyenv install $version) or set $variable." >&2
        return 1
    fi
    printf '%s' "$candidate"
}

# What the virtualenv really holds, as "python=3.13.0 django=6.1.3 …" (one line).
installed_versions() {
    "$1/bin/python" - <<'PYTHON'
import platform
from importlib.metadata import version

names = {"django": "Django", "wagtail": "wagtail", "wagtail-modeladmin": "wagtail-modeladmin"}
print(f"python={platform.python_version()}", *(f"{key}={version(name)}" for key, name in names.items()))
PYTHON
}

version_of() { # version_of <key> <versions line>
    local pair
    for pair in $2; do
        if [ "${pair%%=*}" = "$1" ]; then
            printf '%s' "${pair#*=}"
            return 0
        fi
    done
}

in_series() { # in_series 5.2.19 5.2 → true; 7.4.4 7 → true
    [ "$1" = "$2" ] || [[ $1 == "$2".* ]]
}

run_combination() {
    local combination=$1 name python_version django_series wagtail_series venv python
    name=$(field "$combination" 0)
    python_version=$(field "$combination" 1)
    django_series=$(field "$combination" 2)
    wagtail_series=$(field "$combination" 3)
    venv="$MATRIX_DIR/$name"

    python=$(find_python "$python_version")
    echo "Interpreter: $python"

    if [ "${MATRIX_FRESH:-0}" = 1 ] || ! "$venv/bin/python" -c \
        "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$python_version'.split('.'))))" \
        2>/dev/null; then
        rm -rf "$venv"
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install -qq --upgrade pip
    fi
    tr ';' '\n' <<<"$(field "$combination" 4)" >"$venv/constraints.txt"
    echo "Constraints:" && sed 's/^/    /' "$venv/constraints.txt"
    "$venv/bin/python" -m pip install -qq --upgrade --upgrade-strategy eager -e ".[dev,production]" -c "$venv/constraints.txt"

    local versions django wagtail
    versions=$(installed_versions "$venv")
    echo "$versions" >"$venv/versions.txt"
    echo "Installed: $versions"
    django=$(version_of django "$versions")
    wagtail=$(version_of wagtail "$versions")
    in_series "$(version_of python "$versions")" "$python_version" || {
        echo "FAILED: $name asks for Python $python_version" >&2
        return 1
    }
    in_series "$django" "$django_series" || {
        echo "FAILED: $name asks for Django $django_series.x and got $django" >&2
        return 1
    }
    in_series "$wagtail" "$wagtail_series" || {
        echo "FAILED: $name asks for Wagtail $wagtail_series.x and got $wagtail" >&2
        return 1
    }

    # The project's own targets, run with this virtualenv: `make check` (Django's checks and
    # `makemigrations --check` on the example site) and `make test` (the whole suite, also
    # under a site's own base page model). The install above stands for `make install`.
    touch "$venv/.installed"
    local make_args=("VENV=$venv" "PYTEST_ARGS=$MATRIX_PYTEST_ARGS") missing_browser
    echo
    echo "--- Django checks and migrations (make check)"
    env -u DATABASE_URL make --no-print-directory check "${make_args[@]}"

    echo
    echo "--- Test suite on SQLite (make test, pytest $MATRIX_PYTEST_ARGS)"
    missing_browser=$("$venv/bin/python" -c 'from tests import browser; print(browser.missing())')
    if [ -n "$missing_browser" ] && [ "${REQUIRE_BROWSER:-0}" != 1 ]; then
        echo "NOTE: the browser tests (marker 'browser') are SKIPPED in this combination:"
        echo "      they need $missing_browser."
    elif [ -z "$missing_browser" ]; then
        echo "Browser tests: run (Chromium and Playwright are here)."
    fi
    env -u DATABASE_URL -u REQUIRE_POSTGRES make --no-print-directory test "${make_args[@]}"

    if [ "$(installed_versions "$venv")" != "$versions" ]; then
        echo "FAILED: the installed versions changed while $name ran:" \
            "$(installed_versions "$venv")" >&2
        return 1
    fi
}

list_combinations() {
    local combination
    for combination in "${COMBINATIONS[@]}"; do
        printf '%-26s Python %s, constraints: %s\n' "$(field "$combination" 0)" \
            "$(field "$combination" 1)" "$(field "$combination" 4 | sed 's/;/  /g')"
    done
}

main() {
    if [ "${1:-}" = "--list" ]; then
        list_combinations
        return 0
    fi
    if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        return 0
    fi

    local selected=() name combination
    if [ $# -eq 0 ]; then
        selected=("${COMBINATIONS[@]}")
    else
        for name in "$@"; do
            combination=$(find_combination "$name") || {
                echo "Unknown combination '$name'. Known:" >&2
                list_combinations >&2
                return 2
            }
            selected+=("$combination")
        done
    fi
    mkdir -p "$MATRIX_DIR"

    local rows=() failed=0 started status seconds versions log
    for combination in "${selected[@]}"; do
        name=$(field "$combination" 0)
        log="$MATRIX_DIR/$name.log"
        if [ "$failed" -gt 0 ] && [ "${MATRIX_KEEP_GOING:-0}" != 1 ]; then
            rows+=("$name|-|-|-|-|not run|-")
            continue
        fi
        printf '\n=== %s\n' "$name"
        started=$(date +%s)
        rm -f "$MATRIX_DIR/$name/versions.txt"
        set +e
        (
            set -e
            run_combination "$combination"
        ) 2>&1 | tee "$log"
        status=${PIPESTATUS[0]}
        set -e
        seconds=$(($(date +%s) - started))
        versions=""
        if [ -f "$MATRIX_DIR/$name/versions.txt" ]; then
            versions=$(cat "$MATRIX_DIR/$name/versions.txt")
        fi
        local result=passed
        if [ "$status" -ne 0 ]; then
            result="FAILED ($status)"
            failed=$((failed + 1))
        fi
        rows+=("$name|$(version_of python "$versions")|$(version_of django "$versions")|$(
            version_of wagtail "$versions"
        )|$(version_of wagtail-modeladmin "$versions")|$result|$seconds")
    done

    printf '\n=== Summary\n'
    printf '%s\n' "combination|Python|Django|Wagtail|modeladmin|result|seconds" "${rows[@]}" |
        awk -F'|' '{
            for (i = 1; i <= NF; i++) if ($i == "") $i = "-"
            printf "%-26s %-8s %-8s %-8s %-11s %-12s %s\n", $1, $2, $3, $4, $5, $6, $7
        }'
    if [ "$failed" -gt 0 ]; then
        echo "$failed combination(s) failed; the output of each is in $MATRIX_DIR/<name>.log"
        return 1
    fi
}

main "$@"
