#pragma once

#include "profile/SecretStore.h"

#include <functional>
#include <memory>

class QObject;

namespace ecalab::app {

struct ChosenSecretStore
{
    std::unique_ptr<SecretStore> store;
    QString note; // empty when the keychain is used; otherwise why secrets are memory-only
};

// ECALAB_SECRET_STORE=memory forces memory (tests, CI); otherwise the OS keychain if it answers
// within a few seconds, else memory — and the note says so (model-codebases §10.14: no silent fallback).
void chooseSecretStore(QObject *context, std::function<void(ChosenSecretStore)> done);

} // namespace ecalab::app
