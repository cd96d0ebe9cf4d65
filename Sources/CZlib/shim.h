// zlib (Debian's zlib1g-dev), for CompressionStream / DecompressionStream.
#include <zlib.h>
