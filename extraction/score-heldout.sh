#!/usr/bin/env bash
# Measures the extraction library on a held-out set (src/test/resources/SET: texts we wrote
# ourselves, never seen while tuning) with the project's shared scorer.
#
#   extraction/score-heldout.sh [SET] [--build] [--out DIR] [score.py options, default: --misses 30]
#
# SET, if given, comes first: heldout (the default) or heldout2. Builds the CLI jar when it is
# missing, older than extraction/src/main, or --build is given; extracts every text of the set
# into DIR (default /tmp/SET-pred, its stale predictions removed first) and scores DIR against
# SET/gold. The scorer is ../shared/tools/score.py beside the repository, or $SCORER. The last
# line printed is the scorer's summary line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
set_name=heldout
# Only a first argument that is not an option names the set: later bare words are option values
# for the scorer (--misses 30).
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  set_name="$1"; shift
fi
heldout="$here/src/test/resources/$set_name"
if [ ! -d "$heldout/texts" ] || [ ! -d "$heldout/gold" ]; then
  echo "no held-out set '$set_name' (expected $heldout/texts and $heldout/gold)" >&2
  exit 2
fi
out="/tmp/$set_name-pred"
build=0
score_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=1; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) score_args+=("$1"); shift ;;
  esac
done
[ ${#score_args[@]} -eq 0 ] && score_args=(--misses 30)

find_jar() { ls "$here"/target/extraction-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1; }

jar="$(find_jar || true)"
if [ -z "$jar" ] || [ "$build" = 1 ] || [ -n "$(find "$here/src/main" -newer "$jar" -type f -print -quit)" ]; then
  # Others build in the same tree: a busy or half-edited build gets two more tries a minute apart.
  tries="${BUILD_TRIES:-3}"
  for i in $(seq 1 "$tries"); do
    if (cd "$root" && ./mvnw -B -q -pl extraction -am install -DskipTests); then break; fi
    [ "$i" = "$tries" ] && { echo "build failed $tries times" >&2; exit 1; }
    echo "build failed, retrying in 60 s ($i/$tries)" >&2
    sleep 60
  done
  jar="$(find_jar)"
fi

mkdir -p "$out"
for t in "$heldout"/texts/*.txt; do
  n="$(basename "$t" .txt)"
  rm -f "$out/$n.json"
done
java -jar "$jar" --out "$out" "$heldout"/texts/*.txt

scorer="${SCORER:-$root/../shared/tools/score.py}"
if [ ! -f "$scorer" ]; then
  echo "predictions are in $out, but the scorer was not found at $scorer." >&2
  echo "It is shared/tools/score.py in the project's shared folder (beside the repository);" >&2
  echo "copy it there or run: SCORER=/path/to/score.py $0" >&2
  exit 2
fi
python3 "$scorer" "$heldout/gold" "$out" --texts "$heldout/texts" "${score_args[@]}"
