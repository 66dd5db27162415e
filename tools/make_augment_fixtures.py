#!/usr/bin/env python3
"""Reference fixtures for ViT#'s RandAugment, computed by torchvision.

Applies each of torchvision's RandAugment operations (torchvision.transforms.autoaugment._apply_op, bilinear, no fill,
as RandAugment() calls it; Equalize left out) at magnitude MAGNITUDE of 31 bins with the positive sign to uint8 images:
the first four MNIST test images and four RGB images of smooth random colours, and writes
<out>/randaugment.safetensors with __gray__ and __rgb__ (the inputs as floats in [0, 1]) and <op>.gray, <op>.rgb (what
torchvision made of them, in [0, 1]). torchvision computes on uint8, so its results are rounded or truncated to 1/255.

Usage: /usr/bin/python3 tools/make_augment_fixtures.py --out ViT.Runtime.Tests/Fixtures/augment
"""
import argparse
import gzip
import os
import sys

import numpy as np
import torch
from torchvision.transforms import InterpolationMode
from torchvision.transforms.autoaugment import _apply_op

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_weight_fixtures import write_safetensors  # noqa: E402

MAGNITUDE = 9
BINS = 31
SIZE = 28
OPERATIONS = ["ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast", "Sharpness",
              "Posterize", "Solarize", "AutoContrast"]


def mnist_images(path, count):
    with gzip.open(path, "rb") as f:
        data = f.read()
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16)[: count * SIZE * SIZE]
    return torch.from_numpy(pixels.copy()).reshape(count, 1, SIZE, SIZE)


def rgb_images(count):
    generator = torch.Generator().manual_seed(2030)
    coarse = torch.rand(count, 3, 4, 4, generator=generator)
    smooth = torch.nn.functional.interpolate(coarse, size=(SIZE, SIZE), mode="bilinear", align_corners=False)
    return (smooth * 255).round().to(torch.uint8)


def magnitude(op):
    """torchvision's RandAugment._augmentation_space(31, (28, 28)) at bin MAGNITUDE (the signed ones positive)."""
    fraction = MAGNITUDE / (BINS - 1)
    return {
        "ShearX": 0.3 * fraction, "ShearY": 0.3 * fraction,
        "TranslateX": 150.0 / 331.0 * SIZE * fraction, "TranslateY": 150.0 / 331.0 * SIZE * fraction,
        "Rotate": 30.0 * fraction,
        "Brightness": 0.9 * fraction, "Color": 0.9 * fraction, "Contrast": 0.9 * fraction, "Sharpness": 0.9 * fraction,
        "Posterize": float(int(8 - round(MAGNITUDE / ((BINS - 1) / 4)))),
        "Solarize": 255.0 * (1 - fraction),
        "AutoContrast": 0.0,
    }[op]


def make(out, mnist):
    inputs = {"gray": mnist_images(mnist, 4), "rgb": rgb_images(4)}
    tensors = {f"__{kind}__": images.float() / 255 for kind, images in inputs.items()}
    for op in OPERATIONS:
        for kind, images in inputs.items():
            result = torch.stack([_apply_op(image, op, magnitude(op), InterpolationMode.BILINEAR, None) for image in images])
            tensors[f"{op}.{kind}"] = result.float() / 255
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "randaugment.safetensors")
    write_safetensors(path, tensors, {"source": "tools/make_augment_fixtures.py", "magnitude": str(MAGNITUDE), "bins": str(BINS)})
    print(f"{path}: {len(OPERATIONS)} operations at magnitude {MAGNITUDE} on 4 gray and 4 RGB images")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="ViT.Runtime.Tests/Fixtures/augment")
    parser.add_argument("--mnist", default="data/mnist/t10k-images-idx3-ubyte.gz")
    args = parser.parse_args()
    make(args.out, args.mnist)
