#include "platform/http/static_files.hpp"

#include <sodium.h>

#include "platform/assets.hpp"
#include "platform/text.hpp"

namespace sgee::http {

std::string content_type_for(std::string_view path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : text::lower(path.substr(dot + 1));
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "json") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles() {
  const std::string prefix = "web/static/";
  for (const auto& a : assets::under(prefix)) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(a.data.data()),
                       a.data.size(), nullptr, 0);
    File f{std::make_shared<const std::string>(a.data), "\"" + text::hex(hash, sizeof hash) + "\"",
           content_type_for(a.path)};
    files_.emplace(std::string(a.path.substr(prefix.size())), std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& req, const std::string& rel) const {
  auto it = files_.find(rel);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  Response r;
  r.headers.reserve(4);
  r.headers.emplace_back("ETag", f.etag);
  // A versioned URL never changes content; an unversioned one is revalidated after an hour.
  bool versioned = req.query_string.starts_with("v=");
  r.headers.emplace_back(
      "Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  auto inm = req.header("if-none-match");
  if (!inm.empty() && (inm == f.etag || inm == "*" || inm.find(f.etag) != std::string_view::npos)) {
    r.status = 304;
    return r;
  }
  r.headers.emplace_back("Content-Type", f.content_type);
  r.shared_body = f.body;
  return r;
}

std::string StaticFiles::versioned_url(const std::string& rel) const {
  auto it = files_.find(rel);
  if (it == files_.end()) return "/static/" + rel;
  return "/static/" + rel + "?v=" + it->second.etag.substr(1, 12);
}

}  // namespace sgee::http
