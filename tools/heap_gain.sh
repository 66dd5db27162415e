#!/usr/bin/env bash
# What NativeHeap.KeepFreedMemory (the trainer's default on a CPU) does to a training step. It cannot be undone inside a
# process, so this alternates processes, ROUNDS times each, and prints every throughput line with its heap setting:
#   tools/heap_gain.sh [ROUNDS] [throughput options...]     e.g. tools/heap_gain.sh 3 --model tutorial --precision all
set -euo pipefail
rounds=${1:-3}
shift || true
cd "$(dirname "$0")/.."
dotnet build -c Release ViT.Benchmarks >/dev/null
for round in $(seq "$rounds"); do
  for heap in system keep; do
    dotnet run -c Release --no-build --project ViT.Benchmarks -- throughput --heap "$heap" --steps 60 "$@" 2>/dev/null |
      sed "s/^/round=$round heap=$heap /"
  done
done
