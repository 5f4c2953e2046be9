//===- PtxBoolToFloat.cpp - Booleans to floats, for the NVPTX backend -----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// LLVM 19's NVPTX backend converts a signed i1 to floating point wrongly
// when the boolean is a combination of predicates (an `or` of two
// comparisons, say): it materialises the boolean as 1, not -1, before the
// signed conversion, so `c ? -1 : 0` stored as a double reads +1.0. Such
// conversions come out of InstCombine for ordinary code like
//   A[i] = i == j ? 2.0 : (i - j == 1 || j - i == 1 ? -1 : 0);
// This pass, run after the optimisation pipeline and before code
// generation, turns every sitofp/uitofp of i1 (or of a vector of i1) into
// the select the conversion means: -1.0 or 1.0 where true, 0.0 where false.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-ptx-bool-to-float"

/// True for a conversion of i1 or <N x i1> to floating point.
static bool convertsBoolean(const Instruction &I) {
  if (!isa<SIToFPInst>(I) && !isa<UIToFPInst>(I))
    return false;
  return I.getOperand(0)->getType()->getScalarType()->isIntegerTy(1);
}

PreservedAnalyses tx::PtxBoolToFloatPass::run(Module &M,
                                              ModuleAnalysisManager &) {
  SmallVector<Instruction *, 8> Conversions;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (convertsBoolean(I))
        Conversions.push_back(&I);
  for (Instruction *I : Conversions) {
    Type *Ty = I->getType();
    double True = isa<SIToFPInst>(I) ? -1.0 : 1.0;
    IRBuilder<> B(I);
    Value *Select = B.CreateSelect(I->getOperand(0), ConstantFP::get(Ty, True),
                                   ConstantFP::get(Ty, 0.0));
    Select->takeName(I);
    I->replaceAllUsesWith(Select);
    I->eraseFromParent();
  }
  return Conversions.empty() ? PreservedAnalyses::all()
                             : PreservedAnalyses::none();
}
