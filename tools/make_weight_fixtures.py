#!/usr/bin/env python3
"""Reference fixtures for ViT#'s weights interop, computed by PyTorch.

Builds the tutorial's two Vision Transformers, timm's mean-pooling layout of the same ViT, and the convolutional
sample models (LeNet-5 and the small ResNet, as torch.nn.Sequential) in plain PyTorch from the semantics written in the
design notes and the tutorial's listing (not from the C# code), gives them random weights, and writes for each model:
  <out>/<model>.safetensors     the weights, as F16 (values rounded to F16 first, so both sides compute
                                in F32 from identical numbers; this also exercises the F16 reader)
  <out>/<model>.io.safetensors  an input batch (__input__) and the logits PyTorch computes (__logits__)
  <out>/<model>.train.safetensors
                                a labelled batch (__images__, __labels__), the cross-entropy gradient of every
                                parameter at those weights (grad.<name>), and how far ADAM_STEPS steps of Adam at the
                                tutorial's learning rate on that batch move each parameter (update.<name>)

With --check DIR it does the reverse: loads <DIR>/<model>.safetensors exported by the C# test into the
PyTorch model with load_state_dict(strict=True), runs <DIR>/<model>.io.safetensors's input and reports the
maximum relative error against the logits C# computed.

Usage (Debian: apt-get install python3-torch libopenblas0-pthread):
  /usr/bin/python3 tools/make_weight_fixtures.py --out ViT.Runtime.Tests/Fixtures/weights
  /usr/bin/python3 tools/make_weight_fixtures.py --check /tmp/vit-export
"""
import argparse
import math
import os

import torch
from torch import nn

from safetensors_io import read_safetensors, write_safetensors

class PatchEmbed(nn.Module):
    def __init__(self, channels, dim, patch):
        super().__init__()
        self.proj = nn.Conv2d(channels, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # [B, N, D]


class WideAttention(nn.Module):
    """Attention as the tutorial's comments describe it: every head has the full width D; scores over tokens, scale 1/sqrt(D)."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(dim, dim * heads)
        self.k = nn.Linear(dim, dim * heads)
        self.v = nn.Linear(dim, dim * heads)
        self.proj = nn.Linear(dim * heads, dim)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = (f(x).reshape(b, n, self.heads, d).transpose(1, 2) for f in (self.q, self.k, self.v))
        attn = (q @ k.transpose(-2, -1) / math.sqrt(d)).softmax(-1)  # [B, h, N, N]
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, self.heads * d))


class ListingAttention(WideAttention):
    """What the tutorial's listing computes: the same q, k, v, proj as WideAttention, but each is viewed as
    [B, N, D, h] and transposed to [B, h, D, N], so scores are features x features over the tokens, scaled by
    1/sqrt(N); the [B, h, D, N] result is transposed to [B, D, h, N] and re-read as [B, N, D*h]."""

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = (f(x).view(b, n, d, self.heads).transpose(1, 3) for f in (self.q, self.k, self.v))
        attn = (q @ k.transpose(-2, -1) / math.sqrt(n)).softmax(-1)  # [B, h, D, D]
        return self.proj((attn @ v).transpose(1, 2).contiguous().view(b, n, d * self.heads))


class SplitAttention(nn.Module):
    """timm's attention: a fused qkv, heads of width D/h, scale 1/sqrt(D/h)."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attn = (q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)).softmax(-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, d))


class Mlp(nn.Module):
    def __init__(self, dim, hidden, act):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = act
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim, attn, act, eps):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=eps)
        self.attn = attn
        self.norm2 = nn.LayerNorm(dim, eps=eps)
        self.mlp = Mlp(dim, 4 * dim, act)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    """global_pool='token' takes the class token after the final norm; 'avg' is timm's mean pooling: the patch tokens'
    average (the class token left out), then fc_norm, with norm an identity (timm's VisionTransformer, use_fc_norm)."""

    def __init__(self, attention, heads, act, eps, apply_final_norm, dim=100, patch=7, size=28, classes=10, depth=3, global_pool="token"):
        super().__init__()
        tokens = (size // patch) ** 2 + 1
        self.patch_embed = PatchEmbed(1, dim, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, tokens, dim))
        self.blocks = nn.ModuleList(Block(dim, attention(dim, heads), act, eps) for _ in range(depth))
        self.global_pool = global_pool
        self.norm = nn.Identity() if global_pool == "avg" else nn.LayerNorm(dim, eps=eps)
        if global_pool == "avg":
            self.fc_norm = nn.LayerNorm(dim, eps=eps)
        self.head = nn.Linear(dim, classes)
        self.apply_final_norm = apply_final_norm

    def forward(self, x):
        x = self.patch_embed(x)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        if self.global_pool == "avg":
            return self.head(self.fc_norm(self.norm(x)[:, 1:].mean(dim=1)))
        if self.apply_final_norm:  # the tutorial creates its final norm but never applies it
            x = self.norm(x)
        return self.head(x[:, 0])


def tutorial_model():
    return ViT(ListingAttention, heads=3, act=nn.ReLU(), eps=1e-5, apply_final_norm=False)


def wide_model():
    """The tutorial's model with attention over tokens, as its comments describe (AttentionKind.Wide)."""
    return ViT(WideAttention, heads=3, act=nn.ReLU(), eps=1e-5, apply_final_norm=False)


def timm_model():
    return ViT(SplitAttention, heads=2, act=nn.GELU(), eps=1e-6, apply_final_norm=True)


def timm_mean_model():
    """timm's configuration with global_pool='avg' (ViT#'s [ClassifierHead(10, Pool = Pooling.Mean)])."""
    return ViT(SplitAttention, heads=2, act=nn.GELU(), eps=1e-6, apply_final_norm=True, global_pool="avg")


class Residual(nn.Sequential):
    """x + block(x), the block's layers named as a Sequential's: ViT#'s [Residual(typeof(Block))]."""

    def forward(self, x):
        return x + super().forward(x)


class GlobalAveragePool(nn.Module):
    """ViT#'s [GlobalAveragePool]: one layer (one index in the Sequential), [B, C, H, W] -> [B, C]."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


def lenet_model():
    """The convolutional baseline (ViT.Samples' "cnn"), as torch.nn.Sequential."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def basic_block(channels):
    return Residual(
        nn.Conv2d(channels, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels), nn.ReLU(),
        nn.Conv2d(channels, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels))


def resnet_model():
    """The small ResNet (ViT.Samples' "resnet"): a stem, three residual stages of 16, 32 and 64 channels."""
    stages = []
    for inputs, channels, stride in ((1, 16, 1), (16, 32, 2), (32, 64, 2)):
        stages += [nn.Conv2d(inputs, channels, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(channels), nn.ReLU(),
                   basic_block(channels), nn.ReLU()]
    return nn.Sequential(*stages, GlobalAveragePool(), nn.Linear(64, 10))


# The models with fixtures (ViT.Samples' "tutorial", "timm", "cnn" and "resnet", and the test project's mean-pooling
# ViT), and every model train_reference.py can train.
MODELS = {"tutorial": tutorial_model, "timm": timm_model}
CONV_MODELS = {"timm_mean": timm_mean_model, "cnn": lenet_model, "resnet": resnet_model}
ALL_MODELS = {**MODELS, "wide": wide_model}


def randomize(model, generator):
    """Weights large enough that every layer matters, rounded to F16 so both sides start from the same numbers."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=generator))
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=generator))
            p.copy_(p.half().float())
        # Batch norms (named by position, not "norm"): a scale near 1 and running statistics that matter in evaluation.
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.copy_((1 + 0.2 * torch.randn(module.weight.shape, generator=generator)).half().float())
                module.running_mean.copy_((0.1 * torch.randn(module.running_mean.shape, generator=generator)).half().float())
                module.running_var.copy_((0.5 + torch.rand(module.running_var.shape, generator=generator)).half().float())


TRAIN_BATCH = 8
ADAM_STEPS = 3
LEARNING_RATE = 3e-4


def training_reference(model, generator):
    """What training computes from the weights the model holds: each parameter's cross-entropy gradient on a random
    labelled batch, and how far ADAM_STEPS steps of Adam on that batch move it. Both are stored as F16 (relative
    precision 5e-4 of each tensor's largest value; a wrong gradient or update is off by far more), to keep the
    fixtures small."""
    images = torch.rand(TRAIN_BATCH, 1, 28, 28, generator=generator)
    labels = torch.randint(0, 10, (TRAIN_BATCH,), generator=generator)
    start = {name: p.detach().clone() for name, p in model.named_parameters()}
    optimizer = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    model.train()
    tensors = {}
    for step in range(ADAM_STEPS):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(images), labels).backward()
        if step == 0:
            # A parameter the forward never uses (the tutorial's final norm) has no gradient: stored as zeros.
            tensors.update({f"grad.{n}": torch.zeros_like(p) if p.grad is None else p.grad.clone() for n, p in model.named_parameters()})
        optimizer.step()
    tensors.update({f"update.{n}": p.detach() - start[n] for n, p in model.named_parameters()})
    return {"__images__": images, "__labels__": labels.float(), **{k: v.half() for k, v in tensors.items()}}


def max_relative_error(actual, expected):
    """max |actual - expected| / max |expected|: relative to the logits' scale, as the C# test measures it."""
    return ((actual - expected).abs().max() / expected.abs().max()).item()


def write_weights_and_logits(out, name, model, images, generator):
    """Random weights (<name>.safetensors, F16; an int64 buffer such as num_batches_tracked too, which both sides
    convert on load) and the logits the model computes for images in evaluation (<name>.io.safetensors)."""
    model.eval()
    randomize(model, generator)
    with torch.no_grad():
        logits = model(images)
    state = {k: v.half() for k, v in model.state_dict().items()}
    write_safetensors(os.path.join(out, f"{name}.safetensors"), state, {"model": name, "source": "tools/make_weight_fixtures.py"})
    write_safetensors(os.path.join(out, f"{name}.io.safetensors"), {"__input__": images, "__logits__": logits})
    print(f"{name}: {sum(p.numel() for p in model.parameters()):,} parameters, logits {tuple(logits.shape)} written to {out}")


def make(out):
    os.makedirs(out, exist_ok=True)
    generator = torch.Generator().manual_seed(2026)
    images = torch.rand(4, 1, 28, 28, generator=generator)
    for name, build in MODELS.items():
        write_weights_and_logits(out, name, build(), images, generator)
    # Generators of their own, so adding fixtures leaves the earlier ones unchanged.
    conv_generator = torch.Generator().manual_seed(2028)
    for name, build in CONV_MODELS.items():
        write_weights_and_logits(out, name, build(), images, conv_generator)
    training_generator = torch.Generator().manual_seed(2027)
    for name, build in MODELS.items():
        model = build()
        model.load_state_dict(read_safetensors(os.path.join(out, f"{name}.safetensors")), strict=True)
        write_safetensors(os.path.join(out, f"{name}.train.safetensors"), training_reference(model, training_generator))
        print(f"{name}: gradients and {ADAM_STEPS} Adam steps on a batch of {TRAIN_BATCH} written to {out}")


def check(folder):
    for name, build in {**MODELS, **CONV_MODELS}.items():
        weights = os.path.join(folder, f"{name}.safetensors")
        if not os.path.exists(weights):
            print(f"{name}: no {weights}, skipped")
            continue
        model = build().eval()
        model.load_state_dict(read_safetensors(weights), strict=True)
        io = read_safetensors(os.path.join(folder, f"{name}.io.safetensors"))
        with torch.no_grad():
            logits = model(io["__input__"])
        print(f"{name}: C# weights load into PyTorch (strict); max relative logit error {max_relative_error(logits, io['__logits__']):.3e}")


def main(doc, make, check):
    """The command line both fixture scripts share: --out DIR writes the fixtures, --check DIR checks C#'s export."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="ViT.Runtime.Tests/Fixtures/weights")
    parser.add_argument("--check", metavar="DIR")
    args = parser.parse_args()
    check(args.check) if args.check else make(args.out)


if __name__ == "__main__":
    main(__doc__, make, check)
