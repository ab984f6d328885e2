// The desktop file exchange against the FileExchange contract in app/host.h: saves replace the file whole or not at
// all (also when the process is killed halfway through a save of the settings, a model slot or a user's file), opens
// are queued in order with their purpose, and failures carry a message the status bar can show.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "platform/files_native.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

class FilesNative : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "hebblab-files-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir = pattern;
    files = make_file_exchange();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static bool exists(const std::string& path) { return std::filesystem::exists(path); }

  std::string dir;
  std::unique_ptr<FileExchange> files;
};

TEST_F(FilesNative, SaveReplacesTheFileAndLeavesNoTemporary) {
  EXPECT_TRUE(files->uses_paths());
  const std::string path = dir + "/letters.txt";
  std::string error;
  ASSERT_TRUE(files->save(path, "ignored.txt", to_bytes("old\n"), &error)) << error;
  ASSERT_TRUE(files->save(path, "ignored.txt", to_bytes("# A\nOXXXO\n"), &error)) << error;
  EXPECT_EQ(slurp(path), "# A\nOXXXO\n");
  EXPECT_FALSE(exists(path + ".tmp"));
  EXPECT_FALSE(exists(dir + "/ignored.txt"));
}

// Runs `save` in a child process that write_file_atomically kills halfway through its temporary file; true if the
// child died of that SIGKILL.
bool killed_mid_save(const std::function<void()>& save) {
  const pid_t child = fork();
  if (child == 0) {
    setenv(kKillMidSaveForTest, "1", 1);
    save();
    _exit(0);  // reached only if nothing killed it
  }
  int status = 0;
  return child > 0 && waitpid(child, &status, 0) == child && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

TEST_F(FilesNative, ASaveKilledHalfwayLeavesThePreviousCopyWhole) {
  // Each of the desktop's writers of the user's work: the settings, a model slot, a file the user names.
  const std::string settings_path = dir + "/settings.txt";
  std::unique_ptr<SettingsStore> settings = make_settings_store(settings_path);
  std::unique_ptr<ModelSlots> slots = make_model_slots(settings_path);
  const std::string letters = dir + "/letters.txt";
  struct Writer {
    std::string path;
    std::function<bool(const std::string&)> save;
  };
  const Writer writers[] = {
      {settings_path, [&](const std::string& text) { return settings->save(text, nullptr); }},
      {dir + "/models/mine.hebbmodel",
       [&](const std::string& text) {
         slots->save("mine", to_bytes(text));
         return slots->take()->error.empty();
       }},
      {letters, [&](const std::string& text) { return files->save(letters, "", to_bytes(text), nullptr); }},
  };
  const std::string previous(100000, 'a'), next(100000, 'b');
  for (const Writer& w : writers) {
    ASSERT_TRUE(w.save(previous)) << w.path;
    ASSERT_TRUE(killed_mid_save([&] { w.save(next); })) << w.path;
    const std::string kept = slurp(w.path);
    EXPECT_TRUE(kept == previous) << w.path << " holds " << kept.size() << " bytes, not the previous copy";
    // Half a file exists only under the temporary name, which the next save replaces.
    ASSERT_TRUE(w.save(next)) << w.path;
    EXPECT_TRUE(slurp(w.path) == next) << w.path;
    EXPECT_FALSE(exists(w.path + ".tmp"));
  }
}

TEST_F(FilesNative, SaveIntoAMissingFolderFailsWithTheReason) {
  const std::string path = dir + "/no/such/letters.txt";
  std::string error;
  EXPECT_FALSE(files->save(path, "letters.txt", to_bytes("X\n"), &error));
  EXPECT_EQ(error, "cannot write " + path + ": No such file or directory");
  EXPECT_FALSE(files->save("", "letters.txt", to_bytes("X\n"), &error));
  EXPECT_EQ(error, "no file name given");
}

TEST_F(FilesNative, AFailedAtomicWriteKeepsThePreviousFile) {
  // A directory where the temporary file should go makes the write fail after the old file exists.
  const std::string path = dir + "/settings.txt";
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, to_bytes("kept\n"), &error)) << error;
  ASSERT_TRUE(std::filesystem::create_directory(path + ".tmp"));
  EXPECT_FALSE(write_file_atomically(path, to_bytes("lost\n"), &error));
  EXPECT_EQ(error, "Is a directory");
  EXPECT_EQ(slurp(path), "kept\n");
}

TEST_F(FilesNative, OpensAreQueuedInOrderWithTheirPurpose) {
  std::string error;
  ASSERT_TRUE(files->save(dir + "/a.txt", "", to_bytes("OXXXO\n"), &error)) << error;
  EXPECT_FALSE(files->take_opened());
  files->request_open(dir + "/a.txt", "patterns");
  files->request_open(dir + "/missing.txt", "drop");
  auto first = files->take_opened();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->purpose, "patterns");
  EXPECT_EQ(first->name, dir + "/a.txt");
  EXPECT_EQ(as_text(first->bytes), "OXXXO\n");
  EXPECT_EQ(first->error, "");
  auto second = files->take_opened();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->purpose, "drop");
  EXPECT_TRUE(second->bytes.empty());
  EXPECT_EQ(second->error, "cannot open " + dir + "/missing.txt: No such file or directory");
  EXPECT_FALSE(files->take_opened());
}

TEST_F(FilesNative, FilesOver64MegabytesAreRefused) {
  const std::string path = dir + "/big.txt";
  std::string error;
  ASSERT_TRUE(files->save(path, "", Bytes(64 * 1024 * 1024 + 1, 'X'), &error)) << error;
  files->request_open(path, "patterns");
  auto opened = files->take_opened();
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->error, path + " is larger than HebbLab's limit of 64 MiB");
  EXPECT_TRUE(opened->bytes.empty());
}

}  // namespace
}  // namespace hebblab
