#pragma once
// MES: the generated PDFs (seed 000 §5.1 « Imprimer une demande », MES-08; §8 and MES-12, the
// ministry's communication). Plain data in, PDF bytes out: no database, no HTTP, no clock (the day
// printed is a parameter). The routes read the request, fill PrintData / LetterData and answer
// with the bytes (application/pdf).
//
//   form_pdf           « Formulaire complet »: every section in page order with the labels of
//                      form_fields() (i18n "mes.field.*"), yes/no answers as ticked boxes, the
//                      typical day as a table, the hours per day, the attachments, the electronic
//                      signature, then the signatures page;
//   signatures_pdf     « Signatures »: the signers that the request's type and the provider's kind
//                      require, read from document_rules' one table (required_signers), each with
//                      a name line, a signature box and a date line;
//   communication_pdf  the ministry's letter from a template (i18n "mes.letter.*"): conform,
//                      granted (hours per day and period) or refused (the reason).
//
// Every page carries the request number (header) and « Page x de y » (footer), US Letter, French
// typography (pdf::Document). All the words come from the i18n catalog, in the data's language.
#include <optional>
#include <string>
#include <vector>

#include "mes/document_rules.hpp"
#include "mes/form_rules.hpp"
#include "mes/model.hpp"
#include "mes/status_rules.hpp"

namespace sgee::mes {

struct PrintProvider {
  std::string name;  // "CPE Les Petits Loups – installation Rosemont"
  ProviderKind kind = ProviderKind::cpe;
  std::string number;   // the register's number
  std::string address;  // lines separated by "\n"
};

struct PrintChild {
  std::string name;  // "Élodie Bégin-Gagné"
  std::optional<Date> birth_date;
  std::string confirmation_number;  // the Portail's
};

struct PrintAttachment {
  std::string nature;  // document_rules' natures() id
  std::string filename;
  int pages = 0;
  std::string sha256;  // optional: tells whether the signature still holds
};

// The electronic signature recorded on the request (MES-09).
struct PrintSignature {
  std::string who;           // the signer's name
  std::string at;            // stored UTC time "2026-12-02T15:38:00Z"
  std::string content_hash;  // content_hash() when signed
};

struct PrintData {
  std::string number;  // "MES-2026-000123"
  RequestType type = RequestType::new_request;
  Status status = Status::brouillon;
  PrintProvider provider;
  PrintChild child;
  // Home-based care (provider.kind == rsge, MES-13): the RSGE's and the BC's names.
  std::string rsge_name, bc_name;
  Answers answers;
  // The hours per day asked for, in minutes; unset: requested_minutes(type, moments,
  // granted_before), as the form computes them.
  std::optional<int> requested_minutes;
  std::optional<int> granted_before;  // minutes per day granted by the decision renewed
  std::vector<PrintAttachment> attachments;
  std::optional<PrintSignature> signature;
  std::optional<Date> printed_on;  // « Imprimé le … » in the footer when set
  std::string lang = "fr";         // "fr" or "en"
};

std::string form_pdf(const PrintData& d);
std::string signatures_pdf(const PrintData& d);

// The ministry's letter (MES-12).
enum class Decision { conform, granted, refused };
struct LetterData {
  std::string request_number;
  RequestType type = RequestType::new_request;
  Date date;                                    // the letter's date
  std::string provider_name, provider_address;  // address lines separated by "\n"
  std::string child_name;
  Decision decision = Decision::conform;
  std::optional<int> granted_minutes;            // granted: hours per day, in minutes
  std::optional<Date> period_start, period_end;  // granted: the period
  std::string refusal_reason;                    // refused
  std::string agent_name;                        // who signs the letter
  std::string extra;  // the agent's own paragraph, after the decision's (optional)
  std::string lang = "fr";
};
std::string communication_pdf(const LetterData& d);
// The communication's title and file name, as stored with it (mes_communications.title,
// .filename): "Décision : mesure accordée" / "MES-2026-000123-decision.pdf".
std::string communication_title(const LetterData& d);
std::string communication_filename(const LetterData& d);

// Hours per day as people read them: "6 h 30" (fr), "6:30" (en).
std::string hours_text(const std::string& lang, int minutes);

// A realistic request and letter (long texts with accents, `moments` moments of the typical day;
// home-based: a BC's request for a child at an RSGE): the examples under docs/examples/, the
// benchmarks and the tests use them.
PrintData example_request(bool home_based = false, int moments = 12);
LetterData example_letter(Decision decision = Decision::granted);

}  // namespace sgee::mes
