// `sgee sync`: reads batch files, sends their dossiers in chunks of at most 1,000 to the sync API
// with an access code, shows a progress bar, retries transient failures (no connection, 429,
// 5xx), and writes the validation report ("rapport de validation", seed 004) as CSV and HTML:
// record, status, code, field, text. Exit 1 when a record is rejected or a chunk cannot be sent.
#include "csg/bridge.hpp"

#include <curl/curl.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/csv.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

namespace {

using nlohmann::json;

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Flags {
  std::string url, installation, code, report = "rapport-validation", lang = "fr";
  std::vector<std::string> files;
  int retries = 4;
  int retry_delay_ms = 1000;
  int chunk = 1000;
};

struct Reply {
  long status = 0;  // 0: no answer
  std::string body, error;
};

size_t collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Reply post(const std::string& url, const std::string& code, const std::string& lang,
           const std::string& body) {
  Reply r;
  CURL* curl = curl_easy_init();
  if (!curl) throw Failure("cannot initialise libcurl");
  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, ("Authorization: Bearer " + code).c_str());
  headers = curl_slist_append(headers, ("Accept-Language: " + lang).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  else
    r.error = curl_easy_strerror(rc);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return r;
}

bool transient(const Reply& r) {
  return r.status == 0 || r.status == 429 || r.status >= 500;
}

struct Row {
  std::string ref, status, code, field, text;
};

void write_report(const std::string& prefix, const std::vector<Row>& rows, const int counts[3]) {
  std::ofstream csv(prefix + ".csv", std::ios::binary);
  if (!csv) throw Failure(prefix + ".csv: cannot write the report");
  csv << "record,status,code,field,text\n";
  for (const auto& r : rows)
    csv << csv::field(r.ref, true) << "," << r.status << "," << r.code << ","
        << csv::field(r.field, true) << "," << csv::field(r.text, true) << "\n";
  std::ofstream html(prefix + ".html", std::ios::binary);
  if (!html) throw Failure(prefix + ".html: cannot write the report");
  html << "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Rapport de "
          "validation</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
          "td,th{border:1px solid #999;padding:.2rem .5rem}.rejected{color:#a00}</style></head>"
          "<body><h1>Rapport de validation</h1><p>"
       << counts[0] << " accepté(s), " << counts[1] << " refusé(s), " << counts[2]
       << " en attente</p><table><thead><tr><th scope=\"col\">Dossier</th><th "
          "scope=\"col\">État</th><th scope=\"col\">Code</th><th scope=\"col\">Champ</th><th "
          "scope=\"col\">Message</th></tr></thead><tbody>\n";
  for (const auto& r : rows)
    html << "<tr class=\"" << r.status << "\"><td>" << text::html_escape(r.ref) << "</td><td>"
         << r.status << "</td><td>" << r.code << "</td><td>" << text::html_escape(r.field)
         << "</td><td>" << text::html_escape(r.text) << "</td></tr>\n";
  html << "</tbody></table></body></html>\n";
}

// The text of each element of the "dossiers" array of a batch file, found without building the
// values: the chunks are sent as the files' own text. `text` is valid JSON (json::accept); nullopt
// when it is not an object with a "dossiers" array (the last such key, as json::parse keeps).
std::optional<std::vector<std::string_view>> dossier_texts(std::string_view text) {
  size_t i = 0;
  auto ws = [&] {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
      ++i;
  };
  auto skip_string = [&] {
    for (++i; text[i] != '"'; i += text[i] == '\\' ? 2 : 1) {
    }
    ++i;
  };
  auto skip_value = [&] {  // leaves i just after the value
    int depth = 0;
    do {
      char ch = text[i];
      if (ch == '"') {
        skip_string();
        continue;
      }
      if (ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == '}' || ch == ']') {
        --depth;
      } else if (depth == 0) {  // a number or literal: up to the next delimiter
        while (i < text.size() &&
               std::string_view(",}] \t\n\r").find(text[i]) == std::string_view::npos)
          ++i;
        return;
      }
      ++i;
    } while (depth > 0);
  };
  ws();
  if (i >= text.size() || text[i] != '{') return std::nullopt;
  ++i;
  ws();
  std::optional<std::vector<std::string_view>> found;
  if (text[i] == '}') return found;
  while (true) {
    ws();
    size_t k = i;
    skip_string();
    auto key = text.substr(k, i - k);
    bool dossiers = key == "\"dossiers\"" ||
                    (key.find('\\') != std::string_view::npos && json::parse(key) == "dossiers");
    ws();
    ++i;  // ':'
    ws();
    if (dossiers && text[i] == '[') {
      std::vector<std::string_view> items;
      ++i;
      ws();
      bool more = text[i] != ']';
      if (!more) ++i;
      while (more) {
        ws();
        size_t from = i;
        skip_value();
        items.push_back(text.substr(from, i - from));
        ws();
        more = text[i++] == ',';  // else ']'
      }
      found = std::move(items);
    } else {
      if (dossiers) found.reset();
      skip_value();
    }
    ws();
    if (text[i++] == '}') break;  // else ','
  }
  return found;
}

int run(const Flags& f) {
  if (f.installation.size() != 8 || !text::all_digits(f.installation, 8))
    throw std::invalid_argument("--installation: expected 8 digits");
  if (f.chunk < 1 || f.chunk > 1000) throw std::invalid_argument("--chunk: expected 1 to 1000");
  std::vector<std::string> texts;  // the files, whose text the dossiers are sent as
  std::vector<std::string_view> dossiers;
  for (const auto& file : f.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Failure(file + ": cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    const auto& text = texts.emplace_back(ss.str());
    if (!json::accept(text)) {
      try {
        auto parsed = json::parse(text);  // throws, with the parser's message
      } catch (const json::exception& e) {
        throw Failure(file + ": not JSON: " + e.what());
      }
      throw Failure(file + ": not JSON");
    }
    auto items = dossier_texts(text);
    if (!items) throw Failure(file + ": expected an object with a \"dossiers\" array");
    dossiers.insert(dossiers.end(), items->begin(), items->end());
  }
  std::string url = f.url;
  while (url.ends_with("/")) url.pop_back();
  url += "/api/v1/installations/" + f.installation + "/dossiers/sync";
  std::vector<Row> rows;
  int counts[3] = {0, 0, 0};
  size_t total = dossiers.size();
  cli::progress_bar(0, total);
  for (size_t from = 0; from < total || (total == 0 && from == 0);
       from += static_cast<size_t>(f.chunk)) {
    size_t to = std::min(total, from + static_cast<size_t>(f.chunk));
    std::string body = "{\"dossiers\":[";
    for (size_t i = from; i < to; ++i) {
      if (i > from) body += ',';
      body += dossiers[i];
    }
    body += "]}";
    Reply r;
    for (int attempt = 0;; ++attempt) {
      r = post(url, f.code, f.lang, body);
      if (!transient(r) || attempt >= f.retries) break;
      std::cerr << "\nretrying after " << (r.status ? "HTTP " + std::to_string(r.status) : r.error)
                << "\n";
      std::this_thread::sleep_for(std::chrono::milliseconds(f.retry_delay_ms << attempt));
    }
    if (r.status != 200) {
      std::string why = r.status ? "HTTP " + std::to_string(r.status) : r.error;
      auto answer = json::parse(r.body, nullptr, false);
      if (answer.is_object() && answer.contains("error"))
        why += ": " + answer["error"].value("message", "");
      throw Failure("cannot send dossiers " + std::to_string(from + 1) + "–" + std::to_string(to) +
                    " to " + f.url + ": " + why);
    }
    auto answer = json::parse(r.body);
    for (const auto& result : answer["results"]) {
      std::string status = result["status"];
      ++counts[status == "accepted" ? 0 : status == "rejected" ? 1 : 2];
      if (result["messages"].empty()) rows.push_back({result["ref"], status, "", "", ""});
      for (const auto& m : result["messages"])
        rows.push_back({result["ref"], status, m["code"], m["field"], m["text"]});
    }
    cli::progress_bar(std::min(total, to), total);
    if (total == 0) break;
  }
  write_report(f.report, rows, counts);
  std::cout << total << " dossier(s) sent: " << counts[0] << " accepted, " << counts[1]
            << " rejected, " << counts[2] << " pending; report in " << f.report << ".csv and "
            << f.report << ".html\n";
  return counts[1] > 0 ? 1 : 0;
}

}  // namespace

void add_sync_command(CLI::App& root, cli::Registry& registry) {
  static Flags f;
  auto* sync = root.add_subcommand("sync", "Send batch files to the sync API; write the report");
  sync->add_option("--url", f.url, "The sgee server, e.g. https://sgee.example.org")->required();
  sync->add_option("--installation", f.installation, "Installation (or BC) number")->required();
  sync->add_option("--code", f.code, "The access code")->required()->envname("SGEE_ACCESS_CODE");
  sync->add_option("FILE", f.files, "Batch files (JSON, as the sync API takes them)")
      ->required()
      ->check(CLI::ExistingFile);
  sync->add_option("--report", f.report, "Report file names, without .csv / .html")
      ->capture_default_str();
  sync->add_option("--lang", f.lang, "Language of the messages: fr or en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  sync->add_option("--retries", f.retries, "Retries of a chunk after a transient failure")
      ->capture_default_str();
  sync->add_option("--retry-delay", f.retry_delay_ms, "First retry delay in ms (then doubled)")
      ->capture_default_str();
  sync->add_option("--chunk", f.chunk, "Dossiers per request (at most 1000)")
      ->capture_default_str();
  registry.add(sync, [] { return run(f); });
}

}  // namespace sgee::csg
