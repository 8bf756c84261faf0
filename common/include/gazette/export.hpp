#pragma once
// Symbols of libgazette's public API; everything else is hidden in the shared library.

#if defined(__GNUC__) || defined(__clang__)
#define GAZETTE_EXPORT __attribute__((visibility("default")))
#else
#define GAZETTE_EXPORT
#endif
