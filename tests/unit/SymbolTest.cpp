//===- SymbolTest.cpp - Device variable (symbol) API tests ----------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>

using namespace txtest;

namespace {
class SymbolTest : public RuntimeTest {};
} // namespace

TEST_F(SymbolTest, CopyToAndFromSymbol) {
  int Values[16];
  for (int I = 0; I < 16; ++I)
    Values[I] = 100 + I;
  // The typed overload takes the shadow variable itself.
  ASSERT_EQ(cudaMemcpyToSymbol(DeviceArray, Values, sizeof(Values)),
            cudaSuccess);
  EXPECT_EQ(deviceArrayStorage()[15], 115);
  EXPECT_EQ(DeviceArray[15], 0) << "the host shadow is not the storage";

  int Back[4] = {};
  ASSERT_EQ(
      cudaMemcpyFromSymbol(Back, DeviceArray, sizeof(Back), 8 * sizeof(int)),
      cudaSuccess);
  EXPECT_EQ(Back[0], 108);
  EXPECT_EQ(Back[3], 111);

  // A kernel sees what the host wrote.
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, 16 * sizeof(int)), cudaSuccess);
  void *Args[] = {&Out};
  ASSERT_EQ(cudaLaunchKernel(&ReadVarStub, dim3(1), dim3(1), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(Out[5], 105);
  cudaFree(Out);

  float F = 2.5f;
  ASSERT_EQ(cudaMemcpyToSymbol(ConstantValue, &F, sizeof(F)), cudaSuccess);
  float G = 0;
  ASSERT_EQ(cudaMemcpyFromSymbol(&G, ConstantValue, sizeof(G)), cudaSuccess);
  EXPECT_EQ(G, 2.5f);
}

TEST_F(SymbolTest, AsyncCopies) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  int In = 77, Out = 0;
  ASSERT_EQ(cudaMemcpyToSymbolAsync(DeviceArray, &In, sizeof(In),
                                    4 * sizeof(int), cudaMemcpyHostToDevice, S),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyFromSymbolAsync(&Out, DeviceArray, sizeof(Out),
                                      4 * sizeof(int), cudaMemcpyDeviceToHost,
                                      S),
            cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Out, 77);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(SymbolTest, AddressAndSize) {
  void *Address = nullptr;
  ASSERT_EQ(cudaGetSymbolAddress(&Address, DeviceArray), cudaSuccess);
  EXPECT_EQ(Address, deviceArrayStorage());
  size_t Size = 0;
  ASSERT_EQ(cudaGetSymbolSize(&Size, DeviceArray), cudaSuccess);
  EXPECT_EQ(Size, sizeof(DeviceArray));
  // The address is a device pointer usable with ordinary copies.
  int Seven = 7;
  ASSERT_EQ(cudaMemcpy(Address, &Seven, sizeof(int), cudaMemcpyHostToDevice),
            cudaSuccess);
  EXPECT_EQ(deviceArrayStorage()[0], 7);
  EXPECT_EQ(cudaGetSymbolAddress(nullptr, DeviceArray), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetSymbolSize(nullptr, DeviceArray), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(SymbolTest, Errors) {
  int Buffer[32] = {};
  EXPECT_EQ(cudaMemcpyToSymbol(UnregisteredVariable, Buffer, 4),
            cudaErrorInvalidSymbol);
  EXPECT_EQ(cudaMemcpyToSymbol(nullptr, Buffer, 4), cudaErrorInvalidSymbol);
  void *Address;
  EXPECT_EQ(cudaGetSymbolAddress(&Address, UnregisteredVariable),
            cudaErrorInvalidSymbol);
  EXPECT_EQ(cudaMemcpyToSymbol(DeviceArray, Buffer, sizeof(DeviceArray) + 4),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpyToSymbol(DeviceArray, Buffer, 8, sizeof(DeviceArray) - 4),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpyFromSymbol(Buffer, DeviceArray, 4, size_t(-1)),
            cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaMemcpyToSymbol(DeviceArray, Buffer, 4, 0, cudaMemcpyDeviceToHost),
      cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(
      cudaMemcpyFromSymbol(Buffer, DeviceArray, 4, 0, cudaMemcpyHostToDevice),
      cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidMemcpyDirection);
}

TEST_F(SymbolTest, ManagedVariablePointsAtDeviceStorage) {
  // __cudaRegisterManagedVar patched the host's pointer to the storage.
  ASSERT_EQ(ManagedSlot, managedStorage());
  ManagedSlot[2] = 31;
  EXPECT_EQ(managedStorage()[2], 31);
  size_t Size = 0;
  ASSERT_EQ(cudaGetSymbolSize(&Size, ManagedSlot), cudaSuccess);
  EXPECT_EQ(Size, 4 * sizeof(int));
}
