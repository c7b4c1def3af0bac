#!/bin/bash
# Usage: bench/trace-hashes.sh REPO_DIR OUT_FILE   (after: dotnet build -c Release src/ActorPods.Cli)
# Runs every scenario in config/scenarios and every non-broken example in config/examples with --trace (seed 1)
# and writes "TRACE-HASH CONSOLE-HASH FILE" lines. A pure optimisation must leave every line unchanged: run it before
# and after the change and diff the two files.
repo=$1; out=$2; cli=$repo/src/ActorPods.Cli/bin/Release/net10.0/actorpods
tmp=$(mktemp -d); : > "$out"
cd "$repo"
for f in config/scenarios/*.yaml config/examples/*.yaml; do
  case $(basename $f) in broken-*) continue;; esac
  "$cli" run "$f" --seed 1 --for 20m --trace "$tmp/t.jsonl" > "$tmp/out.txt" 2>&1
  echo "$(sha256sum < "$tmp/t.jsonl" | cut -c1-16) $(sha256sum < "$tmp/out.txt" | cut -c1-16) $f" >> "$out"
done
rm -rf "$tmp"
