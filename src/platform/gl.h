// GL headers for both targets: GLES 3.0 (WebGL2) under emscripten, GL 3.3 core through SDL's loader natively.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#endif
