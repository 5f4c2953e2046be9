; The host side of a .cu file for x86-64, where dim3 travels as an i64
; (x, y) and an i32 (z).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@name.same = private constant [5 x i8] c"same\00"
@name.twice = private constant [6 x i8] c"twice\00"
@name.computed = private constant [9 x i8] c"computed\00"
@name.inlined = private constant [8 x i8] c"inlined\00"
@name.huge = private constant [5 x i8] c"huge\00"
@name.unlaunched = private constant [11 x i8] c"unlaunched\00"
@name.invoked = private constant [8 x i8] c"invoked\00"
@name.attributed = private constant [11 x i8] c"attributed\00"
@name.tile = private constant [5 x i8] c"tile\00"
@name.rowsvary = private constant [9 x i8] c"rowsvary\00"
@name.cube = private constant [5 x i8] c"cube\00"
@name.depthcomputed = private constant [14 x i8] c"depthcomputed\00"

define void @__device_stub__same(ptr %x) { ret void }
define void @__device_stub__twice(ptr %x) { ret void }
define void @__device_stub__computed(ptr %x) { ret void }
define void @__device_stub__inlined(ptr %x) { ret void }
define void @__device_stub__huge(ptr %x) { ret void }
define void @__device_stub__unlaunched(ptr %x) { ret void }
define void @__device_stub__invoked(ptr %x) { ret void }
define void @__device_stub__attributed(ptr %x) { ret void }
define void @__device_stub__tile(ptr %x) { ret void }
define void @__device_stub__rowsvary(ptr %x) { ret void }
define void @__device_stub__cube(ptr %x) { ret void }
define void @__device_stub__depthcomputed(ptr %x) { ret void }

; As clang writes a launch in code that may throw: the configuration is an
; invoke, and the branch on its result has the failed launch's edge first.
; That edge passes `attributed` to cudaFuncSetAttribute (not a launch), and
; then launches it with a width known at run time only: `invoked` gets 512,
; `attributed` nothing.
define void @throwing(ptr %x, i32 %n) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967808, i32 1, i64 0, ptr null)
          to label %configured unwind label %cleanup
configured:
  %failed = icmp ne i32 %r, 0
  br i1 %failed, label %kcall.end, label %kcall.configok
kcall.end:
  %a = call i32 @cudaFuncSetAttribute(ptr @__device_stub__attributed, i32 8, i32 1)
  %w = zext i32 %n to i64
  %block = or i64 %w, 4294967296
  %r2 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 %block, i32 1, i64 0, ptr null)
  call void @__device_stub__attributed(ptr %x)
  ret void
kcall.configok:
  invoke void @__device_stub__invoked(ptr %x)
          to label %kcall.end unwind label %cleanup
cleanup:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; `same` twice with 256 threads (the stub behind the push's test), `twice`
; with 128 and 64, `computed` with a width known at run time only, `huge`
; with more threads than a block can have, and `inlined` through
; cudaLaunchKernel, its stub inlined, with 32 threads.
define void @host(ptr %x, i32 %n) {
entry:
  %r1 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967552, i32 1, i64 0, ptr null)
  %ok1 = icmp eq i32 %r1, 0
  br i1 %ok1, label %launch1, label %next1
launch1:
  call void @__device_stub__same(ptr %x)
  br label %next1
next1:
  %r2 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967552, i32 1, i64 0, ptr null)
  call void @__device_stub__same(ptr %x)
  %r3 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967424, i32 1, i64 0, ptr null)
  call void @__device_stub__twice(ptr %x)
  %r4 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967360, i32 1, i64 0, ptr null)
  call void @__device_stub__twice(ptr %x)
  %w = zext i32 %n to i64
  %block = or i64 %w, 4294967296
  %r5 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 %block, i32 1, i64 0, ptr null)
  call void @__device_stub__computed(ptr %x)
  %r6 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294969344, i32 1, i64 0, ptr null)
  call void @__device_stub__huge(ptr %x)
  %r7 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 4294967328, i32 1, i64 0, ptr null)
  %pop = call i32 @__cudaPopCallConfiguration(ptr null, ptr null, ptr null, ptr null)
  %l = call i32 @cudaLaunchKernel(ptr @__device_stub__inlined, i64 4294967297, i32 1, i64 4294967328, i32 1, ptr null, i64 0, ptr null)
  ret void
}

; Blocks of several rows: `tile` twice with 16x16 threads (x in the i64's
; low half, y in its high half), `rowsvary` with 16x16 and 16x8, `cube`
; with 8x4x2, `depthcomputed` with 16x16 and a depth known at run time only
; (counted for its width only: it still gets 16x16).
define void @rows(ptr %x, i32 %n) {
  %r1 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 68719476752, i32 1, i64 0, ptr null)
  call void @__device_stub__tile(ptr %x)
  %r2 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 68719476752, i32 1, i64 0, ptr null)
  call void @__device_stub__tile(ptr %x)
  %r3 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 68719476752, i32 1, i64 0, ptr null)
  call void @__device_stub__rowsvary(ptr %x)
  %r4 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 34359738384, i32 1, i64 0, ptr null)
  call void @__device_stub__rowsvary(ptr %x)
  %r5 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 17179869192, i32 2, i64 0, ptr null)
  call void @__device_stub__cube(ptr %x)
  %r6 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 68719476752, i32 %n, i64 0, ptr null)
  call void @__device_stub__depthcomputed(ptr %x)
  %r7 = call i32 @__cudaPushCallConfiguration(i64 4294967297, i32 1, i64 68719476752, i32 1, i64 0, ptr null)
  call void @__device_stub__depthcomputed(ptr %x)
  ret void
}

define internal void @__cuda_register_globals(ptr %handle) {
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__same, ptr @name.same, ptr @name.same, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__twice, ptr @name.twice, ptr @name.twice, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__computed, ptr @name.computed, ptr @name.computed, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__inlined, ptr @name.inlined, ptr @name.inlined, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__huge, ptr @name.huge, ptr @name.huge, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__unlaunched, ptr @name.unlaunched, ptr @name.unlaunched, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__invoked, ptr @name.invoked, ptr @name.invoked, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__attributed, ptr @name.attributed, ptr @name.attributed, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__tile, ptr @name.tile, ptr @name.tile, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__rowsvary, ptr @name.rowsvary, ptr @name.rowsvary, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__cube, ptr @name.cube, ptr @name.cube, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__depthcomputed, ptr @name.depthcomputed, ptr @name.depthcomputed, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  ret void
}

declare i32 @__cudaPushCallConfiguration(i64, i32, i64, i32, i64, ptr)
declare i32 @__cudaPopCallConfiguration(ptr, ptr, ptr, ptr)
declare i32 @cudaLaunchKernel(ptr, i64, i32, i64, i32, ptr, i64, ptr)
declare i32 @cudaFuncSetAttribute(ptr, i32, i32)
declare i32 @__gxx_personality_v0(...)
declare i32 @__cudaRegisterFunction(ptr, ptr, ptr, ptr, i32, ptr, ptr, ptr, ptr, ptr)
