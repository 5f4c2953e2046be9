//===- ThreadStateAccess.cpp - Thread geometry outside kernels ------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Device functions that stay out of line (recursive ones, those called
// through pointers) still read threadIdx, blockIdx, ... and shared memory.
// They find them in the running block's TxBlockContext, which the runtime
// publishes in the TLS variable __tx_current_block; block functions store the
// current thread index there before such calls. The pointer tests
// (__isShared(), __isGlobal(), ...) read the block's shared memory window
// there too, in kernels as well.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "tongxin/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

#include <cstddef>
#include <optional>

using namespace llvm;

#define DEBUG_TYPE "tx-thread-state"

/// Byte offset in TxBlockContext of the field an intrinsic reads.
static std::optional<size_t> fieldOffset(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::nvvm_read_ptx_sreg_tid_x:
    return offsetof(TxBlockContext, ThreadIdx);
  case Intrinsic::nvvm_read_ptx_sreg_tid_y:
    return offsetof(TxBlockContext, ThreadIdx) + 4;
  case Intrinsic::nvvm_read_ptx_sreg_tid_z:
    return offsetof(TxBlockContext, ThreadIdx) + 8;
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
    return offsetof(TxBlockContext, BlockIdx);
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
    return offsetof(TxBlockContext, BlockIdx) + 4;
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
    return offsetof(TxBlockContext, BlockIdx) + 8;
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
    return offsetof(TxBlockContext, BlockDim);
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
    return offsetof(TxBlockContext, BlockDim) + 4;
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
    return offsetof(TxBlockContext, BlockDim) + 8;
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
    return offsetof(TxBlockContext, GridDim);
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
    return offsetof(TxBlockContext, GridDim) + 4;
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_z:
    return offsetof(TxBlockContext, GridDim) + 8;
  default:
    return std::nullopt;
  }
}

static GlobalVariable *getCurrentBlockVariable(Module &M) {
  if (GlobalVariable *G = M.getNamedGlobal(tx::CurrentBlockName))
    return G;
  auto *G = new GlobalVariable(M, PointerType::getUnqual(M.getContext()), false,
                               GlobalValue::ExternalLinkage, nullptr,
                               tx::CurrentBlockName, nullptr,
                               GlobalValue::InitialExecTLSModel);
  return G;
}

/// The state space a pointer test (`isspacep`) asks about, if I is one.
static std::optional<Intrinsic::ID> spaceTest(const Function &Callee) {
  switch (Intrinsic::ID ID = Callee.getIntrinsicID()) {
  case Intrinsic::nvvm_isspacep_shared:
  case Intrinsic::nvvm_isspacep_shared_cluster:
  case Intrinsic::nvvm_isspacep_global:
  case Intrinsic::nvvm_isspacep_const:
  case Intrinsic::nvvm_isspacep_local:
    return ID;
  default:
    return std::nullopt;
  }
}

/// __isShared() and friends on a CPU: a pointer is shared if it points into
/// the running block's shared memory (a cluster is one block), global if
/// not; __constant__ variables and a thread's locals are ordinary memory
/// the pointer tests cannot tell apart, so they answer false for them
/// (atomics that skip locals stay correct on them).
static void lowerSpaceTest(CallInst &Call, Intrinsic::ID Space,
                           GlobalVariable *Current) {
  IRBuilder<> B(&Call);
  Value *InSpace = B.getFalse();
  if (Space != Intrinsic::nvvm_isspacep_const &&
      Space != Intrinsic::nvvm_isspacep_local) {
    Value *Ctx = B.CreateAlignedLoad(B.getPtrTy(), Current, Align(8), "blk");
    Value *Base = B.CreateAlignedLoad(
        B.getPtrTy(),
        B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx,
                                     offsetof(TxBlockContext, SharedMem)),
        Align(8));
    Value *Bytes = B.CreateAlignedLoad(
        B.getInt32Ty(),
        B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx,
                                     offsetof(TxBlockContext, SharedBytes)),
        Align(4));
    Value *Offset =
        B.CreateSub(B.CreatePtrToInt(Call.getArgOperand(0), B.getInt64Ty()),
                    B.CreatePtrToInt(Base, B.getInt64Ty()));
    InSpace = B.CreateICmpULT(Offset, B.CreateZExt(Bytes, B.getInt64Ty()),
                              "in.shared");
    if (Space == Intrinsic::nvvm_isspacep_global)
      InSpace = B.CreateNot(InSpace, "in.global");
  }
  Call.replaceAllUsesWith(InSpace);
  Call.eraseFromParent();
}

PreservedAnalyses tx::ThreadStateAccessPass::run(Module &M,
                                                 ModuleAnalysisManager &) {
  SmallVector<std::pair<CallInst *, size_t>, 16> Reads;
  SmallVector<std::pair<CallInst *, Intrinsic::ID>, 4> SpaceTests;
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      auto *Call = dyn_cast<CallInst>(&I);
      Function *Callee = Call ? Call->getCalledFunction() : nullptr;
      if (!Callee)
        continue;
      if (std::optional<Intrinsic::ID> Space = spaceTest(*Callee))
        SpaceTests.push_back({Call, *Space});
      else if (Callee->getName() == SharedBaseName)
        Reads.push_back({Call, offsetof(TxBlockContext, SharedMem)});
      else if (std::optional<size_t> Off =
                   fieldOffset(Callee->getIntrinsicID()))
        Reads.push_back({Call, *Off});
    }
  if (Reads.empty() && SpaceTests.empty())
    return PreservedAnalyses::all();

  GlobalVariable *Current = getCurrentBlockVariable(M);
  for (auto [Call, Space] : SpaceTests)
    lowerSpaceTest(*Call, Space, Current);
  for (auto [Call, Offset] : Reads) {
    IRBuilder<> B(Call);
    Value *Ctx = B.CreateAlignedLoad(B.getPtrTy(), Current, Align(8), "blk");
    Value *Field = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx, Offset);
    Call->replaceAllUsesWith(
        B.CreateAlignedLoad(Call->getType(), Field, Align(4)));
    Call->eraseFromParent();
  }
  if (Function *Base = M.getFunction(SharedBaseName))
    if (Base->use_empty())
      Base->eraseFromParent();
  return PreservedAnalyses::none();
}
