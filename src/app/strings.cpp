// English column of the string table (see strings.h).
#include "strings.h"

#include <cstddef>

namespace hebblab {
namespace {
const char* const kEnglish[] = {
#define HEBBLAB_STRING_EN(id, en) en,
    HEBBLAB_STRINGS(HEBBLAB_STRING_EN)
#undef HEBBLAB_STRING_EN
};
static_assert(sizeof(kEnglish) / sizeof(kEnglish[0]) == static_cast<size_t>(Str::Count));
}  // namespace

const char* tr(Str id) { return kEnglish[static_cast<int>(id)]; }

}  // namespace hebblab
