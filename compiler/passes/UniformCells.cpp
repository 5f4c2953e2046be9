//===- UniformCells.cpp - Block-uniform values across cuts ----------------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// carries values every thread computes identically (a barrier loop's
// counter, a tile index) from one region to the next.
//
// Such a value lives in a scratch slot like any value that crosses a cut,
// but while the block runs in step its threads would all store the same
// value into slots of their own: a tree reduction's `stride >>= 1` cost a
// store per thread in every round. Instead, in step, a region keeps the
// value in one cell, the first thread's slot, which every thread reads and
// writes; a flag per slot (CellCurrent) says the other threads' copies are
// stale. A region that runs out of step first copies the cell to every
// thread's slot and clears the flag; a region in step whose first thread
// is not thread 0 first fills the cell from the slot of its first thread.
//
//===----------------------------------------------------------------------===//

#include "KernelLowering.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/PatternMatch.h"

using namespace llvm;
using namespace llvm::PatternMatch;
using namespace tx::workitems;

#define DEBUG_TYPE "tx-workitem-loops"

STATISTIC(NumCellRegions, "Uniform slots kept in one cell in a region");

/// Finds the accesses of a uniform slot (SlotPtr, a thread's slot) in a
/// region's clones, and which loads read the value the slot had when the
/// region was entered: those no store of this region can precede.
static void classifyLoads(Value *SlotPtr, BasicBlock *Body,
                          const SmallPtrSetImpl<BasicBlock *> &InRegion,
                          UniformSlotUse &SlotUse) {
  SmallPtrSet<BasicBlock *, 4> StoreBlocks;
  SmallVector<LoadInst *, 4> Loads;
  for (User *U : SlotPtr->users()) {
    auto *I = cast<Instruction>(U);
    if (!InRegion.contains(I->getParent()))
      continue;
    if (auto *Load = dyn_cast<LoadInst>(I))
      Loads.push_back(Load);
    else
      StoreBlocks.insert(I->getParent()); // stores (and anything else)
  }
  SlotUse.Accessed = !Loads.empty() || !StoreBlocks.empty();
  // Blocks a store of this thread may have run before (one step or more
  // after a store block, within the region).
  SmallPtrSet<BasicBlock *, 16> AfterStore;
  SmallVector<BasicBlock *, 16> Work;
  for (BasicBlock *BB : StoreBlocks)
    append_range(Work, successors(BB));
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    if (!InRegion.contains(BB) || !AfterStore.insert(BB).second)
      continue;
    append_range(Work, successors(BB));
  }
  // Loads reachable from the region's entry without passing a store.
  SmallPtrSet<LoadInst *, 4> FromEntry;
  SmallPtrSet<BasicBlock *, 16> Seen;
  Work = {Body};
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    if (!InRegion.contains(BB) || !Seen.insert(BB).second)
      continue;
    bool Stored = false;
    for (Instruction &I : *BB) {
      if (!is_contained(I.operands(), SlotPtr))
        continue;
      if (auto *Load = dyn_cast<LoadInst>(&I)) {
        FromEntry.insert(Load);
        continue;
      }
      Stored = true;
      break;
    }
    if (!Stored)
      append_range(Work, successors(BB));
  }
  for (LoadInst *Load : Loads) {
    bool StoreBefore = false;
    for (Instruction *I = Load->getPrevNode(); I && !StoreBefore;
         I = I->getPrevNode())
      StoreBefore = !isa<LoadInst>(I) && is_contained(I->operands(), SlotPtr);
    if (!AfterStore.contains(Load->getParent()) && !StoreBefore)
      SlotUse.EntryReads.push_back(Load);
    else if (FromEntry.contains(Load))
      // Sees this thread's store on one path and the entry value on
      // another: in one cell, it could see another thread's store.
      SlotUse.InCell = false;
  }
}

/// The uniform slots a region's clones access, and whether, in step, they
/// can live in the cell there: a load that reads either the entry value or
/// this thread's store, depending on the path, cannot.
SmallVector<UniformSlotUse, 4>
KernelLowering::uniformSlotUses(ArrayRef<BasicBlock *> Clones,
                                ValueToValueMapTy &VMap, BasicBlock *Body) {
  SmallVector<UniformSlotUse, 4> Uses;
  SmallPtrSet<BasicBlock *, 16> InRegion(Clones.begin(), Clones.end());
  for (unsigned Idx = 0; Idx < Allocas.size(); ++Idx) {
    if (!UniformSlots.contains(Allocas[Idx]))
      continue;
    Value *SlotPtr = VMap.lookup(Allocas[Idx]);
    if (!SlotPtr)
      continue;
    UniformSlotUse SlotUse{Idx, SlotPtr};
    classifyLoads(SlotPtr, Body, InRegion, SlotUse);
    if (SlotUse.Accessed)
      Uses.push_back(std::move(SlotUse));
  }
  return Uses;
}

/// Allocates each uniform slot's CellCurrent flag. Every thread starts in
/// region 0, in step: the flag starts set where region 0 keeps the slot in
/// its cell.
void KernelLowering::createCellFlags(IRBuilder<> &B) {
  CellCurrent.assign(Allocas.size(), nullptr);
  for (unsigned Idx = 0; Idx < Allocas.size(); ++Idx) {
    if (!UniformSlots.contains(Allocas[Idx]))
      continue;
    CellCurrent[Idx] = B.CreateAlloca(
        B.getInt1Ty(), nullptr, Allocas[Idx]->getName() + ".cell.current");
    B.CreateStore(B.getFalse(), CellCurrent[Idx]);
  }
}

/// The value the first thread the region runs had in uniform slot Idx at
/// the region's entry: the cell's if it is current, else that thread's.
Value *KernelLowering::cellOnEntry(IRBuilder<> &Pre, unsigned Idx) {
  Value *From = BV.SlotBases[Idx]; // the cell, and thread 0's slot
  if (!match(RegionFirst, m_Zero())) {
    Value *First = Pre.CreateInBoundsGEP(
        Pre.getInt8Ty(), From,
        Pre.CreateMul(RegionFirst, Pre.getInt64(Slots[Idx].Stride)));
    From = Pre.CreateSelect(Pre.CreateLoad(Pre.getInt1Ty(), CellCurrent[Idx]),
                            From, First);
  }
  return Pre.CreateLoad(Allocas[Idx]->getAllocatedType(), From,
                        Allocas[Idx]->getName() + ".uniform");
}

/// In a region, the reads of a uniform value that still see the value
/// every thread had at the region's entry: when all threads are in step,
/// that value is read once before the loops (cellOnEntry), so that it is
/// loop-invariant (the loop bounds and addresses it feeds become
/// analysable and the loop vectorises). Out of step, the per-thread load
/// stays; versionOnStep separates the two cases.
void KernelLowering::readUniformSlotsOnce(SmallVectorImpl<UniformSlotUse> &Uses,
                                          IRBuilder<> &Pre, Value *InStep) {
  for (UniformSlotUse &SlotUse : Uses) {
    SlotUse.OnEntry = cellOnEntry(Pre, SlotUse.Idx);
    for (LoadInst *Load : SlotUse.EntryReads) {
      auto *Select = SelectInst::Create(InStep, SlotUse.OnEntry, Load, "",
                                        Load->getNextNode());
      Load->replaceUsesWithIf(Select,
                              [&](Use &U) { return U.getUser() != Select; });
    }
  }
}

/// In code that runs with every thread in step (region 0, or the in-step
/// version of a later region), the slots that can be kept in their cells
/// are read and written there; for region 0, FlagsAt sets their flags.
void KernelLowering::keepSlotsInCells(ArrayRef<UniformSlotUse> Uses,
                                      IRBuilder<> *FlagsAt) {
  for (const UniformSlotUse &SlotUse : Uses) {
    // Region 0 runs in blocks of any shape as if in step.
    if (!SlotUse.InCell ||
        (FlagsAt && LaneUniformSlots.contains(Allocas[SlotUse.Idx])))
      continue;
    ++NumCellRegions;
    SlotUse.ThreadSlot->replaceAllUsesWith(BV.SlotBases[SlotUse.Idx]);
    if (FlagsAt)
      FlagsAt->CreateStore(FlagsAt->getTrue(), CellCurrent[SlotUse.Idx]);
  }
}

/// Copies uniform slot Idx's cell to every other thread's slot if the cell
/// is current, and marks the slots current. Leaves B after the copy.
void KernelLowering::spreadCell(IRBuilder<> &B, unsigned Idx) {
  Type *Ty = Allocas[Idx]->getAllocatedType();
  Value *Current =
      B.CreateAnd(B.CreateLoad(B.getInt1Ty(), CellCurrent[Idx]),
                  B.CreateICmpUGT(BV.ThreadsPerBlock, B.getInt64(1)));
  BasicBlock *Here = B.GetInsertBlock();
  std::string Name = (Allocas[Idx]->getName() + ".spread").str();
  auto *Loop = BasicBlock::Create(C, Name, Block);
  auto *Done = BasicBlock::Create(C, Name + ".done", Block);
  Value *Cell = BV.SlotBases[Idx];
  Value *CellValue = B.CreateLoad(Ty, Cell, Name + ".value");
  B.CreateCondBr(Current, Loop, Done);

  IRBuilder<> L(Loop);
  PHINode *T = L.CreatePHI(L.getInt64Ty(), 2, Name + ".thread");
  T->addIncoming(L.getInt64(1), Here); // thread 0's slot is the cell
  L.CreateStore(CellValue, L.CreateInBoundsGEP(
                               L.getInt8Ty(), Cell,
                               L.CreateMul(T, L.getInt64(Slots[Idx].Stride), "",
                                           true, true)));
  Value *Next = L.CreateAdd(T, L.getInt64(1), "", true, true);
  T->addIncoming(Next, Loop);
  // A spread runs only when threads leave step: vectorised (a vector loop,
  // its remainder and their checks), the spreads of a kernel full of
  // barriers made a third of its machine code.
  tx::keepScalarAndRolled(
      L.CreateCondBr(L.CreateICmpULT(Next, BV.ThreadsPerBlock), Loop, Done));

  B.SetInsertPoint(Done);
  B.CreateStore(B.getFalse(), CellCurrent[Idx]);
}

/// The entry of a region's in-step version: it fills the cells it keeps
/// slots in and uses them; every other slot the region accesses goes back
/// to the threads' own slots. Returns the block for Entered to go to
/// instead of InStepHead.
BasicBlock *KernelLowering::enterCellsInStep(ArrayRef<UniformSlotUse> Uses,
                                             BasicBlock *Entered,
                                             BasicBlock *InStepHead) {
  if (Uses.empty())
    return InStepHead;
  auto *InStepEntry =
      BasicBlock::Create(C, InStepHead->getName() + ".cells", Block);
  IRBuilder<> F(InStepEntry);
  for (const UniformSlotUse &SlotUse : Uses) {
    if (!SlotUse.InCell) {
      spreadCell(F, SlotUse.Idx);
      continue;
    }
    F.CreateStore(SlotUse.OnEntry, BV.SlotBases[SlotUse.Idx]);
    F.CreateStore(F.getTrue(), CellCurrent[SlotUse.Idx]);
  }
  F.CreateBr(InStepHead);
  InStepHead->replacePhiUsesWith(Entered, F.GetInsertBlock());
  keepSlotsInCells(Uses, nullptr);
  return InStepEntry;
}

/// The entries of a region's two versions (see versionOnStep): the in-step
/// one's (enterCellsInStep), and the general one's, where every slot goes
/// back to the threads' own slots. Returns the blocks for Entered to go to
/// instead of InStepHead and GeneralHead.
std::pair<BasicBlock *, BasicBlock *>
KernelLowering::enterCells(ArrayRef<UniformSlotUse> Uses, BasicBlock *Entered,
                           BasicBlock *InStepHead, BasicBlock *GeneralHead) {
  if (Uses.empty())
    return {InStepHead, GeneralHead};
  BasicBlock *InStepEntry = enterCellsInStep(Uses, Entered, InStepHead);
  auto *GeneralEntry =
      BasicBlock::Create(C, GeneralHead->getName() + ".slots", Block);
  IRBuilder<> G(GeneralEntry);
  for (const UniformSlotUse &SlotUse : Uses)
    spreadCell(G, SlotUse.Idx);
  G.CreateBr(GeneralHead);
  GeneralHead->replacePhiUsesWith(Entered, G.GetInsertBlock());
  return {InStepEntry, GeneralEntry};
}
