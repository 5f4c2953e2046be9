// Thrust's vectorised binary searches on a sorted device_vector, from the
// real Thrust headers: lower_bound, upper_bound and binary_search for a
// whole vector of needles at once (each needle's search runs as one device
// thread), with the default ordering and with thrust::greater over a
// descending haystack. Checked against std::lower_bound, std::upper_bound
// and std::binary_search on the host.
#include <thrust/binary_search.h>
#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/host_vector.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

int main() {
  const int N = 20000, Needles = 3001;
  std::vector<int> Haystack(N), Probe(Needles);
  for (int I = 0; I < N; ++I)
    Haystack[I] = (I / 3) * 5; // runs of three equal values, gaps between
  for (int I = 0; I < Needles; ++I)
    Probe[I] = (I * 97) % (N * 2) - 50; // below, inside, between, above
  thrust::device_vector<int> DHay(Haystack.begin(), Haystack.end());
  thrust::device_vector<int> DProbe(Probe.begin(), Probe.end());
  thrust::device_vector<int> Positions(Needles);
  thrust::device_vector<bool> Found(Needles);

  thrust::lower_bound(DHay.begin(), DHay.end(), DProbe.begin(), DProbe.end(),
                      Positions.begin());
  thrust::host_vector<int> Lower = Positions;
  thrust::upper_bound(DHay.begin(), DHay.end(), DProbe.begin(), DProbe.end(),
                      Positions.begin());
  thrust::host_vector<int> Upper = Positions;
  thrust::binary_search(DHay.begin(), DHay.end(), DProbe.begin(), DProbe.end(),
                        Found.begin());
  thrust::host_vector<bool> Present = Found;
  bool LowerOk = true, UpperOk = true, FoundOk = true;
  for (int I = 0; I < Needles; ++I) {
    int P = Probe[I];
    LowerOk &=
        Lower[I] == std::lower_bound(Haystack.begin(), Haystack.end(), P) -
                        Haystack.begin();
    UpperOk &=
        Upper[I] == std::upper_bound(Haystack.begin(), Haystack.end(), P) -
                        Haystack.begin();
    FoundOk &=
        Present[I] == std::binary_search(Haystack.begin(), Haystack.end(), P);
  }
  expect(LowerOk, "lower_bound");
  expect(UpperOk, "upper_bound");
  expect(FoundOk, "binary_search");

  // A descending haystack searched with thrust::greater.
  std::vector<int> Descending(Haystack.rbegin(), Haystack.rend());
  thrust::device_vector<int> DDesc(Descending.begin(), Descending.end());
  thrust::lower_bound(DDesc.begin(), DDesc.end(), DProbe.begin(), DProbe.end(),
                      Positions.begin(), thrust::greater<int>());
  thrust::host_vector<int> DescLower = Positions;
  bool DescOk = true;
  for (int I = 0; I < Needles; ++I)
    DescOk &=
        DescLower[I] == std::lower_bound(Descending.begin(), Descending.end(),
                                         Probe[I], std::greater<int>()) -
                            Descending.begin();
  expect(DescOk, "lower_bound with thrust::greater");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
