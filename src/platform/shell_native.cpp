// The desktop's shell: the system's languages from SDL (on Linux, LANG and then LANGUAGE), nothing to install or
// update, and a location fragment kept in memory, so a lesson step the app links to behaves as in the browser.
#include <SDL.h>

#include <algorithm>

#include "platform/platform.h"

namespace hebblab {
namespace {

class NativeShell final : public Shell {
 public:
  // "pl-PL" style tags, most preferred first, each once (LANG and LANGUAGE often name the same one).
  std::vector<std::string> preferred_languages() override {
    std::vector<std::string> tags;
    SDL_Locale* locales = SDL_GetPreferredLocales();
    for (const SDL_Locale* l = locales; l && l->language; ++l) {
      std::string tag = l->language;
      if (l->country) tag += std::string("-") + l->country;
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    SDL_free(locales);
    return tags;
  }
  void set_document_language(const std::string&) override {}
  std::string fragment() override { return fragment_; }
  void set_fragment(const std::string& fragment) override { fragment_ = fragment; }
  Offline offline(std::string*) override { return Offline::NotApplicable; }
  bool update_ready() override { return false; }
  void apply_update() override {}
  void announce(const std::string&) override {}
  bool coarse_pointer() override { return false; }

 private:
  std::string fragment_;
};

}  // namespace

std::unique_ptr<Shell> make_shell() { return std::make_unique<NativeShell>(); }

}  // namespace hebblab
