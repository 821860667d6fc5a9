// MES: the generated PDFs (print.hpp), written with pdf::Document; every word from the catalog.
#include "mes/print.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "platform/i18n.hpp"
#include "platform/pdf_out.hpp"
#include "platform/text.hpp"

namespace sgee::mes {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Spaces made no-break: "14 décembre 2026", "6 h 30" kept on one line.
std::string keep_together(const std::string& text) {
  std::string out;
  for (char c : text) out += c == ' ' ? std::string("\u00a0") : std::string(1, c);
  return out;
}

struct Words {
  std::string lang;
  const std::string& operator()(const std::string& key) const { return i18n::t(lang, key); }
  std::string fill(const std::string& key, const std::vector<std::string>& values) const {
    return i18n::fill(i18n::t(lang, key), values);
  }
  std::string date(const std::optional<Date>& d) const {
    return d ? keep_together(i18n::date_words(lang, *d)) : std::string("—");
  }
  pdf::Language pdf_language() const {
    return lang == "en" ? pdf::Language::en : pdf::Language::fr;
  }
};

std::string lang_of(const std::string& lang) {
  return lang == "en" ? "en" : "fr";
}

std::string or_dash(std::string_view v) {
  auto t = text::trim(v);
  return t.empty() ? std::string("—") : std::string(t);
}

std::string number_text(const Words& w, const std::string& number) {
  return w.fill("mes.print.number", {number});
}

pdf::Document new_document(const Words& w, const std::string& title, const std::string& number,
                           const std::optional<Date>& printed_on) {
  std::string note = printed_on ? w.fill("mes.print.printed_on", {w.date(printed_on)}) : "";
  return pdf::Document(title, number_text(w, number), note, w.pdf_language());
}

std::string hours(const Words& w, int minutes) {
  return keep_together(hours_text(w.lang, minutes));
}

int minutes_asked(const PrintData& d) {
  return d.requested_minutes.value_or(
      requested_minutes(d.type, d.answers.moments, d.granted_before));
}

// A stored answer as printed: a date in words, a yes/no as the word.
std::string value_text(const Words& w, const Field& f, const std::string& v) {
  auto t = text::trim(v);
  if (f.type == FieldType::date)
    if (auto d = dates::parse(t)) return w.date(d);
  if (f.type == FieldType::yes_no && (t == "yes" || t == "no"))
    return w("mes.print." + std::string(t));
  return or_dash(t);
}

// The request's identification: on the form's first page and on the signatures page.
Pairs identification(const Words& w, const PrintData& d) {
  Pairs p = {{w("mes.print.request_number"), d.number},
             {w("mes.print.request_type"), w(type_key(d.type))},
             {w("mes.field.identity.child_name"), or_dash(d.child.name)},
             {w("mes.field.identity.provider_name"), or_dash(d.provider.name)}};
  if (d.provider.kind == ProviderKind::rsge) {
    p.push_back({w("mes.print.rsge"), or_dash(d.rsge_name)});
    p.push_back({w("mes.print.bc"), or_dash(d.bc_name)});
  }
  return p;
}

void identity_section(pdf::Document& doc, const Words& w, const PrintData& d) {
  Pairs p;
  for (const Field* f : fields_of(Section::identity)) {
    std::string v;
    if (f->id == "identity.child_name")
      v = d.child.name;
    else if (f->id == "identity.child_birth_date")
      v = d.child.birth_date ? w.date(d.child.birth_date) : "";
    else if (f->id == "identity.confirmation_number")
      v = d.child.confirmation_number;
    else if (f->id == "identity.provider_name")
      v = d.provider.name;
    else if (f->id == "identity.provider_number")
      v = d.provider.number;
    else if (f->id == "identity.provider_kind")
      v = w("mes.print.kind." + std::string(to_string(d.provider.kind)));
    else if (f->id == "identity.provider_address")
      v = d.provider.address;
    p.push_back({w(f->label_key()), or_dash(v)});
  }
  if (d.provider.kind == ProviderKind::rsge) {
    p.push_back({w("mes.print.rsge"), or_dash(d.rsge_name)});
    p.push_back({w("mes.print.bc"), or_dash(d.bc_name)});
  }
  doc.key_values(p);
}

// Under a sub-section's heading, a label that repeats its name before " : " goes without it:
// "Communication : en quoi …" -> "En quoi …".
std::string label_under(const Words& w, const Field& f) {
  std::string label = w(f.label_key());
  if (f.subsection.empty()) return label;
  const std::string& heading = w("mes.subsection." + f.subsection);
  for (std::string_view sep : {" : ", "\u00a0: ", ": "}) {
    auto at = label.find(sep);
    if (at == std::string::npos || at == 0 || !heading.starts_with(label.substr(0, at))) continue;
    std::string rest = label.substr(at + sep.size());
    if (!rest.empty() && rest[0] >= 'a' && rest[0] <= 'z')
      rest[0] = static_cast<char>(rest[0] - 32);
    return rest;
  }
  return label;
}

// Sections 2, 3 and the summary: short answers side by side with their labels, long ones under
// theirs, yes/no as ticked boxes. A field required only under a condition that does not hold,
// and left empty, is left out (section 3's « en quoi … » when the difficulty is not exceptional).
void fields_section(pdf::Document& doc, const Words& w, const PrintData& d, Section s) {
  Pairs pending;
  auto flush = [&] {
    if (!pending.empty()) doc.key_values(pending);
    pending.clear();
  };
  std::string subsection;
  for (const Field* f : fields_of(s)) {
    const std::string v = d.answers.get(f->id);
    if (f->subsection != subsection) {
      flush();
      subsection = f->subsection;
      if (!subsection.empty()) doc.heading(w("mes.subsection." + subsection), 3);
    }
    if (f->required_if && text::trim(v).empty() &&
        text::trim(d.answers.get(f->required_if->first)) != f->required_if->second)
      continue;
    switch (f->type) {
      case FieldType::read_only:
        if (f->id == "summary.hours") {
          pending.push_back({w(f->label_key()), hours(w, minutes_asked(d))});
          if (d.granted_before)
            pending.push_back({w("mes.print.granted_before"), hours(w, *d.granted_before)});
        }
        break;
      case FieldType::yes_no: {
        flush();
        auto t = text::trim(v);
        doc.choice(label_under(w, *f), {w("mes.print.yes"), w("mes.print.no")},
                   t == "yes"  ? 0
                   : t == "no" ? 1
                               : -1);
        break;
      }
      case FieldType::textarea:
        flush();
        doc.label(label_under(w, *f));
        doc.paragraph(or_dash(v));
        break;
      default: pending.push_back({w(f->label_key()), value_text(w, *f, v)}); break;
    }
  }
  flush();
}

void typical_day_section(pdf::Document& doc, const Words& w, const PrintData& d) {
  const auto& m = d.answers.moments;
  if (m.empty()) {
    doc.paragraph(w("mes.print.no_moment"));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& x : m) {
      auto tr = text::trim(x.transition);
      rows.push_back({or_dash(x.start), or_dash(x.end),
                      tr == "yes"  ? w("mes.print.yes")
                      : tr == "no" ? w("mes.print.no")
                                   : "—",
                      or_dash(x.label), or_dash(x.needs), or_dash(x.actions)});
    }
    doc.table({{w("mes.field.typical_day.moment.start"), 1.15},
               {w("mes.field.typical_day.moment.end"), 1.15},
               {w("mes.print.transition"), 1.6},
               {w("mes.field.typical_day.moment.label"), 2},
               {w("mes.field.typical_day.moment.needs"), 3.4},
               {w("mes.field.typical_day.moment.actions"), 3.4}},
              rows);
  }
  doc.key_values({{w("mes.print.day_hours"),
                   w.fill("mes.print.day_hours_value", {hours(w, union_minutes(m))})}});
}

void documents_section(pdf::Document& doc, const Words& w, const PrintData& d) {
  if (d.attachments.empty()) {
    doc.paragraph(w("mes.print.no_attachment"));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : d.attachments)
      rows.push_back({known_nature(a.nature) ? w("mes.nature." + a.nature) : or_dash(a.nature),
                      or_dash(a.filename), std::to_string(a.pages)});
    doc.table({{w("mes.print.nature"), 4}, {w("mes.print.filename"), 4}, {w("mes.print.pages"), 1}},
              rows);
  }
  // What the type still needs (the starred list), so that the printed form says it too.
  const std::string answer = d.answers.get("situation.integration_plan");
  auto plan = text::trim(answer);  // a view into `answer`
  std::optional<bool> has_plan;
  if (plan == "yes" || plan == "no") has_plan = plan == "yes";
  for (const auto& r : required_documents(d.type, d.provider.kind, has_plan)) {
    auto found = std::count_if(d.attachments.begin(), d.attachments.end(),
                               [&](const PrintAttachment& a) { return a.nature == r.id; });
    if (found < r.count)
      doc.paragraph(w.fill("mes.print.missing_document", {w("mes.nature." + r.id)}));
  }
}

void electronic_signature(pdf::Document& doc, const Words& w, const PrintData& d) {
  doc.heading(
      w.fill("mes.print.esign_heading", {w("mes.signer." + electronic_signer(d.provider.kind))}),
      2);
  if (!d.signature) {
    doc.paragraph(w("mes.print.not_signed"));
    return;
  }
  doc.key_values({{w("mes.print.signed_by"), or_dash(d.signature->who)},
                  {w("mes.print.signed_at"), i18n::time_words(w.lang, d.signature->at)},
                  {w("mes.print.content_hash"), or_dash(d.signature->content_hash)}});
  // Whether the content is still the one signed (when every attachment's hash is known).
  bool known = std::all_of(d.attachments.begin(), d.attachments.end(),
                           [](const PrintAttachment& a) { return !a.sha256.empty(); });
  if (known) {
    std::vector<Attachment> files;
    for (const auto& a : d.attachments) files.push_back({a.nature, a.sha256});
    doc.paragraph(content_hash(d.type, d.answers, files) == d.signature->content_hash
                      ? w("mes.print.signature_holds")
                      : w("mes.print.changed_since_signed"));
  }
}

// The signatures page: the request, then every signer the table requires for its type and kind.
void signatures_page(pdf::Document& doc, const Words& w, const PrintData& d) {
  doc.heading(w("mes.print.signatures_title"));
  doc.key_values(identification(w, d));
  doc.paragraph(w.fill(
      "mes.print.signatures_intro",
      {w(type_key(d.type)), w("mes.print.kind." + std::string(to_string(d.provider.kind)))}));
  doc.paragraph(w("mes.print.attestation"));
  doc.space(6);
  std::vector<pdf::Signer> signers;
  for (const auto& r : required_signers(d.type, d.provider.kind)) {
    pdf::Signer s;
    s.role = w("mes.signer." + r.id);
    s.box = true;
    if (r.id == "rsge") s.name = d.rsge_name;
    if (r.electronic) {
      if (d.signature) {
        s.name = d.signature->who;
        s.note =
            w.fill("mes.print.signed_electronically", {i18n::time_words(w.lang, d.signature->at)});
      } else {
        s.note = w("mes.print.signs_electronically");
      }
    } else {
      s.note = w("mes.print.signs_on_paper");
    }
    signers.push_back(std::move(s));
  }
  doc.signatures(signers);
}

}  // namespace

std::string hours_text(const std::string& lang, int minutes) {
  auto p = duration_params("h", std::max(0, minutes));
  return lang_of(lang) == "en" ? p[1].second : p[0].second;
}

std::string form_pdf(const PrintData& d) {
  const Words w{lang_of(d.lang)};
  auto doc = new_document(w, w("mes.print.title"), d.number, d.printed_on);
  doc.heading(w("mes.print.form_title"));
  auto id = identification(w, d);
  id.insert(id.begin() + 2, {w("mes.print.status"), w(status_key(d.status))});
  doc.key_values(id);
  for (auto s : form_sections()) {
    doc.heading(w(section_key(s)), 2);
    switch (s) {
      case Section::identity: identity_section(doc, w, d); break;
      case Section::typical_day: typical_day_section(doc, w, d); break;
      default: fields_section(doc, w, d, s); break;
    }
  }
  doc.heading(w(section_key(Section::documents)), 2);
  documents_section(doc, w, d);
  electronic_signature(doc, w, d);
  doc.page_break();
  signatures_page(doc, w, d);
  return doc.render();
}

std::string signatures_pdf(const PrintData& d) {
  const Words w{lang_of(d.lang)};
  auto doc = new_document(w, w("mes.print.title"), d.number, d.printed_on);
  signatures_page(doc, w, d);
  return doc.render();
}

namespace {
const char* decision_id(Decision x) {
  switch (x) {
    case Decision::conform: return "conform";
    case Decision::granted: return "granted";
    case Decision::refused: return "refused";
  }
  return "conform";
}
}  // namespace

std::string communication_title(const LetterData& d) {
  return i18n::t(lang_of(d.lang), "mes.letter.title." + std::string(decision_id(d.decision)));
}

std::string communication_filename(const LetterData& d) {
  std::string name;
  for (char c : d.request_number)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
  return (name.empty() ? "MES" : name) + "-" + decision_id(d.decision) + ".pdf";
}

std::string communication_pdf(const LetterData& d) {
  const Words w{lang_of(d.lang)};
  pdf::Document doc(w("mes.letter.letterhead"), number_text(w, d.request_number),
                    w("mes.letter.footer"), w.pdf_language());
  doc.heading(w("mes.letter.letterhead"));
  doc.paragraph(w("mes.letter.unit"));
  doc.space(14);
  doc.paragraph(w.fill("mes.letter.place_date", {w.date(d.date)}));
  doc.space(10);
  doc.paragraph(or_dash(d.provider_name) +
                (text::trim(d.provider_address).empty() ? "" : "\n" + d.provider_address));
  doc.space(14);
  doc.label(w.fill("mes.letter.subject", {w(type_key(d.type)), d.request_number, d.child_name}));
  doc.space(12);
  doc.paragraph(w("mes.letter.salutation"));
  switch (d.decision) {
    case Decision::conform:
      doc.paragraph(w.fill("mes.letter.conform", {d.request_number, d.child_name}));
      doc.paragraph(w("mes.letter.conform_next"));
      break;
    case Decision::granted: {
      std::string per_day = hours(w, d.granted_minutes.value_or(0));
      doc.paragraph(w.fill("mes.letter.granted",
                           {d.child_name, per_day, w.date(d.period_start), w.date(d.period_end)}));
      doc.key_values(
          {{w("mes.letter.granted_hours"), per_day},
           {w("mes.letter.period"),
            w.fill("mes.letter.period_value", {w.date(d.period_start), w.date(d.period_end)})}});
      doc.paragraph(w("mes.letter.granted_next"));
      break;
    }
    case Decision::refused:
      doc.paragraph(w.fill("mes.letter.refused", {d.child_name}));
      doc.paragraph(or_dash(d.refusal_reason));
      doc.paragraph(w("mes.letter.refused_next"));
      break;
  }
  if (!text::trim(d.extra).empty()) doc.paragraph(d.extra);
  doc.paragraph(w("mes.letter.questions"));
  doc.paragraph(w("mes.letter.closing"));
  doc.space(30);
  doc.label(or_dash(d.agent_name));
  doc.paragraph(w("mes.letter.agent_role"));
  return doc.render();
}

// ---- Examples --------------------------------------------------------------------------------

namespace {

Moment moment(int i) {
  static const char* labels[] = {"Arrivée et accueil",
                                 "Jeux libres",
                                 "Collation du matin",
                                 "Causerie en grand groupe",
                                 "Activité motrice au gymnase",
                                 "Sortie extérieure",
                                 "Repas du midi",
                                 "Hygiène et brossage de dents",
                                 "Sieste",
                                 "Réveil et habillage",
                                 "Collation de l'après-midi",
                                 "Départ avec le parent"};
  static const char* needs[] = {
      "Élodie vit difficilement la séparation d'avec son père : elle pleure, se jette au sol et "
      "peut frapper l'adulte qui s'approche. Elle ne comprend pas les consignes verbales "
      "lorsqu'elle est désorganisée ; les bruits du vestiaire augmentent son agitation.",
      "Elle choisit rarement un jeu d'elle-même et erre dans le local ; lorsqu'un ami prend un "
      "jouet qu'elle convoite, elle mord ou pousse. Elle a besoin d'une présence constante pour "
      "entrer en relation avec les autres enfants de façon sécuritaire.",
      "Dysphagie légère : risque d'étouffement avec les aliments durs (pomme crue, carottes). "
      "Elle mange avec les doigts, renverse souvent son verre et se lève de table sans cesse.",
  };
  static const char* actions[] = {
      "L'éducatrice accompagnatrice l'accueille à la porte, lui présente son horaire imagé et "
      "l'amène au coin calme ; elle reformule les consignes « une à la fois » avec un pictogramme "
      "et prévient chaque transition deux minutes à l'avance à l'aide d'une minuterie visuelle.",
      "Accompagnement individuel : proposer deux choix de jeux, modéliser le partage, "
      "intervenir avant l'escalade (redirection, renforcement positif), noter les déclencheurs "
      "dans le journal de bord transmis au parent chaque vendredi.",
      "Couper les aliments en petits morceaux selon le plan de l'ergothérapeute, l'asseoir à côté "
      "de l'adulte, utiliser le verre à bec et la cuillère adaptée ; surveiller la déglutition "
      "pendant tout le repas et appliquer le protocole d'urgence au besoin.",
  };
  Moment m;
  int start = 7 * 60 + 30 + i * 35;
  int end = start + (i == 6 ? 45 : 30);  // lunch overlaps the next moment: counted once
  auto hhmm = [](int t) {
    auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return two(t / 60) + ":" + two(t % 60);
  };
  m.start = hhmm(start);
  m.end = hhmm(end);
  m.transition = (i % 3 == 0 || i == 11) ? "yes" : "no";
  m.label = labels[i % 12];
  m.needs = needs[i % 3];
  m.actions = actions[i % 3];
  if (i == 8)
    m.needs +=
        " Pendant la sieste, elle se relève toutes les deux ou trois minutes, "
        "dérange ses voisins et refuse de rester sur son matelas ; son sommeil est "
        "agité et elle se réveille en criant, ce qui désorganise tout le groupe.";
  return m;
}

}  // namespace

PrintData example_request(bool home_based, int moments) {
  PrintData d;
  d.number = home_based ? "MES-2026-000457" : "MES-2026-000123";
  d.type = home_based ? RequestType::renewal_with_changes : RequestType::new_request;
  d.status = Status::brouillon;
  d.child = {"Élodie Bégin-Gagné", dates::from_ymd(2022, 2, 14), "PI-2025-0486213"};
  if (home_based) {
    d.provider = {"Service de garde en milieu familial de Geneviève Lévesque", ProviderKind::rsge,
                  "RSGE-0391", "1480, rue Bélanger, app. 2\nMontréal (Québec)  H2G 1A7"};
    d.rsge_name = "Geneviève Lévesque";
    d.bc_name = "Bureau coordonnateur de la Petite-Patrie";
    d.granted_before = 5 * 60;
  } else {
    d.provider = {"CPE Les Petits Loups – installation Côte-des-Neiges", ProviderKind::cpe,
                  "1234-5678", "5125, chemin de la Côte-des-Neiges\nMontréal (Québec)  H3T 1X6"};
  }
  auto& f = d.answers.fields;
  f["situation.attendance_start"] = "2025-09-02";
  f["situation.days_per_week"] = "5";
  f["situation.schedule"] = "Du lundi au vendredi, de 7 h 30 à 16 h 45";
  f["situation.impairment"] =
      "Trouble du spectre de l'autisme (diagnostic posé le 12 mars 2025 par la pédopsychiatre "
      "de l'Hôpital Sainte-Justine), avec un retard global de développement et une dysphagie "
      "légère. Élodie ne s'exprime que par quelques mots isolés et des gestes ; elle comprend "
      "les consignes simples lorsqu'elles sont accompagnées d'un pictogramme.";
  f["situation.functional_incapacities"] =
      "Motricité fine et globale : elle ne tient pas sa cuillère, trébuche souvent dans les "
      "escaliers et ne peut s'habiller seule (fermeture éclair, bottes, mitaines). Propreté non "
      "acquise : port de la couche, changements fréquents.";
  f["situation.behavioural_incapacities"] =
      "Crises de désorganisation de 10 à 20 minutes, plusieurs fois par jour, lors des "
      "transitions ou des bruits forts : elle se frappe la tête, mord ou pousse les autres "
      "enfants. Fugues : elle a tenté de quitter la cour à deux reprises en octobre.";
  f["situation.integration_plan"] = "yes";
  f["situation.integration_plan_date"] = "2026-03-18";
  const char* subs[] = {"care", "mobility", "communication", "social", "behaviour"};
  for (int i = 0; i < 5; ++i) {
    std::string p = std::string("needs.") + subs[i] + ".";
    bool ex = i != 3;
    f[p + "exceptional"] = ex ? "yes" : "no";
    if (!ex) continue;
    f[p + "difficulty"] =
        "Contrairement aux autres enfants de trois ans et demi du groupe, qui mangent, "
        "s'habillent et se déplacent de façon autonome, Élodie a besoin d'une aide physique et "
        "d'une surveillance constantes : sans adulte à ses côtés, sa sécurité et celle des autres "
        "ne peuvent être assurées. Ses réactions sont imprévisibles et intenses.";
    f[p + "support"] =
        "Une éducatrice accompagnatrice à temps partiel, formée à l'approche TEACCH, présente aux "
        "moments clés de la journée décrits à la section « Journée type » ; rencontres mensuelles "
        "avec l'ergothérapeute du CLSC et la famille pour ajuster le plan d'intégration.";
  }
  f["summary.note"] =
      "L'équipe a déjà mis en place l'horaire imagé, le coin calme et la minuterie visuelle ; "
      "ces moyens ont réduit la durée des crises, mais non leur fréquence. La présence d'une "
      "accompagnatrice demeure essentielle : sans elle, Élodie ne pourrait fréquenter le "
      "service de garde de façon sécuritaire. Mère : Sophie Bégin ; père : François Gagné.";
  for (int i = 0; i < moments; ++i) d.answers.moments.push_back(moment(i));
  d.attachments = {
      {"signed_form", "formulaire-signé.pdf", 3, std::string(64, 'a')},
      {"integration_plan", "plan-d'intégration-2026-03-18.pdf", 7, std::string(64, 'b')}};
  if (home_based) {
    d.attachments.push_back(
        {"renewal_reasons", "raisons-renouvellement.pdf", 2, std::string(64, 'c')});
    d.attachments.push_back({"signed_form", "raisons-renouvellement.pdf", 2, std::string(64, 'c')});
  }
  std::vector<Attachment> files;
  for (const auto& a : d.attachments) files.push_back({a.nature, a.sha256});
  d.signature = PrintSignature{home_based ? "Nathalie Tremblay" : "Marie-Ève Côté",
                               "2026-12-02T15:38:00Z", content_hash(d.type, d.answers, files)};
  d.printed_on = dates::from_ymd(2026, 12, 2);
  return d;
}

LetterData example_letter(Decision decision) {
  LetterData l;
  l.request_number = "MES-2026-000123";
  l.type = RequestType::new_request;
  l.date = dates::from_ymd(2026, 12, 9);
  l.provider_name = "CPE Les Petits Loups – installation Côte-des-Neiges";
  l.provider_address = "5125, chemin de la Côte-des-Neiges\nMontréal (Québec)  H3T 1X6";
  l.child_name = "Élodie Bégin-Gagné";
  l.decision = decision;
  l.granted_minutes = 6 * 60;
  l.period_start = dates::from_ymd(2026, 12, 14);
  l.period_end = dates::from_ymd(2027, 3, 31);
  l.refusal_reason =
      "La journée type décrite ne montre pas de besoin d'accompagnement à caractère exceptionnel "
      "par rapport aux autres enfants du même âge : les moyens déjà en place à l'installation "
      "répondent aux besoins décrits.";
  l.agent_name = "Julie Bérubé";
  return l;
}

}  // namespace sgee::mes
