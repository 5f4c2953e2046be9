// Managed state shared by two translation units (needs -rdc=true): the
// variables are defined in tables.cu; kernels and host code in both files
// use the same objects.
#pragma once

constexpr int kTableSize = 16;
extern __managed__ float g_table[kTableSize];  // lookup table, host-editable
extern __managed__ unsigned long long g_hits;  // updated by kernels in both files
extern __managed__ int g_generation;           // bumped by the host

// Defined in tables.cu: a kernel of that file and its launcher.
cudaError_t rebuildTable(float scale);
