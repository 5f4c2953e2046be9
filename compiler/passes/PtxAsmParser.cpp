//===- PtxAsmParser.cpp - Inline PTX statements, parsed -------------------===//
//
// Part of Tongxin. A recursive-descent reader for the PTX syntax of PtxAsm.h.
// Statements end at ';' (or at a label's ':' or a brace); comments are
// C-style. Anything outside the grammar is an error naming the statement.
//
//===----------------------------------------------------------------------===//

#include "PtxAsm.h"

#include "llvm/ADT/StringExtras.h"

#include <cctype>
#include <cstring>

using namespace llvm;
using namespace tx::ptx;

bool PtxInstruction::has(StringRef Modifier) const {
  for (const std::string &M : Modifiers)
    if (M == Modifier)
      return true;
  return false;
}

namespace {
class Parser {
public:
  Parser(StringRef Text, std::string &Error) : Text(Text), Error(Error) {}

  bool run(std::vector<Statement> &Out);

private:
  StringRef Text;
  size_t Pos = 0;
  std::string &Error;
  /// Registers the statement declared so far: `.reg .b32 r<N>` names N of
  /// them, and each becomes a stack slot.
  unsigned Declared = 0;
  static constexpr unsigned MaxDeclared = 4096;

  bool fail(const Twine &Message, StringRef Where) {
    Error = (Message + " in '" + Where.trim() + "'").str();
    return false;
  }
  void skipSpace();
  bool atEnd() {
    skipSpace();
    return Pos >= Text.size();
  }
  char peek() { return atEnd() ? '\0' : Text[Pos]; }
  bool consume(char C) {
    if (peek() != C)
      return false;
    ++Pos;
    return true;
  }
  StringRef identifier();
  bool statement(std::vector<Statement> &Out);
  bool declaration(StringRef Stmt, Statement &S);
  bool operand(StringRef Stmt, Operand &Op);
  bool number(StringRef Stmt, Operand &Op);
  bool simpleOperand(StringRef Stmt, Operand &Op);
};
} // namespace

void Parser::skipSpace() {
  while (Pos < Text.size()) {
    if (isSpace(Text[Pos])) {
      ++Pos;
    } else if (Text.substr(Pos).starts_with("//")) {
      size_t End = Text.find('\n', Pos);
      Pos = End == StringRef::npos ? Text.size() : End;
    } else if (Text.substr(Pos).starts_with("/*")) {
      size_t End = Text.find("*/", Pos + 2);
      Pos = End == StringRef::npos ? Text.size() : End + 2;
    } else {
      break;
    }
  }
}

static bool isIdentifierChar(char C) {
  return isAlnum(C) || C == '_' || C == '$' || C == '%' || C == '.' || C == ':';
}

/// An identifier, a dotted opcode (`ld.global.nc.v2.u32`) or a special
/// register (`%tid.x`); "::" joins parts such as `L2::evict_last`.
StringRef Parser::identifier() {
  skipSpace();
  size_t Start = Pos;
  while (Pos < Text.size() && isIdentifierChar(Text[Pos])) {
    // A lone ':' ends a label; "::" belongs to the name.
    if (Text[Pos] == ':' && !Text.substr(Pos).starts_with("::") &&
        !(Pos > 0 && Text[Pos - 1] == ':'))
      break;
    ++Pos;
  }
  return Text.slice(Start, Pos);
}

bool Parser::run(std::vector<Statement> &Out) {
  while (!atEnd())
    if (!statement(Out))
      return false;
  return true;
}

bool Parser::number(StringRef Stmt, Operand &Op) {
  size_t Start = Pos;
  bool Negative = consume('-');
  StringRef Rest = Text.substr(Pos);
  if (Rest.starts_with_insensitive("0f") ||
      Rest.starts_with_insensitive("0d")) {
    unsigned Digits = Rest[1] == 'f' || Rest[1] == 'F' ? 8 : 16;
    StringRef Hex = Rest.substr(2, Digits);
    uint64_t Bits;
    if (Hex.size() != Digits || Hex.getAsInteger(16, Bits))
      return fail("malformed floating-point literal", Stmt);
    if (Negative)
      Bits ^= Digits == 8 ? 0x80000000ull : 0x8000000000000000ull;
    Op.K = Operand::Kind::Float;
    Op.FloatBits = Bits;
    Op.FloatBitWidth = Digits * 4;
    Pos += 2 + Digits;
    return true;
  }
  size_t End = Pos;
  while (End < Text.size() &&
         (isAlnum(Text[End]) || Text[End] == '.' ||
          ((Text[End] == '-' || Text[End] == '+') &&
           (Text[End - 1] == 'e' || Text[End - 1] == 'E') &&
           !Rest.starts_with_insensitive("0x"))))
    ++End;
  StringRef Literal = Text.slice(Pos, End);
  Pos = End;
  if (Literal.ends_with_insensitive("u"))
    Literal = Literal.drop_back();
  if (Literal.contains('.') ||
      (!Literal.starts_with_insensitive("0x") &&
       Literal.find_insensitive('e') != StringRef::npos)) {
    Op.K = Operand::Kind::Float;
    std::string Copy = Literal.str();
    char *EndPtr = nullptr;
    Op.FloatValue = std::strtod(Copy.c_str(), &EndPtr);
    if (*EndPtr != '\0')
      return fail("malformed number", Stmt);
    if (Negative)
      Op.FloatValue = -Op.FloatValue;
    return true;
  }
  uint64_t Value;
  if (Literal.getAsInteger(0, Value)) {
    Pos = Start;
    return fail("malformed number", Stmt);
  }
  Op.K = Operand::Kind::Integer;
  Op.Int = Negative ? -int64_t(Value) : int64_t(Value);
  return true;
}

/// $N, a register, `!p`, `_` or a number.
bool Parser::simpleOperand(StringRef Stmt, Operand &Op) {
  if (consume('!')) {
    if (!simpleOperand(Stmt, Op))
      return false;
    Op.Negated = !Op.Negated;
    return true;
  }
  char C = peek();
  if (isDigit(C) || C == '-')
    return number(Stmt, Op);
  if (C == '$' && Pos + 1 < Text.size() && isDigit(Text[Pos + 1])) {
    ++Pos;
    size_t Start = Pos;
    while (Pos < Text.size() && isDigit(Text[Pos]))
      ++Pos;
    Op.K = Operand::Kind::AsmOperand;
    Text.slice(Start, Pos).getAsInteger(10, Op.AsmIndex);
    return true;
  }
  StringRef Name = identifier();
  if (Name.empty())
    return fail("expected an operand", Stmt);
  if (Name == "_") {
    Op.K = Operand::Kind::Sink;
    return true;
  }
  Op.K = Operand::Kind::Register;
  Op.Name = Name.str();
  return true;
}

bool Parser::operand(StringRef Stmt, Operand &Op) {
  if (consume('[')) {
    Op.K = Operand::Kind::Address;
    Operand Base;
    if (!simpleOperand(Stmt, Base))
      return false;
    Op.Elements.push_back(std::move(Base));
    while (peek() == '+' || peek() == '-') {
      bool Minus = Text[Pos++] == '-';
      Operand Offset;
      skipSpace();
      if (!number(Stmt, Offset) || Offset.K != Operand::Kind::Integer)
        return fail("expected a constant address offset", Stmt);
      Op.Offset += Minus ? -Offset.Int : Offset.Int;
    }
    // Texture and surface operands list more: [tex, {x, y}].
    while (consume(',')) {
      Operand Element;
      if (!operand(Stmt, Element))
        return false;
      Op.Elements.push_back(std::move(Element));
    }
    if (!consume(']'))
      return fail("expected ']'", Stmt);
    return true;
  }
  if (consume('{')) {
    Op.K = Operand::Kind::Vector;
    do {
      Operand Element;
      if (!simpleOperand(Stmt, Element))
        return false;
      Op.Elements.push_back(std::move(Element));
    } while (consume(','));
    if (!consume('}'))
      return fail("expected '}' after a vector operand", Stmt);
    return true;
  }
  if (!simpleOperand(Stmt, Op))
    return false;
  if (consume('|')) {
    StringRef Pred = identifier();
    if (Pred.empty())
      return fail("expected a predicate after '|'", Stmt);
    Op.PairedPredicate = Pred.str();
  }
  return true;
}

/// `.reg .type a, b, r<4>` (the leading ".reg" already read).
bool Parser::declaration(StringRef Stmt, Statement &S) {
  S.K = Statement::Kind::RegisterDeclaration;
  StringRef Type = identifier();
  if (!Type.consume_front("."))
    return fail("expected a register type", Stmt);
  S.TypeName = Type.str();
  do {
    StringRef Name = identifier();
    if (Name.empty())
      return fail("expected a register name", Stmt);
    unsigned Count = 0;
    if (consume('<')) {
      size_t Start = Pos;
      while (Pos < Text.size() && isDigit(Text[Pos]))
        ++Pos;
      if (Text.slice(Start, Pos).getAsInteger(10, Count) || !consume('>'))
        return fail("malformed register range", Stmt);
      if (Count > MaxDeclared - Declared)
        return fail("more than " + Twine(MaxDeclared) +
                        " registers declared in one asm statement",
                    Stmt);
      Declared += Count;
      for (unsigned I = 0; I < Count; ++I)
        S.Names.push_back((Name + Twine(I)).str());
    } else {
      if (Declared == MaxDeclared)
        return fail("more than " + Twine(MaxDeclared) +
                        " registers declared in one asm statement",
                    Stmt);
      ++Declared;
      S.Names.push_back(Name.str());
    }
  } while (consume(','));
  return true;
}

bool Parser::statement(std::vector<Statement> &Out) {
  Statement S;
  if (consume('{')) {
    S.K = Statement::Kind::Open;
    Out.push_back(std::move(S));
    return true;
  }
  if (consume('}')) {
    S.K = Statement::Kind::Close;
    Out.push_back(std::move(S));
    return true;
  }
  if (consume(';'))
    return true; // an empty statement
  size_t Start = Pos;
  size_t End = Text.find_first_of(";{}", Pos);
  StringRef Stmt =
      Text.slice(Start, End == StringRef::npos ? Text.size() : End);

  PtxInstruction &I = S.Instr;
  if (consume('@')) {
    I.GuardNegated = consume('!');
    StringRef Guard = identifier();
    if (Guard.empty())
      return fail("expected a guard predicate after '@'", Stmt);
    I.Guard = Guard.str();
  }
  StringRef Head = identifier();
  if (Head.empty())
    return fail("expected an instruction", Stmt);
  if (I.Guard.empty() && consume(':')) {
    S.K = Statement::Kind::Label;
    S.LabelName = Head.str();
    Out.push_back(std::move(S));
    return true;
  }
  if (Head == ".reg") {
    if (!declaration(Stmt, S))
      return false;
  } else if (Head.starts_with(".")) {
    return fail("unsupported PTX directive '" + Head + "'", Stmt);
  } else {
    SmallVector<StringRef, 8> Parts;
    Head.split(Parts, '.');
    I.Opcode = Parts.front().str();
    for (StringRef Part : ArrayRef(Parts).drop_front())
      I.Modifiers.push_back(Part.str());
    I.Text = Stmt.trim().str();
    if (peek() != ';' && !atEnd()) {
      do {
        Operand Op;
        if (!operand(Stmt, Op))
          return false;
        I.Operands.push_back(std::move(Op));
      } while (consume(','));
    }
  }
  if (!consume(';') && !atEnd() && peek() != '}')
    return fail("expected ';'", Stmt);
  Out.push_back(std::move(S));
  return true;
}

bool tx::ptx::parse(StringRef Asm, std::vector<Statement> &Statements,
                    std::string &Error) {
  return Parser(Asm, Error).run(Statements);
}
