// The browser's shell: the browser's languages, the page's lang attribute, the location fragment (changed with
// history.replaceState, so the page neither scrolls nor adds a history entry per lesson step), and the service worker
// that keeps the site for offline use, whose state web/main.js keeps (window.hebblab.offline()) and which
// window.hebblab.applyUpdate() replaces with the version waiting.
#include <emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "platform/platform.h"

namespace hebblab {
namespace {

// Strings for C++ come back malloc'ed (allocateUTF8); the caller frees them.
EM_JS(char*, js_shell_languages, (), {
  const tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  return allocateUTF8(tags.join("\n"));
});

EM_JS(void, js_shell_set_language, (const char* code), {
  document.documentElement.lang = UTF8ToString(code);
});

// The fragment as the app set it: set_fragment percent-encodes what a URL cannot hold, this decodes it again (a
// fragment typed by hand that does not decode comes back as it is).
EM_JS(char*, js_shell_fragment, (), {
  const raw = location.hash.slice(1);
  try {
    return allocateUTF8(decodeURIComponent(raw));
  } catch (e) {
    return allocateUTF8(raw);
  }
});

EM_JS(void, js_shell_set_fragment, (const char* fragment), {
  const f = UTF8ToString(fragment);
  history.replaceState(history.state, "", f ? "#" + encodeURI(f) : location.pathname + location.search);
});

// The offline state as its index in kOfflineStates (and, when it failed, the reason in *message); -1 before main.js
// has set it up.
EM_JS(int, js_shell_offline, (char** message), {
  const site = window.hebblab && window.hebblab.offline ? window.hebblab.offline() : null;
  if (!site) return -1;
  HEAP32[message >> 2] = site.message ? allocateUTF8(site.message) : 0;
  return ["unsupported", "insecure", "installing", "ready", "failed"].indexOf(site.status);
});
constexpr Shell::Offline kOfflineStates[] = {Shell::Offline::Unsupported, Shell::Offline::InsecureOrigin,
                                             Shell::Offline::Installing, Shell::Offline::Ready,
                                             Shell::Offline::Failed};

EM_JS(int, js_shell_update_ready, (), {
  return window.hebblab && window.hebblab.offline && window.hebblab.offline().updateReady ? 1 : 0;
});

EM_JS(void, js_shell_apply_update, (), { window.hebblab.applyUpdate(); });

// The page's aria-live region (index.html): its text is what screen readers say.
EM_JS(void, js_shell_announce, (const char* text), { window.hebblab.announce(UTF8ToString(text)); });

EM_JS(int, js_shell_coarse_pointer, (), { return window.matchMedia("(pointer: coarse)").matches ? 1 : 0; });

std::string take_string(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

class WebShell final : public Shell {
 public:
  std::vector<std::string> preferred_languages() override {
    const std::string joined = take_string(js_shell_languages());
    std::vector<std::string> tags;
    for (size_t at = 0; at < joined.size();) {
      const size_t end = std::min(joined.find('\n', at), joined.size());
      if (end > at) tags.push_back(joined.substr(at, end - at));
      at = end + 1;
    }
    return tags;
  }
  void set_document_language(const std::string& code) override { js_shell_set_language(code.c_str()); }
  std::string fragment() override { return take_string(js_shell_fragment()); }
  void set_fragment(const std::string& fragment) override { js_shell_set_fragment(fragment.c_str()); }
  Offline offline(std::string* message) override {
    char* text = nullptr;
    const int state = js_shell_offline(&text);
    const std::string why = take_string(text);
    if (message) *message = why;
    return state >= 0 && state < int(std::size(kOfflineStates)) ? kOfflineStates[state] : Offline::Unsupported;
  }
  bool update_ready() override { return js_shell_update_ready() != 0; }
  void apply_update() override { js_shell_apply_update(); }
  void announce(const std::string& text) override { js_shell_announce(text.c_str()); }
  bool coarse_pointer() override { return js_shell_coarse_pointer() != 0; }
};

}  // namespace

std::unique_ptr<Shell> make_shell() { return std::make_unique<WebShell>(); }

}  // namespace hebblab
