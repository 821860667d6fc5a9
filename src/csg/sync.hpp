#pragma once
// One sync API batch against the database: each record read, validated with everything it needs
// (stored version, civil registry, address reference, the child's other dossiers, the
// installation's CISSS reservations) and, for `sync`, saved; one transaction per batch.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "csg/store.hpp"
#include "platform/date.hpp"

namespace sgee::csg {

struct Component {
  std::int64_t id = 0;
  std::string number;
  bool is_bc = false;
};

struct BatchOptions {
  bool save = false;  // sync (true) or validate (false)
  std::string lang = "fr";
  Date today;
  store::Who who;
  std::string address, request_id;  // for the audit rows
  std::string source = "sync";      // the audit rows' detail: "sync" (the API) or "form"
};

// The answer of spec/api.md: {"results": [...], "summary": {...}}. `dossiers` is the batch's array.
nlohmann::json process_batch(db::Connection& c, const Component& component,
                             const nlohmann::json& dossiers, const BatchOptions& options);

}  // namespace sgee::csg
