#pragma once

#include "profile/SecretStore.h"

#include <functional>
#include <memory>

class QObject;

namespace ecalab::app {

// ECALAB_SECRET_STORE=memory forces memory (tests, CI); otherwise the OS keychain if it answers
// within a few seconds, else memory — whose availabilityNote() says why (model-codebases §10.14:
// no silent fallback).
void chooseSecretStore(QObject *context, std::function<void(std::unique_ptr<SecretStore>)> done);

} // namespace ecalab::app
