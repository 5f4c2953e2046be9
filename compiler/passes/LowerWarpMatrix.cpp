//===- LowerWarpMatrix.cpp - WMMA intrinsics as lane copies + a warp GEMM -===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// mma.h's functions are clang's WMMA builtins, which become
// llvm.nvvm.wmma.<shape>.{load,store,mma}.* intrinsics. Which tile element a
// lane holds is unspecified in CUDA, so on the CPU lane L holds the
// fragment's elements L*U ... L*U+U-1 (U = tile elements / 32) in the
// fragment's canonical order: its layout's order for A and B, row-major for
// the accumulator. Those are contiguous in memory (U divides a line of
// every tile), so a load or store is one copy per lane; only an
// accumulator in column-major memory is copied element by element. The
// f16 A and B fragments have twice the registers a lane needs (Volta's
// layout); the second half repeats the first.
//
// A product needs the whole warp's fragments: each lane copies its part of
// A, B and C into the warp's exchange area (tongxin/warp_matrix_abi.h),
// `__syncwarp` (a cut for WorkItemLoops), lane 0 calls __tx_warp_mma,
// `__syncwarp`, and each lane copies its part of D back. The pass runs
// before the barrier passes, so the two syncs are ordinary barriers to them.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "MmaSyncFragments.h"
#include "TongxinPasses.h"

#include "tongxin/warp_matrix_abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <optional>

using namespace llvm;

#define DEBUG_TYPE "tx-lower-warp-matrix"

namespace {

struct ElementType {
  unsigned Code; ///< TxMatrixType.
  unsigned Bits;
};

std::optional<ElementType> parseElementType(StringRef Name) {
  return StringSwitch<std::optional<ElementType>>(Name)
      .Case("f16", ElementType{TX_MATRIX_F16, 16})
      .Case("bf16", ElementType{TX_MATRIX_BF16, 16})
      .Case("tf32", ElementType{TX_MATRIX_TF32, 32})
      .Case("f32", ElementType{TX_MATRIX_F32, 32})
      .Case("f64", ElementType{TX_MATRIX_F64, 64})
      .Case("s8", ElementType{TX_MATRIX_S8, 8})
      .Case("u8", ElementType{TX_MATRIX_U8, 8})
      .Case("s4", ElementType{TX_MATRIX_S4, 4})
      .Case("u4", ElementType{TX_MATRIX_U4, 4})
      .Case("b1", ElementType{TX_MATRIX_B1, 1})
      .Case("s32", ElementType{TX_MATRIX_S32, 32})
      .Default(std::nullopt);
}

struct Shape {
  unsigned M = 0, N = 0, K = 0;
};

/// "m16n16k16" -> {16, 16, 16}.
std::optional<Shape> parseShape(StringRef Text) {
  Shape S;
  if (!Text.consume_front("m"))
    return std::nullopt;
  size_t NPos = Text.find('n'), KPos = Text.find('k');
  if (NPos == StringRef::npos || KPos == StringRef::npos || KPos < NPos ||
      Text.substr(0, NPos).getAsInteger(10, S.M) ||
      Text.slice(NPos + 1, KPos).getAsInteger(10, S.N) ||
      Text.substr(KPos + 1).getAsInteger(10, S.K) || !S.M || !S.N || !S.K)
    return std::nullopt;
  return S;
}

/// What one lane holds of one operand tile.
struct LaneFragment {
  unsigned Rows = 0, Cols = 0;
  ElementType Element{0, 0};
  bool ColMajor = false; ///< The order of the lane's elements in memory.
  bool Accumulator = false;

  unsigned laneElements() const { return Rows * Cols / 32; }
  unsigned laneBytes() const { return laneElements() * Element.Bits / 8; }
  /// Elements per line (row or column) of the tile.
  unsigned lineLength() const { return ColMajor ? Rows : Cols; }
  /// An accumulator's lane elements are a piece of a row; in column-major
  /// memory they lie a leading dimension apart.
  bool contiguous() const { return !Accumulator || !ColMajor; }
};

LaneFragment fragmentOf(const Shape &S, char Operand, ElementType Element,
                        bool ColMajor) {
  LaneFragment F;
  F.Element = Element;
  F.ColMajor = ColMajor;
  switch (Operand) {
  case 'a':
    F.Rows = S.M, F.Cols = S.K;
    break;
  case 'b':
    F.Rows = S.K, F.Cols = S.N;
    break;
  default:
    F.Rows = S.M, F.Cols = S.N;
    F.Accumulator = true;
  }
  return F;
}

/// One product to lower: its descriptor, its operands' lane fragments and
/// the registers each operand has in the call's arguments.
struct ProductPlan {
  CallInst *Call = nullptr;
  TxWarpMma Op = {};
  LaneFragment Operands[3];
  SmallVector<Value *, 8> Registers[3];
  /// Inline PTX's mma.sync: the PTX ISA's layouts (A, B, C, D).
  bool MmaSync = false;
  tx::MmaSyncOperand Sync[4];
};

class WarpMatrixLowering {
public:
  explicit WarpMatrixLowering(Module &M)
      : M(M), C(M.getContext()), I32(Type::getInt32Ty(C)),
        I64(Type::getInt64Ty(C)), Ptr(PointerType::get(C, 0)) {}

  /// Rewrites a WMMA load or store; returns false for other calls.
  bool lowerLoadOrStore(CallInst *Call);
  /// Fills Plan if Call is a WMMA product this pass knows.
  bool planProduct(CallInst *Call, ProductPlan &Plan);
  /// Lowers products of one block that share one exchange: each lane
  /// publishes every product's operands, the warp synchronises, lane 0
  /// computes them all, the warp synchronises, each lane reads its results.
  /// Sunk: instructions between the products that use their results, in
  /// order; they move below the results.
  void lowerProducts(MutableArrayRef<ProductPlan> Group,
                     ArrayRef<Instruction *> Sunk);

private:
  Module &M;
  LLVMContext &C;
  Type *I32, *I64, *Ptr;

  bool lowerLoad(CallInst *Call, const Shape &S, ArrayRef<StringRef> Parts);
  bool lowerStore(CallInst *Call, const Shape &S, ArrayRef<StringRef> Parts);

  /// The calling thread's lane (i64) and warp (i32) within its block.
  std::pair<Value *, Value *> laneAndWarp(IRBuilder<> &B) {
    Value *Linear = tx::emitLinearThreadId(B, M);
    return {B.CreateZExt(B.CreateAnd(Linear, 31), I64),
            B.CreateLShr(Linear, 5)};
  }
  AllocaInst *laneAlloca(IRBuilder<> &B, CallInst *Call, Type *Ty);
  Value *memoryAddress(IRBuilder<> &B, Value *Base, Value *Leading, Value *Line,
                       Value *Offset, unsigned Bits);
  void copyLane(IRBuilder<> &B, const LaneFragment &F, Value *Memory,
                Value *Leading, Value *Registers, bool ToMemory);
  Value *warpArea(IRBuilder<> &B, Value *Warp, unsigned Slot);
  void syncWarp(IRBuilder<> &B);
  void publish(IRBuilder<> &B, CallInst *Call, const LaneFragment &F,
               ArrayRef<Value *> Values, Value *Area, unsigned Offset,
               Value *Lane);
  void readResult(IRBuilder<> &B, const LaneFragment &D, Value *Area,
                  Value *Lane, Value *Registers);
  GlobalVariable *productDescriptor(const TxWarpMma &Op);
};

/// A lane's registers in memory for one copy: an entry-block alloca whose
/// life starts here (the caller ends it), so that SROA makes it values
/// without carrying them around loops.
AllocaInst *WarpMatrixLowering::laneAlloca(IRBuilder<> &B, CallInst *Call,
                                           Type *Ty) {
  Function &F = *Call->getFunction();
  IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
  AllocaInst *Slot = Entry.CreateAlloca(Ty, nullptr, "wmma.lane");
  B.CreateLifetimeStart(Slot);
  return Slot;
}

/// Base + (Line * Leading + Offset) elements of Bits each.
Value *WarpMatrixLowering::memoryAddress(IRBuilder<> &B, Value *Base,
                                         Value *Leading, Value *Line,
                                         Value *Offset, unsigned Bits) {
  Value *Index = B.CreateAdd(B.CreateMul(Line, Leading), Offset);
  Value *Bytes = Bits >= 8
                     ? B.CreateMul(Index, B.getInt64(Bits / 8))
                     : B.CreateLShr(B.CreateMul(Index, B.getInt64(Bits)), 3);
  return B.CreateGEP(B.getInt8Ty(), Base, Bytes);
}

/// Copies the calling lane's elements of fragment F between memory (tile
/// at Memory, leading dimension Leading elements, i64) and Registers.
void WarpMatrixLowering::copyLane(IRBuilder<> &B, const LaneFragment &F,
                                  Value *Memory, Value *Leading,
                                  Value *Registers, bool ToMemory) {
  Value *Lane = laneAndWarp(B).first;
  const unsigned Count = F.laneElements();
  Value *First = B.CreateMul(Lane, B.getInt64(Count));
  auto Copy = [&](Value *At, Value *Into, unsigned Bytes, unsigned Align) {
    if (ToMemory)
      B.CreateMemCpy(At, MaybeAlign(Align), Into, MaybeAlign(1), Bytes);
    else
      B.CreateMemCpy(Into, MaybeAlign(1), At, MaybeAlign(Align), Bytes);
  };
  const unsigned ElementAlign = std::max(1u, F.Element.Bits / 8);
  if (F.contiguous()) {
    Value *Length = B.getInt64(F.lineLength());
    Value *At = memoryAddress(B, Memory, Leading, B.CreateUDiv(First, Length),
                              B.CreateURem(First, Length), F.Element.Bits);
    Copy(At, Registers, F.laneBytes(), F.Element.Bits < 8 ? 4 : ElementAlign);
    return;
  }
  for (unsigned I = 0; I < Count; ++I) {
    Value *Index = B.CreateAdd(First, B.getInt64(I));
    Value *Row = B.CreateUDiv(Index, B.getInt64(F.Cols));
    Value *Col = B.CreateURem(Index, B.getInt64(F.Cols));
    Value *At = memoryAddress(B, Memory, Leading, Col, Row, F.Element.Bits);
    Value *Slot =
        B.CreateConstGEP1_32(B.getInt8Ty(), Registers, I * ElementAlign);
    Copy(At, Slot, ElementAlign, ElementAlign);
  }
}

/// The leading dimension operand (elements), or the tile's own line length
/// for the intrinsics without `.stride`.
static Value *leadingDimension(IRBuilder<> &B, CallInst *Call, unsigned Arg,
                               bool Stride, const LaneFragment &F) {
  if (!Stride)
    return B.getInt64(F.lineLength());
  return B.CreateZExt(Call->getArgOperand(Arg), B.getInt64Ty());
}

/// load.{a,b,c}.{row,col}[.stride].<type>[.pN]
bool WarpMatrixLowering::lowerLoad(CallInst *Call, const Shape &S,
                                   ArrayRef<StringRef> Parts) {
  if (Parts.size() < 3)
    return false;
  bool Stride = Parts.size() > 3 && Parts[2] == "stride";
  auto Element = parseElementType(Parts[Stride ? 3 : 2]);
  if (!Element || Parts[0].size() != 1 || !StringRef("abc").contains(Parts[0]))
    return false;
  LaneFragment F = fragmentOf(S, Parts[0][0], *Element, Parts[1] == "col");
  IRBuilder<> B(Call);
  Type *RegistersTy = Call->getType();
  AllocaInst *Registers = laneAlloca(B, Call, RegistersTy);
  copyLane(B, F, Call->getArgOperand(0),
           leadingDimension(B, Call, 1, Stride, F), Registers,
           /*ToMemory=*/false);
  // Registers beyond the lane's elements (f16 A and B) repeat them.
  const uint64_t Total =
      M.getDataLayout().getTypeStoreSize(RegistersTy).getFixedValue();
  for (uint64_t At = F.laneBytes(); At + F.laneBytes() <= Total;
       At += F.laneBytes())
    B.CreateMemCpy(B.CreateConstGEP1_64(B.getInt8Ty(), Registers, At),
                   MaybeAlign(1), Registers, MaybeAlign(1), F.laneBytes());
  Call->replaceAllUsesWith(B.CreateLoad(RegistersTy, Registers));
  B.CreateLifetimeEnd(Registers);
  Call->eraseFromParent();
  return true;
}

/// Stores Values (the fragment's registers) into a new entry-block alloca.
static AllocaInst *spillRegisters(IRBuilder<> &B, AllocaInst *Slot,
                                  ArrayRef<Value *> Values) {
  auto *Ty = cast<StructType>(Slot->getAllocatedType());
  for (unsigned I = 0; I < Values.size(); ++I)
    B.CreateStore(Values[I], B.CreateStructGEP(Ty, Slot, I));
  return Slot;
}

static StructType *registersType(LLVMContext &C, ArrayRef<Value *> Values) {
  SmallVector<Type *, 8> Types;
  for (Value *V : Values)
    Types.push_back(V->getType());
  return StructType::get(C, Types);
}

/// store.d.{row,col}[.stride].<type>[.pN](ptr, registers..., [ldm])
bool WarpMatrixLowering::lowerStore(CallInst *Call, const Shape &S,
                                    ArrayRef<StringRef> Parts) {
  if (Parts.size() < 3 || Parts[0] != "d")
    return false;
  bool Stride = Parts.size() > 3 && Parts[2] == "stride";
  auto Element = parseElementType(Parts[Stride ? 3 : 2]);
  if (!Element)
    return false;
  LaneFragment F = fragmentOf(S, 'd', *Element, Parts[1] == "col");
  unsigned End = Call->arg_size() - (Stride ? 1 : 0);
  SmallVector<Value *, 8> Values(Call->arg_begin() + 1,
                                 Call->arg_begin() + End);
  IRBuilder<> B(Call);
  AllocaInst *Registers =
      spillRegisters(B, laneAlloca(B, Call, registersType(C, Values)), Values);
  copyLane(B, F, Call->getArgOperand(0),
           leadingDimension(B, Call, End, Stride, F), Registers,
           /*ToMemory=*/true);
  B.CreateLifetimeEnd(Registers);
  Call->eraseFromParent();
  return true;
}

/// The exchange area of product Slot of a group, for warp Warp. The
/// runtime's areas are one pointer per worker, so the call is declared
/// pure: the thread loops read it once.
Value *WarpMatrixLowering::warpArea(IRBuilder<> &B, Value *Warp,
                                    unsigned Slot) {
  Function *Areas = M.getFunction("__tx_warp_matrix_areas");
  if (!Areas) {
    Areas = Function::Create(FunctionType::get(Ptr, false),
                             GlobalValue::ExternalLinkage,
                             "__tx_warp_matrix_areas", M);
    Areas->setDoesNotAccessMemory();
    Areas->setDoesNotThrow();
    Areas->setWillReturn();
    // So that LICM may take it out of a thread loop from a guarded block.
    Areas->addFnAttr(Attribute::Speculatable);
  }
  Value *Index = B.CreateAdd(
      B.CreateMul(B.CreateZExt(Warp, I64), B.getInt64(TX_WARP_MMA_SLOTS)),
      B.getInt64(Slot));
  return B.CreateGEP(B.getInt8Ty(), B.CreateCall(Areas),
                     B.CreateMul(Index, B.getInt64(TX_WARP_MMA_AREA_BYTES)));
}

void WarpMatrixLowering::syncWarp(IRBuilder<> &B) {
  B.CreateCall(Intrinsic::getDeclaration(&M, Intrinsic::nvvm_bar_warp_sync),
               {B.getInt32(-1)});
}

GlobalVariable *WarpMatrixLowering::productDescriptor(const TxWarpMma &Op) {
  Type *I8 = Type::getInt8Ty(C), *I16 = Type::getInt16Ty(C);
  auto *Ty = StructType::get(
      C, {I16, I16, I16, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8});
  auto Byte = [&](unsigned V) { return ConstantInt::get(I8, V); };
  auto Half = [&](unsigned V) { return ConstantInt::get(I16, V); };
  Constant *Init = ConstantStruct::get(
      Ty,
      {Half(Op.M), Half(Op.N), Half(Op.K), Byte(Op.TypeA), Byte(Op.TypeB),
       Byte(Op.TypeC), Byte(Op.TypeD), Byte(Op.ColMajorA), Byte(Op.ColMajorB),
       Byte(Op.Saturate), Byte(Op.BitOp), Byte(Op.AreaOfA), Byte(Op.AreaOfB)});
  return new GlobalVariable(M, Ty, /*isConstant=*/true,
                            GlobalValue::PrivateLinkage, Init, "wmma.op");
}

namespace {
/// How lanes publish elements of a type in the exchange area
/// (tongxin/warp_matrix_abi.h): the element type of their registers and
/// the widened type they publish; no types for fp8 and sub-byte elements,
/// which go as their bytes.
struct Publication {
  Type *Register = nullptr;
  Type *Exchange = nullptr;
};
} // namespace

static Publication publicationOf(LLVMContext &C, unsigned Code) {
  Type *F32 = Type::getFloatTy(C), *I32 = Type::getInt32Ty(C);
  switch (Code) {
  case TX_MATRIX_F16:
    return {Type::getHalfTy(C), F32};
  case TX_MATRIX_BF16:
    return {Type::getBFloatTy(C), F32};
  case TX_MATRIX_TF32:
    return {I32, F32};
  case TX_MATRIX_F32:
    return {F32, F32};
  case TX_MATRIX_F64:
    return {Type::getDoubleTy(C), Type::getDoubleTy(C)};
  case TX_MATRIX_S8:
  case TX_MATRIX_U8:
    return {Type::getInt8Ty(C), I32};
  case TX_MATRIX_S32:
    return {I32, I32};
  default:
    return {};
  }
}

/// Registers (U elements) widened as they are published.
static Value *widen(IRBuilder<> &B, unsigned Code, Value *Elements,
                    Type *Exchange) {
  auto *Ty = VectorType::get(Exchange, cast<VectorType>(Elements->getType()));
  switch (Code) {
  case TX_MATRIX_F16:
  case TX_MATRIX_BF16:
    return B.CreateFPExt(Elements, Ty);
  case TX_MATRIX_TF32: // tensor cores ignore the low 13 fraction bits
    return B.CreateBitCast(B.CreateAnd(Elements, 0xffffe000u), Ty);
  case TX_MATRIX_S8:
    return B.CreateSExt(Elements, Ty);
  case TX_MATRIX_U8:
    return B.CreateZExt(Elements, Ty);
  default:
    return Elements;
  }
}

/// The lane's first Count elements of type Element from its registers, as
/// one vector built in registers: a register holds one element, a vector
/// of them, or their bits as an integer (bf16 and s8 pack into i32). Null
/// where the registers do not split into whole elements. (Spilled to an
/// alloca and read back, SROA would blend each register into the value the
/// alloca held in the previous iteration of a loop, a phi that then crosses
/// every cut of the loop for nothing.)
static Value *packRegisters(IRBuilder<> &B, ArrayRef<Value *> Registers,
                            Type *Element, unsigned Count) {
  const unsigned ElementBits = Element->getPrimitiveSizeInBits();
  SmallVector<Value *, 8> Pieces;
  unsigned Have = 0;
  for (Value *Register : Registers) {
    if (Have >= Count)
      break;
    Type *Ty = Register->getType();
    unsigned Bits = Ty->getPrimitiveSizeInBits();
    if (!Bits || Bits % ElementBits || Ty->isStructTy())
      return nullptr;
    auto *Piece = FixedVectorType::get(Element, Bits / ElementBits);
    Pieces.push_back(B.CreateBitCast(Register, Piece));
    Have += Piece->getNumElements();
  }
  if (Have < Count || Pieces.empty())
    return nullptr;
  // Concatenate pairwise until one vector holds them all.
  while (Pieces.size() > 1) {
    SmallVector<Value *, 8> Next;
    for (unsigned I = 0; I + 1 < Pieces.size(); I += 2) {
      unsigned Left =
          cast<FixedVectorType>(Pieces[I]->getType())->getNumElements();
      unsigned Right =
          cast<FixedVectorType>(Pieces[I + 1]->getType())->getNumElements();
      if (Left != Right)
        return nullptr;
      SmallVector<int, 16> Mask;
      for (unsigned E = 0; E < Left + Right; ++E)
        Mask.push_back(E);
      Next.push_back(B.CreateShuffleVector(Pieces[I], Pieces[I + 1], Mask));
    }
    if (Pieces.size() % 2) {
      // An odd piece out: widen it to its neighbours' size with poison.
      Value *Last = Pieces.back();
      unsigned Size = cast<FixedVectorType>(Last->getType())->getNumElements();
      SmallVector<int, 16> Mask;
      for (unsigned E = 0; E < 2 * Size; ++E)
        Mask.push_back(E < Size ? int(E) : -1);
      Next.push_back(B.CreateShuffleVector(Last, Mask));
    }
    Pieces = std::move(Next);
  }
  Value *All = Pieces.front();
  unsigned Size = cast<FixedVectorType>(All->getType())->getNumElements();
  if (Size == Count)
    return All;
  SmallVector<int, 16> First;
  for (unsigned E = 0; E < Count; ++E)
    First.push_back(E);
  return B.CreateShuffleVector(All, First);
}

/// Copies the calling lane's part of an operand from its registers into
/// the exchange area at Offset, widened.
void WarpMatrixLowering::publish(IRBuilder<> &B, CallInst *Call,
                                 const LaneFragment &F,
                                 ArrayRef<Value *> Values, Value *Area,
                                 unsigned Offset, Value *Lane) {
  Publication P = publicationOf(C, F.Element.Code);
  const unsigned Count = F.laneElements();
  Value *Elements =
      P.Exchange ? packRegisters(B, Values, P.Register, Count) : nullptr;
  AllocaInst *Registers = nullptr;
  if (!Elements) {
    Registers = spillRegisters(B, laneAlloca(B, Call, registersType(C, Values)),
                               Values);
    if (!P.Exchange) {
      Value *Slot = B.CreateGEP(
          B.getInt8Ty(), Area,
          B.CreateAdd(B.getInt64(Offset),
                      B.CreateMul(Lane, B.getInt64(F.laneBytes()))));
      B.CreateMemCpy(Slot, MaybeAlign(1), Registers, MaybeAlign(1),
                     F.laneBytes());
      B.CreateLifetimeEnd(Registers);
      return;
    }
    // The registers' own alignment, not the vector type's.
    Elements = B.CreateAlignedLoad(FixedVectorType::get(P.Register, Count),
                                   Registers, Registers->getAlign());
  }
  Value *Wide = widen(B, F.Element.Code, Elements, P.Exchange);
  const uint64_t Bytes =
      uint64_t(Count) * P.Exchange->getPrimitiveSizeInBits() / 8;
  Value *Slot = B.CreateGEP(
      B.getInt8Ty(), Area,
      B.CreateAdd(B.getInt64(Offset), B.CreateMul(Lane, B.getInt64(Bytes))));
  B.CreateAlignedStore(Wide, Slot, Align(4));
  if (Registers)
    B.CreateLifetimeEnd(Registers);
}

/// Reads the calling lane's part of D from the exchange area into
/// Registers, rounding f32 to f16 where D is f16.
void WarpMatrixLowering::readResult(IRBuilder<> &B, const LaneFragment &D,
                                    Value *Area, Value *Lane,
                                    Value *Registers) {
  const bool Half = D.Element.Code == TX_MATRIX_F16;
  Publication P = publicationOf(C, D.Element.Code);
  const unsigned Count = D.laneElements();
  const uint64_t Bytes =
      uint64_t(Count) * P.Exchange->getPrimitiveSizeInBits() / 8;
  Value *Slot = B.CreateGEP(B.getInt8Ty(), Area,
                            B.CreateAdd(B.getInt64(TX_WARP_MMA_D_OFFSET),
                                        B.CreateMul(Lane, B.getInt64(Bytes))));
  Value *Wide = B.CreateAlignedLoad(FixedVectorType::get(P.Exchange, Count),
                                    Slot, Align(4));
  B.CreateAlignedStore(
      Half ? B.CreateFPTrunc(Wide, FixedVectorType::get(P.Register, Count))
           : Wide,
      Registers, cast<AllocaInst>(Registers)->getAlign());
}

/// The product's operand and result types from the name's tail:
/// f16: <dtype>.<ctype>; integers: <atype>; bf16/tf32: f32 result; f64.
static bool productTypes(ArrayRef<StringRef> Types, TxWarpMma &Op) {
  auto First = parseElementType(Types.empty() ? "" : Types[0]);
  if (!First)
    return false;
  switch (First->Code) {
  case TX_MATRIX_F16:
  case TX_MATRIX_F32: {
    auto Second = parseElementType(Types.size() > 1 ? Types[1] : "");
    if (!Second)
      return false;
    Op.TypeA = Op.TypeB = TX_MATRIX_F16;
    Op.TypeD = First->Code, Op.TypeC = Second->Code;
    return true;
  }
  case TX_MATRIX_BF16:
  case TX_MATRIX_TF32:
    Op.TypeA = Op.TypeB = First->Code;
    Op.TypeC = Op.TypeD = TX_MATRIX_F32;
    return true;
  case TX_MATRIX_F64:
    Op.TypeA = Op.TypeB = Op.TypeC = Op.TypeD = TX_MATRIX_F64;
    return true;
  default:
    Op.TypeA = Op.TypeB = First->Code;
    Op.TypeC = Op.TypeD = TX_MATRIX_S32;
    return true;
  }
}

static unsigned elementBits(unsigned Code) {
  switch (Code) {
  case TX_MATRIX_F64:
    return 64;
  case TX_MATRIX_F16:
  case TX_MATRIX_BF16:
    return 16;
  case TX_MATRIX_S8:
  case TX_MATRIX_U8:
    return 8;
  case TX_MATRIX_S4:
  case TX_MATRIX_U4:
    return 4;
  case TX_MATRIX_B1:
    return 1;
  default:
    return 32;
  }
}

/// mma[.xor.popc|.and.popc].{row,col}.{row,col}.<types>[.satfinite][.rn..]
static bool parseProduct(const Shape &S, ArrayRef<StringRef> Parts,
                         TxWarpMma &Op) {
  Op = {};
  Op.M = S.M, Op.N = S.N, Op.K = S.K;
  if (Parts.size() >= 2 && Parts[1] == "popc") {
    Op.BitOp = Parts[0] == "and" ? TX_MATRIX_BIT_AND : TX_MATRIX_BIT_XOR;
    Parts = Parts.drop_front(2);
  }
  if (Parts.size() < 3)
    return false;
  Op.ColMajorA = Parts[0] == "col";
  Op.ColMajorB = Parts[1] == "col";
  SmallVector<StringRef, 2> Types;
  for (StringRef Part : Parts.drop_front(2)) {
    if (Part == "satfinite")
      Op.Saturate = 1;
    else if (parseElementType(Part))
      Types.push_back(Part);
  }
  return productTypes(Types, Op);
}

/// The registers of inline PTX's mma.sync: A's, B's and C's in a row.
static bool planMmaSync(CallInst *Call, ProductPlan &Plan) {
  if (!tx::parseMmaSync(Call->getCalledFunction()->getName(), Plan.Op,
                        Plan.Sync))
    return false;
  Plan.Call = Call;
  Plan.MmaSync = true;
  unsigned Arg = 0;
  for (unsigned Operand = 0; Operand < 3; ++Operand) {
    Plan.Registers[Operand].clear();
    for (unsigned R = 0; R < Plan.Sync[Operand].Registers; ++R, ++Arg) {
      if (Arg >= Call->arg_size())
        return false;
      Plan.Registers[Operand].push_back(Call->getArgOperand(Arg));
    }
  }
  auto *Result = dyn_cast<StructType>(Call->getType());
  return Arg == Call->arg_size() && Result &&
         Result->getNumElements() == Plan.Sync[3].Registers;
}

bool WarpMatrixLowering::planProduct(CallInst *Call, ProductPlan &Plan) {
  StringRef Name = Call->getCalledFunction()->getName();
  if (Name.starts_with("__tx.mma."))
    return planMmaSync(Call, Plan);
  if (!Name.consume_front("llvm.nvvm.wmma."))
    return false;
  SmallVector<StringRef, 12> Parts;
  Name.split(Parts, '.');
  std::optional<Shape> S = parseShape(Parts[0]);
  if (!S || Parts.size() < 2 || Parts[1] != "mma" ||
      !parseProduct(*S, ArrayRef<StringRef>(Parts).drop_front(2), Plan.Op))
    return false;
  const TxWarpMma &Op = Plan.Op;
  auto Fragment = [&](char Operand, unsigned Code, bool Col) {
    return fragmentOf(*S, Operand, ElementType{Code, elementBits(Code)}, Col);
  };
  Plan.Call = Call;
  Plan.Operands[0] = Fragment('a', Op.TypeA, Op.ColMajorA);
  Plan.Operands[1] = Fragment('b', Op.TypeB, Op.ColMajorB);
  Plan.Operands[2] = Fragment('c', Op.TypeC, false);
  // The operands' registers follow each other in the argument list; an
  // f16 A or B has 256 bits of them whatever the shape.
  const DataLayout &DL = M.getDataLayout();
  unsigned Arg = 0;
  for (unsigned Operand = 0; Operand < 3; ++Operand) {
    const LaneFragment &F = Plan.Operands[Operand];
    uint64_t Bits = F.Element.Code == TX_MATRIX_F16 && Operand < 2
                        ? 256
                        : uint64_t(F.laneBytes()) * 8;
    Plan.Registers[Operand].clear();
    for (uint64_t Seen = 0; Seen < Bits && Arg < Call->arg_size(); ++Arg) {
      Plan.Registers[Operand].push_back(Call->getArgOperand(Arg));
      Seen += DL.getTypeSizeInBits(Call->getArgOperand(Arg)->getType())
                  .getFixedValue();
    }
  }
  return Arg == Call->arg_size();
}

/// Operand (0: A, 1: B) of Later is that of Earlier: the same form of
/// product and the same registers.
static bool sameOperand(const ProductPlan &Earlier, const ProductPlan &Later,
                        unsigned Operand) {
  const TxWarpMma &E = Earlier.Op, &L = Later.Op;
  if (Earlier.MmaSync != Later.MmaSync || E.K != L.K ||
      Earlier.Registers[Operand] != Later.Registers[Operand])
    return false;
  // mma.sync's register layouts follow the whole shape.
  if (Earlier.MmaSync && (E.M != L.M || E.N != L.N))
    return false;
  return Operand == 0
             ? E.M == L.M && E.TypeA == L.TypeA && E.ColMajorA == L.ColMajorA
             : E.N == L.N && E.TypeB == L.TypeB && E.ColMajorB == L.ColMajorB;
}

/// Points product Slot's A and B at an earlier product's in the group
/// that has the same ones (published there, copied by the runtime).
static void shareOperands(MutableArrayRef<ProductPlan> Group, unsigned Slot) {
  ProductPlan &Plan = Group[Slot];
  for (unsigned Operand = 0; Operand < 2; ++Operand)
    for (unsigned Earlier = 0; Earlier < Slot; ++Earlier) {
      // An earlier product that itself borrowed the operand has no copy
      // of it before the runtime makes one; take the one that published.
      const TxWarpMma &E = Group[Earlier].Op;
      if ((Operand ? E.AreaOfB : E.AreaOfA) ||
          !sameOperand(Group[Earlier], Plan, Operand))
        continue;
      (Operand ? Plan.Op.AreaOfB : Plan.Op.AreaOfA) = Slot - Earlier;
      break;
    }
}

static bool isShared(const TxWarpMma &Op, unsigned Operand) {
  return (Operand == 0 && Op.AreaOfA) || (Operand == 1 && Op.AreaOfB);
}

void WarpMatrixLowering::lowerProducts(MutableArrayRef<ProductPlan> Group,
                                       ArrayRef<Instruction *> Sunk) {
  static const unsigned Offsets[3] = {
      TX_WARP_MMA_A_OFFSET, TX_WARP_MMA_B_OFFSET, TX_WARP_MMA_C_OFFSET};
  // The users to move are those above the last product (the group's
  // block is split there below).
  CallInst *Last = Group.back().Call;
  SmallVector<Instruction *, 16> Moved;
  for (Instruction *I : Sunk)
    if (I->comesBefore(Last))
      Moved.push_back(I);
  IRBuilder<> B(Group.front().Call);
  auto [Lane, Warp] = laneAndWarp(B);
  for (unsigned Slot = 0; Slot < Group.size(); ++Slot) {
    ProductPlan &Plan = Group[Slot];
    B.SetInsertPoint(Plan.Call);
    Value *Area = warpArea(B, Warp, Slot);
    shareOperands(Group, Slot);
    for (unsigned Operand = 0; Operand < 3 && Plan.MmaSync; ++Operand)
      if (!isShared(Plan.Op, Operand))
        tx::publishMmaSync(
            B, Plan.Sync[Operand], Plan.Registers[Operand],
            B.CreateGEP(B.getInt8Ty(), Area, B.getInt64(Offsets[Operand])),
            Lane);
    for (unsigned Operand = 0; Operand < 3 && !Plan.MmaSync; ++Operand)
      if (!isShared(Plan.Op, Operand))
        publish(B, Plan.Call, Plan.Operands[Operand], Plan.Registers[Operand],
                Area, Offsets[Operand], Lane);
  }
  B.SetInsertPoint(Last);
  syncWarp(B);
  {
    auto [FirstLane, FirstWarp] = laneAndWarp(B);
    Instruction *Then = SplitBlockAndInsertIfThen(
        B.CreateICmpEQ(FirstLane, B.getInt64(0)), Last->getIterator(),
        /*Unreachable=*/false);
    B.SetInsertPoint(Then);
    for (unsigned Slot = 0; Slot < Group.size(); ++Slot)
      B.CreateCall(
          M.getOrInsertFunction("__tx_warp_mma", B.getVoidTy(), Ptr, Ptr),
          {warpArea(B, FirstWarp, Slot), productDescriptor(Group[Slot].Op)});
  }
  B.SetInsertPoint(Last);
  syncWarp(B);
  auto [ReadLane, ReadWarp] = laneAndWarp(B);
  for (unsigned Slot = 0; Slot < Group.size(); ++Slot) {
    CallInst *Call = Group[Slot].Call;
    if (Group[Slot].MmaSync) {
      Value *Tile = B.CreateGEP(B.getInt8Ty(), warpArea(B, ReadWarp, Slot),
                                B.getInt64(TX_WARP_MMA_D_OFFSET));
      Call->replaceAllUsesWith(
          tx::readMmaSync(B, Group[Slot].Sync[3], Tile, ReadLane,
                          cast<StructType>(Call->getType())));
      continue;
    }
    AllocaInst *Registers = laneAlloca(B, Call, Call->getType());
    readResult(
        B,
        fragmentOf({Group[Slot].Op.M, Group[Slot].Op.N, Group[Slot].Op.K}, 'c',
                   ElementType{Group[Slot].Op.TypeD,
                               elementBits(Group[Slot].Op.TypeD)},
                   false),
        warpArea(B, ReadWarp, Slot), ReadLane, Registers);
    Call->replaceAllUsesWith(B.CreateLoad(Call->getType(), Registers));
    B.CreateLifetimeEnd(Registers);
  }
  for (Instruction *I : Moved)
    I->moveBefore(Last);
  for (ProductPlan &Plan : Group)
    Plan.Call->eraseFromParent();
}

bool WarpMatrixLowering::lowerLoadOrStore(CallInst *Call) {
  StringRef Name = Call->getCalledFunction()->getName();
  if (!Name.consume_front("llvm.nvvm.wmma."))
    return false;
  SmallVector<StringRef, 12> Parts;
  Name.split(Parts, '.');
  std::optional<Shape> S = parseShape(Parts[0]);
  if (!S || Parts.size() < 2)
    return false;
  ArrayRef<StringRef> Rest = ArrayRef<StringRef>(Parts).drop_front(2);
  if (Parts[1] == "load")
    return lowerLoad(Call, *S, Rest);
  if (Parts[1] == "store")
    return lowerStore(Call, *S, Rest);
  return false;
}

/// Products that share one exchange, and the side-effect-free
/// instructions between them that use their results (extractvalue and the
/// like), which move below the group's last product.
struct ProductGroup {
  SmallVector<ProductPlan, 4> Products;
  SmallVector<Instruction *, 16> Sunk;
};

/// Splits a block's products into groups that can share one exchange: in
/// program order, at most TX_WARP_MMA_SLOTS, none depending on another's
/// result, nothing with side effects between them depending on one, and no
/// cut between them.
static void groupProducts(BasicBlock &BB, WarpMatrixLowering &Lowering,
                          SmallVectorImpl<ProductGroup> &Groups,
                          SmallVectorImpl<CallInst *> &Unknown) {
  ProductGroup Current;
  SmallPtrSet<Value *, 16> Tainted; // results, and values computed from them
  auto Flush = [&] {
    if (!Current.Products.empty())
      Groups.push_back(std::move(Current));
    Current = ProductGroup();
    Tainted.clear();
  };
  for (Instruction &I : BB) {
    bool UsesResult =
        any_of(I.operands(), [&](Value *Op) { return Tainted.contains(Op); });
    bool Product = tx::isWarpMatrixProduct(I);
    if (UsesResult && !Product && !I.mayHaveSideEffects() && !isa<PHINode>(I) &&
        !I.isTerminator()) {
      Tainted.insert(&I);
      Current.Sunk.push_back(&I);
      continue;
    }
    if (UsesResult || tx::isBarrier(I) || tx::isWarpCollective(I) ||
        I.isTerminator())
      Flush();
    if (!Product)
      continue;
    ProductPlan Plan;
    if (!Lowering.planProduct(cast<CallInst>(&I), Plan)) {
      Unknown.push_back(cast<CallInst>(&I));
      continue;
    }
    if (Current.Products.size() == TX_WARP_MMA_SLOTS)
      Flush();
    Current.Products.push_back(Plan);
    Tainted.insert(&I);
  }
  Flush();
}

/// Merges each block into its predecessor where that is its only one and
/// it is the predecessor's only successor: an unrolled loop of products
/// (a warp's 2x2 tiles) becomes one block, so its products can share an
/// exchange.
static void mergeStraightLines(Function &F) {
  for (BasicBlock &BB : make_early_inc_range(F))
    if (&BB != &F.getEntryBlock())
      MergeBlockIntoPredecessor(&BB);
}

static void reportUnsupported(CallInst *Call) {
  Function &F = *Call->getFunction();
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F,
      "CUDA device intrinsic '" + Call->getCalledFunction()->getName() +
          "' is not supported on the CPU backend",
      Call->getDebugLoc()));
}

} // namespace

PreservedAnalyses tx::LowerWarpMatrixPass::run(Module &M,
                                               ModuleAnalysisManager &) {
  SmallVector<CallInst *, 16> Calls;
  for (Function &F : M)
    if (F.isDeclaration() && (F.getName().starts_with("llvm.nvvm.wmma.") ||
                              F.getName().starts_with("__tx.mma.")))
      for (User *U : F.users())
        if (auto *Call = dyn_cast<CallInst>(U))
          Calls.push_back(Call);
  if (Calls.empty())
    return PreservedAnalyses::all();
  WarpMatrixLowering Lowering(M);
  SmallVector<CallInst *, 4> Unknown;
  SmallPtrSet<Function *, 8> ProductFunctions;
  for (CallInst *Call : Calls) {
    if (tx::isWarpMatrixProduct(*Call))
      ProductFunctions.insert(Call->getFunction());
    else if (!Lowering.lowerLoadOrStore(Call))
      Unknown.push_back(Call);
  }
  SmallVector<ProductGroup, 8> Groups;
  for (Function *F : ProductFunctions) {
    mergeStraightLines(*F);
    for (BasicBlock &BB : *F)
      groupProducts(BB, Lowering, Groups, Unknown);
  }
  for (ProductGroup &Group : Groups)
    Lowering.lowerProducts(Group.Products, Group.Sunk);
  for (CallInst *Call : Unknown)
    reportUnsupported(Call);
  for (Function &F : make_early_inc_range(M))
    if (F.isDeclaration() && F.use_empty() &&
        (F.getName().starts_with("__tx.mma.") ||
         F.getName().starts_with("llvm.nvvm.wmma.")))
      F.eraseFromParent();
  return PreservedAnalyses::none();
}
