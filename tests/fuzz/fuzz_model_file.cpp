// A model file (.hebbmodel) as hebblab predict --load, the CNN lab's upload and its slots read it; then what the lab
// does with an accepted model: its summary and one image through every layer.
#include "core/nn/model_file.h"
#include "fuzz_util.h"

using namespace hebblab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Sequential model;
  std::string error;
  if (!load_model(data, size, &model, &error)) {
    FUZZ_CHECK(!error.empty());
    FUZZ_CHECK(model.size() == 0);  // untouched
    return 0;
  }
  // Saving is canonical: what was saved loads again and saves to the same bytes.
  const Bytes saved = save_model(model);
  Sequential again;
  FUZZ_CHECK(load_model(saved.data(), saved.size(), &again, &error));
  FUZZ_CHECK(save_model(again) == saved);
  // The file's own weights fit the model it describes.
  FUZZ_CHECK(load_weights(model, data, size, &error));

  model.summary();
  const std::vector<Tensor<float>>& maps = model.activations(Tensor<float>(with_batch(1, model.input_shape())));
  FUZZ_CHECK(int(maps.size()) == model.size());
  return 0;
}
