//===- tongxin/runtime_api_stream.h - Streams and events --------*- C++ -*-===//
//
// Part of Tongxin. The stream and event entry points of the CUDA 12.9
// Runtime API (stream capture is in runtime_api_graph.h).
// <cuda_runtime_api.h> includes this inside its extern "C" block; included
// on its own, it includes <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_STREAM_H)
#define TONGXIN_RUNTIME_API_STREAM_H

//===--- Streams ----------------------------------------------------------===//

__host__ cudaError_t cudaStreamCreate(cudaStream_t *Stream);
__host__ cudaError_t cudaStreamCreateWithFlags(cudaStream_t *Stream,
                                               unsigned int Flags);
__host__ cudaError_t cudaStreamCreateWithPriority(cudaStream_t *Stream,
                                                  unsigned int Flags,
                                                  int Priority);
__host__ cudaError_t cudaStreamDestroy(cudaStream_t Stream);
__host__ cudaError_t cudaStreamSynchronize(cudaStream_t Stream);
__host__ cudaError_t cudaStreamQuery(cudaStream_t Stream);
__host__ cudaError_t cudaStreamWaitEvent(cudaStream_t Stream, cudaEvent_t Event,
                                         unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamAddCallback(cudaStream_t Stream,
                                           cudaStreamCallback_t Callback,
                                           void *UserData, unsigned int Flags);
__host__ cudaError_t cudaStreamGetFlags(cudaStream_t Stream,
                                        unsigned int *Flags);
__host__ cudaError_t cudaStreamGetPriority(cudaStream_t Stream, int *Priority);
__host__ cudaError_t cudaStreamGetId(cudaStream_t Stream,
                                     unsigned long long *StreamId);
__host__ cudaError_t cudaStreamGetDevice(cudaStream_t Stream, int *Device);
__host__ cudaError_t cudaStreamGetAttribute(cudaStream_t Stream,
                                            cudaStreamAttrID Attr,
                                            cudaStreamAttrValue *ValueOut);
__host__ cudaError_t cudaStreamSetAttribute(cudaStream_t Stream,
                                            cudaStreamAttrID Attr,
                                            const cudaStreamAttrValue *Value);
__host__ cudaError_t cudaStreamCopyAttributes(cudaStream_t Dst,
                                              cudaStream_t Src);
__host__ cudaError_t cudaStreamAttachMemAsync(
    cudaStream_t Stream, void *DevPtr, size_t Length __TX_DEFAULT(0),
    unsigned int Flags __TX_DEFAULT(cudaMemAttachSingle));

//===--- Events -----------------------------------------------------------===//

__host__ cudaError_t cudaEventCreate(cudaEvent_t *Event);
__host__ cudaError_t cudaEventCreateWithFlags(cudaEvent_t *Event,
                                              unsigned int Flags);
__host__ cudaError_t cudaEventRecord(cudaEvent_t Event,
                                     cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaEventRecordWithFlags(cudaEvent_t Event, cudaStream_t Stream __TX_DEFAULT(0),
                         unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaEventQuery(cudaEvent_t Event);
__host__ cudaError_t cudaEventSynchronize(cudaEvent_t Event);
__host__ cudaError_t cudaEventElapsedTime(float *Ms, cudaEvent_t Start,
                                          cudaEvent_t End);
__host__ cudaError_t cudaEventElapsedTime_v2(float *Ms, cudaEvent_t Start,
                                             cudaEvent_t End);
__host__ cudaError_t cudaEventDestroy(cudaEvent_t Event);

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_STREAM_H
