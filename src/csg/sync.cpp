#include "csg/sync.hpp"

#include "access/store.hpp"
#include "csg/json.hpp"
#include "geo/addresses.hpp"

namespace sgee::csg {

using nlohmann::json;

namespace {

// What every record of the batch is checked against (each record adds its own), read once per
// transaction.
struct Common {
  bool addresses = false;
  std::vector<std::pair<std::string, std::int64_t>> rsge;  // a BC's RSGE: number, id
  Context ctx;
};

Common read_common(db::Connection& c, const Component& component, const BatchOptions& options) {
  Common m;
  m.addresses = geo::addresses_loaded(c);
  if (component.is_bc) m.rsge = store::rsge_of_bc(c, component.id);
  m.ctx.today = options.today;
  m.ctx.component_is_bc = component.is_bc;
  for (const auto& [number, id] : m.rsge) m.ctx.rsge_of_bc.push_back(number);
  m.ctx.civil_registry = store::civil_registry_loaded(c);
  m.ctx.reservations = store::reservations(c, component.id);
  return m;
}

bool same_common(const Common& a, const Common& b) {
  return a.addresses == b.addresses && a.rsge == b.rsge &&
         a.ctx.civil_registry == b.ctx.civil_registry && a.ctx.reservations == b.ctx.reservations;
}

// One record read and checked, with what its check read from the database.
struct Checked {
  ParsedDossier parsed;
  std::optional<store::StoredDossier> stored;
  std::optional<CivilRecord> civil;
  std::optional<bool> address_found;
  std::vector<std::pair<std::int64_t, std::int64_t>> others;  // the child's other dossiers
  Status status = Status::accepted;
  json messages;
  std::optional<store::DossierValues> row;  // to save, when computed ahead
};

Checked check(db::Connection& c, const Component& component, const json& item, Common& common,
              const std::string& lang) {
  Checked r;
  r.parsed = parse_dossier(item);
  auto& d = r.parsed.dossier;
  if (!d.ref.empty()) r.stored = store::find_dossier(c, component.id, d.ref);
  // A NECSG the registry assigned stays the record's even when the software did not keep it, also
  // when the child has since obtained a NIREC (DOS-06: the NIREC is added, the NECSG kept).
  if (r.stored && r.stored->dossier.child.necsg && !d.child.necsg)
    d.child.necsg = r.stored->dossier.child.necsg;
  if (common.ctx.civil_registry && d.child.nirec) r.civil = store::civil_record(c, *d.child.nirec);
  if (common.addresses) r.address_found = store::address_exists(c, d.guardian.address);
  auto others = store::other_dossiers_of_child(c, d.child, r.stored ? r.stored->id : 0);
  r.others = std::move(others.read);
  // The batch's context with this record's parts (replaced for each record, never copied).
  auto& ctx = common.ctx;
  ctx.civil = r.civil;
  ctx.address_found = r.address_found;
  ctx.stored = r.stored ? &r.stored->dossier : nullptr;
  ctx.other_agreements = std::move(others.agreements);
  ctx.other_dossier_guardians = std::move(others.guardians);
  auto findings = validate(r.parsed, ctx);
  ctx.stored = nullptr;
  r.status = status_of(findings);
  r.messages = messages_json(findings, lang);
  return r;
}

// In the write transaction: is what `r` was checked against (in an earlier transaction) still
// what the database holds? Read again without any JSON.
bool unchanged(db::Connection& c, const Component& component, const Common& common,
               const Checked& r) {
  const auto& d = r.parsed.dossier;
  auto stored = d.ref.empty() ? std::nullopt : store::dossier_version(c, component.id, d.ref);
  if (stored !=
      (r.stored ? std::optional(std::pair(r.stored->id, r.stored->version)) : std::nullopt))
    return false;
  if (common.ctx.civil_registry && d.child.nirec &&
      store::civil_record(c, *d.child.nirec) != r.civil)
    return false;
  if (common.addresses && store::address_exists(c, d.guardian.address) != r.address_found)
    return false;
  return store::other_dossier_versions(c, d.child, r.stored ? r.stored->id : 0) == r.others;
}

// DOS-06: an accepted record with neither NIREC nor NECSG is given the next NECSG when saved.
bool gets_necsg(const Checked& r) {
  const auto& child = r.parsed.dossier.child;
  return r.status == Status::accepted && !child.nirec && !child.necsg;
}

}  // namespace

json process_batch(db::Connection& c, const Component& component, const json& dossiers,
                   const BatchOptions& options) {
  // SQLite has one writer at a time for the whole database: there a batch to save reads and
  // checks its records in a read transaction, beside other batches, and takes the write lock only
  // to save them, each after reading again, without JSON, what it was checked against (its
  // stored version, the child's other dossiers, its civil-registry entry and address, the
  // batch's references). A record whose reads changed in between (another batch saved, or an
  // earlier record of this batch) is checked again in the write transaction, so each record is
  // judged on what it is saved beside, as when all is done in one. PostgreSQL locks rows, not
  // the database: there, as for a validation, one transaction reads, checks and saves each
  // record in turn.
  std::vector<Checked> ahead;
  std::optional<Common> before;
  if (options.save && c.engine() == db::Engine::sqlite) {
    db::Transaction read(c, false);
    before = read_common(c, component, options);
    ahead.reserve(dossiers.size());
    for (const auto& item : dossiers) {
      auto& r = ahead.emplace_back(check(c, component, item, *before, options.lang));
      if (r.status != Status::rejected && !gets_necsg(r))
        r.row = store::dossier_values(r.parsed.dossier);
    }
    read.commit();
  }
  db::Transaction tx(c, options.save);
  Common common = read_common(c, component, options);
  bool same = before && same_common(*before, common);
  json results = json::array();
  int counts[3] = {0, 0, 0};
  size_t i = 0;
  for (const auto& item : dossiers) {
    Checked r = same && unchanged(c, component, common, ahead[i])
                    ? std::move(ahead[i])
                    : check(c, component, item, common, options.lang);
    ++i;
    auto& d = r.parsed.dossier;
    std::optional<std::string> necsg = d.child.necsg;
    if (options.save && r.status != Status::rejected) {
      if (gets_necsg(r)) {
        d.child.necsg = store::next_necsg(c);
        necsg = d.child.necsg;
        r.row.reset();
      }
      std::optional<std::int64_t> rsge_id;
      for (const auto& [number, id] : common.rsge)
        if (d.rsge && *d.rsge == number) rsge_id = id;
      auto saved = store::save_dossier(
          c, component.id, rsge_id, d, r.row ? *r.row : store::dossier_values(d),
          r.stored ? &*r.stored : nullptr, to_string(r.status), r.messages, options.who);
      if (saved.changed)
        access::store::audit(c, {.user_id = options.who.user_id,
                                 .access_code_id = options.who.access_code_id,
                                 .organization_id = component.id,
                                 .action = saved.created ? "create" : "update",
                                 .record_type = "dossier",
                                 .record_id = d.ref,
                                 .detail = options.source,
                                 .address = options.address,
                                 .request_id = options.request_id});
      // DOS-06: a NIREC added to a dossier known by its NECSG is an audited change of identity.
      if (saved.changed && r.stored && !r.stored->dossier.child.nirec && d.child.nirec &&
          r.stored->dossier.child.necsg)
        access::store::audit(
            c, {.user_id = options.who.user_id,
                .access_code_id = options.who.access_code_id,
                .organization_id = component.id,
                .action = "nirec_added",
                .record_type = "dossier",
                .record_id = d.ref,
                .detail = options.source + ": NECSG " + *r.stored->dossier.child.necsg + " kept",
                .address = options.address,
                .request_id = options.request_id});
    } else if (options.save && r.stored) {
      store::record_rejection(c, r.stored->id, r.messages);
    }
    ++counts[static_cast<int>(r.status)];
    results.push_back(result_json(d.ref, r.status, std::move(r.messages), necsg));
  }
  tx.commit();
  return {{"results", results},
          {"summary", {{"accepted", counts[0]}, {"rejected", counts[1]}, {"pending", counts[2]}}}};
}

}  // namespace sgee::csg
