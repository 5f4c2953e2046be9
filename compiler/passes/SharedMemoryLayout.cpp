//===- SharedMemoryLayout.cpp - Place __shared__ variables in block memory ===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Blocks run concurrently on different worker threads, so a __shared__
// variable cannot be a global: it is an offset into the shared memory the
// runtime hands each block (TxBlockContext::SharedMem). It runs after the
// barrier functions were inlined, so nearly every use sits in a kernel body:
// each kernel packs just the static variables it uses, and its `extern
// __shared__` arrays all start at the dynamic offset after them, as in CUDA
// where they alias the launch's dynamic shared memory. Variables still used
// by out-of-line functions get one common offset, ahead of every kernel's
// own. Uses become __tx_shared_base() + offset; each kernel gets
// !tx.shared = !{i64 StaticBytes, i64 DynamicOffset}.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
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

static Function *getSharedBase(Module &M) {
  LLVMContext &C = M.getContext();
  FunctionCallee Base = M.getOrInsertFunction(
      tx::SharedBaseName, FunctionType::get(PointerType::getUnqual(C), false));
  auto *BaseFn = cast<Function>(Base.getCallee());
  BaseFn->setDoesNotAccessMemory();
  BaseFn->setDoesNotThrow();
  BaseFn->setWillReturn();
  BaseFn->setSpeculatable();
  return BaseFn;
}

/// Rewrites the uses of G inside one function to SharedBase + Offset.
static void rewriteUsesIn(Function &F, GlobalVariable &G, uint64_t Offset) {
  Function *Base = getSharedBase(*F.getParent());
  SmallVector<Use *, 16> Uses;
  for (Use &U : G.uses())
    if (auto *I = dyn_cast<Instruction>(U.getUser());
        I && I->getFunction() == &F)
      Uses.push_back(&U);
  if (Uses.empty())
    return;
  IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
  Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), B.CreateCall(Base),
                                             Offset, G.getName());
  for (Use *U : Uses) {
    auto *I = cast<Instruction>(U->getUser());
    if (auto *Cast = dyn_cast<AddrSpaceCastInst>(I);
        Cast && Cast->getDestAddressSpace() == tx::GenericAS) {
      Cast->replaceAllUsesWith(Addr);
      Cast->eraseFromParent();
      continue;
    }
    U->set(new AddrSpaceCastInst(Addr, G.getType(), "",
                                 tx::insertionPointFor(*U)));
  }
}

namespace {
/// Assigns offsets in one shared-memory area.
struct Packer {
  const DataLayout &DL;
  uint64_t End = 0;
  uint64_t place(const GlobalVariable &G) {
    uint64_t Alignment =
        std::max<uint64_t>(G.getAlign().valueOrOne().value(),
                           DL.getABITypeAlign(G.getValueType()).value());
    uint64_t Offset = alignTo(End, Alignment);
    End = Offset + DL.getTypeAllocSize(G.getValueType());
    return Offset;
  }
};
} // namespace

static MDNode *sizesNode(LLVMContext &C, uint64_t Static, uint64_t Dynamic) {
  Type *I64 = Type::getInt64Ty(C);
  return MDNode::get(C,
                     {ConstantAsMetadata::get(ConstantInt::get(I64, Static)),
                      ConstantAsMetadata::get(ConstantInt::get(I64, Dynamic))});
}

PreservedAnalyses tx::SharedMemoryLayoutPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  const DataLayout &DL = M.getDataLayout();
  SmallVector<GlobalVariable *, 16> Shared;
  for (GlobalVariable &G : M.globals())
    if (G.getAddressSpace() == SharedAS)
      Shared.push_back(&G);
  SmallVector<Function *, 8> Kernels = getKernels(M);
  SmallPtrSet<Function *, 8> KernelSet(Kernels.begin(), Kernels.end());

  // Which functions use which variables (after the casts around them became
  // instructions).
  MapVector<GlobalVariable *, SetVector<Function *>> UsersOf;
  for (GlobalVariable *G : Shared) {
    convertUsersOfConstantsToInstructions({G});
    for (User *U : G->users())
      if (auto *I = dyn_cast<Instruction>(U))
        UsersOf[G].insert(I->getFunction());
  }

  // Variables still used outside kernels (recursive device functions) need
  // one offset for every kernel: they go first, in a common area.
  Packer Common{DL};
  DenseMap<GlobalVariable *, uint64_t> CommonOffset;
  for (auto &[G, Users] : UsersOf)
    if (!isDynamicShared(*G, DL) &&
        any_of(Users, [&](Function *F) { return !KernelSet.contains(F); }))
      CommonOffset[G] = Common.place(*G);

  LLVMContext &C = M.getContext();
  uint64_t ModuleDynamic = alignTo(Common.End, DynamicAlignment);
  for (Function *K : Kernels) {
    Packer Own{DL, Common.End};
    for (auto &[G, Users] : UsersOf) {
      if (!Users.contains(K) || isDynamicShared(*G, DL))
        continue;
      auto It = CommonOffset.find(G);
      rewriteUsesIn(*K, *G,
                    It != CommonOffset.end() ? It->second : Own.place(*G));
      ++NumSharedVars;
    }
    uint64_t Dynamic = alignTo(Own.End, DynamicAlignment);
    for (auto &[G, Users] : UsersOf)
      if (Users.contains(K) && isDynamicShared(*G, DL))
        rewriteUsesIn(*K, *G, Dynamic);
    K->setMetadata("tx.shared", sizesNode(C, Own.End, Dynamic));
  }
  // Functions outside kernels see the common area, and dynamic shared memory
  // right after it.
  for (auto &[G, Users] : UsersOf)
    for (Function *F : Users)
      if (!KernelSet.contains(F))
        rewriteUsesIn(
            *F, *G, isDynamicShared(*G, DL) ? ModuleDynamic : CommonOffset[G]);

  for (GlobalVariable *G : Shared) {
    G->replaceAllUsesWith(PoisonValue::get(G->getType()));
    G->eraseFromParent();
  }
  return Shared.empty() ? PreservedAnalyses::all() : PreservedAnalyses::none();
}
