; __managed__ variables (marked by the "__tx_managed" section) are reached
; through a pointer slot that the runtime aims at the host's object: one
; invariant load of the slot per function replaces every use. The slot
; follows the variable's linkage (an extern declaration gets an extern
; slot), the registration table learns the slot through !tx.managed.slot,
; and the externally visible definitions are listed for txcc. Ordinary
; device variables are left alone.
; RUN: %tx-opt -passes=tx-managed-vars -S %s | %FileCheck %s

@counter = externally_initialized global i32 5, section "__tx_managed", align 4, !tx.device.var !0
@hidden = internal global [4 x float] zeroinitializer, section "__tx_managed", align 4
@total = external global i32, section "__tx_managed", align 4
@plain = externally_initialized global i32 1, align 4, !tx.device.var !0
@llvm.compiler.used = appending global [2 x ptr] [ptr @counter, ptr @hidden], section "llvm.metadata"

; CHECK: @counter = externally_initialized global i32 5, align 4, !tx.device.var !0, !tx.managed.slot ![[COUNTER:[0-9]+]]
; CHECK: @hidden = internal global [4 x float] zeroinitializer, align 4, !tx.device.var !0, !tx.managed.slot ![[HIDDEN:[0-9]+]]
; CHECK: @total = external global i32, align 4{{$}}
; CHECK: @plain = externally_initialized global i32 1, align 4, !tx.device.var !0{{$}}
; CHECK: @counter.managed = global ptr @counter
; CHECK: @hidden.managed = internal global ptr @hidden
; CHECK: @total.managed = external global ptr

define void @kernel(i32 %v, i64 %i) {
  %c = load i32, ptr @counter
  %s = add i32 %c, %v
  store i32 %s, ptr @counter
  %p = getelementptr [4 x float], ptr @hidden, i64 0, i64 %i
  store float 1.0, ptr %p
  %q = getelementptr inbounds [4 x float], ptr @hidden, i64 0, i64 2
  store float 2.0, ptr %q
  %t = atomicrmw add ptr @total, i32 %v seq_cst
  %o = load i32, ptr @plain
  ret void
}

; CHECK-LABEL: define void @kernel(
; CHECK-NEXT: [[TOTAL:%.*]] = load ptr, ptr @total.managed, align 8, !invariant.load
; CHECK-NEXT: [[HID:%.*]] = load ptr, ptr @hidden.managed, align 8, !invariant.load
; CHECK-NEXT: [[CNT:%.*]] = load ptr, ptr @counter.managed, align 8, !invariant.load
; CHECK-NEXT: %c = load i32, ptr [[CNT]]
; CHECK: store i32 %s, ptr [[CNT]]
; CHECK: getelementptr [4 x float], ptr [[HID]], i64 0, i64 %i
; CHECK: getelementptr inbounds [4 x float], ptr [[HID]], i64 0, i64 2
; CHECK: atomicrmw add ptr [[TOTAL]], i32 %v seq_cst
; CHECK: load i32, ptr @plain

define i32 @helper() {
  %h = load i32, ptr @counter
  ret i32 %h
}

; CHECK-LABEL: define i32 @helper(
; CHECK-NEXT: [[CNT2:%.*]] = load ptr, ptr @counter.managed, align 8, !invariant.load
; CHECK-NEXT: load i32, ptr [[CNT2]]

; CHECK: !tx.managed.exports = !{![[EXPORT:[0-9]+]]}
; CHECK: ![[COUNTER]] = !{ptr @counter.managed}
; CHECK: ![[HIDDEN]] = !{ptr @hidden.managed}
; CHECK: ![[EXPORT]] = !{!"counter"}

!0 = !{}
