#include "csg/sync.hpp"

#include "access/store.hpp"
#include "csg/json.hpp"

namespace sgee::csg {

using nlohmann::json;

json process_batch(db::Connection& c, const Component& component, const json& dossiers,
                   const BatchOptions& options) {
  db::Transaction tx(c, options.save);
  bool addresses = store::addresses_loaded(c);
  std::vector<std::pair<std::string, std::int64_t>> rsge;
  if (component.is_bc) rsge = store::rsge_of_bc(c, component.id);
  // What every record of the batch is checked against; each record adds its own.
  Context base;
  base.today = options.today;
  base.component_is_bc = component.is_bc;
  for (const auto& [number, id] : rsge) base.rsge_of_bc.push_back(number);
  base.civil_registry = store::civil_registry_loaded(c);
  base.reservations = store::reservations(c, component.id);
  json results = json::array();
  int counts[3] = {0, 0, 0};
  for (const auto& item : dossiers) {
    auto parsed = parse_dossier(item);
    auto& d = parsed.dossier;
    auto stored = d.ref.empty() ? std::nullopt : store::find_dossier(c, component.id, d.ref);
    // A NECSG the registry assigned stays the record's even when the software did not keep it.
    if (stored && stored->dossier.child.necsg && !d.child.necsg && !d.child.nirec)
      d.child.necsg = stored->dossier.child.necsg;
    Context ctx = base;
    if (ctx.civil_registry && d.child.nirec) ctx.civil = store::civil_record(c, *d.child.nirec);
    if (addresses) ctx.address_found = store::address_exists(c, d.guardian.address);
    if (stored) ctx.stored = &stored->dossier;
    auto others = store::other_dossiers_of_child(c, d.child, stored ? stored->id : 0);
    ctx.other_agreements = std::move(others.agreements);
    ctx.other_dossier_guardians = std::move(others.guardians);
    auto findings = validate(parsed, ctx);
    auto status = status_of(findings);
    auto messages = messages_json(findings, options.lang);
    std::optional<std::string> necsg = d.child.necsg;
    if (options.save && status != Status::rejected) {
      if (status == Status::accepted && !d.child.nirec && !d.child.necsg) {
        d.child.necsg = store::next_necsg(c);
        necsg = d.child.necsg;
      }
      std::optional<std::int64_t> rsge_id;
      for (const auto& [number, id] : rsge)
        if (d.rsge && *d.rsge == number) rsge_id = id;
      auto saved = store::save_dossier(c, component.id, rsge_id, d, stored ? &*stored : nullptr,
                                       to_string(status), messages, options.who);
      if (saved.changed)
        access::store::audit(c, {.user_id = options.who.user_id,
                                 .access_code_id = options.who.access_code_id,
                                 .organization_id = component.id,
                                 .action = saved.created ? "create" : "update",
                                 .record_type = "dossier",
                                 .record_id = d.ref,
                                 .detail = "sync",
                                 .address = options.address,
                                 .request_id = options.request_id});
    } else if (options.save && stored) {
      store::record_rejection(c, stored->id, messages);
    }
    ++counts[static_cast<int>(status)];
    results.push_back(result_json(d.ref, status, std::move(messages), necsg));
  }
  tx.commit();
  return {{"results", results},
          {"summary", {{"accepted", counts[0]}, {"rejected", counts[1]}, {"pending", counts[2]}}}};
}

}  // namespace sgee::csg
