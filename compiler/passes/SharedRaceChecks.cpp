//===- SharedRaceChecks.cpp - racecheck: shared-memory hazards ------------===//
//
// Part of Tongxin. Under `txcc --check=racecheck`, every plain load and
// store of __shared__ memory (an address from __tx_shared_base()) tells the
// runtime which thread touched which bytes (runtime/check/RaceCheck.cpp).
// Two threads of a block touching the same byte between the same two
// barriers, one of them writing, is a hazard: on a GPU its result depends
// on the order the threads happen to run in. The barrier intervals are
// counted by the block function (WorkItemLoops calls
// __tx_racecheck_interval() at its start and at every cut).
//
// Atomics are not hazards (nor the plain accesses LocalizeSharedAtomics
// made of them). The pipeline leaves out, under this check, the passes that
// add cuts or speculate shared loads for speed: they would hide hazards or
// invent them.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"
#include "DeviceIR.h"
#include "TongxinPasses.h"
#include "tongxin/check_abi.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicsNVPTX.h"

using namespace llvm;
using namespace tx;

#define DEBUG_TYPE "tx-racecheck"

/// A plain access to __shared__ memory: the pointer, the bytes, and
/// whether it writes.
static bool sharedAccess(Instruction &I, Value *&Pointer, Type *&Accessed,
                         bool &Writes) {
  if (I.hasMetadata(LocalizedAtomicMetadata))
    return false;
  if (auto *L = dyn_cast<LoadInst>(&I)) {
    if (L->isAtomic())
      return false;
    Pointer = L->getPointerOperand();
    Accessed = L->getType();
    Writes = false;
  } else if (auto *S = dyn_cast<StoreInst>(&I)) {
    if (S->isAtomic())
      return false;
    Pointer = S->getPointerOperand();
    Accessed = S->getValueOperand()->getType();
    Writes = true;
  } else {
    return false;
  }
  return isSharedBaseCall(getUnderlyingObject(Pointer, /*MaxLookup=*/0));
}

/// threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z),
/// read where the access is (WorkItemLoops turns the reads into its loop
/// counters). Passed to the runtime rather than read there from the block
/// context, which the block function does not keep up to date.
static Value *linearThreadIndex(IRBuilder<> &B) {
  auto Read = [&](Intrinsic::ID Id) { return B.CreateIntrinsic(Id, {}, {}); };
  Value *X = Read(Intrinsic::nvvm_read_ptx_sreg_tid_x);
  Value *Y = Read(Intrinsic::nvvm_read_ptx_sreg_tid_y);
  Value *Z = Read(Intrinsic::nvvm_read_ptx_sreg_tid_z);
  Value *DimX = Read(Intrinsic::nvvm_read_ptx_sreg_ntid_x);
  Value *DimY = Read(Intrinsic::nvvm_read_ptx_sreg_ntid_y);
  return B.CreateAdd(X,
                     B.CreateMul(DimX, B.CreateAdd(Y, B.CreateMul(DimY, Z))));
}

/// The bits a store of at most 8 bytes writes (zero for a load or a wider
/// store): two threads writing the same value is no hazard.
static Value *storedBits(IRBuilder<> &B, Instruction &I, const DataLayout &DL) {
  auto *S = dyn_cast<StoreInst>(&I);
  Value *V = S ? S->getValueOperand() : nullptr;
  if (!V || DL.getTypeStoreSize(V->getType()).getFixedValue() > 8 ||
      V->getType()->isAggregateType())
    return B.getInt64(0);
  unsigned Bits = DL.getTypeSizeInBits(V->getType()).getFixedValue();
  if (V->getType()->isPtrOrPtrVectorTy())
    V = B.CreatePtrToInt(V, B.getIntNTy(Bits));
  else if (!V->getType()->isIntegerTy())
    V = B.CreateBitCast(V, B.getIntNTy(Bits));
  return B.CreateZExtOrTrunc(V, B.getInt64Ty());
}

PreservedAnalyses SharedRaceChecksPass::run(Module &M,
                                            ModuleAnalysisManager &) {
  LLVMContext &C = M.getContext();
  const DataLayout &DL = M.getDataLayout();
  CheckSites Sites(M);
  FunctionCallee Access = M.getOrInsertFunction(
      "__tx_racecheck_access", Type::getVoidTy(C), PointerType::getUnqual(C),
      PointerType::getUnqual(C), Type::getInt64Ty(C), Type::getInt32Ty(C),
      Type::getInt64Ty(C));
  bool HasCode = false;
  for (Function &F : M) {
    if (F.isDeclaration() || F.getName().starts_with("__tx_"))
      continue;
    HasCode = true;
    SmallVector<Instruction *, 16> Accesses;
    for (Instruction &I : instructions(F)) {
      Value *Pointer;
      Type *Accessed;
      bool Writes;
      if (sharedAccess(I, Pointer, Accessed, Writes))
        Accesses.push_back(&I);
    }
    for (Instruction *I : Accesses) {
      Value *Pointer;
      Type *Accessed;
      bool Writes;
      sharedAccess(*I, Pointer, Accessed, Writes);
      uint32_t Flags = (Writes ? TX_CHECK_WRITE : TX_CHECK_READ) |
                       (TX_CHECK_SPACE_SHARED << TX_CHECK_SPACE_SHIFT);
      GlobalVariable *Site = Sites.siteFor(*I, Flags, 1);
      IRBuilder<> B(I);
      B.CreateCall(Access,
                   {Site, Pointer,
                    B.getInt64(DL.getTypeStoreSize(Accessed).getFixedValue()),
                    linearThreadIndex(B), storedBits(B, *I, DL)});
    }
  }
  if (!HasCode)
    return PreservedAnalyses::all();
  // Announce the check (banner, hazards and summary at exit), also for a
  // module without shared memory: the run still ends with its summary.
  announceCheckTool(M, "racecheck");
  return PreservedAnalyses::none();
}
