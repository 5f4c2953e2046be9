//===- cuda/PtxInfo.cpp - What the runtime reads out of PTX text ----------===//
//
// Part of Tongxin. See PtxInfo.h. A parameter is declared as
//   .param .u32 name          .param .align 16 .b8 name[24]
//   .param .u64 .ptr .global .align 8 name
// The scalar type gives the element size, [N] an array count, and .align
// the alignment (the element size otherwise).
//
//===----------------------------------------------------------------------===//

#include "backends/cuda/PtxInfo.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace tx {
namespace cuda {

/// Bytes of a PTX scalar type (".u32" -> 4); 0 if it is not one.
static uint32_t scalarBytes(const std::string &Type) {
  if (Type.size() < 3 || Type[0] != '.')
    return 0;
  char Kind = Type[1];
  if (Kind != 'b' && Kind != 'u' && Kind != 's' && Kind != 'f')
    return 0;
  std::string Bits = Type.substr(2);
  if (Bits == "8")
    return 1;
  if (Bits == "16")
    return 2;
  if (Bits == "32")
    return 4;
  if (Bits == "64")
    return 8;
  return 0;
}

static bool isIdentChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_' || C == '$' ||
         C == '.';
}

/// Reads one ".param ..." declaration.
static bool readParam(const std::string &Decl, uint32_t *Size,
                      uint32_t *Align) {
  std::vector<std::string> Tokens;
  size_t Pos = 0;
  while (Pos < Decl.size()) {
    while (Pos < Decl.size() && std::isspace(static_cast<unsigned char>(Decl[Pos])))
      ++Pos;
    size_t Start = Pos;
    while (Pos < Decl.size() && !std::isspace(static_cast<unsigned char>(Decl[Pos])))
      ++Pos;
    if (Pos > Start)
      Tokens.push_back(Decl.substr(Start, Pos - Start));
  }
  if (Tokens.empty() || Tokens[0] != ".param")
    return false;
  uint32_t Element = 0, Alignment = 0, Count = 1;
  for (size_t I = 1; I < Tokens.size(); ++I) {
    const std::string &T = Tokens[I];
    if (T == ".align" && I + 1 < Tokens.size()) {
      Alignment = static_cast<uint32_t>(std::strtoul(Tokens[++I].c_str(),
                                                      nullptr, 10));
      continue;
    }
    if (uint32_t Bytes = scalarBytes(T)) {
      Element = Bytes;
      continue;
    }
    if (T[0] == '.')
      continue; // .ptr, .global, .const, ...: qualifiers.
    // The name, perhaps with array bounds.
    size_t Bracket = T.find('[');
    while (Bracket != std::string::npos) {
      Count *= static_cast<uint32_t>(
          std::strtoul(T.c_str() + Bracket + 1, nullptr, 10));
      Bracket = T.find('[', Bracket + 1);
    }
  }
  if (!Element || (Alignment & (Alignment - 1)))
    return false;
  *Size = Element * Count;
  *Align = Alignment ? Alignment : Element;
  return true;
}

bool readEntryParams(const char *Ptx, size_t PtxSize, const char *Name,
                     std::vector<uint32_t> *Sizes,
                     std::vector<uint32_t> *Aligns) {
  if (!Ptx || !Name || !*Name)
    return false;
  std::string Text(Ptx, strnlen(Ptx, PtxSize));
  size_t NameLength = std::strlen(Name);
  size_t Pos = 0;
  for (;;) {
    Pos = Text.find(".entry", Pos);
    if (Pos == std::string::npos)
      return false;
    Pos += 6;
    size_t Begin = Pos;
    while (Begin < Text.size() && std::isspace(static_cast<unsigned char>(Text[Begin])))
      ++Begin;
    if (Text.compare(Begin, NameLength, Name) != 0)
      continue;
    size_t After = Begin + NameLength;
    if (After < Text.size() && isIdentChar(Text[After]))
      continue; // A longer name with the same prefix.
    Pos = After;
    break;
  }
  Sizes->clear();
  Aligns->clear();
  while (Pos < Text.size() && std::isspace(static_cast<unsigned char>(Text[Pos])))
    ++Pos;
  if (Pos >= Text.size() || Text[Pos] != '(')
    return true; // No parameter list: no parameters.
  size_t Close = Text.find(')', Pos);
  if (Close == std::string::npos)
    return false;
  std::string List = Text.substr(Pos + 1, Close - Pos - 1);
  size_t Start = 0;
  while (Start <= List.size()) {
    size_t Comma = List.find(',', Start);
    if (Comma == std::string::npos)
      Comma = List.size();
    std::string Decl = List.substr(Start, Comma - Start);
    if (Decl.find_first_not_of(" \t\r\n") != std::string::npos) {
      uint32_t Size, Align;
      if (!readParam(Decl, &Size, &Align))
        return false;
      Sizes->push_back(Size);
      Aligns->push_back(Align);
    }
    Start = Comma + 1;
  }
  return true;
}

int smVersion(const char *Target) {
  if (!Target || std::strncmp(Target, "sm_", 3) != 0 ||
      !std::isdigit(static_cast<unsigned char>(Target[3])))
    return -1;
  return static_cast<int>(std::strtol(Target + 3, nullptr, 10));
}

int pickPtxImage(const hal::ModuleImage *Images, size_t NumImages, int Sm) {
  int Best = -1, BestSm = -1;
  for (size_t I = 0; I < NumImages; ++I) {
    if (Images[I].Kind != TX_IMAGE_PTX || !Images[I].Data || !Images[I].Size)
      continue;
    int V = smVersion(Images[I].Target);
    if (V < 0 || V > Sm || V <= BestSm)
      continue;
    // "sm_90a" code uses features of exactly that chip.
    size_t Length = std::strlen(Images[I].Target);
    if (Images[I].Target[Length - 1] == 'a' && V != Sm)
      continue;
    Best = static_cast<int>(I);
    BestSm = V;
  }
  return Best;
}

} // namespace cuda
} // namespace tx
