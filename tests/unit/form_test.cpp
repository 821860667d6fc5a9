// Unit tests for src/platform/http/form.hpp.
#include "platform/http/form.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using sgee::http::Fields;
using sgee::http::FormLimits;
using sgee::http::FormResult;
using sgee::http::multipart_boundary;
using sgee::http::parse_form;
using sgee::http::parse_multipart;
using sgee::http::parse_urlencoded;
using sgee::http::Request;

namespace {

const std::string kBoundary = "----sgeeBoundary7MA4YWxk";

// One multipart part: headers then data, CRLF line ends, as browsers send it.
std::string part(const std::string& disposition, const std::string& data,
                 const std::string& content_type = "") {
  std::string s = "--" + kBoundary + "\r\n";
  s += "Content-Disposition: " + disposition + "\r\n";
  if (!content_type.empty()) s += "Content-Type: " + content_type + "\r\n";
  s += "\r\n" + data + "\r\n";
  return s;
}

std::string closing() {
  return "--" + kBoundary + "--\r\n";
}

int error_status(const FormResult& r) {
  return r.error ? r.error->status : 0;
}

}  // namespace

TEST(FormUrlencoded, ParsesFieldsInOrderWithDecoding) {
  auto r = parse_urlencoded("name=Marie+Tremblay&city=Qu%C3%A9bec&tag=a&tag=b&empty=");
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  EXPECT_FALSE(r.error);
  EXPECT_EQ(r.form->fields, (Fields{{"name", "Marie Tremblay"},
                                    {"city",
                                     "Qu\xC3\xA9"
                                     "bec"},
                                    {"tag", "a"},
                                    {"tag", "b"},
                                    {"empty", ""}}));
  EXPECT_EQ(r.form->get("name"), "Marie Tremblay");
  EXPECT_EQ(r.form->get("missing"), std::nullopt);
  EXPECT_EQ(r.form->all("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(r.form->files.empty());
}

TEST(FormUrlencoded, EmptyBodyGivesEmptyForm) {
  auto r = parse_urlencoded("");
  ASSERT_TRUE(r.form);
  EXPECT_TRUE(r.form->fields.empty());
}

TEST(FormUrlencoded, BadPercentEscapeIs400) {
  auto r = parse_urlencoded("a=1&b=%G1");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(error_status(r), 400);
}

TEST(FormMultipart, ParsesTextFields) {
  std::string body = part("form-data; name=\"first\"", "Marie") +
                     part("form-data; name=\"last\"", "Tremblay") +
                     part("form-data; name=\"note\"", "line 1\r\nline 2") + closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  EXPECT_EQ(r.form->fields,
            (Fields{{"first", "Marie"}, {"last", "Tremblay"}, {"note", "line 1\r\nline 2"}}));
  EXPECT_TRUE(r.form->files.empty());
}

TEST(FormMultipart, EmptyFieldValue) {
  std::string body = part("form-data; name=\"a\"", "") + closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->fields, (Fields{{"a", ""}}));
}

TEST(FormMultipart, FilePartKeepsFilenameAndContentType) {
  std::string body = part("form-data; name=\"title\"", "Rapport") +
                     part("form-data; name=\"doc\"; filename=\"rapport 2024.pdf\"", "%PDF-1.7 data",
                          "application/pdf") +
                     closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  EXPECT_EQ(r.form->fields, (Fields{{"title", "Rapport"}}));
  ASSERT_EQ(r.form->files.size(), 1u);
  const auto& f = r.form->files[0];
  EXPECT_EQ(f.field, "doc");
  EXPECT_EQ(f.filename, "rapport 2024.pdf");
  EXPECT_EQ(f.content_type, "application/pdf");
  EXPECT_EQ(f.data, "%PDF-1.7 data");
}

TEST(FormMultipart, FileWithoutContentTypeDefaultsToTextPlain) {
  std::string body = part("form-data; name=\"f\"; filename=\"a.txt\"", "hello") + closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form);
  ASSERT_EQ(r.form->files.size(), 1u);
  EXPECT_EQ(r.form->files[0].content_type, "text/plain");
}

TEST(FormMultipart, HeaderNamesAreCaseInsensitive) {
  std::string body = "--" + kBoundary + "\r\n" +
                     "content-disposition: form-data; NAME=\"x\"; FileName=\"y.bin\"\r\n"
                     "CONTENT-TYPE: application/octet-stream\r\n\r\n"
                     "data\r\n" +
                     closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  ASSERT_EQ(r.form->files.size(), 1u);
  EXPECT_EQ(r.form->files[0].field, "x");
  EXPECT_EQ(r.form->files[0].filename, "y.bin");
  EXPECT_EQ(r.form->files[0].content_type, "application/octet-stream");
}

// Browsers send a file name as typed, inside quotes: a ';' in it is part of the name, not a
// parameter separator.
TEST(FormMultipart, FilenameWithSemicolonInsideQuotes) {
  std::string body = part("form-data; name=\"doc\"; filename=\"rapport; version finale.pdf\"", "x",
                          "application/pdf") +
                     closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  ASSERT_EQ(r.form->files.size(), 1u);
  EXPECT_EQ(r.form->files[0].field, "doc");
  EXPECT_EQ(r.form->files[0].filename, "rapport; version finale.pdf");
}

TEST(FormMultipart, BinaryDataWithNulAndCrlfIsPreserved) {
  std::string data("\x00\x01\xff\r\n\x00--not-a-boundary\r\n\r\n\x7f", 27);
  ASSERT_EQ(data.size(), 27u);
  std::string body =
      part("form-data; name=\"bin\"; filename=\"b.dat\"", data, "application/octet-stream") +
      closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form) << (r.error ? r.error->detail : "");
  ASSERT_EQ(r.form->files.size(), 1u);
  EXPECT_EQ(r.form->files[0].data.size(), data.size());
  EXPECT_EQ(r.form->files[0].data, data);
}

TEST(FormMultipart, PreambleBeforeFirstBoundaryIsIgnored) {
  std::string body = "This is a preamble.\r\n" + part("form-data; name=\"a\"", "1") + closing();
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->fields, (Fields{{"a", "1"}}));
}

TEST(FormMultipart, ClosingDelimiterWithoutTrailingCrlf) {
  std::string body = part("form-data; name=\"a\"", "1") + "--" + kBoundary + "--";
  auto r = parse_multipart(body, kBoundary, {});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->fields, (Fields{{"a", "1"}}));
}

TEST(FormMultipart, FileAtLimitIsAcceptedOverLimitIs413) {
  FormLimits limits;
  limits.max_file_bytes = 10;
  std::string at_limit =
      part("form-data; name=\"f\"; filename=\"a.bin\"", std::string(10, 'x')) + closing();
  auto ok = parse_multipart(at_limit, kBoundary, limits);
  ASSERT_TRUE(ok.form);
  EXPECT_EQ(ok.form->files.at(0).data.size(), 10u);

  std::string over =
      part("form-data; name=\"f\"; filename=\"a.bin\"", std::string(11, 'x')) + closing();
  auto r = parse_multipart(over, kBoundary, limits);
  EXPECT_FALSE(r.form);
  EXPECT_EQ(error_status(r), 413);
}

TEST(FormMultipart, TooManyPartsIs413) {
  FormLimits limits;
  limits.max_parts = 3;
  std::string three, four;
  for (int i = 0; i < 3; ++i) three += part("form-data; name=\"f" + std::to_string(i) + "\"", "v");
  four = three + part("form-data; name=\"f3\"", "v");
  auto ok = parse_multipart(three + closing(), kBoundary, limits);
  ASSERT_TRUE(ok.form);
  EXPECT_EQ(ok.form->fields.size(), 3u);
  auto r = parse_multipart(four + closing(), kBoundary, limits);
  EXPECT_FALSE(r.form);
  EXPECT_EQ(error_status(r), 413);
}

TEST(FormMultipart, MalformedBodiesAre400) {
  struct Case {
    const char* name;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"boundary missing from body", "just some text\r\n"},
      {"empty body", ""},
      {"unterminated body",
       "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"},
      {"part without header end",
       "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"},
      {"part without name", part("form-data; filename=\"x.txt\"", "data") + closing()},
      {"part without content-disposition",
       "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + closing()},
      {"garbage after delimiter", "--" + kBoundary + "XX\r\n" + closing()},
      {"LF-only line ends", "--" + kBoundary +
                                "\nContent-Disposition: form-data; name=\"a\"\n\nv\n--" +
                                kBoundary + "--\n"},
  };
  for (const auto& c : cases) {
    auto r = parse_multipart(c.body, kBoundary, {});
    EXPECT_FALSE(r.form) << c.name;
    EXPECT_EQ(error_status(r), 400) << c.name;
    if (r.error) {
      EXPECT_FALSE(r.error->detail.empty()) << c.name;
    }
  }
}

TEST(FormMultipartBoundary, ExtractsQuotedAndUnquotedBoundaries) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"abc 123\""), "abc 123");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=xyz"), "xyz");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=q"), "q");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')),
            std::string(70, 'b'));
}

TEST(FormMultipartBoundary, RefusesMissingEmptyOrTooLongBoundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"\""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')),
            std::nullopt);
}

namespace {
Request form_request(const std::string& content_type, const std::string& body) {
  Request req;
  req.method = "POST";
  req.path = "/x";
  if (!content_type.empty()) req.headers.emplace_back("content-type", content_type);
  req.body = body;
  return req;
}
}  // namespace

TEST(FormParseForm, DispatchesOnContentType) {
  auto url =
      parse_form(form_request("application/x-www-form-urlencoded; charset=UTF-8", "a=1&b=2"));
  ASSERT_TRUE(url.form);
  EXPECT_EQ(url.form->fields, (Fields{{"a", "1"}, {"b", "2"}}));

  auto upper = parse_form(form_request("Application/X-WWW-Form-Urlencoded", "a=1"));
  ASSERT_TRUE(upper.form);
  EXPECT_EQ(upper.form->get("a"), "1");

  std::string body = part("form-data; name=\"a\"", "1") + closing();
  auto multi = parse_form(form_request("multipart/form-data; boundary=" + kBoundary, body));
  ASSERT_TRUE(multi.form) << (multi.error ? multi.error->detail : "");
  EXPECT_EQ(multi.form->fields, (Fields{{"a", "1"}}));

  auto quoted =
      parse_form(form_request("multipart/form-data; boundary=\"" + kBoundary + "\"", body));
  ASSERT_TRUE(quoted.form);
  EXPECT_EQ(quoted.form->get("a"), "1");
}

TEST(FormParseForm, AppliesLimitsToMultipart) {
  FormLimits limits;
  limits.max_file_bytes = 2;
  std::string body = part("form-data; name=\"f\"; filename=\"a\"", "abc") + closing();
  auto r = parse_form(form_request("multipart/form-data; boundary=" + kBoundary, body), limits);
  EXPECT_EQ(error_status(r), 413);
}

TEST(FormParseForm, MultipartWithoutBoundaryIs400) {
  auto r = parse_form(form_request("multipart/form-data", "whatever"));
  EXPECT_FALSE(r.form);
  EXPECT_EQ(error_status(r), 400);
}

TEST(FormParseForm, OtherContentTypesAre415) {
  for (const std::string ct :
       {"application/json", "text/plain", "", "multipart/mixed; boundary=x"}) {
    auto r = parse_form(form_request(ct, "a=1"));
    EXPECT_FALSE(r.form) << ct;
    EXPECT_EQ(error_status(r), 415) << ct;
  }
}

TEST(FormMultipart, AHugePartHeaderIs400WithoutReadingOn) {
  sgee::http::FormLimits limits;
  limits.max_part_header_bytes = 64;
  std::string head = "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: ";
  head += std::string(64 - head.size(), 'p');
  std::string at_limit = "--" + kBoundary + "\r\n" + head;
  // The header of a part, up to its blank line, is at most 64 bytes: accepted.
  auto ok = parse_multipart(at_limit + "\r\n\r\nv\r\n" + closing(), kBoundary, limits);
  ASSERT_TRUE(ok.form) << (ok.error ? ok.error->detail : "");
  EXPECT_EQ(ok.form->get("a"), "v");
  // One more byte of header: refused, and so is a header that never ends in 10 MB.
  auto over = at_limit + "p\r\n\r\nv\r\n" + closing();
  auto r = parse_multipart(over, kBoundary, limits);
  EXPECT_FALSE(r.form);
  EXPECT_EQ(error_status(r), 400);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->detail, "multipart part header too large");
  std::string endless = "--" + kBoundary + "\r\nX-Pad: " + std::string(10 * 1024 * 1024, 'p');
  r = parse_multipart(endless, kBoundary, {});
  EXPECT_EQ(error_status(r), 400);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->detail, "multipart part header too large");
  EXPECT_EQ(error_status(parse_multipart("--\r\n\r\n--", "", {})), 400);  // no boundary
}

TEST(FormMultipart, FieldsOnlySkipsFilesWhateverTheirSize) {
  sgee::http::FormLimits limits;
  limits.max_file_bytes = 4;
  limits.fields_only = true;
  auto body = part("form-data; name=\"csrf\"", "tok") +
              part("form-data; name=\"fichier\"; filename=\"a.pdf\"", std::string(100, 'x')) +
              closing();
  auto r = parse_multipart(body, kBoundary, limits);
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->get("csrf"), "tok");
  EXPECT_TRUE(r.form->files.empty());
  limits.fields_only = false;
  EXPECT_EQ(error_status(parse_multipart(body, kBoundary, limits)), 413);
}
