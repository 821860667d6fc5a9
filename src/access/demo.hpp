#pragma once
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::access {
// The demo's TOTP keys (base32), in the order M0000001, E0000001, E0000003, E0000004, E0000005:
// the ministry agent and the RSE (an RSGE is her own) must give a second factor. Public, like the
// demo passwords.
inline constexpr const char* kDemoSecrets[] = {
    "OSF3T6ZZP7FB2ZNAMFSS2TE546EBKC2P", "FAXEY4VPJGKBAPCSBKBXQHTIRHPEPUFV",
    "DJMCA2IBDKDJHARG735JVQVGBWQEJ754", "JSCLFMXH3CDVHLXXJP6FPWFK5MV3XEA7",
    "FCXA5NIA64IKFVRGEDESMEEEDITY4WIE"};
// The secrets the ministry holds for CPE Les Lucioles (NEQ 1160000004, ACC-02): with them its
// officer's enrolment is activated at once. Public, like the demo passwords.
inline constexpr const char* kLuciolesAssessment = "400000004";
inline constexpr const char* kLuciolesInvitation = "LUCI2026";
// Demo organizations and accounts (idempotent). Returns one line per demo sign-in.
std::vector<std::string> seed_demo(db::Connection& c);
}  // namespace sgee::access
