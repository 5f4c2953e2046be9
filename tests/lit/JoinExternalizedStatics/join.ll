; Under -rdc clang 19 defines a file-local device variable under a
; postfixed name but leaves earlier uses on a plain external declaration:
; the declaration is replaced by the definition. Unrelated declarations,
; and a declaration whose type differs, stay.
; RUN: %tx-opt -passes=tx-join-externalized-statics -S %s | %FileCheck %s

@_ZL5Scale = external addrspace(1) global i32, align 4
@_ZL5Scale__static__7a5690073161f86f = addrspace(1) externally_initialized global i32 3, align 4
@_ZL4Mask = external addrspace(1) global i64, align 8
@_ZL4Mask__intern__0123456789abcdef = addrspace(1) global i32 1, align 4
@extern_var = external addrspace(1) global i32, align 4
@odd__static__xyz = addrspace(1) global i32 0, align 4
@odd = external addrspace(1) global i32, align 4

define i32 @read() {
  %a = load i32, ptr addrspace(1) @_ZL5Scale, align 4
  %b = load i32, ptr addrspace(1) @extern_var, align 4
  %c = load i64, ptr addrspace(1) @_ZL4Mask, align 8
  %d = load i32, ptr addrspace(1) @odd, align 4
  %s = add i32 %a, %b
  ret i32 %s
}

; CHECK-NOT: @_ZL5Scale = external
; CHECK: @_ZL5Scale__static__7a5690073161f86f = addrspace(1) externally_initialized global i32 3
; CHECK: @_ZL4Mask = external addrspace(1) global i64
; CHECK: @extern_var = external addrspace(1) global i32
; CHECK: @odd = external addrspace(1) global i32
; CHECK: load i32, ptr addrspace(1) @_ZL5Scale__static__7a5690073161f86f
; CHECK: load i32, ptr addrspace(1) @extern_var
; CHECK: load i64, ptr addrspace(1) @_ZL4Mask,
; CHECK: load i32, ptr addrspace(1) @odd,
