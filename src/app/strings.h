// The string table: every piece of UI text, by id, so panels hold no literal text. English is the source column
// below; each other language is a catalogue of its own (strings_pl.cpp) that translates every id. tr(id) returns the
// text in the current language, label(id) the same text as a widget label whose ImGui id stays the same in every
// language ("text###Id"), trn(id, n) the plural form for n of a string whose forms are separated by '|' (English: one
// and other; Polish: one, few and many).
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace hebblab {

// X(id, English)
#define HEBBLAB_STRINGS(X)                                                                                         \
  X(AppTitle, "HebbLab")                                                                                           \
  X(AppSubtitle, "Introduction to neural networks: an interactive lab")                                           \
  X(TabHopfield, "Hopfield")                                                                                       \
  X(TabConvolution, "Convolution")                                                                                 \
  X(TabCnn, "CNN")                                                                                                 \
  X(TabAbout, "About")                                                                                             \
  X(AboutText,                                                                                                     \
    "HebbLab turns the lecture \"Introduction to neural networks\" into experiments you can run: Hebb's law and "  \
    "Hopfield networks, image convolution, and a convolutional network trained on MNIST.")                        \
  X(AboutStart, "Where to start")                                                                                  \
  X(AboutStartText,                                                                                                \
    "Follow the lecture step by step in the Lessons tab, or explore on your own: open the Hopfield tab. Press Letter A, then Store pattern; press Letter Z and Store pattern again. Press "      \
    "Letter A once more, Flip to deform it, then Run: the network pulls the letter back while the energy plot "    \
    "falls step by step. Switch to asynchronous updates, try more flipped pixels, store more letters, and see "    \
    "when recall starts to fail; the Capacity experiment measures exactly that.")                                  \
  X(AboutSaved,                                                                                                    \
    "Everything you change is saved on this device as you go, and comes back when you return. Ctrl+Z (Undo) "       \
    "brings back a cleared grid or removed patterns.")                                                             \
  X(AboutLanguageSample, "Polish letters render with the bundled font: zażółć gęślą jaźń")                         \
  X(Notices, "Third-party software and data")                                                                      \
  X(NoticesText,                                                                                                   \
    "Dear ImGui (MIT), SDL2 (zlib), Eigen (MPL 2.0), DejaVu fonts (Bitstream Vera licence). MNIST data: "          \
    "Yann LeCun, Corinna Cortes and Christopher J.C. Burges.")                                                     \
  X(Settings, "Settings")                                                                                          \
  X(UiScale, "Text size")                                                                                          \
  X(StatusSaved, "Settings saved")                                                                                 \
  X(StatusSaveFailed, "Could not save settings: %s")                                                               \
  X(StatusLoadProblem, "Some saved settings could not be read (%s); the rest were restored")                       \
  X(FrameCounter, "frame %llu")                                                                                    \
  /* Hopfield lab */                                                                                               \
  X(HopGrid, "Network state x (one neuron per pixel)")                                                            \
  X(HopGridSize, "Grid")                                                                                           \
  X(HopGridChangedPatterns, "The stored patterns had another size and were set aside: Undo brings them back.")     \
  X(HopTool, "Mouse")                                                                                              \
  X(HopToolPaint, "paint")                                                                                         \
  X(HopToolInspect, "inspect a neuron")                                                                            \
  X(HopPaintHelp, "Paint: the left button (or a finger) sets the value chosen here, the right button the other one. " \
                  "From the keyboard: Space +1, Enter -1.")                                                        \
  X(HopPaintWith, "Left button paints")                                                                           \
  X(HopPaintBlack, "+1 (black)")                                                                                  \
  X(HopPaintWhite, "−1 (white)")                                                                                  \
  X(HopInspectHelp, "Click a neuron to see the sum that decides its next value.")                                  \
  X(HopPresetA, "Letter A")                                                                                        \
  X(HopPresetZ, "Letter Z")                                                                                        \
  X(HopPresetGlyph, "Load glyph")                                                                                  \
  X(HopPresetThree, "x = [1, -1, -1]")                                                                   \
  X(HopClear, "Clear")                                                                                             \
  X(HopInvert, "Invert")                                                                                           \
  X(HopShift, "Shift")                                                                                             \
  X(HopUndo, "Undo")                                                                                               \
  X(HopStore, "Store pattern")                                                                                     \
  X(HopForgetAll, "Forget all")                                                                                    \
  X(HopStored, "Stored patterns: %d (click one to load it)")                                                       \
  X(HopThumbHelp, "Load this pattern into the grid")                                                               \
  X(HopRemove, "remove")                                                                                           \
  X(HopNoneStored, "No patterns stored yet: paint one (or load a letter) and press Store pattern.")                \
  X(HopFilePath, "File")                                                                                           \
  X(HopSaveFile, "Save patterns")                                                                                  \
  X(HopLoadFile, "Load patterns")                                                                                  \
  X(HopFileHelp,                                                                                                   \
    "A pattern file is plain text: one row per line, X = +1 (black) and O = -1 (white), a blank line between "     \
    "patterns, an optional '# name' line before each. Every pattern in a file has the same size.")                \
  X(HopFileSaved, "Patterns saved")                                                                               \
  X(HopFileLoaded, "Loaded %d pattern from %s (Undo brings back what was stored before)|Loaded %d patterns from %s (Undo brings back what was stored before)")                        \
  X(HopFileReadFailed, "Could not read the file: ")                                                                \
  X(HopFileNothingChanged, " (nothing was changed)")                                                               \
  X(HopFileTooLarge, "patterns larger than 32 x 32 neurons are not supported (nothing was changed)")               \
  X(HopDeform, "Deform")                                                                                           \
  X(HopFlip, "Pixels to flip")                                                                                     \
  X(HopSeed, "Seed")                                                                                               \
  X(HopFlipButton, "Flip")                                                                                         \
  X(HopDeformHelp, "or paint over the image")                                                                      \
  X(HopRecall, "Recall")                                                                                           \
  X(HopMode, "Update")                                                                                             \
  X(HopModeSync, "synchronous")                                                                                    \
  X(HopModeAsync, "asynchronous")                                                                                  \
  X(HopModeHelp,                                                                                                   \
    "Synchronous: every neuron at once, x(t+1) = sgn(W x(t)), as in the lecture. Asynchronous: one step is a "     \
    "sweep over all neurons in a random order (from the seed), each using the values updated before it.")          \
  X(HopStep, "Step")                                                                                               \
  X(HopRun, "Run")                                                                                                 \
  X(HopStop, "Stop")                                                                                               \
  X(HopSpeed, "Steps per second")                                                                                  \
  X(HopSgnRule, "sgn(h) = +1 when h ≥ 0, −1 when h < 0 (so sgn(0) = +1).")                                        \
  X(HopEnergy, "Energy E = −½ Σ_ij w_ij x_i x_j per step")                                                     \
  X(HopStepAxis, "step")                                                                                           \
  X(HopEnergyNow, "E = %.3f after %d step|E = %.3f after %d steps")                                                                       \
  X(HopOutcomePattern, "Settled on stored pattern %s")                                                             \
  X(HopOutcomeInverse, "Settled on the inverse of stored pattern %s")                                              \
  X(HopOutcomeSpurious, "Settled on a spurious state (not a stored pattern)")                                      \
  X(HopOutcomeCycle, "Oscillates between two states (a 2-cycle)")                                                  \
  X(HopOutcomeRunning, "Not settled yet")                                                                          \
  X(HopOverlaps, "Overlap with each stored pattern")                                                               \
  X(HopOverlapHelp,                                                                                                \
    "m = (1/N) sum_i x_i xi_i: +1 when the state equals the pattern, -1 when it is the inverse, near 0 when "       \
    "unrelated. Each bar runs from the centre line (m = 0): right for positive m, left for negative, to the "      \
    "edge at +1 or -1.")                                                                                                  \
  X(HopHebbHelp,                                                                                                   \
    "Hebb's law: neurons that fire together wire together. Storing pattern x adds x_i x_j to the weight w_ij: "    \
    "+1 when the two pixels agree, -1 when they differ. That is the outer product x xᵀ; averaged over the n "     \
    "patterns and with the diagonal removed it gives W = (1/n) Σ x xᵀ − I.")                                    \
  X(HopEnergyHelp,                                                                                                 \
    "With symmetric weights and a zero diagonal, setting one neuron to sgn(h_i) changes the energy by "            \
    "-2|h_i| (or leaves it), never upwards, so asynchronous updates only go downhill until a minimum: a stored "    \
    "pattern, its inverse, or a spurious state. Synchronous updates change all neurons at once and may "           \
    "oscillate between two states.")                                                                               \
  X(HopInspector, "Inspector")                                                                                     \
  X(HopInspectorEmpty, "Choose 'inspect a neuron' and click a neuron in the grid.")                               \
  X(HopInspectorNeuron, "Neuron %d (row %d, column %d), x = %+d")                                                  \
  X(HopInspectorMore, " + ... (%d more non-zero term)| + ... (%d more non-zero terms)")                                                           \
  X(HopInspectorDecision, "h = %.4g, so sgn(h) = %+d")                                                             \
  X(HopInspectorStays, "The neuron keeps its value.")                                                              \
  X(HopInspectorFlips, "The neuron flips at the next update.")                                                     \
  X(HopInspectorEnergy, "Its energy E_%d = −½ x_i h_i = %.4g")                                                       \
  X(HopWeights, "Weights W")                                                                                       \
  X(HopWeightsNumbers, "W as numbers")                                                                             \
  X(HopWeightsHelp,                                                                                                \
    "Row i, column j is w_ij: red where the stored patterns mostly agree on pixels i and j, blue where they "      \
    "mostly differ. The diagonal is 0. Hover for the value.")                                                      \
  X(HopNeuronEnergies, "Energy of each neuron E_i = −½ x_i h_i")                                                 \
  X(HopNeuronEnergyHelp,                                                                                           \
    "Blue neurons agree with their field (low energy); red ones disagree and will flip. The E_i sum to E.")       \
  /* Convolution lab */                                                                                            \
  X(ConvInput, "Input f(x, y)")                                                                                    \
  X(ConvSourceDraw, "draw")                                                                                        \
  X(ConvSourceMnist, "MNIST digit")                                                                                \
  X(ConvSourcePhoto, "photo")                                                                                      \
  X(ConvSourceOwn, "my image")                                                                                     \
  X(ConvCanvasSize, "Canvas")                                                                                      \
  X(ConvClear, "Clear")                                                                                            \
  X(ConvBrush, "Brush")                                                                                            \
  X(ConvPaintHelp, "Paint: left button adds ink (1), right button erases (0). The brush is soft at its edge.")     \
  X(ConvLoading, "Loading ...")                                                                                    \
  X(ConvMnistIndex, "Test image")                                                                                  \
  X(ConvMnistLabel, "label %d")                                                                                    \
  X(ConvMnistNext, "Next with label")                                                                              \
  X(ConvImagePath, "Image file")                                                                                   \
  X(ConvPhotoCredit, "camera.png: photograph by Lav Varshney, CC0 (from scikit-image), 128 x 128 gray.")           \
  X(ConvOpenImage, "Open image")                                                                                   \
  X(ConvOwnHelp, "PNG, JPEG or PGM; or drop one on the window. Large images are shrunk to 128 pixels.")            \
  X(ConvImageLoaded, "Loaded %s (%d x %d, shown as %d x %d gray)")                                                 \
  X(ConvKernel, "Kernel w(dx, dy)")                                                                                \
  X(ConvKernelIdentity, "identity")                                                                                \
  X(ConvKernelSharpen, "sharpen")                                                                                  \
  X(ConvKernelMean, "mean blur (1/9)")                                                                             \
  X(ConvKernelLaplacian, "Laplacian")                                                                              \
  X(ConvKernelGaussian, "Gaussian blur (1/16)")                                                                    \
  X(ConvKernelSobelH, "Sobel: horizontal edges")                                                                   \
  X(ConvKernelSobelV, "Sobel: vertical edges")                                                                     \
  X(ConvKernelCustom, "my own kernel")                                                                             \
  X(ConvMagnitude, "Sobel magnitude")                                                                              \
  X(ConvMagnitudeHelp,                                                                                             \
    "√(gx² + gy²): the strength of an edge whatever its direction, from the two Sobel kernels.")              \
  X(ConvMagnitudeText, "Output = √(gx² + gy²), gx and gy the two Sobel responses.")                         \
  X(ConvNormalise, "Normalise")                                                                                    \
  X(ConvNormaliseHelp,                                                                                             \
    "Divides every weight by their sum, so a flat image keeps its brightness; when the weights sum to 0 (edge "    \
    "kernels), by the sum of their absolute values instead.")                                                      \
  X(ConvCopyLecture, "Start from the Sobel kernel")                                                               \
  X(ConvSettings, "Stride and padding")                                                                            \
  X(ConvStride, "Stride")                                                                                          \
  X(ConvPadding, "Padding")                                                                                        \
  X(ConvSizeValid,                                                                                                 \
    "valid: out = floor((n - k) / s) + 1, width floor((%d - %d) / %d) + 1 = %d, height floor((%d - %d) / %d) + 1 " \
    "= %d")                                                                                                        \
  X(ConvSizeSame,                                                                                                  \
    "same: out = ceil(n / s) with zeros around the image (the extra row and column at the bottom and right), "     \
    "width ceil(%d / %d) = %d, height ceil(%d / %d) = %d")                                                         \
  X(ConvFormulaHelp,                                                                                               \
    "g(x, y) = sum over dx, dy of w(dx, dy) f(x + dx, y + dy): the kernel slides over the image (it is not "       \
    "flipped, as in Keras's Conv2D) and each output pixel is the sum of the products under it.")                  \
  X(ConvOutput, "Output g(x, y)")                                                                                  \
  X(ConvScale, "Colour scale")                                                                                     \
  X(ConvAutoScale, "auto")                                                                                         \
  X(ConvColourHelp, "Red: positive response, blue: negative, white: zero.")                                       \
  X(ConvGreyHelp,                                                                                                  \
    "The weights sum to 1, so the output is an image: it is drawn on the input's grey scale (0 black, 1 white).") \
  X(ConvClipped, "%d pixel outside 0…1 clipped|%d pixels outside 0…1 clipped")                                     \
  X(ConvInspector, "One output pixel, computed")                                                                   \
  X(ConvPlay, "Play")                                                                                              \
  X(ConvPause, "Pause")                                                                                            \
  X(ConvStep, "Step")                                                                                              \
  X(ConvStepsPerSecond, "pixels per second")                                                                       \
  X(ConvInspectorEmpty, "Hover over the output, or press Play to slide the kernel pixel by pixel.")               \
  X(ConvInspectorMagnitude, "The magnitude combines two convolutions; choose one Sobel kernel to see its sums.")   \
  X(ConvInspectorPixel, "g(%d, %d): the kernel's top-left weight over f(%d, %d)")                                  \
  X(ConvInspectorWindow, "input f")                                                                                \
  X(ConvInspectorWeights, "kernel w")                                                                              \
  X(ConvInspectorProducts, "products w f")                                                                         \
  X(ConvInspectorSum, "g(%d, %d) = sum of the products = %.4f")                                                    \
  X(StatusDropWhere, "Drop pattern files on the Hopfield tab and images on the Convolution tab.")                 \
  /* Hopfield lab (continued) */                                                                                   \
  X(HopTabRecall, "Store and recall")                                                                              \
  X(HopCapacity, "Capacity experiment")                                                                            \
  X(HopCapacityHelp,                                                                                               \
    "Store P random patterns in N neurons, flip a fraction of a stored pattern's pixels, and count how often "     \
    "recall returns exactly that pattern. The known marks: 0.138 N and N / (2 ln N).")                        \
  X(HopCapUserPatterns, "use my stored patterns")                                                                  \
  X(HopCapUserHelp,                                                                                                \
    "Instead of random patterns, store the first P of your own patterns (N = the grid's size). Letters look "      \
    "alike, so they interfere sooner than random patterns do.")                                                    \
  X(HopCapModeSeed, "Recall's update mode (%s) and seed (%d) are set on the \"%s\" tab.")                          \
  X(HopCapN, "Neurons N")                                                                                          \
  X(HopCapPmax, "Largest P")                                                                                       \
  X(HopCapNoise, "Noise (fraction flipped)")                                                                       \
  X(HopCapTrials, "Trials per P")                                                                                  \
  X(HopCapStart, "Start experiment")                                                                               \
  X(HopCapCancel, "Cancel")                                                                                        \
  X(HopCapRunning, "Running: %.0f%%")                                                                              \
  X(HopCapCancelled, "Cancelled")                                                                                  \
  X(HopCapDone, "Done")                                                                                            \
  X(HopCapFailed, "Failed: %s")                                                                                    \
  X(HopCapAxisX, "P / N")                                                                                          \
  X(HopCapAxisY, "fraction recalled") \
  /* CNN lab */ \
  X(CnnPartInside, "Paint and look inside") \
  X(CnnPartModel, "Model") \
  X(CnnPartTrain, "Data and training") \
  X(CnnPartEvaluate, "Test and confusion matrix") \
  X(CnnModelNone, "No model yet: the pretrained lecture model is on its way, or build one and train it.") \
  X(CnnModelLoading, "Loading the pretrained lecture model...") \
  X(CnnModelCurrent, "Model: %s") \
  X(CnnModelPretrained, "the pretrained lecture model") \
  X(CnnModelTrainedHere, "trained here") \
  X(CnnInput, "Input") \
  X(CnnSourcePaint, "paint") \
  X(CnnSourceTest, "a test image") \
  X(CnnSourceTrain, "a training image") \
  X(CnnPaintHelp, "Paint a digit with the left button, erase with the right. The model sees the 28 x 28 image on the right: cropped to the ink, scaled to 20 x 20 keeping its aspect, centred by its centre of mass, as MNIST's digits were made.") \
  X(CnnClear, "Clear") \
  X(CnnBrush, "Brush") \
  X(CnnWhatModelSees, "What the model sees (28 x 28)") \
  X(CnnTestIndex, "Test image") \
  X(CnnTestLabel, "label %d") \
  X(CnnTestNotLoaded, "The 10,000 MNIST test images are loading...") \
  X(CnnDeform, "Deform the input") \
  X(CnnDeformHelp, "Shift, rotate, scale or add noise until the prediction breaks, like the deformed letters of the Hopfield chapter.") \
  X(CnnShiftX, "shift x") \
  X(CnnShiftY, "shift y") \
  X(CnnRotate, "rotate") \
  X(CnnScale, "scale") \
  X(CnnNoise, "noise") \
  X(CnnDeformReset, "Reset") \
  X(CnnPrediction, "Prediction: %d (%.1f%%)") \
  X(CnnProbabilities, "Class probabilities (softmax)") \
  X(CnnExportPgm, "Export input as PGM") \
  X(CnnFeatureMaps, "Feature maps, layer by layer") \
  X(CnnFeatureHelp, "Every map of every layer for the current input, brighter = larger. Click a map to enlarge it.") \
  X(CnnLayerSame, "%s: the same values as the layer before (inference)") \
  X(CnnFilters, "Learned 3 x 3 filters of the first layer beside the lecture's kernels") \
  X(CnnFiltersHelp, "Left: the first Conv2D's kernels as learned (blue negative, red positive). Right: the lecture's hand-made kernels on the same input, as in the convolution lab.") \
  X(CnnEnlarged, "%s, map %d of %d") \
  X(CnnBuilderHelp, "Build a Sequential model: add, remove, reorder and edit layers. The last Dense layer gets one unit per class and softmax.") \
  X(CnnPreset, "Preset") \
  X(CnnPresetLecture, "the lecture's model") \
  X(CnnPresetQuick, "quick model") \
  X(CnnPresetDense, "Dense only") \
  X(CnnAddLayer, "Add layer") \
  X(CnnRemove, "Remove") \
  X(CnnUp, "Up") \
  X(CnnDown, "Down") \
  X(CnnFilters1, "filters") \
  X(CnnKernel, "kernel") \
  X(CnnStrides, "strides") \
  X(CnnPadding, "padding") \
  X(CnnPool, "pool") \
  X(CnnRate, "rate") \
  X(CnnUnits, "units") \
  X(CnnActivation, "activation") \
  X(CnnSummary, "model.summary()") \
  X(CnnKerasCode, "Keras code") \
  X(CnnSpecProblem, "This model cannot be built: %s") \
  X(CnnSpecLayerProblem, "Layer %d cannot follow the one before: %s") \
  X(CnnSaveModel, "Download model") \
  X(CnnSaveModelPath, "Save model") \
  X(CnnOpenModel, "Open model...") \
  X(CnnModelPath, "model file") \
  X(CnnModelSaved, "Model saved as %s") \
  X(CnnModelOpened, "Opened %s") \
  X(CnnModelBad, "%s is not a usable model: %s. The current model is unchanged.") \
  X(CnnData, "Data") \
  X(CnnDataMnist, "MNIST digits") \
  X(CnnDataMnistSize, "60,000 training and 10,000 test images") \
  X(CnnDataOwn, "my own dataset") \
  X(CnnDataOwnOpen, "Add IDX files...") \
  X(CnnDataOwnHelp, "Four IDX files as MNIST is distributed (raw *-ubyte or gzipped *-ubyte.gz): train-images, train-labels, and optionally t10k-images and t10k-labels. 2 to 10 classes; the model's input follows the image size.") \
  X(CnnDataOwnState, "%s: %d training images of %d x %d, %d classes") \
  X(CnnDataOwnMissing, "Add the training images and labels.") \
  X(CnnDataSubset, "training images used") \
  X(CnnLectureSteps, "The lecture's steps") \
  X(CnnShowTrainImages, "Show training images") \
  X(CnnTrainImage, "X_train[%d], label y_train[%d] = %d") \
  X(CnnLookInside, "Look inside with this image") \
  X(CnnTraining, "Training (model.fit)") \
  X(CnnBatchSize, "batch_size") \
  X(CnnEpochs, "epochs") \
  X(CnnOptimizer, "optimizer") \
  X(CnnLearningRate, "learning rate") \
  X(CnnMomentum, "momentum") \
  X(CnnValidationSplit, "validation_split") \
  X(CnnSeed, "seed") \
  X(CnnThreads, "threads") \
  X(CnnThreadsHelp, "Each batch is cut into one part per thread; the parts train at the same time on %d of this computer's %d cores and their gradients are added up. The same seed and number of threads give the same model.") \
  X(CnnOneThread, "This page is not cross-origin isolated, so the browser gives it no shared memory and training uses one thread (README, \"Hosting the site\", lists the headers a server must send).") \
  X(CnnReproducible, "Same result on every computer (slower)") \
  X(CnnReproducibleHelp, "Every sum is computed in the same order with the same rounding on every computer and browser, so the same seed, threads and data give the same weights to the last bit: compare the fingerprints.") \
  X(CnnFingerprint, "Weights fingerprint: %s") \
  X(CnnSpeed, "%.0f images/s on %d thread|%.0f images/s on %d threads") \
  X(CnnStart, "Train a new model") \
  X(CnnContinue, "Continue training") \
  X(CnnPause, "Pause") \
  X(CnnResume, "Resume") \
  X(CnnStop, "Stop") \
  X(CnnClearRuns, "Clear earlier runs") \
  X(CnnTrainHelp, "Training runs in the background (a Web Worker in the browser, a thread on the desktop): keep painting while it learns; the feature maps follow the weights a few times a second.") \
  X(CnnStarting, "Fetching the training data and starting...") \
  X(CnnPaused, "Paused") \
  X(CnnStopped, "Stopped: the model keeps the weights it had learnt.") \
  X(CnnDone, "Done: test loss %.4f, test accuracy %.2f%%") \
  X(CnnDiverged, "Training stopped: %s. The model keeps the last good weights.") \
  X(CnnFailed, "Training failed: %s") \
  X(CnnLossAxis, "loss") \
  X(CnnAccuracyAxis, "accuracy") \
  X(CnnEpochAxis, "epoch") \
  X(CnnCurvesHelp, "Thin: each batch (smoothed); dots: each epoch's mean; squares: validation. Earlier runs stay faded until cleared.") \
  X(CnnEvaluate, "Evaluate on the test images") \
  X(CnnEvaluating, "Evaluating...") \
  X(CnnTestResult, "Test loss %.4f, test accuracy %.2f%% on %d images") \
  X(CnnConfusionHelp, "Rows: the true digit; columns: the predicted one. Click a cell to see its images; click an image to look inside.") \
  X(CnnConfusionEmpty, "Evaluate the model (or finish a training run) to fill the confusion matrix.") \
  X(CnnCellImages, "%d image of %d predicted as %d|%d images of %d predicted as %d") \
  X(CnnTrue, "true") \
  X(CnnPredicted, "predicted") \
  X(CnnSlots, "Saved on this device") \
  X(CnnSlotSave, "Save to slot") \
  X(CnnSlotLoad, "Load") \
  X(CnnSlotDelete, "Delete") \
  X(CnnSlotSaved, "Saved in slot '%s'") \
  X(CnnSlotSaveFailed, "Could not save slot '%s' (%s); what it held before is still there") \
  X(CnnSlotNameHelp, "A slot name has 1 to 64 letters, digits, spaces, '-', '_' or '.'.") \
  X(CnnNeeds28, "Painting needs a model that takes 28 x 28 images; this one takes %s. Pick a test image instead.") \
  /* Language */ \
  X(MenuLanguage, "Language") \
  X(LanguageEnglish, "English") \
  X(LanguagePolish, "Polish (polski)") \
  /* Themes, help, keys */ \
  X(MenuTheme, "Theme") \
  X(ThemeLight, "Light") \
  X(ThemeDark, "Dark") \
  X(ThemeHighContrast, "High contrast") \
  X(DebugOverlay, "Show the frame counter (for developers)") \
  X(MenuHelp, "Help") \
  X(HelpShortcuts, "Keyboard shortcuts") \
  X(KeyArrows, "Arrow keys") \
  X(KeyArrowsDoes, "Move the focus ring to the next control in that direction.") \
  X(KeyActivate, "Space, Enter") \
  X(KeyActivateDoes, "Press the button, tick the box or open the list the ring is on.") \
  X(KeyPanels, "F6, Ctrl+Tab") \
  X(KeyPanelsDoes, "Go to the next panel (with Shift: the previous one). In a browser Ctrl+Tab changes tabs: use F6.") \
  X(KeyTab, "Tab") \
  X(KeyTabDoes, "Go to the next number field, e.g. the next cell of the custom kernel.") \
  X(KeyEscape, "Escape") \
  X(KeyEscapeDoes, "Close a menu or list; leave a number field or the grid's cursor.") \
  X(KeyGrid, "On a grid") \
  X(KeyGridDoes, "Arrows move the cursor, Space paints +1 (black), Enter paints -1 (white).") \
  X(KeyUndo, "Ctrl+Z") \
  X(KeyUndoDoes, "Undo the last change to the grid or the stored patterns.") \
  X(KeyPages, "Page Down, Page Up") \
  X(KeyPagesDoes, "The next or previous step of the lesson (a presenter's clicker sends these).") \
  /* The site: offline use, updates, network failures */ \
  X(SiteOffline, "Offline use") \
  X(SiteOfflineDesktop, "The desktop app needs no network: everything it uses is on this computer.") \
  X(SiteOfflineUnsupported, "This browser has no service workers, so HebbLab cannot be saved for offline use here.") \
  X(SiteOfflineInsecure, "This page comes over plain HTTP from an address other than localhost, where browsers allow no service worker: HebbLab will not work offline from here. Served over HTTPS (or from localhost) it does; see the README.") \
  X(SiteOfflineInstalling, "Saving HebbLab on this device for offline use...") \
  X(SiteOfflineReady, "HebbLab is saved on this device: it opens and every lab works without a network.") \
  X(SiteOfflineFailed, "HebbLab could not be saved for offline use: %s") \
  X(SiteUpdateReady, "A new version of HebbLab is ready.") \
  X(SiteUpdate, "Update") \
  X(AssetFailed, "Could not load %s: %s") \
  X(AssetRetry, "Retry") \
  /* Lessons */ \
  X(TabLessons, "Lessons") \
  X(LessonsIntro, "The lecture \"Introduction to neural networks\", step by step: each step explains one idea, gives its formula and puts a lab into the state it describes when you press Show me. Teachers: PageDown and PageUp (what presenter clickers send) go forward and back while projecting; every step has a link of its own.") \
  X(LessonsContents, "Contents") \
  X(LessonStepOf, "Step %d of %d") \
  X(LessonShowMe, "Show me") \
  X(LessonPrevious, "Previous") \
  X(LessonNext, "Next") \
  X(LessonClose, "Close the lesson") \
  X(LessonKeys, "PageDown / PageUp: next / previous step") \
  X(LessonLink, "Link to this step: #%s") \
  X(LessonShown, "The lab shows this step. Undo in the Hopfield lab brings back what was there before.") \
  X(LessonChapterHebb, "1. Learning in the brain") \
  X(LessonChapterHopfield, "2. The Hopfield network") \
  X(LessonChapterConvolution, "3. Image convolution") \
  X(LessonChapterCnn, "4. A convolutional network in Keras") \
  X(LessonHebbTitle, "Thorndike's and Hebb's laws") \
  X(LessonHebbText, "In 1933 Edward Thorndike proposed that learning strengthens some property of neurons. In 1949 Donald Hebb said which one: the connection between two cells grows stronger when one of them repeatedly takes part in firing the other. In short: neurons that fire together wire together. For neurons that are either +1 or −1 this becomes a rule for a weight: add the product x_i x_j, which is +1 when the two agree and −1 when they differ. Show me sets three neurons to x = [1, −1, −1]; nothing is learnt yet, so every weight is 0.") \
  X(LessonOuterTitle, "The outer product: three neurons") \
  X(LessonOuterText, "Store x = [1, −1, −1]: every weight w_ij becomes x_i x_j, so the whole weight matrix is the outer product x xᵀ. Its diagonal (each neuron with itself) is always +1 and tells nothing, so the identity matrix I is taken away. Read the numbers: −1 between neurons that differ, +1 between neurons that agree.") \
  X(LessonPixelsTitle, "One neuron per pixel") \
  X(LessonPixelsText, "Hopfield's idea (1982): one neuron stands for one pixel of a black-and-white image, so its state is +1 (black) or −1 (white), and any neuron may be connected to any other through the weight matrix W. The lecture's task is a tiny OCR: the letters A and Z as 5 × 5 images, 25 neurons. Show me puts A into the grid; paint on it to change neurons.") \
  X(LessonRuleTitle, "Learning n patterns") \
  X(LessonRuleText, "To learn n patterns, add up their outer products, divide by n and remove the diagonal. Pixels on which the patterns agree get positive weights, pixels on which they differ negative ones. Show me stores A and Z: W is now a 25 × 25 matrix, symmetric, with zeros on the diagonal.") \
  X(LessonEnergyTitle, "The energy") \
  X(LessonEnergyText, "Every state of the network has an energy. A pair of neurons lowers it when their weight agrees with their states (w_ij x_i x_j > 0), so the stored patterns lie in valleys. Neuron i's share is E_i = −½ x_i h_i, where h_i is the weighted sum the neuron receives. Show me puts A into the grid and opens the inspector on the middle neuron: its sum, its sign and its energy.") \
  X(LessonDeformTitle, "Start from something deformed") \
  X(LessonDeformText, "The network should clean up a damaged letter. Show me flips 3 of the 25 pixels of A: this is the input to recall. Its energy is higher than the energy of A itself.") \
  X(LessonRecallTitle, "Evolution in time: recall") \
  X(LessonRecallText, "At each step every neuron takes the sign of the sum it receives, all at once. Show me runs it: the energy goes down step by step and the network settles on the stored A. With asynchronous updates (one neuron after another) the energy can never rise; synchronous ones may also swing between two states, so watch the outcome line.") \
  X(LessonConvTitle, "Convolution") \
  X(LessonConvText, "A convolution slides a small kernel (filter) w over the input image f: each output pixel g(x, y) is the sum of the kernel's weights times the pixels under them. The lecture's first kernel is a Sobel filter for horizontal edges: positive where the image gets brighter downwards, negative where it gets darker. Show me runs it on the photo; hover over the output to see one pixel's sum.") \
  X(LessonKernelsTitle, "The kernel table") \
  X(LessonKernelsText, "The lecture's table: the identity leaves the image as it is, sharpen (5 in the middle, −1 around) strengthens differences, the mean blur averages nine pixels (1/9 each), the Gaussian blur weights the middle most (4/16, 2/16, 1/16), and the Laplacian (−4 in the middle) finds edges in every direction. Show me puts the first MNIST test digit through the Laplacian; try the other kernels on it.") \
  X(LessonMnistTitle, "The MNIST data") \
  X(LessonMnistText, "mnist.load_data() gives 60,000 training images X_train of 28 × 28 pixels with their labels y_train (the first ten: 5 0 4 1 9 2 1 3 1 4) and 10,000 test images. The pixels are divided by 255 to lie between 0 and 1, and each label becomes a vector of 10 with a single 1 (to_categorical). Show me opens the lecture's steps and the training images.") \
  X(LessonModelTitle, "The model") \
  X(LessonModelText, "The lecture's Sequential model: two Conv2D layers of 32 filters 3 × 3 with ReLU, MaxPooling2D 2 × 2, Dropout 0.25, Flatten, Dense 128 with ReLU, Dropout 0.5 and Dense 10 with softmax, which turns the ten outputs into probabilities. model.summary() lists each layer's output shape and counts the parameters.") \
  X(LessonFitTitle, "Compiling and training") \
  X(LessonFitText, "model.compile chooses the loss (categorical cross-entropy), the optimizer (Adam) and the metric (accuracy); model.fit goes through the training images in batches of 32, epoch after epoch, moving every weight a little against the gradient of the loss. Show me sets the lecture's batch size and optimizer; press Train a new model and watch the loss fall while the page stays usable.") \
  X(LessonPredictTitle, "Prediction: look inside") \
  X(LessonPredictText, "model.predict(x) gives ten probabilities for an image. Show me gives the pretrained model the first test image, a 7: every feature map of every layer is drawn, from the first Conv2D's edge detectors to the ten outputs. Then paint a digit of your own, or deform this one until the prediction breaks.")

enum class Str {
#define HEBBLAB_STRING_ID(id, en) id,
  HEBBLAB_STRINGS(HEBBLAB_STRING_ID)
#undef HEBBLAB_STRING_ID
      Count
};

enum class Language { English, Polish };
constexpr Language kLanguages[] = {Language::English, Language::Polish};

void set_language(Language language);
Language language();
// "en", "pl": the settings' and the page's name for a language.
const char* language_code(Language language);
// A BCP 47 tag or POSIX locale ("pl", "pl-PL", "pl_PL.UTF-8", "en-GB") to a language; nullopt when not one of ours.
std::optional<Language> language_from_tag(std::string_view tag);

const char* tr(Str id);
const char* label(Str id);
const char* trn(Str id, long n);

// Polish plural forms: 0 one (n = 1), 1 few (2-4, 22-24, ... but not 12-14), 2 many (everything else).
int plural_form(Language language, long n);

// What the tests read: the id's name, the text in a language (nullptr when the catalogue lacks it), whether it is a
// plural string.
const char* string_id_name(Str id);
const char* catalogue_text(Language language, Str id);
bool is_plural(Str id);

// A catalogue entry of a language other than English.
struct Translation {
  Str id;
  const char* text;
};
extern const Translation kPolish[];
extern const size_t kPolishCount;

}  // namespace hebblab
