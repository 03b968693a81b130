"""The peer of SemiSupervisedBenchmark: one iteration of the semi-supervised GAN (m = 100) on
improved-gan's MNIST networks in PyTorch on the CPU, written as ganbook's SemiSupervisedGan runs it
and timed the same way as peer_torch.py (warm-up, then median, p10, p90).

D: Gaussian noise (sigma 0.3, then 0.5) before each weight-normalised dense layer, 784-1000-500-250-
250-250 ReLU, then 10 logits (the head's scale g trained, the hidden layers' fixed); G: 100-500-500
softplus with batch norm (no scale), then a weight-normalised 784 sigmoid layer. Losses: D descends
L_sup + 1/2 L_unsup (the K+1-class GAN loss with the generated logit fixed at 0), G descends feature
matching on D's last hidden layer. Adam lr 0.003, beta1 0.5 on both; a moving average of D's
parameters (decay 0.9999) after each iteration.

Run with Debian's interpreter and python3-torch: /usr/bin/python3 bench/peer_torch_ssl.py
Prints RESULT ssl_torch_* lines and SAMPLES ssl_torch for bench/run.sh.
"""
import argparse
import math
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--warmup", type=int, default=200)
parser.add_argument("--iterations", type=int, default=200)
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
M = 100
DECAY = 0.9999


class GaussianNoise(nn.Module):
    def __init__(self, sigma):
        super().__init__()
        self.sigma = sigma

    def forward(self, x):
        return x + self.sigma * torch.randn_like(x) if self.training else x


class WeightNormDense(nn.Module):
    """y = (x v) diag(g / ||v_j||) + b; v ~ N(0, 0.1^2); g trained only when train_scale."""

    def __init__(self, fan_in, fan_out, train_scale):
        super().__init__()
        self.v = nn.Parameter(torch.randn(fan_in, fan_out) * 0.1)
        self.b = nn.Parameter(torch.zeros(fan_out))
        g = torch.ones(fan_out)
        if train_scale:
            self.g = nn.Parameter(g)
        else:
            self.register_buffer("g", g)

    def forward(self, x):
        return (x @ self.v) * (self.g / self.v.norm(dim=0)) + self.b


class BatchNorm(nn.Module):
    """Batch statistics in training, running averages (0.9 old + 0.1 batch) kept; no scale, eps 1e-6."""

    def __init__(self, features):
        super().__init__()
        self.beta = nn.Parameter(torch.zeros(features))
        self.register_buffer("mean", torch.zeros(features))
        self.register_buffer("var", torch.ones(features))

    def forward(self, x):
        mean = x.mean(0)
        var = x.var(0, unbiased=False)
        with torch.no_grad():
            self.mean.mul_(0.9).add_(mean, alpha=0.1)
            self.var.mul_(0.9).add_(var, alpha=0.1 * x.shape[0] / (x.shape[0] - 1))
        return (x - mean) / torch.sqrt(var + 1e-6) + self.beta


def glorot(fan_in, fan_out):
    layer = nn.Linear(fan_in, fan_out)
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


features = nn.Sequential(
    GaussianNoise(0.3), WeightNormDense(784, 1000, False), nn.ReLU(),
    GaussianNoise(0.5), WeightNormDense(1000, 500, False), nn.ReLU(),
    GaussianNoise(0.5), WeightNormDense(500, 250, False), nn.ReLU(),
    GaussianNoise(0.5), WeightNormDense(250, 250, False), nn.ReLU(),
    GaussianNoise(0.5), WeightNormDense(250, 250, False), nn.ReLU())
head = nn.Sequential(GaussianNoise(0.5), WeightNormDense(250, 10, True))
G = nn.Sequential(
    glorot(100, 500), BatchNorm(500), nn.Softplus(),
    glorot(500, 500), BatchNorm(500), nn.Softplus(),
    WeightNormDense(500, 784, True), nn.Sigmoid())

unlabelled = torch.rand(1000, 784)
labelled = torch.rand(100, 784)
labels = torch.arange(100) % 10

# improved-gan's data-dependent initialisation of D on 500 images (noise on, as its init pass).
with torch.no_grad():
    x = unlabelled[:500]
    for layer in list(features) + list(head):
        if isinstance(layer, WeightNormDense):
            t = x @ (layer.v / layer.v.norm(dim=0))
            std = t.std(0, unbiased=False) + 1e-8
            layer.g.copy_(1 / std)
            layer.b.copy_(-t.mean(0) / std)
        x = layer(x)

params_d = list(features.parameters()) + list(head.parameters())
opt_d = torch.optim.Adam(params_d, lr=0.003, betas=(0.5, 0.999), eps=1e-8)
opt_g = torch.optim.Adam(G.parameters(), lr=0.003, betas=(0.5, 0.999), eps=1e-8)
average = [p.detach().clone() for p in params_d]
order = torch.randperm(100)
cursor = 0


def log_d_terms(logits):
    lse = torch.logsumexp(logits, dim=1)
    return lse, F.softplus(lse)


def iteration():
    global cursor
    # D step: m labelled, m unlabelled and m generated rows in one forward; L_sup + 1/2 L_unsup.
    rows = order[torch.arange(cursor, cursor + M) % 100]
    cursor = (cursor + M) % 100
    x_lab, y = labelled[rows], labels[rows]
    x_u = unlabelled[torch.randint(0, unlabelled.shape[0], (M,))]
    z = torch.rand(M, 100)
    with torch.no_grad():
        fake = G(z)
    for p in params_d:
        p.requires_grad_(True)
    logits = head(features(torch.cat([x_lab, x_u, fake])))
    loss_sup = F.cross_entropy(logits[:M], y)
    lse_real, sp_real = log_d_terms(logits[M:2 * M])
    lse_fake, sp_fake = log_d_terms(logits[2 * M:])
    loss_unsup = 0.5 * ((sp_real - lse_real).mean() + sp_fake.mean())
    opt_d.zero_grad(set_to_none=False)
    (loss_sup + loss_unsup).backward()
    opt_d.step()
    error = (logits[:M].argmax(1) != y).float().mean()
    # G step: feature matching on D's last hidden layer; D's weights get no gradient.
    for p in params_d:
        p.requires_grad_(False)
    with torch.no_grad():
        real = features(unlabelled[torch.randint(0, unlabelled.shape[0], (M,))])
    fake_features = features(G(torch.rand(M, 100)))
    loss_g = ((fake_features.mean(0) - real.mean(0)) ** 2).mean()
    opt_g.zero_grad(set_to_none=False)
    loss_g.backward()
    opt_g.step()
    with torch.no_grad():
        for shadow, p in zip(average, params_d):
            shadow.mul_(DECAY).add_(p, alpha=1 - DECAY)
    return loss_sup.item(), loss_unsup.item(), loss_g.item(), error.item()


def timed(n):
    ms = []
    for _ in range(n):
        start = time.perf_counter()
        iteration()
        ms.append((time.perf_counter() - start) * 1e3)
    return ms


def percentile(sorted_ms, p):
    rank = p / 100 * (len(sorted_ms) - 1)
    lo = math.floor(rank)
    hi = min(lo + 1, len(sorted_ms) - 1)
    return sorted_ms[lo] + (rank - lo) * (sorted_ms[hi] - sorted_ms[lo])


timed(args.warmup)
cpu_start = time.process_time()
samples = timed(args.iterations)
cpu_ms = (time.process_time() - cpu_start) * 1e3 / args.iterations
ms = sorted(samples)
print(f"PyTorch {torch.__version__}, semi-supervised GAN: {statistics.median(ms):.2f} ms median "
      f"(p10 {percentile(ms, 10):.2f}, p90 {percentile(ms, 90):.2f}, n = {len(ms)}); CPU time {cpu_ms:.2f} ms")
with open("/proc/self/status") as status:
    rss = [int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")]
if rss:
    print(f"peak resident memory of the process: {rss[0]:.0f} MB")
    print(f"RESULT ssl_torch_rss_mb={rss[0]:.0f}")
print(f"RESULT ssl_torch_cpu_ms={cpu_ms:.2f}")
print(f"RESULT ssl_torch_ms={statistics.median(ms):.2f}")
print(f"RESULT ssl_torch_p10={percentile(ms, 10):.2f}")
print(f"RESULT ssl_torch_p90={percentile(ms, 90):.2f}")
print(f"RESULT ssl_torch_n={len(ms)}")
print(f"RESULT torch_version={torch.__version__}")
print(f"RESULT torch_threads={torch.get_num_threads()}")
print("SAMPLES ssl_torch " + " ".join(f"{x:.3f}" for x in samples))
