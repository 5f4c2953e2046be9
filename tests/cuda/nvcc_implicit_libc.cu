// Only <cstdio> is included (to report); the rest of the C library comes
// with nvcc's forced cuda_runtime.h: memcpy/memset/strlen (string.h),
// rand/srand/abs/qsort (stdlib.h), isdigit/toupper (ctype.h), clock/time
// (time.h). memcpy, memset, abs and clock are also used in device code,
// as CUDA allows.
#include <cstdio>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

struct Record { int key; int samples[7]; };

__global__ void scoreRecords(const Record *in, int *score, long long *ticks, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  clock_t t0 = clock();
  Record r;
  memcpy(&r, &in[i], sizeof r);       // device memcpy
  int scratch[7];
  memset(scratch, 0, sizeof scratch);  // device memset
  int s = 0;
  for (int k = 0; k < 7; ++k) {
    scratch[k] = abs(r.samples[k] - r.key);
    s += scratch[k];
  }
  score[i] = s;
  ticks[i] = (long long)(clock() - t0);
}

static int cmpInt(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

// Parses "N=<digits>" case-insensitively, as a command-line option parser would.
static int parseCount(const char *opt) {
  if (strlen(opt) < 3 || toupper(opt[0]) != 'N' || opt[1] != '=') return -1;
  int v = 0;
  for (const char *p = opt + 2; *p; ++p) {
    if (!isdigit((unsigned char)*p)) return -1;
    v = v * 10 + (*p - '0');
  }
  return v;
}

int main() {
  const int n = parseCount("n=1500");
  if (n != 1500 || parseCount("N=12x") != -1) { printf("FAIL: option parsing\n"); return 1; }
  if (time(NULL) <= 0) { printf("FAIL: time()\n"); return 1; }
  clock_t hostStart = clock();
  srand(2024u);  // fixed seed: deterministic data
  Record *h = (Record *)malloc(n * sizeof(Record));
  for (int i = 0; i < n; ++i) {
    h[i].key = rand() % 1000 - 500;
    for (int k = 0; k < 7; ++k) h[i].samples[k] = rand() % 1000 - 500;
  }
  Record *d;
  int *dscore, *score = (int *)malloc(n * sizeof(int)), *ref = (int *)malloc(n * sizeof(int));
  long long *dticks, *ticks = (long long *)malloc(n * sizeof(long long));
  CUDA_CHECK(cudaMalloc(&d, n * sizeof(Record)));
  CUDA_CHECK(cudaMalloc(&dscore, n * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dticks, n * sizeof(long long)));
  CUDA_CHECK(cudaMemcpy(d, h, n * sizeof(Record), cudaMemcpyHostToDevice));
  scoreRecords<<<(n + 127) / 128, 128>>>(d, dscore, dticks, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(score, dscore, n * sizeof(int), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(ticks, dticks, n * sizeof(long long), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    ref[i] = 0;
    for (int k = 0; k < 7; ++k) ref[i] += abs(h[i].samples[k] - h[i].key);
    if (score[i] != ref[i]) { printf("FAIL: score[%d] = %d expected %d\n", i, score[i], ref[i]); return 1; }
    if (ticks[i] < 0) { printf("FAIL: device clock() went backwards\n"); return 1; }
  }
  // Rank check: sorting both score lists with qsort must give the same order.
  qsort(score, n, sizeof(int), cmpInt);
  qsort(ref, n, sizeof(int), cmpInt);
  if (memcmp(score, ref, n * sizeof(int)) != 0 || score[0] > score[n - 1]) {
    printf("FAIL: qsort\n");
    return 1;
  }
  if (clock() < hostStart) { printf("FAIL: host clock()\n"); return 1; }
  CUDA_CHECK(cudaFree(d)); CUDA_CHECK(cudaFree(dscore)); CUDA_CHECK(cudaFree(dticks));
  free(h); free(score); free(ref); free(ticks);
  printf("PASS\n");
  return 0;
}
