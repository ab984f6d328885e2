// The lecture as lessons: its steps in the lecture's order (Thorndike and Hebb, the Hopfield network, convolution,
// the Keras CNN on MNIST), each with teaching text, its formula, the lab it happens in and what "Show me" does there.
#pragma once
#include <cstddef>
#include <string_view>

#include "app/strings.h"

namespace hebblab {

enum class Lab { Hopfield, Convolution, Cnn };

// What "Show me" puts a lab into. Each lab applies its own actions (HopfieldLab::show and so on); what the user had
// there stays one Undo away in the Hopfield lab, and in the other labs only settings change.
enum class LessonAction {
  ThreeNeurons,       // the 3-neuron state x = [1, −1, −1], nothing stored
  StoreThree,         // ... stored: W = x xᵀ − I
  LetterA,            // a 5 × 5 grid showing A, nothing stored
  StoreAZ,            // A and Z stored
  EnergyOfA,          // A and Z stored, the state A, the inspector on the middle neuron
  DeformA,            // A and Z stored, the state A with 3 pixels flipped (seed 1)
  RecallA,            // ... and synchronous recall running
  SobelPhoto,         // the photo through the lecture's horizontal Sobel kernel
  LaplacianDigit,     // MNIST test digit 0 through the Laplacian
  MnistData,          // the CNN lab's data: the lecture's steps and the first training images
  LectureModel,       // the builder with the lecture's model and its summary
  CompileFit,         // the training settings of the lecture's compile and fit
  PredictTestDigit,   // look inside with test image 0 (a 7)
};

struct LessonStep {
  const char* id;       // the link's fragment: #lesson/<id>
  Str chapter, title, text;
  const char* formula;  // mathematics, the same in every language (UTF-8): symbols, no words
  Lab lab;
  LessonAction action;
};

// The steps in order.
const LessonStep* lesson_steps();
size_t lesson_step_count();
// The step a fragment ("lesson/energy") names, or -1.
int lesson_step_index(std::string_view fragment);

}  // namespace hebblab
