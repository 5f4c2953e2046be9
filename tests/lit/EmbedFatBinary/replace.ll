; txcc's host pass runs beside the device pass with a fat binary without
; PTX; tx-opt --embed-fatbin then puts the whole blob in its place: the
; registration wrapper points to the new one, with the old one's name,
; section and alignment, and nothing else changes.
; RUN: printf 'TXFATBN1-whole-blob-with-ptx' > %t.blob
; RUN: %tx-opt --embed-fatbin=%t.blob -S %s | %FileCheck %s
;
; A host module without a wrapper (a .cu file without kernels or device
; variables: clang registers nothing) stays as it is; a blob that cannot be
; read is an error.
; RUN: echo '@x = global i32 0' > %t.none.ll
; RUN: %tx-opt --embed-fatbin=%t.blob -S %t.none.ll 2>&1 | %FileCheck --check-prefix=NONE %s
; RUN: %not %tx-opt --embed-fatbin=%t.missing -S %s 2>&1 | %FileCheck --check-prefix=UNREAD %s
; A wrapper not laid out as clang's is an error, not a silent blob without
; PTX.
; RUN: echo '@__cuda_fatbin_wrapper = internal constant i32 0' > %t.odd.ll
; RUN: %not %tx-opt --embed-fatbin=%t.blob -S %t.odd.ll 2>&1 | %FileCheck --check-prefix=ODD %s

target triple = "x86_64-pc-linux-gnu"

@0 = private constant [8 x i8] c"TXFATBN1", section ".nv_fatbin", align 8
@__cuda_fatbin_wrapper = internal constant { i32, i32, ptr, ptr } { i32 1180844977, i32 1, ptr @0, ptr null }, section ".nvFatBinSegment", align 8
@other = constant [8 x i8] c"TXFATBN1"

define void @register() {
  %h = call ptr @__cudaRegisterFatBinary(ptr @__cuda_fatbin_wrapper)
  ret void
}

declare ptr @__cudaRegisterFatBinary(ptr)

; CHECK: @0 = private constant [28 x i8] c"TXFATBN1-whole-blob-with-ptx", section ".nv_fatbin", align 8
; CHECK: @__cuda_fatbin_wrapper = internal constant { i32, i32, ptr, ptr } { i32 1180844977, i32 1, ptr @0, ptr null }, section ".nvFatBinSegment", align 8
; CHECK: @other = constant [8 x i8] c"TXFATBN1"
; CHECK-NOT: c"TXFATBN1", section
; CHECK: call ptr @__cudaRegisterFatBinary(ptr @__cuda_fatbin_wrapper)

; NONE: @x = global i32 0
; NONE-NOT: TXFATBN1
; UNREAD: tx-opt: {{.*}}.missing:
; ODD: the fat-binary wrapper is not clang's
