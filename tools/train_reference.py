"""Trains the PyTorch reference of a tutorial model with the tutorial recipe (Adam 3e-4, batch 64), for comparing
accuracy with ViT.Samples. Usage: /usr/bin/python3 tools/train_reference.py tutorial|timm EPOCHS (from the repo root)."""
import sys, gzip, time, numpy as np, torch
sys.path.insert(0, 'tools')
from make_weight_fixtures import tutorial_model, timm_model
torch.manual_seed(42)
def idx(p):
    d = gzip.open(p).read()
    return np.frombuffer(d, np.uint8, offset=16 if 'images' in p else 8)
X = torch.tensor(idx('data/mnist/train-images-idx3-ubyte.gz').reshape(-1,1,28,28).astype(np.float32)/255)
Y = torch.tensor(idx('data/mnist/train-labels-idx1-ubyte.gz').astype(np.int64))
Xt = torch.tensor(idx('data/mnist/t10k-images-idx3-ubyte.gz').reshape(-1,1,28,28).astype(np.float32)/255)
Yt = torch.tensor(idx('data/mnist/t10k-labels-idx1-ubyte.gz').astype(np.int64))
for name, build in [(sys.argv[1], {'tutorial': tutorial_model, 'timm': timm_model}[sys.argv[1]])]:
    m = build()
    with torch.no_grad():
        torch.nn.init.trunc_normal_(m.cls_token, std=.02); torch.nn.init.trunc_normal_(m.pos_embed, std=.02)
    opt = torch.optim.Adam(m.parameters(), 3e-4)
    for epoch in range(int(sys.argv[2])):
        t = time.time(); m.train(); perm = torch.randperm(len(X))
        for i in range(0, len(X), 64):
            b = perm[i:i+64]; opt.zero_grad(); loss = torch.nn.functional.cross_entropy(m(X[b]), Y[b]); loss.backward(); opt.step()
        m.eval()
        with torch.no_grad(): acc = sum((m(Xt[i:i+1000]).argmax(1) == Yt[i:i+1000]).sum().item() for i in range(0, 10000, 1000)) / 10000
        print(f"{name} epoch {epoch+1}: val_acc {acc:.4f}  {time.time()-t:.0f}s", flush=True)
