//===- MapServicesToCUDA.cpp - Tongxin device services on NVIDIA GPUs -----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Device code calls a few Tongxin services (tongxin/abi.h) that the CPU
// runtime implements. On an NVIDIA GPU the CUDA driver provides the same
// services under its own ABI; this pass maps one onto the other:
//   __tx_assert_fail(msg, file, line, func) -> __assertfail(..., charSize 1)
//   __tx_trap(reason)                        -> llvm.trap
//   operator new/new[] (_Znwm, _Znam)        -> malloc (device heap)
//   operator delete/delete[]                 -> free
//   __tx_grid_barrier()                      -> llvm.trap (grid-wide sync on
//     NVIDIA GPUs needs the driver's cooperative-launch support, which the
//     CUDA backend does not use yet: a GPU launch that reaches it fails)
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-map-services-cuda"

static bool replaceCalls(Module &M, StringRef Name,
                         function_ref<void(CallInst &, IRBuilder<> &)> Emit) {
  Function *F = M.getFunction(Name);
  if (!F)
    return false;
  for (User *U : make_early_inc_range(F->users()))
    if (auto *Call = dyn_cast<CallInst>(U)) {
      IRBuilder<> B(Call);
      Emit(*Call, B);
      Call->eraseFromParent();
    }
  if (F->use_empty())
    F->eraseFromParent();
  return true;
}

PreservedAnalyses tx::MapServicesToCUDAPass::run(Module &M,
                                                 ModuleAnalysisManager &) {
  LLVMContext &C = M.getContext();
  Type *Ptr = PointerType::getUnqual(C);
  bool Changed =
      replaceCalls(M, "__tx_assert_fail", [&](CallInst &Call, IRBuilder<> &B) {
        FunctionCallee AssertFail =
            M.getOrInsertFunction("__assertfail", B.getVoidTy(), Ptr, Ptr,
                                  B.getInt32Ty(), Ptr, B.getInt64Ty());
        B.CreateCall(AssertFail, {Call.getArgOperand(0), Call.getArgOperand(1),
                                  Call.getArgOperand(2), Call.getArgOperand(3),
                                  B.getInt64(1)});
      });
  Changed |= replaceCalls(M, "__tx_trap", [&](CallInst &, IRBuilder<> &B) {
    B.CreateIntrinsic(Intrinsic::trap, {}, {});
  });
  // The CUDA driver provides malloc/free on the device, not the C++
  // allocation functions.
  for (const char *Name : {"_Znwm", "_Znam"})
    Changed |= replaceCalls(M, Name, [&](CallInst &Call, IRBuilder<> &B) {
      FunctionCallee Malloc =
          M.getOrInsertFunction("malloc", Ptr, B.getInt64Ty());
      Call.replaceAllUsesWith(B.CreateCall(Malloc, {Call.getArgOperand(0)}));
    });
  for (const char *Name : {"_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm"})
    Changed |= replaceCalls(M, Name, [&](CallInst &Call, IRBuilder<> &B) {
      FunctionCallee Free = M.getOrInsertFunction("free", B.getVoidTy(), Ptr);
      B.CreateCall(Free, {Call.getArgOperand(0)});
    });
  Changed |=
      replaceCalls(M, "__tx_grid_barrier", [&](CallInst &, IRBuilder<> &B) {
        B.CreateIntrinsic(Intrinsic::trap, {}, {});
      });
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
