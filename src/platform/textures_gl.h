// RGBA8 GL textures for the app's TextureHost (GL 3.3 core natively, WebGL2 in the browser).
#pragma once
#include "app/host.h"

namespace hebblab {

class GlTextures final : public TextureHost {
 public:
  ImTextureID create_texture(int width, int height) override;
  void update_texture(ImTextureID texture, int width, int height, const uint8_t* rgba) override;
  void destroy_texture(ImTextureID texture) override;
};

}  // namespace hebblab
