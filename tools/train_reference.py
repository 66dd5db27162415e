#!/usr/bin/env python3
"""Trains the PyTorch reference of a tutorial model with the tutorial's recipe, to compare accuracy with ViT.Samples.

The models are those of make_weight_fixtures.py (built from the design notes, not from the C# code), started the way
ViT.Samples starts them (Initialization.PyTorchDefault): PyTorch's module defaults, cls_token and pos_embed truncated
normal std 0.02; or, with --init timm, as timm's VisionTransformer starts itself (Initialization.TruncatedNormal).
The recipe: Adam 3e-4, batch 64, shuffled each epoch, validation on the 10,000 test images.

Usage, from the repository root (Debian: apt-get install python3-torch libopenblas0-pthread):
  /usr/bin/python3 tools/train_reference.py tutorial|wide|timm [EPOCHS] [SEED] [--init pytorch|timm]
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from make_weight_fixtures import ALL_MODELS  # noqa: E402

MNIST = "data/mnist"
BATCH_SIZE = 64
LEARNING_RATE = 3e-4


def read_idx(name, header_bytes):
    with gzip.open(os.path.join(MNIST, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=header_bytes)


def load_split(prefix):
    images = read_idx(f"{prefix}-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    labels = read_idx(f"{prefix}-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.from_numpy(images), torch.from_numpy(labels)


@torch.no_grad()
def accuracy(model, images, labels):
    model.eval()
    correct = sum((model(images[i:i + 1000]).argmax(1) == labels[i:i + 1000]).sum().item() for i in range(0, len(images), 1000))
    model.train()
    return correct / len(images)


def pytorch_init(model):
    """Module defaults; the two embeddings have none, so truncated normal std 0.02 like timm's pos_embed."""
    torch.nn.init.trunc_normal_(model.cls_token, std=0.02)
    torch.nn.init.trunc_normal_(model.pos_embed, std=0.02)


def timm_init(model):
    """timm's VisionTransformer (weight_init=''): Linear weights truncated normal std 0.02 with zero biases, pos_embed
    truncated normal std 0.02, cls_token normal std 1e-6; the patch Conv2d and the LayerNorms keep their defaults."""
    torch.nn.init.trunc_normal_(model.pos_embed, std=0.02)
    torch.nn.init.normal_(model.cls_token, std=1e-6)
    for module in model.modules():
        if isinstance(module, torch.nn.Linear):
            torch.nn.init.trunc_normal_(module.weight, std=0.02)
            torch.nn.init.zeros_(module.bias)


INITS = {"pytorch": pytorch_init, "timm": timm_init}


def main(name, epochs=5, seed=42, init="pytorch"):
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(seed)
    train_images, train_labels = load_split("train")
    test_images, test_labels = load_split("t10k")
    model = ALL_MODELS[name]()
    with torch.no_grad():
        INITS[init](model)
    optimizer = torch.optim.Adam(model.parameters(), LEARNING_RATE)

    for epoch in range(1, epochs + 1):
        start = time.time()
        order = torch.randperm(len(train_images))
        for i in range(0, len(order), BATCH_SIZE):
            batch = order[i:i + BATCH_SIZE]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(train_images[batch]), train_labels[batch])
            loss.backward()
            optimizer.step()
        val_acc = accuracy(model, test_images, test_labels)
        print(f"{name} epoch {epoch}: val_acc {val_acc:.4f}  {time.time() - start:.0f}s", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=sorted(ALL_MODELS))
    parser.add_argument("epochs", type=int, nargs="?", default=5)
    parser.add_argument("seed", type=int, nargs="?", default=42)
    parser.add_argument("--init", choices=sorted(INITS), default="pytorch")
    args = parser.parse_args()
    main(args.model, args.epochs, args.seed, args.init)
