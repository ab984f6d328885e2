// Model specs: the presets build with the lecture's and hand-counted parameters, building follows the data's shape
// and classes and refuses what cannot work (naming the layer, leaving the model alone), the settings line reads back
// what it wrote, a built model gives its spec back, and the Keras code is the lecture's script.
#include "core/nn/model_spec.h"

#include <gtest/gtest.h>

#include "core/nn/mnist.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

const Shape kMnist{28, 28, 1};

// The builders under shorter names, ReLU unless said otherwise.
LayerConfig conv(int filters, int k, Activation a = Activation::Relu) { return conv2d_layer(filters, k, a); }
LayerConfig pool(int k) { return max_pooling2d_layer(k); }
LayerConfig dropout(double rate) { return dropout_layer(rate); }
LayerConfig flatten() { return flatten_layer(); }
LayerConfig dense(int units, Activation a = Activation::Relu) { return dense_layer(units, a); }

// Builds `spec` for `input` and 10 classes, expecting failure; the error.
SpecError refusal(const ModelSpec& spec, const Shape& input = kMnist, int classes = 10) {
  Sequential model;
  SpecError error;
  EXPECT_FALSE(build_model(spec, input, classes, 1, &model, &error));
  EXPECT_FALSE(error.message.empty());
  EXPECT_EQ(model.size(), 0);
  return error;
}

TEST(NnModelSpec, EveryPresetBuildsForMnist) {
  for (ModelPreset preset : kModelPresets) {
    Sequential model;
    SpecError error;
    ASSERT_TRUE(build_model(preset_spec(preset), kMnist, 10, 1, &model, &error))
        << preset_name(preset) << ": " << error.layer << " " << error.message;
    EXPECT_EQ(model.input_shape(), kMnist) << preset_name(preset);
    EXPECT_EQ(model.output_shape(), (Shape{10})) << preset_name(preset);
    EXPECT_EQ(model.size(), int(preset_spec(preset).layers.size())) << preset_name(preset);
    EXPECT_TRUE(model.compile(Loss::CategoricalCrossentropy, Adam())) << preset_name(preset);
  }
  EXPECT_STREQ(preset_name(ModelPreset::Lecture), "lecture");
  EXPECT_STREQ(preset_name(ModelPreset::Quick), "quick");
  EXPECT_STREQ(preset_name(ModelPreset::DenseOnly), "dense");
}

TEST(NnModelSpec, LecturePresetIsTheLectureModel) {
  Sequential model;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Lecture), kMnist, 10, 1, &model, nullptr));
  EXPECT_EQ(model.count_params(), 600810);
  EXPECT_EQ(model.summary(), lecture_model(1).summary());
  EXPECT_EQ(weights_fingerprint(model), weights_fingerprint(lecture_model(1)));
  const ModelSpec lecture{{conv(32, 3), conv(32, 3), pool(2), dropout(0.25), flatten(), dense(128), dropout(0.5),
                           dense(10, Activation::Softmax)}};
  EXPECT_EQ(preset_spec(ModelPreset::Lecture), lecture);
}

TEST(NnModelSpec, QuickAndDensePresetsHaveTheirHandCountedParameters) {
  // quick on 28 x 28 x 1:
  //   Conv2D(16, 5x5)  5*5*1*16 + 16  =    416   -> 24 x 24 x 16
  //   MaxPooling2D(2)                 =      0   -> 12 x 12 x 16
  //   Conv2D(32, 3x3)  3*3*16*32 + 32 =  4,640   -> 10 x 10 x 32
  //   MaxPooling2D(2)                 =      0   ->  5 x  5 x 32 = 800
  //   Dense(64)        800*64 + 64    = 51,264
  //   Dense(10)        64*10 + 10     =    650   total 56,970
  Sequential quick;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Quick), kMnist, 10, 1, &quick, nullptr));
  EXPECT_EQ(quick.count_params(), 56970);
  EXPECT_EQ(quick.layer(3).output_shape(), (Shape{5, 5, 32}));
  const ModelSpec quick_spec{{conv(16, 5), pool(2), conv(32, 3), pool(2), flatten(), dense(64),
                              dense(10, Activation::Softmax)}};
  EXPECT_EQ(preset_spec(ModelPreset::Quick), quick_spec);

  // dense: Flatten 784, Dense(128) 784*128 + 128 = 100,480, Dense(10) 128*10 + 10 = 1,290; total 101,770.
  Sequential dense_only;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::DenseOnly), kMnist, 10, 1, &dense_only, nullptr));
  EXPECT_EQ(dense_only.count_params(), 101770);
  for (const LayerConfig& c : preset_spec(ModelPreset::DenseOnly).layers) EXPECT_NE(c.type, LayerType::Conv2D);
  for (int i = 0; i < dense_only.size(); ++i) EXPECT_NE(dense_only.layer(i).config().type, LayerType::Conv2D);
}

TEST(NnModelSpec, BuildFollowsTheData) {
  Sequential model;
  SpecError error;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Lecture), {16, 16, 1}, 3, 1, &model, &error)) << error.message;
  EXPECT_EQ(model.input_shape(), (Shape{16, 16, 1}));
  EXPECT_EQ(model.output_shape(), (Shape{3}));
  EXPECT_EQ(model.layer(4).output_shape(), (Shape{6 * 6 * 32}));  // 16 -> 14 -> 12 -> 6
  EXPECT_EQ(model.layer(model.size() - 1).config().units, 3);
  EXPECT_EQ(model.layer(model.size() - 1).config().activation, Activation::Softmax);
  EXPECT_EQ(model.summary(), lecture_model(1, {16, 16, 1}, 3).summary());
  // Two seeds, two sets of weights; one seed, the same.
  Sequential again, other;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Lecture), {16, 16, 1}, 3, 1, &again, nullptr));
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Lecture), {16, 16, 1}, 3, 2, &other, nullptr));
  EXPECT_EQ(weights_fingerprint(again), weights_fingerprint(model));
  EXPECT_NE(weights_fingerprint(other), weights_fingerprint(model));

  for (int classes : {2, 10}) {
    Sequential m;
    EXPECT_TRUE(build_model(preset_spec(ModelPreset::Quick), kMnist, classes, 1, &m, nullptr)) << classes;
    EXPECT_EQ(m.output_shape(), (Shape{classes}));
  }
  for (int classes : {0, 1, 11}) {
    const SpecError e = refusal(preset_spec(ModelPreset::Lecture), kMnist, classes);
    EXPECT_EQ(e.layer, -1) << classes;
    EXPECT_NE(e.message.find("classes"), std::string::npos) << e.message;
  }
}

TEST(NnModelSpec, TheLastLayerMustBeDense) {
  ModelSpec spec = preset_spec(ModelPreset::Lecture);
  spec.layers.push_back(dropout(0.5));
  const SpecError e = refusal(spec);
  EXPECT_EQ(e.layer, 8);
  EXPECT_NE(e.message.find("Dense"), std::string::npos) << e.message;
  EXPECT_EQ(refusal(ModelSpec{{flatten()}}).layer, 0);
  EXPECT_EQ(refusal(ModelSpec{{conv(4, 3), flatten()}}).layer, 1);
}

TEST(NnModelSpec, ShapesThatDoNotFitNameTheLayer) {
  // Conv2D 5x5 on the 4 x 4 left after 28 -> 24 -> 12 -> 8 -> 4.
  const ModelSpec conv_too_big{{conv(8, 5), pool(2), conv(8, 5), pool(2), conv(8, 5), flatten(),
                                dense(10, Activation::Softmax)}};
  SpecError e = refusal(conv_too_big);
  EXPECT_EQ(e.layer, 4);
  EXPECT_NE(e.message.find("Conv2D(8, (5, 5)"), std::string::npos) << e.message;
  // Directly on a 4 x 4 input.
  e = refusal(ModelSpec{{conv(8, 5), flatten(), dense(2, Activation::Softmax)}}, {4, 4, 1}, 2);
  EXPECT_EQ(e.layer, 0);
  // Poolings: 28 -> 14 -> 7 -> 3 -> 1, and the fifth has nothing left.
  ModelSpec poolings;
  for (int i = 0; i < 5; ++i) poolings.layers.push_back(pool(2));
  poolings.layers.push_back(flatten());
  poolings.layers.push_back(dense(10, Activation::Softmax));
  e = refusal(poolings);
  EXPECT_EQ(e.layer, 4);
  EXPECT_NE(e.message.find("MaxPooling2D"), std::string::npos) << e.message;
  poolings.layers.erase(poolings.layers.begin());
  Sequential four;
  EXPECT_TRUE(build_model(poolings, kMnist, 10, 1, &four, nullptr));
  EXPECT_EQ(four.layer(3).output_shape(), (Shape{1, 1, 1}));
  // Dense without Flatten, and a convolution on flat data.
  EXPECT_EQ(refusal(ModelSpec{{conv(4, 3), dense(10, Activation::Softmax)}}).layer, 1);
  EXPECT_EQ(refusal(ModelSpec{{flatten(), conv(4, 3), flatten(), dense(10, Activation::Softmax)}}).layer, 1);
  // An input Sequential refuses: the spec is fine, the whole is at fault.
  EXPECT_EQ(refusal(preset_spec(ModelPreset::Lecture), {28, 28, 1, 1}).layer, -1);
}

TEST(NnModelSpec, LimitsAreCheckedWithTheLayerIndex) {
  const ModelSpec lecture = preset_spec(ModelPreset::Lecture);
  struct Case {
    int index;
    LayerConfig layer;
    const char* word;
  };
  LayerConfig strides = conv(8, 3);
  strides.strides = {12, 1};
  LayerConfig pool_strides = pool(2);
  pool_strides.strides = {0, 2};
  const Case cases[] = {
      {0, conv(0, 3), "filters"},       {1, conv(300, 3), "filters"},     {1, conv(257, 3), "filters"},
      {0, conv(8, 12), "kernel"},       {1, strides, "strides"},          {2, pool(12), "pool"},
      {2, pool_strides, "strides"},     {3, dropout(1), "rate"},          {6, dropout(-0.1), "rate"},
      {5, dense(0), "units"},           {5, dense(4097), "units"},
  };
  for (const Case& c : cases) {
    ModelSpec spec = lecture;
    spec.layers[size_t(c.index)] = c.layer;
    const SpecError e = refusal(spec);
    EXPECT_EQ(e.layer, c.index) << describe(c.layer) << ": " << e.message;
    EXPECT_NE(e.message.find(c.word), std::string::npos) << e.message;
  }
  // At the limits themselves: fine.
  Sequential model;
  SpecError error;
  EXPECT_TRUE(build_model(ModelSpec{{conv(256, 11), flatten(), dense(4096), dense(10, Activation::Softmax)}},
                          {11, 11, 1}, 10, 1, &model, &error))
      << error.message;
  // 16 layers are fine, 17 are not; none is not a model.
  ModelSpec sixteen;
  for (int i = 0; i < 14; ++i) sixteen.layers.push_back(dropout(0.1));
  sixteen.layers.push_back(flatten());
  sixteen.layers.push_back(dense(10, Activation::Softmax));
  ASSERT_EQ(int(sixteen.layers.size()), kMaxSpecLayers);
  EXPECT_TRUE(build_model(sixteen, {4, 4, 1}, 10, 1, &model, &error)) << error.message;
  ModelSpec seventeen = sixteen;
  seventeen.layers.insert(seventeen.layers.begin(), dropout(0.1));
  SpecError e = refusal(seventeen, {4, 4, 1});
  EXPECT_EQ(e.layer, -1);
  EXPECT_NE(e.message.find("16"), std::string::npos) << e.message;
  EXPECT_EQ(refusal(ModelSpec{}).layer, -1);
}

TEST(NnModelSpec, OutIsUntouchedOnFailure) {
  Sequential model;
  ASSERT_TRUE(build_model(preset_spec(ModelPreset::Quick), kMnist, 10, 7, &model, nullptr));
  ASSERT_TRUE(model.compile(Loss::CategoricalCrossentropy, Adam()));
  const std::string summary = model.summary();
  const uint64_t fingerprint = weights_fingerprint(model);
  ModelSpec bad_limit = preset_spec(ModelPreset::Lecture);
  bad_limit.layers[0].filters = 0;
  ModelSpec bad_shape{{conv(8, 5), flatten(), dense(2, Activation::Softmax)}};
  ModelSpec bad_last{{flatten()}};
  SpecError error;
  EXPECT_FALSE(build_model(bad_limit, kMnist, 10, 1, &model, &error));
  EXPECT_FALSE(build_model(bad_shape, {4, 4, 1}, 2, 1, &model, &error));
  EXPECT_FALSE(build_model(bad_last, kMnist, 10, 1, &model, &error));
  EXPECT_FALSE(build_model(preset_spec(ModelPreset::Lecture), kMnist, 1, 1, &model, &error));
  EXPECT_FALSE(build_model(preset_spec(ModelPreset::Lecture), {3, 3, 1}, 10, 1, &model, nullptr));  // no error out
  EXPECT_EQ(model.summary(), summary);
  EXPECT_EQ(weights_fingerprint(model), fingerprint);
  EXPECT_TRUE(model.compiled());
}

TEST(NnModelSpec, SettingsLineRoundTrips) {
  for (ModelPreset preset : kModelPresets) {
    const ModelSpec spec = preset_spec(preset);
    ModelSpec back;
    std::string error;
    ASSERT_TRUE(parse_model_spec(format_model_spec(spec), &back, &error)) << preset_name(preset) << ": " << error;
    EXPECT_EQ(back, spec) << preset_name(preset);
    EXPECT_EQ(format_model_spec(back), format_model_spec(spec));
  }
  EXPECT_EQ(format_model_spec(preset_spec(ModelPreset::Lecture)),
            "conv2d filters=32 kernel=3x3 strides=1x1 padding=valid activation=relu; "
            "conv2d filters=32 kernel=3x3 strides=1x1 padding=valid activation=relu; "
            "max_pooling2d pool=2x2 strides=2x2 padding=valid; "
            "dropout rate=0.25; "
            "flatten; "
            "dense units=128 activation=relu; "
            "dropout rate=0.5; "
            "dense units=10 activation=softmax");
  // Everything the line can say survives: strides, same padding, odd rates, every activation.
  LayerConfig strided = conv(6, 4, Activation::Tanh);
  strided.strides = {2, 3};
  strided.padding = Padding::Same;
  LayerConfig odd_pool = pool(3);
  odd_pool.strides = {1, 2};
  odd_pool.padding = Padding::Same;
  const ModelSpec unusual{{strided, odd_pool, dropout(0.1), dropout(0), flatten(), dense(7, Activation::Sigmoid),
                           dense(5, Activation::Linear), dense(3, Activation::Softmax)}};
  ModelSpec back;
  std::string error;
  ASSERT_TRUE(parse_model_spec(format_model_spec(unusual), &back, &error)) << error;
  EXPECT_EQ(back, unusual) << format_model_spec(back);
}

TEST(NnModelSpec, ParsingIsLenientOnlyAboutSpacing) {
  ModelSpec spec;
  std::string error;
  ASSERT_TRUE(parse_model_spec("  flatten ;dense units=10   activation=softmax;  ; ", &spec, &error)) << error;
  EXPECT_EQ(spec, (ModelSpec{{flatten(), dense(10, Activation::Softmax)}}));
  // Defaults: MaxPooling2D's strides are its pool size, Conv2D's 1x1, activations linear, padding valid.
  ASSERT_TRUE(parse_model_spec("conv2d filters=4 kernel=3x3; max_pooling2d pool=3x3; flatten; dense units=2", &spec,
                               &error))
      << error;
  ASSERT_EQ(spec.layers.size(), 4u);
  EXPECT_EQ(spec.layers[0], conv(4, 3, Activation::Linear));
  EXPECT_EQ(spec.layers[1].strides, (Size2{3, 3}));
  EXPECT_EQ(spec.layers[1], pool(3));
  EXPECT_EQ(spec.layers[3], dense(2, Activation::Linear));
  ASSERT_TRUE(parse_model_spec("max_pooling2d pool=2x3 strides=1x1; flatten; dense units=2", &spec, &error));
  EXPECT_EQ(spec.layers[0].strides, (Size2{1, 1}));
}

TEST(NnModelSpec, ParseErrorsSayWhatIsWrong) {
  const ModelSpec kept = preset_spec(ModelPreset::Quick);
  struct Case {
    const char* text;
    const char* word;
  };
  const Case cases[] = {
      {"flatten; lstm units=4; dense units=10", "unknown layer 'lstm'"},
      {"Conv2D filters=4 kernel=3x3; flatten; dense units=2", "unknown layer"},
      {"conv2d filters=four kernel=3x3; flatten; dense units=2", "filters=four"},
      {"conv2d filters=4 kernel=3; flatten; dense units=2", "kernel=3"},
      {"conv2d filters=4 kernel=3x3x3; flatten; dense units=2", "kernel=3x3x3"},
      {"conv2d filters=4 kernel=3x3 padding=full; flatten; dense units=2", "padding=full"},
      {"flatten; dense units=10 activation=gelu", "activation=gelu"},
      {"flatten; dense units=10 activation", "activation"},
      {"dropout rate=half; flatten; dense units=2", "rate=half"},
      {"dropout rate=nan; flatten; dense units=2", "rate=nan"},
      {"flatten; dense units=10 colour=red", "colour=red"},
      {"flatten; dense units=10 filters=3", "filters=3"},
      {"flatten; dense units=10 kernel=3x3", "kernel=3x3"},
      {"flatten rate=0.5; dense units=10", "rate=0.5"},
      {"flatten; dense units=-3", "units"},
      {"conv2d filters=300 kernel=3x3; flatten; dense units=2", "layer 1: filters"},
      {"flatten; dropout rate=1; dense units=2", "layer 2: the rate"},
      {"conv2d filters=4 kernel=12x12; flatten; dense units=2", "kernel"},
      {"", "no layers"},
      {"  ;  ; ", "no layers"},
  };
  for (const Case& c : cases) {
    ModelSpec spec = kept;
    std::string error;
    EXPECT_FALSE(parse_model_spec(c.text, &spec, &error)) << c.text;
    EXPECT_NE(error.find(c.word), std::string::npos) << c.text << " -> " << error;
    EXPECT_EQ(spec, kept) << c.text;
  }
  // 16 layers read; 17 do not.
  std::string text;
  for (int i = 0; i < 15; ++i) text += "dropout rate=0.1; ";
  ModelSpec spec;
  std::string error;
  ASSERT_TRUE(parse_model_spec(text + "dense units=2", &spec, &error)) << error;
  EXPECT_EQ(int(spec.layers.size()), kMaxSpecLayers);
  spec = kept;
  EXPECT_FALSE(parse_model_spec(text + "dropout rate=0.1; dense units=2", &spec, &error));
  EXPECT_NE(error.find("more than 16 layers"), std::string::npos) << error;
  EXPECT_EQ(spec, kept);
}

TEST(NnModelSpec, SpecOfABuiltModelIsItsSpecWithTheClasses) {
  for (ModelPreset preset : kModelPresets) {
    for (int classes : {3, 10}) {
      ModelSpec spec = preset_spec(preset);
      Sequential model;
      ASSERT_TRUE(build_model(spec, kMnist, classes, 1, &model, nullptr));
      spec.layers.back().units = classes;
      EXPECT_EQ(spec_of(model), spec) << preset_name(preset) << " " << classes;
    }
  }
  // A spec with units other than 10 in its last Dense, and a pooling with its own strides.
  LayerConfig overlapping = pool(3);
  overlapping.strides = {2, 2};
  ModelSpec spec{{conv(4, 3), overlapping, flatten(), dense(5, Activation::Softmax)}};
  Sequential model;
  ASSERT_TRUE(build_model(spec, {16, 16, 1}, 3, 1, &model, nullptr));
  spec.layers.back().units = 3;
  EXPECT_EQ(spec_of(model), spec);
  EXPECT_EQ(spec_of(lecture_model(1)), preset_spec(ModelPreset::Lecture));
  EXPECT_TRUE(spec_of(Sequential()).layers.empty());
}

TEST(NnModelSpec, KerasCodeIsTheLectureScript) {
  EXPECT_EQ(keras_code(preset_spec(ModelPreset::Lecture), kMnist, 10, "keras.optimizers.Adam()"),
            "model = Sequential()\n"
            "model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))\n"
            "model.add(Conv2D(32, (3, 3), activation='relu'))\n"
            "model.add(MaxPooling2D(pool_size=(2, 2)))\n"
            "model.add(Dropout(0.25))\n"
            "model.add(Flatten())\n"
            "model.add(Dense(128, activation='relu'))\n"
            "model.add(Dropout(0.5))\n"
            "model.add(Dense(10, activation='softmax'))\n"
            "model.compile(loss=keras.losses.categorical_crossentropy,\n"
            "              optimizer=keras.optimizers.Adam(),\n"
            "              metrics=['accuracy'])\n");
}

TEST(NnModelSpec, KerasCodeFollowsTheDataAndTheFirstLayer) {
  EXPECT_EQ(keras_code(preset_spec(ModelPreset::DenseOnly), {16, 16, 1}, 3, "'adam'"),
            "model = Sequential()\n"
            "model.add(Flatten(input_shape=(16, 16, 1)))\n"
            "model.add(Dense(128, activation='relu'))\n"
            "model.add(Dense(3, activation='softmax'))\n"
            "model.compile(loss=keras.losses.categorical_crossentropy,\n"
            "              optimizer='adam',\n"
            "              metrics=['accuracy'])\n");
  // A flat input is a one-element tuple; non-default strides and padding are spelled out.
  LayerConfig strided = conv(8, 3);
  strided.strides = {2, 2};
  strided.padding = Padding::Same;
  LayerConfig overlapping = pool(3);
  overlapping.strides = {2, 2};
  const std::string code =
      keras_code(ModelSpec{{dense(16), dense(10, Activation::Softmax)}}, {784}, 4, "'sgd'") +
      keras_code(ModelSpec{{strided, overlapping, flatten(), dense(10, Activation::Softmax)}}, kMnist, 2, "'sgd'");
  EXPECT_NE(code.find("model.add(Dense(16, activation='relu', input_shape=(784,)))\n"), std::string::npos) << code;
  EXPECT_NE(code.find("model.add(Dense(4, activation='softmax'))\n"), std::string::npos) << code;
  EXPECT_NE(code.find("model.add(Conv2D(8, (3, 3), strides=(2, 2), padding='same', activation='relu', "
                      "input_shape=(28, 28, 1)))\n"),
            std::string::npos)
      << code;
  EXPECT_NE(code.find("model.add(MaxPooling2D(pool_size=(3, 3), strides=(2, 2)))\n"), std::string::npos) << code;
  EXPECT_NE(code.find("model.add(Dense(2, activation='softmax'))\n"), std::string::npos) << code;
}

}  // namespace
}  // namespace hebblab
