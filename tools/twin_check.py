#!/usr/bin/env python3
"""Checks PyTorch twins written by ViT# against the TorchSharp model they were written from.

Each case is a folder with the twin (model.py), the .NET model's weights (weights.safetensors, float64) and what TorchSharp
computed (io.safetensors: "input", "logits" in evaluation mode, "projection", and "grad.<name>" for every parameter:
the gradient of sum(output * projection), which any output shape has, in training mode where "train" is 1 (models without dropout or drop path, whose
training forward draws nothing), else in evaluation mode). For each case this imports the twin, loads the weights with
strict=True into the twin made float64, computes the same, and prints one JSON line: the largest logit difference
relative to the largest logit, and the largest gradient difference relative to the model's largest gradient (the
tensor where it is named).

Usage (Debian: apt-get install python3-torch): /usr/bin/python3 tools/twin_check.py CASE_FOLDER...
"""
import importlib.util
import json
import os
import sys
import traceback

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import read_safetensors  # noqa: E402


def relative(actual, expected):
    scale = expected.abs().max().item()
    difference = (actual - expected).abs().max().item()
    return difference / scale if scale > 0 else difference


def check(folder):
    spec = importlib.util.spec_from_file_location("twin_" + os.path.basename(folder), os.path.join(folder, "model.py"))
    twin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(twin)
    model = twin.create()
    model.precision = "float32"
    model.double()
    model.load_state_dict(read_safetensors(os.path.join(folder, "weights.safetensors")), strict=True)
    io = read_safetensors(os.path.join(folder, "io.safetensors"))
    model.eval()
    with torch.no_grad():
        logits = model(io["input"])
    result = {"case": os.path.basename(folder), "logits": relative(logits, io["logits"])}
    parameters = dict(model.named_parameters())
    if not parameters:  # pooling alone has nothing to learn
        return dict(result, gradients=0.0, worst="", parameters=0)
    model.train(bool(io["train"].item()))
    (model(io["input"]) * io["projection"]).sum().backward()
    scale = max(io["grad." + name].abs().max().item() for name in parameters) or 1.0
    errors = {name: (p.grad if p.grad is not None else torch.zeros_like(p)).sub(io["grad." + name]).abs().max().item() / scale
              for name, p in parameters.items()}
    worst = max(errors, key=errors.get)
    return dict(result, gradients=errors[worst], worst=worst, parameters=len(parameters))


def main():
    torch.manual_seed(0)
    for folder in sys.argv[1:]:
        try:
            result = check(folder)
        except Exception as error:  # one line per case, so the test can name the case that failed
            result = {"case": os.path.basename(folder), "error": f"{type(error).__name__}: {error}", "trace": "".join(traceback.format_exc().splitlines(keepends=True)[-8:])}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
