// Value textures for the app's TextureHost: one-channel float textures drawn through the colormap shader
// (shaders/colormap.*) and the core's colour table, inside ImGui's draw lists (GL 3.3 core natively, WebGL2 in the
// browser).
#pragma once
#include <deque>

#include "app/host.h"

namespace hebblab {

class GlTextures final : public TextureHost {
 public:
  ~GlTextures() override;
  ImTextureID create_value_texture(int width, int height) override;
  void update_value_texture(ImTextureID texture, int width, int height, const float* values) override;
  void destroy_texture(ImTextureID texture) override;
  void draw_colormapped(ImDrawList* list, ImTextureID texture, ImVec2 min, ImVec2 max, float scale,
                        ColorMap map) override;
  int value_uploads() const override { return uploads_; }
  // Call once a frame before the app draws: forgets the previous frame's draw parameters.
  void begin_frame() { draws_.clear(); }

 private:
  struct Draw {
    GlTextures* self;
    float scale;
    ColorMap map;
  };
  static void use_colormap_program(const ImDrawList* list, const ImDrawCmd* cmd);
  void build_program();  // lazily, inside ImGui's render pass, so ImGui's attribute locations can be matched

  std::deque<Draw> draws_;  // stable addresses: draw commands point at them until the frame is rendered
  unsigned program_ = 0, table_ = 0;
  int projection_at_ = -1, scale_at_ = -1, values_at_ = -1, table_at_ = -1, gray_at_ = -1;
  int uploads_ = 0;
};

}  // namespace hebblab
