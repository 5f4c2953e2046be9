//===- MemoryAccessChecks.cpp - memcheck: every device access checked -----===//
//
// Part of Tongxin. Under `txcc --check=memcheck`, every load, store, atomic
// and memory intrinsic of device code is checked before it runs, the CPU's
// answer to compute-sanitizer's memcheck (runtime side: runtime/check).
//
// Accesses are checked where their object is known, against that object:
//  - a local array (alloca) or a variable of this module: inline, against
//    its size;
//  - __shared__ memory (__tx_shared_base() + offset): inline, against the
//    running block's shared bytes (static plus dynamic), which the runtime
//    keeps in __tx_memcheck_shared_bytes;
//  - any other pointer: against the range the same access site hit last
//    (a TxCheckRange the runtime owns, one per allocation, marked empty
//    when the allocation is freed), and on a miss by the runtime, which
//    looks the address up among the live allocations, variables, kernel
//    arguments and the worker's own memory, and remembers the range found.
// Accesses provably inside their object are not checked: constant
// offsets, or offsets whose every value stays inside it, aligned (each
// index's range where the access runs, from the branches that guard it: a
// loop over a local array, a kernel's static __shared__ arrays indexed by
// a bounded loop's counter).
// A failed check reports the access (site: source line, function, size,
// kind) and abandons the block like a device fault. Device malloc/free go
// through the runtime too, which catches bad and double frees.
//
// Runs just before WorkItemLoops, on the cleaned-up kernels: checks then
// cover what is left of memory accesses once locals became registers, and
// the thread loops are built around them as around any code.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"
#include "DeviceIR.h"
#include "OffsetBounds.h"
#include "TongxinPasses.h"
#include "tongxin/check_abi.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/DomConditionCache.h"
#include "llvm/Analysis/LazyValueInfo.h"
#include "llvm/Analysis/SimplifyQuery.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;
using namespace tx;

#define DEBUG_TYPE "tx-memcheck"

namespace {

/// One memory access to check: Size bytes (a value for memory intrinsics)
/// at Ptr, before I.
struct Access {
  Instruction *I;
  Value *Ptr;
  Value *Size;
  uint32_t Flags; ///< TxCheckAccessFlags.
  uint64_t Alignment;
};

/// The object an access is known to fall in, if any.
struct KnownObject {
  enum Kind { Unknown, Local, Variable, Shared, Parameter } K = Unknown;
  Value *Base = nullptr;
  uint64_t Bytes = 0; ///< Local and Variable.
};

class MemoryChecker {
public:
  explicit MemoryChecker(Module &M);
  /// The analyses that prove accesses inside their objects.
  struct Facts {
    LazyValueInfo &LVI;
    const DominatorTree &DT;
    DomConditionCache Conditions;
  };
  bool instrumentFunction(Function &F, LazyValueInfo &LVI,
                          const DominatorTree &DT);
  void registerModuleVariables();

private:
  void collectAccesses(Function &F, SmallVectorImpl<Access> &Out,
                       SmallVectorImpl<CallInst *> &HeapCalls);
  KnownObject objectOf(Value *Ptr, const Access &A, bool &ProvablyInside);
  bool rangeInside(const Access &A, Value *Base, uint64_t Bytes,
                   uint64_t BaseAlign) const;
  ConstantRange indexRange(Value *Index, Instruction *At) const;
  GlobalVariable *siteFor(const Access &A, unsigned Space);
  void checkInRegion(const Access &A, const KnownObject &Obj,
                     GlobalVariable *Site);
  void checkThroughRuntime(const Access &A, GlobalVariable *Site);
  void checkHeapCall(CallInst *Call);
  Value *alignmentFault(IRBuilder<> &B, Value *Address, uint64_t Alignment);
  Instruction *splitForFailure(Instruction *Before, Value *Bad);

  Module &M;
  LLVMContext &C;
  const DataLayout &DL;
  CheckSites Sites;
  FunctionCallee AccessMiss, RegionFault, Malloc, Free;
  GlobalVariable *SharedBytes;
  Facts *Known = nullptr; ///< The function's being instrumented.
};

} // namespace

MemoryChecker::MemoryChecker(Module &M)
    : M(M), C(M.getContext()), DL(M.getDataLayout()), Sites(M) {
  Type *I64 = Type::getInt64Ty(C);
  PointerType *Ptr = PointerType::getUnqual(C);
  Type *Void = Type::getVoidTy(C);
  AccessMiss =
      M.getOrInsertFunction("__tx_memcheck_access", Void, Ptr, Ptr, I64);
  RegionFault = M.getOrInsertFunction("__tx_memcheck_region_fault", Void, Ptr,
                                      Ptr, I64, Ptr, I64);
  Malloc = M.getOrInsertFunction("__tx_memcheck_malloc", Ptr, I64, Ptr);
  Free = M.getOrInsertFunction("__tx_memcheck_free", Void, Ptr, Ptr);
  for (FunctionCallee Fault : {AccessMiss, RegionFault}) {
    auto *Fn = cast<Function>(Fault.getCallee());
    Fn->addFnAttr(Attribute::Cold);
    Fn->addFnAttr(Attribute::NoInline);
  }
  SharedBytes = M.getGlobalVariable("__tx_memcheck_shared_bytes");
  if (!SharedBytes) {
    SharedBytes =
        new GlobalVariable(M, I64, false, GlobalValue::ExternalLinkage, nullptr,
                           "__tx_memcheck_shared_bytes", nullptr,
                           GlobalValue::InitialExecTLSModel);
  }
}

GlobalVariable *MemoryChecker::siteFor(const Access &A, unsigned Space) {
  return Sites.siteFor(*A.I, A.Flags | (Space << TX_CHECK_SPACE_SHIFT),
                       A.Alignment);
}

/// The alignment a GPU needs for the access: its size, up to 16 bytes
/// (ld.v4.b32), and never more than the front end promised. (Clang may
/// promise more, from a type's __align__, where the hardware needs less.)
static uint64_t requiredAlignment(const Access &A) {
  auto *Len = dyn_cast<ConstantInt>(A.Size);
  if (!Len || A.Alignment <= 1)
    return 1;
  uint64_t Natural = PowerOf2Ceil(std::min<uint64_t>(Len->getZExtValue(), 16));
  return std::min<uint64_t>(Natural, A.Alignment);
}

/// Ptr is a variable of the runtime's (a `__tx_` declaration), which
/// device code reads where the lowering put the read.
static bool isRuntimeVariable(const Value *Ptr) {
  const auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Ptr));
  return GV && GV->isDeclaration() && GV->getName().starts_with("__tx_");
}

void MemoryChecker::collectAccesses(Function &F, SmallVectorImpl<Access> &Out,
                                    SmallVectorImpl<CallInst *> &HeapCalls) {
  Type *I64 = Type::getInt64Ty(C);
  auto sizeOf = [&](Type *T) {
    return ConstantInt::get(I64, DL.getTypeStoreSize(T).getFixedValue());
  };
  for (Instruction &I : instructions(F)) {
    if (auto *L = dyn_cast<LoadInst>(&I)) {
      uint32_t Flags = TX_CHECK_READ | (L->isAtomic() ? TX_CHECK_ATOMIC : 0);
      Out.push_back({L, L->getPointerOperand(), sizeOf(L->getType()), Flags,
                     L->getAlign().value()});
    } else if (auto *S = dyn_cast<StoreInst>(&I)) {
      uint32_t Flags = TX_CHECK_WRITE | (S->isAtomic() ? TX_CHECK_ATOMIC : 0);
      Out.push_back({S, S->getPointerOperand(),
                     sizeOf(S->getValueOperand()->getType()), Flags,
                     S->getAlign().value()});
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
      Out.push_back({RMW, RMW->getPointerOperand(),
                     sizeOf(RMW->getValOperand()->getType()),
                     TX_CHECK_READ | TX_CHECK_WRITE | TX_CHECK_ATOMIC,
                     RMW->getAlign().value()});
    } else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I)) {
      Out.push_back({CX, CX->getPointerOperand(),
                     sizeOf(CX->getNewValOperand()->getType()),
                     TX_CHECK_READ | TX_CHECK_WRITE | TX_CHECK_ATOMIC,
                     CX->getAlign().value()});
    } else if (auto *MI = dyn_cast<MemIntrinsic>(&I)) {
      Value *Len = MI->getLength();
      if (Len->getType() != I64)
        continue;
      Out.push_back({MI, MI->getDest(), Len, TX_CHECK_WRITE, 1});
      if (auto *MT = dyn_cast<MemTransferInst>(MI))
        Out.push_back({MI, MT->getSource(), Len, TX_CHECK_READ, 1});
    } else if (auto *Call = dyn_cast<CallInst>(&I)) {
      Function *Callee = Call->getCalledFunction();
      if (Callee && Callee->isDeclaration() &&
          (Callee->getName() == "malloc" || Callee->getName() == "free"))
        HeapCalls.push_back(Call);
    }
  }
  // Only memory device code addresses directly (address space 0 once
  // RetargetToCPU and GenericAddressSpaces have run), not the texture
  // descriptors the runtime's own sampling code reads, and not the
  // runtime's own variables the lowering reads (the prefetch limit): no
  // allocation holds them.
  llvm::erase_if(Out, [](const Access &A) {
    return A.Ptr->getType()->getPointerAddressSpace() != 0 ||
           isTextureSampling(*A.I) || isRuntimeVariable(A.Ptr);
  });
  for (Access &A : Out)
    A.Alignment = requiredAlignment(A);
}

KnownObject MemoryChecker::objectOf(Value *Ptr, const Access &A,
                                    bool &ProvablyInside) {
  ProvablyInside = false;
  KnownObject Obj;
  Value *Base = getUnderlyingObject(Ptr, /*MaxLookup=*/0);
  if (auto *AI = dyn_cast<AllocaInst>(Base)) {
    std::optional<TypeSize> Size = AI->getAllocationSize(DL);
    if (Size && !Size->isScalable())
      Obj = {KnownObject::Local, AI, Size->getFixedValue()};
  } else if (auto *GV = dyn_cast<GlobalVariable>(Base)) {
    if (GV->hasInitializer() && !GV->isInterposable() &&
        GV->getAddressSpace() == 0)
      Obj = {KnownObject::Variable, GV,
             DL.getTypeAllocSize(GV->getValueType()).getFixedValue()};
  } else if (isSharedBaseCall(Base)) {
    Obj = {KnownObject::Shared, Base, 0};
  } else if (auto *Arg = dyn_cast<Argument>(Base)) {
    // A by-value aggregate: the launch's (or caller's) own copy.
    if (Arg->hasByValAttr())
      Obj = {KnownObject::Parameter, Arg, 0};
  } else if (isWarpMatrixArea(Base)) {
    // LowerWarpMatrix's own exchange copies: within the area by
    // construction, and memory no allocation holds.
    Obj = {KnownObject::Parameter, Base, 0};
  }
  if (Obj.K == KnownObject::Parameter) {
    ProvablyInside = true;
    return Obj;
  }
  if (Obj.K == KnownObject::Shared) {
    uint64_t Static = staticSharedBytes(*A.I->getFunction());
    ProvablyInside =
        Static && rangeInside(A, Base, Static, SharedBaseAlignment);
    return Obj;
  }
  if (Obj.K != KnownObject::Local && Obj.K != KnownObject::Variable)
    return Obj;
  auto *Len = dyn_cast<ConstantInt>(A.Size);
  APInt Offset(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
  Value *Stripped =
      Ptr->stripAndAccumulateConstantOffsets(DL, Offset,
                                             /*AllowNonInbounds=*/true);
  if (Len && Stripped == Obj.Base && !Offset.isNegative() &&
      Offset.getZExtValue() + Len->getZExtValue() <= Obj.Bytes &&
      Offset.getZExtValue() % A.Alignment == 0)
    ProvablyInside = true;
  else
    ProvablyInside = rangeInside(A, Obj.Base, Obj.Bytes,
                                 Obj.Base->getPointerAlignment(DL).value());
  return Obj;
}

/// The values Index can have where At runs: what the guarding branches
/// say (LazyValueInfo), looking through extensions and the additions of a
/// constant that unrolled loops leave (`or disjoint (K << 3), 1`), which
/// LazyValueInfo's bitwise ranges would widen to almost everything.
ConstantRange MemoryChecker::indexRange(Value *Index, Instruction *At) const {
  unsigned Bits = Index->getType()->getScalarSizeInBits();
  if (auto *C = dyn_cast<ConstantInt>(Index))
    return ConstantRange(C->getValue());
  if (auto *Ext = dyn_cast<CastInst>(Index)) {
    if (isa<ZExtInst>(Ext))
      return indexRange(Ext->getOperand(0), At).zeroExtend(Bits);
    if (isa<SExtInst>(Ext))
      return indexRange(Ext->getOperand(0), At).signExtend(Bits);
  }
  auto *Op = dyn_cast<BinaryOperator>(Index);
  // The constant right-hand side of an operation (`K << 3`, `R | 1`).
  const auto *Rhs = Op ? dyn_cast<ConstantInt>(Op->getOperand(1)) : nullptr;
  const bool Disjoint = Op && Op->getOpcode() == Instruction::Or &&
                        cast<PossiblyDisjointInst>(Op)->isDisjoint();
  const bool NoWrapAdd = Op && Op->getOpcode() == Instruction::Add &&
                         (Op->hasNoSignedWrap() || Op->hasNoUnsignedWrap());
  // A positive multiple of a smaller value, without wrapping (`K << 3`).
  const bool Scaled = Op && (Op->getOpcode() == Instruction::Shl ||
                             Op->getOpcode() == Instruction::Mul);
  if (Rhs && Scaled && (Op->hasNoSignedWrap() || Op->hasNoUnsignedWrap())) {
    APInt Factor =
        Op->getOpcode() == Instruction::Shl
            ? APInt::getOneBitSet(Bits + 1, unsigned(std::min<uint64_t>(
                                                Rhs->getZExtValue(), Bits - 1)))
            : Rhs->getValue().sext(Bits + 1);
    ConstantRange X = indexRange(Op->getOperand(0), At);
    if (Factor.isStrictlyPositive() && !X.isSignWrappedSet() &&
        !X.isFullSet()) {
      bool Overflow = false;
      APInt Lo = X.getSignedMin().sext(Bits + 1).smul_ov(Factor, Overflow);
      APInt Hi = X.getSignedMax().sext(Bits + 1).smul_ov(Factor, Overflow);
      if (!Overflow && Lo.getSignificantBits() <= Bits &&
          Hi.getSignificantBits() <= Bits)
        return ConstantRange(Lo.trunc(Bits), Hi.trunc(Bits) + 1);
    }
  }
  if (Rhs && (Disjoint || NoWrapAdd)) {
    ConstantRange Sum = indexRange(Op->getOperand(0), At)
                            .sextOrTrunc(Bits + 1)
                            .add(ConstantRange(Rhs->getValue().sext(Bits + 1)));
    if (!Sum.isSignWrappedSet() &&
        Sum.getSignedMax().getSignificantBits() <= Bits &&
        Sum.getSignedMin().getSignificantBits() <= Bits)
      return Sum.truncate(Bits);
  }
  // The branches' ranges (LazyValueInfo), and what the conditions that
  // dominate At say of the bits (a loop counter below its bound: LVI
  // loses the header's test a few blocks into an unrolled body).
  SimplifyQuery Query(DL, /*TLI=*/nullptr, &Known->DT, /*AC=*/nullptr, At,
                      /*UseInstrInfo=*/true, /*CanUseUndef=*/false,
                      &Known->Conditions);
  ConstantRange FromBits = ConstantRange::fromKnownBits(
      computeKnownBits(Index, /*Depth=*/0, Query), /*IsSigned=*/false);
  return Known->LVI.getConstantRange(Index, At, /*UndefAllowed=*/false)
      .intersectWith(FromBits);
}

/// Whether every address A can access lies in [Base, Base + Bytes), A's
/// size inside too, and is a multiple of A's alignment: A's pointer is
/// Base plus GEP indices, each in the range it has where A runs.
bool MemoryChecker::rangeInside(const Access &A, Value *Base, uint64_t Bytes,
                                uint64_t BaseAlign) const {
  auto *Len = dyn_cast<ConstantInt>(A.Size);
  if (!Len || !Known)
    return false;
  std::optional<OffsetBounds> Bounds = offsetBounds(
      A.Ptr, [Base](const Value *V) { return V == Base; }, BaseAlign, DL,
      [&](Value *Index) -> std::optional<IndexFacts> {
        return IndexFacts{indexRange(Index, A.I),
                          computeKnownBits(Index, DL).countMinTrailingZeros()};
      });
  if (!Bounds || Bounds->Min.isNegative() || Len->getZExtValue() > Bytes)
    return false;
  APInt Last(Bounds->Max.getBitWidth(), Bytes - Len->getZExtValue());
  return Bounds->Max.sle(Last) && Bounds->Divisor >= A.Alignment;
}

/// True where Address is not a multiple of Alignment (null when Alignment
/// is 1: nothing to check).
Value *MemoryChecker::alignmentFault(IRBuilder<> &B, Value *Address,
                                     uint64_t Alignment) {
  if (Alignment <= 1)
    return nullptr;
  return B.CreateICmpNE(B.CreateAnd(Address, Alignment - 1), B.getInt64(0));
}

/// Splits before Before: when Bad holds, control goes through a new cold
/// block (returned, ending in a branch back) first.
Instruction *MemoryChecker::splitForFailure(Instruction *Before, Value *Bad) {
  MDNode *Weights = MDBuilder(C).createUnlikelyBranchWeights();
  Instruction *Then = SplitBlockAndInsertIfThen(Bad, Before->getIterator(),
                                                /*Unreachable=*/false, Weights);
  Then->getParent()->setName("memcheck.fail");
  return Then;
}

void MemoryChecker::checkInRegion(const Access &A, const KnownObject &Obj,
                                  GlobalVariable *Site) {
  IRBuilder<> B(A.I);
  Type *I64 = B.getInt64Ty();
  Value *Address = B.CreatePtrToInt(A.Ptr, I64);
  Value *Begin = B.CreatePtrToInt(Obj.Base, I64);
  Value *Bytes = Obj.K == KnownObject::Shared
                     ? static_cast<Value *>(B.CreateLoad(I64, SharedBytes))
                     : B.getInt64(Obj.Bytes);
  // Outside [Begin, Begin + Bytes - Size], in unsigned arithmetic.
  Value *Offset = B.CreateSub(Address, Begin);
  Value *TooBig = B.CreateICmpUGT(A.Size, Bytes);
  Value *Past = B.CreateICmpUGT(Offset, B.CreateSub(Bytes, A.Size));
  Value *Bad = B.CreateOr(TooBig, Past);
  if (Value *Misaligned = alignmentFault(B, Address, A.Alignment))
    Bad = B.CreateOr(Bad, Misaligned);
  if (!isa<ConstantInt>(A.Size)) // An empty memcpy touches nothing.
    Bad = B.CreateAnd(Bad, B.CreateICmpNE(A.Size, B.getInt64(0)));
  Instruction *Fail = splitForFailure(A.I, Bad);
  IRBuilder<> FB(Fail);
  FB.CreateCall(RegionFault, {Site, A.Ptr, A.Size, Obj.Base, Bytes});
}

void MemoryChecker::checkThroughRuntime(const Access &A, GlobalVariable *Site) {
  IRBuilder<> B(A.I);
  Type *I64 = B.getInt64Ty();
  // The range is read with relaxed atomics: the runtime empties it when
  // its allocation is freed, possibly while another stream's kernel runs.
  auto [Lo, Hi] = CheckSites::loadCachedRange(B, Site, I64);
  Value *Address = B.CreatePtrToInt(A.Ptr, I64);
  Value *End = B.CreateAdd(Address, A.Size);
  Value *Bad =
      B.CreateOr(B.CreateICmpULT(Address, Lo), B.CreateICmpUGT(End, Hi));
  if (Value *Misaligned = alignmentFault(B, Address, A.Alignment))
    Bad = B.CreateOr(Bad, Misaligned);
  if (!isa<ConstantInt>(A.Size))
    Bad = B.CreateAnd(Bad, B.CreateICmpNE(A.Size, B.getInt64(0)));
  Instruction *Miss = splitForFailure(A.I, Bad);
  IRBuilder<> MB(Miss);
  MB.CreateCall(AccessMiss, {Site, A.Ptr, A.Size});
}

void MemoryChecker::checkHeapCall(CallInst *Call) {
  Access A{Call, nullptr, nullptr, 0, 1};
  GlobalVariable *Site = siteFor(A, TX_CHECK_SPACE_HEAP);
  IRBuilder<> B(Call);
  Value *New;
  if (Call->getCalledFunction()->getName() == "malloc")
    New = B.CreateCall(Malloc, {Call->getArgOperand(0), Site});
  else
    New = B.CreateCall(Free, {Call->getArgOperand(0), Site});
  if (!Call->getType()->isVoidTy()) {
    New->takeName(Call);
    Call->replaceAllUsesWith(New);
  }
  Call->eraseFromParent();
}

bool MemoryChecker::instrumentFunction(Function &F, LazyValueInfo &LVI,
                                       const DominatorTree &DT) {
  if (F.isDeclaration() || F.getName().starts_with("__tx_"))
    return false;
  SmallVector<Access, 32> Accesses;
  SmallVector<CallInst *, 4> HeapCalls;
  collectAccesses(F, Accesses, HeapCalls);
  // Every object and proof first: the checks then change the function's
  // blocks, which the value ranges cached would not see.
  Facts FunctionFacts{LVI, DT, {}};
  for (BasicBlock &BB : F)
    if (auto *Branch = dyn_cast<BranchInst>(BB.getTerminator()))
      if (Branch->isConditional())
        FunctionFacts.Conditions.registerBranch(Branch);
  Known = &FunctionFacts;
  SmallVector<std::pair<KnownObject, bool>, 32> Objects;
  for (const Access &A : Accesses) {
    bool Inside;
    KnownObject Obj = objectOf(A.Ptr, A, Inside);
    Objects.push_back({Obj, Inside});
  }
  Known = nullptr;
  for (auto [A, Proof] : zip(Accesses, Objects)) {
    auto [Obj, Inside] = Proof;
    if (Inside)
      continue;
    switch (Obj.K) {
    case KnownObject::Local:
      checkInRegion(A, Obj, siteFor(A, TX_CHECK_SPACE_LOCAL));
      break;
    case KnownObject::Variable:
      checkInRegion(A, Obj, siteFor(A, TX_CHECK_SPACE_VARIABLE));
      break;
    case KnownObject::Shared:
      checkInRegion(A, Obj, siteFor(A, TX_CHECK_SPACE_SHARED));
      break;
    default:
      checkThroughRuntime(A, siteFor(A, TX_CHECK_SPACE_GLOBAL));
      break;
    }
  }
  for (CallInst *Call : HeapCalls)
    checkHeapCall(Call);
  return !Accesses.empty() || !HeapCalls.empty();
}

/// Tells the runtime, from a constructor, every variable this module
/// defines (device code may reach any of them through a plain pointer),
/// which also turns memcheck's reports on.
void MemoryChecker::registerModuleVariables() {
  Type *I64 = Type::getInt64Ty(C);
  PointerType *Ptr = PointerType::getUnqual(C);
  StructType *EntryTy = StructType::get(C, {Ptr, I64, Ptr});
  SmallVector<Constant *, 32> Entries;
  for (GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || CheckSites::isCheckerGlobal(GV) ||
        GV.getName().starts_with("llvm.") || GV.isThreadLocal() ||
        GV.getAddressSpace() != 0)
      continue;
    uint64_t Bytes = DL.getTypeAllocSize(GV.getValueType()).getFixedValue();
    StringRef Name = GV.hasName() ? GV.getName() : StringRef("(unnamed)");
    Entries.push_back(
        ConstantStruct::get(EntryTy, {&GV, ConstantInt::get(I64, Bytes),
                                      Sites.stringConstant(Name)}));
  }
  auto *TableTy = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(
      M, TableTy, true, GlobalValue::PrivateLinkage,
      ConstantArray::get(TableTy, Entries), "__tx_memcheck.variables");
  FunctionCallee Register =
      M.getOrInsertFunction("__tx_memcheck_register_module", Type::getVoidTy(C),
                            Ptr, Type::getInt32Ty(C));
  IRBuilder<> B(C);
  addCheckConstructor(M, "__tx_memcheck.register", B);
  B.CreateCall(Register, {Table, B.getInt32(Entries.size())});
}

PreservedAnalyses MemoryAccessChecksPass::run(Module &M,
                                              ModuleAnalysisManager &MAM) {
  bool HasCode = llvm::any_of(M, [](const Function &F) {
    return !F.isDeclaration() && !F.getName().starts_with("__tx_");
  });
  if (!HasCode)
    return PreservedAnalyses::all();
  MemoryChecker Checker(M);
  SmallVector<Function *, 16> Functions;
  for (Function &F : M)
    Functions.push_back(&F);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  for (Function *F : Functions) {
    if (F->isDeclaration())
      continue;
    Checker.instrumentFunction(*F, FAM.getResult<LazyValueAnalysis>(*F),
                               FAM.getResult<DominatorTreeAnalysis>(*F));
    FAM.invalidate(*F, PreservedAnalyses::none());
  }
  Checker.registerModuleVariables();
  return PreservedAnalyses::none();
}
