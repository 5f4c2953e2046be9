; The host side of a .cu file for AArch64, where dim3 travels as two i64s
; in an array: `same` with 64 threads, `tile` with 16x16.
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"

@name.same = private constant [5 x i8] c"same\00"
@name.tile = private constant [5 x i8] c"tile\00"

define void @__device_stub__same(ptr %x) { ret void }
define void @__device_stub__tile(ptr %x) { ret void }

define void @host(ptr %x) {
  %r = call i32 @__cudaPushCallConfiguration([2 x i64] [i64 4294967297, i64 1], [2 x i64] [i64 4294967360, i64 1], i64 0, ptr null)
  call void @__device_stub__same(ptr %x)
  %t = call i32 @__cudaPushCallConfiguration([2 x i64] [i64 4294967297, i64 1], [2 x i64] [i64 68719476752, i64 1], i64 0, ptr null)
  call void @__device_stub__tile(ptr %x)
  ret void
}

define internal void @__cuda_register_globals(ptr %handle) {
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__same, ptr @name.same, ptr @name.same, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__tile, ptr @name.tile, ptr @name.tile, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  ret void
}

declare i32 @__cudaPushCallConfiguration([2 x i64], [2 x i64], i64, ptr)
declare i32 @__cudaRegisterFunction(ptr, ptr, ptr, ptr, i32, ptr, ptr, ptr, ptr, ptr)
