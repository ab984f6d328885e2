// The settings text (~/.config/hebblab/settings.txt, the page's localStorage) as the app restores it, the CNN lab's
// model spec that it keeps (built as the lab builds it, for MNIST), and the key=value text of job configurations and
// results.
#include "core/capacity.h"
#include "core/nn/model_spec.h"
#include "core/nn/train_job.h"
#include "core/settings.h"
#include "fuzz_util.h"

using namespace hebblab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const Settings settings = Settings::parse(text, &error);
  // Whatever was kept is written back and read back unchanged, without complaint.
  std::string again_error;
  FUZZ_CHECK(Settings::parse(settings.serialize(), &again_error) == settings);
  FUZZ_CHECK(again_error.empty());
  for (const auto& [key, value] : settings.values()) {
    settings.get_int(key, 0);
    settings.get_double(key, 0);
  }

  ModelSpec spec;
  if (parse_model_spec(settings.get("cnn.model"), &spec, &error)) {
    const std::string text = format_model_spec(spec);
    ModelSpec again;
    FUZZ_CHECK(parse_model_spec(text, &again, &error));
    FUZZ_CHECK(format_model_spec(again) == text);
    Sequential model;
    SpecError spec_error;
    if (!build_model(spec, {28, 28, 1}, 10, 1, &model, &spec_error)) FUZZ_CHECK(!spec_error.message.empty());
  }

  CapacityConfig capacity;
  if (parse_capacity_config(text, &capacity, &error)) {
    CapacityConfig again;
    FUZZ_CHECK(parse_capacity_config(format_capacity_config(capacity), &again, &error));
    FUZZ_CHECK(format_capacity_config(again) == format_capacity_config(capacity));
  }
  TrainJobConfig train;
  if (parse_train_job_config(text, &train, &error)) {
    TrainJobConfig again;
    FUZZ_CHECK(parse_train_job_config(format_train_job_config(train), &again, &error));
    FUZZ_CHECK(format_train_job_config(again) == format_train_job_config(train));
  }
  parse_capacity_points(text);
  TrainReport report;
  parse_train_report(text, &report);
  return 0;
}
