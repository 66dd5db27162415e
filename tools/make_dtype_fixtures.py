#!/usr/bin/env python3
"""Fixtures for ViT#'s safetensors types: files as PyTorch writes them, not as ViT# does.

Writes to ViT.Runtime.Tests/Fixtures/weights/:
  dtypes.safetensors    one tensor of every type PyTorch puts in a state dict (F64, F32, F16, BF16, I64, I32, I16, I8,
                        U8, BOOL), with edge values (2^53 + 1 as I64, -128 as I8, 255 as U8, bfloat16's coarse steps)
  dtypes.json           the same tensors as PyTorch reads them back (.tolist()), for the C# test to compare against
  batchnorm.safetensors the state dict of a small BatchNorm network exactly as PyTorch holds it: parameters and
                        running statistics F32, num_batches_tracked I64 (3, after three batches in training mode)
  batchnorm.io.safetensors
                        an input batch (__input__) and the logits PyTorch computes in evaluation (__logits__)

The network is ViT.Runtime.Tests' TinyBatchNormNet as torch.nn.Sequential: conv, batch norm, ReLU, a residual block of
conv and batch norm, ReLU, global average pooling, linear.

With --check DIR it does the reverse: loads <DIR>/batchnorm.safetensors, written by the C# test (VIT_EXPORT_DIR=DIR),
into the PyTorch network with load_state_dict(strict=True) and no cast, requires every tensor of the file to have the
type of PyTorch's own state dict, and reports the logit error against <DIR>/batchnorm.io.safetensors.

Usage (Debian: apt-get install python3-torch libopenblas0-pthread):
  /usr/bin/python3 tools/make_dtype_fixtures.py --out ViT.Runtime.Tests/Fixtures/weights
  VIT_EXPORT_DIR=/tmp/vit-export dotnet test ViT.Runtime.Tests --filter "FullyQualifiedName~SafeTensorsTypeTests"
  /usr/bin/python3 tools/make_dtype_fixtures.py --check /tmp/vit-export
"""
import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_weight_fixtures import GlobalAveragePool, Residual, main, max_relative_error, read_safetensors, write_safetensors  # noqa: E402


def every_dtype():
    """One small tensor per type, with values that a narrowing or sign mistake would change."""
    return {
        "f64": torch.tensor([1.5, -2.25, 1e-3, 123456.789], dtype=torch.float64),
        "f32": torch.tensor([[0.1, -3.5], [7.25, 1e-7]], dtype=torch.float32),
        "f16": torch.tensor([0.1, -65504.0, 6.1e-5], dtype=torch.float16),
        "bf16": torch.tensor([0.1, -3.0e38, 1.0 + 2 ** -7], dtype=torch.bfloat16),
        "i64": torch.tensor([0, -1, 2 ** 53 + 1, -(2 ** 62)], dtype=torch.int64),
        "i32": torch.tensor([2 ** 31 - 1, -(2 ** 31), 7], dtype=torch.int32),
        "i16": torch.tensor([-32768, 32767, -2], dtype=torch.int16),
        "i8": torch.tensor([-128, 127, 0, -5], dtype=torch.int8),
        "u8": torch.tensor([0, 255, 128], dtype=torch.uint8),
        "bool": torch.tensor([[True, False], [False, True]]),
        "scalar_i64": torch.tensor(42, dtype=torch.int64),  # a 0-dimensional tensor, as num_batches_tracked is
    }


def batchnorm_model():
    """ViT.Runtime.Tests' TinyBatchNormNet, [3, 8, 8] -> [3]."""
    return nn.Sequential(
        nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(),
        Residual(nn.Conv2d(4, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4)), nn.ReLU(),
        GlobalAveragePool(), nn.Linear(4, 3))


def trained_statistics(model, generator):
    """Three batches in training mode: real running statistics and num_batches_tracked = 3; norm weights moved off 1/0."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.copy_(1 + 0.3 * torch.randn(module.weight.shape, generator=generator))
                module.bias.copy_(0.2 * torch.randn(module.bias.shape, generator=generator))
        model.train()
        for _ in range(3):
            model(2 + 3 * torch.rand(16, 3, 8, 8, generator=generator))
    return model.eval()


def make(out):
    os.makedirs(out, exist_ok=True)
    tensors = every_dtype()
    write_safetensors(os.path.join(out, "dtypes.safetensors"), tensors, {"source": "tools/make_dtype_fixtures.py"})
    expected = {name: {"dtype": str(t.dtype).removeprefix("torch."), "shape": list(t.shape), "values": t.flatten().tolist()}
                for name, t in tensors.items()}
    with open(os.path.join(out, "dtypes.json"), "w") as f:
        f.write("{\n" + ",\n".join(f" {json.dumps(name)}: {json.dumps(entry)}" for name, entry in expected.items()) + "\n}\n")

    generator = torch.Generator().manual_seed(2029)
    torch.manual_seed(2029)
    model = trained_statistics(batchnorm_model(), generator)
    images = torch.rand(4, 3, 8, 8, generator=generator)
    with torch.no_grad():
        logits = model(images)
    state = model.state_dict()
    write_safetensors(os.path.join(out, "batchnorm.safetensors"), state, {"source": "tools/make_dtype_fixtures.py"})
    write_safetensors(os.path.join(out, "batchnorm.io.safetensors"), {"__input__": images, "__logits__": logits})
    print(f"{len(tensors)} tensors of every type and a BatchNorm network's state dict "
          f"({', '.join(sorted({str(t.dtype) for t in state.values()}))}) written to {out}")


def check(folder):
    model = batchnorm_model().eval()
    expected_types = {name: t.dtype for name, t in model.state_dict().items()}
    loaded = read_safetensors(os.path.join(folder, "batchnorm.safetensors"))
    wrong = {name: (str(t.dtype), str(expected_types.get(name))) for name, t in loaded.items() if expected_types.get(name) != t.dtype}
    if wrong:
        sys.exit(f"types differ from PyTorch's state dict (file, PyTorch): {wrong}")
    model.load_state_dict(loaded, strict=True)
    io = read_safetensors(os.path.join(folder, "batchnorm.io.safetensors"))
    with torch.no_grad():
        logits = model(io["__input__"])
    tracked = [int(m.num_batches_tracked) for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    print(f"batchnorm: C# weights load into PyTorch (strict, every type as PyTorch's own, num_batches_tracked {tracked}); "
          f"max relative logit error {max_relative_error(logits, io['__logits__']):.3e}")


if __name__ == "__main__":
    main(__doc__, make, check)
