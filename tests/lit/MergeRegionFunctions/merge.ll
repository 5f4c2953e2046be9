; Region functions that differ only in state numbers (case values of a
; switch in their caller, where they are a stored value, a select's arm, a
; phi's incoming value, an operand of an equality or of a call) become one
; function: the numbers that differ are arguments after the region's own,
; each call passes its own, the numbers all share stay constants. Left
; alone: regions that differ in another constant (one that is no state
; number, or a state number where no argument may stand: an add's operand),
; functions that are not a region's (no ".region" in the name, not a block
; function, not local, called more than once).
; RUN: %tx-opt -passes=tx-merge-region-functions -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-merge-region-functions -S %s | %FileCheck %s --check-prefix=GONE
; RUN: %tx-opt -passes=tx-merge-region-functions -S %s | %tx-opt -passes=verify -S -o /dev/null -
; Run twice, it changes nothing more.
; RUN: %tx-opt -passes=tx-merge-region-functions,tx-merge-region-functions -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; The dispatch loop: states 1 to 6.
; CHECK-LABEL: define internal void @__txblk_k.regions(
; CHECK: s1:
; CHECK-NEXT: call void @__txblk_k.regions.region(ptr %p, ptr %out, i32 1, i32 2, i32 3)
; CHECK: s2:
; CHECK-NEXT: call void @__txblk_k.regions.region(ptr %p, ptr %out, i32 2, i32 4, i32 5)
; CHECK: s3:
; CHECK-NEXT: call void @__txblk_k.regions.region.same(ptr %p)
; CHECK: s4:
; CHECK-NEXT: call void @__txblk_k.regions.region.same(ptr %p)
; CHECK: s5:
; CHECK-NEXT: call void @__txblk_k.regions.region.bound(ptr %p, i32 7)
; CHECK: s6:
; CHECK-NEXT: call void @__txblk_k.regions.region.bound.1(ptr %p, i32 7)
define internal void @__txblk_k.regions(ptr %p, ptr %out, i32 %s) #0 {
entry:
  switch i32 %s, label %done [
    i32 1, label %s1
    i32 2, label %s2
    i32 3, label %s3
    i32 4, label %s4
    i32 5, label %s5
    i32 6, label %s6
  ]
s1:
  call void @__txblk_k.regions.region(ptr %p, ptr %out)
  br label %done
s2:
  call void @__txblk_k.regions.region.1(ptr %p, ptr %out)
  br label %done
s3:
  call void @__txblk_k.regions.region.same(ptr %p)
  br label %done
s4:
  call void @__txblk_k.regions.region.same.1(ptr %p)
  br label %done
s5:
  call void @__txblk_k.regions.region.bound(ptr %p, i32 7)
  br label %done
s6:
  call void @__txblk_k.regions.region.bound.1(ptr %p, i32 7)
  br label %done
done:
  ret void
}

; Its own state (1 or 2) is compared with the thread's, the next (2 or 4)
; stored, the one after (3 or 5) selected and passed on (one argument for
; both uses); 6 is a state number both share (a constant still), 9 no
; state number at all.
; CHECK-LABEL: define internal void @__txblk_k.regions.region(ptr %p, ptr %out, i32 %state.0, i32 %state.1, i32 %state.2) #0 {
; CHECK: %own = icmp eq i32 %cur, %state.0
; CHECK: store i32 %state.1, ptr %p
; CHECK: %next = select i1 %own, i32 %state.2, i32 6
; CHECK: %more = phi i32 [ 9, %entry ], [ %next, %store ]
; CHECK: call void @use(i32 %state.2, i32 %more)
define internal void @__txblk_k.regions.region(ptr %p, ptr %out) #0 {
entry:
  %cur = load i32, ptr %p, align 4
  %own = icmp eq i32 %cur, 1
  br i1 %own, label %store, label %join
store:
  store i32 2, ptr %p, align 4
  %next = select i1 %own, i32 3, i32 6
  br label %join
join:
  %more = phi i32 [ 9, %entry ], [ %next, %store ]
  call void @use(i32 3, i32 %more)
  store i32 %more, ptr %out, align 4
  ret void
}

; The same with states 2, 4 and 5.
define internal void @__txblk_k.regions.region.1(ptr %p, ptr %out) #0 {
entry:
  %cur = load i32, ptr %p, align 4
  %own = icmp eq i32 %cur, 2
  br i1 %own, label %store, label %join
store:
  store i32 4, ptr %p, align 4
  %next = select i1 %own, i32 5, i32 6
  br label %join
join:
  %more = phi i32 [ 9, %entry ], [ %next, %store ]
  call void @use(i32 5, i32 %more)
  store i32 %more, ptr %out, align 4
  ret void
}

; Identical: one of them, no state argument.
; CHECK-LABEL: define internal void @__txblk_k.regions.region.same(ptr %p) #0 {
; CHECK-NEXT: store i32 3, ptr %p
define internal void @__txblk_k.regions.region.same(ptr %p) #0 {
  store i32 3, ptr %p, align 4
  ret void
}

define internal void @__txblk_k.regions.region.same.1(ptr %p) #0 {
  store i32 3, ptr %p, align 4
  ret void
}

; A state number in an add (2 and 3) is the program's arithmetic: these
; two stay apart.
; CHECK-LABEL: define internal void @__txblk_k.regions.region.bound(ptr %p, i32 %n) #0 {
; CHECK: add i32 %n, 2
; CHECK-LABEL: define internal void @__txblk_k.regions.region.bound.1(ptr %p, i32 %n) #0 {
; CHECK: add i32 %n, 3
define internal void @__txblk_k.regions.region.bound(ptr %p, i32 %n) #0 {
  %v = add i32 %n, 2
  store i32 %v, ptr %p, align 4
  ret void
}

define internal void @__txblk_k.regions.region.bound.1(ptr %p, i32 %n) #0 {
  %v = add i32 %n, 3
  store i32 %v, ptr %p, align 4
  ret void
}

; Not regions' functions: a helper without ".region" in its name, and a
; region function called twice.
; CHECK-LABEL: define internal void @__txblk_other(
; CHECK: call void @__txblk_helper.a(ptr %p)
; CHECK: call void @__txblk_twice.region(ptr %p)
; CHECK: call void @__txblk_twice.region(ptr %p)
; CHECK: call void @__txblk_helper.b(ptr %p)
; CHECK: call void @__txblk_twice.region.1(ptr %p)
define internal void @__txblk_other(ptr %p, i32 %s) #0 {
entry:
  switch i32 %s, label %done [
    i32 1, label %a
    i32 2, label %b
  ]
a:
  call void @__txblk_helper.a(ptr %p)
  call void @__txblk_twice.region(ptr %p)
  call void @__txblk_twice.region(ptr %p)
  br label %done
b:
  call void @__txblk_helper.b(ptr %p)
  call void @__txblk_twice.region.1(ptr %p)
  br label %done
done:
  ret void
}

define internal void @__txblk_helper.a(ptr %p) #0 {
  store i32 1, ptr %p, align 4
  ret void
}

define internal void @__txblk_helper.b(ptr %p) #0 {
  store i32 2, ptr %p, align 4
  ret void
}

define internal void @__txblk_twice.region(ptr %p) #0 {
  %q = getelementptr i8, ptr %p, i64 4
  store i32 1, ptr %q, align 4
  ret void
}

define internal void @__txblk_twice.region.1(ptr %p) #0 {
  %q = getelementptr i8, ptr %p, i64 4
  store i32 2, ptr %q, align 4
  ret void
}

; Two regions the same outright, 3 a state number of one's caller only:
; one function, no argument.
; CHECK-LABEL: define internal void @__txblk_x.regions(
; CHECK: call void @__txblk_x.regions.region(ptr %p)
; CHECK-LABEL: define internal void @__txblk_y.regions(
; CHECK: call void @__txblk_x.regions.region(ptr %p)
; CHECK-LABEL: define internal void @__txblk_x.regions.region(ptr %p) #0 {
; CHECK-NEXT: %q = getelementptr i8, ptr %p, i64 8
; CHECK-NEXT: store i32 3, ptr %q
define internal void @__txblk_x.regions(ptr %p, i32 %s) #0 {
entry:
  switch i32 %s, label %done [
    i32 3, label %a
  ]
a:
  call void @__txblk_x.regions.region(ptr %p)
  br label %done
done:
  ret void
}

define internal void @__txblk_y.regions(ptr %p, i32 %s) #0 {
entry:
  switch i32 %s, label %done [
    i32 4, label %a
  ]
a:
  call void @__txblk_y.regions.region(ptr %p)
  br label %done
done:
  ret void
}

define internal void @__txblk_x.regions.region(ptr %p) #0 {
  %q = getelementptr i8, ptr %p, i64 8
  store i32 3, ptr %q, align 4
  ret void
}

define internal void @__txblk_y.regions.region(ptr %p) #0 {
  %q = getelementptr i8, ptr %p, i64 8
  store i32 3, ptr %q, align 4
  ret void
}

; GONE-NOT: define {{.*}}@__txblk_k.regions.region.1(
; GONE-NOT: define {{.*}}@__txblk_k.regions.region.same.1(
; GONE-NOT: define {{.*}}@__txblk_y.regions.region(

declare void @use(i32, i32)

attributes #0 = { noinline nounwind optsize }
