//===- core/DeviceSelection.cpp - TONGXIN_DEVICES parsing -----------------===//
//
// Part of Tongxin. See DeviceSelection.h.
//
//===----------------------------------------------------------------------===//

#include "core/DeviceSelection.h"

#include <cstdlib>

namespace tx {

static std::string trim(const std::string &S) {
  size_t Begin = S.find_first_not_of(" \t");
  if (Begin == std::string::npos)
    return "";
  size_t End = S.find_last_not_of(" \t");
  return S.substr(Begin, End - Begin + 1);
}

static std::vector<std::string> splitList(const char *List) {
  std::vector<std::string> Entries;
  std::string Text = List ? List : "";
  size_t Pos = 0;
  while (Pos <= Text.size()) {
    size_t End = Text.find(',', Pos);
    if (End == std::string::npos)
      End = Text.size();
    std::string Entry = trim(Text.substr(Pos, End - Pos));
    if (!Entry.empty())
      Entries.push_back(Entry);
    Pos = End + 1;
  }
  return Entries;
}

static bool isDefault(const char *List) { return splitList(List).empty(); }

/// Backends only a TONGXIN_DEVICES entry selects: the null template and the
/// CPU device with private memory, which exist for tests.
static bool onlyWhenNamed(const std::string &Backend) {
  return Backend == "null" || Backend == "cpu-private";
}

/// Splits "cuda:1" into ("cuda", 1) and "cpu" into ("cpu", -1: all).
/// False if the index is not a number.
static bool parseEntry(const std::string &Entry, std::string *Backend,
                       long *Index) {
  size_t Colon = Entry.find(':');
  *Backend = trim(Entry.substr(0, Colon));
  *Index = -1;
  if (Colon == std::string::npos)
    return !Backend->empty();
  std::string Number = trim(Entry.substr(Colon + 1));
  if (Number.empty() || Number.find_first_not_of("0123456789") !=
                            std::string::npos || Number.size() > 9)
    return false;
  *Index = std::strtol(Number.c_str(), nullptr, 10);
  return !Backend->empty();
}

std::vector<size_t> selectDevices(const char *List,
                                  const std::vector<std::string> &Available,
                                  std::vector<std::string> *Ignored) {
  std::vector<size_t> Order;
  if (isDefault(List)) {
    for (size_t I = 0; I < Available.size(); ++I)
      if (Available[I] != "cpu" && !onlyWhenNamed(Available[I]))
        Order.push_back(I);
    for (size_t I = 0; I < Available.size(); ++I)
      if (Available[I] == "cpu")
        Order.push_back(I);
    return Order;
  }
  std::vector<bool> Taken(Available.size(), false);
  for (const std::string &Entry : splitList(List)) {
    std::string Backend;
    long Index;
    bool Matched = false;
    if (parseEntry(Entry, &Backend, &Index)) {
      long Rank = 0;
      for (size_t I = 0; I < Available.size(); ++I) {
        if (Available[I] != Backend)
          continue;
        if (Index < 0 || Rank == Index) {
          Matched = true;
          if (!Taken[I]) {
            Taken[I] = true;
            Order.push_back(I);
          }
        }
        ++Rank;
      }
    }
    if (!Matched && Ignored)
      Ignored->push_back(Entry);
  }
  return Order;
}

bool mayRequestBackend(const char *List, const char *Backend) {
  if (isDefault(List))
    return !onlyWhenNamed(Backend);
  for (const std::string &Entry : splitList(List)) {
    std::string Name;
    long Index;
    if (parseEntry(Entry, &Name, &Index) && Name == Backend)
      return true;
  }
  return false;
}

} // namespace tx
