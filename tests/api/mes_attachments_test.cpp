// MES attachments (MES-07, seed 000 §5.2; issue 16) through the real `sgee` binary on the demo
// data, on the engine under test: a PDF is stored in the database with its SHA-256 and downloaded
// byte for byte (audited, on the provider's side and the ministry's); the file is checked by its
// content (a text file named .pdf, an encrypted PDF, a truncated one are refused with the reason,
// naming the field); at most 10 MB (exactly 10 MB of valid PDF accepted, 10 MB + 1 byte refused
// with nothing stored, and a body over the route's limit refused from its header, before any
// handler); a nature from the list, the integration plan's date less than a year old; nothing
// changes once the request is transmitted (409); another organization's request or attachment is
// a 404 whatever its id; a visitor is asked to sign in (401 for JSON); no CSRF token, no upload.
// The request rows are inserted here in SQL (the provider's creation pages are another part).
#define POINTERHOLDER_TRANSITION 4
#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdio>

#include "browser.hpp"
#include "mes/attachment_pages.hpp"
#include "platform/date.hpp"
#include "platform/pdf_in.hpp"
#include "platform/pdf_out.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";        // 20000001
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";    // 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";
const std::string kBoundary = "----sgeeTestBoundary4f2a";
constexpr size_t kTenMb = 10 * 1024 * 1024;

std::string small_pdf(int pages = 1) {
  pdf::Document d("Plan d'intégration", "MES");
  for (int i = 0; i < pages; ++i) {
    if (i) d.page_break();
    d.heading("Plan d'intégration — page " + std::to_string(i + 1));
    d.paragraph("Objectifs, moyens et personnes responsables : révisés en équipe.");
  }
  return d.render();
}

// A valid one-page PDF of exactly `total` bytes: its objects by hand, with an unused stream of
// padding, and a correct cross-reference table.
std::string padded_pdf(size_t total) {
  auto build = [](size_t pad) {
    std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>",
                                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                                        "<< /Length " + std::to_string(pad) + " >>\nstream\n" +
                                            std::string(pad, ' ') + "\nendstream"};
    std::string out = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offsets) {
      char line[24];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
      out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
  };
  size_t pad = total - 400;
  for (int i = 0; i < 10; ++i) {
    auto out = build(pad);
    if (out.size() == total) return out;
    pad = pad + total - out.size();
  }
  ADD_FAILURE() << "could not pad a PDF to " << total << " bytes";
  return "";
}

std::string encrypted(const std::string& pdf_bytes) {
  QPDF pdf;
  pdf.processMemoryFile("in", pdf_bytes.data(), pdf_bytes.size());
  QPDFWriter w(pdf);
  w.setOutputMemory();
  w.setR6EncryptionParameters("secret", "owner", true, true, true, true, true, true, qpdf_r3p_full,
                              true);
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

struct Upload {
  std::string csrf = "";
  std::string nature = "signed_form";
  std::string filename = "formulaire signé.pdf";
  std::string content;
  std::string document_date;
  bool with_csrf = true;
  bool with_file = true;
};

std::string multipart(const Upload& u) {
  std::string b;
  auto field = [&](const std::string& name, const std::string& value) {
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
  };
  if (u.with_csrf) field("csrf", u.csrf);
  field("nature", u.nature);
  field("document_date", u.document_date);
  std::string filename;  // a quote inside the quoted name is escaped (RFC 7578 quoted-string)
  for (char ch : u.filename) filename += ch == '"' ? std::string("\\\"") : std::string(1, ch);
  if (u.with_file)
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"" +
         filename + "\"\r\nContent-Type: application/pdf\r\n\r\n" + u.content + "\r\n";
  b += "--" + kBoundary + "--\r\n";
  return b;
}

class MesAttachments : public DemoServer {
 protected:
  std::int64_t id_of(const std::string& query, const std::string& arg) {
    auto r = sql()->run(query, arg);
    return r.empty() ? 0 : r.first().i64(0);
  }
  std::int64_t org(const std::string& number) {
    return id_of("SELECT id FROM organizations WHERE number = $1", number);
  }
  std::int64_t user(const std::string& login) {
    return id_of("SELECT id FROM users WHERE user_code = $1", login);
  }
  // A request row of installation `number` (a CPE or GS), as the creation pages would leave it.
  std::int64_t request_at(const std::string& number, const std::string& status,
                          const std::string& type = "new", const std::string& answers = "{}") {
    static int made = 0;
    auto c = sql();
    auto child = c->run("SELECT MIN(id) FROM portail_children").first().i64(0);
    auto kind = c->run("SELECT installation_kind FROM organizations WHERE number = $1", number)
                    .first()
                    .str(0);
    std::string code = "MES-2026-" + std::to_string(900000 + ++made) + "-" + engine();
    return c
        ->run(
            "INSERT INTO mes_requests (number, organization_id, provider_kind, child_id, type, "
            "status, reference_year, answers, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
            "$6, 2026, $7, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z') RETURNING id",
            code, org(number), text::lower(kind), child, type, status, answers)
        .first()
        .i64(0);
  }
  std::int64_t attachments_of(std::int64_t request) {
    return sql()
        ->run("SELECT COUNT(*) FROM mes_attachments WHERE request_id = $1", request)
        .first()
        .i64(0);
  }
  std::int64_t audit_rows(const std::string& action, const std::string& type,
                          const std::string& id) {
    return sql()
        ->run(
            "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND record_type = $2 AND "
            "record_id = $3",
            action, type, id)
        .first()
        .i64(0);
  }
  static std::string docs(const std::string& number, std::int64_t request) {
    return "/installations/" + number + "/mes/" + std::to_string(request) + "/documents";
  }
  // The signed-in user's CSRF token, as the dashboard's forms carry it (the sign-out form).
  std::string token(Browser& b) {
    auto t = hidden_csrf(b.get("/tableau-de-bord").body);
    if (t.empty()) t = hidden_csrf(b.get("/connexion").body);
    return t;
  }
  // The CSRF token (unless given), then the upload.
  Reply upload(Browser& b, const std::string& url, Upload u) {
    if (u.csrf.empty()) u.csrf = token(b);
    return b.post_body(url, "multipart/form-data; boundary=" + kBoundary, multipart(u));
  }
  std::int64_t last_attachment(std::int64_t request) {
    return sql()
        ->run("SELECT MAX(id) FROM mes_attachments WHERE request_id = $1", request)
        .first()
        .i64(0);
  }
  void signed_in(Browser& b, const std::string& login, const std::string& password) {
    auto r = sign_in(b, login, password);
    ASSERT_EQ(r.status, 303) << r.body;
  }
};

TEST_F(MesAttachments, MES_07_APdfIsStoredWithItsSha256AndDownloadedByteForByteAndAudited) {
  auto request = request_at("20000001", "brouillon");
  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  auto page = b.get(docs("20000001", request));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, html("Formulaire de demande signé")));
  EXPECT_TRUE(contains(page.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(contains(page.body, "id=\"no-attachment\""));

  auto pdf = small_pdf(2);
  auto r = upload(b, docs("20000001", request),
                  {.filename = "../Formulaire \"signé\".pdf", .content = pdf});
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(attachments_of(request), 1);
  auto id = last_attachment(request);
  auto row = sql()
                 ->run(
                     "SELECT sha256, size, pages, nature, filename FROM mes_attachments "
                     "WHERE id = $1",
                     id)
                 .first();
  EXPECT_EQ(row.str(0), pdf::sha256_hex(pdf));
  EXPECT_EQ(row.i64(1), static_cast<std::int64_t>(pdf.size()));
  EXPECT_EQ(row.i64(2), 2);
  EXPECT_EQ(row.str(3), "signed_form");
  EXPECT_EQ(row.str(4), "Formulaire signé.pdf");  // no path, no quotes
  EXPECT_EQ(audit_rows("create", "mes_attachment", std::to_string(id)), 1);

  page = b.get(r.header("location"));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"added-notice\""));
  EXPECT_TRUE(contains(page.body, html("Formulaire signé.pdf")));
  EXPECT_TRUE(contains(page.body, "2 pages"));

  auto before = audit_rows("read", "mes_attachment", std::to_string(id));
  auto got = b.get(docs("20000001", request) + "/" + std::to_string(id));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body.size(), pdf.size());
  EXPECT_EQ(pdf::sha256_hex(got.body), pdf::sha256_hex(pdf));
  EXPECT_EQ(got.header("content-type"), "application/pdf");
  EXPECT_TRUE(got.header("content-disposition").starts_with("attachment; filename=\""));
  EXPECT_TRUE(contains(got.header("content-disposition"), "filename*=UTF-8''Formulaire%20sign"));
  EXPECT_FALSE(contains(got.header("content-disposition"), "\\"));
  EXPECT_EQ(got.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(audit_rows("read", "mes_attachment", std::to_string(id)), before + 1);

  // The ministry downloads it once the request was transmitted (a draft is the provider's alone),
  // audited.
  Browser agent(port());
  signed_in(agent, kMinistry, kMinistryPassword);
  const auto at_ministry =
      "/ministere/mes/" + std::to_string(request) + "/documents/" + std::to_string(id);
  EXPECT_EQ(agent.get(at_ministry).status, 404);
  sql()->run(
      "UPDATE mes_requests SET status = 'commentaires', first_transmitted_at = "
      "'2026-11-02T12:00:00Z' WHERE id = $1",
      request);
  got = agent.get(at_ministry);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(audit_rows("read", "mes_attachment", std::to_string(id)), before + 2);
  EXPECT_EQ(agent.get("/ministere/mes/" + std::to_string(request) + "/documents/999999").status,
            404);
  // A provider is not the ministry.
  EXPECT_EQ(b.get("/ministere/mes/" + std::to_string(request) + "/documents/" + std::to_string(id))
                .status,
            403);

  // Removed while a draft: asked first, then gone, audited.
  sql()->run("UPDATE mes_requests SET status = 'brouillon' WHERE id = $1", request);
  auto del = docs("20000001", request) + "/" + std::to_string(id) + "/supprimer";
  auto ask = b.post(del, {{"csrf", token(b)}});
  EXPECT_EQ(ask.status, 200);
  EXPECT_EQ(attachments_of(request), 1);
  auto gone = b.post(del, {{"csrf", token(b)}, {"confirme", "1"}});
  EXPECT_EQ(gone.status, 303) << gone.body;
  EXPECT_EQ(attachments_of(request), 0);
  EXPECT_EQ(audit_rows("delete", "mes_attachment", std::to_string(id)), 1);
  EXPECT_EQ(b.get(docs("20000001", request) + "/" + std::to_string(id)).status, 404);
}

TEST_F(MesAttachments, MES_07_TenMegabytesAcceptedOneByteMoreRefusedWithNothingStored) {
  auto request = request_at("20000001", "brouillon");
  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  const auto url = docs("20000001", request);
  auto exact = padded_pdf(kTenMb);
  ASSERT_EQ(exact.size(), kTenMb);
  ASSERT_TRUE(pdf::check_upload(exact).ok());
  auto r = upload(b, url, {.nature = "other", .content = exact});
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  ASSERT_EQ(attachments_of(request), 1);
  auto got = b.get(url + "/" + std::to_string(last_attachment(request)));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(pdf::sha256_hex(got.body), pdf::sha256_hex(exact));

  // 10 MB + 1 byte: refused with the reason, naming the field, and nothing stored.
  auto over = exact + " ";
  r = upload(b, url, {.nature = "other", .content = over});
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(
      contains(r.body, html("Fichier PDF : Le fichier dépasse la taille permise (10\u00a0Mo).")))
      << r.body.substr(0, 3000);
  EXPECT_EQ(attachments_of(request), 1);

  // A body over the route's own limit is refused from its header: the server answers 413 before
  // reading it, and no handler runs (nothing stored, no request logged on the route).
  RawConnection raw(port());
  raw.send("POST " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + b.jar.header() +
           "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
           "\r\nContent-Length: " + std::to_string(mes::kUploadBodyLimit + 1) + "\r\n\r\n");
  bool closed = false;
  auto answer = raw.read_until_close(std::chrono::seconds(10), &closed);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_TRUE(closed);
  EXPECT_EQ(attachments_of(request), 1);
}

TEST_F(MesAttachments, MES_07_FilesAreCheckedByContentAndEveryRefusalNamesTheField) {
  auto request = request_at("20000001", "brouillon");
  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  const auto url = docs("20000001", request);
  auto good = small_pdf(1);
  struct Case {
    std::string name;
    Upload upload;
    int status;
    std::string message;
  } cases[] = {
      {"a text file named .pdf",
       {.filename = "plan.pdf", .content = "Bonjour, ceci est un fichier texte.\n"},
       422,
       "Fichier PDF : Ce fichier n'est pas un PDF."},
      {"an encrypted PDF",
       {.content = encrypted(good)},
       422,
       "Fichier PDF : Ce PDF est protégé par un mot de passe ou chiffré."},
      {"a truncated PDF",
       {.content = good.substr(0, good.size() / 2)},
       422,
       "Fichier PDF : Ce PDF est endommagé ou incomplet"},
      {"an empty file", {.content = ""}, 422, "Fichier PDF : Le fichier est vide."},
      {"no file", {.with_file = false}, 422, "Fichier PDF : choisissez le fichier à joindre."},
      {"a nature not in the list",
       {.nature = "bulletin", .content = good},
       422,
       "Nature du document : cette nature n'est pas dans la liste"},
      {"no nature",
       {.nature = "", .content = good},
       422,
       "Nature du document : choisissez la nature du document dans la liste."},
      {"an integration plan without its date",
       {.nature = "integration_plan", .content = good},
       422,
       "Date du document : la date du plan d'intégration est obligatoire."},
      {"an integration plan a year old",
       {.nature = "integration_plan",
        .content = good,
        .document_date = dates::format(dates::add_days(dates::today_in_quebec(), -366))},
       422,
       "Date du document : le plan d'intégration doit dater de moins d'un an."},
      {"an integration plan dated tomorrow",
       {.nature = "integration_plan",
        .content = good,
        .document_date = dates::format(dates::add_days(dates::today_in_quebec(), 1))},
       422,
       "Date du document : la date ne peut pas être dans le futur."},
      {"a date that is not one",
       {.nature = "integration_plan", .content = good, .document_date = "2026-02-30"},
       422,
       "Date du document : inscrivez une date réelle (AAAA-MM-JJ)."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = upload(b, url, c.upload);
    EXPECT_EQ(r.status, c.status);
    EXPECT_TRUE(contains(r.body, html(c.message))) << r.body.substr(0, 4000);
    EXPECT_TRUE(contains(r.body, "id=\"form-summary\""));
    EXPECT_EQ(attachments_of(request), 0);
  }
  // The integration plan with a recent date is taken, with its date.
  auto recent = dates::format(dates::add_days(dates::today_in_quebec(), -30));
  auto r = upload(b, url, {.nature = "integration_plan", .content = good, .document_date = recent});
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
  EXPECT_EQ(sql()
                ->run("SELECT document_date FROM mes_attachments WHERE request_id = $1", request)
                .first()
                .str(0),
            recent);
}

TEST_F(MesAttachments, MES_07_MES_09_ATransmittedRequestTakesNoFileAndLosesNone) {
  auto request = request_at("20000001", "brouillon");
  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  const auto url = docs("20000001", request);
  ASSERT_EQ(upload(b, url, {.content = small_pdf()}).status, 303);
  auto id = last_attachment(request);
  sql()->run("UPDATE mes_requests SET status = 'transmise' WHERE id = $1", request);

  auto page = b.get(url);
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(contains(page.body, "id=\"read-only\""));
  EXPECT_TRUE(contains(page.body, html("ne peut plus être modifiée")));

  auto r = upload(b, url, {.content = small_pdf()});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(
      contains(r.body, html("Une demande au statut « Transmise » ne peut plus être modifiée")))
      << r.body.substr(0, 3000);
  EXPECT_EQ(attachments_of(request), 1);
  r = b.post(url + "/" + std::to_string(id) + "/supprimer",
             {{"csrf", token(b)}, {"confirme", "1"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(attachments_of(request), 1);
  // Still downloadable.
  EXPECT_EQ(b.get(url + "/" + std::to_string(id)).status, 200);
}

TEST_F(MesAttachments, MES_07_AnotherOrganizationsRequestsAndFilesAre404WhateverTheirIds) {
  auto mine = request_at("20000001", "brouillon");
  auto theirs = request_at("20000003", "brouillon");
  Browser a(port()), o(port());
  signed_in(a, kRse, kRsePassword);
  signed_in(o, kOtherRse, kOtherRsePassword);
  ASSERT_EQ(upload(a, docs("20000001", mine), {.content = small_pdf()}).status, 303);
  auto my_file = last_attachment(mine);
  ASSERT_EQ(upload(o, docs("20000003", theirs), {.content = small_pdf(3)}).status, 303);
  auto their_file = last_attachment(theirs);

  // The other RSE guesses the ids under her own installation: 404, for reading and writing.
  EXPECT_EQ(o.get(docs("20000003", mine)).status, 404);
  EXPECT_EQ(o.get(docs("20000003", mine) + "/" + std::to_string(my_file)).status, 404);
  EXPECT_EQ(o.get(docs("20000003", theirs) + "/" + std::to_string(my_file)).status, 404);
  EXPECT_EQ(upload(o, docs("20000003", mine), {.content = small_pdf()}).status, 404);
  EXPECT_EQ(o.post(docs("20000003", theirs) + "/" + std::to_string(my_file) + "/supprimer",
                   {{"csrf", token(o)}, {"confirme", "1"}})
                .status,
            404);
  // Under the first installation's number she holds no right: 403.
  EXPECT_EQ(o.get(docs("20000001", mine)).status, 403);
  // And the first RSE cannot reach the other's file through her own request.
  EXPECT_EQ(a.get(docs("20000001", mine) + "/" + std::to_string(their_file)).status, 404);
  EXPECT_EQ(a.get(docs("20000001", theirs)).status, 404);
  EXPECT_EQ(a.get(docs("20000001", 99999999)).status, 404);
  EXPECT_EQ(a.get(docs("20000001", mine) + "/abc").status, 404);
  EXPECT_EQ(attachments_of(mine), 1);
  EXPECT_EQ(attachments_of(theirs), 1);
}

TEST_F(MesAttachments, MES_07_VisitorsRightsAndCsrf) {
  auto request = request_at("20000001", "brouillon");
  const auto url = docs("20000001", request);
  Browser visitor(port());
  auto r = visitor.get(url);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  EXPECT_EQ(visitor.get(url + "/1", {{"Accept", "application/json"}}).status, 401);
  visitor.get("/connexion");
  r = upload(visitor, url, {.content = small_pdf()});
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  EXPECT_EQ(attachments_of(request), 0);

  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  // No token, or a wrong one: refused, nothing stored (the token is read from the multipart form).
  EXPECT_EQ(upload(b, url, {.content = small_pdf(), .with_csrf = false}).status, 403);
  EXPECT_EQ(
      upload(b, url, {.csrf = "0123456789abcdef0123456789abcdef", .content = small_pdf()}).status,
      403);
  EXPECT_EQ(attachments_of(request), 0);
  // The token in the X-CSRF-Token header (the page's script) works as well as the field.
  auto body = multipart({.content = small_pdf(), .with_csrf = false});
  r = b.post_body(url, "multipart/form-data; boundary=" + kBoundary, body,
                  {{"X-CSRF-Token", token(b)}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(attachments_of(request), 1);

  // The staff member who only consults the MES requests sees the list, not the form; uploading
  // is refused (403).
  auto c = sql();
  c->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_at) VALUES "
      "($1, $2, 'consult_mes', '2026-01-01T00:00:00Z')",
      user(kStaff), org("20000001"));
  Browser staff(port());
  signed_in(staff, kStaff, kStaffPassword);
  auto page = staff.get(url);
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "enctype=\"multipart/form-data\""));
  EXPECT_FALSE(contains(page.body, "/supprimer"));
  EXPECT_EQ(upload(staff, url, {.content = small_pdf()}).status, 403);
  EXPECT_EQ(attachments_of(request), 1);
}

TEST_F(MesAttachments, MES_07_TheRequiredNaturesFollowTheTypeAndTheIntegrationPlan) {
  auto renewal = request_at("20000001", "brouillon", "renewal_changes",
                            R"({"fields":{"situation.integration_plan":"no"}})");
  Browser b(port());
  signed_in(b, kRse, kRsePassword);
  auto page = b.get(docs("20000001", renewal));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Raison(s) justifiant le dépôt d'une demande de "
                                       "renouvellement avec changements")));
  EXPECT_TRUE(contains(page.body, html("Ce document doit être joint deux fois : ici et comme « "
                                       "Formulaire de demande signé »")));
  EXPECT_FALSE(contains(page.body, html("Le plan d'intégration doit dater de moins d'un an.")));
  auto fresh = request_at("20000001", "brouillon");
  page = b.get(docs("20000001", fresh));
  EXPECT_FALSE(contains(page.body, html("Ce document doit être joint deux fois")));
  EXPECT_TRUE(contains(page.body, html("Le plan d'intégration doit dater de moins d'un an.")));
}

}  // namespace
}  // namespace sgee::test
