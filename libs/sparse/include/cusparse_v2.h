/*===- cusparse_v2.h - cuSPARSE, the handle-based API -------------*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. Kept for code written against older CUDA releases: it   *|
|* is the same API as cusparse.h.                                           *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_CUSPARSE_V2_H
#define TONGXIN_CUSPARSE_V2_H

#include "cusparse.h"

#endif /* TONGXIN_CUSPARSE_V2_H */
