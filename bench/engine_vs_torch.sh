#!/usr/bin/env bash
# Issue 12's side-by-side benchmark: PyTorch's training step (../shared/bench/torch_step.py) against the fused
# engine with fp32 and bf16 products, at the small and the reference size, one program after the other.
# Needs: apt-get install -y python3-torch libopenblas0-openmp. Run from the project root on a quiet machine:
#   bash bench/engine_vs_torch.sh 2>&1 | tee /tmp/engine_vs_torch.txt
set -u
T="/usr/bin/python3 ../shared/bench/torch_step.py --batch 100 --seq 250 --threads 2 --steps 15 --warmup 3 --data ../shared/data/aaron_sheep.npz"
S="--hp enc_rnn_size=128 --hp dec_rnn_size=256 --hp z_size=64"
R="--hp enc_rnn_size=256 --hp dec_rnn_size=512 --hp z_size=128"
ND="--hp use_recurrent_dropout=false"
D="--data ../shared/data/aaron_sheep.npz --skip-padded --warmup 3"
run() { echo "\$ $*"; /usr/bin/time -f "peak_rss_kib %M" "$@" 2>&1 | grep -v "^WARNING: Using incubator"; }
date -u; uptime
run $T --enc 128 --dec 256 --nz 64
run ./sketchrnn bench train $S $ND --steps 15 --warmup 3 --matmul fp32
run ./sketchrnn bench train $S $ND --steps 15 --warmup 3 --matmul bf16
run $T --enc 128 --dec 256 --nz 64
run ./sketchrnn bench train $S $ND --steps 15 --warmup 3 --matmul bf16
run ./sketchrnn bench train $S $ND --steps 15 --warmup 3 --matmul fp32
run ./sketchrnn bench train $S --steps 15 --warmup 3 --matmul bf16
run ./sketchrnn bench train $S $ND $D --matmul fp32
run ./sketchrnn bench train $S $ND $D --matmul bf16
run $T --enc 256 --dec 512 --nz 128
run ./sketchrnn bench train $R $ND --steps 15 --warmup 3 --matmul fp32
run ./sketchrnn bench train $R $ND --steps 15 --warmup 3 --matmul bf16
run ./sketchrnn bench train $R $ND $D --matmul fp32
run ./sketchrnn bench train $R $ND $D --matmul bf16
date -u; uptime
