#pragma once
// Static files served from the binary's embedded web/static/, with strong ETags and caching.
#include <memory>
#include <string>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace sgee::http {

class StaticFiles {
 public:
  StaticFiles();  // indexes web/static/ (embedded) once
  // `rel` is the path below /static/. nullopt when there is no such file.
  std::optional<Response> serve(const Request& req, const std::string& rel) const;
  // "/static/css/site.css?v=<etag>": a URL that changes when the file does.
  std::string versioned_url(const std::string& rel) const;

 private:
  struct File {
    std::shared_ptr<const std::string> body;
    std::string etag;
    std::string content_type;
  };
  std::unordered_map<std::string, File> files_;
};

std::string content_type_for(std::string_view path);

}  // namespace sgee::http
