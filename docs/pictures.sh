#!/usr/bin/env bash
# Draws the README's pictures with the embedded default model. Run from the project root with ../shared
# beside it: bash docs/pictures.sh
set -euo pipefail
sheep=../shared/data/aaron_sheep.npz
# 1. the quick start's picture: 16 new sheep at temperature 0.3
./sketchrnn sample --count 16 --temperature 0.3 --seed 1 --cell-size 160 --out docs/default-samples.png
# 2. eight endings of the first 35 points of a test sheep (given part black, endings red)
./sketchrnn complete --input "$sheep" --split test --index 5 --keep 35 --count 8 --columns 4 --temperature 0.3 \
    --seed 2 --cell-size 160 --out docs/default-completions.png
# 3. a morph between two test sheep (both ends are the model's reconstructions)
./sketchrnn interpolate --from "$sheep#0" --to "$sheep#7" --split test --steps 6 --columns 8 --temperature 0.3 \
    --seed 3 --cell-size 160 --out docs/default-morph.png
# 4. the first eight test sheep, each followed by two reconstructions at temperature 0.2
./sketchrnn reconstruct --input "$sheep#0" --input "$sheep#1" --input "$sheep#2" --input "$sheep#3" \
    --input "$sheep#4" --input "$sheep#5" --input "$sheep#6" --input "$sheep#7" --split test \
    --temperatures 0.2 --count 2 --seed 4 --cell-size 120 --out docs/default-reconstructions.png
