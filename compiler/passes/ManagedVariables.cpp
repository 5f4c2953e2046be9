//===- ManagedVariables.cpp - One object for host and device code ---------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A __managed__ variable is one object that host and device code both use.
// tongxin/host_defines.h makes it a __device__ variable in the section
// "__tx_managed"; clang then gives the host a shadow of the same name, which
// host code reads and writes directly. That shadow is the object: device
// code reaches the variable through a pointer slot (<name>.managed), which
// the runtime aims at the host shadow when it joins the host's registration
// with this module. The variable's own device storage stays as the slot's
// initial target, and as what the registration table names.
//
// On a GPU (the PTX path) the slot is named __tx_managed_<name>, and the
// CUDA backend aims it at the host shadow mapped into the GPU's address
// space (cuMemHostRegister), which makes the shadow the one object there too.
//
// The slot follows the variable's linkage, so `extern __managed__` in
// another translation unit (-rdc) loads the same slot. The slot only
// changes before the first launch, so its loads are invariant. Host code of
// other translation units needs the host shadow itself, which clang makes
// internal without -fgpu-rdc: the externally visible ones are listed in
// !tx.managed.exports, and txcc makes their host symbols global.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"

using namespace llvm;

#define DEBUG_TYPE "tx-managed-vars"

/// The section tongxin/host_defines.h puts __managed__ variables in: unlike
/// an annotation, it marks declarations (extern __managed__) too.
static constexpr StringLiteral ManagedSection = "__tx_managed";

/// The globals marked as managed, taken out of the marker section.
static SmallVector<GlobalVariable *, 4> takeManagedGlobals(Module &M) {
  SmallVector<GlobalVariable *, 4> Managed;
  for (GlobalVariable &G : M.globals()) {
    if (G.getSection() != ManagedSection)
      continue;
    G.setSection("");
    Managed.push_back(&G);
  }
  return Managed;
}

/// The slot of G: a generic pointer, in G's address space. On a GPU its
/// name is one the CUDA driver can look up (no '.' in PTX names), and it is
/// always visible, since the runtime looks it up in every module.
static GlobalVariable *createSlot(GlobalVariable &G, bool ForGPU) {
  Module &M = *G.getParent();
  auto *Ptr = PointerType::get(M.getContext(), tx::GenericAS);
  Constant *Target = nullptr;
  if (!G.isDeclaration())
    Target = ConstantExpr::getPointerBitCastOrAddrSpaceCast(&G, Ptr);
  GlobalValue::LinkageTypes Linkage = G.getLinkage();
  if (ForGPU && G.hasLocalLinkage())
    Linkage = GlobalValue::ExternalLinkage;
  auto *Slot = new GlobalVariable(
      M, Ptr, /*isConstant=*/false, Linkage, Target,
      ForGPU ? "__tx_managed_" + G.getName() : G.getName() + ".managed",
      nullptr, GlobalValue::NotThreadLocal, G.getAddressSpace());
  if (!ForGPU) {
    Slot->setVisibility(G.getVisibility());
    Slot->setDSOLocal(G.isDSOLocal());
  }
  return Slot;
}

/// True for the lists that only keep globals alive (llvm.used, clang's
/// -fgpu-rdc list of used externs).
static bool isBookkeepingList(const User *U) {
  auto *List = dyn_cast<GlobalVariable>(U);
  return List && (List->getName() == "llvm.used" ||
                  List->getName() == "llvm.compiler.used" ||
                  List->getName() == "__clang_gpu_used_external");
}

/// Whether a constant use of G only sits in Slot's initializer or in the
/// bookkeeping lists. Otherwise Stuck names the device variable holding it,
/// when one is found.
static bool isHarmlessConstantUse(const User *U, const GlobalVariable &Slot,
                                  const GlobalVariable *&Stuck) {
  if (U == &Slot || isBookkeepingList(U))
    return true;
  if (auto *Holder = dyn_cast<GlobalVariable>(U)) {
    Stuck = Holder;
    return false;
  }
  if (!isa<Constant>(U))
    return false;
  return all_of(U->users(), [&](const User *V) {
    return isHarmlessConstantUse(V, Slot, Stuck);
  });
}

/// Points every instruction use of G at the slot's target, loaded once at
/// the entry of each function. Returns false if a device variable's
/// initializer (Stuck, when known) still holds G's address: it cannot
/// follow.
static bool loadThroughSlot(GlobalVariable &G, GlobalVariable &Slot,
                            const GlobalVariable *&Stuck) {
  convertUsersOfConstantsToInstructions({&G});
  MapVector<Function *, Value *> Addresses;
  bool AllRewritten = true;
  for (Use &U : make_early_inc_range(G.uses())) {
    auto *I = dyn_cast<Instruction>(U.getUser());
    if (!I) {
      AllRewritten &= isHarmlessConstantUse(U.getUser(), Slot, Stuck);
      continue;
    }
    Function &F = *I->getFunction();
    Value *&Address = Addresses[&F];
    if (!Address) {
      IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
      LoadInst *Load =
          B.CreateLoad(Slot.getValueType(), &Slot, G.getName() + ".addr");
      Load->setMetadata(LLVMContext::MD_invariant_load,
                        MDNode::get(F.getContext(), {}));
      // Back into G's address space (NVPTX's global space on a GPU).
      Address = B.CreateAddrSpaceCast(Load, G.getType());
    }
    U.set(Address);
  }
  return AllRewritten;
}

PreservedAnalyses tx::ManagedVariablesPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  SmallVector<GlobalVariable *, 4> Managed = takeManagedGlobals(M);
  if (Managed.empty())
    return PreservedAnalyses::all();
  LLVMContext &C = M.getContext();
  NamedMDNode *Exports = nullptr;
  for (GlobalVariable *G : Managed) {
    GlobalVariable *Slot = createSlot(*G, ForGPU);
    const GlobalVariable *Stuck = nullptr;
    if (!loadThroughSlot(*G, *Slot, Stuck))
      C.emitError("the address of __managed__ variable '" + G->getName() +
                  "' initialises device variable '" +
                  (Stuck ? Stuck->getName() : StringRef("?")) +
                  "': not supported by Tongxin");
    // A GPU module needs no table: the runtime finds slots by name.
    if (ForGPU || G->isDeclaration())
      continue;
    // Published under its name even with internal linkage: the host
    // registers every __managed__ variable it defines.
    G->setMetadata("tx.device.var", MDNode::get(C, {}));
    G->setMetadata("tx.managed.slot",
                   MDNode::get(C, {ValueAsMetadata::get(Slot)}));
    if (G->hasLocalLinkage())
      continue;
    if (!Exports)
      Exports = M.getOrInsertNamedMetadata("tx.managed.exports");
    Exports->addOperand(MDNode::get(C, {MDString::get(C, G->getName())}));
  }
  return PreservedAnalyses::none();
}
