/*
 * Lets the Intel MKL inside PyTorch's native library choose its kernels by what the CPU can do
 * (AVX2, AVX-512) instead of by who made it. MKL asks mkl_serv_intel_cpu() whether the CPU is
 * an Intel one and, on any other CPU, falls back to a generic code path: on an AMD EPYC with
 * AVX-512 a 2048 x 2048 fp32 matmul runs at 158 GFLOP/s through it and at 368 GFLOP/s with
 * this answer (docs/benchmarks.md, "Matrix products on AMD"). The lmlab launcher compiles this
 * file and preloads it (LD_PRELOAD) on AMD CPUs only; LMLAB_MKL_ANY_CPU=0 turns it off.
 */
int mkl_serv_intel_cpu(void) { return 1; }

int mkl_serv_intel_cpu_true(void) { return 1; }
