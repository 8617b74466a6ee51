// The entry point of the keychain module (KeychainModule.h); compiled into that module only.
#include "profile/KeychainModule.h"

#include "profile/KeychainSecretStore.h"

namespace {
std::unique_ptr<ecalab::SecretStore> createKeychainStore()
{
    return std::make_unique<ecalab::KeychainSecretStore>();
}

const ecalab::KeychainModuleApi kApi{
    .version = ecalab::KeychainModuleApi::kVersion,
    .create = createKeychainStore,
    .probe = ecalab::KeychainSecretStore::probe,
};
} // namespace

extern "C" Q_DECL_EXPORT const ecalab::KeychainModuleApi *ecalab_keychain_module()
{
    return &kApi;
}
