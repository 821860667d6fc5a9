#include "access/dashboard.hpp"

#include <map>
#include <mutex>

namespace sgee::access::dashboard {

namespace {

// Per server (a test may build several in one process); filled at start-up, read afterwards.
std::mutex providers_mutex;
std::map<const web::WebApp*, std::vector<Provider>> providers;

}  // namespace

void add_provider(web::WebApp& web, Provider provider) {
  std::lock_guard lock(providers_mutex);
  providers[&web].push_back(std::move(provider));
}

std::vector<Section> sections(web::WebApp& web, db::Connection& c, const http::Request& req,
                              const UserOrgs& orgs) {
  std::vector<Provider> mine;
  {
    std::lock_guard lock(providers_mutex);
    auto it = providers.find(&web);
    if (it == providers.end()) return {};
    mine = it->second;
  }
  std::vector<Section> out;
  for (const auto& p : mine)
    for (auto& s : p(c, req, orgs)) out.push_back(std::move(s));
  return out;
}

}  // namespace sgee::access::dashboard
