//===- ThreadLoopMetadata.cpp - What LLVM may assume of thread loops ------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// tells LLVM what it cannot prove about the thread loops: that a block's
// threads carry no dependence through plain accesses (the loops' parallel
// access groups), that the scratch slots of demoted values overlap nothing
// else (alias scopes), and how a loop is interleaved or kept rolled until
// the vectoriser has seen it.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "KernelLowering.h"
#include "TongxinPasses.h"

#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace tx::workitems;

/// A load or store that is neither atomic nor volatile.
static bool isPlainAccess(const Instruction &I) {
  if (const auto *Load = dyn_cast<LoadInst>(&I))
    return Load->isUnordered();
  const auto *Store = dyn_cast<StoreInst>(&I);
  return Store && Store->isUnordered();
}

/// Threads of a block run concurrently in CUDA: between two barriers, an
/// access of one thread is ordered with another thread's only through
/// atomics (anything else is a race, whose outcome CUDA leaves open). So
/// the program's plain loads and stores carry no dependence from one thread
/// to the next, and a thread loop made only of them may run its threads in
/// any order or all at once: the vectoriser needs neither runtime alias
/// checks (which made narrow blocks, 32 threads or fewer a row, run scalar)
/// nor proofs. Tagged: plain accesses to memory threads share. Not: atomics
/// and volatile accesses, LocalizeSharedAtomics's plain accesses (threads
/// meet there), and accesses to the kernel's allocas, which every thread
/// of a loop reuses (in a kernel where an alloca's address escapes, none).
/// Accesses the lowering adds are not tagged, so a thread loop holding any
/// (a thread's saved values, a lane exchange, its state) is not declared
/// parallel.
void KernelLowering::tagThreadParallelAccesses() {
  for (Instruction &I : instructions(Kernel))
    if (auto *Alloca = dyn_cast<AllocaInst>(&I);
        Alloca && PointerMayBeCaptured(Alloca, /*ReturnCaptures=*/true,
                                       /*StoreCaptures=*/true))
      return;
  MDNode *Group = MDNode::getDistinct(C, {});
  for (Instruction &I : instructions(Kernel)) {
    if (!isPlainAccess(I) || I.hasMetadata(tx::LocalizedAtomicMetadata))
      continue;
    SmallVector<const Value *, 4> Objects;
    getUnderlyingObjects(getLoadStorePointerOperand(&I), Objects,
                         /*LI=*/nullptr, /*MaxLookup=*/0);
    if (any_of(Objects, [](const Value *V) { return isa<AllocaInst>(V); }))
      continue;
    I.setMetadata(LLVMContext::MD_access_group, Group);
  }
  ThreadParallelAccesses = Group;
}

/// A kernel with barriers keeps each thread's allocas and saved values in
/// a slot of its own (OwnSlots: the thread's slot pointers in a region):
/// a thread's plain accesses there meet no other thread's, so they join the
/// program's accesses in the thread loop's access group. A lane exchange
/// reads other lanes' slots through the slot bases instead and stays out.
void KernelLowering::tagOwnSlotAccesses(
    ArrayRef<BasicBlock *> Blocks, const SmallPtrSetImpl<Value *> &OwnSlots) {
  if (!ThreadParallelAccesses || OwnSlots.empty())
    return;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (!isPlainAccess(I))
        continue;
      Value *Ptr = getLoadStorePointerOperand(&I);
      while (!OwnSlots.contains(Ptr))
        if (auto *GEP = dyn_cast<GetElementPtrInst>(Ptr))
          Ptr = GEP->getPointerOperand();
        else
          break;
      if (OwnSlots.contains(Ptr))
        I.setMetadata(LLVMContext::MD_access_group, ThreadParallelAccesses);
    }
}

/// Whether a thread loop whose body runs Blocks is made only of the tagged
/// accesses (see tagThreadParallelAccesses) and calls that touch no
/// memory: one the vectoriser can take as parallel.
bool KernelLowering::onlyParallelAccesses(ArrayRef<BasicBlock *> Blocks) const {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (!I.mayReadOrWriteMemory())
        continue;
      if (!isPlainAccess(I) ||
          I.getMetadata(LLVMContext::MD_access_group) != ThreadParallelAccesses)
        return false;
    }
  return true;
}

/// Thread loops of a fixed width up to this many threads are kept from
/// being unrolled before the vectoriser sees them (see
/// keepRolledUntilVectorised).
static constexpr unsigned MaxUnrolledWidth = 64;

/// Adds to a loop's properties (Ops) that it is not unrolled until
/// vectorised. With its trip count a constant, a thread loop of a few dozen
/// threads is otherwise unrolled completely before the loop vectoriser
/// runs, and the SLP vectoriser makes little of the copies (a padded 32x32
/// transpose whose tile is read along columns: stores one lane at a time,
/// 2x slower than the general block function). Once vectorised, the loop
/// and its remainder may be unrolled again.
static void keepRolledUntilVectorised(LLVMContext &C,
                                      SmallVectorImpl<Metadata *> &Ops) {
  Ops.push_back(MDNode::get(C, MDString::get(C, "llvm.loop.unroll.disable")));
  Metadata *Vectorised[] = {
      MDString::get(C, "llvm.loop.isvectorized"),
      ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(C), 1))};
  Metadata *Followup[] = {MDString::get(C, "llvm.loop.vectorize.followup_all"),
                          MDNode::get(C, Vectorised)};
  Ops.push_back(MDNode::get(C, Followup));
}

/// A row of the fixed width takes fewer than two vectors of floats of the
/// block function's "prefer-vector-width" (PreferVectorWidth.cpp; 16
/// threads at 512 bits): interleaved twice, the vector body would need more
/// threads than the row has and never run. Without the attribute (other
/// targets, or x86-64 tuned by LLVM) rows are interleaved as they were.
bool KernelLowering::rowFillsOneRound() const {
  Attribute Width = Block->getFnAttribute("prefer-vector-width");
  unsigned Bits = 0;
  if (!FixedWidth || !Width.isStringAttribute() ||
      Width.getValueAsString().getAsInteger(0, Bits) || Bits < 32)
    return false;
  return FixedWidth < 2 * (Bits / 32);
}

/// Thread loop bodies of more instructions than this are left to the
/// vectoriser's own interleaving (once, for a body that large): a kernel of
/// a hundred intrinsics stored side by side (`int_simd_intrinsics`, 1,841
/// instructions) interleaved twice had twice the vector code, 1.5x its
/// code generation time. The benchmarks' largest body has 816.
static constexpr unsigned MaxInterleavedBody = 1000;

static bool isLargeBody(ArrayRef<BasicBlock *> Body) {
  unsigned Size = 0;
  for (BasicBlock *BB : Body)
    Size += BB->size();
  return Size > MaxInterleavedBody;
}

/// Declares the thread loop whose latch is Latch parallel over the tagged
/// accesses (see tagThreadParallelAccesses); LLVM takes it as such only if
/// every access in the loop is tagged. Where the region's own code (Body)
/// is all such accesses, so that the loop vectorises, it is also
/// interleaved twice: the vectoriser's own choice is 1 (jacobi, with rows
/// of 32 threads, then ran ~1.8x slower) or 4 for small bodies, with
/// which a row needs 32 threads before the vector body runs at all, and
/// 2-D blocks are often 16 wide (tiles, stencils); not a large body
/// (MaxInterleavedBody). Not elsewhere: a loop
/// that does not vectorise would be interleaved as scalar code, doubling
/// compile time for kernels heavy in collectives. For the same reason its
/// latch already keeps it from being unrolled by a run-time trip count
/// (keepFromRuntimeUnrolling; cg_reduce_scan's device code compiled in
/// 2.0 s instead of 3.5 s, the benchmarks ran as fast). Returns whether
/// Body is all tagged accesses.
bool KernelLowering::markThreadLoopParallel(BasicBlock *Latch,
                                            ArrayRef<BasicBlock *> Body) {
  // Without tagged accesses (a kernel whose alloca's address escapes) the
  // loop is not parallel and seldom vectorises: LLVM may unroll it whole.
  if (!ThreadParallelAccesses)
    return false;
  Metadata *Parallel[] = {MDString::get(C, "llvm.loop.parallel_accesses"),
                          ThreadParallelAccesses};
  SmallVector<Metadata *, 4> Ops = {MDNode::get(C, Parallel)};
  bool BodyParallel = onlyParallelAccesses(Body);
  if (BodyParallel && !rowFillsOneRound() && !isLargeBody(Body)) {
    Metadata *Twice[] = {
        MDString::get(C, "llvm.loop.interleave.count"),
        ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(C), 2))};
    Ops.push_back(MDNode::get(C, Twice));
  }
  if (FixedWidth && FixedWidth <= MaxUnrolledWidth)
    keepRolledUntilVectorised(C, Ops);
  // After the properties its latch has (not unrolled by run-time counts).
  tx::addLoopProperties(cast<BranchInst>(Latch->getTerminator()), Ops);
  return BodyParallel;
}

/// Scratch slots of demoted values (and the state, exchange and mask
/// arrays) are only ever accessed directly, and never overlap each other or
/// any other memory. Alias scopes say so; without them every store to one
/// slot would force the other slots (and shared memory) to be reloaded, and
/// the thread loops would not vectorise.
void KernelLowering::addSlotAliasScopes() {
  DenseMap<Value *, unsigned> ScopeOfBase;
  for (unsigned Idx = 0; Idx < BV.SlotBases.size(); ++Idx)
    if (Idx >= Allocas.size() || DemotedSlots.contains(Allocas[Idx]))
      ScopeOfBase[BV.SlotBases[Idx]] = ScopeOfBase.size();
  if (ScopeOfBase.empty())
    return;

  MDBuilder MDB(C);
  MDNode *Domain = MDB.createAnonymousAliasScopeDomain(Block->getName());
  SmallVector<Metadata *, 8> Scopes;
  for (unsigned Idx = 0; Idx < ScopeOfBase.size(); ++Idx)
    Scopes.push_back(MDB.createAnonymousAliasScope(Domain));
  MDNode *AllScopes = MDNode::get(C, Scopes);
  SmallVector<MDNode *, 8> AllButOne;
  for (unsigned Idx = 0; Idx < Scopes.size(); ++Idx) {
    SmallVector<Metadata *, 8> Others;
    for (unsigned J = 0; J < Scopes.size(); ++J)
      if (J != Idx)
        Others.push_back(Scopes[J]);
    AllButOne.push_back(MDNode::get(C, Others));
  }

  auto ScopeOf = [&](Value *Ptr) -> int {
    while (true) {
      auto It = ScopeOfBase.find(Ptr);
      if (It != ScopeOfBase.end())
        return It->second;
      auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
      if (!GEP)
        return -1;
      Ptr = GEP->getPointerOperand();
    }
  };
  for (Instruction &I : instructions(*Block)) {
    Value *Ptr = getLoadStorePointerOperand(&I);
    if (!Ptr) {
      if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
        Ptr = RMW->getPointerOperand();
      else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(&I))
        Ptr = CAS->getPointerOperand();
      else
        continue;
    }
    int Scope = ScopeOf(Ptr);
    if (Scope < 0) {
      I.setMetadata(LLVMContext::MD_noalias, AllScopes);
      continue;
    }
    I.setMetadata(LLVMContext::MD_alias_scope, MDNode::get(C, {Scopes[Scope]}));
    I.setMetadata(LLVMContext::MD_noalias, AllButOne[Scope]);
  }
}
