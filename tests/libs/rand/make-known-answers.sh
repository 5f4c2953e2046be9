#!/usr/bin/env bash
# Regenerates known-answers.txt from NVIDIA's host generator through
# CurandReference.cpp (needs the CUDA toolkit; no GPU):
#   make-known-answers.sh PATH/TO/curand-reference > known-answers.txt
# Each line: RNG SEED OFFSET DIST COUNT MEAN STDDEV, then INDEX:BITS pairs
# for the first and last values of a call producing COUNT values (enough to
# cross from each generator's first round of threads into the next).
# Sobol lines (RNG 201, 203) hold the number of dimensions in the SEED
# column; their double normals are left out (NVIDIA's double erfcinv is a
# few ulps from ours, see SobolTest.cpp).
set -euo pipefail
ref=$1
echo "# cuRAND known answers from NVIDIA's host generator (CUDA $(basename "$(readlink -f /usr/local/cuda)"))"
for rng in 101 121 161; do
  for setting in "0 0" "1234 0" "1234 777" "18446744073709551615 5"; do
    read -r seed offset <<<"$setting"
    for dist in u32 uniform uniform_double normal normal_double lognormal lognormal_double; do
      count=300000
      mean=0.5 stddev=1.5
      "$ref" $rng $seed $offset 0 0 $dist $count $mean $stddev |
        awk -v head="$rng $seed $offset $dist $count $mean $stddev" -v n=$count \
          'NR <= 6 || NR > n - 6 || NR % 65536 == 1 { s = s " " (NR - 1) ":" $1 }
           END { print head s }'
    done
  done
done
# MTGP32 (141) takes no offsets, and its double log-normals are left out
# like Sobol's double normals (they go through the double inverse CDF).
for setting in 0 1234 18446744073709551615; do
  for dist in u32 uniform uniform_double normal normal_double lognormal; do
    count=300000 mean=0.5 stddev=1.5
    "$ref" 141 $setting 0 0 0 $dist $count $mean $stddev |
      awk -v head="141 $setting 0 $dist $count $mean $stddev" -v n=$count \
        'NR <= 6 || NR > n - 6 || NR % 49152 == 1 || NR % 65536 == 1 {
           s = s " " (NR - 1) ":" $1 }
         END { print head s }'
  done
done
# MT19937 (142) takes no offsets either; its double normals are left out
# (the double inverse CDF). Whole rounds of 65536 values need all 8192
# streams, which take seconds to seed: only u32 crosses into round 1.
for setting in 0 1234 18446744073709551615; do
  for dist in u32 uniform uniform_double normal lognormal; do
    count=3000 mean=0.5 stddev=1.5
    if [ $dist = u32 ]; then count=70000; fi
    "$ref" 142 $setting 0 0 0 $dist $count $mean $stddev |
      awk -v head="142 $setting 0 $dist $count $mean $stddev" -v n=$count \
        'NR <= 10 || NR > n - 6 || NR % 499 == 1 || NR % 65536 <= 9 {
           s = s " " (NR - 1) ":" $1 }
         END { print head s }'
  done
done
for rng in 201 203; do
  for setting in "1 0" "3 1000" "1000 123456789"; do
    read -r dims offset <<<"$setting"
    dists="uniform uniform_double normal lognormal"
    if [ $rng = 201 ]; then dists="u32 $dists"; else dists="u64 $dists"; fi
    for dist in $dists; do
      count=$((dims * 300)) mean=0.5 stddev=1.5
      "$ref" $rng 0 $offset 0 $dims $dist $count $mean $stddev |
        awk -v head="$rng $dims $offset $dist $count $mean $stddev" -v n=$count \
          'NR <= 6 || NR > n - 6 || NR % 4999 == 1 { s = s " " (NR - 1) ":" $1 }
           END { print head s }'
    done
  done
done
# Poisson (the mean column holds lambda), one lambda per method of each
# generator (libs/rand/Poisson.h): square histogram, inversion, normal
# approximation. MRG32k3a's count crosses its 81920 threads, whose normals
# at large lambda come in curand_normal's order; MT19937 keeps to small
# counts (seeding all its streams takes seconds).
for setting in "101 1234 70000" "121 1234 170000" "161 1234 70000" \
               "141 1234 70000" "142 1234 3000" "201 1 7000" "203 3 7002"; do
  read -r rng seed count <<<"$setting"
  for lambda in 0.5 33.3 1999.5 5000.25 123456.7; do
    dims=0
    if [ $rng -ge 200 ]; then dims=$seed; fi
    "$ref" $rng $seed 0 0 $dims poisson $count $lambda |
      awk -v head="$rng $seed 0 poisson $count $lambda 1" -v n=$count \
        'NR <= 6 || NR > n - 6 || NR % 4999 == 1 { s = s " " (NR - 1) ":" $1 }
         END { print head s }'
  done
done
