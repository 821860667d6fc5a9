#pragma once
// Files compiled into the binary: web/ (templates, static files, i18n catalogs) and
// db/migrations/. Paths are relative to the repository root, e.g. "web/static/css/site.css".
#include <optional>
#include <string_view>
#include <vector>

namespace sgee::assets {

struct Asset {
  std::string_view path;
  std::string_view data;
};

const std::vector<Asset>& embedded();
std::optional<std::string_view> find(std::string_view path);
// Every asset whose path starts with `prefix`, in path order.
std::vector<Asset> under(std::string_view prefix);

}  // namespace sgee::assets
