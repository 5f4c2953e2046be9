//===- PortableKernel.cpp - One kernel compiled for every backend ---------===//
//
// Part of Tongxin. See PortableKernel.h.
//
//===----------------------------------------------------------------------===//

#include "PortableKernel.h"

#include "cuda_runtime.h"

#include <cstddef>
#include <cstring>
#include <mutex>

namespace txtest {

const char IotaStub = 0;
int CounterShadow[4];
static int CounterStorage[4];

static const char IotaPtx[] = R"(//
// Hand-written stand-in for llc -mtriple=nvptx64-nvidia-cuda output.
.version 7.0
.target sm_50
.address_size 64

.visible .global .align 4 .b8 Counter[16];

.visible .entry _Z4iotaPii(
	.param .u64 _Z4iotaPii_param_0,
	.param .u32 _Z4iotaPii_param_1
)
{
	.reg .pred 	%p<2>;
	.reg .b32 	%r<6>;
	.reg .b64 	%rd<5>;

	ld.param.u64 	%rd1, [_Z4iotaPii_param_0];
	ld.param.u32 	%r2, [_Z4iotaPii_param_1];
	mov.u32 	%r3, %ctaid.x;
	mov.u32 	%r4, %ntid.x;
	mov.u32 	%r5, %tid.x;
	mad.lo.s32 	%r1, %r3, %r4, %r5;
	setp.ge.s32 	%p1, %r1, %r2;
	@%p1 bra 	$L__BB0_2;
	cvta.to.global.u64 	%rd2, %rd1;
	mul.wide.s32 	%rd3, %r1, 4;
	add.s64 	%rd4, %rd2, %rd3;
	st.global.u32 	[%rd4], %r1;
$L__BB0_2:
	ret;
}
)";

const char *iotaPtx() { return IotaPtx; }

static void iotaBlock(void **Args, TxBlockContext *Ctx) {
  int *Out;
  int N;
  std::memcpy(&Out, Args[0], sizeof(Out));
  std::memcpy(&N, Args[1], sizeof(N));
  for (uint32_t T = 0; T < Ctx->BlockDim[0]; ++T) {
    int I = int(Ctx->BlockIdx[0] * Ctx->BlockDim[0] + T);
    if (I < N)
      Out[I] = I;
  }
}

static const uint32_t IotaSizes[] = {8, 4};
static const uint32_t IotaAligns[] = {8, 4};

static TxKernelRecord iotaRecord() {
  TxKernelRecord K;
  std::memset(&K, 0, sizeof(K));
  K.Name = IotaName;
  K.Run = iotaBlock;
  K.NumParams = 2;
  K.ParamSizes = IotaSizes;
  K.ParamAligns = IotaAligns;
  return K;
}

static const TxKernelRecord IotaKernels[] = {iotaRecord()};
static const TxVarRecord IotaVars[] = {
    {"Counter", CounterStorage, sizeof(CounterStorage), nullptr}};

static TxCpuModule cpuModule() {
  TxCpuModule M;
  std::memset(&M, 0, sizeof(M));
  M.AbiVersion = TX_ABI_VERSION;
  M.NumKernels = 1;
  M.TuId = "unit-portable-tu";
  M.Target = "host";
  M.Kernels = IotaKernels;
  M.NumVars = 1;
  M.Vars = IotaVars;
  return M;
}
static const TxCpuModule IotaCpuModule = cpuModule();

/// The blob layout of tongxin/abi.h: header, then per image a
/// TxImageHeader and its payload padded to 8 bytes.
struct PortableBlob {
  TxFatBinary Header;
  TxImageHeader CpuImage;
  TxImageHeader PtxImage;
  alignas(8) char Ptx[(sizeof(IotaPtx) + 7) & ~size_t(7)];
};

static PortableBlob makeBlob() {
  PortableBlob B;
  std::memset(&B, 0, sizeof(B));
  std::memcpy(B.Header.Magic, TX_FATBIN_MAGIC, 8);
  B.Header.AbiVersion = TX_ABI_VERSION;
  B.Header.NumImages = 2;
  B.Header.TotalBytes = sizeof(B);
  std::strncpy(B.Header.TuId, "unit-portable-tu", TX_TU_ID_SIZE - 1);
  B.CpuImage.Kind = TX_IMAGE_CPU;
  std::strncpy(B.CpuImage.Target, "host", sizeof(B.CpuImage.Target) - 1);
  B.PtxImage.Kind = TX_IMAGE_PTX;
  B.PtxImage.Size = sizeof(IotaPtx);
  std::strncpy(B.PtxImage.Target, "sm_50", sizeof(B.PtxImage.Target) - 1);
  std::memcpy(B.Ptx, IotaPtx, sizeof(IotaPtx));
  return B;
}
static_assert(offsetof(PortableBlob, Ptx) ==
                  sizeof(TxFatBinary) + 2 * sizeof(TxImageHeader),
              "the payload follows its header directly");

static PortableBlob Blob = makeBlob();

static const tx::hal::ModuleImage Images[] = {
    {TX_IMAGE_CPU, "host", nullptr, 0},
    {TX_IMAGE_PTX, "sm_50", Blob.Ptx, sizeof(IotaPtx)},
};

tx::hal::ModuleRef iotaModule() {
  tx::hal::ModuleRef Ref;
  Ref.TuId = "unit-portable-tu";
  Ref.Images = Images;
  Ref.NumImages = 2;
  Ref.CpuModule = &IotaCpuModule;
  return Ref;
}

tx::hal::ModuleRef iotaGpuOnlyModule() {
  tx::hal::ModuleRef Ref;
  Ref.TuId = "unit-portable-gpu-only-tu";
  Ref.Images = Images + 1;
  Ref.NumImages = 1;
  return Ref;
}

static void registerOnce() {
  static TxFatBinaryWrapper Wrapper = {0x466243b1, 1, &Blob, nullptr};
  void **Handle = __cudaRegisterFatBinary(&Wrapper);
  __cudaRegisterFunction(Handle, &IotaStub, const_cast<char *>(IotaName),
                         IotaName, -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);
  __cudaRegisterVar(Handle, reinterpret_cast<char *>(CounterShadow),
                    const_cast<char *>(CounterName), CounterName, 0,
                    sizeof(CounterShadow), 0, 0);
  __cudaRegisterFatBinaryEnd(Handle);
  __tx_register_cpu_module(&IotaCpuModule);
}

void registerPortableKernel() {
  static std::once_flag Once;
  std::call_once(Once, registerOnce);
}

} // namespace txtest
