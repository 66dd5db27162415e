#!/usr/bin/env python3
"""The model zoo's reference side: torchvision's and timm's classifiers with formula weights.

For each zoo model this builds the reference (torchvision 0.14's definition, or timm's from its source tree), sets
every state-dict tensor from the formula (tools/formula_weights.py), sets every BatchNorm's running statistics from
one real batch, and computes the logits of the formula input in evaluation mode. docs/zoo-reference.md states the
scheme and the files.

  (default)        writes the small fixtures ViT.Models.Tests reads: <out>/<Model>.safetensors (the state dict's
                   names, dtypes and shapes, the parameter count, forward FLOPs, BatchNorm statistics and logits) and
                   <out>/formula.json (formula values that the C# formula must reproduce bit for bit)
  --export DIR     also writes DIR/<Model>.safetensors, the reference's whole state_dict() in its own dtypes, and
                   DIR/<Model>.logits, its logits (for the long test that loads the reference's file into ViT#)
  --check DIR      loads DIR/<Model>.safetensors written by ViT# into the reference (strict, dtypes must agree) and
                   compares its logits with DIR/<Model>.logits: max |ours - ref| / max |ref|; exit code 1 above
                   --tolerance, or when a file does not load

Usage (Debian 12: apt-get install python3-torch python3-torchvision; timm's source at /work/ref/timm-src or --timm):
  /usr/bin/python3 tools/zoo_reference.py
  /usr/bin/python3 tools/zoo_reference.py --models ResNet50 VitSmallPatch16 --export /tmp/zoo-ref
  /usr/bin/python3 tools/zoo_reference.py --check /tmp/zoo-ours
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import formula_weights  # noqa: E402
from safetensors_io import DTYPES, read_safetensors, write_safetensors  # noqa: E402

# The zoo: ViT#'s class name -> (library, the reference's constructor name, input image size).
ZOO = {
    "ResNet18": ("torchvision", "resnet18", 224),
    "ResNet50": ("torchvision", "resnet50", 224),
    "MobileNetV2": ("torchvision", "mobilenet_v2", 224),
    "MobileNetV3Small": ("torchvision", "mobilenet_v3_small", 224),
    "EfficientNetB0": ("torchvision", "efficientnet_b0", 224),
    "ConvNeXtTiny": ("torchvision", "convnext_tiny", 224),
    "DenseNet121": ("torchvision", "densenet121", 224),
    "RegNetX400MF": ("torchvision", "regnet_x_400mf", 224),
    "Vgg11BN": ("torchvision", "vgg11_bn", 224),
    "VitTinyPatch16": ("timm", "vit_tiny_patch16_224", 224),
    "VitSmallPatch16": ("timm", "vit_small_patch16_224", 224),
    "VitBasePatch16": ("timm", "vit_base_patch16_224", 224),
    "DeitTinyDistilledPatch16": ("timm", "deit_tiny_distilled_patch16_224", 224),
    "VitBasePatch16Reg4Gap": ("timm", "vit_base_patch16_reg4_gap_256", 256),
}
BATCH = 2
LOGITS = "__logits__"
DEFAULT_TIMM = "/work/ref/timm-src"
# A fixture must be able to tell a wrong mapping early in the network from rounding: swapping the first two
# same-shaped formula tensors must move the logits by at least this much (relative, as the comparison measures).
SWAP_SENSITIVITY = 1e-2


def build(name, timm_source):
    library, constructor, _ = ZOO[name]
    if library == "torchvision":
        model = getattr(torchvision.models, constructor)(weights=None)
    else:
        if timm_source not in sys.path:
            sys.path.insert(0, timm_source)
        import timm

        model = timm.create_model(constructor, pretrained=False)
    return model.eval()


def reference_name(name, timm_source):
    library, constructor, _ = ZOO[name]
    if library == "torchvision":
        return f"torchvision {torchvision.__version__} models.{constructor}"
    import timm

    return f"timm {timm.__version__} {constructor}"


def input_shape(name):
    size = ZOO[name][2]
    return [BATCH, 3, size, size]


def formula_input(name):
    return torch.from_numpy(formula_weights.input_batch(input_shape(name)))


def batch_norms(model):
    return [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]


def set_formula_weights(model):
    """Every state-dict tensor from the formula, except BatchNorm's running statistics (set by set_statistics)."""
    with torch.no_grad():
        for key, value in model.state_dict().items():
            values = formula_weights.tensor(key, list(value.shape))
            if values is not None:
                value.copy_(torch.from_numpy(values))


def set_statistics(model, images):
    """Each BatchNorm's running mean and (unbiased) variance of the activations it sees when `images` run through the
    network with every BatchNorm in training mode and momentum None (a cumulative average, here of one batch: the
    batch's own statistics), the rest in evaluation mode so dropout and stochastic depth stay off and the statistics
    depend on nothing but the formula."""
    norms = batch_norms(model)
    momenta = [m.momentum for m in norms]
    model.eval()
    for m in norms:
        m.reset_running_stats()
        m.momentum = None
        m.train()
    with torch.no_grad():
        model(images)
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum
        m.eval()


def count_flops(model, images):
    """Forward FLOPs per image by ViT#'s definition: 2 x the multiply-adds of every Conv2d and Linear, plus the
    attention's two batched products q.k^T and attn.v (4 N^2 D per attention for N tokens of width D); nothing else."""
    from_timm = sys.modules.get("timm.layers.attention")
    attention = (from_timm.Attention,) if from_timm else ()
    total = [0]

    def conv(module, inputs, output):
        total[0] += 2 * module.weight.numel() * output.shape[2] * output.shape[3]

    def linear(module, inputs, output):
        total[0] += 2 * module.weight.numel() * (output.numel() // output.shape[0] // output.shape[-1])

    def attend(module, inputs, output):
        tokens = inputs[0].shape[1]
        total[0] += 4 * tokens * tokens * module.attn_dim

    hooks = []
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            hooks.append(module.register_forward_hook(conv))
        elif isinstance(module, nn.Linear):
            hooks.append(module.register_forward_hook(linear))
        elif attention and isinstance(module, attention):
            hooks.append(module.register_forward_hook(attend))
    with torch.no_grad():
        model(images[:1])
    for hook in hooks:
        hook.remove()
    return total[0]


def logits_of(model, images):
    model.eval()
    with torch.no_grad():
        return model(images).float()


def max_relative_difference(actual, expected):
    """max |actual - expected| / max |expected|, in float64."""
    actual, expected = actual.double(), expected.double()
    return ((actual - expected).abs().max() / expected.abs().max()).item()


def swap_sensitivity(model, images, logits):
    """How far the logits move when the first two same-shaped formula tensors of the state dict trade places (a
    typical wrong mapping: bn1 for bn2, conv1 for conv2 of the first block); the statistics are left as they are."""
    state = {key: value.clone() for key, value in model.state_dict().items()}
    seen = {}
    for key, value in state.items():
        if formula_weights.rule(key, list(value.shape)) is None:
            continue
        if tuple(value.shape) in seen:
            first = seen[tuple(value.shape)]
            break
        seen[tuple(value.shape)] = key
    else:
        return None, None
    swapped = dict(state)
    swapped[first], swapped[key] = state[key], state[first]
    model.load_state_dict(swapped, strict=True)
    moved = max_relative_difference(logits_of(model, images), logits)
    model.load_state_dict(state, strict=True)
    return f"{first} <-> {key}", moved


def prepared(name, timm_source):
    """The reference with formula weights and statistics, its formula input and its logits."""
    torch.manual_seed(0)  # only the references' own initialisation draws from it; the formula overwrites all of it
    model = build(name, timm_source)
    images = formula_input(name)
    set_formula_weights(model)
    set_statistics(model, images)
    return model, images, logits_of(model, images)


def state_dict_listing(model):
    parameters = {key for key, _ in model.named_parameters()}
    return [
        [key, DTYPES[value.dtype], list(value.shape), "parameter" if key in parameters else "buffer"]
        for key, value in model.state_dict().items()
    ]


def write_fixture(out, name, reference, model, images, logits):
    statistics = {
        key: value.float().clone()
        for key, value in model.state_dict().items()
        if key.endswith(("running_mean", "running_var"))
    }
    pair, moved = swap_sensitivity(model, images, logits)
    if moved is not None and moved < SWAP_SENSITIVITY:
        raise SystemExit(f"{name}: swapping {pair} moves the logits by only {moved:.2e}; the fixture could not tell that mapping from a right one")
    parameters = sum(p.numel() for p in model.parameters())
    flops = count_flops(model, images)
    metadata = {
        "model": name,
        "reference": reference,
        "input_shape": json.dumps(input_shape(name)),
        "parameters": str(parameters),
        "forward_flops": str(flops),
        "state_dict": json.dumps(state_dict_listing(model), separators=(",", ":")),
        "source": "tools/zoo_reference.py",
    }
    path = os.path.join(out, f"{name}.safetensors")
    write_safetensors(path, {**statistics, LOGITS: logits}, metadata)
    print(f"{name}: {parameters:,} parameters, {flops:,} forward FLOPs, {len(statistics) // 2} BatchNorms, "
          f"logits max |{logits.abs().max().item():.3g}|; swapping {pair} moves them {moved if moved is None else f'{moved:.2e}'}; "
          f"{os.path.getsize(path):,} bytes")


FORMULA_CASES = [
    ("conv1.weight", [4, 3, 3, 3]),
    ("fc.weight", [5, 7]),
    ("bn1.weight", [6]),
    ("bn1.bias", [6]),
    ("bn1.running_mean", [6]),
    ("bn1.num_batches_tracked", []),
    ("cls_token", [1, 1, 8]),
    ("pos_embed", [1, 5, 4]),
    ("blocks.0.attn.qkv.bias", [12]),
    ("features.1.0.block.0.layer_scale", [6, 1, 1]),
    ("blocks.0.ls1.gamma", [4]),
    ("head_dist.bias", [3]),
    ("stage\u00e9.\u00fcber.\u4e2d.weight", [2, 3]),  # non-ASCII: the seed hashes UTF-8 bytes
]
# Large tensors: a few indices, the last one included, so an index's bits beyond 16 or 20 matter.
FORMULA_SAMPLES = [
    ("blocks.11.mlp.fc1.weight", [3072, 768], [0, 1, 2, 65535, 65536, 1048577, 2359295]),
    (formula_weights.INPUT_NAME, [2, 3, 256, 256], [0, 1, 100000, 196607, 393215]),
]


def write_formula_fixture(out):
    """formula.json: for each case, the seed, the rule's (offset, scale) and the float32 values' bit patterns."""
    cases = []
    for name, shape in FORMULA_CASES:
        rule = formula_weights.rule(name, shape)
        values = None if rule is None else formula_weights.values(name, tuple(shape), *rule).reshape(-1)
        cases.append(case(name, shape, rule, values, None))
    for name, shape, indices in FORMULA_SAMPLES:
        if name == formula_weights.INPUT_NAME:
            rule, values = (0.0, 1.0), formula_weights.input_batch(shape).reshape(-1)
        else:
            rule = formula_weights.rule(name, shape)
            values = formula_weights.values(name, tuple(shape), *rule).reshape(-1)
        cases.append(case(name, shape, rule, values[indices], indices))
    with open(os.path.join(out, "formula.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "tools/zoo_reference.py", "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"formula.json: {len(cases)} cases")


def case(name, shape, rule, values, indices):
    entry = {"name": name, "shape": shape, "seed": formula_weights.fnv1a32(name)}
    if rule is None:
        entry["rule"] = None
        return entry
    entry["rule"] = {"offset": rule[0], "scale": rule[1]}
    if indices is not None:
        entry["indices"] = indices
    entry["bits"] = [int(b) for b in np.asarray(values, dtype=np.float32).view(np.uint32)]
    return entry


def export(folder, name, reference, model, logits):
    """The reference's whole state_dict() in its own dtypes, and its logits."""
    write_safetensors(os.path.join(folder, f"{name}.safetensors"), model.state_dict(), {"model": name, "reference": reference}, sort=False)
    write_logits(os.path.join(folder, f"{name}.logits"), logits)
    print(f"{name}: state dict and logits written to {folder}")


def write_logits(path, logits):
    """A .logits file: safetensors holding one F32 tensor `logits` of shape [2, classes], the model's evaluation-mode
    output for the formula input."""
    write_safetensors(path, {"logits": logits.float().contiguous()})


def readable(name, path):
    """The tensors of a safetensors file, or None after saying why it cannot be read."""
    try:
        return read_safetensors(path)
    except FileNotFoundError:
        print(f"{name}: FAIL: {path} not found; write the weights (<Model>.safetensors) and the logits (<Model>.logits) side by side")
    except (KeyError, ValueError, struct.error, RuntimeError) as e:
        print(f"{name}: FAIL: {path} is not a safetensors file ({type(e).__name__}: {e})")
    return None


def check(folder, name, timm_source, tolerance):
    """Loads ViT#'s DIR/<name>.safetensors into the reference and compares logits with DIR/<name>.logits."""
    weights, logits_path = os.path.join(folder, f"{name}.safetensors"), os.path.join(folder, f"{name}.logits")
    model = build(name, timm_source)
    state, logits = readable(name, weights), readable(name, logits_path)
    if state is None or logits is None:
        return False
    if "logits" not in logits:
        print(f"{name}: FAIL: {logits_path} has no tensor named logits (it has {', '.join(logits) or 'none'})")
        return False
    ours = logits["logits"]
    expected = model.state_dict()
    cast = [f"{k} is {DTYPES[v.dtype]}, the reference's {DTYPES[expected[k].dtype]}" for k, v in state.items() if k in expected and v.dtype != expected[k].dtype]
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as e:
        print(f"{name}: FAIL: {weights} does not load into {reference_name(name, timm_source)}: {e}")
        return False
    ref = logits_of(model, formula_input(name))
    if tuple(ours.shape) != tuple(ref.shape):
        print(f"{name}: FAIL: {logits_path} holds logits of shape {list(ours.shape)}, the reference gives {list(ref.shape)}")
        return False
    difference = max_relative_difference(ours, ref)
    passed = difference <= tolerance and not cast
    loads = f"loads strictly only with {len(cast)} casts ({'; '.join(cast[:3])}{'; ...' if len(cast) > 3 else ''})" if cast else "loads strictly without casts"
    print(f"{name}: {'ok' if passed else 'FAIL'}: {loads}; max |ours - ref| / max |ref| = {difference:.2e} (tolerance {tolerance:g})")
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="ViT.Models.Tests/Fixtures/zoo", help="where the fixtures go")
    parser.add_argument("--models", nargs="+", choices=list(ZOO), default=list(ZOO), metavar="MODEL", help="which models (default: all): " + ", ".join(ZOO))
    parser.add_argument("--export", metavar="DIR", help="also write each reference's state dict and logits to DIR")
    parser.add_argument("--check", metavar="DIR", help="check ViT#'s DIR/<Model>.safetensors and DIR/<Model>.logits instead")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="--check's largest accepted relative difference")
    parser.add_argument("--timm", default=DEFAULT_TIMM, help="timm's source tree (imported from there)")
    args = parser.parse_args()

    if args.check:
        present = [name for name in args.models if os.path.exists(os.path.join(args.check, f"{name}.safetensors"))]
        if not present:
            raise SystemExit(f"error: no <Model>.safetensors for any of {', '.join(args.models)} in {args.check}")
        results = [check(args.check, name, args.timm, args.tolerance) for name in present]
        sys.exit(0 if all(results) else 1)

    os.makedirs(args.out, exist_ok=True)
    write_formula_fixture(args.out)
    for name in args.models:
        model, images, logits = prepared(name, args.timm)
        reference = reference_name(name, args.timm)
        write_fixture(args.out, name, reference, model, images, logits)
        if args.export:
            os.makedirs(args.export, exist_ok=True)
            export(args.export, name, reference, model, logits)


if __name__ == "__main__":
    main()
