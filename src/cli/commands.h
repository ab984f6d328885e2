// The `hebblab` subcommands. Each takes the arguments from its own name on (argv[0] is "hopfield", "bench", ...),
// prints to stdout, reports errors on stderr and returns the exit code (0 ok, 2 bad input or usage).
#pragma once

namespace hebblab {

// Store patterns with Hebb's rule, start from a deformed one (or a given state) and print the recall step by step.
int cmd_hopfield(int argc, char** argv);
// The lecture's Keras MNIST script: train the CNN on MNIST and test it.
int cmd_train(int argc, char** argv);
// A trained model's class probabilities for one image file.
int cmd_predict(int argc, char** argv);
// The convolution lab: one image through a lecture (or custom) kernel to a colour-mapped PNG or a .npy array.
int cmd_convolve(int argc, char** argv);
// Speed figures of the core: Hopfield synchronous steps per second for N = 1024.
int cmd_bench(int argc, char** argv);

}  // namespace hebblab
