; Host IR no compiler writes, which the scanner must survive: a
; configuration declared with 16-bit pieces, one with too few arguments,
; and a registration whose name is not a string constant. No kernel gets a
; width from them but `narrow`, whose 16-bit piece still holds 64.
target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@name.narrow = private constant [7 x i8] c"narrow\00"
@name.short = private constant [6 x i8] c"short\00"

define void @__device_stub__narrow(ptr %x) { ret void }
define void @__device_stub__short(ptr %x) { ret void }
define void @__device_stub__nameless(ptr %x) { ret void }

define void @host(ptr %x, ptr %name) {
  %r = call i32 @__cudaPushCallConfiguration(i16 1, i16 64, i64 0, ptr null)
  call void @__device_stub__narrow(ptr %x)
  %s = call i32 @short_push(i64 4294967552)
  call void @__device_stub__short(ptr %x)
  %t = call i32 @__cudaPushCallConfiguration(i16 1, i16 32, i64 0, ptr null)
  call void @__device_stub__nameless(ptr %x)
  ret void
}

define i32 @short_push(i64 %block) {
  %r = call i32 (...) @__cudaPopCallConfiguration(i64 %block)
  ret i32 %r
}

define internal void @__cuda_register_globals(ptr %handle, ptr %name) {
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__narrow, ptr @name.narrow, ptr @name.narrow, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__short, ptr @name.short, ptr @name.short, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle, ptr @__device_stub__nameless, ptr %name, ptr %name, i32 -1, ptr null, ptr null, ptr null, ptr null, ptr null)
  call i32 @__cudaRegisterFunction(ptr %handle)
  ret void
}

declare i32 @__cudaPushCallConfiguration(i16, i16, i64, ptr)
declare i32 @__cudaPopCallConfiguration(...)
declare i32 @__cudaRegisterFunction(...)
