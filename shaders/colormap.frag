#version 300 es
// Signed values to colours: values is a one-channel float texture, table the core's 256-entry diverging colour
// table (256 x 1 RGBA8), scale the symmetric range [-scale, scale]. The index is computed as colormap_index() does
// in src/core/colormap.cpp, so the GPU and the CLI's images agree.
precision highp float;
uniform sampler2D values;
uniform sampler2D table;
uniform float scale;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;

void main() {
  float v = texture(values, frag_uv).r;
  float t = clamp(v / scale * 0.5 + 0.5, 0.0, 1.0);
  float index = floor(t * 255.0 + 0.5);
  out_color = texture(table, vec2((index + 0.5) / 256.0, 0.5)) * frag_color;
}
