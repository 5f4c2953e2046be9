//===- ShuffleChain.h - A fused chain of warp shuffles ----------*- C++ -*-===//
//
// Part of Tongxin. What FuseWarpShuffles (FuseWarpShuffles.cpp) finds and
// replaces: the steps a chain may have, how a lane publishes its input and
// parameters, and the chain's body, which computes it for a whole warp as
// vector code (ShuffleChain.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_SHUFFLECHAIN_H
#define TONGXIN_COMPILER_PASSES_SHUFFLECHAIN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/FunctionComparator.h"

namespace tx::chains {

/// Chains publish their input and parameters in one lane slot of at most
/// this many bits (see WorkItemLoops' exchange slots).
inline constexpr unsigned MaxPackedBits = 128;
/// Parameters (and several outputs) are packed in 32-bit fields.
inline constexpr unsigned ParameterBits = 32;

/// Instructions computed from Input and Parameters that end in Outputs, in
/// program order.
struct ShuffleChain {
  llvm::Value *Input = nullptr;
  /// The values used outside the chain, in program order: one, or a few
  /// packed into one result (a 64-bit value's two shuffled words, when the
  /// optimiser sank the step that joins them into the block of the one
  /// lane that uses the sum).
  llvm::SmallVector<llvm::Instruction *, 2> Outputs;
  llvm::SmallVector<llvm::Instruction *, 32> Members;
  llvm::SmallSetVector<llvm::Value *, 2> Parameters;
};

/// Integers and IEEE floating point of at most 64 bits: what a lane's
/// exchange slot can carry.
bool isLaneData(llvm::Type *Ty);
/// A shuffle whose source lane depends only on the lane: constant lane
/// operand and segment mask.
bool isFixedShuffle(const llvm::Instruction &I);
/// A ballot (vote.ballot.sync) over a constant member mask: every lane gets
/// the mask of the arrived members whose predicate holds.
bool isFixedBallot(const llvm::Instruction &I);
/// The steps that exchange values between the lanes of a chain: shuffles
/// and fixed ballots (CUB's MatchAny is eight ballots on a key's bits).
bool isLaneExchange(const llvm::Instruction &I);
/// A lane's result depends only on that lane's operands, the instruction
/// has a vector form, and computing it for lanes that are absent cannot
/// trap (no memory, no integer division).
bool isLaneWise(const llvm::Instruction &I);
/// A value the chain's body knows without a lane's data (a constant, the
/// lane or linear thread index, or a lane-wise step from those).
bool isKnownPerLane(const llvm::Value *V, unsigned Depth = 0);
/// The operands a step computes with (see ShuffleChain.cpp).
llvm::iterator_range<const llvm::Use *>
dataOperands(const llvm::Instruction &I);

/// Every lane's outputs are the same, bit for bit, when all 32 lanes
/// arrive: a butterfly all-reduce (`v += shfl_xor(v, 16); ... 1`), a
/// broadcast, a ballot.
bool isWarpSymmetric(const ShuffleChain &Chain);

/// The bits a lane publishes: its input alone, or the input and a 32-bit
/// field per parameter in 64 or 128 bits (or more, which no slot holds).
unsigned packedBits(const ShuffleChain &Chain);
/// The bits of the result of a chain with these outputs.
unsigned outputBits(llvm::ArrayRef<llvm::Instruction *> Outputs);
/// Where output Idx of a chain with several is in its result.
unsigned outputOffset(llvm::ArrayRef<llvm::Instruction *> Outputs,
                      unsigned Idx);
/// The type a lane publishes: the input's own without parameters.
llvm::Type *publishedType(const ShuffleChain &Chain);
/// The type of the chain's result: its output's, or an integer that packs
/// its outputs.
llvm::Type *resultType(const ShuffleChain &Chain);
/// The value a lane publishes, computed at B.
llvm::Value *packLane(llvm::IRBuilder<> &B, const ShuffleChain &Chain);
/// The bits of field [Offset, Offset + bits of Ty) of Packed, as Ty.
llvm::Value *unpackField(llvm::IRBuilder<> &B, llvm::Value *Packed,
                         unsigned Offset, llvm::Type *Ty);
/// The chain's body: `<32 x Result> (<32 x Published> lanes, i32 arrived
/// mask [, i32 linear index of the warp's first thread])`, where 128-bit
/// lanes are passed and returned as their halves (tx::warpLanesType).
llvm::Function *createChainBody(llvm::Module &M, const ShuffleChain &Chain);

/// The collective a chain (or a batch of chains) is called through:
/// `Out __tx_shfl_chain.<in>.<out>(ptr body, In lane)`.
llvm::FunctionCallee chainCollective(llvm::Module &M, llvm::Type *In,
                                     llvm::Type *Out);

/// Values of at most 64 bits each, packed into an integer of type Packed at
/// these bit offsets.
llvm::Value *packFields(llvm::IRBuilder<> &B,
                        llvm::ArrayRef<llvm::Value *> Fields,
                        llvm::ArrayRef<unsigned> Offsets, llvm::Type *Packed);

/// A chain of a batch (BatchShuffleChains): its body, where its input lies
/// in the batch's lane slot and where its result goes in the batch's.
struct BatchedChain {
  llvm::Function *Body;
  unsigned InputOffset;
  unsigned ResultOffset;
};

/// The body of a batch of chains whose lanes publish In and get Out: it
/// runs each chain's body on its field of the lanes and packs the results.
/// The chains' bodies are inlined into it.
llvm::Function *createBatchBody(llvm::Module &M, llvm::Type *In,
                                llvm::Type *Out,
                                llvm::ArrayRef<BatchedChain> Chains);

/// The chain bodies made so far, one of each: CUB and cooperative groups
/// run the same reduction in many places (every tile of an agent, every
/// kernel of a dispatch), and a body of its own for each would keep the
/// regions around them from being one function (MergeRegionFunctions
/// compares their callees by identity).
class ChainBodies {
public:
  /// Body, or the body made before that does the same (Body is erased).
  llvm::Function *unique(llvm::Function *Body);

private:
  llvm::GlobalNumberState Globals;
  llvm::SmallVector<llvm::Function *, 16> Bodies;
};

} // namespace tx::chains

#endif // TONGXIN_COMPILER_PASSES_SHUFFLECHAIN_H
