//===- EmbedFatBinary.cpp - The fat binary into the host module -----------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// clang's host pass of a .cu file embeds the fat binary it is given
// (-fcuda-include-gpubinary) as a private constant that the registration
// wrapper, __cuda_fatbin_wrapper, points to. The blob's PTX images come
// from the device pass, which txcc runs at the same time as the host pass:
// the host pass gets a blob without them (header and CPU image), and once
// the PTX exists the blob the wrapper points to is replaced by the whole
// one, before the host module's code generation.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

using namespace llvm;

bool tx::replaceFatBinary(Module &Host, StringRef Blob) {
  GlobalVariable *Wrapper =
      Host.getGlobalVariable("__cuda_fatbin_wrapper", /*AllowInternal=*/true);
  if (!Wrapper)
    return true; // nothing registered, nothing embedded
  auto *Fields = Wrapper->hasInitializer()
                     ? dyn_cast<ConstantStruct>(Wrapper->getInitializer())
                     : nullptr;
  // clang's wrapper: { magic, version, blob, unused }.
  auto *Old = Fields && Fields->getNumOperands() == 4
                  ? dyn_cast<GlobalVariable>(Fields->getOperand(2))
                  : nullptr;
  if (!Old || !Old->hasInitializer())
    return false;
  auto *New = new GlobalVariable(
      Host, ArrayType::get(Type::getInt8Ty(Host.getContext()), Blob.size()),
      /*isConstant=*/true, Old->getLinkage(),
      ConstantDataArray::getString(Host.getContext(), Blob, /*AddNull=*/false),
      "", Old);
  New->copyAttributesFrom(Old);
  New->takeName(Old);
  Old->replaceAllUsesWith(New);
  Old->eraseFromParent();
  return true;
}
