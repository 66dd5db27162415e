#!/usr/bin/env python3
"""Reference fixtures for ViT#'s modern training recipe, computed by PyTorch.

From the timm configuration's fixture weights (make_weight_fixtures.py's timm.safetensors), on a random labelled batch,
STEPS steps of torch.optim.AdamW over timm's parameter groups (param_groups_weight_decay: no weight decay for parameters
of at most one dimension, biases, cls_token and pos_embed), with an exponential moving average of the weights updated
by hand after every step (ema = DECAY * ema + (1 - DECAY) * weight, starting from the weights), as timm's ModelEmaV2
does. Writes <out>/timm.adamw_ema.safetensors:
  __images__, __labels__   the batch
  grad.<name>              each parameter's cross-entropy gradient at the start (F16; for the C# test's noise floor)
  update.<name>            how far the STEPS AdamW steps move each parameter (F16)
  ema.<name>               how far the average moves from the starting weights (F16)
and in its metadata the hyperparameters and the names of the parameters without weight decay (no_decay, comma-separated).

The rate and decay are larger than a recipe's (LEARNING_RATE, WEIGHT_DECAY) so that decaying a parameter that should not
decay, or the reverse, moves it by far more than the test's tolerance.

Usage: /usr/bin/python3 tools/make_recipe_fixtures.py --out ViT.Runtime.Tests/Fixtures/recipes
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_weight_fixtures import read_safetensors, timm_model, write_safetensors  # noqa: E402

BATCH = 8
STEPS = 3
LEARNING_RATE = 1e-2
WEIGHT_DECAY = 0.5
EMA_DECAY = 0.9
NO_WEIGHT_DECAY_NAMES = {"cls_token", "pos_embed", "dist_token", "reg_token"}


def no_weight_decay(name, parameter):
    """timm's param_groups_weight_decay rule, with VisionTransformer.no_weight_decay()'s names."""
    return parameter.ndim <= 1 or name.endswith(".bias") or name.split(".")[-1] in NO_WEIGHT_DECAY_NAMES


def make(out, weights):
    torch.manual_seed(0)
    model = timm_model()
    model.load_state_dict(read_safetensors(weights), strict=True)
    model.train()
    generator = torch.Generator().manual_seed(2029)
    images = torch.rand(BATCH, 1, 28, 28, generator=generator)
    labels = torch.randint(0, 10, (BATCH,), generator=generator)

    named = list(model.named_parameters())
    decay = [p for n, p in named if not no_weight_decay(n, p)]
    no_decay_names = [n for n, p in named if no_weight_decay(n, p)]
    no_decay = [p for n, p in named if no_weight_decay(n, p)]
    optimizer = torch.optim.AdamW([{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": WEIGHT_DECAY}], lr=LEARNING_RATE)

    start = {n: p.detach().clone() for n, p in named}
    ema = {n: p.detach().clone() for n, p in named}
    tensors = {"__images__": images, "__labels__": labels.float()}
    for step in range(STEPS):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(images), labels).backward()
        if step == 0:
            tensors.update({f"grad.{n}": p.grad.clone().half() for n, p in named})
        optimizer.step()
        with torch.no_grad():
            for n, p in named:
                ema[n] = EMA_DECAY * ema[n] + (1 - EMA_DECAY) * p.detach()
    tensors.update({f"update.{n}": (p.detach() - start[n]).half() for n, p in named})
    tensors.update({f"ema.{n}": (ema[n] - start[n]).half() for n, p in named})
    metadata = {
        "source": "tools/make_recipe_fixtures.py",
        "steps": str(STEPS),
        "learning_rate": repr(LEARNING_RATE),
        "weight_decay": repr(WEIGHT_DECAY),
        "ema_decay": repr(EMA_DECAY),
        "no_decay": ",".join(no_decay_names),
    }
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "timm.adamw_ema.safetensors")
    write_safetensors(path, tensors, metadata)
    print(f"{path}: {STEPS} AdamW steps (lr {LEARNING_RATE}, weight decay {WEIGHT_DECAY} on {len(decay)} of {len(named)} parameters) "
          f"and the EMA (decay {EMA_DECAY}) on a batch of {BATCH}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="ViT.Runtime.Tests/Fixtures/recipes")
    parser.add_argument("--weights", default="ViT.Runtime.Tests/Fixtures/weights/timm.safetensors")
    args = parser.parse_args()
    make(args.out, args.weights)
