"""The peer of IterationBenchmark: one Algorithm 1 iteration (k = 1, m = 100) of the paper's MNIST
networks in PyTorch on the CPU, timed the same way (warm-up, then median, p10, p90).

Run with Debian's interpreter and python3-torch: /usr/bin/python3 bench/peer_torch.py
Prints RESULT key=value lines for bench/run.sh.
"""
import argparse
import math
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--warmup", type=int, default=20)
parser.add_argument("--iterations", type=int, default=200)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--no-gemm", action="store_true", help="leave out the GEMM check (later rounds of run.sh)")
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
M = 100


class Maxout(nn.Module):
    """units outputs, each the max of pieces affine maps; columns laid out piece-major as in ganbook."""

    def __init__(self, fan_in, units, pieces):
        super().__init__()
        self.units, self.pieces = units, pieces
        self.affine = nn.Linear(fan_in, units * pieces)

    def forward(self, x):
        return self.affine(x).view(-1, self.pieces, self.units).amax(dim=1)


def uniform_(net, irange):
    for p in net.parameters():
        if p.dim() == 2:
            nn.init.uniform_(p, -irange, irange)
        else:
            nn.init.zeros_(p)
    return net


G = uniform_(nn.Sequential(
    nn.Linear(100, 1200), nn.ReLU(),
    nn.Linear(1200, 1200), nn.ReLU(),
    nn.Linear(1200, 784), nn.Sigmoid()), 0.05)
D = uniform_(nn.Sequential(
    nn.Dropout(0.2), Maxout(784, 240, 5),
    nn.Dropout(0.5), Maxout(240, 240, 5),
    nn.Dropout(0.5), nn.Linear(240, 1)), 0.005)

# The paper's SGD (pylearn2): v <- mu v - lr g; theta <- theta + v, lr 0.1 / 1.000004^t, mu 0.5 -> 0.7.
# torch's SGD keeps v' = mu v' + g and steps -lr v': the same rule while lr is constant, and the same
# work per step either way. The schedules are set per update, as ganbook's Sgd does.
opt_d = torch.optim.SGD(D.parameters(), lr=0.1, momentum=0.5)
opt_g = torch.optim.SGD(G.parameters(), lr=0.1, momentum=0.5)


def schedule(opt, t):
    for group in opt.param_groups:
        group["lr"] = max(0.1 / 1.000004 ** t, 1e-6)
        group["momentum"] = 0.5 + 0.2 * min(t / 125000, 1.0)


data = torch.rand(1000, 784)
r = math.sqrt(3)
labels = torch.cat([torch.ones(M, 1), torch.zeros(M, 1)])
t = 0


def iteration():
    global t
    # D step: m real rows and m generated rows stacked as one 2m batch; ascend V(D, G).
    x = data[torch.randint(0, data.shape[0], (M,))]
    z = torch.empty(M, 100).uniform_(-r, r)
    with torch.no_grad():
        fake = G(z)
    for p in D.parameters():
        p.requires_grad_(True)
    logits = D(torch.cat([x, fake]))
    loss_d = 2 * F.binary_cross_entropy_with_logits(logits, labels)
    opt_d.zero_grad(set_to_none=False)
    loss_d.backward()
    schedule(opt_d, t)
    opt_d.step()
    # G step: the gradient flows through D (to its input only) into G's parameters; none for z.
    for p in D.parameters():
        p.requires_grad_(False)
    z = torch.empty(M, 100).uniform_(-r, r)
    loss_g = F.softplus(-D(G(z))).mean()
    opt_g.zero_grad(set_to_none=False)
    loss_g.backward()
    schedule(opt_g, t)
    opt_g.step()
    t += 1
    return loss_d.item(), loss_g.item()


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
# Process CPU time (all threads): other work on a shared machine disturbs it far less than wall time.
cpu_start = time.process_time()
samples = timed(args.iterations)
cpu_ms = (time.process_time() - cpu_start) * 1e3 / args.iterations
ms = sorted(samples)
print(f"PyTorch {torch.__version__}: {statistics.median(ms):.2f} ms median "
      f"(p10 {percentile(ms, 10):.2f}, p90 {percentile(ms, 90):.2f}, n = {len(ms)}); CPU time {cpu_ms:.2f} ms")
print(f"RESULT torch_cpu_ms={cpu_ms:.2f}")
with open("/proc/self/status") as status:
    rss = [int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")]
if rss:
    print(f"peak resident memory of the process: {rss[0]:.0f} MB")
    print(f"RESULT torch_rss_mb={rss[0]:.0f}")

print("SAMPLES torch " + " ".join(f"{x:.3f}" for x in samples))
print(f"RESULT torch_version={torch.__version__}")
print(f"RESULT torch_threads={torch.get_num_threads()}")
if args.no_gemm:
    raise SystemExit(0)

# Which BLAS torch's GEMMs run on: the build's own words, and a GEMM's throughput as a check.
blas_info = [part.strip() for line in torch.__config__.show().splitlines()
             for part in line.split(",") if "BLAS_INFO" in part]
blas_info = [part.split(":")[-1].strip() for part in blas_info]
a, b = torch.rand(2048, 2048), torch.rand(2048, 2048)
for _ in range(3):
    a @ b
gemm = []
for _ in range(10):
    start = time.perf_counter()
    a @ b
    gemm.append(time.perf_counter() - start)
gflops = 2 * 2048 ** 3 / min(gemm) / 1e9
# PyPI's wheels link MKL into libtorch_cpu; a BLAS library loaded beside it is named if there is one.
# NumPy's own OpenBLAS and the CUDA wheels' cuBLAS are loaded too, but torch's CPU GEMMs use neither.
mkl_version = [line.split("Version")[-1].split("-")[0].strip() for line in torch.__config__.show().splitlines()
               if "Math Kernel Library Version" in line]
with open("/proc/self/maps") as maps:
    blas_libs = sorted({line.split()[-1] for line in maps
                        if any(word in line.split()[-1].lower() for word in ("blas", "mkl"))
                        and "numpy.libs" not in line and "/nvidia/" not in line})
blas_name = blas_info[0].split("=")[-1].upper() if blas_info else "unknown"
blas = blas_name + (f" {mkl_version[0]}" if mkl_version and blas_name == "MKL" else "")
blas += f" (loaded: {' '.join(blas_libs)})" if blas_libs else " (linked into libtorch_cpu)"
print(f"torch float32 GEMM 2048^3 (best of 10): {gflops:.1f} GFLOP/s; BLAS: {blas}")

print(f"RESULT torch_ms={statistics.median(ms):.2f}")
print(f"RESULT torch_p10={percentile(ms, 10):.2f}")
print(f"RESULT torch_p90={percentile(ms, 90):.2f}")
print(f"RESULT torch_n={len(ms)}")
print(f"RESULT torch_gemm_gflops={gflops:.1f}")
print(f"RESULT torch_blas={blas}")
