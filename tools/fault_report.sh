#!/usr/bin/env bash
# Runs the built sample once per user fault (the rows of issue 13 that concern the command line and weights files)
# and prints a Markdown table: the arguments, the exit code, what came out on standard error, and whether anything
# was written. Each run gets a fresh scratch folder, so "written" means a file or folder appeared there or changed.
#
# Usage, from the repository root after `dotnet build ViT.Samples`:
#   bash tools/fault_report.sh [path/to/ViT.Samples]
set -uo pipefail
sample=$(realpath "${1:-ViT.Samples/bin/Debug/net10.0/ViT.Samples}")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

# Weights to damage: one quick run writes timm.safetensors with its checksum.
"$sample" --model timm --limit 64 --epochs 1 --device cpu --out "$root/trained" >/dev/null 2>&1 \
  || { echo "the quick training run failed; build the sample first" >&2; exit 1; }
weights="$root/trained/timm/timm.safetensors"

# Writes a damaged copy of $weights to $1; $2 names the damage.
damage() {
  python3 - "$weights" "$1" "$2" <<'PY'
import json, struct, sys
source, target, kind = sys.argv[1:]
raw = open(source, "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header, data = json.loads(raw[8:8 + n]), bytearray(raw[8 + n:])
name = sorted(k for k in header if k != "__metadata__")[0]
def pack(text):
    return struct.pack("<Q", len(text)) + text
if kind == "flipped":
    data[-1] ^= 0x01
    body = raw[8:8 + n]
elif kind == "duplicate":  # the first tensor's entry written twice
    entry = json.dumps({name: header[name]})[1:-1]
    body = ("{" + entry + "," + json.dumps(header)[1:]).encode()
elif kind == "string-offsets":
    header[name]["data_offsets"] = [str(x) for x in header[name]["data_offsets"]]
    body = json.dumps(header).encode()
elif kind == "overflow":
    header[name]["shape"] = [4294967296, 4294967296]
    header[name]["data_offsets"] = [0, 0]
    body = json.dumps(header).encode()
elif kind == "utf8":
    body = json.dumps(header).encode().replace(name.encode(), name.encode()[:-1] + b"\xff", 1)
open(target, "wb").write(pack(body) + bytes(data))
PY
}

echo "| row | exit | standard error | written |"
echo "| --- | --- | --- | --- |"
row() {  # row LABEL ARGS... ; {out} is a fresh folder, {file} an existing file, {w} a damaged weights file
  local label=$1; shift
  local scratch="$root/run-$RANDOM$RANDOM"
  mkdir -p "$scratch"
  echo "not a folder" > "$scratch/a-file.txt"
  local args=()
  for a in "$@"; do
    a=${a//\{out\}/$scratch/out}; a=${a//\{file\}/$scratch/a-file.txt}; a=${a//\{w\}/$scratch/damaged.safetensors}
    args+=("$a")
  done
  [ -n "${DAMAGE:-}" ] && damage "$scratch/damaged.safetensors" "$DAMAGE"
  local before; before=$(cd "$scratch" && find . -exec sh -c 'printf "%s " "$1"; [ -f "$1" ] && sha256sum < "$1" || echo' _ {} \; | sort)
  local err; err=$(cd "$scratch" && "$sample" "${args[@]}" 2>&1 >/dev/null); local code=$?
  local after; after=$(cd "$scratch" && find . -exec sh -c 'printf "%s " "$1"; [ -f "$1" ] && sha256sum < "$1" || echo' _ {} \; | sort)
  local written=nothing; [ "$before" != "$after" ] && written=$(diff <(echo "$before") <(echo "$after") | grep -c '^>')" entries"
  err=${err//$scratch/…}; err=${err//$'\n'/ ⏎ }
  echo "| \`$label\` | $code | ${err//|/\\|} | $written |"
}

row "--epochs abc" --epochs abc --out "{out}"
row "--epochs 2147483648" --epochs 2147483648 --out "{out}"
row "--epochs 0" --epochs 0 --out "{out}"
row "--batch-size 1.5" --batch-size 1.5 --out "{out}"
row "--limit x" --limit x --out "{out}"
row "--seed abc" --seed abc --out "{out}"
row "--lr fast" --lr fast --out "{out}"
row "--lr 0" --lr 0 --out "{out}"
row "--lr 1e300" --lr 1e300 --out "{out}"
row "--lr NaN" --lr NaN --out "{out}"
row "predict … --batch-size x" predict "{file}" --model timm --batch-size x --out "{out}"
row "predict <file> (no --model)" predict "{file}" --out "{out}"
row '--out ""' --out ""
row "--out /proc/x" --out /proc/x
row "--out <an existing file>" --out "{file}"
row "--device cuda (no CUDA here)" --device cuda --out "{out}"
row "--model vgg" --model vgg --out "{out}"
row "--lr-schedule linear" --lr-schedule linear --out "{out}"
row "--device tpu" --device tpu --out "{out}"
row "--frobnicate" --frobnicate --out "{out}"
row "--epochs (no value)" --out "{out}" --epochs
row "--epochs 1 --epochs 2" --epochs 1 --epochs 2 --out "{out}"
row "--resume maybe" --resume maybe --out "{out}"
row "predict (no checkpoint)" predict --out "{out}"
for kind in flipped duplicate string-offsets overflow utf8; do
  DAMAGE=$kind row "predict <weights: $kind>" predict "{w}" --model timm --device cpu --out "{out}"
done
