#!/usr/bin/env python3
"""Trains a ViT# PyTorch twin on one process or many, with DistributedDataParallel, and writes its weights as safetensors.

A twin is the plain PyTorch file that ViT# writes for a generated model (`model.ExportPyTorch("out/cnn/cnn.py")`,
which also writes this file beside it). It defines INPUT_SHAPE, OUTPUT_SHAPE, PRECISION and create(), and its
state-dict names are the .NET model's, so the weights written here load into ViT# with ModelWeights.Load (strictly)
and the .NET model goes on from there: evaluation, inference, ONNX export. Only torch is needed.

Usage:
  torchrun --nproc_per_node=2 train_ddp.py --twin cnn.py --data data/mnist --epochs 1 --out ddp.safetensors
  python3 train_ddp.py --twin cnn.py --data data/mnist               # one process, no process group
  torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --nproc_per_node=8 train_ddp.py ...   # and node_rank=1 on the other
  python3 train_ddp.py --lightning --devices 2 --twin cnn.py --data data/mnist   # with Lightning, if installed

Debian 12's torchrun (PyTorch 1.13 on Python 3.11) fails at start with "'NoneType' object has no attribute 'get'";
`torchrun --redirects 1 --tee 1 ...` avoids it (its parser misses the 0 flag that Python 3.11 no longer lists).

Processes: gloo on CPU, NCCL when CUDA is used (--backend overrides); one GPU per process (LOCAL_RANK). Every process
builds the twin from the same seed (and --init), and DDP broadcasts rank 0's weights anyway. --batch-size is per
process, as Lightning's is: 2 processes at 64 take 128 images a step. DistributedSampler shuffles with --seed and
set_epoch, and pads the last round so that every process gets as many batches.

The recipe is ViT#'s tutorial recipe: cross-entropy, Adam at 3e-4, batch 64, reshuffled each epoch, no augmentation.

Data: the IDX files of MNIST and its relatives (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz] and the
t10k- or test- pair, with any prefix such as emnist-digits-), rank 3 [N, H, W] or rank 4 [N, C, H, W], checked
against a SHA256SUMS file beside them when there is one, as ViT#'s DataFolder reads them. Pixels become float32 / 255
with no normalisation, as ViT# trains; images whose shape is not the twin's INPUT_SHAPE are converted as ViT#
converts them (gray <-> RGB by ITU-R 601 luma, alpha dropped; bilinear antialiased resize). Image folders and CIFAR
files are not read here (ViT# reads them): train on those in ViT#, or write them as rank-4 IDX files first.

Output, from rank 0: one line per epoch (train loss, accuracy, seconds), then `test accuracy: 98.12% on 10000 images`
on the whole test set; the weights in --out (safetensors: F32 and I64 tensors named as the state dict, written to a
temporary file and renamed) and beside it <out stem>.json with test_accuracy (percent), test_images, train_seconds,
world_size and epochs.
"""
import argparse
import ctypes
import glob
import gzip
import hashlib
import importlib.util
import json
import os
import struct
import sys
import tempfile
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F

DTYPES = {torch.float32: "F32", torch.int64: "I64", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}
LUMA = (0.299, 0.587, 0.114)  # ITU-R 601, as ViT#'s ConvertChannels, PIL's convert("L") and torchvision


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Trains a ViT# PyTorch twin with DistributedDataParallel (run under torchrun, or alone).")
    p.add_argument("--twin", required=True, help="the twin's .py file, written by ViT#'s ExportPyTorch")
    p.add_argument("--data", required=True, help="folder of MNIST-format IDX files (any prefix, .gz or raw)")
    p.add_argument("--epochs", type=int, default=5, help="default 5")
    p.add_argument("--batch-size", type=int, default=64, help="images per step on each process, as Lightning's (default 64)")
    p.add_argument("--lr", type=float, default=3e-4, help="Adam's learning rate (default 3e-4)")
    p.add_argument("--seed", type=int, default=42, help="initial weights and shuffling (default 42)")
    p.add_argument("--limit", type=int, help="train on the first N training images only")
    p.add_argument("--init", help="start from these weights (.safetensors, e.g. written by ViT#); every tensor must match")
    p.add_argument("--out", help="weights to write (default: <twin stem>.safetensors beside the twin)")
    p.add_argument("--precision", choices=["float32", "bfloat16", "model"], default="model", help="default: the twin's PRECISION")
    p.add_argument("--device", choices=["cpu", "cuda"], help="default: cuda when available")
    p.add_argument("--backend", help="process-group backend (default: nccl on cuda, gloo on cpu)")
    p.add_argument("--num-threads", type=int, help="torch.set_num_threads on each process")
    p.add_argument("--lightning", action="store_true", help="train with Lightning's Trainer instead (lightning or pytorch_lightning must be installed)")
    p.add_argument("--devices", default="auto", help="with --lightning: processes/GPUs for Lightning to start (default auto)")
    args = p.parse_args(argv)
    if args.epochs < 1 or args.batch_size < 1 or not args.lr > 0 or (args.limit is not None and args.limit < 1):
        p.error("--epochs, --batch-size and --limit must be at least 1, and --lr positive")
    args.out = args.out or os.path.splitext(args.twin)[0] + ".safetensors"
    return args


def load_twin(path):
    """Imports the twin by path and checks that it has what this launcher uses."""
    if not os.path.isfile(path):
        sys.exit(f"error: {path}: twin not found; ViT# writes it with model.ExportPyTorch(\"out/cnn/cnn.py\").")
    name = "vit_twin_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    twin = importlib.util.module_from_spec(spec)
    sys.modules[name] = twin
    spec.loader.exec_module(twin)
    missing = [n for n in ("INPUT_SHAPE", "OUTPUT_SHAPE", "create") if not hasattr(twin, n)]
    if missing:
        sys.exit(f"error: {path} has no {', '.join(missing)}; it is not a ViT# twin.")
    return twin


# ---- data: IDX files, read and converted as ViT# does --------------------------------------------------------------

def read_idx(path, ranks):
    """An unsigned-byte IDX file (gzipped or raw, told by its first bytes) as a uint8 tensor."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[:3] != b"\0\0\x08" or raw[3] not in ranks:
        sys.exit(f"error: {path}: not an unsigned-byte IDX file of rank {' or '.join(map(str, ranks))}.")
    rank = raw[3]
    dims = struct.unpack(f">{rank}i", raw[4:4 + 4 * rank])
    count = 1
    for d in dims:
        count *= d
    if count == 0 or len(raw) != 4 + 4 * rank + count:
        sys.exit(f"error: {path}: the header promises {count} bytes ({' x '.join(map(str, dims))}) but {len(raw) - 4 - 4 * rank} follow.")
    return torch.frombuffer(bytearray(raw[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def verify_sums(path):
    """Checks a file against the SHA256SUMS beside it, when there is one (as ViT# does)."""
    sums_path = os.path.join(os.path.dirname(os.path.abspath(path)), "SHA256SUMS")
    if not os.path.exists(sums_path):
        return
    sums = {}
    with open(sums_path) as f:
        for line in f:
            parts = line.split(None, 1)
            if len(parts) == 2:
                sums[parts[1].strip().lstrip("*")] = parts[0].lower()
    expected = sums.get(os.path.basename(path))
    with open(path, "rb") as f:
        actual = hashlib.sha256(f.read()).hexdigest()
    if actual != expected:
        sys.exit(f"error: {path}: SHA-256 {actual} does not match {sums_path} ({expected or 'no entry'}); restore the file from a good copy.")


def load_split(folder, *splits):
    """(uint8 images [N, C, H, W], int64 labels [N]) of the first split name found: `train`, or `t10k` then `test`."""
    if not os.path.isdir(folder):
        sys.exit(f"error: data folder {folder} does not exist; pass the folder that holds the IDX files.")
    for split in splits:
        for suffix in (".gz", ""):
            for images in sorted(glob.glob(os.path.join(glob.escape(folder), f"*{split}-images-idx3-ubyte{suffix}"))):
                labels = os.path.join(folder, os.path.basename(images).replace(f"{split}-images-idx3-ubyte", f"{split}-labels-idx1-ubyte"))
                if os.path.exists(labels):
                    for path in (images, labels):
                        verify_sums(path)
                    x, y = read_idx(images, (3, 4)), read_idx(labels, (1,))
                    if len(x) != len(y):
                        sys.exit(f"error: {labels} holds {len(y)} labels but {images} holds {len(x)} images.")
                    return (x.unsqueeze(1) if x.dim() == 3 else x), y.long()
    sys.exit(f"error: {folder} holds no IDX pair named *{splits[0]}-images-idx3-ubyte[.gz] and *{splits[0]}-labels-idx1-ubyte[.gz].")


def to_model(images, shape):
    """uint8 [B, C, H, W] to the float32 input the twin takes: / 255, then channels and size as ViT#'s TransformPipeline.Convert."""
    x = images.float().div_(255)
    channels, height, width = shape
    if x.shape[1] != channels:
        if channels == 3 and x.shape[1] == 1:
            x = x.expand(-1, 3, -1, -1).contiguous()
        elif channels == 3 and x.shape[1] == 4:
            x = x[:, :3].contiguous()
        elif channels == 1 and x.shape[1] in (3, 4):
            x = (x[:, :3] * torch.tensor(LUMA, device=x.device).view(1, 3, 1, 1)).sum(1, keepdim=True)
        else:
            raise ValueError(f"cannot convert images of {x.shape[1]} channels to {channels}")
    if x.shape[2:] != (height, width):
        x = F.interpolate(x, size=(height, width), mode="bilinear", align_corners=False, antialias=True).clamp_(0, 1)
    return x


def check_data(train, test, twin):
    """Refuses data the twin cannot take (the run-time half of ViT#'s data/model check)."""
    c, h, w = twin.INPUT_SHAPE
    have = tuple(train[0].shape[1:])
    if have[0] not in (1, 3, 4) or c not in (1, 3):
        sys.exit(f"error: the data gives images {list(have)} but the twin takes {[c, h, w]}; only 1, 3 or 4 channels convert to 1 or 3.")
    classes = twin.OUTPUT_SHAPE[0]
    largest = max(int(train[1].max()), int(test[1].max()))
    if largest >= classes:
        sys.exit(f"error: the data has labels up to {largest} but the twin predicts {classes} classes.")
    return have


# ---- safetensors, written and read by hand (the safetensors package may be missing) -------------------------------

def write_safetensors(path, tensors):
    """Writes name -> tensor, sorted by name, with the data's SHA-256 in the metadata as ViT# does; atomically."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().cpu().contiguous()
        raw = ctypes.string_at(t.data_ptr(), t.numel() * t.element_size()) if t.numel() else b""  # little-endian machines
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    data = b"".join(blobs)
    header = {"__metadata__": {"data_sha256": hashlib.sha256(data).hexdigest()}, **header}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    write_atomically(path, struct.pack("<Q", len(text)) + text + data)


def read_safetensors(path):
    """name -> tensor of a safetensors file, checking data_sha256 when the file records it."""
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    data = raw[8 + length:]
    expected = header.pop("__metadata__", {}).get("data_sha256")
    if expected and hashlib.sha256(data).hexdigest() != expected:
        sys.exit(f"error: {path}: the data does not match its data_sha256; the file is damaged.")
    dtypes = {name: dtype for dtype, name in DTYPES.items()}
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = dtypes[entry["dtype"]]
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.uint8).view(dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors


def load_weights(model, path):
    """Strict: the file holds exactly the model's tensors, each of the model's shape."""
    tensors, state = read_safetensors(path), model.state_dict()
    missing, unexpected = sorted(set(state) - set(tensors)), sorted(set(tensors) - set(state))
    wrong = [f"{n} {list(tensors[n].shape)} (model {list(state[n].shape)})" for n in sorted(set(state) & set(tensors)) if tensors[n].shape != state[n].shape]
    if missing or unexpected or wrong:
        problems = [f"{what}: {', '.join(names)}" for what, names in (("missing", missing), ("unexpected", unexpected), ("shape differs", wrong)) if names]
        sys.exit(f"error: {path} does not fit the twin ({'; '.join(problems)}).")
    model.load_state_dict(tensors)


def write_atomically(path, content):
    """Writes a temporary file in the same folder, then renames it over path: readers see the old file or the new."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(path) + ".", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~umask)  # not mkstemp's 0600
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


# ---- training ---------------------------------------------------------------------------------------------------------

@torch.no_grad()
def count_correct(model, images, labels, shape, batch_size, device):
    """(correct, count) over images; the model is put in evaluation mode."""
    model.eval()
    correct = 0
    for i in range(0, len(images), batch_size):
        logits = model(to_model(images[i:i + batch_size].to(device), shape))
        correct += int((logits.argmax(1).cpu() == labels[i:i + batch_size]).sum())
    return correct, len(images)


def step_totals(loss, logits, labels):
    """[loss sum, correct, images] of one batch, left on the device."""
    return torch.stack([loss.detach().double() * len(labels), (logits.argmax(1) == labels).sum().double(), labels.new_tensor(len(labels)).double()])


def finish(args, model, train_seconds, world_size, correct, count):
    """Rank 0's ending: the test line, the weights and the JSON beside them."""
    accuracy = 100.0 * correct / count
    print(f"test accuracy: {accuracy:.2f}% on {count} images", flush=True)
    write_safetensors(args.out, model.state_dict())
    summary = {"test_accuracy": accuracy, "test_images": count, "train_seconds": round(train_seconds, 3), "world_size": world_size, "epochs": args.epochs}
    write_atomically(os.path.splitext(args.out)[0] + ".json", (json.dumps(summary, indent=2) + "\n").encode())
    print(f"wrote {args.out} and {os.path.splitext(args.out)[0]}.json", flush=True)


def build_model(args, twin):
    torch.manual_seed(args.seed)
    model = twin.create()
    if args.init:
        load_weights(model, args.init)
    model.precision = getattr(twin, "PRECISION", "float32") if args.precision == "model" else args.precision
    return model


def main(argv=None):
    args = parse_args(argv)
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    twin = load_twin(args.twin)
    train, test = load_split(args.data, "train"), load_split(args.data, "t10k", "test")
    have = check_data(train, test, twin)
    if args.limit:
        train = (train[0][:args.limit], train[1][:args.limit])
    if args.lightning:
        return train_lightning(args, twin, train, test)

    distributed = "WORLD_SIZE" in os.environ  # set by torchrun
    rank, world_size = int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))
    device_type = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device_type == "cuda":
        if not torch.cuda.is_available():
            sys.exit("error: --device cuda but torch sees no GPU.")
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if distributed:
        dist.init_process_group(args.backend or ("nccl" if device.type == "cuda" else "gloo"))

    shape = tuple(twin.INPUT_SHAPE)
    model = build_model(args, twin).to(device)
    net = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None) if distributed else model
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    sampler = torch.utils.data.DistributedSampler(range(len(train[1])), num_replicas=world_size, rank=rank, shuffle=True, seed=args.seed)
    if rank == 0:
        print(f"{os.path.basename(args.twin)}: {len(train[1])} training images {list(have)} -> {list(shape)}, {world_size} process(es) "
              f"on {device.type}, batch {args.batch_size} each, precision {model.precision}", flush=True)

    started = time.perf_counter()
    for epoch in range(args.epochs):
        epoch_started = time.perf_counter()
        sampler.set_epoch(epoch)
        indices = torch.tensor(list(sampler))
        net.train()
        totals = torch.zeros(3, dtype=torch.float64, device=device)  # loss sum, correct, images: read once an epoch
        for i in range(0, len(indices), args.batch_size):
            batch = indices[i:i + args.batch_size]
            x, y = to_model(train[0][batch].to(device), shape), train[1][batch].to(device)
            logits = net(x)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            totals += step_totals(loss, logits, y)
        if distributed:
            dist.all_reduce(totals)
        if rank == 0:
            loss_sum, correct, count = totals.tolist()
            print(f"epoch {epoch + 1}/{args.epochs}: train loss {loss_sum / count:.4f}, accuracy {100 * correct / count:.2f}%, "
                  f"{time.perf_counter() - epoch_started:.1f} s", flush=True)
    train_seconds = time.perf_counter() - started

    # Each process evaluates its share of the whole test set with rank 0's buffers (batch-norm statistics), which are
    # what is written: the accuracy printed is the saved weights'.
    if distributed:
        for buffer in model.buffers():
            dist.broadcast(buffer, 0)
    correct, count = count_correct(model, test[0][rank::world_size], test[1][rank::world_size], shape, max(args.batch_size, 256), device)
    if distributed:
        counts = torch.tensor([correct, count], dtype=torch.int64, device=device)
        dist.all_reduce(counts)
        correct, count = counts.tolist()
    if rank == 0:
        finish(args, model, train_seconds, world_size, correct, count)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


def train_lightning(args, twin, train, test):
    """The same training with Lightning's Trainer, which starts its own processes (--devices): ddp when more than one."""
    try:
        import lightning.pytorch as pl
    except ImportError:
        try:
            import pytorch_lightning as pl
        except ImportError:
            sys.exit("error: --lightning needs Lightning (pip install lightning); without it, run this file under torchrun.")
    shape = tuple(twin.INPUT_SHAPE)
    precision = getattr(twin, "PRECISION", "float32") if args.precision == "model" else args.precision

    class TwinModule(pl.LightningModule):
        def __init__(self, model):
            super().__init__()
            self.model = model
            self.totals = None

        def training_step(self, batch, index):
            images, labels = batch
            logits = self.model(to_model(images, shape))
            loss = F.cross_entropy(logits, labels)
            step = step_totals(loss, logits, labels)
            self.totals = step if self.totals is None else self.totals + step
            return loss

        def on_train_epoch_start(self):
            self.totals, self.epoch_started = None, time.perf_counter()

        def on_train_epoch_end(self):
            loss_sum, correct, count = self.trainer.strategy.reduce(self.totals, reduce_op="sum").tolist()
            if self.trainer.is_global_zero:
                print(f"epoch {self.current_epoch + 1}/{args.epochs}: train loss {loss_sum / count:.4f}, accuracy {100 * correct / count:.2f}%, "
                      f"{time.perf_counter() - self.epoch_started:.1f} s", flush=True)

        def configure_optimizers(self):
            return torch.optim.Adam(self.parameters(), lr=args.lr)

    pl.seed_everything(args.seed)  # also seeds the DistributedSampler that Lightning puts in
    model = build_model(args, twin)
    model.precision = "float32"  # Lightning's own autocast runs the forward in bfloat16 instead
    devices = int(args.devices) if args.devices.isdigit() else args.devices
    accelerator = {"cpu": "cpu", "cuda": "gpu"}.get(args.device, "auto")
    trainer = pl.Trainer(accelerator=accelerator, devices=devices, strategy="ddp" if isinstance(devices, int) and devices > 1 else "auto",
                         precision="bf16-mixed" if precision == "bfloat16" else "32-true", max_epochs=args.epochs,
                         logger=False, enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*train), batch_size=args.batch_size, shuffle=True)
    started = time.perf_counter()
    trainer.fit(TwinModule(model), loader)
    train_seconds = time.perf_counter() - started
    if trainer.is_global_zero:
        device = torch.device("cuda", 0) if args.device != "cpu" and torch.cuda.is_available() else torch.device("cpu")
        model.to(device).precision = precision
        correct, count = count_correct(model, *test, shape, max(args.batch_size, 256), device)
        finish(args, model, train_seconds, trainer.world_size, correct, count)


if __name__ == "__main__":
    main()
