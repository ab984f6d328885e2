// One bundled asset that a lab loads when it needs it (AssetLoader). It is asked for once; a failure (no network, a
// missing or damaged file) is kept with its reason, and the asset is asked for again only when the student says so
// (Retry, or choosing it again), so a lab neither fetches in a loop while the network is down nor stays on
// "Loading ..." for an answer that has already come.
#pragma once
#include <string>
#include <vector>

#include <imgui.h>

#include "app/host.h"
#include "app/strings.h"
#include "app/test_hook.h"

namespace hebblab {

class AssetRequest {
 public:
  explicit AssetRequest(const char* name) : name_(name) {}
  const char* name() const { return name_; }
  bool loading() const { return state_ == State::Loading; }
  bool failed() const { return state_ == State::Failed; }

  // Asks for it, unless it is on its way, here, or failed.
  void want(Host& host, const char* purpose) {
    if (state_ != State::Idle || !host.assets) return;
    host.assets->request(name_, purpose);
    state_ = State::Loading;
  }
  // The student chose what needs it, or pressed Retry: asks for it, also after a failure.
  void choose(Host& host, const char* purpose) {
    if (state_ == State::Failed) state_ = State::Idle;
    want(host, purpose);
  }
  // The answer: the loader's error, or the lab's own verdict on the bytes (a damaged file); empty when it is here.
  void answered(const std::string& error) {
    state_ = error.empty() ? State::Arrived : State::Failed;
    error_ = error;
  }
  const std::string& error() const { return error_; }

 private:
  enum class State { Idle, Loading, Arrived, Failed };
  const char* name_;
  State state_ = State::Idle;
  std::string error_;
};

// What failed among `requests` and why, each on its line, and one Retry button (recorded as `hook` for the test hook)
// that asks again for every one of them. Draws nothing and returns false when none failed.
inline bool draw_asset_failures(const std::vector<AssetRequest*>& requests, Host& host, const char* purpose,
                                WidgetRegistry& widgets, const char* hook) {
  bool any = false;
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(200, 40, 40, 255));
  for (const AssetRequest* r : requests) {
    if (!r->failed()) continue;
    ImGui::TextWrapped(tr(Str::AssetFailed), r->name(), r->error().c_str());
    any = true;
  }
  ImGui::PopStyleColor();
  if (!any) return false;
  ImGui::PushID(hook);  // one view may show more than one of these
  if (ImGui::Button(label(Str::AssetRetry)))
    for (AssetRequest* r : requests) r->choose(host, purpose);
  ImGui::PopID();
  widgets.record_last_item(hook);
  return true;
}

}  // namespace hebblab
