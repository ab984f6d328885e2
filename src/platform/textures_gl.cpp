// Value textures and the colormap shader. The shader runs inside ImGui's renderer: a draw-list callback switches to
// it for one image, and ImDrawCallback_ResetRenderState switches back.
#include "platform/textures_gl.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/colormap.h"
#include "platform/gl.h"
#include "shaders.h"

namespace hebblab {
namespace {

GLuint texture_id(ImTextureID t) { return static_cast<GLuint>(reinterpret_cast<intptr_t>(t)); }

GLuint compile(GLenum stage, const char* source) {
  // The sources are GLSL ES 3.00; the desktop's GL 3.3 core takes the same text under its own version line.
#ifdef __EMSCRIPTEN__
  const std::string text = source;
#else
  std::string text = source;
  text.replace(0, text.find('\n'), "#version 330 core");
#endif
  const char* p = text.c_str();
  GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 1, &p, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "hebblab: colormap shader does not compile: %s\n", log);
  }
  return shader;
}

// A bound texture that samples texels as they are. Float textures are not filterable in WebGL2 without an
// extension, the colour table must not blend neighbouring entries, and neurons and pixels want NEAREST anyway.
GLuint new_nearest_texture() {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return id;
}

}  // namespace

GlTextures::~GlTextures() {
  if (program_) glDeleteProgram(program_);
  if (table_) glDeleteTextures(1, &table_);
}

ImTextureID GlTextures::create_value_texture(int width, int height) {
  const GLuint id = new_nearest_texture();
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, width, height, 0, GL_RED, GL_FLOAT, nullptr);
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id));
}

void GlTextures::update_value_texture(ImTextureID texture, int width, int height, const float* values) {
  glBindTexture(GL_TEXTURE_2D, texture_id(texture));
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RED, GL_FLOAT, values);
  ++uploads_;
}

void GlTextures::destroy_texture(ImTextureID texture) {
  GLuint id = texture_id(texture);
  glDeleteTextures(1, &id);
}

void GlTextures::draw_colormapped(ImDrawList* list, ImTextureID texture, ImVec2 min, ImVec2 max, float scale,
                                  ColorMap map) {
  draws_.push_back({this, scale > 0 ? scale : 1.0f, map});
  list->AddCallback(use_colormap_program, &draws_.back());
  list->AddImage(texture, min, max);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GlTextures::build_program() {
  // ImGui's program is current here; bind our attributes to its locations so its vertex array feeds both.
  GLint imgui_program = 0;
  glGetIntegerv(GL_CURRENT_PROGRAM, &imgui_program);
  const GLuint imgui = static_cast<GLuint>(imgui_program);
  program_ = glCreateProgram();
  GLuint vs = compile(GL_VERTEX_SHADER, kShader_colormap_vert), fs = compile(GL_FRAGMENT_SHADER, kShader_colormap_frag);
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glBindAttribLocation(program_, static_cast<GLuint>(glGetAttribLocation(imgui, "Position")), "position");
  glBindAttribLocation(program_, static_cast<GLuint>(glGetAttribLocation(imgui, "UV")), "uv");
  glBindAttribLocation(program_, static_cast<GLuint>(glGetAttribLocation(imgui, "Color")), "color");
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  projection_at_ = glGetUniformLocation(program_, "projection");
  scale_at_ = glGetUniformLocation(program_, "scale");
  values_at_ = glGetUniformLocation(program_, "values");
  table_at_ = glGetUniformLocation(program_, "table");
  gray_at_ = glGetUniformLocation(program_, "gray");

  // The colour table, uploaded once.
  const auto& colours = diverging_colormap();
  table_ = new_nearest_texture();
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, colours.data());
}

void GlTextures::use_colormap_program(const ImDrawList*, const ImDrawCmd* cmd) {
  const Draw& draw = *static_cast<const Draw*>(cmd->UserCallbackData);
  GlTextures& self = *draw.self;
  if (!self.program_) self.build_program();
  // ImGui's orthographic projection (imgui_impl_opengl3.cpp), from the frame's display rectangle.
  const ImDrawData* data = ImGui::GetDrawData();
  const float l = data->DisplayPos.x, r = l + data->DisplaySize.x;
  const float t = data->DisplayPos.y, b = t + data->DisplaySize.y;
  const float projection[16] = {2.0f / (r - l), 0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1.0f, 0,
                                (r + l) / (l - r), (t + b) / (b - t), 0, 1.0f};
  glUseProgram(self.program_);
  glUniformMatrix4fv(self.projection_at_, 1, GL_FALSE, projection);
  glUniform1f(self.scale_at_, draw.scale);
  glUniform1i(self.gray_at_, draw.map == ColorMap::Gray ? 1 : 0);
  glUniform1i(self.values_at_, 0);  // ImGui binds the image's texture to unit 0 for the next command
  glUniform1i(self.table_at_, 1);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, self.table_);
  glActiveTexture(GL_TEXTURE0);
}

}  // namespace hebblab
