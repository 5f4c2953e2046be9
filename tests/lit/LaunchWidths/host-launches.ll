; tx-opt --launch-widths-from reads the block width of each launch in the
; host side of the same .cu file and marks the kernels whose launches with
; a constant width agree (LaunchWidths.h); where all of them give the same
; constant block of several rows, its blockDim.y and .z as well (a launch
; whose rows are computed counts for the width only). Not under the
; checkers.
; RUN: %tx-opt --launch-widths-from=%S/Inputs/launches-x86_64.ll -passes=verify -S %s | %FileCheck %s
; RUN: %tx-opt --launch-widths-from=%S/Inputs/launches-aarch64.ll -passes=verify -S %s | %FileCheck --check-prefix=ARM %s
; RUN: %tx-opt --launch-widths-from=%S/Inputs/launches-odd.ll -passes=verify -S %s | %FileCheck --check-prefix=ODD %s
; RUN: %tx-opt --launch-widths-from=%S/Inputs/launches-x86_64.ll --check=memcheck -passes=verify -S %s | %FileCheck --check-prefix=CHECKED %s
; A host module that cannot be read only costs the versions.
; RUN: %tx-opt --launch-widths-from=%S/Inputs/missing.ll -passes=verify -S %s 2>&1 | %FileCheck --check-prefix=MISSING %s

; CHECK: define void @same(ptr %x) #[[SAME:[0-9]+]]
; CHECK: define void @twice(ptr %x) {
; CHECK: define void @computed(ptr %x) {
; CHECK: define void @inlined(ptr %x) #[[INLINED:[0-9]+]]
; CHECK: define void @huge(ptr %x) {
; CHECK: define void @unlaunched(ptr %x) {
; CHECK: define void @invoked(ptr %x) #[[INVOKED:[0-9]+]]
; CHECK: define void @attributed(ptr %x) {
; CHECK: define void @tile(ptr %x) #[[TILE:[0-9]+]]
; CHECK: define void @rowsvary(ptr %x) #[[SIXTEEN:[0-9]+]]
; CHECK: define void @cube(ptr %x) #[[CUBE:[0-9]+]]
; CHECK: define void @depthcomputed(ptr %x) #[[TILE]]
; CHECK: attributes #[[SAME]] = { "tx-launch-width"="256" }
; CHECK: attributes #[[INLINED]] = { "tx-launch-width"="32" }
; CHECK: attributes #[[INVOKED]] = { "tx-launch-width"="512" }
; CHECK: attributes #[[TILE]] = { "tx-launch-rows"="16,1" "tx-launch-width"="16" }
; CHECK: attributes #[[SIXTEEN]] = { "tx-launch-width"="16" }
; CHECK: attributes #[[CUBE]] = { "tx-launch-rows"="4,2" "tx-launch-width"="8" }

; ARM: define void @same(ptr %x) #[[SAME:[0-9]+]]
; ARM: define void @tile(ptr %x) #[[TILE:[0-9]+]]
; ARM: attributes #[[SAME]] = { "tx-launch-width"="64" }
; ARM: attributes #[[TILE]] = { "tx-launch-rows"="16,1" "tx-launch-width"="16" }

; ODD: define void @narrow(ptr %x) #[[NARROW:[0-9]+]]
; ODD: define void @short(ptr %x) {
; ODD: define void @nameless(ptr %x) {
; ODD: attributes #[[NARROW]] = { "tx-launch-width"="64" }

; CHECKED-NOT: tx-launch-width

; MISSING: tx-opt: warning: {{.*}}missing.ll: Could not open input file: {{.*}}; kernels get no versions for their launch widths
; MISSING: define void @same(ptr %x) {

target triple = "x86_64-pc-linux-gnu"

define void @same(ptr %x) { ret void }
define void @twice(ptr %x) { ret void }
define void @computed(ptr %x) { ret void }
define void @inlined(ptr %x) { ret void }
define void @huge(ptr %x) { ret void }
define void @unlaunched(ptr %x) { ret void }
define void @invoked(ptr %x) { ret void }
define void @attributed(ptr %x) { ret void }
define void @narrow(ptr %x) { ret void }
define void @short(ptr %x) { ret void }
define void @nameless(ptr %x) { ret void }
define void @tile(ptr %x) { ret void }
define void @rowsvary(ptr %x) { ret void }
define void @cube(ptr %x) { ret void }
define void @depthcomputed(ptr %x) { ret void }

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5, !6, !7, !8, !9, !10, !11, !12, !13, !14}
!0 = !{ptr @same, !"kernel", i32 1}
!1 = !{ptr @twice, !"kernel", i32 1}
!2 = !{ptr @computed, !"kernel", i32 1}
!3 = !{ptr @inlined, !"kernel", i32 1}
!4 = !{ptr @huge, !"kernel", i32 1}
!5 = !{ptr @unlaunched, !"kernel", i32 1}
!6 = !{ptr @invoked, !"kernel", i32 1}
!7 = !{ptr @attributed, !"kernel", i32 1}
!8 = !{ptr @narrow, !"kernel", i32 1}
!9 = !{ptr @short, !"kernel", i32 1}
!10 = !{ptr @nameless, !"kernel", i32 1}
!11 = !{ptr @tile, !"kernel", i32 1}
!12 = !{ptr @rowsvary, !"kernel", i32 1}
!13 = !{ptr @cube, !"kernel", i32 1}
!14 = !{ptr @depthcomputed, !"kernel", i32 1}
