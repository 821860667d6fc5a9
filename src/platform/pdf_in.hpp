#pragma once
// PDF in: the check of an uploaded file before it is stored (MES-07). By content, never by name:
// the magic bytes "%PDF-", then a full structural check with libqpdf (every object read, every
// stream decoded, every page's content parsed, as `qpdf --check` does) in a forked child process
// under limits (CPU seconds, address space, and a wall-clock timeout the parent enforces with
// SIGKILL), so that a hostile file costs a bounded amount and cannot take the server down.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sgee::pdf {

enum class Refusal {
  none,
  empty,      // no bytes at all
  too_large,  // more than Limits::max_bytes
  not_pdf,    // does not start with "%PDF-" (whatever its name says)
  damaged,    // qpdf found errors or warnings (truncated, bad cross-reference table, bad stream)
  encrypted,  // encrypted, with any password, even an empty user password
  too_many_pages,  // more than Limits::max_pages
  too_complex,     // the check ran out of CPU time, memory or wall-clock time
  check_failed,    // the check itself could not run (fork failed): try again later
};

struct Limits {
  std::size_t max_bytes = 10 * 1024 * 1024;  // MES: 10 MB
  int max_pages = 500;
  int cpu_seconds = 5;          // RLIMIT_CPU of the child
  std::size_t memory_mb = 512;  // RLIMIT_AS of the child, above what it inherits from the server
  int wall_ms = 15000;          // the parent kills the child after this
};

struct UploadCheck {
  Refusal refusal = Refusal::none;
  int pages = 0;       // when accepted: to show "3 pages" beside the file
  std::string sha256;  // lowercase hex of the bytes (computed whatever the outcome)
  bool ok() const { return refusal == Refusal::none; }
};

// Checks `bytes` as an uploaded PDF. Never throws for a bad file. Safe to call from several
// threads at once (each call forks its own child).
UploadCheck check_upload(std::string_view bytes, const Limits& limits = {});

// At most `slots` checks at once (each forks a child that may take up to Limits::wall_ms on a
// hostile file): a caller who finds every slot taken is told so at once, to answer "try again"
// (503 with Retry-After) rather than queue without bound. Safe to share between threads.
class CheckGate {
 public:
  explicit CheckGate(int slots) : slots_(slots < 1 ? 1 : slots) {}
  CheckGate(const CheckGate&) = delete;
  CheckGate& operator=(const CheckGate&) = delete;
  // A taken slot, given back when it goes.
  class Slot {
   public:
    Slot(Slot&& o) noexcept : gate_(o.gate_) { o.gate_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (gate_) gate_->running_--;
    }

   private:
    friend class CheckGate;
    explicit Slot(CheckGate* g) : gate_(g) {}
    CheckGate* gate_;
  };
  // A slot, or nullopt when all are taken.
  std::optional<Slot> try_enter();
  // check_upload in a slot; nullopt when all are taken (nothing was checked).
  std::optional<UploadCheck> try_check(std::string_view bytes, const Limits& limits = {});
  int running() const { return running_.load(); }
  int slots() const { return slots_; }

 private:
  std::atomic<int> running_{0};
  int slots_;
};

// A stable code for logs and i18n keys ("encrypted", "not_pdf"…): the key of the message shown
// to the user is "pdf.refusal." + code (web/i18n/fr.json, en.json).
std::string_view refusal_code(Refusal r);

// The sentence shown to the user in `lang` ("fr", "en") for a refusal, from the catalogs
// (pdf.refusal.*), with the limit in it where it matters ("10 Mo", "500"); empty for none.
std::string refusal_text(std::string_view lang, Refusal r, const Limits& limits = {});
// "1 page", "3 pages" (pdf.pages_one, pdf.pages).
std::string pages_text(std::string_view lang, int pages);

// Lowercase hex SHA-256 (libsodium).
std::string sha256_hex(std::string_view bytes);

namespace detail {
// What a child reports: an exit code (0…125) and, on success, a number written to the parent.
struct ChildOutcome {
  enum Kind { exited, out_of_cpu, out_of_time, killed, fork_failed } kind = exited;
  int exit_code = 0;
  long value = 0;
};
// Runs `work` in a forked child under `limits` (CPU, address space, wall clock). `work` returns
// the exit code and may set `value`; std::bad_alloc in the child gives exit code 120. Exposed
// for the tests of the limits themselves.
ChildOutcome run_limited(const std::function<int(long& value)>& work, const Limits& limits);
}  // namespace detail

}  // namespace sgee::pdf
