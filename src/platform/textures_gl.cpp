// RGBA8 GL textures for ImGui::Image (nearest filtering: the labs show pixels and neurons, not photos).
#include "platform/textures_gl.h"

#include <cstdint>

#include "platform/gl.h"

namespace hebblab {

ImTextureID GlTextures::create_texture(int width, int height) {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id));
}

void GlTextures::update_texture(ImTextureID texture, int width, int height, const uint8_t* rgba) {
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(texture)));
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
}

void GlTextures::destroy_texture(ImTextureID texture) {
  GLuint id = static_cast<GLuint>(reinterpret_cast<intptr_t>(texture));
  glDeleteTextures(1, &id);
}

}  // namespace hebblab
