//===- DeviceIR.cpp - Facts about CUDA device IR shared by passes --------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"

using namespace llvm;

namespace tx {

StringRef withoutExternalizedPostfix(StringRef Name) {
  for (StringRef Marker : {"__static__", "__intern__"}) {
    size_t At = Name.rfind(Marker);
    if (At == StringRef::npos || At == 0)
      continue;
    StringRef Hash = Name.substr(At + Marker.size());
    if (!Hash.empty() &&
        Hash.find_first_not_of("0123456789abcdef") == StringRef::npos)
      return Name.take_front(At);
  }
  return StringRef();
}

bool isThreadIndexRead(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_tid_x:
  case Intrinsic::nvvm_read_ptx_sreg_tid_y:
  case Intrinsic::nvvm_read_ptx_sreg_tid_z:
    return true;
  default:
    return false;
  }
}

bool isThreadIndexXRead(const Value *V) {
  const auto *Call = dyn_cast<CallInst>(V);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee &&
         Callee->getIntrinsicID() == Intrinsic::nvvm_read_ptx_sreg_tid_x;
}

uint64_t threadIndexXLaneMask(const Value *V) {
  using namespace PatternMatch;
  const Value *X;
  const APInt *Mask;
  if (!match(V, m_c_And(m_Value(X), m_APInt(Mask))) || !Mask->isMask() ||
      !isThreadIndexXRead(X))
    return 0;
  return Mask->getLimitedValue();
}

const Value *laneSource(const Value *V) {
  using namespace PatternMatch;
  const Value *X;
  if (match(V, m_And(m_Value(X), m_SpecificInt(31))) ||
      match(V, m_URem(m_Value(X), m_SpecificInt(32))))
    return X;
  return nullptr;
}

static bool isSpecialRegister(const Value *V, Intrinsic::ID ID) {
  const auto *Call = dyn_cast<CallInst>(V);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getIntrinsicID() == ID;
}

bool isLaneIndex(const Value *V) {
  const Value *Linear = laneSource(V);
  return Linear && isLinearThreadIndex(Linear);
}

bool isLinearThreadIndex(const Value *Linear) {
  using namespace PatternMatch;
  const Value *Tx, *Nx, *Row, *Ty, *Ny, *Tz;
  if (!match(Linear, m_c_Add(m_Value(Tx), m_c_Mul(m_Value(Nx), m_Value(Row)))))
    return false;
  auto Is = [](const Value *X, Intrinsic::ID ID) {
    return isSpecialRegister(X, ID);
  };
  if (!Is(Tx, Intrinsic::nvvm_read_ptx_sreg_tid_x))
    return false;
  if (!Is(Nx, Intrinsic::nvvm_read_ptx_sreg_ntid_x))
    std::swap(Nx, Row);
  if (!Is(Nx, Intrinsic::nvvm_read_ptx_sreg_ntid_x) ||
      !match(Row, m_c_Add(m_Value(Ty), m_c_Mul(m_Value(Ny), m_Value(Tz)))))
    return false;
  if (!Is(Ny, Intrinsic::nvvm_read_ptx_sreg_ntid_y))
    std::swap(Ny, Tz);
  return Is(Ty, Intrinsic::nvvm_read_ptx_sreg_tid_y) &&
         Is(Ny, Intrinsic::nvvm_read_ptx_sreg_ntid_y) &&
         Is(Tz, Intrinsic::nvvm_read_ptx_sreg_tid_z);
}

const Value *warpSource(const Value *V) {
  using namespace PatternMatch;
  const Value *X;
  if (match(V, m_LShr(m_Value(X), m_SpecificInt(5))) ||
      match(V, m_UDiv(m_Value(X), m_SpecificInt(32))))
    return X;
  return nullptr;
}

const Value *warpBaseSource(const Value *V) {
  using namespace PatternMatch;
  const Value *X;
  const APInt *Mask;
  if (match(V, m_And(m_Value(X), m_APInt(Mask))) && Mask->getSExtValue() == -32)
    return X;
  return nullptr;
}

bool isSharedBaseCall(const Value *V) {
  const auto *Call = dyn_cast<CallInst>(V);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getName() == SharedBaseName;
}

uint64_t staticSharedBytes(const Function &F) {
  MDNode *Sizes = F.getMetadata("tx.shared");
  if (!Sizes || Sizes->getNumOperands() < 1)
    return 0;
  auto *Bytes = mdconst::dyn_extract<ConstantInt>(Sizes->getOperand(0));
  return Bytes ? Bytes->getZExtValue() : 0;
}

static Intrinsic::ID intrinsicCalled(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee ? Callee->getIntrinsicID() : Intrinsic::not_intrinsic;
}

bool isWarpShuffle(const Instruction &I) {
  switch (intrinsicCalled(I)) {
  case Intrinsic::nvvm_shfl_sync_idx_i32:
  case Intrinsic::nvvm_shfl_sync_idx_f32:
  case Intrinsic::nvvm_shfl_sync_up_i32:
  case Intrinsic::nvvm_shfl_sync_up_f32:
  case Intrinsic::nvvm_shfl_sync_down_i32:
  case Intrinsic::nvvm_shfl_sync_down_f32:
  case Intrinsic::nvvm_shfl_sync_bfly_i32:
  case Intrinsic::nvvm_shfl_sync_bfly_f32:
    return true;
  default:
    return false;
  }
}

bool isWarpReduce(const Instruction &I) {
  switch (intrinsicCalled(I)) {
  case Intrinsic::nvvm_redux_sync_add:
  case Intrinsic::nvvm_redux_sync_min:
  case Intrinsic::nvvm_redux_sync_max:
  case Intrinsic::nvvm_redux_sync_umin:
  case Intrinsic::nvvm_redux_sync_umax:
  case Intrinsic::nvvm_redux_sync_and:
  case Intrinsic::nvvm_redux_sync_or:
  case Intrinsic::nvvm_redux_sync_xor:
    return true;
  default:
    return false;
  }
}

bool isWarpShuffleChain(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getName().starts_with(ShuffleChainPrefix);
}

unsigned laneSlotBytes(const Instruction &I) {
  if (isWarpShuffle(I))
    return 4;
  if (!isWarpShuffleChain(I))
    return 8;
  const auto &Call = cast<CallInst>(I);
  unsigned Bits =
      std::max(Call.getType()->getPrimitiveSizeInBits().getFixedValue(),
               Call.getArgOperand(1)
                   ->getType()
                   ->getPrimitiveSizeInBits()
                   .getFixedValue());
  return Bits > 64 ? 16 : Bits > 32 ? 8 : 4;
}

static bool movableBeforeLoop(Value *V, const Loop &L,
                              Value *(*LookThrough)(Value *), unsigned Depth) {
  auto *I = dyn_cast<Instruction>(LookThrough ? LookThrough(V) : V);
  if (!I || !L.contains(I))
    return true;
  if (Depth == 8 || isa<PHINode>(I) || I->mayReadFromMemory() || I->isEHPad() ||
      !isSafeToSpeculativelyExecute(I))
    return false;
  return all_of(I->operands(), [&](Value *Op) {
    return movableBeforeLoop(Op, L, LookThrough, Depth + 1);
  });
}

bool canMakeLoopInvariant(Value *V, const Loop &L,
                          Value *(*LookThrough)(Value *)) {
  return movableBeforeLoop(V, L, LookThrough, 0);
}

/// V, computed in L, reads memory another block may write meanwhile.
static bool readsChangingMemory(Value *V, const Loop &L, bool Fenced,
                                SmallPtrSetImpl<Value *> &Seen) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || !L.contains(I) || !Seen.insert(I).second)
    return false;
  if (auto *Load = dyn_cast<LoadInst>(I))
    return Load->isVolatile() || Load->isAtomic() || Fenced;
  if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I))
    return true;
  return any_of(I->operands(), [&](Value *Op) {
    return readsChangingMemory(Op, L, Fenced, Seen);
  });
}

bool waitsForOtherBlocks(Function &F) {
  if (F.isDeclaration())
    return false;
  DominatorTree DT(F);
  LoopInfo LI(DT);
  for (Loop *L : LI.getLoopsInPreorder()) {
    bool Fenced = any_of(L->blocks(), [](BasicBlock *BB) {
      return any_of(*BB, [](Instruction &I) { return isa<FenceInst>(I); });
    });
    SmallVector<BasicBlock *, 4> Exiting;
    L->getExitingBlocks(Exiting);
    for (BasicBlock *BB : Exiting) {
      auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
      SmallPtrSet<Value *, 16> Seen;
      if (Br && Br->isConditional() &&
          readsChangingMemory(Br->getCondition(), *L, Fenced, Seen))
        return true;
    }
  }
  return false;
}

bool isRowPrefetchRequest(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getName() == PrefetchRowName;
}

bool isWarpCollective(const Instruction &I) {
  if (isWarpShuffle(I) || isWarpReduce(I) || isWarpShuffleChain(I))
    return true;
  switch (intrinsicCalled(I)) {
  case Intrinsic::nvvm_vote_all_sync:
  case Intrinsic::nvvm_vote_any_sync:
  case Intrinsic::nvvm_vote_uni_sync:
  case Intrinsic::nvvm_vote_ballot_sync:
  case Intrinsic::nvvm_match_any_sync_i32:
  case Intrinsic::nvvm_match_any_sync_i64:
  case Intrinsic::nvvm_match_all_sync_i32p:
  case Intrinsic::nvvm_match_all_sync_i64p:
  case Intrinsic::nvvm_activemask:
    return true;
  default:
    return false;
  }
}

bool isWarpMatrixProduct(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  StringRef Name = Callee->getName();
  return (Name.consume_front("llvm.nvvm.wmma.") && Name.contains(".mma.")) ||
         Name.starts_with("__tx.mma."); // inline PTX's mma.sync
}

Value *emitLinearThreadId(IRBuilder<> &B, Module &M) {
  auto Read = [&](Intrinsic::ID ID) {
    return B.CreateCall(Intrinsic::getDeclaration(&M, ID));
  };
  Value *Tx = Read(Intrinsic::nvvm_read_ptx_sreg_tid_x);
  Value *Ty = Read(Intrinsic::nvvm_read_ptx_sreg_tid_y);
  Value *Tz = Read(Intrinsic::nvvm_read_ptx_sreg_tid_z);
  Value *Nx = Read(Intrinsic::nvvm_read_ptx_sreg_ntid_x);
  Value *Ny = Read(Intrinsic::nvvm_read_ptx_sreg_ntid_y);
  return B.CreateAdd(Tx, B.CreateMul(Nx, B.CreateAdd(Ty, B.CreateMul(Ny, Tz))));
}

bool isProgramBlockBarrier(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_barrier0:
  case Intrinsic::nvvm_barrier0_popc:
  case Intrinsic::nvvm_barrier0_and:
  case Intrinsic::nvvm_barrier0_or:
  case Intrinsic::nvvm_bar_sync:
  case Intrinsic::nvvm_barrier_sync:
    return true;
  default:
    return false;
  }
}

bool isBarrier(const Instruction &I, BarrierKind *Kind) {
  if (isWarpCollective(I)) {
    if (Kind)
      *Kind = BarrierKind::Warp;
    return true;
  }
  const auto *Call = dyn_cast<CallInst>(&I);
  if (!Call)
    return false;
  const Function *Callee = Call->getCalledFunction();
  if (!Callee)
    return false;
  if (Callee->getName() == ImplicitBarrierName) {
    if (Kind)
      *Kind = BarrierKind::Plain;
    return true;
  }
  if (Callee->getName() == "__tx_grid_barrier") {
    if (Kind)
      *Kind = BarrierKind::Grid;
    return true;
  }
  BarrierKind Found;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_barrier0:
  case Intrinsic::nvvm_bar_sync:
  case Intrinsic::nvvm_barrier_sync:
  case Intrinsic::nvvm_bar_warp_sync:
    Found = BarrierKind::Plain;
    break;
  case Intrinsic::nvvm_barrier0_popc:
    Found = BarrierKind::Count;
    break;
  case Intrinsic::nvvm_barrier0_and:
    Found = BarrierKind::And;
    break;
  case Intrinsic::nvvm_barrier0_or:
    Found = BarrierKind::Or;
    break;
  default:
    return false;
  }
  if (Kind)
    *Kind = Found;
  return true;
}

bool isCLibraryFunction(StringRef Name) {
  static const StringSet<> Names = [] {
    StringSet<> S;
    const char *Math[] = {
        "acos",      "acosh",   "asin",      "asinh",    "atan",   "atan2",
        "atanh",     "cbrt",    "ceil",      "copysign", "cos",    "cosh",
        "erf",       "erfc",    "exp",       "exp2",     "exp10",  "expm1",
        "fabs",      "fdim",    "floor",     "fma",      "fmax",   "fmin",
        "fmod",      "frexp",   "hypot",     "ilogb",    "ldexp",  "lgamma",
        "llrint",    "llround", "log",       "log10",    "log1p",  "log2",
        "logb",      "lrint",   "lround",    "modf",     "nan",    "nearbyint",
        "nextafter", "pow",     "remainder", "remquo",   "rint",   "round",
        "scalbn",    "scalbln", "sin",       "sinh",     "sqrt",   "tan",
        "tanh",      "tgamma",  "trunc",     "j0",       "j1",     "jn",
        "y0",        "y1",      "yn",        "sincos",   "erfinv", "erfcinv"};
    for (const char *Name : Math) {
      S.insert(Name);
      S.insert((Twine(Name) + "f").str());
    }
    const char *Libc[] = {"malloc", "free",    "calloc", "realloc", "memcpy",
                          "memset", "memmove", "memcmp", "strlen",  "abort",
                          "printf", "abs",     "labs",   "llabs"};
    for (const char *Name : Libc)
      S.insert(Name);
    return S;
  }();
  return Names.contains(Name);
}

bool isCxxAllocationFunction(StringRef Name) {
  return Name == "_Znwm" || Name == "_Znam" || Name == "_ZdlPv" ||
         Name == "_ZdaPv" || Name == "_ZdlPvm" || Name == "_ZdaPvm";
}

bool isReadOnlyByValArgument(const Argument &Arg) {
  if (!Arg.hasByValAttr())
    return false;
  SmallVector<const Value *, 8> Work = {&Arg};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *User = dyn_cast<Instruction>(U.getUser());
      if (!User)
        return false;
      if (isa<GetElementPtrInst>(User) || isa<AddrSpaceCastInst>(User)) {
        Work.push_back(User);
        continue;
      }
      if (const auto *Load = dyn_cast<LoadInst>(User)) {
        if (Load->isVolatile())
          return false;
        continue;
      }
      const auto *Transfer = dyn_cast<MemTransferInst>(User);
      if (!Transfer || U.getOperandNo() != 1 || Transfer->isVolatile())
        return false;
    }
  }
  return true;
}

SmallVector<Function *, 8> getKernels(Module &M) {
  SmallVector<Function *, 8> Kernels;
  NamedMDNode *Annotations = M.getNamedMetadata("nvvm.annotations");
  if (!Annotations)
    return Kernels;
  for (MDNode *Node : Annotations->operands()) {
    if (Node->getNumOperands() < 3)
      continue;
    auto *Kind = dyn_cast<MDString>(Node->getOperand(1));
    if (!Kind || Kind->getString() != "kernel")
      continue;
    auto *FnMD = dyn_cast_or_null<ValueAsMetadata>(Node->getOperand(0).get());
    if (!FnMD)
      continue;
    if (auto *F = dyn_cast<Function>(FnMD->getValue()))
      if (!F->isDeclaration())
        Kernels.push_back(F);
  }
  return Kernels;
}

Instruction *insertionPointFor(const Use &U) {
  auto *User = cast<Instruction>(U.getUser());
  if (auto *Phi = dyn_cast<PHINode>(User))
    return Phi->getIncomingBlock(U)->getTerminator();
  return User;
}

void replacePointerWithGeneric(Value *Old, Value *NewGeneric) {
  SmallVector<Use *, 16> Uses;
  for (Use &U : Old->uses())
    Uses.push_back(&U);
  SmallPtrSet<User *, 8> DoneConstants;
  for (Use *U : Uses) {
    User *TheUser = U->getUser();
    if (isa<Constant>(TheUser) && !DoneConstants.insert(TheUser).second)
      continue;
    if (auto *Cast = dyn_cast<AddrSpaceCastInst>(TheUser)) {
      if (Cast->getDestAddressSpace() == GenericAS) {
        Cast->replaceAllUsesWith(NewGeneric);
        Cast->eraseFromParent();
        continue;
      }
    }
    if (auto *CE = dyn_cast<ConstantExpr>(TheUser)) {
      if (CE->getOpcode() == Instruction::AddrSpaceCast &&
          CE->getType()->getPointerAddressSpace() == GenericAS &&
          isa<Constant>(NewGeneric)) {
        CE->replaceAllUsesWith(NewGeneric);
        continue;
      }
    }
    // Any other user keeps its address space through an explicit cast, which
    // CPU backends compile to nothing.
    Value *Cast;
    if (auto *C = dyn_cast<Constant>(NewGeneric)) {
      Cast = ConstantExpr::getAddrSpaceCast(C, Old->getType());
      if (auto *ConstUser = dyn_cast<Constant>(TheUser)) {
        if (!isa<GlobalValue>(ConstUser))
          ConstUser->handleOperandChange(Old, Cast);
        else
          U->set(Cast);
        continue;
      }
    } else {
      Cast = new AddrSpaceCastInst(NewGeneric, Old->getType(), "",
                                   insertionPointFor(*U));
    }
    U->set(Cast);
  }
}

void addLoopProperties(BranchInst *Latch, ArrayRef<Metadata *> Properties) {
  SmallVector<Metadata *, 6> Ops = {nullptr};
  if (MDNode *Old = Latch->getMetadata(LLVMContext::MD_loop))
    Ops.append(Old->op_begin() + 1, Old->op_end());
  for (Metadata *Property : Properties)
    if (!is_contained(Ops, Property))
      Ops.push_back(Property);
  MDNode *LoopID = MDNode::getDistinct(Latch->getContext(), Ops);
  LoopID->replaceOperandWith(0, LoopID); // a loop ID names itself first
  Latch->setMetadata(LLVMContext::MD_loop, LoopID);
}

/// A loop property of Tongxin's own, which LLVM ignores: the loop is one
/// the lowering built. (LLVM's own `llvm.loop.unroll.runtime.disable`,
/// which such loops also get, is set by the loop vectoriser too.)
static constexpr const char *LoweringLoop = "tx.lowering.loop";

void keepFromRuntimeUnrolling(BranchInst *Latch) {
  LLVMContext &C = Latch->getContext();
  addLoopProperties(
      Latch,
      {MDNode::get(C, MDString::get(C, "llvm.loop.unroll.runtime.disable")),
       MDNode::get(C, MDString::get(C, LoweringLoop))});
}

bool isLoweringLoop(const BranchInst *Latch) {
  MDNode *LoopID = Latch->getMetadata(LLVMContext::MD_loop);
  if (!LoopID)
    return false;
  return any_of(drop_begin(LoopID->operands()), [](const MDOperand &Op) {
    auto *Property = dyn_cast<MDNode>(Op.get());
    auto *Name = Property && Property->getNumOperands() > 0
                     ? dyn_cast<MDString>(Property->getOperand(0))
                     : nullptr;
    return Name && Name->getString() == LoweringLoop;
  });
}

void keepScalarAndRolled(BranchInst *Latch) {
  LLVMContext &C = Latch->getContext();
  Latch->setMetadata(LLVMContext::MD_loop, nullptr);
  addLoopProperties(
      Latch,
      {MDNode::get(C, {MDString::get(C, "llvm.loop.vectorize.enable"),
                       ConstantAsMetadata::get(ConstantInt::getFalse(C))}),
       MDNode::get(C, MDString::get(C, "llvm.loop.unroll.disable"))});
}

} // namespace tx
