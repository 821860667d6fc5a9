#include "platform/assets.hpp"

#include <algorithm>

namespace sgee::assets {

std::optional<std::string_view> find(std::string_view path) {
  const auto& all = embedded();
  auto it = std::lower_bound(all.begin(), all.end(), path,
                             [](const Asset& a, std::string_view p) { return a.path < p; });
  if (it != all.end() && it->path == path) return it->data;
  return std::nullopt;
}

std::vector<Asset> under(std::string_view prefix) {
  std::vector<Asset> out;
  for (const auto& a : embedded())
    if (a.path.starts_with(prefix)) out.push_back(a);
  return out;
}

}  // namespace sgee::assets
