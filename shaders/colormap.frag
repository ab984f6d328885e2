#version 300 es
// Values to colours: values is a one-channel float texture. Diverging (gray == 0): the core's 256-entry diverging
// table (256 x 1 RGBA8) on [-scale, scale], indexed as colormap_index() does in src/core/colormap.cpp, so the GPU
// and the CLI's images agree. Gray (gray == 1): black at 0 to white at scale, for images.
precision highp float;
uniform sampler2D values;
uniform sampler2D table;
uniform float scale;
uniform int gray;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;

void main() {
  float v = texture(values, frag_uv).r;
  if (gray == 1) {
    out_color = vec4(vec3(clamp(v / scale, 0.0, 1.0)), 1.0) * frag_color;
    return;
  }
  float t = clamp(v / scale * 0.5 + 0.5, 0.0, 1.0);
  float index = floor(t * 255.0 + 0.5);
  out_color = texture(table, vec2((index + 0.5) / 256.0, 0.5)) * frag_color;
}
