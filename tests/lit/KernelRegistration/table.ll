; The registration table carries each block function under its CUDA name,
; parameter sizes, shared sizes and device variables (a __managed__ one with
; its pointer slot), and a constructor registers it with the runtime.
; RUN: %tx-opt '-passes=tx-register-kernels<abc123>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

@flag = global i32 0, align 4, !tx.device.var !3
@shared_count = global i32 0, align 4, !tx.device.var !3, !tx.managed.slot !5
@shared_count.managed = global ptr @shared_count

define internal void @__txblk_k(ptr %args, ptr %ctx) {
  ret void
}

!tx.kernels = !{!0}
!0 = !{ptr @__txblk_k, !"_Z1kPfi", i64 16, i32 1, !1, !2, i32 128, i32 2, !4}
!1 = !{i32 8, i32 4}
!2 = !{i32 8, i32 4}
!3 = !{}
!4 = !{i64 1024, i64 1024}
!5 = !{ptr @shared_count.managed}

; CHECK: @tx.str = private constant [8 x i8] c"_Z1kPfi\00"
; CHECK: @tx.params = private constant [2 x i32] [i32 8, i32 4]
; CHECK: @tx.str.{{[0-9]+}} = private constant [5 x i8] c"flag\00"
; CHECK: @tx.str.{{[0-9]+}} = private constant [13 x i8] c"shared_count\00"
; CHECK: c"abc123\00"
; CHECK: c"x86_64\00"
; CHECK: @tx.kernel.table = private constant [1 x { ptr, ptr, i32, i32, ptr, ptr, i64, i64, i64, i32, i32 }] [{{.*}} { ptr @tx.str, ptr @__txblk_k, i32 2, i32 1, ptr @tx.params, ptr @tx.params.{{[0-9]+}}, i64 1024, i64 1024, i64 16, i32 128, i32 2 }]
; CHECK: @tx.var.table = private constant [2 x { ptr, ptr, i64, ptr }] [{{.*}} ptr @flag, i64 4, ptr null }, {{.*}} ptr @shared_count, i64 4, ptr @shared_count.managed }]
; The ABI version (tongxin/abi.h), then one kernel.
; CHECK: @tx.cpu.module = private constant {{.*}} { i32 6, i32 1, ptr
; CHECK: @llvm.global_ctors = {{.*}} ptr @tx.register.module
; CHECK: define internal void @tx.register.module()
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @__tx_register_cpu_module(ptr @tx.cpu.module)
