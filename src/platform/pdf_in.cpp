// PDF in (pdf_in.hpp): magic bytes, then libqpdf's full check in a child process under limits.
//
// Why fork without exec: the bytes are already in the server's memory, and the child sees them as
// they are (copy-on-write), with nothing to pass. After fork() in a multi-threaded server only the
// calling thread exists in the child; glibc's malloc is made fork-safe by glibc itself, and any
// other lock a thread held at the time of the fork could at worst make the child hang, which the
// parent's wall-clock limit ends (SIGKILL). The child never returns into the server's code: it
// leaves with _exit() (no atexit handlers, no destructors of the server's objects, no flush of
// stdio buffers it inherited).
#define POINTERHOLDER_TRANSITION 4
#include "platform/pdf_in.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <new>

#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::pdf {

namespace {

// Exit codes of the checking child.
constexpr int kOk = 0;
constexpr int kDamaged = 10;
constexpr int kEncrypted = 11;
constexpr int kTooManyPages = 12;
constexpr int kOutOfMemory = 120;
constexpr int kUnexpected = 121;

// Content streams are parsed to the end; what they draw does not matter here.
class IgnoreContents : public QPDFObjectHandle::ParserCallbacks {
 public:
  void handleObject(QPDFObjectHandle) override {}
  void handleEOF() override {}
};

// The check itself, in the child. As `qpdf --check`: open without recovery (a damaged
// cross-reference table is an error, not something to guess around), write the whole file to
// nowhere with every stream decoded, parse every page's content; any warning is a refusal.
int check_in_child(std::string_view bytes, int max_pages, long& pages) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    try {
      pdf.processMemoryFile("upload", bytes.data(), bytes.size());
    } catch (const QPDFExc& e) {
      return e.getErrorCode() == qpdf_e_password ? kEncrypted : kDamaged;
    }
    if (pdf.isEncrypted()) return kEncrypted;  // even one that opens with an empty password
    auto all = QPDFPageDocumentHelper(pdf).getAllPages();
    pages = static_cast<long>(all.size());
    if (pages > max_pages) return kTooManyPages;
    if (pages == 0) return kDamaged;
    Pl_Discard discard;
    QPDFWriter writer(pdf);
    writer.setOutputPipeline(&discard);
    writer.setDecodeLevel(qpdf_dl_all);
    writer.write();
    IgnoreContents ignore;
    for (auto& page : all) page.parseContents(&ignore);
    return pdf.anyWarnings() ? kDamaged : kOk;
  } catch (const std::bad_alloc&) {
    return kOutOfMemory;
  } catch (const QPDFExc&) {
    return kDamaged;
  } catch (const std::exception&) {
    return kDamaged;  // qpdf reports some damage as std::runtime_error / logic_error
  } catch (...) {
    return kUnexpected;
  }
}

// The address space the process already has (the child inherits the server's mappings).
std::size_t current_address_space() {
  int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[64] = {};
  auto n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  return static_cast<std::size_t>(std::strtoull(buf, nullptr, 10)) *
         static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

namespace detail {

ChildOutcome run_limited(const std::function<int(long& value)>& work, const Limits& limits) {
  ChildOutcome out;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return {ChildOutcome::fork_failed};
  auto base = current_address_space();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return {ChildOutcome::fork_failed};
  }
  if (pid == 0) {
    ::close(fds[0]);
    rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds),
               static_cast<rlim_t>(limits.cpu_seconds + 1)};
    ::setrlimit(RLIMIT_CPU, &cpu);
    rlim_t as = static_cast<rlim_t>(base + limits.memory_mb * 1024 * 1024);
    rlimit mem{as, as};
    ::setrlimit(RLIMIT_AS, &mem);
    rlimit core{0, 0};
    ::setrlimit(RLIMIT_CORE, &core);
    long value = 0;
    int code;
    try {
      code = work(value);
    } catch (const std::bad_alloc&) {
      code = kOutOfMemory;
    } catch (...) {
      code = kUnexpected;
    }
    [[maybe_unused]] auto w = ::write(fds[1], &value, sizeof value);
    ::_exit(code);
  }
  ::close(fds[1]);
  // Wait for the child's exit, or the deadline. A pidfd says when this child ends, whatever
  // other children of other threads hold copies of the pipe. (The syscall: glibc 2.36's
  // <sys/pidfd.h> lacks extern "C".)
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  bool timed_out = false, no_pidfd = pidfd < 0;  // Linux < 5.3: no wall clock, so no check
  if (no_pidfd) {
    ::kill(pid, SIGKILL);
  } else {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.wall_ms);
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      pollfd p{pidfd, POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left));
      if (r > 0) break;
      if (r < 0 && errno != EINTR) break;
    }
    ::close(pidfd);
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  pid_t waited;
  while ((waited = ::waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  long value = 0;  // non-blocking: a child of another thread may hold a copy of the write end
  bool reported = ::read(fds[0], &value, sizeof value) == static_cast<ssize_t>(sizeof value);
  if (no_pidfd) {
    out.kind = ChildOutcome::fork_failed;
  } else if (timed_out) {
    out.kind = ChildOutcome::out_of_time;
  } else if (waited != pid) {
    out.kind = ChildOutcome::killed;  // its status is lost (SIGCHLD ignored?): never an "ok"
  } else if (WIFEXITED(status)) {
    out.kind = reported ? ChildOutcome::exited : ChildOutcome::killed;
    out.exit_code = WEXITSTATUS(status);
    out.value = value;
  } else if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)) {
    out.kind = ChildOutcome::out_of_cpu;
  } else {
    out.kind = ChildOutcome::killed;
  }
  ::close(fds[0]);
  return out;
}

}  // namespace detail

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return text::hex(digest, sizeof digest);
}

std::optional<CheckGate::Slot> CheckGate::try_enter() {
  int now = running_.load();
  while (now < slots_)
    if (running_.compare_exchange_weak(now, now + 1)) return Slot(this);
  return std::nullopt;
}

std::optional<UploadCheck> CheckGate::try_check(std::string_view bytes, const Limits& limits) {
  auto slot = try_enter();
  if (!slot) return std::nullopt;
  return check_upload(bytes, limits);
}

UploadCheck check_upload(std::string_view bytes, const Limits& limits) {
  UploadCheck r;
  r.sha256 = sha256_hex(bytes);
  if (bytes.empty()) {
    r.refusal = Refusal::empty;
    return r;
  }
  if (bytes.size() > limits.max_bytes) {
    r.refusal = Refusal::too_large;
    return r;
  }
  if (!bytes.starts_with("%PDF-")) {
    r.refusal = Refusal::not_pdf;
    return r;
  }
  int max_pages = limits.max_pages;
  auto outcome = detail::run_limited(
      [&](long& pages) { return check_in_child(bytes, max_pages, pages); }, limits);
  switch (outcome.kind) {
    case detail::ChildOutcome::fork_failed: r.refusal = Refusal::check_failed; return r;
    case detail::ChildOutcome::out_of_cpu:
    case detail::ChildOutcome::out_of_time:
    case detail::ChildOutcome::killed: r.refusal = Refusal::too_complex; return r;
    case detail::ChildOutcome::exited: break;
  }
  switch (outcome.exit_code) {
    case kOk: r.pages = static_cast<int>(outcome.value); return r;
    case kEncrypted: r.refusal = Refusal::encrypted; break;
    case kTooManyPages: r.refusal = Refusal::too_many_pages; break;
    case kOutOfMemory: r.refusal = Refusal::too_complex; break;
    case kDamaged: r.refusal = Refusal::damaged; break;
    default: r.refusal = Refusal::damaged; break;
  }
  return r;
}

std::string_view refusal_code(Refusal r) {
  switch (r) {
    case Refusal::none: return "none";
    case Refusal::empty: return "empty";
    case Refusal::too_large: return "too_large";
    case Refusal::not_pdf: return "not_pdf";
    case Refusal::damaged: return "damaged";
    case Refusal::encrypted: return "encrypted";
    case Refusal::too_many_pages: return "too_many_pages";
    case Refusal::too_complex: return "too_complex";
    case Refusal::check_failed: return "check_failed";
  }
  return "damaged";
}

namespace {
std::string with_value(std::string text, const std::string& value) {
  if (auto p = text.find("{1}"); p != std::string::npos) text.replace(p, 3, value);
  return text;
}
}  // namespace

std::string refusal_text(std::string_view lang, Refusal r, const Limits& limits) {
  if (r == Refusal::none) return {};
  bool fr = lang != "en";
  const auto& text = i18n::t(lang, "pdf.refusal." + std::string(refusal_code(r)));
  if (r == Refusal::too_large) {
    auto mb = limits.max_bytes / (1024 * 1024);
    auto size = mb >= 1 ? std::to_string(mb) + (fr ? "\u00a0Mo" : " MB")
                        : std::to_string(limits.max_bytes / 1024) + (fr ? "\u00a0ko" : " KB");
    return with_value(text, size);
  }
  if (r == Refusal::too_many_pages) return with_value(text, std::to_string(limits.max_pages));
  return text;
}

std::string pages_text(std::string_view lang, int pages) {
  if (pages == 1) return i18n::t(lang, "pdf.pages_one");
  return with_value(i18n::t(lang, "pdf.pages"), std::to_string(pages));
}

}  // namespace sgee::pdf
