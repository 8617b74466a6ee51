#pragma once

#include "profile/SecretStore.h"

#include <QStringList>

#include <functional>
#include <memory>

class QObject;

namespace ecalab {
struct KeychainModuleApi;
}

namespace ecalab::app {

// ECALAB_SECRET_STORE=memory forces memory (tests, CI); otherwise the OS keychain if it answers
// within a few seconds, else memory — whose availabilityNote() says why (model-codebases §10.14:
// no silent fallback). The keychain is a module loaded here, on first need (KeychainModule.h).
void chooseSecretStore(QObject *context, std::function<void(std::unique_ptr<SecretStore>)> done);

// Where the keychain module may be for a program in `programDir`, in the order tried.
QStringList keychainModuleCandidates(const QString &programDir);
// The first candidate that loads and is of this build's version, else null and `why`.
const KeychainModuleApi *loadKeychainModule(const QStringList &candidates, QString *why);

} // namespace ecalab::app
