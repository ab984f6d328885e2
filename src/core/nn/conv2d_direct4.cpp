// The direct Conv2D kernels again, on simd4 (4 lanes, each product rounded before it is added), into namespace
// direct4: Numerics::Reproducible's, the same bits natively and in wasm (see conv2d_direct.h and simd.h).
#define HEBBLAB_SIMD_PORTABLE
#include "conv2d_direct.cpp"  // NOLINT(bugprone-suspicious-include): one source, two instruction sets
