//===- curand_mtgp32.h - cuRAND MTGP32 types ------------------ -*- CUDA
//-*-===//
//
// Part of Tongxin. The types of cuRAND's MTGP32 generator (Saito and
// Matsumoto's Mersenne Twister for Graphic Processors, exponent 11213):
// a parameter set as MTGP publishes it (mtgp32_params_fast_t), the
// parameter tables a kernel reads (mtgp32_kernel_params_t, made by
// curandMakeMTGP32Constants) and the state one thread block shares
// (curandStateMtgp32_t: a ring of 1024 words, made by
// curandMakeMTGP32KernelState). Field names and sizes as in CUDA, so that
// arrays of them keep their size. The device functions are in
// curand_mtgp32_kernel.h, the host ones in curand_mtgp32_host.h and the
// 200 parameter sets in curand_mtgp32dc_p_11213.h.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_MTGP32_H
#define TONGXIN_CURAND_MTGP32_H

#define MTGPDC_MEXP 11213
#define MTGPDC_N 351 // words of state the recursion reads
#define MTGPDC_FLOOR_2P 256
#define MTGPDC_CEIL_2P 512
#define MTGPDC_PARAM_TABLE mtgp32dc_params_fast_11213
#define MTGP32_STATE_SIZE 1024
#define MTGP32_STATE_MASK 1023
#define CURAND_NUM_MTGP32_PARAMS 200

/// One MTGP32 parameter set, as MTGP's mtgp32-fast.h lays it out.
struct mtgp32_params_fast {
  int mexp;
  int pos;
  int sh1;
  int sh2;
  unsigned int tbl[16];
  unsigned int tmp_tbl[16];
  unsigned int flt_tmp_tbl[16];
  unsigned int mask;
  unsigned char poly_sha1[21];
};
typedef struct mtgp32_params_fast mtgp32_params_fast_t;

/// The parameter sets as the kernels read them, one row per set.
struct mtgp32_kernel_params {
  unsigned int pos_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int param_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int temper_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int single_temper_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int sh1_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int sh2_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int mask[1];
};
typedef struct mtgp32_kernel_params mtgp32_kernel_params_t;

/// One thread block's generator: word i of its sequence is s[i & 1023]
/// while i is within reach of offset; pIdx selects the parameter set in k.
struct curandStateMtgp32 {
  unsigned int s[MTGP32_STATE_SIZE];
  int offset;
  int pIdx;
  mtgp32_kernel_params_t *k;
};
typedef struct curandStateMtgp32 curandStateMtgp32_t;

#endif // TONGXIN_CURAND_MTGP32_H
