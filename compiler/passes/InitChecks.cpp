//===- InitChecks.cpp - initcheck: reads of memory never written ----------===//
//
// Part of Tongxin. Under `txcc --check=initcheck`, every load, store,
// atomic and memory intrinsic of device code whose object is not known at
// compile time tells the runtime which bytes it reads or writes
// (runtime/check/InitCheck.cpp). The runtime keeps, per device allocation,
// which bytes have been written since it was allocated, and reports a
// read of bytes never written: compute-sanitizer's initcheck. Accesses to
// a thread's local arrays, variables of the module (initialised, as C++
// statics are), __shared__ memory and by-value parameters are left alone.
// A read of memory the runtime does not track (managed or host memory)
// costs a lookup and is never reported.
//
// Runs just before WorkItemLoops, on the cleaned-up kernels, as memcheck.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"
#include "DeviceIR.h"
#include "TongxinPasses.h"
#include "tongxin/check_abi.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;
using namespace tx;

#define DEBUG_TYPE "tx-initcheck"

namespace {

/// One side of an access: Size bytes at Ptr, read or written before I.
struct Touch {
  Instruction *I;
  Value *Ptr;
  Value *Size;
  uint32_t Flags; ///< TX_CHECK_READ or TX_CHECK_WRITE, maybe TX_CHECK_ATOMIC.
};

} // namespace

/// Memory whose contents the runtime does not track or that is always
/// initialised: a local array, a variable of the module, __shared__
/// memory, a by-value parameter, or a warp's matrix exchange area.
static bool isUntrackedObject(const Value *Ptr) {
  const Value *Base = getUnderlyingObject(Ptr, /*MaxLookup=*/0);
  if (isa<AllocaInst>(Base) || isa<GlobalVariable>(Base) ||
      isSharedBaseCall(Base))
    return true;
  if (auto *Arg = dyn_cast<Argument>(Base))
    return Arg->hasByValAttr();
  return isWarpMatrixArea(Base);
}

static void collectTouches(Function &F, const DataLayout &DL,
                           SmallVectorImpl<Touch> &Out) {
  Type *I64 = Type::getInt64Ty(F.getContext());
  auto SizeOf = [&](Type *T) {
    return ConstantInt::get(I64, DL.getTypeStoreSize(T).getFixedValue());
  };
  for (Instruction &I : instructions(F)) {
    if (auto *L = dyn_cast<LoadInst>(&I)) {
      Out.push_back({L, L->getPointerOperand(), SizeOf(L->getType()),
                     TX_CHECK_READ | (L->isAtomic() ? TX_CHECK_ATOMIC : 0u)});
    } else if (auto *S = dyn_cast<StoreInst>(&I)) {
      Out.push_back({S, S->getPointerOperand(),
                     SizeOf(S->getValueOperand()->getType()), TX_CHECK_WRITE});
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
      Value *Size = SizeOf(RMW->getValOperand()->getType());
      Out.push_back({RMW, RMW->getPointerOperand(), Size,
                     TX_CHECK_READ | TX_CHECK_ATOMIC});
      Out.push_back({RMW, RMW->getPointerOperand(), Size, TX_CHECK_WRITE});
    } else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I)) {
      Value *Size = SizeOf(CX->getNewValOperand()->getType());
      Out.push_back(
          {CX, CX->getPointerOperand(), Size, TX_CHECK_READ | TX_CHECK_ATOMIC});
      Out.push_back({CX, CX->getPointerOperand(), Size, TX_CHECK_WRITE});
    } else if (auto *MI = dyn_cast<MemIntrinsic>(&I)) {
      Value *Len = MI->getLength();
      if (Len->getType() != I64)
        continue;
      if (auto *MT = dyn_cast<MemTransferInst>(MI))
        Out.push_back({MI, MT->getSource(), Len, TX_CHECK_READ});
      Out.push_back({MI, MI->getDest(), Len, TX_CHECK_WRITE});
    }
  }
  // Only memory device code addresses directly (address space 0 once
  // RetargetToCPU and GenericAddressSpaces have run). Texture and surface
  // reads are not checked; their writes (a surface write, a texture fetch
  // into an output argument) count.
  erase_if(Out, [](const Touch &T) {
    return T.Ptr->getType()->getPointerAddressSpace() != 0 ||
           ((T.Flags & TX_CHECK_READ) && isTextureSampling(*T.I)) ||
           isUntrackedObject(T.Ptr);
  });
}

PreservedAnalyses InitChecksPass::run(Module &M, ModuleAnalysisManager &) {
  LLVMContext &C = M.getContext();
  const DataLayout &DL = M.getDataLayout();
  CheckSites Sites(M);
  Type *Void = Type::getVoidTy(C), *I64 = Type::getInt64Ty(C);
  PointerType *Ptr = PointerType::getUnqual(C);
  FunctionCallee Read =
      M.getOrInsertFunction("__tx_initcheck_read", Void, Ptr, Ptr, I64);
  FunctionCallee Write =
      M.getOrInsertFunction("__tx_initcheck_write", Void, Ptr, I64);
  for (Function &F : M) {
    if (F.isDeclaration() || F.getName().starts_with("__tx_"))
      continue;
    SmallVector<Touch, 16> Touches;
    collectTouches(F, DL, Touches);
    for (const Touch &T : Touches) {
      IRBuilder<> B(T.I);
      if (T.Flags & TX_CHECK_READ)
        B.CreateCall(Read, {Sites.siteFor(*T.I, T.Flags, 1), T.Ptr, T.Size});
      else
        B.CreateCall(Write, {T.Ptr, T.Size});
    }
  }
  // Announce the check (banner, summary at exit; turns tracking on), also
  // for a translation unit without device code: its copies are checked.
  announceCheckTool(M, "initcheck");
  return PreservedAnalyses::none();
}
