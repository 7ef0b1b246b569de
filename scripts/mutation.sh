#!/usr/bin/env bash
# Mutation testing of the pure cores with mutmut, one module at a time, each against only the
# tests listed for it in scripts/mutation-targets.txt, each in a fresh copy of the project (no
# mutmut cache, no bytecode left from an earlier run can hide a mutant). Fails when a module's
# kill rate falls below its floor. Slow: a nightly job (`make mutation`), not part of `make test`.
# Arguments, if any, pick modules by a part of their path: `scripts/mutation.sh ce/rules`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/${VENV:-.venv}/bin
TARGETS=${MUTATION_TARGETS:-scripts/mutation-targets.txt}
KEEP=${MUTATION_KEEP:-}  # set to keep each copy (and its mutants/) for `mutmut results`, `mutmut show`

[ -x "$BIN/mutmut" ] || { echo "mutmut is not installed: make install-test" >&2; exit 2; }

toml_list() { local out="" item; for item in "$@"; do out+="\"$item\", "; done; printf '[%s]' "${out%, }"; }

failed=()
summary=()
# Read the whole list first: editing it during a long run changes nothing in that run.
mapfile -t lines <"$TARGETS"
for entry in "${lines[@]}"; do
  read -r module floor tests <<<"$entry"
  case "$module" in ''|'#'*) continue ;; esac
  if [ $# -gt 0 ]; then
    wanted=""
    for pick in "$@"; do [[ "$module" == *"$pick"* ]] && wanted=1; done
    [ -n "$wanted" ] || continue
  fi
  printf '\n=== %s (floor %s%%; %s) ===\n' "$module" "$floor" "$tests"
  work=$(mktemp -d /tmp/curriculum-mutation.XXXXXX)
  cp -r app competencies curricula templates tests pyproject.toml "$work/"
  # shellcheck disable=SC2086  # the tests are a space-separated list on purpose
  cat >>"$work/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["app"]
only_mutate = ["$module"]
pytest_add_cli_args_test_selection = $(toml_list $tests)
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]
TOML
  (cd "$work" && PYTHONDONTWRITEBYTECODE=1 "$BIN/mutmut" run --max-children "${MUTATION_CHILDREN:-1}" >mutmut.log 2>&1) || {
    tail -n 30 "$work/mutmut.log" >&2
    failed+=("$module (mutmut failed; log in $work/mutmut.log)")
    continue
  }
  (cd "$work" && "$BIN/mutmut" export-cicd-stats >/dev/null && "$BIN/mutmut" results) | sed 's/^ */  /'
  line=$("$BIN/python" - "$work/mutants/mutmut-cicd-stats.json" "$floor" "$module" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
floor, module = float(sys.argv[2]), sys.argv[3]
caught = stats["killed"] + stats["timeout"] + stats["segfault"]
total = stats["total"] - stats["skipped"]
rate = 100 * caught / total if total else 0.0
verdict = "ok" if rate >= floor else "BELOW FLOOR"
print(f"{module}: {caught}/{total} mutants killed = {rate:.1f}% (floor {floor:g}%; "
      f"survived {stats['survived']}, no test {stats['no_tests']}, suspicious {stats['suspicious']}) {verdict}")
PY
)
  echo "$line"
  summary+=("$line")
  [[ "$line" == *"BELOW FLOOR" ]] && failed+=("$module")
  [ -n "$KEEP" ] && echo "kept in $work" || rm -rf "$work"
done

printf '\n=== Mutation summary ===\n'
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'Below the floor or failed: %s\n' "${failed[*]}" >&2
  exit 1
fi
