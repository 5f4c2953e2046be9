//===- LowerDeviceCalls.cpp - CUDA device ABI calls to CPU runtime calls --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// clang's CUDA device IR calls a few things that only mean something on an
// NVIDIA GPU: the vprintf ABI behind printf, __assertfail, llvm.trap, memory
// barriers, clock registers (%globaltimer from the system's clock), lane and
// warp ids. This pass maps each to a Tongxin runtime service (tongxin/abi.h)
// or to plain IR, and reports any other NVVM intrinsic, any inline PTX left
// untranslated, and device-side kernel launches as unsupported rather than
// letting them miscompile (or crash the CPU code generator). Thread-index reads
// and barriers are left for WorkItemLoops.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <utility>

using namespace llvm;

#define DEBUG_TYPE "tx-lower-device-calls"

/// Intrinsics that later passes lower (thread geometry and barriers).
static bool isLoweredLater(const CallInst &Call) {
  switch (Call.getCalledFunction()->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_tid_x:
  case Intrinsic::nvvm_read_ptx_sreg_tid_y:
  case Intrinsic::nvvm_read_ptx_sreg_tid_z:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_z:
  // Pointer tests read the running block's shared memory window
  // (ThreadStateAccess).
  case Intrinsic::nvvm_isspacep_shared:
  case Intrinsic::nvvm_isspacep_shared_cluster:
  case Intrinsic::nvvm_isspacep_global:
  case Intrinsic::nvvm_isspacep_const:
  case Intrinsic::nvvm_isspacep_local:
    return true;
  default:
    // LowerWarpMatrix runs after the inliner, so that it sees a warp's
    // products side by side; it reports the forms it does not know.
    return tx::isBarrier(Call) ||
           Call.getCalledFunction()->getName().starts_with("llvm.nvvm.wmma.");
  }
}

/// The values a read of the thread or block geometry can give, [Lo, Hi),
/// under CUDA's limits (which the runtime enforces at launch): knowing
/// threadIdx.x >= 0 lets InstCombine write an `int` lane `t % 32` as
/// `t & 31` and `t / 32` as a shift, which the lane and warp analyses know.
static std::optional<std::pair<uint64_t, uint64_t>>
geometryRange(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::nvvm_read_ptx_sreg_tid_x:
  case Intrinsic::nvvm_read_ptx_sreg_tid_y:
    return std::make_pair(0, 1024);
  case Intrinsic::nvvm_read_ptx_sreg_tid_z:
    return std::make_pair(0, 64);
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
    return std::make_pair(1, 1025);
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
    return std::make_pair(1, 65);
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
    return std::make_pair(0, 0x7fffffff);
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
    return std::make_pair(0, 0xffff);
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
    return std::make_pair(1, 0x80000000);
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_z:
    return std::make_pair(1, 0x10000);
  default:
    return std::nullopt;
  }
}

static void annotateGeometryRange(CallInst &Call) {
  auto Range = geometryRange(Call.getCalledFunction()->getIntrinsicID());
  if (!Range || Call.getMetadata(LLVMContext::MD_range))
    return;
  Type *Ty = Call.getType();
  MDBuilder MDB(Call.getContext());
  Call.setMetadata(
      LLVMContext::MD_range,
      MDB.createRange(APInt(Ty->getIntegerBitWidth(), Range->first),
                      APInt(Ty->getIntegerBitWidth(), Range->second)));
}

/// Returns the replacement value for Call (or null if it only had to be
/// deleted), and sets Handled when Call was recognised.
static Value *lowerIntrinsic(CallInst &Call, bool &Handled) {
  Module &M = *Call.getModule();
  IRBuilder<> B(&Call);
  Handled = true;
  switch (Call.getCalledFunction()->getIntrinsicID()) {
  case Intrinsic::nvvm_membar_cta:
  case Intrinsic::nvvm_membar_gl:
  case Intrinsic::nvvm_membar_sys:
    B.CreateFence(AtomicOrdering::SequentiallyConsistent);
    return nullptr;
  case Intrinsic::nvvm_read_ptx_sreg_clock64:
    return B.CreateIntrinsic(Intrinsic::readcyclecounter, {}, {});
  case Intrinsic::nvvm_read_ptx_sreg_clock:
    return B.CreateTrunc(B.CreateIntrinsic(Intrinsic::readcyclecounter, {}, {}),
                         B.getInt32Ty());
  case Intrinsic::nvvm_read_ptx_sreg_globaltimer:
    return B.CreateCall(
        M.getOrInsertFunction("__tx_globaltimer", B.getInt64Ty()));
  case Intrinsic::nvvm_read_ptx_sreg_laneid:
    return B.CreateAnd(tx::emitLinearThreadId(B, M), 31);
  case Intrinsic::nvvm_read_ptx_sreg_warpid:
    return B.CreateLShr(tx::emitLinearThreadId(B, M), 5);
  case Intrinsic::nvvm_read_ptx_sreg_warpsize:
    return B.getInt32(32);
  case Intrinsic::trap: {
    FunctionCallee Trap =
        M.getOrInsertFunction("__tx_trap", B.getVoidTy(), B.getPtrTy());
    B.CreateCall(Trap,
                 {B.CreateGlobalStringPtr("__trap() called in device code")});
    return nullptr;
  }
  default:
    Handled = false;
    return nullptr;
  }
}

/// Renames a CUDA ABI function to the Tongxin service with the same
/// signature.
static void redirect(Module &M, StringRef From, StringRef To) {
  Function *F = M.getFunction(From);
  if (!F || !F->isDeclaration())
    return;
  if (Function *Existing = M.getFunction(To)) {
    F->replaceAllUsesWith(Existing);
    F->eraseFromParent();
    return;
  }
  F->setName(To);
}

/// Inline assembly in device code is PTX, which no CPU can run;
/// TranslateInlinePTX, which runs first, leaves none. This catches any that
/// reach the pass otherwise. An empty one (`asm volatile("" ::: "memory")`,
/// a compiler barrier) is harmless and stays.
static void reportInlinePTX(Module &M) {
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      auto *Call = dyn_cast<CallInst>(&I);
      auto *Asm =
          Call ? dyn_cast<InlineAsm>(Call->getCalledOperand()) : nullptr;
      if (!Asm || StringRef(Asm->getAsmString()).trim().empty())
        continue;
      F.getContext().diagnose(DiagnosticInfoUnsupported(
          F,
          "inline PTX assembly ('" +
              StringRef(Asm->getAsmString()).trim().take_until([](char C) {
                return C == '\n' || C == ';';
              }) +
              "') is not supported on the CPU backend",
          Call->getDebugLoc()));
    }
}

/// Dynamic parallelism's device-side API (cudaLaunchDevice and friends) is
/// declared for CCCL's sources to parse; kernels cannot launch kernels on
/// the CPU backend.
static void reportDeviceLaunches(Module &M) {
  for (const char *Name : {"cudaGetParameterBuffer", "cudaGetParameterBufferV2",
                           "cudaLaunchDevice", "cudaLaunchDeviceV2",
                           "__cudaDeviceSynchronizeDeprecationAvoidance"}) {
    Function *F = M.getFunction(Name);
    if (!F || !F->isDeclaration())
      continue;
    for (User *U : F->users())
      if (auto *Call = dyn_cast<CallBase>(U))
        Call->getContext().diagnose(DiagnosticInfoUnsupported(
            *Call->getFunction(),
            Twine("'") + Name +
                "' (a kernel launch from device code, dynamic parallelism) "
                "is not supported on the CPU backend",
            Call->getDebugLoc()));
  }
}

PreservedAnalyses tx::LowerDeviceCallsPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  reportInlinePTX(M);
  reportDeviceLaunches(M);
  redirect(M, "vprintf", "__tx_vprintf");
  SmallVector<CallInst *, 16> Calls;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (Function *Callee = Call->getCalledFunction())
          if (Callee->getName().starts_with("llvm.nvvm.") ||
              Callee->getIntrinsicID() == Intrinsic::trap)
            Calls.push_back(Call);

  for (CallInst *Call : Calls) {
    if (isLoweredLater(*Call)) {
      annotateGeometryRange(*Call);
      continue;
    }
    bool Handled;
    Value *New = lowerIntrinsic(*Call, Handled);
    if (!Handled) {
      Function &F = *Call->getFunction();
      F.getContext().diagnose(DiagnosticInfoUnsupported(
          F,
          "CUDA device intrinsic '" + Call->getCalledFunction()->getName() +
              "' is not supported on the CPU backend",
          Call->getDebugLoc()));
      continue;
    }
    if (New)
      Call->replaceAllUsesWith(New);
    Call->eraseFromParent();
  }
  for (Function &F : make_early_inc_range(M))
    if (F.isDeclaration() && F.use_empty() &&
        (F.getName().starts_with("llvm.nvvm.") ||
         F.getIntrinsicID() == Intrinsic::trap))
      F.eraseFromParent();
  return PreservedAnalyses::none();
}
