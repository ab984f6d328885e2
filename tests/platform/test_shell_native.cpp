// The desktop shell against the Shell contract in app/host.h: the system's languages as "pl-PL" style tags, most
// preferred first and each once (SDL reads LANG, then LANGUAGE), the fragment kept as the app set it, and nothing to
// install or update.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>
#include <vector>

#include "platform/platform.h"

namespace hebblab {
namespace {

// Sets an environment variable for one test and puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

using Tags = std::vector<std::string>;

TEST(ShellNative, PreferredLanguagesAreTheSystemsAsTags) {
  auto shell = make_shell();
  {
    ScopedEnv lang("LANG", "pl_PL.UTF-8"), language("LANGUAGE", "pl_PL:en_GB:de");
    EXPECT_EQ(shell->preferred_languages(), (Tags{"pl-PL", "en-GB", "de"}));
  }
  {
    ScopedEnv lang("LANG", "en_US.UTF-8@euro"), language("LANGUAGE", nullptr);
    EXPECT_EQ(shell->preferred_languages(), (Tags{"en-US"}));
  }
  {
    ScopedEnv lang("LANG", "C"), language("LANGUAGE", nullptr);
    EXPECT_EQ(shell->preferred_languages(), Tags{}) << "the C locale names no language";
  }
}

TEST(ShellNative, KeepsTheFragmentAndHasNothingToInstall) {
  auto shell = make_shell();
  EXPECT_EQ(shell->fragment(), "");
  shell->set_fragment("lesson/hopfield/3");
  EXPECT_EQ(shell->fragment(), "lesson/hopfield/3");
  EXPECT_EQ(shell->offline(nullptr), Shell::Offline::NotApplicable);
  EXPECT_FALSE(shell->update_ready());
}

}  // namespace
}  // namespace hebblab
