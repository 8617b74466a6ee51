#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ecalab::app {

// The secrets ECA Lab reads from its environment (ECALAB_CLIENT_SECRET, ECALAB_PASSWORD,
// ECALAB_NEW_PASSWORD, ECALAB_INIT_TOKEN, ECALAB_KEY_PASSPHRASE, ECALAB_REFRESH_TOKEN), taken out of it once at start: every child process — the
// --browser command, xdg-open, the desktop's default browser — then inherits an environment
// without them, whoever starts it.
namespace SecretEnvironment {
const QStringList &names();
void takeFromProcess(); // first thing in main(), before any thread or child process starts
QString value(const QString &name); // empty when unset

inline constexpr char16_t kKeyPassphraseName[] = u"ECALAB_KEY_PASSPHRASE";
inline constexpr char16_t kRefreshTokenName[] = u"ECALAB_REFRESH_TOKEN"; // answers `run refresh`'s refreshToken prompt
inline constexpr char16_t kPasswordName[] = u"ECALAB_PASSWORD";        // the headless flows' password prompt
inline constexpr char16_t kNewPasswordName[] = u"ECALAB_NEW_PASSWORD"; // forgot-password's newPassword prompt
inline constexpr char16_t kInitTokenName[] = u"ECALAB_INIT_TOKEN";     // a site's init APIs' Bearer token (§6.1)
// ECALAB_KEY_PASSPHRASE as the bytes OpenSSL decrypts a private key with (UTF-8); empty when unset.
QByteArray keyPassphrase();
} // namespace SecretEnvironment

} // namespace ecalab::app
