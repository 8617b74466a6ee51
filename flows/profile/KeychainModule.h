#pragma once

#include "profile/SecretStore.h"

#include <memory>

// The OS keychain is a module (`ecalab_keychain`, flows/CMakeLists.txt) that a program loads the
// first time it needs a saved secret (app/SecretStores.cpp), not a library every start loads:
// QtKeychain brings Qt D-Bus, libdbus, libsystemd and libgcrypt — 9 of the 43 libraries of the
// command line, ~2.7 ms of each `ecalab run` on the 2-core machine (issue 15).
namespace ecalab {

struct KeychainModuleApi
{
    // Bumped when this struct changes, so a stale module from another build is refused.
    static constexpr int kVersion = 1;
    int version = kVersion;
    std::unique_ptr<SecretStore> (*create)() = nullptr;
    // KeychainSecretStore::probe.
    void (*probe)(QObject *context, std::function<void(bool available, const QString &why)> done) = nullptr;
};

} // namespace ecalab

// The module's one exported symbol (C linkage, so QLibrary::resolve finds it by this name).
extern "C" using EcalabKeychainModuleEntry = const ecalab::KeychainModuleApi *();
inline constexpr char kEcalabKeychainModuleEntry[] = "ecalab_keychain_module";
