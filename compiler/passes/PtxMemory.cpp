//===- PtxMemory.cpp - Inline PTX loads, stores and atomics
//-----------------===//
//
// Part of Tongxin. ld/st with their memory orders (.volatile, .cg and .cv
// on global memory are relaxed; other cache hints have no CPU meaning),
// vector forms, atom/red, fences, cvta and cp.async. A .shared address is
// an offset in the block's shared memory, as on a GPU.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "PtxTranslator.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace tx::ptx;

namespace {
/// cvta[.to].space.size d, a: generic <-> state-space addresses.
bool emitCvta(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 2);
  if (!Ty)
    return false;
  bool ToSpace = I.has("to");
  StringRef Space = "";
  for (StringRef S : {"global", "shared", "const", "param", "local"})
    if (I.has(S))
      Space = S;
  if (Space == "local" || Space.empty())
    return T.unsupported(I);
  Value *A = operand(T, I, 1, *Ty);
  if (!A)
    return false;
  if (Space != "shared")
    return T.write(I.Operands[0], A); // one address space on a CPU
  Value *R = ToSpace ? T.genericToShared(A, Ty->Bits)
                     : T.B.CreatePtrToInt(T.sharedToGeneric(A), A->getType());
  return T.write(I.Operands[0], R);
}

/// The state space an ld/st/atom names ("" for generic).
StringRef stateSpace(const PtxInstruction &I) {
  for (StringRef S : {"global", "shared", "local", "const", "param"})
    if (I.has(S))
      return S;
  return "";
}

unsigned vectorWidth(const PtxInstruction &I) {
  for (StringRef V : {"v2", "v4", "v8"})
    if (I.has(V))
      return V[1] - '0';
  return 1;
}

/// The memory order .relaxed/.acquire/.release ask for; NotAtomic for
/// weak (and volatile) accesses.
AtomicOrdering accessOrdering(const PtxInstruction &I) {
  if (I.has("acquire"))
    return AtomicOrdering::Acquire;
  if (I.has("release"))
    return AtomicOrdering::Release;
  if (I.has("acq_rel"))
    return AtomicOrdering::AcquireRelease;
  if (I.has("relaxed"))
    return AtomicOrdering::Monotonic;
  return AtomicOrdering::NotAtomic;
}

/// A strong (.relaxed/.acquire/.release) vector access wider than 64 bits:
/// through the runtime (__tx_strong_load/__tx_strong_store), which makes
/// it one access to other strong accesses of the place, as a GPU does for
/// CUB's look-back descriptors (a status and an 8-byte value).
bool emitWideStrongAccess(Translator &T, const PtxInstruction &I, Value *Ptr,
                          const PtxType &Ty, unsigned N, bool IsLoad,
                          const Operand &Data) {
  IRBuilder<> &B = T.B;
  Module &M = *B.GetInsertBlock()->getModule();
  auto *VecTy = FixedVectorType::get(Ty.get(T.C), N);
  uint64_t Bytes = VecTy->getPrimitiveSizeInBits() / 8;
  // In the entry block: a loop must not grow the stack.
  Function &F = *B.GetInsertBlock()->getParent();
  IRBuilder<> Entry(&F.getEntryBlock(), F.getEntryBlock().begin());
  Value *Temp = Entry.CreateAlloca(VecTy, nullptr, "strong.access");
  FunctionCallee Access = M.getOrInsertFunction(
      IsLoad ? "__tx_strong_load" : "__tx_strong_store", B.getVoidTy(),
      B.getPtrTy(), B.getPtrTy(), B.getInt32Ty());
  if (IsLoad) {
    B.CreateCall(Access, {Ptr, Temp, B.getInt32(Bytes)});
    Value *V = B.CreateLoad(VecTy, Temp);
    for (unsigned E = 0; E < N; ++E)
      if (!T.write(Data.Elements[E], B.CreateExtractElement(V, E)))
        return false;
    return true;
  }
  Value *V = PoisonValue::get(VecTy);
  for (unsigned E = 0; E < N; ++E) {
    Value *Elem = T.read(Data.Elements[E], Ty);
    if (!Elem)
      return false;
    V = B.CreateInsertElement(V, Elem, E);
  }
  B.CreateStore(V, Temp);
  B.CreateCall(Access, {Ptr, Temp, B.getInt32(Bytes)});
  return true;
}

/// The order an ld/st needs on a CPU. .volatile is .relaxed.sys in PTX's
/// memory model; .cg/.cv on global memory is how blocks talk to each other
/// (CUB's look-back: ld.cg/st.cg.v2.u64 of a tile's status and value),
/// which a GPU performs as one transaction. As relaxed accesses, a 16-byte
/// descriptor is not torn (RISC-V's vector loads are per element) and a
/// spin loop's load is not hoisted. Shared memory stays weak: one worker
/// runs all the threads of a block.
AtomicOrdering loadStoreOrdering(const PtxInstruction &I) {
  AtomicOrdering Order = accessOrdering(I);
  if (Order != AtomicOrdering::NotAtomic)
    return Order;
  StringRef Space = stateSpace(I);
  bool Coherent = I.has("volatile") || I.has("cg") || I.has("cv");
  if (Coherent && (Space == "global" || Space.empty()))
    return AtomicOrdering::Monotonic;
  return AtomicOrdering::NotAtomic;
}

bool emitLoadStore(Translator &T, const PtxInstruction &I) {
  bool IsLoad = I.Opcode != "st";
  auto Ty = typeAndOperands(T, I, 2);
  if (!Ty)
    return false;
  if (I.has("param") || I.has("L2::cache_hint") || I.has("b128"))
    return T.unsupported(I);
  unsigned N = vectorWidth(I);
  AtomicOrdering Order = loadStoreOrdering(I);
  IRBuilder<> &B = T.B;
  const Operand &Addr = I.Operands[IsLoad ? 1 : 0];
  const Operand &Data = I.Operands[IsLoad ? 0 : 1];
  if (Addr.K != Operand::Kind::Address ||
      (N > 1) != (Data.K == Operand::Kind::Vector) ||
      (N > 1 && Data.Elements.size() != N))
    return T.fail("malformed operands in '" + I.Text + "'");
  Value *Ptr = T.address(Addr, stateSpace(I));
  if (!Ptr)
    return false;
  Type *ElemTy = Ty->get(T.C);
  Type *AccessTy = N == 1 ? ElemTy : FixedVectorType::get(ElemTy, N);
  Align Alignment(
      std::max<uint64_t>(1, AccessTy->getPrimitiveSizeInBits() / 8));
  bool Volatile = I.has("volatile");
  // A strong vector access (CUB's look-back descriptors, a status and a
  // value) is one access, as on a GPU: readers see both halves of one
  // store. Up to 64 bits it is one atomic access of that width.
  unsigned AccessBits = AccessTy->getPrimitiveSizeInBits();
  bool StrongVector = N > 1 && Order != AtomicOrdering::NotAtomic;
  bool AsOneInteger = StrongVector && AccessBits <= 64;
  if (StrongVector && !AsOneInteger)
    return emitWideStrongAccess(T, I, Ptr, *Ty, N, IsLoad, Data);
  Type *IntTy = B.getIntNTy(AccessBits);
  if (IsLoad) {
    LoadInst *Load = B.CreateAlignedLoad(AsOneInteger ? IntTy : AccessTy, Ptr,
                                         Alignment, Volatile);
    if (Order != AtomicOrdering::NotAtomic)
      Load->setAtomic(Order);
    if (N == 1)
      return T.write(Data, Load);
    Value *Vec = AsOneInteger ? B.CreateBitCast(Load, AccessTy) : Load;
    for (unsigned E = 0; E < N; ++E)
      if (!T.write(Data.Elements[E], B.CreateExtractElement(Vec, E)))
        return false;
    return true;
  }
  Value *V;
  if (N == 1) {
    V = T.read(Data, *Ty);
  } else {
    V = PoisonValue::get(AccessTy);
    for (unsigned E = 0; E < N; ++E) {
      Value *Elem = T.read(Data.Elements[E], *Ty);
      if (!Elem)
        return false;
      V = B.CreateInsertElement(V, Elem, E);
    }
  }
  if (!V)
    return false;
  if (AsOneInteger)
    V = B.CreateBitCast(V, IntTy);
  StoreInst *Store = B.CreateAlignedStore(V, Ptr, Alignment, Volatile);
  if (Order != AtomicOrdering::NotAtomic)
    Store->setAtomic(Order);
  return true;
}

/// atom/red[.sem][.scope][.space].op.type: PTX's default order is relaxed.
bool emitAtomic(Translator &T, const PtxInstruction &I) {
  bool HasResult = I.Opcode == "atom";
  auto Ty = typeAndOperands(T, I, HasResult ? 3 : 2);
  if (!Ty)
    return false;
  if (Ty->Lanes != 1 || vectorWidth(I) != 1)
    return T.unsupported(I);
  unsigned First = HasResult ? 1 : 0;
  const Operand &Addr = I.Operands[First];
  if (Addr.K != Operand::Kind::Address)
    return T.fail("malformed operands in '" + I.Text + "'");
  Value *Ptr = T.address(Addr, stateSpace(I));
  if (!Ptr)
    return false;
  AtomicOrdering Order = accessOrdering(I);
  if (Order == AtomicOrdering::NotAtomic)
    Order = AtomicOrdering::Monotonic;
  IRBuilder<> &B = T.B;
  Value *V = operand(T, I, First + 1, *Ty);
  if (!V)
    return false;
  Value *Result;
  if (I.has("cas")) {
    Value *New = operand(T, I, First + 2, *Ty);
    if (!New)
      return false;
    Type *IntTy = B.getIntNTy(Ty->Bits);
    AtomicOrdering Failure =
        Order == AtomicOrdering::Release          ? AtomicOrdering::Monotonic
        : Order == AtomicOrdering::AcquireRelease ? AtomicOrdering::Acquire
                                                  : Order;
    auto *Cas = B.CreateAtomicCmpXchg(Ptr, T.convert(V, IntTy, false),
                                      T.convert(New, IntTy, false),
                                      MaybeAlign(Ty->Bits / 8), Order, Failure);
    Result = B.CreateExtractValue(Cas, 0);
  } else {
    bool F = Ty->isFloat(), S = Ty->isSigned();
    std::optional<AtomicRMWInst::BinOp> Op;
    if (I.has("add"))
      Op = F ? AtomicRMWInst::FAdd : AtomicRMWInst::Add;
    else if (I.has("min"))
      Op = F   ? AtomicRMWInst::FMin
           : S ? AtomicRMWInst::Min
               : AtomicRMWInst::UMin;
    else if (I.has("max"))
      Op = F   ? AtomicRMWInst::FMax
           : S ? AtomicRMWInst::Max
               : AtomicRMWInst::UMax;
    else if (I.has("and"))
      Op = AtomicRMWInst::And;
    else if (I.has("or"))
      Op = AtomicRMWInst::Or;
    else if (I.has("xor"))
      Op = AtomicRMWInst::Xor;
    else if (I.has("exch"))
      Op = AtomicRMWInst::Xchg;
    else if (I.has("inc"))
      Op = AtomicRMWInst::UIncWrap;
    else if (I.has("dec"))
      Op = AtomicRMWInst::UDecWrap;
    if (!Op)
      return T.unsupported(I);
    Result = B.CreateAtomicRMW(*Op, Ptr, V, MaybeAlign(Ty->Bits / 8), Order);
  }
  return !HasResult || T.write(I.Operands[0], Result);
}

bool emitFence(Translator &T, const PtxInstruction &I) {
  // fence.proxy.* orders the async and generic proxies of one address,
  // which a CPU does not have.
  if (I.has("proxy") || I.has("mbarrier_init"))
    return true;
  T.B.CreateFence(I.has("acq_rel") ? AtomicOrdering::AcquireRelease
                                   : AtomicOrdering::SequentiallyConsistent);
  return true;
}

/// cp.async.{ca,cg}.shared.global [dst], [src], size[, src-size]: copied at
/// once (a CPU thread has no copy engine to overlap with); bytes past
/// src-size are zero. Groups and waits then have nothing left to wait for.
bool emitCpAsync(Translator &T, const PtxInstruction &I) {
  if (I.has("commit_group") || I.has("wait_group") || I.has("wait_all"))
    return true;
  if (!I.has("shared") || !I.has("global") || I.has("bulk") ||
      I.has("mbarrier") || !expectOperands(T, I, 3))
    return T.unsupported(I);
  IRBuilder<> &B = T.B;
  Value *Dst = T.address(I.Operands[0], "shared");
  Value *Src = T.address(I.Operands[1], "global");
  auto *Size = dyn_cast_or_null<ConstantInt>(operand(T, I, 2, u32()));
  if (!Dst || !Src || !Size)
    return Dst && Src ? T.fail("cp.async's size must be a constant in '" +
                               I.Text + "'")
                      : false;
  if (I.Operands.size() < 4) {
    B.CreateMemCpy(Dst, MaybeAlign(), Src, MaybeAlign(), Size->getZExtValue());
    return true;
  }
  Value *SrcSize = operand(T, I, 3, u32());
  if (!SrcSize)
    return false;
  SrcSize = T.callIntrinsic(Intrinsic::umin, {SrcSize, Size}, {B.getInt32Ty()});
  B.CreateMemSet(Dst, B.getInt8(0), Size->getZExtValue(), MaybeAlign());
  B.CreateMemCpy(Dst, MaybeAlign(), Src, MaybeAlign(),
                 B.CreateZExt(SrcSize, B.getInt64Ty()));
  return true;
}
} // namespace

void tx::ptx::addMemoryEmitters(EmitterTable &Table) {
  Table["cvta"] = emitCvta;
  Table["ld"] = emitLoadStore;
  Table["ldu"] = emitLoadStore;
  Table["st"] = emitLoadStore;
  Table["atom"] = emitAtomic;
  Table["red"] = emitAtomic;
  Table["membar"] = emitFence;
  Table["fence"] = emitFence;
  Table["cp"] = emitCpAsync;
}
