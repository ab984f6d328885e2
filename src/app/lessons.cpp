// The lessons' steps (see lessons.h). The formulas follow the lecture's notation; the teaching text is in the string
// table.
#include "app/lessons.h"

namespace hebblab {
namespace {

constexpr LessonStep kSteps[] = {
    {"hebb", Str::LessonChapterHebb, Str::LessonHebbTitle, Str::LessonHebbText, "Δw_ij = x_i · x_j", Lab::Hopfield,
     LessonAction::ThreeNeurons},
    {"outer-product", Str::LessonChapterHebb, Str::LessonOuterTitle, Str::LessonOuterText,
     "x = [1, −1, −1]:   x xᵀ − I = [0 −1 −1; −1 0 1; −1 1 0]", Lab::Hopfield, LessonAction::StoreThree},
    {"hopfield", Str::LessonChapterHopfield, Str::LessonPixelsTitle, Str::LessonPixelsText,
     "x_i = ±1,   i = 1 … 25", Lab::Hopfield, LessonAction::LetterA},
    {"hebbian-rule", Str::LessonChapterHopfield, Str::LessonRuleTitle, Str::LessonRuleText,
     "W = (1/n) Σ_μ x^μ (x^μ)ᵀ − I", Lab::Hopfield, LessonAction::StoreAZ},
    {"energy", Str::LessonChapterHopfield, Str::LessonEnergyTitle, Str::LessonEnergyText,
     "E = −½ Σ_ij w_ij x_i x_j,   E_i = −½ x_i h_i,   h_i = Σ_j w_ij x_j", Lab::Hopfield, LessonAction::EnergyOfA},
    {"deform", Str::LessonChapterHopfield, Str::LessonDeformTitle, Str::LessonDeformText, "E(x(0)) > E(A)",
     Lab::Hopfield, LessonAction::DeformA},
    {"recall", Str::LessonChapterHopfield, Str::LessonRecallTitle, Str::LessonRecallText,
     "x(t+1) = sgn(W x(t)),   sgn(h) = +1 (h ≥ 0), −1 (h < 0)", Lab::Hopfield, LessonAction::RecallA},
    {"convolution", Str::LessonChapterConvolution, Str::LessonConvTitle, Str::LessonConvText,
     "g(x, y) = Σ_dx Σ_dy w(dx, dy) f(x + dx, y + dy),   w = [−1 −2 −1; 0 0 0; 1 2 1]", Lab::Convolution,
     LessonAction::SobelPhoto},
    {"kernels", Str::LessonChapterConvolution, Str::LessonKernelsTitle, Str::LessonKernelsText,
     "∇² ≈ [0 1 0; 1 −4 1; 0 1 0]", Lab::Convolution, LessonAction::LaplacianDigit},
    {"mnist", Str::LessonChapterCnn, Str::LessonMnistTitle, Str::LessonMnistText,
     "X_train: (60000, 28, 28, 1) ∈ [0, 1],   Y_train: (60000, 10)", Lab::Cnn, LessonAction::MnistData},
    {"model", Str::LessonChapterCnn, Str::LessonModelTitle, Str::LessonModelText,
     "28×28×1 → 26×26×32 → 24×24×32 → 12×12×32 → 4608 → 128 → 10", Lab::Cnn, LessonAction::LectureModel},
    {"fit", Str::LessonChapterCnn, Str::LessonFitTitle, Str::LessonFitText, "loss = −Σ_k y_k log p_k", Lab::Cnn,
     LessonAction::CompileFit},
    {"predict", Str::LessonChapterCnn, Str::LessonPredictTitle, Str::LessonPredictText,
     "p_k = e^(z_k) / Σ_j e^(z_j),   y = argmax_k p_k", Lab::Cnn, LessonAction::PredictTestDigit},
};

constexpr std::string_view kPrefix = "lesson/";

}  // namespace

const LessonStep* lesson_steps() { return kSteps; }
size_t lesson_step_count() { return sizeof(kSteps) / sizeof(kSteps[0]); }

int lesson_step_index(std::string_view fragment) {
  if (fragment.substr(0, kPrefix.size()) != kPrefix) return -1;
  fragment.remove_prefix(kPrefix.size());
  for (size_t i = 0; i < lesson_step_count(); ++i)
    if (fragment == kSteps[i].id) return static_cast<int>(i);
  return -1;
}

}  // namespace hebblab
