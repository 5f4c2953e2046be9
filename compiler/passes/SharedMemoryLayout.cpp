//===- SharedMemoryLayout.cpp - Place __shared__ variables in block memory ===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Blocks run concurrently on different worker threads, so a __shared__
// variable cannot be a global: it is an offset into the shared memory the
// runtime hands each block (TxBlockContext::SharedMem). Static variables are
// packed module-wide; every `extern __shared__` array starts at the dynamic
// offset after them, as in CUDA where they all alias the launch's dynamic
// shared memory. Uses become __tx_shared_base() + offset, and the sizes go to
// !tx.shared = !{i64 StaticBytes, i64 DynamicOffset}.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"

using namespace llvm;

#define DEBUG_TYPE "tx-shared-layout"

STATISTIC(NumSharedVars, "__shared__ variables placed");

/// Dynamic shared memory starts at this alignment, the largest any CUDA type
/// needs.
static constexpr uint64_t DynamicAlignment = 16;

static bool isDynamicShared(const GlobalVariable &G, const DataLayout &DL) {
  return G.isDeclaration() || DL.getTypeAllocSize(G.getValueType()) == 0;
}

static void rewriteUses(GlobalVariable &G, uint64_t Offset) {
  Module &M = *G.getParent();
  LLVMContext &C = M.getContext();
  FunctionCallee Base = M.getOrInsertFunction(
      tx::SharedBaseName,
      FunctionType::get(PointerType::getUnqual(C), false));
  if (auto *BaseFn = dyn_cast<Function>(Base.getCallee())) {
    BaseFn->setDoesNotAccessMemory();
    BaseFn->setDoesNotThrow();
    BaseFn->setWillReturn();
    BaseFn->setSpeculatable();
  }

  convertUsersOfConstantsToInstructions({&G});
  DenseMap<Function *, Value *> AddressIn;
  SmallVector<Use *, 16> Uses;
  for (Use &U : G.uses())
    Uses.push_back(&U);
  for (Use *U : Uses) {
    auto *I = dyn_cast<Instruction>(U->getUser());
    if (!I)
      continue; // Only metadata-like globals (llvm.used) can refer here.
    Function *F = I->getFunction();
    Value *&Addr = AddressIn[F];
    if (!Addr) {
      IRBuilder<> B(&*F->getEntryBlock().getFirstInsertionPt());
      Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), B.CreateCall(Base),
                                          Offset, G.getName());
    }
    if (auto *Cast = dyn_cast<AddrSpaceCastInst>(I);
        Cast && Cast->getDestAddressSpace() == tx::GenericAS) {
      Cast->replaceAllUsesWith(Addr);
      Cast->eraseFromParent();
      continue;
    }
    Instruction *InsertAt = I;
    if (auto *Phi = dyn_cast<PHINode>(I))
      InsertAt = Phi->getIncomingBlock(*U)->getTerminator();
    U->set(new AddrSpaceCastInst(Addr, G.getType(), "", InsertAt));
  }
}

PreservedAnalyses tx::SharedMemoryLayoutPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  const DataLayout &DL = M.getDataLayout();
  SmallVector<GlobalVariable *, 16> Static, Dynamic;
  for (GlobalVariable &G : M.globals()) {
    if (G.getAddressSpace() != SharedAS)
      continue;
    (isDynamicShared(G, DL) ? Dynamic : Static).push_back(&G);
  }

  uint64_t Offset = 0;
  SmallVector<std::pair<GlobalVariable *, uint64_t>, 16> Placement;
  for (GlobalVariable *G : Static) {
    uint64_t Alignment = std::max<uint64_t>(
        G->getAlign().valueOrOne().value(),
        DL.getABITypeAlign(G->getValueType()).value());
    Offset = alignTo(Offset, Alignment);
    Placement.push_back({G, Offset});
    Offset += DL.getTypeAllocSize(G->getValueType());
  }
  uint64_t StaticBytes = Offset;
  uint64_t DynamicOffset = alignTo(StaticBytes, DynamicAlignment);
  for (GlobalVariable *G : Dynamic)
    Placement.push_back({G, DynamicOffset});

  for (auto [G, At] : Placement) {
    ++NumSharedVars;
    rewriteUses(*G, At);
    G->replaceAllUsesWith(PoisonValue::get(G->getType()));
    G->eraseFromParent();
  }

  LLVMContext &C = M.getContext();
  Type *I64 = Type::getInt64Ty(C);
  NamedMDNode *MD = M.getOrInsertNamedMetadata("tx.shared");
  MD->clearOperands();
  MD->addOperand(MDNode::get(
      C, {ConstantAsMetadata::get(ConstantInt::get(I64, StaticBytes)),
          ConstantAsMetadata::get(ConstantInt::get(I64, DynamicOffset))}));
  return Placement.empty() ? PreservedAnalyses::all()
                           : PreservedAnalyses::none();
}
