//===- fft_cufft.cu - cuFFT benchmark: 2^20 points and 1009 x 1009 --------===//
//
// Part of Tongxin. Times cufftExecC2C (forward, out of place, device
// memory, plan made beforehand) for each case, synchronising after every
// execution; prints bench_util RESULT lines. Built with txcc -lcufft.
//
//===----------------------------------------------------------------------===//

#include <cuda_runtime.h>
#include <cufft.h>

#include "../../common/bench_util.h"
#include "fft_cases.h"

#include <cstdio>

static bool runCase(const char *Name, int Rows, int Cols, int Reps) {
  size_t Count = size_t(Rows) * Cols;
  std::vector<float> In = fftbench::makeInput(Count), Out(2 * Count);
  cufftComplex *DIn, *DOut;
  if (cudaMalloc(&DIn, Count * sizeof(cufftComplex)) != cudaSuccess ||
      cudaMalloc(&DOut, Count * sizeof(cufftComplex)) != cudaSuccess)
    return false;
  cudaMemcpy(DIn, In.data(), Count * sizeof(cufftComplex),
             cudaMemcpyHostToDevice);
  cufftHandle Plan;
  cufftResult R = Rows == 1 ? cufftPlan1d(&Plan, Cols, CUFFT_C2C, 1)
                            : cufftPlan2d(&Plan, Rows, Cols, CUFFT_C2C);
  if (R != CUFFT_SUCCESS)
    return false;
  std::vector<double> Samples;
  for (int I = 0; I < Reps + 1; ++I) {
    double Start = bench::nowMs();
    if (cufftExecC2C(Plan, DIn, DOut, CUFFT_FORWARD) != CUFFT_SUCCESS)
      return false;
    cudaDeviceSynchronize();
    if (I > 0) // the first run warms the caches and the work area
      Samples.push_back(bench::nowMs() - Start);
  }
  cudaMemcpy(Out.data(), DOut, Count * sizeof(cufftComplex),
             cudaMemcpyDeviceToHost);
  cufftDestroy(Plan);
  cudaFree(DIn);
  cudaFree(DOut);
  return bench::report(Name, "cufft", Samples,
                       fftbench::checkBins(In, Out.data(), Rows, Cols)) == 0;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  bool Ok = runCase("fft_1m", 1, fftbench::LongLine, Reps);
  Ok &=
      runCase("fft_1009x1009", fftbench::PrimeSide, fftbench::PrimeSide, Reps);
  return Ok ? 0 : 1;
}
