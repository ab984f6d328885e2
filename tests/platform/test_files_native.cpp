// The desktop file exchange against the FileExchange contract in app/host.h: saves replace the file whole or not at
// all, opens are queued in order with their purpose, and failures carry a message the status bar can show.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
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
  EXPECT_EQ(opened->error, path + " is larger than 64 MB");
  EXPECT_TRUE(opened->bytes.empty());
}

}  // namespace
}  // namespace hebblab
