#pragma once
// Each file has its own file-local kernel `fill` and variable `Scale` under
// -rdc, plus a device function called across files.
__device__ int twice(int X);
int runCounters(int *Out, int N);
