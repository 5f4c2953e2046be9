//===- Report.cpp - The migration report's text and JSON ------------------===//
//
// Part of Tongxin. See Report.h.
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "tongxin/cuda_config.h"

#include <algorithm>
#include <cstdio>

namespace tx::migrate {

const char *statusName(Support Status) {
  switch (Status) {
  case Support::Supported:
    return "supported";
  case Support::Partial:
    return "partial";
  case Support::Unsupported:
    return "unsupported";
  }
  return "?";
}

void Report::add(const std::string &Kind, const std::string &Name,
                 Support Status, const std::string &Note, const Use &Where) {
  Feature &F = Features[{Kind, Name}];
  // The worst news wins: a header found, then refused by its #error.
  if (F.Uses.empty() || static_cast<int>(Status) > static_cast<int>(F.Status)) {
    F.Kind = Kind;
    F.Name = Name;
    F.Status = Status;
    F.Note = Note;
  }
  for (const Use &U : F.Uses)
    if (U.File == Where.File && U.Line == Where.Line)
      return; // A header's code seen again from another source.
  F.Uses.push_back(Where);
}

bool Report::hasUnsupported(const std::string &Kind, const Use &Where) const {
  for (const auto &Entry : Features) {
    const Feature &F = Entry.second;
    if (F.Kind != Kind || F.Status != Support::Unsupported)
      continue;
    for (const Use &U : F.Uses)
      if (U.File == Where.File && U.Line == Where.Line)
        return true;
  }
  return false;
}

std::vector<const Feature *> Report::ordered() const {
  std::vector<const Feature *> List;
  for (const auto &Entry : Features)
    List.push_back(&Entry.second);
  std::sort(List.begin(), List.end(), [](const Feature *A, const Feature *B) {
    if (A->Status != B->Status)
      return static_cast<int>(A->Status) > static_cast<int>(B->Status);
    if (A->Kind != B->Kind)
      return A->Kind < B->Kind;
    return A->Name < B->Name;
  });
  return List;
}

static std::string where(const Use &U) {
  return U.File + ":" + std::to_string(U.Line) + ":" + std::to_string(U.Column);
}

void Report::printText(std::ostream &Out) const {
  size_t Count[3] = {0, 0, 0}, Uses = 0;
  Out << "Tongxin " << TX_VERSION << " migration report (CUDA "
      << __TX_CUDA_MAJOR << "." << __TX_CUDA_MINOR << "): " << Files.size()
      << (Files.size() == 1 ? " source\n" : " sources\n");
  for (const Feature *F : ordered()) {
    ++Count[static_cast<int>(F->Status)];
    Uses += F->Uses.size();
    char Line[512];
    snprintf(Line, sizeof(Line), "%-12s %-18s %-40s %4zu  %s\n",
             statusName(F->Status), F->Kind.c_str(), F->Name.c_str(),
             F->Uses.size(), where(F->Uses.front()).c_str());
    Out << Line;
    if (!F->Note.empty())
      Out << "             " << F->Note << "\n";
  }
  Out << "Summary: " << Features.size() << " features (" << Uses
      << " uses): " << Count[0] << " supported, " << Count[1] << " partial, "
      << Count[2] << " unsupported\n";
}

static std::string quoted(const std::string &Text) {
  std::string Out = "\"";
  for (unsigned char C : Text) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += static_cast<char>(C);
    } else if (C < 0x20) {
      char Escape[8];
      snprintf(Escape, sizeof(Escape), "\\u%04x", C);
      Out += Escape;
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out + "\"";
}

void Report::printJson(std::ostream &Out) const {
  size_t Count[3] = {0, 0, 0}, Uses = 0;
  Out << "{\n  \"tongxin\": " << quoted(TX_VERSION) << ",\n  \"cuda\": \""
      << __TX_CUDA_MAJOR << "." << __TX_CUDA_MINOR << "\",\n  \"sources\": [";
  for (size_t I = 0; I < Files.size(); ++I)
    Out << (I ? ", " : "") << quoted(Files[I]);
  Out << "],\n  \"features\": [";
  bool First = true;
  for (const Feature *F : ordered()) {
    ++Count[static_cast<int>(F->Status)];
    Uses += F->Uses.size();
    Out << (First ? "\n" : ",\n") << "    {\"kind\": " << quoted(F->Kind)
        << ", \"name\": " << quoted(F->Name)
        << ", \"status\": " << quoted(statusName(F->Status))
        << ", \"note\": " << quoted(F->Note) << ", \"uses\": [";
    for (size_t I = 0; I < F->Uses.size(); ++I)
      Out << (I ? ", " : "") << "{\"file\": " << quoted(F->Uses[I].File)
          << ", \"line\": " << F->Uses[I].Line
          << ", \"column\": " << F->Uses[I].Column << "}";
    Out << "]}";
    First = false;
  }
  Out << "\n  ],\n  \"summary\": {\"features\": " << Features.size()
      << ", \"uses\": " << Uses << ", \"supported\": " << Count[0]
      << ", \"partial\": " << Count[1] << ", \"unsupported\": " << Count[2]
      << "}\n}\n";
}

} // namespace tx::migrate
