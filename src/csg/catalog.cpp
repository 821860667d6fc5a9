#include "csg/catalog.hpp"

#include <string>

namespace sgee::csg {

const std::vector<Code>& catalog() {
  static const std::vector<Code> codes = {
      {"CSG000E", 'E', "API-01", "La valeur n'a pas le type ou le format attendu.",
       "The value does not have the expected type or format."},
      {"CSG150E", 'E', "API-01",
       "Inscrivez une date valide, au format AAAA-MM-JJ (ex. 2025-09-01).",
       "Enter a valid date, as YYYY-MM-DD (e.g. 2025-09-01)."},
      {"CSG151E", 'E', "API-01", "Choisissez une des valeurs proposées.",
       "Choose one of the values offered."},
      {"CSG152E", 'E', "API-01", "Répondez par oui ou par non.", "Answer yes or no."},
      // The record
      {"CSG090E", 'E', "SYN-03",
       "Le numéro de la RSGE est obligatoire pour un bureau coordonnateur.",
       "The RSGE number is required for a coordinating office."},
      {"CSG091E", 'E', "SYN-03", "Une installation n'indique pas de RSGE.",
       "An installation does not name an RSGE."},
      {"CSG092E", 'E', "SYN-03", "Cette RSGE n'est pas reconnue par ce bureau coordonnateur.",
       "This RSGE is not recognized by this coordinating office."},
      {"CSG093E", 'E', "SYN-02", "Le numéro du dossier est obligatoire.",
       "The record number is required."},
      // Child identity
      {"CSG001E", 'E', "DOS-01", "Le nom de famille de l'enfant est obligatoire.",
       "The child's surname is required."},
      {"CSG002E", 'E', "DOS-01", "Le prénom de l'enfant est obligatoire.",
       "The child's given name is required."},
      {"CSG003E", 'E', "DOS-01", "Le nom compte au plus 50 caractères.",
       "The name has at most 50 characters."},
      {"CSG004E", 'E', "DOS-02", "Le sexe de l'enfant est obligatoire.",
       "The child's sex is required."},
      {"CSG005E", 'E', "DOS-03", "La date de naissance est obligatoire.",
       "The birth date is required."},
      {"CSG006E", 'E', "DOS-03", "La date de naissance ne peut pas être dans le futur.",
       "The birth date cannot be in the future."},
      {"CSG007E", 'E', "DOS-03",
       "La date de naissance ne peut pas être modifiée une fois le dossier enregistré.",
       "The birth date cannot be changed once the record is saved."},
      {"CSG008E", 'E', "DOS-04", "Indiquez si l'enfant est né hors Québec.",
       "Say whether the child was born outside Québec."},
      {"CSG009E", 'E', "DOS-05", "Le NIREC compte 13 chiffres, sans lettre.",
       "The NIREC has 13 digits, no letters."},
      {"CSG010E", 'E', "DOS-05",
       "Le NIREC ne peut pas être modifié une fois le dossier enregistré.",
       "The NIREC cannot be changed once the record is saved."},
      {"CSG011A", 'A', "DOS-05", "Un NIREC commence habituellement par 11 ou 12 : vérifiez-le.",
       "A NIREC usually starts with 11 or 12: check it."},
      {"CSG041E", 'E', "DOS-05", "Ce NIREC est inconnu du registre de l'état civil.",
       "This NIREC is unknown to the civil registry."},
      {"CSG042E", 'E', "DOS-05",
       "La date de naissance ou le sexe ne concorde pas avec le registre de l'état civil.",
       "The birth date or sex does not match the civil registry."},
      {"CSG132E", 'E', "DOS-05",
       "Le nom de famille de l'enfant ne concorde pas avec le registre de l'état civil : "
       "inscrivez-le comme sur l'acte de naissance.",
       "The child's surname does not match the civil registry: write it as on the birth "
       "certificate."},
      {"CSG133E", 'E', "DOS-05",
       "Le prénom de l'enfant ne concorde pas avec le registre de l'état civil : inscrivez-le "
       "comme sur l'acte de naissance.",
       "The child's given name does not match the civil registry: write it as on the birth "
       "certificate."},
      {"CSG012E", 'E', "DOS-06",
       "Le NECSG ne s'inscrit que pour un enfant né hors Québec sans NIREC (un NIREC obtenu plus "
       "tard s'ajoute au dossier enregistré, qui garde son NECSG).",
       "A NECSG is only for a child born outside Québec without a NIREC (a NIREC obtained later "
       "is added to the saved record, which keeps its NECSG)."},
      {"CSG013E", 'E', "DOS-06",
       "Le NECSG ne peut pas être modifié une fois le dossier enregistré.",
       "The NECSG cannot be changed once the record is saved."},
      {"CSG015E", 'E', "DOS-07",
       "Le NIREC de cet enfant né au Québec est attendu : le dossier reste en attente.",
       "This Québec-born child's NIREC is awaited: the record stays pending."},
      // Responsible adults
      {"CSG020E", 'E', "DOS-10", "Le nom de famille du responsable est obligatoire.",
       "The responsible adult's surname is required."},
      {"CSG021E", 'E', "DOS-10", "Le prénom du responsable est obligatoire.",
       "The responsible adult's given name is required."},
      {"CSG022E", 'E', "DOS-10", "Choisissez le rôle du responsable.",
       "Choose the responsible adult's role."},
      {"CSG019E", 'E', "DOS-10", "Le nom compte au plus 50 caractères.",
       "The name has at most 50 characters."},
      {"CSG023E", 'E', "DOS-11",
       "Pour l'autre responsable, le nom, le prénom et le rôle vont ensemble : inscrivez les "
       "trois.",
       "For the other responsible adult, surname, given name and role go together: give all "
       "three."},
      {"CSG024E", 'E', "DOS-12",
       "Ni le responsable ni l'autre responsable n'est la mère ou le père : inscrivez un parent "
       "(nom, prénom et rôle).",
       "Neither responsible adult is the mother or father: give a parent (surname, given name and "
       "role)."},
      {"CSG025E", 'E', "DOS-12", "Le rôle du parent est Mère, Mère biologique ou Père.",
       "The parent's role is mother, biological mother or father."},
      {"CSG026A", 'A', "DOS-12",
       "Le bloc parent n'est demandé que dans le cas prévu : il est ignoré.",
       "The parent block is only asked for in the case DOS-12 provides for: it is ignored."},
      {"CSG033E", 'E', "DOS-15",
       "Garde partagée : l'autre parent a son propre dossier; ne l'inscrivez pas comme autre "
       "responsable.",
       "Shared custody: the other parent has their own record; do not enter them as the other "
       "responsible adult."},
      // Address
      {"CSG027E", 'E', "DOS-13", "Cette partie de l'adresse est obligatoire.",
       "This part of the address is required."},
      {"CSG028E", 'E', "DOS-13", "Cette adresse est introuvable dans le référentiel d'adresses.",
       "This address is not in the address reference."},
      {"CSG029E", 'E', "DOS-13", "Une case postale n'est pas une adresse de résidence.",
       "A post-office box is not a home address."},
      {"CSG030E", 'E', "DOS-13", "Le code postal est attendu : le dossier reste en attente.",
       "The postal code is awaited: the record stays pending."},
      {"CSG031E", 'E', "DOS-13", "L'appartement s'inscrit dans son propre champ, pas dans la rue.",
       "The apartment goes in its own field, not in the street."},
      {"CSG130A", 'A', "DOS-13",
       "L'appartement {1} inscrit à la fin de la rue a été placé dans le champ Appartement.",
       "Apartment {1}, written at the end of the street, was moved to the Apartment field."},
      {"CSG131E", 'E', "DOS-13",
       "Le numéro civique {1} semble contenir l'appartement : inscrivez l'appartement à la fin "
       "(« 147 rue des patriotes App 2 » et non « 2-147 rue des patriotes »).",
       "Civic number {1} seems to hold the apartment: write the apartment last (\"147 rue des "
       "patriotes App 2\", not \"2-147 rue des patriotes\")."},
      {"CSG032E", 'E', "DOS-14",
       "Le code postal a la forme A1A 1A1 (sans D, F, I, O, Q, U; ni W ni Z au début).",
       "The postal code looks like A1A 1A1 (no D, F, I, O, Q, U; no W or Z first)."},
      // Age brackets and periods
      {"CSG040E", 'E', "DOS-20",
       "Les tranches d'âge vont dans l'ordre 0-17 mois, 18-59 mois, scolaire, chacune une seule "
       "fois, à des dates croissantes.",
       "Age brackets go in the order 0-17 months, 18-59 months, school, each once, at increasing "
       "dates."},
      {"CSG043E", 'E', "DOS-20", "Au moins une tranche d'âge est obligatoire.",
       "At least one age bracket is required."},
      {"CSG044A", 'A', "DOS-20",
       "La date de cette tranche d'âge ne concorde pas avec la date de naissance.",
       "This age bracket's date does not match the birth date."},
      {"CSG045E", 'E', "DOS-21", "L'entente commence avant la première tranche d'âge.",
       "The agreement starts before the first age bracket."},
      {"CSG046E", 'E', "DOS-22",
       "L'entrée en tranche scolaire exige une nouvelle entente : aucune entente ne chevauche sa "
       "date.",
       "Entering the school bracket needs a new agreement: no agreement spans its date."},
      {"CSG047E", 'E', "DOS-23", "La période CISSS exige une date de début et une date de fin.",
       "A CISSS period needs a start and an end date."},
      {"CSG057E", 'E', "DOS-23", "La période CISSS se termine avant de commencer.",
       "The CISSS period ends before it starts."},
      {"CSG048E", 'E', "DOS-23", "Les périodes CISSS ne se chevauchent pas.",
       "CISSS periods do not overlap."},
      {"CSG049E", 'E', "DOS-23",
       "Les réservations CISSS ne couvrent pas chaque jour de cette période (des réservations qui "
       "se suivent se complètent) : ajoutez la réservation qui manque.",
       "The CISSS reservations do not cover every day of this period (reservations that follow "
       "each other add up): add the missing reservation."},
      {"CSG140E", 'E', "DOS-23",
       "Aucune réservation CISSS au code d'âge de l'enfant ({1} mois) ne couvre le {2} : le code "
       "d'âge de la réservation est celui de la tranche d'âge de l'enfant ce jour-là.",
       "No CISSS reservation with the child's age code ({1} months) covers {2}: the reservation's "
       "age code is the child's age bracket on that day."},
      {"CSG050E", 'E', "DOS-24", "La période d'exemption (ECP) exige une date de début.",
       "An exemption (ECP) period needs a start date."},
      {"CSG051E", 'E', "DOS-24", "La période d'exemption (ECP) se termine avant de commencer.",
       "The exemption (ECP) period ends before it starts."},
      {"CSG052E", 'E', "DOS-24", "Les périodes d'exemption (ECP) ne se chevauchent pas.",
       "Exemption (ECP) periods do not overlap."},
      {"CSG053E", 'E', "DOS-25", "La période de handicap exige une date de début.",
       "A handicap period needs a start date."},
      {"CSG056E", 'E', "DOS-25", "Cette période se termine avant de commencer.",
       "This period ends before it starts."},
      {"CSG058E", 'E', "DOS-25", "Les périodes de handicap ne se chevauchent pas.",
       "Handicap periods do not overlap."},
      {"CSG054E", 'E', "DOS-25",
       "La mesure transitoire doit se trouver à l'intérieur d'une période de handicap.",
       "The transitional measure must lie inside a handicap period."},
      {"CSG055E", 'E', "DOS-25",
       "La période de handicap a une fin : la mesure transitoire en a une aussi.",
       "The handicap period has an end: so does the transitional measure."},
      // Service agreements
      {"CSG060E", 'E', "ENT-01", "Les dates de début et de fin de l'entente sont obligatoires.",
       "The agreement's start and end dates are required."},
      {"CSG061E", 'E', "ENT-01", "La fin de l'entente précède son début.",
       "The agreement ends before it starts."},
      {"CSG062E", 'E', "ENT-01",
       "La référence de l'entente est obligatoire et unique dans le dossier.",
       "The agreement's reference is required and unique in the record."},
      {"CSG063E", 'E', "ENT-02",
       "La date de résiliation doit être comprise entre {1} et {2} (le début et la fin de "
       "l'entente).",
       "The termination date must be between {1} and {2} (the agreement's start and end)."},
      {"CSG064A", 'A', "ENT-03", "L'entente n'est pas encore signée par le parent.",
       "The agreement is not signed by the parent yet."},
      {"CSG065E", 'E', "ENT-04", "L'horaire compte de 1 à 4 semaines et 7 jours par semaine.",
       "The schedule has 1 to 4 weeks and 7 days per week."},
      {"CSG066E", 'E', "ENT-05", "L'horaire normal est obligatoire.",
       "The normal schedule is required."},
      {"CSG147E", 'E', "ENT-05",
       "L'horaire normal ne coche aucune demi-période : cochez les demi-périodes prévues (seul un "
       "enfant remplaçant n'a pas d'horaire).",
       "The normal schedule marks no half-period: tick the planned half-periods (only a "
       "replacement child has no schedule)."},
      {"CSG146E", 'E', "ENT-05",
       "Le dossier n'a aucune entente de service : ajoutez-en une, avec sa date de début.",
       "The record has no service agreement: add one, with its start date."},
      {"CSG067A", 'A', "ENT-05",
       "Un enfant remplaçant n'a pas d'occupation prévue : l'horaire est ignoré.",
       "A replacement child has no planned occupation: the schedule is ignored."},
      {"CSG070E", 'E', "ENT-06",
       "L'horaire particulier exige un début et une fin, à l'intérieur de l'entente.",
       "A special schedule needs a start and an end, inside the agreement."},
      {"CSG071E", 'E', "ENT-06", "Ces horaires particuliers se chevauchent.",
       "These special schedules overlap."},
      {"CSG145E", 'E', "ENT-06", "L'horaire particulier se termine avant de commencer.",
       "The special schedule ends before it starts."},
      {"CSG073E", 'E', "ENT-07", "Les ententes d'un dossier ne se chevauchent pas.",
       "A record's agreements do not overlap."},
      {"CSG074E", 'E', "ENT-08",
       "Les deux semaines de l'horaire sont identiques : inscrivez un horaire d'une semaine.",
       "Both weeks of the schedule are the same: enter a one-week schedule."},
      {"CSG075E", 'E', "ENT-09",
       "Garde partagée : l'entente de cet enfant chez {1}, du {2} au {3}, prévoit déjà les mêmes "
       "demi-périodes (dès le {4}); chaque parent a ses propres demi-périodes.",
       "Shared custody: this child's agreement at {1}, from {2} to {3}, already plans the same "
       "half-periods (from {4}); each parent has their own half-periods."},
      {"CSG076E", 'E', "ENT-10",
       "« Enfant remplaçant » ne change pas dans une entente enregistrée : inscrivez une date de "
       "résiliation à cette entente et ajoutez une nouvelle entente à partir du lendemain.",
       "\"Replacement child\" does not change in a saved agreement: enter a termination date "
       "on this agreement and add a new agreement from the next day."},
      {"CSG141A", 'A', "ENT-10",
       "Correction acceptée. Si la situation a réellement changé (nouvel horaire, passage à la "
       "contribution réduite), ne modifiez pas l'entente : inscrivez-y une date de résiliation et "
       "ajoutez une nouvelle entente.",
       "Correction accepted. If the situation really changed (new schedule, move to the reduced "
       "contribution), do not edit the agreement: enter its termination date and add a new "
       "agreement."},
      {"CSG142E", 'E', "ENT-10",
       "L'enfant devient ou cesse d'être exempté de la contribution (ECP) le {1}, pendant cette "
       "entente : terminez-la la veille et ajoutez une nouvelle entente à partir du {1}.",
       "The child becomes or stops being exempt from the contribution (ECP) on {1}, during this "
       "agreement: end it the day before and add a new agreement from {1}."},
      {"CSG143E", 'E', "ENT-10",
       "L'enfant entre dans le protocole CISSS ou en sort le {1}, pendant cette entente : "
       "terminez-la la veille et ajoutez une nouvelle entente à partir du {1}.",
       "The child enters or leaves the CISSS protocol on {1}, during this agreement: end it the "
       "day before and add a new agreement from {1}."},
      {"CSG144E", 'E', "ENT-10",
       "L'enfant entre dans la mesure transitoire le {1}, pendant cette entente : la mesure "
       "transitoire a sa propre entente; terminez celle-ci la veille et ajoutez une nouvelle "
       "entente à partir du {1}.",
       "The child enters the transitional measure on {1}, during this agreement: the "
       "transitional measure has its own agreement; end this one the day before and add a new "
       "agreement from {1}."},
      {"CSG080A", 'A', "ENT-04",
       "Plus de 20 jours d'occupation prévus en 4 semaines (Règlement sur la contribution "
       "réduite, art. 6).",
       "More than 20 planned occupation days in 4 weeks (Reduced contribution regulation, s. 6)."},
      {"CSG081A", 'A', "ENT-04",
       "Plus de 261 jours d'occupation prévus en un an (Règlement sur la contribution réduite, "
       "art. 6).",
       "More than 261 planned occupation days in a year (Reduced contribution regulation, s. 6)."},
      // Closing days and CISSS reservations
      {"CSG100E", 'E', "SYN-10",
       "Les jours de fermeture ne s'envoient que pour une installation, jamais pour un bureau "
       "coordonnateur.",
       "Closing days are sent for an installation only, never for a coordinating office."},
      {"CSG101E", 'E', "SYN-10", "Cette date n'est pas dans l'année envoyée.",
       "This date is not in the year sent."},
      {"CSG102E", 'E', "SYN-10", "Cette date figure déjà dans la liste.",
       "This date is already in the list."},
      {"CSG103E", 'E', "SYN-10", "Indiquez au moins une demi-période fermée.",
       "Give at least one closed half-period."},
      {"CSG104E", 'E', "SYN-10",
       "La raison est prévue (planned), lock-out (lockout), grève (strike) ou autre (other).",
       "The reason is planned, lockout, strike or other."},
      // CSG110E (CISSS reservations refused for a BC) is withdrawn: seed 004 bars a BC from
      // closing days only. Its number is not given to another message.
      {"CSG111E", 'E', "SYN-20", "La réservation se termine avant de commencer.",
       "The reservation ends before it starts."},
      {"CSG112E", 'E', "SYN-20", "Le nombre de jours par semaine va de 1 à 7.",
       "Days per week go from 1 to 7."},
      {"CSG113E", 'E', "SYN-20", "Le nombre de places va de 1 à 999.",
       "The number of places goes from 1 to 999."},
      // The limits of one record (API-02, docs/api-limits.md): past one, the rest of the list
      // is not read and the record is rejected.
      {"CSG120E", 'E', "API-02", "Un dossier compte au plus 20 tranches d'âge.",
       "A record has at most 20 age brackets."},
      {"CSG121E", 'E', "API-02", "Un dossier compte au plus 100 périodes CISSS.",
       "A record has at most 100 CISSS periods."},
      {"CSG122E", 'E', "API-02", "Un dossier compte au plus 100 périodes ECP.",
       "A record has at most 100 ECP periods."},
      {"CSG123E", 'E', "API-02", "Un dossier compte au plus 100 périodes de handicap.",
       "A record has at most 100 handicap periods."},
      {"CSG124E", 'E', "API-02", "Un dossier compte au plus 200 ententes de service.",
       "A record has at most 200 service agreements."},
      {"CSG125E", 'E', "API-02",
       "Un dossier compte au plus 500 horaires particuliers, toutes ententes confondues.",
       "A record has at most 500 special schedules, all agreements together."},
  };
  return codes;
}

const Code* find_code(std::string_view code) {
  for (const auto& c : catalog())
    if (c.code == code) return &c;
  return nullptr;
}

std::string_view text(const Code& c, std::string_view lang) {
  return lang == "en" ? c.en : c.fr;
}

std::string text(const Code& c, std::string_view lang, const std::vector<std::string>& args) {
  std::string_view t = text(c, lang);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    size_t close = t[i] == '{' ? t.find('}', i) : std::string_view::npos;
    if (close != std::string_view::npos && close > i + 1 && close - i <= 3) {
      size_t n = 0;
      bool digits = true;
      for (size_t k = i + 1; k < close; ++k) {
        digits = digits && t[k] >= '0' && t[k] <= '9';
        n = n * 10 + size_t(t[k] - '0');
      }
      if (digits && n >= 1 && n <= args.size()) {
        out += args[n - 1];
        i = close;
        continue;
      }
    }
    out += t[i];
  }
  return out;
}

std::string text(const Finding& f, std::string_view lang) {
  const Code* c = find_code(f.code);
  return c ? text(*c, lang, f.args) : f.code;
}

std::string catalog_markdown() {
  std::string out =
      "# Validation codes\n\n"
      "Generated from `src/csg/catalog.cpp` by `sgee validation-codes`; do not edit by hand.\n"
      "**E**: the record is not accepted. **A**: accepted, with a warning. The rule column cites\n"
      "`spec/domain.md` (API-01: a value of the wrong type or format; API-02: over a limit of\n"
      "one record, see `docs/api-limits.md`). A text's {1}, {2}, ... are the values the message\n"
      "quotes (dates, names), given in order in its `args`; CSG151E's `args` are the values "
      "allowed.\n\n"
      "| code | severity | rule | français | English |\n|---|---|---|---|---|\n";
  for (const auto& c : catalog()) {
    out += "| " + std::string(c.code) + " | " + std::string(1, c.severity) + " | " +
           std::string(c.rule) + " | " + std::string(c.fr) + " | " + std::string(c.en) + " |\n";
  }
  return out;
}

}  // namespace sgee::csg
