"""Formula weights: every state-dict tensor's values as a function of its name and shape only.

The same integers and the same IEEE operations as ViT.Models.Tests/Zoo/FormulaWeights.cs, so both languages give the
same float32 values bit for bit (docs/zoo-reference.md states the scheme; FormulaWeightsTests checks the agreement on
ViT.Models.Tests/Fixtures/zoo/formula.json, which `zoo_reference.py --formula-fixture` writes).
"""
import math

import numpy as np

MASK = 0xFFFFFFFF
INPUT_NAME = "__input__"
TOKENS = frozenset({"cls_token", "dist_token", "reg_token", "pos_embed"})
LAYER_SCALES = frozenset({"layer_scale", "gamma"})
BATCH_NORM_STATISTICS = frozenset({"running_mean", "running_var", "num_batches_tracked"})


def fnv1a32(name):
    """FNV-1a, 32 bits, of the name's UTF-8 bytes: the tensor's seed."""
    h = 0x811C9DC5
    for byte in name.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & MASK
    return h


def mix32(x):
    """Chris Wellons' lowbias32 finaliser on uint32 values (held in uint64 so products cannot overflow)."""
    x = x ^ (x >> 16)
    x = (x * 0x7FEB352D) & MASK
    x = x ^ (x >> 15)
    x = (x * 0x846CA68B) & MASK
    return x ^ (x >> 16)


def uniform(name, count):
    """u_i = mix32(seed XOR mix32(i)) / 2^31 - 1 for i = 0 .. count-1: float64 values in [-1, 1), exact."""
    if count > 1 << 32:
        raise ValueError(f"{name}: {count} elements; the formula indexes elements with 32 bits")
    index = np.arange(count, dtype=np.uint64)
    x = mix32(np.uint64(fnv1a32(name)) ^ mix32(index))
    return x.astype(np.float64) / 2147483648.0 - 1.0


def rule(name, shape):
    """(offset, scale) such that the value is offset + scale * u, or None for BatchNorm's running statistics."""
    leaf = name.rsplit(".", 1)[-1]
    if leaf in BATCH_NORM_STATISTICS:
        return None
    if leaf in TOKENS:
        return 0.0, 0.5
    if leaf in LAYER_SCALES:
        return 0.5, 0.25
    if len(shape) >= 2:
        fan_in = math.prod(shape) // shape[0]
        return 0.0, math.sqrt(3.0 / fan_in)
    if name.endswith("weight"):
        return 1.0, 0.25
    return 0.0, 0.1


def values(name, shape, offset, scale):
    """offset + scale * u in float64, rounded to float32, shaped."""
    u = uniform(name, math.prod(shape))
    return (offset + scale * u).astype(np.float32).reshape(shape)


def tensor(name, shape):
    """The formula's float32 values of the state-dict entry `name` of `shape` (None for BatchNorm statistics)."""
    r = rule(name, shape)
    return None if r is None else values(name, tuple(shape), *r)


def input_batch(shape):
    """The input images: the name "__input__", offset 0, scale 1 (values in [-1, 1))."""
    return values(INPUT_NAME, tuple(shape), 0.0, 1.0)
