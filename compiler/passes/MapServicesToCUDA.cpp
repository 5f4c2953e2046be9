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
//   __tx_grid_barrier()                      -> __tx_cuda_grid_sync(), a
//     grid-wide barrier on the workspace the driver gives a cooperative
//     launch (its address in %envreg1:%envreg2, the barrier word at offset
//     4, as CUDA's cooperative groups use it)
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
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

/// Reads PTX special register Reg (an llvm.nvvm.read.ptx.sreg intrinsic).
static Value *readRegister(IRBuilder<> &B, Intrinsic::ID Reg) {
  return B.CreateIntrinsic(Reg, {}, {});
}

/// The sum of three special registers (x + y + z).
static Value *sumOf(IRBuilder<> &B, Intrinsic::ID X, Intrinsic::ID Y,
                    Intrinsic::ID Z) {
  return B.CreateAdd(B.CreateAdd(readRegister(B, X), readRegister(B, Y)),
                     readRegister(B, Z));
}

/// Defines the grid barrier of a cooperative launch. Every block's first
/// thread adds to the driver's barrier word: block 0 adds 2^31 - (blocks -
/// 1), the others 1, so the word's top bit flips once all have arrived;
/// each waits for the flip. The word returns to its old low bits, ready
/// for the next barrier.
static Function *defineGridSync(Module &M) {
  LLVMContext &C = M.getContext();
  auto *Fn =
      Function::Create(FunctionType::get(Type::getVoidTy(C), false),
                       GlobalValue::InternalLinkage, "__tx_cuda_grid_sync", M);
  Fn->addFnAttr(Attribute::Convergent);
  Fn->addFnAttr(Attribute::NoInline);
  BasicBlock *Entry = BasicBlock::Create(C, "entry", Fn);
  BasicBlock *Arrive = BasicBlock::Create(C, "arrive", Fn);
  BasicBlock *Wait = BasicBlock::Create(C, "wait", Fn);
  BasicBlock *Arrived = BasicBlock::Create(C, "arrived", Fn);
  BasicBlock *Done = BasicBlock::Create(C, "done", Fn);
  IRBuilder<> B(Entry);
  B.CreateIntrinsic(Intrinsic::nvvm_barrier0, {}, {});
  Value *Thread = sumOf(B, Intrinsic::nvvm_read_ptx_sreg_tid_x,
                        Intrinsic::nvvm_read_ptx_sreg_tid_y,
                        Intrinsic::nvvm_read_ptx_sreg_tid_z);
  B.CreateCondBr(B.CreateICmpEQ(Thread, B.getInt32(0)), Arrive, Done);

  B.SetInsertPoint(Arrive);
  Value *Blocks = B.CreateMul(
      B.CreateMul(readRegister(B, Intrinsic::nvvm_read_ptx_sreg_nctaid_x),
                  readRegister(B, Intrinsic::nvvm_read_ptx_sreg_nctaid_y)),
      readRegister(B, Intrinsic::nvvm_read_ptx_sreg_nctaid_z));
  Value *Block = sumOf(B, Intrinsic::nvvm_read_ptx_sreg_ctaid_x,
                       Intrinsic::nvvm_read_ptx_sreg_ctaid_y,
                       Intrinsic::nvvm_read_ptx_sreg_ctaid_z);
  Value *FirstShare =
      B.CreateSub(B.getInt32(0x80000000u), B.CreateSub(Blocks, B.getInt32(1)));
  Value *Share = B.CreateSelect(B.CreateICmpEQ(Block, B.getInt32(0)),
                                FirstShare, B.getInt32(1));
  Value *Low = B.CreateZExt(
      readRegister(B, Intrinsic::nvvm_read_ptx_sreg_envreg2), B.getInt64Ty());
  Value *High = B.CreateZExt(
      readRegister(B, Intrinsic::nvvm_read_ptx_sreg_envreg1), B.getInt64Ty());
  Value *Workspace = B.CreateOr(B.CreateShl(High, 32), Low);
  Value *Word = B.CreateIntToPtr(B.CreateAdd(Workspace, B.getInt64(4)),
                                 PointerType::getUnqual(C));
  B.CreateIntrinsic(Intrinsic::nvvm_membar_gl, {}, {});
  Value *Old = B.CreateAtomicRMW(AtomicRMWInst::Add, Word, Share, Align(4),
                                 AtomicOrdering::Monotonic);
  B.CreateBr(Wait);

  B.SetInsertPoint(Wait);
  LoadInst *Now = B.CreateAlignedLoad(B.getInt32Ty(), Word, Align(4),
                                      /*isVolatile=*/true);
  Value *Flipped = B.CreateICmpNE(
      B.CreateAnd(B.CreateXor(Old, Now), B.getInt32(0x80000000u)),
      B.getInt32(0));
  B.CreateCondBr(Flipped, Arrived, Wait);

  B.SetInsertPoint(Arrived);
  B.CreateIntrinsic(Intrinsic::nvvm_membar_gl, {}, {});
  B.CreateBr(Done);

  B.SetInsertPoint(Done);
  B.CreateIntrinsic(Intrinsic::nvvm_barrier0, {}, {});
  B.CreateRetVoid();
  return Fn;
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
  Function *GridSync = nullptr;
  Changed |=
      replaceCalls(M, "__tx_grid_barrier", [&](CallInst &, IRBuilder<> &B) {
        if (!GridSync)
          GridSync = defineGridSync(M);
        B.CreateCall(GridSync)->addFnAttr(Attribute::Convergent);
      });
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
